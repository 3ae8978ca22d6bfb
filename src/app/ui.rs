//! One frame of the window: menu bar, corpus on the left, the brief and the selected
//! section in the centre, the page preview on the right, problems and status at the bottom.

use egui::{Align, Layout, RichText, Ui};

use super::command::{Command, UiCommand};
use super::dialogs;
use super::{App, note_editor};
use crate::model::SectionKind;

impl App {
    /// Draws one frame and applies what the user did in it.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        for done in self.jobs.poll() {
            self.handle(done);
        }
        self.shortcuts(&ctx);
        self.close_request(&ctx);
        let mut out = Vec::new();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut out));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.persisted.show_problems {
            egui::Panel::bottom("problems").resizable(true).default_size(150.0).min_size(70.0).show(ui, |ui| {
                self.problems.ui(ui, &self.doc.brief, &mut out);
            });
        }
        egui::Panel::left("corpus").resizable(true).default_size(330.0).min_size(240.0).show(ui, |ui| {
            self.corpus_panel.ui(ui, self.corpus.as_ref(), &self.doc.brief, self.corpus_loading, &mut out);
        });
        if let Some(q) = self.corpus_panel.wants_search.take()
            && let Some(c) = &self.corpus
        {
            self.jobs.search(c.clone(), self.index.clone(), q);
        }
        if self.persisted.show_preview {
            egui::Panel::right("preview").resizable(true).default_size(430.0).min_size(220.0).show(ui, |ui| {
                self.preview.ui(ui, &mut self.persisted.zoom, &mut self.persisted.fit_width, &mut self.jobs);
            });
        }
        self.centre(ui, &mut out);
        if let Some(p) = self.brief_panel.wants_dialog.take() {
            self.ask_path(p);
        }

        if let Some(dialog) = &mut self.dialog
            && let Some(answer) = dialogs::show(&ctx, dialog, &self.persisted.recent)
        {
            self.answer(answer);
        }
        self.commands.extend(out);
        self.run_commands();
        self.schedule(false);
        self.window_title(&ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        for c in UiCommand::ALL {
            for s in c.shortcuts() {
                // Alt+Up/Down move sections only when no text field has the keyboard.
                let text_field = ctx.egui_wants_keyboard_input();
                if matches!(c, UiCommand::MoveSectionUp | UiCommand::MoveSectionDown) && text_field {
                    continue;
                }
                if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                    self.commands.push(Command::Ui(c));
                }
            }
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(dialogs::Dialog::Unsaved(dialogs::Pending::Quit));
        }
    }

    fn window_title(&mut self, ctx: &egui::Context) {
        let title = format!("{}{} — briefbook", self.doc.name(), if self.is_dirty() { " •" } else { "" });
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                UiCommand::New.menu_button(ui, true, out);
                UiCommand::Open.menu_button(ui, true, out);
                ui.menu_button("Open recent", |ui| {
                    if self.persisted.recent.is_empty() {
                        ui.label(RichText::new("No recent briefs").weak());
                    }
                    for p in &self.persisted.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                UiCommand::Save.menu_button(ui, true, out);
                UiCommand::SaveAs.menu_button(ui, true, out);
                ui.separator();
                UiCommand::ExportPdf.menu_button(ui, self.corpus.is_some(), out);
                ui.separator();
                UiCommand::Quit.menu_button(ui, true, out);
            });
            ui.menu_button("Edit", |ui| {
                let snap = self.snapshot();
                UiCommand::Undo.menu_button(ui, self.doc.undoer.has_undo(&snap), out);
                UiCommand::Redo.menu_button(ui, self.doc.undoer.has_redo(&snap), out);
                ui.separator();
                UiCommand::MoveSectionUp.menu_button(ui, self.selected.is_some_and(|s| s > 0), out);
                let last = self.doc.brief.sections.len().saturating_sub(1);
                UiCommand::MoveSectionDown.menu_button(ui, self.selected.is_some_and(|s| s < last), out);
                ui.separator();
                UiCommand::Search.menu_button(ui, true, out);
            });
            ui.menu_button("View", |ui| {
                for (c, on) in [
                    (UiCommand::ToggleTheme, self.persisted.dark),
                    (UiCommand::TogglePreview, self.persisted.show_preview),
                    (UiCommand::ToggleProblems, self.persisted.show_problems),
                ] {
                    let mut v = on;
                    if ui.checkbox(&mut v, c.text()).on_hover_text(c.tooltip()).clicked() {
                        out.push(Command::Ui(c));
                        ui.close();
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    let lines: Vec<String> = UiCommand::ALL
                        .iter()
                        .filter(|c| !c.shortcuts().is_empty())
                        .map(|c| {
                            let keys: Vec<String> = c.shortcuts().iter().map(|s| ui.ctx().format_shortcut(s)).collect();
                            format!("{:<22} {}", c.text(), keys.join(" or "))
                        })
                        .collect();
                    self.message("Keyboard shortcuts", &lines.join("\n"));
                    ui.close();
                }
            });
            ui.separator();
            ui.label(RichText::new(self.doc.name()).strong());
            if self.is_dirty() {
                ui.label(RichText::new("• unsaved").color(ui.visuals().warn_fg_color));
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let export = ui
                    .add_enabled(self.corpus.is_some(), egui::Button::new(RichText::new("Export PDF…").strong()))
                    .on_hover_text(format!(
                        "{} ({})",
                        UiCommand::ExportPdf.tooltip(),
                        UiCommand::ExportPdf.shortcut_text(ui.ctx())
                    ));
                if export.clicked() {
                    out.push(Command::Ui(UiCommand::ExportPdf));
                }
                if ui.button("Save").on_hover_text("Save the brief (Ctrl+S)").clicked() {
                    out.push(Command::Ui(UiCommand::Save));
                }
                let translate = ui
                    .add_enabled(self.book.is_some(), egui::Button::new("Translate missing…"))
                    .on_hover_text("Machine-translate the rows without a translation (asks first)");
                if translate.clicked() {
                    out.push(Command::TranslateMissing);
                }
                if ui.button("Settings…").on_hover_text("Machine translation engine, address, allowed hosts").clicked()
                {
                    out.push(Command::OpenSettings);
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if self.brief_loading {
                ui.add(egui::Spinner::new().size(12.0));
            }
            ui.label(RichText::new(&self.status).small());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let (errors, warnings) = self.problems.counts();
                let text = format!("{errors} error(s), {warnings} warning(s)");
                let color = if errors > 0 { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
                if ui
                    .add(egui::Button::new(RichText::new(text).small().color(color)).frame(false))
                    .on_hover_text("Show or hide the problems")
                    .clicked()
                {
                    self.persisted.show_problems = !self.persisted.show_problems;
                }
                if let Some(c) = &self.corpus {
                    ui.label(RichText::new(format!("{} documents", c.documents.len())).small().weak());
                }
            });
        });
    }

    fn centre(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        if let Some(mut repair) = self.repair.take() {
            let mut action = super::repair::RepairAction::None;
            egui::CentralPanel::default().show(ui, |ui| action = repair.ui(ui));
            let path = repair.path.clone();
            match action {
                super::repair::RepairAction::None => self.repair = Some(repair),
                super::repair::RepairAction::SaveAndOpen => {
                    let written = crate::fsutil::write_atomic(&path, repair.text.as_bytes());
                    self.repair = Some(repair);
                    match written {
                        Ok(()) => self.open(path),
                        Err(e) => {
                            self.message("The brief was not saved", &format!("cannot write {}: {e}", path.display()))
                        }
                    }
                }
                super::repair::RepairAction::Reload => {
                    self.repair = Some(repair);
                    self.open(path);
                }
                super::repair::RepairAction::Close => {}
            }
            return;
        }
        // The brief takes half the height at first, more with its details open (a panel of
        // its own, so the user's size for each is kept); the user can drag either.
        let (panel, share) = if self.details_open { ("brief-with-details", 0.7) } else { ("brief", 0.5) };
        let default_height = (ui.available_height() * share).max(220.0);
        egui::Panel::top(panel).resizable(true).default_size(default_height).min_size(140.0).show(ui, |ui| {
            // The panel keeps its height whatever the content (egui sizes a panel by what
            // it used): the list below fills it.
            let height = ui.available_height();
            ui.set_min_height(height);
            ui.add_space(4.0);
            let meta = &self.doc.brief.brief;
            let summary: Vec<String> = [Some(meta.title.clone()), meta.date.map(|d| d.to_string())]
                .into_iter()
                .flatten()
                .chain((!meta.classification.is_empty()).then(|| meta.classification.clone()))
                .collect();
            let details = egui::CollapsingHeader::new(RichText::new("Brief details").heading())
                .id_salt("brief-details")
                .open(Some(self.details_open))
                .show_unindented(ui, |ui| {
                    // The form scrolls within part of the panel, so the section list below
                    // keeps most of its rows in view.
                    egui::ScrollArea::vertical()
                        .id_salt("brief-details-form")
                        .max_height((height * 0.4).max(60.0))
                        .auto_shrink([false, true])
                        .show(ui, |ui| self.brief_panel.details_ui(ui, &mut self.doc.brief));
                });
            if details.header_response.clicked() {
                self.details_open = !self.details_open;
            }
            if details.body_returned.is_none() {
                ui.label(RichText::new(summary.join(" · ")).weak())
                    .on_hover_text("Open Brief details to change the cover: title, date, classification …");
            }
            ui.add_space(4.0);
            ui.separator();
            // The list fills the rest of the panel and scrolls on its own.
            self.brief_panel.sections_ui(ui, &self.doc.brief, self.corpus.as_deref(), self.selected, out);
        });
        egui::CentralPanel::default().show(ui, |ui| self.section(ui, out));
    }

    fn section(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let Some(i) = self.selected.filter(|&i| i < self.doc.brief.sections.len()) else {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("Select a section above to edit it.").weak());
                ui.label(
                    RichText::new(
                        "Pick meetings and topics on the left, or choose documents and add them as a section.",
                    )
                    .weak(),
                );
            });
            return;
        };
        let corpus = self.corpus.clone();
        self.section_view.header_ui(ui, i, &mut self.doc.brief.sections[i], corpus.as_deref(), out);
        ui.separator();
        let section = &mut self.doc.brief.sections[i];
        if section.kind == SectionKind::Note {
            note_editor::ui(ui, &mut section.text);
            return;
        }
        if !section.exclude.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Left out:").small());
                for r in &section.exclude {
                    let b = ui.small_button(format!("{r} ↺")).on_hover_text("Include this paragraph again");
                    if b.accessible_name(format!("Include {r} again")).clicked() {
                        out.push(Command::SetParagraph(super::command::ParagraphToggle {
                            section: i,
                            reference: r.clone(),
                            included: true,
                        }));
                    }
                }
            });
        }
        let section = self.doc.brief.sections[i].clone();
        self.section_view.ui(ui, self.book.as_ref(), i, &section, self.store.edits(), &self.highlights, out);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit with nothing unsaved (or changes the user chose not to save) leaves
        // no recovery file behind.
        if !self.is_dirty() || self.allow_close {
            let _ = super::recovery::remove(&self.options.data_dir);
        }
    }
}
