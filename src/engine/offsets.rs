//! Byte ↔ UTF-16 offsets: the engine works in bytes, the DOM counts UTF-16 code units.

use super::model::Span;

/// Builds a [`Span`] for `text[start..end]` of block `block`; `start` and `end` must be char
/// boundaries.
pub fn span(block: usize, text: &str, start: usize, end: usize) -> Span {
    let start_utf16 = utf16_len(&text[..start]);
    Span { block, start, end, start_utf16, end_utf16: start_utf16 + utf16_len(&text[start..end]) }
}

pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_astral_characters_as_two_units() {
        let text = "a😀“b”";
        let s = span(0, text, 5, text.len());
        assert_eq!((s.start_utf16, s.end_utf16), (3, 6));
    }
}
