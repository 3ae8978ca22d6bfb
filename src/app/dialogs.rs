//! The app's own dialogs: a path field for open, save as and export (typing a path always
//! works; "Browse…" opens the native dialog when the desktop has one), the prompt on
//! unsaved changes, the offer to recover after a crash, and the export's progress.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use egui::{Id, RichText, Ui};

use super::jobs::{DialogPurpose, ExportProgress, Exported, TranslateProgress};
use super::recovery::Recovery;
use crate::settings::TranslationSettings;
use crate::translate::machine::Plan;

/// What to do once the unsaved-changes prompt is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new brief.
    New,
    /// Open a brief (None: ask which).
    Open(Option<PathBuf>),
    /// Close the window.
    Quit,
}

/// The dialog on screen.
pub enum Dialog {
    /// Asks for a path.
    Path {
        /// What for.
        purpose: DialogPurpose,
        /// The path typed so far.
        text: String,
        /// Why the last path was refused.
        error: Option<String>,
    },
    /// Asks whether to save changes before going on.
    Unsaved(Pending),
    /// Offers to bring back unsaved work found after a crash.
    Recover(Recovery),
    /// An export is running.
    Exporting(ExportProgress),
    /// Asks once before machine translation: how many segments and characters go where.
    ConfirmTranslate {
        /// (section or None for the brief, label, what would be sent).
        plans: Vec<(Option<usize>, String, Plan)>,
        /// The plan chosen.
        choice: usize,
        /// The engine.
        engine: String,
        /// Its address.
        url: String,
        /// Why it may not be sent (no engine, the guard), if so.
        refusal: Option<String>,
    },
    /// Machine translation is running.
    Translating(TranslateProgress),
    /// The user's settings.
    Settings {
        /// The `[translation]` settings as edited.
        settings: TranslationSettings,
        /// The allowed hosts, one a line.
        hosts: String,
        /// The settings file.
        path: Option<PathBuf>,
        /// Why they were not saved.
        error: Option<String>,
    },
    /// An export finished.
    Exported {
        /// The PDF.
        path: PathBuf,
        /// Pages and size.
        info: Exported,
    },
    /// A message to read.
    Message {
        /// Heading.
        title: String,
        /// Text.
        text: String,
    },
}

/// How the user answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Closed or cancelled.
    Close,
    /// Path dialog: use this path.
    Path(DialogPurpose, PathBuf),
    /// Path dialog: open the native dialog.
    Browse(DialogPurpose),
    /// Unsaved prompt: save first.
    Save(Pending),
    /// Unsaved prompt: go on without saving.
    Discard(Pending),
    /// Recovery: restore.
    Recover,
    /// Recovery: throw it away.
    DiscardRecovery,
    /// Export: stop it.
    CancelExport,
    /// Translate missing: go (the section, or None for the brief).
    Translate(Option<usize>),
    /// Translation: stop it.
    CancelTranslation,
    /// Settings: save these.
    SaveSettings(TranslationSettings),
    /// Export done: open the PDF.
    OpenPdf(PathBuf),
}

fn purpose_text(purpose: DialogPurpose) -> (&'static str, &'static str, &'static str) {
    match purpose {
        DialogPurpose::Open => ("Open a brief", "Brief file (.toml)", "Open"),
        DialogPurpose::SaveAs => ("Save the brief as", "New brief file (.toml)", "Save"),
        DialogPurpose::Export => ("Export PDF", "PDF file", "Export"),
        DialogPurpose::CorpusFolder => ("Sources folder", "Folder of source documents", "Use folder"),
    }
}

/// Shows the dialog; returns the answer when there is one.
pub fn show(ctx: &egui::Context, dialog: &mut Dialog, recent: &[PathBuf]) -> Option<Answer> {
    let mut answer = None;
    let modal = egui::Modal::new(Id::unique("briefbook-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        answer = body(ui, dialog, recent);
    });
    // Esc or a click outside closes the dialogs that may be closed.
    let closable = !matches!(dialog, Dialog::Exporting(_) | Dialog::Recover(_) | Dialog::Translating(_));
    if answer.is_none() && closable && modal.should_close() {
        answer = Some(Answer::Close);
    }
    answer
}

