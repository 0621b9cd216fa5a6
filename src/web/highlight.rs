//! Wrapping ranges of text nodes in `<quotelens-mark>` elements, and undoing it exactly.
//!
//! Only text nodes are wrapped, never page elements, so the page's element tree and its CSS
//! selectors stay as they were. A text node is split only where a range starts or ends inside it;
//! every split is recorded so that removal merges the pieces back into the original node (whose
//! identity frameworks may hold on to) instead of normalising whole subtrees.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

#[wasm_bindgen]
extern "C" {
    /// A text node whose data stays a JavaScript string: web-sys's `String` would replace lone
    /// surrogates, which pages do contain, with U+FFFD and so change the page's text.
    type RawText;
    #[wasm_bindgen(method, getter)]
    fn data(this: &RawText) -> js_sys::JsString;
    #[wasm_bindgen(method, js_name = appendData)]
    fn append_data(this: &RawText, data: &js_sys::JsString);
}

/// The tag of a highlight element (a custom element name, so no page CSS is written for it).
pub const MARK_TAG: &str = "quotelens-mark";

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Part of one text node's data, in UTF-16 code units.
pub struct Segment {
    pub node: Text,
    pub start: u32,
    pub end: u32,
}

#[derive(Default)]
pub struct Highlighter {
    /// `(original, split-off)` pairs, in the order the splits were made.
    splits: Vec<(Text, Text)>,
    marks: Vec<Element>,
}

impl Highlighter {
    /// Wraps `segment` in `mark`. Returns false, changing nothing, where wrapping would be wrong:
    /// the text changed since it was read, it is already highlighted, it is white space between
    /// block elements, or it is not HTML (SVG text).
    pub fn wrap(&mut self, segment: &Segment, mark: &Element) -> Result<bool, JsValue> {
        let Segment { node, start, end } = segment;
        let (start, end) = (*start, *end);
        if start >= end || end > node.length() {
            return Ok(false);
        }
        let Some(parent) = node.parent_element() else {
            return Ok(false);
        };
        if parent.local_name() == MARK_TAG
            || parent.namespace_uri().as_deref() != Some(XHTML)
            || (node.data().trim().is_empty() && between_blocks(node, &parent))
        {
            return Ok(false);
        }
        if end < node.length() {
            let rest = node.split_text(end)?;
            self.splits.push((node.clone(), rest));
        }
        let target = if start > 0 {
            let middle = node.split_text(start)?;
            self.splits.push((node.clone(), middle.clone()));
            middle
        } else {
            node.clone()
        };
        parent.insert_before(mark, Some(&target))?;
        mark.append_child(&target)?;
        self.marks.push(mark.clone());
        Ok(true)
    }

    /// Removes every mark and merges every split back, leaving the DOM as it was before.
    pub fn clear(&mut self) {
        for mark in self.marks.drain(..) {
            let Some(parent) = mark.parent_node() else {
                continue;
            };
            while let Some(child) = mark.first_child() {
                let _ = parent.insert_before(&child, Some(&mark));
            }
            let _ = parent.remove_child(&mark);
        }
        // Undone in reverse, each split finds its two halves side by side again. Where the page
        // has since moved them apart, they are left split: the text is intact either way.
        for (original, fragment) in self.splits.drain(..).rev() {
            let adjacent = original
                .next_sibling()
                .is_some_and(|n| n.is_same_node(Some(fragment.as_ref())));
            if adjacent {
                let data = fragment.unchecked_ref::<RawText>().data();
                original.unchecked_ref::<RawText>().append_data(&data);
                fragment.remove();
            }
        }
    }

    pub fn mark_count(&self) -> usize {
        self.marks.len()
    }
}

/// Whether a white-space-only text node sits between block-level boxes (list items, table rows,
/// paragraphs), where an inline wrapper could create a line box of its own.
fn between_blocks(node: &Text, parent: &Element) -> bool {
    const STRUCTURAL: &[&str] = &[
        "ul", "ol", "dl", "menu", "table", "thead", "tbody", "tfoot", "tr", "colgroup", "select",
        "optgroup",
    ];
    let is_block = |n: Option<Node>| {
        n.and_then(|n| n.dyn_into::<Element>().ok())
            .is_some_and(|e| BLOCK_TAGS.contains(&e.local_name().as_str()))
    };
    STRUCTURAL.contains(&parent.local_name().as_str())
        || is_block(node.previous_sibling())
        || is_block(node.next_sibling())
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
];

/// Where UTF-16 offset `offset` of a text node's original data is now, after splits moved its
/// tail into following text nodes (in document order, inside marks or not).
pub fn resolve_point(node: &Text, offset: u32) -> Option<(Text, u32)> {
    let (mut node, mut offset) = (node.clone(), offset);
    while offset > node.length() {
        offset -= node.length();
        node = next_text_node(&node)?;
    }
    Some((node, offset))
}

/// The text nodes that now hold UTF-16 offsets `start..end` of a text node's original data,
/// after splits moved parts of it into following text nodes: one segment each, in document order.
pub fn current_segments(node: &Text, start: u32, end: u32) -> Vec<Segment> {
    let mut segments = Vec::new();
    let Some((mut node, mut offset)) = resolve_point(node, start) else {
        return segments;
    };
    let mut left = end.saturating_sub(start);
    while left > 0 {
        let take = left.min(node.length().saturating_sub(offset));
        if take > 0 {
            segments.push(Segment {
                node: node.clone(),
                start: offset,
                end: offset + take,
            });
            left -= take;
        }
        if left > 0 {
            let Some(next) = next_text_node(&node) else {
                break;
            };
            (node, offset) = (next, 0);
        }
    }
    segments
}

/// The next text node in document order.
fn next_text_node(from: &Text) -> Option<Text> {
    let mut current: Node = from.clone().into();
    loop {
        let next = match current.first_child() {
            Some(child) => child,
            None => loop {
                if let Some(sibling) = current.next_sibling() {
                    break sibling;
                }
                current = current.parent_node()?;
            },
        };
        match next.dyn_into::<Text>() {
            Ok(text) => return Some(text),
            Err(other) => current = other,
        }
    }
}
