//! Stand-in for `engine::Analyzer` (CONTRACT.md) until the engine work lands on main: the same
//! interface, re-analysing everything read so far on each snapshot.

use super::view::Analyse;
use crate::engine::{self, Analysis, Block};

pub struct Analyzer {
    language: String,
    blocks: Vec<Block>,
}

/// The engine's analyser, for the view.
pub fn new_analyzer(language: &str) -> Box<dyn Analyse> {
    Box::new(Analyzer { language: language.to_string(), blocks: Vec::new() })
}

impl Analyse for Analyzer {
    fn add_blocks(&mut self, blocks: &[Block]) {
        self.blocks.extend_from_slice(blocks);
    }

    fn analysis(&self) -> Analysis {
        engine::analyze(&self.blocks, &self.language)
    }
}
