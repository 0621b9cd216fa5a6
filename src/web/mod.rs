//! The browser layer (wasm32 only): exports for the extension, the demo and embedders.
//!
//! `toggle()` draws QuoteLens on the current page or removes it; `renderInto()` draws the same
//! view into a container from pasted text or HTML; `analyzeText()` is the bare analysis.

mod export;
mod highlight;
mod schedule;
mod selection;
mod styles;
mod ui;
mod view;

#[cfg(test)]
mod tests;

pub mod dom_node;

use crate::engine;
use crate::present::{Language, Source};
use std::cell::RefCell;
use std::rc::Rc;
use view::{Mode, SharedView, View};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

thread_local! {
    /// The view drawn on the page by `toggle()`.
    static ACTIVE: RefCell<Option<SharedView>> = const { RefCell::new(None) };
    /// The view drawn by `renderInto()` (the demo has one).
    static EMBEDDED: RefCell<Option<SharedView>> = const { RefCell::new(None) };
    /// Whether `toggle()` is still reading the page for a view not yet drawn.
    static OPENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Called when the reader closes the page's view from its panel (see `onClosed`).
    static ON_CLOSED: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// How many times `renderInto()` was called: only the latest call's view is kept.
    static RENDERS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The answer of a `renderInto()` call that a later call replaced.
const REPLACED: &str = "Replaced by a later renderInto() call.";

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Analyses plain text (blocks separated by blank lines) and returns the analysis as a plain
/// object, the same shape as the command line's JSON.
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(text: &str, lang: &str) -> Result<JsValue, JsError> {
    let analysis = engine::analyze(&engine::blocks_from_text(text), lang);
    export::to_plain_object(&analysis).map_err(|e| JsError::new(&e.as_string().unwrap_or_default()))
}

/// Draws QuoteLens on the current document, or removes it if drawn (restoring the DOM exactly).
/// The interface speaks `interface_language` (a BCP 47 tag: the browser's; English when it is
/// none of the five); the text is read as `text_language` if given, else as the page declares;
/// `palette` "light" or "dark" forces the highlight colours for such pages, anything else lets the
/// page's background choose.
/// Resolves `{active:false}`, or `{active:true, quotes, actors, reported, blocks, marks, ms}` plus
/// `message` when there is no article or no quote. Rejects only on a real failure.
#[wasm_bindgen]
pub async fn toggle(
    interface_language: Option<String>,
    text_language: Option<String>,
    palette: Option<String>,
) -> Result<JsValue, JsValue> {
    if let Some(view) = ACTIVE.with(|active| active.borrow_mut().take()) {
        view.borrow_mut().close();
        return Ok(view.borrow().summary());
    }
    open_on_page(Mode::Page, interface_language, text_language, palette).await
}

/// Draws QuoteLens on the text selected in the page only ("Who said this?"), in place of what
/// was drawn before; resolves as `toggle()` does, with a message when nothing is selected.
#[wasm_bindgen(js_name = analyseSelection)]
pub async fn analyse_selection(
    interface_language: Option<String>,
    palette: Option<String>,
) -> Result<JsValue, JsValue> {
    if let Some(view) = ACTIVE.with(|active| active.borrow_mut().take()) {
        view.borrow_mut().close();
    }
    open_on_page(Mode::Selection, interface_language, None, palette).await
}

/// Opens the page's view (see `toggle()`) in `mode`.
async fn open_on_page(
    mode: Mode,
    interface_language: Option<String>,
    text_language: Option<String>,
    palette: Option<String>,
) -> Result<JsValue, JsValue> {
    let doc = document()?;
    let root = doc
        .document_element()
        .ok_or_else(|| error("the document has no root element"))?;
    let source = Source {
        title: doc.title(),
        url: doc.url().unwrap_or_default(),
        ..Source::default()
    };
    if OPENING.with(|opening| opening.replace(true)) {
        // A second click while the page is still being read: that first reading goes on.
        let answer = js_sys::Object::new();
        js_sys::Reflect::set(&answer, &"active".into(), &true.into())?;
        js_sys::Reflect::set(
            &answer,
            &"message".into(),
            &"Still reading the page.".into(),
        )?;
        return Ok(answer.into());
    }
    let interface = interface_language
        .as_deref()
        .and_then(Language::from_tag)
        .unwrap_or_default();
    let text_language = text_language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let opened = View::open(
        &doc,
        root.clone(),
        &root,
        mode,
        source,
        text_language,
        interface,
        view::engine_analyzer,
    )
    .await;
    OPENING.with(|opening| opening.set(false));
    let view = opened.map_err(failure)?;
    match palette.as_deref() {
        Some("light") => view.borrow().use_dark_palette(false)?,
        Some("dark") => view.borrow().use_dark_palette(true)?,
        _ => {}
    }
    ACTIVE.with(|active| *active.borrow_mut() = Some(view.clone()));
    finish(view).await
}

/// Draws the view into `container` from `input` (HTML when `is_html`, else plain text with
/// blank lines between paragraphs), replacing whatever the container held. Pasted HTML is
/// rebuilt from its text and plain structure only: no attribute, script or handler survives.
///
/// The latest call wins: a call made while an earlier one is still reading or drawing closes
/// the earlier view, whose call then resolves `{active:false, message}` saying it was replaced.
/// There is never more than one embedded view.
#[wasm_bindgen(js_name = renderInto)]
pub async fn render_into(
    container: Element,
    input: String,
    is_html: bool,
    lang: String,
) -> Result<JsValue, JsValue> {
    let call = RENDERS.with(|renders| renders.get() + 1);
    RENDERS.with(|renders| renders.set(call));
    let is_latest = || RENDERS.with(|renders| renders.get()) == call;
    if let Some(view) = EMBEDDED.with(|embedded| embedded.borrow_mut().take()) {
        view.borrow_mut().close();
    }
    let doc = container
        .owner_document()
        .ok_or_else(|| error("the container is not in a document"))?;
    let article = doc.create_element("article")?;
    if is_html {
        sanitised_copy(&doc, &input, &article)?;
    } else {
        for block in engine::blocks_from_text(&input) {
            ui::child(&doc, &article, "p", "", Some(&block.text))?;
        }
    }
    container.replace_children_with_node_1(&article);
    let source = Source {
        title: "Pasted text".to_string(),
        url: doc.url().unwrap_or_default(),
        ..Source::default()
    };
    let lang = Some(lang.trim()).filter(|l| !l.is_empty());
    let view = View::open(
        &doc,
        article,
        &container,
        Mode::Embedded,
        source,
        lang,
        // The demo page is in English.
        Language::English,
        view::engine_analyzer,
    )
    .await
    .map_err(failure)?;
    if !is_latest() {
        // A later call started while this one was reading: that one's view is the one shown.
        view.borrow_mut().close();
        return replaced();
    }
    EMBEDDED.with(|embedded| *embedded.borrow_mut() = Some(view.clone()));
    let summary = finish(view).await?;
    if is_latest() {
        Ok(summary)
    } else {
        replaced()
    }
}

fn replaced() -> Result<JsValue, JsValue> {
    let answer = js_sys::Object::new();
    js_sys::Reflect::set(&answer, &"active".into(), &false.into())?;
    js_sys::Reflect::set(&answer, &"message".into(), &REPLACED.into())?;
    Ok(answer.into())
}

async fn finish(view: SharedView) -> Result<JsValue, JsValue> {
    if let Err(e) = view::run(&view).await {
        close_view(&view);
        return Err(failure(e));
    }
    let summary = view.borrow().summary();
    Ok(summary)
}

/// Sets what is called, with no argument, when the reader closes the page's view from its panel
/// rather than through `toggle()`: the extension's button then shows it off.
#[wasm_bindgen(js_name = onClosed)]
pub fn on_closed(callback: Option<js_sys::Function>) {
    ON_CLOSED.with(|slot| *slot.borrow_mut() = callback);
}

/// The panel's close button: closes `view` as toggling off does, and tells the extension when
/// it was the page's view.
pub(crate) fn close_by_reader(view: &SharedView) {
    let was_active = ACTIVE.with(|active| {
        active
            .borrow()
            .as_ref()
            .is_some_and(|v| Rc::ptr_eq(v, view))
    });
    close_view(view);
    if was_active {
        if let Some(callback) = ON_CLOSED.with(|slot| slot.borrow().clone()) {
            if let Err(error) = callback.call0(&JsValue::NULL) {
                web_sys::console::warn_2(&"QuoteLens: onClosed failed".into(), &error);
            }
        }
    }
}

/// Closes `view` and forgets it (the sidebar's close button; the same as toggling off).
pub(crate) fn close_view(view: &SharedView) {
    view.borrow_mut().close();
    for slot in [&ACTIVE, &EMBEDDED] {
        slot.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_some_and(|v| Rc::ptr_eq(v, view)) {
                *slot = None;
            }
        });
    }
}

