//! [`DomNode`] over a natively parsed HTML document, for the command line and native tests.

use super::DomNode;
use scraper::{node::Node, Html};

/// A node of a parsed [`Html`] document.
#[derive(Clone, Copy)]
pub struct HtmlNode<'a>(pub ego_tree::NodeRef<'a, Node>);

impl<'a> HtmlNode<'a> {
    pub fn root(document: &'a Html) -> Self {
        HtmlNode(document.tree.root())
    }
}

impl DomNode for HtmlNode<'_> {
    fn tag(&self) -> Option<String> {
        self.0
            .value()
            .as_element()
            .map(|e| e.name().to_ascii_lowercase())
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.value().as_element()?.attr(name).map(str::to_string)
    }

    fn text(&self) -> Option<String> {
        self.0.value().as_text().map(|t| t.to_string())
    }

    fn children(&self) -> Vec<Self> {
        self.0.children().map(HtmlNode).collect()
    }
}
