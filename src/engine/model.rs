//! The plain data that flows between the engine's stages and out to the DOM layer, the demo and the
//! command line. Serialised as the JSON that `tests/corpus/score.py` reads.

use serde::{Deserialize, Serialize};

/// One block of article text (headline, paragraph, caption…), the unit every offset refers to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: usize,
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Headline,
    Standfirst,
    Paragraph,
    Blockquote,
    ListItem,
    Caption,
}

/// A range of one block's text, in bytes (Rust strings) and in UTF-16 code units (the DOM).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words, partial quotes and tweets included.
    Speech,
    /// Scare quotes, titles, words quoted as words.
    Other,
}

/// How the speaker of a quote or statement was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Explicit,
    Pronoun,
    Adjacent,
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The exact text between the marks.
    pub text: String,
    pub kind: QuoteKind,
    pub span: Span,
    /// Index into [`Analysis::actors`].
    pub actor: Option<usize>,
    /// The speaking actor's canonical name, repeated for readers of the JSON.
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub evidence: Evidence,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Group,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    For,
    Against,
    Neutral,
}

/// Indirect speech: what an actor is reported to have said without quotation marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    pub text: String,
    pub span: Span,
    pub actor: Option<usize>,
    pub speaker: Option<String>,
    pub cue: String,
    pub stance: Stance,
}

/// One of an actor's stated positions, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "index", rename_all = "lowercase")]
pub enum Position {
    Quote(usize),
    Reported(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: usize,
    /// The fullest form the article uses.
    pub name: String,
    /// Every other form as it appears in the text.
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub positions: Vec<Position>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub language: String,
    pub quotes: Vec<Quote>,
    pub actors: Vec<Actor>,
    pub reported: Vec<Reported>,
}
