//! The app's own dialogs: a path field for open, save as and export (typing a path always
//! works; "Browse…" opens the native dialog when the desktop has one), the prompt on
//! unsaved changes, the offer to recover after a crash, and the export's progress.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use egui::{Id, RichText, Ui};

use super::command::{PairRequest, RowsChange};
use super::jobs::{DialogPurpose, ExportProgress, Exported, TranslateProgress};
use super::recovery::Recovery;
use crate::settings::TranslationSettings;
use crate::translate::Aligned;
use crate::translate::machine::Plan;
use crate::workspace::{RowChange, RowSentences};

/// What to do once the unsaved-changes prompt is answered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pending {
    /// Start a new brief.
    New,
    /// Open a brief (None: ask which).
    Open(Option<PathBuf>),
    /// Close the window.
    Quit,
}

/// The dialog on screen.
pub(crate) enum Dialog {
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
        /// A key typed for the chosen engine, to go into the desktop's secret store.
        key: String,
        /// What became of the last key stored or deleted.
        key_status: Option<String>,
    },
    /// An export finished.
    Exported {
        /// The PDF.
        path: PathBuf,
        /// Pages and size.
        info: Exported,
    },
    /// Splitting a row, or pairing the sentences of rows anew.
    PairRows(PairRows),
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
pub(crate) enum Answer {
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
    /// Settings: store this key of this engine in the desktop's secret store.
    StoreKey(String, String),
    /// Settings: delete this engine's key from the desktop's secret store.
    DeleteKey(String),
    /// Export done: open the PDF.
    OpenPdf(PathBuf),
    /// Rows split or paired anew: make the fix.
    ChangeRows(Box<RowsChange>),
}

/// The dialog that splits a row or pairs the sentences of rows anew: the analyst says how
/// many original and translated sentences each new row takes and sees the texts at once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairRows {
    /// Id of the original.
    pub original: String,
    /// Id of the translation.
    pub translation: String,
    /// The rows offered, consecutive in the alignment, from the one the menu was opened on.
    pub rows: Vec<Aligned>,
    /// The sentences of all the rows offered.
    pub sentences: RowSentences,
    /// How many of the offered rows are paired anew.
    pub count: usize,
    /// The new rows: (original, translated) sentences each.
    pub sizes: Vec<(usize, usize)>,
}

impl PairRows {
    /// The dialog for `request`, with the sentences of its rows: a split cuts the row in
    /// the middle of each side; pairing anew starts from two rows as they are.
    pub(crate) fn new(request: PairRequest, sentences: RowSentences) -> PairRows {
        let PairRequest { original, translation, rows, split } = request;
        let mut p = PairRows { original, translation, rows, sentences, count: 1, sizes: Vec::new() };
        if split {
            let (a, b) = p.as_now()[0];
            let mut first = (a.div_ceil(2), b.div_ceil(2));
            let mut second = (a - first.0, b - first.1);
            if second == (0, 0) {
                if first.1 > 0 {
                    first.1 -= 1;
                    second.1 = 1;
                } else if first.0 > 0 {
                    first.0 -= 1;
                    second.0 = 1;
                }
            }
            p.sizes = vec![first, second];
        } else {
            p.count = p.rows.len().min(2);
            p.sizes = p.as_now();
        }
        p
    }

    /// The first `count` rows as they are.
    fn as_now(&self) -> Vec<(usize, usize)> {
        self.rows.iter().take(self.count).map(|a| (a.source.len(), a.target.len())).collect()
    }

    /// Sentences (original, translated) in the first `count` rows.
    fn totals(&self) -> (usize, usize) {
        self.as_now().iter().fold((0, 0), |(s, t), (a, b)| (s + a, t + b))
    }

    /// Whether the new rows hold every sentence, in order, each at least one, and differ
    /// from the rows as they are.
    pub(crate) fn is_valid(&self) -> bool {
        let sums = self.sizes.iter().fold((0, 0), |(s, t), (a, b)| (s + a, t + b));
        sums == self.totals() && !self.sizes.contains(&(0, 0)) && self.sizes != self.as_now()
    }

    /// The change the dialog makes.
    pub(crate) fn change(&self) -> RowsChange {
        let first = self.rows[0].bead;
        let change = match (self.count, self.sizes.as_slice()) {
            (1, [(a, b), _]) => RowChange::Split { row: first, at_source: *a, at_target: *b },
            (n, [_]) => RowChange::Merge { first, last: first + n - 1 },
            (n, sizes) => RowChange::Repair { rows: first..first + n, sizes: sizes.to_vec() },
        };
        RowsChange {
            original: self.original.clone(),
            translation: self.translation.clone(),
            seen: self.rows[0].clone(),
            change,
        }
    }
}

