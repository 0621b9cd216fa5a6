//! Stage: quotations + cues + mentions → who said what, block by block in reading order.
//!
//! Within a sentence a quotation takes the cue right after it ("…,” Kirby said), else the cue
//! right before it (Kerry said: “…”), else the sentence's speech verb (a partial quote inside
//! reported speech). A quotation with no cue continues the previous quotation of its paragraph,
//! a paragraph-spanning quotation, or the paragraph's focus: the last person who spoke or was
//! named as a subject.

use super::actors::Registry;
use super::cues::Cue;
use super::lexicon::{Lexicon, PronounKind};
use super::mentions::{Gender, Np, NpKind, Reader};
use super::model::{ActorKind, Block, BlockKind, Evidence, QuoteKind, Span, Stance};
use super::offsets::Utf16Map;
use super::quotes::{self, RawQuote};
use super::reported;
use super::tokens::{self, Kind};

/// Blocks after which an unrefreshed focus is too old to carry a quotation.
const FOCUS_LIFETIME: usize = 4;

#[derive(Clone, Debug)]
pub struct QuoteRecord {
    pub text: String,
    pub kind: QuoteKind,
    pub span: Span,
    pub entity: Option<usize>,
    pub cue: Option<String>,
    pub evidence: Evidence,
    pub confidence: f32,
}

#[derive(Clone, Debug)]
pub struct ReportedRecord {
    pub text: String,
    pub span: Span,
    pub entity: Option<usize>,
    pub cue: String,
    pub stance: Stance,
}

#[derive(Default)]
pub struct State {
    pub registry: Registry,
    pub quotes: Vec<QuoteRecord>,
    pub reported: Vec<ReportedRecord>,
    blocks_seen: usize,
    /// The last speaker or subject, and the block it was set in.
    focus: Option<(usize, usize)>,
    /// Speaker of a quotation left open at the end of the previous block.
    open_quote: Option<Option<usize>>,
    /// "President Obama also said:" closing a block: the list items that follow are his.
    list_cue: Option<(Option<usize>, String)>,
    buffers: tokens::Buffers,
}

/// A quotation's attribution within its block.
#[derive(Clone)]
struct Attribution {
    entity: Option<usize>,
    cue: Option<String>,
    evidence: Evidence,
    speech: bool,
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

    /// The actor a cue's speaker phrase stands for, and how it was found.
    fn speaker(&mut self, np: &Np, reader: &Reader, saying: bool) -> (Option<usize>, Evidence) {
        let lex = reader.lex;
        match np.kind {
            NpKind::Pronoun(kind) => {
                let found = self.registry.antecedent(kind);
                if let Some(id) = found {
                    let gender = match kind {
                        PronounKind::Male => Gender::Male,
                        PronounKind::Female => Gender::Female,
                        _ => Gender::Unknown,
                    };
                    self.registry.spoke(id, gender);
                }
                (found, Evidence::Pronoun)
            }
            // The subject a null-subject language leaves out: whoever the text is about.
            NpKind::Implicit => {
                let found = self.focus();
                if let Some(id) = found {
                    self.registry.spoke(id, Gender::Unknown);
                }
                (found, Evidence::Pronoun)
            }
            NpKind::Description => {
                // One met before ("the spokesman"), the person it is an appositive of ("Ann
                // Lee, a Texas Republican who opposed"), else a source described, never
                // named: only for a verb of saying, not of labelling ("described how…").
                let named = reader
                    .appositive_of(np)
                    .and_then(|person| self.registry.resolve(&person, lex));
                let (found, evidence) = match self.registry.described(np.name).or(named) {
                    Some(id) => (id, Evidence::Explicit),
                    None if !saying => return (None, Evidence::None),
                    None => {
                        let name = reader.described_source(np);
                        let role = np.role.unwrap_or(np.name);
                        let id = self.registry.unnamed(name, role, np.affiliation, np.gender);
                        (id, Evidence::Explicit)
                    }
                };
                self.registry.spoke(found, Gender::Unknown);
                (Some(found), evidence)
            }
            _ => {
                let found = self.registry.resolve(np, lex);
                if let Some(id) = found {
                    self.registry.spoke(id, Gender::Unknown);
                }
                (found, Evidence::Explicit)
            }
        }
    }

    /// The first actor the sentence `from..to` mentions (its subject, in the usual order), and
    /// the token where it is mentioned. Read once per sentence: quotations ask it in turn.
    fn sentence_subject(&self, reader: &Reader, from: usize, to: usize) -> Option<(usize, usize)> {
        let mut i = from;
        while i < to {
            let t = &reader.tokens[i];
            let mut next = i + 1;
            let id = if let Some(kind) = reader.pronoun(i) {
                self.registry.antecedent(kind)
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
    fn note_mentions(&mut self, reader: &Reader, from: usize, to: usize, sentence_start: usize) {
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
                        let person = np.kind == NpKind::Person;
                        let introduced = np.role.is_some()
                            || i > sentence_start
                            || reader.appositive_after(j, to).is_some();
                        if self.registry.entities[id].spoke || subject && person && introduced {
                            self.set_focus(id);
                        }
                    }
                }
            }
            i = j + 1;
        }
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
        let map = Utf16Map::new(text);
        let mut found: Vec<Option<Attribution>> = vec![None; top.len()];

