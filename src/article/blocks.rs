//! The chosen subtrees as text blocks: each block-level element's inline content is one block
//! (two `<br>` in a row split it), its kind taken from the nearest block quote, list item or
//! caption (subheadings are paragraphs). The headline and standfirst are found even outside the
//! chosen subtrees; bylines and datelines leave the text for the metadata.

use super::content::Chosen;
use super::hints;
use super::text::{RawPiece, TextBuilder};
use super::tree::Tree;
use super::{DomNode, TextPiece};
use crate::engine::model::{Block, BlockKind};
use std::ops::ControlFlow;

/// Longest text a byline or dateline has; longer, it is prose that happens to sit in one.
const BYLINE_MAX: usize = 100;
/// Most nodes a standfirst's subtree has (text and inline markup).
const STANDFIRST_NODES: usize = 64;
/// How many blocks may come before the standfirst (headline, kicker, byline…).
const STANDFIRST_WINDOW: usize = 4;

pub(crate) struct RawBlock {
    pub kind: BlockKind,
    /// The block-level element the text is written in.
    pub owner: usize,
    pub text: String,
    pub pieces: Vec<RawPiece>,
}

/// What the page shows of the article, before it becomes [`Block`]s.
pub(crate) struct Extracted {
    pub blocks: Vec<RawBlock>,
    /// Texts of bylines and datelines left out of the blocks.
    pub bylines: Vec<String>,
}

impl Extracted {
    pub fn into_blocks<N: DomNode>(self, tree: &Tree<N>) -> (Vec<Block>, Vec<Vec<TextPiece<N>>>) {
        self.blocks
            .into_iter()
            .enumerate()
            .map(|(id, raw)| {
                let pieces = raw
                    .pieces
                    .iter()
                    .map(|p| TextPiece {
                        node: tree.nodes[p.node].dom.clone(),
                        block_start: p.block_start,
                        node_start: p.node_start,
                        len: p.len,
                    })
                    .collect();
                (
                    Block {
                        id,
                        kind: raw.kind,
                        text: raw.text,
                    },
                    pieces,
                )
            })
            .unzip()
    }
}

/// What the page's metadata says the headline and standfirst are.
pub(crate) struct Expected<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
}

/// Builds the blocks of the chosen subtrees a bounded number of nodes at a time. The headline
/// and standfirst found outside them (a few nodes before the article) are built at once.
pub(crate) struct Builder {
    out: Extracted,
    headline: Option<usize>,
    /// The chosen roots not yet started, and the one under way.
    next_root: usize,
    emitter: Option<Emitter>,
}

impl Builder {
    pub fn new<N>(tree: &Tree<N>, chosen: &Chosen, expected: &Expected) -> Self {
        let mut out = Extracted {
            blocks: Vec::new(),
            bylines: Vec::new(),
        };
        let headline = find_headline(tree, chosen, expected.title);
        let first_root = chosen.roots.first().copied().unwrap_or(usize::MAX);
        let headline_inside = headline.is_some_and(|h| {
            chosen
                .roots
                .iter()
                .any(|&r| h >= r && h < tree.nodes[r].end)
                && chosen.keep[h]
        });
        if let Some(h) = headline.filter(|_| !headline_inside) {
            let scope = Scope {
                tree,
                keep: &vec![true; tree.nodes.len()],
                headline: Some(h),
            };
            let mut unlimited = usize::MAX;
            Emitter::new(tree, h).emit(&scope, &mut out, &mut unlimited);
            // A byline and a standfirst between an outside headline and the article.
            out.bylines
                .extend(bylines_between(tree, tree.nodes[h].end, first_root));
            if let Some(s) =
                find_standfirst_between(tree, tree.nodes[h].end, first_root, expected.description)
            {
                let before = out.blocks.len();
                Emitter::new(tree, s).emit(&scope, &mut out, &mut unlimited);
                for block in &mut out.blocks[before..] {
                    block.kind = BlockKind::Standfirst;
                }
            }
        }
        Builder {
            out,
            headline,
            next_root: 0,
            emitter: None,
        }
    }

