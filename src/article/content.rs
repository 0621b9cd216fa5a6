//! Which subtrees hold the article: Readability-style scoring, written for the snapshot arena.
//!
//! Paragraph-like elements score by length and commas; the score flows to their ancestors; the
//! best ancestor, discounted by its link density, is the article; siblings that look like more of
//! it join. Furniture is stripped first (class/id/role hints, `<nav>`/`<aside>`/`<footer>`) and
//! dubious boxes are cleaned out after. When that leaves too little text, the same runs again
//! with fewer rules (a relaxed retry) and the longest result wins.

use super::hints;
use super::text::visible_len;
use super::tree::{Tree, NO_PARENT};

/// Text shorter than this (in characters) sends the search round again with fewer rules.
const ENOUGH_TEXT: usize = 500;
/// A sibling of the article that holds a candidate this good, relative to the best, holds
/// more of the article (pages that split it over several wrappers).
const DEEP_SIBLING_SHARE: f64 = 0.4;
/// How many of the best candidates are compared when looking for a common ancestor.
const TOP_CANDIDATES: usize = 5;

/// The article: the subtrees to read, in document order, and which nodes of them to keep.
pub(crate) struct Chosen {
    pub roots: Vec<usize>,
    pub keep: Vec<bool>,
}

#[derive(Clone, Copy)]
struct Rules {
    strip_unlikely: bool,
    weigh_classes: bool,
    clean_conditionally: bool,
}

