//! Stage: quotations + cues + mentions → who said what, block by block in reading order.
//!
//! The orchestrator reads each sentence once: it registers the actors named outside cues (for
//! pronouns, merging and the passage's focus), resolves each cue's speaker phrase to an actor,
//! then asks the [`sieve`] who said each quotation, and cuts the cues' reported clauses. What was
//! decided is recorded with its evidence: the rule, the cue's span and the speaker's mention.

mod rules;
pub mod sieve;

use super::actors::Registry;
use super::cues::Cue;
use super::lexicon::{Lexicon, PronounKind};
use super::mentions::{Gender, Np, NpKind, Reader};
use super::model::{Block, BlockKind, Mention, MentionKind, QuoteKind, Rule, Span, Stance};
use super::offsets::Utf16Map;
use super::quotes::{self, RawQuote};
use super::reported;
use super::tokens::{self, Kind, Token};
use sieve::{Context, CueSpeaker, Verdict};

/// Blocks after which an unrefreshed focus is too old to carry a quotation.
const FOCUS_LIFETIME: usize = 4;

#[derive(Clone, Debug)]
pub struct QuoteRecord {
    pub text: String,
    pub kind: QuoteKind,
    pub span: Span,
    pub entity: Option<usize>,
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    pub mention: Option<Mention>,
    pub rule: Rule,
    pub confidence: f32,
}

#[derive(Clone, Debug)]
pub struct ReportedRecord {
    pub text: String,
    pub span: Span,
    pub entity: Option<usize>,
    pub cue: String,
    pub cue_span: Span,
    pub mention: Option<Mention>,
    pub stance: Option<Stance>,
}

#[derive(Default)]
pub struct State {
    pub registry: Registry,
    pub quotes: Vec<QuoteRecord>,
    pub reported: Vec<ReportedRecord>,
    blocks_seen: usize,
    /// The last speaker or subject, and the block it was set in.
    focus: Option<(usize, usize)>,
    /// Sentences read so far, counted to know which sentence came just before.
    sentences_seen: usize,
    /// The person the last sentence that opened with one was about, and that sentence's number:
    /// "Fiona Parry issued a plea. “…,” she said."
    opening_subject: Option<(usize, usize)>,
    /// Who spoke last, directly or reported, and the number of the sentence they spoke in.
    last_spoken: Option<(usize, usize)>,
    /// The last person the current sentence has named so far: "Alvarez, who said he would sue".
    named_in_sentence: Option<usize>,
    /// Each actor's last mention by name or description, the evidence shown for a quotation
    /// given to it without a cue.
    last_mention: Vec<Option<Mention>>,
    /// Speaker of a quotation left open at the end of the previous block.
    open_quote: Option<Option<usize>>,
    /// "President Obama also said:" closing a block: the list items that follow are his.
    list_cue: Option<ResolvedCue>,
    buffers: tokens::Buffers,
}

/// A cue read outside the sentence's own cue list, its speaker resolved: a list's introduction
/// in an earlier block, or an incise inside the quotation's marks.
#[derive(Clone)]
struct ResolvedCue {
    entity: Option<usize>,
    cue: String,
    cue_span: Span,
    mention: Option<Mention>,
}

/// One block being read: its text, id and offsets, for the spans of what is recorded.
struct Place<'t> {
    block: usize,
    text: &'t str,
    map: Utf16Map<'t>,
}

