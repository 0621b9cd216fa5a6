//! Stage: one block's text → quotation spans, by pairing marks with a bounded stack.
//!
//! A mark opens or closes by its pair table (the language's quote styles) and by where it stands:
//! a mark with space before and a word after opens, one with a word before and space or
//! punctuation after closes. Apostrophes (don't, ’90s, the students’ union) pair with nothing.
//! Unclosed single marks are dropped; an unclosed double mark runs to the end of its block only
//! (a paragraph of a multi-paragraph quote), so no span ever runs away past its block.

use super::lexicon::Lexicon;

/// Deeper nesting than this is not language; older openers are forgotten (keeps hostile input linear).
const MAX_DEPTH: usize = 8;

/// One quotation inside a block, in byte offsets of the block's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawQuote {
    /// Where the opening mark starts.
    pub open: usize,
    /// The quoted text: `start..end`, marks excluded.
    pub start: usize,
    pub end: usize,
    /// Just past the closing mark (`end` when unclosed).
    pub close_end: usize,
    /// False for a paragraph of a multi-paragraph quote, running to the end of the block.
    pub closed: bool,
    /// Inside another quotation.
    pub nested: bool,
}

struct Open {
    mark: char,
    at: usize,
    content: usize,
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›')
}

fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn opening_context(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | ';' | ',')
}

fn closing_context(c: char) -> bool {
    c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '(' | '[' | '{'))
}

/// Where the next character at or after `from` (a char boundary) can be a quotation mark: only
/// `"`, `'` and non-ASCII characters can. Eight bytes are tested at a time, as most have none.
fn next_possible_mark(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `word` equals `byte` (the classic zero-byte test).
    let holds = |word: u64, byte: u8| {
        let diff = word ^ (ONES * u64::from(byte));
        diff.wrapping_sub(ONES) & !diff & HIGH_BITS
    };
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        if word & HIGH_BITS != 0 || holds(word, b'"') != 0 || holds(word, b'\'') != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b == b'"' || b == b'\'' || b >= 0xC0)
        .map(|k| at + k)
}

/// Finds every quotation in `text`, in order of their opening marks.
pub fn scan(text: &str, lexicon: &Lexicon) -> Vec<RawQuote> {
    let mut found: Vec<RawQuote> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let bytes = text.as_bytes();
    let mut after = 0;
    while let Some(i) = next_possible_mark(bytes, after) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        after = i + c.len_utf8();
        if lexicon.is_mark(c) {
            // A replacement character (a lone surrogate from the DOM) counts as a space around marks.
            let as_space = |n: char| if n == '\u{FFFD}' { ' ' } else { n };
            let prev = text[..i].chars().next_back().map(as_space);
            let next = text[after..].chars().next().map(as_space);
            let left_flank = prev.is_none_or(|p| opening_context(p) || lexicon.is_mark(p))
                && next.is_some_and(|n| !n.is_whitespace());
            let right_flank = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| closing_context(n) || lexicon.is_mark(n));
            let word_inside =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            let elision = left_flank && next.is_some_and(|n| n.is_ascii_digit());
            let apostrophe = is_apostrophe_like(c) && (word_inside || elision);
            if !apostrophe {
                let closes = stack.iter().rposition(|o| lexicon.pairs(o.mark, c));
                let can_open = lexicon.can_open(c);
                let single_ok = |flank: bool| !is_single(c) || flank;
                // An asymmetric pair (« », „ “) closes whenever its opener is open; a symmetric
                // one (" ") closes only where it can end a word.
                let closes_here = |k: usize| {
                    stack[k].mark != c && !is_apostrophe_like(c)
                        || !(left_flank && can_open && !right_flank)
                            && single_ok(right_flank || !left_flank)
                };
                match closes {
                    Some(k) if closes_here(k) => {
                        let o = &stack[k];
                        // Single marks around one or two letters are elisions: rock 'n' roll.
                        let content = text[o.content..i].trim();
                        if !(content.is_empty() || is_single(c) && content.chars().count() <= 2) {
                            found.push(RawQuote {
                                open: o.at,
                                start: o.content,
                                end: i,
                                close_end: i + c.len_utf8(),
                                closed: true,
                                nested: false,
                            });
                        }
                        stack.truncate(k);
                    }
                    _ if can_open && !right_flank && single_ok(left_flank) => {
                        if stack.len() == MAX_DEPTH {
                            stack.remove(0);
                        }
                        stack.push(Open {
                            mark: c,
                            at: i,
                            content: i + c.len_utf8(),
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(open) = stack.iter().find(|o| !is_single(o.mark)) {
        let rest = text[open.content..].trim_end();
        let at_block_start = text[..open.at].trim().is_empty();
        let ends_sentence = rest.ends_with(['.', '!', '?', '…']);
        // A later double-marked quotation means this mark was a stray, not a paragraph's opening.
        let nothing_after = found
            .iter()
            .filter(|q| q.open > open.at)
            .all(|q| text[q.open..].starts_with(is_single));
        if !rest.trim().is_empty() && (at_block_start || ends_sentence) && nothing_after {
            let end = open.content + rest.len();
            found.push(RawQuote {
                open: open.at,
                start: open.content,
                end,
                close_end: end,
                closed: false,
                nested: false,
            });
        }
    }
    found.sort_by_key(|q| (q.open, std::cmp::Reverse(q.close_end)));
    let mut outer_end = 0;
    for q in &mut found {
        q.nested = q.open < outer_end;
        if !q.nested {
            outer_end = q.close_end;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::for_language;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        scan(text, for_language("en"))
            .iter()
            .map(|q| (&text[q.start..q.end], q.nested))
            .collect()
    }

    #[test]
    fn finds_possible_marks_as_a_byte_by_byte_search_would() {
        let text = "abcdefgh ijklmnop “q” ’s and \"x\" 'y' é 😀 abcdefghijklmnopqrstuvwxyz«z»";
        let bytes = text.as_bytes();
        let naive = |from: usize| {
            bytes[from..]
                .iter()
                .position(|&b| b == b'"' || b == b'\'' || b >= 0xC0)
                .map(|k| from + k)
        };
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(next_possible_mark(bytes, from), naive(from), "from {from}");
        }
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        assert_eq!(
            texts("He said “yes” and \"no\"."),
            [("yes", false), ("no", false)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(texts("Don't stop: the ’90s and the students’ union.").is_empty());
        assert_eq!(texts("It’s ‘fine’, she said."), [("fine", false)]);
    }

    #[test]
    fn nested_quotes_are_marked() {
        assert_eq!(
            texts("“It’s ‘Showtime.’”"),
            [("It’s ‘Showtime.’", false), ("Showtime.", true)]
        );
    }

    #[test]
    fn unclosed_paragraph_quote_runs_to_block_end_only() {
        assert_eq!(
            texts("“As it went on, we tried."),
            [("As it went on, we tried.", false)]
        );
        assert!(texts("a 12\" pizza and more").is_empty());
    }
}
