//! The desktop app (egui + eframe): pick meetings and topics, assemble the brief, read and
//! correct translations side by side, preview the pages, save and open briefs, export the PDF.
//!
//! The app holds no rules of its own about briefs: it edits a [`Brief`] and calls the core
//! (`build::load`, `book::resolve`, `layout::typeset`, `pdf::write_pdf`, `corpus::index::browse`).
//! Its shape follows egui's demo app and rerun: [`state::Persisted`] (remembered between
//! runs) apart from the runtime state; one file per panel, each with a `ui` function;
//! panels push [`Command`]s that [`App`] applies once per frame; undo keeps whole copies of
//! the brief; file I/O, checking, typesetting and exports run in [`jobs`] off the UI thread.

pub(crate) mod brief_panel;
pub(crate) mod command;
mod command_handling;
pub(crate) mod corpus_panel;
pub(crate) mod dialogs;
pub(crate) mod fonts;
pub(crate) mod jobs;
pub(crate) mod keys;
mod logic;
pub(crate) mod meetings;
pub(crate) mod note_editor;
pub(crate) mod preview;
pub(crate) mod problems;
pub(crate) mod raster;
pub(crate) mod recovery;
pub(crate) mod repair;
pub(crate) mod section_view;
pub(crate) mod state;
pub(crate) mod translations;
mod ui;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use command::Command;
pub(crate) use translations::{EditKey, PendingEdits, TranslationStore};

use crate::book::Book;
use crate::corpus::Corpus;
use crate::model::Brief;
use dialogs::{Dialog, Pending};
use jobs::Jobs;
use problems::{Problem, Problems};
use state::{Doc, Persisted, Snapshot};

/// Seconds without edits before the pages are set again.
const REFRESH_DELAY: f64 = 0.2;
/// Seconds between writes of the recovery file while there are unsaved changes.
const RECOVERY_INTERVAL: f64 = 3.0;

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The brief to open.
    pub brief: Option<PathBuf>,
    /// Where the recovery file and the pending translation edits are kept.
    pub data_dir: PathBuf,
    /// Use the desktop's file dialogs (off in tests: the typed path is used).
    pub native_dialogs: bool,
    /// The user's settings file (machine translation); None: no settings, none saved.
    pub settings_path: Option<PathBuf>,
}

impl AppOptions {
    /// Options for a user's session: their data folder, native dialogs.
    pub(crate) fn for_user(brief: Option<PathBuf>) -> AppOptions {
        AppOptions {
            brief,
            data_dir: recovery::default_data_dir(),
            native_dialogs: true,
            settings_path: crate::settings::settings_path(),
        }
    }
}

/// Opens the window on `brief` and runs until it is closed.
pub(crate) fn run(brief: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("briefbook")
            .with_app_id("briefbook")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0]),
        persist_window: true,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "briefbook",
        options,
        Box::new(move |cc| {
            let persisted = cc.storage.and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY));
            Ok(Box::new(App::new(&cc.egui_ctx, persisted, AppOptions::for_user(brief))))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The app.
pub struct App {
    persisted: Persisted,
    options: AppOptions,
    doc: Doc,
    /// The corpus shown: as read, with the analyst's corrections of meetings applied.
    corpus: Option<Arc<Corpus>>,
    /// The analyst's corrections of meetings (`events.toml`), saved with the brief.
    events: state::MeetingEdits,
    /// The analyst's alignment fixes not saved yet (written beside the memory on save).
    fixes: Vec<crate::workspace::PendingFix>,
    /// The corpus's search index, once opened.
    index: Option<Arc<crate::corpus::index::search::SearchIndex>>,
    corpus_root: Option<PathBuf>,
    corpus_loading: bool,
    brief_loading: bool,
    highlights: section_view::Highlights,
    book: Option<Arc<Book>>,
    book_rev: u64,
    selected: Option<usize>,
    corpus_panel: corpus_panel::CorpusPanel,
    brief_panel: brief_panel::BriefPanel,
    section_view: section_view::SectionView,
    preview: preview::Preview,
    problems: Problems,
    jobs: Jobs,
    dialog: Option<Dialog>,
    dialog_opened: f64,
    after_save: Option<Pending>,
    commands: Vec<Command>,
    store: Box<dyn TranslationStore>,
    status: String,
    rev: u64,
    seen: Snapshot,
    last_change: f64,
    now: f64,
    refresh_sent: Option<u64>,
    recovery_rev: Option<u64>,
    recovery_time: f64,
    recovery_offered: bool,
    recovered: bool,
    /// Brief details shown (the brief panel is then taller, remembered apart).
    details_open: bool,
    allow_close: bool,
    title: String,
    /// A brief file that does not parse, shown for repair.
    repair: Option<repair::Repair>,
    ctx: egui::Context,
}