impl Place<'_> {
    fn span_of_tokens(&self, tokens: &[Token], first: usize, last: usize) -> Span {
        self.map
            .span(self.block, tokens[first].start, tokens[last].end)
    }

    /// A stance found over tokens, with its object's words and span.
    fn stance(&self, tokens: &[Token], found: reported::Found) -> Stance {
        let (start, end) = (tokens[found.first].start, tokens[found.end - 1].end);
        Stance {
            side: found.side,
            object: self.text[start..end].to_string(),
            object_span: self.map.span(self.block, start, end),
        }
    }

    /// The mention an explicit phrase makes; none for the subject a null-subject language omits.
    fn mention(&self, tokens: &[Token], np: &Np) -> Option<Mention> {
        let kind = match np.kind {
            NpKind::Implicit => return None,
            NpKind::Pronoun(_) => MentionKind::Pronoun,
            NpKind::Description => MentionKind::Description,
            _ => MentionKind::Name,
        };
        // The name itself where the phrase also holds its role ("José Núñez, the owner").
        let (start, end) = (tokens[np.first].start, tokens[np.last].end);
        let (start, end) = match self.text[start..end].find(np.name) {
            Some(k) if kind == MentionKind::Name && !np.name.is_empty() => {
                (start + k, start + k + np.name.len())
            }
            _ => (start, end),
        };
        Some(Mention {
            text: self.text[start..end].to_string(),
            span: self.map.span(self.block, start, end),
            kind,
        })
    }
}

impl State {
    fn set_focus(&mut self, entity: usize) {
        self.focus = Some((entity, self.blocks_seen));
    }

    fn focus(&self) -> Option<usize> {
        self.focus
            .filter(|&(_, at)| self.blocks_seen - at <= FOCUS_LIFETIME)
            .map(|(e, _)| e)
    }

    /// The person a pronoun leans to: one the sentence has already named, else the one the
    /// sentence before this one, or this one, opened with.
    fn salient_person(&self) -> Option<usize> {
        self.named_in_sentence.or(self
            .opening_subject
            .filter(|&(_, at)| self.sentences_seen - at <= 1)
            .map(|(id, _)| id))
    }

    fn remember_mention(&mut self, entity: usize, mention: Option<Mention>) {
        let Some(mention) = mention.filter(|m| m.kind != MentionKind::Pronoun) else {
            return;
        };
        if self.last_mention.len() <= entity {
            self.last_mention.resize(entity + 1, None);
        }
        self.last_mention[entity] = Some(mention);
    }

    fn last_mention(&self, entity: Option<usize>) -> Option<Mention> {
        self.last_mention.get(entity?).cloned().flatten()
    }

    /// The actor a cue's speaker phrase stands for.
    fn speaker(&mut self, np: &Np, reader: &Reader, saying: bool) -> Option<usize> {
        let lex = reader.lex;
        match np.kind {
            NpKind::Pronoun(kind) => {
                let found = self.registry.antecedent(kind, self.salient_person());
                if let Some(id) = found {
                    let gender = match kind {
                        PronounKind::Male => Gender::Male,
                        PronounKind::Female => Gender::Female,
                        _ => Gender::Unknown,
                    };
                    self.registry.spoke(id, gender);
                }
                found
            }
            // The subject a null-subject language leaves out: whoever the text is about.
            NpKind::Implicit => {
                let found = self.focus();
                if let Some(id) = found {
                    self.registry.spoke(id, Gender::Unknown);
                }
                found
            }
            NpKind::Description => {
                // One met before ("the spokesman"), the person it is an appositive of ("Ann
                // Lee, a Texas Republican who opposed"), else a source described, never
                // named: only for a verb of saying, not of labelling ("described how…").
                let named = reader
                    .appositive_of(np)
                    .and_then(|person| self.registry.resolve(&person, lex));
                // "der 45-Jährige", "die SPD-Politikerin": the last person of that gender.
                let salient = self.salient_person();
                let referent = || match np.gender {
                    Gender::Male => self.registry.antecedent(PronounKind::Male, salient),
                    Gender::Female => self.registry.antecedent(PronounKind::Female, salient),
                    Gender::Unknown => self.registry.last_person(),
                };
                let found = match self.registry.described(np.name).or(named) {
                    Some(id) => id,
                    None if !saying => return None,
                    None => match reader.refers_back(np).then(referent).flatten() {
                        Some(id) => id,
                        None => {
                            let name = reader.described_source(np);
                            let role = np.role.unwrap_or(np.name);
                            self.registry.unnamed(name, role, np.affiliation, np.gender)
                        }
                    },
                };
                self.registry.spoke(found, Gender::Unknown);
                Some(found)
            }
            _ => {
                let found = self.registry.resolve(np, lex);
                if let Some(id) = found {
                    self.registry.spoke(id, Gender::Unknown);
                }
                found
            }
        }
    }

