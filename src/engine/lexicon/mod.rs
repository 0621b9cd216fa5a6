//! Per-language word lists (speech verbs, titles, roles, pronouns, quote styles…), read from the
//! plain-text data files beside this module. Everything language-specific lives in those files;
//! the rules in the other modules only ask questions of a [`Lexicon`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A word-at-a-time hash in the manner of rustc's FxHash: lexicon keys are short words, hashed
/// once per token, where it is several times faster than SipHash and hash flooding is no concern
/// (the keys are our own word lists).
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy of variable length would be a call to memmove.
            let word = rest
                .iter()
                .rev()
                .fold(0, |word, &b| word << 8 | u64::from(b));
            self.add(word);
        }
    }
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

const COMMON: &str = include_str!("common.txt");
const GIVEN_NAMES: &str = include_str!("given_names.txt");
const LANGUAGES: [(&str, &str); 5] = [
    ("en", include_str!("en.txt")),
    ("fr", include_str!("fr.txt")),
    ("es", include_str!("es.txt")),
    ("pt", include_str!("pt.txt")),
    ("de", include_str!("de.txt")),
];

/// The word lists a word belongs to, looked up once per token so that rules test bits instead of
/// hashing the word again for every list: for list k, bit 2k says the word is a one-word entry,
/// bit 2k+1 that some entry starts with it.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Classes(u64);

/// How many lists have their bits in [`Classes`]: two bits each must fit in one 64-bit word (a
/// wider one costs two operations a test in WebAssembly). Lists asked about only at a few places
/// are looked up by word instead.
const LISTS: usize = 32;
const _: () = assert!(2 * LISTS <= 64);

/// A set of words and multi-word phrases, looked up on lowercase tokens.
#[derive(Default, Debug)]
pub struct PhraseSet {
    by_first: FastMap<String, Vec<Vec<String>>>,
    /// This list's index in [`Classes`], if it has one.
    list: u32,
    indexed: bool,
}

