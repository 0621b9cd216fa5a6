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
/// How far above a block its list or table cell may be.
const CONTAINER_DEPTH: usize = 8;
/// Fewer words than this, without a sentence's end, is a label, a button or a credit, not prose.
const SHORT_WORDS: usize = 8;
/// Share of a block's text in links from which it is a link (a teaser, a "read more" line),
/// not prose that cites its sources.
const LINKED_SHARE: f64 = 0.8;
/// Fewest words of a teaser or promo made of links (a story's headline); shorter links are names
/// or calls to action ("learn more about X"), which articles list too.
const TEASER_WORDS: usize = 6;

pub(crate) struct RawBlock {
    pub kind: BlockKind,
    /// The block-level element the text is written in.
    pub owner: usize,
    pub text: String,
    pub pieces: Vec<RawPiece>,
    /// How much of the text (bytes) is the text of links.
    pub linked: usize,
}

/// What the page shows of the article, before it becomes [`Block`]s.
pub(crate) struct Extracted {
    pub blocks: Vec<RawBlock>,
    /// Texts of bylines and datelines left out of the blocks.
    pub bylines: Vec<String>,
    /// The names linked in the story's byline ("By <a>Jane Doe</a> and <a>John Roe</a>"), when
    /// it has links: they name the authors without the dates, roles and labels around them.
    pub linked_authors: Option<String>,
    /// The text of the first element styled as a date from the headline on, when it reads as one.
    pub shown_date: Option<String>,
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
            linked_authors: None,
            shown_date: None,
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
                        drop_furniture(tree, &mut self.out);
                        let article_end = chosen.roots.last().map_or(0, |&r| tree.nodes[r].end);
                        let from = self.headline.or(chosen.roots.first().copied());
                        self.out.linked_authors =
                            from.and_then(|from| linked_authors(tree, from, article_end));
                        self.out.shown_date =
                            from.and_then(|from| shown_date(tree, from, article_end));
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
    /// One past the last node of the links open here: a node before it is link text.
    link_end: usize,
    /// Bytes of the block under way that are link text.
    linked: usize,
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
            link_end: tree
                .ancestors(root)
                .find(|&a| tree.tag(a) == "a")
                .map_or(0, |a| tree.nodes[a].end),
            linked: 0,
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
                if i < self.link_end {
                    self.linked += self.builder.text.len() - before;
                }
            } else {
                let tag = tree.tag(i);
                if tag == "a" {
                    self.link_end = self.link_end.max(tree.nodes[i].end);
                }
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
        let linked = std::mem::take(&mut self.linked);
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
            linked,
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

/// Drops the blocks that are page furniture by their shape, whatever the markup around them:
/// text that is mostly links (related stories, "read more", newsletter sign-ups) and the short
/// label heading such a run; short lines that repeat, not links (gallery buttons, credits under
/// each picture); the headline repeated below the story (a gallery's title); copyright credits
/// and lone e-mail addresses; and the short lines that follow the story's last sentence (share
/// and follow prompts, "read more" buttons, tag labels). Table cells are data, left alone; a
/// page whose text is mostly links keeps them (a list of links is all it has to say).
fn drop_furniture<N>(tree: &Tree<N>, out: &mut Extracted) {
    let blocks = &out.blocks;
    let words: Vec<usize> = blocks.iter().map(|b| word_count(&b.text)).collect();
    let in_table: Vec<bool> = blocks
        .iter()
        .map(|b| {
            std::iter::once(b.owner)
                .chain(tree.ancestors(b.owner))
                .take(CONTAINER_DEPTH)
                .any(|a| matches!(tree.tag(a), "td" | "th"))
        })
        .collect();
    let short: Vec<bool> = (0..blocks.len())
        .map(|i| !in_table[i] && words[i] < SHORT_WORDS && !ends_sentence(&blocks[i].text))
        .collect();
    let linked: Vec<bool> = blocks
        .iter()
        .map(|b| b.linked as f64 >= LINKED_SHARE * b.text.len() as f64)
        .collect();
    // A list of links is related stories when all its items are links; a list that mixes
    // linked and plain items is the article's own (what changed, who helped, sources).
    let list_of = |i: usize| {
        let b: &RawBlock = &blocks[i];
        (b.kind == BlockKind::ListItem)
            .then(|| {
                tree.ancestors(b.owner)
                    .take(CONTAINER_DEPTH)
                    .find(|&a| matches!(tree.tag(a), "ul" | "ol"))
            })
            .flatten()
    };
    let lists: Vec<Option<usize>> = (0..blocks.len()).map(list_of).collect();
    let mixed_lists: std::collections::HashSet<usize> = (0..blocks.len())
        .filter(|&i| !linked[i])
        .filter_map(|i| lists[i])
        .collect();
    let mut mostly_links: Vec<bool> = (0..blocks.len())
        .map(|i| {
            linked[i]
                && !in_table[i]
                && blocks[i].kind != BlockKind::Headline
                && words[i] >= TEASER_WORDS
                && lists[i].is_none_or(|list| !mixed_lists.contains(&list))
        })
        .collect();
    let linked_words: usize = (0..blocks.len())
        .filter(|&i| mostly_links[i])
        .map(|i| words[i])
        .sum();
    if linked_words * 3 > words.iter().sum::<usize>() {
        mostly_links.fill(false);
    }
    let headline = blocks.iter().position(|b| b.kind == BlockKind::Headline);
    // How often each short line that is not a link comes: those are the ones a repeat drops.
    let mut seen = std::collections::HashMap::new();
    for i in (0..blocks.len()).filter(|&i| short[i] && !linked[i]) {
        *seen.entry(blocks[i].text.as_str()).or_insert(0) += 1;
    }
    let mut drop: Vec<bool> = (0..blocks.len())
        .map(|i| {
            let text = blocks[i].text.as_str();
            mostly_links[i]
                || (short[i] && mostly_links.get(i + 1) == Some(&true))
                || (short[i] && seen.get(text).is_some_and(|&n| n > 1))
                || headline.is_some_and(|h| {
                    // Only a block about the headline's length can repeat it.
                    i > h
                        && words[i] * 9 <= words[h] * 10
                        && similarity(text, &blocks[h].text) >= 0.9
                })
                || (words[i] < 2 * SHORT_WORDS && text.contains('©'))
                || is_email_address(text)
        })
        .collect();
    // Short lines after the story's last sentence or long paragraph.
    let last_sentence = (0..blocks.len())
        .rev()
        .find(|&i| !drop[i] && (ends_sentence(&blocks[i].text) || words[i] >= 2 * SHORT_WORDS));
    if let Some(last) = last_sentence {
        for i in last + 1..blocks.len() {
            drop[i] |= short[i];
        }
    }
    let mut drop = drop.into_iter();
    out.blocks.retain(|_| !drop.next().unwrap_or(false));
}

/// Words in `text`; writing systems without spaces count a word for every two characters.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let unspaced = w.chars().filter(|&c| is_unspaced_script(c)).count();
            if unspaced > 0 {
                unspaced.div_ceil(2)
            } else {
                1
            }
        })
        .sum()
}

