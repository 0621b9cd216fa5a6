//! Stand-in for `engine::Analyzer` (CONTRACT.md) until the engine work lands on main: the same
//! interface, re-analysing everything read so far on each snapshot.

use crate::engine::{self, Analysis, Block};

pub struct Analyzer {
    language: String,
    blocks: Vec<Block>,
}

impl Analyzer {
    pub fn new(language: &str) -> Self {
        Analyzer { language: language.to_string(), blocks: Vec::new() }
    }

    pub fn add_blocks(&mut self, blocks: &[Block]) {
        self.blocks.extend_from_slice(blocks);
    }

    pub fn analysis(&self) -> Analysis {
        engine::analyze(&self.blocks, &self.language)
    }
}
