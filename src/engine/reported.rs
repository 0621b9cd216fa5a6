//! Stage: a cue without a full quotation → indirect speech ("The United States said Monday it is
//! open to discussions…"), with the stance its cue or clause states and the object it is taken on.

use super::cues::Cue;
use super::mentions::Reader;
use super::model::Side;
use super::tokens::{phrase_at, Kind, Token};

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

/// The most words a stance's object runs to: a badge names a thing, it does not retell the clause.
const MAX_OBJECT: usize = 12;

/// The most words between a reported clause's start and its stance phrase ("she has long been
/// open to"): further in, the phrase belongs to some other subject's clause.
const MAX_PREAMBLE: usize = 4;

/// How far before a stance phrase a negation still negates it ("would not rule out").
const NEGATION_REACH: usize = 3;

/// A stated position found in a statement: the side and the object's token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub side: Side,
    pub first: usize,
    pub end: usize,
}

/// A stance phrase at some token: its side, where it ends, and the words that must close its
/// object ("ab" of "lehnt … ab").
struct Trigger<'a> {
    side: Side,
    start: usize,
    end: usize,
    closing: Option<&'a [String]>,
}

/// The position the statement `first..end` (tokens) states, reported by `cue` (None for a list
/// item, whose cue stands in another block): the cue's own verb ("ruled out …", "denied that …")
/// with the clause as its object, else a stance phrase the speaker is the subject of ("it is
/// open to discussions …"). None when neither takes a side on something the text names.
pub fn stance(reader: &Reader, cue: Option<&Cue>, first: usize, end: usize) -> Option<Found> {
    if let Some(cue) = cue.filter(|c| !c.inverted && c.last < first) {
        let by_cue = (cue.verb_first..=cue.verb_last)
            .find_map(|i| trigger_at(reader, i, cue.verb_last + 1))
            .and_then(|t| object(reader, &t, first, end));
        if by_cue.is_some() {
            return by_cue;
        }
    }
    (first..end.min(first + MAX_PREAMBLE + 1))
        .take_while(|&i| speaker_is_subject(reader, first, i))
        .find_map(|i| trigger_at(reader, i, end).and_then(|t| object(reader, &t, t.end, end)))
}

/// The stance phrase starting at token `i`, ending by `to`.
fn trigger_at<'a>(reader: &Reader<'a>, i: usize, to: usize) -> Option<Trigger<'a>> {
    let lex = reader.lex;
    let words = &reader.tokens[i..to.max(i)];
    let (side, len) = [
        (Side::Against, &lex.stance_against),
        (Side::For, &lex.stance_for),
    ]
    .into_iter()
    .find_map(|(side, set)| phrase_at(set, words).map(|len| (side, len)))?;
    let closing = if lex.stance_closings.is_empty() {
        None
    } else {
        let opening: Vec<&str> = words[..len].iter().map(|t| t.lower).collect();
        lex.stance_closings
            .get(&opening.join(" "))
            .map(Vec::as_slice)
    };
    Some(Trigger {
        side,
        start: i,
        end: i + len,
        closing,
    })
}

/// Whether a stance phrase at token `i` of the clause starting at `first` has the speaker for its
/// subject: it opens the clause, or follows a pronoun and a few words ("she has long been"), or
/// in a language that drops pronouns, a few words that name no one ("no apoya").
fn speaker_is_subject(reader: &Reader, first: usize, i: usize) -> bool {
    let preamble = &reader.tokens[first..i];
    let Some(opening) = preamble.first() else {
        return true;
    };
    let lex = reader.lex;
    preamble.len() <= MAX_PREAMBLE
        && preamble.iter().all(Token::is_word)
        && (opening.is_in(&lex.pronoun_words)
            || (lex.null_subject
                && preamble
                    .iter()
                    .all(|t| t.is_in(&lex.negations) || !(t.cap || t.is_in(&lex.articles)))))
}

/// Whether a negation stands just before token `i`, in the same stretch of words.
fn negated_before(reader: &Reader, i: usize) -> bool {
    reader.tokens[i.saturating_sub(NEGATION_REACH)..i]
        .iter()
        .rev()
        .take_while(|t| t.is_word())
        .any(|t| t.is_in(&reader.lex.negations))
}

