//! The panel's content for one view: the summary, the message and the actor list, rebuilt from
//! the analysis a few entries per slice, off the page until complete.

use super::super::schedule::{now, Slice};
use super::super::ui::Ui;
use crate::engine::Analysis;
use crate::present::{self, ActorEntry, ActorKey};
use wasm_bindgen::JsValue;
use web_sys::{Document, DocumentFragment};

/// How often the actor list is rebuilt while a long article is still being read.
const REFRESH_MS: f64 = 1000.0;

/// The actor list being rebuilt.
struct Build {
    entries: Vec<ActorEntry>,
    next: usize,
    list: DocumentFragment,
}

pub struct Sidebar {
    build: Option<Build>,
    /// Actors whose whole list of positions the reader asked to see.
    expanded: Vec<ActorKey>,
    last_render: f64,
}

impl Sidebar {
    pub fn new() -> Sidebar {
        Sidebar {
            build: None,
            expanded: Vec::new(),
            last_render: now(),
        }
    }

    pub fn is_building(&self) -> bool {
        self.build.is_some()
    }

    /// Whether the list is old enough to be rebuilt while the article is still being read.
    pub fn is_due(&self) -> bool {
        now() - self.last_render > REFRESH_MS
    }

    /// Drops a list being built: it would link to highlights that are gone.
    pub fn forget(&mut self) {
        self.build = None;
    }

    pub fn expand(&mut self, key: ActorKey) {
        if !self.expanded.contains(&key) {
            self.expanded.push(key);
        }
    }

    /// Updates the summary (with `drawn` of `total` blocks drawn) and `message`, and starts
    /// rebuilding the actor list from `analysis` ([`Sidebar::build`] carries it on).
    pub fn render(
        &mut self,
        ui: &Ui,
        doc: &Document,
        analysis: &Analysis,
        drawn: usize,
        total: usize,
        message: Option<&str>,
    ) {
        self.last_render = now();
        let summary = present::summary_line(analysis, drawn, total, ui.language);
        ui.set_summary(&summary);
        ui.set_message(message.unwrap_or(""));
        if drawn == total {
            ui.announce(&match message {
                Some(message) => format!("{summary} {message}"),
                None => summary,
            });
        }
        self.build = Some(Build {
            entries: present::actor_entries(analysis, ui.language),
            next: 0,
            list: doc.create_document_fragment(),
        });
    }

    /// Adds entries to the list being built until `slice` is over (at least one; all without a
    /// slice), and shows the list once complete, with `filter`'s speaker marked.
    pub fn build(
        &mut self,
        ui: &Ui,
        doc: &Document,
        analysis: &Analysis,
        filter: Option<ActorKey>,
        slice: Option<&Slice>,
    ) -> Result<(), JsValue> {
        let Some(build) = &mut self.build else {
            return Ok(());
        };
        while let Some(entry) = build.entries.get(build.next) {
            let item = ui.actor_item(doc, analysis, entry, self.expanded.contains(&entry.key))?;
            build.list.append_child(&item)?;
            build.next += 1;
            if slice.is_some_and(Slice::over) && build.next < build.entries.len() {
                return Ok(());
            }
        }
        ui.show_actors(&build.list, build.entries.len())?;
        self.build = None;
        ui.show_filter(filter.map(|k| k.attribute(analysis)).as_deref());
        Ok(())
    }
}