fn body(ui: &mut Ui, dialog: &mut Dialog, recent: &[PathBuf]) -> Option<Answer> {
    let mut answer = None;
    match dialog {
        Dialog::Path { purpose, text, error } => {
            let purpose = *purpose;
            let (title, label, action) = purpose_text(purpose);
            ui.heading(title);
            ui.add_space(6.0);
            let l = ui.label(label);
            let r = ui.add(egui::TextEdit::singleline(text).desired_width(480.0).hint_text("/path/to/file"));
            let r = r.labelled_by(l.id);
            if !r.has_focus() && ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            if let Some(e) = error {
                ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
            }
            if purpose == DialogPurpose::Open && !recent.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new("Recent briefs").small().weak());
                for p in recent.iter().take(5) {
                    if ui.link(p.display().to_string()).clicked() {
                        answer = Some(Answer::Path(purpose, p.clone()));
                    }
                }
            }
            ui.add_space(8.0);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let go = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(action));
                if go.clicked() || (enter && !text.trim().is_empty()) {
                    answer = Some(Answer::Path(purpose, PathBuf::from(text.trim())));
                }
                if ui.button("Browse…").on_hover_text("Choose with the desktop's file dialog").clicked() {
                    answer = Some(Answer::Browse(purpose));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Close);
                }
            });
        }
        Dialog::Unsaved(pending) => {
            ui.heading("Save changes?");
            ui.add_space(6.0);
            ui.label("The brief has changes that are not saved. Save them before going on?");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(Answer::Save(pending.clone()));
                }
                if ui.button("Don't save").on_hover_text("Go on and lose the changes").clicked() {
                    answer = Some(Answer::Discard(pending.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Close);
                }
            });
        }
        Dialog::Recover(recovery) => {
            ui.heading("Recover unsaved work?");
            ui.add_space(6.0);
            let name =
                recovery.path.as_ref().map_or_else(|| "an untitled brief".to_string(), |p| p.display().to_string());
            ui.label(format!(
                "briefbook did not close normally last time. Unsaved changes to {name} were kept{}.",
                if recovery.edits.is_empty() {
                    String::new()
                } else {
                    format!(", with {} translation correction(s)", recovery.edits.len())
                }
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Recover").on_hover_text("Open the brief as it was, with its changes").clicked() {
                    answer = Some(Answer::Recover);
                }
                if ui.button("Discard").on_hover_text("Throw the kept changes away").clicked() {
                    answer = Some(Answer::DiscardRecovery);
                }
            });
        }
        Dialog::Exporting(progress) => {
            ui.heading("Exporting PDF");
            ui.label(RichText::new(progress.path.display().to_string()).small().weak());
            ui.add_space(6.0);
            let p = progress.percent.load(Ordering::Relaxed) as f32 / 100.0;
            let stage = progress.stage.lock().map(|s| *s).unwrap_or("");
            ui.add(egui::ProgressBar::new(p).text(stage).animate(true)).accessible_name("Export progress");
            ui.add_space(6.0);
            if ui.button("Cancel").on_hover_text("Stop; an existing PDF stays as it was").clicked() {
                answer = Some(Answer::CancelExport);
            }
        }
        Dialog::ConfirmTranslate { plans, choice, engine, url, refusal } => {
            ui.heading("Translate missing rows");
            ui.add_space(6.0);
            for (i, (_, label, plan)) in plans.iter().enumerate() {
                ui.radio_value(choice, i, format!("{label}: {}", plan.describe()));
            }
            ui.add_space(6.0);
            match refusal {
                Some(why) => {
                    ui.label(RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
                }
                None => {
                    let at = if url.trim().is_empty() { "its own address".to_string() } else { url.clone() };
                    ui.label(format!(
                        "The text of these segments goes to {engine} at {at}. Translations are stored in the brief's memory batch by batch; nothing is translated twice."
                    ));
                }
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let chosen = plans.get(*choice).filter(|p| p.2.segments > 0);
                let go = ui.add_enabled(refusal.is_none() && chosen.is_some(), egui::Button::new("Translate"));
                if go.clicked()
                    && let Some(p) = chosen
                {
                    answer = Some(Answer::Translate(p.0));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Close);
                }
            });
        }
        Dialog::Translating(progress) => {
            ui.heading("Translating");
            ui.label(RichText::new(progress.engine.as_str()).small().weak());
            ui.add_space(6.0);
            let done = progress.done.load(Ordering::Relaxed) as usize;
            let p = done as f32 / progress.total.max(1) as f32;
            ui.add(egui::ProgressBar::new(p).text(format!("{done} of {} segments", progress.total)).animate(true))
                .accessible_name("Translation progress");
            ui.add_space(6.0);
            if ui.button("Cancel").on_hover_text("Stop after the current batch; what came back is kept").clicked() {
                answer = Some(Answer::CancelTranslation);
            }
        }
        Dialog::Settings { settings, hosts, path, error } => {
            ui.heading("Settings");
            if let Some(p) = path {
                ui.label(RichText::new(p.display().to_string()).small().weak());
            }
            ui.add_space(6.0);
            ui.label("Machine translation engine");
            ui.horizontal(|ui| {
                ui.radio_value(&mut settings.engine, String::new(), "none");
                ui.radio_value(&mut settings.engine, "libretranslate".to_string(), "LibreTranslate");
                ui.radio_value(&mut settings.engine, "deepl".to_string(), "DeepL");
            });
            let l = ui.label("Address (LibreTranslate: e.g. http://localhost:5000; DeepL: empty for DeepL's own)");
            ui.add(egui::TextEdit::singleline(&mut settings.url).desired_width(480.0)).labelled_by(l.id);
            let l = ui.label("Hosts besides this machine that may receive text of classified briefs (one a line)");
            ui.add(egui::TextEdit::multiline(hosts).desired_rows(3).desired_width(480.0)).labelled_by(l.id);
            ui.label(
                RichText::new(
                    "Keys are read from the environment (DEEPL_AUTH_KEY, LIBRETRANSLATE_API_KEY), never saved here.",
                )
                .small()
                .weak(),
            );
            if let Some(e) = error {
                ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    let mut t = settings.clone();
                    t.allowed_hosts =
                        hosts.lines().map(str::trim).filter(|h| !h.is_empty()).map(String::from).collect();
                    answer = Some(Answer::SaveSettings(t));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Close);
                }
            });
        }
        Dialog::Exported { path, info } => {
            ui.heading("PDF exported");
            ui.add_space(6.0);
            ui.label(format!("{} — {} page(s), {:.0} KB", path.display(), info.pages, info.bytes as f64 / 1024.0));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Open PDF").on_hover_text("Open it in the desktop's PDF viewer").clicked() {
                    answer = Some(Answer::OpenPdf(path.clone()));
                }
                if ui.button("Close").clicked() {
                    answer = Some(Answer::Close);
                }
            });
        }
        Dialog::Message { title, text } => {
            ui.heading(title.as_str());
            ui.add_space(6.0);
            ui.label(text.as_str());
            ui.add_space(8.0);
            if ui.button("OK").clicked() {
                answer = Some(Answer::Close);
            }
        }
    }
    answer
}
