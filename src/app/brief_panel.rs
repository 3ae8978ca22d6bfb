//! The centre's upper part: the brief's metadata form and its ordered sections, which can
//! be added (from a meeting, a topic, the chosen documents, or as a note), selected,
//! reordered by drag and drop, buttons or Alt+Up/Down, and deleted.

use egui::{Align, Layout as EguiLayout, RichText, Stroke, Ui};

use super::command::{Command, UiCommand};
use super::jobs::DialogPurpose;
use crate::corpus::Corpus;
use crate::model::{Brief, Date, PageSize, Section, SectionKind};

/// Languages the book's own words exist in (src/book/labels.toml).
const BOOK_LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("sq", "Albanian")];

/// Classification markings offered in the form (any other text can be typed).
const MARKINGS: [&str; 5] = ["", "UNCLASSIFIED", "Official – Sensitive", "RESTRICTED", "CONFIDENTIAL"];

/// State of the brief panel.
#[derive(Default)]
pub(crate) struct BriefPanel {
    /// The date field's text (kept while it does not parse).
    date_text: String,
    date_error: Option<String>,
    /// The date the text was last taken from.
    date_seen: Option<Option<Date>>,
    /// A file dialog the panel asks for (the app opens it).
    pub wants_dialog: Option<DialogPurpose>,
    /// The selection the list last scrolled to: a new selection (clicked, moved with
    /// Alt+Up/Down, added, chosen from Problems) is scrolled into view once.
    scrolled_to: Option<usize>,
}

impl BriefPanel {
    /// The metadata form. Edits go straight into the brief; the undo history groups them.
    pub(crate) fn details_ui(&mut self, ui: &mut Ui, brief: &mut Brief) {
        if self.date_seen != Some(brief.brief.date) {
            self.date_text = brief.brief.date.map(|d| d.to_string()).unwrap_or_default();
            self.date_error = None;
            self.date_seen = Some(brief.brief.date);
        }
        let meta = &mut brief.brief;
        egui::Grid::new("brief-details").num_columns(4).spacing([10.0, 6.0]).show(ui, |ui| {
            text_row(ui, "Brief title", &mut meta.title, "Title on the cover");
            text_row(ui, "Subtitle", &mut meta.subtitle, "The meeting, place and date");
            ui.end_row();
            text_row(ui, "Prepared for", &mut meta.prepared_for, "Who the brief is for");
            text_row(ui, "Prepared by", &mut meta.prepared_by, "Who prepared it");
            ui.end_row();

            let l = ui.label("Classification");
            ui.horizontal(|ui| {
                let r =
                    ui.add(egui::TextEdit::singleline(&mut meta.classification).hint_text("none").desired_width(150.0));
                r.labelled_by(l.id);
                egui::ComboBox::from_id_salt("marking")
                    .selected_text("")
                    .width(20.0)
                    .show_ui(ui, |ui| {
                        for m in MARKINGS {
                            let name = if m.is_empty() { "(no marking)" } else { m };
                            ui.selectable_value(&mut meta.classification, m.to_string(), name);
                        }
                    })
                    .response
                    .accessible_name("Choose a classification marking");
            });
            let l = ui.label("Date");
            ui.horizontal(|ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.date_text)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(100.0)
                        .text_color_opt(self.date_error.as_ref().map(|_| ui.visuals().error_fg_color)),
                );
                let r = r.labelled_by(l.id);
                if r.changed() {
                    let t = self.date_text.trim();
                    if t.is_empty() {
                        meta.date = None;
                        self.date_error = None;
                    } else {
                        match t.parse::<Date>() {
                            Ok(d) => {
                                meta.date = Some(d);
                                self.date_error = None;
                            }
                            Err(e) => self.date_error = Some(e.to_string()),
                        }
                    }
                    self.date_seen = Some(meta.date);
                }
                if let Some(e) = &self.date_error {
                    ui.label(RichText::new("⚠").color(ui.visuals().warn_fg_color)).on_hover_text(e);
                }
            });
            ui.end_row();

