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

/// The rule of the attribution sieve that decided a quotation, tried in this order (see
/// `engine::attribution::sieve`). Each says why the quotation has the speaker it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The quotation sits inside its cue: "was called “reckless” by the mayor".
    CueAround,
    /// The cue follows the quotation: "“We will stay,” Kirby said."
    CueAfter,
    /// The cue introduces the quotation: "Kerry said: “We will stay.”"
    CueBefore,
    /// The cue is an incise inside the quotation's marks: "« C'est fini, a-t-il dit. Rien. »"
    CueInside,
    /// A partial quotation inside reported speech: "She said the plan was “a disaster”."
    ReportedClause,
    /// The cue comes later in the sentence: "“Never,” was all the mayor told reporters.", or
    /// opens the next one referring back: "„…“ Das sagte Weber."
    CueLater,
    /// A list item after "The minister also said:".
    ListIntroduction,
    /// A fragment in a sentence about someone: "Lee called it “absurd” on Monday."
    SentenceSubject,
    /// A fragment in reported speech marked by the verb's mood alone: "Das sei „ein Fehler“".
    ReportedMood,
    /// A fragment that is nobody's words: a scare quote, a title, a word quoted as a word.
    NotSpeech,
    /// A quotation nested inside another: the outer speaker quoting someone.
    Nested,
    /// Continues the quotation before it in the same paragraph.
    PreviousQuote,
    /// Continues a quotation left open at the end of the previous paragraph.
    ContinuedQuote,
    /// No cue: the person the passage is about, the last who spoke or was named as a subject.
    Focus,
}

/// How a mention names the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// "John Kirby", "the Pentagon".
    Name,
    /// "he", "sie", "elle".
    Pronoun,
    /// "the spokesman", "a senior official".
    Description,
}

/// Where the text names a speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
    pub kind: MentionKind,
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
    /// The cue's words: "said", "told reporters", "according to".
    pub cue: Option<String>,
    /// Where the cue stands in the text.
    pub cue_span: Option<Span>,
    /// The words that name the speaker where the decision was made: the cue's subject, the
    /// pronoun, or for a quotation with no cue the speaker's last mention before it.
    pub mention: Option<Mention>,
    /// Which rule decided.
    pub rule: Rule,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Group,
}

/// The side a stated position takes on its object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    For,
    Against,
}

/// A stated position: the side taken and what it is taken on, in the text's own words ("against:
/// consulting with Tehran").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub side: Side,
    pub object: String,
    pub object_span: Span,
}

/// Indirect speech: what an actor is reported to have said without quotation marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    pub text: String,
    pub span: Span,
    pub actor: Option<usize>,
    pub speaker: Option<String>,
    pub cue: String,
    pub cue_span: Span,
    pub mention: Option<Mention>,
    /// None where the statement takes no side, or takes one on nothing the text names.
    pub stance: Option<Stance>,
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
