//! Translations: which text stands next to which.
//!
//! The rows of a side-by-side table come from three places, chosen per section
//! ([`TranslationSource`]):
//!
//! * a human translation in the corpus, aligned with its original sentence by sentence
//!   ([`align`]: paragraphs first, then sentences), with the analyst's alignment fixes
//!   ([`fixes`]) applied;
//! * the translation memory ([`memory`], a TMX file beside the corpus): the analyst's
//!   edits, which win over everything else, translations imported from TMX or XLIFF
//!   ([`tmx`], [`xliff`]), exact or fuzzy;
//! * machine translation stored in the memory by `briefbook translate` ([`engine`]); never
//!   fetched during a build, which works offline and only reads the memory.
//!
//! [`rows`] resolves one document's rows; [`DocumentAlignment`] and [`save_edit`] are
//! what the app calls to fix an alignment or record an edit.

pub(crate) mod align;
pub(crate) mod anchors;
pub(crate) mod coverage;
pub(crate) mod dictionary;
pub(crate) mod engine;
pub(crate) mod entry;
pub mod eval;
pub(crate) mod fixes;
pub(crate) mod machine;
pub(crate) mod memory;
pub(crate) mod qa;
pub(crate) mod stored;
pub(crate) mod terms;
pub(crate) mod text;
pub(crate) mod tmx;
pub(crate) mod xliff;
pub(crate) mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

pub(crate) use align::{AlignParams, Bead};
pub(crate) use dictionary::Dictionary;
pub use fixes::AlignmentFixes;
pub(crate) use fixes::{Fix, FixError};
pub use memory::{Edit, Entry, EntryOrigin, Memory, MemoryError, Timestamp, memory_path};
pub(crate) use stored::AlignmentStore;

use crate::corpus::text::segment;
use crate::diag::Diagnostic;
use crate::model::{Document, LanguageTag, TranslationSource};
use crate::translate::text::normalize;

/// Where a translation came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A human translation kept in the corpus as its own document.
    Human {
        /// The translator, as the document names them.
        translator: Option<String>,
    },
    /// The analyst corrected it (stored in the translation memory).
    Edited,
    /// Found in the translation memory (imported from TMX or XLIFF); `score` is 100 for an
    /// exact match, less for a fuzzy one.
    Memory {
        /// Similarity in percent.
        score: u8,
    },
    /// Machine translation by the named engine, stored in the memory.
    Machine {
        /// Engine name: `deepl`, `libretranslate` ...
        engine: String,
    },
}

/// One row of a side-by-side table: an original segment and its translation. Either side
/// may be missing (a sentence with no counterpart, a text with no translation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The original text.
    pub original: Option<String>,
    /// The translation.
    pub translation: Option<String>,
    /// Who translated it (when there is a translation).
    pub origin: Option<Origin>,
    /// Index (from 0) of the original's paragraph this row belongs to; rows of one paragraph
    /// share it, so layouts can set paragraph breaks and briefs can exclude paragraphs.
    pub paragraph: Option<usize>,
    /// The translation was made for an earlier version of the original text.
    pub stale: bool,
    /// For a stale row: the original text the translation was made for (pass it as
    /// [`Edit::replaces`] when the analyst confirms or corrects the row).
    pub stale_source: Option<String>,
    /// What translation QA found wrong with the row ([`qa::check`]): numbers, dates,
    /// names, sentences, terms. Empty for a row without both sides.
    pub qa: Vec<qa::QaIssue>,
    /// Where the row stands in the alignment of its original with a human translation
    /// (None for rows from the memory or without a translation): what merging, splitting
    /// or pairing rows anew starts from.
    pub aligned: Option<Aligned>,
}

/// A row's place in a [`DocumentAlignment`]: its bead and that bead's sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Aligned {
    /// The bead's number (the row of the whole alignment), from 0.
    pub bead: usize,
    /// The original's sentences in the row (indexes into [`Sentences::of`] the original).
    pub source: Range<usize>,
    /// The translation's sentences in the row.
    pub target: Range<usize>,
}

/// Only the original: rows without translation, one per paragraph.
pub(crate) fn original_only(original: &Document) -> Vec<Row> {
    original
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Row { original: Some(p.text.clone()), paragraph: Some(i), ..Row::default() })
        .collect()
}

/// A document cut into sentences with the corpus's segmentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentences {
    /// The sentences in order.
    pub texts: Vec<String>,
    /// The paragraph (index from 0 in the document) of each sentence.
    pub paragraph: Vec<usize>,
    /// Each non-empty paragraph as a range of sentences.
    pub paragraphs: Vec<Range<usize>>,
}

