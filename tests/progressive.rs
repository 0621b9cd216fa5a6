//! Progressive drawing (the extension's view) highlights quotes from snapshots taken while the
//! article is still being read. A quote highlighted from an early snapshot must still be one,
//! over the same words, once everything is read; otherwise the page keeps a stale highlight.
use quotelens::article::{self, html::HtmlNode};
use quotelens::engine::{Analyzer, Span};
use scraper::Html;
use std::collections::BTreeSet;

fn highlighted(analyzer: &Analyzer, below_block: usize) -> BTreeSet<(usize, usize, usize)> {
    analyzer
        .analysis()
        .quotes
        .iter()
        .filter(|q| quotelens::present::is_highlighted(q))
        .map(|q| q.span)
        .filter(|s: &Span| s.block < below_block)
        .map(|s| (s.block, s.start_utf16, s.end_utf16))
        .collect()
}

#[test]
fn quotes_drawn_early_are_those_of_the_whole_article() {
    let mut unstable = Vec::new();
    for page in std::fs::read_dir("tests/corpus/pages").unwrap() {
        let page = page.unwrap().path();
        let Ok(source) = std::fs::read_to_string(page.join("source.html")) else {
            continue;
        };
        let document = Html::parse_document(&source);
        let found = article::extract(&HtmlNode::root(&document));
        let language = found
            .metadata
            .language
            .clone()
            .unwrap_or_else(|| "en".into());
        let mut whole = Analyzer::new(&language);
        whole.add_blocks(&found.blocks);
        let final_quotes = highlighted(&whole, usize::MAX);
        let mut growing = Analyzer::new(&language);
        for (fed, block) in found.blocks.iter().enumerate() {
            growing.add_blocks(std::slice::from_ref(block));
            for early in highlighted(&growing, fed + 1).difference(&final_quotes) {
                unstable.push(format!("{}: after block {fed}: {early:?}", page.display()));
            }
        }
    }
    assert!(
        unstable.is_empty(),
        "{} early highlights not in the final analysis:\n{}",
        unstable.len(),
        unstable.join("\n")
    );
}
