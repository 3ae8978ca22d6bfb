//! Full-text search over the corpus's paragraphs (tantivy).
//!
//! Tokenisation is the corpus's own, the same for every language: words folded to lower
//! case without diacritics and with Cyrillic and Greek written in Latin letters
//! ("Брисел" and "Brisel" both give `brisel`). Each paragraph is indexed twice: by these
//! words, and by their first five letters, a light stemmer that suits the inflecting
//! languages of the region ("Brukselit", "Bruksel" -> `bruks`; "Briselu", "Brisel" ->
//! `brise`). A query word must match in one of the two (every query word must match);
//! exact words and titles score higher than stems. "Quoted words" must stand together.
//! Filters: language, publication dates, publisher, topic, and event (documents that
//! mention it).

use std::ops::Bound;
use std::path::Path;

use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term};

use crate::corpus::Corpus;
use crate::corpus::text::{fold, fold_latin, words};
use crate::model::Date;

/// Letters kept by the prefix stemmer.
const STEM_CHARS: usize = 5;

/// A search that failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index could not be built, opened or read.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The folded word of a text word (what the index holds).
pub(crate) fn term_of(word: &str) -> String {
    fold_latin(word)
}

/// The stem of a folded word: its first five letters.
pub(crate) fn stem_of(folded: &str) -> String {
    folded.chars().take(STEM_CHARS).collect()
}

#[derive(Clone)]
struct FoldTokenizer {
    stem: bool,
}

struct Tokens {
    tokens: Vec<Token>,
    at: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at.saturating_sub(1).min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self.at.saturating_sub(1).min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

impl Tokenizer for FoldTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let tokens = words(text)
            .into_iter()
            .enumerate()
            .map(|(position, w)| {
                let folded = term_of(w.text);
                Token {
                    offset_from: w.span.start,
                    offset_to: w.span.end,
                    position,
                    text: if self.stem { stem_of(&folded) } else { folded },
                    position_length: 1,
                }
            })
            .collect();
        Tokens { tokens, at: 0 }
    }
}

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
struct Fields {
    document: Field,
    paragraph: Field,
    title: Field,
    text: Field,
    stems: Field,
    language: Field,
    published: Field,
    publisher: Field,
    topic: Field,
    event: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = |tokenizer: &str, positions: bool| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            }),
        )
    };
    let fields = Fields {
        document: b.add_text_field("document", STRING | STORED),
        paragraph: b.add_u64_field("paragraph", STORED),
        title: b.add_text_field("title", text_options("briefbook", false)),
        text: b.add_text_field("text", text_options("briefbook", true)),
        stems: b.add_text_field("stems", text_options("briefbook_stem", false)),
        language: b.add_text_field("language", STRING),
        published: b.add_u64_field("published", INDEXED | FAST),
        publisher: b.add_text_field("publisher", STRING),
        topic: b.add_text_field("topic", STRING),
        event: b.add_text_field("event", STRING),
    };
    (b.build(), fields)
}

fn register(index: &Index) {
    index.tokenizers().register("briefbook", FoldTokenizer { stem: false });
    index.tokenizers().register("briefbook_stem", FoldTokenizer { stem: true });
}

fn date_number(d: Date) -> u64 {
    u64::from(d.year().unsigned_abs()) * 10_000 + u64::from(d.month()) * 100 + u64::from(d.day())
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The words (a "quoted phrase" must match as written, word for word).
    pub text: String,
    /// Only paragraphs in this language (`sq`, `sr-Cyrl`, `hr` ...).
    pub language: Option<String>,
    /// Only documents published on or after this day.
    pub from: Option<Date>,
    /// Only documents published on or before this day.
    pub to: Option<Date>,
    /// Only documents of this publisher (case and diacritics ignored).
    pub publisher: Option<String>,
    /// Only paragraphs tagged with this topic id.
    pub topic: Option<String>,
    /// Only documents that mention this event id.
    pub event: Option<String>,
    /// How many hits at most.
    pub limit: usize,
}

/// A paragraph found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Document id.
    pub document: String,
    /// Paragraph index, from 0.
    pub paragraph: usize,
    /// Relevance (BM25), higher is better.
    pub score: f32,
    /// The document's title.
    pub title: String,
    /// The paragraph's language.
    pub language: String,
    /// The document's publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Part of the paragraph around the first match.
    pub snippet: String,
}

