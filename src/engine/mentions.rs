//! Stage: tokens → mentions of who speaks. A noun phrase ("Pentagon spokesman Rear Admiral John
//! Kirby", "the State Department", "Con Edison officials", "he") is read off the tokens next to a
//! speech verb, then split into name, title, role and affiliation by the lexicon's word classes.

use super::lexicon::{Lexicon, PronounKind};
use super::tokens::{phrase_at, Kind, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Unknown,
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpKind {
    Person,
    Organization,
    Group,
    Pronoun(PronounKind),
    /// A role standing for a person already met ("the president", "the Virginia Democrat").
    Description,
    /// No words at all: the subject a null-subject language leaves out ("“…”, lamentó").
    Implicit,
}

/// A noun phrase naming a possible speaker. Its texts borrow the block's text and lowercase
/// words, so reading one allocates nothing; the registry copies what it keeps.
#[derive(Clone, Copy, Debug)]
pub struct Np<'a> {
    /// Token range, inclusive.
    pub first: usize,
    pub last: usize,
    pub kind: NpKind,
    /// Person: the name without titles ("John Kirby"); organisation or group: its name; description:
    /// its head noun ("president").
    pub name: &'a str,
    /// The phrase as it appears, without a leading article.
    pub surface: &'a str,
    pub role: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    pub gender: Gender,
    /// A person named by one word with nothing else to go on ("Parata", "Google").
    pub bare: bool,
}

pub struct Reader<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
    pub lex: &'a Lexicon,
}

impl<'a> Reader<'a> {
    pub(super) fn word(&self, i: usize) -> Option<&'a Token<'a>> {
        self.tokens.get(i).filter(|t| t.is_word())
    }

    pub fn pronoun(&self, i: usize) -> Option<PronounKind> {
        self.word(i).and_then(|t| self.pronoun_of(t))
    }

    /// What the word stands for if it is a pronoun.
    pub(super) fn pronoun_of(&self, t: &Token) -> Option<PronounKind> {
        if !t.is_in(&self.lex.pronoun_words) {
            return None;
        }
        self.lex.pronouns.get(t.lower).copied()
    }

    /// A title, or a compound ending with one ("Finanzministerin", "Parteichef").
    fn is_title(&self, t: &Token) -> bool {
        t.stem_is_in(&self.lex.titles)
            || t.cap && self.lex.is_compound_of(t.stem(), &self.lex.titles, 4)
    }

    /// A role, or a compound ending with a role long enough not to end other nouns by chance
    /// ("Finanzexperte", not "Flugzeuge").
    fn is_role(&self, t: &Token) -> bool {
        t.stem_is_in(&self.lex.roles)
            || t.cap && self.lex.is_compound_of(t.stem(), &self.lex.roles, 7)
            || self.is_age_noun(t)
    }

    /// "45-Jährige", "45-year-old".
    fn is_age_noun(&self, t: &Token) -> bool {
        t.lower.bytes().any(|b| b.is_ascii_digit())
            && Lexicon::ends_with_any(t.stem(), &self.lex.age_noun_endings)
    }

    /// A description that only ever refers back to someone met before: a person named by age
    /// ("der 45-Jährige") or by a party or body joined to a role ("die SPD-Politikerin").
    pub fn refers_back(&self, np: &Np) -> bool {
        let head = &self.tokens[np.last];
        let joined_role = head.stem().rsplit_once('-').is_some_and(|(prefix, role)| {
            head.cap && !prefix.is_empty() && self.lex.roles.contains(role)
        });
        np.kind == NpKind::Description && (self.is_age_noun(head) || joined_role)
    }

    fn is_group(&self, t: &Token) -> bool {
        t.stem_is_in(&self.lex.group_nouns)
    }

    fn is_org_word(&self, t: &Token) -> bool {
        t.stem_is_in(&self.lex.org_words)
    }

    /// Whether the words, possessive dropped, are exactly a country's name.
    fn is_country(&self, toks: &[Token]) -> bool {
        toks.first()
            .is_some_and(|t| self.lex.countries.may_start(t.stem_classes))
            && self.lex.countries.match_at(toks.iter().map(|t| t.stem())) == Some(toks.len())
    }

