//! Which subtrees hold the article: Readability-style scoring, written for the snapshot arena.
//!
//! Paragraph-like elements score by length and commas; the score flows to their ancestors; the
//! best ancestor, discounted by its link density, is the article; siblings that look like more of
//! it join. Furniture is stripped first (class/id/role hints, `<nav>`/`<aside>`/`<footer>`) and
//! dubious boxes are cleaned out after. When that leaves too little text, the same runs again
//! with fewer rules (a relaxed retry) and the longest result wins. Each pass is a few sweeps over
//! the snapshot that stop and resume at any node, so a live page gets its main thread back between
//! portions.

use super::hints;
use super::text::visible_len;
use super::tree::{Tree, NO_PARENT};
use std::ops::ControlFlow;

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

#[derive(Clone, Copy, Default)]
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

/// Chooses the article in a snapshot a bounded number of nodes at a time: each pass is a few
/// sweeps over the snapshot, resumed where the last portion stopped.
pub(crate) struct Chooser {
    /// Index in [`PASSES`] of the pass under way.
    rules: usize,
    pass: Pass,
    /// The longest article found by any pass so far, with its length.
    best: Option<(usize, Chosen)>,
    /// The strictest pass's whole page, for when no pass finds prose.
    no_prose: Option<Chosen>,
}

impl Chooser {
    pub fn new<N>(tree: &Tree<N>) -> Self {
        Chooser {
            rules: 0,
            pass: Pass::new(tree, PASSES[0]),
            best: None,
            no_prose: None,
        }
    }

    /// Works through up to `budget` more nodes; breaks with the article once it is chosen.
    pub fn advance<N>(self, tree: &Tree<N>, budget: &mut usize) -> ControlFlow<Chosen, Self> {
        let Chooser {
            mut rules,
            mut pass,
            mut best,
            mut no_prose,
        } = self;
        loop {
            if !pass.advance(tree, budget) {
                return ControlFlow::Continue(Chooser {
                    rules,
                    pass,
                    best,
                    no_prose,
                });
            }
            match pass.outcome() {
                Outcome::Furniture(keep) => {
                    return ControlFlow::Break(Chosen {
                        roots: Vec::new(),
                        keep,
                    })
                }
                Outcome::NoProse(chosen) => {
                    no_prose.get_or_insert(chosen);
                }
                Outcome::Prose(chosen, len) => {
                    if len >= ENOUGH_TEXT {
                        return ControlFlow::Break(chosen);
                    }
                    if best.as_ref().is_none_or(|(best_len, _)| len > *best_len) {
                        best = Some((len, chosen));
                    }
                }
            }
            rules += 1;
            let Some(&next) = PASSES.get(rules) else {
                // The longest article found by any pass; failing that, the strictest pass's whole
                // page (the relaxed passes exist to find prose the strict one stripped, not to
                // bring furniture back).
                let empty = Chosen {
                    roots: Vec::new(),
                    keep: Vec::new(),
                };
                return ControlFlow::Break(
                    best.map(|(_, chosen)| chosen).or(no_prose).unwrap_or(empty),
                );
            };
            pass = Pass::new(tree, next);
        }
    }
}

/// What one pass found.
enum Outcome {
    /// Asked about one subtree (content added later) that is furniture by its own name.
    Furniture(Vec<bool>),
    /// No paragraph anywhere: the whole document is all there is.
    NoProse(Chosen),
    /// An article, and how much text it keeps.
    Prose(Chosen, usize),
}

/// The sweeps of a pass, in order.
#[derive(Clone, Copy, Default, PartialEq)]
enum Sweep {
    /// Drops furniture, parents before children.
    #[default]
    Strip,
    /// Each node's text, link text and comma count, and each paragraph's own text.
    Measure,
    /// Sums over subtrees, children before parents.
    Sum,
    /// Paragraphs score into their ancestors.
    Score,
    /// Not a sweep: the best candidate and its siblings become the article's roots.
    Choose,
    /// Boxes inside the article that are furniture after all are dropped.
    Clean,
    /// The text the article keeps.
    Length,
    Done,
}

