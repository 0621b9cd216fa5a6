//! A block's text as words, punctuation and whole quotations, split into sentences.
//!
//! Each top-level quotation becomes one token, so the rules that look for speakers read the
//! narrative around quotations and never the words inside them.

use super::lexicon::{Classes, Lexicon, PhraseSet};
use super::quotes::RawQuote;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// Index into the block's top-level quotations.
    Quote(usize),
}

#[derive(Clone, Debug)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercase text (words only; empty otherwise).
    pub lower: &'a str,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Holds a hyphen ("dit-il", "well-known").
    pub hyphenated: bool,
    /// The lexicon's lists the word is in, and those its stem (without a possessive) is in.
    pub classes: Classes,
    pub stem_classes: Classes,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            Kind::Quote(q) => Some(q),
            _ => None,
        }
    }
    /// The word without a possessive ending.
    pub fn stem(&self) -> &'a str {
        strip_possessive_ending(self.lower)
    }
    pub fn is_possessive(&self) -> bool {
        self.stem().len() != self.lower.len()
    }
    /// Whether the word is a one-word entry of `list`.
    pub fn is_in(&self, list: &PhraseSet) -> bool {
        if list.is_indexed() {
            list.holds(self.classes)
        } else {
            list.contains(self.lower)
        }
    }
    /// Whether the word without its possessive ending is.
    pub fn stem_is_in(&self, list: &PhraseSet) -> bool {
        if list.is_indexed() {
            list.holds(self.stem_classes)
        } else {
            list.contains(self.stem())
        }
    }
}

fn strip_possessive_ending(word: &str) -> &str {
    // On bytes: once per token, where two string comparisons cost more than the rest of it.
    let ending = match word.as_bytes() {
        [.., b'\'', b's'] => 2,
        [.., 0xE2, 0x80, 0x99, b's'] => "’s".len(),
        _ => 0,
    };
    &word[..word.len() - ending]
}

/// The length in tokens of the longest entry of `list` starting at `tokens[0]`.
pub fn phrase_at(list: &PhraseSet, tokens: &[Token]) -> Option<usize> {
    if !list.may_start(tokens.first()?.classes) {
        return None;
    }
    list.match_at(tokens.iter().map(|t| t.lower))
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '&' | '\u{ad}')
}

/// What the tokenizer reuses from block to block, so that a block costs no allocation once the
/// buffers have grown: the lowercase forms of words not already lowercase, which the tokens
/// borrow, and which token each belongs to.
#[derive(Default)]
pub struct Buffers {
    lowered: String,
    placed: Vec<(usize, std::ops::Range<usize>)>,
}

