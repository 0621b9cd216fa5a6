//! The attribution sieve: the rules that decide who said a quotation, tried in a fixed order, the
//! first that applies deciding. Cue rules come first (the text says who speaks), then the rules for
//! fragments inside a sentence, then those for whole quotations without a cue, which lean on the
//! paragraph and the passage. Each rule lives in its own unit under `rules/`, with its examples
//! and tests; the order is the table [`SIEVE`].

use super::rules;
use crate::engine::actors::Registry;
use crate::engine::cues::Cue;
use crate::engine::lexicon::Lexicon;
use crate::engine::model::{Mention, Rule};
use crate::engine::quotes::RawQuote;
use crate::engine::tokens::{Kind, Token};

/// Everything a rule may read about one quotation, computed once by the orchestrator.
pub struct Context<'c, 'a> {
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub tokens: &'c [Token<'a>],
    pub registry: &'c Registry,
    /// The sentence's cues, in order, and the actor each one's speaker phrase stands for.
    pub cues: &'c [Cue<'a>],
    pub cue_speakers: &'c [CueSpeaker],
    pub quote: &'c RawQuote,
    /// The quotation's token.
    pub at: usize,
    /// Reads as someone's words on its own: it opens its paragraph or sentence, or is long and
    /// sentence-like (see [`is_whole`]). A fragment is not.
    pub whole: bool,
    /// The first actor the sentence mentions, and the token where.
    pub subject: Option<(usize, usize)>,
    /// The sentence is in the mood of reported speech (German Konjunktiv I).
    pub reported_mood: bool,
    /// The block is a list item after "X also said:": X, if known.
    pub list_speaker: Option<Option<usize>>,
    /// The quotation holds an incise naming its speaker ("« …, explique X. … »"): X, if known.
    pub inside_speaker: Option<Option<usize>>,
    /// The speaker of the block's previous quotation, when that was speech.
    pub previous_in_block: Option<Option<usize>>,
    /// The speaker of a quotation left open at the previous block's end.
    pub continued: Option<Option<usize>>,
    /// The passage's focus: who spoke or was named as a subject lately.
    pub focus: Option<usize>,
}

/// A cue's speaker phrase, resolved: the actor, and the words naming it (none for the subject a
/// null-subject language leaves out).
pub struct CueSpeaker {
    pub entity: Option<usize>,
    pub mention: Option<Mention>,
}

/// A rule's decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub entity: Option<usize>,
    /// The cue it read, as an index into [`Context::cues`].
    pub cue: Option<usize>,
    /// Someone's words, not a scare quote or title.
    pub speech: bool,
}

impl Verdict {
    pub fn from_cue(ctx: &Context, cue: usize) -> Self {
        let entity = ctx.cue_speakers[cue].entity;
        Verdict {
            entity,
            cue: Some(cue),
            // A labelling cue ("called “…”") makes speech only with a speaker.
            speech: !ctx.cues[cue].naming || entity.is_some(),
        }
    }

    pub fn speech(entity: Option<usize>) -> Self {
        Verdict {
            entity,
            cue: None,
            speech: true,
        }
    }
}

type RuleFn = fn(&Context) -> Option<Verdict>;

/// The rules in the order they are tried. [`Rule::Focus`] is the last resort and always decides.
pub const SIEVE: [(Rule, RuleFn); 12] = [
    (Rule::CueAround, rules::cue_around::apply),
    (Rule::CueAfter, rules::cue_after::apply),
    (Rule::CueInside, rules::cue_inside::apply),
    (Rule::CueBefore, rules::cue_before::apply),
    (Rule::ReportedClause, rules::reported_clause::apply),
    (Rule::CueLater, rules::cue_later::apply),
    (Rule::ListIntroduction, rules::list_introduction::apply),
    (Rule::SentenceSubject, rules::sentence_subject::apply),
    (Rule::ReportedMood, rules::reported_mood::apply),
    (Rule::NotSpeech, rules::not_speech::apply),
    (Rule::PreviousQuote, rules::previous_quote::apply),
    (Rule::ContinuedQuote, rules::continued_quote::apply),
];