    /// Builds blocks from up to `budget` more nodes; breaks with them all once done.
    pub fn advance<N>(
        mut self,
        tree: &Tree<N>,
        chosen: &Chosen,
        expected: &Expected,
        budget: &mut usize,
    ) -> ControlFlow<Extracted, Self> {
        let scope = Scope {
            tree,
            keep: &chosen.keep,
            headline: self.headline,
        };
        loop {
            let emitter = match &mut self.emitter {
                Some(emitter) => emitter,
                None => {
                    let Some(&root) = chosen.roots.get(self.next_root) else {
                        mark_standfirst(tree, &mut self.out, expected.description);
                        return ControlFlow::Break(self.out);
                    };
                    self.next_root += 1;
                    self.emitter.insert(Emitter::new(tree, root))
                }
            };
            if !emitter.emit(&scope, &mut self.out, budget) {
                return ControlFlow::Continue(self);
            }
            self.emitter = None;
        }
    }
}

/// What an emitter reads: which nodes are kept, and where the headline is.
struct Scope<'a, N> {
    tree: &'a Tree<N>,
    keep: &'a [bool],
    headline: Option<usize>,
}

/// Emits the blocks of one subtree, without recursion, resuming where it stopped.
struct Emitter {
    root: usize,
    /// The next node to read.
    next: usize,
    /// The kind of block the subtree's text is written in unless it says otherwise.
    outer_kind: BlockKind,
    /// Open block-level elements, innermost last, with the kind of block written in each.
    open: Vec<(usize, BlockKind)>,
    builder: TextBuilder,
    /// `<br>`s since the last visible character.
    breaks: usize,
}

impl Emitter {
    fn new<N>(tree: &Tree<N>, root: usize) -> Self {
        Emitter {
            root,
            next: root,
            outer_kind: tree
                .ancestors(root)
                .find_map(|a| kind_of(tree.tag(a)))
                .unwrap_or(BlockKind::Paragraph),
            open: Vec::new(),
            builder: TextBuilder::default(),
            breaks: 0,
        }
    }

    /// Emits blocks from up to `budget` more nodes; true once the whole subtree is emitted.
    fn emit<N>(&mut self, scope: &Scope<N>, out: &mut Extracted, budget: &mut usize) -> bool {
        let tree = scope.tree;
        let end = tree.nodes[self.root].end;
        while self.next < end {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            let i = self.next;
            while self
                .open
                .last()
                .is_some_and(|&(b, _)| tree.nodes[b].end <= i)
            {
                let (b, kind) = self.open.pop().expect("checked");
                self.flush(scope, out, b, kind);
            }
            if !scope.keep[i] {
                self.next = tree.nodes[i].end;
                continue;
            }
            if let Some(data) = tree.text(i) {
                let before = self.builder.text.len();
                self.builder.push_text(i, data);
                if self.builder.text.len() > before {
                    self.breaks = 0;
                }
            } else {
                let tag = tree.tag(i);
                if tag == "br" {
                    self.breaks += 1;
                    if self.breaks == 2 {
                        let (owner, kind) = self
                            .open
                            .last()
                            .copied()
                            .unwrap_or((self.root, self.outer_kind));
                        self.flush(scope, out, owner, kind);
                    } else {
                        self.builder.push_break();
                    }
                } else if hints::is_block(tag) || i == self.root {
                    if let Some(&(outer, kind)) = self.open.last() {
                        self.flush(scope, out, outer, kind);
                    }
                    let inherited = self.open.last().map_or(self.outer_kind, |&(_, kind)| kind);
                    self.open.push((i, kind_of(tag).unwrap_or(inherited)));
                }
            }
            self.next += 1;
        }
        while let Some((b, kind)) = self.open.pop() {
            self.flush(scope, out, b, kind);
        }
        true
    }

    /// Ends the current block, of `kind`, written in block-level element `owner`.
    fn flush<N>(&mut self, scope: &Scope<N>, out: &mut Extracted, owner: usize, kind: BlockKind) {
        self.breaks = 0;
        if self.builder.is_empty() {
            return;
        }
        let built = std::mem::take(&mut self.builder);
        let tree = scope.tree;
        if built.text.chars().count() < BYLINE_MAX
            && std::iter::once(owner)
                .chain(tree.ancestors(owner))
                .take(4)
                .any(|a| tree.hinted(a, hints::is_byline) || tree.itemprop(a).contains("author"))
        {
            out.bylines.push(built.text);
            return;
        }
        let in_headline = scope
            .headline
            .is_some_and(|h| h <= owner && owner < tree.nodes[h].end);
        let kind = if in_headline {
            BlockKind::Headline
        } else {
            kind
        };
        out.blocks.push(RawBlock {
            kind,
            owner,
            text: built.text,
            pieces: built.pieces,
        });
    }
}

