//! Plain data types shared by every layer: documents, briefs, dates, language tags, and
//! what the corpus finds in documents (events, topics, key figures).
//!
//! No I/O lives here. Everything is `Clone + PartialEq` and serde-serialisable, so the GUI
//! can keep whole copies of a [`Brief`] for undo and tests can compare values directly.

mod brief;
mod brief_edit;
pub(crate) mod date;
mod document;
mod event;
mod lang;

#[cfg(feature = "app")]
pub(crate) use brief::PageSize;
pub use brief::{Brief, Layout, Section, SectionKind};
pub(crate) use brief::{
    BriefMeta, FORMAT_VERSION, Family, PageBreak, PageSetup, ParagraphRef, Rgb, Theme, TranslationSource,
};
pub use date::{Date, PartialDate};
pub(crate) use date::{DatePrecision, days_in_month};
pub(crate) use document::Provenance;
pub use document::{Document, DocumentMeta, Paragraph, SourceFormat};
pub(crate) use event::{Cue, CueRole, FigureKind, KeyFigure};
pub use event::{Event, EventKind, Mention, TextRef, Topic, TopicScore};
pub use lang::LanguageTag;
pub(crate) use lang::{standard_code, standard_codes_in};
