//! One drawn view: the article found, its analysis, the highlights, the interface, and what
//! listens to the page. Drawing is progressive: blocks are analysed and highlighted in slices,
//! yielding to the page between them; content the page adds later is analysed incrementally.

use super::highlight::{current_segments, resolve_point, Highlighter, MARK_TAG};
use super::present::{self, plural, ActorKey, Evidence, Source};
use super::schedule::{next_task, now, sleep, Slice, SliceLog, SLICE_MS};
use super::ui::Ui;
use crate::article::{Article, Extractor};
use crate::engine::{self, Analysis, Block, Span};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventTarget, HtmlElement, MutationObserver, MutationObserverInit,
    Node, Text,
};

/// How often the sidebar is rebuilt while a long article is still being read.
const SIDEBAR_REFRESH_MS: f64 = 1000.0;
/// Quiet time after the page's last change before the new content is read.
const MUTATION_SETTLE_MS: i32 = 300;
/// Past this many changed nodes in one go, reading the whole page again is cheaper.
const RESCAN_THRESHOLD: usize = 1000;
/// How long a quote reached from the sidebar keeps its flash.
const FLASH_MS: i32 = 1500;

pub const NO_ARTICLE: &str = "No article found on this page.";
pub const NO_QUOTES: &str = "No quotes found in this article.";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The live page: a fixed sidebar, and an observer for content added later.
    Page,
    /// Drawn into a container (the demo page).
    Embedded,
}

pub type SharedView = Rc<RefCell<View>>;

/// The actor list being rebuilt, a few entries per slice, off the page until complete.
struct SidebarBuild {
    entries: Vec<present::ActorEntry>,
    next: usize,
    list: web_sys::DocumentFragment,
}

/// The analysis as the view uses it: blocks in reading order in, snapshots out (the interface of
/// `engine::Analyzer`; tests give the view analyses of their own through it).
pub trait Analyse {
    fn add_blocks(&mut self, blocks: &[Block]);
    fn analysis(&self) -> Analysis;
}

/// Makes an analyser for a language.
pub type NewAnalyzer = fn(&str) -> Box<dyn Analyse>;

impl Analyse for engine::Analyzer {
    fn add_blocks(&mut self, blocks: &[Block]) {
        engine::Analyzer::add_blocks(self, blocks);
    }

    fn analysis(&self) -> Analysis {
        engine::Analyzer::analysis(self)
    }
}

/// The engine's analyser.
pub fn engine_analyzer(language: &str) -> Box<dyn Analyse> {
    Box::new(engine::Analyzer::new(language))
}

/// A highlighted quote and what its marks show, to update them only when that changes.
struct DrawnQuote {
    marks: Vec<Element>,
    index: usize,
    slot: Option<usize>,
    speaker: String,
}

struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

struct Observer {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
}

pub struct View {
    doc: Document,
    mode: Mode,
    /// Where the article is looked for, events are listened to and changes observed.
    root: Element,
    language: String,
    source: Source,
    ui: Ui,
    article: Article<Node>,
    new_analyzer: NewAnalyzer,
    analyzer: Box<dyn Analyse>,
    analysis: Analysis,
    /// Blocks given to the analyser; of those, in the analysis snapshot; of those, highlighted.
    fed_blocks: usize,
    analysed_blocks: usize,
    drawn_blocks: usize,
    highlighter: Highlighter,
    /// The underlines of the active quote's cue and mention, undone before any other change to
    /// the highlights so that each highlighter finds its own splits as it left them.
    evidence: Highlighter,
    /// Highlighted quotes by their place in the text, which stays put while indices may not.
    drawn: HashMap<(usize, usize, usize), DrawnQuote>,
    /// Marks of each quote of `analysis`, by quote index.
    marks_of: Vec<Vec<Element>>,
    /// Colour slot of each actor of `analysis`.
    slots: Vec<Option<usize>>,
    filter: Option<ActorKey>,
    /// The quote under the pointer or focus, whose marks are shown as one.
    active: Option<usize>,
    /// The mark the tooltip points at.
    tooltip_anchor: Option<Element>,
    sidebar_build: Option<SidebarBuild>,
    /// Actors whose whole list of positions the reader asked to see.
    expanded: Vec<ActorKey>,
    /// Text nodes already read, so that content the page re-inserts is not read twice.
    seen: js_sys::WeakSet,
    listeners: Vec<Listener>,
    observer: Option<Observer>,
    pending: Vec<Node>,
    needs_rescan: bool,
    update_scheduled: bool,
    /// Whether an update is reading the page's changes: a later one leaves them to it.
    updating: bool,
    running: bool,
    closed: bool,
    started: f64,
    elapsed_ms: f64,
    /// How long finding the article took, reading the DOM in slices included.
    extract_ms: f64,
    /// The slices finding the article took, the page's changes included.
    extract_slices: SliceLog,
    /// The slices of reading and drawing work so far: figures for the robustness runs.
    step_slices: SliceLog,
    last_render: f64,
}

