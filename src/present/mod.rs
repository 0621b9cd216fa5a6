//! What the view shows, computed from an [`Analysis`] as plain data: colour slots, the actor list,
//! tooltip lines, the exports. No DOM here, so every rule is visible in one place.

pub mod action;
pub mod colour;
pub mod export;
pub mod i18n;

pub use export::Source;
pub use i18n::{Language, Message};

use crate::engine::{Actor, Analysis, MentionKind, Position, Quote, QuoteKind, Rule, Side, Stance};

/// Distinct speaker styles: 8 colours (Okabe–Ito, safe for colour-blind readers) times 4
/// underline styles (solid, dotted, dashed, double), defined in extension/quotelens.css. Speakers
/// past that reuse styles from the start.
pub const STYLE_SLOTS: usize = 32;

/// The underline style of each block of 8 slots, as the stylesheets name it.
pub const LINE_STYLES: [&str; 4] = ["solid", "dotted", "dashed", "double"];

/// Which speaker the sidebar filters the highlights to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKey {
    Actor(usize),
    Unknown,
}

impl ActorKey {
    pub fn of(quote: &Quote) -> Self {
        quote.actor.map_or(ActorKey::Unknown, ActorKey::Actor)
    }

    /// The `data-actor-id` attribute value.
    pub fn attribute(self, analysis: &Analysis) -> String {
        match self {
            ActorKey::Actor(index) => analysis
                .actors
                .get(index)
                .map_or(index, |a| a.id)
                .to_string(),
            ActorKey::Unknown => "unknown".to_string(),
        }
    }
}

pub fn is_highlighted(quote: &Quote) -> bool {
    quote.kind == QuoteKind::Speech
}

/// How many of the analysis's quotes are highlighted.
pub fn highlighted_count(analysis: &Analysis) -> usize {
    analysis.quotes.iter().filter(|q| is_highlighted(q)).count()
}

/// A colour slot per actor (by index), in the order speakers are first quoted: the first speaker
/// of the article gets the first colour, and slots stay put as more of the article is read.
pub fn colour_slots(analysis: &Analysis) -> Vec<Option<usize>> {
    let mut slots = vec![None; analysis.actors.len()];
    let mut next = 0;
    for actor in analysis
        .quotes
        .iter()
        .filter(|q| is_highlighted(q))
        .filter_map(|q| q.actor)
    {
        if let Some(slot @ None) = slots.get_mut(actor) {
            *slot = Some(next % STYLE_SLOTS);
            next += 1;
        }
    }
    slots
}

/// The classes of a highlight in a speaker's style.
pub fn mark_classes(slot: Option<usize>) -> String {
    match slot {
        Some(k) => format!("quotelens-mark quotelens-speaker-{k}"),
        None => "quotelens-mark quotelens-unknown".to_string(),
    }
}

/// What a quote's evidence underline in the page stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The cue: "said", "according to".
    Cue,
    /// The words naming the speaker: "John Kirby", "he", "the spokesman".
    Mention,
}

/// The classes of an evidence underline, in its speaker's style (the unknown speaker's without one).
pub fn evidence_classes(slot: Option<usize>, evidence: Evidence) -> String {
    let which = match evidence {
        Evidence::Cue => "cue",
        Evidence::Mention => "mention",
    };
    match slot {
        Some(k) => format!("quotelens-evidence quotelens-evidence-{which} quotelens-speaker-{k}"),
        None => format!("quotelens-evidence quotelens-evidence-{which}"),
    }
}

/// The canonical name of a quote's speaker, empty when unknown.
pub fn speaker_name<'a>(analysis: &'a Analysis, quote: &'a Quote) -> &'a str {
    quote
        .actor
        .and_then(|a| analysis.actors.get(a))
        .map(|a| a.name.as_str())
        .or(quote.speaker.as_deref())
        .unwrap_or_default()
}

/// "role, affiliation", or whichever of them is known.
pub fn role_line(actor: &Actor) -> Option<String> {
    let parts: Vec<&str> = [actor.role.as_deref(), actor.affiliation.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// How sure the attribution is, in words a reader understands, with the figure.
pub fn confidence_text(confidence: f32, language: Language) -> String {
    let percent = (confidence.clamp(0.0, 1.0) * 100.0).round();
    let words = if percent >= 80.0 {
        Message::VeryLikely
    } else if percent >= 50.0 {
        Message::Likely
    } else {
        Message::Uncertain
    };
    language.fill(words, &[&percent.to_string()])
}

/// The side's name in the stylesheet's classes.
pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::For => "for",
        Side::Against => "against",
    }
}

