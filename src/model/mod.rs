//! Plain data types shared by every layer: documents, briefs, dates, language tags, and
//! what the corpus finds in documents (events, topics, key figures).
//!
//! No I/O lives here. Everything is `Clone + PartialEq` and serde-serialisable, so the GUI
//! can keep whole copies of a [`Brief`] for undo and tests can compare values directly.

mod brief;
mod brief_edit;
pub mod date;
mod document;
mod event;
mod lang;

pub use brief::{
    Brief, BriefMeta, FORMAT_VERSION, Family, Layout, Number, PageBreak, PageSetup, PageSize, ParagraphRef, Rgb,
    Section, SectionKind, Theme, TranslationSource,
};
pub use date::{Date, DateError, DatePrecision, PartialDate, days_in_month};
pub use document::{Document, DocumentMeta, Paragraph, Provenance, SourceFormat};
pub use event::{Cue, CueRole, Event, EventKind, FigureKind, KeyFigure, Mention, TextRef, Topic, TopicScore};
pub use lang::{LanguageTag, LanguageTagError, standard_code, standard_codes_in};
