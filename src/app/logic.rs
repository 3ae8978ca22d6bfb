//! The app's bookkeeping between frames: results of background jobs, change tracking,
//! the debounced refresh of the book and its pages, and the recovery file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dialogs::Dialog;
use super::jobs::{DialogPurpose, Done, RefreshRequest};
use super::problems::{self, Stage};
use super::recovery::{self, Recovery};
use super::section_view;
use super::state::{Doc, Snapshot};
use super::translations::EditKey;
use super::{App, RECOVERY_INTERVAL, REFRESH_DELAY};
use crate::corpus::Corpus;
use crate::diag::Diagnostic;
use crate::model::Brief;

impl App {
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            brief: self.doc.brief.clone(),
            edits: self.store.edits().clone(),
            events: self.events.text.clone(),
            fixes: self.fixes.clone(),
        }
    }

    /// The path the brief's problems are reported against.
    pub(super) fn brief_path(&self) -> PathBuf {
        self.doc.path.clone().unwrap_or_else(|| self.doc.base_dir().join("untitled.toml"))
    }

    /// Starts reading a brief file.
    pub(super) fn open(&mut self, path: PathBuf) {
        self.brief_loading = true;
        self.status = format!("Opening {}…", path.display());
        self.jobs.load(path);
    }

    pub(super) fn use_corpus(&mut self, corpus: Arc<Corpus>) {
        // Corrections edited for another folder do not apply to this one.
        if self.events.root.as_ref() != Some(&corpus.root) {
            self.events.text = None;
        }
        self.events.root = Some(corpus.root.clone());
        // events.toml is a small file of the user's; reading it here keeps the text its
        // corrections were applied from together with the corpus.
        self.events.file = match crate::corpus::find::event_edit::read(&corpus.corrections_path()) {
            Ok(text) => text,
            Err(e) => {
                self.status = e;
                String::new()
            }
        };
        self.events.base = Some(corpus);
        let Some(corpus) = self.events.corpus() else { return };
        self.highlights = section_view::highlights(&corpus);
        self.corpus_panel.corpus_changed(&corpus);
        self.index = None;
        self.jobs.open_index(corpus.root.clone());
        self.corpus = Some(corpus);
        self.refresh_sent = None;
        self.book = None;
    }

    /// Applies a message from a background job.
    pub(super) fn handle(&mut self, done: Done) {
        match done {
            Done::Loaded { path, result } => {
                self.brief_loading = false;
                let workspace = match *result {
                    Ok(workspace) => workspace,
                    Err(e) => {
                        self.corpus_root.get_or_insert_with(|| self.doc.corpus_root());
                        let d = Diagnostic::error(e).with_hint("check the path and that the file can be read");
                        self.problems.set(Stage::Loading, problems::of(Stage::Loading, vec![d]));
                        self.message("Cannot open the brief", "See Problems for what went wrong.");
                        return;
                    }
                };
                // With a corpus, the brief's paths are checked on every refresh; without
                // one, the opening's problems say why.
                let diags = if workspace.corpus().is_some() { workspace.file_problems() } else { workspace.problems() };
                self.problems.set(Stage::Loading, problems::of(Stage::Loading, diags));
                let text = workspace.text().to_string();
                let corpus = workspace.corpus().cloned();
                let Some(brief) = workspace.brief().cloned() else {
                    // The brief in the window stays; so does its corpus.
                    self.corpus_root.get_or_insert_with(|| self.doc.corpus_root());
                    self.status = format!("{} could not be opened", path.display());
                    if text.is_empty() {
                        self.message(
                            "Cannot open the brief",
                            &format!("{} has errors; see Problems for the file, line and what to do.", path.display()),
                        );
                    } else {
                        // The text is there: repair it in place.
                        self.repair = Some(super::repair::Repair { path, text, problems: workspace.problems() });
                    }
                    return;
                };
                self.repair = None;
                if std::mem::take(&mut self.recovered) && self.doc.path.as_ref() == Some(&path) {
                    // The recovered work stays; the file is what it differs from.
                    self.doc.saved = brief;
                } else {
                    self.doc = Doc::new(brief, Some(path.clone()));
                }
                self.doc.text = Some(text.clone());
                self.doc.stamp = Some(crate::fsutil::FileStamp::of(&path, text.as_bytes()));
                self.doc.undoer.feed_state(self.now, &self.snapshot());
                // The first section is selected, and the preview turns to it once it is set.
                self.select(Some(0));
                self.problems.set(Stage::Checking, Vec::new());
                self.problems.set(Stage::Exporting, Vec::new());
                self.corpus_root = Some(self.doc.corpus_root());
                self.corpus_loading = false;
                self.problems.set(Stage::Corpus, Vec::new());
                match corpus {
                    Some(c) => self.use_corpus(c),
                    None => {
                        self.corpus = None;
                        self.book = None;
                    }
                }
                self.persisted.remember(&path);
                self.status = format!("Opened {}", path.display());
            }
            Done::Corpus { root, result } => {
                if self.corpus_root.as_ref() != Some(&root) {
                    return;
                }
                self.corpus_loading = false;
                match result {
                    Ok(c) => {
                        self.problems
                            .list
                            .retain(|p| !p.diagnostic.message.starts_with("cannot read the corpus folder"));
                        self.status = format!("Read {} document(s) from {}", c.documents.len(), root.display());
                        self.use_corpus(c);
                    }
                    Err(e) => {
                        self.corpus = None;
                        self.book = None;
                        let d = Diagnostic::error(e)
                            .in_file(self.brief_path())
                            .with_hint("set the sources folder in the brief details to a folder of documents");
                        let p = problems::Problem { stage: Stage::Corpus, diagnostic: d, section: None };
                        self.problems.set(Stage::Corpus, vec![p]);
                    }
                }
            }
            Done::Saved {
                path,
                brief,
                text,
                stamp,
                saved_edits,
                saved_fixes,
                saved_events,
                events_on_disk,
                result,
            } => {
                if result.is_ok() {
                    // Fixes made while saving stay pending.
                    self.fixes.retain(|f| !saved_fixes.contains(f));
                    self.seen.fixes = self.fixes.clone();
                }
                if let Some(events) = saved_events {
                    self.events_saved(events);
                }
                // The user was told; saving again replaces the file with the corrections.
                if let Some(now) = events_on_disk {
                    self.events.file = now;
                }
                if stamp.is_some() && self.doc.path.as_ref() == Some(&path) {
                    self.doc.text = Some(text);
                }
                let written = stamp.is_some() && self.doc.path.as_ref() == Some(&path);
                if let Some(stamp) = stamp
                    && self.doc.path.as_ref() == Some(&path)
                {
                    self.doc.stamp = Some(stamp);
                }
                self.saved(path, *brief, written, saved_edits, result);
            }
            Done::Exported { path, result, diags } => {
                self.problems.set(Stage::Exporting, problems::of(Stage::Exporting, diags));
                match result {
                    Ok(info) => {
                        self.status = format!("Exported {} ({} pages)", path.display(), info.pages);
                        self.dialog = Some(Dialog::Exported { path, info });
                    }
                    Err(None) => {
                        self.status = "Export cancelled; no PDF written".into();
                        self.dialog = None;
                    }
                    Err(Some(e)) => {
                        self.status = "Export failed".into();
                        self.persisted.show_problems = true;
                        self.message("The PDF was not exported", &e);
                    }
                }
            }
            Done::Translated { result } => {
                if matches!(self.dialog, Some(Dialog::Translating(_))) {
                    self.dialog = None;
                }
                // The rows show what is in the memory now.
                self.refresh_sent = None;
                match result {
                    Ok(o) if o.cancelled => {
                        self.status = format!("Translation stopped: {} segments translated and kept", o.segments)
                    }
                    Ok(o) => {
                        self.status = format!(
                            "Translated {} segments ({} characters); stored in the memory",
                            o.segments, o.characters
                        )
                    }
                    Err(e) => self.message("Machine translation stopped", &e),
                }
            }
            Done::Refreshed(r) => {
                if r.rev < self.book_rev {
                    return;
                }
                self.book_rev = r.rev;
                self.book = Some(r.book);
                // The selected section may have been renamed or moved since it was chosen.
                if let Some(i) = self.selected.filter(|&i| i < self.doc.brief.sections.len()) {
                    let sections = &self.doc.brief.sections;
                    let nth = sections[..i].iter().filter(|s| s.title == sections[i].title).count();
                    self.preview.refollow(&sections[i].title, nth);
                }
                self.preview.set_pages(r.pages, r.took);
                self.problems.set(Stage::Checking, r.problems);
            }
            Done::RowsChanged { change, result } => match result {
                Ok(fix) => {
                    let before = self.snapshot();
                    self.doc.undoer.add_undo(&before);
                    self.fixes.push(fix);
                    let after = self.snapshot();
                    self.doc.undoer.add_undo(&after);
                    self.status = format!("{change}; saved beside the translation memory with the brief");
                }
                Err(e) => self.message("The rows were not changed", &e),
            },
            Done::Superseded => {}
            Done::Index { root, index } => {
                if self.corpus.as_ref().is_some_and(|c| c.root == root) {
                    self.index = index;
                }
            }
            Done::Searched { query, hits } => self.corpus_panel.searched(query, hits),
            Done::Painted { pages_id, page, scale, image } => {
                self.preview.painted(&self.ctx, pages_id, page, scale, image);
            }
            Done::Dialog { purpose, path } => match path {
                Some(p) => {
                    self.dialog = None;
                    self.answer(super::dialogs::Answer::Path(purpose, p));
                }
                None => {
                    // No dialog on this desktop returns at once; a dialog the user
                    // cancelled took a while: then close ours too.
                    if self.now - self.dialog_opened > 1.5 && matches!(self.dialog, Some(Dialog::Path { .. })) {
                        self.dialog = None;
                    } else if let Some(Dialog::Path { error, .. }) = &mut self.dialog {
                        *error = Some("No file dialog is available on this desktop: type the path.".into());
                    }
                }
            },
            Done::Recovery(result) => {
                if let Err(e) = result {
                    self.status = format!("Cannot write the recovery file: {e}");
                }
            }
        }
    }

    /// Tracks changes, feeds the undo history, and starts due background work. `force`
    /// starts a due refresh without waiting for the edits to settle.
    pub(super) fn schedule(&mut self, force: bool) {
        let changed = self.doc.brief != self.seen.brief
            || *self.store.edits() != self.seen.edits
            || self.events.text != self.seen.events
            || self.fixes != self.seen.fixes;
        if changed {
            self.rev += 1;
            self.seen = self.snapshot();
            self.last_change = self.now;
        }
        if changed || self.doc.undoer.is_in_flux() {
            let snap = self.snapshot();
            self.doc.undoer.feed_state(self.now, &snap);
        }
        if let Some(s) = self.selected
            && s >= self.doc.brief.sections.len()
        {
            self.selected = self.doc.brief.sections.len().checked_sub(1);
        }
        let settled = force || self.now - self.last_change >= REFRESH_DELAY;

        // The corpus folder named by the brief.
        let root = self.doc.corpus_root();
        if self.corpus_root.as_ref() != Some(&root) && settled && !self.brief_loading {
            self.corpus_root = Some(root.clone());
            self.corpus_loading = true;
            self.jobs.load_corpus(root, self.doc.brief.brief.allow_outside_paths);
        }

        // Rows update as translated batches arrive in the memory.
        if let Some(Dialog::Translating(p)) = &mut self.dialog {
            let done = p.done.load(std::sync::atomic::Ordering::Relaxed);
            if done != p.seen {
                p.seen = done;
                self.refresh_sent = None;
            }
        }

        // The book and its pages.
        if let Some(corpus) = &self.corpus
            && self.refresh_sent != Some(self.rev)
            && !self.corpus_loading
        {
            if settled {
                self.refresh_sent = Some(self.rev);
                self.jobs.refresh(RefreshRequest {
                    rev: self.rev,
                    brief: self.doc.brief.clone(),
                    path: self.brief_path(),
                    corpus: corpus.clone(),
                    edits: self.store.edits().clone(),
                    fixes: self.fixes.clone(),
                    file: self.doc.text.clone().map(|t| (t, self.doc.saved.clone())),
                });
            } else {
                let wait = (REFRESH_DELAY - (self.now - self.last_change)).max(0.01);
                self.ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            }
        }
        self.preview.refreshing = self.corpus.is_some() && self.book_rev != self.rev;

        // The recovery file: written while there are unsaved changes, removed after.
        if !matches!(self.dialog, Some(Dialog::Recover(_))) {
            if self.is_dirty() {
                if self.recovery_rev != Some(self.rev) && self.now - self.recovery_time >= RECOVERY_INTERVAL {
                    self.recovery_rev = Some(self.rev);
                    self.recovery_time = self.now;
                    let mut r = Recovery::new(self.doc.path.clone(), self.doc.brief.to_toml(), self.store.edits());
                    r.fixes = self.fixes.clone();
                    if self.events.is_dirty() {
                        r.events_file = self.events.path();
                        r.events = self.events.text.clone();
                    }
                    let dir = self.options.data_dir.clone();
                    self.jobs.spawn(move || Done::Recovery(recovery::write(&dir, &r).map_err(|e| e.to_string())));
                } else if self.recovery_rev != Some(self.rev) {
                    let wait = RECOVERY_INTERVAL - (self.now - self.recovery_time);
                    self.ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
                }
            } else if self.recovery_rev.is_some() || self.recovery_offered {
                self.remove_recovery();
            }
        }
    }

    /// Sets the meetings' corrections as edited (None: as the file says) and shows the
    /// corpus with them at once; the book is set again on the next refresh.
    pub(super) fn set_events(&mut self, text: Option<String>) {
        self.events.text = text;
        if let Some(corpus) = self.events.corpus() {
            self.highlights = section_view::highlights(&corpus);
            self.corpus = Some(corpus);
        }
    }

    pub(super) fn remove_recovery(&mut self) {
        self.recovery_rev = None;
        self.recovery_offered = false;
        let dir = self.options.data_dir.clone();
        self.jobs.spawn(move || Done::Recovery(recovery::remove(&dir).map_err(|e| e.to_string())));
    }

    /// After a save: the file and the memory have what was written; corrections made
    /// meanwhile stay pending.
    fn saved(
        &mut self,
        path: PathBuf,
        brief: Brief,
        written: bool,
        saved_edits: BTreeMap<EditKey, String>,
        result: Result<(), String>,
    ) {
        if written {
            self.doc.saved = brief;
            self.persisted.remember(&path);
        }
        match result {
            Ok(()) => {
                for (key, text) in &saved_edits {
                    if self.store.edits().get(key) == Some(text) {
                        let _ = self.store.save_edit(key, None);
                    }
                }
                self.seen.edits = self.store.edits().clone();
                // The pages are set again from the memory, which now has the corrections.
                self.rev += 1;
                self.status = format!("Saved {}", path.display());
                if !self.is_dirty() {
                    self.remove_recovery();
                }
                if let Some(pending) = self.after_save.take() {
                    self.run_pending(pending);
                }
            }
            Err(e) => {
                self.after_save = None;
                self.status = "Not saved".into();
                let title = if written { "Not everything was saved" } else { "The brief was not saved" };
                self.message(title, &e);
            }
        }
    }

    /// After `events.toml` was written with `text`: the corpus as read now has it.
    fn events_saved(&mut self, text: String) {
        if let Some(base) = &self.events.base {
            let mut c = (**base).clone();
            c.set_corrections(Some(&text));
            self.events.base = Some(Arc::new(c));
        }
        self.events.file = text;
        self.set_events(self.events.text.clone());
    }

    /// Shows a message dialog.
    pub(super) fn message(&mut self, title: &str, text: &str) {
        self.dialog = Some(Dialog::Message { title: title.into(), text: text.into() });
    }

    /// Opens the path dialog (and the desktop's file dialog, when there is one).
    pub(super) fn ask_path(&mut self, purpose: DialogPurpose) {
        let base = self.doc.base_dir();
        let text = match purpose {
            DialogPurpose::Open => format!("{}/", base.display()),
            DialogPurpose::SaveAs => {
                self.doc.path.clone().unwrap_or_else(|| base.join("brief.toml")).display().to_string()
            }
            DialogPurpose::Export => self
                .doc
                .path
                .as_ref()
                .map(|p| p.with_extension("pdf"))
                .unwrap_or_else(|| base.join("brief.pdf"))
                .display()
                .to_string(),
            DialogPurpose::CorpusFolder => self.doc.corpus_root().display().to_string(),
            DialogPurpose::AnnexFile(i) => match self.doc.brief.sections.get(i).filter(|s| !s.file.is_empty()) {
                Some(s) => base.join(&s.file).display().to_string(),
                None => format!("{}/", base.display()),
            },
        };
        self.dialog = Some(Dialog::Path { purpose, text, error: None });
        self.dialog_opened = self.now;
        self.browse(purpose);
    }

    pub(super) fn browse(&mut self, purpose: DialogPurpose) {
        if !self.options.native_dialogs {
            return;
        }
        let name = match purpose {
            DialogPurpose::Export => format!("{}.pdf", file_stem(&self.doc)),
            _ => format!("{}.toml", file_stem(&self.doc)),
        };
        self.dialog_opened = self.now;
        self.jobs.dialog(purpose, self.doc.base_dir(), name);
    }
}

fn file_stem(doc: &Doc) -> String {
    doc.path
        .as_deref()
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "brief".into())
}