/// A stance with what it is taken on: "against: consulting with Tehran".
pub fn stance_text(stance: &Stance, language: Language) -> String {
    let side = match stance.side {
        Side::For => Message::For,
        Side::Against => Message::Against,
    };
    format!("{}: {}", language.text(side), stance.object)
}

/// The tooltip of one quote.
#[derive(Debug, PartialEq)]
pub struct TooltipText {
    pub speaker: String,
    pub role: Option<String>,
    pub cue: Option<String>,
    /// Why this speaker: see [`why_line`].
    pub why: String,
    pub confidence: String,
}

pub fn tooltip(analysis: &Analysis, quote: &Quote, language: Language) -> TooltipText {
    let actor = quote.actor.and_then(|a| analysis.actors.get(a));
    let name = speaker_name(analysis, quote);
    TooltipText {
        speaker: if name.is_empty() {
            language.text(Message::UnknownSpeaker)
        } else {
            name
        }
        .to_string(),
        role: actor.and_then(role_line),
        cue: quote.cue.clone().filter(|c| !c.trim().is_empty()),
        why: why_line(analysis, quote, language),
        confidence: if quote.actor.is_some() || quote.speaker.is_some() {
            confidence_text(quote.confidence, language)
        } else {
            language.text(Message::NoSpeakerFound).to_string()
        },
    }
}

impl TooltipText {
    /// One line for assistive technology (`aria-description` of the highlight).
    pub fn sentence(&self, language: Language) -> String {
        let mut line = language.fill(Message::SaidBy, &[&self.speaker]);
        for part in [&self.role, &self.cue].into_iter().flatten() {
            line.push_str("; ");
            line.push_str(part);
        }
        // "no speaker found" is already the confidence's wording.
        if self.why != self.confidence {
            line.push_str("; ");
            line.push_str(&self.why);
        }
        line.push_str("; ");
        line.push_str(&self.confidence);
        line
    }
}

/// Why a quote has the speaker it has, in a few plain words: the rule of the attribution sieve
/// that decided, and for the cue rules how the text names the speaker (the page underlines the
/// cue and that mention while the quote is pointed at).
pub fn why_line(analysis: &Analysis, quote: &Quote, language: Language) -> String {
    let name = speaker_name(analysis, quote);
    let say = |message| language.fill(message, &[name]);
    match quote.rule {
        Rule::NotSpeech => say(Message::WhyNotSpeech),
        _ if name.is_empty() => say(Message::NoSpeakerFound),
        Rule::CueAround | Rule::CueAfter | Rule::CueBefore | Rule::CueInside | Rule::CueLater => {
            match (&quote.mention, &quote.cue) {
                (Some(mention), _) => match mention.kind {
                    MentionKind::Name => say(Message::WhyNamed),
                    MentionKind::Pronoun => {
                        language.fill(Message::WhyPronoun, &[&mention.text, name])
                    }
                    MentionKind::Description => {
                        language.fill(Message::WhyDescribed, &[&mention.text])
                    }
                },
                // A null-subject language ("—Nos quedamos —dijo."): the verb alone says who.
                (None, Some(cue)) => language.fill(Message::WhyUnsaidInVerb, &[cue]),
                (None, None) => say(Message::WhyUnsaidInSentence),
            }
        }
        Rule::ReportedClause => say(Message::WhyReportedClause),
        Rule::ListIntroduction => say(Message::WhyListIntroduction),
        Rule::SentenceSubject => say(Message::WhySentenceSubject),
        Rule::ReportedMood => say(Message::WhyReportedMood),
        Rule::Nested => say(Message::WhyNested),
        Rule::PreviousQuote => say(Message::WhyPreviousQuote),
        Rule::ContinuedQuote => say(Message::WhyContinuedQuote),
        Rule::Focus => say(Message::WhyFocus),
    }
}

/// One entry of the sidebar.
#[derive(Debug)]
pub struct ActorEntry {
    pub key: ActorKey,
    pub name: String,
    pub role: Option<String>,
    pub slot: Option<usize>,
    pub quotes: usize,
    pub reported: usize,
    /// Highlighted quotes and reported statements, in reading order.
    pub positions: Vec<Position>,
}

impl ActorEntry {
    /// How many times the actor is quoted or reported: what the list is ordered by.
    pub fn count(&self) -> usize {
        self.positions.len()
    }

    /// "3 quotes", "1 quote and 2 reported statements".
    pub fn breakdown(&self, language: Language) -> String {
        let quotes = language.count(Message::Quotes, self.quotes, &[]);
        match self.reported {
            0 => quotes,
            n => language.fill(
                Message::And,
                &[
                    &quotes,
                    &language.count(Message::ReportedStatements, n, &[]),
                ],
            ),
        }
    }
}