/// The kind of block an element makes of the text written in it; `None` when it inherits.
fn kind_of(tag: &str) -> Option<BlockKind> {
    match tag {
        "blockquote" => Some(BlockKind::Blockquote),
        "li" | "dd" | "dt" => Some(BlockKind::ListItem),
        "figcaption" | "caption" => Some(BlockKind::Caption),
        "body" | "article" | "main" => Some(BlockKind::Paragraph),
        _ => None,
    }
}

/// Words of `s`, lower-cased, for comparing titles.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How much two texts agree, word for word: shared words over the longer's count (0 to 1).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared as f64 / a.len().max(b.len()) as f64
}

/// The heading that names the article: the `<h1>` (or `<h2>`) that best matches the page's
/// title, or else the only `<h1>` before the article's end.
fn find_headline<N>(tree: &Tree<N>, chosen: &Chosen, title: Option<&str>) -> Option<usize> {
    // No article, no headline.
    let article_end = chosen.roots.last().map(|&r| tree.nodes[r].end)?;
    let headings: Vec<usize> = (0..article_end)
        .filter(|&i| matches!(tree.tag(i), "h1" | "h2"))
        .collect();
    if let Some(title) = title {
        let best = headings
            .iter()
            .map(|&h| (h, similarity(&tree.text_content(h), title)))
            .filter(|&(_, s)| s >= 0.75)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((h, _)) = best {
            return Some(h);
        }
    }
    let h1s: Vec<usize> = headings
        .into_iter()
        .filter(|&h| tree.tag(h) == "h1")
        .collect();
    match h1s.as_slice() {
        [only] if !tree.text_content(*only).is_empty() => Some(*only),
        _ => None,
    }
}

/// Texts of the bylines and datelines between the headline and the article.
fn bylines_between<N>(tree: &Tree<N>, from: usize, to: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = from;
    while i < to.min(tree.nodes.len()) {
        if tree.hinted(i, hints::is_byline) || tree.itemprop(i).contains("author") {
            let text = tree.text_content(i);
            if !text.is_empty() && text.chars().count() < BYLINE_MAX {
                found.push(text);
            }
            i = tree.nodes[i].end;
        } else {
            i += 1;
        }
    }
    found
}

/// The element between the headline and the article that reads as its standfirst.
fn find_standfirst_between<N>(
    tree: &Tree<N>,
    from: usize,
    to: usize,
    description: Option<&str>,
) -> Option<usize> {
    let mut i = from;
    while i < to.min(tree.nodes.len()) {
        // A standfirst is one short element; bigger subtrees are only walked through.
        if matches!(tree.tag(i), "p" | "div" | "h2" | "span")
            && tree.nodes[i].end - i <= STANDFIRST_NODES
        {
            let text = tree.text_content(i);
            let len = text.chars().count();
            let has_blocks = (i + 1..tree.nodes[i].end)
                .any(|j| hints::is_block(tree.tag(j)) && tree.text(j).is_none());
            let described = description.is_some_and(|d| similarity(&text, d) >= 0.8);
            if (30..=600).contains(&len)
                && !has_blocks
                && (described || tree.hinted(i, hints::is_standfirst))
            {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Marks the standfirst among the article's first blocks: the one the page describes itself
/// with, or one styled as a standfirst, before the body text starts.
fn mark_standfirst<N>(tree: &Tree<N>, out: &mut Extracted, description: Option<&str>) {
    if out.blocks.iter().any(|b| b.kind == BlockKind::Standfirst) {
        return;
    }
    let standfirst = out.blocks.iter_mut().take(STANDFIRST_WINDOW).find(|b| {
        let len = b.text.chars().count();
        b.kind == BlockKind::Paragraph
            && (30..=600).contains(&len)
            && (description.is_some_and(|d| similarity(&b.text, d) >= 0.8)
                || std::iter::once(b.owner)
                    .chain(tree.ancestors(b.owner))
                    .take(3)
                    .any(|a| tree.hinted(a, hints::is_standfirst)))
    });
    if let Some(block) = standfirst {
        block.kind = BlockKind::Standfirst;
    }
}
