//! Finding documents again: full-text search, the on-disk cache of a loaded corpus and its
//! index, and browsing by meeting, topic and date.

pub mod browse;
pub mod cache;
pub mod search;