/// Tokenises `text`; `quotes` are the block's top-level quotations in order. A word already in
/// lowercase ASCII (most words) is its own lowercase form; the others are lowercased into
/// `buffers`, which their tokens then borrow.
pub fn tokenize<'a>(
    text: &'a str,
    quotes: &[RawQuote],
    lexicon: &Lexicon,
    buffers: &'a mut Buffers,
) -> Vec<Token<'a>> {
    let Buffers { lowered, placed } = buffers;
    lowered.clear();
    placed.clear();
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let other = |start: usize, end: usize, kind: Kind| Token {
        start,
        end,
        kind,
        lower: "",
        cap: false,
        hyphenated: false,
        classes: Classes::default(),
        stem_classes: Classes::default(),
    };
    let mut next_quote = 0;
    let mut i = 0;
    while i < text.len() {
        if bytes[i] == b' ' {
            // Most common of all; no quotation opens on a space.
            i += 1;
            continue;
        }
        while next_quote < quotes.len() && quotes[next_quote].open < i {
            next_quote += 1;
        }
        if next_quote < quotes.len() && quotes[next_quote].open == i {
            let q = &quotes[next_quote];
            tokens.push(other(q.open, q.close_end, Kind::Quote(next_quote)));
            i = q.close_end.max(i + 1);
            while !text.is_char_boundary(i) {
                i += 1;
            }
            next_quote += 1;
            continue;
        }
        let c = char_at(text, bytes, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(other(i, i + c.len_utf8(), Kind::Punct(c)));
            i += c.len_utf8();
            continue;
        }
        let Word {
            mut end,
            mut plain,
            mut hyphenated,
        } = word_end(text, i, c, quotes, lexicon, lowered);
        // An elided article or pronoun is a word of its own: "l'Agence" is "l'" and "Agence".
        if let Some(split) = elision_end(&text[i..end], lexicon) {
            end = i + split;
            plain = text[i..end]
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            hyphenated = false;
        }
        let word = &text[i..end];
        let (lower, from) = if plain {
            (word, None)
        } else {
            let from = lowered.len();
            push_lowercase(lowered, word);
            (&lowered[from..], Some(from))
        };
        let classes = lexicon.classes(lower);
        let stem = strip_possessive_ending(lower);
        let stem_classes = if stem.len() == lower.len() {
            classes
        } else {
            lexicon.classes(stem)
        };
        if let Some(from) = from {
            placed.push((tokens.len(), from..lowered.len()));
        }
        tokens.push(Token {
            start: i,
            end,
            kind: Kind::Word,
            // Placed below, once the buffer is complete, when the form is in the buffer.
            lower: if from.is_none() { word } else { "" },
            cap: c.is_uppercase(),
            hyphenated,
            classes,
            stem_classes,
        });
        i = end;
    }
    let lowered: &'a String = lowered;
    for (token, range) in placed.drain(..) {
        tokens[token].lower = &lowered[range];
    }
    tokens
}

/// Where an elided word at the start of `word` ends, its apostrophe included ("l'" in
/// "l'Agence", "qu’" in "qu’il"), when the language elides and a letter follows.
fn elision_end(word: &str, lexicon: &Lexicon) -> Option<usize> {
    if lexicon.elisions.is_empty() {
        return None;
    }
    let (at, mark) = word.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
    let split = at + mark.len_utf8();
    let prefix = word[..at].to_lowercase();
    (at > 0 && word[split..].starts_with(char::is_alphabetic) && lexicon.elisions.contains(&prefix))
        .then_some(split)
}

/// The character starting at byte `i` (a char boundary), ASCII without decoding.
fn char_at(text: &str, bytes: &[u8], i: usize) -> char {
    match bytes[i] {
        b if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().unwrap_or(' '),
    }
}

/// A word found by [`word_end`].
struct Word {
    end: usize,
    /// Plain lowercase ASCII: its own lowercase form.
    plain: bool,
    hyphenated: bool,
}

/// Where the word starting with `c` at byte `i` ends: letters and digits, joined by apostrophes and
/// hyphens, and the full stop of abbreviations and initials. `scratch` is borrowed to lowercase a
/// candidate abbreviation and left as it was.
fn word_end(
    text: &str,
    i: usize,
    c: char,
    quotes: &[RawQuote],
    lexicon: &Lexicon,
    scratch: &mut String,
) -> Word {
    let bytes = text.as_bytes();
    let mut end = i + c.len_utf8();
    let mut plain = c.is_ascii() && !c.is_ascii_uppercase();
    let mut hyphenated = false;
    loop {
        match bytes.get(end) {
            Some(b) if b.is_ascii_alphanumeric() => {
                plain &= !b.is_ascii_uppercase();
                end += 1;
                continue;
            }
            // Most words end at a space or a punctuation mark that cannot join or abbreviate.
            Some(b) if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'&' | b'.') => break,
            None => break,
            _ => {}
        }
        let rest = &text[end..];
        let mut rc = rest.chars();
        match (rc.next(), rc.next()) {
            (Some(a), _) if a.is_alphanumeric() => {
                plain &= a.is_ascii() && !a.is_ascii_uppercase();
                end += a.len_utf8()
            }
            (Some(a), Some(b))
                if joins_word(a) && b.is_alphanumeric() && !starts_quote(quotes, end) =>
            {
                plain &= a.is_ascii();
                hyphenated |= a == '-';
                end += a.len_utf8()
            }
            (Some('.'), next) => {
                // Abbreviations and initials keep their full stop: "Mr.", "U.S.", "C. Eugene", "Ph.D."
                let word = &text[i..end];
                let letters = word.chars().count();
                let initial = letters == 1 && c.is_uppercase();
                let dotted = word.contains('.');
                let inner = next.is_some_and(char::is_alphabetic) && letters <= 3;
                let mut abbreviation = || {
                    let mark = scratch.len();
                    push_lowercase(scratch, word);
                    let known = lexicon.abbreviations.contains(&scratch[mark..]);
                    scratch.truncate(mark);
                    known
                };
                if !(initial || dotted || inner || abbreviation()) {
                    break;
                }
                end += 1;
                if !(inner || dotted && next.is_some_and(char::is_alphabetic)) {
                    break;
                }
            }
            _ => break,
        }
    }
    Word {
        end: end.min(text.len()),
        plain,
        hyphenated,
    }
}

