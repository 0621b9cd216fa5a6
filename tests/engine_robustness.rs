//! Bad input never panics and keeps offsets consistent: empty text, 1 MB of text, a million
//! quote marks, replacement characters from lone surrogates, binary junk, random mixtures of
//! marks, names and verbs. Also: incremental analysis equals whole analysis.

use quotelens::engine::{analyze, blocks_from_text, Analysis, Analyzer, Block, BlockKind};

fn block(id: usize, text: &str) -> Block {
    Block {
        id,
        kind: BlockKind::Paragraph,
        text: text.to_string(),
    }
}

/// Every span lies in its block, on char boundaries, and its text, bytes and UTF-16 agree.
fn assert_consistent(blocks: &[Block], analysis: &Analysis) {
    let spans = analysis
        .quotes
        .iter()
        .map(|q| (q.span, q.text.as_str()))
        .chain(analysis.reported.iter().map(|r| (r.span, r.text.as_str())));
    let units: Vec<Vec<u16>> = blocks
        .iter()
        .map(|b| b.text.encode_utf16().collect())
        .collect();
    for (span, text) in spans {
        let index = blocks
            .iter()
            .position(|b| b.id == span.block)
            .expect("span names a block");
        let slice = blocks[index]
            .text
            .get(span.start..span.end)
            .expect("span on char boundaries");
        assert_eq!(slice, text);
        assert_eq!(
            String::from_utf16(&units[index][span.start_utf16..span.end_utf16]).unwrap(),
            text
        );
    }
    for actor in &analysis.actors {
        assert!(!actor.positions.is_empty());
    }
    for q in &analysis.quotes {
        if let Some(a) = q.actor {
            assert_eq!(q.speaker.as_deref(), Some(analysis.actors[a].name.as_str()));
        }
    }
}

fn check(blocks: &[Block]) -> Analysis {
    let analysis = analyze(blocks, "en");
    assert_consistent(blocks, &analysis);
    analysis
}

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn empty_input() {
    assert!(check(&[]).quotes.is_empty());
    assert!(check(&[block(0, ""), block(1, "   \n "), block(2, "“")])
        .quotes
        .is_empty());
    assert!(check(&blocks_from_text("")).actors.is_empty());
}

#[test]
fn a_megabyte_of_article_text() {
    let paragraph = "“It’s very much something to worry about,” said C. Eugene Steuerle, a fellow at the Urban Institute. \
                     He said the deficit would grow, and “everything else is getting squeezed.” The Congressional Budget Office said it expects \
                     interest payments to triple. ";
    let text = paragraph.repeat(1_000_000 / paragraph.len() + 1);
    let analysis = check(&[block(0, &text)]);
    assert!(analysis.quotes.len() > 5000);
    let blocks: Vec<Block> = (0..4000).map(|i| block(i, paragraph)).collect();
    let analysis = check(&blocks);
    assert_eq!(
        analysis.actors.len(),
        2,
        "{:?}",
        analysis.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
}

#[test]
fn a_million_quote_marks() {
    for mark in ["\"", "“", "”", "'", "«", "»", "„", "「"] {
        check(&[block(0, &mark.repeat(1_000_000))]);
    }
    check(&[block(0, &"“a ‘b «c „d 「e ".repeat(100_000))]);
    check(&[block(0, &"\"a\" ".repeat(250_000))]);
}

#[test]
fn a_long_run_of_possessive_names_after_a_verb() {
    // A speaker's phrase may open with an organisation's possessive ("said Orbitex's manager …"):
    // a run of them must not be read by recursing once per word.
    let text = format!("“Hi,” said {} x.", "Ab's ".repeat(200_000));
    let analysis = check(&[block(0, &text)]);
    assert_eq!(analysis.quotes.len(), 1);
}

#[test]
fn replacement_characters_from_lone_surrogates() {
    // The DOM layer turns a lone surrogate into U+FFFD; offsets must still line up.
    let text = "\u{FFFD}“\u{FFFD}Quoted \u{FFFD} text\u{FFFD},” said Jane \u{FFFD}Smith. 😀 “More,” she said.\u{FFFD}";
    let analysis = check(&[block(0, text)]);
    assert_eq!(analysis.quotes.len(), 2);
}

#[test]
fn binary_junk() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let bytes: Vec<u8> = (0..300_000).map(|_| rng.next() as u8).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    check(&blocks_from_text(&text));
    check(&[block(0, &text)]);
}

#[test]
fn random_mixtures_of_marks_names_and_verbs() {
    let pieces = [
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "„",
        "“",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        ": ",
        "\n\n",
        "said",
        "Kirby",
        "Mr.",
        "John",
        "the",
        "State",
        "Department",
        "he",
        "she",
        "it",
        "told",
        "reporters",
        "according",
        "to",
        "in",
        "a",
        "statement",
        "who",
        "that",
        "U.S.",
        "officials",
        "described",
        "as",
        "by",
        "saying",
        "and",
        "but",
        "Dr.",
        "’s",
        "'s",
        "—",
        "(",
        ")",
        "é",
        "😀",
        "ends.",
        "Ph.D.",
    ];
    let mut rng = Rng(42);
    for _ in 0..300 {
        let n = (rng.next() % 80) as usize;
        let text: String = (0..n).map(|_| rng.pick(&pieces)).collect::<Vec<_>>().join(
            if rng.next().is_multiple_of(2) {
                " "
            } else {
                ""
            },
        );
        check(&blocks_from_text(&text));
    }
}

#[test]
fn incremental_analysis_equals_whole_analysis() {
    let text = "Pentagon spokesman Rear Admiral John Kirby said “there is no plan.”\n\n\
                “It is possible,” he said.\n\n“Let’s see what Iran might do,” Mr Kerry said. “We are open to any process.\n\n\
                “That could be an issue.”\n\nThe United States said Monday it is open to discussions.\n\nKirby told reporters the talks would go on.";
    let blocks = blocks_from_text(text);
    let whole = analyze(&blocks, "en");
    for size in 1..=blocks.len() {
        let mut analyzer = Analyzer::new("en");
        for chunk in blocks.chunks(size) {
            analyzer.add_blocks(chunk);
            assert_consistent(&blocks, &analyzer.analysis());
        }
        assert_eq!(analyzer.analysis(), whole, "slices of {size}");
    }
    // A snapshot shows what has been read so far.
    let mut analyzer = Analyzer::new("en");
    analyzer.add_blocks(&blocks[..1]);
    assert_eq!(analyzer.analysis().quotes.len(), 1);
    assert_eq!(analyzer.analysis().actors[0].name, "John Kirby");
}
