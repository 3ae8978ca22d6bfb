//! Brief assembly: which paragraphs of the corpus a meeting or topic section draws on.
//!
//! Pure functions of the corpus (documents with their tagged paragraphs and the events with
//! their mentions) and the brief; no I/O, so they are tested with corpora built in memory.
//! Translations are never selected themselves: they stand in the translation column of
//! their originals.

use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::Corpus;
use crate::model::{BriefMeta, Date, Document, Event, KeyFigure, ParagraphRef, Section};

/// The paragraphs a section takes from one document, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selection {
    /// Document id (an original, never a translation).
    pub document: String,
    /// Paragraph indexes, from 0, ascending.
    pub paragraphs: Vec<usize>,
}

/// What went wrong with an `exclude` or `pin` entry of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RefProblem {
    /// Not of the form `document-id#N`.
    Syntax(String),
    /// The document is not in the corpus.
    NoDocument(String),
    /// The document has fewer paragraphs.
    NoParagraph(ParagraphRef, usize),
}

impl std::fmt::Display for RefProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefProblem::Syntax(s) => write!(f, "`{s}` is not a paragraph reference of the form `document-id#N`"),
            RefProblem::NoDocument(id) => write!(f, "no document `{id}` in the corpus"),
            RefProblem::NoParagraph(r, n) => write!(f, "`{r}`: document `{}` has {n} paragraph(s)", r.document),
        }
    }
}

/// The paragraphs of a meeting section: every paragraph that mentions the event, then the
/// section's pins, minus its exclusions; documents ordered by publication date.
pub(crate) fn meeting(corpus: &Corpus, event: &Event, section: &Section) -> (Vec<Selection>, Vec<RefProblem>) {
    let picked = event.mentions.iter().map(|m| (m.at.document.as_str(), m.at.paragraph));
    finish(corpus, picked, section)
}

/// The paragraphs of a topic section: paragraphs tagged with `topic`, limited to the
/// section's `documents` when it names any, to documents published between `from` and `to`
/// when given, and to documents that mention one of the brief's meetings when it picked
/// any; then pins and exclusions as for [`meeting`].
pub(crate) fn topic<'a>(
    corpus: &'a Corpus,
    topic: &str,
    brief: &BriefMeta,
    section: &'a Section,
) -> (Vec<Selection>, Vec<RefProblem>) {
    let named: BTreeSet<&str> = section.documents.iter().map(String::as_str).collect();
    let meeting_docs: Option<BTreeSet<&str>> = (!brief.events.is_empty()).then(|| {
        corpus
            .events
            .iter()
            .filter(|e| brief.events.iter().any(|id| e.answers_to(id)))
            .flat_map(|e| e.mentions.iter().map(|m| m.at.document.as_str()))
            .collect()
    });
    // A month or a year runs from its first day to its last.
    let from = section.from.and_then(|f| f.days()).map(|d| d.0);
    let to = section.to.and_then(|t| t.days()).map(|d| d.1);
    let in_range = |d: &Document| match (from, to, d.meta.published) {
        (None, None, _) => true,
        (_, _, None) => false,
        (from, to, Some(p)) => from.is_none_or(|f| p >= f) && to.is_none_or(|t| p <= t),
    };
    // A translation is judged by its original (its date, its id), so a paragraph tagged
    // only in the translation still counts for the original.
    let original = |d: &'a Document| d.meta.translation_of.as_deref().and_then(|o| corpus.get(o)).unwrap_or(d);
    let picked = corpus
        .documents
        .iter()
        .filter(|d| named.is_empty() || named.contains(original(d).id()))
        .filter(|d| meeting_docs.as_ref().is_none_or(|m| m.contains(original(d).id()) || m.contains(d.id())))
        .filter(|d| in_range(original(d)))
        .flat_map(|d| {
            d.paragraphs
                .iter()
                .enumerate()
                .filter(|(_, p)| p.topics.iter().any(|t| t.topic == topic))
                .map(move |(i, _)| (d.id(), i))
        });
    finish(corpus, picked, section)
}

