//! One pass over the DOM into a compact arena the later steps index freely, without recursion
//! (malformed pages nest thousands deep) and without calling back into the DOM (slow on the
//! live page). Scripts, styles, form controls and hidden nodes never enter the arena; the
//! page's metadata sources are collected on the way.

use super::DomNode;

pub(crate) const NO_PARENT: usize = usize::MAX;

pub(crate) enum NodeData {
    Element {
        tag: String,
        /// `class`, `id`, `role` and `itemprop`, lower-cased: what the hints match.
        class: String,
        id: String,
        role: String,
        itemprop: String,
    },
    Text(String),
}

pub(crate) struct TreeNode<N> {
    pub dom: N,
    pub parent: usize,
    /// One past the last node of this node's subtree: nodes are stored in document order, so a
    /// subtree is the contiguous range `index..end`.
    pub end: usize,
    pub children: Vec<usize>,
    pub data: NodeData,
}

pub(crate) struct Tree<N> {
    pub nodes: Vec<TreeNode<N>>,
}

impl<N> Tree<N> {
    pub fn tag(&self, i: usize) -> &str {
        match &self.nodes[i].data {
            NodeData::Element { tag, .. } => tag,
            NodeData::Text(_) => "",
        }
    }

    /// `class` and `id` of element `i` (empty for text).
    pub fn class_id(&self, i: usize) -> (&str, &str) {
        match &self.nodes[i].data {
            NodeData::Element { class, id, .. } => (class, id),
            NodeData::Text(_) => ("", ""),
        }
    }

    /// Whether `i`'s class or id satisfies `test`.
    pub fn hinted(&self, i: usize, test: impl Fn(&str) -> bool) -> bool {
        let (class, id) = self.class_id(i);
        (!class.is_empty() && test(class)) || (!id.is_empty() && test(id))
    }

    pub fn role(&self, i: usize) -> &str {
        match &self.nodes[i].data {
            NodeData::Element { role, .. } => role,
            NodeData::Text(_) => "",
        }
    }

    pub fn itemprop(&self, i: usize) -> &str {
        match &self.nodes[i].data {
            NodeData::Element { itemprop, .. } => itemprop,
            NodeData::Text(_) => "",
        }
    }

    pub fn text(&self, i: usize) -> Option<&str> {
        match &self.nodes[i].data {
            NodeData::Text(t) => Some(t),
            NodeData::Element { .. } => None,
        }
    }

    /// `i`'s ancestors, nearest first.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let up = move |p: usize| Some(self.nodes[p].parent).filter(|&q| q != NO_PARENT);
        std::iter::successors(up(i), move |&p| up(p))
    }

    /// The text of `i`'s subtree, white space collapsed.
    pub fn text_content(&self, i: usize) -> String {
        let mut out = String::new();
        for j in i..self.nodes[i].end {
            if let Some(t) = self.text(j) {
                out.push_str(t);
                out.push(' ');
            }
        }
        super::text::normalize(&out)
    }
}

/// What the page says about itself, outside its visible text.
#[derive(Default)]
pub(crate) struct Sources {
    /// `<meta>` tags: (`property`, `name` or `itemprop`, lower-cased; `content`).
    pub meta: Vec<(String, String)>,
    /// `<link rel>`: (rel, lower-cased; href).
    pub links: Vec<(String, String)>,
    pub title: Option<String>,
    pub html_lang: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `<time datetime>` values, in document order.
    pub times: Vec<String>,
}

pub(crate) struct Snapshot<N> {
    pub tree: Tree<N>,
    pub sources: Sources,
}

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "link",
    "meta",
    "title",
    "video",
    "audio",
    "map",
    "dialog",
    "quotelens-root",
];

/// Takes a [`Snapshot`] a bounded number of DOM nodes at a time, so that a caller on a live page
/// can give the main thread back between portions of a huge document.
pub(crate) struct SnapshotReader<N> {
    nodes: Vec<TreeNode<N>>,
    sources: Sources,
    stack: Vec<(N, usize)>,
}

impl<N: DomNode> SnapshotReader<N> {
    pub fn new(root: &N) -> Self {
        SnapshotReader {
            nodes: Vec::new(),
            sources: Sources::default(),
            stack: vec![(root.clone(), NO_PARENT)],
        }
    }