impl PhraseSet {
    fn insert(&mut self, entry: &str) {
        let words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
        if let Some(first) = words.first().cloned() {
            let list = self.by_first.entry(first).or_default();
            list.push(words);
            // Longest phrases first, so matching is greedy.
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// Whether `word` is a one-word entry.
    pub fn contains(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|l| l.iter().any(|p| p.len() == 1))
    }

    /// The one-word entries.
    fn words(&self) -> impl Iterator<Item = &str> {
        self.by_first
            .iter()
            .filter(|(_, phrases)| phrases.iter().any(|p| p.len() == 1))
            .map(|(word, _)| word.as_str())
    }

    /// Whether the list's words are marked in [`Classes`]; if not, ask [`PhraseSet::contains`].
    pub fn is_indexed(&self) -> bool {
        self.indexed
    }

    /// Whether a word of these classes is a one-word entry.
    pub fn holds(&self, classes: Classes) -> bool {
        debug_assert!(self.indexed, "an unindexed list is asked by word");
        classes.0 & (1 << (2 * self.list)) != 0
    }

    /// Whether some entry starts with a word of these classes.
    pub fn may_start(&self, classes: Classes) -> bool {
        classes.0 & (1 << (2 * self.list + 1)) != 0
    }

    /// The length in words of the longest entry starting at `words[0]`.
    pub fn match_at<'a, I>(&self, words: I) -> Option<usize>
    where
        I: Clone + Iterator<Item = &'a str>,
    {
        let first = words.clone().next()?;
        let candidates = self.by_first.get(first)?;
        candidates
            .iter()
            .find(|p| {
                p.iter()
                    .map(String::as_str)
                    .zip(words.clone())
                    .take_while(|(a, b)| a == b)
                    .count()
                    == p.len()
            })
            .map(Vec::len)
    }

    /// The length of the longest entry that ends exactly at the last of `words` (given in order).
    pub fn match_ending(&self, words: &[&str]) -> Option<usize> {
        let mut best = None;
        for start in 0..words.len() {
            if let Some(list) = self.by_first.get(words[start]) {
                let rest = &words[start..];
                if list
                    .iter()
                    .any(|p| p.len() == rest.len() && p.iter().zip(rest).all(|(a, b)| a == b))
                {
                    best = Some(rest.len());
                    break;
                }
            }
        }
        best
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    Male,
    Female,
    Organization,
    Plural,
    /// I, we, you: the writer or the reader, never an actor of the article.
    None,
}

/// One language's word lists.
#[derive(Default, Debug)]
pub struct Lexicon {
    pub quote_pairs: Vec<(char, char)>,
    /// Every mark of `quote_pairs`, for the scanner's per-character test.
    marks: Vec<char>,
    pub speech_verbs: PhraseSet,
    /// The particles that complete a split verb of saying, by its finite form: German "teilte …
    /// mit" is speech, "teilte" alone ("shared") is not.
    pub speech_verb_particles: FastMap<String, Vec<String>>,
    pub naming_verbs: PhraseSet,
    pub cue_adverbs: PhraseSet,
    pub cue_tails: PhraseSet,
    /// Token patterns with one `X` slot for the speaker ("according to X").
    pub source_patterns: Vec<Vec<String>>,
    pub passive_aux: PhraseSet,
    pub passive_by: PhraseSet,
    pub complementizers: PhraseSet,
    pub titles: PhraseSet,
    pub title_phrases: PhraseSet,
    pub roles: PhraseSet,
    pub role_modifiers: PhraseSet,
    pub org_words: PhraseSet,
    pub group_nouns: PhraseSet,
    pub countries: PhraseSet,
    pub articles: PhraseSet,
    pub not_clause_starts: PhraseSet,
    pub not_names: PhraseSet,
    pub abbreviations: PhraseSet,
    pub pronouns: FastMap<String, PronounKind>,
    /// The forms pronouns take after a preposition ("according to him", "selon lui", "según
    /// él"), for the source phrases that put one there.
    pub pronouns_after_prepositions: FastMap<String, PronounKind>,
    /// The words of `pronouns`, as a list for [`Classes`].
    pub pronoun_words: PhraseSet,
    pub male_words: PhraseSet,
    pub female_words: PhraseSet,
    /// Words and phrases that take a side on what follows them ("open to", "rejected").
    pub stance_for: PhraseSet,
    pub stance_against: PhraseSet,
    /// The words that close the object of a split stance phrase, by the phrase's opening words:
    /// "lehnt … ab" reads "lehnt den Plan ab", and "lehnt" without "ab" takes no side.
    pub stance_closings: FastMap<String, Vec<String>>,
    /// "not", "nie", "jamais": a stance phrase next to one is negated.
    pub negations: PhraseSet,
    /// Words that start a new clause inside a sentence (subordinate conjunctions, relative
    /// pronouns, "but"): a stance's object ends before them.
    pub object_ends: PhraseSet,
    /// "it", "ihn": pronouns that may stand as a verb's object, naming nothing themselves.
    pub object_pronouns: PhraseSet,
    /// Prepositions: a name right after one is a place or an object, not yet a subject.
    pub prepositions: PhraseSet,
    /// "and", "but": a verb after one shares the clause's subject.
    pub coordinators: PhraseSet,
    /// "who", "which": a verb after one belongs to the noun before it.
    pub relative_pronouns: PhraseSet,
    /// Relative pronouns that stand for people only ("who"): "X, who said …" makes X a speaker,
    /// where "which said" may not be speech at all ("which maintains the city's pipes").
    pub person_relatives: PhraseSet,
    /// Words that make a verb impersonal ("se informó"): no one in particular speaks.
    pub impersonal_markers: PhraseSet,
    /// Verb forms that mark reported speech by their mood alone (German Konjunktiv I: "sei",
    /// "habe"): the sentence reports what the one the text is about said.
    pub reported_speech_markers: PhraseSet,
    /// "most", "several": they open a group's phrase ("most experts").
    pub quantifiers: PhraseSet,
    /// "its", "their": they open a group's phrase ("their lawyers").
    pub possessive_determiners: PhraseSet,
    /// Words that join the parts of one name ("Department of State", "Procter and Gamble").
    pub name_connectors: PhraseSet,
    /// Lowercase particles inside personal names ("van", "de", "bin").
    pub name_particles: PhraseSet,
    /// Words that introduce where a named person comes from ("of the city's …").
    pub affiliation_prepositions: PhraseSet,
    /// Verbs whose object is the one spoken to, part of the cue ("told reporters").
    pub telling_verbs: PhraseSet,
    /// Words opening a sentence that stand for the quotation before it as what a verb of saying
    /// says: "„…“ Das sagte Weber am Montag.", "Así lo dijo el ministro."
    pub quote_back_references: PhraseSet,
    /// Prepositions that bring in the one spoken to between an inverted verb and its speaker:
    /// "afirmó a EFE el portavoz", "disse à Folha o ministro".
    pub addressee_prepositions: PhraseSet,
    /// Honorifics that say nothing of a role ("Dr", "Prof").
    pub honorifics: PhraseSet,
    /// Asides between an inverted verb and its speaker: "estime de son côté Sophie Binet",
    /// "afirmó por su parte el ministro".
    pub inverted_cue_asides: PhraseSet,
    /// Given names that tell their bearer's sex, in every language ("Anna Berg" is "she").
    pub male_given_names: PhraseSet,
    pub female_given_names: PhraseSet,
    /// Word endings of past participles ("ed"): a passive cue ("was described … by").
    pub participle_endings: Vec<String>,
    /// Words elided before a vowel and written with an apostrophe ("l", "qu"): "l'Agence" is read
    /// as two words.
    pub elisions: PhraseSet,
    /// Past participles that no ending gives ("said", "told"): "was said to be" is passive.
    pub irregular_participles: PhraseSet,
    /// Word endings of manner adverbs ("ly"), skipped between a subject and its verb.
    pub adverb_endings: Vec<String>,
    /// Word endings of the participle that reports ("saying", "diciendo").
    pub gerund_endings: Vec<String>,
    /// Word endings of the nouns that name a person by age ("45-Jährige", "45-year-old"): with a
    /// digit, a description of someone met before.
    pub age_noun_endings: Vec<String>,
    /// The language drops subject pronouns ("dijo" alone is "he said"): a speech verb without a
    /// subject speaks for the one who spoke or was named last.
    pub null_subject: bool,
    /// The language writes compound nouns as one word ending with its head ("Finanzministerin"):
    /// a word that ends with a title or role is one.
    pub compounds: bool,
    /// Writing sets an incise naming the speaker inside the quotation's own marks (French,
    /// Portuguese: « C'est fini, a-t-il dit. Rien. »): quotations are read for one.
    pub incises_inside_quotes: bool,
    /// Every noun is capitalised (German): a capitalised word is no sign of a name or a title.
    pub capitalised_nouns: bool,
    /// The first words of `source_patterns` ("according"), as a list for [`Classes`].
    pub source_openers: PhraseSet,
    /// Every word of every list above, with the lists it is in: words of up to eight bytes (most
    /// of them) keyed by their bytes as one integer, so a lookup compares integers, not strings.
    short_words: ShortWords,
    long_words: FastMap<String, Classes>,
}

/// Words of up to eight bytes, packed into integers, with their classes: an open-addressing table
/// at most half full, where a lookup is a multiplication and usually one comparison (a general map
/// hashes and probes groups, and this lookup runs for every word of the text).
#[derive(Default, Debug)]
struct ShortWords {
    slots: Vec<(u64, Classes)>,
}

impl ShortWords {
    fn new(entries: &FastMap<u64, Classes>) -> Self {
        let size = (2 * entries.len()).next_power_of_two().max(16);
        let mut table = ShortWords {
            slots: vec![(0, Classes::default()); size],
        };
        for (&key, &classes) in entries {
            let mut at = table.home(key);
            while table.slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = (key, classes);
        }
        table
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// A key's classes; an empty slot (key 0: no word packs to it) ends the search.
    fn get(&self, key: u64) -> Classes {
        if self.slots.is_empty() {
            return Classes::default();
        }
        let mut at = self.home(key);
        loop {
            let (slot, classes) = self.slots[at];
            if slot == key {
                return classes;
            }
            if slot == 0 {
                return Classes::default();
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }
}

/// A word of up to eight bytes as one integer (no word contains a NUL byte, so zero padding is
/// unambiguous).
fn packed(word: &str) -> Option<u64> {
    (word.len() <= 8).then(|| {
        word.bytes()
            .rev()
            .fold(0, |packed, b| packed << 8 | u64::from(b))
    })
}

impl Lexicon {
    /// Reads lexicon files in the format [`SECTIONS`] declares: an unknown section, or an entry
    /// before any section, is an error naming its line.
    fn parse(sources: &[&str]) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        for source in sources {
            let mut section = None;
            for (number, line) in source.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    if !SECTIONS.contains(&name) {
                        return Err(format!("line {}: unknown section [{name}]", number + 1));
                    }
                    section = Some(name);
                    continue;
                }
                let Some(section) = section else {
                    return Err(format!("line {}: an entry before any section", number + 1));
                };
                lex.add(section, line)
                    .map_err(|e| format!("line {}: {e}", number + 1))?;
            }
        }
        lex.index_words();
        Ok(lex)
    }

    fn lists_mut(&mut self) -> [&mut PhraseSet; LISTS] {
        [
            &mut self.speech_verbs,
            &mut self.naming_verbs,
            &mut self.cue_adverbs,
            &mut self.cue_tails,
            &mut self.passive_aux,
            &mut self.passive_by,
            &mut self.complementizers,
            &mut self.titles,
            &mut self.title_phrases,
            &mut self.roles,
            &mut self.role_modifiers,
            &mut self.org_words,
            &mut self.group_nouns,
            &mut self.countries,
            &mut self.articles,
            &mut self.not_clause_starts,
            &mut self.not_names,
            &mut self.abbreviations,
            &mut self.pronoun_words,
            &mut self.male_words,
            &mut self.female_words,
            &mut self.stance_for,
            &mut self.stance_against,
            &mut self.source_openers,
            &mut self.prepositions,
            &mut self.coordinators,
            &mut self.relative_pronouns,
            &mut self.quantifiers,
            &mut self.possessive_determiners,
            &mut self.name_connectors,
            &mut self.name_particles,
            &mut self.affiliation_prepositions,
        ]
    }

    /// Numbers the lists and records, for every word, the lists it is in.
    fn index_words(&mut self) {
        for pattern in &self.source_patterns {
            match pattern.first() {
                Some(first) if first == "P" => {
                    for word in self.possessive_determiners.words() {
                        self.source_openers.insert(word);
                    }
                }
                Some(first) if !first.starts_with('X') => self.source_openers.insert(first),
                _ => {}
            }
        }
        let mut short_words: FastMap<u64, Classes> = FastMap::default();
        let mut long_words: FastMap<String, Classes> = FastMap::default();
        for (list, set) in self.lists_mut().into_iter().enumerate() {
            set.list = list as u32;
            set.indexed = true;
            for (first, phrases) in &set.by_first {
                let classes = match packed(first) {
                    Some(key) => short_words.entry(key).or_default(),
                    None => long_words.entry(first.clone()).or_default(),
                };
                classes.0 |= 1 << (2 * list + 1);
                if phrases.iter().any(|p| p.len() == 1) {
                    classes.0 |= 1 << (2 * list);
                }
            }
        }
        self.short_words = ShortWords::new(&short_words);
        self.long_words = long_words;
    }

    /// The lists a lowercase word is in.
    pub fn classes(&self, word: &str) -> Classes {
        match packed(word) {
            Some(key) => self.short_words.get(key),
            None => self.long_words.get(word).copied().unwrap_or_default(),
        }
    }

    fn add(&mut self, section: &str, entry: &str) -> Result<(), String> {
        let lower = entry.to_lowercase();
        match section {
            "quote_pairs" => {
                let mut marks = entry.split_whitespace().filter_map(|m| m.chars().next());
                if let (Some(open), Some(close)) = (marks.next(), marks.next()) {
                    if !self.quote_pairs.contains(&(open, close)) {
                        self.quote_pairs.push((open, close));
                    }
                    for mark in [open, close] {
                        if !self.marks.contains(&mark) {
                            self.marks.push(mark);
                        }
                    }
                }
            }
            "speech_verbs" => match lower.split_once('…') {
                Some((finite, particle)) => {
                    let (finite, particle) = (finite.trim(), particle.trim());
                    if finite.contains(' ') || particle.is_empty() || particle.contains(' ') {
                        return Err(format!("a split verb is one word … one word: {entry}"));
                    }
                    let particles = self
                        .speech_verb_particles
                        .entry(finite.to_string())
                        .or_default();
                    particles.push(particle.to_string());
                }
                None => self.speech_verbs.insert(&lower),
            },
            "naming_verbs" => self.naming_verbs.insert(&lower),
            "cue_adverbs" => self.cue_adverbs.insert(&lower),
            "cue_tails" => self.cue_tails.insert(&lower),
            "source_patterns" => self.source_patterns.push(
                entry
                    .split_whitespace()
                    .map(|w| {
                        if w.starts_with('X') || w == "P" {
                            w.to_string()
                        } else {
                            w.to_lowercase()
                        }
                    })
                    .collect(),
            ),
            "passive_aux" => self.passive_aux.insert(&lower),
            "passive_by" => self.passive_by.insert(&lower),
            "complementizers" => self.complementizers.insert(&lower),
            "titles" => self.titles.insert(&lower),
            "title_phrases" => self.title_phrases.insert(&lower),
            "roles" => self.roles.insert(&lower),
            "role_modifiers" => self.role_modifiers.insert(&lower),
            "org_words" => self.org_words.insert(&lower),
            "group_nouns" => self.group_nouns.insert(&lower),
            "countries" => self.countries.insert(&lower),
            "not_clause_starts" => self.not_clause_starts.insert(&lower),
            "articles" => self.articles.insert(&lower),
            "not_names" => self.not_names.insert(&lower),
            "abbreviations" => self.abbreviations.insert(&lower),
            "pronouns" | "pronouns_after_prepositions" => {
                let mut parts = lower.split_whitespace();
                if let (Some(word), Some(kind)) = (parts.next(), parts.next()) {
                    let kind = match kind {
                        "male" => PronounKind::Male,
                        "female" => PronounKind::Female,
                        "organization" => PronounKind::Organization,
                        "plural" => PronounKind::Plural,
                        _ => PronounKind::None,
                    };
                    if section == "pronouns" {
                        self.pronouns.insert(word.to_string(), kind);
                        self.pronoun_words.insert(word);
                    } else {
                        self.pronouns_after_prepositions
                            .insert(word.to_string(), kind);
                    }
                }
            }
            "male_words" => self.male_words.insert(&lower),
            "female_words" => self.female_words.insert(&lower),
            "stance_for" | "stance_against" => {
                let (opening, closing) = match lower.split_once('…') {
                    Some((opening, closing)) => (opening.trim(), Some(closing)),
                    None => (lower.as_str(), None),
                };
                if let Some(closing) = closing {
                    let words = closing.split_whitespace().map(str::to_string).collect();
                    let key = opening.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.stance_closings.insert(key, words);
                }
                if section == "stance_for" {
                    self.stance_for.insert(opening);
                } else {
                    self.stance_against.insert(opening);
                }
            }
            "negations" => self.negations.insert(&lower),
            "object_ends" => self.object_ends.insert(&lower),
            "object_pronouns" => self.object_pronouns.insert(&lower),
            "prepositions" => self.prepositions.insert(&lower),
            "coordinators" => self.coordinators.insert(&lower),
            "relative_pronouns" => self.relative_pronouns.insert(&lower),
            "person_relatives" => self.person_relatives.insert(&lower),
            "impersonal_markers" => self.impersonal_markers.insert(&lower),
            "reported_speech_markers" => self.reported_speech_markers.insert(&lower),
            "irregular_participles" => self.irregular_participles.insert(&lower),
            "elisions" => self.elisions.insert(&lower),
            "quantifiers" => self.quantifiers.insert(&lower),
            "possessive_determiners" => self.possessive_determiners.insert(&lower),
            "name_connectors" => self.name_connectors.insert(&lower),
            "name_particles" => self.name_particles.insert(&lower),
            "affiliation_prepositions" => self.affiliation_prepositions.insert(&lower),
            "telling_verbs" => self.telling_verbs.insert(&lower),
            "addressee_prepositions" => self.addressee_prepositions.insert(&lower),
            "quote_back_references" => self.quote_back_references.insert(&lower),
            "honorifics" => self.honorifics.insert(&lower),
            "inverted_cue_asides" => self.inverted_cue_asides.insert(&lower),
            "male_given_names" => self.male_given_names.insert(&lower),
            "female_given_names" => self.female_given_names.insert(&lower),
            "participle_endings" => self.participle_endings.push(lower),
            "adverb_endings" => self.adverb_endings.push(lower),
            "gerund_endings" => self.gerund_endings.push(lower),
            "age_noun_endings" => self.age_noun_endings.push(lower),
            "grammar" => match lower.split_whitespace().collect::<Vec<_>>()[..] {
                ["null_subject", "yes"] => self.null_subject = true,
                ["null_subject", "no"] => self.null_subject = false,
                ["compounds", "yes"] => self.compounds = true,
                ["compounds", "no"] => self.compounds = false,
                ["capitalised_nouns", "yes"] => self.capitalised_nouns = true,
                ["incises_inside_quotes", "yes"] => self.incises_inside_quotes = true,
                ["incises_inside_quotes", "no"] => self.incises_inside_quotes = false,
                ["capitalised_nouns", "no"] => self.capitalised_nouns = false,
                _ => return Err(format!("unknown grammar setting {entry:?}")),
            },
            _ => return Err(format!("section [{section}] is declared but not read")),
        }
        Ok(())
    }

    /// Whether a lowercase word is a compound whose head, of at least `min_chars` characters, is
    /// a one-word entry of `list` after a part of its own of at least three ("finanz|ministerin").
    pub fn is_compound_of(&self, word: &str, list: &PhraseSet, min_chars: usize) -> bool {
        self.compounds
            && word
                .char_indices()
                .skip(3)
                .map(|(at, _)| &word[at..])
                .take_while(|head| head.chars().count() >= min_chars)
                .any(|head| list.contains(head))
    }

    /// Whether a lowercase word ends with one of `endings` and is longer than it.
    pub fn ends_with_any(word: &str, endings: &[String]) -> bool {
        endings
            .iter()
            .any(|e| word.len() > e.len() + 1 && word.ends_with(e.as_str()))
    }

    /// Whether `c` is any quotation mark this language knows.
    pub fn is_mark(&self, c: char) -> bool {
        // Most characters are ASCII letters and spaces: answer those without a search.
        if c.is_ascii() && c != '"' && c != '\'' {
            return false;
        }
        self.marks.contains(&c)
    }

    pub fn can_open(&self, c: char) -> bool {
        self.quote_pairs.iter().any(|&(o, _)| o == c)
    }

    pub fn pairs(&self, open: char, close: char) -> bool {
        self.quote_pairs.contains(&(open, close))
    }
}

/// Every section a lexicon file may have. Word lists hold one entry a line (several words make a
/// phrase); `quote_pairs` an opening and a closing mark; `pronouns` a word and what it stands for
/// (male, female, organization, plural, none); `source_patterns` words around one `X` slot (`X's`
/// for a possessive) or one `P` slot, a possessive determiner; the `*_endings` lists word endings;
/// `grammar` settings (`null_subject yes`). A `stance_*` entry may hold `…` where its object goes,
/// the words after it closing the object (German separable verbs: "lehnt … ab"); a
/// `speech_verbs` entry "teilte … mit" is a verb of saying split around its speaker.
pub const SECTIONS: [&str; 54] = [
    "quote_pairs",
    "speech_verbs",
    "naming_verbs",
    "cue_adverbs",
    "cue_tails",
    "source_patterns",
    "passive_aux",
    "passive_by",
    "complementizers",
    "titles",
    "title_phrases",
    "roles",
    "role_modifiers",
    "org_words",
    "group_nouns",
    "countries",
    "articles",
    "not_clause_starts",
    "not_names",
    "abbreviations",
    "pronouns",
    "male_words",
    "female_words",
    "stance_for",
    "stance_against",
    "negations",
    "object_ends",
    "object_pronouns",
    "prepositions",
    "coordinators",
    "relative_pronouns",
    "person_relatives",
    "impersonal_markers",
    "reported_speech_markers",
    "irregular_participles",
    "elisions",
    "quantifiers",
    "possessive_determiners",
    "name_connectors",
    "name_particles",
    "affiliation_prepositions",
    "telling_verbs",
    "addressee_prepositions",
    "quote_back_references",
    "honorifics",
    "inverted_cue_asides",
    "pronouns_after_prepositions",
    "male_given_names",
    "female_given_names",
    "participle_endings",
    "adverb_endings",
    "gerund_endings",
    "age_noun_endings",
    "grammar",
];

/// The lexicon for an ISO 639-1 code (a region suffix such as "en-GB" is ignored); unknown
/// languages get English, the best-covered list.
pub fn for_language(language: &str) -> &'static Lexicon {
    // Each language is read on first use: a page needs one, not all of them.
    static CACHE: [OnceLock<Lexicon>; LANGUAGES.len()] =
        [const { OnceLock::new() }; LANGUAGES.len()];
    let code = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let index = LANGUAGES.iter().position(|(c, _)| *c == code).unwrap_or(0);
    CACHE[index].get_or_init(|| {
        // Our own data, compiled in: `every_language_parses` proves it reads.
        Lexicon::parse(&[LANGUAGES[index].1, COMMON, GIVEN_NAMES])
            .expect("lexicon files are checked by tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_marks_verbs_titles_and_pronouns() {
        for (code, _) in LANGUAGES {
            let lex = for_language(code);
            assert!(lex.quote_pairs.len() >= 4, "{code}");
            assert!(
                !lex.speech_verbs.is_empty() && !lex.titles.is_empty() && !lex.pronouns.is_empty(),
                "{code}"
            );
        }
    }

    #[test]
    fn every_listed_word_is_found_in_its_lists() {
        for (code, text) in LANGUAGES {
            let mut lex = Lexicon::parse(&[text, COMMON, GIVEN_NAMES]).unwrap();
            let lists: Vec<(u32, Vec<String>)> = lex
                .lists_mut()
                .into_iter()
                .map(|set| (set.list, set.by_first.keys().cloned().collect()))
                .collect();
            for (list, words) in lists {
                for word in words {
                    let classes = lex.classes(&word);
                    assert!(classes.0 & (1 << (2 * list + 1)) != 0, "{code}: {word}");
                }
            }
            assert_eq!(lex.classes("no-such-word-anywhere"), Classes::default());
            assert_eq!(lex.classes(""), Classes::default());
        }
    }

    #[test]
    fn every_language_parses_and_unknown_sections_are_refused() {
        for (code, text) in LANGUAGES {
            if let Err(e) = Lexicon::parse(&[text, COMMON, GIVEN_NAMES]) {
                panic!("{code}: {e}");
            }
        }
        assert!(Lexicon::parse(&["[speech_verb]\nsaid"])
            .unwrap_err()
            .contains("unknown section [speech_verb]"));
        assert!(Lexicon::parse(&["said"])
            .unwrap_err()
            .contains("before any section"));
        assert!(Lexicon::parse(&["[grammar]\nnull_subject maybe"]).is_err());
    }

    #[test]
    fn phrases_match_longest_first() {
        let lex = for_language("en");
        assert_eq!(
            lex.title_phrases
                .match_at(["secretary", "of", "state", "john"].into_iter()),
            Some(3)
        );
        assert_eq!(
            lex.speech_verbs.match_at(["said", "x"].into_iter()),
            Some(1)
        );
        assert_eq!(
            lex.title_phrases
                .match_ending(&["the", "secretary", "of", "state"]),
            Some(3)
        );
        assert_eq!(
            for_language("fr")
                .speech_verbs
                .match_at(["a", "déclaré"].into_iter()),
            Some(2)
        );
    }
}
