//! A paragraph that opens inside a quotation left open at the end of the previous one continues
//! it: the convention of long quotations running over several paragraphs.

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.continued
        .filter(|_| ctx.whole && ctx.at == 0)
        .map(Verdict::speech)
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn an_open_quotation_runs_into_the_next_paragraph() {
        let text = "Omar Haddad said: “We stay because the town needs its bakery.\n\n“And we have baked here for forty years.”";
        assert_eq!(
            decision(text, "en", "And we"),
            (Some("Omar Haddad".into()), Rule::ContinuedQuote)
        );
    }
}
