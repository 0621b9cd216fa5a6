//! Main-content detection measured on the corpus (`harness = false`: prints figures, exits
//! non-zero when they fall below the floor).
//!
//! - word-level F1 of the kept text against Readability's `expected.html`, for every page that
//!   has one: the mean and the ten worst pages;
//! - every `source.html` is read without an error or a panic, and every block's offset map
//!   points at exactly its text in the DOM;
//! - the median and worst native time per page (parse, and article finding alone; the fastest
//!   of a few runs, so that other work on the machine does not pass for ours);
//! - the seed page keeps every article paragraph and nothing of its sidebar or comments.

use quotelens::article::{self, html::HtmlNode, Article, DomNode};
use quotelens::engine::model::BlockKind;
use scraper::{Html, Selector};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Just under the mean F1s measured when these floors were set: 0.984 with the headline aside
/// (Readability gives it as the title, not in `expected.html`), 0.981 with every kept block.
const F1_FLOOR: f64 = 0.98;
const F1_FLOOR_ALL_BLOCKS: f64 = 0.978;
const SEED: &str = "seed";
/// Each page is timed this many times and its fastest run kept: the machine's other work only
/// ever adds time.
const TIMING_RUNS: usize = 3;

fn main() -> ExitCode {
    let pages_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pages");
    let mut pages: Vec<PathBuf> = match std::fs::read_dir(&pages_dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect(),
        Err(e) => {
            eprintln!("extraction: cannot read {}: {e}", pages_dir.display());
            return ExitCode::FAILURE;
        }
    };
    pages.sort();

    let mut failures = Vec::new();
    let mut scores: Vec<(String, f64, f64)> = Vec::new();
    let (mut parse_times, mut find_times) = (Vec::new(), Vec::new());
    let (mut blocks_checked, mut pieces_checked) = (0usize, 0usize);
    let mut seed_report = String::from("seed page: FAILED");
    for page in &pages {
        let name = page
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let source = match std::fs::read(page.join("source.html")) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                failures.push(format!("{name}: cannot read source.html: {e}"));
                continue;
            }
        };
        let document = Html::parse_document(&source);
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            article::extract(&HtmlNode::root(&document))
        }));
        parse_times.push((
            fastest_of(TIMING_RUNS, || drop(Html::parse_document(&source))),
            name.clone(),
        ));
        if found.is_ok() {
            find_times.push((
                fastest_of(TIMING_RUNS, || {
                    drop(article::extract(&HtmlNode::root(&document)))
                }),
                name.clone(),
            ));
        }
        let found = match found {
            Ok(found) => found,
            Err(_) => {
                failures.push(format!("{name}: the article finder panicked"));
                continue;
            }
        };
        match check_offset_maps(&found) {
            Ok((blocks, pieces)) => {
                blocks_checked += blocks;
                pieces_checked += pieces;
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
        if name == SEED {
            let errors = check_seed(&document, &found);
            if errors.is_empty() {
                seed_report = format!("seed page: every article paragraph kept ({} blocks), nothing of its sidebar or comments", found.blocks.len());
            }
            failures.extend(errors.into_iter().map(|e| format!("{name}: {e}")));
        }
        if let Ok(bytes) = std::fs::read(page.join("expected.html")) {
            let expected = text_of_html(&String::from_utf8_lossy(&bytes));
            let body = found
                .blocks
                .iter()
                .filter(|b| b.kind != BlockKind::Headline)
                .map(|b| b.text.as_str());
            let all = found.blocks.iter().map(|b| b.text.as_str());
            scores.push((
                name,
                f1(&body.collect::<Vec<_>>().join(" "), &expected),
                f1(&all.collect::<Vec<_>>().join(" "), &expected),
            ));
        }
    }

    let mean = |pick: fn(&(String, f64, f64)) -> f64| {
        scores.iter().map(pick).sum::<f64>() / scores.len().max(1) as f64
    };
    let (mean_body, mean_all) = (mean(|s| s.1), mean(|s| s.2));
    println!(
        "extraction: {} pages read, {} with expected.html",
        pages.len(),
        scores.len()
    );
    println!("  mean word F1 vs expected.html: {mean_body:.4} (headline aside, as Readability puts it in its title)");
    println!("  mean word F1 vs expected.html: {mean_all:.4} (every kept block)");
    scores.sort_by(|a, b| a.1.total_cmp(&b.1));
    println!("  ten worst pages:");
    for (name, body, all) in scores.iter().take(10) {
        println!("    {body:.3} ({all:.3} with headline)  {name}");
    }
    println!("  offset maps verified: {blocks_checked} blocks, {pieces_checked} text pieces");
    println!("  {seed_report}");
    println!(
        "  time per page, parsing (html5ever): {}",
        timing(&mut parse_times)
    );
    println!(
        "  time per page, finding the article: {}",
        timing(&mut find_times)
    );

    if mean_body < F1_FLOOR {
        failures.push(format!(
            "mean F1 {mean_body:.4} is below the floor {F1_FLOOR}"
        ));
    }
    if mean_all < F1_FLOOR_ALL_BLOCKS {
        failures.push(format!(
            "mean F1 of every kept block {mean_all:.4} is below the floor {F1_FLOOR_ALL_BLOCKS}"
        ));
    }
    if !pages.iter().any(|p| p.ends_with(SEED)) {
        failures.push(format!("the seed page ({SEED}) is missing"));
    }
    if failures.is_empty() {
        println!("extraction: ok");
        ExitCode::SUCCESS
    } else {
        for failure in &failures {
            eprintln!("extraction: FAILED {failure}");
        }
        ExitCode::FAILURE
    }
}