const PASSES: [Rules; 4] = [
    Rules {
        strip_unlikely: true,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Rules {
        strip_unlikely: false,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Rules {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: true,
    },
    Rules {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: false,
    },
];

pub(crate) fn choose<N>(tree: &Tree<N>) -> Chosen {
    // The longest article found by any pass; failing that, the strictest pass's whole page (the
    // relaxed passes exist to find prose the strict one stripped, not to bring furniture back).
    let mut best: Option<(usize, Chosen)> = None;
    let mut no_prose: Option<Chosen> = None;
    for rules in PASSES {
        let pass = Pass::new(tree, rules);
        if rules.strip_unlikely && pass.keep.first() == Some(&false) {
            // Asked about one subtree (content added later) that is furniture by its own name.
            return Chosen {
                roots: Vec::new(),
                keep: pass.keep,
            };
        }
        let (chosen, found_prose) = pass.run();
        if !found_prose {
            no_prose.get_or_insert(chosen);
            continue;
        }
        let len = kept_text_len(tree, &chosen);
        if len >= ENOUGH_TEXT {
            return chosen;
        }
        if best.as_ref().is_none_or(|(best_len, _)| len > *best_len) {
            best = Some((len, chosen));
        }
    }
    best.map(|(_, chosen)| chosen)
        .or(no_prose)
        .unwrap_or(Chosen {
            roots: Vec::new(),
            keep: Vec::new(),
        })
}

fn kept_text_len<N>(tree: &Tree<N>, chosen: &Chosen) -> usize {
    let mut len = 0;
    for &root in &chosen.roots {
        for i in root..tree.nodes[root].end {
            if chosen.keep[i] {
                len += tree.text(i).map_or(0, visible_len);
            }
        }
    }
    len
}

/// One round of the search under one set of rules.
struct Pass<'t, N> {
    tree: &'t Tree<N>,
    rules: Rules,
    keep: Vec<bool>,
    /// Visible characters in each subtree, and those inside links.
    text: Vec<u32>,
    links: Vec<u32>,
    /// Text (and commas) whose nearest block-level ancestor is this element: a paragraph's own.
    own_text: Vec<u32>,
    own_commas: Vec<u32>,
    /// Per subtree: commas, and what conditional cleaning weighs.
    inside: Vec<Inside>,
    /// Whether a node lies in a `<figure>`; in a `<table>` or `<code>`.
    in_figure: Vec<bool>,
    in_table_or_code: Vec<bool>,
    score: Vec<Option<f64>>,
}

/// What a subtree holds, summed over its kept nodes.
#[derive(Clone, Copy, Default)]
struct Inside {
    commas: u32,
    paragraphs: u32,
    images: u32,
    list_items: u32,
    list_item_text: u32,
    heading_text: u32,
}

impl<'t, N> Pass<'t, N> {
    fn new(tree: &'t Tree<N>, rules: Rules) -> Self {
        let n = tree.nodes.len();
        let mut pass = Pass {
            tree,
            rules,
            keep: vec![true; n],
            text: vec![0; n],
            links: vec![0; n],
            own_text: vec![0; n],
            own_commas: vec![0; n],
            inside: vec![Inside::default(); n],
            in_figure: vec![false; n],
            in_table_or_code: vec![false; n],
            score: vec![None; n],
        };
        for i in 0..n {
            let parent = tree.nodes[i].parent;
            if parent != NO_PARENT {
                let tag = tree.tag(parent);
                pass.in_figure[i] = pass.in_figure[parent] || tag == "figure";
                pass.in_table_or_code[i] =
                    pass.in_table_or_code[parent] || matches!(tag, "table" | "code");
            }
        }
        pass.strip();
        pass.measure();
        pass
    }

    fn strip(&mut self) {
        let tree = self.tree;
        for i in 0..tree.nodes.len() {
            let parent = tree.nodes[i].parent;
            let parent_dropped = parent != NO_PARENT && !self.keep[parent];
            if parent_dropped || (self.rules.strip_unlikely && self.is_furniture(i)) {
                self.keep[i] = false;
            }
        }
    }

    fn is_furniture(&self, i: usize) -> bool {
        let tree = self.tree;
        let tag = tree.tag(i);
        if matches!(tag, "" | "html" | "body" | "article" | "main" | "a")
            || tree.text(i).is_some()
            || tree.itemprop(i).contains("articlebody")
        {
            return false;
        }
        if hints::is_furniture_tag(tag) || hints::is_unlikely_role(tree.role(i)) {
            return true;
        }
        let (class, id) = tree.class_id(i);
        let hints = format!("{class} {id}");
        hints::is_unlikely(hints.trim()) && !self.in_table_or_code[i]
    }

    /// Text lengths, link text and each paragraph's own text, over the kept nodes.
    fn measure(&mut self) {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut in_link = vec![false; n];
        let mut block_owner = vec![NO_PARENT; n];
        for i in 0..n {
            if !self.keep[i] {
                continue;
            }
            let parent = tree.nodes[i].parent;
            if parent != NO_PARENT {
                in_link[i] = in_link[parent];
                block_owner[i] = if hints::is_block(tree.tag(parent)) {
                    parent
                } else {
                    block_owner[parent]
                };
            }
            if tree.tag(i) == "a" {
                in_link[i] = true;
            }
            if let Some(data) = tree.text(i) {
                let len = visible_len(data) as u32;
                self.text[i] = len;
                if in_link[i] {
                    self.links[i] = len;
                }
                let commas = data
                    .chars()
                    .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                    .count() as u32;
                self.inside[i].commas = commas;
                if let Some(owner) = Some(block_owner[i]).filter(|&o| o != NO_PARENT) {
                    self.own_text[owner] += len;
                    self.own_commas[owner] += commas;
                }
            }
        }
        // Children before parents: each node's sums are complete when it is reached.
        for i in (0..n).rev() {
            if !self.keep[i] {
                continue;
            }
            let inside = &mut self.inside[i];
            match tree.tag(i) {
                "p" => inside.paragraphs += 1,
                "img" => inside.images += 1,
                "li" => {
                    inside.list_items += 1;
                    inside.list_item_text += self.text[i];
                }
                h if hints::is_heading(h) => inside.heading_text += self.text[i],
                _ => {}
            }
            let parent = tree.nodes[i].parent;
            if parent != NO_PARENT {
                self.text[parent] += self.text[i];
                self.links[parent] += self.links[i];
                let (child, sum) = (self.inside[i], &mut self.inside[parent]);
                sum.commas += child.commas;
                sum.paragraphs += child.paragraphs;
                sum.images += child.images;
                sum.list_items += child.list_items;
                sum.list_item_text += child.list_item_text;
                sum.heading_text += child.heading_text;
            }
        }
    }

    fn link_density(&self, i: usize) -> f64 {
        if self.text[i] == 0 {
            0.0
        } else {
            self.links[i] as f64 / self.text[i] as f64
        }
    }

    fn class_weight(&self, i: usize) -> f64 {
        if !self.rules.weigh_classes {
            return 0.0;
        }
        let (class, id) = self.tree.class_id(i);
        let mut weight = hints::class_weight(class, id);
        // schema.org's article body, and the elements HTML5 made for it.
        if self.tree.itemprop(i).contains("articlebody") {
            weight += 50.0;
        }
        weight
    }

    fn initial_score(&self, i: usize) -> f64 {
        let base = match self.tree.tag(i) {
            "div" | "article" => 5.0,
            "pre" | "td" | "blockquote" | "main" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(i)
    }

    /// The article under these rules, and whether any prose was found to choose it by.
    fn run(mut self) -> (Chosen, bool) {
        let candidates = self.score_candidates();
        let Some((&top, rivals)) = candidates.split_first() else {
            // No paragraph anywhere: the whole document is all there is.
            let roots = if self.tree.nodes.is_empty() {
                Vec::new()
            } else {
                vec![0]
            };
            return (self.finish(roots), false);
        };
        let top = self.refine(top, rivals);
        let roots = self.siblings(top);
        (self.finish(roots), true)
    }

    /// Scores paragraphs into their ancestors; returns the best candidates, best first.
    fn score_candidates(&mut self) -> Vec<usize> {
        let tree = self.tree;
        let mut candidates = Vec::new();
        for i in 0..tree.nodes.len() {
            let scorable = matches!(
                tree.tag(i),
                "p" | "pre"
                    | "td"
                    | "div"
                    | "section"
                    | "article"
                    | "main"
                    | "blockquote"
                    | "center"
                    | "font"
            );
            if !self.keep[i] || !scorable || self.own_text[i] < 25 {
                continue;
            }
            let len = self.own_text[i] as f64;
            let points = 1.0 + self.own_commas[i] as f64 + (len / 100.0).floor().min(3.0);
            for (level, ancestor) in tree.ancestors(i).take(5).enumerate() {
                if tree.tag(ancestor).is_empty() {
                    break;
                }
                if self.score[ancestor].is_none() {
                    self.score[ancestor] = Some(self.initial_score(ancestor));
                    candidates.push(ancestor);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f64 * 3.0,
                };
                *self.score[ancestor].as_mut().expect("set above") += points / divider;
            }
        }
        for &c in &candidates {
            let density = self.link_density(c);
            if let Some(s) = self.score[c].as_mut() {
                *s *= 1.0 - density;
            }
        }
        candidates.sort_by(|&a, &b| {
            self.score_of(b)
                .total_cmp(&self.score_of(a))
                .then(a.cmp(&b))
        });
        candidates.truncate(TOP_CANDIDATES);
        candidates
    }

    fn score_of(&self, i: usize) -> f64 {
        self.score[i].unwrap_or(0.0)
    }

    /// Moves up from the best candidate when the article is spread over several of its kin.
    fn refine(&self, mut top: usize, rivals: &[usize]) -> usize {
        let tree = self.tree;
        let top_score = self.score_of(top);
        // Several near-best candidates under one ancestor: that ancestor holds the article.
        let rivals: Vec<usize> = rivals
            .iter()
            .copied()
            .filter(|&c| self.score_of(c) >= top_score * 0.75)
            .collect();
        if rivals.len() >= 3 {
            let mut ancestor = tree.nodes[top].parent;
            while ancestor != NO_PARENT && !matches!(tree.tag(ancestor), "body" | "html" | "") {
                let end = tree.nodes[ancestor].end;
                let within = rivals.iter().filter(|&&r| r >= ancestor && r < end).count();
                if within >= 3 {
                    top = ancestor;
                    break;
                }
                ancestor = tree.nodes[ancestor].parent;
            }
        }
        // A parent scoring higher than the best child holds more of the article.
        let mut last = self.score_of(top);
        let threshold = last / 3.0;
        let mut parent = tree.nodes[top].parent;
        while parent != NO_PARENT && !matches!(tree.tag(parent), "body" | "html" | "") {
            if let Some(score) = self.score[parent] {
                if score < threshold {
                    break;
                }
                if score > last {
                    top = parent;
                    break;
                }
                last = score;
            }
            parent = tree.nodes[parent].parent;
        }
        // An only child says nothing its parent does not.
        loop {
            let parent = tree.nodes[top].parent;
            if parent == NO_PARENT || matches!(tree.tag(parent), "body" | "html" | "") {
                break;
            }
            let kept_elements = tree.nodes[parent]
                .children
                .iter()
                .filter(|&&c| self.keep[c] && tree.text(c).is_none())
                .count();
            if kept_elements != 1 {
                break;
            }
            top = parent;
        }
        top
    }

    /// The best candidate and those of its siblings that look like more of the article.
    fn siblings(&self, top: usize) -> Vec<usize> {
        let tree = self.tree;
        let parent = tree.nodes[top].parent;
        if parent == NO_PARENT {
            return vec![top];
        }
        let top_score = self.score_of(top);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = tree.class_id(top).0;
        let mut roots = Vec::new();
        for &sibling in &tree.nodes[parent].children {
            if !self.keep[sibling] || tree.text(sibling).is_some() {
                continue;
            }
            if sibling == top {
                roots.push(sibling);
                continue;
            }
            let bonus = if !top_class.is_empty() && tree.class_id(sibling).0 == top_class {
                top_score * 0.2
            } else {
                0.0
            };
            let joins = if self.linked_headings(sibling) >= 2 {
                false // a list of story teasers, however wordy
            } else if self.score[sibling].is_some_and(|score| score + bonus >= threshold)
                || self
                    .best_score_within(sibling)
                    .is_some_and(|score| score >= top_score * DEEP_SIBLING_SHARE)
            {
                true
            } else if tree.tag(sibling) == "p" || self.is_inline_only(sibling) {
                let len = self.text[sibling];
                let density = self.link_density(sibling);
                if len > 80 {
                    density < 0.25
                } else {
                    len > 0 && density == 0.0 && ends_sentence(&tree.text_content(sibling))
                }
            } else {
                false
            };
            if joins {
                roots.push(sibling);
            }
        }
        roots
    }

    /// The best score in `i`'s subtree: an article split over sibling wrappers scores deep
    /// inside each of them.
    fn best_score_within(&self, i: usize) -> Option<f64> {
        (i..self.tree.nodes[i].end)
            .filter(|&j| self.keep[j])
            .filter_map(|j| self.score[j])
            .max_by(f64::total_cmp)
    }

    /// Headings in `i` that are mostly link: the mark of a list of story teasers.
    fn linked_headings(&self, i: usize) -> usize {
        (i..self.tree.nodes[i].end)
            .filter(|&j| {
                self.keep[j]
                    && hints::is_heading(self.tree.tag(j))
                    && self.links[j] * 2 >= self.text[j].max(1)
            })
            .count()
    }

    /// A `<div>` used as a paragraph: all its kept text is its own.
    fn is_inline_only(&self, i: usize) -> bool {
        self.text[i] > 0 && self.own_text[i] == self.text[i]
    }

    /// Cleans the chosen subtrees and hands them over.
    fn finish(mut self, roots: Vec<usize>) -> Chosen {
        let tree = self.tree;
        for &root in &roots {
            let mut i = root + 1;
            while i < tree.nodes[root].end {
                if self.keep[i] && tree.text(i).is_none() && self.drops_inside_article(i) {
                    for k in i..tree.nodes[i].end {
                        self.keep[k] = false;
                    }
                    i = tree.nodes[i].end;
                } else {
                    i += 1;
                }
            }
        }
        Chosen {
            roots,
            keep: self.keep,
        }
    }

    /// Whether element `i`, inside the chosen article, is furniture after all.
    fn drops_inside_article(&self, i: usize) -> bool {
        let tree = self.tree;
        let tag = tree.tag(i);
        if self.text[i] < 500 && tree.hinted(i, hints::is_share) {
            return true;
        }
        if self.rules.weigh_classes && matches!(tag, "h1" | "h2") && self.class_weight(i) < 0.0 {
            return true;
        }
        self.rules.clean_conditionally
            && matches!(
                tag,
                "form"
                    | "fieldset"
                    | "table"
                    | "ul"
                    | "ol"
                    | "div"
                    | "section"
                    | "aside"
                    | "header"
                    | "nav"
            )
            && self.is_dubious(i)
    }

    /// Readability's conditional cleaning: boxes of links, images or form fields with little prose.
    fn is_dubious(&self, i: usize) -> bool {
        let tree = self.tree;
        let tag = tree.tag(i);
        if tag == "table" && self.is_data_table(i) {
            return false;
        }
        let weight = self.class_weight(i);
        if weight < 0.0 {
            return true;
        }
        let inside = self.inside[i];
        if inside.commas >= 10 {
            return false;
        }
        let (paragraphs, images, items) = (
            inside.paragraphs as f64,
            inside.images as f64,
            inside.list_items as i64,
        );
        let is_list = matches!(tag, "ul" | "ol")
            || (self.text[i] > 0 && inside.list_item_text as f64 > 0.9 * self.text[i] as f64);
        let length = self.text[i] as f64;
        let density = self.link_density(i);
        let heading_density = if length > 0.0 {
            inside.heading_text as f64 / length
        } else {
            0.0
        };
        let in_figure = self.in_figure[i];
        (images > 1.0 && paragraphs / images < 0.5 && !in_figure)
            || (!is_list && items - 100 > inside.paragraphs as i64)
            || (!is_list
                && heading_density < 0.9
                && length < 25.0
                && (images == 0.0 || images > 2.0)
                && density > 0.0)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
    }

    fn is_data_table(&self, i: usize) -> bool {
        let tree = self.tree;
        let (mut rows, mut columns) = (0, 0);
        for j in i + 1..tree.nodes[i].end {
            match tree.tag(j) {
                "caption" | "th" | "thead" => return true,
                "table" => return false,
                "tr" => {
                    rows += 1;
                    columns = columns.max(
                        tree.nodes[j]
                            .children
                            .iter()
                            .filter(|&&c| matches!(tree.tag(c), "td" | "th"))
                            .count(),
                    );
                }
                _ => {}
            }
        }
        rows >= 10 || columns > 4 || rows * columns > 10
    }
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end();
    trimmed.ends_with(['.', '!', '?', '。', '"', '”']) || text.contains(". ")
}
