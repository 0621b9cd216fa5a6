//! The highlights of one view: every quote's marks in its speaker's style, the quote pointed at
//! with its cue and mention underlined, and the dimming of all speakers but one.

use super::super::highlight::{current_segments, Highlighter, MARK_TAG};
use crate::article::Article;
use crate::engine::{Analysis, Span};
use crate::present::{self, ActorKey, Evidence, Language};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node, Text};

/// How long a quote reached from the sidebar keeps its flash.
const FLASH_MS: i32 = 1500;

/// A highlighted quote and what its marks show, to update them only when that changes.
struct DrawnQuote {
    marks: Vec<Element>,
    index: usize,
    slot: Option<usize>,
    speaker: String,
}

/// Where a quote stands in the text, which stays put while its index in the analysis may not.
type SpanKey = (usize, usize, usize);

fn span_key(span: &Span) -> SpanKey {
    (span.block, span.start_utf16, span.end_utf16)
}

pub struct Marks {
    doc: Document,
    /// The language of the highlights' spoken descriptions.
    language: Language,
    highlighter: Highlighter,
    /// The underlines of the active quote's cue and mention, undone before any other change to
    /// the highlights so that each highlighter finds its own splits as it left them.
    evidence: Highlighter,
    drawn: HashMap<SpanKey, DrawnQuote>,
    /// Marks of each quote of the analysis, by quote index.
    marks_of: Vec<Vec<Element>>,
    /// Colour slot of each actor of the analysis.
    slots: Vec<Option<usize>>,
    /// The speaker whose highlights are shown alone, if any.
    filter: Option<ActorKey>,
    /// The quote under the pointer or focus, whose marks are shown as one.
    active: Option<usize>,
}

impl Marks {
    pub fn new(doc: &Document, language: Language) -> Marks {
        Marks {
            doc: doc.clone(),
            language,
            highlighter: Highlighter::default(),
            evidence: Highlighter::default(),
            drawn: HashMap::new(),
            marks_of: Vec::new(),
            slots: Vec::new(),
            filter: None,
            active: None,
        }
    }

    pub fn mark_count(&self) -> usize {
        self.highlighter.mark_count()
    }

    pub fn active(&self) -> Option<usize> {
        self.active
    }

    /// The quotes drawn and not dimmed by the filter, in reading order: where the next and
    /// previous quote keys go.
    pub fn navigable(&self, analysis: &Analysis) -> Vec<usize> {
        let mut quotes: Vec<usize> = (0..self.marks_of.len())
            .filter(|&i| !self.marks_of[i].is_empty())
            .filter(|&i| {
                self.filter
                    .is_none_or(|key| ActorKey::of(&analysis.quotes[i]) == key)
            })
            .collect();
        quotes.sort_by_key(|&i| {
            let span = analysis.quotes[i].span;
            (span.block, span.start_utf16)
        });
        quotes
    }

    pub fn filter(&self) -> Option<ActorKey> {
        self.filter
    }

    pub fn is_drawn(&self, span: &Span) -> bool {
        self.drawn.contains_key(&span_key(span))
    }

    /// Undoes the evidence underlines before highlights are added (see `evidence`).
    pub fn lift_evidence(&mut self) {
        self.evidence.clear();
    }

    /// Removes every highlight and underline, leaving the text as it was.
    pub fn clear(&mut self) {
        self.active = None;
        self.evidence.clear();
        self.highlighter.clear();
        self.drawn.clear();
        self.marks_of.clear();
        self.slots.clear();
    }