        let continued = self.open_quote.take();
        let list_cue = if block.kind == BlockKind::ListItem {
            self.list_cue.clone()
        } else {
            None
        };
        if block.kind != BlockKind::ListItem {
            self.list_cue = None;
        }
        let mut last_speaker_in_block: Option<(Option<usize>, bool)> = None;

        for sentence in &sentences {
            let (from, to) = (sentence.start, sentence.end);
            let cues = reader.cues(from, to);
            // Mentions outside cues, and cue speakers, in reading order.
            let mut resolved: Vec<(Option<usize>, Evidence)> = Vec::with_capacity(cues.len());
            let mut at = from;
            for cue in &cues {
                self.note_mentions(&reader, at, cue.first.max(at), from);
                let r = self.speaker(&cue.speaker, &reader, !cue.naming);
                if let Some(id) = r.0 {
                    self.set_focus(id);
                }
                resolved.push(r);
                at = cue.last + 1;
            }
            self.note_mentions(&reader, at, to, from);

            // For fragments without a cue: who the sentence is about, and whether its mood
            // alone marks reported speech.
            let subject = self.sentence_subject(&reader, from, to);
            let reported_mood = std::cell::OnceCell::new();
            let reported_mood = || {
                *reported_mood
                    .get_or_init(|| (from..to).any(|k| toks[k].is_in(&lex.reported_speech_markers)))
            };
            for q in (from..to).filter_map(|k| toks[k].quote().map(|q| (k, q))) {
                let (pos, qi) = q;
                let chosen = choose_cue(lex, &cues, pos, &toks);
                let attribution = match chosen {
                    Some(c) => {
                        let (entity, evidence) = resolved[c];
                        let speech = !cues[c].naming || entity.is_some();
                        Some(Attribution {
                            entity,
                            cue: Some(cues[c].text.clone()),
                            evidence: if entity.is_some() {
                                evidence
                            } else {
                                Evidence::None
                            },
                            speech,
                        })
                    }
                    None => None,
                };
                let attribution = attribution.unwrap_or_else(|| {
                    let whole = is_full_quote(text, &top[qi], pos, from, to, &toks);
                    let first_in_block = pos == 0;
                    if let Some((entity, _)) = &list_cue {
                        return Attribution {
                            entity: *entity,
                            cue: None,
                            evidence: Evidence::Adjacent,
                            speech: true,
                        };
                    }
                    if !whole {
                        // A fragment in a sentence whose subject is a person, or an actor who
                        // speaks in the article, is theirs ("she'd “sing in the kitchen”",
                        // "Roth hält das für „übertrieben“"), and so is one in reported speech
                        // marked by the verb's mood alone ("Das sei „ein Fehler“"): the one the
                        // text is about. Else a scare quote or a title.
                        let voice = subject
                            .filter(|&(at, id)| {
                                let e = &self.registry.entities[id];
                                at < pos && (e.spoke || e.kind == ActorKind::Person)
                            })
                            .map(|(_, id)| id)
                            .or_else(|| self.focus().filter(|_| reported_mood()));
                        return Attribution {
                            entity: voice,
                            cue: None,
                            evidence: if voice.is_some() {
                                Evidence::Adjacent
                            } else {
                                Evidence::None
                            },
                            speech: voice.is_some(),
                        };
                    }
                    let entity = if let Some((entity, true)) = last_speaker_in_block {
                        entity
                    } else if let (true, Some(entity)) = (first_in_block, continued) {
                        entity
                    } else {
                        self.focus()
                    };
                    Attribution {
                        entity,
                        cue: None,
                        evidence: if entity.is_some() {
                            Evidence::Adjacent
                        } else {
                            Evidence::None
                        },
                        speech: true,
                    }
                });
                if let Some(id) = attribution.entity {
                    if attribution.speech {
                        self.registry.spoke(id, Gender::Unknown);
                        self.set_focus(id);
                    }
                }
                last_speaker_in_block = Some((attribution.entity, attribution.speech));
                found[qi] = Some(attribution);
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
                if resolved[c].0.is_none() || claimed.is_some_and(|end| cue.first < end) {
                    continue;
                }
                if let Some((first, last)) =
                    reported::clause(&reader, cue, from, to, previous, next)
                {
                    claimed = Some(last);
                    let (start, end) = (toks[first].start, toks[last - 1].end);
                    let clause = &text[start..end];
                    self.reported.push(ReportedRecord {
                        text: clause.to_string(),
                        span: map.span(block.id, start, end),
                        entity: resolved[c].0,
                        cue: cue.text.clone(),
                        stance: reported::stance(lex, &cue.text, clause),
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
                    self.list_cue = Some((resolved[c].0, cue.text.clone()));
                }
            }
        }

        if let Some((entity, cue)) = &list_cue {
            if !text.trim().is_empty() && top.iter().all(|q| q.start > 1) {
                self.reported.push(ReportedRecord {
                    text: text.trim().to_string(),
                    span: map.span(block.id, 0, text.len()),
                    entity: *entity,
                    cue: cue.clone(),
                    stance: reported::stance(lex, cue, text),
                });
            }
        }

        for (qi, q) in top.iter().enumerate() {
            let a = found[qi].clone().unwrap_or(Attribution {
                entity: None,
                cue: None,
                evidence: Evidence::None,
                speech: false,
            });
            if !q.closed {
                self.open_quote = Some(a.entity);
            }
            self.push_quote(text, &map, block.id, q, &a);
            let first_inner = all.partition_point(|n| n.open < q.start);
            for inner in all[first_inner..]
                .iter()
                .take_while(|n| n.open < q.close_end.max(q.end))
                .filter(|n| n.nested)
            {
                let other = Attribution {
                    entity: None,
                    cue: None,
                    evidence: Evidence::None,
                    speech: false,
                };
                self.push_quote(text, &map, block.id, inner, &other);
            }
        }
    }

    fn push_quote(
        &mut self,
        text: &str,
        map: &Utf16Map,
        block: usize,
        q: &RawQuote,
        a: &Attribution,
    ) {
        let confidence = match (a.entity.is_some(), a.evidence) {
            (false, _) => 0.0,
            (true, Evidence::Explicit) => 0.9,
            (true, Evidence::Pronoun) => 0.75,
            (true, _) => 0.6,
        };
        // Spaced styles (« Oui ») keep their spaces outside the quotation.
        let inner = &text[q.start..q.end];
        let start = q.start + (inner.len() - inner.trim_start().len());
        let end = start + inner.trim().len();
        self.quotes.push(QuoteRecord {
            text: text[start..end].to_string(),
            kind: if a.speech {
                QuoteKind::Speech
            } else {
                QuoteKind::Other
            },
            span: map.span(block, start, end),
            entity: a.entity.filter(|_| a.speech),
            cue: a.cue.clone().filter(|_| a.speech),
            evidence: if a.speech { a.evidence } else { Evidence::None },
            confidence,
        });
    }
}

/// The cue a quotation at token `pos` belongs to: the one right after it, else right before it,
/// else the nearest before, else the nearest after (no other quotation in between).
fn choose_cue(lex: &Lexicon, cues: &[Cue], pos: usize, toks: &[tokens::Token]) -> Option<usize> {
    let only_punct = |a: usize, b: usize| {
        toks[a..b]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct(',' | ':' | '—' | '–' | '-')))
    };
    let quote_between = |a: usize, b: usize| toks[a..b].iter().any(|t| t.quote().is_some());
    // "was described as “heartbreaking” by the department": the quotation sits inside its cue.
    if let Some(inside) = cues.iter().position(|c| c.first < pos && pos < c.last) {
        return Some(inside);
    }
    let after = cues
        .iter()
        .position(|c| c.first > pos && !quote_between(pos + 1, c.first));
    // A passive label ("called … by its creators") names only the quotation inside it.
    let before = cues
        .iter()
        .rposition(|c| c.last < pos)
        .filter(|&b| !(cues[b].naming && cues[b].inverted));
    if let Some(a) = after.filter(|&a| only_punct(pos + 1, cues[a].first)) {
        return Some(a);
    }
    if let Some(b) = before.filter(|&b| {
        only_punct(cues[b].last + 1, pos)
            || toks[cues[b].last + 1..pos]
                .iter()
                .all(|t| t.is_in(&lex.complementizers))
    }) {
        return Some(b);
    }
    // A partial quote inside reported speech belongs to the speaker of the verb before it.
    if let Some(b) = before.filter(|&b| !quote_between(cues[b].last + 1, pos) || !cues[b].naming) {
        return Some(b);
    }
    after.filter(|&a| toks[pos + 1..cues[a].first].len() <= 12)
}

/// Whether a quotation with no cue reads as someone's words rather than a scare quote or title:
/// it opens its paragraph or sentence, or is long and sentence-like.
fn is_full_quote(
    text: &str,
    q: &RawQuote,
    pos: usize,
    from: usize,
    to: usize,
    toks: &[tokens::Token],
) -> bool {
    let words = text[q.start..q.end].split_whitespace().count();
    let starts = pos == from || pos == 0;
    let alone = starts
        && to - pos <= 3
        && toks[pos + 1..to]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct(_)));
    let sentence_like =
        tokens::quote_ends_sentence(text, q) || text[q.start..].starts_with(char::is_uppercase);
    !q.closed || alone || starts && words >= 4 || words >= 8 && sentence_like
}
