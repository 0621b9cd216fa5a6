//! QuoteLens: who said what in a news article.
//!
//! The work is a pipeline of plain data, one module a stage:
//! DOM → [`article`] (text blocks with offsets back to the DOM) → [`engine`] (quotes → mentions →
//! attributions → actors and positions) → [`present`] (what the view shows, as plain data) → `web`
//! (highlights, tooltips and sidebar in the page; wasm32 only). Everything but `web` builds and
//! tests natively.

pub mod article;
pub mod engine;
pub mod present;

#[cfg(target_arch = "wasm32")]
pub mod web;
