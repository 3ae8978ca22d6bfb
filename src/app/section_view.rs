//! A section's rows: the original and its translation side by side, one row per aligned
//! segment, both columns in one scroll area so they move together. Clicking a translation
//! cell edits it; machine, memory, edited and stale rows are marked; key figures and
//! meeting mentions are highlighted; a check box per paragraph includes or leaves it out.
//!
//! Only the rows in view are laid out and painted; row heights are measured once per
//! section, width and set of edits, so long sections scroll smoothly.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Color32, FontFamily, FontId, Rect, RichText, Sense, Stroke, Ui, UiBuilder, Vec2};

use super::command::{Command, PairRequest, ParagraphToggle, RowsChange};
use super::fonts;
use super::translations::{EditKey, key_of};
use crate::book::{Book, Excerpt, SectionContent};
use crate::corpus::Corpus;
use crate::model::{Layout, Section, SectionKind};
use crate::translate::{Aligned, Origin, Row};
use crate::workspace::RowChange;

/// What a highlighted span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A key figure.
    Figure,
    /// A mention of a meeting.
    Mention,
}

/// Texts to highlight, by (document id, paragraph index).
pub(crate) type Highlights = BTreeMap<(String, usize), Vec<(String, Mark)>>;

/// Collects the key figures and event mentions of a corpus for highlighting.
pub(crate) fn highlights(corpus: &Corpus) -> Highlights {
    let mut out: Highlights = BTreeMap::new();
    for f in &corpus.figures {
        out.entry((f.at.document.clone(), f.at.paragraph)).or_default().push((f.text.clone(), Mark::Figure));
    }
    for e in &corpus.events {
        for m in &e.mentions {
            out.entry((m.at.document.clone(), m.at.paragraph)).or_default().push((m.text.clone(), Mark::Mention));
        }
    }
    out
}

