//! A fragment in a sentence whose subject is a person, or an actor who speaks in the article, is
//! theirs unless it is capitalised like a title: "Lee called the ruling “absurd” on Monday",
//! "Roth hält das für „völlig übertrieben“", but not "Lee starred in “Night Train”".

use crate::engine::attribution::sieve::{Context, Verdict};
use crate::engine::model::ActorKind;

pub fn apply(ctx: &Context) -> Option<Verdict> {
    if ctx.whole || ctx.fragment_looks_like_a_title() {
        return None;
    }
    let (at, id) = ctx.subject?;
    let e = &ctx.registry.entities[id];
    (at < ctx.at && (e.spoke || e.kind == ActorKind::Person)).then(|| Verdict::speech(Some(id)))
}

#[cfg(test)]
mod tests {
    use crate::engine::attribution::sieve::decision;
    use crate::engine::Rule;

    #[test]
    fn a_fragment_in_a_sentence_about_a_person() {
        let text =
            "Judge Helen Park spoke on Monday.\n\nPark found the claim “absurd” and dismissed it.";
        assert_eq!(
            decision(text, "en", "absurd"),
            (Some("Helen Park".into()), Rule::SentenceSubject)
        );
    }
}
