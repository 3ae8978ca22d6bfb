//! The meeting corrections under the Meetings list: the selected meeting's evidence (the
//! sentences that mention it, with the words that gave kind, organisation, place and dates
//! highlighted) and confidence; an edit form; merge of several selected meetings; split of
//! a mention off onto a new or another meeting; add and remove. Each action is a
//! [`Command::EditEvents`]; the change itself is made by the library
//! ([`crate::corpus::find::event_edit`]), as on the command line.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};

use super::command::Command;
use crate::corpus::Corpus;
use crate::corpus::find::corrections::MentionRef;
use crate::corpus::find::event_edit::{EventEdit, EventFields};
use crate::model::{CueRole, Event, EventKind, Mention, PartialDate};

/// How many mentions the evidence lists at most.
const MAX_EVIDENCE: usize = 40;

/// State of the meeting corrections.
#[derive(Default)]
pub(crate) struct MeetingPanel {
    /// Meetings selected (ids), in the order they were selected.
    pub selected: Vec<String>,
    /// The meeting a merge keeps (its id stays; the others become aliases).
    keep: Option<String>,
    /// The edit form, when open.
    form: Option<Form>,
}

/// The edit form of a meeting (or of a new one), as typed.
#[derive(Debug, Clone, Default)]
struct Form {
    /// The meeting edited; None: a new meeting.
    id: Option<String>,
    name: String,
    kind: EventKind,
    organisation: String,
    place: String,
    venue: String,
    start: String,
    end: String,
    participants: String,
    topics: String,
    error: Option<String>,
}

impl Form {
    fn of(e: &Event) -> Form {
        let date = |d: Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Form {
            id: Some(e.id.clone()),
            name: e.name.clone(),
            kind: e.kind,
            organisation: e.organisation.clone().unwrap_or_default(),
            place: e.place.clone().unwrap_or_default(),
            venue: e.venue.clone().unwrap_or_default(),
            start: date(e.start),
            end: date(e.end),
            participants: e.participants.join(", "),
            topics: e.topics.join(", "),
            error: None,
        }
    }

    /// The meeting as the form says, from `e` (the meeting edited, or an empty one).
    fn event(&self, e: &Event) -> Result<Event, String> {
        let date = |s: &str, what: &str| -> Result<Option<PartialDate>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse().map(Some).map_err(|_| {
                format!("{what} `{s}` is not a date: write 2026-06-03, 2026-06, 2026 or --06-03 (day without a year)")
            })
        };
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let list = |s: &str| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let mut out = e.clone();
        out.name = self.name.trim().to_string();
        out.kind = self.kind;
        out.organisation = text(&self.organisation);
        out.place = text(&self.place);
        out.venue = text(&self.venue);
        out.start = date(&self.start, "Start")?.or(e.start);
        out.end = date(&self.end, "End")?.or(e.end);
        out.participants = list(&self.participants);
        out.topics = list(&self.topics);
        Ok(out)
    }

    /// The change the form asks for.
    fn edit(&self, corpus: &Corpus) -> Result<EventEdit, String> {
        match &self.id {
            Some(id) => {
                let e = corpus.event(id).ok_or_else(|| format!("the meeting `{id}` is gone"))?;
                let fields = EventFields::changed(e, &self.event(e)?);
                if fields.is_empty() {
                    return Err("Nothing was changed.".into());
                }
                Ok(EventEdit::Set { id: e.id.clone(), fields })
            }
            None => {
                let e = self.event(&Event::default())?;
                let fields = EventFields {
                    kind: Some(e.kind),
                    ..EventFields::changed(&Event { kind: e.kind, ..Event::default() }, &e)
                };
                Ok(EventEdit::Add { id: None, fields })
            }
        }
    }
}

impl MeetingPanel {
    /// Shows `id` alone after a change (the meeting made or kept).
    pub(crate) fn show(&mut self, id: &str) {
        self.selected = vec![id.to_string()];
        self.keep = None;
        self.form = None;
    }

    /// Whether the meeting is selected.
    pub(crate) fn is_selected(&self, e: &Event) -> bool {
        self.selected.iter().any(|s| e.answers_to(s))
    }

    /// Selects or unselects a meeting.
    pub(crate) fn select(&mut self, id: &str, on: bool) {
        self.selected.retain(|s| s != id);
        if on {
            self.selected.push(id.to_string());
        }
        self.form = None;
    }

    /// Opens the form for a new meeting.
    pub(crate) fn add(&mut self) {
        self.form = Some(Form::default());
    }

    /// Whether anything is shown below the list.
    pub(crate) fn is_open(&self) -> bool {
        !self.selected.is_empty() || self.form.is_some()
    }