/// The object of `trigger`, read from token `from` up to `end` at the latest, and the side the
/// statement takes on it once negation is counted: a negated "for" is against ("does not
/// support"), a negated "against" takes no side ("would not rule out").
fn object(reader: &Reader, trigger: &Trigger, mut from: usize, end: usize) -> Option<Found> {
    let lex = reader.lex;
    let tokens = reader.tokens;
    let mut negated = negated_before(reader, trigger.start);
    // "soutient pas", "unterstützt keine …": the negation right after the phrase.
    while from < end && tokens[from].is_in(&lex.negations) {
        negated = true;
        from += 1;
    }
    if from < end && tokens[from].is_in(&lex.complementizers) {
        from += 1;
    }
    let end = match trigger.closing {
        Some(closing) => closing_at(tokens, closing, from, end)?,
        None => end,
    };
    let mut last = from;
    let mut words = 0;
    while last < end && words < MAX_OBJECT && !ends_object(reader, from, last) {
        if last > from && tokens[last].is_in(&lex.negations) {
            // Closing the clause, a negation negates its verb ("unterstützt den Plan nicht");
            // inside it, it sets something against the object ("talks not sanctions").
            negated |= last + 1 == end || !tokens[last + 1].is_word();
            break;
        }
        words += usize::from(tokens[last].is_word());
        last += 1;
    }
    while last > from
        && [
            &lex.articles,
            &lex.prepositions,
            &lex.coordinators,
            &lex.complementizers,
        ]
        .iter()
        .any(|list| tokens[last - 1].is_in(list))
    {
        last -= 1;
    }
    // "rejected it", "kritisiert ihn im Gespräch": a pronoun object names nothing a reader could
    // see; after "that" a pronoun is the subject of a clause that does.
    let is_pronoun =
        |t: &Token| t.is_word() && (t.is_in(&lex.pronoun_words) || t.is_in(&lex.object_pronouns));
    let names_nothing = if from > 0 && tokens[from - 1].is_in(&lex.complementizers) {
        tokens[from..last].iter().all(is_pronoun)
    } else {
        tokens[from..last].first().is_none_or(is_pronoun)
    };
    if names_nothing {
        return None;
    }
    let side = match (trigger.side, negated) {
        (side, false) => side,
        (Side::For, true) => Side::Against,
        (Side::Against, true) => return None,
    };
    Some(Found {
        side,
        first: from,
        end: last,
    })
}

/// Where the words `closing` stand last before the first punctuation after `from`: the end of a
/// split phrase's object; None when they do not, and the phrase is some other verb's.
fn closing_at(tokens: &[Token], closing: &[String], from: usize, end: usize) -> Option<usize> {
    let stretch = tokens[from..end]
        .iter()
        .position(|t| !t.is_word())
        .map_or(end, |k| from + k);
    (from..stretch).rev().find(|&k| {
        closing.len() <= stretch - k
            && closing
                .iter()
                .zip(&tokens[k..])
                .all(|(word, t)| *word == t.lower)
    })
}

