//! The corpus's analysis: topics of every paragraph, meetings and key figures, and the
//! user's event corrections on top. Documents are analysed in parallel; results are
//! gathered in corpus order, so the outcome does not depend on thread timing.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::events::Candidate;
use super::lexicon::Lexicon;
use super::{Corpus, Problem, corrections, dates, events, figures, topics};
use crate::model::{Document, KeyFigure, TopicScore};

/// What one document yields.
struct Found {
    topics: Vec<Vec<TopicScore>>,
    candidates: Vec<Candidate>,
    figures: Vec<KeyFigure>,
}

/// Fills paragraphs' topics, the corpus's events, topics and figures. `corrections` is
/// the text of the corpus's `events.toml` and its path, if there is one.
pub fn analyse(corpus: &mut Corpus, lexicon: &Lexicon, corrections: Option<(&str, &Path)>) {
    let t = std::time::Instant::now();
    let found: Vec<Found> = corpus.documents.par_iter().map(|d| document(d, lexicon)).collect();
    if std::env::var_os("BRIEFBOOK_TIMING").is_some() {
        eprintln!("  per-document extraction: {:.2} s", t.elapsed().as_secs_f64());
    }
    let mut candidates = Vec::new();
    corpus.figures.clear();
    for (doc, f) in corpus.documents.iter_mut().zip(found) {
        for (p, t) in doc.paragraphs.iter_mut().zip(f.topics) {
            p.topics = t;
        }
        candidates.extend(f.candidates);
        corpus.figures.extend(f.figures);
    }
    let order: BTreeMap<String, usize> =
        corpus.documents.iter().enumerate().map(|(i, d)| (d.meta.id.clone(), i)).collect();
    let mut evs = events::merge(candidates, &order);
    if let Some((text, path)) = corrections {
        for d in corrections::apply(&mut evs, text, path) {
            corpus.problems.push(Problem { id: None, diagnostic: d });
        }
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
    corpus.topics = topics::taxonomy(lexicon);
}

fn document(doc: &Document, lexicon: &Lexicon) -> Found {
    let lang = &doc.meta.language;
    let published = doc.meta.published;
    // The organisation the document speaks of most: a meeting whose paragraph names none is
    // most likely its.
    let mut orgs: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &doc.paragraphs {
        let words = super::text::words(&p.text);
        let folded = super::lexicon::fold_words(&words);
        for m in lexicon.m.organisations.find_all(&p.text, &words, &folded) {
            *orgs.entry(lexicon.organisations[m.entry].name.as_str()).or_default() += 1;
        }
    }
    let main_org = orgs.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name))).map(|(n, _)| *n);
    let mut found = Found { topics: Vec::new(), candidates: Vec::new(), figures: Vec::new() };
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let plang = p.language.as_ref().unwrap_or(lang);
        found.topics.push(topics::score(&p.text, lexicon));
        found.candidates.extend(events::extract(&p.text, (doc.id(), i), plang, published, main_org, lexicon));
        let date_list = dates::find(&p.text, plang, published, lexicon);
        found.figures.extend(figures::extract(&p.text, (doc.id(), i), plang, &date_list, lexicon));
    }
    found
}
