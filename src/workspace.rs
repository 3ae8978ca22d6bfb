//! The one front door to the chain brief -> corpus -> memory -> book -> pages -> PDF.
//!
//! Like typst's `compile(&world)`, every front end (the CLI's `build`, `check`, `translate`
//! and `xliff`, the app's refresh and export, the examples and benches) goes through a
//! [`Workspace`], so the rules live in one place: which paths a brief may name
//! (`allow_outside_paths`), which memory it reads, how the analyst's unsaved corrections and
//! alignment fixes reach the book, which rows still need a translation, how a PDF is
//! written. A workspace reads files only through the [`Files`] world and never reads the
//! clock (the caller passes the time when something is saved).
//!
//! Unsaved corrections are put *into a copy of the memory* before resolving, exactly as
//! saving would put them into the file, so a PDF exported before saving is the PDF a later
//! build makes after saving.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::book::{self, Book, SectionContent};
use crate::corpus::{self, Corpus, Files};
use crate::diag::{self, Diagnostic};
use crate::layout::{self, FontBook, Pages};
use crate::model::{Brief, LanguageTag, Layout, TranslationSource};
use crate::pdf::{self, PdfOptions};
use crate::settings::TranslationSettings;
use crate::translate::engine::Translator;
use crate::translate::machine::{Guard, MachineError, Outcome, Progress};
use crate::translate::{self, Aligned, DocumentAlignment, Edit, Fix, FixError, Memory, Origin, Row, Timestamp};

/// Why the chain did not produce a PDF.
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
    /// The caller's progress callback asked to stop.
    #[error("cancelled; no PDF written")]
    Cancelled,
}

/// Which row a correction belongs to: the original document, the paragraph, and the
/// original text of the segment (so a correction never lands on a segment whose text
/// changed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EditKey {
    /// Id of the original document.
    pub document: String,
    /// Paragraph index in the original, from 0.
    pub paragraph: usize,
    /// The original text of the row.
    pub original: String,
}

impl EditKey {
    /// The key of a row of the excerpt whose original document is `document`, if the row
    /// has an original paragraph.
    pub fn of(document: &str, row: &Row) -> Option<EditKey> {
        Some(EditKey { document: document.to_string(), paragraph: row.paragraph?, original: row.original.clone()? })
    }
}

/// The analyst's corrections not saved yet, by row.
pub type Edits = BTreeMap<EditKey, String>;

/// An alignment fix not saved yet, with the sentence hashes of the two documents it was
/// made on (which find its sentences when it is recorded in the memory's fixes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingFix {
    /// The fix.
    pub fix: Fix,
    /// Hashes of the original's sentences.
    pub source: Vec<String>,
    /// Hashes of the translation's sentences.
    pub target: Vec<String>,
}

/// A change of the rows of an original and its human translation, by rows of their
/// alignment (`Aligned::bead`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    /// Rows `first..=last` become one.
    Merge {
        /// The first row.
        first: usize,
        /// The last row.
        last: usize,
    },
    /// Row `row` becomes two: the first keeps `at_source` original and `at_target`
    /// translated sentences, the second the rest.
    Split {
        /// The row.
        row: usize,
        /// Original sentences of the first part.
        at_source: usize,
        /// Translated sentences of the first part.
        at_target: usize,
    },
    /// The sentences of rows `rows` are paired anew: `sizes` gives how many original and
    /// translated sentences each new row takes, in order.
    Repair {
        /// The rows.
        rows: std::ops::Range<usize>,
        /// (original, translated) sentences per new row.
        sizes: Vec<(usize, usize)>,
    },
}

impl RowChange {
    /// The first row it changes.
    pub(crate) fn first_row(&self) -> usize {
        match self {
            RowChange::Merge { first, .. } => *first,
            RowChange::Split { row, .. } => *row,
            RowChange::Repair { rows, .. } => rows.start,
        }
    }
}

