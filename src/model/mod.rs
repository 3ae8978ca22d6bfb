//! Plain data types shared by every layer: documents, briefs, dates, language tags.
//!
//! No I/O lives here. Everything is `Clone + PartialEq` and serde-serialisable, so the GUI
//! can keep whole copies of a [`Brief`] for undo and tests can compare values directly.

mod brief;
mod date;
mod document;
mod lang;

pub use brief::{Brief, BriefMeta, FORMAT_VERSION, Layout, PageSize, Section, SectionKind};
pub use date::{Date, DateError};
pub use document::{Document, DocumentMeta, Paragraph};
pub use lang::{LanguageTag, LanguageTagError};
