//! Fuzzing the core: arbitrary text, block structures and garbled HTML through the engine and the
//! article finder, plus deterministic worst cases (1 MB of text, a million quote marks, binary
//! junk, 100,000-level nesting).
//!
//! Bounded for CI: a fixed case count and a fixed seed, so `cargo test --release` is repeatable
//! and stays within seconds. Hunt for more with e.g.
//! `PROPTEST_CASES=200000 PROPTEST_RNG_SEED=7 cargo test --release --test fuzz`.

mod adversarial;
mod invariants;
mod properties;
mod strategies;
