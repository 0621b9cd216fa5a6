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

/// Incremental analysis: feed blocks in reading order, in slices of any size, and take a snapshot
/// whenever something should be drawn. The result equals [`analyze`] over all blocks fed so far.
pub struct Analyzer {
    language: String,
    lexicon: &'static lexicon::Lexicon,
    state: attribution::State,
}

impl Analyzer {
    pub fn new(language: &str) -> Self {
        Analyzer { language: language.to_string(), lexicon: lexicon::for_language(language), state: attribution::State::default() }
    }

    pub fn add_blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.state.add_block(self.lexicon, block);
        }
    }

    /// Everything found so far. Actors are those with at least one quotation or statement.
    pub fn analysis(&self) -> Analysis {
        let state = &self.state;
        let mut actor_of: HashMap<usize, usize> = HashMap::new();
        let mut actors: Vec<Actor> = Vec::new();
        let mut actor_for = |entity: usize, actors: &mut Vec<Actor>| -> usize {
            *actor_of.entry(entity).or_insert_with(|| {
                let e = &state.registry.entities[entity];
                let aliases = e.aliases.iter().filter(|a| **a != e.name).cloned().collect();
                actors.push(Actor {
                    id: actors.len(),
                    name: e.name.clone(),
                    aliases,
                    kind: e.kind,
                    role: e.role.clone(),
                    affiliation: e.affiliation.clone(),
                    positions: Vec::new(),
                });
                actors.len() - 1
            })
        };
        // Positions in reading order: quotations and statements merged by where they start.
        let mut order: Vec<(Span, Position, usize)> = Vec::new();
        let quotes: Vec<Quote> = state
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let actor = q.entity.map(|e| actor_for(e, &mut actors));
                if let Some(a) = actor {
                    order.push((q.span, Position::Quote(i), a));
                }
                Quote {
                    text: q.text.clone(),
                    kind: q.kind,
                    span: q.span,
                    actor,
                    speaker: actor.map(|a| actors[a].name.clone()),
                    cue: q.cue.clone(),
                    evidence: q.evidence,
                    confidence: q.confidence,
                }
            })
            .collect();
        let reported: Vec<Reported> = state
            .reported
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let actor = r.entity.map(|e| actor_for(e, &mut actors));
                if let Some(a) = actor {
                    order.push((r.span, Position::Reported(i), a));
                }
                Reported { text: r.text.clone(), span: r.span, actor, speaker: actor.map(|a| actors[a].name.clone()), cue: r.cue.clone(), stance: r.stance }
            })
            .collect();
        order.sort_by_key(|(span, _, _)| (span.block, span.start));
        for (_, position, actor) in order {
            actors[actor].positions.push(position);
        }
        Analysis { language: self.language.clone(), quotes, actors, reported }
    }
}
