//! The browser layer (wasm32 only): exports for the extension, the demo and embedders.

pub mod dom_node;

use crate::engine::{self, Block, BlockKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Analyses plain text (blocks separated by blank lines) and returns the analysis as a plain
/// object, the same shape as the command line's JSON.
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(text: &str, lang: &str) -> Result<JsValue, JsError> {
    let blocks: Vec<Block> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(id, text)| Block { id, kind: BlockKind::Paragraph, text: text.to_string() })
        .collect();
    let analysis = engine::analyze(&blocks, lang);
    serde_wasm_bindgen::to_value(&analysis).map_err(|e| JsError::new(&e.to_string()))
}
