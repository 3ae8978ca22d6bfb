//! The left panel: the corpus. Meetings, topics and documents, each filterable, with a
//! search box over the whole corpus; check boxes pick meetings and topics for the brief and
//! choose documents for a new section. Rows are virtualised, so tens of thousands stay
//! smooth.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::{Align, Layout, RichText, Sense, TextWrapMode, Ui, UiBuilder, Vec2};

use super::command::Command;
use crate::corpus::Corpus;
use crate::corpus::index::browse::{contains_ci, topic_counts};
use crate::model::{Brief, Section, SectionKind};

/// Which list the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CorpusTab {
    /// Meetings found in the documents.
    #[default]
    Meetings,
    /// Topics with paragraph counts.
    Topics,
    /// Documents.
    Documents,
}

/// Things computed once per corpus.
struct Facts {
    corpus_id: usize,
    topic_counts: BTreeMap<String, usize>,
    languages: Vec<String>,
    organisations: Vec<String>,
}

/// State of the corpus panel.
#[derive(Default)]
pub(crate) struct CorpusPanel {
    /// The list shown.
    pub tab: CorpusTab,
    /// The search box.
    pub query: String,
    /// Put the cursor in the search box next frame.
    pub focus_search: bool,
    /// Documents chosen for a new documents section, by id.
    pub chosen: BTreeSet<String>,
    /// Show translations in the document list.
    pub show_translations: bool,
    /// The meetings selected for correction, and the edit form.
    pub meetings: super::meetings::MeetingPanel,
    language: Option<String>,
    organisation: Option<String>,
    facts: Option<Facts>,
    /// Latest document search: the query and the matching document indexes.
    pub search_result: Option<(String, Vec<usize>)>,
    /// A search the app should start (the panel asks; the app runs it off the UI thread).
    pub wants_search: Option<String>,
    searching: Option<String>,
    /// Filtered document rows for (corpus, query, language, translations shown).
    doc_rows: Option<DocRows>,
}

/// Document rows after search and filters, with what they were computed for: corpus,
/// query, language, translations shown.
type DocRows = (usize, String, Option<String>, bool, Vec<usize>);

/// Height of a list row without the spacing between rows.
const ROW: f32 = 36.0;

impl CorpusPanel {
    /// Records search results from a job.
    pub(crate) fn searched(&mut self, query: String, hits: Vec<usize>) {
        if self.searching.as_deref() == Some(query.as_str()) {
            self.searching = None;
        }
        self.search_result = Some((query, hits));
        self.doc_rows = None;
    }

    /// Forgets everything computed from the previous corpus and shows the list that has
    /// something in it.
    pub(crate) fn corpus_changed(&mut self, corpus: &Corpus) {
        if corpus.events.is_empty() && self.tab == CorpusTab::Meetings {
            self.tab = if corpus.topics.is_empty() { CorpusTab::Documents } else { CorpusTab::Topics };
        }
        self.facts = None;
        self.search_result = None;
        self.doc_rows = None;
        self.chosen.clear();
    }

    fn facts(&mut self, corpus: &Corpus) -> &Facts {
        let id = corpus as *const Corpus as usize;
        if self.facts.as_ref().is_none_or(|f| f.corpus_id != id) {
            let mut languages: Vec<String> = corpus.documents.iter().map(|d| d.meta.language.to_string()).collect();
            languages.sort();
            languages.dedup();
            let mut organisations: Vec<String> = corpus.events.iter().filter_map(|e| e.organisation.clone()).collect();
            organisations.sort();
            organisations.dedup();
            self.facts = Some(Facts { corpus_id: id, topic_counts: topic_counts(corpus), languages, organisations });
        }
        self.facts.as_ref().expect("facts were just computed")
    }

