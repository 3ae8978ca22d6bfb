//! Work off the UI thread: reading and writing files, checking and typesetting the brief,
//! exporting the PDF, searching, painting preview pages and native file dialogs.
//!
//! Each job reports back through one channel as a [`Done`] message; the app applies the
//! messages at the start of a frame. Two long-lived workers keep what is worth keeping
//! between runs: the refresh worker its shaping cache, the page painter its glyph outlines.
//! Both skip requests that a newer one has made obsolete.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::problems::{self, Problem, Stage};
use super::raster::{self, GlyphCache};
use super::translations::{self, EditKey};
use crate::book::Book;
use crate::corpus::{self, Corpus, DiskFiles};
use crate::diag::Diagnostic;
use crate::layout::{self, FontBook, Pages};
use crate::model::Brief;
use crate::settings::TranslationSettings;
use crate::translate::machine::Outcome;
use crate::workspace::{BuildError, PendingFix, Workspace};

/// What a file dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DialogPurpose {
    /// Open a brief.
    Open,
    /// Save the brief under a new name.
    SaveAs,
    /// Choose where the PDF goes.
    Export,
    /// Choose the corpus folder.
    CorpusFolder,
    /// Choose the PDF file of the annex section at this index.
    AnnexFile(usize),
}

/// The brief checked and typeset for one revision.
pub(crate) struct Refreshed {
    /// The revision of the brief this is for.
    pub rev: u64,
    /// The book as resolved, with the analyst's unsaved corrections.
    pub book: Arc<Book>,
    /// Problems found checking and typesetting, tied to their sections.
    pub problems: Vec<Problem>,
    /// The typeset pages (with the edits).
    pub pages: Option<Arc<Pages>>,
    /// How long checking and typesetting took.
    pub took: Duration,
}

/// A finished export.
#[derive(Debug, Clone)]
pub(crate) struct Exported {
    /// Pages in the PDF.
    pub pages: usize,
    /// Size of the file in bytes.
    pub bytes: usize,
}

/// A save of the brief: what [`Jobs::save`] writes.
pub(crate) struct SaveJob {
    /// The brief file.
    pub path: PathBuf,
    /// The brief.
    pub brief: Brief,
    /// Its text as written.
    pub text: String,
    /// The corpus (for the translation corrections' originals).
    pub corpus: Option<Arc<Corpus>>,
    /// The translation corrections.
    pub edits: BTreeMap<EditKey, String>,
    /// The alignment fixes.
    pub fixes: Vec<PendingFix>,
    /// The brief file's stamp it must still have, when saving to the file that was read.
    pub expected: Option<Option<crate::fsutil::FileStamp>>,
}