    /// Wraps quote `index` (whose block's later quotes are already wrapped) in marks.
    pub fn draw_quote(
        &mut self,
        article: &Article<Node>,
        analysis: &Analysis,
        index: usize,
    ) -> Result<(), JsValue> {
        let quote = &analysis.quotes[index];
        let span = quote.span;
        let slot = self.slot_of(quote.actor);
        let classes = present::mark_classes(slot);
        let speaker = present::speaker_name(analysis, quote).to_string();
        let doc = &self.doc;
        let marks = wrap_span(article, &mut self.highlighter, &span, || {
            let mark = doc.create_element(MARK_TAG)?;
            mark.set_class_name(&classes);
            mark.set_attribute("data-quotelens-quote", &index.to_string())?;
            mark.set_attribute("data-quotelens-speaker", &speaker)?;
            Ok(mark)
        })?;
        if let Some(first) = marks.first() {
            first.set_attribute("tabindex", "0")?;
            first.set_attribute(
                "aria-description",
                &present::tooltip(analysis, quote, self.language).sentence(self.language),
            )?;
        }
        if let Some(slot) = self.marks_of.get_mut(index) {
            slot.clone_from(&marks);
        }
        self.drawn.insert(
            span_key(&span),
            DrawnQuote {
                marks,
                index,
                slot,
                speaker,
            },
        );
        Ok(())
    }

    fn slot_of(&self, actor: Option<usize>) -> Option<usize> {
        actor.and_then(|a| self.slots.get(a).copied().flatten())
    }

    /// After a new snapshot of the analysis: quotes drawn earlier may have a new index, speaker
    /// or colour; their marks follow.
    pub fn restyle(&mut self, analysis: &Analysis) {
        self.slots = present::colour_slots(analysis);
        let mut moved = false;
        let mut active = self.active;
        for (index, quote) in analysis.quotes.iter().enumerate() {
            let slot = self.slot_of(quote.actor);
            let Some(drawn) = self.drawn.get_mut(&span_key(&quote.span)) else {
                continue;
            };
            let speaker = present::speaker_name(analysis, quote);
            if drawn.index == index && drawn.slot == slot && drawn.speaker == speaker {
                continue;
            }
            let classes = present::mark_classes(slot);
            for mark in &drawn.marks {
                mark.set_class_name(&classes);
                let _ = mark.set_attribute("data-quotelens-quote", &index.to_string());
                let _ = mark.set_attribute("data-quotelens-speaker", speaker);
            }
            if let Some(first) = drawn.marks.first() {
                let _ = first.set_attribute(
                    "aria-description",
                    &present::tooltip(analysis, quote, self.language).sentence(self.language),
                );
            }
            moved |= drawn.index != index;
            if self.active == Some(drawn.index) {
                // The quote pointed at stays so under its new index.
                active = Some(index);
            }
            (drawn.index, drawn.slot, drawn.speaker) = (index, slot, speaker.to_string());
        }
        self.active = active;
        if moved {
            self.index_marks(analysis);
        } else {
            self.marks_of.resize(analysis.quotes.len(), Vec::new());
        }
        if self.filter.is_some() {
            self.apply_filter(analysis);
        }
    }

    /// Rebuilds the marks-by-quote index from scratch, for when quotes changed places.
    fn index_marks(&mut self, analysis: &Analysis) {
        self.marks_of = vec![Vec::new(); analysis.quotes.len()];
        for drawn in self.drawn.values() {
            if let Some(slot) = self.marks_of.get_mut(drawn.index) {
                slot.clone_from(&drawn.marks);
            }
        }
    }

    /// Shows only `key`'s highlights, or everyone's again when `key` was the one shown.
    pub fn toggle_filter(&mut self, analysis: &Analysis, key: ActorKey) {
        self.filter = if self.filter == Some(key) {
            None
        } else {
            Some(key)
        };
        self.apply_filter(analysis);
    }

    /// Dims the marks of everyone but the filtered speaker.
    fn apply_filter(&self, analysis: &Analysis) {
        for (index, marks) in self.marks_of.iter().enumerate() {
            let dimmed = self
                .filter
                .is_some_and(|key| ActorKey::of(&analysis.quotes[index]) != key);
            for mark in marks {
                let _ = mark
                    .class_list()
                    .toggle_with_force("quotelens-dimmed", dimmed);
            }
        }
    }

