//! Stage: a cue without a full quotation → indirect speech ("The United States said Monday it is
//! open to discussions…"), with the stance its cue or clause states.

use super::cues::Cue;
use super::lexicon::Lexicon;
use super::mentions::Reader;
use super::model::Stance;
use super::tokens::{self, Kind};

/// The longest reported clause, in tokens: longer runs are not one statement (and capping them
/// keeps hostile run-on text linear).
const MAX_CLAUSE: usize = 120;

/// The reported clause of `cue` in the sentence `from..to`, as a byte range, when the cue reports
/// words without quoting them in full, as a token range. `previous_end` and `next_cue` are where the sentence's
/// neighbouring cues end and start: their words are theirs ("He vowed to keep trying, but the
/// editor said …").
pub fn clause(
    reader: &Reader,
    cue: &Cue,
    from: usize,
    to: usize,
    previous_end: Option<usize>,
    next_cue: Option<usize>,
) -> Option<(usize, usize)> {
    if cue.naming || cue.text == ":" {
        return None;
    }
    let tokens = reader.tokens;
    let lex = reader.lex;
    let start = cue.last + 1;
    // "also said:" introduces direct speech or a list, not a statement of its own.
    if tokens[start..to.max(start)]
        .first()
        .is_some_and(|t| t.is_punct(':'))
    {
        return None;
    }
    // A following cue takes over after a clause break: "…, but the editor said", "… even as the
    // office estimated".
    let breaks = |n: usize| {
        let mut k = n;
        while k > start && tokens[k - 1].is_in(&lex.articles) {
            k -= 1;
        }
        k > start
            && (matches!(tokens[k - 1].kind, Kind::Punct(',' | ';'))
                || tokens[k - 1].is_in(&lex.coordinators)
                || tokens[k - 1].is_in(&lex.not_clause_starts))
    };
    let limit = next_cue
        .filter(|&n| n > start && breaks(n))
        .unwrap_or(to)
        .min(to)
        .min(start + MAX_CLAUSE)
        .max(start);
    let floor = previous_end
        .unwrap_or(from)
        .max(cue.first.saturating_sub(MAX_CLAUSE))
        .clamp(from, cue.first.max(from));
    let trim = |mut a: usize, mut b: usize| {
        while a < b && matches!(tokens[a].kind, Kind::Punct(_)) {
            a += 1;
        }
        while b > a
            && (matches!(tokens[b - 1].kind, Kind::Punct(_))
                || tokens[b - 1].is_in(&lex.coordinators)
                || tokens[b - 1].is_in(&lex.not_clause_starts))
        {
            b -= 1;
        }
        (a, b)
    };
    let follows_directly = tokens
        .get(start)
        .filter(|_| start < to)
        .is_some_and(|t| t.is_word() || t.quote().is_some());
    let mut min_words = 3;
    let (a, b) = if follows_directly && !cue.inverted {
        // "said (that) it is open …"; not "said as he left", "told reporters aboard …".
        let mut a = start;
        if let Some(k) = (start..limit.min(start + 4))
            .find(|&k| tokens[k].is_word() && tokens[k].is_in(&lex.complementizers))
        {
            // Unless "that" is the clause's own subject: "experts say that isn't likely".
            if tokens[start..k].iter().all(|t| t.is_word())
                && count_words(reader, k + 1, limit).0 >= 3
            {
                a = k + 1;
            }
        }
        if a == start && tokens[start].is_in(&lex.not_clause_starts) {
            return None;
        }
        trim(a, limit)
    } else {
        let before = trim(floor, cue.first.max(floor));
        // A quotation right before the cue is the direct speech the cue introduces; what precedes
        // it is a statement only if it is a clause of some length.
        let quoted = before.1 > before.0 && tokens[before.1 - 1].quote().is_some();
        let before = if quoted {
            min_words = 6;
            trim(before.0, before.1 - 1)
        } else {
            before
        };
        let after = trim(start, limit);
        let before_words = count_words(reader, before.0, before.1).0;
        let after_words = count_words(reader, after.0, after.1).0;
        if cue.inverted
            && before_words > 0
            && after_words > 0
            && previous_end.is_none()
            && next_cue.is_none()
            && !quoted
            && tokens[cue.first - 1].is_punct(',')
        {
            // "The combination, say economists, marks a journey …": the whole sentence.
            trim(from, limit)
        } else if after_words > before_words && !quoted && (!cue.inverted || before_words == 0) {
            after
        } else {
            before
        }
    };
    if b <= a {
        return None;
    }
    let (outside, inside) = count_words(reader, a, b);
    if outside < min_words || inside >= outside {
        return None;
    }
    Some((a, b))
}

/// Words outside and inside quotations among tokens `a..b`.
fn count_words(reader: &Reader, a: usize, b: usize) -> (usize, usize) {
    let mut outside = 0;
    let mut inside = 0;
    for t in &reader.tokens[a..b.max(a)] {
        match t.kind {
            Kind::Word => outside += 1,
            Kind::Quote(_) => inside += reader.text[t.start..t.end].split_whitespace().count(),
            Kind::Punct(_) => {}
        }
    }
    (outside, inside)
}

/// What the cue, or failing that the first stance phrase of the clause, says of the speaker's position.
pub fn stance(lex: &Lexicon, cue: &str, clause: &str) -> Stance {
    let find = |text: &str| -> Option<Stance> {
        // Lowercased word by word into one buffer: one allocation, not one per word.
        let mut lower = String::with_capacity(text.len());
        let bounds: Vec<_> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let from = lower.len();
                tokens::push_lowercase(&mut lower, w);
                from..lower.len()
            })
            .collect();
        let words: Vec<&str> = bounds.into_iter().map(|r| &lower[r]).collect();
        (0..words.len()).find_map(|i| {
            let rest = words[i..].iter().copied();
            if lex.stance_against.match_at(rest.clone()).is_some() {
                Some(Stance::Against)
            } else if lex.stance_for.match_at(rest).is_some() {
                Some(Stance::For)
            } else {
                None
            }
        })
    };
    find(cue)
        .or_else(|| find(clause))
        .unwrap_or(Stance::Neutral)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::for_language;

    #[test]
    fn stance_comes_from_the_cue_then_the_clause() {
        let lex = for_language("en");
        assert_eq!(stance(lex, "ruled out", "talks"), Stance::Against);
        assert_eq!(
            stance(lex, "said", "it is open to discussions"),
            Stance::For
        );
        assert_eq!(stance(lex, "said", "the weather was fine"), Stance::Neutral);
    }
}