/// Whether the object starting at `from` ends before token `k`: at punctuation that ends a
/// phrase, or where a new clause starts ("which …", "but …", "and she …").
fn ends_object(reader: &Reader, from: usize, k: usize) -> bool {
    let lex = reader.lex;
    let token = &reader.tokens[k];
    match token.kind {
        Kind::Punct(c) => !matches!(c, '%' | '$' | '€' | '£' | '/' | '&' | '+' | '°' | '#'),
        Kind::Quote(_) => false,
        Kind::Word => {
            k > from
                && (token.is_in(&lex.object_ends)
                    || (token.is_in(&lex.coordinators)
                        && reader.tokens.get(k + 1).is_some_and(|next| {
                            [
                                &lex.pronoun_words,
                                &lex.negations,
                                &lex.speech_verbs,
                                &lex.stance_for,
                                &lex.stance_against,
                            ]
                            .iter()
                            .any(|list| next.is_in(list))
                        })))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::for_language;
    use crate::engine::tokens::{tokenize, Buffers};

    /// The stance of the sentence's first cue's reported clause, as its side and object's words.
    fn stance_of(language: &str, text: &str) -> Option<(Side, String)> {
        let lex = for_language(language);
        let mut buffers = Buffers::default();
        let tokens = tokenize(text, &[], lex, &mut buffers);
        let reader = Reader {
            text,
            tokens: &tokens,
            lex,
        };
        let cues = reader.cues(0, tokens.len());
        let cue = cues.first().expect(text);
        let (first, end) = clause(&reader, cue, 0, tokens.len(), None, None).expect(text);
        stance(&reader, Some(cue), first, end).map(|found| {
            let (start, end) = (tokens[found.first].start, tokens[found.end - 1].end);
            (found.side, text[start..end].to_string())
        })
    }

    fn side(side: Side, object: &str) -> Option<(Side, String)> {
        Some((side, object.to_string()))
    }

    #[test]
    fn english_stances_name_their_object() {
        let cases = [
            (
                "The ministry said it is open to discussions with the union.",
                side(Side::For, "discussions with the union"),
            ),
            (
                "The governor said he has ruled out a new tax on fuel.",
                side(Side::Against, "a new tax on fuel"),
            ),
            (
                "The company denied that it had broken the rules.",
                side(Side::Against, "it had broken the rules"),
            ),
            // A fragment of a proposition is no object: agreeing is not taking a side on it.
            ("The critic agrees it's a bold but tiring film.", None),
            (
                "The mayor said she supports the new park, which opens next year.",
                side(Side::For, "the new park"),
            ),
            (
                "The mayor said she supports lower fares and she will vote for them.",
                side(Side::For, "lower fares"),
            ),
            (
                "The mayor said she supports the park that the council planned.",
                side(Side::For, "the park"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(stance_of("en", text), expected, "{text}");
        }
    }

    #[test]
    fn english_negation_flips_for_and_drops_against() {
        assert_eq!(
            stance_of(
                "en",
                "The minister said she does not support the new pipeline."
            ),
            side(Side::Against, "the new pipeline")
        );
        assert_eq!(
            stance_of("en", "The mayor said he would not rule out a referendum."),
            None
        );
    }

    #[test]
    fn no_side_without_an_object_or_a_stance_phrase_of_the_speakers() {
        for text in [
            // No object, or none a reader could see.
            "The council said it was opposed.",
            "The union said it rejects it.",
            "The senator said she criticised him in an interview.",
            // Neutral.
            "The mayor said the bridge will reopen in May.",
            // Someone else's position, reported.
            "The mayor said the council opposes the plan.",
        ] {
            assert_eq!(stance_of("en", text), None, "{text}");
        }
    }

    #[test]
    fn french_stances() {
        assert_eq!(
            stance_of(
                "fr",
                "Le ministre a déclaré qu'il est favorable à un accord avec les syndicats."
            ),
            side(Side::For, "un accord avec les syndicats")
        );
        assert_eq!(
            stance_of(
                "fr",
                "La ministre a dit qu'elle n'est pas favorable à la réforme."
            ),
            side(Side::Against, "la réforme")
        );
        assert_eq!(
            stance_of(
                "fr",
                "Le maire a dit qu'il ne soutient pas le projet de loi."
            ),
            side(Side::Against, "le projet de loi")
        );
        assert_eq!(
            stance_of(
                "fr",
                "Le maire a dit qu'il s'oppose à la fermeture de la gare, qui est prévue en mai."
            ),
            side(Side::Against, "la fermeture de la gare")
        );
        assert_eq!(
            stance_of("fr", "Le maire a dit que le pont rouvrira en mai."),
            None
        );
    }

    #[test]
    fn spanish_stances() {
        assert_eq!(
            stance_of(
                "es",
                "El ministro dijo que apoya el diálogo con los sindicatos."
            ),
            side(Side::For, "el diálogo con los sindicatos")
        );
        assert_eq!(
            stance_of("es", "La ministra dijo que no apoya la reforma."),
            side(Side::Against, "la reforma")
        );
        assert_eq!(
            stance_of(
                "es",
                "El alcalde dijo que rechaza la subida de impuestos pero que la estudiará."
            ),
            side(Side::Against, "la subida de impuestos")
        );
        assert_eq!(
            stance_of("es", "La alcaldesa dijo que no rechaza la propuesta."),
            None
        );
        assert_eq!(
            stance_of("es", "El alcalde dijo que el puente abrirá en mayo."),
            None
        );
    }

    #[test]
    fn portuguese_stances() {
        assert_eq!(
            stance_of(
                "pt",
                "O ministro disse que apoia o acordo com os sindicatos."
            ),
            side(Side::For, "o acordo com os sindicatos")
        );
        assert_eq!(
            stance_of("pt", "A ministra disse que não apoia a reforma."),
            side(Side::Against, "a reforma")
        );
        assert_eq!(
            stance_of("pt", "O prefeito disse que é contra a nova taxa."),
            side(Side::Against, "a nova taxa")
        );
        assert_eq!(
            stance_of("pt", "O prefeito disse que a ponte reabrirá em maio."),
            None
        );
    }

    #[test]
    fn german_stances_with_separable_verbs() {
        let cases = [
            (
                "Der Minister sagte, er lehne den Vorschlag ab.",
                side(Side::Against, "den Vorschlag"),
            ),
            (
                "Die Ministerin sagte, sie sei offen für Gespräche mit der Opposition.",
                side(Side::For, "Gespräche mit der Opposition"),
            ),
            (
                "Die Ministerin sagte, sie unterstütze den Plan nicht.",
                side(Side::Against, "den Plan"),
            ),
            // Negated "against": no side. "lehne" without "ab" is another verb.
            ("Der Minister sagte, er lehne den Vorschlag nicht ab.", None),
            ("Der Bürgermeister sagte, er lehne sich zurück.", None),
            (
                "Die Ministerin sagte, sie kritisiere ihn im Interview.",
                None,
            ),
            (
                "Der Bürgermeister sagte, die Brücke werde im Mai geöffnet.",
                None,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(stance_of("de", text), expected, "{text}");
        }
    }
}