    /// Reads up to `budget` more DOM nodes, counting them off; true once every node has been read.
    pub fn read(&mut self, budget: &mut usize) -> bool {
        let nodes = &mut self.nodes;
        let sources = &mut self.sources;
        while *budget > 0 {
            let Some((dom, parent)) = self.stack.pop() else {
                return true;
            };
            *budget -= 1;
            let data = if let Some(text) = dom.text() {
                NodeData::Text(text)
            } else if let Some(tag) = dom.tag() {
                if tag == "head" {
                    collect_head(&dom, sources);
                    continue;
                }
                let has_attributes = dom.has_attributes();
                if has_attributes {
                    collect_source(&dom, &tag, sources);
                }
                if DROPPED.contains(&tag.as_str()) || is_hidden(&dom, has_attributes) {
                    continue;
                }
                let lower = |name| {
                    let value = if has_attributes { dom.attr(name) } else { None };
                    value.map(|v| v.to_lowercase()).unwrap_or_default()
                };
                NodeData::Element {
                    tag,
                    class: lower("class"),
                    id: lower("id"),
                    role: lower("role"),
                    itemprop: lower("itemprop"),
                }
            } else if parent == NO_PARENT {
                // The document node itself (or a fragment): a nameless container.
                NodeData::Element {
                    tag: String::new(),
                    class: String::new(),
                    id: String::new(),
                    role: String::new(),
                    itemprop: String::new(),
                }
            } else {
                continue; // comments, doctypes, processing instructions
            };
            let index = nodes.len();
            if parent != NO_PARENT {
                nodes[parent].children.push(index);
            }
            if matches!(data, NodeData::Element { .. }) {
                let children = dom.children();
                self.stack
                    .extend(children.into_iter().rev().map(|c| (c, index)));
            }
            nodes.push(TreeNode {
                dom,
                parent,
                end: index + 1,
                children: Vec::new(),
                data,
            });
        }
        self.stack.is_empty()
    }

    /// The snapshot, once [`SnapshotReader::read`] has read every node.
    pub fn finish(self) -> Snapshot<N> {
        debug_assert!(self.stack.is_empty(), "the DOM is not read to the end");
        let mut nodes = self.nodes;
        // Subtree ends, children before parents: document order puts every child after its parent.
        for i in (0..nodes.len()).rev() {
            let (end, parent) = (nodes[i].end, nodes[i].parent);
            if parent != NO_PARENT && nodes[parent].end < end {
                nodes[parent].end = end;
            }
        }
        Snapshot {
            tree: Tree { nodes },
            sources: self.sources,
        }
    }
}

fn is_hidden<N: DomNode>(node: &N, has_attributes: bool) -> bool {
    if !has_attributes {
        return node.is_rendered_hidden();
    }
    if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    if node
        .attr("class")
        .is_some_and(|class| super::hints::is_hidden_class(&class.to_lowercase()))
    {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    node.is_rendered_hidden()
}

/// The head holds no article text, only metadata, however the page styles it.
fn collect_head<N: DomNode>(head: &N, sources: &mut Sources) {
    let mut stack = head.children();
    stack.reverse();
    while let Some(node) = stack.pop() {
        if let Some(tag) = node.tag() {
            collect_source(&node, &tag, sources);
            stack.extend(node.children().into_iter().rev());
        }
    }
}

fn collect_source<N: DomNode>(node: &N, tag: &str, sources: &mut Sources) {
    match tag {
        "meta" => {
            let Some(content) = node.attr("content") else {
                return;
            };
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(names) = node.attr(key) {
                    // `property="og:title twitter:title"` names several properties at once.
                    for name in names.split_whitespace() {
                        sources.meta.push((name.to_lowercase(), content.clone()));
                    }
                }
            }
        }
        "link" => {
            if let (Some(rel), Some(href)) = (node.attr("rel"), node.attr("href")) {
                sources.links.push((rel.to_lowercase(), href));
            }
        }
        "title" if sources.title.is_none() => sources.title = Some(child_text(node)),
        "html" if sources.html_lang.is_none() => {
            sources.html_lang = node.attr("lang").or_else(|| node.attr("xml:lang"))
        }
        "script"
            if node
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
        {
            sources.json_ld.push(child_text(node));
        }
        "time" => {
            if let Some(datetime) = node.attr("datetime") {
                sources.times.push(datetime);
            }
        }
        _ => {}
    }
}

fn child_text<N: DomNode>(node: &N) -> String {
    node.children().iter().filter_map(DomNode::text).collect()
}
