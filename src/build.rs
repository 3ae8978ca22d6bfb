//! The whole chain, for the front ends: read a brief file and its corpus from disk, check
//! them, typeset the book and write the PDF.

use std::path::{Path, PathBuf};

use crate::book::{self, Book};
use crate::corpus::{self, Corpus, Files};
use crate::diag::{self, Diagnostic};
use crate::layout::{self, Pages};
use crate::model::Brief;
use crate::pdf::{self, PdfOptions};
use crate::translate;

/// Why a build did not produce a PDF.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The brief file could not be read.
    // The cause is part of the message, not a `source`: front ends print the chain, and
    // would print it twice.
    #[error("cannot read the brief {}: {error}", path.display())]
    ReadBrief {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The brief or a document it uses has errors (they are in the diagnostics).
    #[error("{count} error(s) in the brief or its documents; no PDF written")]
    Invalid {
        /// How many errors.
        count: usize,
    },
    /// The corpus folder could not be read.
    #[error(transparent)]
    Corpus(#[from] corpus::CorpusError),
    /// Typesetting failed.
    #[error(transparent)]
    Layout(#[from] layout::LayoutError),
    /// Writing the PDF failed.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The output file could not be written (a full disk, a missing folder, no permission).
    #[error("cannot write {}: {error}; a file already there is left as it was", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// A brief read from disk, with its corpus.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Where the brief file is.
    pub path: PathBuf,
    /// Its text (for locating problems).
    pub text: String,
    /// The parsed brief, if it parsed.
    pub brief: Option<Brief>,
    /// The corpus, if the brief parsed and its folder could be read.
    pub corpus: Option<Corpus>,
}

/// Reads a brief and its corpus. Problems found on the way are pushed to `diags`; only an
/// unreadable brief file is an `Err`.
pub fn load(files: &dyn Files, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Loaded, BuildError> {
    // A brief is a few kilobytes; a huge file given by mistake is not read into memory.
    if let Ok(size) = files.size(path)
        && size > corpus::MAX_FILE_BYTES
    {
        diags.push(
            Diagnostic::error(format!(
                "the file is {} MB; a brief is a small TOML file and briefs larger than {} MB are not read",
                size / 1_000_000,
                corpus::MAX_FILE_BYTES / 1_000_000
            ))
            .in_file(path)
            .with_hint("is this the right file? a brief file ends in .toml"),
        );
        return Ok(Loaded { path: path.to_path_buf(), text: String::new(), brief: None, corpus: None });
    }
    let bytes = files.read(path).map_err(|error| BuildError::ReadBrief { path: path.to_path_buf(), error })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let pos = diag::Pos::of_offset(&lossy, e.utf8_error().valid_up_to());
            diags.push(Diagnostic::error("the brief is not UTF-8 text").in_file(path).at(Some(pos)));
            return Ok(Loaded { path: path.to_path_buf(), text: lossy, brief: None, corpus: None });
        }
    };
    let brief = match book::parse_brief(path, &text) {
        Ok(brief) => brief,
        Err(d) => {
            diags.push(d);
            return Ok(Loaded { path: path.to_path_buf(), text, brief: None, corpus: None });
        }
    };
    let refused = book::check_paths(path, &brief, &text);
    if !refused.is_empty() {
        let corpus_refused = !book::path_allowed(&brief, "corpus");
        diags.extend(refused);
        if corpus_refused {
            return Ok(Loaded { path: path.to_path_buf(), text, brief: Some(brief), corpus: None });
        }
    }
    let root = corpus_root(path, &brief);
    let options = corpus::LoadOptions { allow_outside: brief.brief.allow_outside_paths };
    let corpus = match corpus::cache::load_cached_with(files, &root, options) {
        Ok(c) => Some(c),
        Err(e) => {
            diags.push(
                Diagnostic::error(e.to_string())
                    .in_file(path)
                    .at(book::locate(&text, &[book::Key::Name("brief"), book::Key::Name("corpus")]))
                    .with_hint("`corpus` is the folder of source documents, relative to the brief file"),
            );
            None
        }
    };
    Ok(Loaded { path: path.to_path_buf(), text, brief: Some(brief), corpus })
}

/// The corpus folder of a brief: `corpus` relative to the brief file's folder.
pub fn corpus_root(brief_path: &Path, brief: &Brief) -> PathBuf {
    let base = brief_path.parent().unwrap_or(Path::new(""));
    base.join(&brief.brief.corpus)
}

/// Loads and resolves a brief: every problem is in `diags`; the book is there if the brief
/// parsed and its corpus could be read.
pub fn check(files: &dyn Files, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Option<Book>, BuildError> {
    let loaded = load(files, path, diags)?;
    let (Some(brief), Some(corpus)) = (&loaded.brief, &loaded.corpus) else { return Ok(None) };
    // A memory outside the brief's folder without permission is reported by `load`.
    let memory = if book::path_allowed(brief, "memory") {
        load_memory(files, path, brief, diags)
    } else {
        translate::Memory::new()
    };
    let (book, d) = book::resolve(brief, corpus, &memory, path, &loaded.text);
    diags.extend(d);
    Ok(Some(book))
}

/// Reads the translation memory of the brief at `path` (a build only reads it, never writes
/// it). A memory that cannot be read is reported in `diags` and an empty one is returned.
pub fn load_memory(files: &dyn Files, path: &Path, brief: &Brief, diags: &mut Vec<Diagnostic>) -> translate::Memory {
    match translate::Memory::load_from(files, &translate::memory_path(path, brief)) {
        Ok(m) => m,
        Err(e) => {
            diags.push(memory_problem(&e));
            translate::Memory::new()
        }
    }
}

/// An unreadable or malformed memory is an error: building without it would silently drop
/// the analyst's edits.
fn memory_problem(e: &translate::MemoryError) -> Diagnostic {
    let d = match e {
        translate::MemoryError::Parse { path, source } => {
            Diagnostic::error(format!("translation memory: {}", source.message)).in_file(path).at(Some(source.pos))
        }
        translate::MemoryError::Beside { path, pos, message } => {
            Diagnostic::error(message.clone()).in_file(path).at(*pos)
        }
        other => Diagnostic::error(other.to_string()).in_file(other.path()),
    };
    d.with_hint("fix or move the file; `memory` in [brief] names the memory, by default `<corpus>.memory.tmx` beside the corpus folder")
}

/// Typesets a resolved book.
pub fn typeset(book: &Book, diags: &mut Vec<Diagnostic>) -> Result<Pages, BuildError> {
    let fonts = layout::FontBook::builtin()?;
    let pages = layout::typeset(book, &fonts, diags)?;
    Ok(pages)
}

/// Builds the PDF of the brief at `path` into bytes. Fails when the brief or a document
/// it uses has errors; warnings are pushed to `diags` and the PDF is still made.
pub fn build_pdf(files: &dyn Files, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<u8>, BuildError> {
    let book = check(files, path, diags)?;
    let count = diags.iter().filter(|d| d.is_error()).count();
    let Some(book) = book.filter(|_| count == 0) else {
        return Err(BuildError::Invalid { count: count.max(1) });
    };
    let pages = typeset(&book, diags)?;
    let options = PdfOptions::for_book(&book);
    Ok(pdf::write_pdf(&pages, &options)?)
}

/// Builds the PDF and writes it atomically to `out`: a failed build leaves no file, and
/// an existing file is replaced only by a complete new one.
pub fn build_to_file(
    files: &dyn Files,
    path: &Path,
    out: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), BuildError> {
    let bytes = build_pdf(files, path, diags)?;
    crate::fsutil::write_atomic(out, &bytes).map_err(|error| BuildError::Write { path: out.to_path_buf(), error })
}
