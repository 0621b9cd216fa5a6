//! What the reader does with a view: pointing at and focusing quotes, keys, scrolling, and the
//! interface's actions (one [`Action`] per control, read back from the control clicked).

use super::super::highlight::MARK_TAG;
use super::{SharedView, View};
use crate::present::action::{Action, ACTION_ATTRIBUTE};
use crate::present::ActorKey;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, KeyboardEvent};

/// A view's handler of one kind of DOM event.
type Handler = fn(&mut View, &SharedView, &Event);

struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

/// The listeners a view added, to remove them all when it closes.
#[derive(Default)]
pub struct Listeners(Vec<Listener>);

impl Listeners {
    /// Listens (capturing) on the view's root, its interface and its document.
    pub fn listen(view: &SharedView) -> Result<Listeners, JsValue> {
        let (root, shadow, document): (EventTarget, EventTarget, EventTarget) = {
            let v = view.borrow();
            (
                v.root.clone().into(),
                v.ui.shadow.clone().into(),
                v.doc.clone().into(),
            )
        };
        let handlers: [(&EventTarget, &'static str, Handler); 11] = [
            (&root, "mouseover", View::on_pointer_over),
            (&root, "mouseout", View::on_pointer_out),
            (&root, "focusin", View::on_pointer_over),
            (&root, "focusout", View::on_pointer_out),
            (&root, "keydown", View::on_key),
            // Any scrolling moves the highlight away from its tooltip (capture: scroll does not bubble).
            (&document, "scroll", View::on_scroll),
            (&shadow, "click", View::on_click),
            (&shadow, "mouseover", View::on_entry_over),
            (&shadow, "mouseout", View::on_entry_out),
            (&shadow, "focusin", View::on_entry_over),
            (&shadow, "focusout", View::on_entry_out),
        ];
        let mut listeners = Listeners::default();
        for (target, kind, handler) in handlers {
            let weak = Rc::downgrade(view);
            let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let Some(view) = weak.upgrade() else { return };
                let Ok(mut v) = view.try_borrow_mut() else {
                    return;
                };
                if !v.is_closed() {
                    handler(&mut v, &view, &event);
                }
            });
            target.add_event_listener_with_callback_and_bool(
                kind,
                callback.as_ref().unchecked_ref(),
                true,
            )?;
            listeners.0.push(Listener {
                target: target.clone(),
                kind,
                callback,
            });
        }
        Ok(listeners)
    }

    pub fn remove_all(&mut self) {
        for listener in self.0.drain(..) {
            let _ = listener
                .target
                .remove_event_listener_with_callback_and_bool(
                    listener.kind,
                    listener.callback.as_ref().unchecked_ref(),
                    true,
                );
        }
    }
}

/// Where the pointer or focus went to, for an event saying where it left.
fn related_target(event: &Event) -> Option<EventTarget> {
    js_sys::Reflect::get(event, &"relatedTarget".into())
        .ok()
        .and_then(|t| t.dyn_into::<EventTarget>().ok())
}

enum Direction {
    Next,
    Previous,
}

/// Whether keys typed in `element` are text for the page.
fn is_editable(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlElement>()
        .is_some_and(HtmlElement::is_content_editable)
        || element
            .closest("input, textarea, select")
            .ok()
            .flatten()
            .is_some()
}

/// The quote whose highlight has the keyboard focus.
fn focused_quote(doc: &Document) -> Option<usize> {
    quote_of_mark(doc.active_element().map(Into::into)).map(|(_, index)| index)
}

/// The highlight an event happened on, and its quote's index.
fn quote_of_mark(target: Option<EventTarget>) -> Option<(Element, usize)> {
    let mark = target?
        .dyn_into::<Element>()
        .ok()?
        .closest(MARK_TAG)
        .ok()??;
    let index = mark.get_attribute("data-quotelens-quote")?.parse().ok()?;
    Some((mark, index))
}

impl View {
    fn on_pointer_over(&mut self, _: &SharedView, event: &Event) {
        if let Some((mark, index)) = quote_of_mark(event.target()) {
            self.point_at(mark, index);
        }
    }

    fn on_pointer_out(&mut self, _: &SharedView, event: &Event) {
        let related = related_target(event);
        let leaving = quote_of_mark(event.target()).map(|(_, i)| i);
        let entering = quote_of_mark(related).map(|(_, i)| i);
        if leaving.is_some() && leaving != entering {
            self.set_active(None);
        }
    }

