//! Watching a live page for content it adds or removes after the first reading: which text was
//! read, and what changed since.

use super::super::highlight::MARK_TAG;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, Node};

/// Past this many changed nodes in one go, reading the whole page again is cheaper.
const RESCAN_THRESHOLD: usize = 1000;

/// What the next update reads.
pub enum Update {
    /// The whole page, again.
    Page,
    /// Nodes the page added.
    Added(Vec<Node>),
}

/// The callback a watcher calls with the page's change records.
pub type OnChange = Closure<dyn FnMut(js_sys::Array, MutationObserver)>;

struct Observer {
    observer: MutationObserver,
    _callback: OnChange,
}

pub struct PageWatch {
    observer: Option<Observer>,
    /// The changes not read yet; `Some(Update::Page)` once reading the nodes one by one would
    /// be wrong or too slow.
    changes: Option<Update>,
    /// Text nodes already read, so that content the page re-inserts is not read twice.
    seen: js_sys::WeakSet,
}

impl PageWatch {
    pub fn new() -> PageWatch {
        PageWatch {
            observer: None,
            changes: None,
            seen: js_sys::WeakSet::new(),
        }
    }

    pub fn is_observing(&self) -> bool {
        self.observer.is_some()
    }

    pub fn has_changes(&self) -> bool {
        self.changes.is_some()
    }

    /// Starts calling `on_change` with what changes under `root`.
    pub fn observe(&mut self, root: &Element, on_change: OnChange) -> Result<(), JsValue> {
        let observer = MutationObserver::new(on_change.as_ref().unchecked_ref())?;
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        observer.observe_with_options(root, &init)?;
        self.observer = Some(Observer {
            observer,
            _callback: on_change,
        });
        Ok(())
    }

    /// Stops observing.
    pub fn stop(&mut self) {
        if let Some(observer) = self.observer.take() {
            observer.observer.disconnect();
        }
    }

    /// Our own DOM changes are not the page's: their records are dropped before they are seen
    /// (the removal of a mark would read as the page taking its highlights away).
    pub fn drop_own_changes(&self) {
        if let Some(observer) = &self.observer {
            observer.observer.take_records();
        }
    }

    /// Records `node`'s text as read.
    pub fn remember(&self, node: &Node) {
        self.seen.add(node);
    }

    pub fn has_read(&self, node: &Node) -> bool {
        self.seen.has(node)
    }

    /// Forgets what was read and what changed, to read the page from scratch.
    pub fn forget(&mut self) {
        self.seen = js_sys::WeakSet::new();
        self.changes = None;
        self.drop_own_changes();
    }

    /// Collects what the page added or removed in `records`, leaving out our interface `host`.
    pub fn note(&mut self, records: &js_sys::Array, host: &Element) {
        for record in records.iter() {
            let record: web_sys::MutationRecord = record.unchecked_into();
            let removed = record.removed_nodes();
            for node in (0..removed.length()).filter_map(|i| removed.item(i)) {
                if self.held_highlights(&node) {
                    self.changes = Some(Update::Page);
                }
            }
            let added = record.added_nodes();
            for node in (0..added.length()).filter_map(|i| added.item(i)) {
                let is_ours = node.node_name().eq_ignore_ascii_case(MARK_TAG)
                    || host.is_same_node(Some(&node));
                if is_ours || self.seen.has(&node) {
                    continue;
                }
                match &mut self.changes {
                    Some(Update::Page) => {}
                    Some(Update::Added(nodes)) if nodes.len() >= RESCAN_THRESHOLD => {
                        self.changes = Some(Update::Page);
                    }
                    Some(Update::Added(nodes)) => nodes.push(node),
                    None => self.changes = Some(Update::Added(vec![node])),
                }
            }
        }
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

    /// What the page changed since the last call: the whole page to read again when what it
    /// removed took highlights with it (a single-page app changing route) or when it changed too
    /// much, else the nodes it added. `None` when nothing changed.
    pub fn take(&mut self) -> Option<Update> {
        self.changes.take()
    }
}
