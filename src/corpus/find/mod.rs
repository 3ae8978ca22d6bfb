//! Finding what documents speak of: the lexicon (places, organisations, meeting words,
//! topics), dates and datelines, meetings and their corrections, topics and key figures;
//! `analyse` runs them over one document.

pub mod analyse;
pub mod corrections;
pub mod dateline;
pub mod dates;
pub mod event_edit;
pub mod events;
pub mod figures;
pub mod lexicon;
pub mod topics;
