//! [`DomNode`] over the live page, so the article finder reads the very DOM the reader sees and
//! its offset maps point at the page's own text nodes.

use crate::article::DomNode;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

impl DomNode for Node {
    fn tag(&self) -> Option<String> {
        (self.node_type() == Node::ELEMENT_NODE).then(|| self.unchecked_ref::<Element>().local_name().to_ascii_lowercase())
    }

    fn attr(&self, name: &str) -> Option<String> {
        if self.node_type() != Node::ELEMENT_NODE {
            return None;
        }
        self.unchecked_ref::<Element>().get_attribute(name)
    }

    fn text(&self) -> Option<String> {
        if self.node_type() != Node::TEXT_NODE {
            return None;
        }
        self.node_value()
    }

    fn children(&self) -> Vec<Self> {
        let list = self.child_nodes();
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    }

    /// Style sheets hide far more than attributes say: ask for the computed style.
    fn is_rendered_hidden(&self) -> bool {
        if self.node_type() != Node::ELEMENT_NODE {
            return false;
        }
        let Some(window) = web_sys::window() else { return false };
        match window.get_computed_style(self.unchecked_ref::<Element>()) {
            Ok(Some(style)) => {
                let value = |name| style.get_property_value(name).unwrap_or_default();
                value("display") == "none" || value("visibility") == "hidden"
            }
            _ => false,
        }
    }
}
