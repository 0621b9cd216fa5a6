//! Deterministic worst cases: huge, repetitive, binary and deeply nested input.
//!
//! Each runs under a watchdog far above its expected time: a hang detector for super-linear
//! blowups, not a speed test (`./build.sh bench` prints the real figures).

use crate::invariants::{check_analysis, check_page};
use crate::strategies::MARKS;
use quotelens::engine::{self, Analysis, Block, BlockKind};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const MB: usize = 1 << 20;
const WATCHDOG: Duration = Duration::from_secs(60);
/// The stack the core gets in the browser: wasm32-unknown-unknown's default of 1 MiB.
const WASM_STACK: usize = 1 << 20;
const DEEP: usize = 100_000;

/// Runs `work` on its own thread, failing if it is still running after [`WATCHDOG`].
fn watched<T: Send + 'static>(name: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || done.send(work()))
        .expect("spawn a worker thread");
    match result.recv_timeout(WATCHDOG) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: still running after {WATCHDOG:?}: super-linear?")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: panicked (see above)"),
    }
}

fn paragraph(text: String) -> Vec<Block> {
    vec![Block {
        id: 0,
        kind: BlockKind::Paragraph,
        text,
    }]
}

/// Blocks split at blank lines and kept as they are, blank ones included (unlike
/// `engine::blocks_from_text`, which trims and drops them), so that the engine sees them.
fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .enumerate()
        .map(|(id, text)| Block {
            id,
            kind: BlockKind::Paragraph,
            text: text.to_string(),
        })
        .collect()
}

/// Analyses `blocks` under the watchdog and checks every invariant, plus output linear in input.
fn analyse(name: &str, blocks: Vec<Block>) -> Analysis {
    let name = name.to_string();
    watched(&name.clone(), move || {
        let analysis = engine::analyze(&blocks, "en");
        check_analysis(&blocks, &analysis);
        let input: usize = blocks.iter().map(|b| b.text.len()).sum();
        let output: usize = analysis.quotes.iter().map(|q| q.text.len()).sum::<usize>()
            + analysis
                .reported
                .iter()
                .map(|r| r.text.len())
                .sum::<usize>();
        assert!(
            output <= 4 * input + 1024,
            "{name}: {output} bytes of quotes from {input} bytes of text: runaway spans"
        );
        analysis
    })
}

fn analyse_html(name: &str, html: String) -> Analysis {
    watched(name, move || {
        check_page(&scraper::Html::parse_document(&html))
    })
}

