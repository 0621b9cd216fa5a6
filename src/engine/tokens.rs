//! A block's text as words, punctuation and whole quotations, split into sentences.
//!
//! Each top-level quotation becomes one token, so the rules that look for speakers read the
//! narrative around quotations and never the words inside them.

use super::lexicon::Lexicon;
use super::quotes::RawQuote;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// Index into the block's top-level quotations.
    Quote(usize),
}

#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercase text (words only; empty otherwise).
    pub lower: String,
    /// Starts with an uppercase letter.
    pub cap: bool,
}

impl Token {
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
    pub fn stem(&self) -> &str {
        self.lower.strip_suffix("'s").or_else(|| self.lower.strip_suffix("’s")).unwrap_or(&self.lower)
    }
    pub fn is_possessive(&self) -> bool {
        self.stem().len() != self.lower.len()
    }
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '&' | '\u{ad}')
}

/// Tokenises `text`; `quotes` are the block's top-level quotations in order.
pub fn tokenize(text: &str, quotes: &[RawQuote], lexicon: &Lexicon) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut next_quote = 0;
    let bytes_len = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        while next_quote < quotes.len() && quotes[next_quote].open < i {
            next_quote += 1;
        }
        if next_quote < quotes.len() && quotes[next_quote].open == i {
            let q = &quotes[next_quote];
            tokens.push(Token { start: q.open, end: q.close_end, kind: Kind::Quote(next_quote), lower: String::new(), cap: false });
            while iter.peek().is_some_and(|&(j, _)| j < q.close_end) {
                iter.next();
            }
            next_quote += 1;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token { start: i, end: i + c.len_utf8(), kind: Kind::Punct(c), lower: String::new(), cap: false });
            continue;
        }
        let mut end = i + c.len_utf8();
        loop {
            let rest = &text[end..];
            let mut rc = rest.chars();
            match (rc.next(), rc.next()) {
                (Some(a), _) if a.is_alphanumeric() => end += a.len_utf8(),
                (Some(a), Some(b)) if joins_word(a) && b.is_alphanumeric() && !starts_quote(quotes, end) => end += a.len_utf8(),
                (Some('.'), next) => {
                    // Abbreviations and initials keep their full stop: "Mr.", "U.S.", "C. Eugene", "Ph.D."
                    let word = text[i..end].to_lowercase();
                    let initial = word.chars().count() == 1 && c.is_uppercase();
                    let dotted = word.contains('.');
                    let inner = next.is_some_and(char::is_alphabetic) && word.chars().count() <= 3;
                    if !(initial || dotted || inner || lexicon.abbreviations.contains(&word)) {
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
        let end = end.min(bytes_len);
        let word = &text[i..end];
        tokens.push(Token { start: i, end, kind: Kind::Word, lower: word.to_lowercase().replace('\u{ad}', ""), cap: c.is_uppercase() });
        while iter.peek().is_some_and(|&(j, _)| j < end) {
            iter.next();
        }
    }
    tokens
}

fn starts_quote(quotes: &[RawQuote], at: usize) -> bool {
    // Quotes are sorted by opening mark; only a mark can sit at `at`, so check its neighbours.
    let i = quotes.partition_point(|q| q.open < at);
    quotes.get(i).is_some_and(|q| q.open == at) || quotes[..i].iter().rev().take(2).any(|q| q.end == at)
}

/// Whether a quotation's own text ends a sentence ("…inside Iraq." rather than "…distressing,").
pub fn quote_ends_sentence(text: &str, q: &RawQuote) -> bool {
    text[q.start..q.end].trim_end().trim_end_matches(['"', '\'', '’', '”', '»', '“']).ends_with(['.', '!', '?', '…'])
}

/// Splits tokens into sentences (token index ranges). A quotation that ends its own sentence
/// ends the narrative sentence too, unless a short cue follows ("…Iraq.” Kirby said.).
pub fn sentences(text: &str, tokens: &[Token], quotes: &[RawQuote], lexicon: &Lexicon) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let boundary = match t.kind {
            Kind::Punct('.' | '!' | '?' | '…') => true,
            Kind::Word if t.lower.ends_with('.') && !lexicon.titles.contains(t.stem()) && t.lower.chars().filter(|&c| c == '.').count() > 1 => {
                // "U.S." at a sentence's end: only when a capitalised non-name word follows.
                tokens.get(i + 1).is_some_and(|n| n.cap && lexicon.not_names.contains(&n.lower))
            }
            Kind::Quote(q) => {
                quote_ends_sentence(text, &quotes[q]) && tokens.get(i + 1).is_some_and(|n| n.cap || n.quote().is_some()) && !short_cue_follows(tokens, i + 1, lexicon)
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

/// "Kirby said." / "he added, smiling." after a quotation: a speech verb within the first five
/// tokens and the sentence over within eight more.
fn short_cue_follows(tokens: &[Token], from: usize, lexicon: &Lexicon) -> bool {
    let end = tokens[from..].iter().position(|t| matches!(t.kind, Kind::Punct('.' | '!' | '?') | Kind::Quote(_))).map_or(tokens.len(), |p| from + p);
    (from..end.min(from + 5)).any(|v| {
        let words = tokens[v..end].iter().map(|t| t.lower.as_str());
        let verb = lexicon.speech_verbs.match_at(words.clone()).or_else(|| lexicon.naming_verbs.match_at(words));
        verb.is_some_and(|len| end - (v + len) <= 8)
    })
}