/// Chinese, Japanese and Thai write words without spaces between them.
fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{0E00}'..='\u{0E7F}')
}

/// Whether `text` ends as a sentence does (closing quotes and brackets aside).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', ')', ']', ' '])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

fn is_email_address(text: &str) -> bool {
    let text = text.trim();
    !text.contains(' ')
        && text
            .split_once('@')
            .is_some_and(|(name, host)| !name.is_empty() && host.contains('.'))
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

/// Most words of an author's name as a link gives it.
const NAME_WORDS: usize = 5;
/// Lower-case words inside names ("Lisa de Moraes", "Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "y", "e", "bin", "al",
];

/// Whether a link's text reads as a person's name: two to five words, each capitalised or a
/// particle, no digits or addresses ("View author archive", "Print", "Follow on X" do not).
fn reads_as_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=NAME_WORDS).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w))
        && !text.contains(|c: char| c.is_ascii_digit() || c == '@')
}

/// The names linked in the first byline or author element between `from` and `to`, joined
/// with ", ": each link's text, up to a separator ("Name | e-mail"), when it reads as a name.
fn linked_authors<N>(tree: &Tree<N>, from: usize, to: usize) -> Option<String> {
    let byline = (from..to.min(tree.nodes.len()))
        .find(|&i| tree.hinted(i, hints::is_author) || tree.itemprop(i).contains("author"))?;
    let mut names: Vec<String> = Vec::new();
    for link in (byline..tree.nodes[byline].end).filter(|&j| tree.tag(j) == "a") {
        let text = tree.text_content(link);
        let name = text
            .split(['|', '/', '•', '·'])
            .next()
            .unwrap_or_default()
            .trim();
        if reads_as_name(name) && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// The text of the first element between `from` and `to` whose class or id says it is a date,
/// when it is short and holds a year's digits.
fn shown_date<N>(tree: &Tree<N>, from: usize, to: usize) -> Option<String> {
    let date = (from..to.min(tree.nodes.len())).find(|&i| tree.hinted(i, hints::is_date))?;
    let text = tree.text_content(date);
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (text.chars().count() < BYLINE_MAX && digits >= 4).then_some(text)
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