    /// A capitalised word that can be part of a name.
    fn is_name_word(&self, t: &Token) -> bool {
        t.is_word()
            && t.cap
            && !t.stem_is_in(&self.lex.not_names)
            && !t.lower.chars().all(|c| c.is_ascii_digit())
    }

    /// A word that can sit inside a speaker's noun phrase.
    fn np_word(&self, t: &Token) -> bool {
        t.is_word()
            && !t.is_in(&self.lex.pronoun_words)
            && (self.is_name_word(t)
                || self.is_title(t)
                || self.is_role(t)
                || t.stem_is_in(&self.lex.role_modifiers)
                || self.is_group(t)
                || self.is_org_word(t))
    }

    /// A word of a speaker's phrase at `i`, counting a capitalised word before a title as part of
    /// the title, even a misspelt one ("Read Admiral Kirby").
    fn np_word_at(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let next = self.tokens.get(i + 1).filter(|n| n.is_word());
        self.np_word(t)
            || t.is_word()
                && t.cap
                && next.is_some_and(|n| self.is_title(n) && n.cap)
            // The noun of a compound role: "mission manager", "campaign director".
            || self.lowercase_modifier(t)
                && !t.is_in(&self.lex.pronoun_words)
                && !t.is_in(&self.lex.speech_verbs)
                && next.is_some_and(|n| self.is_role(n) && !n.cap)
    }

    /// A lowercase word that may qualify a role inside a speaker's phrase ("opositora" in "la
    /// diputada opositora Ana Ruiz", "mission" in "mission manager"): not an article, preposition
    /// or coordinator.
    fn lowercase_modifier(&self, t: &Token) -> bool {
        t.is_word()
            && !t.cap
            && !t.is_in(&self.lex.articles)
            && !t.is_in(&self.lex.prepositions)
            && !t.is_in(&self.lex.coordinators)
    }

    /// The last token of the run of name, title and connector words starting at `i`.
    pub fn np_end(&self, i: usize, to: usize) -> usize {
        let mut j = i;
        while j + 1 < to
            && self.tokens[j + 1].is_word()
            && (self.tokens[j + 1].cap
                || self.is_title(&self.tokens[j + 1])
                || self.connector_inside(j + 1)
                    && !self.tokens[j + 1].is_in(&self.lex.coordinators))
        {
            j += 1;
        }
        j
    }

    /// Whether token `i` lies inside a multi-word title ("Secretary of State").
    fn in_title_phrase(&self, i: usize, floor: usize) -> bool {
        (floor.max(i.saturating_sub(4))..=i).any(|k| {
            phrase_at(&self.lex.title_phrases, &self.tokens[k..])
                .is_some_and(|len| k + len > i && len > 1)
        })
    }

    /// A word joining the parts of a name, or a particle inside one.
    fn is_connector(&self, t: &Token) -> bool {
        t.is_in(&self.lex.name_connectors) || t.is_in(&self.lex.name_particles)
    }

    fn connector_inside(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        (self.is_connector(t) || t.lower == "&")
            && self.tokens.get(i + 1).is_some_and(|n| self.is_name_word(n))
            && i > 0
            && self.np_word(&self.tokens[i - 1])
            && !self.tokens[i - 1].is_possessive()
    }

