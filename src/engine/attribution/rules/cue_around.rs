//! The quotation sits inside its cue, between the verb and its agent: "The plan was called
//! “reckless” by the mayor", "Als „Fehler“ bezeichnet wurde es von der Ministerin".

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.cues
        .iter()
        .position(|c| c.first < ctx.at && ctx.at < c.last)
        .map(|c| Verdict::from_cue(ctx, c))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_passive_label_names_its_agent() {
        let text = "The new stadium was described as “a waste of public money” by Mayor Ann Cole.";
        assert_eq!(
            decision(text, "en", "a waste"),
            (Some("Ann Cole".into()), Rule::CueAround)
        );
    }
}
