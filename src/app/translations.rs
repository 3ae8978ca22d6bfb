//! The analyst's corrections of translation rows, behind one trait.
//!
//! A correction is part of the analyst's unsaved work, like an edit of the brief: it can be
//! undone, it is kept in the recovery file so a crash loses none, and saving the brief
//! writes it into the brief's translation memory ([`translate::save_edits`]), from where every
//! later build, preview and export takes it. Until then [`PendingEdits`] holds it and
//! [`apply`] shows it on the rows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use std::path::Path;

use crate::book::{Book, SectionContent};
use crate::corpus::Corpus;
use crate::model::LanguageTag;
use crate::translate::{self, Edit, Memory, Origin, Row, Timestamp};

/// Which row an edit belongs to: the original document, the paragraph, and the original
/// text of the segment (so an edit never lands on a segment whose text changed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EditKey {
    /// Id of the original document.
    pub document: String,
    /// Paragraph index in the original, from 0.
    pub paragraph: usize,
    /// The original text of the row.
    pub original: String,
}

/// Where the analyst's corrections of translations are kept.
pub trait TranslationStore: Send {
    /// Saves the analyst's translation of one row; `None` removes the correction.
    fn save_edit(&mut self, key: &EditKey, translation: Option<&str>) -> anyhow::Result<()>;
    /// Every correction, by row.
    fn edits(&self) -> &BTreeMap<EditKey, String>;
}

/// Corrections held by the app until the translation memory takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingEdits {
    edits: BTreeMap<EditKey, String>,
}

impl PendingEdits {
    /// Corrections restored from a recovery file.
    pub fn from_edits(edits: BTreeMap<EditKey, String>) -> PendingEdits {
        PendingEdits { edits }
    }
}

impl TranslationStore for PendingEdits {
    fn save_edit(&mut self, key: &EditKey, translation: Option<&str>) -> anyhow::Result<()> {
        match translation {
            Some(t) => self.edits.insert(key.clone(), t.to_string()),
            None => self.edits.remove(key),
        };
        Ok(())
    }

    fn edits(&self) -> &BTreeMap<EditKey, String> {
        &self.edits
    }
}

/// The key of a row of the excerpt whose original document is `document`, if the row has
/// an original paragraph.
pub fn key_of(document: &str, row: &Row) -> Option<EditKey> {
    Some(EditKey { document: document.to_string(), paragraph: row.paragraph?, original: row.original.clone()? })
}

/// Puts the analyst's corrections into the rows of a book (what the preview and the PDF
/// show): the corrected rows become [`Origin::Edited`] and are no longer stale.
pub fn apply(book: &mut Book, edits: &BTreeMap<EditKey, String>) {
    if edits.is_empty() {
        return;
    }
    for section in &mut book.sections {
        let SectionContent::Excerpts(excerpts) = &mut section.content else { continue };
        for excerpt in excerpts {
            let Some(doc) = book.sources.get(excerpt.source.wrapping_sub(1)).map(|s| s.id.clone()) else { continue };
            for row in &mut excerpt.rows {
                let Some(text) = key_of(&doc, row).and_then(|k| edits.get(&k)) else { continue };
                row.translation = Some(text.clone());
                row.origin = Some(Origin::Edited);
                row.stale = false;
            }
        }
    }
}

/// The memory entries for the analyst's corrections: each row's original in its document's
/// language, the correction in `language` (the brief's). Corrections of documents the
/// corpus no longer has are left out (and stay pending).
pub fn memory_edits(
    edits: &BTreeMap<EditKey, String>,
    corpus: &Corpus,
    language: &LanguageTag,
) -> Vec<(EditKey, Edit)> {
    edits
        .iter()
        .filter_map(|(key, text)| {
            let doc = corpus.get(&key.document)?;
            let edit = Edit {
                source_language: doc.meta.language.clone(),
                target_language: language.clone(),
                source: key.original.clone(),
                target: text.clone(),
                document: Some(key.document.clone()),
                replaces: None,
                author: None,
            };
            Some((key.clone(), edit))
        })
        .collect()
}

/// The current time as a memory timestamp.
pub fn now() -> Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Timestamp::from_unix_seconds(secs)
}

/// A memory read once and kept while its file stays the same (the refresh worker reads it
/// for every revision of the brief).
#[derive(Default)]
pub struct MemoryCache {
    key: Option<(std::path::PathBuf, Option<std::time::SystemTime>, u64)>,
    memory: std::sync::Arc<Memory>,
    problem: Option<crate::diag::Diagnostic>,
}

impl MemoryCache {
    /// The memory of the brief at `brief_path`; a memory that cannot be read is reported
    /// in `diags` (each time) and an empty one is used.
    pub fn get(
        &mut self,
        brief_path: &Path,
        brief: &crate::model::Brief,
        diags: &mut Vec<crate::diag::Diagnostic>,
    ) -> std::sync::Arc<Memory> {
        let path = translate::memory_path(brief_path, brief);
        let meta = std::fs::metadata(&path).ok();
        let key = (path, meta.as_ref().and_then(|m| m.modified().ok()), meta.as_ref().map_or(0, |m| m.len()));
        if self.key.as_ref() != Some(&key) {
            let mut found = Vec::new();
            self.memory = std::sync::Arc::new(crate::build::load_memory(
                &crate::corpus::DiskFiles,
                brief_path,
                brief,
                &mut found,
            ));
            self.problem = found.into_iter().next();
            self.key = Some(key);
        }
        diags.extend(self.problem.clone());
        self.memory.clone()
    }
}