/// The computed value of the CSS property `name` on `element`, as the page lays it out.
pub(crate) fn computed_property(
    window: &web_sys::Window,
    element: &Element,
    name: &str,
) -> Option<String> {
    window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value(name).ok())
}

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| error("no document"))
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(&format!("QuoteLens: {message}")).into()
}

/// Rejections are Error objects with a message, whatever the DOM threw.
fn failure(value: JsValue) -> JsValue {
    if value.is_instance_of::<js_sys::Error>() {
        value
    } else {
        error(&value.as_string().unwrap_or_else(|| format!("{value:?}")))
    }
}

/// Copies the text and plain structure of `html` into `target`: known text elements without any
/// attribute; other elements are replaced by their content; active content is dropped.
fn sanitised_copy(doc: &Document, html: &str, target: &Element) -> Result<(), JsValue> {
    // A parsed, inert document: nothing in it loads or runs.
    let parsed =
        web_sys::DomParser::new()?.parse_from_string(html, web_sys::SupportedType::TextHtml)?;
    if let Some(body) = parsed.body() {
        copy_children(doc, &body.into(), target)?;
    }
    Ok(())
}

fn copy_children(doc: &Document, from: &Node, to: &Element) -> Result<(), JsValue> {
    const KEPT: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "figure",
        "figcaption",
        "article",
        "section",
        "main",
        "header",
        "div",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "q",
        "cite",
        "small",
        "sub",
        "sup",
        "br",
        "a",
        "time",
        "abbr",
        "code",
    ];
    const DROPPED: &[&str] = &[
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "head", "nav", "footer", "form",
    ];
    let children = from.child_nodes();
    for child in (0..children.length()).filter_map(|i| children.item(i)) {
        if child.node_type() == Node::TEXT_NODE {
            to.append_child(&doc.create_text_node(&child.node_value().unwrap_or_default()))?;
        } else if let Some(element) = child.dyn_ref::<Element>() {
            let tag = element.local_name().to_ascii_lowercase();
            if DROPPED.contains(&tag.as_str()) {
                continue;
            }
            if KEPT.contains(&tag.as_str()) {
                let copy = doc.create_element(&tag)?;
                copy_children(doc, &child, &copy)?;
                to.append_child(&copy)?;
            } else {
                copy_children(doc, &child, to)?;
            }
        }
    }
    Ok(())
}