/// Why rows could not be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowChangeError {
    /// A document is not in the corpus (or there is no corpus).
    #[error("the corpus has no document `{0}`")]
    NoDocument(String),
    /// The rows are no longer where the caller saw them (the memory changed meanwhile).
    #[error("the rows of `{0}` changed meanwhile; look at them again and repeat the change")]
    Moved(String),
    /// The change does not fit the rows.
    #[error(transparent)]
    Fix(#[from] FixError),
}

/// The sentences of one row of an alignment, as the analyst chooses where to split it.
#[cfg(feature = "app")]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RowSentences {
    /// The original's sentences in the row.
    pub original: Vec<String>,
    /// The translation's sentences in the row.
    pub translation: Vec<String>,
}

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Built {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Pages in it.
    pub pages: usize,
}

/// A segment of the brief shown with an original that needs translating into the brief's
/// language, and its state.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// Id of the original document.
    pub document: String,
    /// Language of the original.
    pub from: LanguageTag,
    /// The brief's language.
    pub to: LanguageTag,
    /// The original text.
    pub text: String,
    /// The row as the book shows it.
    pub row: Row,
    /// The section's translation preference.
    pub preference: TranslationSource,
    /// Title of the original.
    pub title: String,
    /// The section (index in the brief) the row is shown in.
    pub section: usize,
}

impl Segment {
    /// Whether a machine-translation engine should fill this segment: the section would
    /// show a machine translation here and has none (sections that want human translations
    /// are left alone).
    pub(crate) fn wants_machine_translation(&self) -> bool {
        match self.preference {
            TranslationSource::Human => false,
            TranslationSource::Machine => !matches!(self.row.origin, Some(Origin::Machine { .. } | Origin::Edited)),
            TranslationSource::Auto | TranslationSource::Memory => self.row.translation.is_none(),
        }
    }
}

/// Texts to translate, by (from, to) language pair, then by normalised text: (text as
/// written, document it is from). Each text once.
pub(crate) type Gaps = translate::machine::Gaps;

/// A brief with its file, corpus, memory and the analyst's unsaved work.
#[derive(Debug, Clone)]
pub struct Workspace {
    path: PathBuf,
    /// The brief file's text as read ("" for a brief not read from a file).
    text: String,
    /// The brief as the file says (None: not read from a file, or it did not parse).
    saved: Option<Brief>,
    /// The brief as edited.
    brief: Option<Brief>,
    corpus: Option<Arc<Corpus>>,
    memory: Option<Arc<Memory>>,
    edits: Edits,
    fixes: Vec<PendingFix>,
    /// Problems found opening, with whether each is about a path of the brief.
    opened: Vec<(Diagnostic, bool)>,
}

impl Workspace {
    /// Opens the brief at `path` and its corpus through `files`. Problems found on the way
    /// are kept (`Workspace::problems`); only an unreadable brief file is an `Err`.
    pub fn open(files: &dyn Files, path: &Path) -> Result<Workspace, BuildError> {
        let mut ws = Workspace::open_brief(files, path)?;
        if let Some(corpus) = ws.read_corpus(files) {
            ws.corpus = Some(Arc::new(corpus));
        }
        Ok(ws)
    }