    /// "« C'est un scandale, explique Claire Martin. Mais … »": a cue set between commas inside
    /// the quotation's own marks, its verb before an explicit speaker, the incise French and
    /// Portuguese writing puts inside the marks.
    /// `reader` reads the block with its quotations' words as plain text; called only for a
    /// quotation that may hold an incise.
    fn cue_inside(&mut self, place: &Place, q: &RawQuote, reader: &Reader) -> Option<ResolvedCue> {
        let toks = reader.tokens;
        let from = toks.partition_point(|t| t.start < q.start);
        let to = toks.partition_point(|t| t.end <= q.end);
        let closes_incise =
            |k: usize| k < to && matches!(toks[k].kind, Kind::Punct(',' | '.' | '!' | '?' | ';'));
        let cues = reader.cues(from, to);
        let cue = cues.iter().find(|c| {
            c.inverted
                && !c.naming
                && c.first > from
                && toks[c.first - 1].is_punct(',')
                && closes_incise(c.last + 1)
                && c.last + 2 < to
                && c.speaker.kind != NpKind::Implicit
        })?;
        let entity = self.speaker(&cue.speaker, reader, true);
        let mention = place.mention(toks, &cue.speaker);
        if let Some(id) = entity {
            self.remember_mention(id, mention.clone());
        }
        Some(ResolvedCue {
            entity,
            cue: cue.text.clone(),
            cue_span: place.span_of_tokens(toks, cue.verb_first, cue.verb_last),
            mention,
        })
    }

    /// "„Wir prüfen alle Optionen.“ Das sagte Weber am Dienstag.": a sentence opening with
    /// words that stand for the quotation before it, a verb of saying and its speaker; the
    /// cue, and its verb's token.
    fn back_reference_cue(
        &mut self,
        reader: &Reader,
        place: &Place,
        from: usize,
        to: usize,
    ) -> Option<(ResolvedCue, usize)> {
        let toks = reader.tokens;
        let lex = reader.lex;
        let opener = lex
            .quote_back_references
            .match_at(toks[from..to].iter().map(|t| t.lower))?;
        let verb = from + opener;
        let verb_len = tokens::phrase_at(&lex.speech_verbs, &toks[verb..to])?;
        // A person, or one described or named by a pronoun: "Das erklärte Ziel der Regierung"
        // is a noun phrase, not a speaker.
        let np = reader.np_starting_at(verb + verb_len, to).filter(|np| {
            matches!(
                np.kind,
                NpKind::Person | NpKind::Description | NpKind::Pronoun(_)
            )
        })?;
        let entity = self.speaker(&np, reader, true);
        let mention = place.mention(toks, &np);
        if let Some(id) = entity {
            self.set_focus(id);
            self.remember_mention(id, mention.clone());
        }
        let verb_last = verb + verb_len - 1;
        let cue = ResolvedCue {
            entity,
            cue: place.text[toks[verb].start..toks[verb_last].end].to_string(),
            cue_span: place.span_of_tokens(toks, verb, verb_last),
            mention,
        };
        Some((cue, verb))
    }

    /// The first actor the sentence `from..to` mentions (its subject, in the usual order), and
    /// the token where it is mentioned. Read once per sentence: quotations ask it in turn.
    fn sentence_subject(&self, reader: &Reader, from: usize, to: usize) -> Option<(usize, usize)> {
        let mut i = from;
        while i < to {
            let t = &reader.tokens[i];
            let mut next = i + 1;
            let id = if let Some(kind) = reader.pronoun(i) {
                self.registry.antecedent(kind, self.salient_person())
            } else if t.is_word() && t.cap {
                let j = reader.np_end(i, to);
                next = j + 1;
                reader
                    .classify(i, j)
                    .and_then(|np| self.registry.lookup(&np, reader.lex))
            } else {
                None
            };
            if let Some(id) = id {
                return Some((i, id));
            }
            i = next;
        }
        None
    }

