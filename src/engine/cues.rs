//! Stage: a sentence's tokens → its speech cues: a speech verb with the phrase naming who speaks
//! ("Kirby said", "said Patrick McHugh", "he added", "according to the Congressional Budget
//! Office", "Barack Obama:").

use super::lexicon::Lexicon;
use super::mentions::{Np, NpKind, Reader};
use super::tokens::{phrase_at, Kind};

#[derive(Clone, Debug)]
pub struct Cue<'a> {
    /// Token range of the whole cue (speaker phrase and verb with its tail), inclusive.
    pub first: usize,
    pub last: usize,
    /// Token range of the verb (with auxiliaries and tail), inclusive.
    pub verb_first: usize,
    pub verb_last: usize,
    pub speaker: Np<'a>,
    /// "said", "told reporters", "wrote in a tweet", "according to".
    pub text: String,
    /// A labelling verb ("called", "described"): a speaker only together with a quotation.
    pub naming: bool,
    /// The verb stands before its speaker ("said Kirby", "according to …").
    pub inverted: bool,
}

impl<'a> Reader<'a> {
    /// The verb phrase's tail ("in a statement", "reporters" after "told").
    fn tail_end(&self, after: usize, to: usize) -> usize {
        let mut end = after;
        while end < to {
            match phrase_at(&self.lex.cue_tails, &self.tokens[end..to]) {
                Some(len) => end += len,
                None => break,
            }
        }
        end
    }

