//! One drawn view, orchestrated: the article found, its analysis, and the phase the view is in.
//! The drawing itself is done by helpers, one job each: `marks` (the highlights), `sidebar` (the
//! panel's content), `events` (what the reader does) and `watch` (the page's later changes).
//! Drawing is progressive: blocks are analysed and highlighted in slices, yielding to the page
//! between them; content the page adds later is analysed incrementally.

mod events;
mod marks;
mod sidebar;
mod watch;

use super::highlight::{resolve_point, MARK_TAG};
use super::schedule::{next_task, now, sleep, Slice, SliceLog, SLICE_MS};
use super::selection::selected_article;
use super::ui::Ui;
use crate::article::{Article, Extractor};
use crate::engine::{self, Analysis, Block};
use crate::present::action::Action;
use crate::present::colour::{parse_rgb, Rgba};
use crate::present::{self, ActorKey, Language, Message, Source};
use events::Listeners;
use marks::{scroll_to, Marks};
use sidebar::Sidebar;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use watch::{PageWatch, Update};
use web_sys::{Document, Element, MutationObserver, Node, Text};

/// Quiet time after the page's last change before the new content is read.
const MUTATION_SETTLE_MS: i32 = 300;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The live page: a fixed sidebar, and an observer for content added later.
    Page,
    /// The text selected on the live page, read when the view opens: a fixed sidebar, and the
    /// page's later changes left alone (they are not part of what the reader chose).
    Selection,
    /// Drawn into a container (the demo page).
    Embedded,
}

/// Where a view is in its life. Exactly one holds at a time; what may happen next depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The article is found and the interface built; nothing drawn yet ([`run`] starts).
    Opened,
    /// Analysing and drawing what was read, a slice at a time.
    Drawing,
    /// Everything read is drawn. A live page is watched: a change starts [`Phase::Settling`].
    Shown,
    /// The page changed; its changes are read once it has been quiet for a moment. Changes
    /// made meanwhile join them.
    Settling,
    /// Reading the page's changes, a slice at a time; changes made meanwhile are read too.
    Updating,
    /// Everything removed: the page is as it was.
    Closed,
}

pub type SharedView = Rc<RefCell<View>>;

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

pub struct View {
    doc: Document,
    mode: Mode,
    phase: Phase,
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
    marks: Marks,
    sidebar: Sidebar,
    watch: PageWatch,
    listeners: Listeners,
    /// The mark the tooltip points at.
    tooltip_anchor: Option<Element>,
    started: f64,
    elapsed_ms: f64,
    /// How long finding the article took, reading the DOM in slices included.
    extract_ms: f64,
    /// The slices finding the article took, the page's changes included.
    extract_slices: SliceLog,
    /// The slices of reading and drawing work so far: figures for the robustness runs.
    step_slices: SliceLog,
}

impl View {
    /// Finds the article under `root`, builds the interface in `ui_parent` in `interface`'s
    /// language, and starts listening. Nothing is analysed or highlighted yet: [`run`] does that.
    /// Without a `language`, the article's own (declared or detected) is used.
    #[allow(clippy::too_many_arguments)]
    pub async fn open(
        doc: &Document,
        root: Element,
        ui_parent: &Element,
        mode: Mode,
        source: Source,
        language: Option<&str>,
        interface: Language,
        new_analyzer: NewAnalyzer,
    ) -> Result<SharedView, JsValue> {
        let started = now();
        let ui = Ui::new(doc, ui_parent, mode == Mode::Embedded, interface)?;
        let (article, extract_slices) = match mode {
            Mode::Selection => (selected_article(doc), SliceLog::default()),
            Mode::Page | Mode::Embedded => {
                let (found, slices) = extract_in_slices(&Node::from(root.clone())).await;
                (keep_prose(found, mode), slices)
            }
        };
        let source = Source {
            site: article.metadata.site_name.clone(),
            published: article.metadata.published.clone(),
            ..source
        };
        ui.set_on_dark(page_background(&article, &root).is_some_and(Rgba::is_dark))?;
        let extract_ms = now() - started;
        let language = language
            .map(str::to_string)
            .or_else(|| article.metadata.language.clone())
            .unwrap_or_else(|| "en".to_string());
        ui.show_text_language(&language);
        let view = Rc::new(RefCell::new(View {
            doc: doc.clone(),
            mode,
            phase: Phase::Opened,
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
            marks: Marks::new(doc, interface),
            sidebar: Sidebar::new(),
            watch: PageWatch::new(),
            listeners: Listeners::default(),
            tooltip_anchor: None,
            started,
            elapsed_ms: 0.0,
            step_slices: SliceLog::default(),
        }));
        view.borrow_mut().remember_blocks(0);
        let listeners = Listeners::listen(&view)?;
        view.borrow_mut().listeners = listeners;
        Ok(view)
    }