/// A message from a job.
pub(crate) enum Done {
    /// A brief file was read.
    Loaded {
        /// The file.
        path: PathBuf,
        /// The brief and its corpus (with the problems found reading them), or why the file
        /// could not be read.
        result: Box<Result<Workspace, String>>,
    },
    /// A corpus folder was read.
    Corpus {
        /// The folder.
        root: PathBuf,
        /// The corpus or why the folder could not be read.
        result: Result<Arc<Corpus>, String>,
    },
    /// The brief was written.
    Saved {
        /// The file.
        path: PathBuf,
        /// What was written.
        brief: Box<Brief>,
        /// The text written.
        text: String,
        /// The translation corrections written into the memory (when it worked).
        saved_edits: BTreeMap<EditKey, String>,
        /// The alignment fixes written beside the memory (when it worked).
        saved_fixes: Vec<PendingFix>,
        /// The text written to the corpus folder's `events.toml` (when it was).
        saved_events: Option<String>,
        /// What `events.toml` holds when another program changed it (it was not written).
        events_on_disk: Option<String>,
        /// The stamp of the brief file written, if it was.
        stamp: Option<crate::fsutil::FileStamp>,
        /// Whether it all worked (the brief and the corrections).
        result: Result<(), String>,
    },
    /// An export ended.
    Exported {
        /// The PDF file.
        path: PathBuf,
        /// What came of it (Err(None): cancelled).
        result: Result<Exported, Option<String>>,
        /// Problems found on the way.
        diags: Vec<Diagnostic>,
    },
    /// Rows were merged, split or paired anew (not saved yet).
    RowsChanged {
        /// What was asked, in words.
        change: String,
        /// The fix, or why there is none.
        result: Result<PendingFix, String>,
    },
    /// A machine translation ended (finished, cancelled or failed).
    Translated {
        /// What came of it.
        result: Result<Outcome, String>,
    },
    /// The brief was checked and typeset.
    Refreshed(Box<Refreshed>),
    /// A refresh request was skipped for a newer one.
    Superseded,
    /// The search index of a corpus was opened (or built).
    Index {
        /// The corpus folder.
        root: PathBuf,
        /// The index; None when it could not be built (search then matches text as written).
        index: Option<Arc<corpus::index::search::SearchIndex>>,
    },
    /// Document search results.
    Searched {
        /// The query they answer.
        query: String,
        /// Matching document indexes.
        hits: Vec<usize>,
    },
    /// A preview page was painted.
    Painted {
        /// Which pages (their address, to drop images of older pages).
        pages_id: usize,
        /// Page index.
        page: usize,
        /// Pixels per point.
        scale: f32,
        /// The image.
        image: Option<egui::ColorImage>,
    },
    /// A native file dialog closed.
    Dialog {
        /// What it was for.
        purpose: DialogPurpose,
        /// The chosen path, None when cancelled or when no dialog is available.
        path: Option<PathBuf>,
    },
    /// The recovery file was written or removed.
    Recovery(Result<(), String>),
}

/// What the refresh worker needs.
pub(crate) struct RefreshRequest {
    /// Revision.
    pub rev: u64,
    /// The brief as edited.
    pub brief: Brief,
    /// Where the brief file is (for locating problems).
    pub path: PathBuf,
    /// The corpus.
    pub corpus: Arc<Corpus>,
    /// Translation edits to set in the pages.
    pub edits: BTreeMap<EditKey, String>,
    /// Alignment fixes to set in the pages.
    pub fixes: Vec<PendingFix>,
    /// The file's text as last read or written and the brief it says (problems are placed
    /// at their line in it).
    pub file: Option<(String, Brief)>,
}

/// Progress of a running machine translation.
pub(crate) struct TranslateProgress {
    /// Segments stored so far.
    pub done: Arc<AtomicU32>,
    /// Segments in all.
    pub total: usize,
    /// Set to stop it after the current batch.
    pub cancel: Arc<AtomicBool>,
    /// The engine and where it sends the text.
    pub engine: String,
    /// The `done` count the app last refreshed the rows for.
    pub seen: u32,
}

/// Progress of a running export.
pub(crate) struct ExportProgress {
    /// Percent done.
    pub percent: Arc<AtomicU32>,
    /// Set to stop it.
    pub cancel: Arc<AtomicBool>,
    /// What it is doing.
    pub stage: Arc<Mutex<&'static str>>,
    /// Where it writes.
    pub path: PathBuf,
}

struct PaintRequest {
    pages: Arc<Pages>,
    page: usize,
    scale: f32,
}

/// The job runner.
pub(crate) struct Jobs {
    ctx: egui::Context,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    /// Jobs sent whose message has not been taken yet.
    pending: usize,
    refresh_tx: Sender<RefreshRequest>,
    paint_tx: Sender<PaintRequest>,
}

impl Jobs {
    /// Starts the workers.
    pub(crate) fn new(ctx: &egui::Context) -> Jobs {
        let (tx, rx) = channel();
        let (refresh_tx, refresh_rx) = channel::<RefreshRequest>();
        let (paint_tx, paint_rx) = channel::<PaintRequest>();
        {
            let (tx, ctx) = (tx.clone(), ctx.clone());
            spawn_named("briefbook-refresh", move || refresh_worker(refresh_rx, tx, ctx));
        }
        {
            let (tx, ctx) = (tx.clone(), ctx.clone());
            spawn_named("briefbook-paint", move || paint_worker(paint_rx, tx, ctx));
        }
        Jobs { ctx: ctx.clone(), tx, rx, pending: 0, refresh_tx, paint_tx }
    }