/// Byte ranges of `text` to highlight: every occurrence of each needle, longest first,
/// without overlaps, in text order.
pub(crate) fn highlight_ranges(text: &str, needles: &[(String, Mark)]) -> Vec<(std::ops::Range<usize>, Mark)> {
    let mut sorted: Vec<&(String, Mark)> = needles.iter().filter(|(n, _)| !n.trim().is_empty()).collect();
    sorted.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<(std::ops::Range<usize>, Mark)> = Vec::new();
    for (needle, mark) in sorted {
        for (start, _) in text.match_indices(needle.as_str()) {
            let r = start..start + needle.len();
            if !out.iter().any(|(o, _)| o.start < r.end && r.start < o.end) {
                out.push((r, *mark));
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

enum Entry {
    Header(usize),
    Row(usize, usize),
}

struct Measured {
    key: (usize, usize, u32, usize, Option<EditKey>),
    entries: Vec<Entry>,
    tops: Vec<f32>,
    total: f32,
}

/// State of the section view.
#[derive(Default)]
pub(crate) struct SectionView {
    editing: Option<(EditKey, String)>,
    /// The editor was just opened: it takes the keyboard focus.
    focus_editor: bool,
    measured: Option<Measured>,
}

const HEADER: f32 = 30.0;
const PAD: f32 = 6.0;
const CHECK: f32 = 26.0;
const EDIT_EXTRA: f32 = 34.0;

struct Ctx<'a> {
    book: &'a Book,
    excerpts: &'a [Excerpt],
    edits: &'a BTreeMap<EditKey, String>,
    highlights: &'a Highlights,
    excluded: BTreeSet<String>,
    col: f32,
    size: f32,
}

impl SectionView {
    /// Forgets the cell being edited (another section was selected, or the brief changed).
    pub(crate) fn stop_editing(&mut self) {
        self.editing = None;
    }

    /// The header of the selected section: title, kind, layout, meeting or topic.
    pub(crate) fn header_ui(
        &mut self,
        ui: &mut Ui,
        index: usize,
        section: &mut Section,
        corpus: Option<&Corpus>,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} · {}", index + 1, section.kind.label())).weak());
            let l = ui.label("Section title");
            ui.add(egui::TextEdit::singleline(&mut section.title).desired_width(280.0).hint_text("Section title"))
                .labelled_by(l.id);
            if !matches!(section.kind, SectionKind::Note | SectionKind::Figures | SectionKind::Annex) {
                let l = ui.label("Layout");
                let mut layout = section.layout;
                egui::ComboBox::from_id_salt("section-layout")
                    .selected_text(layout_name(layout))
                    .show_ui(ui, |ui| {
                        for l in Layout::ALL {
                            ui.selectable_value(&mut layout, l, layout_name(l));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if layout != section.layout {
                    out.push(Command::SetLayout { section: index, layout });
                }
            }
        });
        // The annex's file on a line of its own, so that the title and the path both have room.
        if section.kind == SectionKind::Annex {
            ui.horizontal(|ui| {
                let l = ui.label("Annex file");
                ui.add(
                    egui::TextEdit::singleline(&mut section.file)
                        .desired_width(320.0)
                        .hint_text("annexes/declaration.pdf (relative to the brief)"),
                )
                .labelled_by(l.id);
                let browse = ui.button("Choose…").on_hover_text("Choose the annex's PDF file");
                if browse.accessible_name("Choose the annex file").clicked() {
                    out.push(Command::ChooseAnnexFile(index));
                }
            });
        }
        let facts = match section.kind {
            SectionKind::Meeting => corpus.and_then(|c| c.event(&section.event)).map(|e| {
                let mut parts = vec![e.name.clone()];
                parts.extend(e.dates_in_words());
                parts.extend(e.place.clone());
                parts.extend(e.organisation.clone());
                if !e.participants.is_empty() {
                    parts.push(e.participants.join(", "));
                }
                parts.join(" · ")
            }),
            SectionKind::Topic => corpus
                .and_then(|c| c.topic(&section.topic))
                .map(|t| format!("Topic: {} — paragraphs tagged with it, limited to the picked meetings", t.name)),
            SectionKind::Figures => Some("Key figures of the picked meetings and topics, each with its source".into()),
            SectionKind::Annex => Some(format!("Annex: the pages of {}, appended as they are", section.file)),
            _ => None,
        };
        if let Some(f) = facts {
            ui.label(RichText::new(f).small().weak());
        }
    }

    /// The rows of section `index` of `book`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ui(
        &mut self,
        ui: &mut Ui,
        book: Option<&Arc<Book>>,
        index: usize,
        section: &Section,
        edits: &BTreeMap<EditKey, String>,
        highlights: &Highlights,
        out: &mut Vec<Command>,
    ) {
        let Some(book) = book else {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label("Reading the documents…");
            });
            return;
        };
        let excerpts = match book.sections.get(index).map(|s| &s.content) {
            Some(SectionContent::Excerpts(excerpts) | SectionContent::Meeting { excerpts, .. }) => excerpts,
            Some(SectionContent::Figures(figures)) => {
                figures_ui(ui, book, figures);
                return;
            }
            Some(SectionContent::Annex(annex)) => {
                annex_ui(ui, annex);
                return;
            }
            Some(SectionContent::Note(_)) if section.kind == SectionKind::Note => return,
            // The book is of an older revision of the brief; the new one is on its way.
            Some(SectionContent::Note(_)) | None => {
                ui.label(RichText::new("Checking the section…").weak());
                return;
            }
        };
        if excerpts.is_empty() {
            ui.add_space(8.0);
            ui.label(
                RichText::new("No paragraphs in this section yet. See Problems below for what is missing.").weak(),
            );
            return;
        }
        // Paragraphs an earlier section printed are referred to in the book, not repeated.
        let elsewhere: Vec<String> = excerpts
            .iter()
            .flat_map(|e| {
                e.elsewhere
                    .iter()
                    .map(move |x| format!("¶ {} of [{}] in {}", x.paragraph + 1, e.source, x.section_title))
            })
            .collect();
        if !elsewhere.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Printed in an earlier section, so only referred to here (repeat = true prints them again): {}",
                    elsewhere.join("; ")
                ))
                .weak(),
            );
        }
        if excerpts.iter().all(|e| e.rows.is_empty()) {
            return;
        }
        let size = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size);
        // Column headers, fixed above the rows.
        let width = ui.available_width() - 14.0;
        let col = ((width - CHECK - 3.0 * PAD) / 2.0).max(80.0);
        let (heads, _) = ui.allocate_exact_size(Vec2::new(width, 18.0), Sense::hover());
        let lang = excerpts.first().map(|e| e.translation_language.english_name()).unwrap_or_default();
        for (x, text) in
            [(CHECK + PAD, "Original".to_string()), (CHECK + 2.0 * PAD + col, format!("Translation ({lang})"))]
        {
            let r = Rect::from_min_size(heads.min + Vec2::new(x, 0.0), Vec2::new(col, 18.0));
            ui.scope_builder(UiBuilder::new().max_rect(r), |ui| ui.label(RichText::new(text).strong()));
        }
        ui.separator();
        let cx =
            Ctx { book, excerpts, edits, highlights, excluded: section.exclude.iter().cloned().collect(), col, size };
        let key = (
            Arc::as_ptr(book) as usize,
            index,
            width as u32,
            edits.len() + section.exclude.len() * 7919,
            self.editing.as_ref().map(|(k, _)| k.clone()),
        );
        if self.measured.as_ref().is_none_or(|m| m.key != key) {
            self.measured = Some(self.measure(ui, &cx, key));
        }
        let Some(measured) = self.measured.take() else { return };
        egui::ScrollArea::vertical().id_salt(("section-rows", index)).auto_shrink(false).show_viewport(
            ui,
            |ui, viewport| {
                ui.set_height(measured.total);
                let origin = ui.min_rect().min;
                let first = measured.tops.partition_point(|&t| t <= viewport.min.y).saturating_sub(1);
                for i in first..measured.entries.len() {
                    let top = measured.tops[i];
                    if top > viewport.max.y {
                        break;
                    }
                    let bottom = measured.tops.get(i + 1).copied().unwrap_or(measured.total);
                    let rect = Rect::from_min_size(origin + Vec2::new(0.0, top), Vec2::new(width, bottom - top));
                    match measured.entries[i] {
                        Entry::Header(e) => header(ui, rect, &cx, e),
                        Entry::Row(e, r) => self.row(ui, rect, &cx, e, r, index, out),
                    }
                }
            },
        );
        self.measured = Some(measured);
    }

    fn measure(&self, ui: &Ui, cx: &Ctx<'_>, key: (usize, usize, u32, usize, Option<EditKey>)) -> Measured {
        let mut entries = Vec::new();
        let mut tops = Vec::new();
        let mut y = 0.0;
        for (e, excerpt) in cx.excerpts.iter().enumerate() {
            entries.push(Entry::Header(e));
            tops.push(y);
            y += HEADER;
            let doc = doc_id(cx.book, excerpt.source);
            for (r, row) in excerpt.rows.iter().enumerate() {
                entries.push(Entry::Row(e, r));
                tops.push(y);
                let original = ui
                    .painter()
                    .layout_job(cell_job(cx, row.original.as_deref().unwrap_or(""), &[], cx.col, None))
                    .size()
                    .y;
                let (text, _) = translation_of(cx, doc, row);
                let translated = ui.painter().layout_job(cell_job(cx, &text, &[], cx.col, None)).size().y;
                let editing = self.editing.as_ref().is_some_and(|(k, _)| key_of(doc, row).as_ref() == Some(k));
                let extra = if editing { EDIT_EXTRA + 20.0 } else { 0.0 };
                y += original.max(translated + extra).max(cx.size * 1.4) + 2.0 * PAD + 26.0;
            }
        }
        Measured { key, entries, tops, total: y }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        ui: &mut Ui,
        rect: Rect,
        cx: &Ctx<'_>,
        e: usize,
        r: usize,
        section: usize,
        out: &mut Vec<Command>,
    ) {
        let excerpt = &cx.excerpts[e];
        let row = &excerpt.rows[r];
        let r_number = r + 1;
        let doc = doc_id(cx.book, excerpt.source);
        let tdoc = excerpt.translation_source.map(|n| doc_id(cx.book, n)).unwrap_or("");
        let reference = row.paragraph.map(|p| format!("{doc}#{}", p + 1));
        let included = reference.as_ref().is_none_or(|r| !cx.excluded.contains(r));
        let visuals = ui.visuals().clone();
        let (tr_text, origin) = translation_of(cx, doc, row);
        let tint = match (&origin, row.stale) {
            (_, true) => Some(Color32::from_rgba_unmultiplied(220, 60, 60, 28)),
            (Some(Origin::Machine { .. }), _) => Some(Color32::from_rgba_unmultiplied(230, 170, 30, 30)),
            _ => None,
        };
        let painter = ui.painter();
        if r % 2 == 1 {
            painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
        }
        if let Some(t) = tint {
            let right = Rect::from_min_max(rect.min + Vec2::new(CHECK + 2.0 * PAD + cx.col, 0.0), rect.max);
            painter.rect_filled(right, 2.0, t);
        }
        painter.hline(rect.x_range(), rect.bottom(), Stroke::new(0.5, visuals.widgets.noninteractive.bg_stroke.color));
        let first_of_paragraph = r == 0 || excerpt.rows[r - 1].paragraph != row.paragraph;
        let inner = rect.shrink2(Vec2::new(0.0, PAD));
        let mut ui = ui.new_child(UiBuilder::new().max_rect(inner).layout(egui::Layout::left_to_right(Align::Min)));
        let ui = &mut ui;
        let h = inner.height();
        let check_rect = Rect::from_min_size(inner.min, Vec2::new(CHECK, h));
        let orig_rect = Rect::from_min_size(inner.min + Vec2::new(CHECK + PAD, 0.0), Vec2::new(cx.col, h));
        let tr_rect = Rect::from_min_size(inner.min + Vec2::new(CHECK + 2.0 * PAD + cx.col, 0.0), Vec2::new(cx.col, h));
        let cell = |r: Rect| UiBuilder::new().max_rect(r).layout(egui::Layout::top_down(Align::Min));
        if ui.is_rect_visible(rect) {
            ui.scope_builder(cell(check_rect), |ui| {
                if let (Some(reference), true) = (&reference, first_of_paragraph) {
                    let mut on = included;
                    let p = row.paragraph.map_or(0, |p| p + 1);
                    let cb = ui.checkbox(&mut on, "").accessible_name(format!("Include paragraph {p} of {doc}"));
                    if cb
                        .on_hover_text(if included {
                            "Included: uncheck to leave this paragraph out"
                        } else {
                            "Left out: check to include it"
                        })
                        .changed()
                    {
                        out.push(Command::SetParagraph(ParagraphToggle {
                            section,
                            reference: reference.clone(),
                            included: on,
                        }));
                    }
                }
            });
            let dim = !included;
            let needles = row.paragraph.and_then(|p| cx.highlights.get(&(doc.to_string(), p))).map_or(&[][..], |v| v);
            let mut job = cell_job(cx, row.original.as_deref().unwrap_or(""), needles, cx.col, None);
            if dim {
                for s in &mut job.sections {
                    s.format.color = visuals.weak_text_color();
                    s.format.strikethrough = Stroke::new(0.5, visuals.weak_text_color());
                }
            }
            ui.scope_builder(cell(orig_rect), |ui| {
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("¶ {}", row.paragraph.map_or(0, |p| p + 1))).small().weak());
                        if let (Some(at), false) = (&row.aligned, tdoc.is_empty()) {
                            alignment_menu(ui, excerpt, r, at, (doc, tdoc), out);
                        }
                    });
                    ui.add(egui::Label::new(job));
                });
            });
            let key = key_of(doc, row);
            ui.scope_builder(cell(tr_rect), |ui| {
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        tags(ui, &origin, row.stale);
                        qa_tag(ui, &row.qa);
                    });
                    let editing = self.editing.as_mut().filter(|(k, _)| key.as_ref() == Some(k));
                    if let Some((k, buffer)) = editing {
                        let k = k.clone();
                        // Taken before the text field sees them: Ctrl+Enter keeps the
                        // correction (instead of a line break), Esc drops it.
                        let (save_key, cancel_key) = ui.input_mut(|i| {
                            (
                                i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter),
                                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                            )
                        });
                        let edit = ui.add(
                            egui::TextEdit::multiline(buffer)
                                .desired_width(cx.col)
                                .desired_rows(3)
                                .font(FontId::new(cx.size, FontFamily::Name(fonts::SERIF.into()))),
                        );
                        let edit = edit.accessible_name("Edit translation");
                        if std::mem::take(&mut self.focus_editor) {
                            edit.request_focus();
                        }
                        let text = buffer.clone();
                        let mut stop = false;
                        ui.horizontal(|ui| {
                            let save = ui
                                .button("Save")
                                .on_hover_text("Save the translation (Ctrl+Enter)")
                                .accessible_name("Save translation");
                            if save.clicked() || save_key {
                                out.push(Command::EditTranslation { key: k.clone(), text: Some(text.clone()) });
                                stop = true;
                            } else if ui
                                .button("Cancel")
                                .on_hover_text("Keep the translation as it was (Esc)")
                                .clicked()
                                || cancel_key
                            {
                                stop = true;
                            } else if cx.edits.contains_key(&k)
                                && ui
                                    .button("Restore")
                                    .on_hover_text("Drop your correction and show the translation from the sources")
                                    .clicked()
                            {
                                out.push(Command::EditTranslation { key: k.clone(), text: None });
                                stop = true;
                            }
                        });
                        if stop {
                            self.editing = None;
                        }
                    } else if excerpt.original_language.same_language(&excerpt.translation_language) {
                        // A paragraph already in the brief's language needs no translation:
                        // the book sets it as original only, and nothing here asks for one.
                    } else {
                        let tneedles = row
                            .paragraph
                            .and_then(|p| cx.highlights.get(&(tdoc.to_string(), p)))
                            .map_or(&[][..], |v| v);
                        let empty = tr_text.is_empty();
                        let shown =
                            if empty { "(no translation: click to write one)".to_string() } else { tr_text.clone() };
                        let weak = empty.then(|| visuals.weak_text_color());
                        let job = cell_job(cx, &shown, tneedles, cx.col, weak);
                        let shown = ui.add(egui::Label::new(job).selectable(false));
                        let p = row.paragraph.map_or(0, |p| p + 1);
                        let name = format!("Translation of {doc} paragraph {p}, row {r_number}");
                        let r = clickable(ui, shown.rect, ("translation-cell", section, e, r), name);
                        if r.hovered() {
                            ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
                        }
                        if let (true, Some(k)) =
                            (r.on_hover_text("Click to correct this translation").clicked(), key.clone())
                        {
                            self.editing = Some((k, tr_text.clone()));
                            self.focus_editor = true;
                        }
                    }
                });
            });
        }
    }
}

