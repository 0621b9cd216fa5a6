//! What must hold of any output, whatever the input. Each check panics with the offending item, so
//! proptest can shrink the input that broke it.

use ego_tree::NodeId;
use quotelens::article::{self, html::HtmlNode, Article, DomNode};
use quotelens::engine::{self, Analysis, Block, Position, Span};
use std::collections::HashMap;

/// UTF-16 offset of every char boundary of a text, so checks stay linear on 1 MB blocks.
struct Utf16Offsets(Vec<Option<usize>>);

impl Utf16Offsets {
    fn new(text: &str) -> Self {
        let mut offsets = vec![None; text.len() + 1];
        let mut units = 0;
        for (i, c) in text.char_indices() {
            offsets[i] = Some(units);
            units += c.len_utf16();
        }
        offsets[text.len()] = Some(units);
        Utf16Offsets(offsets)
    }

    /// The UTF-16 offset at byte `index`, or `None` if it is not a char boundary inside the text.
    fn at(&self, index: usize) -> Option<usize> {
        self.0.get(index).copied().flatten()
    }
}

/// Offsets of one block, built once per block.
fn block_offsets(blocks: &[Block]) -> Vec<Utf16Offsets> {
    blocks.iter().map(|b| Utf16Offsets::new(&b.text)).collect()
}

/// Checks `span` against its block and the text reported for it.
fn check_span(blocks: &[Block], offsets: &[Utf16Offsets], span: &Span, text: &str, what: &str) {
    let block = blocks.get(span.block).unwrap_or_else(|| {
        panic!(
            "{what}: block {} out of range ({} blocks)",
            span.block,
            blocks.len()
        )
    });
    assert_eq!(
        block.id, span.block,
        "{what}: span.block is not the block's id"
    );
    assert!(
        span.start <= span.end && span.end <= block.text.len(),
        "{what}: bytes {}..{} outside block {} of {} bytes",
        span.start,
        span.end,
        span.block,
        block.text.len()
    );
    let start_utf16 = offsets[span.block].at(span.start);
    let end_utf16 = offsets[span.block].at(span.end);
    assert!(
        start_utf16.is_some() && end_utf16.is_some(),
        "{what}: bytes {}..{} not on char boundaries of {:?}",
        span.start,
        span.end,
        block.text
    );
    assert_eq!(
        text,
        &block.text[span.start..span.end],
        "{what}: text differs from the block's text at its span"
    );
    assert_eq!(
        (start_utf16.unwrap(), end_utf16.unwrap()),
        (span.start_utf16, span.end_utf16),
        "{what}: UTF-16 offsets disagree with byte offsets {}..{}",
        span.start,
        span.end
    );
}