impl Sentences {
    /// The sentences of `doc`: each paragraph in its own language (or the document's).
    pub(crate) fn of(doc: &Document) -> Sentences {
        let mut s = Sentences::default();
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            let lang = p.language.as_ref().unwrap_or(&doc.meta.language);
            let start = s.texts.len();
            for r in segment::sentences(&p.text, lang) {
                s.texts.push(p.text[r].to_string());
                s.paragraph.push(pi);
            }
            if s.texts.len() > start {
                s.paragraphs.push(start..s.texts.len());
            }
        }
        s
    }

    /// The hashes that name the sentences in alignment fixes.
    pub(crate) fn hashes(&self) -> Vec<String> {
        self.texts.iter().map(|t| fixes::sentence_hash(t)).collect()
    }

    fn join(&self, r: &Range<usize>) -> Option<String> {
        (!r.is_empty()).then(|| self.texts[r.clone()].join(" "))
    }
}

/// An original and its human translation aligned sentence by sentence; one bead per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentAlignment {
    /// Id of the original.
    pub original: String,
    /// Id of the translation.
    pub translation: String,
    /// The original's sentences.
    pub source: Sentences,
    /// The translation's sentences.
    pub target: Sentences,
    /// The beads, in order; row N of the table is bead N.
    pub beads: Vec<Bead>,
    /// Alignment fixes of these documents that no longer find their sentences.
    pub unmatched_fixes: usize,
}

/// Aligns an original with its human translation as a book shows them: with the memory's
/// alignment fixes and its dictionary for the pair.
pub(crate) fn align_with_memory(original: &Document, translation: &Document, memory: &Memory) -> DocumentAlignment {
    let dictionary = memory.dictionary(&original.meta.language, &translation.meta.language);
    aligned(original, translation, &memory.fixes, dictionary.as_deref(), memory.alignments.as_ref())
}

/// Aligns an original with its human translation, applying the analyst's fixes.
pub fn align_documents(
    original: &Document,
    translation: &Document,
    fixes: &AlignmentFixes,
    dictionary: Option<&Dictionary>,
) -> DocumentAlignment {
    aligned(original, translation, fixes, dictionary, None)
}

/// [`align_documents`], through `store` when there is one: an alignment stored by an
/// earlier build of the same inputs is read back, a new one is stored.
fn aligned(
    original: &Document,
    translation: &Document,
    fixes: &AlignmentFixes,
    dictionary: Option<&Dictionary>,
    store: Option<&AlignmentStore>,
) -> DocumentAlignment {
    let source = Sentences::of(original);
    let target = Sentences::of(translation);
    let (sh, th) = (source.hashes(), target.hashes());
    let forced = fixes.beads_for(original.id(), translation.id(), &sh, &th);
    let src: Vec<&str> = source.texts.iter().map(String::as_str).collect();
    let tgt: Vec<&str> = target.texts.iter().map(String::as_str).collect();
    let source_side =
        align::Side { sentences: &src, paragraphs: &source.paragraphs, language: &original.meta.language };
    let target_side =
        align::Side { sentences: &tgt, paragraphs: &target.paragraphs, language: &translation.meta.language };
    let params = AlignParams::default();
    let key = store.map(|s| s.key(&source_side, &target_side, dictionary, &forced, &params));
    let stored = store.zip(key.as_ref()).and_then(|(s, k)| s.get(k, src.len(), tgt.len()));
    let beads = stored.unwrap_or_else(|| {
        let beads = align::align(source_side, target_side, dictionary, &forced, &params);
        if let (Some(s), Some(k)) = (store, &key) {
            s.put(k, &beads);
        }
        beads
    });
    DocumentAlignment {
        original: original.id().to_string(),
        translation: translation.id().to_string(),
        unmatched_fixes: fixes.unmatched(original.id(), translation.id(), &sh, &th),
        source,
        target,
        beads,
    }
}