    /// Runs `job` on its own thread.
    pub(crate) fn spawn(&mut self, job: impl FnOnce() -> Done + Send + 'static) {
        self.pending += 1;
        let (tx, ctx) = (self.tx.clone(), self.ctx.clone());
        spawn_named("briefbook-job", move || {
            let _ = tx.send(job());
            ctx.request_repaint();
        });
    }

    /// Asks the refresh worker to check and typeset a revision.
    pub(crate) fn refresh(&mut self, request: RefreshRequest) {
        if self.refresh_tx.send(request).is_ok() {
            self.pending += 1;
        }
    }

    /// Asks the painter for a page.
    pub(crate) fn paint(&mut self, pages: Arc<Pages>, page: usize, scale: f32) {
        if self.paint_tx.send(PaintRequest { pages, page, scale }).is_ok() {
            self.pending += 1;
        }
    }

    /// Messages that have arrived.
    pub(crate) fn poll(&mut self) -> Vec<Done> {
        let out: Vec<Done> = self.rx.try_iter().collect();
        self.pending = self.pending.saturating_sub(out.len());
        out
    }

    /// Waits up to `timeout` for the next message.
    pub(crate) fn wait(&mut self, timeout: Duration) -> Option<Done> {
        let done = self.rx.recv_timeout(timeout).ok()?;
        self.pending = self.pending.saturating_sub(1);
        Some(done)
    }

    /// Whether jobs are running.
    pub(crate) fn busy(&self) -> bool {
        self.pending > 0
    }

    /// Reads a brief and its corpus.
    pub(crate) fn load(&mut self, path: PathBuf) {
        self.spawn(move || {
            let result = Workspace::open(&DiskFiles, &path).map_err(|e| e.to_string());
            Done::Loaded { path, result: Box::new(result) }
        });
    }

    /// Reads a corpus folder; `allow_outside` is the brief's `allow_outside_paths` (may
    /// symbolic links in the folder lead out of it).
    pub(crate) fn load_corpus(&mut self, root: PathBuf, allow_outside: bool) {
        self.spawn(move || {
            let options = corpus::LoadOptions { allow_outside };
            let result = corpus::index::cache::load_cached_with(&DiskFiles, &root, options)
                .map(Arc::new)
                .map_err(|e| e.to_string());
            Done::Corpus { root, result }
        });
    }

    /// Writes the brief (`text`, see [`super::state::Doc::to_save`]) atomically, then the translation corrections `edits` into the
    /// brief's translation memory (also atomically, through the workspace, which checks the
    /// memory's path), then the corrections of meetings `events` (`events.toml`, the text
    /// the app read from it, the text to write; it is written only if the file still has
    /// what the app read, so corrections another program made are not lost). With `expected`, the file must still be as it was read or last written
    /// (another window or program may have changed it): otherwise nothing is written and
    /// the user is told.
    pub(crate) fn save(&mut self, job: SaveJob, events: Option<(PathBuf, String, String)>) {
        let SaveJob { path, brief, text, corpus, edits, fixes, expected } = job;
        self.spawn(move || {
            let bytes = text;
            let written = match &expected {
                Some(stamp) => crate::fsutil::write_atomic_if_unchanged(&path, bytes.as_bytes(), stamp.as_ref())
                    .map_err(|e| match e {
                        crate::fsutil::SaveError::Conflict { .. } => format!(
                            "{} was changed by another window or program since you opened it, so it was not \
                             overwritten. Your changes are still here: use Save As to keep them in another \
                             file, then compare the two.",
                            path.display()
                        ),
                        other => other.to_string(),
                    }),
                None => crate::fsutil::write_atomic(&path, bytes.as_bytes())
                    .map(|()| crate::fsutil::FileStamp::of(&path, bytes.as_bytes()))
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
            };
            let stamp = written.as_ref().ok().cloned();
            let mut workspace = Workspace::new(&path, Some(brief.clone()), corpus);
            workspace.set_edits(edits);
            workspace.set_fixes(fixes.clone());
            let saved_edits: BTreeMap<EditKey, String> =
                workspace.memory_edits().into_iter().map(|(k, e)| (k, e.target)).collect();
            let result = written.and_then(|_| {
                workspace
                    .save_edits(translations::now())
                    .map_err(|e| format!("the brief was saved, but its translation corrections were not: {e}"))
            });
            // The meetings' corrections go to the corpus folder's events.toml, atomically, if
            // nobody changed the file since it was read.
            let mut saved_events = None;
            let mut events_on_disk = None;
            let result = result.and_then(|()| {
                let Some((file, read, text)) = events else { return Ok(()) };
                let failed = |e: String| format!("the brief was saved, but the corrections of meetings were not: {e}");
                let now = corpus::find::event_edit::read(&file).map_err(|e| {
                    failed(format!(
                        "{e}. They stay in the app and in the recovery file; save again once it can be read"
                    ))
                })?;
                if now != read {
                    let e = format!(
                        "{} was changed by another program since the corpus was read, so it was not overwritten. \
                         Your corrections stay in the app and in the recovery file: save again to replace the \
                         file with them, or open the brief again and discard them to use the file",
                        file.display()
                    );
                    events_on_disk = Some(now);
                    return Err(failed(e));
                }
                corpus::find::event_edit::write(&file, &text).map_err(|e| {
                    failed(format!(
                        "{e}. They stay in the app and in the recovery file; make the folder writable and save again"
                    ))
                })?;
                saved_events = Some(text);
                Ok(())
            });
            Done::Saved {
                path,
                brief: Box::new(brief),
                text: bytes,
                stamp,
                saved_edits,
                saved_fixes: fixes,
                saved_events,
                events_on_disk,
                result,
            }
        });
    }