/// The key figures found in the given paragraphs, in the order of `selections`.
pub(crate) fn figures<'a>(corpus: &'a Corpus, selections: &[Selection]) -> Vec<&'a KeyFigure> {
    let mut order: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    for s in selections {
        for &p in &s.paragraphs {
            let next = order.len();
            order.entry((s.document.as_str(), p)).or_insert(next);
        }
    }
    let mut out: Vec<(usize, &KeyFigure)> = corpus
        .figures
        .iter()
        .filter_map(|f| order.get(&(f.at.document.as_str(), f.at.paragraph)).map(|&i| (i, f)))
        .collect();
    out.sort_by_key(|(i, f)| (*i, f.at.start));
    out.into_iter().map(|(_, f)| f).collect()
}

/// Parses and checks the `exclude` or `pin` entries of a section.
pub(crate) fn paragraph_refs(corpus: &Corpus, refs: &[String]) -> (Vec<ParagraphRef>, Vec<RefProblem>) {
    let mut good = Vec::new();
    let mut problems = Vec::new();
    for text in refs {
        let Some(r) = ParagraphRef::parse(text) else {
            problems.push(RefProblem::Syntax(text.clone()));
            continue;
        };
        match corpus.get(&r.document) {
            None => problems.push(RefProblem::NoDocument(r.document.clone())),
            Some(d) if r.index >= d.paragraphs.len() => problems.push(RefProblem::NoParagraph(r, d.paragraphs.len())),
            Some(_) => good.push(r),
        }
    }
    (good, problems)
}

