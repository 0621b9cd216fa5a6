//! Downloading the analysis as JSON or Markdown, both citing the page they were made of.

use super::present::{self, Source};
use super::ui::element;
use crate::engine::Analysis;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Document, HtmlElement, ShadowRoot, Url};

/// The analysis as a plain object, `null` for what is unknown, as the command line prints it.
pub fn to_plain_object(analysis: &Analysis) -> Result<JsValue, JsValue> {
    analysis
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The JSON export: the analysis with a `source` giving the page's title and URL.
pub fn json(analysis: &Analysis, source: &Source) -> Result<String, JsValue> {
    let object = to_plain_object(analysis)?;
    let cited = js_sys::Object::new();
    js_sys::Reflect::set(&cited, &"title".into(), &source.title.as_str().into())?;
    js_sys::Reflect::set(&cited, &"url".into(), &source.url.as_str().into())?;
    js_sys::Reflect::set(&object, &"source".into(), &cited)?;
    js_sys::JSON::stringify_with_replacer_and_space(&object, &JsValue::NULL, &JsValue::from(2))?
        .as_string()
        .ok_or_else(|| "JSON.stringify failed".into())
}

/// Offers the analysis in `kind` ("json" or "markdown") as a file download.
pub fn download(
    doc: &Document,
    shadow: &ShadowRoot,
    analysis: &Analysis,
    source: &Source,
    kind: &str,
) -> Result<(), JsValue> {
    let (content, mime, extension) = match kind {
        "json" => (json(analysis, source)?, "application/json", "json"),
        "markdown" => (present::markdown(analysis, source), "text/markdown", "md"),
        _ => return Err(format!("unknown export {kind}").into()),
    };
    let options = BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob =
        Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&content.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    // The link lives in our shadow root for the click, so the page's DOM never sees it.
    let link = element(doc, "a", "", None)?;
    link.set_attribute("href", &url)?;
    link.set_attribute(
        "download",
        &format!("quotelens-{}.{extension}", file_stem(&source.title)),
    )?;
    shadow.append_child(&link)?;
    link.unchecked_ref::<HtmlElement>().click();
    link.remove();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            10_000,
        )?;
    }
    Ok(())
}

/// A file name from a page title: lower-case words joined by dashes, at most 60 characters.
fn file_stem(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut stem = String::new();
    for word in words {
        if stem.len() + word.len() + 1 > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    if stem.is_empty() {
        "analysis".to_string()
    } else {
        stem
    }
}