/// How many following rows the dialog that pairs sentences anew offers at most.
const PAIR_ROWS_MAX: usize = 8;

/// The menu of a row aligned with a human translation: merge it with the next row, split
/// it, or pair the sentences of it and the rows after it anew (an alignment fix).
fn alignment_menu(
    ui: &mut Ui,
    excerpt: &Excerpt,
    r: usize,
    at: &Aligned,
    (doc, tdoc): (&str, &str),
    out: &mut Vec<Command>,
) {
    // The rows after this one that follow it in the alignment (a section may show only
    // some paragraphs of a document).
    let mut run = vec![at.clone()];
    for next in excerpt.rows[r + 1..].iter().map(|n| n.aligned.as_ref()) {
        match next {
            Some(n) if run.last().is_some_and(|l| n.bead == l.bead + 1) && run.len() < PAIR_ROWS_MAX => {
                run.push(n.clone())
            }
            _ => break,
        }
    }
    let n = r + 1;
    let menu = ui.menu_button(RichText::new("…").small(), |ui| {
        let merge = ui
            .add_enabled(run.len() > 1, egui::Button::new("Merge with the next row"))
            .on_hover_text("The sentences of this row and the next stand together in one row");
        if merge.clicked() {
            out.push(Command::ChangeRows(Box::new(RowsChange {
                original: doc.to_string(),
                translation: tdoc.to_string(),
                seen: at.clone(),
                change: RowChange::Merge { first: at.bead, last: at.bead + 1 },
            })));
            ui.close();
        }
        let split = ui
            .add_enabled(at.source.len() + at.target.len() >= 2, egui::Button::new("Split this row…"))
            .on_hover_text("Make two rows of this one, at a sentence boundary");
        if split.clicked() {
            out.push(Command::PairRows(Box::new(PairRequest {
                original: doc.to_string(),
                translation: tdoc.to_string(),
                rows: vec![at.clone()],
                split: true,
            })));
            ui.close();
        }
        let pair = ui
            .add_enabled(run.len() > 1, egui::Button::new("Pair sentences anew…"))
            .on_hover_text("Choose which sentences of this row and the next ones stand together");
        if pair.clicked() {
            out.push(Command::PairRows(Box::new(PairRequest {
                original: doc.to_string(),
                translation: tdoc.to_string(),
                rows: run.clone(),
                split: false,
            })));
            ui.close();
        }
    });
    menu.response
        .accessible_name(format!("Alignment of row {n} of {doc}"))
        .on_hover_text("Merge, split or pair anew the sentences of this row");
}

