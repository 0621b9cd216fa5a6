//! A whole quotation with no cue continues the quotation before it in the same paragraph: "“We
//! stay,” Lee said. “The town needs us.”"

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.previous_in_block
        .filter(|_| ctx.whole)
        .map(Verdict::speech)
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn the_next_sentence_of_the_same_speaker() {
        let text = "“We stay,” said Omar Haddad. “The town needs its bakery more than ever.”";
        assert_eq!(
            decision(text, "en", "The town"),
            (Some("Omar Haddad".into()), Rule::PreviousQuote)
        );
    }
}
