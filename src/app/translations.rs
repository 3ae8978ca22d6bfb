//! The analyst's corrections of translation rows, behind one trait.
//!
//! A correction is part of the analyst's unsaved work, like an edit of the brief: it can be
//! undone, it is kept in the recovery file so a crash loses none, and saving the brief
//! writes it into the brief's translation memory ([`Workspace::save_edits`]), from where every
//! later build, preview and export takes it. Until then [`PendingEdits`] holds it and
//! the workspace puts it into the rows of the book.

use std::collections::BTreeMap;

use crate::translate::{Memory, Row, Timestamp};
use crate::workspace::Workspace;

pub(crate) use crate::workspace::EditKey;

/// Where the analyst's corrections of translations are kept.
pub(crate) trait TranslationStore: Send {
    /// Saves the analyst's translation of one row; `None` removes the correction.
    fn save_edit(&mut self, key: &EditKey, translation: Option<&str>) -> anyhow::Result<()>;
    /// Every correction, by row.
    fn edits(&self) -> &BTreeMap<EditKey, String>;
}

/// Corrections held by the app until the translation memory takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PendingEdits {
    edits: BTreeMap<EditKey, String>,
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
pub(crate) fn key_of(document: &str, row: &Row) -> Option<EditKey> {
    EditKey::of(document, row)
}

/// The current time as a memory timestamp.
pub(crate) fn now() -> Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Timestamp::from_unix_seconds(secs)
}

/// A memory read once and kept while its file stays the same (the refresh worker reads it
/// for every revision of the brief).
#[derive(Default)]
pub(crate) struct MemoryCache {
    key: Option<(std::path::PathBuf, Option<std::time::SystemTime>, u64)>,
    memory: std::sync::Arc<Memory>,
    problem: Option<crate::diag::Diagnostic>,
}

impl MemoryCache {
    /// Gives `workspace` its memory: read again only when the file changed. A memory that
    /// cannot be read is reported in `diags` (each time) and an empty one is used; a memory
    /// the brief may not use is not read at all.
    pub(crate) fn provide(&mut self, workspace: &mut Workspace, diags: &mut Vec<crate::diag::Diagnostic>) {
        let Some(path) = workspace.memory_file() else {
            workspace.set_memory(std::sync::Arc::new(Memory::new()));
            return;
        };
        let meta = std::fs::metadata(&path).ok();
        let key = (path, meta.as_ref().and_then(|m| m.modified().ok()), meta.as_ref().map_or(0, |m| m.len()));
        if self.key.as_ref() != Some(&key) {
            let mut found = Vec::new();
            self.memory = std::sync::Arc::new(workspace.read_memory(&crate::corpus::DiskFiles, &mut found));
            self.problem = found.into_iter().next();
            self.key = Some(key);
        }
        diags.extend(self.problem.clone());
        workspace.set_memory(self.memory.clone());
    }
}
