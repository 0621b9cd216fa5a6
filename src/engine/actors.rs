//! Stage: mentions → actors. Every form a person, organisation or group takes in the article
//! ("Secretary of State John Kerry", "Mr Kerry", "Kerry") is merged into one actor whose name is
//! the fullest form used.

use super::lexicon::{FastMap, Lexicon};
use super::mentions::{Gender, Np, NpKind};
use super::model::ActorKind;

/// How many recently mentioned actors pronouns and descriptions look back over.
const RECENT: usize = 32;

#[derive(Clone, Debug)]
pub struct Entity {
    pub kind: ActorKind,
    /// The fullest name seen so far.
    pub name: String,
    /// Lowercase name words, for matching shorter forms.
    words: Vec<String>,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub gender: Gender,
    pub mentions: usize,
    /// Whether a quote or statement has been attributed to it.
    pub spoke: bool,
}

#[derive(Default, Debug)]
pub struct Registry {
    pub entities: Vec<Entity>,
    /// Entities by each word of their names, so matching a mention never scans them all.
    by_word: FastMap<String, Vec<usize>>,
    /// Recently mentioned entities, most recent last, without repeats.
    recent: Vec<usize>,
}

/// The words that identify a name, lowercased, without articles and connectors ("of", "and").
fn name_words(name: &str, lex: &Lexicon) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            let word = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if word.contains('\u{ad}') {
                word.replace('\u{ad}', "")
            } else {
                word
            }
        })
        .filter(|w| {
            let classes = lex.classes(w);
            !w.is_empty() && !lex.articles.holds(classes) && !lex.name_connectors.holds(classes)
        })
        .collect()
}

/// What a named mention is matched by: its kind of actor and its name words. Pronouns,
/// descriptions and nameless phrases have none.
fn name_key(np: &Np, lex: &Lexicon) -> Option<(ActorKind, Vec<String>)> {
    let kind = match np.kind {
        NpKind::Person => ActorKind::Person,
        NpKind::Organization => ActorKind::Organization,
        NpKind::Group => ActorKind::Group,
        _ => return None,
    };
    let words = name_words(np.name, lex);
    (!words.is_empty()).then_some((kind, words))
}

fn initial_of(short: &str, long: &str) -> bool {
    short.chars().count() == 1 && long.starts_with(short)
}

impl Registry {
    /// The actor a named mention refers to, created if new. Pronouns and descriptions are
    /// resolved by the caller; this returns None for them.
    pub fn resolve(&mut self, np: &Np, lex: &Lexicon) -> Option<usize> {
        let (kind, words) = name_key(np, lex)?;
        let found = self.find(kind, &words);
        let id = match found {
            Some(id) => id,
            None => {
                self.entities.push(Entity {
                    kind,
                    name: np.name.to_string(),
                    words: words.clone(),
                    aliases: Vec::new(),
                    role: None,
                    affiliation: None,
                    gender: Gender::Unknown,
                    mentions: 0,
                    spoke: false,
                });
                self.entities.len() - 1
            }
        };
        for w in &words {
            match self.by_word.get_mut(w) {
                Some(ids) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => {
                    self.by_word.insert(w.clone(), vec![id]);
                }
            }
        }
        self.touch(id);
        let e = &mut self.entities[id];
        if words.len() > e.words.len() {
            e.name = np.name.to_string();
            e.words = words;
        }
        if !e.aliases.iter().any(|a| a == np.surface) {
            e.aliases.push(np.surface.to_string());
        }
        if e.role.is_none() {
            e.role = np.role.map(str::to_string);
        }
        if e.affiliation.is_none() {
            e.affiliation = np.affiliation.map(str::to_string);
        }
        if e.gender == Gender::Unknown {
            e.gender = np.gender;
        }
        e.mentions += 1;
        Some(id)
    }

    /// The actor a named mention refers to, if already known; creates nothing.
    pub fn lookup(&self, np: &Np, lex: &Lexicon) -> Option<usize> {
        let (kind, words) = name_key(np, lex)?;
        self.find(kind, &words)
    }

    /// A person already known by this surname, without creating one.
    pub fn known_person(&self, surname: &str) -> bool {
        let known = |surname: &str| {
            self.by_word.get(surname).is_some_and(|ids| {
                ids.iter().any(|&i| {
                    self.entities[i].kind == ActorKind::Person
                        && self.entities[i].words.last().map(String::as_str) == Some(surname)
                })
            })
        };
        // Most surnames are short and ASCII: lowercased on the stack, not into a new string.
        let mut stack = [0u8; 32];
        match stack.get_mut(..surname.len()) {
            Some(lower) if surname.is_ascii() => {
                lower.copy_from_slice(surname.as_bytes());
                lower.make_ascii_lowercase();
                known(std::str::from_utf8(lower).unwrap_or_default())
            }
            _ => known(&surname.to_lowercase()),
        }
    }

    fn find(&self, kind: ActorKind, words: &[String]) -> Option<usize> {
        // Every match shares a word with the mention: look only at the entities of its rarest word
        // among first and last (persons match on one of those).
        let lists = [words.first(), words.last()]
            .into_iter()
            .flatten()
            .filter_map(|w| self.by_word.get(w));
        let candidates = lists.min_by_key(|l| l.len())?;
        let mut best: Option<usize> = None;
        for &id in candidates {
            let e = &self.entities[id];
            if e.kind != kind || !self.same(kind, &e.words, words) {
                continue;
            }
            let better = best.is_none_or(|b| {
                let eb = &self.entities[b];
                let exact = |x: &Entity| x.words.last() == words.last();
                (exact(e), e.mentions) > (exact(eb), eb.mentions)
            });
            if better {
                best = Some(id);
            }
        }
        best
    }

