//! The problems panel: errors and warnings from opening, checking and exporting, each
//! naming the file or the section concerned and, where there is one, what to do. Clicking
//! a problem of a section selects it.

use std::path::Path;

use egui::{Color32, RichText, Ui};

use super::command::Command;
use crate::diag::{Diagnostic, Severity};
use crate::model::Brief;

/// Where a problem came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Opening a brief.
    Loading,
    /// Reading the corpus folder.
    Corpus,
    /// Checking the brief against its corpus.
    Checking,
    /// Exporting the PDF.
    Exporting,
}

/// One problem with the section it concerns, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where it came from.
    pub stage: Stage,
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// Index of the section of the brief it is about.
    pub section: Option<usize>,
}

/// All current problems.
#[derive(Default)]
pub(crate) struct Problems {
    /// Problems, errors first.
    pub list: Vec<Problem>,
}

impl Problems {
    /// Replaces the problems of one stage. A problem already listed (an export finds the
    /// warnings the last check found) is listed once: the counts never grow by repeating.
    pub(crate) fn set(&mut self, stage: Stage, problems: Vec<Problem>) {
        self.list.retain(|p| p.stage != stage);
        for p in problems {
            if !self.list.iter().any(|q| q.diagnostic == p.diagnostic) {
                self.list.push(p);
            }
        }
        self.list.sort_by(|a, b| {
            b.diagnostic
                .severity
                .cmp(&a.diagnostic.severity)
                .then(a.stage.cmp(&b.stage))
                .then(a.section.cmp(&b.section))
        });
    }

    /// Number of errors and of warnings.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let errors = self.list.iter().filter(|p| p.diagnostic.is_error()).count();
        (errors, self.list.len() - errors)
    }

    /// Shows the list.
    pub(crate) fn ui(&mut self, ui: &mut Ui, brief: &Brief, out: &mut Vec<Command>) {
        let (errors, warnings) = self.counts();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Problems").heading());
            ui.label(format!("{errors} error(s), {warnings} warning(s)"));
        });
        if self.list.is_empty() {
            ui.label(RichText::new("No problems: the brief and its documents check out.").weak());
            return;
        }
        egui::ScrollArea::vertical().id_salt("problems").auto_shrink(false).show(ui, |ui| {
            for (i, p) in self.list.iter().enumerate() {
                let d = &p.diagnostic;
                let (icon, color) = match d.severity {
                    Severity::Error => ("⛔", ui.visuals().error_fg_color),
                    Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
                };
                let place = where_(p, brief);
                let r = ui
                    .horizontal_wrapped(|ui| {
                        ui.label(RichText::new(icon).color(color));
                        ui.label(RichText::new(&place).strong());
                        ui.label(&d.message);
                        if let Some(h) = &d.hint {
                            ui.label(RichText::new(format!("Hint: {h}")).color(hint_color(ui)));
                        }
                    })
                    .response;
                let kind = if d.is_error() { "Error" } else { "Warning" };
                let r = super::section_view::clickable(
                    ui,
                    r.rect,
                    ("problem", i),
                    format!("{kind}: {place}: {}", d.message),
                );
                if let (true, Some(s)) = (r.clicked(), p.section) {
                    out.push(Command::SelectSection(s));
                }
                if p.section.is_some() {
                    r.on_hover_text("Click to show the section");
                }
            }
        });
    }
}

fn hint_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(140, 190, 255) } else { Color32::from_rgb(30, 90, 170) }
}

/// Where a problem is, in words: the section, or the file with its line.
fn where_(p: &Problem, brief: &Brief) -> String {
    if let Some(s) = p.section {
        let title = brief.sections.get(s).map(|s| s.title.as_str()).unwrap_or("");
        return format!("Section {} «{title}»", s + 1);
    }
    match (&p.diagnostic.file, p.diagnostic.pos) {
        (Some(f), Some(pos)) => format!("{}:{}:{}", short(f), pos.line, pos.col),
        (Some(f), None) => short(f),
        (None, _) => match p.stage {
            Stage::Loading => "Opening".into(),
            Stage::Corpus => "Corpus".into(),
            Stage::Checking => "Brief".into(),
            Stage::Exporting => "Export".into(),
        },
    }
}

fn short(path: &Path) -> String {
    let parts: Vec<String> = path.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let n = parts.len();
    if n <= 3 { parts.join("/") } else { format!("…/{}", parts[n - 3..].join("/")) }
}

/// Problems from diagnostics, each tied to the section its origin names.
pub(crate) fn of(stage: Stage, diags: Vec<Diagnostic>) -> Vec<Problem> {
    diags.into_iter().map(|d| Problem { stage, section: d.origin.section, diagnostic: d }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Section, SectionKind};

    #[test]
    fn an_export_does_not_repeat_the_problems_of_the_check() {
        let mut problems = Problems::default();
        let w = || of(Stage::Checking, vec![Diagnostic::warning("a warning"), Diagnostic::error("an error")]);
        problems.set(Stage::Checking, w());
        for _ in 0..3 {
            let exported: Vec<Problem> = w().into_iter().map(|p| Problem { stage: Stage::Exporting, ..p }).collect();
            problems.set(Stage::Exporting, exported);
        }
        assert_eq!(problems.counts(), (1, 1));
    }

    #[test]
    fn problems_in_the_brief_file_name_their_section() {
        let mut brief = Brief::new("T", "sources");
        brief.sections.push(Section {
            title: "Notes".into(),
            kind: SectionKind::Note,
            text: "x".into(),
            ..Section::default()
        });
        brief.sections.push(Section { title: "Press".into(), documents: vec!["nope".into()], ..Section::default() });
        let path = Path::new("b.toml");
        let corpus = crate::corpus::Corpus::from_documents("sources", Vec::new());
        let workspace = crate::workspace::Workspace::new(path, Some(brief.clone()), Some(corpus.into()));
        let mut diags = Vec::new();
        workspace.resolve(&crate::corpus::DiskFiles, &mut diags);
        let problems = of(Stage::Checking, diags);
        let unknown = problems.iter().find(|p| p.diagnostic.message.contains("no document `nope`")).expect("found");
        assert_eq!(unknown.section, Some(1), "{problems:?}");
        assert_eq!(where_(unknown, &brief), "Section 2 «Press»");
    }
}