fn span_key(span: &Span) -> (usize, usize, usize) {
    (span.block, span.start_utf16, span.end_utf16)
}

/// A view's handler of one kind of DOM event.
type Handler = fn(&mut View, &SharedView, &Event);

impl View {
    /// Finds the article under `root`, builds the interface in `ui_parent`, and starts listening.
    /// Nothing is analysed or highlighted yet: [`run`] does that. Without a `language`, the
    /// article's own (declared or detected) is used.
    pub async fn open(
        doc: &Document,
        root: Element,
        ui_parent: &Element,
        mode: Mode,
        source: Source,
        language: Option<&str>,
        new_analyzer: NewAnalyzer,
    ) -> Result<SharedView, JsValue> {
        let started = now();
        let ui = Ui::new(doc, ui_parent, mode == Mode::Embedded)?;
        let (found, extract_slices) = extract_in_slices(&Node::from(root.clone())).await;
        let article = keep_prose(found, mode);
        let extract_ms = now() - started;
        let language = language
            .map(str::to_string)
            .or_else(|| article.metadata.language.clone())
            .unwrap_or_else(|| "en".to_string());
        let view = Rc::new(RefCell::new(View {
            doc: doc.clone(),
            mode,
            article,
            extract_ms,
            extract_slices,
            root,
            analyzer: new_analyzer(&language),
            language,
            source,
            ui,
            new_analyzer,
            analysis: Analysis::default(),
            fed_blocks: 0,
            analysed_blocks: 0,
            drawn_blocks: 0,
            highlighter: Highlighter::default(),
            evidence: Highlighter::default(),
            drawn: HashMap::new(),
            marks_of: Vec::new(),
            slots: Vec::new(),
            filter: None,
            expanded: Vec::new(),
            sidebar_build: None,
            active: None,
            tooltip_anchor: None,
            seen: js_sys::WeakSet::new(),
            listeners: Vec::new(),
            observer: None,
            pending: Vec::new(),
            needs_rescan: false,
            update_scheduled: false,
            updating: false,
            running: false,
            closed: false,
            started,
            elapsed_ms: 0.0,
            step_slices: SliceLog::default(),
            last_render: started,
        }));
        {
            let mut v = view.borrow_mut();
            v.remember_blocks(0);
            v.listen(&view)?;
        }
        Ok(view)
    }

