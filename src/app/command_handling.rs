//! Applies the commands of a frame, and the answers to dialogs. Every change of the brief
//! made here is one undo step.

use crate::translate::machine::Plan;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use super::App;
use super::brief_panel::{meeting_section, topic_section};
use super::command::{Command, ParagraphToggle, UiCommand};
use super::dialogs::{Answer, Dialog, Pending};
use super::jobs::DialogPurpose;
use super::state::{Doc, relative_to};
use crate::model::{Brief, SectionKind};

impl App {
    /// Changes the brief as one undo step.
    fn edit(&mut self, f: impl FnOnce(&mut Brief)) {
        let before = self.snapshot();
        self.doc.undoer.add_undo(&before);
        f(&mut self.doc.brief);
        let after = self.snapshot();
        self.doc.undoer.add_undo(&after);
    }

    pub(super) fn run_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            self.run(command);
        }
    }

    fn run(&mut self, command: Command) {
        match command {
            Command::Ui(c) => self.run_ui(c),
            Command::OpenPath(path) => {
                if self.is_dirty() {
                    self.dialog = Some(Dialog::Unsaved(Pending::Open(Some(path))));
                } else {
                    self.open(path);
                }
            }
            Command::SaveTo(path) => self.save_to(path),
            Command::ExportTo(path) => self.export_to(path),
            Command::TranslateMissing => self.ask_translate(),
            Command::StartTranslation(section) => self.start_translation(section),
            Command::CancelTranslation => {
                if let Some(Dialog::Translating(p)) = &self.dialog {
                    p.cancel.store(true, Ordering::Relaxed);
                    self.status = "Stopping after the current batch…".into();
                }
            }
            Command::OpenSettings => {
                let path = self.options.settings_path.clone();
                match path.as_deref().map(crate::settings::Settings::load).transpose() {
                    Ok(s) => {
                        let t = s.unwrap_or_default().translation;
                        let hosts = t.allowed_hosts.join("\n");
                        self.dialog = Some(Dialog::Settings {
                            settings: t,
                            hosts,
                            path,
                            error: None,
                            key: String::new(),
                            key_status: None,
                        });
                    }
                    Err(e) => self.message("The settings file cannot be read", &e.to_string()),
                }
            }
            Command::SaveSettings(t) => {
                let Some(path) = self.options.settings_path.clone() else {
                    self.message("No settings folder", "briefbook cannot find your home folder to keep settings in.");
                    return;
                };
                let mut s = crate::settings::Settings::load(&path).unwrap_or_default();
                s.translation = t;
                match s.save(&path) {
                    Ok(()) => {
                        self.dialog = None;
                        self.status = format!("Settings saved in {}", path.display());
                    }
                    Err(e) => self.message("The settings were not saved", &e.to_string()),
                }
            }
            Command::CancelExport => {
                if let Some(Dialog::Exporting(p)) = &self.dialog {
                    p.cancel.store(true, Ordering::Relaxed);
                    self.status = "Cancelling the export…".into();
                }
            }
            Command::OpenPdf(path) => {
                if let Err(e) = open::that_detached(&path) {
                    self.message("Cannot open the PDF", &format!("{}: {e}", path.display()));
                } else {
                    self.dialog = None;
                }
            }
            Command::PickEvent { id, picked } => {
                let name =
                    self.corpus.as_ref().and_then(|c| c.event(&id)).map_or_else(|| id.clone(), |e| e.name.clone());
                let fresh = meeting_section(&id, &name);
                self.pick(picked, fresh, |b| &mut b.brief.events, id, |s| s.kind == SectionKind::Meeting);
            }
            Command::PickTopic { id, picked } => {
                let name =
                    self.corpus.as_ref().and_then(|c| c.topic(&id)).map_or_else(|| id.clone(), |t| t.name.clone());
                let fresh = topic_section(&id, &name);
                self.pick(picked, fresh, |b| &mut b.brief.topics, id, |s| s.kind == SectionKind::Topic);
            }
            Command::AddSection(section) => {
                self.edit(|b| b.sections.push(*section));
                self.select(Some(self.doc.brief.sections.len() - 1));
            }
            Command::ChooseAnnexFile(i) => self.ask_path(DialogPurpose::AnnexFile(i)),
            Command::DeleteSection(i) => {
                if i < self.doc.brief.sections.len() {
                    self.edit(|b| {
                        b.sections.remove(i);
                    });
                    let n = self.doc.brief.sections.len();
                    let next = match self.selected {
                        Some(s) if s > i => Some(s - 1),
                        Some(s) if s == i => n.checked_sub(1).map(|last| i.min(last)),
                        other => other,
                    };
                    self.select(next);
                }
            }
            Command::MoveSection { from, to } => {
                let n = self.doc.brief.sections.len();
                let to = if to > from { to - 1 } else { to };
                if from < n && to < n && from != to {
                    self.edit(|b| {
                        let s = b.sections.remove(from);
                        b.sections.insert(to, s);
                    });
                    self.selected = self.selected.map(|s| {
                        if s == from {
                            to
                        } else if from < s && s <= to {
                            s - 1
                        } else if to <= s && s < from {
                            s + 1
                        } else {
                            s
                        }
                    });
                }
            }
            Command::SelectSection(i) => self.select(Some(i)),
            Command::SetLayout { section, layout } => {
                if section < self.doc.brief.sections.len() {
                    self.edit(|b| b.sections[section].layout = layout);
                }
            }
            Command::SetParagraph(ParagraphToggle { section, reference, included }) => {
                if section < self.doc.brief.sections.len() {
                    self.edit(|b| {
                        let s = &mut b.sections[section];
                        s.exclude.retain(|r| *r != reference);
                        if !included {
                            s.exclude.push(reference);
                        }
                    });
                }
            }
            Command::EditTranslation { key, text } => {
                let before = self.snapshot();
                self.doc.undoer.add_undo(&before);
                if let Err(e) = self.store.save_edit(&key, text.as_deref()) {
                    self.message("The correction was not saved", &format!("{e:#}"));
                    return;
                }
                let after = self.snapshot();
                self.doc.undoer.add_undo(&after);
                self.status = "Translation corrected".into();
            }
            Command::ChangeRows(change) => {
                let Some(corpus) = self.corpus.clone() else { return };
                self.dialog = None;
                self.status = "Changing the rows…".into();
                self.jobs.change_rows(self.doc.brief.clone(), self.brief_path(), corpus, self.fixes.clone(), *change);
            }
            Command::PairRows(request) => self.ask_pair_rows(*request),
            Command::EditEvents(edit) => self.edit_events(*edit),
            Command::Recover => self.answer(Answer::Recover),
            Command::DiscardRecovery => self.answer(Answer::DiscardRecovery),
        }
    }

    /// Picks or unpicks a meeting or topic: picking adds its section; unpicking removes
    /// the section only if the analyst has not changed it.
    fn pick(
        &mut self,
        picked: bool,
        fresh: crate::model::Section,
        list: impl Fn(&mut Brief) -> &mut Vec<String>,
        id: String,
        same_kind: impl Fn(&crate::model::Section) -> bool,
    ) {
        let has_section =
            self.doc.brief.sections.iter().any(|s| same_kind(s) && (s.event == fresh.event && s.topic == fresh.topic));
        self.edit(|b| {
            let ids = list(b);
            ids.retain(|x| *x != id);
            if picked {
                ids.push(id.clone());
                if !has_section {
                    b.sections.push(fresh.clone());
                }
            } else {
                b.sections.retain(|s| *s != fresh);
            }
        });
        if picked && !has_section {
            self.select(Some(self.doc.brief.sections.len() - 1));
        }
    }

    /// Selects section `i` (none if `None` or out of range); the preview follows it.
    pub(super) fn select(&mut self, i: Option<usize>) {
        self.selected = i.filter(|&i| i < self.doc.brief.sections.len());
        self.section_view.stop_editing();
        if let Some(i) = self.selected {
            let sections = &self.doc.brief.sections;
            let title = &sections[i].title;
            let nth = sections[..i].iter().filter(|s| &s.title == title).count();
            self.preview.show_section(title, nth);
        } else {
            self.preview.stop_following();
        }
    }

    fn run_ui(&mut self, c: UiCommand) {
        match c {
            UiCommand::New => {
                if self.is_dirty() {
                    self.dialog = Some(Dialog::Unsaved(Pending::New));
                } else {
                    self.run_pending(Pending::New);
                }
            }
            UiCommand::Open => {
                if self.is_dirty() {
                    self.dialog = Some(Dialog::Unsaved(Pending::Open(None)));
                } else {
                    self.ask_path(DialogPurpose::Open);
                }
            }
            UiCommand::Save => match self.doc.path.clone() {
                Some(p) => self.save_to(p),
                None => self.ask_path(DialogPurpose::SaveAs),
            },
            UiCommand::SaveAs => self.ask_path(DialogPurpose::SaveAs),
            UiCommand::ExportPdf => {
                if self.corpus.is_none() {
                    self.message("Nothing to export yet", "The corpus is not read yet; set the sources folder first.");
                } else {
                    self.ask_path(DialogPurpose::Export);
                }
            }
            UiCommand::Undo => {
                let current = self.snapshot();
                if let Some(s) = self.doc.undoer.undo(&current).cloned() {
                    self.restore(s);
                    self.status = "Undone".into();
                }
            }
            UiCommand::Redo => {
                let current = self.snapshot();
                if let Some(s) = self.doc.undoer.redo(&current).cloned() {
                    self.restore(s);
                    self.status = "Redone".into();
                }
            }
            UiCommand::Search => self.corpus_panel.focus_search = true,
            UiCommand::MoveSectionUp => {
                if let Some(s) = self.selected.filter(|&s| s > 0) {
                    self.run(Command::MoveSection { from: s, to: s - 1 });
                }
            }
            UiCommand::MoveSectionDown => {
                if let Some(s) = self.selected.filter(|&s| s + 1 < self.doc.brief.sections.len()) {
                    self.run(Command::MoveSection { from: s, to: s + 2 });
                }
            }
            UiCommand::ToggleTheme => {
                self.persisted.dark = !self.persisted.dark;
                self.ctx.set_theme(if self.persisted.dark { egui::Theme::Dark } else { egui::Theme::Light });
            }
            UiCommand::TogglePreview => self.persisted.show_preview = !self.persisted.show_preview,
            UiCommand::ToggleProblems => self.persisted.show_problems = !self.persisted.show_problems,
            UiCommand::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Corrects the meetings: the change goes into the `events.toml` text kept with the
    /// brief (one undo step) and the corpus shows it at once.
    fn edit_events(&mut self, edit: crate::corpus::find::event_edit::EventEdit) {
        let Some(corpus) = self.corpus.clone() else { return };
        let path = self.events.path().unwrap_or_else(|| corpus.corrections_path());
        match edit.apply_to(self.events.current(), &path, &corpus.events, &corpus.found_events) {
            Ok((text, id)) => {
                let before = self.snapshot();
                self.doc.undoer.add_undo(&before);
                self.set_events(Some(text));
                let after = self.snapshot();
                self.doc.undoer.add_undo(&after);
                self.corpus_panel.meetings.show(&id);
                self.status = format!("Meeting {id} corrected; saved to {} with the brief", path.display());
            }
            Err(e) => self.message("The meeting was not changed", &e.to_string()),
        }
    }

    /// Restores an undo snapshot: the brief, and the translation edits through the store.
    fn restore(&mut self, s: super::state::Snapshot) {
        let current = self.store.edits().clone();
        for (k, v) in &s.edits {
            if current.get(k) != Some(v) {
                let _ = self.store.save_edit(k, Some(v));
            }
        }
        for k in current.keys().filter(|k| !s.edits.contains_key(*k)) {
            let _ = self.store.save_edit(k, None);
        }
        self.doc.brief = s.brief;
        self.fixes = s.fixes;
        if s.events != self.events.text {
            self.set_events(s.events);
        }
        if self.selected.is_some_and(|i| i >= self.doc.brief.sections.len()) {
            self.selected = self.doc.brief.sections.len().checked_sub(1);
        }
        self.section_view.stop_editing();
    }

    fn save_to(&mut self, path: PathBuf) {
        let path = if path.extension().is_none() { path.with_extension("toml") } else { path };
        // Keep the corpus folder the same folder when the brief moves.
        let new_base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        if new_base != self.doc.base_dir() {
            let corpus = relative_to(&self.doc.corpus_root(), &new_base).to_string_lossy().into_owned();
            if corpus != self.doc.brief.brief.corpus {
                // A folder the user picked outside the brief's folder stays allowed.
                let outside = crate::book::leaves_folder(&corpus).is_some();
                self.edit(|b| {
                    b.brief.corpus = corpus;
                    b.brief.allow_outside_paths |= outside;
                });
            }
            self.corpus_root = Some(new_base.join(&self.doc.brief.brief.corpus));
        }
        // Saving to the file that was opened checks that nobody changed it meanwhile; Save As
        // to another file overwrites it (the user chose it).
        let expected = (self.doc.path.as_ref() == Some(&path)).then(|| self.doc.stamp.clone());
        self.doc.path = Some(path.clone());
        self.status = format!("Saving {}…", path.display());
        let text = self.doc.to_save();
        let events = match (self.events.is_dirty(), self.events.path(), &self.events.text) {
            (true, Some(file), Some(t)) => Some((file, self.events.file.clone(), t.clone())),
            _ => None,
        };
        let job = super::jobs::SaveJob {
            path,
            brief: self.doc.brief.clone(),
            text,
            corpus: self.corpus.clone(),
            edits: self.store.edits().clone(),
            fixes: self.fixes.clone(),
            expected,
        };
        self.jobs.save(job, events);
    }

    /// Opens the dialog that splits a row or pairs rows anew, with the rows' sentences.
    fn ask_pair_rows(&mut self, request: super::command::PairRequest) {
        let Some(corpus) = self.corpus.clone() else { return };
        let (Some(first), Some(last)) = (request.rows.first(), request.rows.last()) else { return };
        let span = crate::translate::Aligned {
            bead: first.bead,
            source: first.source.start..last.source.end,
            target: first.target.start..last.target.end,
        };
        let ws = crate::workspace::Workspace::new(&self.brief_path(), None, Some(corpus));
        match ws.row_sentences(&request.original, &request.translation, &span) {
            Some(sentences) => {
                self.dialog = Some(Dialog::PairRows(super::dialogs::PairRows::new(request, sentences)));
            }
            None => self.message(
                "The rows cannot be changed",
                &format!(
                    "The corpus no longer has the sentences of {}; wait for the rows to be set again.",
                    request.original
                ),
            ),
        }
    }

    /// Counts the rows machine translation would fill (the brief, and the selected section)
    /// and asks once, saying how much goes where.
    fn ask_translate(&mut self) {
        let (Some(corpus), Some(book)) = (self.corpus.clone(), self.book.clone()) else {
            self.message("Nothing to translate yet", "The brief's sources are not read yet.");
            return;
        };
        let settings_path = self.options.settings_path.clone();
        let settings = match settings_path.as_deref().map(crate::settings::Settings::load).transpose() {
            Ok(s) => s.unwrap_or_default().translation,
            Err(e) => return self.message("The settings file cannot be read", &e.to_string()),
        };
        let ws = crate::workspace::Workspace::new(&self.brief_path(), Some(self.doc.brief.clone()), Some(corpus));
        let mut plans = vec![(None, "The whole brief".to_string(), Plan::of(&ws.gaps_in(&book, None)))];
        if let Some(i) = self.selected {
            let title = self.doc.brief.sections.get(i).map_or_else(String::new, |s| s.title.clone());
            plans.push((
                Some(i),
                format!("Only the section \u{201c}{title}\u{201d}"),
                Plan::of(&ws.gaps_in(&book, Some(i))),
            ));
        }
        if plans[0].2.segments == 0 {
            self.message("Nothing to translate", "Every row the brief shows has a translation.");
            return;
        }
        let engine = settings.engine.trim().to_string();
        let refusal = if engine.is_empty() {
            Some("No engine is set up: choose one in Settings… (a LibreTranslate server on this machine keeps the text here).".to_string())
        } else {
            let url = Some(settings.url.trim().to_string())
                .filter(|u| !u.is_empty())
                .or_else(|| (engine == "deepl").then(|| "https://api.deepl.com".to_string()));
            ws.guard(&settings, settings_path.as_deref()).check(&engine, url.as_deref()).err().map(|e| e.to_string())
        };
        let choice = if plans.len() > 1 && plans[1].2.segments > 0 { 1 } else { 0 };
        self.dialog = Some(Dialog::ConfirmTranslate { plans, choice, engine, url: settings.url, refusal });
    }

    fn start_translation(&mut self, section: Option<usize>) {
        let (Some(corpus), Some(book)) = (self.corpus.clone(), self.book.clone()) else { return };
        let settings_path = self.options.settings_path.clone();
        let settings = settings_path
            .as_deref()
            .map(crate::settings::Settings::load)
            .transpose()
            .ok()
            .flatten()
            .unwrap_or_default()
            .translation;
        let ws =
            crate::workspace::Workspace::new(&self.brief_path(), Some(self.doc.brief.clone()), Some(corpus.clone()));
        let total = Plan::of(&ws.gaps_in(&book, section)).segments;
        let progress = self.jobs.translate(
            self.doc.brief.clone(),
            self.brief_path(),
            corpus,
            book,
            section,
            settings,
            settings_path,
            total,
        );
        self.status = format!("Translating {total} segments with {}…", progress.engine);
        self.dialog = Some(Dialog::Translating(progress));
    }

    fn export_to(&mut self, path: PathBuf) {
        let Some(corpus) = self.corpus.clone() else { return };
        let path = if path.extension().is_none() { path.with_extension("pdf") } else { path };
        let progress = self.jobs.export(
            self.doc.brief.clone(),
            self.brief_path(),
            corpus,
            self.store.edits().clone(),
            self.fixes.clone(),
            path,
        );
        self.status = "Exporting…".into();
        self.dialog = Some(Dialog::Exporting(progress));
    }

    /// Does what waited for the unsaved-changes prompt.
    pub(super) fn run_pending(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                let root = self.doc.corpus_root();
                let corpus = std::path::absolute(&root).unwrap_or(root.clone()).to_string_lossy().into_owned();
                let mut brief = Brief::new("Untitled brief", corpus);
                // The absolute path of the folder the user is working on: allowed.
                brief.brief.allow_outside_paths = true;
                brief.brief.language = self.doc.brief.brief.language.clone();
                self.doc = Doc::new(brief, None);
                self.corpus_root = Some(self.doc.corpus_root());
                let snap = self.snapshot();
                self.doc.undoer.feed_state(self.now, &snap);
                self.select(None);
                self.problems.set(super::problems::Stage::Loading, Vec::new());
                self.problems.set(super::problems::Stage::Exporting, Vec::new());
                self.status = "New brief: fill in its details, then add sections".into();
                self.details_open = true;
            }
            Pending::Open(None) => self.ask_path(DialogPurpose::Open),
            Pending::Open(Some(p)) => self.open(p),
            Pending::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Acts on the answer to a dialog.
    pub(super) fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::Close => {
                if !matches!(self.dialog, Some(Dialog::Exporting(_))) {
                    self.dialog = None;
                }
            }
            Answer::Path(purpose, path) => {
                let refuse = match purpose {
                    DialogPurpose::Open if !path.is_file() => Some(format!("There is no file {}.", path.display())),
                    DialogPurpose::CorpusFolder if !path.is_dir() => {
                        Some(format!("There is no folder {}.", path.display()))
                    }
                    DialogPurpose::AnnexFile(_) if !path.is_file() => {
                        Some(format!("There is no file {}.", path.display()))
                    }
                    DialogPurpose::SaveAs | DialogPurpose::Export
                        if path.parent().is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) =>
                    {
                        Some(format!("The folder of {} does not exist.", path.display()))
                    }
                    _ => None,
                };
                if let Some(e) = refuse {
                    let text = path.display().to_string();
                    self.dialog = Some(Dialog::Path { purpose, text, error: Some(e) });
                    return;
                }
                self.dialog = None;
                match purpose {
                    DialogPurpose::Open => self.open(path),
                    DialogPurpose::SaveAs => self.save_to(path),
                    DialogPurpose::Export => self.export_to(path),
                    DialogPurpose::CorpusFolder => {
                        let folder = relative_to(&path, &self.doc.base_dir()).to_string_lossy().into_owned();
                        // Picking a folder outside the brief's folder is the user's permission.
                        let outside = crate::book::leaves_folder(&folder).is_some();
                        self.edit(|b| {
                            b.brief.corpus = folder;
                            b.brief.allow_outside_paths |= outside;
                        });
                    }
                    DialogPurpose::AnnexFile(i) => {
                        let file = relative_to(&path, &self.doc.base_dir()).to_string_lossy().into_owned();
                        // As with the sources folder: a file the user picked outside the
                        // brief's folder is allowed.
                        let outside = crate::book::leaves_folder(&file).is_some();
                        self.edit(|b| {
                            if let Some(s) = b.sections.get_mut(i) {
                                s.file = file;
                                b.brief.allow_outside_paths |= outside;
                            }
                        });
                    }
                }
            }
            Answer::Browse(purpose) => {
                if self.options.native_dialogs {
                    self.browse(purpose);
                } else if let Some(Dialog::Path { error, .. }) = &mut self.dialog {
                    *error = Some("No file dialog is available: type the path.".into());
                }
            }
            Answer::Save(pending) => {
                self.dialog = None;
                self.after_save = Some(pending);
                self.run_ui(UiCommand::Save);
            }
            Answer::Discard(pending) => {
                self.dialog = None;
                self.set_events(None);
                self.fixes.clear();
                self.remove_recovery();
                self.run_pending(pending);
            }
            Answer::Recover => {
                let Some(Dialog::Recover(r)) = self.dialog.take() else { return };
                let path = r.path.clone().unwrap_or_else(|| self.doc.base_dir().join("recovered.toml"));
                match crate::book::parse_brief(&path, &r.brief) {
                    Ok(brief) => {
                        for (k, v) in r.edit_map() {
                            let _ = self.store.save_edit(&k, Some(&v));
                        }
                        self.fixes = r.fixes.clone();
                        if let (Some(file), Some(text)) = (&r.events_file, &r.events) {
                            self.events.root = file.parent().map(std::path::Path::to_path_buf);
                            self.set_events(Some(text.clone()));
                        }
                        let (saved, stamp, text) = if r.path.is_some() && self.doc.path == r.path {
                            (Some(self.doc.saved.clone()), self.doc.stamp.clone(), self.doc.text.clone())
                        } else {
                            (None, None, None)
                        };
                        self.doc = Doc::new(brief, r.path.clone());
                        // The file as read: saving checks nobody changed it since.
                        self.doc.stamp = stamp;
                        self.doc.text = text;
                        // Recovered work is unsaved work: it differs from the file.
                        self.doc.saved = saved.unwrap_or_else(|| Brief::new("", ""));
                        let snap = self.snapshot();
                        self.doc.undoer.feed_state(self.now, &snap);
                        self.select(Some(0));
                        self.recovered = true;
                        self.status = "Recovered the unsaved changes; save them to keep them".into();
                    }
                    Err(d) => {
                        self.message("The recovery file cannot be read", &d.to_string());
                    }
                }
                self.recovery_offered = false;
            }
            Answer::DiscardRecovery => {
                self.dialog = None;
                self.remove_recovery();
            }
            Answer::CancelExport => self.run(Command::CancelExport),
            Answer::Translate(section) => self.run(Command::StartTranslation(section)),
            Answer::CancelTranslation => self.run(Command::CancelTranslation),
            Answer::SaveSettings(t) => self.run(Command::SaveSettings(t)),
            Answer::StoreKey(engine, key) => {
                let status = match super::keys::store_key(&engine, &key) {
                    Ok(()) => format!("The {engine} key is stored in the desktop's secret store."),
                    Err(e) => format!("The key was not stored: {e}."),
                };
                if let Some(Dialog::Settings { key_status, .. }) = &mut self.dialog {
                    *key_status = Some(status);
                }
            }
            Answer::DeleteKey(engine) => {
                let status = match super::keys::delete_key(&engine) {
                    Ok(()) => format!("No {engine} key is in the desktop's secret store now."),
                    Err(e) => format!("The key was not deleted: {e}."),
                };
                if let Some(Dialog::Settings { key_status, .. }) = &mut self.dialog {
                    *key_status = Some(status);
                }
            }
            Answer::OpenPdf(p) => self.run(Command::OpenPdf(p)),
            Answer::ChangeRows(change) => self.run(Command::ChangeRows(change)),
        }
    }
}
