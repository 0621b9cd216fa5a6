//! Offering an export (`present::export` says what it holds) as a file download, and the
//! analysis as a plain JavaScript object for `analyzeText()`.

use super::ui::element;
use crate::engine::Analysis;
use crate::present::export::{markdown, Cited, ExportKind, Source};
use crate::present::Language;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Document, HtmlElement, ShadowRoot, Url};

/// How long the download's object URL outlives the click that starts it.
const REVOKE_AFTER_MS: i32 = 10_000;

/// `value` as a plain object, `null` for what is unknown, as the command line prints it.
pub fn to_plain_object(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The file's content: the analysis in `kind`, citing `source`.
fn content(
    kind: ExportKind,
    analysis: &Analysis,
    source: &Source,
    language: Language,
) -> Result<String, JsValue> {
    match kind {
        ExportKind::Json => {
            let cited = to_plain_object(&Cited { analysis, source })?;
            js_sys::JSON::stringify_with_replacer_and_space(&cited, &JsValue::NULL, &2.into())?
                .as_string()
                .ok_or_else(|| "JSON.stringify failed".into())
        }
        ExportKind::Markdown => Ok(markdown(analysis, source, language)),
    }
}

/// Offers the analysis in `kind` as a file download, its headings in `language`.
pub fn download(
    doc: &Document,
    shadow: &ShadowRoot,
    analysis: &Analysis,
    source: &Source,
    kind: ExportKind,
    language: Language,
) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(&format!("{};charset=utf-8", kind.mime_type()));
    let content = content(kind, analysis, source, language)?;
    let blob =
        Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&content.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    // The link lives in our shadow root for the click, so the page's DOM never sees it.
    let link = element(doc, "a", "", None)?;
    link.set_attribute("href", &url)?;
    link.set_attribute("download", &kind.file_name(source))?;
    shadow.append_child(&link)?;
    link.unchecked_ref::<HtmlElement>().click();
    link.remove();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            REVOKE_AFTER_MS,
        )?;
    }
    Ok(())
}