    /// Registers the people and organisations named in tokens `from..to` outside cues, for
    /// pronouns and merging; a named earlier speaker, or a person opening the sentence, takes the focus.
    fn note_mentions(
        &mut self,
        reader: &Reader,
        place: &Place,
        from: usize,
        to: usize,
        sentence_start: usize,
    ) {
        let mut i = from;
        while i < to {
            let t = &reader.tokens[i];
            if !(t.is_word() && t.cap) {
                i += 1;
                continue;
            }
            let j = reader.np_end(i, to);
            if let Some(np) = reader.classify(i, j) {
                let after_preposition = i > sentence_start && {
                    let prev = &reader.tokens[i - 1];
                    prev.is_in(&reader.lex.prepositions) || prev.is_in(&reader.lex.articles)
                };
                // The sentence opens with it, or with its determiner and role ("La estudiante
                // María Acosta llegó").
                let subject = (sentence_start..i).all(|k| {
                    let t = &reader.tokens[k];
                    t.is_in(&reader.lex.articles)
                        || t.stem_is_in(&reader.lex.roles)
                        || t.stem_is_in(&reader.lex.titles)
                        || t.stem_is_in(&reader.lex.role_modifiers)
                });
                let known = || {
                    np.name
                        .split_whitespace()
                        .last()
                        .is_some_and(|surname| self.registry.known_person(surname))
                };
                let register = match np.kind {
                    NpKind::Person => {
                        !np.bare && (np.role.is_some() || !after_preposition) || known()
                    }
                    NpKind::Organization => true,
                    _ => false,
                };
                if register {
                    if let Some(id) = self.registry.resolve(&np, reader.lex) {
                        self.remember_mention(id, place.mention(reader.tokens, &np));
                        let person = np.kind == NpKind::Person;
                        let introduced = np.role.is_some()
                            || i > sentence_start
                            || reader.appositive_after(j, to).is_some();
                        if self.registry.entities[id].spoke || subject && person && introduced {
                            self.set_focus(id);
                        }
                        if subject && person {
                            self.opening_subject = Some((id, self.sentences_seen));
                        }
                        if person {
                            self.named_in_sentence = Some(id);
                        }
                    }
                }
            }
            i = j + 1;
        }
    }

    /// A sentence right after someone spoke whose verb's mood alone says it is reported, with
    /// no verb of saying: "»Wir lassen uns das nicht gefallen«, sagt Werneke. Die Beschäftigten
    /// seien lange genug hingehalten worden." (German Konjunktiv I). The speaker goes on; so does a run of
    /// such sentences. Not a first-person sentence, where the same forms are indicative
    /// ("ich habe").
    fn note_reported_by_mood(&mut self, reader: &Reader, place: &Place, from: usize, to: usize) {
        let Some((id, at)) = self.last_spoken else {
            return;
        };
        if self.sentences_seen - at > 1 {
            return;
        }
        let tokens = reader.tokens;
        let Some(mood) = (from..to).find(|&k| tokens[k].is_in(&reader.lex.reported_speech_markers))
        else {
            return;
        };
        let first_person = (from..to).any(|k| {
            reader
                .pronoun(k)
                .is_some_and(|kind| kind == PronounKind::None)
        });
        if first_person {
            return;
        }
        let mut end = to;
        while end > from && matches!(tokens[end - 1].kind, tokens::Kind::Punct(_)) {
            end -= 1;
        }
        if end <= from {
            return;
        }
        let (start, stop) = (tokens[from].start, tokens[end - 1].end);
        self.reported.push(ReportedRecord {
            text: place.text[start..stop].to_string(),
            span: place.map.span(place.block, start, stop),
            entity: Some(id),
            cue: place.text[tokens[mood].start..tokens[mood].end].to_string(),
            cue_span: place.span_of_tokens(tokens, mood, mood),
            mention: self.last_mention(Some(id)),
            stance: reported::stance(reader, None, from, end)
                .map(|found| place.stance(tokens, found)),
        });
        self.last_spoken = Some((id, self.sentences_seen));
    }