    /// Merges, splits or pairs anew rows of `change`'s documents, on the alignment the
    /// book shows (the memory's fixes and `fixes`), off the UI thread (it reads the memory).
    pub(crate) fn change_rows(
        &mut self,
        brief: Brief,
        brief_path: PathBuf,
        corpus: Arc<Corpus>,
        fixes: Vec<PendingFix>,
        change: super::command::RowsChange,
    ) {
        self.spawn(move || {
            let mut workspace = Workspace::new(&brief_path, Some(brief), Some(corpus));
            workspace.set_fixes(fixes);
            let mut diags = Vec::new();
            let result = workspace
                .change_rows(
                    &DiskFiles,
                    &change.original,
                    &change.translation,
                    &change.seen,
                    &change.change,
                    &mut diags,
                )
                .map_err(|e| match diags.first() {
                    Some(d) => format!("{e} ({d})"),
                    None => e.to_string(),
                });
            Done::RowsChanged { change: change.describe(), result }
        });
    }

    /// Opens the search index of the corpus at `root` from the user's cache, building it
    /// when missing or out of date.
    pub(crate) fn open_index(&mut self, root: PathBuf) {
        self.spawn(move || {
            let options = corpus::index::cache::OpenOptions { index: true, ..Default::default() };
            let index = corpus::index::cache::open(&root, &options).ok().and_then(|o| o.index).map(Arc::new);
            Done::Index { root, index }
        });
    }

    /// Searches the corpus's documents (through its index when there is one).
    pub(crate) fn search(
        &mut self,
        corpus: Arc<Corpus>,
        index: Option<Arc<corpus::index::search::SearchIndex>>,
        query: String,
    ) {
        self.spawn(move || {
            let hits = corpus::index::browse::search_documents(&corpus, index.as_deref(), &query);
            Done::Searched { query, hits }
        });
    }

    /// Opens a native file dialog. When none is available rfd returns None at once, as if
    /// cancelled; the app's own path field stays usable either way.
    pub(crate) fn dialog(&mut self, purpose: DialogPurpose, dir: PathBuf, file_name: String) {
        self.spawn(move || {
            let dialog = rfd::FileDialog::new().set_directory(&dir);
            let path = match purpose {
                DialogPurpose::Open => dialog.add_filter("Brief (TOML)", &["toml"]).pick_file(),
                DialogPurpose::SaveAs => {
                    dialog.add_filter("Brief (TOML)", &["toml"]).set_file_name(file_name).save_file()
                }
                DialogPurpose::Export => dialog.add_filter("PDF", &["pdf"]).set_file_name(file_name).save_file(),
                DialogPurpose::CorpusFolder => dialog.pick_folder(),
                DialogPurpose::AnnexFile(_) => dialog.add_filter("PDF", &["pdf"]).pick_file(),
            };
            Done::Dialog { purpose, path }
        });
    }

