//! Property tests: random inputs, the invariants of `invariants`.

use crate::invariants::{check_analysis, check_page};
use crate::strategies::{blocks, html_page, language, newsy_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use quotelens::engine::{self, Analyzer, Block, BlockKind};

/// `cases` cases from a fixed seed, unless PROPTEST_CASES / PROPTEST_RNG_SEED say otherwise.
fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x0051_0a7e_1e45);
    }
    // A failing case is printed, shrunk, by the runner; no regression files appear in the tree.
    config.failure_persistence = None;
    config
}

proptest! {
    #![proptest_config(config(3000))]
    #[test]
    fn any_blocks_in_any_language_give_a_consistent_analysis(blocks in blocks(10), language in language()) {
        check_analysis(&blocks, &engine::analyze(&blocks, &language));
    }
}

proptest! {
    #![proptest_config(config(300))]
    /// One long block, where unbalanced marks could run away and quotes nest.
    #[test]
    fn one_long_block_gives_a_consistent_analysis(text in newsy_text(3000)) {
        let blocks = [Block { id: 0, kind: BlockKind::Paragraph, text }];
        check_analysis(&blocks, &engine::analyze(&blocks, "en"));
    }
}

proptest! {
    #![proptest_config(config(4000))]
    #[test]
    fn any_page_gives_mapped_blocks_and_quotes_that_map_back_to_the_dom(html in html_page()) {
        check_page(&scraper::Html::parse_document(&html));
    }
}

proptest! {
    #![proptest_config(config(1000))]
    /// Fed in slices of any size, the incremental analyzer gives a consistent snapshot after each
    /// slice, and at the end exactly what `analyze` gives over all blocks.
    #[test]
    fn slices_of_any_size_give_the_same_analysis(
        blocks in blocks(12),
        cuts in prop::collection::vec(0usize..5, 0..12),
        language in language(),
    ) {
        let mut analyzer = Analyzer::new(&language);
        let mut fed = 0usize;
        for cut in cuts.into_iter().chain([usize::MAX]) {
            let next = fed.saturating_add(cut).min(blocks.len());
            analyzer.add_blocks(&blocks[fed..next]);
            fed = next;
            check_analysis(&blocks[..fed], &analyzer.analysis());
        }
        prop_assert_eq!(analyzer.analysis(), engine::analyze(&blocks, &language));
    }
}
