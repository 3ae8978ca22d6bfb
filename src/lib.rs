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
//! Problems that should not stop a build are collected as [`diag::Diagnostic`]s; problems
//! that must stop it are `thiserror` enums. The core never reads the clock and iterates
//! only ordered maps, so the same input always gives byte-identical output.

#[cfg(feature = "app")]
pub mod app;
pub mod book;
pub mod build;
mod cli;
pub mod corpus;
pub mod diag;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod settings;
pub mod translate;
pub mod workspace;

/// The `briefbook` command line: parses the process's arguments, runs the command and
/// returns its exit code (0 success, 1 failure, 2 usage error). The binary is this call.
#[doc(hidden)]
pub use cli::run_cli;