/// Everything the contract promises of an analysis of `blocks`.
pub fn check_analysis(blocks: &[Block], analysis: &Analysis) {
    let offsets = block_offsets(blocks);
    let actors = &analysis.actors;
    let speaker_of = |actor: Option<usize>, what: &str| -> Option<String> {
        actor.map(|a| {
            actors
                .get(a)
                .unwrap_or_else(|| {
                    panic!("{what}: actor {a} out of range ({} actors)", actors.len())
                })
                .name
                .clone()
        })
    };
    for (i, quote) in analysis.quotes.iter().enumerate() {
        let what = format!("quote {i} {:?}", quote.text);
        check_span(blocks, &offsets, &quote.span, &quote.text, &what);
        assert_eq!(
            quote.speaker,
            speaker_of(quote.actor, &what),
            "{what}: speaker is not its actor's name"
        );
        assert!(
            (0.0..=1.0).contains(&quote.confidence),
            "{what}: confidence {} outside 0..=1",
            quote.confidence
        );
    }
    for (i, reported) in analysis.reported.iter().enumerate() {
        let what = format!("reported {i} {:?}", reported.text);
        check_span(blocks, &offsets, &reported.span, &reported.text, &what);
        assert_eq!(
            reported.speaker,
            speaker_of(reported.actor, &what),
            "{what}: speaker is not its actor's name"
        );
    }
    let mut listed = (
        vec![0usize; analysis.quotes.len()],
        vec![0usize; analysis.reported.len()],
    );
    for (a, actor) in actors.iter().enumerate() {
        let what = format!("actor {a} {:?}", actor.name);
        assert_eq!(actor.id, a, "{what}: id is not its index");
        assert!(!actor.name.trim().is_empty(), "{what}: empty name");
        let mut previous: Option<(usize, usize)> = None;
        for position in &actor.positions {
            let (owner, span) = match *position {
                Position::Quote(q) => {
                    let quote = analysis
                        .quotes
                        .get(q)
                        .unwrap_or_else(|| panic!("{what}: position quote {q} out of range"));
                    listed.0[q] += 1;
                    (quote.actor, quote.span)
                }
                Position::Reported(r) => {
                    let reported = analysis
                        .reported
                        .get(r)
                        .unwrap_or_else(|| panic!("{what}: position reported {r} out of range"));
                    listed.1[r] += 1;
                    (reported.actor, reported.span)
                }
            };
            assert_eq!(
                owner,
                Some(a),
                "{what}: lists {position:?}, which belongs to actor {owner:?}"
            );
            let at = (span.block, span.start);
            assert!(
                previous.is_none_or(|p| p <= at),
                "{what}: positions not in reading order at {position:?}"
            );
            previous = Some(at);
        }
    }
    for (i, quote) in analysis.quotes.iter().enumerate() {
        let expected = usize::from(quote.actor.is_some());
        assert_eq!(
            listed.0[i], expected,
            "quote {i} {:?} listed {} times among its actor's positions",
            quote.text, listed.0[i]
        );
    }
    for (i, reported) in analysis.reported.iter().enumerate() {
        let expected = usize::from(reported.actor.is_some());
        assert_eq!(
            listed.1[i], expected,
            "reported {i} {:?} listed {} times among its actor's positions",
            reported.text, listed.1[i]
        );
    }
    serde_json::to_string(analysis).expect("the analysis serialises to JSON");
}

fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// Same text, except that white space may have been collapsed to a plain space.
fn same_text(dom: &[u16], block: &[u16]) -> Result<(), String> {
    let dom_chars: Result<Vec<char>, _> = char::decode_utf16(dom.iter().copied()).collect();
    let block_chars: Result<Vec<char>, _> = char::decode_utf16(block.iter().copied()).collect();
    let (Ok(dom_chars), Ok(block_chars)) = (dom_chars, block_chars) else {
        return Err("the run splits a surrogate pair".into());
    };
    if dom_chars.len() == block_chars.len()
        && dom_chars
            .iter()
            .zip(&block_chars)
            .all(|(d, b)| d == b || (d.is_whitespace() && b.is_whitespace()))
    {
        Ok(())
    } else {
        Err(format!(
            "DOM text {:?} became {:?}",
            String::from_iter(dom_chars),
            String::from_iter(block_chars)
        ))
    }
}

/// Blocks are numbered by index, and every text piece maps a run of its block back, unchanged, to
/// a run of one DOM text node.
pub fn check_article(article: &Article<HtmlNode>) {
    assert_eq!(
        article.blocks.len(),
        article.pieces.len(),
        "one piece list per block"
    );
    for (b, (block, pieces)) in article.blocks.iter().zip(&article.pieces).enumerate() {
        assert_eq!(
            block.id, b,
            "block ids are their indices (quote spans name blocks by id, dom_range by index)"
        );
        let block16 = utf16(&block.text);
        let mut covered = 0;
        for (p, piece) in pieces.iter().enumerate() {
            let what = format!("block {b} piece {p}");
            assert!(
                piece.block_start >= covered,
                "{what}: overlaps or precedes the previous piece"
            );
            let end = piece.block_start + piece.len;
            assert!(
                end <= block16.len(),
                "{what}: ends at {end}, past the block's {} units",
                block16.len()
            );
            let data = piece
                .node
                .text()
                .unwrap_or_else(|| panic!("{what}: node is not a text node"));
            let data16 = utf16(&data);
            assert!(
                piece.node_start + piece.len <= data16.len(),
                "{what}: runs past its text node"
            );
            if let Err(e) = same_text(
                &data16[piece.node_start..piece.node_start + piece.len],
                &block16[piece.block_start..end],
            ) {
                panic!("{what}: {e}");
            }
            covered = end;
        }
    }
}

