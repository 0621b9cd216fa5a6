//! What the reader does with a view: pointing at and focusing quotes, keys, scrolling, and the
//! interface's actions (one [`Action`] per control, read back from the control clicked).

use super::super::highlight::MARK_TAG;
use super::{SharedView, View};
use crate::present::action::{Action, ACTION_ATTRIBUTE};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};

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

    fn on_key(&mut self, _: &SharedView, event: &Event) {
        let key = js_sys::Reflect::get(event, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        if key.as_deref() == Some("Escape") {
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