    /// Machine-translates the rows `book` still needs (of `section`, or of every section)
    /// into the brief's memory with the engine of `settings`, batch by batch, after the
    /// library's guard on the brief's classification. The key comes from the environment.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn translate(
        &mut self,
        brief: Brief,
        brief_path: PathBuf,
        corpus: Arc<Corpus>,
        book: Arc<Book>,
        section: Option<usize>,
        settings: TranslationSettings,
        settings_path: Option<PathBuf>,
        total: usize,
    ) -> TranslateProgress {
        let progress = TranslateProgress {
            done: Arc::new(AtomicU32::new(0)),
            total,
            cancel: Arc::new(AtomicBool::new(false)),
            engine: format!("{} at {}", settings.engine, settings.url),
            seen: 0,
        };
        let (done, cancel) = (progress.done.clone(), progress.cancel.clone());
        let ctx = self.ctx.clone();
        self.spawn(move || {
            let ws = Workspace::new(&brief_path, Some(brief), Some(corpus));
            let gaps = ws.gaps_in(&book, section);
            let result = translate_with(&ws, &gaps, &settings, settings_path.as_deref(), &mut |p| {
                done.store(u32::try_from(p.done).unwrap_or(u32::MAX), Ordering::Relaxed);
                ctx.request_repaint();
                !cancel.load(Ordering::Relaxed)
            });
            Done::Translated { result }
        });
        progress
    }

    /// Builds the PDF of `brief` and writes it to `out`, reporting progress; a cancelled
    /// or failed export leaves any existing file as it was.
    pub(crate) fn export(
        &mut self,
        brief: Brief,
        brief_path: PathBuf,
        corpus: Arc<Corpus>,
        edits: BTreeMap<EditKey, String>,
        fixes: Vec<PendingFix>,
        out: PathBuf,
    ) -> ExportProgress {
        let progress = ExportProgress {
            percent: Arc::new(AtomicU32::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            stage: Arc::new(Mutex::new("Checking the brief")),
            path: out.clone(),
        };
        let (percent, cancel, stage) = (progress.percent.clone(), progress.cancel.clone(), progress.stage.clone());
        let ctx = self.ctx.clone();
        self.spawn(move || {
            let step = |p: u32, s: &'static str| {
                percent.store(p, Ordering::Relaxed);
                if let Ok(mut st) = stage.lock() {
                    *st = s;
                }
                ctx.request_repaint();
                !cancel.load(Ordering::Relaxed)
            };
            let mut diags = Vec::new();
            let mut workspace = Workspace::new(&brief_path, Some(brief), Some(corpus));
            workspace.set_edits(edits);
            workspace.set_fixes(fixes);
            let result = export(&workspace, &out, &mut diags, step);
            Done::Exported { path: out, result, diags }
        });
        progress
    }
}

#[cfg(feature = "engines")]
fn translate_with(
    ws: &Workspace,
    gaps: &crate::workspace::Gaps,
    settings: &TranslationSettings,
    settings_path: Option<&Path>,
    progress: &mut dyn FnMut(crate::translate::machine::Progress) -> bool,
) -> Result<Outcome, String> {
    use crate::translate::engine;
    let name = settings.engine.trim();
    // The secret store's key, else the environment's (asked on this worker thread).
    let key = super::keys::key_for(name);
    let url = Some(settings.url.as_str()).filter(|u| !u.trim().is_empty());
    // The guard sees the address before the engine is even made.
    let guard_url = url.map(String::from).or_else(|| {
        (name == "deepl").then(|| {
            if key.as_deref().is_some_and(|k| k.trim().ends_with(":fx")) {
                "https://api-free.deepl.com".to_string()
            } else {
                "https://api.deepl.com".to_string()
            }
        })
    });
    ws.guard(settings, settings_path).check(name, guard_url.as_deref()).map_err(|e| e.to_string())?;
    let engine = engine::open(name, url, key, engine::RetryPolicy::default()).map_err(|e| e.to_string())?;
    ws.translate_gaps(gaps, engine.as_ref(), settings, settings_path, &translations::now, progress)
        .map_err(|e| e.to_string())
}

