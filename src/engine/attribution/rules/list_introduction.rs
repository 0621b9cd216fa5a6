//! A list item after a block that ends "The minister also said:" is the minister's.

use crate::engine::attribution::sieve::{Context, Verdict};

pub fn apply(ctx: &Context) -> Option<Verdict> {
    ctx.list_speaker.map(Verdict::speech)
}

#[cfg(test)]
mod tests {
    use crate::engine::{analyze, Block, BlockKind, Rule};

    #[test]
    fn a_list_item_takes_the_introduced_speaker() {
        let block = |id, kind, text: &str| Block {
            id,
            kind,
            text: text.to_string(),
        };
        let blocks = [
            block(0, BlockKind::Paragraph, "The mayor, Ann Cole, also said:"),
            block(
                1,
                BlockKind::ListItem,
                "“We will open two new libraries this year.”",
            ),
        ];
        let quote = &analyze(&blocks, "en").quotes[0];
        assert_eq!(
            (quote.speaker.as_deref(), quote.rule),
            (Some("Ann Cole"), Rule::ListIntroduction)
        );
        assert_eq!(quote.cue.as_deref(), Some("also said"));
    }
}
