//! The repair view: a brief file that does not parse opens here instead of as an empty
//! brief. It lists the problems with their line and column and shows the file's text in an
//! editor; *Check* parses the text as it is now, *Save and open* writes it (atomically) and
//! opens it, *Reload* reads the file again after an edit in another editor.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::diag::Diagnostic;

/// A brief file being repaired.
#[derive(Debug, Clone)]
pub(crate) struct Repair {
    /// The file.
    pub path: PathBuf,
    /// Its text, as edited here.
    pub text: String,
    /// The problems of the text as last checked.
    pub problems: Vec<Diagnostic>,
}

/// What the user asked of the repair view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RepairAction {
    /// Nothing yet.
    None,
    /// Write the text to the file and open it.
    SaveAndOpen,
    /// Read the file again.
    Reload,
    /// Leave the broken file alone.
    Close,
}

impl Repair {
    /// Parses the text as it is now; the problems are replaced.
    pub(crate) fn check(&mut self) -> bool {
        match crate::book::parse_brief_all(&self.path, &self.text) {
            Ok(_) => {
                self.problems.clear();
                true
            }
            Err(problems) => {
                self.problems = problems;
                false
            }
        }
    }

    /// Shows the view.
    pub(crate) fn ui(&mut self, ui: &mut Ui) -> RepairAction {
        let mut action = RepairAction::None;
        ui.label(
            RichText::new(format!("{} has errors: fix them here, then Save and open", self.path.display())).heading(),
        );
        if self.problems.is_empty() {
            ui.label(RichText::new("The text reads as a brief now.").color(egui::Color32::from_rgb(40, 150, 70)));
        }
        for d in &self.problems {
            let at = d.pos.map(|p| format!("line {}, column {}: ", p.line, p.col)).unwrap_or_default();
            let mut text = format!("{at}{}", d.message);
            if let Some(h) = &d.hint {
                text.push_str(&format!(" — {h}"));
            }
            ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
        }
        ui.horizontal(|ui| {
            if ui.button("Check").on_hover_text("Read the text as a brief and list what is wrong").clicked() {
                self.check();
            }
            if ui.button("Save and open").on_hover_text("Write the text to the file and open the brief").clicked() {
                action = RepairAction::SaveAndOpen;
            }
            if ui.button("Reload").on_hover_text("Read the file again (after editing it elsewhere)").clicked() {
                action = RepairAction::Reload;
            }
            if ui.button("Close").on_hover_text("Leave the file as it is").clicked() {
                action = RepairAction::Close;
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("repair-text").auto_shrink(false).show(ui, |ui| {
            let edit =
                egui::TextEdit::multiline(&mut self.text).code_editor().desired_width(f32::INFINITY).desired_rows(24);
            let response = ui.add(edit);
            let response = response.accessible_name("Brief text");
            if response.changed() {
                self.check();
            }
        });
        action
    }
}