/// The page's text nodes in document order, to read across node boundaries.
struct TextNodes {
    nodes: Vec<(NodeId, Vec<u16>)>,
    index: HashMap<NodeId, usize>,
}

impl TextNodes {
    fn new(root: &HtmlNode) -> Self {
        let nodes: Vec<(NodeId, Vec<u16>)> = root
            .0
            .descendants()
            .filter_map(|n| {
                n.value()
                    .as_text()
                    .map(|t| (n.id(), t.encode_utf16().collect()))
            })
            .collect();
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        TextNodes { nodes, index }
    }

    /// The first character at or after a DOM point that is not white space, across text nodes.
    fn next_visible(&self, node: &HtmlNode, offset: usize) -> Option<char> {
        let first = *self.index.get(&node.0.id())?;
        self.nodes[first..]
            .iter()
            .enumerate()
            .find_map(|(i, (_, data))| {
                let from = if i == 0 { offset } else { 0 };
                char::decode_utf16(data.get(from..)?.iter().copied())
                    .map(|c| c.unwrap_or('\u{fffd}'))
                    .find(|c| !c.is_whitespace())
            })
    }

    /// The last character before a DOM point that is not white space, across text nodes.
    fn previous_visible(&self, node: &HtmlNode, offset: usize) -> Option<char> {
        let last = *self.index.get(&node.0.id())?;
        self.nodes[..=last]
            .iter()
            .rev()
            .enumerate()
            .find_map(|(i, (_, data))| {
                let to = if i == 0 { offset } else { data.len() };
                last_visible(data.get(..to)?)
            })
    }
}

/// The last character of UTF-16 `units` that is not white space, read backwards.
fn last_visible(units: &[u16]) -> Option<char> {
    let mut i = units.len();
    while i > 0 {
        i -= 1;
        let c = match units[i] {
            low @ 0xDC00..=0xDFFF if i > 0 && (0xD800..0xDC00).contains(&units[i - 1]) => {
                i -= 1;
                char::decode_utf16([units[i], low])
                    .next()?
                    .unwrap_or('\u{fffd}')
            }
            unit => char::from_u32(unit.into()).unwrap_or('\u{fffd}'),
        };
        if !c.is_whitespace() {
            return Some(c);
        }
    }
    None
}

/// Every quote maps back to the DOM: `dom_range` finds both ends, and the range starts on the
/// quote's first visible character and ends after its last (white space and node boundaries in
/// between do not matter: a Range over them highlights the same text).
pub fn check_quotes_map_to_dom(root: &HtmlNode, article: &Article<HtmlNode>, analysis: &Analysis) {
    let text_nodes = TextNodes::new(root);
    for (i, quote) in analysis.quotes.iter().enumerate() {
        let trimmed = quote.text.trim();
        let (Some(first), Some(last)) = (trimmed.chars().next(), trimmed.chars().next_back())
        else {
            continue;
        };
        let lead = quote.text[..quote.text.len() - quote.text.trim_start().len()]
            .encode_utf16()
            .count();
        let start = quote.span.start_utf16 + lead;
        let end = start + trimmed.encode_utf16().count();
        let what = format!(
            "quote {i} {trimmed:?} (block {}, UTF-16 {start}..{end})",
            quote.span.block
        );
        let ((start_node, start_offset), (end_node, end_offset)) = article
            .dom_range(quote.span.block, start, end)
            .unwrap_or_else(|| panic!("{what}: dom_range found no DOM position"));
        let at_start = text_nodes.next_visible(&start_node, start_offset);
        let before_end = text_nodes.previous_visible(&end_node, end_offset);
        assert_eq!(
            at_start,
            Some(first),
            "{what}: the DOM range starts at {at_start:?}, not on the quote's first character"
        );
        assert_eq!(
            before_end,
            Some(last),
            "{what}: the DOM range ends after {before_end:?}, not after the quote's last character"
        );
    }
}

/// The whole native pipeline on a parsed page, every invariant checked; returns the analysis.
pub fn check_page(document: &scraper::Html) -> Analysis {
    let root = HtmlNode::root(document);
    let article = article::extract(&root);
    check_article(&article);
    let analysis = engine::analyze(&article.blocks, "en");
    check_analysis(&article.blocks, &analysis);
    check_quotes_map_to_dom(&root, &article, &analysis);
    analysis
}