    /// Gives the highlights the palette for dark pages, or the one for light pages, whatever
    /// the page's background (the reader's setting).
    pub fn use_dark_palette(&self, on_dark: bool) -> Result<(), JsValue> {
        self.ui.set_on_dark(on_dark)
    }

    fn is_closed(&self) -> bool {
        self.phase == Phase::Closed
    }

    /// Removes every highlight, the interface, the listeners and the observer: the page's DOM is
    /// as it was before [`View::open`].
    pub fn close(&mut self) {
        if self.is_closed() {
            return;
        }
        self.phase = Phase::Closed;
        self.watch.stop();
        self.listeners.remove_all();
        self.marks.clear();
        self.ui.host.remove();
    }

    /// The result of `toggle()` / `renderInto()`.
    pub fn summary(&self) -> JsValue {
        let summary = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&summary, &key.into(), &value);
        };
        set("active", (!self.is_closed()).into());
        if self.is_closed() {
            return summary.into();
        }
        let entries = present::actor_entries(&self.analysis, self.ui.language);
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
        set("marks", (self.marks.mark_count() as u32).into());
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
        let message = if self.article.blocks.is_empty() {
            match self.mode {
                Mode::Selection => Message::NoSelection,
                Mode::Page | Mode::Embedded => Message::NoArticle,
            }
        } else if self.drawn_blocks == self.article.blocks.len()
            && !self.analysis.quotes.iter().any(present::is_highlighted)
        {
            Message::NoQuotes
        } else {
            return None;
        };
        Some(self.ui.language.text(message))
    }

    #[cfg(test)]
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Whether the page's changes are being read.
    #[cfg(test)]
    pub fn is_updating(&self) -> bool {
        self.phase == Phase::Updating
    }

    /// Whether everything the page holds is read and drawn, with nothing waiting.
    #[cfg(test)]
    pub fn is_idle(&self) -> bool {
        self.phase == Phase::Shown && !self.watch.has_changes()
    }

    /// Records the text nodes of blocks from `first` on as read.
    fn remember_blocks(&mut self, first: usize) {
        for piece in self.article.pieces[first..].iter().flatten() {
            self.watch.remember(&piece.node);
        }
    }

    /// One slice of work: analyse a batch of blocks, then highlight as many of them as the slice
    /// allows. Returns true when everything read so far is drawn.
    fn step(&mut self, slice: &Slice) -> Result<bool, JsValue> {
        let total = self.article.blocks.len();
        // Rebuilding the actor list costs as much as drawing: it gets slices of its own.
        if self.sidebar.is_building() {
            self.build_sidebar(Some(slice))?;
            return Ok(!self.sidebar.is_building() && self.drawn_blocks == total);
        }
        if self.drawn_blocks < total && self.sidebar.is_due() {
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
            self.marks.restyle(&self.analysis);
            self.analysed_blocks = self.fed_blocks;
        }
        let mut by_block: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, quote) in self.analysis.quotes.iter().enumerate() {
            if present::is_highlighted(quote)
                && quote.span.block >= self.drawn_blocks
                && !self.marks.is_drawn(&quote.span)
            {
                by_block.entry(quote.span.block).or_default().push(index);
            }
        }
        let mut drawn_now = 0;
        let drawing = self.drawn_blocks < self.analysed_blocks;
        if drawing {
            self.marks.lift_evidence();
        }
        while self.drawn_blocks < self.analysed_blocks && (drawn_now == 0 || !slice.over()) {
            drawn_now += 1;
            let block = self.drawn_blocks;
            for &index in by_block.get(&block).into_iter().flatten().rev() {
                self.marks
                    .draw_quote(&self.article, &self.analysis, index)?;
            }
            self.drawn_blocks += 1;
        }
        if drawing {
            self.marks
                .underline_evidence(&self.article, &self.analysis)?;
        }
        self.watch.drop_own_changes();
        if self.drawn_blocks < total {
            self.ui.set_summary(&present::reading_line(
                self.drawn_blocks,
                total,
                self.ui.language,
            ));
            return Ok(false);
        }
        self.render_sidebar();
        self.build_sidebar(Some(slice))?;
        Ok(!self.sidebar.is_building())
    }

    /// Updates the summary and message, and starts rebuilding the actor list.
    fn render_sidebar(&mut self) {
        let message = self.message();
        self.sidebar.render(
            &self.ui,
            &self.doc,
            &self.analysis,
            self.drawn_blocks,
            self.article.blocks.len(),
            message,
        );
    }

    /// Carries on building the actor list, until `slice` is over or to the end without one.
    fn build_sidebar(&mut self, slice: Option<&Slice>) -> Result<(), JsValue> {
        self.sidebar.build(
            &self.ui,
            &self.doc,
            &self.analysis,
            self.marks.filter(),
            slice,
        )
    }

    /// Shows quote `index`'s tooltip at `mark` and marks the quote as the one pointed at.
    fn point_at(&mut self, mark: Element, index: usize) {
        let Some(quote) = self.analysis.quotes.get(index) else {
            return;
        };
        let text = present::tooltip(&self.analysis, quote, self.ui.language);
        let _ = self
            .ui
            .show_tooltip(&self.doc, &text, &mark.get_bounding_client_rect());
        self.tooltip_anchor = Some(mark);
        self.set_active(Some(index));
    }

    /// Scrolls to quote `index`, focuses it and shows its tooltip. Returns whether it is drawn.
    fn reveal_quote(&mut self, index: usize) -> bool {
        let Some(first) = self.marks.reveal_quote(index) else {
            return false;
        };
        self.point_at(first, index);
        true
    }

    /// Copies quote `index` with its attribution to the clipboard, and says so (the clipboard
    /// answers later: the reader's click or key is what lets the page write to it).
    fn copy_quote(&self, index: usize) {
        let Some(text) = present::export::citation(&self.analysis, index, &self.source) else {
            return;
        };
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text));
        let notifier = self.ui.notifier();
        let language = self.ui.language;
        wasm_bindgen_futures::spawn_local(async move {
            let said = match written.await {
                Ok(_) => language.fill(Message::Copied, &[&text]),
                Err(_) => language.text(Message::CopyRefused).to_string(),
            };
            notifier.notify(&said);
        });
    }

    /// Makes quote `index` the one pointed at (see [`Marks::set_active`]); `None` also hides
    /// the tooltip.
    fn set_active(&mut self, index: Option<usize>) {
        if index.is_none() {
            self.ui.hide_tooltip();
            self.tooltip_anchor = None;
        }
        self.marks.set_active(&self.article, &self.analysis, index);
        self.watch.drop_own_changes();
    }

    /// Does what the reader asked through the interface.
    fn perform(&mut self, view: &SharedView, action: Action) {
        match action {
            Action::Close => {
                // Closing drops the listener running this, so it happens after the event.
                let view = view.clone();
                wasm_bindgen_futures::spawn_local(async move { super::close_by_reader(&view) });
            }
            Action::Fold => {
                let _ = self.ui.set_collapsed(!self.ui.is_collapsed());
            }
            Action::ShowAll(key) => {
                self.sidebar.expand(key);
                self.render_sidebar();
                let _ = self.build_sidebar(None);
            }
            Action::Filter(key) => {
                self.marks.toggle_filter(&self.analysis, key);
                self.ui.show_filter(
                    self.marks
                        .filter()
                        .map(|k| k.attribute(&self.analysis))
                        .as_deref(),
                );
            }
            Action::RevealQuote(index) => {
                self.reveal_quote(index);
            }
            Action::RevealReported(index) => self.reveal_reported(index),
            Action::CopyQuote(index) => self.copy_quote(index),
            Action::Export(kind) => {
                // The download clicks a link inside our shadow root, and that click would re-enter
                // the listener running this, so it happens after the event.
                let view = view.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let v = view.borrow();
                    let (doc, ui) = (&v.doc, &v.ui);
                    if let Err(error) = super::export::download(
                        doc,
                        &ui.shadow,
                        &v.analysis,
                        &v.source,
                        kind,
                        ui.language,
                    ) {
                        web_sys::console::warn_2(&"QuoteLens: export failed".into(), &error);
                    }
                });
            }
            Action::AnalyseIn(language) => self.analyse_in(view, language),
        }
    }

    /// Reads the text again as written in `language`: the article found stays, what was
    /// analysed and drawn from it goes, and the drawing starts over.
    fn analyse_in(&mut self, view: &SharedView, language: Language) {
        if self.language == language.code() {
            return;
        }
        self.language = language.code().to_string();
        self.ui.show_text_language(&self.language);
        self.forget_analysis();
        // A drawing or an update under way carries on from the first block; a view at rest
        // starts one.
        if self.phase == Phase::Shown {
            self.phase = Phase::Drawing;
            let view = view.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = draw(&view).await {
                    web_sys::console::warn_2(
                        &"QuoteLens: could not read the text again".into(),
                        &error,
                    );
                }
            });
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
        let on_change = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
            move |records: js_sys::Array, _| {
                let Some(view) = weak.upgrade() else { return };
                let settle = match view.try_borrow_mut() {
                    Ok(mut v) => v.note_changes(&records),
                    Err(_) => false,
                };
                if settle {
                    wasm_bindgen_futures::spawn_local(update_later(Rc::downgrade(&view)));
                }
            },
        );
        self.watch.observe(&self.root, on_change)
    }

    /// Takes the page's change records; returns true when they start a wait for the page to
    /// settle (a view shown and idle). In other phases they wait for the work under way.
    fn note_changes(&mut self, records: &js_sys::Array) -> bool {
        if self.is_closed() {
            return false;
        }
        self.watch.note(records, &self.ui.host);
        self.settle_if_changed()
    }

    /// From [`Phase::Shown`], with changes waiting: to [`Phase::Settling`]. Returns whether it
    /// moved, and so whether [`update_later`] must be started.
    fn settle_if_changed(&mut self) -> bool {
        let settle = self.phase == Phase::Shown && self.watch.has_changes();
        if settle {
            self.phase = Phase::Settling;
        }
        settle
    }

    /// Forgets everything drawn and read, to read the page from scratch.
    fn forget_drawn(&mut self) {
        self.forget_analysis();
        self.article.blocks.clear();
        self.article.pieces.clear();
        // Undoing our highlights is no change of the page's.
        self.watch.forget();
    }

    /// Forgets the analysis and everything drawn from it, keeping the article read.
    fn forget_analysis(&mut self) {
        self.set_active(None);
        self.ui
            .set_summary(self.ui.language.text(Message::ReadingArticle));
        self.marks.clear();
        // Undoing our highlights is no change of the page's.
        self.watch.drop_own_changes();
        self.sidebar.forget();
        // Entries would link to highlights that are gone.
        let _ = self.ui.clear_actors();
        self.analyzer = (self.new_analyzer)(&self.language);
        self.analysis = Analysis::default();
        self.fed_blocks = 0;
        self.analysed_blocks = 0;
        self.drawn_blocks = 0;
    }

    /// Adds the blocks of `found` that are new: none of their text read before, all of it still
    /// on the page (it may have changed while `found` was read in `slices`).
    fn add_found(&mut self, found: Article<Node>, slices: SliceLog) {
        self.extract_slices.absorb(slices);
        let first = self.article.blocks.len();
        for (mut block, pieces) in found.blocks.into_iter().zip(found.pieces) {
            if pieces
                .iter()
                .any(|p| self.watch.has_read(&p.node) || !p.node.is_connected())
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

/// The colour the article is drawn on: the first background, from the article's first text
/// outwards, that is more opaque than not. `None` where the page leaves it to the browser's
/// canvas.
fn page_background(article: &Article<Node>, root: &Element) -> Option<Rgba> {
    let window = web_sys::window()?;
    let first_text = article.pieces.first()?.first()?.node.parent_element();
    let mut element = first_text.or_else(|| Some(root.clone()));
    while let Some(current) = element {
        let background = super::computed_property(&window, &current, "background-color")
            .and_then(|css| parse_rgb(&css));
        if let Some(colour) = background.filter(|c| c.alpha > 0.5) {
            return Some(colour);
        }
        element = current.parent_element();
    }
    None
}

/// Analyses and draws everything read, in slices, yielding to the page between them; then, on a
/// live page, watches it. Returns when done or when the view closes. Only a view just opened
/// starts drawing here; any other call returns at once.
pub async fn run(view: &SharedView) -> Result<(), JsValue> {
    {
        let mut v = view.borrow_mut();
        if v.phase != Phase::Opened {
            return Ok(());
        }
        v.phase = Phase::Drawing;
    }
    draw(view).await
}

/// The [`Phase::Drawing`] loop: a slice of work per task until everything read is drawn.
async fn draw(view: &SharedView) -> Result<(), JsValue> {
    let result = loop {
        let slice = Slice::begin();
        let step = {
            let mut v = view.borrow_mut();
            if v.is_closed() {
                return Ok(());
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
    let settle = {
        let mut v = view.borrow_mut();
        if v.is_closed() {
            return result;
        }
        v.phase = Phase::Shown;
        if result.is_ok() && v.elapsed_ms == 0.0 {
            v.elapsed_ms = now() - v.started;
        }
        if result.is_ok() && v.mode == Mode::Page && !v.watch.is_observing() {
            v.observe(view)?;
        }
        // What the page changed while this drawing went on.
        v.settle_if_changed()
    };
    if settle {
        wasm_bindgen_futures::spawn_local(update_later(Rc::downgrade(view)));
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
        if v.phase != Phase::Settling {
            return;
        }
        v.phase = Phase::Updating;
        (Node::from(v.root.clone()), v.mode)
    };
    loop {
        let update = {
            let mut v = view.borrow_mut();
            if v.is_closed() {
                return;
            }
            let update = v.watch.take();
            if matches!(update, Some(Update::Page)) {
                v.forget_drawn();
            }
            update
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
    view.borrow_mut().phase = Phase::Drawing;
    if let Err(error) = draw(&view).await {
        web_sys::console::warn_2(
            &"QuoteLens: could not read the page's new content".into(),
            &error,
        );
    }
}