/// The key figures of a figures section, one row each: the figure, what it measures, its
/// source and paragraph.
/// An annex: its file and its pages (the rules are in `book::annex`; problems are listed
/// under Problems).
fn annex_ui(ui: &mut Ui, annex: &crate::book::annex::Annex) {
    ui.add_space(8.0);
    ui.label(RichText::new(format!("File: {}", annex.file)).strong());
    let pages = match annex.pages.len() {
        0 => "No pages read: see Problems below.".to_string(),
        1 => "1 page".to_string(),
        n => format!("{n} pages"),
    };
    ui.label(pages);
    if !annex.pages.is_empty() && !annex.pdfa {
        ui.label(RichText::new("Not PDF/A: the book leaves out its PDF/A identification.").weak());
    }
}

fn figures_ui(ui: &mut Ui, book: &Book, figures: &[crate::book::FigureEntry]) {
    if figures.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("No key figures yet: they come from the meeting and topic sections.").weak());
        return;
    }
    egui::ScrollArea::vertical().id_salt("figures-rows").auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("figures-grid").striped(true).num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label(RichText::new("Figure").strong());
            ui.label(RichText::new("What it measures").strong());
            ui.label(RichText::new("Source").strong());
            ui.end_row();
            for f in figures {
                ui.label(RichText::new(&f.text).strong());
                ui.add(egui::Label::new(&f.context).wrap());
                ui.label(format!("[{}] {}#{}", f.source, doc_id(book, f.source), f.paragraph + 1));
                ui.end_row();
            }
        });
    });
}

