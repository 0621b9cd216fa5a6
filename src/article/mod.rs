//! Stage: DOM → the article's text blocks, each with a map back to the DOM's text nodes.
//!
//! One algorithm for every DOM: it is generic over [`DomNode`], implemented natively on parsed
//! HTML ([`html`]) and in the browser on the live DOM (`web`).

#[cfg(not(target_arch = "wasm32"))]
pub mod html;

use crate::engine::model::{Block, BlockKind};

/// The little the article finder needs to know of a DOM node.
pub trait DomNode: Clone {
    /// The lower-case tag name of an element; `None` for any other node.
    fn tag(&self) -> Option<String>;
    fn attr(&self, name: &str) -> Option<String>;
    /// The data of a text node; `None` for any other node.
    fn text(&self) -> Option<String>;
    fn children(&self) -> Vec<Self>;
}

/// A run of a block's text that comes unchanged from one DOM text node.
#[derive(Clone, Debug)]
pub struct TextPiece<N> {
    pub node: N,
    /// Where the run starts in the block's text and in the node's data, in UTF-16 code units.
    pub block_start: usize,
    pub node_start: usize,
    pub len: usize,
}

#[derive(Clone, Debug)]
pub struct Article<N> {
    pub blocks: Vec<Block>,
    /// `pieces[i]` maps `blocks[i].text` back to the DOM, in order.
    pub pieces: Vec<Vec<TextPiece<N>>>,
}

/// A DOM position: a text node and a UTF-16 offset in its data.
pub type DomPoint<N> = (N, usize);

impl<N: DomNode> Article<N> {
    /// The DOM boundary points of `block`'s text between UTF-16 offsets `start` and `end`.
    pub fn dom_range(&self, block: usize, start: usize, end: usize) -> Option<(DomPoint<N>, DomPoint<N>)> {
        let pieces = self.pieces.get(block)?;
        let locate = |offset: usize, at_end: bool| {
            pieces.iter().find(|p| {
                let inside = if at_end { offset > p.block_start } else { offset >= p.block_start };
                inside && offset <= p.block_start + p.len
            })
            .map(|p| (p.node.clone(), p.node_start + offset - p.block_start))
        };
        Some((locate(start, false)?, locate(end, true)?))
    }
}

const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "nav", "footer", "aside", "form"];

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" => BlockKind::Headline,
        "p" => BlockKind::Paragraph,
        "li" => BlockKind::ListItem,
        "blockquote" => BlockKind::Blockquote,
        "figcaption" => BlockKind::Caption,
        _ => return None,
    })
}

/// Finds the article's text blocks under `root`.
pub fn extract<N: DomNode>(root: &N) -> Article<N> {
    let mut article = Article { blocks: Vec::new(), pieces: Vec::new() };
    walk(root, &mut article);
    article
}

fn walk<N: DomNode>(node: &N, article: &mut Article<N>) {
    let tag = node.tag().unwrap_or_default();
    if SKIPPED.contains(&tag.as_str()) {
        return;
    }
    if let Some(kind) = block_kind(&tag) {
        let mut text = String::new();
        let mut pieces = Vec::new();
        collect_text(node, &mut text, &mut pieces);
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        if !text.is_empty() {
            article.blocks.push(Block { id: article.blocks.len(), kind, text });
            article.pieces.push(pieces);
        }
        return;
    }
    for child in node.children() {
        walk(&child, article);
    }
}

/// Appends the visible text under `node` to `text`, collapsing white space as a browser does.
fn collect_text<N: DomNode>(node: &N, text: &mut String, pieces: &mut Vec<TextPiece<N>>) {
    for child in node.children() {
        if let Some(data) = child.text() {
            append_collapsed(&child, &data, text, pieces);
        } else if let Some(tag) = child.tag() {
            if !SKIPPED.contains(&tag.as_str()) {
                collect_text(&child, text, pieces);
            }
        }
    }
}

fn append_collapsed<N: Clone>(node: &N, data: &str, text: &mut String, pieces: &mut Vec<TextPiece<N>>) {
    let mut block_len = crate::engine::offsets::utf16_len(text);
    let mut node_offset = 0;
    let mut run: Option<TextPiece<N>> = None;
    for c in data.chars() {
        let width = c.len_utf16();
        let space = c.is_whitespace();
        let keep = !space || !(text.is_empty() || text.ends_with(' '));
        if keep {
            text.push(if space { ' ' } else { c });
            match run.as_mut() {
                Some(piece) => piece.len += width,
                None => run = Some(TextPiece { node: node.clone(), block_start: block_len, node_start: node_offset, len: width }),
            }
            block_len += width;
        } else if let Some(piece) = run.take() {
            pieces.push(piece);
        }
        node_offset += width;
    }
    pieces.extend(run);
}