/// Appends `word` lowercased, without soft hyphens.
pub(super) fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(word.to_lowercase().chars().filter(|&ch| ch != '\u{ad}'));
    }
}

fn starts_quote(quotes: &[RawQuote], at: usize) -> bool {
    // Quotes are sorted by opening mark; only a mark can sit at `at`, so check its neighbours.
    let i = quotes.partition_point(|q| q.open < at);
    quotes.get(i).is_some_and(|q| q.open == at)
        || quotes[..i].iter().rev().take(2).any(|q| q.end == at)
}

/// Whether a quotation's own text ends a sentence ("…inside Iraq." rather than "…distressing,").
pub fn quote_ends_sentence(text: &str, q: &RawQuote) -> bool {
    text[q.start..q.end]
        .trim_end()
        .trim_end_matches(['"', '\'', '’', '”', '»', '“'])
        .ends_with(['.', '!', '?', '…'])
}

/// Splits tokens into sentences (token index ranges). A quotation that ends its own sentence
/// ends the narrative sentence too, unless a short cue follows ("…Iraq.” Kirby said.).
pub fn sentences(
    text: &str,
    tokens: &[Token],
    quotes: &[RawQuote],
    lexicon: &Lexicon,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let boundary = match t.kind {
            Kind::Punct('.' | '!' | '?' | '…') => true,
            Kind::Word
                if t.lower.ends_with('.')
                    && !t.stem_is_in(&lexicon.titles)
                    && t.lower.chars().filter(|&c| c == '.').count() > 1 =>
            {
                // "U.S." at a sentence's end: only when a capitalised non-name word follows.
                tokens
                    .get(i + 1)
                    .is_some_and(|n| n.cap && n.is_in(&lexicon.not_names))
            }
            Kind::Quote(q) => {
                quote_ends_sentence(text, &quotes[q])
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| n.cap || n.quote().is_some())
                    && !short_cue_follows(tokens, i + 1, lexicon)
            }
            _ => false,
        };
        if boundary {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// "Kirby said." / "he added in a statement." after a quotation: a speech verb within the first
/// five tokens, then nothing but the cue's tail before the sentence ends.
fn short_cue_follows(tokens: &[Token], from: usize, lexicon: &Lexicon) -> bool {
    // The cue ends at the sentence's end, or before a quotation it introduces ("…, “B.”").
    let end = (from..tokens.len())
        .find(|&k| match tokens[k].kind {
            Kind::Punct('.' | '!' | '?') => true,
            Kind::Quote(_) => k > from && matches!(tokens[k - 1].kind, Kind::Punct(',' | ':')),
            _ => false,
        })
        .unwrap_or(tokens.len());
    (from..end.min(from + 5)).any(|v| {
        let verb = phrase_at(&lexicon.speech_verbs, &tokens[v..end])
            .or_else(|| phrase_at(&lexicon.naming_verbs, &tokens[v..end]));
        verb.is_some_and(|len| {
            let mut k = v + len;
            while let Some(tail) = phrase_at(&lexicon.cue_tails, &tokens[k..end]) {
                k += tail;
            }
            end - k <= 2
        })
    })
}