    /// Shows the form, the merge bar or the selected meeting's evidence.
    pub(crate) fn ui(&mut self, ui: &mut Ui, corpus: &Corpus, out: &mut Vec<Command>) {
        // Meetings merged away or removed are no longer selected.
        self.selected.retain(|s| corpus.event(s).is_some());
        if let Some(form) = &mut self.form {
            let mut close = false;
            form_ui(ui, form, corpus, out, &mut close);
            if close {
                self.form = None;
            }
            return;
        }
        let selected = self.selected.clone();
        match selected.as_slice() {
            [] => {}
            [one] => {
                let Some(e) = corpus.event(one) else { return };
                if let Some(form) = meeting_ui(ui, e, corpus, out) {
                    self.form = Some(form);
                }
            }
            many => {
                let events: Vec<&Event> = many.iter().filter_map(|id| corpus.event(id)).collect();
                let keep = self.keep.clone().filter(|k| many.contains(k)).unwrap_or_else(|| many[0].clone());
                ui.label(RichText::new(format!("{} meetings selected", events.len())).strong());
                let mut chosen = keep.clone();
                ui.horizontal(|ui| {
                    let l = ui.label("Keep");
                    egui::ComboBox::from_id_salt("merge-keep")
                        .selected_text(label_of(corpus.event(&keep)))
                        .show_ui(ui, |ui| {
                            for e in &events {
                                ui.selectable_value(&mut chosen, e.id.clone(), label_of(Some(e)));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                });
                self.keep = Some(chosen.clone());
                ui.horizontal_wrapped(|ui| {
                    let merge = ui
                        .button("Merge")
                        .on_hover_text("Fold the selected meetings into the one kept: its id stays, the others' ids become its aliases");
                    if merge.clicked() {
                        let others = many.iter().filter(|s| **s != chosen).cloned().collect();
                        out.push(Command::EditEvents(Box::new(EventEdit::Merge { into: chosen.clone(), others })));
                    }
                    if ui.button("Clear selection").clicked() {
                        self.selected.clear();
                    }
                });
            }
        }
    }
}

fn label_of(e: Option<&Event>) -> String {
    e.map(|e| format!("{} ({})", e.name, e.dates_in_words().unwrap_or_else(|| e.id.clone()))).unwrap_or_default()
}

/// The selected meeting: facts, confidence, evidence, and its actions. Returns a form
/// when the user asks to edit.
fn meeting_ui(ui: &mut Ui, e: &Event, corpus: &Corpus, out: &mut Vec<Command>) -> Option<Form> {
    let mut form = None;
    ui.label(RichText::new(&e.name).strong());
    let mut facts: Vec<String> = vec![e.kind.as_str().to_string()];
    facts.extend(e.dates_in_words());
    facts.extend(e.place.clone());
    facts.extend(e.venue.clone());
    facts.push(format!("confidence {:.0}%", e.confidence * 100.0));
    if e.corrected {
        facts.push("corrected".into());
    }
    ui.label(RichText::new(facts.join(" · ")).small());
    ui.label(RichText::new(&e.id).small().weak()).on_hover_text("The meeting's id, as briefs name it");
    if !e.aliases.is_empty() {
        ui.label(RichText::new(format!("also: {}", e.aliases.join(", "))).small().weak())
            .on_hover_text("Ids the meeting had before; briefs that name them keep working");
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Edit meeting")
            .on_hover_text("Correct name, kind, organisation, place, venue, dates, people")
            .clicked()
        {
            form = Some(Form::of(e));
        }
        if ui
            .button("Remove meeting")
            .on_hover_text("A false meeting: removed, and it stays removed on the next analysis")
            .clicked()
        {
            out.push(Command::EditEvents(Box::new(EventEdit::Remove { id: e.id.clone() })));
        }
    });
    ui.label(RichText::new("Evidence").small().strong()).on_hover_text(
        "The sentences that mention it; highlighted: kind (blue), organisation (green), place (orange), dates (purple)",
    );
    let others: Vec<&Event> = corpus.events.iter().filter(|o| o.id != e.id).collect();
    egui::ScrollArea::vertical().id_salt("evidence").auto_shrink([false, true]).show(ui, |ui| {
        for (k, m) in e.mentions.iter().enumerate().take(MAX_EVIDENCE) {
            let n = k + 1;
            ui.separator();
            let r = MentionRef::of(m);
            // The mention's actions first, its sentence below: the buttons stay in view.
            ui.horizontal(|ui| {
                ui.label(RichText::new(n.to_string()).small().strong()).on_hover_text(r.to_string());
                if e.mentions.len() > 1
                    && ui
                        .small_button(format!("Split off mention {n}"))
                        .on_hover_text("This mention is another meeting: make a new meeting of it")
                        .clicked()
                {
                    out.push(Command::EditEvents(Box::new(EventEdit::Split { mention: r.clone(), onto: None })));
                }
                ui.menu_button(format!("Move mention {n} to…"), |ui| {
                    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                        for o in &others {
                            if ui.button(label_of(Some(o))).clicked() {
                                out.push(Command::EditEvents(Box::new(EventEdit::Split {
                                    mention: r.clone(),
                                    onto: Some(o.id.clone()),
                                })));
                                ui.close();
                            }
                        }
                    });
                });
            });
            ui.label(evidence(ui, corpus, m));
            ui.label(RichText::new(r.to_string()).small().weak());
        }
        if e.mentions.len() > MAX_EVIDENCE {
            ui.label(RichText::new(format!("… and {} more", e.mentions.len() - MAX_EVIDENCE)).small().weak());
        }
    });
    form
}

