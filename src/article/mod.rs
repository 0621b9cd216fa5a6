//! Stage: DOM → the article's text blocks, each with a map back to the DOM's text nodes.
//!
//! One algorithm for every DOM: it is generic over [`DomNode`], implemented natively on parsed
//! HTML ([`html`]) and in the browser on the live DOM (`web::dom_node`).
//!
//! The work, in order: [`tree`] takes one snapshot of the DOM (dropping scripts, styles, hidden
//! nodes) and the page's metadata sources; [`content`] scores the snapshot Readability-style and
//! chooses the article's subtrees; [`blocks`] turns those into text blocks with exact offset maps;
//! [`metadata`] reads title, byline, site, date, canonical URL and language.

mod blocks;
mod content;
mod hints;
// Native only, but for the browser tests that compare the native path with the live DOM's.
#[cfg(any(not(target_arch = "wasm32"), test))]
pub mod html;
mod metadata;
mod text;
mod tree;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use metadata::{detect_language, Metadata};

use crate::engine::model::Block;
use std::ops::ControlFlow;

/// The little the article finder needs to know of a DOM node.
pub trait DomNode: Clone {
    /// The lower-case tag name of an element; `None` for any other node.
    fn tag(&self) -> Option<String>;
    fn attr(&self, name: &str) -> Option<String>;
    /// The data of a text node; `None` for any other node.
    fn text(&self) -> Option<String>;
    fn children(&self) -> Vec<Self>;
    /// Whether an element has any attribute: lets the finder skip asking for each one (every
    /// question is a call into the page on the live DOM).
    fn has_attributes(&self) -> bool {
        true
    }
    /// Whether the page's style sheets hide this element (`display: none`, `visibility:
    /// hidden`). Only a live DOM can know; parsed HTML answers from attributes alone.
    fn is_rendered_hidden(&self) -> bool {
        false
    }
}

/// A run of a block's text that comes unchanged (white space aside) from one DOM text node.
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
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
    /// `pieces[i]` maps `blocks[i].text` back to the DOM, in order. Characters of a block that
    /// have no piece (a space standing for a `<br>`) fall between two pieces.
    pub pieces: Vec<Vec<TextPiece<N>>>,
}

/// A DOM position: a text node and a UTF-16 offset in its data.
pub type DomPoint<N> = (N, usize);

impl<N: DomNode> Article<N> {
    /// The DOM boundary points of `block`'s text between UTF-16 offsets `start` and `end`.
    /// A boundary on a character with no DOM counterpart moves inwards to the nearest one that
    /// has; `None` when the range holds no DOM text at all.
    pub fn dom_range(
        &self,
        block: usize,
        start: usize,
        end: usize,
    ) -> Option<(DomPoint<N>, DomPoint<N>)> {
        let pieces = self.pieces.get(block)?;
        if start >= end {
            return None;
        }
        // The first piece that ends after `start`, and the last that starts before `end`.
        let first = pieces.partition_point(|p| p.block_start + p.len <= start);
        let last = pieces
            .partition_point(|p| p.block_start < end)
            .checked_sub(1)?;
        if first > last {
            return None;
        }
        let (a, b) = (&pieces[first], &pieces[last]);
        let start_point = a.node_start + start.saturating_sub(a.block_start);
        let end_point = b.node_start + (end - b.block_start).min(b.len);
        Some(((a.node.clone(), start_point), (b.node.clone(), end_point)))
    }
}

/// Finds the article under `root` (a document or any element): its text blocks, their maps
/// back to the DOM, and the page's metadata.
pub fn extract<N: DomNode>(root: &N) -> Article<N> {
    Extractor::new(root).finish()
}

/// [`extract`] in portions, for a caller that gives the main thread back between them: the DOM is
/// read, the article chosen in what was read and its blocks built, a bounded number of nodes at a
/// time.
pub struct Extractor<N> {
    stage: Stage<N>,
}

enum Stage<N> {
    Reading(tree::SnapshotReader<N>),
    Choosing(tree::Snapshot<N>, content::Chooser),
    Building(
        tree::Snapshot<N>,
        Metadata,
        content::Chosen,
        blocks::Builder,
    ),
}

impl<N: DomNode> Extractor<N> {
    pub fn new(root: &N) -> Self {
        Extractor {
            stage: Stage::Reading(tree::SnapshotReader::new(root)),
        }
    }

    /// Works through up to `nodes` more nodes (DOM nodes read, snapshot nodes weighed or turned
    /// into text); breaks with the article once it is found.
    pub fn advance(self, nodes: usize) -> ControlFlow<Article<N>, Self> {
        let mut budget = nodes;
        let mut stage = self.stage;
        loop {
            stage = match stage {
                Stage::Reading(mut reader) => {
                    if !reader.read(&mut budget) {
                        return ControlFlow::Continue(Extractor {
                            stage: Stage::Reading(reader),
                        });
                    }
                    let snapshot = reader.finish();
                    let chooser = content::Chooser::new(&snapshot.tree);
                    Stage::Choosing(snapshot, chooser)
                }
                Stage::Choosing(snapshot, chooser) => {
                    match chooser.advance(&snapshot.tree, &mut budget) {
                        ControlFlow::Continue(chooser) => {
                            return ControlFlow::Continue(Extractor {
                                stage: Stage::Choosing(snapshot, chooser),
                            })
                        }
                        ControlFlow::Break(chosen) => {
                            let metadata = metadata::from_sources(&snapshot.sources);
                            let builder =
                                blocks::Builder::new(&snapshot.tree, &chosen, &expected(&metadata));
                            Stage::Building(snapshot, metadata, chosen, builder)
                        }
                    }
                }
                Stage::Building(snapshot, mut metadata, chosen, builder) => {
                    let expected = expected(&metadata);
                    match builder.advance(&snapshot.tree, &chosen, &expected, &mut budget) {
                        ControlFlow::Continue(builder) => {
                            return ControlFlow::Continue(Extractor {
                                stage: Stage::Building(snapshot, metadata, chosen, builder),
                            })
                        }
                        ControlFlow::Break(extracted) => {
                            metadata.complete(&extracted);
                            let (blocks, pieces) = extracted.into_blocks(&snapshot.tree);
                            return ControlFlow::Break(Article {
                                metadata,
                                blocks,
                                pieces,
                            });
                        }
                    }
                }
            };
        }
    }

    /// Does all the work left and returns the article.
    pub fn finish(self) -> Article<N> {
        let mut extractor = self;
        loop {
            match extractor.advance(usize::MAX) {
                ControlFlow::Break(article) => return article,
                ControlFlow::Continue(more) => extractor = more,
            }
        }
    }
}

/// What the page's metadata says the headline and standfirst are.
fn expected(metadata: &Metadata) -> blocks::Expected<'_> {
    blocks::Expected {
        title: metadata.title.as_deref(),
        description: metadata.description.as_deref(),
    }
}
