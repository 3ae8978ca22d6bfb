//! briefbook turns a folder of multilingual source documents into a PDF briefing book.
//!
//! The pipeline, one module per stage; each module uses only the ones above it:
//!
//! ```text
//! model      plain serde data: Document, Brief, Section, Date, LanguageTag (no I/O)
//! corpus     reads source documents (front matter + body) through the `Files` trait
//! translate  rows of original and translation: sentence alignment, translation memory, exchange
//!            formats (TMX, XLIFF), machine-translation engines
//! book       resolves a Brief against a Corpus into a Book: what the PDF will say
//! layout     fonts, shaping, line and page breaking -> positioned Pages (no PDF, no GUI)
//! pdf        writes Pages with printpdf -> bytes
//! workspace  the one front door to the chain: opens a brief through the `Files` world, checks
//!            it (every problem with its origin), resolves it with the analyst's unsaved
//!            corrections, typesets, writes the PDF, lists what still needs translating
//! build      one-call wrappers over the workspace
//! settings   the user's own settings file (engine, address, allowed hosts), never in a brief
//! app        the desktop app (egui): corpus, brief, side-by-side rows, preview, export
//! cli        the `briefbook` command line (clap); the binary only calls [`run_cli`]
//! ```
//!
//! Problems that should not stop a build are collected as [`Diagnostic`]s; problems
//! that must stop it are `thiserror` enums. The core never reads the clock and iterates
//! only ordered maps, so the same input always gives byte-identical output.
//!
//! The modules are private; the public API is the items re-exported below, grouped by stage
//! (see `examples/library.rs`). Items marked `#[doc(hidden)]` serve the fuzzers, the
//! evaluation examples and the binary; they are not part of the API.

#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

#[cfg(feature = "app")]
mod app;
mod book;
mod build;
mod cli;
mod corpus;
mod diag;
mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
mod layout;
mod model;
mod pdf;
mod settings;
mod translate;
mod workspace;

// Plain data: briefs, documents, meetings, dates, languages.
pub use model::{
    Brief, Date, Document, DocumentMeta, Event, EventKind, LanguageTag, Layout, Mention, Paragraph, PartialDate,
    Section, SectionKind, SourceFormat, TextRef, Topic, TopicScore,
};

// Problems that do not stop a build, with their origin.
pub use diag::{Diagnostic, Severity};

// Reading a corpus through the `Files` world, and what is found in it.
pub use corpus::find::dates::find as find_dates;
pub use corpus::find::lexicon::Lexicon;
pub use corpus::text::detect::detect as detect_language;
pub use corpus::text::segment::sentences as split_sentences;
pub use corpus::{
    Corpus, CorpusError, DiskFiles, Files, Listing, LoadOptions, MemoryFiles, load as load_corpus,
    load_with as load_corpus_with,
};

// Original and translation side by side: alignment, translation memory, XLIFF and TMX,
// machine-translation engines.
pub use translate::align::{AlignParams, Bead, Side, align as align_texts, align_sentences};
pub use translate::engine::{EngineError, RetryPolicy, Translator, batches as engine_batches};
#[cfg(feature = "engines")]
pub use translate::engine::{deepl::DeepL, libretranslate::LibreTranslate};
pub use translate::text::normalize as normalize_text;
pub use translate::tmx::read as read_tmx;
pub use translate::xliff::{UnitState, read as read_xliff, unit_id as xliff_unit_id, write as write_xliff};
pub use translate::{
    AlignmentFixes, Edit, Entry, EntryOrigin, Memory, MemoryError, Origin, Row, Timestamp, align_documents,
    memory_path, save_edit, save_fix,
};

// The resolved book: what the PDF will say.
pub use book::{Book, Excerpt, MeetingCard, SectionContent, parse_brief, resolve as resolve_book};

// Typesetting into positioned pages.
pub use layout::dump::dump as dump_pages;
pub use layout::text::{Line, Piece, break_lines};
pub use layout::{
    AnnexPlacement, Color, FontBook, FontRole, Item, LayoutError, LinkTarget, Page, Pages, Role, TextRun, is_safe_uri,
    typeset as typeset_with_fonts,
};

// Pages to PDF bytes.
pub use pdf::{PdfError, PdfOptions, write_pdf};

// The front door: open, check, resolve with unsaved edits, typeset, write.
pub use build::{Loaded, build_pdf, build_to_file, check, load as load_brief, typeset};
pub use workspace::{BuildError, EditKey, Edits, RowChange, RowChangeError, Workspace};

// Writes a file whole or not at all (through a temporary file renamed over it).
pub use fsutil::write_atomic;

// The desktop app.
#[cfg(feature = "app")]
pub use app::{App, AppOptions, Command};

/// The `briefbook` command line: parses the process's arguments, runs the command and
/// returns its exit code (0 success, 1 failure, 2 usage error). The binary is this call.
#[doc(hidden)]
pub use cli::run_cli;

/// Builds a minimal .docx in memory, for tests.
#[doc(hidden)]
pub use corpus::read::docx::build as build_docx;

// Support for the evaluation and speed examples (examples/eval_*, bench_corpus,
// lexicon_speed); not part of the API.
#[doc(hidden)]
pub use corpus::find::analyse::analyse as analyse_corpus;
#[doc(hidden)]
pub use corpus::find::events::{extract as extract_events, merge as merge_events};
#[doc(hidden)]
pub use corpus::index::cache::{OpenOptions as CacheOptions, open as open_cache};
#[doc(hidden)]
pub use corpus::index::search::{SearchIndex, SearchQuery};
#[doc(hidden)]
pub use corpus::read_documents;
#[doc(hidden)]
pub use corpus::text::detect::{Accuracy, detect_with as detect_language_with};
#[doc(hidden)]
pub use model::date::MONTHS_EN;
#[doc(hidden)]
pub use translate::eval;
#[doc(hidden)]
pub use translate::qa::{DocumentContext, QaIssue, check as qa_check};
#[doc(hidden)]
pub use translate::text::{skeleton, words};
