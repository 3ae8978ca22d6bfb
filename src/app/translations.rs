//! The analyst's corrections of translation rows, behind one trait.
//!
//! The translation memory is being built elsewhere; until it lands the app keeps edits in
//! [`PendingEdits`] (kept in the recovery file so a crash loses none). Everything the app
//! does with an edit goes through [`TranslationStore`], so wiring in the real memory is a
//! matter of handing the app another implementation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::book::{Book, SectionContent};
use crate::translate::{Origin, Row};

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