    fn same(&self, kind: ActorKind, a: &[String], b: &[String]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        match kind {
            ActorKind::Person => {
                if short.len() == 1 {
                    // "Kirby" is John Kirby; "Kauri" is not Hori Parata.
                    return long.last() == short.last()
                        || long.len() > 2
                            && long[..long.len() - 1].contains(&short[0])
                            && long[0] == short[0];
                }
                // Same surname and compatible first names ("C. Eugene Steuerle", "Eugene Steuerle").
                short.last() == long.last()
                    && short[..short.len() - 1].iter().all(|w| {
                        long.iter()
                            .any(|l| l == w || initial_of(w, l) || initial_of(l, w))
                    })
                    || short.iter().all(|w| long.contains(w)) && short.len() >= 2
            }
            _ => {
                short == long
                    || short.len() >= 2 && long.ends_with(short)
                    || short.iter().all(|w| long.contains(w))
                        && short.len() >= 2
                        && kind == ActorKind::Organization
            }
        }
    }

    /// Notes a mention of `id`: it becomes the most recent.
    pub fn touch(&mut self, id: usize) {
        if let Some(at) = self.recent.iter().position(|&r| r == id) {
            self.recent.remove(at);
        } else if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push(id);
    }

    /// Recently mentioned entities, most recent first.
    fn recent(&self) -> impl Iterator<Item = usize> + '_ {
        self.recent.iter().rev().copied()
    }

    /// The person met or heard last.
    pub fn last_person(&self) -> Option<usize> {
        self.recent()
            .find(|&i| self.entities[i].kind == ActorKind::Person)
    }

    /// The person or organisation a pronoun of `kind` most likely stands for. For "he" or "she":
    /// among the last three people not known to be of the other sex, the one the text has just
    /// turned to (`salient`: named in the same sentence, or opening the sentence before), else
    /// the most recent one who has spoken, else the most recent; someone named in passing does
    /// not take over the pronoun.
    pub fn antecedent(
        &self,
        pronoun: super::lexicon::PronounKind,
        salient: Option<usize>,
    ) -> Option<usize> {
        use super::lexicon::PronounKind as P;
        let kind_of = |i: usize| self.entities[i].kind;
        match pronoun {
            P::Male | P::Female => {
                let want = if pronoun == P::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let people: Vec<usize> = self
                    .recent()
                    .filter(|&i| {
                        kind_of(i) == ActorKind::Person
                            && (self.entities[i].gender == want
                                || self.entities[i].gender == Gender::Unknown)
                    })
                    .take(3)
                    .collect();
                salient
                    .filter(|s| people.contains(s))
                    .or_else(|| people.iter().copied().find(|&i| self.entities[i].spoke))
                    .or(people.first().copied())
            }
            P::Organization => self
                .recent()
                .find(|&i| kind_of(i) == ActorKind::Organization),
            P::Plural => self.recent().find(|&i| kind_of(i) != ActorKind::Person),
            P::None => None,
        }
    }

    /// The person a description ("the president", "the Virginia Democrat") stands for: the most
    /// recent one whose role or title has that head word.
    pub fn described(&self, head: &str) -> Option<usize> {
        let head = head.to_lowercase();
        // A compound ends with its head: "die Ministerin" is the "Finanzministerin" met before.
        let is_head = |word: &str| {
            word == head
                || head.chars().count() >= 5
                    && word.ends_with(head.as_str())
                    && word.len() > head.len() + 2
        };
        let has_head = |text: &str| {
            text.to_lowercase()
                .split_whitespace()
                .any(|w| is_head(w.trim_matches(|c: char| !c.is_alphanumeric())))
        };
        self.recent().find(|&i| {
            let e = &self.entities[i];
            e.kind == ActorKind::Person
                && (e.role.as_deref().is_some_and(has_head)
                    || e.aliases.iter().any(|a| has_head(a)))
        })
    }

    /// A source the article describes but never names ("a senior administration official", "an
    /// insider"): an actor of its own, named as the article describes it, that later mentions of
    /// its role ("the official") find. Never merged with a named person by its words.
    pub fn unnamed(
        &mut self,
        name: &str,
        role: &str,
        affiliation: Option<&str>,
        gender: Gender,
    ) -> usize {
        self.entities.push(Entity {
            kind: ActorKind::Person,
            name: name.to_string(),
            words: Vec::new(),
            aliases: Vec::new(),
            role: Some(role.to_string()),
            affiliation: affiliation.map(str::to_string),
            gender,
            mentions: 1,
            spoke: false,
        });
        let id = self.entities.len() - 1;
        self.touch(id);
        id
    }

    /// Records that `id` said something; a pronoun that referred to it tells its sex.
    pub fn spoke(&mut self, id: usize, pronoun_gender: Gender) {
        let e = &mut self.entities[id];
        e.spoke = true;
        if e.gender == Gender::Unknown {
            e.gender = pronoun_gender;
        }
        self.touch(id);
    }
}
