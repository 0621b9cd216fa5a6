//! The language core: article text blocks in, who-said-what out. Pure Rust, no DOM.
//!
//! Stages, one module each: [`quotes`] (marks → quotation spans), [`tokens`] (words and
//! sentences), [`mentions`] (noun phrases naming speakers), [`cues`] (speech verbs and their
//! speakers), [`attribution`] (who said each quotation), [`reported`] (indirect speech and
//! stance), [`actors`] (merging every form of a name). Word lists live in [`lexicon`].

pub mod actors;
pub mod attribution;
pub mod cues;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod offsets;
pub mod quotes;
pub mod reported;
pub mod tokens;

pub use model::*;

use std::collections::HashMap;

/// Analyses one article's blocks, in reading order, written in `language` (an ISO 639-1 code).
pub fn analyze(blocks: &[Block], language: &str) -> Analysis {
    let mut analyzer = Analyzer::new(language);
    analyzer.add_blocks(blocks);
    analyzer.analysis()
}

/// Plain text as blocks: paragraphs separated by blank lines (the form `analyzeText` and the
/// command line take). Offsets stay relative to each trimmed paragraph.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    paragraphs(text)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(id, text)| Block {
            id,
            kind: BlockKind::Paragraph,
            text: text.to_string(),
        })
        .collect()
}

/// `text.split("\n\n")`, finding each blank line from its first newline (a byte search), where the
/// general substring search costs as much as reading a short paragraph.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        let bytes = current.as_bytes();
        let mut from = 0;
        while let Some(k) = bytes[from..].iter().position(|&b| b == b'\n') {
            let at = from + k;
            if bytes.get(at + 1) == Some(&b'\n') {
                rest = Some(&current[at + 2..]);
                return Some(&current[..at]);
            }
            from = at + 1;
        }
        rest = None;
        Some(current)
    })
}

/// Incremental analysis: feed blocks in reading order, in slices of any size, and take a snapshot
/// whenever something should be drawn. The result equals [`analyze`] over all blocks fed so far.
pub struct Analyzer {
    language: String,
    lexicon: &'static lexicon::Lexicon,
    state: attribution::State,
}

impl Analyzer {
    pub fn new(language: &str) -> Self {
        Analyzer {
            language: language.to_string(),
            lexicon: lexicon::for_language(language),
            state: attribution::State::default(),
        }
    }

    pub fn add_blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.state.add_block(self.lexicon, block);
        }
    }

    /// Everything found so far. Actors are those with at least one quotation or statement, in the
    /// order they first speak; their positions follow reading order.
    pub fn analysis(&self) -> Analysis {
        let state = &self.state;
        let mut said: Vec<(Span, Position, usize)> = Vec::new();
        for (i, q) in state.quotes.iter().enumerate() {
            if let Some(e) = q.entity {
                said.push((q.span, Position::Quote(i), e));
            }
        }
        for (i, r) in state.reported.iter().enumerate() {
            if let Some(e) = r.entity {
                said.push((r.span, Position::Reported(i), e));
            }
        }
        said.sort_by_key(|(span, _, _)| (span.block, span.start));
        let mut actor_of: HashMap<usize, usize> = HashMap::new();
        let mut actors: Vec<Actor> = Vec::new();
        for (_, position, entity) in said {
            let next = actors.len();
            let index = *actor_of.entry(entity).or_insert(next);
            if index == next {
                let e = &state.registry.entities[entity];
                actors.push(Actor {
                    id: index,
                    name: e.name.clone(),
                    aliases: e
                        .aliases
                        .iter()
                        .filter(|a| **a != e.name)
                        .cloned()
                        .collect(),
                    kind: e.kind,
                    role: e.role.clone(),
                    affiliation: e.affiliation.clone(),
                    positions: Vec::new(),
                });
            }
            actors[index].positions.push(position);
        }
        let actor = |entity: Option<usize>| entity.and_then(|e| actor_of.get(&e).copied());
        let name = |a: Option<usize>| a.map(|a| actors[a].name.clone());
        let quotes = state
            .quotes
            .iter()
            .map(|q| {
                let a = actor(q.entity);
                Quote {
                    text: q.text.clone(),
                    kind: q.kind,
                    span: q.span,
                    actor: a,
                    speaker: name(a),
                    cue: q.cue.clone(),
                    cue_span: q.cue_span,
                    mention: q.mention.clone(),
                    rule: q.rule,
                    confidence: q.confidence,
                }
            })
            .collect();
        let reported = state
            .reported
            .iter()
            .map(|r| {
                let a = actor(r.entity);
                Reported {
                    text: r.text.clone(),
                    span: r.span,
                    actor: a,
                    speaker: name(a),
                    cue: r.cue.clone(),
                    cue_span: r.cue_span,
                    mention: r.mention.clone(),
                    stance: r.stance.clone(),
                }
            })
            .collect();
        Analysis {
            language: self.language.clone(),
            quotes,
            actors,
            reported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_as_blank_lines_do() {
        for text in [
            "",
            "a",
            "a\n\nb",
            "a\n\n\nb",
            "a\n\n\n\nb\n\n",
            "\n\na\nb\n \nc",
            "é\n\n😀\n",
        ] {
            assert_eq!(
                paragraphs(text).collect::<Vec<_>>(),
                text.split("\n\n").collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