/// One round of the search under one set of rules.
#[derive(Default)]
struct Pass {
    rules: Rules,
    sweep: Sweep,
    /// Nodes the current sweep has visited.
    visited: usize,
    keep: Vec<bool>,
    /// Visible characters in each subtree, and those inside links.
    text: Vec<u32>,
    links: Vec<u32>,
    /// Text (and commas) whose nearest block-level ancestor is this element: a paragraph's own.
    own_text: Vec<u32>,
    own_commas: Vec<u32>,
    /// Per subtree: commas, and what conditional cleaning weighs.
    inside: Vec<Inside>,
    /// Whether a node lies in a `<figure>`; in a `<table>` or `<code>`; in a link.
    in_figure: Vec<bool>,
    in_table_or_code: Vec<bool>,
    in_link: Vec<bool>,
    /// The nearest block-level ancestor of each node.
    block_owner: Vec<usize>,
    score: Vec<Option<f64>>,
    /// Elements with a score, in the order they got one.
    candidates: Vec<usize>,
    /// The article's subtrees, once chosen, and whether prose chose them.
    roots: Vec<usize>,
    found_prose: bool,
    kept_len: usize,
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

impl Pass {
    fn new<N>(tree: &Tree<N>, rules: Rules) -> Self {
        let n = tree.nodes.len();
        Pass {
            rules,
            keep: vec![true; n],
            text: vec![0; n],
            links: vec![0; n],
            own_text: vec![0; n],
            own_commas: vec![0; n],
            inside: vec![Inside::default(); n],
            in_figure: vec![false; n],
            in_table_or_code: vec![false; n],
            in_link: vec![false; n],
            block_owner: vec![NO_PARENT; n],
            score: vec![None; n],
            ..Pass::default()
        }
    }

    /// Carries the pass on through up to `budget` more node visits; true once it is complete.
    fn advance<N>(&mut self, tree: &Tree<N>, budget: &mut usize) -> bool {
        let n = tree.nodes.len();
        loop {
            let next = match self.sweep {
                Sweep::Strip => {
                    if !self.visit(n, budget, |pass, i| pass.strip(tree, i)) {
                        return false;
                    }
                    // Asked about one subtree that is furniture: nothing more to weigh.
                    if self.is_furniture_root() {
                        Sweep::Done
                    } else {
                        Sweep::Measure
                    }
                }
                Sweep::Measure => {
                    if !self.visit(n, budget, |pass, i| pass.measure(tree, i)) {
                        return false;
                    }
                    Sweep::Sum
                }
                Sweep::Sum => {
                    // Children before parents: each node's sums are complete when it is reached.
                    if !self.visit(n, budget, |pass, k| pass.sum(tree, n - 1 - k)) {
                        return false;
                    }
                    Sweep::Score
                }
                Sweep::Score => {
                    if !self.visit(n, budget, |pass, i| pass.score(tree, i)) {
                        return false;
                    }
                    Sweep::Choose
                }
                Sweep::Choose => {
                    self.choose_roots(tree);
                    Sweep::Clean
                }
                Sweep::Clean => {
                    if !self.visit(n, budget, |pass, i| pass.clean(tree, i)) {
                        return false;
                    }
                    // Without prose the length weighs nothing.
                    if self.found_prose {
                        Sweep::Length
                    } else {
                        Sweep::Done
                    }
                }
                Sweep::Length => {
                    if !self.visit(n, budget, |pass, i| pass.add_kept_len(tree, i)) {
                        return false;
                    }
                    Sweep::Done
                }
                Sweep::Done => return true,
            };
            self.sweep = next;
        }
    }

    /// Visits the current sweep's next nodes (`visit` gets the count of nodes before each) until
    /// all `n` are visited (true) or `budget` runs out (false).
    fn visit(
        &mut self,
        n: usize,
        budget: &mut usize,
        mut visit: impl FnMut(&mut Self, usize),
    ) -> bool {
        while self.visited < n {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            visit(self, self.visited);
            self.visited += 1;
        }
        self.visited = 0;
        true
    }