impl App {
    /// A new app; starts reading the brief in `options` and offers to recover unsaved
    /// work left by a crash.
    pub fn new(ctx: &egui::Context, persisted: Option<Persisted>, options: AppOptions) -> App {
        fonts::install(ctx);
        let persisted = persisted.unwrap_or_default();
        ctx.set_theme(if persisted.dark { egui::Theme::Dark } else { egui::Theme::Light });
        ctx.global_style_mut(|s| {
            s.spacing.item_spacing = egui::vec2(8.0, 5.0);
            s.spacing.button_padding = egui::vec2(7.0, 3.0);
        });
        let brief = Brief::new("Untitled brief", "sources");
        let seen = Snapshot { brief: brief.clone(), edits: Default::default(), events: None, fixes: Vec::new() };
        let mut app = App {
            persisted,
            doc: Doc::new(brief, None),
            corpus: None,
            events: Default::default(),
            fixes: Vec::new(),
            index: None,
            corpus_root: None,
            corpus_loading: false,
            brief_loading: false,
            highlights: Default::default(),
            book: None,
            book_rev: 0,
            selected: None,
            corpus_panel: Default::default(),
            brief_panel: Default::default(),
            section_view: Default::default(),
            preview: Default::default(),
            problems: Default::default(),
            jobs: Jobs::new(ctx),
            dialog: None,
            dialog_opened: 0.0,
            after_save: None,
            commands: Vec::new(),
            store: Box::new(PendingEdits::default()),
            status: String::new(),
            rev: 1,
            seen,
            last_change: 0.0,
            now: 0.0,
            refresh_sent: None,
            recovery_rev: None,
            recovery_time: 0.0,
            recovery_offered: false,
            recovered: false,
            details_open: false,
            allow_close: false,
            title: String::new(),
            repair: None,
            ctx: ctx.clone(),
            options,
        };
        app.doc.undoer.feed_state(0.0, &app.snapshot());
        if let Some(recovery) = recovery::read(&app.options.data_dir) {
            app.recovery_offered = true;
            app.dialog = Some(Dialog::Recover(recovery));
        }
        match app.options.brief.clone() {
            Some(path) => app.open(path),
            // No brief: start an empty one on the corpus beside the working folder.
            None => app.corpus_root = None,
        }
        app
    }

    /// Uses `corpus` (built in memory) as the corpus of the open brief.
    pub fn set_corpus(&mut self, corpus: Corpus) {
        self.corpus_root = Some(self.doc.corpus_root());
        self.corpus_loading = false;
        self.use_corpus(Arc::new(corpus));
    }

    /// Replaces the open brief with `brief` (as if read from `path`).
    pub fn set_brief(&mut self, brief: Brief, path: Option<PathBuf>) {
        self.doc = Doc::new(brief, path);
        self.select(Some(0));
        self.doc.undoer.feed_state(self.now, &self.snapshot());
    }

    /// The brief as edited.
    pub fn brief(&self) -> &Brief {
        &self.doc.brief
    }

    /// The brief's file.
    pub fn path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    /// Whether the brief has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty() || !self.store.edits().is_empty() || self.events.is_dirty() || !self.fixes.is_empty()
    }

    /// The alignment fixes not saved yet, oldest first.
    pub fn alignment_fixes(&self) -> &[crate::workspace::PendingFix] {
        &self.fixes
    }

    /// The corpus folder's `events.toml` as edited in the app (saved with the brief).
    pub fn events_text(&self) -> &str {
        self.events.current()
    }

    /// Whether there are corrections of meetings not written to `events.toml` yet.
    pub fn events_dirty(&self) -> bool {
        self.events.is_dirty()
    }

    /// The selected section.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The analyst's translation edits.
    pub fn translation_edits(&self) -> &std::collections::BTreeMap<EditKey, String> {
        self.store.edits()
    }

    /// The problems shown in the problems panel.
    pub fn problems(&self) -> &[Problem] {
        &self.problems.list
    }

    /// The resolved book of the latest refresh.
    pub fn book(&self) -> Option<&Arc<Book>> {
        self.book.as_ref()
    }

    /// The typeset pages of the latest refresh.
    pub fn pages(&self) -> Option<&Arc<crate::layout::Pages>> {
        self.preview.pages.as_ref()
    }

    /// The page the preview shows, from 0.
    pub fn preview_page(&self) -> usize {
        self.preview.page
    }

    /// How long the last check and typesetting took.
    pub fn refresh_took(&self) -> Duration {
        self.preview.took.unwrap_or_default()
    }

    /// The corpus.
    pub fn corpus(&self) -> Option<&Arc<Corpus>> {
        self.corpus.as_ref()
    }

    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// What is remembered between runs.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Queues a command as if a control had been used.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Waits (up to `timeout`) until no background job is running, starting a due refresh
    /// at once, and applies the results. For tests and benches; the UI never blocks.
    pub fn wait_idle(&mut self, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            self.schedule(true);
            if !self.jobs.busy() || std::time::Instant::now() > deadline {
                break;
            }
            if let Some(done) = self.jobs.wait(Duration::from_millis(50)) {
                self.handle(done);
            }
            self.run_commands();
        }
    }
}