    /// Every cue in the sentence `from..to`.
    pub fn cues(&self, from: usize, to: usize) -> Vec<Cue<'a>> {
        let mut cues = Vec::new();
        let mut i = from;
        while i < to {
            let t = &self.tokens[i];
            if !t.is_word() {
                i += 1;
                continue;
            }
            let lex = self.lex;
            let source = t.is_in(&lex.source_openers);
            let verb =
                lex.speech_verbs.may_start(t.classes) || lex.naming_verbs.may_start(t.classes);
            let split_verb = !lex.speech_verb_particles.is_empty()
                && lex.speech_verb_particles.contains_key(t.lower);
            if !(source || verb || split_verb || t.hyphenated || self.colon_quote_follows(i, to)) {
                // Most words: nothing a cue can start with.
                i += 1;
                continue;
            }
            if let Some(cue) = source.then(|| self.source_pattern_at(i, to)).flatten() {
                i = cue.last + 1;
                cues.push(cue);
                continue;
            }
            let speech = phrase_at(&self.lex.speech_verbs, &self.tokens[i..to]);
            let naming = if speech.is_none() {
                phrase_at(&self.lex.naming_verbs, &self.tokens[i..to])
            } else {
                None
            };
            let Some(len) = speech.or(naming) else {
                if let Some(particle) = split_verb
                    .then(|| self.split_verb_particle(i, to))
                    .flatten()
                {
                    if let Some(mut cue) = self.cue_at(i, i, false, from, to, cues.last()) {
                        cue.last = cue.last.max(particle);
                        i = cue.last + 1;
                        cues.push(cue);
                        continue;
                    }
                }
                if let Some(cue) = self.hyphenated_cue(i, to) {
                    i = cue.last + 1;
                    cues.push(cue);
                    continue;
                }
                if self.colon_quote_follows(i, to) {
                    // "Weber sagte der Deutschen Presse-Agentur: „…“": the one told, right after
                    // the verb of the cue before, is no speaker of its own.
                    let told = |np: &Np| {
                        cues.last().is_some_and(|c: &Cue| {
                            c.last < np.first
                                && (c.last + 1..np.first)
                                    .all(|k| self.tokens[k].is_in(&self.lex.articles))
                        })
                    };
                    if let Some(cue) = self.colon_cue(i, from).filter(|c| !told(&c.speaker)) {
                        cues.push(cue);
                    }
                }
                i += 1;
                continue;
            };
            let verb_last = i + len - 1;
            if let Some(cue) = self.cue_at(i, verb_last, naming.is_some(), from, to, cues.last()) {
                i = cue.last.max(verb_last) + 1;
                cues.push(cue);
            } else {
                i = verb_last + 1;
            }
        }
        cues
    }

    /// The particle that completes the split verb at `verb` as the last word of its clause:
    /// "teilte der Verband am Montag mit." / "fügte er hinzu:".
    fn split_verb_particle(&self, verb: usize, to: usize) -> Option<usize> {
        let particles = self
            .lex
            .speech_verb_particles
            .get(self.tokens[verb].lower)?;
        let clause_end = (verb + 1..to)
            .take(12)
            .find(|&k| !self.tokens[k].is_word())
            .or((to <= verb + 13).then_some(to))?;
        let last = clause_end - 1;
        (last > verb && particles.iter().any(|p| p == self.tokens[last].lower)).then_some(last)
    }

    /// "Obama: “…”": a colon and a quotation right after token `i`.
    fn colon_quote_follows(&self, i: usize, to: usize) -> bool {
        self.tokens[i + 1..to]
            .first()
            .is_some_and(|t| t.is_punct(':'))
            && self.tokens.get(i + 2).is_some_and(|t| t.quote().is_some())
    }

    fn verb_text(&self, a: usize, b: usize) -> String {
        self.text[self.tokens[a].start..self.tokens[b].end].to_string()
    }

    fn cue_at(
        &self,
        verb: usize,
        verb_last: usize,
        naming: bool,
        from: usize,
        to: usize,
        previous: Option<&Cue<'a>>,
    ) -> Option<Cue<'a>> {
        let tail = self.tail_end(verb_last + 1, to);
        // Told whom: "told reporters", "told the BBC".
        let telling = self.tokens[verb].is_in(&self.lex.telling_verbs);
        let object_end = if telling {
            self.np_starting_at(tail, to).map_or(tail, |np| np.last + 1)
        } else {
            tail
        };
        let cue_end = self.tail_end(object_end, to).max(object_end);
        // Subject before the verb, skipping "also", "has", "had"…
        let mut before = verb;
        while before > from
            && (self.tokens[before - 1].is_in(&self.lex.cue_adverbs)
                || !self.tokens[before - 1].cap
                    && Lexicon::ends_with_any(
                        self.tokens[before - 1].lower,
                        &self.lex.adverb_endings,
                    ))
        {
            before -= 1;
        }
        // "was described as … by X", or a participle opening the sentence: "Called a … by X".
        let participle =
            Lexicon::ends_with_any(self.tokens[verb].lower, &self.lex.participle_endings)
                || self.tokens[verb].is_in(&self.lex.irregular_participles);
        let after_aux = self.tokens[before..verb]
            .iter()
            .any(|t| t.is_in(&self.lex.passive_aux));
        let passive = (after_aux || verb == from) && participle;
        let text_from = before;
        let by_agent = passive
            .then(|| {
                (cue_end..to).find(|&k| {
                    self.tokens[k].is_word() && self.tokens[k].is_in(&self.lex.passive_by)
                })
            })
            .flatten()
            .and_then(|by| self.np_starting_at(by + 1, to));
        if let Some(np) = by_agent {
            return Some(self.cue(
                verb,
                verb_last.max(cue_end.saturating_sub(1)),
                np,
                naming,
                true,
                text_from,
            ));
        }
        // "The nurse was said to be …", "was admitted to hospital": the subject of a passive is
        // what is spoken of, not who speaks.
        if after_aux && participle && !naming {
            return None;
        }
        if before > from {
            let mut end = before - 1;
            // "… condemned the attack and said …", "… but insisted …": the same subject again.
            if self.tokens[end].is_in(&self.lex.coordinators) {
                let np = previous
                    .map(|c| c.speaker)
                    .or_else(|| self.sentence_subject(from, end))?;
                let mut cue = self.cue(verb, cue_end - 1, np, naming, false, text_from);
                cue.first = before;
                return Some(cue);
            }
            // "an Israeli prime minister who has declared …"
            let relative = self.tokens[end].is_in(&self.lex.person_relatives);
            if relative && end > from && !self.tokens[end - 1].is_punct(',') {
                return self
                    .np_ending_at(end - 1, from)
                    .map(|np| self.cue(verb, cue_end - 1, np, naming, false, text_from));
            }
            // "X, who had suggested …": the subject is before the relative pronoun.
            if relative && end > from && self.tokens[end - 1].is_punct(',') {
                end -= 2;
                return self
                    .np_ending_at(end, from)
                    .filter(named)
                    .map(|np| self.cue(verb, cue_end - 1, np, naming, false, text_from));
            }
            if let Some(np) = self.np_ending_at(end, from) {
                let np = self.role_before(np, from).unwrap_or(np);
                return Some(self.cue(verb, cue_end - 1, np, naming, false, text_from));
            }
            // "Sam Reed, a member of the party’s general secretariat, said"
            if self.tokens[end].is_punct(',') && end > from {
                if let Some(np) = self.appositive_subject(end, from) {
                    return Some(self.cue(verb, cue_end - 1, np, naming, false, text_from));
                }
            }
        }
        // "…, saying …", "… by saying …": the clause's subject speaks; in a relative clause
        // ("the ruling party, which tried … by saying") the noun it hangs on.
        if verb > from
            && (self.tokens[verb - 1].is_punct(',')
                || self.tokens[verb - 1].is_in(&self.lex.passive_by))
            && Lexicon::ends_with_any(self.tokens[verb].lower, &self.lex.gerund_endings)
        {
            let relative = (from + 1..verb).rev().take(20).find(|&k| {
                self.tokens[k].is_in(&self.lex.relative_pronouns)
                    && self.tokens[k - 1].is_punct(',')
            });
            let subject = match relative {
                Some(k) if k >= from + 2 => self.np_ending_at(k - 2, from).filter(named),
                _ => self.sentence_subject(from, verb),
            };
            if let Some(np) = subject {
                return Some(self.cue(verb, cue_end - 1, np, naming, false, text_from));
            }
        }
        // "Ana Gómez, vecina … (RVB), dijo", "Der Sprecher, Jonas Weber, sagte der dpa": a long
        // appositive closed by a comma; the named subject opens the sentence, and a name after
        // the verb is who was told. Not after a quotation ("„…“, sagte der Sprecher"). Looked
        // for near the sentence's start only, as its subject is.
        let appositive_closed = verb > from
            && verb - from <= APPOSITIVE_REACH
            && self.tokens[before.max(from + 1) - 1].is_punct(',');
        if appositive_closed && !self.tokens[from..verb].iter().any(|t| t.quote().is_some()) {
            if let Some(np) = self
                .sentence_subject(from, before)
                .filter(|np| np.first == from && named(np))
                .filter(|np| self.tokens[np.last + 1].is_punct(','))
            {
                return Some(self.cue(verb, cue_end - 1, np, naming, false, text_from));
            }
        }
        // "…,” said Patrick McHugh" / ", say economists," / "…,” he said" inverted in German "sagte er".
        let opens_clause = verb == from
            || matches!(
                self.tokens[verb - 1].kind,
                Kind::Punct(',' | '—' | '–' | '(') | Kind::Quote(_)
            );
        if opens_clause {
            if let Some(np) = self.np_starting_at(self.after_addressee(cue_end, to), to) {
                let np = self
                    .named_after_description(&np, to)
                    .or_else(|| self.role_after(np, to))
                    .unwrap_or(np);
                let last = np.last;
                let mut cue = self.cue(verb, cue_end - 1, np, naming, true, text_from);
                cue.last = last.max(cue.last);
                return Some(cue);
            }
        }
        // Null-subject languages leave the speaker out: "“…”, lamentó", "Agregó que …". Not an
        // impersonal verb ("se informó"), nor a labelling one.
        let impersonal =
            before > from && self.tokens[before - 1].is_in(&self.lex.impersonal_markers);
        if self.lex.null_subject && !naming && !impersonal {
            let np = self.implicit_np(verb);
            return Some(self.cue(verb, cue_end - 1, np, naming, false, text_from));
        }
        None
    }

    /// Where the speaker phrase starts after an inverted verb that first names the one spoken
    /// to: "afirmó a EFE el portavoz", "explicó a este medio Juan Pérez", "disse à Folha o
    /// ministro". Without such an addressee, `at` itself.
    fn after_addressee(&self, at: usize, to: usize) -> usize {
        let at = self.after_aside(at, to);
        if !self
            .word(at)
            .is_some_and(|t| t.is_in(&self.lex.addressee_prepositions))
        {
            return at;
        }
        let skipped = match self.np_starting_at(at + 1, to) {
            Some(np) => np.last + 1,
            // "a este medio": a few lowercase words, up to the speaker's article or name.
            _ => (at + 1..to.min(at + 4))
                .find(|&k| {
                    self.word(k)
                        .is_none_or(|t| t.cap || t.is_in(&self.lex.articles))
                })
                .unwrap_or(at),
        };
        match self.np_starting_at(skipped, to) {
            Some(_) if skipped > at + 1 => skipped,
            _ => at,
        }
    }

    /// Where the speaker phrase starts after an aside set between an inverted verb and its
    /// speaker, commas around it included: "estime, de son côté, Sophie Binet". Without one,
    /// `at` itself.
    fn after_aside(&self, at: usize, to: usize) -> usize {
        let comma = |k: usize| k < to && self.tokens[k].is_punct(',');
        let start = if comma(at) { at + 1 } else { at };
        let words = self.tokens[start..to].iter().map(|t| t.lower);
        match self.lex.inverted_cue_asides.match_at(words) {
            Some(n) if start + n < to => start + n + usize::from(comma(start + n)),
            _ => at,
        }
    }

    /// "NAME, APPOSITIVE," or "ROLE, NAME," right before a verb.
    fn appositive_subject(&self, comma: usize, from: usize) -> Option<Np<'a>> {
        let open = (from..comma)
            .rev()
            .take(25)
            .find(|&k| self.tokens[k].is_punct(','))?;
        if open == from || self.tokens[open + 1..comma].iter().any(|t| !t.is_word()) {
            return None;
        }
        // "the mayor of Villa Norte, José Pérez, said": a name after a preposition is a
        // place or an object; the person is the one between the commas.
        let inner_person = || {
            self.classify(open + 1, comma - 1)
                .filter(|np| np.kind == NpKind::Person && !np.bare)
        };
        if let Some(before) = self.np_ending_at(open - 1, from).filter(named) {
            if self.object_of_preposition(&before, from) {
                if let Some(np) = inner_person() {
                    return Some(np);
                }
            }
        }
        if let Some(mut np) = self.np_ending_at(open - 1, from).filter(named) {
            if np.role.is_none() {
                np.role = self.appositive_after(open - 1, comma + 1);
            }
            return Some(np);
        }
        // "A senior official, who spoke on condition of anonymity, said": a relative clause
        // between commas hangs on the subject, whatever kind of phrase names it.
        if self.tokens[open + 1].is_in(&self.lex.relative_pronouns) {
            if let Some(np) = self.np_ending_at(open - 1, from) {
                return Some(np);
            }
        }
        // "Le porte-parole du gouvernement, Louis Petit, a assuré": a phrase with a role word
        // before the first comma, a full name between the commas.
        let role_phrase = (from..open).any(|k| self.tokens[k].stem_is_in(&self.lex.roles));
        if role_phrase && self.np_ending_at(open - 1, from).filter(named).is_none() {
            if let Some(mut np) = inner_person() {
                np.role = np.role.or(Some(self.slice(from, open - 1)));
                return Some(np);
            }
        }
        // "her mother, Jane, said": the description names the role of the person inside.
        let described = self
            .np_ending_at(open - 1, from)
            .filter(|np| np.kind == NpKind::Description)?;
        let mut np = self
            .classify(open + 1, comma - 1)
            .filter(|np| np.kind == NpKind::Person)?;
        np.role = described.role;
        if np.gender == super::mentions::Gender::Unknown {
            np.gender = described.gender;
        }
        np.first = described.first;
        Some(np)
    }

    fn cue(
        &self,
        verb: usize,
        verb_last: usize,
        speaker: Np<'a>,
        naming: bool,
        inverted: bool,
        text_from: usize,
    ) -> Cue<'a> {
        let verb_last = verb_last.max(verb);
        let first = speaker.first.min(text_from);
        let last = speaker.last.max(verb_last);
        let from = if inverted { verb } else { text_from.min(verb) };
        let text = self.verb_text(from, verb_last);
        Cue {
            first,
            last,
            verb_first: from,
            verb_last,
            speaker,
            text,
            naming,
            inverted,
        }
    }

    /// French inversion, verb and pronoun in one hyphenated word: "dit-il", "ajoute-t-elle",
    /// "a-t-il déclaré".
    fn hyphenated_cue(&self, i: usize, to: usize) -> Option<Cue<'a>> {
        let token = &self.tokens[i];
        if !token.hyphenated {
            return None;
        }
        let (verb, rest) = token.lower.split_once('-')?;
        let pronoun = rest.strip_prefix("t-").unwrap_or(rest);
        let kind = *self.lex.pronouns.get(pronoun)?;
        let alone = self.lex.speech_verbs.contains(verb);
        let participle = !alone && i + 1 < to && self.tokens[i + 1].is_in(&self.lex.speech_verbs);
        if !(alone || participle) {
            return None;
        }
        let last = i + usize::from(participle);
        let mut speaker = self.pronoun_np(i, kind);
        speaker.surface = pronoun;
        Some(Cue {
            first: i,
            last,
            verb_first: i,
            verb_last: last,
            speaker,
            text: self.verb_text(i, last),
            naming: false,
            inverted: true,
        })
    }

    /// Whether a preposition (and articles) stands right before the phrase, within the sentence
    /// from `from`.
    fn object_of_preposition(&self, np: &Np, from: usize) -> bool {
        let mut k = np.first;
        while k > from && self.tokens[k - 1].is_in(&self.lex.articles) {
            k -= 1;
        }
        k > from && self.tokens[k - 1].is_in(&self.lex.prepositions)
    }

    /// "Barack Obama: “…”" (captions, interview transcripts).
    /// Not "She sent a message to Ann Lee: “…”": the name after a preposition is addressed.
    fn colon_cue(&self, last: usize, from: usize) -> Option<Cue<'a>> {
        let np = self
            .np_ending_at(last, from)
            .filter(|np| matches!(np.kind, NpKind::Person | NpKind::Organization) && !np.bare)
            .filter(|np| !self.object_of_preposition(np, from))?;
        let np = self.with_listed_names(np, from);
        Some(Cue {
            first: np.first,
            last: last + 1,
            verb_first: last + 1,
            verb_last: last + 1,
            speaker: np,
            text: ":".into(),
            naming: false,
            inverted: false,
        })
    }

    /// "Liz Moore, Tom Reyes and Ann Lee": names coordinated at the end of `np` take the names
    /// listed before them with commas.
    fn with_listed_names(&self, mut np: Np<'a>, from: usize) -> Np<'a> {
        let coordinated =
            (np.first..=np.last).any(|k| self.tokens[k].is_in(&self.lex.coordinators));
        while coordinated && np.first >= from + 2 && self.tokens[np.first - 1].is_punct(',') {
            let Some(before) = self
                .np_ending_at(np.first - 2, from)
                .filter(|b| b.kind == NpKind::Person && !b.bare)
            else {
                break;
            };
            // Both names are slices of the text: the list runs from the first name's start
            // (after any "Bloomberg’s" before it) to the end of the last.
            let offset =
                |name: &str| (name.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize);
            let list = offset(before.name)
                .zip(offset(np.name).map(|at| at + np.name.len()))
                .and_then(|(start, end)| self.text.get(start..end));
            let Some(list) = list else {
                break;
            };
            np.first = before.first;
            np.name = list;
            np.surface = self.slice(before.first, np.last);
        }
        np
    }

    /// "according to X", "in X's words", and viewpoint phrases around a possessive, "in her
    /// view", "a su juicio", "seiner Ansicht nach" (slot `P`): the possessor speaks.
    fn source_pattern_at(&self, i: usize, to: usize) -> Option<Cue<'a>> {
        for pattern in &self.lex.source_patterns {
            let Some(slot) = pattern.iter().position(|w| w.starts_with('X') || w == "P") else {
                continue;
            };
            let (prefix, suffix) = (&pattern[..slot], &pattern[slot + 1..]);
            let possessor = pattern[slot] == "P";
            if prefix.is_empty() && !possessor
                || i + prefix.len() >= to
                || !prefix
                    .iter()
                    .zip(&self.tokens[i..])
                    .all(|(p, t)| *p == t.lower)
            {
                continue;
            }
            let at = i + prefix.len();
            let np = if possessor {
                self.possessor_at(at)
            } else {
                self.np_starting_at(at, to)
                    .filter(|np| (pattern[slot].len() > 1) == self.tokens[np.last].is_possessive())
                    .or_else(|| self.pronoun_after_preposition(at))
            };
            let Some(np) = np else {
                continue;
            };
            let end = np.last + 1;
            if end + suffix.len() > to
                || !suffix
                    .iter()
                    .zip(&self.tokens[end..])
                    .all(|(p, t)| *p == t.lower)
            {
                continue;
            }
            let text = pattern
                .iter()
                .filter(|w| !w.starts_with('X') && *w != "P")
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            let last = end + suffix.len() - 1;
            return Some(Cue {
                first: i,
                last: last.max(np.last),
                verb_first: i,
                verb_last: last.max(np.last),
                speaker: np,
                text,
                naming: false,
                inverted: true,
            });
        }
        None
    }

    /// "him" of "according to him", "lui" of "selon lui": the pronoun a source phrase puts
    /// after its preposition.
    fn pronoun_after_preposition(&self, i: usize) -> Option<Np<'a>> {
        let t = self.word(i)?;
        let &kind = self.lex.pronouns_after_prepositions.get(t.lower)?;
        Some(self.pronoun_np(i, kind))
    }

    /// The one a possessive determiner at `i` stands for: a pronoun where its form tells ("her"),
    /// else, like an omitted subject, whoever the passage is about ("su", "sein").
    fn possessor_at(&self, i: usize) -> Option<Np<'a>> {
        let t = self
            .tokens
            .get(i)
            .filter(|t| t.is_in(&self.lex.possessive_determiners))?;
        Some(match self.lex.pronouns.get(t.lower) {
            Some(&kind) => self.pronoun_np(i, kind),
            None => self.implicit_np(i),
        })
    }
}

/// How far from the sentence's start a verb may close a subject's appositive: "Ana Gómez, vecina
/// del barrio desde hace treinta años (RVB), dijo".
const APPOSITIVE_REACH: usize = 40;

fn named(np: &Np) -> bool {
    matches!(
        np.kind,
        NpKind::Person | NpKind::Organization | NpKind::Group
    )
}
