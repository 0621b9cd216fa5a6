//! Quotation marks on plain strings: every mark style, apostrophes, unbalanced marks, nesting,
//! multi-paragraph quotations, offsets in bytes and UTF-16.

mod common;

use common::{quotes_and_speakers, run};
use quotelens::engine::QuoteKind;

fn texts(text: &str) -> Vec<String> {
    run(text).quotes.into_iter().map(|q| q.text).collect()
}

#[test]
fn every_mark_style_pairs() {
    for (open, close) in [
        ("“", "”"),
        ("\"", "\""),
        ("‘", "’"),
        ("'", "'"),
        ("«", "»"),
        ("‹", "›"),
        ("„", "“"),
        ("‚", "‘"),
        ("「", "」"),
        ("『", "』"),
    ] {
        let text = format!("The minister said {open}we will build it{close} on Monday.");
        assert_eq!(texts(&text), ["we will build it"], "marks {open} {close}");
    }
}

#[test]
fn reversed_guillemets_and_spaced_french_marks() {
    assert_eq!(texts("Er sagte »wir bauen« gestern."), ["wir bauen"]);
    assert_eq!(
        texts("Il a dit « nous construirons » hier."),
        ["nous construirons"]
    );
}

#[test]
fn apostrophes_are_not_quotes() {
    assert!(
        texts("Don't tell me the ’90s were better, said the students’ union's rep.").is_empty()
    );
    assert!(texts("It's the '90s rock 'n' roll of Jones' band.").is_empty());
    assert_eq!(
        texts("She called it ‘the people’s choice’ today; it’s theirs."),
        ["the people’s choice"]
    );
}

#[test]
fn unbalanced_marks_never_run_away() {
    // A stray opening mark inside a sentence that never ends does not swallow the paragraph.
    assert!(texts("He bought a 12\" pizza and \"a drink and left without paying").is_empty());
    // It cannot reach into the next paragraph either.
    let analysis = run("She said “this goes on and on\n\nNext paragraph has “a quote” in it.");
    let spans: Vec<(usize, &str)> = analysis
        .quotes
        .iter()
        .map(|q| (q.span.block, q.text.as_str()))
        .collect();
    assert_eq!(spans, [(1, "a quote")]);
    // Closing marks without openers are ignored.
    assert!(texts("Nothing” here’ at all»").is_empty());
}

#[test]
fn nested_quotes_are_kept_as_other() {
    let analysis = run("“I’m not,” Mr. Dejesus said. “It’s ‘Showtime at the Apollo.’”");
    let found: Vec<(&str, QuoteKind)> = analysis
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("I’m not,", QuoteKind::Speech),
            ("It’s ‘Showtime at the Apollo.’", QuoteKind::Speech),
            ("Showtime at the Apollo.", QuoteKind::Other)
        ]
    );
    assert_eq!(analysis.quotes[1].speaker.as_deref(), Some("Dejesus"));
}

#[test]
fn multi_paragraph_quotations_continue_their_speaker() {
    let text = "“The drug was in her system,” her mother, Fiona, said in a statement.\n\n\
                “As she deteriorated, the staff did all they could. They were fighting an uphill battle.\n\n\
                “She was literally burning up from within.”";
    let analysis = run(text);
    let found = quotes_and_speakers(&analysis);
    assert_eq!(
        found,
        [
            ("The drug was in her system,", Some("Fiona")),
            ("As she deteriorated, the staff did all they could. They were fighting an uphill battle.", Some("Fiona")),
            ("She was literally burning up from within.", Some("Fiona")),
        ]
    );
}

#[test]
fn offsets_count_bytes_and_utf16_units() {
    let text = "Émile 😀 said “naïve ünïcode” today.";
    let analysis = run(text);
    let q = &analysis.quotes[0];
    assert_eq!(&text[q.span.start..q.span.end], "naïve ünïcode");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[q.span.start_utf16..q.span.end_utf16]).unwrap(),
        "naïve ünïcode"
    );
}

#[test]
fn scare_quotes_and_titles_are_other() {
    let analysis =
        run("The museum called the show a \"blockbuster\" and critics loved \"Hamlet\" this year.");
    assert!(
        analysis
            .quotes
            .iter()
            .all(|q| q.kind == QuoteKind::Other || q.speaker.is_some()),
        "{:?}",
        analysis.quotes
    );
    let analysis = run("Fans of the game “Rez” gathered in the “dumb teens in the woods” style.");
    assert!(
        analysis
            .quotes
            .iter()
            .all(|q| q.kind == QuoteKind::Other && q.speaker.is_none()),
        "{:?}",
        analysis.quotes
    );
}
