//! What a corpus browser asks of the corpus: a text search over documents and the number
//! of paragraphs tagged with each topic.
//!
//! [`search_documents`] asks the corpus's search index (stemmed, diacritics folded, ranked)
//! and adds the documents whose id, title or publisher contain the query as typed;
//! [`find_documents`] is the plain substring match used while the index is not open yet.

use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::Corpus;

/// The indexes (into `corpus.documents`) of the documents whose id, title, publisher or
/// text contains `query`, ignoring case, in corpus order. An empty or blank query matches
/// every document.
pub(crate) fn find_documents(corpus: &Corpus, query: &str) -> Vec<usize> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return (0..corpus.documents.len()).collect();
    }
    corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            contains_ci(&d.meta.id, &needle)
                || contains_ci(&d.meta.title, &needle)
                || d.meta.publisher.as_deref().is_some_and(|p| contains_ci(p, &needle))
                || d.paragraphs.iter().any(|p| contains_ci(&p.text, &needle))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The indexes of the documents matching `query`: those with paragraphs the index finds,
/// best first, then those whose id, title, publisher or text contain the query as typed.
/// Without an index (or when it fails) only the substring match is used.
pub(crate) fn search_documents(
    corpus: &Corpus,
    index: Option<&crate::corpus::index::search::SearchIndex>,
    query: &str,
) -> Vec<usize> {
    if query.trim().is_empty() {
        return find_documents(corpus, query);
    }
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    if let Some(index) = index {
        let q =
            crate::corpus::index::search::SearchQuery { text: query.to_string(), limit: 2000, ..Default::default() };
        if let Ok(hits) = index.search(corpus, &q) {
            let position: std::collections::HashMap<&str, usize> =
                corpus.documents.iter().enumerate().map(|(i, d)| (d.id(), i)).collect();
            for hit in hits {
                if let Some(&i) = position.get(hit.document.as_str())
                    && seen.insert(i)
                {
                    out.push(i);
                }
            }
        }
    }
    out.extend(find_documents(corpus, query).into_iter().filter(|i| seen.insert(*i)));
    out
}

/// Whether `haystack` contains `needle_lower` (already lower-cased), ignoring case.
pub(crate) fn contains_ci(haystack: &str, needle_lower: &str) -> bool {
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle_lower.as_bytes());
        return n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle_lower)
}

/// For each topic id, how many paragraphs of the corpus are tagged with it. A paragraph of
/// an original and the same paragraph of its translation count once, as in brief assembly.
pub(crate) fn topic_counts(corpus: &Corpus) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<&str, BTreeSet<(&str, usize)>> = BTreeMap::new();
    for doc in &corpus.documents {
        let id = match doc.meta.translation_of.as_deref().and_then(|o| corpus.get(o)) {
            Some(original) => original.id(),
            None => doc.id(),
        };
        for (i, p) in doc.paragraphs.iter().enumerate() {
            for t in &p.topics {
                seen.entry(t.topic.as_str()).or_default().insert((id, i));
            }
        }
    }
    seen.into_iter().map(|(topic, paras)| (topic.to_string(), paras.len())).collect()
}

/// Places of the gazetteer whose name starts with what the user typed (case and
/// diacritics as typed are ignored), most inhabited first: the suggestions of a place
/// field. A name typed out in full suggests nothing.
pub(crate) fn place_suggestions(typed: &str, limit: usize) -> Vec<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Vec::new();
    }
    let lexicon = crate::corpus::find::lexicon::Lexicon::builtin();
    if lexicon.places.iter().any(|p| p.name == typed) {
        return Vec::new();
    }
    let folded = typed.to_lowercase();
    let mut hits: Vec<&crate::corpus::find::lexicon::Place> =
        lexicon.places.iter().filter(|p| p.name.to_lowercase().starts_with(&folded)).collect();
    hits.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.name.cmp(&b.name)));
    let mut out: Vec<String> = Vec::new();
    for p in hits {
        if !out.contains(&p.name) {
            out.push(p.name.clone());
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_suggested_as_typed() {
        let s = place_suggestions("brus", 5);
        assert_eq!(s.first().map(String::as_str), Some("Brussels"), "{s:?}");
        assert!(place_suggestions("Brussels", 5).is_empty());
        assert!(place_suggestions(" ", 5).is_empty());
    }
    use crate::model::{Document, DocumentMeta, Paragraph, TopicScore};

    fn doc(id: &str, title: &str, paras: &[(&str, &[&str])], translation_of: Option<&str>) -> Document {
        Document {
            meta: DocumentMeta {
                id: id.into(),
                title: title.into(),
                translation_of: translation_of.map(String::from),
                ..DocumentMeta::default()
            },
            paragraphs: paras
                .iter()
                .enumerate()
                .map(|(i, (text, topics))| Paragraph {
                    topics: topics.iter().map(|t| TopicScore { topic: (*t).into(), score: 0.9 }).collect(),
                    ..Paragraph::new(*text, i + 1)
                })
                .collect(),
            path: format!("{id}.md").into(),
        }
    }

    fn corpus() -> Corpus {
        Corpus::from_documents(
            "c",
            vec![
                doc("a", "Takimi i NATO-s", &[("Ministrat e Mbrojtjes në BRUKSEL", &["nato"])], None),
                doc("a-en", "NATO meeting", &[("Defence ministers in Brussels", &["nato", "defence"])], Some("a")),
                doc("b", "Україна", &[("Міністри оборони зустрілися в Брюсселі", &["ukraine"])], None),
            ],
        )
    }

    #[test]
    fn finds_by_title_and_text_ignoring_case() {
        let c = corpus();
        assert_eq!(find_documents(&c, ""), [0, 1, 2]);
        assert_eq!(find_documents(&c, "  nato "), [0, 1]);
        assert_eq!(find_documents(&c, "bruksel"), [0]);
        assert_eq!(find_documents(&c, "БРЮССЕЛІ"), [2]);
        assert_eq!(find_documents(&c, "україна"), [2]);
        assert!(find_documents(&c, "Tirana").is_empty());
    }

    #[test]
    fn the_index_finds_other_word_forms_and_text_without_diacritics() {
        let mut docs = corpus().documents;
        docs.push(doc("c", "Samiti", &[("Ministri i Mbrojtjes foli për sigurinë", &[])], None));
        let c = Corpus::from_documents("c", docs);
        let index = crate::corpus::index::search::SearchIndex::build(&c, None).expect("index");
        // "ministrat" only as typed; the index also finds "Ministri" (same stem)...
        assert_eq!(find_documents(&c, "ministrat"), [0]);
        let found = search_documents(&c, Some(&index), "ministrat");
        assert!(found.contains(&0), "{found:?}");
        // ... and "sigurine" without its diacritic.
        assert!(find_documents(&c, "sigurine").is_empty());
        assert_eq!(search_documents(&c, Some(&index), "sigurine"), [3]);
        // Without an index, the substring match; a title is found either way.
        assert_eq!(search_documents(&c, None, "samiti"), [3]);
        assert_eq!(search_documents(&c, Some(&index), "Samiti"), [3]);
    }

    #[test]
    fn counts_a_paragraph_and_its_translation_once() {
        let counts = topic_counts(&corpus());
        assert_eq!(counts.get("nato"), Some(&1));
        assert_eq!(counts.get("defence"), Some(&1));
        assert_eq!(counts.get("ukraine"), Some(&1));
        assert_eq!(counts.len(), 3);
    }
}