impl DocumentAlignment {
    /// The rows, with the translation's translator as their origin.
    pub(crate) fn rows(&self, translator: Option<&str>) -> Vec<Row> {
        self.beads
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let translation = self.target.join(&b.target);
                // A translated sentence with no original stands in the paragraph of the
                // original sentence before it.
                let paragraph = match b.source.start.checked_sub(usize::from(b.source.is_empty())) {
                    Some(i) => self.source.paragraph.get(i).copied(),
                    None => self.source.paragraph.first().copied(),
                };
                Row {
                    original: self.source.join(&b.source),
                    origin: translation.as_ref().map(|_| Origin::Human { translator: translator.map(String::from) }),
                    translation,
                    paragraph,
                    aligned: Some(Aligned { bead: i, source: b.source.clone(), target: b.target.clone() }),
                    ..Row::default()
                }
            })
            .collect()
    }

    fn fix(&self, rows: Range<usize>, new: &[Bead]) -> Result<Fix, FixError> {
        fixes::make_fix(
            &self.original,
            &self.translation,
            &self.beads,
            rows,
            new,
            &self.source.hashes(),
            &self.target.hashes(),
        )
    }

    /// The fix that merges rows `first..=last` into one.
    pub fn merge(&self, first: usize, last: usize) -> Result<Fix, FixError> {
        let (a, b) = (self.bead(first)?, self.bead(last)?);
        self.fix(first..last + 1, &[Bead::new(a.source.start..b.source.end, a.target.start..b.target.end)])
    }

    /// The fix that splits row `row` in two: the first part keeps `at_source` original and
    /// `at_target` translated sentences, the second the rest.
    pub(crate) fn split(&self, row: usize, at_source: usize, at_target: usize) -> Result<Fix, FixError> {
        let b = self.bead(row)?;
        let bad = FixError::BadSplit { original: b.source.len(), translated: b.target.len(), at_source, at_target };
        if at_source > b.source.len() || at_target > b.target.len() {
            return Err(bad);
        }
        let (s, t) = (b.source.start + at_source, b.target.start + at_target);
        let first = Bead::new(b.source.start..s, b.target.start..t);
        let second = Bead::new(s..b.source.end, t..b.target.end);
        if (first.source.is_empty() && first.target.is_empty())
            || (second.source.is_empty() && second.target.is_empty())
        {
            return Err(bad);
        }
        self.fix(row..row + 1, &[first, second])
    }

    /// The fix that pairs the sentences of rows `rows` anew: `sizes` gives, in order, how
    /// many original and translated sentences each new row takes.
    pub(crate) fn repair(&self, rows: Range<usize>, sizes: &[(usize, usize)]) -> Result<Fix, FixError> {
        let first = self.bead(rows.start)?;
        let (mut i, mut j) = (first.source.start, first.target.start);
        let new: Vec<Bead> = sizes
            .iter()
            .map(|&(s, t)| {
                let b = Bead::new(i..i + s, j..j + t);
                i += s;
                j += t;
                b
            })
            .collect();
        self.fix(rows, &new)
    }

    fn bead(&self, row: usize) -> Result<&Bead, FixError> {
        self.beads.get(row).ok_or(FixError::NoRow { row, rows: self.beads.len() })
    }
}

/// The name of a preference as a brief writes it.
pub(crate) fn preference_name(preference: TranslationSource) -> &'static str {
    match preference {
        TranslationSource::Auto => "auto",
        TranslationSource::Human => "human",
        TranslationSource::Memory => "memory",
        TranslationSource::Machine => "machine",
    }
}

/// What [`rows`] needs to know about one document of a section.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowRequest<'a> {
    /// The original.
    pub original: &'a Document,
    /// Its human translation into `language`, if the corpus has one.
    pub translation: Option<&'a Document>,
    /// The language of the translation column.
    pub language: &'a LanguageTag,
    /// The section's preference.
    pub preference: TranslationSource,
}

/// Which memory entries a preference accepts for the rows of a document without a human
/// translation (or with one the preference passes over), best first.
fn memory_order(preference: TranslationSource) -> &'static [fn(&Entry) -> bool] {
    fn edited(e: &Entry) -> bool {
        e.origin == EntryOrigin::Edited
    }
    fn human(e: &Entry) -> bool {
        e.origin == EntryOrigin::Human
    }
    fn machine(e: &Entry) -> bool {
        matches!(e.origin, EntryOrigin::Machine { .. })
    }
    fn any(_: &Entry) -> bool {
        true
    }
    match preference {
        TranslationSource::Auto | TranslationSource::Memory => &[any],
        TranslationSource::Human => &[edited],
        TranslationSource::Machine => &[edited, machine, human],
    }
}

fn origin_of(entry: &Entry, score: u8) -> Origin {
    match (&entry.origin, score) {
        (EntryOrigin::Edited, 100) => Origin::Edited,
        (EntryOrigin::Machine { engine }, 100) => Origin::Machine { engine: engine.clone() },
        _ => Origin::Memory { score },
    }
}