    /// Marks every piece of quote `index` (a quote crossing markup has several) as the one
    /// pointed at and underlines its evidence; `None` clears both.
    pub fn set_active(
        &mut self,
        article: &Article<Node>,
        analysis: &Analysis,
        index: Option<usize>,
    ) {
        if self.active == index {
            return;
        }
        for (quote, on) in [(self.active, false), (index, true)] {
            for mark in quote
                .and_then(|q| self.marks_of.get(q))
                .into_iter()
                .flatten()
            {
                let _ = mark.class_list().toggle_with_force("quotelens-active", on);
            }
        }
        self.active = index;
        self.evidence.clear();
        let _ = self.underline_evidence(article, analysis);
    }

    /// Underlines the active quote's cue and the words naming its speaker (perhaps paragraphs
    /// earlier) in the speaker's style; what overlaps a highlight is left out.
    pub fn underline_evidence(
        &mut self,
        article: &Article<Node>,
        analysis: &Analysis,
    ) -> Result<(), JsValue> {
        let Some(quote) = self.active.and_then(|i| analysis.quotes.get(i)) else {
            return Ok(());
        };
        let slot = self.slot_of(quote.actor);
        let evidence = [
            (quote.cue_span, Evidence::Cue),
            (quote.mention.as_ref().map(|m| m.span), Evidence::Mention),
        ];
        let doc = &self.doc;
        for (span, which) in evidence {
            let Some(span) = span else { continue };
            let classes = present::evidence_classes(slot, which);
            wrap_span(article, &mut self.evidence, &span, || {
                let mark = doc.create_element(MARK_TAG)?;
                mark.set_class_name(&classes);
                Ok(mark)
            })?;
        }
        Ok(())
    }

    /// Scrolls quote `index` into view, focuses it and flashes it; returns its first mark. (The
    /// focus event reaches no handler of the view while the view is busy calling this: the
    /// caller shows the tooltip.)
    pub fn reveal_quote(&self, index: usize) -> Option<Element> {
        let marks = self.marks_of.get(index)?;
        let first = marks.first()?.clone();
        scroll_to(&first);
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = first
            .unchecked_ref::<HtmlElement>()
            .focus_with_options(&focus);
        for mark in marks {
            let _ = mark.class_list().add_1("quotelens-flash");
        }
        let marks = marks.clone();
        let unflash = Closure::once_into_js(move || {
            for mark in &marks {
                let _ = mark.class_list().remove_1("quotelens-flash");
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                unflash.unchecked_ref(),
                FLASH_MS,
            );
        }
        Some(first)
    }
}

/// Wraps the text of `span` in marks made by `new_mark`, one per text node it crosses now (the
/// highlights may have split the page's nodes), and returns them in document order. What cannot
/// be wrapped cleanly (see [`Highlighter::wrap`]) is left as it is.
fn wrap_span(
    article: &Article<Node>,
    highlighter: &mut Highlighter,
    span: &Span,
    mut new_mark: impl FnMut() -> Result<Element, JsValue>,
) -> Result<Vec<Element>, JsValue> {
    let mut segments = Vec::new();
    for piece in article.pieces.get(span.block).into_iter().flatten() {
        let from = span.start_utf16.max(piece.block_start);
        let to = span.end_utf16.min(piece.block_start + piece.len);
        let Some(node) = piece.node.dyn_ref::<Text>().filter(|_| from < to) else {
            continue;
        };
        let node_offset = |at: usize| (piece.node_start + at - piece.block_start) as u32;
        segments.extend(current_segments(node, node_offset(from), node_offset(to)));
    }
    let mut marks = Vec::new();
    // From the end backwards, so that offsets before each split stay valid in the node.
    for segment in segments.iter().rev() {
        let mark = new_mark()?;
        if highlighter.wrap(segment, &mark)? {
            marks.push(mark);
        }
    }
    marks.reverse();
    Ok(marks)
}

pub fn scroll_to(element: &Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Instant);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}
