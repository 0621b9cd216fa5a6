//! The cue comes later in the sentence, a few words after the quotation: "“Never,” was all the
//! mayor, Ann Cole, told reporters on Friday." A quotation no cue decided may also take the cue of
//! the next sentence when that sentence opens referring back to it ("„…“ Das sagte Weber."): the
//! orchestrator reads it there and records this rule.

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

    #[test]
    fn the_next_sentence_refers_back_to_the_quotation() {
        let text = "Der Minister Jonas Weber ist zufrieden. Petra Lindqvist ist es nicht. „Wir \
                    prüfen alle Optionen.“ Das sagte Weber am Dienstag.";
        assert_eq!(
            decision(text, "de", "Wir prüfen"),
            (Some("Jonas Weber".into()), Rule::CueLater)
        );
        // "Das erklärte Ziel": an adjective and a noun, no speaker.
        let text = "„Wir prüfen alle Optionen.“ Das erklärte Ziel der Regierung ist klar.";
        assert_ne!(decision(text, "de", "Wir prüfen").1, Rule::CueLater);
    }
}