    /// The noun phrase ending at token `last` (reading leftwards, not before `floor`).
    pub fn np_ending_at(&self, last: usize, floor: usize) -> Option<Np<'a>> {
        let t = self.word(last)?;
        if let Some(kind) = self.pronoun_of(t) {
            return Some(self.pronoun_np(last, kind));
        }
        if !self.np_word(t) {
            return None;
        }
        let mut first = last;
        while first > floor {
            let p = first - 1;
            let prev = &self.tokens[p];
            if prev.is_word()
                && (self.np_word_at(p) || self.connector_inside(p) || prev.lower == "'s")
            {
                first = p;
            } else {
                break;
            }
        }
        // Groups take their adjectives and quantifiers: "most experts", "indigenous elders".
        if self.is_group(&self.tokens[last]) {
            let mut k = 0;
            while k < 2 && first > floor {
                let prev = &self.tokens[first - 1];
                let quantifier = prev.is_in(&self.lex.quantifiers);
                if prev.is_word()
                    && !prev.cap
                    && (quantifier
                        || !prev.is_in(&self.lex.not_names)
                            && !prev.is_in(&self.lex.speech_verbs)
                            && !Lexicon::ends_with_any(prev.lower, &self.lex.participle_endings))
                {
                    first -= 1;
                    k += 1;
                } else {
                    break;
                }
            }
        }
        // Leading connectors never start a phrase; "and" never does either.
        while first < last && self.is_connector(&self.tokens[first]) {
            first += 1;
        }
        self.classify(first, last)
    }

    /// The noun phrase starting at token `first`, with an appositive role after a comma
    /// ("said Ian Michaels, a spokesman for the city's Department of Design").
    pub fn np_starting_at(&self, first: usize, ceiling: usize) -> Option<Np<'a>> {
        let t = self.word(first)?;
        if let Some(kind) = self.pronoun_of(t) {
            return Some(self.pronoun_np(first, kind));
        }
        let mut start = first;
        // "the minister", and possessives that open a group: "its creators", "their lawyers".
        let possessive_group = |i: usize| {
            t.is_in(&self.lex.possessive_determiners)
                && self.word(i + 1).is_some_and(|n| self.is_group(n))
        };
        if possessive_group(first) {
            return self.classify_group(first, first + 1);
        }
        if t.is_in(&self.lex.articles) {
            start += 1;
        }
        // "Rosetta's former mission manager Gerhard Schwehm": the possessor is the person's
        // affiliation, the phrase after it the person.
        // One level only: a run of possessives ("A's B's C's …") must not recurse down the run.
        let possessive_follows = self
            .word(first + 1)
            .is_some_and(|n| n.cap && n.is_possessive());
        if t.cap && t.is_possessive() && start == first && !possessive_follows {
            let owned = self
                .np_starting_at(first + 1, ceiling)
                .filter(|np| matches!(np.kind, NpKind::Person | NpKind::Description));
            if let Some(mut np) = owned {
                np.first = first;
                let stem_len = t.end - t.start - (t.lower.len() - t.stem().len());
                np.affiliation = np
                    .affiliation
                    .or(Some(&self.text[t.start..t.start + stem_len]));
                return Some(np);
            }
        }
        let mut last = start;
        if self.word(start).is_none() || !self.np_word_at(start) {
            return None;
        }
        while last + 1 < ceiling {
            let n = &self.tokens[last + 1];
            // A lowercase adjective between a role and a name: "la diputada opositora Ana Ruiz".
            let adjective_before_name = self.lowercase_modifier(n)
                && self.is_role(&self.tokens[last])
                && self
                    .tokens
                    .get(last + 2)
                    .is_some_and(|next| self.is_name_word(next));
            if n.is_word()
                && (self.np_word_at(last + 1)
                    || self.connector_inside(last + 1)
                    || self.in_title_phrase(last + 1, start)
                    || adjective_before_name)
                && !n.is_in(&self.lex.speech_verbs)
            {
                last += 1;
            } else {
                break;
            }
            if self.tokens[last].is_possessive()
                && !self.tokens.get(last + 1).is_some_and(|n| self.np_word(n))
            {
                break;
            }
        }
        while last > start && self.tokens[last].is_in(&self.lex.name_connectors) {
            last -= 1;
        }
        let mut np = self.classify(start, last)?;
        if np.kind == NpKind::Person {
            if let Some((affiliation, end)) = self.affiliation_after(last, ceiling) {
                np.affiliation = Some(affiliation);
                np.last = end;
            }
            if let Some((role, end)) = self.appositive_span(np.last, ceiling) {
                np.role = np.role.or(Some(role));
                np.last = end;
            }
        }
        Some(np)
    }

    /// "of the city's Department of Environmental Protection" after a name: where they come from.
    fn affiliation_after(&self, last: usize, ceiling: usize) -> Option<(&'a str, usize)> {
        self.word(last + 1)
            .filter(|t| t.is_in(&self.lex.affiliation_prepositions))?;
        let mut end = last + 1;
        while end + 1 < ceiling {
            let t = &self.tokens[end + 1];
            let fits = t.is_word()
                && (t.cap
                    || self.is_org_word(t)
                    || t.is_possessive()
                    || t.is_in(&self.lex.articles)
                    || self.connector_inside(end + 1));
            if !fits {
                break;
            }
            end += 1;
        }
        while end > last + 1 && !self.tokens[end].cap && !self.is_org_word(&self.tokens[end]) {
            end -= 1;
        }
        (end > last + 1 && self.tokens[last + 2..=end].iter().any(|t| t.cap))
            .then(|| (self.slice(last + 2, end), end))
    }

    /// ", a fellow at the Urban Institute," after a name: the role, when its head is a role noun.
    pub fn appositive_after(&self, last: usize, ceiling: usize) -> Option<&'a str> {
        self.appositive_span(last, ceiling).map(|(role, _)| role)
    }

    /// The appositive role after `last` and the token it ends at.
    fn appositive_span(&self, last: usize, ceiling: usize) -> Option<(&'a str, usize)> {
        if !self.tokens.get(last + 1)?.is_punct(',') {
            return None;
        }
        let from = last + 2;
        let mut to = from;
        while to < ceiling.min(from + 25) && self.tokens[to].is_word() {
            to += 1;
        }
        let words = &self.tokens[from..to];
        let head = words
            .iter()
            .position(|t| self.is_role(t) || self.is_title(t) && !t.cap)?;
        if head > 6
            || words
                .first()
                .is_some_and(|t| t.is_in(&self.lex.relative_pronouns))
        {
            return None;
        }
        let skip = usize::from(words.len() > 1 && words[0].is_in(&self.lex.articles));
        let text = &self.text[words[skip].start..words[words.len() - 1].end];
        Some((text, to - 1))
    }

    /// A description as the article words it, with its determiner ("an insider", "one
    /// executive", "a spokesman for the agency"): the name of a source never named.
    pub fn described_source(&self, np: &Np) -> &'a str {
        // Back over modifiers ("a Paris flower seller") to the determiner, a possessive
        // ("his lawyer", "Jane Doe's brother") included; without one, the phrase as read.
        let determiner = |t: &Token| {
            t.is_in(&self.lex.articles)
                || t.is_in(&self.lex.quantifiers)
                || t.is_in(&self.lex.possessive_determiners)
                || t.is_possessive()
        };
        let mut first = np.first;
        for k in (np.first.saturating_sub(4)..np.first).rev() {
            let t = &self.tokens[k];
            if !t.is_word()
                || t.is_in(&self.lex.speech_verbs)
                || t.is_in(&self.lex.prepositions)
                || t.is_in(&self.lex.coordinators)
            {
                break;
            }
            if determiner(t) {
                first = k;
                // A possessive name takes its first names with it.
                while t.is_possessive() && first > 0 && self.is_name_word(&self.tokens[first - 1]) {
                    first -= 1;
                }
                break;
            }
        }
        self.slice(first, np.last)
    }

    /// The person a description stands in apposition to: "Ann Lee" in "Ann Lee, a Texas
    /// Republican who …".
    pub fn appositive_of(&self, np: &Np) -> Option<Np<'a>> {
        // Closed by a comma or a relative clause; not the subject of the verb after it
        // ("Interrogé par l'agence, le ministre a répondu").
        let closed = self.tokens.get(np.last + 1).is_some_and(|t| {
            t.is_punct(',')
                || t.is_in(&self.lex.relative_pronouns)
                || t.is_in(&self.lex.person_relatives)
        });
        if !closed {
            return None;
        }
        let mut k = np.first.checked_sub(1)?;
        if self.tokens[k].is_in(&self.lex.articles) {
            k = k.checked_sub(1)?;
        }
        if !self.tokens[k].is_punct(',') {
            return None;
        }
        self.np_ending_at(k.checked_sub(1)?, 0)
            .filter(|person| person.kind == NpKind::Person)
    }

    /// "a spokesman for the city council": the person described, of the organisation named after
    /// the role, when the phrase read leftwards stopped at the organisation.
    pub fn role_before(&self, np: Np<'a>, floor: usize) -> Option<Np<'a>> {
        if !matches!(
            np.kind,
            NpKind::Organization | NpKind::Group | NpKind::Person
        ) {
            return None;
        }
        let mut k = np.first.checked_sub(1)?;
        if self.tokens[k].is_in(&self.lex.articles) {
            k = k.checked_sub(1)?;
        }
        if k <= floor || !self.is_affiliation_word(&self.tokens[k]) {
            return None;
        }
        let mut role = self
            .np_ending_at(k - 1, floor)
            .filter(|r| r.kind == NpKind::Description)?;
        role.affiliation = Some(np.name);
        role.last = np.last;
        Some(role)
    }

    /// "said a member of the Tenants Union": a role followed by the organisation it is of.
    pub fn role_after(&self, np: Np<'a>, ceiling: usize) -> Option<Np<'a>> {
        if np.kind != NpKind::Description {
            return None;
        }
        let mut k = np.last + 1;
        if !self
            .tokens
            .get(k)
            .is_some_and(|t| self.is_affiliation_word(t))
        {
            return None;
        }
        k += 1;
        if self
            .tokens
            .get(k)
            .is_some_and(|t| t.is_in(&self.lex.articles))
        {
            k += 1;
        }
        let of = self.np_starting_at(k, ceiling).filter(|o| {
            matches!(
                o.kind,
                NpKind::Organization | NpKind::Person | NpKind::Group | NpKind::Description
            )
        })?;
        let mut role = np;
        role.affiliation = Some(of.name);
        role.last = of.last;
        Some(role)
    }

    /// "said the head of the regional office, Luis Pérez.": a description, then after a comma the
    /// name it describes, closing the sentence or clause. The person, with the description as role.
    pub fn named_after_description(&self, np: &Np<'a>, ceiling: usize) -> Option<Np<'a>> {
        /// The most words a description runs before its name.
        const MAX_DESCRIPTION: usize = 30;
        if np.kind != NpKind::Description {
            return None;
        }
        let comma = (np.last + 1..ceiling.min(np.last + 1 + MAX_DESCRIPTION))
            .take_while(|&k| self.tokens[k].is_word() || self.tokens[k].is_punct(','))
            .find(|&k| self.tokens[k].is_punct(','))?;
        let mut person = self
            .np_starting_at(comma + 1, ceiling)
            .filter(|p| p.kind == NpKind::Person && !p.bare)?;
        let closes = person.last + 1 >= ceiling
            || matches!(
                self.tokens[person.last + 1].kind,
                Kind::Punct('.' | ',' | ';' | ')')
            );
        if !closes {
            return None;
        }
        let role = self.slice(np.first, comma - 1);
        person.role = person.role.or(Some(role));
        if person.gender == Gender::Unknown {
            person.gender = np.gender;
        }
        person.first = np.first;
        Some(person)
    }

    /// "of", "for", "at": a word that ties a role to where it is held.
    fn is_affiliation_word(&self, t: &Token) -> bool {
        t.is_in(&self.lex.affiliation_prepositions)
            || t.is_in(&self.lex.name_connectors) && !t.is_in(&self.lex.coordinators)
    }

    /// The subject left out before the verb at token `i`.
    pub(super) fn implicit_np(&self, i: usize) -> Np<'a> {
        Np {
            first: i,
            last: i,
            kind: NpKind::Implicit,
            name: "",
            surface: "",
            role: None,
            affiliation: None,
            gender: Gender::Unknown,
            bare: false,
        }
    }

    pub(super) fn pronoun_np(&self, i: usize, kind: PronounKind) -> Np<'a> {
        let t = &self.tokens[i];
        Np {
            first: i,
            last: i,
            kind: NpKind::Pronoun(kind),
            name: t.lower,
            surface: &self.text[t.start..t.end],
            role: None,
            affiliation: None,
            gender: match kind {
                PronounKind::Male => Gender::Male,
                PronounKind::Female => Gender::Female,
                _ => Gender::Unknown,
            },
            bare: false,
        }
    }

    /// The text of tokens `a..=b`.
    pub(super) fn slice(&self, a: usize, b: usize) -> &'a str {
        if a > b {
            return "";
        }
        &self.text[self.tokens[a].start..self.tokens[b].end]
    }

    fn gender_of(&self, tokens: &[Token]) -> Gender {
        for t in tokens {
            if t.stem_is_in(&self.lex.male_words) {
                return Gender::Male;
            }
            if t.stem_is_in(&self.lex.female_words) {
                return Gender::Female;
            }
        }
        Gender::Unknown
    }

    /// The sex a first name tells ("Anna", "Jean-Luc" by its first part), if it tells one.
    fn given_name_gender(&self, first_name: &Token) -> Gender {
        let name = first_name.lower.split('-').next().unwrap_or_default();
        if self.lex.male_given_names.contains(name) {
            Gender::Male
        } else if self.lex.female_given_names.contains(name) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    /// Splits tokens `first..=last` into name, title, role and affiliation.
    pub fn classify(&self, mut first: usize, last: usize) -> Option<Np<'a>> {
        if first > last {
            return None;
        }
        // Articles and sentence-opening words ("In Whole Foods", "If Sudan") are not the name.
        while first <= last
            && (self.tokens[first].is_in(&self.lex.articles)
                || self.tokens[first].cap
                    && self.tokens[first].is_in(&self.lex.not_names)
                    && !self.tokens.get(first + 1).is_some_and(|n| self.is_title(n)))
        {
            first += 1;
        }
        if first > last {
            return None;
        }
        let toks = &self.tokens[first..=last];
        let surface = strip_possessive(self.slice(first, last));
        let gender = self.gender_of(&self.tokens[first.saturating_sub(1)..=last]);
        let make =
            |kind, name: &'a str, role: Option<&'a str>, affiliation: Option<&'a str>, bare| Np {
                first,
                last,
                kind,
                name,
                surface,
                role,
                affiliation,
                gender,
                bare,
            };
        // An organisation named by tokens `from..=last`.
        let organization = |from: usize| {
            let name = strip_possessive(self.slice(from, last));
            make(NpKind::Organization, name, None, None, false)
        };
        if self.is_country(toks) {
            return Some(make(
                NpKind::Organization,
                strip_possessive(surface),
                None,
                None,
                false,
            ));
        }
        let tail = &toks[toks.len() - 1];
        // "police" is a group, "West Mercia police" an organisation.
        let named_org = self.is_org_word(tail)
            && toks.len() > 1
            && toks[..toks.len() - 1].iter().all(|t| t.cap);
        if self.is_group(tail) && !named_org {
            return Some(make(
                NpKind::Group,
                strip_possessive(surface),
                None,
                None,
                false,
            ));
        }
        // "Senator Mitch McConnell of Kentucky", "Tasos Georgelis of the city's…": a person, then
        // where they come from.
        if let Some(c) = (first..=last).find(|&i| {
            self.tokens[i].is_in(&self.lex.name_connectors)
                && !self.tokens[i].is_in(&self.lex.coordinators)
                && !self.in_title_phrase(i, first)
        }) {
            if c > first && c < last {
                if let Some(mut np) = self.classify(first, c - 1) {
                    if np.kind == NpKind::Person && !np.bare || np.kind == NpKind::Description {
                        np.affiliation = Some(strip_possessive(self.slice(c + 1, last)));
                        np.last = last;
                        np.surface = surface;
                        return Some(np);
                    }
                    // "fuentes del Ministerio": a group of an organisation, named whole.
                    if np.kind == NpKind::Group {
                        np.affiliation = Some(strip_possessive(self.slice(c + 1, last)));
                        np.last = last;
                        np.surface = surface;
                        np.name = surface;
                        return Some(np);
                    }
                }
            }
        }
        // The core: the capitalised run at the end, titles and roles excluded.
        let mut core = last + 1;
        while core > first {
            let t = &self.tokens[core - 1];
            let name_like = self.is_name_word(t)
                && !self.is_title(t)
                && !self.is_role(t)
                && !self.in_title_phrase(core - 1, first)
                || t.is_in(&self.lex.name_particles) && core <= last;
            let inner_connector =
                core - 1 > first && core <= last && self.connector_inside(core - 1);
            if (name_like || inner_connector) && !(t.is_possessive() && core - 1 != last) {
                core -= 1;
            } else {
                break;
            }
        }
        // "Rentnerin Erika Schulz", "Reporter Jane Smith": a word before a first name that is
        // none itself is not part of the name.
        if core + 2 <= last
            && self.given_name_gender(&self.tokens[core]) == Gender::Unknown
            && self.given_name_gender(&self.tokens[core + 1]) != Gender::Unknown
        {
            core += 1;
        }
        let core_toks = &self.tokens[core.min(last + 1)..=last];
        let org_core = core_toks.iter().any(|t| self.is_org_word(t)) || self.is_country(core_toks);
        if core > last {
            // No name: "West Mercia police" / "the Pentagon" style organisations, or a description.
            if self.is_org_word(tail) {
                let caps_before = toks
                    .iter()
                    .rev()
                    .skip(1)
                    .take_while(|t| self.is_name_word(t) || self.is_org_word(t))
                    .count();
                let definite = first > 0 && self.tokens[first - 1].is_in(&self.lex.articles);
                if definite && !self.is_group(tail) {
                    return Some(make(NpKind::Organization, surface, None, None, false));
                }
                if caps_before > 0 || tail.cap {
                    return Some(organization(last - caps_before));
                }
            }
            if self.is_role(tail) || self.is_title(tail) {
                let affiliation = self.affiliation_before(first, last);
                return Some(make(
                    NpKind::Description,
                    tail.stem(),
                    Some(strip_possessive(surface)),
                    affiliation,
                    false,
                ));
            }
            return None;
        }
        if org_core {
            // An organisation may start before a title-like word: "State Department", "Foreign Office".
            let mut from = core;
            while from > first
                && (self.is_name_word(&self.tokens[from - 1])
                    || self.is_org_word(&self.tokens[from - 1]))
                && !self.tokens[from - 1].is_possessive()
            {
                from -= 1;
            }
            return Some(organization(from));
        }
        let name = strip_possessive(self.slice(core, last));
        let before = &self.tokens[first..core];
        let titled = before.iter().any(|t| self.is_title(t) || self.is_role(t));
        let role_text = (core > first).then(|| self.slice(first, core - 1));
        let honorific_only = before.iter().all(|t| {
            t.stem_is_in(&self.lex.male_words)
                || t.stem_is_in(&self.lex.female_words)
                || t.stem_is_in(&self.lex.honorifics)
        });
        let title_start = (first..core)
            .rev()
            .take_while(|&k| {
                self.is_title(&self.tokens[k]) && self.tokens[k].cap
                    || self.in_title_phrase(k, first)
            })
            .last();
        let role_before_title = title_start
            .filter(|&ts| ts > first && (first..ts).any(|k| self.is_role(&self.tokens[k])))
            .map(|ts| self.slice(first, ts - 1));
        let role = role_before_title
            .or(role_text)
            .filter(|_| titled && !honorific_only);
        let affiliation = if core > first {
            self.affiliation_before(first, core - 1)
        } else {
            None
        };
        let bare = core == last && !titled && before.is_empty();
        let mut person = make(NpKind::Person, name, role, affiliation, bare);
        if person.gender == Gender::Unknown && core < last {
            person.gender = self.given_name_gender(&self.tokens[core]);
        }
        Some(person)
    }

    /// A group named with a possessive: "its creators".
    fn classify_group(&self, first: usize, last: usize) -> Option<Np<'a>> {
        Some(Np {
            first,
            last,
            kind: NpKind::Group,
            name: self.slice(first, last),
            surface: self.slice(first, last),
            role: None,
            affiliation: None,
            gender: Gender::Unknown,
            bare: false,
        })
    }

    /// The capitalised words in front of a role noun: "Pentagon" in "Pentagon spokesman", "BBC"
    /// in "the BBC's North America editor".
    fn affiliation_before(&self, first: usize, last: usize) -> Option<&'a str> {
        let role_at = (first..=last).find(|&i| {
            self.is_role(&self.tokens[i]) && !self.tokens[i].cap || self.tokens[i].is_possessive()
        })?;
        if self.tokens[role_at].is_possessive() {
            return Some(strip_possessive(self.slice(first, role_at)));
        }
        let caps = (first..role_at)
            .take_while(|&i| {
                self.is_name_word(&self.tokens[i]) || self.is_org_word(&self.tokens[i])
            })
            .count();
        (caps > 0).then(|| self.slice(first, first + caps - 1))
    }

    /// The first person named in the sentence `from..to`, with any appositive: the subject that
    /// "…, saying …" and "…, adding …" report.
    pub fn sentence_subject(&self, from: usize, to: usize) -> Option<Np<'a>> {
        let mut i = from;
        while i < to.min(from + 16) {
            if self.tokens[i].quote().is_some() || self.tokens[i].kind == Kind::Punct(';') {
                return None;
            }
            if let Some(kind) = self.pronoun(i) {
                if i == from || self.tokens[i - 1].is_punct(',') {
                    return Some(self.pronoun_np(i, kind));
                }
            }
            if self.word(i).is_some_and(|t| self.np_word(t)) {
                let mut j = i;
                while j + 1 < to
                    && (self.np_word(&self.tokens[j + 1]) || self.connector_inside(j + 1))
                {
                    j += 1;
                }
                if let Some(np) = self.classify(i, j) {
                    if matches!(
                        np.kind,
                        NpKind::Person | NpKind::Organization | NpKind::Group
                    ) && (!np.bare || i == from)
                    {
                        return Some(np);
                    }
                }
                i = j + 1;
            } else {
                i += 1;
            }
        }
        None
    }
}