    pub fn add_block(&mut self, lex: &Lexicon, block: &Block) {
        // Taken out for the block's reading, whose tokens borrow them while `self` changes.
        let mut buffers = std::mem::take(&mut self.buffers);
        self.read_block(lex, block, &mut buffers);
        self.buffers = buffers;
    }

    fn read_block(&mut self, lex: &Lexicon, block: &Block, buffers: &mut tokens::Buffers) {
        self.blocks_seen += 1;
        let text = block.text.as_str();
        let all = quotes::scan(text, lex);
        let top: Vec<RawQuote> = all.iter().filter(|q| !q.nested).cloned().collect();
        let toks = tokens::tokenize(text, &top, lex, buffers);
        let sentences = tokens::sentences(text, &toks, &top, lex);
        let reader = Reader {
            text,
            tokens: &toks,
            lex,
        };
        let place = Place {
            block: block.id,
            text,
            map: Utf16Map::new(text),
        };
        let mut decided: Vec<Option<QuoteRecord>> = vec![None; top.len()];
        // The block again with its quotations' words as plain text, read for incises inside
        // them; tokenised once, and only when a quotation may hold one.
        let mut plain_buffers = tokens::Buffers::default();
        let may_hold_incise: Vec<bool> = top
            .iter()
            .map(|q| may_hold_an_incise(&text[q.start..q.end], lex))
            .collect();
        let plain_tokens = if may_hold_incise.contains(&true) {
            tokens::tokenize(text, &[], lex, &mut plain_buffers)
        } else {
            Vec::new()
        };
        let plain = Reader {
            text,
            tokens: &plain_tokens,
            lex,
        };

        let continued = self.open_quote.take();
        let list_cue = if block.kind == BlockKind::ListItem {
            self.list_cue.clone()
        } else {
            None
        };
        if block.kind != BlockKind::ListItem {
            self.list_cue = None;
        }
        let mut previous_in_block: Option<Option<usize>> = None;

        // The last quotation of the sentence before, when no cue decided it: a sentence that
        // opens "Das sagte X" gives it to X.
        let mut awaiting_cue: Option<usize> = None;
        for sentence in &sentences {
            self.sentences_seen += 1;
            self.named_in_sentence = None;
            let (from, to) = (sentence.start, sentence.end);
            // The verb of a cue that refers back: what follows it is no reported clause.
            let mut verb_referring_back = None;
            if let Some(qi) = awaiting_cue.take() {
                if let Some((cue, verb)) = self.back_reference_cue(&reader, &place, from, to) {
                    verb_referring_back = Some(verb);
                    let verdict = Verdict::speech(cue.entity);
                    decided[qi] = Some(self.record(
                        &place,
                        &toks,
                        &top[qi],
                        Rule::CueLater,
                        verdict,
                        &[],
                        &[],
                        Some(&cue),
                    ));
                }
            }
            let cues = reader.cues(from, to);
            // Mentions outside cues, and cue speakers, in reading order.
            let mut speakers: Vec<CueSpeaker> = Vec::with_capacity(cues.len());
            let mut at = from;
            for cue in &cues {
                self.note_mentions(&reader, &place, at, cue.first.max(at), from);
                let entity = self.speaker(&cue.speaker, &reader, !cue.naming);
                let mention = place.mention(&toks, &cue.speaker);
                if let Some(id) = entity {
                    self.set_focus(id);
                    self.remember_mention(id, mention.clone());
                }
                speakers.push(CueSpeaker { entity, mention });
                at = cue.last + 1;
            }
            self.note_mentions(&reader, &place, at, to, from);

            let quoted: Vec<(usize, usize)> = (from..to)
                .filter_map(|k| toks[k].quote().map(|q| (k, q)))
                .collect();
            if !quoted.is_empty() {
                // Who the sentence is about, and whether its mood alone marks reported speech,
                // for fragments without a cue.
                let subject = self.sentence_subject(&reader, from, to);
                let reported_mood = (from..to).any(|k| toks[k].is_in(&lex.reported_speech_markers));
                for &(at, qi) in &quoted {
                    let inside = if may_hold_incise[qi] {
                        self.cue_inside(&place, &top[qi], &plain)
                    } else {
                        None
                    };
                    let ctx = Context {
                        lex,
                        text,
                        tokens: &toks,
                        registry: &self.registry,
                        cues: &cues,
                        cue_speakers: &speakers,
                        quote: &top[qi],
                        at,
                        whole: sieve::is_whole(text, &top[qi], at, (from, to), &toks),
                        subject,
                        reported_mood,
                        list_speaker: list_cue.as_ref().map(|l| l.entity),
                        inside_speaker: inside.as_ref().map(|c| c.entity),
                        previous_in_block,
                        continued,
                        focus: self.focus(),
                    };
                    let (rule, verdict) = sieve::decide(&ctx);
                    let record = self.record(
                        &place,
                        &toks,
                        &top[qi],
                        rule,
                        verdict,
                        &cues,
                        &speakers,
                        match rule {
                            Rule::ListIntroduction => list_cue.as_ref(),
                            Rule::CueInside => inside.as_ref(),
                            _ => None,
                        },
                    );
                    if let (Some(id), true) = (verdict.entity, verdict.speech) {
                        self.registry.spoke(id, Gender::Unknown);
                        self.set_focus(id);
                        self.last_spoken = Some((id, self.sentences_seen));
                    }
                    previous_in_block = verdict.speech.then_some(verdict.entity);
                    awaiting_cue = (verdict.cue.is_none()
                        && matches!(rule, Rule::Focus | Rule::PreviousQuote)
                        && to <= at + 2)
                        .then_some(qi);
                    decided[qi] = Some(record);
                }
            }

            if let Some(id) = speakers.iter().find_map(|s| s.entity) {
                self.last_spoken = Some((id, self.sentences_seen));
            }
            if cues.is_empty() && quoted.is_empty() {
                self.note_reported_by_mood(&reader, &place, from, to);
            }

            // Indirect speech. A clause belongs to one cue: the next starts after it.
            let mut claimed: Option<usize> = None;
            for (c, cue) in cues.iter().enumerate() {
                let next = cues.get(c + 1).map(|n| n.first);
                let previous = c
                    .checked_sub(1)
                    .map(|p| (cues[p].last + 1).max(claimed.unwrap_or(0)));
                // A statement with no known speaker has nowhere to go in the sidebar; a cue inside
                // another's statement is part of it ("Kirby said Kerry told him …").
                if speakers[c].entity.is_none()
                    || claimed.is_some_and(|end| cue.first < end)
                    || verb_referring_back == Some(cue.verb_first)
                {
                    continue;
                }
                if let Some((first, last)) =
                    reported::clause(&reader, cue, from, to, previous, next)
                {
                    claimed = Some(last);
                    let (start, end) = (toks[first].start, toks[last - 1].end);
                    self.reported.push(ReportedRecord {
                        text: text[start..end].to_string(),
                        span: place.map.span(block.id, start, end),
                        entity: speakers[c].entity,
                        cue: cue.text.clone(),
                        cue_span: place.span_of_tokens(&toks, cue.verb_first, cue.verb_last),
                        mention: speakers[c].mention.clone(),
                        stance: reported::stance(&reader, Some(cue), first, last)
                            .map(|found| place.stance(&toks, found)),
                    });
                }
            }
            // "President Obama also said:" at the block's end introduces a list.
            if sentence.end == toks.len() && toks.last().is_some_and(|t| t.is_punct(':')) {
                if let Some((c, cue)) = cues
                    .iter()
                    .enumerate()
                    .next_back()
                    .filter(|(_, c)| c.last + 2 >= toks.len())
                {
                    self.list_cue = Some(ResolvedCue {
                        entity: speakers[c].entity,
                        cue: cue.text.clone(),
                        cue_span: place.span_of_tokens(&toks, cue.verb_first, cue.verb_last),
                        mention: speakers[c].mention.clone(),
                    });
                }
            }
        }

        if let Some(list) = &list_cue {
            if !text.trim().is_empty() && top.iter().all(|q| q.start > 1) {
                self.reported.push(ReportedRecord {
                    text: text.trim().to_string(),
                    span: place.map.span(block.id, 0, text.len()),
                    entity: list.entity,
                    cue: list.cue.clone(),
                    cue_span: list.cue_span,
                    mention: list.mention.clone(),
                    stance: reported::stance(&reader, None, 0, toks.len())
                        .map(|found| place.stance(&toks, found)),
                });
            }
        }

        for (qi, q) in top.iter().enumerate() {
            // Every top-level quotation starts a token, so the sieve decided each one.
            let Some(record) = decided[qi].take() else {
                continue;
            };
            if !q.closed {
                self.open_quote = Some(record.entity);
            }
            self.quotes.push(record);
            let first_inner = all.partition_point(|n| n.open < q.start);
            for inner in all[first_inner..]
                .iter()
                .take_while(|n| n.open < q.close_end.max(q.end))
                .filter(|n| n.nested)
            {
                let (span, text) = quote_text(&place, inner);
                self.quotes.push(QuoteRecord {
                    text,
                    kind: QuoteKind::Other,
                    span,
                    entity: None,
                    cue: None,
                    cue_span: None,
                    mention: None,
                    rule: Rule::Nested,
                    confidence: 0.0,
                });
            }
        }
    }

