//! QuoteLens: who said what in a news article.
//!
//! The work is a pipeline of plain data, one module a stage:
//! DOM → [`article`] (text blocks with offsets back to the DOM) → [`engine`] (quotes → mentions →
//! attributions → actors and positions) → `web` (highlights, tooltips and sidebar; wasm32 only).
//! Everything but `web` builds and tests natively.

pub mod article;
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The view's words and colours are plain data (no DOM): their tests run natively too. Only the
/// browser's view calls the rest, hence unused here.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "web/present.rs"]
#[allow(dead_code)]
mod present;
