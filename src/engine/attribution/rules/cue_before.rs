//! The cue introduces the quotation, with only punctuation or a complementizer between: "Kerry
//! said: “We will stay.”", "Lee said that “nothing has changed”", "Le ministre a déclaré : « Non. »"

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.cue_before()
        .filter(|&b| {
            let between = ctx.cues[b].last + 1..ctx.at;
            ctx.only_joining_punct(between.start, between.end)
                || ctx.tokens[between]
                    .iter()
                    .all(|t| t.is_in(&ctx.lex.complementizers))
        })
        .map(|b| Verdict::from_cue(ctx, b))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_colon_introduction() {
        let text = "The governor, Tom Reyes, told reporters: “This bridge will be built.”";
        assert_eq!(
            decision(text, "en", "This bridge"),
            (Some("Tom Reyes".into()), Rule::CueBefore)
        );
    }

    #[test]
    fn a_french_introduction() {
        let text = "La ministre Claire Martin a déclaré : « Nous ne céderons pas. »";
        assert_eq!(
            decision(text, "fr", "Nous ne"),
            (Some("Claire Martin".into()), Rule::CueBefore)
        );
    }

    #[test]
    fn the_one_told_before_the_colon_is_not_the_speaker() {
        let text = "Der Sprecher des Ministeriums, Jonas Weber, sagte der Deutschen \
                    Presse-Agentur: „Die Zahlen sind solide.“";
        assert_eq!(
            decision(text, "de", "Die Zahlen").0,
            Some("Jonas Weber".into())
        );
        let text = "Ann Lee, the ministry spokeswoman, told Channel Four: “The figures are solid.”";
        assert_eq!(
            decision(text, "en", "The figures").0,
            Some("Ann Lee".into())
        );
    }

    #[test]
    fn in_the_words_of_a_speaker() {
        let text = "En palabras de Juan Pérez, \"no hay dinero para todos\".";
        assert_eq!(
            decision(text, "es", "no hay"),
            (Some("Juan Pérez".into()), Rule::CueBefore)
        );
    }
}