/// The mention's sentence with the cues coloured by what they gave.
fn evidence(ui: &Ui, corpus: &Corpus, m: &Mention) -> LayoutJob {
    let mut job = LayoutJob::default();
    let normal = TextFormat { color: ui.visuals().text_color(), ..TextFormat::default() };
    let Some(text) = corpus.get(&m.at.document).and_then(|d| d.paragraphs.get(m.at.paragraph)).map(|p| &p.text) else {
        job.append(&m.text, 0.0, normal);
        return job;
    };
    let (from, to) = m.sentence.unwrap_or((0, text.len()));
    let dark = ui.visuals().dark_mode;
    let colour = |role: CueRole| {
        let (r, g, b) = match role {
            CueRole::Kind => (120, 170, 255),
            CueRole::Organisation => (120, 210, 120),
            CueRole::Place => (255, 180, 90),
            CueRole::Date => (200, 140, 255),
        };
        Color32::from_rgba_unmultiplied(r, g, b, if dark { 90 } else { 110 })
    };
    let mut at = from;
    let mut cues: Vec<_> = m.cues.iter().filter(|c| c.start >= from && c.end <= to && c.start < c.end).collect();
    cues.sort_by_key(|c| c.start);
    for c in cues {
        if c.start < at || !text.is_char_boundary(c.start) || !text.is_char_boundary(c.end) {
            continue;
        }
        if let Some(s) = text.get(at..c.start) {
            job.append(s, 0.0, normal.clone());
        }
        job.append(&text[c.start..c.end], 0.0, TextFormat { background: colour(c.role), ..normal.clone() });
        at = c.end;
    }
    if let Some(s) = text.get(at..to) {
        job.append(s, 0.0, normal);
    }
    job
}

fn form_ui(ui: &mut Ui, form: &mut Form, corpus: &Corpus, out: &mut Vec<Command>, close: &mut bool) {
    ui.label(RichText::new(if form.id.is_some() { "Edit meeting" } else { "New meeting" }).strong());
    egui::ScrollArea::vertical().id_salt("meeting-form").auto_shrink([false, true]).show(ui, |ui| {
        egui::Grid::new("meeting-form-grid").num_columns(2).show(ui, |ui| {
            field(ui, "Name", &mut form.name, "empty: made of organisation, kind and place");
            ui.end_row();
            let l = ui.label("Kind");
            egui::ComboBox::from_id_salt("meeting-kind")
                .selected_text(form.kind.as_str())
                .show_ui(ui, |ui| {
                    for k in EventKind::ALL {
                        ui.selectable_value(&mut form.kind, k, k.as_str());
                    }
                })
                .response
                .labelled_by(l.id)
                .accessible_name("Meeting kind");
            ui.end_row();
            field(ui, "Organisation", &mut form.organisation, "NATO, EU, OSCE …");
            ui.end_row();
            field(ui, "Place", &mut form.place, "start typing: places of the gazetteer");
            ui.end_row();
            // Suggested until the place is a name of the gazetteer (or the field is empty).
            let suggestions = crate::corpus::index::browse::place_suggestions(&form.place, 6);
            if !suggestions.is_empty() {
                ui.label("");
                ui.horizontal_wrapped(|ui| {
                    for s in suggestions {
                        if ui.small_button(&s).on_hover_text("Use this place").clicked() {
                            form.place = s;
                        }
                    }
                });
                ui.end_row();
            }
            field(ui, "Venue", &mut form.venue, "a building or site in the place");
            ui.end_row();
            field(ui, "Start", &mut form.start, "2026-06-03, 2026-06, 2026 or --06-03");
            ui.end_row();
            field(ui, "End", &mut form.end, "empty: the start");
            ui.end_row();
            field(ui, "Participants", &mut form.participants, "names, separated by commas");
            ui.end_row();
            field(ui, "Topics", &mut form.topics, "topic ids, separated by commas");
            ui.end_row();
        });
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button("Apply").on_hover_text("Correct the meeting (saved to events.toml with the brief)").clicked() {
                match form.edit(corpus) {
                    Ok(edit) => {
                        out.push(Command::EditEvents(Box::new(edit)));
                        *close = true;
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                *close = true;
            }
        });
    });
}

/// A labelled text field; its accessible name is "Meeting …" ("Meeting place"), apart from
/// the list's filters.
fn field(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    ui.label(label);
    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(f32::INFINITY))
        .accessible_name(format!("Meeting {}", label.to_lowercase()))
}
