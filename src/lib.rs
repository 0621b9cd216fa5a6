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
