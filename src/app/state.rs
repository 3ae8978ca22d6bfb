//! The app's state, split as egui's demo app splits it: [`Persisted`] is what is remembered
//! between runs (serde, through eframe's storage); [`Doc`] is the open brief with its undo
//! history, which lives only as long as the window.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::util::undoer::{Settings, Undoer};
use serde::{Deserialize, Serialize};

use super::translations::EditKey;
use crate::corpus::Corpus;
use crate::model::Brief;
use crate::workspace::PendingFix;

/// How many recent briefs the File menu lists.
pub(crate) const RECENT_MAX: usize = 8;

/// What the app remembers between runs (window size and panel widths are kept by eframe
/// and egui themselves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Dark theme (else light).
    pub dark: bool,
    /// Recently opened or saved briefs, newest first.
    pub recent: Vec<PathBuf>,
    /// Page preview shown.
    pub show_preview: bool,
    /// Problems panel shown.
    pub show_problems: bool,
    /// Preview zoom, 1.0 = 100 %.
    pub zoom: f32,
    /// Preview zoom follows the panel's width.
    pub fit_width: bool,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            dark: false,
            recent: Vec::new(),
            show_preview: true,
            show_problems: true,
            zoom: 0.6,
            fit_width: true,
        }
    }
}

impl Persisted {
    /// Puts `path` first in the recent briefs.
    pub(crate) fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }
}

/// What one undo step restores: the whole brief, the analyst's translation edits and
/// the meetings' corrections (the text of `events.toml`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    /// The brief.
    pub brief: Brief,
    /// Translation corrections.
    pub edits: BTreeMap<EditKey, String>,
    /// `events.toml` as edited (None: as the file says).
    pub events: Option<String>,
    /// Alignment fixes (rows merged, split, paired anew) not saved yet.
    pub fixes: Vec<PendingFix>,
}

/// The analyst's corrections of meetings: the corpus folder's `events.toml` as edited,
/// written when the brief is saved. The corpus shown is the one read with the file's
/// corrections, with the edited text applied instead.
#[derive(Debug, Default)]
pub(crate) struct MeetingEdits {
    /// The corpus as read (with `events.toml` as the file says).
    pub base: Option<Arc<Corpus>>,
    /// The corpus folder the corrections belong to.
    pub root: Option<PathBuf>,
    /// `events.toml` as on disk ("" when there is none).
    pub file: String,
    /// As edited; None: as on disk.
    pub text: Option<String>,
}

impl MeetingEdits {
    /// Whether there are corrections not saved yet.
    pub(crate) fn is_dirty(&self) -> bool {
        self.text.as_ref().is_some_and(|t| *t != self.file)
    }

    /// The text as it is now.
    pub(crate) fn current(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.file)
    }

    /// The file, when a corpus folder is known.
    pub(crate) fn path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(crate::corpus::find::corrections::FILE_NAME))
    }

    /// The corpus with the edited corrections applied.
    pub(crate) fn corpus(&self) -> Option<Arc<Corpus>> {
        let base = self.base.as_ref()?;
        Some(match &self.text {
            Some(t) if self.is_dirty() => {
                let mut c = (**base).clone();
                c.set_corrections(Some(t));
                Arc::new(c)
            }
            _ => base.clone(),
        })
    }
}

/// The open brief.
pub(crate) struct Doc {
    /// Its file; None until saved.
    pub path: Option<PathBuf>,
    /// The brief as edited.
    pub brief: Brief,
    /// The brief as last read or written (for a new brief: as created).
    pub saved: Brief,
    /// The file's text as last read or written (None: a new brief). Saving changes only
    /// what differs between `saved` and `brief` in it, keeping comments and layout.
    pub text: Option<String>,
    /// What the file looked like when last read or written: a save checks that no other
    /// window or program changed it since (None: a new file).
    pub stamp: Option<crate::fsutil::FileStamp>,
    /// Undo history of whole copies. Typing and dragging settle into one step; commands
    /// are one step each.
    pub undoer: Undoer<Snapshot>,
}

impl Doc {
    /// A document for a brief, read from `path` or new (`path` None).
    pub(crate) fn new(brief: Brief, path: Option<PathBuf>) -> Doc {
        Doc {
            path,
            saved: brief.clone(),
            text: None,
            stamp: None,
            brief,
            undoer: Undoer::with_settings(Settings { max_undos: 200, ..Settings::default() }),
        }
    }

    /// Whether the brief differs from its file (a new brief: from how it was created).
    pub(crate) fn is_dirty(&self) -> bool {
        self.saved != self.brief
    }

    /// The file name, or "Untitled" for a new brief.
    pub(crate) fn name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled brief".into())
    }

    /// The folder the brief's relative paths start from.
    pub(crate) fn base_dir(&self) -> PathBuf {
        match self.path.as_deref().and_then(Path::parent) {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        }
    }

    /// What saving writes: the file's text with only the changes made to it (comments,
    /// order and layout kept), or the whole brief written out for a new one.
    pub(crate) fn to_save(&self) -> String {
        match &self.text {
            Some(text) => self.brief.to_toml_in(text, &self.saved),
            None => self.brief.to_toml(),
        }
    }

    /// The corpus folder the brief names.
    pub(crate) fn corpus_root(&self) -> PathBuf {
        self.base_dir().join(&self.brief.brief.corpus)
    }
}

/// `target` written relative to the folder `from` when they share a root, else absolute.
pub(crate) fn relative_to(target: &Path, from: &Path) -> PathBuf {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (target, from) = (abs(target), abs(from));
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return target;
    }
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_to(Path::new("/a/b/sources"), Path::new("/a/b")), PathBuf::from("sources"));
        assert_eq!(relative_to(Path::new("/a/b/sources"), Path::new("/a/c/d")), PathBuf::from("../../b/sources"));
        assert_eq!(relative_to(Path::new("/a/b"), Path::new("/a/b")), PathBuf::from("."));
    }

    #[test]
    fn recent_list_keeps_newest_first_without_repeats() {
        let mut p = Persisted::default();
        for name in ["a", "b", "a"] {
            p.remember(Path::new(name));
        }
        assert_eq!(p.recent, [PathBuf::from("a"), PathBuf::from("b")]);
    }
}
