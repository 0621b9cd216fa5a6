//! The cue is an incise inside the quotation's own marks, as French and Portuguese write it:
//! "« C'est un scandale, explique Claire Martin. Mais nous continuerons. »", "« Rien, a-t-il dit,
//! n'est décidé. »". The orchestrator reads the incise and resolves its speaker.

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.inside_speaker.map(Verdict::speech)
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_named_incise_inside_the_marks() {
        let text = "Marc Dupuis a parlé lundi.\n\n« C'est un scandale, explique Claire Martin. \
                    Mais nous continuerons à nous battre. »";
        assert_eq!(
            decision(text, "fr", "C'est un scandale"),
            (Some("Claire Martin".into()), Rule::CueInside)
        );
    }

    #[test]
    fn a_pronoun_incise_inside_the_marks() {
        let text = "Claire Martin a parlé lundi.\n\n« Rien, a-t-elle dit, n'est décidé. »";
        assert_eq!(
            decision(text, "fr", "Rien"),
            (Some("Claire Martin".into()), Rule::CueInside)
        );
    }

    #[test]
    fn a_comma_and_a_verb_without_a_speaker_are_no_incise() {
        let text = "Claire Martin a parlé lundi.\n\n« Nous avons, dit-on souvent, le temps. »";
        assert_ne!(decision(text, "fr", "Nous avons").1, Rule::CueInside);
    }
}
