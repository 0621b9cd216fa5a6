//! A minimal [`DomNode`] over the live DOM, private to the view until `dom_node.rs` (the article
//! work) lands on main; a newtype so that both can coexist during the merge.

use crate::article::DomNode;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

#[derive(Clone)]
pub struct PageNode(pub Node);

impl DomNode for PageNode {
    fn tag(&self) -> Option<String> {
        self.0.dyn_ref::<Element>().map(|e| e.local_name().to_ascii_lowercase())
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.dyn_ref::<Element>()?.get_attribute(name)
    }

    fn text(&self) -> Option<String> {
        (self.0.node_type() == Node::TEXT_NODE).then(|| self.0.node_value().unwrap_or_default())
    }

    fn children(&self) -> Vec<Self> {
        let list = self.0.child_nodes();
        (0..list.length()).filter_map(|i| list.item(i)).map(PageNode).collect()
    }
}