/// `text` repeated up to `bytes` (cut at a char boundary).
fn repeat_to(text: &str, bytes: usize) -> String {
    let mut out = text.repeat(bytes / text.len() + 1);
    let mut cut = bytes;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// xorshift64*: deterministic junk without a dependency.
fn junk_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

const NEWS: &str = "Pentagon spokesman Rear Admiral John Kirby told reporters on Monday that the \
United States was \"open to discussions\" with Iran. “We are not going to do this alone,” Kirby said. \
‘It’s the students’ union’s call,’ she added, citing the ’90s. According to Dr. Anna Müller, «la \
situation est grave», a déclaré le ministre. „Das ist gut“, sagte er. 「東京」と彼は言った。 The State \
Department said in a statement it rejected the claim.\n\n";

#[test]
fn empty_and_blank_input() {
    analyse("no blocks", Vec::new());
    analyse("one empty block", paragraph(String::new()));
    analyse("blank blocks", paragraphs(" \n\n\t\n\n\u{a0}\n\n\u{2028}"));
    for html in [
        "",
        " ",
        "<html>",
        "<!DOCTYPE html>",
        "<html><body></body></html>",
        "<p></p><p> </p>",
    ] {
        analyse_html("empty page", html.to_string());
    }
}

#[test]
fn a_megabyte_of_news_text() {
    let text = repeat_to(NEWS, MB);
    analyse("1 MB in one block", paragraph(text.clone()));
    analyse("1 MB in paragraphs", paragraphs(&text));
    let html: String = text
        .split("\n\n")
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    analyse_html(
        "1 MB page of paragraphs",
        format!("<html><body><article><h1>Headline</h1>{html}</article></body></html>"),
    );
    let run_on = text.replace("\n\n", " ");
    analyse_html(
        "1 MB in one paragraph",
        format!("<html><body><article><p>{run_on}</p></article></body></html>"),
    );
}

#[test]
fn a_million_quote_marks() {
    const MILLION: usize = 1_000_000;
    for mark in MARKS {
        analyse(
            &format!("a million {mark:?}"),
            paragraph(mark.repeat(MILLION)),
        );
    }
    let every_mark = MARKS.concat();
    analyse(
        "every mark, cycled",
        paragraph(repeat_to(&every_mark, 3 * MILLION)),
    );
    analyse(
        "half a million openers then closers",
        paragraph(format!(
            "{}x{}",
            "“".repeat(MILLION / 2),
            "”".repeat(MILLION / 2)
        )),
    );
    analyse(
        "quarter of a million short quotes",
        paragraph("“a” ".repeat(MILLION / 4)),
    );
    analyse(
        "a million marks between words",
        paragraph(repeat_to(
            "“Yes,” said Smith. \"No\" ‘maybe’ «oui» ",
            4 * MILLION,
        )),
    );
    analyse(
        "openers in a million paragraphs",
        paragraphs(&"“\n\n".repeat(MILLION)),
    );
}

#[test]
fn binary_junk() {
    let junk = String::from_utf8_lossy(&junk_bytes(MB, 0x9e37_79b9_7f4a_7c15)).into_owned();
    analyse("1 MB of junk", paragraph(junk.clone()));
    analyse(
        "1 MB of junk in paragraphs",
        paragraphs(&junk.replace('\n', "\n\n")),
    );
    analyse_html("1 MB of junk as a page", junk.clone());
    analyse_html("1 MB of junk in a paragraph", format!("<p>{junk}</p>"));
    analyse("1 MB of NUL", paragraph("\0".repeat(MB)));
    analyse(
        "1 MB of replacement characters",
        paragraph("\u{fffd}".repeat(MB / 3)),
    );
    let every_char: String = (0..=0x10ffff_u32).filter_map(char::from_u32).collect();
    analyse("every Unicode scalar value", paragraph(every_char.clone()));
    analyse_html(
        "every Unicode scalar value as a page",
        format!("<p>{every_char}</p>"),
    );
}

#[test]
fn long_runs_of_one_thing() {
    analyse("a 1 MB word", paragraph("a".repeat(MB)));
    analyse("said, a million times", paragraph(repeat_to("said ", MB)));
    analyse(
        "one name, over and over",
        paragraph(repeat_to("John Smith said ", MB)),
    );
    analyse(
        "pronouns only",
        paragraph(repeat_to("“Yes,” he said. ", MB)),
    );
    analyse(
        "titles without names",
        paragraph(repeat_to("Mr Dr President Secretary of State ", MB)),
    );
    // Thousands of distinct speakers: merging names pairwise would be quadratic.
    let speakers: String = (0..40_000)
        .map(|i| {
            let name = |n: usize| -> String {
                format!(
                    "{}{}",
                    char::from(b'A' + (n % 26) as u8),
                    "abcdefghijklmnopqrstuvwxyz"
                        .get(..3 + n % 7)
                        .unwrap_or_default()
                )
            };
            format!("“Point {i},” said {} {}.\n\n", name(i), name(i / 26 + 11))
        })
        .collect();
    analyse("forty thousand speakers", paragraphs(&speakers));
}

#[test]
fn huge_html_structures() {
    let quote = "“Deep,” she said.";
    analyse_html(
        "100k sibling paragraphs",
        format!("<body>{}</body>", format!("<p>{quote}</p>").repeat(DEEP)),
    );
    analyse_html(
        "100k inline pieces in one paragraph",
        format!("<p>{}</p>", "<b>“a</b>”<i> said</i> Smith. ".repeat(DEEP)),
    );
    analyse_html(
        "100k unclosed paragraphs",
        format!("<body>{}", format!("<p>{quote}").repeat(DEEP)),
    );
    analyse_html(
        "100k list items",
        format!("<ul>{}</ul>", format!("<li>{quote}").repeat(DEEP)),
    );
    analyse_html(
        "100k text nodes split by comments",
        format!("<p>{}</p>", "“a<!-- -->b”<!-- --> ".repeat(DEEP)),
    );
    analyse_html(
        "100k unclosed formatting elements",
        format!("<p>{}</p>", "<b>“x” ".repeat(DEEP / 10)),
    );
}

// Deep nesting runs in a child process: a stack overflow aborts the whole process, and it must
// fail one case loudly instead of killing every other test.

const CHILD_CASE: &str = "QUOTELENS_FUZZ_DEEP_CASE";

/// A document whose element `#deep` is wrapped in `depth` more `wrapper` elements. Built on the
/// tree directly: html5ever checks scopes by walking its stack, so parsing 100,000 nested blocks
/// would take minutes in the parser, not in our code.
fn deepen(html: &str, wrapper: &str, depth: usize) -> scraper::Html {
    let template = scraper::Html::parse_fragment(&format!("<{wrapper}></{wrapper}>"));
    let element = template
        .tree
        .nodes()
        .find(|n| n.value().is_element() && n.parent().is_some_and(|p| p.value().is_element()))
        .map(|n| n.value().clone())
        .expect("the wrapper element");
    let mut document = scraper::Html::parse_document(html);
    let deep = document
        .tree
        .nodes()
        .find(|n| n.value().as_element().and_then(|e| e.id()) == Some("deep"))
        .expect("#deep")
        .id();
    let parent = document
        .tree
        .get(deep)
        .and_then(|n| n.parent())
        .expect("#deep has a parent")
        .id();
    let mut innermost = parent;
    for _ in 0..depth {
        innermost = document
            .tree
            .get_mut(innermost)
            .expect("node")
            .append(element.clone())
            .id();
    }
    document
        .tree
        .get_mut(innermost)
        .expect("node")
        .append_id(deep);
    document
}

const DEEP_PAGE: &str =
    "<html><body><div id=deep><p>“Deep,” she said. <b>“Deeper,” he added.</b></p></div></body></html>";
const DEEP_PARAGRAPH: &str =
    "<html><body><p>Intro: <span id=deep>“Deep,” she said.</span></p></body></html>";

fn nested_divs() {
    check_page(&deepen(DEEP_PAGE, "div", DEEP));
}

fn nested_sections_and_blockquotes() {
    check_page(&deepen(DEEP_PAGE, "blockquote", DEEP));
}

fn nested_inline_elements() {
    check_page(&deepen(DEEP_PARAGRAPH, "span", DEEP));
}

fn nested_inline_elements_by_the_parser() {
    // The parser nests unclosed inline elements without scope walks: this depth is real HTML.
    check_page(&scraper::Html::parse_document(&format!(
        "<p>{}“Deep,” she said.",
        "<span>".repeat(DEEP)
    )));
}

fn nested_quotes() {
    let text = format!("{}x{}", "“‘".repeat(DEEP / 2), "’”".repeat(DEEP / 2));
    let blocks = paragraph(text);
    check_analysis(&blocks, &engine::analyze(&blocks, "en"));
}

fn deeply_nested_json_ld() {
    let page = format!("<html><head><script type=\"application/ld+json\">{}{}</script></head><body><p>“Hi,” she said.</p></body></html>", "{\"@graph\":[".repeat(DEEP), "]}".repeat(DEEP));
    check_page(&scraper::Html::parse_document(&page));
}

const DEEP_CASES: &[(&str, fn())] = &[
    ("100k nested divs", nested_divs),
    ("100k nested blockquotes", nested_sections_and_blockquotes),
    ("100k nested spans in a paragraph", nested_inline_elements),
    (
        "100k nested spans from the parser",
        nested_inline_elements_by_the_parser,
    ),
    ("100k nested quotes", nested_quotes),
    ("100k-deep JSON-LD", deeply_nested_json_ld),
];

#[test]
fn deep_nesting_does_not_overflow_a_wasm_sized_stack() {
    let mut failures = Vec::new();
    for (name, _) in DEEP_CASES {
        let mut child = Command::new(std::env::current_exe().expect("the test binary"))
            .args([
                "--exact",
                "adversarial::deep_case_in_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_CASE, name)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run the test binary as a child");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the child") {
                break Some(status);
            }
            if started.elapsed() > WATCHDOG {
                child.kill().ok();
                child.wait().ok();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().expect("stderr"), &mut stderr).ok();
        let tail: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = tail[tail.len().saturating_sub(4)..].join("\n    ");
        match status {
            Some(status) if status.success() => eprintln!("{name}: ok in {:.2?}", started.elapsed()),
            Some(status) if stderr.contains("overflowed its stack") => failures.push(format!(
                "{name}: STACK OVERFLOW ({status}): the walk recurses; walk with an explicit stack"
            )),
            Some(status) => failures.push(format!("{name}: {status}\n    {tail}")),
            None => failures.push(format!(
                "{name}: still running after {WATCHDOG:?}: work per level grows with the depth (quadratic)"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "\n\nDEEP NESTING BREAKS THE CORE in {} of {} cases (1 MiB stack, as wasm32 has):\n  {}\n",
        failures.len(),
        DEEP_CASES.len(),
        failures.join("\n  ")
    );
}

#[test]
#[ignore = "run in a child process by deep_nesting_does_not_overflow_a_wasm_sized_stack"]
fn deep_case_in_child() {
    let name = std::env::var(CHILD_CASE).expect("the case to run");
    let (_, case) = DEEP_CASES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a known case");
    let case = *case;
    std::thread::Builder::new()
        .name(name)
        .stack_size(WASM_STACK)
        .spawn(case)
        .expect("spawn a thread with a wasm-sized stack")
        .join()
        .expect("the case passes");
}