/// The text of an HTML document as a browser lays it out: text nodes run together inside
/// inline markup, block-level elements and `<br>` separate words.
fn text_of_html(html: &str) -> String {
    use ego_tree::iter::Edge;
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "img",
    ];
    let document = Html::parse_document(html);
    let mut out = String::new();
    let mut hidden = 0;
    for edge in document.tree.root().traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        if let Some(element) = node.value().as_element() {
            if matches!(element.name(), "script" | "style" | "noscript") {
                hidden += if opening { 1 } else { -1 };
            } else if BLOCKS.contains(&element.name()) {
                out.push(' ');
            }
        } else if let (Some(text), true, 0) = (node.value().as_text(), opening, hidden) {
            out.push_str(text);
        }
    }
    out
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Word-level F1 of `kept` against `expected`, as multisets of lower-cased words.
fn f1(kept: &str, expected: &str) -> f64 {
    let (kept, expected) = (words(kept), words(expected));
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>() as f64;
    let (kept_total, expected_total) = (total(&kept), total(&expected));
    if kept_total == 0.0 && expected_total == 0.0 {
        return 1.0;
    }
    let shared: usize = kept
        .iter()
        .map(|(w, &n)| n.min(*expected.get(w).unwrap_or(&0)))
        .sum();
    if shared == 0 {
        return 0.0;
    }
    let (precision, recall) = (shared as f64 / kept_total, shared as f64 / expected_total);
    2.0 * precision * recall / (precision + recall)
}

/// Every piece points at the same characters in its text node as in its block (white space
/// for white space); every block's text is covered by pieces but for spaces; `dom_range` of
/// the whole block lands on its first and last characters.
fn check_offset_maps(found: &Article<HtmlNode>) -> Result<(usize, usize), String> {
    let mut pieces_checked = 0;
    for (block, pieces) in found.blocks.iter().zip(&found.pieces) {
        let block_units: Vec<u16> = block.text.encode_utf16().collect();
        let mut covered = vec![false; block_units.len()];
        for piece in pieces {
            let data: Vec<u16> = piece
                .node
                .text()
                .unwrap_or_default()
                .encode_utf16()
                .collect();
            let from_node = data.get(piece.node_start..piece.node_start + piece.len);
            let from_block = block_units.get(piece.block_start..piece.block_start + piece.len);
            let (Some(from_node), Some(from_block)) = (from_node, from_block) else {
                return Err(format!("block {}: a piece lies outside its text", block.id));
            };
            let same = String::from_utf16_lossy(from_node)
                .chars()
                .zip(String::from_utf16_lossy(from_block).chars())
                .all(|(n, b)| n == b || (n.is_whitespace() && b == ' '));
            if !same {
                return Err(format!(
                    "block {}: piece at {} maps to different DOM text",
                    block.id, piece.block_start
                ));
            }
            covered[piece.block_start..piece.block_start + piece.len]
                .iter_mut()
                .for_each(|c| *c = true);
            pieces_checked += 1;
        }
        if let Some(gap) = covered
            .iter()
            .zip(&block_units)
            .position(|(&c, &u)| !c && u != u16::from(b' '))
        {
            return Err(format!(
                "block {}: character {gap} maps to no DOM text",
                block.id
            ));
        }
        if found.dom_range(block.id, 0, block_units.len()).is_none() {
            return Err(format!(
                "block {}: no DOM range for the whole block",
                block.id
            ));
        }
    }
    Ok((found.blocks.len(), pieces_checked))
}

/// The seed page is a news template: every paragraph of its `<article>` must be kept whole,
/// nothing of its sidebar (`<aside>`) or comments section.
fn check_seed(document: &Html, found: &Article<HtmlNode>) -> Vec<String> {
    let select = |css: &str| -> Vec<String> {
        let selector = Selector::parse(css).expect("valid selector");
        document
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let kept: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    let mut errors = Vec::new();
    let paragraphs: Vec<String> = select("article p")
        .into_iter()
        .filter(|p| p.len() >= 80)
        .collect();
    if paragraphs.len() < 10 {
        errors.push(format!(
            "expected the seed's article paragraphs, found {}",
            paragraphs.len()
        ));
    }
    for paragraph in &paragraphs {
        if !kept.contains(&paragraph.as_str()) {
            errors.push(format!("article paragraph not kept: {paragraph:.60}"));
        }
    }
    for furniture in select("aside li")
        .into_iter()
        .chain(select(".comments .comment"))
        .chain(select("aside h3, .comments h3"))
    {
        if kept.iter().any(|k| k.contains(furniture.as_str())) {
            errors.push(format!("kept furniture: {furniture:.60}"));
        }
    }
    errors
}

fn fastest_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// "median M, worst W (page)" of per-page times.
fn timing(times: &mut [(Duration, String)]) -> String {
    times.sort();
    match (times.get(times.len() / 2), times.last()) {
        (Some((median, _)), Some((worst, page))) => {
            format!("median {}, worst {} ({page})", ms(*median), ms(*worst))
        }
        _ => "no pages".to_string(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