fn pair_rows_ui(ui: &mut Ui, p: &mut PairRows) -> Option<Answer> {
    let mut answer = None;
    ui.heading(if p.count == 1 { "Split a row" } else { "Pair the sentences anew" });
    ui.label(
        RichText::new(format!(
            "Rows of {} and its translation {}: say how many sentences of each side every row takes.",
            p.original, p.translation
        ))
        .small()
        .weak(),
    );
    if p.rows.len() > 1 {
        ui.horizontal(|ui| {
            let l = ui.label("Rows to pair anew");
            let mut count = p.count;
            ui.add(egui::DragValue::new(&mut count).range(1..=p.rows.len())).labelled_by(l.id);
            if count != p.count {
                p.count = count;
                p.sizes = p.as_now();
            }
        });
    }
    let (src, tgt) = p.totals();
    ui.separator();
    egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
        let (mut i, mut j) = (0, 0);
        for (k, (a, b)) in p.sizes.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Row {}", k + 1)).strong());
                ui.add(egui::DragValue::new(a).range(0..=src).suffix(" original"))
                    .accessible_name(format!("Original sentences in row {}", k + 1));
                ui.add(egui::DragValue::new(b).range(0..=tgt).suffix(" translated"))
                    .accessible_name(format!("Translated sentences in row {}", k + 1));
            });
            // The sentences this row takes (those of the rows paired anew only).
            let original: Vec<&String> = p.sentences.original.iter().take(src).skip(i).take(*a).collect();
            let translated: Vec<&String> = p.sentences.translation.iter().take(tgt).skip(j).take(*b).collect();
            ui.columns(2, |cols| {
                for s in original {
                    cols[0].label(RichText::new(s.as_str()).small());
                }
                for s in translated {
                    cols[1].label(RichText::new(s.as_str()).small());
                }
            });
            ui.separator();
            i += *a;
            j += *b;
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Add a row").clicked() {
            p.sizes.push((0, 0));
        }
        if p.sizes.len() > 1
            && ui.button("Remove the last row").clicked()
            && let Some((a, b)) = p.sizes.pop()
            && let Some(last) = p.sizes.last_mut()
        {
            last.0 += a;
            last.1 += b;
        }
    });
    if !p.is_valid() {
        ui.label(
            RichText::new(format!(
                "The new rows must hold the {src} original and {tgt} translated sentence(s) in order, each row at least one, and differ from the rows as they are."
            ))
            .small()
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let apply = ui
            .add_enabled(p.is_valid(), egui::Button::new("Apply"))
            .on_hover_text("Change the rows (saved beside the translation memory with the brief)")
            .accessible_name("Apply the new rows");
        if apply.clicked() {
            answer = Some(Answer::ChangeRows(Box::new(p.change())));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Close);
        }
    });
    answer
}

fn purpose_text(purpose: DialogPurpose) -> (&'static str, &'static str, &'static str) {
    match purpose {
        DialogPurpose::Open => ("Open a brief", "Brief file (.toml)", "Open"),
        DialogPurpose::SaveAs => ("Save the brief as", "New brief file (.toml)", "Save"),
        DialogPurpose::Export => ("Export PDF", "PDF file", "Export"),
        DialogPurpose::CorpusFolder => ("Sources folder", "Folder of source documents", "Use folder"),
        DialogPurpose::AnnexFile(_) => ("Annex file", "PDF file to append as an annex", "Use file"),
    }
}

/// Shows the dialog; returns the answer when there is one.
pub(crate) fn show(ctx: &egui::Context, dialog: &mut Dialog, recent: &[PathBuf]) -> Option<Answer> {
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
        Dialog::Settings { settings, hosts, path, error, key, key_status } => {
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
            let engine = settings.engine.trim().to_string();
            if let Some(variable) = crate::translate::engine::key_variable(&engine) {
                let l = ui.label("API key (kept in the desktop's secret store, never in the settings file)");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(key).password(true).desired_width(300.0)).labelled_by(l.id);
                    if ui.button("Store key").clicked() && !key.trim().is_empty() {
                        answer = Some(Answer::StoreKey(engine.clone(), std::mem::take(key)));
                    }
                    if ui.button("Delete stored key").clicked() {
                        answer = Some(Answer::DeleteKey(engine.clone()));
                    }
                });
                if let Some(s) = key_status {
                    ui.label(RichText::new(s.as_str()).small());
                }
                ui.label(
                    RichText::new(format!(
                        "The key is taken from the secret store, else from the environment variable {variable}."
                    ))
                    .small()
                    .weak(),
                );
            }
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
        Dialog::PairRows(p) => answer = pair_rows_ui(ui, p),
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
