//! The sliced extraction against the one-shot one, on real pages.

use super::html::HtmlNode;
use super::{extract, Article, Extractor};
use scraper::Html;
use std::ops::ControlFlow;

/// Extracts with `nodes` per portion; also returns how many portions it took.
fn sliced<'a>(root: &HtmlNode<'a>, nodes: usize) -> (Article<HtmlNode<'a>>, usize) {
    let mut extractor = Extractor::new(root);
    let mut portions = 1;
    loop {
        match extractor.advance(nodes) {
            ControlFlow::Break(article) => return (article, portions),
            ControlFlow::Continue(more) => extractor = more,
        }
        portions += 1;
    }
}

/// Everything an article says, its DOM map as node ids.
fn described(article: &Article<HtmlNode>) -> String {
    let pieces: Vec<Vec<_>> = article
        .pieces
        .iter()
        .map(|block| {
            block
                .iter()
                .map(|p| (p.node.0.id(), p.block_start, p.node_start, p.len))
                .collect()
        })
        .collect();
    format!("{:?}\n{:?}\n{:?}", article.metadata, article.blocks, pieces)
}

/// Extracts `root` with each portion size of `portions` (all smaller than the work) and at once.
fn assert_sliced_as_one_shot(name: &str, root: HtmlNode, portions: &[usize]) {
    let whole = described(&extract(&root));
    for &nodes in portions {
        let (article, portions) = sliced(&root, nodes);
        assert!(
            described(&article) == whole,
            "{name}: {nodes} nodes a portion gives another article"
        );
        assert!(portions > 1, "{name}: done in one portion of {nodes} nodes");
    }
}

#[test]
fn sliced_extraction_finds_the_same_article_on_every_corpus_page() {
    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pages");
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .expect("the corpus is there")
        .map(|entry| entry.expect("readable").file_name())
        .collect();
    names.sort();
    assert!(names.len() > 100, "the corpus has its pages");
    for name in names {
        let html = std::fs::read_to_string(pages.join(&name).join("source.html"))
            .expect("every page has its source");
        let document = Html::parse_document(&html);
        assert_sliced_as_one_shot(
            &name.to_string_lossy(),
            HtmlNode::root(&document),
            &[1, 7, 100],
        );
    }
}

#[test]
fn sliced_extraction_of_a_furniture_subtree_finds_nothing_as_one_shot_does() {
    let document = Html::parse_document(
        "<body><nav class='menu'><ul><li><a href='/'>Home</a></li><li>World</li></ul></nav></body>",
    );
    let nav = document
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "nav"))
        .expect("the page has its menu");
    assert_sliced_as_one_shot("menu", HtmlNode(nav), &[1, 2]);
    assert!(extract(&HtmlNode(nav)).blocks.is_empty());
}