#[cfg(not(feature = "engines"))]
fn translate_with(
    _: &Workspace,
    _: &crate::workspace::Gaps,
    _: &TranslationSettings,
    _: Option<&Path>,
    _: &mut dyn FnMut(crate::translate::machine::Progress) -> bool,
) -> Result<Outcome, String> {
    Err("this briefbook was built without the network engines (cargo feature `engines`)".into())
}

fn spawn_named(name: &str, f: impl FnOnce() + Send + 'static) {
    // A thread that cannot start leaves the job undone; the app shows nothing pending
    // forever rather than crashing, and the message below explains why.
    if let Err(e) = std::thread::Builder::new().name(name.into()).spawn(f) {
        eprintln!("briefbook: cannot start a background thread: {e}");
    }
}

fn export(
    workspace: &Workspace,
    out: &Path,
    diags: &mut Vec<Diagnostic>,
    mut step: impl FnMut(u32, &'static str) -> bool,
) -> Result<Exported, Option<String>> {
    match workspace.write_pdf(&DiskFiles, out, diags, &mut step) {
        Ok(built) => Ok(Exported { pages: built.pages, bytes: built.bytes.len() }),
        Err(BuildError::Cancelled) => Err(None),
        Err(BuildError::Invalid { count }) => {
            Err(Some(format!("{count} error(s) in the brief or its documents; see Problems. No PDF written.")))
        }
        Err(e) => Err(Some(e.to_string())),
    }
}

fn refresh_worker(rx: Receiver<RefreshRequest>, tx: Sender<Done>, ctx: egui::Context) {
    let fonts = FontBook::builtin().ok();
    let mut memories = translations::MemoryCache::default();
    while let Ok(mut request) = rx.recv() {
        // Only the newest request matters; the others are answered as superseded.
        while let Ok(newer) = rx.try_recv() {
            let _ = tx.send(Done::Superseded);
            request = newer;
        }
        let started = Instant::now();
        let mut diags = Vec::new();
        let mut workspace = Workspace::new(&request.path, Some(request.brief), Some(request.corpus));
        if let Some((text, saved)) = request.file {
            workspace = workspace.with_file_text(text, saved);
        }
        workspace.set_edits(request.edits);
        workspace.set_fixes(request.fixes);
        memories.provide(&mut workspace, &mut diags);
        diags.extend(workspace.path_problems());
        let Some(book) = workspace.resolve(&DiskFiles, &mut diags) else {
            // Cannot happen (the request has a brief and a corpus); answered all the same.
            let _ = tx.send(Done::Superseded);
            continue;
        };
        let pages = fonts.as_ref().and_then(|fonts| match layout::typeset(&book, fonts, &mut diags) {
            Ok(p) => Some(Arc::new(p)),
            Err(e) => {
                diags.push(Diagnostic::error(format!("the pages could not be set: {e}")));
                None
            }
        });
        let problems = problems::of(Stage::Checking, diags);
        let refreshed = Refreshed { rev: request.rev, book: Arc::new(book), problems, pages, took: started.elapsed() };
        if tx.send(Done::Refreshed(Box::new(refreshed))).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

fn paint_worker(rx: Receiver<PaintRequest>, tx: Sender<Done>, ctx: egui::Context) {
    let mut cache = GlyphCache::default();
    while let Ok(request) = rx.recv() {
        let image = raster::render_page(&request.pages, request.page, request.scale, &mut cache)
            .map(|(size, rgba)| egui::ColorImage::from_rgba_premultiplied(size, &rgba));
        let done = Done::Painted {
            pages_id: Arc::as_ptr(&request.pages) as usize,
            page: request.page,
            scale: request.scale,
            image,
        };
        if tx.send(done).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}