/// Adds pins, removes exclusions, maps translations to their originals, groups by
/// document and orders documents by date (undated last), then id.
fn finish<'a>(
    corpus: &'a Corpus,
    picked: impl Iterator<Item = (&'a str, usize)>,
    section: &'a Section,
) -> (Vec<Selection>, Vec<RefProblem>) {
    let (pins, mut problems) = paragraph_refs(corpus, &section.pin);
    let (excludes, p) = paragraph_refs(corpus, &section.exclude);
    problems.extend(p);
    let excluded: BTreeSet<(&str, usize)> = excludes.iter().map(|r| (r.document.as_str(), r.index)).collect();
    let mut by_doc: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    let picked: Vec<(&str, usize)> = picked.collect();
    let pinned = pins.iter().map(|r| (r.document.as_str(), r.index));
    for (id, index) in picked.into_iter().chain(pinned) {
        let Some(doc) = corpus.get(id) else { continue };
        // A paragraph of a translation stands for the same paragraph of its original.
        let id = match doc.meta.translation_of.as_deref().and_then(|o| corpus.get(o)) {
            Some(original) if index < original.paragraphs.len() => original.id(),
            Some(_) => continue,
            None => doc.id(),
        };
        if !excluded.contains(&(id, index)) {
            by_doc.entry(id).or_default().insert(index);
        }
    }
    let mut out: Vec<(Option<Date>, Selection)> = by_doc
        .into_iter()
        .filter_map(|(id, paras)| {
            let doc = corpus.get(id)?;
            Some((doc.meta.published, Selection { document: id.to_string(), paragraphs: paras.into_iter().collect() }))
        })
        .collect();
    // Undated documents last; same date: by id.
    out.sort_by(|(da, a), (db, b)| {
        da.is_none().cmp(&db.is_none()).then_with(|| da.cmp(db)).then_with(|| a.document.cmp(&b.document))
    });
    (out.into_iter().map(|(_, s)| s).collect(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentMeta, Mention, Paragraph, TextRef, TopicScore};

    fn doc(id: &str, published: Option<&str>, paras: &[(&str, &[&str])], translation_of: Option<&str>) -> Document {
        Document {
            meta: DocumentMeta {
                id: id.into(),
                title: id.into(),
                published: published.map(|p| p.parse().expect("date")),
                translation_of: translation_of.map(String::from),
                ..DocumentMeta::default()
            },
            paragraphs: paras
                .iter()
                .enumerate()
                .map(|(i, (text, topics))| Paragraph {
                    topics: topics.iter().map(|t| TopicScore { topic: (*t).into(), score: 0.8 }).collect(),
                    ..Paragraph::new(*text, i + 1)
                })
                .collect(),
            path: format!("{id}.md").into(),
        }
    }

    fn mention(doc: &str, paragraph: usize) -> Mention {
        Mention::new(TextRef { document: doc.into(), paragraph, start: 0, end: 4 }, "NATO")
    }

    fn corpus() -> Corpus {
        let mut c = Corpus::from_documents(
            "c",
            vec![
                doc("late", Some("2026-02-10"), &[("a", &["ukraine"]), ("b", &[]), ("c", &["ukraine", "osce"])], None),
                doc("early", Some("2024-12-04"), &[("x", &["osce"]), ("y", &["ukraine"])], None),
                doc("undated", None, &[("u", &["ukraine"])], None),
                doc("late-en", None, &[("A", &["ukraine"]), ("B", &["ukraine"]), ("C", &[])], Some("late")),
            ],
        );
        c.events = vec![Event {
            id: "ev".into(),
            mentions: vec![mention("late", 2), mention("early", 0), mention("late-en", 1), mention("late", 0)],
            ..Event::default()
        }];
        c
    }

    fn sel(doc: &str, paras: &[usize]) -> Selection {
        Selection { document: doc.into(), paragraphs: paras.to_vec() }
    }

    #[test]
    fn meeting_paragraphs_by_date_with_translations_mapped() {
        let c = corpus();
        let (s, problems) = meeting(&c, &c.events[0], &Section::default());
        assert!(problems.is_empty());
        assert_eq!(s, [sel("early", &[0]), sel("late", &[0, 1, 2])]);
    }

    #[test]
    fn pins_and_exclusions() {
        let c = corpus();
        let section = Section {
            exclude: vec!["late#1".into(), "late#9".into(), "nope#1".into(), "junk".into()],
            pin: vec!["undated#1".into()],
            ..Section::default()
        };
        let (s, problems) = meeting(&c, &c.events[0], &section);
        assert_eq!(s, [sel("early", &[0]), sel("late", &[1, 2]), sel("undated", &[0])]);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "`late#9`: document `late` has 3 paragraph(s)",
                "no document `nope` in the corpus",
                "`junk` is not a paragraph reference of the form `document-id#N`"
            ]
        );
    }

    #[test]
    fn topic_limits() {
        let c = corpus();
        let mut brief = crate::model::Brief::new("t", "c").brief;
        let section = Section::default();
        let (s, _) = topic(&c, "ukraine", &brief, &section);
        assert_eq!(s, [sel("early", &[1]), sel("late", &[0, 1, 2]), sel("undated", &[0])]);
        let ranged = Section { from: Some("2025-01-01".parse().expect("date")), ..Section::default() };
        assert_eq!(topic(&c, "ukraine", &brief, &ranged).0, [sel("late", &[0, 1, 2])]);
        let named = Section { documents: vec!["early".into()], ..Section::default() };
        assert_eq!(topic(&c, "ukraine", &brief, &named).0, [sel("early", &[1])]);
        brief.events = vec!["ev".into()];
        assert_eq!(topic(&c, "osce", &brief, &section).0, [sel("early", &[0]), sel("late", &[2])]);
    }

    #[test]
    fn figures_follow_the_selection() {
        let mut c = corpus();
        let fig = |doc: &str, paragraph: usize, text: &str| KeyFigure {
            kind: crate::model::FigureKind::Percent,
            text: text.into(),
            value: None,
            unit: None,
            target_year: None,
            context: text.into(),
            sentence_text: text.into(),
            sentence: 0,
            at: TextRef { document: doc.into(), paragraph, start: 0, end: 1 },
        };
        c.figures = vec![fig("late", 1, "1%"), fig("early", 0, "2%"), fig("late", 2, "3%")];
        let got: Vec<&str> =
            figures(&c, &[sel("early", &[0]), sel("late", &[2])]).iter().map(|f| f.text.as_str()).collect();
        assert_eq!(got, ["2%", "3%"]);
    }
}