/// The best exact match for `text` under the preference's order.
fn exact<'m>(
    memory: &'m Memory,
    from: &LanguageTag,
    to: &LanguageTag,
    text: &str,
    order: &[fn(&Entry) -> bool],
) -> Option<&'m Entry> {
    order.iter().find_map(|accept| memory.exact(from, to, text, &|e| accept(e) && !e.stale).map(|m| m.entry))
}

/// The rows of one document of a section, by the section's translation preference:
///
/// * `auto`: the human translation aligned sentence by sentence, the analyst's edits on
///   top; where there is no human translation (of the document, or of a sentence), the
///   memory: exact matches, else fuzzy ones of at least 75% from human translators or
///   edits, else stored machine translation;
/// * `human`: the human translation and the analyst's edits only;
/// * `memory`: the memory only, sentence by sentence;
/// * `machine`: stored machine translation first (edits still win), sentence by sentence.
///
/// An analyst's edit of a sentence whose original has since changed is shown flagged
/// stale, on the row it most resembles; one that resembles none is reported.
pub(crate) fn rows(request: &RowRequest<'_>, memory: &Memory) -> (Vec<Row>, Vec<Diagnostic>) {
    let original = request.original;
    let from = &original.meta.language;
    let to = request.language;
    let mut diags = Vec::new();
    if from.same_language(to) {
        return (original_only(original), diags);
    }
    let human = request
        .translation
        .filter(|_| matches!(request.preference, TranslationSource::Auto | TranslationSource::Human));
    let mut rows = match human {
        Some(t) => {
            let alignment = align_with_memory(original, t, memory);
            if alignment.unmatched_fixes > 0 {
                diags.push(
                    Diagnostic::warning(format!(
                        "{} alignment fix(es) of `{}` and `{}` no longer match their sentences and are not applied; they are kept",
                        alignment.unmatched_fixes,
                        original.id(),
                        t.id()
                    ))
                    .in_file(&t.path)
                    .with_hint("the texts changed since the rows were fixed; fix the rows again if needed"),
                );
            }
            let mut rows = alignment.rows(t.meta.translator.as_deref());
            for row in &mut rows {
                let Some(text) = &row.original else { continue };
                if let Some(e) = exact(memory, from, to, text, &[|e: &Entry| e.origin == EntryOrigin::Edited]) {
                    row.translation = Some(e.target.clone());
                    row.origin = Some(Origin::Edited);
                } else if row.translation.is_none() && request.preference == TranslationSource::Auto {
                    fill_from_memory(row, memory, from, to, TranslationSource::Auto);
                }
            }
            rows
        }
        None => sentence_rows(original, memory, to, request.preference),
    };
    flag_stale(&mut rows, original, memory, to, &mut diags);
    check_rows(&mut rows, from, to, memory);
    (rows, diags)
}

fn fill_from_memory(
    row: &mut Row,
    memory: &Memory,
    from: &LanguageTag,
    to: &LanguageTag,
    preference: TranslationSource,
) {
    let Some(text) = &row.original else { return };
    if let Some(e) = exact(memory, from, to, text, memory_order(preference)) {
        row.origin = Some(origin_of(e, 100));
        row.translation = Some(e.target.clone());
        return;
    }
    if matches!(preference, TranslationSource::Auto | TranslationSource::Memory) {
        let accept = |e: &Entry| matches!(e.origin, EntryOrigin::Human | EntryOrigin::Edited) && !e.stale;
        if let Some(m) = memory.fuzzy(from, to, text, &accept) {
            row.origin = Some(Origin::Memory { score: m.score });
            row.translation = Some(m.entry.target.clone());
        }
    }
}

/// Rows of the original's sentences, translated from the memory. Where the memory has a
/// translation of two or three neighbouring sentences together (a merged row the analyst
/// edited), they make one row.
fn sentence_rows(original: &Document, memory: &Memory, to: &LanguageTag, preference: TranslationSource) -> Vec<Row> {
    let from = &original.meta.language;
    let s = Sentences::of(original);
    let order = memory_order(preference);
    let mut rows = Vec::new();
    for para in &s.paragraphs {
        let mut i = para.start;
        while i < para.end {
            let longest = (2..=3usize.min(para.end - i)).rev().find_map(|n| {
                let text = s.texts[i..i + n].join(" ");
                exact(memory, from, to, &text, order).map(|e| (n, text, e))
            });
            let mut row = Row { paragraph: Some(s.paragraph[i]), ..Row::default() };
            match longest {
                Some((n, text, e)) => {
                    row.original = Some(text);
                    row.origin = Some(origin_of(e, 100));
                    row.translation = Some(e.target.clone());
                    i += n;
                }
                None => {
                    row.original = Some(s.texts[i].clone());
                    fill_from_memory(&mut row, memory, from, to, preference);
                    i += 1;
                }
            }
            rows.push(row);
        }
    }
    rows
}

