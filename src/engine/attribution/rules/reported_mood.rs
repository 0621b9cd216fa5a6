//! A fragment in a sentence whose verb's mood alone marks reported speech is the words of the one
//! the passage is about: "Die Reform sei „ein Fehler“" (German Konjunktiv I).

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    (!ctx.whole && ctx.reported_mood && !ctx.fragment_looks_like_a_title())
        .then_some(ctx.focus)
        .flatten()
        .map(|id| Verdict::speech(Some(id)))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_fragment_in_the_subjunctive() {
        let text = "„Wir bleiben“, sagte die Ministerin Eva Roth.\n\nDie Reform sei „ein schwerer Fehler“.";
        assert_eq!(
            decision(text, "de", "ein schwerer"),
            (Some("Eva Roth".into()), Rule::ReportedMood)
        );
    }
}