/// A search index over a corpus.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Builds an index of `corpus` in the folder `dir` (created; must be empty), or in
    /// memory when `dir` is `None`.
    pub fn build(corpus: &Corpus, dir: Option<&Path>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = match dir {
            Some(d) => {
                std::fs::create_dir_all(d)
                    .map_err(|source| SearchError::Folder { path: d.display().to_string(), source })?;
                Index::create_in_dir(d, schema)?
            }
            None => Index::create_in_ram(schema),
        };
        register(&index);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
        let mut writer: IndexWriter = index.writer_with_num_threads(threads, 40_000_000 * threads)?;
        // Documents that mention each event (a translation counts for its original too).
        let mut translations: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
        for d in &corpus.documents {
            if let Some(orig) = d.meta.translation_of.as_deref() {
                translations.entry(orig).or_default().push(d.id());
            }
        }
        let mut events_of: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
        for e in &corpus.events {
            for d in e.documents() {
                events_of.entry(d).or_default().push(e.id.as_str());
                if let Some(orig) = corpus.get(d).and_then(|doc| doc.meta.translation_of.as_deref()) {
                    events_of.entry(orig).or_default().push(e.id.as_str());
                }
                for t in translations.get(d).into_iter().flatten() {
                    events_of.entry(t).or_default().push(e.id.as_str());
                }
            }
        }
        for list in events_of.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        // Documents are prepared a batch at a time; the index's own threads split the
        // paragraphs into words (tokenizers above).
        let make = |doc: &crate::model::Document| -> Vec<TantivyDocument> {
            let events = events_of.get(doc.id()).cloned().unwrap_or_default();
            let mut out = Vec::with_capacity(doc.paragraphs.len());
            for (i, p) in doc.paragraphs.iter().enumerate() {
                let mut d = TantivyDocument::new();
                d.add_text(fields.document, doc.id());
                d.add_u64(fields.paragraph, i as u64);
                // The title once per document: a match there finds its first paragraph.
                if i == 0 {
                    d.add_text(fields.title, &doc.meta.title);
                }
                d.add_text(fields.text, &p.text);
                d.add_text(fields.stems, &p.text);
                let lang = p.language.as_ref().unwrap_or(&doc.meta.language);
                d.add_text(fields.language, lang.as_str().to_lowercase());
                d.add_text(fields.language, lang.primary().to_lowercase());
                for c in &doc.meta.provenance.language_candidates {
                    d.add_text(fields.language, c.as_str().to_lowercase());
                    d.add_text(fields.language, c.primary().to_lowercase());
                }
                if let Some(date) = doc.meta.published {
                    d.add_u64(fields.published, date_number(date));
                }
                if let Some(p) = &doc.meta.publisher {
                    d.add_text(fields.publisher, fold(p.trim()));
                }
                for t in &p.topics {
                    d.add_text(fields.topic, &t.topic);
                }
                for e in &events {
                    d.add_text(fields.event, e);
                }
                out.push(d);
            }
            out
        };
        for batch in corpus.documents.chunks(512) {
            let prepared: Vec<Vec<TantivyDocument>> = batch.par_iter().map(make).collect();
            for d in prepared.into_iter().flatten() {
                writer.add_document(d)?;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index.reader()?;
        Ok(SearchIndex { reader, fields })
    }

    /// Opens an index built earlier in `dir`.
    pub(crate) fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = Index::open_in_dir(dir)?;
        register(&index);
        let (_, fields) = schema();
        let reader = index.reader()?;
        // The stored schema must be the one this version writes.
        if index.schema().fields().count() != schema().0.fields().count() {
            return Err(SearchError::Index(tantivy::TantivyError::SchemaError("an older index".into())));
        }
        Ok(SearchIndex { reader, fields })
    }

    /// The paragraphs matching `q`, best first.
    pub fn search(&self, corpus: &Corpus, q: &SearchQuery) -> Result<Vec<Hit>, SearchError> {
        let f = self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let (phrases, loose) = split_phrases(&q.text);
        let mut terms: Vec<String> = Vec::new();
        for w in words(&loose) {
            let t = term_of(w.text);
            terms.push(t.clone());
            let stem = stem_of(&t);
            let alternatives: Vec<(Occur, Box<dyn Query>)> = vec![
                (
                    Occur::Should,
                    boosted(TermQuery::new(Term::from_field_text(f.text, &t), IndexRecordOption::WithFreqs), 2.0),
                ),
                (
                    Occur::Should,
                    boosted(TermQuery::new(Term::from_field_text(f.title, &t), IndexRecordOption::WithFreqs), 1.0),
                ),
                (
                    Occur::Should,
                    boosted(TermQuery::new(Term::from_field_text(f.stems, &stem), IndexRecordOption::WithFreqs), 1.0),
                ),
            ];
            must.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
        for phrase in phrases {
            let ws: Vec<Term> =
                words(&phrase).iter().map(|w| Term::from_field_text(f.text, &term_of(w.text))).collect();
            terms.extend(words(&phrase).iter().map(|w| term_of(w.text)));
            match ws.len() {
                0 => {}
                1 => must.push((Occur::Must, Box::new(TermQuery::new(ws[0].clone(), IndexRecordOption::WithFreqs)))),
                _ => must.push((Occur::Must, Box::new(PhraseQuery::new(ws)))),
            }
        }
        let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let exact = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        if let Some(l) = &q.language {
            filters.push((Occur::Must, exact(f.language, &l.to_lowercase())));
        }
        if let Some(p) = &q.publisher {
            filters.push((Occur::Must, exact(f.publisher, &fold(p.trim()))));
        }
        if let Some(t) = &q.topic {
            filters.push((Occur::Must, exact(f.topic, t)));
        }
        if let Some(e) = &q.event {
            filters.push((Occur::Must, exact(f.event, e)));
        }
        if q.from.is_some() || q.to.is_some() {
            let lower =
                q.from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.published, date_number(d))));
            let upper =
                q.to.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.published, date_number(d))));
            let (lower, upper) = match (lower, upper) {
                (Bound::Unbounded, u) => (Bound::Included(Term::from_field_u64(f.published, 0)), u),
                (l, u) => (l, u),
            };
            filters.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if must.is_empty() && filters.is_empty() {
            return Ok(Vec::new());
        }
        let query: Box<dyn Query> = if must.is_empty() {
            Box::new(BooleanQuery::new(filters))
        } else {
            must.extend(filters);
            Box::new(BooleanQuery::new(must))
        };
        let searcher = self.reader.searcher();
        let limit = if q.limit == 0 { 20 } else { q.limit };
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::new();
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let Some(id) = stored.get_first(f.document).and_then(|v| v.as_str().map(String::from)) else { continue };
            let paragraph = stored.get_first(f.paragraph).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            let Some(doc) = corpus.get(&id) else { continue };
            let Some(p) = doc.paragraphs.get(paragraph) else { continue };
            hits.push(Hit {
                document: id.clone(),
                paragraph,
                score,
                title: doc.meta.title.clone(),
                language: p.language.as_ref().unwrap_or(&doc.meta.language).to_string(),
                published: doc.meta.published.map(|d| d.to_string()),
                snippet: snippet(&p.text, &terms),
            });
        }
        // Ties: corpus order, so results are stable.
        hits.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then_with(|| a.document.cmp(&b.document)).then(a.paragraph.cmp(&b.paragraph))
        });
        Ok(hits)
    }

    /// How many paragraphs the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn boosted(q: TermQuery, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// Splits `"quoted phrases"` from the loose words of a query.