    /// Shows the panel.
    pub(crate) fn ui(
        &mut self,
        ui: &mut Ui,
        corpus: Option<&Arc<Corpus>>,
        brief: &Brief,
        loading: bool,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Corpus").heading());
            if loading {
                ui.add(egui::Spinner::new()).on_hover_text("Reading the corpus folder");
            }
        });
        let Some(corpus) = corpus else {
            ui.add_space(8.0);
            ui.label(if loading {
                "Reading the documents…"
            } else {
                "No corpus: set the sources folder of the brief."
            });
            return;
        };
        ui.label(RichText::new(corpus.root.display().to_string()).small().weak()).on_hover_text("The sources folder");
        ui.add_space(4.0);
        let search = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Search the corpus (Ctrl+F)")
                .desired_width(f32::INFINITY),
        );
        let search = search.accessible_name("Search the corpus");
        if std::mem::take(&mut self.focus_search) {
            search.request_focus();
        }
        if self.query.trim().is_empty() {
            self.searching = None;
        } else if self.search_result.as_ref().is_none_or(|(q, _)| *q != self.query)
            && self.searching.as_deref() != Some(self.query.as_str())
        {
            self.searching = Some(self.query.clone());
            self.wants_search = Some(self.query.clone());
        }
        ui.add_space(4.0);

        let facts = self.facts(corpus);
        let (n_topics, languages, organisations) =
            (facts.topic_counts.len(), facts.languages.clone(), facts.organisations.clone());
        let originals = corpus.documents.iter().filter(|d| !d.is_translation()).count();
        ui.horizontal(|ui| {
            for (tab, name, n) in [
                (CorpusTab::Meetings, "Meetings", corpus.events.len()),
                (CorpusTab::Topics, "Topics", n_topics.max(corpus.topics.len())),
                (CorpusTab::Documents, "Documents", originals),
            ] {
                if ui.selectable_label(self.tab == tab, format!("{name} {n}")).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        match self.tab {
            CorpusTab::Meetings => self.meetings(ui, corpus, brief, &organisations, out),
            CorpusTab::Topics => self.topics(ui, corpus, brief, out),
            CorpusTab::Documents => self.documents(ui, corpus, &languages, out),
        }
    }

    fn meetings(&mut self, ui: &mut Ui, corpus: &Corpus, brief: &Brief, orgs: &[String], out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            filter_combo(ui, "Organisation", &mut self.organisation, orgs);
            if ui.button("Add meeting").on_hover_text("Add a meeting the documents do not make clear").clicked() {
                self.meetings.add();
            }
        });
        let needle = self.query.trim().to_lowercase();
        let rows: Vec<usize> = corpus
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| self.organisation.is_none() || e.organisation == self.organisation)
            .filter(|(_, e)| {
                needle.is_empty()
                    || [Some(&e.name), e.place.as_ref(), e.organisation.as_ref(), Some(&e.id)]
                        .into_iter()
                        .flatten()
                        .any(|s| contains_ci(s, &needle))
            })
            .map(|(i, _)| i)
            .collect();
        if rows.is_empty() {
            empty(ui, corpus.events.is_empty(), "No meetings found in these documents yet.");
            self.meetings.ui(ui, corpus, out);
            return;
        }
        // With a meeting selected, the list leaves room for its evidence and actions.
        let height = if self.meetings.is_open() { (ui.available_height() * 0.4).max(ROW * 2.0) } else { f32::INFINITY };
        let meetings = &mut self.meetings;
        egui::ScrollArea::vertical().id_salt("meetings").max_height(height).auto_shrink(false).show_rows(
            ui,
            ROW,
            rows.len(),
            |ui, range| {
                for &i in &rows[range] {
                    let e = &corpus.events[i];
                    // A brief may name the meeting by an id it had before (merged, re-dated).
                    let mut picked = brief.brief.events.iter().any(|id| e.answers_to(id));
                    let mut selected = meetings.is_selected(e);
                    row(ui, |ui| {
                        let r = ui.checkbox(&mut picked, "").accessible_name(format!("Pick meeting {}", e.name));
                        if r.changed() {
                            out.push(Command::PickEvent { id: e.id.clone(), picked });
                        }
                        let s = ui
                            .checkbox(&mut selected, "")
                            .accessible_name(format!("Select meeting {}", e.id))
                            .on_hover_text("Select to see its evidence, edit, merge or remove it");
                        if s.changed() {
                            meetings.select(&e.id, selected);
                        }
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(RichText::new(&e.name).strong()).truncate());
                            let when = e.dates_in_words().unwrap_or_else(|| "date unknown".into());
                            let parts: Vec<String> = [Some(when), e.place.clone(), e.organisation.clone()]
                                .into_iter()
                                .flatten()
                                .chain([
                                    format!("{} source(s)", e.documents().len()),
                                    format!("confidence {:.0}%", e.confidence * 100.0),
                                ])
                                .collect();
                            ui.add(egui::Label::new(RichText::new(parts.join(" · ")).small().weak()).truncate());
                        });
                    });
                }
            },
        );
        ui.separator();
        self.meetings.ui(ui, corpus, out);
    }

    fn topics(&mut self, ui: &mut Ui, corpus: &Corpus, brief: &Brief, out: &mut Vec<Command>) {
        let needle = self.query.trim().to_lowercase();
        let counts = self.facts(corpus).topic_counts.clone();
        // Topics of the taxonomy, then ids tagged on paragraphs that the taxonomy lacks.
        let mut topics: Vec<(String, String)> = corpus.topics.iter().map(|t| (t.id.clone(), t.name.clone())).collect();
        for id in counts.keys() {
            if !topics.iter().any(|(t, _)| t == id) {
                topics.push((id.clone(), id.clone()));
            }
        }
        topics.retain(|(id, name)| needle.is_empty() || contains_ci(name, &needle) || contains_ci(id, &needle));
        if topics.is_empty() {
            empty(ui, corpus.topics.is_empty() && counts.is_empty(), "No topics tagged in these documents yet.");
            return;
        }
        egui::ScrollArea::vertical().id_salt("topics").auto_shrink(false).show_rows(
            ui,
            ROW,
            topics.len(),
            |ui, range| {
                for (id, name) in &topics[range] {
                    let mut picked = brief.brief.topics.contains(id);
                    let n = counts.get(id).copied().unwrap_or(0);
                    row(ui, |ui| {
                        let r = ui.checkbox(&mut picked, "").accessible_name(format!("Pick topic {name}"));
                        if r.changed() {
                            out.push(Command::PickTopic { id: id.clone(), picked });
                        }
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(RichText::new(name).strong()).truncate());
                            ui.label(RichText::new(format!("{n} paragraph(s)")).small().weak());
                        });
                    });
                }
            },
        );
    }

    fn documents(&mut self, ui: &mut Ui, corpus: &Corpus, languages: &[String], out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            filter_combo(ui, "Language", &mut self.language, languages);
            ui.checkbox(&mut self.show_translations, "Translations");
        });
        let corpus_id = corpus as *const Corpus as usize;
        let query = self.query.trim().to_string();
        let fresh = self.doc_rows.as_ref().is_some_and(|(c, q, l, t, _)| {
            *c == corpus_id && *q == query && *l == self.language && *t == self.show_translations
        });
        if !fresh {
            let hits: Option<&Vec<usize>> = if query.is_empty() {
                None
            } else {
                match &self.search_result {
                    Some((q, hits)) if q.trim() == query => Some(hits),
                    // Until the search answers, keep the rows shown.
                    _ => None,
                }
            };
            if query.is_empty() || hits.is_some() {
                let all: Vec<usize>;
                let base: &[usize] = match hits {
                    Some(h) => h,
                    None => {
                        all = (0..corpus.documents.len()).collect();
                        &all
                    }
                };
                let rows = base
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let d = &corpus.documents[i];
                        (self.show_translations || !d.is_translation())
                            && self.language.as_ref().is_none_or(|l| d.meta.language.as_str() == l)
                    })
                    .collect();
                self.doc_rows = Some((corpus_id, query.clone(), self.language.clone(), self.show_translations, rows));
            }
        }
        if self.searching.is_some() {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new().size(12.0));
                ui.label(RichText::new("Searching…").small());
            });
        }
        let rows: &[usize] = self.doc_rows.as_ref().map_or(&[], |r| &r.4);
        ui.label(RichText::new(format!("{} document(s)", rows.len())).small().weak());
        let footer = 34.0;
        let height = (ui.available_height() - footer).max(ROW);
        let chosen = &mut self.chosen;
        egui::ScrollArea::vertical().id_salt("documents").max_height(height).auto_shrink(false).show_rows(
            ui,
            ROW,
            rows.len(),
            |ui, range| {
                for &i in &rows[range] {
                    let d = &corpus.documents[i];
                    let mut on = chosen.contains(d.id());
                    row(ui, |ui| {
                        let r = ui.checkbox(&mut on, "").accessible_name(format!("Choose document {}", d.meta.title));
                        if r.changed() {
                            if on {
                                chosen.insert(d.meta.id.clone());
                            } else {
                                chosen.remove(d.id());
                            }
                        }
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(&d.meta.title).truncate()).on_hover_text(&d.meta.id);
                            let mut parts = vec![d.meta.language.to_string()];
                            parts.extend(d.meta.published.map(|p| p.to_string()));
                            parts.extend(d.meta.publisher.clone());
                            if let Some(o) = &d.meta.translation_of {
                                parts.push(format!("translation of {o}"));
                            }
                            ui.add(egui::Label::new(RichText::new(parts.join(" · ")).small().weak()).truncate());
                        });
                    });
                }
            },
        );
        ui.horizontal(|ui| {
            let n = self.chosen.len();
            let add = ui
                .add_enabled(n > 0, egui::Button::new(format!("Add section from {n} document(s)")))
                .on_hover_text("Add a section with the chosen documents to the brief");
            if add.clicked() {
                let documents: Vec<String> = corpus
                    .documents
                    .iter()
                    .filter(|d| self.chosen.contains(d.id()))
                    .map(|d| d.meta.id.clone())
                    .collect();
                let title = match documents.as_slice() {
                    [one] => corpus.get(one).map_or_else(|| one.clone(), |d| d.meta.title.clone()),
                    _ => "Documents".to_string(),
                };
                out.push(Command::AddSection(Box::new(Section {
                    title,
                    kind: SectionKind::Documents,
                    documents,
                    ..Section::default()
                })));
                self.chosen.clear();
            }
            if n > 0 && ui.button("Clear").on_hover_text("Unchoose all documents").clicked() {
                self.chosen.clear();
            }
        });
    }
}

/// One list row of fixed height, so `show_rows` can skip the rows out of view.
fn row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, ROW), Sense::hover());
    let mut child = ui.new_child(UiBuilder::new().max_rect(rect).layout(Layout::left_to_right(Align::Center)));
    child.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
    add(&mut child);
}

fn empty(ui: &mut Ui, nothing: bool, message: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(if nothing { message } else { "Nothing matches the search or the filter." }).weak());
}

/// A combo box "All / value…" for one filter.
fn filter_combo(ui: &mut Ui, label: &str, value: &mut Option<String>, options: &[String]) {
    if options.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let l = ui.label(label);
        egui::ComboBox::from_id_salt(label)
            .selected_text(value.clone().unwrap_or_else(|| "All".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "All");
                for o in options {
                    ui.selectable_value(value, Some(o.clone()), o);
                }
            })
            .response
            .labelled_by(l.id);
    });
}
