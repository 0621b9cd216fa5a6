//! Stage: a cue without a full quotation → indirect speech ("The United States said Monday it is
//! open to discussions…"), with the stance its cue or clause states.

use super::cues::Cue;
use super::lexicon::Lexicon;
use super::mentions::Reader;
use super::model::Stance;
use super::tokens::Kind;

/// The reported clause of `cue` in the sentence `from..to`, as a byte range, when the cue reports
/// words without quoting them in full. `next_cue` bounds the clause ("He vowed to keep trying, but
/// the editor said…").
pub fn clause(reader: &Reader, cue: &Cue, from: usize, to: usize, next_cue: Option<usize>) -> Option<(usize, usize)> {
    if cue.naming || cue.text == ":" {
        return None;
    }
    let tokens = reader.tokens;
    let limit = next_cue.unwrap_or(to).min(to);
    let mut start = cue.last + 1;
    let limit = limit.max(start);
    // Direct speech follows: "Kerry said: “…”", "he said “…”".
    if tokens[start..limit].first().is_some_and(|t| t.is_punct(':') || t.quote().is_some()) {
        return None;
    }
    // "said that …", "warned for years that …"
    if let Some(k) = (start..limit.min(start + 4)).find(|&k| tokens[k].is_word() && reader.lex.complementizers.contains(&tokens[k].lower)) {
        // Unless "that" is the clause's own subject: "experts say that isn't likely".
        if tokens[start..k].iter().all(|t| t.is_word()) && count_words(reader, k + 1, limit).0 >= 3 {
            start = k + 1;
        }
    }
    let trim = |mut a: usize, mut b: usize| {
        while a < b && matches!(tokens[a].kind, Kind::Punct(_)) {
            a += 1;
        }
        while b > a && (matches!(tokens[b - 1].kind, Kind::Punct(_)) || matches!(tokens[b - 1].lower.as_str(), "but" | "and" | "while")) {
            b -= 1;
        }
        (a, b)
    };
    // The words reported stand right after a plain cue ("X said it is open…"); before an inverted
    // or closing one ("…, said Rae Zimmerman", "…, Kirby told reporters."); on either side of an
    // interrupting one ("To alleviate the threat, the officials said, the utility…"): the longer.
    let follows_directly = tokens.get(cue.last + 1).is_some_and(|t| t.is_word());
    let after = if follows_directly || !cue.inverted { trim(start, limit) } else { (start, start) };
    let before = trim(from, cue.first.max(from));
    let after_words = count_words(reader, after.0, after.1).0;
    let before_words = count_words(reader, before.0, before.1).0;
    let (a, b) = if follows_directly && !cue.inverted && after_words >= 3 || after_words > before_words { after } else { before };
    if b <= a {
        return None;
    }
    let (outside, inside) = count_words(reader, a, b);
    if outside < 3 || inside >= outside {
        return None;
    }
    Some((tokens[a].start, tokens[b - 1].end))
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
        let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        (0..words.len()).find_map(|i| {
            let rest = words[i..].iter().map(String::as_str);
            if lex.stance_against.match_at(rest.clone()).is_some() {
                Some(Stance::Against)
            } else if lex.stance_for.match_at(rest).is_some() {
                Some(Stance::For)
            } else {
                None
            }
        })
    };
    find(cue).or_else(|| find(clause)).unwrap_or(Stance::Neutral)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::for_language;

    #[test]
    fn stance_comes_from_the_cue_then_the_clause() {
        let lex = for_language("en");
        assert_eq!(stance(lex, "ruled out", "talks"), Stance::Against);
        assert_eq!(stance(lex, "said", "it is open to discussions"), Stance::For);
        assert_eq!(stance(lex, "said", "the weather was fine"), Stance::Neutral);
    }
}