/// The panel's summary while blocks are still being drawn: how far the reading is.
pub fn reading_line(drawn: usize, total: usize, language: Language) -> String {
    let percent = drawn * 100 / total.max(1);
    language.fill(Message::ReadingProgress, &[&percent.to_string()])
}

/// The panel's summary of the analysis, with `drawn` of the article's `total` blocks drawn.
pub fn summary_line(analysis: &Analysis, drawn: usize, total: usize, language: Language) -> String {
    let entries = actor_entries(analysis, language);
    let quotes = highlighted_count(analysis);
    let speakers = entries
        .iter()
        .filter(|e| e.key != ActorKey::Unknown && e.quotes > 0)
        .count();
    let reported = analysis.reported.len();
    let counts = language.fill(
        Message::QuotesFromSpeakers,
        &[
            &language.count(Message::Quotes, quotes, &[]),
            &language.count(Message::Speakers, speakers, &[]),
            &language.count(Message::ReportedStatements, reported, &[]),
        ],
    );
    if drawn < total {
        format!("{} · {counts}", reading_line(drawn, total, language))
    } else if quotes + reported == 0 {
        language.count(Message::ReadParagraphs, total, &[])
    } else {
        language.count(Message::FoundInParagraphs, total, &[&counts])
    }
}

/// The actors who said something, most-quoted first (quotes and reported statements together;
/// more direct quotes first among equals), then what no speaker was found for.
pub fn actor_entries(analysis: &Analysis, language: Language) -> Vec<ActorEntry> {
    let slots = colour_slots(analysis);
    let mut entries: Vec<ActorEntry> = analysis
        .actors
        .iter()
        .enumerate()
        .map(|(index, actor)| ActorEntry {
            key: ActorKey::Actor(index),
            name: actor.name.clone(),
            role: role_line(actor),
            slot: slots[index],
            quotes: 0,
            reported: 0,
            positions: Vec::new(),
        })
        .collect();
    let mut unknown = ActorEntry {
        key: ActorKey::Unknown,
        name: language.text(Message::SpeakerNotFound).to_string(),
        role: None,
        slot: None,
        quotes: 0,
        reported: 0,
        positions: Vec::new(),
    };
    // Positions are gathered from the quotes and statements themselves, which are in reading
    // order, so every highlighted quote appears exactly once whatever the actors' lists say.
    for (index, quote) in analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| is_highlighted(q))
    {
        let entry = quote
            .actor
            .and_then(|a| entries.get_mut(a))
            .unwrap_or(&mut unknown);
        entry.quotes += 1;
        entry.positions.push(Position::Quote(index));
    }
    for (index, statement) in analysis.reported.iter().enumerate() {
        let entry = statement
            .actor
            .and_then(|a| entries.get_mut(a))
            .unwrap_or(&mut unknown);
        entry.reported += 1;
        entry.positions.push(Position::Reported(index));
    }
    let span_of = |p: &Position| match *p {
        Position::Quote(i) => analysis.quotes[i].span,
        Position::Reported(i) => analysis.reported[i].span,
    };
    let first = |e: &ActorEntry| {
        e.positions
            .first()
            .map(|p| (span_of(p).block, span_of(p).start))
    };
    entries.retain(|e| !e.positions.is_empty());
    for entry in entries.iter_mut().chain([&mut unknown]) {
        entry
            .positions
            .sort_by_key(|p| (span_of(p).block, span_of(p).start));
    }
    entries.sort_by(|a, b| {
        (b.count(), b.quotes)
            .cmp(&(a.count(), a.quotes))
            .then_with(|| first(a).cmp(&first(b)))
    });
    if !unknown.positions.is_empty() {
        entries.push(unknown);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ActorKind, Mention, Span};

    pub(super) fn analysis_with(
        rule: Rule,
        cue: Option<&str>,
        mention: Option<(&str, MentionKind)>,
    ) -> Analysis {
        let span = Span::default();
        Analysis {
            language: "en".into(),
            quotes: vec![Quote {
                text: "We will stay".into(),
                kind: QuoteKind::Speech,
                span,
                actor: Some(0),
                speaker: Some("Ann Lee".into()),
                cue: cue.map(str::to_string),
                cue_span: cue.map(|_| span),
                mention: mention.map(|(text, kind)| Mention {
                    text: text.into(),
                    span,
                    kind,
                }),
                rule,
                confidence: 0.9,
            }],
            actors: vec![Actor {
                id: 0,
                name: "Ann Lee".into(),
                aliases: vec![],
                kind: ActorKind::Person,
                role: Some("mayor".into()),
                affiliation: None,
                positions: vec![Position::Quote(0)],
            }],
            reported: vec![],
        }
    }

    fn why(rule: Rule, cue: Option<&str>, mention: Option<(&str, MentionKind)>) -> String {
        let analysis = analysis_with(rule, cue, mention);
        why_line(&analysis, &analysis.quotes[0], Language::English)
    }

    #[test]
    fn cue_rules_say_how_the_sentence_names_the_speaker() {
        for rule in [
            Rule::CueAround,
            Rule::CueAfter,
            Rule::CueBefore,
            Rule::CueInside,
            Rule::CueLater,
        ] {
            let said = Some("said");
            assert_eq!(
                why(rule, said, Some(("Lee", MentionKind::Name))),
                "named in the same sentence"
            );
            assert_eq!(
                why(rule, said, Some(("she", MentionKind::Pronoun))),
                "‘she’ — Ann Lee"
            );
            assert_eq!(
                why(rule, said, Some(("the mayor", MentionKind::Description))),
                "described, not named: ‘the mayor’"
            );
            assert_eq!(
                why(rule, Some("dijo"), None),
                "speaker left unsaid in the verb ‘dijo’"
            );
            assert_eq!(why(rule, None, None), "speaker left unsaid in the sentence");
        }
    }

    #[test]
    fn rules_without_a_cue_of_their_own_say_what_they_leaned_on() {
        let name = Some(("Lee", MentionKind::Name));
        for (rule, cue, line) in [
            (
                Rule::ReportedClause,
                Some("said"),
                "in the reported speech around it",
            ),
            (
                Rule::ListIntroduction,
                Some("also said"),
                "introduced before the list",
            ),
            (Rule::SentenceSubject, None, "the sentence is about Ann Lee"),
            (
                Rule::ReportedMood,
                None,
                "reported speech (subjunctive) — the person the passage is about",
            ),
            (Rule::Nested, None, "quoted within Ann Lee's words"),
            (Rule::PreviousQuote, None, "continues the quote before it"),
            (
                Rule::ContinuedQuote,
                None,
                "continues the previous paragraph",
            ),
            (
                Rule::Focus,
                None,
                "no cue: the last person who spoke or was named (Ann Lee)",
            ),
        ] {
            assert_eq!(why(rule, cue, name), line, "{rule:?}");
        }
    }

    #[test]
    fn without_a_speaker_the_line_says_so() {
        let mut analysis = analysis_with(Rule::Focus, None, None);
        analysis.quotes[0].actor = None;
        analysis.quotes[0].speaker = None;
        assert_eq!(
            why_line(&analysis, &analysis.quotes[0], Language::English),
            "no speaker found"
        );
        assert_eq!(
            why(Rule::NotSpeech, None, None),
            "not someone's words: a title or a term in quotation marks"
        );
    }

    #[test]
    fn the_summary_and_the_tooltip_speak_the_interface_language() {
        let analysis = analysis_with(
            Rule::CueAfter,
            Some("a dit"),
            Some(("elle", MentionKind::Pronoun)),
        );
        assert_eq!(
            summary_line(&analysis, 1, 1, Language::English),
            "1 quote from 1 speaker, 0 reported statements in 1 paragraph."
        );
        assert_eq!(
            summary_line(&analysis, 1, 1, Language::French),
            "1 citation de 1 personne, 0 propos rapporté dans 1 paragraphe."
        );
        assert_eq!(
            summary_line(&analysis, 1, 2, Language::German),
            "Lese… 50 % · 1 Zitat von 1 Person, 0 indirekte Äußerungen"
        );
        assert_eq!(
            tooltip(&analysis, &analysis.quotes[0], Language::French).sentence(Language::French),
            "Dit par Ann Lee; mayor; a dit; « elle » — Ann Lee; très probable (90 %)"
        );
        let mut unknown = analysis_with(Rule::Focus, None, None);
        unknown.quotes[0].actor = None;
        unknown.quotes[0].speaker = None;
        let entries = actor_entries(&unknown, Language::Spanish);
        assert_eq!(entries[0].name, "Autor no encontrado");
        assert_eq!(entries[0].breakdown(Language::Spanish), "1 cita");
    }

    #[test]
    fn the_spoken_description_carries_the_why_line_once() {
        let analysis = analysis_with(
            Rule::CueAfter,
            Some("said"),
            Some(("she", MentionKind::Pronoun)),
        );
        assert_eq!(
            tooltip(&analysis, &analysis.quotes[0], Language::English).sentence(Language::English),
            "Said by Ann Lee; mayor; said; ‘she’ — Ann Lee; very likely (90%)"
        );
        let mut unknown = analysis_with(Rule::Focus, None, None);
        unknown.quotes[0].actor = None;
        unknown.quotes[0].speaker = None;
        assert_eq!(
            tooltip(&unknown, &unknown.quotes[0], Language::English).sentence(Language::English),
            "Said by Unknown speaker; no speaker found"
        );
    }
}
