//! Stage: mentions → actors. Every form a person, organisation or group takes in the article
//! ("Secretary of State John Kerry", "Mr Kerry", "Kerry") is merged into one actor whose name is
//! the fullest form used.

use super::mentions::{Gender, Np, NpKind};
use super::model::ActorKind;

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
    /// Reading-order clock of the last mention.
    pub last_seen: usize,
    /// Whether a quote or statement has been attributed to it.
    pub spoke: bool,
}

#[derive(Default, Debug)]
pub struct Registry {
    pub entities: Vec<Entity>,
    clock: usize,
}

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-' && false)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().replace('\u{ad}', ""))
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "of" | "and" | "for"))
        .collect()
}

fn initial_of(short: &str, long: &str) -> bool {
    short.chars().count() == 1 && long.starts_with(short)
}

impl Registry {
    pub fn tick(&mut self) -> usize {
        self.clock += 1;
        self.clock
    }

    /// The actor a named mention refers to, created if new. Pronouns and descriptions are
    /// resolved by the caller; this returns None for them.
    pub fn resolve(&mut self, np: &Np) -> Option<usize> {
        let kind = match np.kind {
            NpKind::Person => ActorKind::Person,
            NpKind::Organization => ActorKind::Organization,
            NpKind::Group => ActorKind::Group,
            _ => return None,
        };
        let words = name_words(&np.name);
        if words.is_empty() {
            return None;
        }
        let found = self.find(kind, &words);
        let clock = self.tick();
        let id = match found {
            Some(id) => id,
            None => {
                self.entities.push(Entity {
                    kind,
                    name: np.name.clone(),
                    words: words.clone(),
                    aliases: Vec::new(),
                    role: None,
                    affiliation: None,
                    gender: Gender::Unknown,
                    mentions: 0,
                    last_seen: 0,
                    spoke: false,
                });
                self.entities.len() - 1
            }
        };
        let e = &mut self.entities[id];
        if words.len() > e.words.len() {
            e.name = np.name.clone();
            e.words = words;
        }
        if !e.aliases.contains(&np.surface) {
            e.aliases.push(np.surface.clone());
        }
        if e.role.is_none() {
            e.role = np.role.clone();
        }
        if e.affiliation.is_none() {
            e.affiliation = np.affiliation.clone();
        }
        if e.gender == Gender::Unknown {
            e.gender = np.gender;
        }
        e.mentions += 1;
        e.last_seen = clock;
        Some(id)
    }

    fn find(&self, kind: ActorKind, words: &[String]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (id, e) in self.entities.iter().enumerate() {
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
                    return long.last() == short.last() || long.len() > 2 && long[..long.len() - 1].contains(&short[0]) && long[0] == short[0];
                }
                // Same surname and compatible first names ("C. Eugene Steuerle", "Eugene Steuerle").
                short.last() == long.last()
                    && short[..short.len() - 1].iter().all(|w| long.iter().any(|l| l == w || initial_of(w, l) || initial_of(l, w)))
                    || short.iter().all(|w| long.contains(w)) && short.len() >= 2
            }
            _ => short == long || short.len() >= 2 && long.ends_with(short) || short.iter().all(|w| long.contains(w)) && short.len() >= 2 && kind == ActorKind::Organization,
        }
    }

    /// Notes a mention of `id` (a resolved pronoun or description) for recency.
    pub fn touch(&mut self, id: usize) {
        let clock = self.tick();
        self.entities[id].last_seen = clock;
    }

    /// The person or organisation a pronoun of `kind` most likely stands for: the most recent
    /// compatible one, preferring one whose sex is known to match among the last three people.
    pub fn antecedent(&self, pronoun: super::lexicon::PronounKind) -> Option<usize> {
        use super::lexicon::PronounKind as P;
        let mut order: Vec<usize> = (0..self.entities.len()).filter(|&i| self.entities[i].last_seen > 0).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.entities[i].last_seen));
        match pronoun {
            P::Male | P::Female => {
                let want = if pronoun == P::Male { Gender::Male } else { Gender::Female };
                let people: Vec<usize> = order
                    .into_iter()
                    .filter(|&i| self.entities[i].kind == ActorKind::Person && (self.entities[i].gender == want || self.entities[i].gender == Gender::Unknown))
                    .take(3)
                    .collect();
                people.iter().copied().find(|&i| self.entities[i].gender == want && self.entities[i].spoke).or(people.first().copied())
            }
            P::Organization => order.into_iter().find(|&i| self.entities[i].kind == ActorKind::Organization),
            P::Plural => order.into_iter().find(|&i| self.entities[i].kind != ActorKind::Person),
            P::None => None,
        }
    }

    /// The person a description ("the president", "the Virginia Democrat") stands for: the most
    /// recent one whose role or title has that head word.
    pub fn described(&self, head: &str) -> Option<usize> {
        let head = head.to_lowercase();
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ActorKind::Person && e.last_seen > 0)
            .filter(|(_, e)| {
                let in_role = e.role.as_deref().is_some_and(|r| r.to_lowercase().split_whitespace().any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == head));
                in_role || e.aliases.iter().any(|a| a.to_lowercase().split_whitespace().any(|w| w == head))
            })
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| i)
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