    /// Removes every highlight, the interface, the listeners and the observer: the page's DOM is
    /// as it was before [`View::open`].
    pub fn close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        if let Some(observer) = self.observer.take() {
            observer.observer.disconnect();
        }
        for listener in self.listeners.drain(..) {
            let _ = listener
                .target
                .remove_event_listener_with_callback_and_bool(
                    listener.kind,
                    listener.callback.as_ref().unchecked_ref(),
                    true,
                );
        }
        self.evidence.clear();
        self.highlighter.clear();
        self.ui.host.remove();
    }

    /// The result of `toggle()` / `renderInto()`.
    pub fn summary(&self) -> JsValue {
        let summary = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&summary, &key.into(), &value);
        };
        set("active", (!self.closed).into());
        if self.closed {
            return summary.into();
        }
        let entries = present::actor_entries(&self.analysis);
        let quotes = present::highlighted_count(&self.analysis);
        set("quotes", (quotes as u32).into());
        set(
            "actors",
            (entries
                .iter()
                .filter(|e| e.key != ActorKey::Unknown)
                .count() as u32)
                .into(),
        );
        set("reported", (self.analysis.reported.len() as u32).into());
        set("blocks", (self.article.blocks.len() as u32).into());
        set("marks", (self.highlighter.mark_count() as u32).into());
        set("ms", self.elapsed_ms.into());
        set("extractMs", self.extract_ms.into());
        set("extractSlices", self.extract_slices.count.into());
        set(
            "longestExtractSliceMs",
            self.extract_slices.longest_ms.into(),
        );
        set("longestStepMs", self.step_slices.longest_ms.into());
        set("steps", self.step_slices.count.into());
        if let Some(message) = self.message() {
            set("message", message.into());
        }
        summary.into()
    }

    fn message(&self) -> Option<&'static str> {
        if self.article.blocks.is_empty() {
            Some(NO_ARTICLE)
        } else if self.drawn_blocks == self.article.blocks.len()
            && !self.analysis.quotes.iter().any(present::is_highlighted)
        {
            Some(NO_QUOTES)
        } else {
            None
        }
    }

    #[cfg(test)]
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Whether the page's changes are being read.
    #[cfg(test)]
    pub fn is_updating(&self) -> bool {
        self.updating
    }

    /// Whether everything the page holds is read and drawn, with nothing waiting.
    #[cfg(test)]
    pub fn is_idle(&self) -> bool {
        !self.updating && !self.running && !self.update_scheduled && self.pending.is_empty()
    }

    /// Records the text nodes of blocks from `first` on as read.
    fn remember_blocks(&mut self, first: usize) {
        for piece in self.article.pieces[first..].iter().flatten() {
            self.seen.add(&piece.node);
        }
    }

    /// One slice of work: analyse a batch of blocks, then highlight as many of them as the slice
    /// allows. Returns true when everything read so far is drawn.
    fn step(&mut self, slice: &Slice) -> Result<bool, JsValue> {
        let total = self.article.blocks.len();
        // Rebuilding the actor list costs as much as drawing: it gets slices of its own.
        if self.sidebar_build.is_some() {
            self.build_sidebar(Some(slice))?;
            return Ok(self.sidebar_build.is_none() && self.drawn_blocks == total);
        }
        if self.drawn_blocks < total && now() - self.last_render > SIDEBAR_REFRESH_MS {
            self.render_sidebar();
            return Ok(false);
        }
        // Feed blocks to the analyser, then take a snapshot: each may take a slice of its own,
        // since a snapshot of a long article costs as much as reading many blocks.
        if self.drawn_blocks == self.analysed_blocks
            && self.fed_blocks == self.analysed_blocks
            && self.fed_blocks < total
        {
            let first = self.fed_blocks;
            while self.fed_blocks < total
                && (self.fed_blocks == first || slice.elapsed() < SLICE_MS / 2.0)
            {
                self.analyzer
                    .add_blocks(&self.article.blocks[self.fed_blocks..self.fed_blocks + 1]);
                self.fed_blocks += 1;
            }
        }
        if self.fed_blocks > self.analysed_blocks {
            if slice.elapsed() > SLICE_MS / 2.0 {
                return Ok(false);
            }
            self.analysis = self.analyzer.analysis();
            self.restyle_drawn();
            self.analysed_blocks = self.fed_blocks;
        }
        let mut by_block: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, quote) in self.analysis.quotes.iter().enumerate() {
            if present::is_highlighted(quote)
                && quote.span.block >= self.drawn_blocks
                && !self.drawn.contains_key(&span_key(&quote.span))
            {
                by_block.entry(quote.span.block).or_default().push(index);
            }
        }
        let mut drawn_now = 0;
        let drawing = self.drawn_blocks < self.analysed_blocks;
        if drawing {
            self.evidence.clear();
        }
        while self.drawn_blocks < self.analysed_blocks && (drawn_now == 0 || !slice.over()) {
            drawn_now += 1;
            let block = self.drawn_blocks;
            for &index in by_block.get(&block).into_iter().flatten().rev() {
                self.draw_quote(index)?;
            }
            self.drawn_blocks += 1;
        }
        if drawing {
            self.underline_evidence()?;
        }
        self.drop_own_changes();
        if self.drawn_blocks < total {
            self.ui
                .set_summary(&format!("Reading… {}%", self.drawn_blocks * 100 / total));
            return Ok(false);
        }
        self.render_sidebar();
        self.build_sidebar(Some(slice))?;
        Ok(self.sidebar_build.is_none())
    }

    /// Wraps quote `index` (whose block's later quotes are already wrapped) in marks.
    fn draw_quote(&mut self, index: usize) -> Result<(), JsValue> {
        let quote = &self.analysis.quotes[index];
        let span = quote.span;
        let slot = quote
            .actor
            .and_then(|a| self.slots.get(a).copied().flatten());
        let classes = present::mark_classes(slot);
        let speaker = present::speaker_name(&self.analysis, quote).to_string();
        let marks = wrap_span(&self.article, &mut self.highlighter, &span, || {
            let mark = self.doc.create_element(MARK_TAG)?;
            mark.set_class_name(&classes);
            mark.set_attribute("data-quotelens-quote", &index.to_string())?;
            mark.set_attribute("data-quotelens-speaker", &speaker)?;
            Ok(mark)
        })?;
        if let Some(first) = marks.first() {
            first.set_attribute("tabindex", "0")?;
            first.set_attribute(
                "aria-description",
                &present::tooltip(&self.analysis, quote).sentence(),
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

    /// After a new snapshot of the analysis: quotes drawn earlier may have a new index, speaker
    /// or colour; their marks follow.
    fn restyle_drawn(&mut self) {
        self.slots = present::colour_slots(&self.analysis);
        let mut moved = false;
        let mut active = self.active;
        for (index, quote) in self.analysis.quotes.iter().enumerate() {
            let Some(drawn) = self.drawn.get_mut(&span_key(&quote.span)) else {
                continue;
            };
            let slot = quote
                .actor
                .and_then(|a| self.slots.get(a).copied().flatten());
            let speaker = present::speaker_name(&self.analysis, quote);
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
                    &present::tooltip(&self.analysis, quote).sentence(),
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
            self.index_marks();
        } else {
            self.marks_of.resize(self.analysis.quotes.len(), Vec::new());
        }
        if self.filter.is_some() {
            self.apply_filter();
        }
    }

    /// Rebuilds the marks-by-quote index from scratch, for when quotes changed places.
    fn index_marks(&mut self) {
        self.marks_of = vec![Vec::new(); self.analysis.quotes.len()];
        for drawn in self.drawn.values() {
            if let Some(slot) = self.marks_of.get_mut(drawn.index) {
                slot.clone_from(&drawn.marks);
            }
        }
    }

    /// Updates the summary and message, and starts rebuilding the actor list from the current
    /// analysis ([`View::build_sidebar`] carries it on).
    fn render_sidebar(&mut self) {
        self.last_render = now();
        let entries = present::actor_entries(&self.analysis);
        let total = self.article.blocks.len();
        let quotes = present::highlighted_count(&self.analysis);
        let speakers = entries
            .iter()
            .filter(|e| e.key != ActorKey::Unknown && e.quotes > 0)
            .count();
        let reported = self.analysis.reported.len();
        let counts = format!(
            "{quotes} quote{} from {speakers} speaker{}, {reported} reported statement{}",
            plural(quotes),
            plural(speakers),
            plural(reported)
        );
        if self.drawn_blocks < total {
            self.ui.set_summary(&format!(
                "Reading… {}% · {counts}",
                self.drawn_blocks * 100 / total.max(1)
            ));
        } else if quotes + reported == 0 {
            self.ui
                .set_summary(&format!("Read {total} paragraph{}.", plural(total)));
        } else {
            self.ui
                .set_summary(&format!("{counts} in {total} paragraph{}.", plural(total)));
        }
        self.ui.set_message(self.message().unwrap_or(""));
        self.sidebar_build = Some(SidebarBuild {
            entries,
            next: 0,
            list: self.doc.create_document_fragment(),
        });
    }

    /// Adds entries to the actor list being built until `slice` is over (at least one; all
    /// without a slice), and shows the list once complete.
    fn build_sidebar(&mut self, slice: Option<&Slice>) -> Result<(), JsValue> {
        let Some(build) = &mut self.sidebar_build else {
            return Ok(());
        };
        while let Some(entry) = build.entries.get(build.next) {
            let item = self.ui.actor_item(
                &self.doc,
                &self.analysis,
                entry,
                self.expanded.contains(&entry.key),
            )?;
            build.list.append_child(&item)?;
            build.next += 1;
            if slice.is_some_and(Slice::over) && build.next < build.entries.len() {
                return Ok(());
            }
        }
        self.ui.show_actors(&build.list, build.entries.len())?;
        self.sidebar_build = None;
        self.ui
            .show_filter(self.filter.map(|k| k.attribute(&self.analysis)).as_deref());
        Ok(())
    }

    /// Dims the marks of everyone but the filtered speaker.
    fn apply_filter(&self) {
        for (index, marks) in self.marks_of.iter().enumerate() {
            let dimmed = self
                .filter
                .is_some_and(|key| ActorKey::of(&self.analysis.quotes[index]) != key);
            for mark in marks {
                let _ = mark
                    .class_list()
                    .toggle_with_force("quotelens-dimmed", dimmed);
            }
        }
    }

    fn listen(&mut self, view: &SharedView) -> Result<(), JsValue> {
        let root: EventTarget = self.root.clone().into();
        let shadow: EventTarget = self.ui.shadow.clone().into();
        let document: EventTarget = self.doc.clone().into();
        let handlers: [(&EventTarget, &'static str, Handler); 7] = [
            (&root, "mouseover", View::on_pointer_over),
            (&root, "mouseout", View::on_pointer_out),
            (&root, "focusin", View::on_pointer_over),
            (&root, "focusout", View::on_pointer_out),
            (&root, "keydown", View::on_key),
            // Any scrolling moves the highlight away from its tooltip (capture: scroll does not bubble).
            (&document, "scroll", View::on_scroll),
            (&shadow, "click", View::on_click),
        ];
        for (target, kind, handler) in handlers {
            let weak = Rc::downgrade(view);
            let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let Some(view) = weak.upgrade() else { return };
                let Ok(mut v) = view.try_borrow_mut() else {
                    return;
                };
                if !v.closed {
                    handler(&mut v, &view, &event);
                }
            });
            target.add_event_listener_with_callback_and_bool(
                kind,
                callback.as_ref().unchecked_ref(),
                true,
            )?;
            self.listeners.push(Listener {
                target: target.clone(),
                kind,
                callback,
            });
        }
        Ok(())
    }

    fn quote_of_mark(&self, target: Option<EventTarget>) -> Option<(Element, usize)> {
        let mark = target?
            .dyn_into::<Element>()
            .ok()?
            .closest(MARK_TAG)
            .ok()??;
        let index = mark.get_attribute("data-quotelens-quote")?.parse().ok()?;
        Some((mark, index))
    }

    fn on_pointer_over(&mut self, _: &SharedView, event: &Event) {
        let Some((mark, index)) = self.quote_of_mark(event.target()) else {
            return;
        };
        let Some(quote) = self.analysis.quotes.get(index) else {
            return;
        };
        let text = present::tooltip(&self.analysis, quote);
        let _ = self
            .ui
            .show_tooltip(&self.doc, &text, &mark.get_bounding_client_rect());
        self.tooltip_anchor = Some(mark);
        self.set_active(Some(index));
    }

    /// Marks every piece of quote `index` (a quote crossing markup has several) as the one
    /// pointed at and underlines its evidence; `None` clears both and hides the tooltip.
    fn set_active(&mut self, index: Option<usize>) {
        if index.is_none() {
            self.ui.hide_tooltip();
            self.tooltip_anchor = None;
        }
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
        let _ = self.underline_evidence();
        self.drop_own_changes();
    }

    /// Our own DOM changes are not the page's: their records are dropped before they are seen
    /// (the removal of a mark would read as the page taking its highlights away).
    fn drop_own_changes(&self) {
        if let Some(observer) = &self.observer {
            observer.observer.take_records();
        }
    }

    /// Underlines the active quote's cue and the words naming its speaker (perhaps paragraphs
    /// earlier) in the speaker's style; what overlaps a highlight is left out.
    fn underline_evidence(&mut self) -> Result<(), JsValue> {
        let Some(quote) = self.active.and_then(|i| self.analysis.quotes.get(i)) else {
            return Ok(());
        };
        let slot = quote
            .actor
            .and_then(|a| self.slots.get(a).copied().flatten());
        let evidence = [
            (quote.cue_span, Evidence::Cue),
            (quote.mention.as_ref().map(|m| m.span), Evidence::Mention),
        ];
        for (span, which) in evidence {
            let Some(span) = span else { continue };
            let classes = present::evidence_classes(slot, which);
            wrap_span(&self.article, &mut self.evidence, &span, || {
                let mark = self.doc.create_element(MARK_TAG)?;
                mark.set_class_name(&classes);
                Ok(mark)
            })?;
        }
        Ok(())
    }

    fn on_pointer_out(&mut self, _: &SharedView, event: &Event) {
        let related = js_sys::Reflect::get(event, &"relatedTarget".into())
            .ok()
            .and_then(|t| t.dyn_into::<EventTarget>().ok());
        let leaving = self.quote_of_mark(event.target()).map(|(_, i)| i);
        let entering = self.quote_of_mark(related).map(|(_, i)| i);
        if leaving.is_some() && leaving != entering {
            self.set_active(None);
        }
    }

    fn on_key(&mut self, _: &SharedView, event: &Event) {
        if js_sys::Reflect::get(event, &"key".into())
            .ok()
            .and_then(|k| k.as_string())
            .as_deref()
            == Some("Escape")
        {
            self.set_active(None);
        }
    }

    /// Scrolling moves the highlight, the browser's own scrolling too (focus brings an off-screen
    /// quote into view): the tooltip follows its mark while the mark is on screen.
    fn on_scroll(&mut self, _: &SharedView, _: &Event) {
        let Some(anchor) = &self.tooltip_anchor else {
            return;
        };
        let rect = anchor.get_bounding_client_rect();
        let viewport_h = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let on_screen = rect.bottom() > 0.0 && rect.top() < viewport_h;
        if !on_screen || self.ui.place_tooltip(&rect).is_err() {
            self.set_active(None);
        }
    }

    fn on_click(&mut self, view: &SharedView, event: &Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("button").ok().flatten())
        else {
            return;
        };
        let class = button.class_name();
        let attribute = |name: &str| button.get_attribute(name);
        if class.split(' ').any(|c| c == "close") {
            // Closing drops this very listener, so it happens after the event is handled.
            let view = view.clone();
            wasm_bindgen_futures::spawn_local(async move { super::close_view(&view) });
        } else if class.split(' ').any(|c| c == "collapse") {
            let _ = self.ui.toggle_collapsed();
        } else if class.split(' ').any(|c| c == "more") {
            if let Some(key) = self.actor_of_button(&button) {
                self.expanded.push(key);
                self.render_sidebar();
                let _ = self.build_sidebar(None);
            }
        } else if class.split(' ').any(|c| c == "name") {
            let key = self.actor_of_button(&button);
            self.filter = if self.filter == key { None } else { key };
            self.apply_filter();
            self.ui
                .show_filter(self.filter.map(|k| k.attribute(&self.analysis)).as_deref());
        } else if let Some(index) = attribute("data-quote-index").and_then(|i| i.parse().ok()) {
            self.reveal_quote(index);
        } else if let Some(index) = attribute("data-reported-index").and_then(|i| i.parse().ok()) {
            self.reveal_reported(index);
        } else if let Some(kind) = attribute("data-export") {
            // The download clicks a link inside our shadow root, and that click would re-enter this
            // very listener, so it happens after the event is handled.
            let view = view.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let v = view.borrow();
                if let Err(error) =
                    super::export::download(&v.doc, &v.ui.shadow, &v.analysis, &v.source, &kind)
                {
                    web_sys::console::warn_2(&"QuoteLens: export failed".into(), &error);
                }
            });
        }
    }

    fn actor_of_button(&self, button: &Element) -> Option<ActorKey> {
        let id = button
            .closest("[data-actor-id]")
            .ok()
            .flatten()?
            .get_attribute("data-actor-id")?;
        self.actor_key(&id)
    }

    fn actor_key(&self, id: &str) -> Option<ActorKey> {
        if id == ActorKey::Unknown.attribute(&self.analysis) {
            return Some(ActorKey::Unknown);
        }
        self.analysis
            .actors
            .iter()
            .position(|a| a.id.to_string() == id)
            .map(ActorKey::Actor)
    }

    /// Scrolls quote `index` into view, focuses it (which shows its tooltip) and flashes it.
    fn reveal_quote(&self, index: usize) {
        let Some(marks) = self.marks_of.get(index) else {
            return;
        };
        let Some(first) = marks.first() else { return };
        scroll_to(first);
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
    }

    /// Reported statements are not highlighted: the page selects the statement's text instead,
    /// as a find would, and scrolls to it.
    fn reveal_reported(&self, index: usize) {
        let Some(statement) = self.analysis.reported.get(index) else {
            return;
        };
        let span = statement.span;
        let Some(((start_node, start), (end_node, end))) =
            self.article
                .dom_range(span.block, span.start_utf16, span.end_utf16)
        else {
            return;
        };
        let (Some(start_text), Some(end_text)) =
            (start_node.dyn_ref::<Text>(), end_node.dyn_ref::<Text>())
        else {
            return;
        };
        let (Some((start_text, start)), Some((end_text, end))) = (
            resolve_point(start_text, start as u32),
            resolve_point(end_text, end as u32),
        ) else {
            return;
        };
        let Ok(range) = self.doc.create_range() else {
            return;
        };
        if range.set_start(&start_text, start).is_err() || range.set_end(&end_text, end).is_err() {
            return;
        }
        if let Some(parent) = start_text.parent_element() {
            scroll_to(&parent);
        }
        if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }

    /// Starts observing the page for content added after the first reading.
    fn observe(&mut self, view: &SharedView) -> Result<(), JsValue> {
        let weak = Rc::downgrade(view);
        let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
            move |records: js_sys::Array, _| {
                let Some(view) = weak.upgrade() else { return };
                let schedule = match view.try_borrow_mut() {
                    Ok(mut v) if !v.closed => v.note_mutations(&records),
                    _ => false,
                };
                if schedule {
                    wasm_bindgen_futures::spawn_local(update_later(Rc::downgrade(&view)));
                }
            },
        );
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        observer.observe_with_options(&self.root, &init)?;
        self.observer = Some(Observer {
            observer,
            _callback: callback,
        });
        Ok(())
    }

    /// Collects what the page added or removed; returns true when an update must be scheduled.
    fn note_mutations(&mut self, records: &js_sys::Array) -> bool {
        for record in records.iter() {
            let record: web_sys::MutationRecord = record.unchecked_into();
            let removed = record.removed_nodes();
            for node in (0..removed.length()).filter_map(|i| removed.item(i)) {
                if self.held_highlights(&node) {
                    self.needs_rescan = true;
                }
            }
            let added = record.added_nodes();
            for node in (0..added.length()).filter_map(|i| added.item(i)) {
                let is_ours = node.node_name().eq_ignore_ascii_case(MARK_TAG)
                    || self.ui.host.is_same_node(Some(&node));
                if !is_ours && !self.seen.has(&node) {
                    self.pending.push(node);
                }
            }
        }
        if self.pending.len() > RESCAN_THRESHOLD {
            self.needs_rescan = true;
            self.pending.clear();
        }
        let wanted = (self.needs_rescan || !self.pending.is_empty()) && !self.update_scheduled;
        self.update_scheduled |= wanted;
        wanted
    }

    /// Whether a node the page removed carried highlights or read text.
    fn held_highlights(&self, node: &Node) -> bool {
        match node.dyn_ref::<Element>() {
            Some(element) => {
                element.local_name() == MARK_TAG
                    || element.query_selector(MARK_TAG).ok().flatten().is_some()
            }
            None => self.seen.has(node),
        }
    }

    /// What the page changed since the last update: the whole page to read again when what it
    /// removed took highlights with it (a single-page app changing route) or when it changed too
    /// much, else the nodes it added. `None` when nothing changed.
    fn take_pending(&mut self) -> Option<Update> {
        self.update_scheduled = false;
        if self.needs_rescan {
            self.needs_rescan = false;
            self.pending.clear();
            self.forget_drawn();
            return Some(Update::Page);
        }
        let added = std::mem::take(&mut self.pending);
        (!added.is_empty()).then_some(Update::Added(added))
    }

    /// Forgets everything drawn and read, to read the page from scratch.
    fn forget_drawn(&mut self) {
        self.set_active(None);
        self.ui.set_summary("Reading…");
        self.highlighter.clear();
        self.drawn.clear();
        self.marks_of.clear();
        self.slots.clear();
        self.sidebar_build = None;
        // Entries would link to highlights that are gone.
        let _ = self.ui.clear_actors();
        self.analyzer = (self.new_analyzer)(&self.language);
        self.analysis = Analysis::default();
        self.fed_blocks = 0;
        self.analysed_blocks = 0;
        self.drawn_blocks = 0;
        self.seen = js_sys::WeakSet::new();
        self.article.blocks.clear();
        self.article.pieces.clear();
        if let Some(observer) = &self.observer {
            // Undoing our highlights is no change of the page's.
            observer.observer.take_records();
        }
    }

    /// Adds the blocks of `found` that are new: none of their text read before, all of it still
    /// on the page (it may have changed while `found` was read in `slices`).
    fn add_found(&mut self, found: Article<Node>, slices: SliceLog) {
        self.extract_slices.absorb(slices);
        let first = self.article.blocks.len();
        for (mut block, pieces) in found.blocks.into_iter().zip(found.pieces) {
            if pieces
                .iter()
                .any(|p| self.seen.has(&p.node) || !p.node.is_connected())
            {
                continue;
            }
            block.id = self.article.blocks.len();
            self.article.blocks.push(block);
            self.article.pieces.push(pieces);
        }
        self.remember_blocks(first);
    }
}