    /// N and P go to the next and previous quote; C copies the quote focused or pointed at with
    /// its attribution; Enter on a quote goes to its entry in the panel (Enter on the entry, a
    /// button, comes back); Escape hides the tooltip, and from a
    /// quote or the panel with no tooltip shown, closes QuoteLens. Keys typed into the page's
    /// fields, or with a modifier, are the page's.
    fn on_key(&mut self, view: &SharedView, event: &Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if key.ctrl_key() || key.alt_key() || key.meta_key() || key.is_composing() {
            return;
        }
        // The element the key was typed in, inside our shadow root too (the target is the host).
        let origin = event.composed_path().get(0).dyn_into::<Element>().ok();
        if origin.as_ref().is_some_and(is_editable) {
            return;
        }
        let handled = match key.key().as_str() {
            "n" | "N" => self.go_to_quote(Direction::Next),
            "p" | "P" => self.go_to_quote(Direction::Previous),
            "Enter" => quote_of_mark(origin.map(Into::into))
                .is_some_and(|(_, index)| self.focus_entry(index)),
            "c" | "C" => match focused_quote(&self.doc).or(self.marks.active()) {
                Some(index) => {
                    self.copy_quote(index);
                    true
                }
                None => false,
            },
            "Escape" => self.escape(view, origin.as_ref()),
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    }

    /// Focuses the next or previous quote in reading order (from the one focused or pointed at,
    /// else from the start or the end), which shows its tooltip. Returns whether there was one.
    fn go_to_quote(&mut self, direction: Direction) -> bool {
        let order = self.marks.navigable(&self.analysis);
        if order.is_empty() {
            return false;
        }
        let current = focused_quote(&self.doc)
            .or(self.marks.active())
            .and_then(|index| order.iter().position(|&i| i == index));
        let count = order.len();
        let at = match (current, direction) {
            (None, Direction::Next) => 0,
            (None, Direction::Previous) => count - 1,
            (Some(at), Direction::Next) => (at + 1) % count,
            (Some(at), Direction::Previous) => (at + count - 1) % count,
        };
        self.reveal_quote(order[at])
    }

    /// Focuses quote `index`'s entry in the panel, unfolding the panel and listing all of its
    /// speaker's positions where needed. Returns whether there was one.
    fn focus_entry(&mut self, index: usize) -> bool {
        let Some(quote) = self.analysis.quotes.get(index) else {
            return false;
        };
        let entry = Action::RevealQuote(index);
        if self.ui.control(entry).is_none() {
            self.sidebar.expand(ActorKey::of(quote));
            self.render_sidebar();
            let _ = self.build_sidebar(None);
        }
        if self.ui.is_collapsed() {
            let _ = self.ui.set_collapsed(false);
        }
        let Some(control) = self.ui.control(entry) else {
            return false;
        };
        // The quote stays marked in the page; its tooltip would cover the text beside the entry.
        self.set_active(None);
        self.set_active(Some(index));
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        control.scroll_into_view_with_scroll_into_view_options(&options);
        control.focus().is_ok()
    }

    /// Escape: hides the tooltip of the quote pointed at; with none, closes QuoteLens when the
    /// key was typed on a quote or in the panel. Returns whether it did either.
    fn escape(&mut self, view: &SharedView, origin: Option<&Element>) -> bool {
        if self.marks.active().is_some() || self.tooltip_anchor.is_some() {
            self.set_active(None);
            return true;
        }
        let on_ours = self.ui.has_focus()
            || origin.is_some_and(|e| e.closest(MARK_TAG).ok().flatten().is_some());
        if on_ours {
            self.perform(view, Action::Close);
        }
        on_ours
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
        if let Some(action) = self.action_of(event.target()) {
            self.perform(view, action);
        }
    }

    /// Pointing at or focusing a quote's entry in the panel marks the quote in the page.
    fn on_entry_over(&mut self, _: &SharedView, event: &Event) {
        if let Some(Action::RevealQuote(index)) = self.action_of(event.target()) {
            self.set_active(Some(index));
        }
    }

    fn on_entry_out(&mut self, _: &SharedView, event: &Event) {
        let related = related_target(event);
        let leaving = self.action_of(event.target());
        if matches!(leaving, Some(Action::RevealQuote(_))) && leaving != self.action_of(related) {
            self.set_active(None);
        }
    }

    /// The action of the interface's control `target` is in, if any.
    fn action_of(&self, target: Option<EventTarget>) -> Option<Action> {
        let control = target?
            .dyn_into::<Element>()
            .ok()?
            .closest(&format!("[{ACTION_ATTRIBUTE}]"))
            .ok()??;
        Action::decode(&control.get_attribute(ACTION_ATTRIBUTE)?, &self.analysis)
    }
}