/// The first rule that applies, and its verdict.
pub fn decide(ctx: &Context) -> (Rule, Verdict) {
    SIEVE
        .iter()
        .find_map(|(rule, apply)| apply(ctx).map(|v| (*rule, v)))
        .unwrap_or_else(|| (Rule::Focus, rules::focus::apply(ctx)))
}

impl Context<'_, '_> {
    /// Tokens `a..b` are only punctuation that joins a quotation to its cue.
    pub fn only_joining_punct(&self, a: usize, b: usize) -> bool {
        self.tokens[a..b]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct(',' | ':' | '—' | '–' | '-')))
    }

    /// The quotation's words.
    pub fn quoted(&self) -> &str {
        &self.text[self.quote.start..self.quote.end]
    }

    /// A fragment capitalised like a title or a name ("Once Upon a Time in Hollywood", "Krieg
    /// der Welten", "Joker"): every word capitalised but the small words titles leave lowercase;
    /// where every noun is capitalised, never the first ("unter Kontrolle" is German speech).
    pub fn fragment_looks_like_a_title(&self) -> bool {
        let lex = self.lex;
        let mut words = self
            .quoted()
            .split(|c: char| c.is_whitespace() || c == '-')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .peekable();
        !self.whole
            && words.peek().is_some_and(|w| {
                !lex.capitalised_nouns
                    || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            })
            && words.all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || {
                    let lower = w.to_lowercase();
                    lex.articles.contains(&lower)
                        || lex.prepositions.contains(&lower)
                        || lex.coordinators.contains(&lower)
                }
            })
    }

    pub fn quote_between(&self, a: usize, b: usize) -> bool {
        self.tokens[a..b].iter().any(|t| t.quote().is_some())
    }

    /// The first cue after the quotation with no other quotation in between.
    pub fn cue_after(&self) -> Option<usize> {
        self.cues
            .iter()
            .position(|c| c.first > self.at && !self.quote_between(self.at + 1, c.first))
    }

    /// The last cue before the quotation, except a passive label after its speaker ("called …
    /// by its creators"), which names only the quotation inside it.
    pub fn cue_before(&self) -> Option<usize> {
        self.cues
            .iter()
            .rposition(|c| c.last < self.at)
            .filter(|&b| !(self.cues[b].naming && self.cues[b].inverted))
    }
}

/// Whether a quotation with no cue reads as someone's words rather than a scare quote or title:
/// it opens its paragraph or sentence, or is long and sentence-like.
pub fn is_whole(
    text: &str,
    q: &RawQuote,
    at: usize,
    sentence: (usize, usize),
    tokens: &[Token],
) -> bool {
    let (from, to) = sentence;
    let words = text[q.start..q.end].split_whitespace().count();
    let starts = at == from || at == 0;
    let alone = starts
        && to - at <= 3
        && tokens[at + 1..to]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct(_)));
    let sentence_like = crate::engine::tokens::quote_ends_sentence(text, q)
        || text[q.start..].starts_with(char::is_uppercase);
    !q.closed || alone || starts && words >= 4 || words >= 8 && sentence_like
}

/// For the rules' tests: each quotation of `text` (paragraphs split by blank lines), with its
/// speaker's name and the rule that decided.
#[cfg(test)]
pub fn decisions(text: &str, language: &str) -> Vec<(String, Option<String>, Rule)> {
    let blocks = crate::engine::blocks_from_text(text);
    crate::engine::analyze(&blocks, language)
        .quotes
        .into_iter()
        .map(|q| (q.text, q.speaker, q.rule))
        .collect()
}

/// For the rules' tests: the speaker and rule of the quotation that starts with `opening`.
#[cfg(test)]
pub fn decision(text: &str, language: &str, opening: &str) -> (Option<String>, Rule) {
    decisions(text, language)
        .into_iter()
        .find(|(quote, _, _)| quote.starts_with(opening))
        .map(|(_, speaker, rule)| (speaker, rule))
        .unwrap_or_else(|| panic!("no quotation starting {opening:?} in {text:?}"))
}