fn split_phrases(text: &str) -> (Vec<String>, String) {
    let mut phrases = Vec::new();
    let mut loose = String::new();
    let mut parts = text.split(['"', '“', '”', '„']);
    let mut inside = false;
    for part in parts.by_ref() {
        if inside {
            phrases.push(part.to_string());
        } else {
            loose.push_str(part);
            loose.push(' ');
        }
        inside = !inside;
    }
    (phrases, loose)
}

/// About 200 characters of the paragraph around the first word that matches.
fn snippet(text: &str, terms: &[String]) -> String {
    let ws = words(text);
    let stems: Vec<String> = terms.iter().map(|t| stem_of(t)).collect();
    let hit = ws.iter().find(|w| {
        let t = term_of(w.text);
        terms.contains(&t) || stems.contains(&stem_of(&t))
    });
    let center = hit.map_or(0, |w| w.span.start);
    let start = text[..center].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
    let start = if start == 0 { 0 } else { text[start..].find(' ').map_or(start, |s| start + s + 1) };
    let end = text[start..].char_indices().nth(200).map_or(text.len(), |(i, _)| start + i);
    let end = if end == text.len() { end } else { text[..end].rfind(' ').filter(|e| *e > start).unwrap_or(end) };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{MemoryFiles, load};

    fn corpus() -> Corpus {
        let mut files = MemoryFiles::new();
        let doc = |id: &str, lang: &str, extra: &str, body: &str| {
            format!("+++\nid = \"{id}\"\ntitle = \"T {id}\"\nlanguage = \"{lang}\"\n{extra}+++\n\n{body}\n")
        };
        files
            .insert(
                "c/sq.md",
                doc(
                    "sq",
                    "sq",
                    "published = 2026-02-10\npublisher = \"Telegrafi\"\n",
                    "Ministrat e Mbrojtjes të NATO-s do të mblidhen më 12 shkurt 2026 në Bruksel.\n\nTema tjetër: \
                     shpenzimet e mbrojtjes dhe mbështetja për Ukrainën.",
                ),
            )
            .insert(
                "c/sr.md",
                doc(
                    "sr",
                    "sr-Cyrl",
                    "published = 2025-06-26\n",
                    "Самит НАТО-а у Хагу одржан је 24. и 25. јуна 2025. године.",
                ),
            )
            .insert(
                "c/en.md",
                doc("en", "en", "published = 2024-12-04\n", "Foreign ministers met in Brussels on 4 December 2024."),
            );
        load(&files, Path::new("c")).expect("loads")
    }

    fn ids(index: &SearchIndex, c: &Corpus, q: SearchQuery) -> Vec<String> {
        index.search(c, &q).expect("search").into_iter().map(|h| format!("{}#{}", h.document, h.paragraph)).collect()
    }

    #[test]
    fn words_stems_scripts_and_filters() {
        let c = corpus();
        let index = SearchIndex::build(&c, None).expect("index");
        assert_eq!(index.len(), 4);
        let q = |text: &str| SearchQuery { text: text.into(), ..SearchQuery::default() };
        // "Brukselit" finds "Bruksel" by its stem; "brussels" the English text.
        assert_eq!(ids(&index, &c, q("Brukselit")), ["sq#0"]);
        assert_eq!(ids(&index, &c, q("brussels")), ["en#0"]);
        // Cyrillic and Latin meet: "Hagu" finds "Хагу".
        assert_eq!(ids(&index, &c, q("samit hagu")), ["sr#0"]);
        // Every word must match.
        assert!(ids(&index, &c, q("Bruksel Hagu")).is_empty());
        // Filters.
        let filtered = SearchQuery { text: "NATO".into(), language: Some("sq".into()), ..SearchQuery::default() };
        assert_eq!(ids(&index, &c, filtered), ["sq#0"]);
        let dated = SearchQuery { text: "NATO".into(), from: "2025-01-01".parse().ok(), ..SearchQuery::default() };
        assert_eq!(ids(&index, &c, dated).len(), 2);
        let publisher =
            SearchQuery { text: "mbrojtjes".into(), publisher: Some("telegrafi".into()), ..SearchQuery::default() };
        assert_eq!(ids(&index, &c, publisher).len(), 2);
        let topic =
            SearchQuery { text: "mbrojtjes".into(), topic: Some("defence-spending".into()), ..SearchQuery::default() };
        assert_eq!(ids(&index, &c, topic), ["sq#1"]);
        let event_id = c.events.iter().find(|e| e.place.as_deref() == Some("The Hague")).map(|e| e.id.clone());
        let event = SearchQuery { text: String::new(), event: event_id, ..SearchQuery::default() };
        assert_eq!(ids(&index, &c, event), ["sr#0"]);
        // A phrase.
        assert_eq!(ids(&index, &c, q("\"foreign ministers\"")), ["en#0"]);
        assert!(ids(&index, &c, q("\"ministers foreign\"")).is_empty());
    }

    #[test]
    fn snippets_centre_on_the_match() {
        let text = format!("{} Ukraine is the topic here. {}", "word ".repeat(60), "more ".repeat(60));
        let s = snippet(&text, &["ukraine".to_string()]);
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("Ukraine"), "{s}");
    }
}
