//! Byte ↔ UTF-16 offsets: the engine works in bytes, the DOM counts UTF-16 code units.
//!
//! [`Utf16Map`] is built once per block in one pass and answers each conversion in constant time
//! plus at most one checkpoint stride, so a block with many quotes stays linear.

use super::model::Span;

/// Bytes between checkpoints: the most a single conversion walks.
const STRIDE: usize = 256;

/// Byte → UTF-16 offset conversion for one block of text.
pub struct Utf16Map<'a> {
    text: &'a str,
    /// (byte, utf16) at the first char boundary at or after each multiple of STRIDE; empty when
    /// the text is ASCII (the offsets are then equal). Built on the first conversion: most
    /// blocks hold no quotation and need none.
    checkpoints: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Utf16Map<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Map {
            text,
            checkpoints: std::cell::OnceCell::new(),
        }
    }

    fn checkpoints(&self) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::new();
            if !self.text.is_ascii() {
                let mut units = 0;
                for (i, c) in self.text.char_indices() {
                    if i >= checkpoints.len() * STRIDE {
                        checkpoints.push((i, units));
                    }
                    units += c.len_utf16();
                }
            }
            checkpoints
        })
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary, at most the text's length).
    pub fn utf16(&self, byte: usize) -> usize {
        let checkpoints = self.checkpoints();
        if checkpoints.is_empty() {
            return byte;
        }
        let k = (byte / STRIDE).min(checkpoints.len() - 1);
        let (mut from, mut units) = checkpoints[k];
        if from > byte {
            (from, units) = checkpoints[k.saturating_sub(1)];
        }
        units + utf16_len(&self.text[from..byte])
    }

    /// The [`Span`] of `text[start..end]` in block `block`.
    pub fn span(&self, block: usize, start: usize, end: usize) -> Span {
        Span {
            block,
            start,
            end,
            start_utf16: self.utf16(start),
            end_utf16: self.utf16(end),
        }
    }
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
        let s = Utf16Map::new(text).span(0, 5, text.len());
        assert_eq!((s.start_utf16, s.end_utf16), (3, 6));
    }

    #[test]
    fn agrees_with_a_full_count_everywhere() {
        let text = "é😀 “x” ".repeat(300);
        let map = Utf16Map::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(map.utf16(i), utf16_len(&text[..i]), "at byte {i}");
        }
    }
}
