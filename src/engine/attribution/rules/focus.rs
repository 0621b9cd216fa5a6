//! The last resort for a whole quotation with no cue: the passage's focus, the person who last
//! spoke or was named as a sentence's subject, if recent enough. Always decides, perhaps with no
//! speaker.

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Verdict {
    Verdict::speech(ctx.focus)
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_quotation_paragraph_after_its_speaker_spoke() {
        let text = "“We stay,” said Omar Haddad.\n\n“The town needs its bakery more than ever.”";
        assert_eq!(
            decision(text, "en", "The town"),
            (Some("Omar Haddad".into()), Rule::Focus)
        );
    }

    #[test]
    fn no_speaker_when_nobody_was_named() {
        let text = "“The town needs its bakery more than ever.”";
        assert_eq!(decision(text, "en", "The town"), (None, Rule::Focus));
    }
}