/// Makes `rect` a button for the mouse and for screen readers (and tests), named `name`.
pub(crate) fn clickable(
    ui: &mut Ui,
    rect: Rect,
    salt: impl std::hash::Hash + std::fmt::Debug,
    name: String,
) -> egui::Response {
    let id = ui.scope_id().with(salt);
    let r = ui.interact(rect, id, Sense::click());
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(egui::Role::Button);
        node.set_label(name);
    });
    r
}

fn header(ui: &mut Ui, rect: Rect, cx: &Ctx<'_>, e: usize) {
    let excerpt = &cx.excerpts[e];
    let text = format!(
        "[{}] {} — {} › {} · {}",
        excerpt.source,
        excerpt.title,
        excerpt.original_language.english_name(),
        excerpt.translation_language.english_name(),
        layout_name(excerpt.layout)
    );
    let mut child = ui.new_child(UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(Align::Center)));
    child.add(egui::Label::new(RichText::new(text).strong()).truncate());
}

fn doc_id(book: &Book, source: usize) -> &str {
    book.sources.get(source.wrapping_sub(1)).map_or("", |s| s.id.as_str())
}

/// The translation shown for a row: the analyst's edit if there is one.
fn translation_of(cx: &Ctx<'_>, doc: &str, row: &Row) -> (String, Option<Origin>) {
    match key_of(doc, row).and_then(|k| cx.edits.get(&k)) {
        Some(t) => (t.clone(), Some(Origin::Edited)),
        None => (row.translation.clone().unwrap_or_default(), row.origin.clone()),
    }
}