            let l = ui.label("Language");
            egui::ComboBox::from_id_salt("language")
                .selected_text(meta.language.english_name())
                .show_ui(ui, |ui| {
                    for (tag, name) in BOOK_LANGUAGES {
                        if let Ok(t) = tag.parse() {
                            ui.selectable_value(&mut meta.language, t, name);
                        }
                    }
                })
                .response
                .labelled_by(l.id)
                .on_hover_text("Language of the book's headings and of the translation column");
            let l = ui.label("Page size");
            egui::ComboBox::from_id_salt("page-size")
                .selected_text(format!("{:?}", meta.page_size))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut meta.page_size, PageSize::A4, "A4");
                    ui.selectable_value(&mut meta.page_size, PageSize::Letter, "Letter");
                })
                .response
                .labelled_by(l.id);
            ui.end_row();

            let l = ui.label("Sources folder");
            ui.horizontal(|ui| {
                let r = ui.add(egui::TextEdit::singleline(&mut meta.corpus).desired_width(180.0));
                r.labelled_by(l.id).on_hover_text("Folder of the source documents, relative to the brief file");
                if ui.button("Browse…").on_hover_text("Choose the sources folder").clicked() {
                    self.wants_dialog = Some(DialogPurpose::CorpusFolder);
                }
            });
            ui.end_row();
        });
    }

    /// The ordered list of sections with the "Add section" menu.
    pub(crate) fn sections_ui(
        &mut self,
        ui: &mut Ui,
        brief: &Brief,
        corpus: Option<&Corpus>,
        selected: Option<usize>,
        out: &mut Vec<Command>,
    ) {
        if selected.is_none() {
            self.scrolled_to = None;
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new("Sections").heading());
            ui.label(RichText::new(format!("{}", brief.sections.len())).weak());
            ui.with_layout(EguiLayout::right_to_left(Align::Center), |ui| {
                add_menu(ui, brief, corpus, out);
            });
        });
        if brief.sections.is_empty() {
            self.scrolled_to = None;
            ui.label(
                RichText::new("No sections yet. Pick meetings or topics on the left, choose documents, or add a note.")
                    .weak(),
            );
            return;
        }
        egui::ScrollArea::vertical().id_salt("sections").auto_shrink(false).show(ui, |ui| {
            // Rows close together: more of a long brief in view.
            ui.spacing_mut().item_spacing.y = 2.0;
            let n = brief.sections.len();
            let mut drop: Option<(usize, usize)> = None;
            for (i, section) in brief.sections.iter().enumerate() {
                let is_selected = selected == Some(i);
                let row = ui.horizontal(|ui| {
                    let handle_id = egui::Id::unique(("briefbook-section-drag", i));
                    let drag = ui.dnd_drag_source(handle_id, i, |ui| {
                        ui.label(RichText::new("☰").weak()).on_hover_text("Drag to reorder");
                    });
                    drag.response.accessible_name(format!("Drag section {}", i + 1));
                    ui.label(RichText::new(format!("{:>2}", i + 1)).monospace().weak());
                    let title = if section.title.trim().is_empty() { "(untitled)" } else { section.title.as_str() };
                    let r = ui
                        .add(egui::Button::selectable(is_selected, title).truncate())
                        .accessible_name(format!("Section {}: {title}", i + 1));
                    if r.clicked() {
                        out.push(Command::SelectSection(i));
                    }
                    if is_selected && self.scrolled_to != selected {
                        r.scroll_to_me(None);
                        self.scrolled_to = selected;
                    }
                    ui.label(RichText::new(section.kind.label()).small().weak());
                    ui.with_layout(EguiLayout::right_to_left(Align::Center), |ui| {
                        let del = ui.small_button("🗑").on_hover_text("Delete this section");
                        if del.accessible_name(format!("Delete section {}", i + 1)).clicked() {
                            out.push(Command::DeleteSection(i));
                        }
                        let down = ui.add_enabled(i + 1 < n, egui::Button::new("⏷").small());
                        if down
                            .on_hover_text("Move down (Alt+Down)")
                            .accessible_name(format!("Move section {} down", i + 1))
                            .clicked()
                        {
                            out.push(Command::MoveSection { from: i, to: i + 2 });
                        }
                        let up = ui.add_enabled(i > 0, egui::Button::new("⏶").small());
                        if up
                            .on_hover_text("Move up (Alt+Up)")
                            .accessible_name(format!("Move section {} up", i + 1))
                            .clicked()
                        {
                            out.push(Command::MoveSection { from: i, to: i - 1 });
                        }
                    });
                });
                // Drop target: above or below this row, by where the pointer is.
                let rect = row.response.rect;
                if let (Some(pointer), Some(_)) =
                    (ui.input(|i| i.pointer.interact_pos()), row.response.dnd_hover_payload::<usize>())
                {
                    let stroke = Stroke::new(2.0, ui.visuals().selection.bg_fill);
                    let to = if pointer.y < rect.center().y {
                        ui.painter().hline(rect.x_range(), rect.top(), stroke);
                        i
                    } else {
                        ui.painter().hline(rect.x_range(), rect.bottom(), stroke);
                        i + 1
                    };
                    if let Some(from) = row.response.dnd_release_payload::<usize>() {
                        drop = Some((*from, to));
                    }
                }
            }
            if let Some((from, to)) = drop {
                out.push(Command::MoveSection { from, to });
            }
        });
    }
}

fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(220.0)).labelled_by(l.id);
}

/// The "Add section" menu: notes, the chosen documents, meetings, topics, key figures.
fn add_menu(ui: &mut Ui, brief: &Brief, corpus: Option<&Corpus>, out: &mut Vec<Command>) {
    ui.menu_button("➕ Add section", |ui| {
        for title in ["Summary", "Key messages", "Talking points", "Background"] {
            if ui.button(format!("Note: {title}")).clicked() {
                out.push(Command::AddSection(Box::new(note(title))));
            }
        }
        ui.separator();
        let events = corpus.map_or(&[][..], |c| c.events.as_slice());
        ui.add_enabled_ui(!events.is_empty(), |ui| {
            ui.menu_button("Meeting", |ui| {
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for e in events {
                        if ui.button(&e.name).clicked() {
                            out.push(Command::AddSection(Box::new(meeting_section(&e.id, &e.name))));
                        }
                    }
                });
            });
        });
        let topics = corpus.map_or(&[][..], |c| c.topics.as_slice());
        ui.add_enabled_ui(!topics.is_empty(), |ui| {
            ui.menu_button("Topic", |ui| {
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for t in topics {
                        if ui.button(&t.name).clicked() {
                            out.push(Command::AddSection(Box::new(topic_section(&t.id, &t.name))));
                        }
                    }
                });
            });
        });
        let has_picks = !brief.brief.events.is_empty() || !brief.brief.topics.is_empty();
        let figures = ui
            .add_enabled(has_picks, egui::Button::new("Key figures"))
            .on_hover_text("The key figures of the picked meetings and topics");
        if figures.clicked() {
            out.push(Command::AddSection(Box::new(Section {
                title: "Key figures".into(),
                kind: SectionKind::Figures,
                ..Section::default()
            })));
        }
        let annex = ui.button("Annex (a PDF file)").on_hover_text(
            "The pages of an existing PDF (a declaration, an agenda), with the book's running head and footer",
        );
        if annex.clicked() {
            out.push(Command::AddSection(Box::new(annex_section())));
        }
        ui.separator();
        UiCommand::Search.menu_button(ui, true, out);
    })
    .response
    .on_hover_text(
        "Add a note, a meeting, a topic, key figures or an annex; documents are added from the corpus panel",
    );
}

/// A new annex section; its file is written in the section's header.
pub(crate) fn annex_section() -> Section {
    Section { title: "Annex".into(), kind: SectionKind::Annex, ..Section::default() }
}

/// A new note section.
pub(crate) fn note(title: &str) -> Section {
    Section { title: title.into(), kind: SectionKind::Note, ..Section::default() }
}

/// The section that picking a meeting adds.
pub(crate) fn meeting_section(id: &str, name: &str) -> Section {
    Section { title: name.into(), kind: SectionKind::Meeting, event: id.into(), ..Section::default() }
}

/// The section that picking a topic adds.
pub(crate) fn topic_section(id: &str, name: &str) -> Section {
    Section { title: name.into(), kind: SectionKind::Topic, topic: id.into(), ..Section::default() }
}
