//! Stage: text block → quotation spans.

use super::model::{Block, Evidence, Quote, QuoteKind};
use super::offsets::span;

/// Finds the spans between matching quotation marks in one block.
pub fn find_quotes(block: &Block) -> Vec<Quote> {
    let text = block.text.as_str();
    let mut quotes = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“' | '"') => open = Some((c, i + c.len_utf8())),
            (Some(('“', start)), '”') | (Some(('"', start)), '"') => {
                quotes.push(Quote {
                    text: text[start..i].to_string(),
                    kind: QuoteKind::Speech,
                    span: span(block.id, text, start, i),
                    actor: None,
                    speaker: None,
                    cue: None,
                    evidence: Evidence::None,
                    confidence: 0.0,
                });
                open = None;
            }
            _ => {}
        }
    }
    quotes
}