fn tags(ui: &mut Ui, origin: &Option<Origin>, stale: bool) {
    let tag = |ui: &mut Ui, text: &str, color: Color32, tip: &str| {
        ui.label(RichText::new(text).small().color(color)).on_hover_text(tip);
    };
    match origin {
        Some(Origin::Human { translator }) => {
            let who = translator.clone().unwrap_or_else(|| "human translation".into());
            tag(ui, &who, ui.visuals().weak_text_color(), "Translated by a person (a document of the corpus)");
        }
        Some(Origin::Edited) => tag(ui, "✔ your correction", Color32::from_rgb(40, 150, 70), "You corrected this row"),
        Some(Origin::Memory { score }) => {
            tag(ui, &format!("memory {score}%"), Color32::from_rgb(60, 110, 190), "From the translation memory")
        }
        Some(Origin::Machine { engine }) => tag(
            ui,
            &format!("⚠ machine ({engine})"),
            Color32::from_rgb(200, 130, 0),
            "Machine translation: check it before it goes to the minister",
        ),
        None => {}
    }
    if stale {
        tag(ui, "⚠ stale", ui.visuals().error_fg_color, "The original changed after this was translated");
    }
}

/// The QA marker beside a row: what translation QA found, both values on hover.
fn qa_tag(ui: &mut Ui, qa: &[crate::translate::qa::QaIssue]) {
    if qa.is_empty() {
        return;
    }
    let kinds: Vec<&str> = qa.iter().map(|q| q.kind.name()).collect();
    let tip: Vec<String> = qa.iter().map(|q| q.message()).collect();
    ui.label(RichText::new(format!("⚠ QA: {}", kinds.join(", "))).small().color(ui.visuals().error_fg_color))
        .on_hover_text(tip.join("\n"));
}

