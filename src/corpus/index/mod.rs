//! Finding documents again: full-text search, the on-disk cache of a loaded corpus and its
//! index, and browsing by meeting, topic and date.

// Finding and listing documents for the app's corpus panel.
#[cfg(feature = "app")]
pub(crate) mod browse;
pub(crate) mod cache;
pub(crate) mod search;