    fn is_furniture_root(&self) -> bool {
        self.rules.strip_unlikely && self.keep.first() == Some(&false)
    }

    fn outcome(self) -> Outcome {
        if self.is_furniture_root() {
            return Outcome::Furniture(self.keep);
        }
        let chosen = Chosen {
            roots: self.roots,
            keep: self.keep,
        };
        if self.found_prose {
            Outcome::Prose(chosen, self.kept_len)
        } else {
            Outcome::NoProse(chosen)
        }
    }

    fn strip<N>(&mut self, tree: &Tree<N>, i: usize) {
        let parent = tree.nodes[i].parent;
        if parent != NO_PARENT {
            let tag = tree.tag(parent);
            self.in_figure[i] = self.in_figure[parent] || tag == "figure";
            self.in_table_or_code[i] =
                self.in_table_or_code[parent] || matches!(tag, "table" | "code");
        }
        let parent_dropped = parent != NO_PARENT && !self.keep[parent];
        if parent_dropped || (self.rules.strip_unlikely && self.is_furniture(tree, i)) {
            self.keep[i] = false;
        }
    }

    fn is_furniture<N>(&self, tree: &Tree<N>, i: usize) -> bool {
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

    /// Node `i`'s text length, link text and commas, and its share of its paragraph's own text.
    fn measure<N>(&mut self, tree: &Tree<N>, i: usize) {
        if !self.keep[i] {
            return;
        }
        let parent = tree.nodes[i].parent;
        if parent != NO_PARENT {
            self.in_link[i] = self.in_link[parent];
            self.block_owner[i] = if hints::is_block(tree.tag(parent)) {
                parent
            } else {
                self.block_owner[parent]
            };
        }
        if tree.tag(i) == "a" {
            self.in_link[i] = true;
        }
        if let Some(data) = tree.text(i) {
            let len = visible_len(data) as u32;
            self.text[i] = len;
            if self.in_link[i] {
                self.links[i] = len;
            }
            let commas = data
                .chars()
                .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                .count() as u32;
            self.inside[i].commas = commas;
            if let Some(owner) = Some(self.block_owner[i]).filter(|&o| o != NO_PARENT) {
                self.own_text[owner] += len;
                self.own_commas[owner] += commas;
            }
        }
    }

    /// Completes node `i`'s sums (its children's are complete) and adds them to its parent's.
    fn sum<N>(&mut self, tree: &Tree<N>, i: usize) {
        if !self.keep[i] {
            return;
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

    fn link_density(&self, i: usize) -> f64 {
        if self.text[i] == 0 {
            0.0
        } else {
            self.links[i] as f64 / self.text[i] as f64
        }
    }

    fn class_weight<N>(&self, tree: &Tree<N>, i: usize) -> f64 {
        if !self.rules.weigh_classes {
            return 0.0;
        }
        let (class, id) = tree.class_id(i);
        let mut weight = hints::class_weight(class, id);
        // schema.org's article body, and the elements HTML5 made for it.
        if tree.itemprop(i).contains("articlebody") {
            weight += 50.0;
        }
        weight
    }

    fn initial_score<N>(&self, tree: &Tree<N>, i: usize) -> f64 {
        let base = match tree.tag(i) {
            "div" | "article" => 5.0,
            "pre" | "td" | "blockquote" | "main" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(tree, i)
    }

    /// Scores paragraph `i` into its ancestors.
    fn score<N>(&mut self, tree: &Tree<N>, i: usize) {
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
            return;
        }
        let len = self.own_text[i] as f64;
        let points = 1.0 + self.own_commas[i] as f64 + (len / 100.0).floor().min(3.0);
        for (level, ancestor) in tree.ancestors(i).take(5).enumerate() {
            if tree.tag(ancestor).is_empty() {
                break;
            }
            if self.score[ancestor].is_none() {
                self.score[ancestor] = Some(self.initial_score(tree, ancestor));
                self.candidates.push(ancestor);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            *self.score[ancestor].as_mut().expect("set above") += points / divider;
        }
    }

    /// The article's roots under these rules, and whether any prose was found to choose them by.
    fn choose_roots<N>(&mut self, tree: &Tree<N>) {
        let candidates = self.best_candidates();
        let Some((&top, rivals)) = candidates.split_first() else {
            // No paragraph anywhere: the whole document is all there is.
            self.roots = if tree.nodes.is_empty() {
                Vec::new()
            } else {
                vec![0]
            };
            return;
        };
        let top = self.refine(tree, top, rivals);
        self.roots = self.siblings(tree, top);
        self.found_prose = true;
    }

    /// The best candidates, best first, their scores discounted by link density.
    fn best_candidates(&mut self) -> Vec<usize> {
        let mut candidates = std::mem::take(&mut self.candidates);
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
    fn refine<N>(&self, tree: &Tree<N>, mut top: usize, rivals: &[usize]) -> usize {
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
    fn siblings<N>(&self, tree: &Tree<N>, top: usize) -> Vec<usize> {
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
            let joins = if self.linked_headings(tree, sibling) >= 2 {
                false // a list of story teasers, however wordy
            } else if self.score[sibling].is_some_and(|score| score + bonus >= threshold)
                || self
                    .best_score_within(tree, sibling)
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
    fn best_score_within<N>(&self, tree: &Tree<N>, i: usize) -> Option<f64> {
        (i..tree.nodes[i].end)
            .filter(|&j| self.keep[j])
            .filter_map(|j| self.score[j])
            .max_by(f64::total_cmp)
    }

    /// Headings in `i` that are mostly link: the mark of a list of story teasers.
    fn linked_headings<N>(&self, tree: &Tree<N>, i: usize) -> usize {
        (i..tree.nodes[i].end)
            .filter(|&j| {
                self.keep[j]
                    && hints::is_heading(tree.tag(j))
                    && self.links[j] * 2 >= self.text[j].max(1)
            })
            .count()
    }

    /// A `<div>` used as a paragraph: all its kept text is its own.
    fn is_inline_only(&self, i: usize) -> bool {
        self.text[i] > 0 && self.own_text[i] == self.text[i]
    }

    /// The chosen root whose subtree holds node `i`.
    fn root_of<N>(&self, tree: &Tree<N>, i: usize) -> Option<usize> {
        // The roots are disjoint subtrees in document order.
        let after = self.roots.partition_point(|&r| r <= i);
        let root = *self.roots.get(after.checked_sub(1)?)?;
        (i < tree.nodes[root].end).then_some(root)
    }

    /// Drops element `i` of the chosen subtrees, and all it holds, when it is furniture after all
    /// (what an earlier drop took is not kept, so it is not weighed again).
    fn clean<N>(&mut self, tree: &Tree<N>, i: usize) {
        let inside_root = self.root_of(tree, i).is_some_and(|root| root != i);
        if inside_root
            && self.keep[i]
            && tree.text(i).is_none()
            && self.drops_inside_article(tree, i)
        {
            self.keep[i..tree.nodes[i].end].fill(false);
        }
    }

    fn add_kept_len<N>(&mut self, tree: &Tree<N>, i: usize) {
        if self.keep[i] && self.root_of(tree, i).is_some() {
            self.kept_len += tree.text(i).map_or(0, visible_len);
        }
    }

    /// Whether element `i`, inside the chosen article, is furniture after all.
    fn drops_inside_article<N>(&self, tree: &Tree<N>, i: usize) -> bool {
        let tag = tree.tag(i);
        if self.text[i] < 500 && tree.hinted(i, hints::is_share) {
            return true;
        }
        if self.rules.weigh_classes
            && matches!(tag, "h1" | "h2")
            && self.class_weight(tree, i) < 0.0
        {
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
            && self.is_dubious(tree, i)
    }

    /// Readability's conditional cleaning: boxes of links, images or form fields with little prose.
    fn is_dubious<N>(&self, tree: &Tree<N>, i: usize) -> bool {
        let tag = tree.tag(i);
        if tag == "table" && self.is_data_table(tree, i) {
            return false;
        }
        let weight = self.class_weight(tree, i);
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

    fn is_data_table<N>(&self, tree: &Tree<N>, i: usize) -> bool {
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
