//! The recovery file: while a brief has unsaved changes the app writes it, with the
//! analyst's translation edits, to the user's data folder every few seconds. Saving or
//! discarding removes it; finding one at start means the app did not close cleanly, and
//! the app offers to bring the work back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::translations::EditKey;

/// What the recovery file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Recovery {
    /// The brief's file, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    /// The brief as TOML text.
    pub brief: String,
    /// The corpus folder's `events.toml` as edited, when the meetings were corrected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events_file: Option<PathBuf>,
    /// Its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<String>,
    /// Translation edits not yet in a translation memory.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<RecoveredEdit>,
    /// Alignment fixes not yet beside a translation memory.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<crate::workspace::PendingFix>,
}

/// One translation edit in the recovery file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RecoveredEdit {
    /// Which row.
    #[serde(flatten)]
    pub key: EditKey,
    /// The analyst's translation.
    pub translation: String,
}

impl Recovery {
    /// The edits as a map.
    pub(crate) fn edit_map(&self) -> BTreeMap<EditKey, String> {
        self.edits.iter().map(|e| (e.key.clone(), e.translation.clone())).collect()
    }

    /// A recovery record of a brief and its edits.
    pub(crate) fn new(path: Option<PathBuf>, brief: String, edits: &BTreeMap<EditKey, String>) -> Recovery {
        let edits = edits.iter().map(|(k, t)| RecoveredEdit { key: k.clone(), translation: t.clone() }).collect();
        Recovery { path, brief, events_file: None, events: None, edits, fixes: Vec::new() }
    }
}

/// The user's data folder for briefbook: `$XDG_DATA_HOME/briefbook` or
/// `~/.local/share/briefbook`.
pub(crate) fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("briefbook")
}

/// The recovery file in `data_dir`.
pub(crate) fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery.toml")
}

/// Reads the recovery file, if there is one that parses.
pub(crate) fn read(data_dir: &Path) -> Option<Recovery> {
    let text = std::fs::read_to_string(file(data_dir)).ok()?;
    toml::from_str(&text).ok()
}

/// Writes the recovery file atomically.
pub(crate) fn write(data_dir: &Path, recovery: &Recovery) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let text = toml::to_string(recovery).map_err(std::io::Error::other)?;
    crate::fsutil::write_atomic(&file(data_dir), text.as_bytes())
}

/// Removes the recovery file (no file is fine).
pub(crate) fn remove(data_dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(file(data_dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(read(dir.path()).is_none());
        let key = EditKey { document: "d".into(), paragraph: 2, original: "Një \"dy\"".into() };
        let edits = BTreeMap::from([(key, "One \"two\"".to_string())]);
        let mut r = Recovery::new(Some("/x/b.toml".into()), "format = 1\n".into(), &edits);
        r.events_file = Some("/x/sources/events.toml".into());
        r.events = Some("[[event]]\nid = \"a\"\nremove = true\n".into());
        write(dir.path(), &r).expect("writes");
        let back = read(dir.path()).expect("reads");
        assert_eq!(back, r);
        assert_eq!(back.edit_map(), edits);
        remove(dir.path()).expect("removes");
        remove(dir.path()).expect("removing twice is fine");
        assert!(read(dir.path()).is_none());
    }
}
