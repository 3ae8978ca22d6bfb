//! The corpus's analysis: topics of every paragraph, meetings and key figures, and the
//! user's event corrections on top. Documents are analysed in parallel; results are
//! gathered in corpus order, so the outcome does not depend on thread timing.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::{corrections, dateline, dates, events, figures, topics};
use crate::corpus::find::events::Candidate;
use crate::corpus::find::lexicon::Lexicon;
use crate::corpus::{Corpus, Problem};
use crate::model::{Date, Document, KeyFigure, TopicScore};

/// What one document yields.
struct Found {
    topics: Vec<Vec<TopicScore>>,
    candidates: Vec<Candidate>,
    figures: Vec<KeyFigure>,
    reference: dateline::Reference,
}

/// Fills paragraphs' topics, the corpus's events, topics and figures. `corrections` is
/// the text of the corpus's `events.toml` and its path, if there is one.
pub fn analyse(corpus: &mut Corpus, lexicon: &Lexicon, corrections: Option<(&str, &Path)>) {
    let found: Vec<Found> = corpus.documents.par_iter().map(|d| document(d, lexicon)).collect();
    let mut candidates = Vec::new();
    corpus.figures.clear();
    for (doc, f) in corpus.documents.iter_mut().zip(found) {
        for (p, t) in doc.paragraphs.iter_mut().zip(f.topics) {
            p.topics = t;
        }
        // A publication date the document itself gives (dateline, address) is kept, with
        // where it came from.
        if doc.meta.published.is_none()
            && let (Some(d), Some(source)) = (f.reference.date, f.reference.source)
        {
            doc.meta.published = Some(d);
            doc.meta.provenance.detected.push(format!("published-from-{source}"));
        }
        candidates.extend(f.candidates);
        corpus.figures.extend(f.figures);
    }
    let order: BTreeMap<String, usize> =
        corpus.documents.iter().enumerate().map(|(i, d)| (d.meta.id.clone(), i)).collect();
    corpus.found_events = events::merge(candidates, &order);
    let diags = correct(corpus, corrections);
    corpus.problems.extend(diags.into_iter().map(|d| Problem { id: None, diagnostic: d }));
    corpus.topics = topics::taxonomy(lexicon);
}

/// Sets the corpus's events: those found with the corrections `text` of `path` applied,
/// and the topics of each. Returns the problems of the corrections.
pub(crate) fn correct(corpus: &mut Corpus, corrections: Option<(&str, &Path)>) -> Vec<crate::diag::Diagnostic> {
    let mut evs = corpus.found_events.clone();
    let mut diags = Vec::new();
    if let Some((text, path)) = corrections {
        diags = corrections::apply(&mut evs, text, path);
    }
    // An event's topics: those most often tagged on the paragraphs that mention it.
    for e in &mut evs {
        if e.corrected && !e.topics.is_empty() {
            continue;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut seen = std::collections::BTreeSet::new();
        for m in &e.mentions {
            if !seen.insert((m.at.document.as_str(), m.at.paragraph)) {
                continue;
            }
            let Some(doc) = corpus.get(&m.at.document) else { continue };
            let Some(p) = doc.paragraphs.get(m.at.paragraph) else { continue };
            for t in &p.topics {
                *counts.entry(t.topic.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        e.topics = ranked.into_iter().take(3).map(|(t, _)| t.to_string()).collect();
    }
    corpus.events = evs;
    diags
}

fn document(doc: &Document, lexicon: &Lexicon) -> Found {
    let lang = &doc.meta.language;
    // The organisation the document speaks of most: a meeting whose paragraph names none is
    // most likely its.
    // Words are split and folded once per paragraph; every extractor reads them.
    let tokens: Vec<(Vec<crate::corpus::text::Word>, Vec<String>)> = doc
        .paragraphs
        .iter()
        .map(|p| {
            let w = crate::corpus::text::words(&p.text);
            let f = crate::corpus::find::lexicon::fold_words(&w);
            (w, f)
        })
        .collect();
    let mut orgs: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, (words, folded)) in doc.paragraphs.iter().zip(&tokens) {
        for m in lexicon.m.organisations.find_all(&p.text, words, folded) {
            *orgs.entry(lexicon.organisations[m.entry].name.as_str()).or_default() += 1;
        }
    }
    let main_org = orgs.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name))).map(|(n, _)| *n);
    // The reference date: publication date, else the dateline's or the address's; without
    // one, year-less dates take the year the document's other dates state.
    let reference = dateline::reference(doc, &tokens, lexicon);
    let published = reference.date;
    let mut found =
        Found { topics: Vec::new(), candidates: Vec::new(), figures: Vec::new(), reference: reference.clone() };
    for (i, (p, (words, folded))) in doc.paragraphs.iter().zip(&tokens).enumerate() {
        let plang = p.language.as_ref().unwrap_or(lang);
        found.topics.push(topics::score_in(&p.text, words, folded, lexicon));
        let mut date_list = dates::find_in(&p.text, words, folded, plang, published, lexicon);
        let mut provenance = reference.source;
        if published.is_none()
            && let Some((year, month, day)) = reference.lead_day
            && dates::resolve_relatives(
                &mut date_list,
                &p.text,
                words,
                folded,
                lexicon,
                (year.or(reference.usual_year), month, day),
            )
        {
            provenance = Some("document-dates");
        }
        if published.is_none()
            && let Some(y) = reference.usual_year
        {
            for d in date_list.iter_mut().filter(|d| d.start.is_none() && d.precision == dates::Precision::Day) {
                if let Some(((m1, d1), (m2, d2))) = d.month_day {
                    let end_year = if (m2, d2) < (m1, d1) { y + 1 } else { y };
                    if let (Ok(s), Ok(e)) = (Date::new(y, m1, d1), Date::new(end_year, m2, d2)) {
                        d.start = Some(s);
                        d.end = Some(e);
                        d.no_year = true;
                        provenance = Some("document-dates");
                    }
                }
            }
        }
        let context = events::Context {
            lang: plang,
            published,
            fallback_org: main_org,
            lexicon,
            provenance,
            dateline_place: reference.place.as_deref(),
        };
        found.candidates.extend(events::extract_in(&p.text, words, folded, &date_list, (doc.id(), i), &context));
        found.figures.extend(figures::extract_tokens(
            &p.text,
            words,
            folded,
            (doc.id(), i),
            plang,
            &date_list,
            lexicon,
        ));
    }
    found
}