/// Runs translation QA on every row with both sides, with the pair's termbase.
pub(crate) fn check_rows(rows: &mut [Row], from: &LanguageTag, to: &LanguageTag, memory: &Memory) {
    let terms = memory.terms(from, to);
    let context = qa::DocumentContext::of(rows.iter().filter_map(|r| r.translation.as_deref()), to);
    for row in rows {
        row.qa = match (&row.original, &row.translation) {
            (Some(o), Some(t)) => qa::check(o, from, t, to, terms, Some(&context)),
            _ => Vec::new(),
        };
    }
}

/// Shows the analyst's edits whose original sentence has changed on the row they most
/// resemble, flagged stale; reports those that resemble no row.
fn flag_stale(rows: &mut [Row], original: &Document, memory: &Memory, to: &LanguageTag, diags: &mut Vec<Diagnostic>) {
    let from = &original.meta.language;
    let current: BTreeSet<String> = rows.iter().filter_map(|r| r.original.as_deref().map(normalize)).collect();
    let orphans: Vec<&Entry> = memory
        .entries()
        .iter()
        .filter(|e| {
            e.origin == EntryOrigin::Edited
                && !e.stale
                && e.document.as_deref() == Some(original.id())
                && e.source_language.matches(from)
                && e.target_language.matches(to)
                && !current.contains(&normalize(&e.source))
        })
        .collect();
    if orphans.is_empty() {
        return;
    }
    // Best pairs first: each orphan goes to at most one row, each row takes at most one.
    let mut pairs: Vec<(u8, usize, usize)> = Vec::new();
    for (oi, e) in orphans.iter().enumerate() {
        let source = normalize(&e.source);
        for (ri, row) in rows.iter().enumerate() {
            if row.origin == Some(Origin::Edited) {
                continue;
            }
            let Some(text) = &row.original else { continue };
            let score = memory::similarity(&source, &normalize(text));
            if score >= memory::FUZZY_THRESHOLD {
                pairs.push((score, oi, ri));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_orphans = BTreeMap::new();
    let mut used_rows = BTreeSet::new();
    for (_, oi, ri) in pairs {
        if used_orphans.contains_key(&oi) || used_rows.contains(&ri) {
            continue;
        }
        used_orphans.insert(oi, ri);
        used_rows.insert(ri);
        let e = orphans[oi];
        let row = &mut rows[ri];
        row.translation = Some(e.target.clone());
        row.origin = Some(Origin::Edited);
        row.stale = true;
        row.stale_source = Some(e.source.clone());
    }
    let lost = orphans.len() - used_orphans.len();
    if lost > 0 {
        diags.push(
            Diagnostic::warning(format!(
                "{lost} edit(s) of `{}` belong to sentences no longer in its text; they are kept in the translation memory",
                original.id()
            ))
            .in_file(&original.path)
            .with_hint("`briefbook tm export` shows them; they no longer appear in the book"),
        );
    }
}

/// Records an analyst's edit in the memory file at `path` and saves it atomically (the
/// app's call when a row is corrected). `now` is the time of the edit.
pub fn save_edit(path: &Path, edit: &Edit, now: Timestamp) -> Result<(), MemoryError> {
    save_edits(path, std::slice::from_ref(edit), now)
}

/// Records several edits at once (the app's call when the brief is saved): the memory is
/// read from disk as it is now, so edits saved meanwhile by another window are kept, and
/// written atomically once. No edits: the file is not touched.
pub(crate) fn save_edits(path: &Path, edits: &[Edit], now: Timestamp) -> Result<(), MemoryError> {
    if edits.is_empty() {
        return Ok(());
    }
    let mut memory = Memory::load(path)?;
    for edit in edits {
        memory.record_edit(edit, now);
    }
    memory.save(path)
}

/// Records an alignment fix in the memory's fixes file beside `path` and saves it
/// atomically (the app's call when rows are merged, split or paired anew).
pub fn save_fix(path: &Path, alignment: &DocumentAlignment, fix: Fix) -> Result<(), MemoryError> {
    let mut memory = Memory::load(path)?;
    memory.fixes.record(fix, &alignment.source.hashes(), &alignment.target.hashes());
    memory.save(path)
}

#[cfg(test)]
mod tests;
