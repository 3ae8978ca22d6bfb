//! Finding what documents speak of: the lexicon (places, organisations, meeting words,
//! topics), dates and datelines, meetings and their corrections, topics and key figures;
//! `analyse` runs them over one document.

pub(crate) mod analyse;
// The analyst's changes to meetings travel in the app's public `Command::EditEvents`, which
// makes these modules' items reachable from outside with the app; without it they are not.
#[cfg_attr(not(feature = "app"), allow(unreachable_pub))]
pub(crate) mod corrections;
pub(crate) mod dateline;
pub(crate) mod dates;
#[cfg_attr(not(feature = "app"), allow(unreachable_pub))]
pub(crate) mod event_edit;
pub(crate) mod events;
pub(crate) mod figures;
pub(crate) mod lexicon;
pub(crate) mod topics;
