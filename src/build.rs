//! The whole chain in one call each, for callers that have a brief file and nothing else
//! to add (the CLI's `build` and `check`, tests, fuzzing). Each function is a thin wrapper
//! over [`Workspace`], where the rules live.

use std::path::{Path, PathBuf};

use crate::book::Book;
use crate::corpus::{Corpus, Files};
use crate::diag::Diagnostic;
use crate::layout::Pages;
use crate::model::Brief;
pub(crate) use crate::workspace::BuildError;
use crate::workspace::{Built, Workspace};

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
    let ws = Workspace::open(files, path)?;
    diags.extend(ws.problems());
    Ok(Loaded {
        path: path.to_path_buf(),
        text: ws.text().to_string(),
        brief: ws.brief().cloned(),
        corpus: ws.corpus().map(|c| (**c).clone()),
    })
}

/// Loads and resolves a brief: every problem is in `diags`; the book is there if the brief
/// parsed and its corpus could be read.
pub fn check(files: &dyn Files, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Option<Book>, BuildError> {
    Ok(Workspace::open(files, path)?.check(files, diags))
}

/// Typesets a resolved book.
pub fn typeset(book: &Book, diags: &mut Vec<Diagnostic>) -> Result<Pages, BuildError> {
    Workspace::typeset(book, diags)
}

/// Builds the PDF of the brief at `path` into bytes. Fails when the brief or a document
/// it uses has errors; warnings are pushed to `diags` and the PDF is still made.
pub fn build_pdf(files: &dyn Files, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<u8>, BuildError> {
    let built = Workspace::open(files, path)?.pdf(files, diags, &mut |_, _| true)?;
    Ok(built.bytes)
}

/// Builds the PDF and writes it atomically to `out`: a failed build leaves no file, and
/// an existing file is replaced only by a complete new one.
pub fn build_to_file(
    files: &dyn Files,
    path: &Path,
    out: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), BuildError> {
    let _: Built = Workspace::open(files, path)?.write_pdf(files, out, diags, &mut |_, _| true)?;
    Ok(())
}