    /// Opens the brief at `path` without reading its corpus (for commands that only need
    /// the brief's settings, such as which memory it uses).
    pub(crate) fn open_brief(files: &dyn Files, path: &Path) -> Result<Workspace, BuildError> {
        let mut ws = Workspace::new(path, None, None);
        // A brief is a few kilobytes; a huge file given by mistake is not read into memory.
        if let Ok(size) = files.size(path)
            && size > corpus::MAX_FILE_BYTES
        {
            ws.opened.push((
                Diagnostic::error(format!(
                    "the file is {} MB; a brief is a small TOML file and briefs larger than {} MB are not read",
                    size / 1_000_000,
                    corpus::MAX_FILE_BYTES / 1_000_000
                ))
                .in_file(path)
                .with_hint("is this the right file? a brief file ends in .toml"),
                false,
            ));
            return Ok(ws);
        }
        let bytes = files.read(path).map_err(|error| BuildError::ReadBrief { path: path.to_path_buf(), error })?;
        ws.text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let pos = diag::Pos::of_offset(&lossy, e.utf8_error().valid_up_to());
                ws.opened.push((Diagnostic::error("the brief is not UTF-8 text").in_file(path).at(Some(pos)), false));
                ws.text = lossy;
                return Ok(ws);
            }
        };
        // Every unknown key is reported, not just the first.
        let brief = match book::parse_brief_all(path, &ws.text) {
            Ok(brief) => brief,
            Err(problems) => {
                ws.opened.extend(problems.into_iter().map(|d| (d, false)));
                return Ok(ws);
            }
        };
        ws.saved = Some(brief.clone());
        ws.brief = Some(brief);
        let refused = ws.path_problems();
        ws.opened.extend(refused.into_iter().map(|d| (d, true)));
        Ok(ws)
    }

    /// A workspace for a brief already in memory (the app's brief as edited, a generated
    /// brief), reported against `path`, with its corpus when already read.
    pub fn new(path: &Path, brief: Option<Brief>, corpus: Option<Arc<Corpus>>) -> Workspace {
        Workspace {
            path: path.to_path_buf(),
            text: String::new(),
            saved: None,
            brief,
            corpus,
            memory: None,
            edits: Edits::new(),
            fixes: Vec::new(),
            opened: Vec::new(),
        }
    }

    /// The brief file's text as last read or written, and the brief it says: problems
    /// are then placed at their line in it while the brief is unchanged.
    #[cfg(feature = "app")]
    pub(crate) fn with_file_text(mut self, text: String, saved: Brief) -> Workspace {
        self.text = text;
        self.saved = Some(saved);
        self
    }

    /// Uses `memory` instead of reading the brief's memory file (a memory kept between
    /// runs, or one built in memory).
    pub fn set_memory(&mut self, memory: Arc<Memory>) {
        self.memory = Some(memory);
    }

    /// Replaces the brief (as edited).
    pub fn set_brief(&mut self, brief: Brief) {
        self.brief = Some(brief);
    }

    /// Replaces the analyst's unsaved corrections.
    pub fn set_edits(&mut self, edits: Edits) {
        self.edits = edits;
    }

    /// Replaces the unsaved alignment fixes (oldest first).
    #[cfg(feature = "app")]
    pub(crate) fn set_fixes(&mut self, fixes: Vec<PendingFix>) {
        self.fixes = fixes;
    }

    /// The unsaved alignment fixes, oldest first.
    pub fn fixes(&self) -> &[PendingFix] {
        &self.fixes
    }

    /// The alignment of `original` with its human translation `translation` as the book
    /// shows it: with the memory's fixes and the unsaved ones. Problems reading the memory
    /// go to `diags`.
    pub(crate) fn alignment(
        &self,
        files: &dyn Files,
        original: &str,
        translation: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<DocumentAlignment, RowChangeError> {
        let doc = |id: &str| {
            self.corpus.as_ref().and_then(|c| c.get(id)).ok_or_else(|| RowChangeError::NoDocument(id.to_string()))
        };
        let (o, t) = (doc(original)?, doc(translation)?);
        let memory = self.memory_with_edits(files, diags);
        Ok(translate::align_with_memory(o, t, &memory))
    }

    /// Merges, splits or pairs anew rows of `original` and its human translation
    /// `translation`. `seen` is the first changed row as the caller saw it (from the
    /// book's [`Row::aligned`]): when the alignment no longer has it there, nothing is
    /// changed. The fix is kept with the unsaved ones (the book shows it at once;
    /// [`Workspace::save_edits`] writes it beside the memory) and returned.
    pub fn change_rows(
        &mut self,
        files: &dyn Files,
        original: &str,
        translation: &str,
        seen: &Aligned,
        change: &RowChange,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<PendingFix, RowChangeError> {
        let alignment = self.alignment(files, original, translation, diags)?;
        let at = alignment.beads.get(change.first_row());
        if seen.bead != change.first_row() || at.is_none_or(|b| b.source != seen.source || b.target != seen.target) {
            return Err(RowChangeError::Moved(original.to_string()));
        }
        let fix = match change {
            RowChange::Merge { first, last } => alignment.merge(*first, *last)?,
            RowChange::Split { row, at_source, at_target } => alignment.split(*row, *at_source, *at_target)?,
            RowChange::Repair { rows, sizes } => alignment.repair(rows.clone(), sizes)?,
        };
        let pending = PendingFix { fix, source: alignment.source.hashes(), target: alignment.target.hashes() };
        self.fixes.push(pending.clone());
        Ok(pending)
    }

    /// The sentences of a row of `original` and its translation `translation` (`at` from
    /// the book's [`Row::aligned`]), for choosing where to split it or how to pair them.
    #[cfg(feature = "app")]
    pub(crate) fn row_sentences(&self, original: &str, translation: &str, at: &Aligned) -> Option<RowSentences> {
        let corpus = self.corpus.as_ref()?;
        let (o, t) = (corpus.get(original)?, corpus.get(translation)?);
        let (so, st) = (translate::Sentences::of(o), translate::Sentences::of(t));
        Some(RowSentences {
            original: so.texts.get(at.source.clone())?.to_vec(),
            translation: st.texts.get(at.target.clone())?.to_vec(),
        })
    }

    /// The brief file's text as read.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The brief, if it parsed.
    pub fn brief(&self) -> Option<&Brief> {
        self.brief.as_ref()
    }

    /// The corpus, if it could be read.
    pub(crate) fn corpus(&self) -> Option<&Arc<Corpus>> {
        self.corpus.as_ref()
    }

    /// Every problem found opening the brief (reading, parsing, its paths, its corpus
    /// folder), in the order found.
    pub(crate) fn problems(&self) -> Vec<Diagnostic> {
        self.opened.iter().map(|(d, _)| d.clone()).collect()
    }

    /// The problems found opening, without those about the brief's paths (which
    /// [`Workspace::check`] reports for the brief as it is now).
    pub(crate) fn file_problems(&self) -> Vec<Diagnostic> {
        self.opened.iter().filter(|(_, path)| !path).map(|(d, _)| d.clone()).collect()
    }

    /// The text problems are located in: the file's while the brief is as the file says,
    /// else the text saving would write (the file with only the changes made).
    pub(crate) fn brief_text(&self) -> Cow<'_, str> {
        match (&self.brief, &self.saved) {
            (Some(b), Some(s)) if b == s => Cow::Borrowed(&self.text),
            (Some(b), Some(s)) => Cow::Owned(b.to_toml_in(&self.text, s)),
            (Some(b), None) => Cow::Owned(b.to_toml()),
            (None, _) => Cow::Borrowed(&self.text),
        }
    }

    /// An error for each path of the brief (`corpus`, `memory`) that leaves its folder
    /// without `allow_outside_paths`.
    pub(crate) fn path_problems(&self) -> Vec<Diagnostic> {
        let Some(brief) = &self.brief else { return Vec::new() };
        let mut found = book::check_paths(&self.path, brief, &self.brief_text());
        for d in &mut found {
            let key = if d.message.starts_with("`memory") { "brief.memory" } else { "brief.corpus" };
            d.origin.key = Some(key.into());
        }
        found
    }

    /// Reads the corpus folder the brief names, if its path is allowed; a folder that
    /// cannot be read is a problem of the opening.
    fn read_corpus(&mut self, files: &dyn Files) -> Option<Corpus> {
        let brief = self.brief.as_ref()?;
        if !book::path_allowed(brief, "corpus") {
            return None;
        }
        let root = corpus_root(&self.path, brief);
        let options = corpus::LoadOptions { allow_outside: brief.brief.allow_outside_paths };
        match corpus::index::cache::load_cached_with(files, &root, options) {
            Ok(c) => Some(c),
            Err(e) => {
                let d = Diagnostic::error(e.to_string())
                    .in_file(&self.path)
                    .at(book::locate(&self.text, &[book::Key::Name("brief"), book::Key::Name("corpus")]))
                    .at_key("brief.corpus")
                    .with_hint("`corpus` is the folder of source documents, relative to the brief file");
                self.opened.push((d, false));
                None
            }
        }
    }

    /// The brief's translation memory file, if the brief may use it (a `memory` outside
    /// the brief's folder needs `allow_outside_paths`; the refusal is in
    /// `Workspace::path_problems`).
    pub fn memory_file(&self) -> Option<PathBuf> {
        let brief = self.brief.as_ref()?;
        book::path_allowed(brief, "memory").then(|| translate::memory_path(&self.path, brief))
    }

    /// The memory file for a command that writes it: an error when the brief does not
    /// allow its path.
    pub(crate) fn writable_memory_file(&self) -> Result<PathBuf, Diagnostic> {
        self.memory_file().ok_or_else(|| {
            self.path_problems().into_iter().find(|d| d.message.starts_with("`memory")).unwrap_or_else(|| {
                Diagnostic::error("the brief does not parse, so it names no translation memory").in_file(&self.path)
            })
        })
    }

    /// Reads the brief's translation memory (a build only reads it). A memory that cannot
    /// be read is reported in `diags` and an empty one is returned; so is a memory the
    /// brief may not use.
    pub(crate) fn read_memory(&self, files: &dyn Files, diags: &mut Vec<Diagnostic>) -> Memory {
        let mut memory = match self.memory_file() {
            None => Memory::new(),
            Some(path) => Memory::load_from(files, &path).unwrap_or_else(|e| {
                diags.push(memory_problem(&e));
                Memory::new()
            }),
        };
        memory.alignments = self.alignment_store(files);
        memory
    }

    /// Where the sentence alignments of the brief's corpus are kept between builds: in
    /// the corpus's folder of the user's cache, when the files are the real disk.
    fn alignment_store(&self, files: &dyn Files) -> Option<translate::AlignmentStore> {
        use corpus::index::cache;
        let brief = self.brief.as_ref().filter(|b| files.is_disk() && book::path_allowed(b, "corpus"))?;
        let dir = cache::corpus_dir(&cache::default_root()?, &corpus_root(&self.path, brief)).join(cache::ALIGNMENTS);
        Some(translate::AlignmentStore::new(dir, cache::build_stamp().to_string()))
    }

    /// The memory the book is resolved with: the one set, or the file read now.
    fn base_memory(&self, files: &dyn Files, diags: &mut Vec<Diagnostic>) -> Arc<Memory> {
        match &self.memory {
            Some(m) => m.clone(),
            None => Arc::new(self.read_memory(files, diags)),
        }
    }

    /// The memory entries for the unsaved corrections: each row's original in its
    /// document's language, the correction in the brief's language. Corrections of
    /// documents the corpus no longer has are left out.
    pub(crate) fn memory_edits(&self) -> Vec<(EditKey, Edit)> {
        let (Some(corpus), Some(brief)) = (&self.corpus, &self.brief) else { return Vec::new() };
        memory_edits(&self.edits, corpus, &brief.brief.language)
    }

    /// The memory with the unsaved corrections and alignment fixes in it, as saving
    /// would leave it.
    fn memory_with_edits(&self, files: &dyn Files, diags: &mut Vec<Diagnostic>) -> Arc<Memory> {
        let base = self.base_memory(files, diags);
        let edits = self.memory_edits();
        if edits.is_empty() && self.fixes.is_empty() {
            return base;
        }
        let mut memory = (*base).clone();
        // Newer than anything in the memory, as a correction made now would be.
        let now = memory
            .entries()
            .iter()
            .filter_map(|e| e.changed.max(e.created))
            .max()
            .map_or(Timestamp::from_unix_seconds(0), |t| Timestamp::from_unix_seconds(t.unix_seconds() + 1));
        for (_, edit) in &edits {
            memory.record_edit(edit, now);
        }
        for f in &self.fixes {
            memory.fixes.record(f.fix.clone(), &f.source, &f.target);
        }
        Arc::new(memory)
    }

    /// Resolves the brief against its corpus and memory, with the unsaved corrections and
    /// alignment fixes: the book the PDF will show. Problems go to `diags` (those of the
    /// opening are not repeated; see [`Workspace::check`]). None when the brief did not
    /// parse or its corpus could not be read.
    pub fn resolve(&self, files: &dyn Files, diags: &mut Vec<Diagnostic>) -> Option<Book> {
        let (Some(brief), Some(corpus)) = (&self.brief, &self.corpus) else { return None };
        let memory = self.memory_with_edits(files, diags);
        let text = self.brief_text();
        let (mut book, d) = book::resolve(brief, corpus, &memory, &self.path, &text);
        diags.extend(d);
        diags.extend(book::annex::load(&mut book, brief, files, &self.path, &text));
        Some(book)
    }

    /// Every problem of the brief as it is now, each with its origin: those of the opening,
    /// the paths, and those found resolving. The book is there if the brief parsed and its
    /// corpus could be read.
    pub fn check(&self, files: &dyn Files, diags: &mut Vec<Diagnostic>) -> Option<Book> {
        let unchanged = self.saved.is_some() && self.brief == self.saved;
        if unchanged {
            diags.extend(self.problems());
        } else {
            diags.extend(self.file_problems());
            diags.extend(self.path_problems());
        }
        self.resolve(files, diags)
    }

    /// Typesets a book with the built-in fonts.
    pub fn typeset(book: &Book, diags: &mut Vec<Diagnostic>) -> Result<Pages, BuildError> {
        let fonts = FontBook::builtin()?;
        Ok(layout::typeset(book, &fonts, diags)?)
    }

    /// Checks, resolves, typesets and writes the PDF into bytes. Fails when the brief or a
    /// document it uses has errors; warnings are pushed to `diags` and the PDF is still
    /// made. `progress(percent, stage)` is called between the steps; returning false stops.
    pub fn pdf(
        &self,
        files: &dyn Files,
        diags: &mut Vec<Diagnostic>,
        progress: &mut dyn FnMut(u32, &'static str) -> bool,
    ) -> Result<Built, BuildError> {
        let book = self.check(files, diags);
        let count = diags.iter().filter(|d| d.is_error()).count();
        let Some(book) = book.filter(|_| count == 0) else {
            return Err(BuildError::Invalid { count: count.max(1) });
        };
        if !progress(15, "Setting the pages") {
            return Err(BuildError::Cancelled);
        }
        let pages = typeset_keeping_words(files, &book, diags)?;
        if !progress(60, "Writing the PDF") {
            return Err(BuildError::Cancelled);
        }
        // The book is not needed any more: its memory goes before the PDF's is taken.
        let options = PdfOptions::for_book(&book);
        drop(book);
        let count = pages.pages.len();
        let bytes = pdf::write_pdf_consuming(pages, &options)?;
        Ok(Built { bytes, pages: count })
    }

    /// Builds the PDF and writes it atomically to `out`: a failed or cancelled build leaves
    /// no file, and an existing file is replaced only by a complete new one.
    pub(crate) fn write_pdf(
        &self,
        files: &dyn Files,
        out: &Path,
        diags: &mut Vec<Diagnostic>,
        progress: &mut dyn FnMut(u32, &'static str) -> bool,
    ) -> Result<Built, BuildError> {
        let built = self.pdf(files, diags, progress)?;
        if !progress(90, "Saving the file") {
            return Err(BuildError::Cancelled);
        }
        crate::fsutil::write_atomic(out, &built.bytes)
            .map_err(|error| BuildError::Write { path: out.to_path_buf(), error })?;
        progress(100, "Done");
        Ok(built)
    }

    /// Every row of the book's excerpts that shows an original needing translation into
    /// the brief's language (sections set as original only need none).
    pub(crate) fn segments(&self, book: &Book) -> Vec<Segment> {
        self.segments_in(book, None)
    }

    /// The segments of one section (its index in the brief), or of every section (None).
    pub(crate) fn segments_in(&self, book: &Book, only: Option<usize>) -> Vec<Segment> {
        let Some(brief) = &self.brief else { return Vec::new() };
        let mut out = Vec::new();
        for (index, (section, content)) in brief.sections.iter().zip(&book.sections).enumerate() {
            if only.is_some_and(|o| o != index) {
                continue;
            }
            let excerpts = match &content.content {
                SectionContent::Excerpts(e) | SectionContent::Meeting { excerpts: e, .. } => e,
                SectionContent::Note(_) | SectionContent::Figures(_) | SectionContent::Annex(_) => continue,
            };
            if section.layout == Layout::Original {
                continue;
            }
            for e in excerpts {
                if e.original_language.same_language(&e.translation_language) {
                    continue;
                }
                let document = book.sources.get(e.source.wrapping_sub(1)).map(|s| s.id.clone()).unwrap_or_default();
                for row in &e.rows {
                    let Some(text) = &row.original else { continue };
                    out.push(Segment {
                        document: document.clone(),
                        from: e.original_language.clone(),
                        to: e.translation_language.clone(),
                        text: text.clone(),
                        row: row.clone(),
                        preference: section.translation,
                        title: e.title.clone(),
                        section: index,
                    });
                }
            }
        }
        out
    }

    /// The texts a machine-translation engine should fill: rows the sections would show a
    /// machine translation in but have none, each text once per language pair.
    pub(crate) fn gaps(&self, book: &Book) -> Gaps {
        self.gaps_in(book, None)
    }

    /// The gaps of one section (its index in the brief), or of every section (None).
    pub(crate) fn gaps_in(&self, book: &Book, only: Option<usize>) -> Gaps {
        let mut gaps = Gaps::new();
        for s in self.segments_in(book, only) {
            if s.wants_machine_translation() {
                gaps.entry((s.from.clone(), s.to.clone()))
                    .or_default()
                    .entry(translate::text::normalize(&s.text))
                    .or_insert((s.text.clone(), s.document.clone()));
            }
        }
        gaps
    }

    /// Translation QA as warnings, one per issue of each row the book shows (a row shown in
    /// several sections is reported once), each naming the original's file and the line
    /// of its paragraph and printing both values: "`5%` in the original, `3%` in the
    /// translation". `briefbook check` lists them; the app shows them beside each row.
    pub(crate) fn qa_warnings(&self, book: &Book) -> Vec<Diagnostic> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for s in self.segments(book) {
            if s.row.qa.is_empty() || !seen.insert((s.document.clone(), s.text.clone())) {
                continue;
            }
            let doc = self.corpus.as_ref().and_then(|c| c.get(&s.document));
            let line = doc.zip(s.row.paragraph).and_then(|(d, p)| d.paragraphs.get(p)).map(|p| p.line);
            let excerpt: String = s.text.chars().take(60).collect();
            let more = if s.text.chars().count() > 60 { "…" } else { "" };
            for issue in &s.row.qa {
                let mut d =
                    Diagnostic::warning(format!("translation QA: {} (in \"{excerpt}{more}\")", issue.message()))
                        .in_section(s.section)
                        .about_document(&s.document)
                        .with_hint("correct the translation in the app, or leave it if the difference is intended");
                if let Some(doc) = doc {
                    d = d.in_file(&doc.path).at(line.map(|line| diag::Pos { line, col: 1 }));
                }
                out.push(d);
            }
        }
        out
    }

    /// The guard on this brief's text under the user's settings: its classification
    /// decides whether text may leave this machine, the settings which hosts it may go to.
    pub(crate) fn guard<'a>(&'a self, settings: &'a TranslationSettings, settings_path: Option<&'a Path>) -> Guard<'a> {
        Guard {
            classification: self.brief.as_ref().map_or("", |b| b.brief.classification.as_str()),
            allowed_hosts: &settings.allowed_hosts,
            settings_path,
        }
    }

    /// Machine-translates `gaps` (from [`Workspace::gaps_in`]) with `engine` into the
    /// brief's memory, batch by batch, after the guard on the brief's classification; see
    /// [`translate::machine::translate_gaps`]. The app's *Translate missing…* and
    /// `briefbook translate` both come here.
    pub(crate) fn translate_gaps(
        &self,
        gaps: &Gaps,
        engine: &dyn Translator,
        settings: &TranslationSettings,
        settings_path: Option<&Path>,
        now: &dyn Fn() -> Timestamp,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<Outcome, MachineError> {
        let guard = self.guard(settings, settings_path);
        // The guard first, also when the memory path is refused: nothing is sent either way.
        guard.check(engine.name(), engine.endpoint().as_deref())?;
        let path = self.writable_memory_file().map_err(|d| MachineError::NoMemory(d.to_string()))?;
        translate::machine::translate_gaps(gaps, engine, &guard, &path, now, progress)
    }

    /// Writes the unsaved corrections and alignment fixes into the brief's memory
    /// (atomically, merged with the file as it is on disk now), recorded at `now`.
    pub fn save_edits(&self, now: Timestamp) -> Result<(), String> {
        let edits: Vec<Edit> = self.memory_edits().into_iter().map(|(_, e)| e).collect();
        if edits.is_empty() && self.fixes.is_empty() {
            return Ok(());
        }
        let path = self.writable_memory_file().map_err(|d| d.to_string())?;
        translate::save_edits(&path, &edits, now).map_err(|e| e.to_string())?;
        if !self.fixes.is_empty() {
            let mut memory = Memory::load(&path).map_err(|e| e.to_string())?;
            for f in &self.fixes {
                memory.fixes.record(f.fix.clone(), &f.source, &f.target);
            }
            memory.save(&path).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// The memory entries for corrections: each row's original in its document's language,
/// the correction in `language`. Corrections of documents the corpus no longer has are
/// left out.
pub(crate) fn memory_edits(edits: &Edits, corpus: &Corpus, language: &LanguageTag) -> Vec<(EditKey, Edit)> {
    edits
        .iter()
        .filter_map(|(key, text)| {
            let doc = corpus.get(&key.document)?;
            let edit = Edit {
                source_language: doc.meta.language.clone(),
                target_language: language.clone(),
                source: key.original.clone(),
                target: text.clone(),
                document: Some(key.document.clone()),
                replaces: None,
                author: None,
            };
            Some((key.clone(), edit))
        })
        .collect()
}

/// The corpus folder of a brief: `corpus` relative to the brief file's folder.
pub(crate) fn corpus_root(brief_path: &Path, brief: &Brief) -> PathBuf {
    let base = brief_path.parent().unwrap_or(Path::new(""));
    base.join(&brief.brief.corpus)
}

/// A shaped-words file larger than this is not read (and is replaced by the build's words).
const MAX_KEPT_WORDS_BYTES: u64 = 16 << 20;

/// [`Workspace::typeset`], with the words shaped by earlier builds read back from the
/// user's cache folder (`shaped-words.bin`) and the new ones written there afterwards,
/// when the files are the real disk. The file names the briefbook build that wrote it,
/// whose faces and shaper gave the glyphs: another build's file is not used, so the pages
/// are the same with or without it. Best effort: a file that cannot be read or written
/// only means shaping again.
fn typeset_keeping_words(files: &dyn Files, book: &Book, diags: &mut Vec<Diagnostic>) -> Result<Pages, BuildError> {
    use corpus::index::cache;
    let fonts = FontBook::builtin()?;
    let kept = cache::default_root().filter(|_| files.is_disk()).map(|root| root.join("shaped-words.bin"));
    let stamp = cache::build_stamp();
    if let Some(path) = &kept
        && std::fs::metadata(path).is_ok_and(|m| m.len() <= MAX_KEPT_WORDS_BYTES)
        && let Ok(bytes) = std::fs::read(path)
    {
        fonts.read_words(&bytes, stamp);
    }
    let pages = layout::typeset(book, &fonts, diags)?;
    if let Some(path) = &kept
        && fonts.fresh_words() > 0
    {
        let _ = crate::fsutil::write_cache_file(path, &fonts.write_words(stamp));
    }
    Ok(pages)
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
    d.at_key("brief.memory").with_hint(
        "fix or move the file; `memory` in [brief] names the memory, by default `<corpus>.memory.tmx` beside the corpus folder",
    )
}
