//! The QuoteLens interface: one `<quotelens-root>` host with an open shadow root holding the
//! sidebar and the tooltip. Page text only ever enters it through `textContent`.

use super::styles::shadow_css;
use crate::engine::{Analysis, Position};
use crate::present::action::{Action, ACTION_ATTRIBUTE};
use crate::present::export::ExportKind;
use crate::present::{self, ActorEntry, ActorKey, Language, Message, TooltipText};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, Document, DocumentFragment, DomRect, Element, HtmlElement, Node, ShadowRoot,
    ShadowRootInit, ShadowRootMode,
};

pub const HOST_TAG: &str = "quotelens-root";

/// Positions listed under an actor before a "show all" button.
pub const POSITIONS_SHOWN: usize = 20;

pub struct Ui {
    /// The language the interface speaks.
    pub language: Language,
    pub host: Element,
    pub shadow: ShadowRoot,
    sidebar: Element,
    collapse: Element,
    summary: Element,
    /// A live region: what it is given is read out by screen readers.
    announcer: Element,
    message: Element,
    exports: Element,
    actors: Element,
    tooltip: Element,
    /// The buttons choosing the language the text is read in.
    text_languages: Vec<(Language, Element)>,
}

/// Shows a short note in the panel's message line and has screen readers read it out.
pub struct Notifier {
    message: Element,
    announcer: Element,
}

impl Notifier {
    pub fn notify(&self, text: &str) {
        self.message.set_text_content(Some(text));
        self.announcer.set_text_content(Some(text));
    }
}

