//! The text the reader selected, as an article of its own ("Who said this?" in the context
//! menu): for pages where the article finder fails or where one part is wanted, such as a live
//! blog's entries or a social post. Each block-level element the selection crosses gives a block;
//! the blocks map back to the selected text nodes exactly as the finder's do.

use crate::article::{detect_language, Article, Metadata, TextPiece};
use crate::engine::model::{Block, BlockKind};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Range, Text};

/// Elements whose text is no reading matter, even when selected across.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "select",
];

/// The document's selected text as an article (no blocks when nothing is selected), and the
/// selection cleared, so that the highlights show instead of the selection's colour.
pub fn selected_article(doc: &Document) -> Article<Node> {
    let selection = doc.get_selection().ok().flatten();
    let Some(range) = selection
        .as_ref()
        .filter(|s| s.range_count() > 0 && !s.is_collapsed())
        .and_then(|s| s.get_range_at(0).ok())
    else {
        return Article {
            metadata: Metadata::default(),
            blocks: Vec::new(),
            pieces: Vec::new(),
        };
    };
    let mut builder = Builder::default();
    if let Ok(common) = range.common_ancestor_container() {
        collect(&range, &common, &mut builder);
    }
    builder.end_block();
    if let Some(selection) = selection {
        let _ = selection.remove_all_ranges();
    }
    let text: String = builder.blocks.iter().map(|b| b.text.as_str()).collect();
    let metadata = Metadata {
        language: declared_language(&range).or_else(|| detect_language(&text).map(str::to_string)),
        ..Metadata::default()
    };
    Article {
        metadata,
        blocks: builder.blocks,
        pieces: builder.pieces,
    }
}

/// The language the page declares where the selection is (`lang` of the nearest element with
/// one), as a base code: "en" for "en-GB".
fn declared_language(range: &Range) -> Option<String> {
    let common = range.common_ancestor_container().ok()?;
    let element = match common.dyn_ref::<Element>() {
        Some(element) => element.clone(),
        None => common.parent_element()?,
    };
    let tag = element.closest("[lang]").ok()??.get_attribute("lang")?;
    let base = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!base.is_empty()).then_some(base)
}

/// Visits the text nodes under `node` that the selection `range` crosses, in document order.
fn collect(range: &Range, node: &Node, builder: &mut Builder) {
    if let Some(text) = node.dyn_ref::<Text>() {
        builder.add(range, text);
        return;
    }
    if let Some(element) = node.dyn_ref::<Element>() {
        if SKIPPED.contains(&element.local_name().as_str()) {
            return;
        }
    }
    let children = node.child_nodes();
    for child in (0..children.length()).filter_map(|i| children.item(i)) {
        if range.intersects_node(&child).unwrap_or(false) {
            collect(range, &child, builder);
        }
    }
}

/// The nearest ancestor of `node` laid out as a block: text under one is one block.
fn block_of(node: &Node) -> Option<Element> {
    let window = web_sys::window()?;
    let mut element = node.parent_element();
    while let Some(current) = element {
        let display = super::computed_property(&window, &current, "display").unwrap_or_default();
        if !display.starts_with("inline") && display != "contents" {
            return Some(current);
        }
        element = current.parent_element();
    }
    None
}

/// Blocks being built from selected text, white space collapsed as the article finder does: a
/// run of spaces becomes one space, and a piece ends where characters are skipped.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    pieces: Vec<Vec<TextPiece<Node>>>,
    /// The element of the block being built, its text (and length in UTF-16), and its pieces.
    element: Option<Element>,
    text: String,
    length: usize,
    block_pieces: Vec<TextPiece<Node>>,
    open: Option<TextPiece<Node>>,
}

impl Builder {
    /// Adds the selected part of `text`.
    fn add(&mut self, range: &Range, text: &Text) {
        let node: Node = text.clone().into();
        let data: Vec<u16> = text.data().encode_utf16().collect();
        let is_container =
            |container: Result<Node, _>| container.is_ok_and(|c: Node| c.is_same_node(Some(&node)));
        let start = if is_container(range.start_container()) {
            range.start_offset().unwrap_or(0) as usize
        } else {
            0
        };
        let end = if is_container(range.end_container()) {
            range.end_offset().map_or(data.len(), |e| e as usize)
        } else {
            data.len()
        };
        let Some(selected) = data.get(start..end.min(data.len())) else {
            return;
        };
        let element = block_of(&node);
        let same_block = match (&element, &self.element) {
            (Some(a), Some(b)) => a.is_same_node(Some(b)),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same_block {
            self.end_block();
            self.element = element;
        }
        let mut offset = start;
        for c in char::decode_utf16(selected.iter().copied())
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        {
            let units = c.len_utf16();
            if c.is_whitespace() && (self.text.is_empty() || self.text.ends_with(' ')) {
                self.close_piece();
            } else {
                // Every white space character is one UTF-16 unit, as the space standing for it.
                self.push(
                    if c.is_whitespace() { ' ' } else { c },
                    &node,
                    offset,
                    units,
                );
            }
            offset += units;
        }
        self.close_piece();
    }

    fn push(&mut self, c: char, node: &Node, node_offset: usize, units: usize) {
        let length = self.length;
        let piece = self.open.get_or_insert_with(|| TextPiece {
            node: node.clone(),
            block_start: length,
            node_start: node_offset,
            len: 0,
        });
        piece.len += units;
        self.text.push(c);
        self.length += units;
    }

    fn close_piece(&mut self) {
        if let Some(piece) = self.open.take().filter(|p| p.len > 0) {
            self.block_pieces.push(piece);
        }
    }

    /// Ends the block being built, without the space it may end in.
    fn end_block(&mut self) {
        self.close_piece();
        if self.text.ends_with(' ') {
            self.text.pop();
            self.length -= 1;
            if let Some(last) = self.block_pieces.last_mut() {
                last.len -= 1;
                if last.len == 0 {
                    self.block_pieces.pop();
                }
            }
        }
        let pieces = std::mem::take(&mut self.block_pieces);
        let text = std::mem::take(&mut self.text);
        self.length = 0;
        if !text.is_empty() {
            self.blocks.push(Block {
                id: self.blocks.len(),
                kind: BlockKind::Paragraph,
                text,
            });
            self.pieces.push(pieces);
        }
    }
}