/// A cell's text in the book's serif, with highlights, wrapped to `width`.
fn cell_job(cx: &Ctx<'_>, text: &str, needles: &[(String, Mark)], width: f32, color: Option<Color32>) -> LayoutJob {
    let font = FontId::new(cx.size, FontFamily::Name(fonts::SERIF.into()));
    let color = color.unwrap_or(Color32::PLACEHOLDER);
    let plain = TextFormat { font_id: font.clone(), color, ..TextFormat::default() };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (range, mark) in highlight_ranges(text, needles) {
        job.append(&text[at..range.start], 0.0, plain.clone());
        let background = match mark {
            Mark::Figure => Color32::from_rgba_unmultiplied(255, 200, 0, 90),
            Mark::Mention => Color32::from_rgba_unmultiplied(80, 150, 255, 70),
        };
        job.append(&text[range.clone()], 0.0, TextFormat { background, ..plain.clone() });
        at = range.end;
    }
    job.append(&text[at..], 0.0, plain);
    job.wrap.max_width = width;
    job
}

/// The name of a layout in the chooser.
pub(crate) fn layout_name(layout: Layout) -> &'static str {
    match layout {
        Layout::SideBySide => "Side by side",
        Layout::Interleaved => "Interleaved",
        Layout::Translation => "Translation only",
        Layout::Original => "Original only",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_do_not_overlap_and_prefer_longer() {
        let needles = vec![
            ("2%".to_string(), Mark::Figure),
            ("2% of GDP".to_string(), Mark::Figure),
            ("Brussels meeting".to_string(), Mark::Mention),
        ];
        let text = "At the Brussels meeting, 2% of GDP and again 2%.";
        let got: Vec<(&str, Mark)> = highlight_ranges(text, &needles).into_iter().map(|(r, m)| (&text[r], m)).collect();
        assert_eq!(got, [("Brussels meeting", Mark::Mention), ("2% of GDP", Mark::Figure), ("2%", Mark::Figure)]);
    }
}
