//! The attribution rules, one unit each, in the order the sieve tries them (`sieve::SIEVE`).

pub mod continued_quote;
pub mod cue_after;
pub mod cue_around;
pub mod cue_before;
pub mod cue_inside;
pub mod cue_later;
pub mod focus;
pub mod list_introduction;
pub mod not_speech;
pub mod previous_quote;
pub mod reported_clause;
pub mod reported_mood;
pub mod sentence_subject;