/// What an update reads.
enum Update {
    /// The whole page, again.
    Page,
    /// Nodes the page added.
    Added(Vec<Node>),
}

/// Where the article added with `node` is to be looked for: its element, unless the page has
/// moved it out of the page or into one of our highlights since.
fn added_root(node: Node) -> Option<Node> {
    let node = match node.dyn_ref::<Element>() {
        Some(_) => node,
        None => node.parent_element()?.into(),
    };
    let inside_ours = node
        .dyn_ref::<Element>()
        .and_then(|e| e.closest(MARK_TAG).ok().flatten())
        .is_some();
    (node.is_connected() && !inside_ours).then_some(node)
}

/// On a live page, text without a single block this long is no article: menus, buttons and form
/// labels are short, while one sentence of prose (even a lone quoted paragraph) is longer.
/// Pasted text is always read.
const MIN_PROSE_CHARS: usize = 50;

/// Nodes worked through (read from the DOM, weighed, turned into text) between looks at the
/// clock while finding the article.
const NODES_PER_CHECK: usize = 256;

/// Finds the article under `root` in slices, yielding to the page between them: on a huge page,
/// reading the DOM and finding the article in it each take longer than a task may.
async fn extract_in_slices(root: &Node) -> (Article<Node>, SliceLog) {
    let mut extractor = Extractor::new(root);
    let mut log = SliceLog::default();
    let mut slice = Slice::begin();
    loop {
        match extractor.advance(NODES_PER_CHECK) {
            ControlFlow::Break(article) => {
                log.record(&slice);
                return (article, log);
            }
            ControlFlow::Continue(more) => extractor = more,
        }
        if slice.over() {
            log.record(&slice);
            next_task().await;
            slice = Slice::begin();
        }
    }
}

