//! The cue comes later in the sentence, a few words after the quotation: "“Never,” was all the
//! mayor, Ann Cole, told reporters on Friday."

use crate::engine::attribution::sieve::{Context, Verdict};

/// The most words between a quotation and a cue that follows it.
const MAX_GAP: usize = 12;

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.cue_after()
        .filter(|&a| ctx.cues[a].first - (ctx.at + 1) <= MAX_GAP)
        .map(|a| Verdict::from_cue(ctx, a))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_cue_a_few_words_later() {
        let text = "“It is over” were the words the coach, Liam Byrne, said after the match.";
        assert_eq!(
            decision(text, "en", "It is over"),
            (Some("Liam Byrne".into()), Rule::CueLater)
        );
    }
}
