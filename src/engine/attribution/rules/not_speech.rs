//! A fragment no rule before gave a speaker is nobody's words: a scare quote, a title, a word
//! quoted as a word ("the so-called “peace plan”", "the film “Night Train”").

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    (!ctx.whole).then_some(Verdict {
        entity: None,
        cue: None,
        speech: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_title_is_not_speech() {
        let text = "The festival opened with the film “Night Train” on a rainy evening.";
        assert_eq!(decision(text, "en", "Night Train"), (None, Rule::NotSpeech));
    }
}