pub fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| s.strip_suffix('\''))
        .or_else(|| s.strip_suffix('’'))
        .unwrap_or(s)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::for_language;
    use crate::engine::tokens::{tokenize, Buffers};

    /// What `check` says of the noun phrase ending `text`.
    fn np<R>(text: &str, check: impl FnOnce(Np) -> R) -> R {
        let lex = for_language("en");
        let mut buffers = Buffers::default();
        let tokens = tokenize(text, &[], lex, &mut buffers);
        let reader = Reader {
            text,
            tokens: &tokens,
            lex,
        };
        check(reader.np_ending_at(tokens.len() - 1, 0).expect(text))
    }

    #[test]
    fn splits_role_title_and_name() {
        np("Pentagon spokesman Rear Admiral John Kirby", |p| {
            assert_eq!((p.kind, p.name), (NpKind::Person, "John Kirby"));
            assert_eq!(p.role, Some("Pentagon spokesman"));
            assert_eq!(p.affiliation, Some("Pentagon"));
        });
        assert_eq!(
            np("Secretary of State John Kerry", |p| p.name.to_string()),
            "John Kerry"
        );
        assert_eq!(np("Read Admiral Kirby", |p| p.name.to_string()), "Kirby");
        assert_eq!(np("Mr Kerry", |p| p.gender), Gender::Male);
    }

    #[test]
    fn knows_organisations_groups_and_descriptions() {
        assert_eq!(np("The United States", |p| p.kind), NpKind::Organization);
        assert_eq!(
            np("the State Department", |p| p.name.to_string()),
            "State Department"
        );
        assert_eq!(np("West Mercia police", |p| p.kind), NpKind::Organization);
        assert_eq!(np("Con Edison officials", |p| p.kind), NpKind::Group);
        assert_eq!(np("the president", |p| p.kind), NpKind::Description);
    }
}