fn keep_prose(mut article: Article<Node>, mode: Mode) -> Article<Node> {
    let has_prose = article
        .blocks
        .iter()
        .any(|b| b.text.chars().count() >= MIN_PROSE_CHARS);
    if mode == Mode::Page && !has_prose {
        article.blocks.clear();
        article.pieces.clear();
    }
    article
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

fn scroll_to(element: &Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Instant);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Analyses and draws everything read but not yet drawn, in slices, yielding to the page between
/// them; then, on a live page, starts observing it. Returns when done or when the view closes.
pub async fn run(view: &SharedView) -> Result<(), JsValue> {
    {
        let mut v = view.borrow_mut();
        if v.running || v.closed {
            return Ok(());
        }
        v.running = true;
    }
    let result = loop {
        let slice = Slice::begin();
        let step = {
            let mut v = view.borrow_mut();
            if v.closed {
                break Ok(());
            }
            let step = v.step(&slice);
            v.step_slices.record(&slice);
            step
        };
        match step {
            Ok(true) => break Ok(()),
            Ok(false) => next_task().await,
            Err(error) => break Err(error),
        }
    };
    let mut v = view.borrow_mut();
    v.running = false;
    if result.is_ok() && !v.closed {
        if v.elapsed_ms == 0.0 {
            v.elapsed_ms = now() - v.started;
        }
        if v.mode == Mode::Page && v.observer.is_none() {
            v.observe(view)?;
        }
    }
    result
}

/// Reads the page's changes once it has been quiet for a moment, in slices like the first
/// reading, then draws what they brought. Changes made meanwhile are read by the same update.
async fn update_later(weak: Weak<RefCell<View>>) {
    sleep(MUTATION_SETTLE_MS).await;
    let Some(view) = weak.upgrade() else { return };
    let (root, mode) = {
        let mut v = view.borrow_mut();
        if v.closed || v.updating {
            // The update under way takes these changes when it is done with its own.
            v.update_scheduled = false;
            return;
        }
        v.updating = true;
        (Node::from(v.root.clone()), v.mode)
    };
    loop {
        let update = {
            let mut v = view.borrow_mut();
            if v.closed {
                return;
            }
            v.take_pending()
        };
        match update {
            None => break,
            Some(Update::Page) => {
                let (found, slices) = extract_in_slices(&root).await;
                view.borrow_mut().add_found(keep_prose(found, mode), slices);
            }
            Some(Update::Added(nodes)) => {
                for node in nodes {
                    // Checked when its turn comes: reading the ones before took tasks.
                    let Some(added) = added_root(node) else {
                        continue;
                    };
                    let (found, slices) = extract_in_slices(&added).await;
                    view.borrow_mut().add_found(found, slices);
                }
            }
        }
    }
    view.borrow_mut().updating = false;
    if let Err(error) = run(&view).await {
        web_sys::console::warn_2(
            &"QuoteLens: could not read the page's new content".into(),
            &error,
        );
    }
}
