//! Block text as a reader sees it, with an exact map back to the DOM text it came from.
//!
//! White space collapses as a browser renders it (any run, non-breaking spaces included, becomes
//! one space; none at the ends). Soft hyphens and zero-width characters are dropped. Every kept
//! character keeps its UTF-16 position in its DOM text node, so offsets map back exactly.

/// Characters with no visible width: dropped from block text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{034F}')
}

/// `s` as block text: invisible characters dropped, white space collapsed and trimmed.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().filter(|&c| !is_invisible(c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// How many characters `s` shows once normalised (an approximation that needs no allocation:
/// every white-space run counts one).
pub(crate) fn visible_len(s: &str) -> usize {
    let mut len = 0;
    let mut in_space = false;
    for c in s.chars().filter(|&c| !is_invisible(c)) {
        let space = c.is_whitespace();
        if !(space && in_space) {
            len += 1;
        }
        in_space = space;
    }
    len
}

/// A piece under construction: the source is a node index of the snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RawPiece {
    pub node: usize,
    pub block_start: usize,
    pub node_start: usize,
    pub len: usize,
}

/// Accumulates one block's text from DOM text nodes, in order.
#[derive(Default)]
pub(crate) struct TextBuilder {
    pub text: String,
    pub pieces: Vec<RawPiece>,
    len_utf16: usize,
    /// A space is due before the next visible character; it maps to this DOM position, if any
    /// (`None` for a space standing for a `<br>`).
    pending_space: Option<Option<(usize, usize)>>,
}

impl TextBuilder {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends the data of text node `node`.
    pub fn push_text(&mut self, node: usize, data: &str) {
        let mut offset = 0;
        for c in data.chars() {
            let width = c.len_utf16();
            if is_invisible(c) {
                // Dropped; the next character starts a new piece.
            } else if c.is_whitespace() {
                if !self.text.is_empty() && self.pending_space.is_none() {
                    self.pending_space = Some(Some((node, offset)));
                }
            } else {
                self.flush_space();
                self.push_char(c, Some((node, offset)));
            }
            offset += width;
        }
    }

    /// A line break: a space in the text, with no DOM counterpart.
    pub fn push_break(&mut self) {
        if !self.text.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some(None);
        }
    }

    fn flush_space(&mut self) {
        if let Some(origin) = self.pending_space.take() {
            self.push_char(' ', origin);
        }
    }

    fn push_char(&mut self, c: char, origin: Option<(usize, usize)>) {
        let width = c.len_utf16();
        if let Some((node, node_offset)) = origin {
            match self.pieces.last_mut() {
                Some(p)
                    if p.node == node
                        && p.node_start + p.len == node_offset
                        && p.block_start + p.len == self.len_utf16 =>
                {
                    p.len += width
                }
                _ => self.pieces.push(RawPiece {
                    node,
                    block_start: self.len_utf16,
                    node_start: node_offset,
                    len: width,
                }),
            }
        }
        self.text.push(c);
        self.len_utf16 += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_spaces_and_drops_invisible_characters() {
        assert_eq!(normalize("  a \u{A0}\n b\u{AD}c\u{200B}d  "), "a bcd");
        // Each white-space run counts one, the leading one too.
        assert_eq!(visible_len("  a \u{A0}\n b\u{AD}c"), 5);
    }

    #[test]
    fn pieces_skip_collapsed_space_and_soft_hyphens() {
        let mut b = TextBuilder::default();
        // The trailing space of node 1 stands for the break that follows it.
        b.push_text(1, "  Hello \u{A0} wor\u{AD}ld ");
        b.push_break();
        b.push_text(2, "again");
        assert_eq!(b.text, "Hello world again");
        assert_eq!(
            b.pieces,
            vec![
                RawPiece {
                    node: 1,
                    block_start: 0,
                    node_start: 2,
                    len: 6
                },
                RawPiece {
                    node: 1,
                    block_start: 6,
                    node_start: 10,
                    len: 3
                },
                RawPiece {
                    node: 1,
                    block_start: 9,
                    node_start: 14,
                    len: 3
                },
                RawPiece {
                    node: 2,
                    block_start: 12,
                    node_start: 0,
                    len: 5
                },
            ]
        );
    }
}
