//! Helpers shared by the engine's plain-string tests (each test file uses some of them).
#![allow(dead_code)]

use quotelens::engine::{analyze, blocks_from_text, Analysis};

/// `text` (paragraphs separated by blank lines) analysed as English.
pub fn run(text: &str) -> Analysis {
    run_in(text, "en")
}

/// `text` analysed as `language`.
pub fn run_in(text: &str, language: &str) -> Analysis {
    analyze(&blocks_from_text(text), language)
}

/// (quotation, speaker) pairs of an English `text`, in order.
pub fn said(text: &str) -> Vec<(String, Option<String>)> {
    said_in(text, "en")
}

/// (quotation, speaker) pairs of `text` read as `language`, in order.
pub fn said_in(text: &str, language: &str) -> Vec<(String, Option<String>)> {
    run_in(text, language)
        .quotes
        .into_iter()
        .map(|q| (q.text, q.speaker))
        .collect()
}

/// The (quotation, speaker) pairs of an analysis, borrowed.
pub fn quotes_and_speakers(analysis: &Analysis) -> Vec<(&str, Option<&str>)> {
    analysis
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect()
}

pub fn pair(quote: &str, speaker: &str) -> (String, Option<String>) {
    (quote.to_string(), Some(speaker.to_string()))
}
