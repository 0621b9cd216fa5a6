//! The cue follows the quotation, joined by punctuation only: "“We will stay,” Kirby said.",
//! "« Nous resterons », a déclaré le ministre.", "„Wir bleiben“, sagte sie.", "—Nos quedamos
//! —dijo López."

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.cue_after()
        .filter(|&a| ctx.only_joining_punct(ctx.at + 1, ctx.cues[a].first))
        .map(|a| Verdict::from_cue(ctx, a))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_name_after_the_quotation() {
        let text = "“We will not leave the valley,” said Maria Olsen, the mayor.";
        assert_eq!(
            decision(text, "en", "We will"),
            (Some("Maria Olsen".into()), Rule::CueAfter)
        );
    }

    #[test]
    fn an_inverted_cue_in_german() {
        let text =
            "Der Bürgermeister Jonas Weber sprach am Montag.\n\n„Wir bleiben hier“, sagte Weber.";
        assert_eq!(
            decision(text, "de", "Wir bleiben"),
            (Some("Jonas Weber".into()), Rule::CueAfter)
        );
    }

    #[test]
    fn a_pronoun_after_the_quotation() {
        let text = "Maria Olsen spoke on Monday.\n\n“We will not leave the valley,” she said.";
        assert_eq!(
            decision(text, "en", "We will"),
            (Some("Maria Olsen".into()), Rule::CueAfter)
        );
    }

    #[test]
    fn a_german_verb_split_around_its_speaker() {
        let text = "„Wir fordern eine Korrektur“, teilte der Verband am Montag mit.";
        assert_eq!(
            decision(text, "de", "Wir fordern"),
            (Some("Verband".into()), Rule::CueAfter)
        );
        // Without its particle the verb says nothing: "teilte" alone is "shared".
        let text = "„Wir fordern eine Korrektur“, teilte der Verband Brot.";
        assert_ne!(decision(text, "de", "Wir fordern").1, Rule::CueAfter);
    }

    #[test]
    fn a_role_alone_after_the_verb_is_the_speaker() {
        let text = "“Nobody will lose out,” said the minister.";
        assert_eq!(
            decision(text, "en", "Nobody"),
            (Some("the minister".into()), Rule::CueAfter)
        );
        let text = "Finanzministerin Anna Berg verteidigte den Plan.\n\n„Niemand verliert“, \
                    betonte die Ministerin.";
        assert_eq!(
            decision(text, "de", "Niemand"),
            (Some("Anna Berg".into()), Rule::CueAfter)
        );
    }

    #[test]
    fn the_one_spoken_to_between_the_verb_and_its_speaker() {
        let text = "\"No vamos a ceder\", afirmó a EFE el portavoz del Gobierno, Juan Pérez.";
        assert_eq!(
            decision(text, "es", "No vamos"),
            (Some("Juan Pérez".into()), Rule::CueAfter)
        );
        let text = "\"Não vamos ceder\", disse à Folha o ministro João Silva.";
        assert_eq!(
            decision(text, "pt", "Não vamos"),
            (Some("João Silva".into()), Rule::CueAfter)
        );
    }

    #[test]
    fn a_description_by_age_or_party_refers_back() {
        let text = "Jonas Weber leitet die Behörde seit 2019.\n\n„Wir sind zufrieden“, sagte der \
                    45-Jährige.";
        assert_eq!(
            decision(text, "de", "Wir sind").0,
            Some("Jonas Weber".into())
        );
        let text =
            "Jonas Weber leitet die Behörde.\n\n„Wir sind zufrieden“, sagte der SPD-Politiker.";
        assert_eq!(
            decision(text, "de", "Wir sind").0,
            Some("Jonas Weber".into())
        );
        // With nobody met before, the description is the speaker.
        let text = "“We are happy,” said the 45-year-old.";
        assert_eq!(
            decision(text, "en", "We are").0,
            Some("the 45-year-old".into())
        );
    }
}