    /// A quotation's record: the verdict with its evidence (the cue and the speaker's mention).
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        place: &Place,
        toks: &[Token],
        q: &RawQuote,
        rule: Rule,
        verdict: Verdict,
        cues: &[Cue],
        speakers: &[CueSpeaker],
        resolved: Option<&ResolvedCue>,
    ) -> QuoteRecord {
        let (span, text) = quote_text(place, q);
        let (cue, cue_span, mention) = match (verdict.cue, resolved) {
            (Some(c), _) => (
                Some(cues[c].text.clone()),
                Some(place.span_of_tokens(toks, cues[c].verb_first, cues[c].verb_last)),
                speakers[c].mention.clone(),
            ),
            (None, Some(resolved)) => (
                Some(resolved.cue.clone()),
                Some(resolved.cue_span),
                resolved.mention.clone(),
            ),
            (None, None) => (None, None, self.last_mention(verdict.entity)),
        };
        let entity = verdict.entity.filter(|_| verdict.speech);
        let confidence = match (entity, verdict.cue, mention.as_ref().map(|m| m.kind)) {
            (None, _, _) => 0.0,
            (Some(_), Some(_), Some(MentionKind::Name | MentionKind::Description)) => 0.9,
            (Some(_), Some(_), _) => 0.75,
            (Some(_), None, _) => 0.6,
        };
        let speech = verdict.speech;
        QuoteRecord {
            text,
            kind: if speech {
                QuoteKind::Speech
            } else {
                QuoteKind::Other
            },
            span,
            entity,
            cue: cue.filter(|_| speech),
            cue_span: cue_span.filter(|_| speech),
            mention: mention.filter(|_| entity.is_some()),
            rule,
            confidence,
        }
    }
}

/// In a language that sets incises inside the marks, a comma followed, within two words, by a
/// verb of saying or a hyphenated word ("explique", "a déclaré", "poursuit-elle"): only then is
/// the quotation read for an incise.
fn may_hold_an_incise(inner: &str, lex: &Lexicon) -> bool {
    lex.incises_inside_quotes
        && inner.split(',').skip(1).any(|after| {
            after.split_whitespace().take(2).any(|word| {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                word.contains('-') || lex.speech_verbs.contains(&word.to_lowercase())
            })
        })
}

/// A quotation's span and text. Spaced styles (« Oui ») keep their spaces outside it.
fn quote_text(place: &Place, q: &RawQuote) -> (Span, String) {
    let inner = &place.text[q.start..q.end];
    let start = q.start + (inner.len() - inner.trim_start().len());
    let end = start + inner.trim().len();
    (
        place.map.span(place.block, start, end),
        place.text[start..end].to_string(),
    )
}