/// Creates an element with a class (or none) and, where given, its text.
pub fn element(
    doc: &Document,
    tag: &str,
    class: &str,
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if let Some(text) = text {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// A button doing `action` when clicked.
fn action_button(
    doc: &Document,
    class: &str,
    text: Option<&str>,
    action: Action,
) -> Result<Element, JsValue> {
    let button = element(doc, "button", class, text)?;
    button.set_attribute("type", "button")?;
    button.set_attribute(ACTION_ATTRIBUTE, &action.encode())?;
    Ok(button)
}

/// Creates an element as [`element`] does and appends it to `parent`.
pub fn child(
    doc: &Document,
    parent: &Node,
    tag: &str,
    class: &str,
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let el = element(doc, tag, class, text)?;
    parent.append_child(&el)?;
    Ok(el)
}

impl Ui {
    /// Builds the interface inside `parent` (the page's `<html>`, or the demo's container),
    /// speaking `language`.
    pub fn new(
        doc: &Document,
        parent: &Element,
        embedded: bool,
        language: Language,
    ) -> Result<Ui, JsValue> {
        let say = |message| language.text(message);
        let host = doc.create_element(HOST_TAG)?;
        if embedded {
            host.set_class_name("embedded");
        }
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        adopt_styles(doc, &shadow)?;

        let sidebar = element(doc, "aside", "", None)?;
        sidebar.set_id("sidebar");
        sidebar.set_attribute("role", "complementary")?;
        sidebar.set_attribute("aria-label", "QuoteLens")?;
        let header = element(doc, "header", "", None)?;
        child(doc, &header, "h2", "", Some(say(Message::PanelTitle)))?;
        let collapse = action_button(doc, "collapse", Some("–"), Action::Fold)?;
        collapse.set_attribute("aria-expanded", "true")?;
        collapse.set_attribute("aria-label", say(Message::FoldPanel))?;
        collapse.set_attribute("title", say(Message::FoldHint))?;
        header.append_child(&collapse)?;
        let close = action_button(doc, "close", Some("×"), Action::Close)?;
        close.set_attribute("aria-label", say(Message::Close))?;
        close.set_attribute("title", say(Message::Close))?;
        header.append_child(&close)?;
        sidebar.append_child(&header)?;
        // The interface's language, so that screen readers pronounce it right on any page.
        sidebar.set_attribute("lang", language.code())?;

        let summary = element(doc, "p", "summary", Some(say(Message::ReadingArticle)))?;
        sidebar.append_child(&summary)?;
        // Read out once the article is drawn, not at every step of the progress in the summary.
        let announcer = element(doc, "p", "visually-hidden", None)?;
        announcer.set_attribute("aria-live", "polite")?;
        announcer.set_attribute("aria-atomic", "true")?;
        sidebar.append_child(&announcer)?;
        child(doc, &sidebar, "p", "keys", Some(say(Message::KeysHint)))?;
        let languages_row = element(doc, "p", "text-languages", None)?;
        let mut text_languages = Vec::new();
        child(
            doc,
            &languages_row,
            "span",
            "label",
            Some(say(Message::TextLanguage)),
        )?;
        for text_language in Language::ALL {
            let name = text_language.own_name();
            let button = action_button(doc, "", Some(name), Action::AnalyseIn(text_language))?;
            button.set_attribute("lang", text_language.code())?;
            button.set_attribute("aria-pressed", "false")?;
            button.set_attribute("title", &language.fill(Message::AnalyseIn, &[name]))?;
            languages_row.append_child(&button)?;
            text_languages.push((text_language, button));
        }
        sidebar.append_child(&languages_row)?;
        let message = element(doc, "p", "message", None)?;
        sidebar.append_child(&message)?;
        let exports = element(doc, "div", "exports", None)?;
        exports.set_attribute("hidden", "")?;
        for kind in ExportKind::ALL {
            let label = match kind {
                ExportKind::Json => Message::ExportJson,
                ExportKind::Markdown => Message::ExportMarkdown,
            };
            let button = action_button(doc, "", Some(say(label)), Action::Export(kind))?;
            exports.append_child(&button)?;
        }
        sidebar.append_child(&exports)?;
        let actors = element(doc, "ul", "actors", None)?;
        actors.set_attribute("aria-label", say(Message::ActorsLabel))?;
        sidebar.append_child(&actors)?;
        shadow.append_child(&sidebar)?;

        let tooltip = element(doc, "div", "", None)?;
        tooltip.set_id("tooltip");
        tooltip.set_attribute("role", "tooltip")?;
        tooltip.set_attribute("hidden", "")?;
        shadow.append_child(&tooltip)?;

        parent.append_child(&host)?;
        Ok(Ui {
            language,
            host,
            shadow,
            sidebar,
            collapse,
            summary,
            announcer,
            message,
            exports,
            actors,
            tooltip,
            text_languages,
        })
    }

    /// Marks the language the text is read in (a code as pages declare it) among the buttons.
    pub fn show_text_language(&self, code: &str) {
        let chosen = Language::from_tag(code);
        for (language, button) in &self.text_languages {
            let pressed = chosen == Some(*language);
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    }

    /// Gives the highlights the palette for dark backgrounds (extension/quotelens.css reads the
    /// class on the host), or the one for light backgrounds.
    pub fn set_on_dark(&self, on_dark: bool) -> Result<(), JsValue> {
        self.host
            .class_list()
            .toggle_with_force("on-dark", on_dark)
            .map(|_| ())
    }

    pub fn is_collapsed(&self) -> bool {
        self.sidebar.class_list().contains("collapsed")
    }

    /// Folds the panel down to its header, or unfolds it.
    pub fn set_collapsed(&self, collapsed: bool) -> Result<(), JsValue> {
        self.sidebar
            .class_list()
            .toggle_with_force("collapsed", collapsed)?;
        // The page's stylesheet reads it on the host, to give the page back its width.
        self.host
            .class_list()
            .toggle_with_force("folded", collapsed)?;
        self.collapse
            .set_attribute("aria-expanded", if collapsed { "false" } else { "true" })?;
        self.collapse
            .set_text_content(Some(if collapsed { "+" } else { "–" }));
        self.collapse.set_attribute(
            "aria-label",
            self.language.text(if collapsed {
                Message::UnfoldPanel
            } else {
                Message::FoldPanel
            }),
        )?;
        Ok(())
    }

    /// Has screen readers read `text` out.
    pub fn announce(&self, text: &str) {
        self.announcer.set_text_content(Some(text));
    }

    /// Something to tell the reader later (after the clipboard answers), seen and read out.
    pub fn notifier(&self) -> Notifier {
        Notifier {
            message: self.message.clone(),
            announcer: self.announcer.clone(),
        }
    }

    /// The control doing `action`, if the panel shows one.
    pub fn control(&self, action: Action) -> Option<HtmlElement> {
        let selector = format!("[{ACTION_ATTRIBUTE}=\"{}\"]", action.encode());
        self.shadow
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    }

    /// Whether the keyboard focus is in the panel.
    pub fn has_focus(&self) -> bool {
        self.shadow.active_element().is_some()
    }

    pub fn set_summary(&self, text: &str) {
        self.summary.set_text_content(Some(text));
    }

    pub fn set_message(&self, text: &str) {
        self.message.set_text_content(Some(text));
    }

    /// One entry of the actor list, for a list being built (see [`Ui::show_actors`]). Lists of
    /// more than [`POSITIONS_SHOWN`] positions end in a "show all" button unless `expanded`: the
    /// sidebar of a huge article stays quick to build and to read.
    pub fn actor_item(
        &self,
        doc: &Document,
        analysis: &Analysis,
        entry: &ActorEntry,
        expanded: bool,
    ) -> Result<Element, JsValue> {
        actor_item(doc, analysis, entry, expanded, self.language)
    }

    /// Replaces the actor list with `list`, built from `count` entries.
    pub fn show_actors(&self, list: &DocumentFragment, count: usize) -> Result<(), JsValue> {
        self.actors.set_text_content(None);
        self.actors.append_child(list)?;
        self.exports
            .toggle_attribute_with_force("hidden", count == 0)?;
        self.sidebar
            .class_list()
            .toggle_with_force("empty", count == 0)?;
        Ok(())
    }

    /// Empties the actor list: the page is being read again, and its highlights are gone.
    pub fn clear_actors(&self) -> Result<(), JsValue> {
        self.show_actors(&DocumentFragment::new()?, 0)
    }

    /// Marks the actor whose highlights are shown alone, if any.
    pub fn show_filter(&self, actor_id: Option<&str>) {
        let names = self.shadow.query_selector_all("[data-actor-id]").ok();
        for item in names
            .iter()
            .flat_map(|list| (0..list.length()).filter_map(|i| list.item(i)))
        {
            let Ok(item) = item.dyn_into::<Element>() else {
                continue;
            };
            let pressed =
                actor_id.is_some() && item.get_attribute("data-actor-id").as_deref() == actor_id;
            if let Ok(Some(name)) = item.query_selector(".name") {
                let _ = name.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            }
        }
    }

    pub fn show_tooltip(
        &self,
        doc: &Document,
        text: &TooltipText,
        anchor: &DomRect,
    ) -> Result<(), JsValue> {
        let tooltip = &self.tooltip;
        tooltip.set_text_content(None);
        child(doc, tooltip, "div", "speaker", Some(&text.speaker))?;
        child(
            doc,
            tooltip,
            "div",
            "role",
            Some(text.role.as_deref().unwrap_or("")),
        )?;
        child(doc, tooltip, "div", "why", Some(&text.why))?;
        for (label, class, value) in [
            (Message::CueLabel, "cue", text.cue.as_deref().unwrap_or("")),
            (Message::AttributionLabel, "confidence", &text.confidence),
        ] {
            let row = element(doc, "div", "row", None)?;
            child(doc, &row, "span", "label", Some(self.language.text(label)))?;
            child(doc, &row, "span", class, Some(value))?;
            if value.is_empty() {
                row.set_attribute("hidden", "")?;
            }
            tooltip.append_child(&row)?;
        }
        child(
            doc,
            tooltip,
            "div",
            "hint",
            Some(self.language.text(Message::TooltipHint)),
        )?;
        tooltip.remove_attribute("hidden")?;
        self.place_tooltip(anchor)
    }

    /// Puts the tooltip below the highlight, or above it where the viewport ends, through the
    /// CSSOM (no style attribute is parsed, so no page CSP can object).
    pub fn place_tooltip(&self, anchor: &DomRect) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let viewport_w = window.inner_width()?.as_f64().unwrap_or(1024.0);
        let viewport_h = window.inner_height()?.as_f64().unwrap_or(768.0);
        let own = self.tooltip.get_bounding_client_rect();
        let gap = 8.0;
        let top = if anchor.bottom() + gap + own.height() <= viewport_h
            || anchor.top() < own.height() + gap
        {
            anchor.bottom() + gap
        } else {
            anchor.top() - gap - own.height()
        };
        let left = anchor.left().min(viewport_w - own.width() - gap).max(gap);
        let style = self.tooltip.unchecked_ref::<HtmlElement>().style();
        style.set_property("left", &format!("{left:.0}px"))?;
        style.set_property("top", &format!("{top:.0}px"))?;
        Ok(())
    }

    pub fn hide_tooltip(&self) {
        let _ = self.tooltip.set_attribute("hidden", "");
    }
}

/// Constructable stylesheets are adopted by the shadow root, out of reach of the page's CSP and
/// CSS. Where adoption is refused (seen with content-script wrappers), a `<style>` element inside
/// the shadow root carries the same rules.
fn adopt_styles(doc: &Document, shadow: &ShadowRoot) -> Result<(), JsValue> {
    let css = shadow_css();
    let adopted = CssStyleSheet::new().and_then(|sheet| {
        sheet.replace_sync(&css)?;
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        Ok(shadow.adopted_style_sheets().length() == 1)
    });
    if !matches!(adopted, Ok(true)) {
        child(doc, shadow, "style", "", Some(&css))?;
    }
    Ok(())
}

fn actor_item(
    doc: &Document,
    analysis: &Analysis,
    entry: &ActorEntry,
    expanded: bool,
    language: Language,
) -> Result<Element, JsValue> {
    // What no speaker was found for is listed too, but it is no actor.
    let item = element(
        doc,
        "li",
        if entry.key == ActorKey::Unknown {
            "unattributed"
        } else {
            "actor"
        },
        None,
    )?;
    item.set_attribute("data-actor-id", &entry.key.attribute(analysis))?;
    let head = element(doc, "div", "actor-head", None)?;
    let swatch_class = entry
        .slot
        .map_or("swatch".to_string(), |k| format!("swatch speaker-{k}"));
    let swatch = element(doc, "span", &swatch_class, None)?;
    swatch.set_attribute("aria-hidden", "true")?;
    head.append_child(&swatch)?;
    let name = action_button(doc, "name", Some(&entry.name), Action::Filter(entry.key))?;
    name.set_attribute("aria-pressed", "false")?;
    name.set_attribute("title", language.text(Message::FilterHint))?;
    head.append_child(&name)?;
    let count = child(
        doc,
        &head,
        "span",
        "count",
        Some(&entry.count().to_string()),
    )?;
    count.set_attribute("title", &entry.breakdown(language))?;
    // Screen readers get the words, not the bare figure (a label on a plain span is not read).
    count.set_attribute("aria-hidden", "true")?;
    child(
        doc,
        &head,
        "span",
        "visually-hidden",
        Some(&entry.breakdown(language)),
    )?;
    item.append_child(&head)?;
    if let Some(role) = &entry.role {
        child(doc, &item, "div", "role", Some(role))?;
    }
    let positions = element(doc, "ol", "positions", None)?;
    let shown = if expanded {
        entry.positions.len()
    } else {
        POSITIONS_SHOWN.min(entry.positions.len())
    };
    for position in &entry.positions[..shown] {
        let li = element(doc, "li", "", None)?;
        li.append_child(&position_button(doc, analysis, *position, language)?.into())?;
        if let Position::Quote(index) = *position {
            // Beside the entry, not inside it: a button may not hold another.
            let copy = action_button(
                doc,
                "copy",
                Some(language.text(Message::Copy)),
                Action::CopyQuote(index),
            )?;
            copy.set_attribute("title", language.text(Message::CopyHint))?;
            li.append_child(&copy)?;
        }
        positions.append_child(&li)?;
    }
    item.append_child(&positions)?;
    if shown < entry.positions.len() {
        let more = action_button(
            doc,
            "more",
            Some(&language.fill(Message::ShowAll, &[&entry.positions.len().to_string()])),
            Action::ShowAll(entry.key),
        )?;
        item.append_child(&more)?;
    }
    Ok(item)
}

fn position_button(
    doc: &Document,
    analysis: &Analysis,
    position: Position,
    language: Language,
) -> Result<Element, JsValue> {
    let action = match position {
        Position::Quote(index) => Action::RevealQuote(index),
        Position::Reported(index) => Action::RevealReported(index),
    };
    let button = action_button(doc, "position", None, action)?;
    match position {
        Position::Quote(index) => {
            let quote = &analysis.quotes[index];
            child(
                doc,
                &button,
                "span",
                "text",
                Some(&format!("“{}”", quote.text)),
            )?;
            if let Some(cue) = &quote.cue {
                child(doc, &button, "span", "cue", Some(cue))?;
            }
        }
        Position::Reported(index) => {
            let statement = &analysis.reported[index];
            // Only a side taken on something the text names earns a badge.
            if let Some(stance) = &statement.stance {
                child(
                    doc,
                    &button,
                    "span",
                    &format!("stance stance-{}", present::side_name(stance.side)),
                    Some(&present::stance_text(stance, language)),
                )?;
            }
            child(doc, &button, "span", "text", Some(&statement.text))?;
            child(doc, &button, "span", "cue", Some(&statement.cue))?;
        }
    }
    Ok(button)
}
