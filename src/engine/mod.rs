//! The language core: article text blocks in, who-said-what out. Pure Rust, no DOM.

pub mod model;
pub mod offsets;
pub mod quotes;

pub use model::*;

/// Analyses one article's blocks, in reading order, written in `language` (an ISO 639-1 code).
pub fn analyze(blocks: &[Block], language: &str) -> Analysis {
    let quotes = blocks.iter().flat_map(quotes::find_quotes).collect();
    Analysis { language: language.to_string(), quotes, actors: Vec::new(), reported: Vec::new() }
}
