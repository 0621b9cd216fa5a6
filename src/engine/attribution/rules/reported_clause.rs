//! A partial quotation inside reported speech belongs to the speaker of the verb before it: "She
//! said the plan was “a disaster for the town”", "Er sagte, die Lage sei „sehr ernst“"; not a
//! title it mentions ("She said she loved “Night Train”").

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    if ctx.fragment_looks_like_a_title() {
        return None;
    }
    ctx.cue_before()
        .filter(|&b| !ctx.quote_between(ctx.cues[b].last + 1, ctx.at) || !ctx.cues[b].naming)
        .map(|b| Verdict::from_cue(ctx, b))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_fragment_in_a_reported_clause() {
        let text =
            "Councillor Dana Price said the new parking rules were “a disaster for small shops”.";
        assert_eq!(
            decision(text, "en", "a disaster"),
            (Some("Dana Price".into()), Rule::ReportedClause)
        );
    }

    #[test]
    fn a_title_in_reported_speech_is_not_speech() {
        let text = "Councillor Dana Price said she had watched “Night Train” twice.";
        assert_eq!(decision(text, "en", "Night Train"), (None, Rule::NotSpeech));
    }

    #[test]
    fn a_german_fragment_of_capitalised_nouns_is_still_speech() {
        // German capitalises every noun: a fragment opening in lowercase is no title.
        let text = "Jonas Weber sagte, die Lage sei „unter Kontrolle“.";
        assert_eq!(
            decision(text, "de", "unter"),
            (Some("Jonas Weber".into()), Rule::ReportedClause)
        );
    }
}
