//! The translation memory: segment pairs with their languages, origin (a human
//! translator, the analyst's edit, a machine-translation engine), times and the document
//! they belong to.
//!
//! It is kept as a TMX 1.4b file (see [`crate::translate::tmx`]) that any translation tool
//! reads, beside the corpus by default: for a corpus folder `briefs/sources` the memory is
//! `briefs/sources.memory.tmx` (a brief's `memory` key names another file). The analyst's
//! alignment fixes are kept beside it, in `briefs/sources.alignments.toml`
//! ([`crate::translate::fixes`]). Only editing, importing and `briefbook translate` write
//! these files, always atomically; `briefbook build` only reads them, and a missing memory
//! is simply empty.
//!
//! Lookup is exact (after [`normalize`]: white space and quotation marks) or fuzzy
//! (character similarity of at least 75%). Among exact matches the analyst's edit wins,
//! then human translations, then engine output; among equals the most recently changed.
//! Entries are never dropped: an edit whose original text has changed is kept and flagged
//! stale.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::corpus::Files;
use crate::model::{Brief, LanguageTag};
use crate::translate::dictionary::Dictionary;
pub use crate::translate::entry::{Entry, EntryOrigin, Timestamp};
use crate::translate::fixes::AlignmentFixes;
use crate::translate::terms::Termbase;
use crate::translate::text::{self, normalize};
use crate::translate::tmx;
use crate::translate::xml::{self, XmlError};

/// A memory file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// The file could not be read.
    #[error("cannot read the translation memory {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a TMX file briefbook can read.
    #[error("{}:{}", path.display(), source)]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: XmlError,
    },
    /// The alignment fixes or a dictionary beside the memory could not be read.
    #[error("{}{}: {message}", path.display(), pos.map(|p| format!(":{}:{}", p.line, p.col)).unwrap_or_default())]
    Beside {
        /// The file.
        path: PathBuf,
        /// Where in it, if known.
        pos: Option<crate::diag::Pos>,
        /// Why.
        message: String,
    },
    /// The file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl MemoryError {
    /// The file concerned.
    pub(crate) fn path(&self) -> &Path {
        match self {
            MemoryError::Read { path, .. }
            | MemoryError::Parse { path, .. }
            | MemoryError::Beside { path, .. }
            | MemoryError::Write { path, .. } => path,
        }
    }
}

/// What adding an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new entry.
    New,
    /// An existing entry got a new translation or time.
    Updated,
    /// The memory had it already.
    Unchanged,
}

/// Counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ImportReport {
    /// New entries.
    pub added: usize,
    /// Entries updated.
    pub updated: usize,
    /// Entries the memory had already.
    pub unchanged: usize,
    /// Problems that skipped a unit, with where they are.
    pub warnings: Vec<String>,
}

/// A match found in the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'a> {
    /// The entry.
    pub entry: &'a Entry,
    /// Similarity in percent (100: exact after normalising).
    pub score: u8,
}

/// An analyst's correction of a row, for `Memory::record_edit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Language of the original.
    pub source_language: LanguageTag,
    /// Language of the translation.
    pub target_language: LanguageTag,
    /// The original text of the row.
    pub source: String,
    /// The corrected translation.
    pub target: String,
    /// Id of the original document.
    pub document: Option<String>,
    /// For a row shown as stale: the original text the old translation was made for
    /// (`Row::stale_source`); that old entry is then flagged stale.
    pub replaces: Option<String>,
    /// Who made the edit, if known.
    pub author: Option<String>,
}

/// The lowest similarity, in percent, shown as a fuzzy match.
pub(crate) const FUZZY_THRESHOLD: u8 = 75;

/// Words appearing in more entries than this are not used to find fuzzy candidates.
const COMMON_WORD: usize = 5000;

/// The translation memory (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Memory {
    entries: Vec<Entry>,
    /// Normalised source text -> entries (any languages).
    exact: HashMap<String, Vec<usize>>,
    /// Lower-case word -> entries, for fuzzy candidates.
    words: HashMap<String, Vec<usize>>,
    /// The analyst's alignment fixes, kept beside the memory file.
    pub fixes: AlignmentFixes,
    /// Bilingual dictionaries for the aligner, kept beside the memory file, by (source,
    /// target) primary language.
    pub dictionaries: BTreeMap<(String, String), Dictionary>,
    /// Termbases kept beside the memory file, by (source, target) primary language.
    pub termbases: BTreeMap<(String, String), Termbase>,
    /// Where alignments are kept between builds (the workspace sets it; see
    /// [`super::stored`]). Not part of what the memory says.
    pub(crate) alignments: Option<super::AlignmentStore>,
}

impl PartialEq for Memory {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.fixes == other.fixes
    }
}

fn word_keys(normalized: &str) -> Vec<String> {
    let mut w: Vec<String> =
        text::words(normalized).map(|(_, w)| w.to_lowercase()).filter(|w| w.chars().count() >= 2).collect();
    w.sort();
    w.dedup();
    w
}

/// Similarity of two normalised segments in percent, rounded down.
pub(crate) fn similarity(a: &str, b: &str) -> u8 {
    if a == b {
        return 100;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.max(lb) == 0 {
        return 100;
    }
    let s = strsim::normalized_levenshtein(a, b);
    // Never call a different text 100%.
    ((s * 100.0).floor() as u8).min(99)
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// A memory of these entries (merged as [`Memory::add`] does).
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Memory {
        let mut m = Memory::new();
        for e in entries {
            m.add(e);
        }
        m
    }

    /// All entries, in the order they were added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the memory has no entries and no alignment fixes.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.fixes.is_empty()
    }

    fn index(&mut self, i: usize) {
        let key = normalize(&self.entries[i].source);
        for w in word_keys(&key) {
            self.words.entry(w).or_default().push(i);
        }
        self.exact.entry(key).or_default().push(i);
    }

    fn same_pair(a: &Entry, b: &Entry) -> bool {
        a.source_language.matches(&b.source_language) && a.target_language.matches(&b.target_language)
    }

    /// Adds an entry, merging it with what the memory has: the same translation again only
    /// updates the time; a new edit replaces the analyst's earlier edit of the same text; a
    /// new output of the same engine replaces its earlier one; anything else is kept beside
    /// the existing entries (the best is chosen at lookup).
    pub fn add(&mut self, entry: Entry) -> Added {
        let key = normalize(&entry.source);
        let target = normalize(&entry.target);
        let same: Vec<usize> = self
            .exact
            .get(&key)
            .map(|v| v.iter().copied().filter(|&i| Memory::same_pair(&self.entries[i], &entry)).collect())
            .unwrap_or_default();
        // The same translation: keep one entry, with the stronger origin and later time.
        if let Some(&i) = same
            .iter()
            .find(|&&i| normalize(&self.entries[i].target) == target && self.entries[i].document == entry.document)
        {
            let old = &mut self.entries[i];
            let mut changed = false;
            if entry.origin.rank() < old.origin.rank() {
                old.origin = entry.origin.clone();
                changed = true;
            }
            if old.stale && !entry.stale {
                old.stale = false;
                changed = true;
            }
            if entry.last_changed() > old.last_changed() {
                old.changed = entry.last_changed();
                old.changer = entry.changer.clone().or(entry.creator.clone()).or(old.changer.take());
                changed = true;
            }
            for n in entry.notes {
                if !old.notes.contains(&n) {
                    old.notes.push(n);
                    changed = true;
                }
            }
            return if changed { Added::Updated } else { Added::Unchanged };
        }
        // A newer edit of the same text, or a new output of the same engine, replaces it.
        let replaceable = same.iter().copied().find(|&i| {
            let old = &self.entries[i];
            old.document == entry.document
                && !old.stale
                && match (&old.origin, &entry.origin) {
                    (EntryOrigin::Edited, EntryOrigin::Edited) => true,
                    (EntryOrigin::Machine { engine: a }, EntryOrigin::Machine { engine: b }) => a == b,
                    _ => false,
                }
        });
        if let Some(i) = replaceable {
            let old = &mut self.entries[i];
            if entry.last_changed() < old.last_changed() {
                // An older edit (from an import) does not undo a newer one.
                return Added::Unchanged;
            }
            old.target = entry.target;
            old.target_tags = entry.target_tags;
            old.changed = entry.changed.or(entry.created);
            old.changer = entry.changer.or(entry.creator);
            old.notes.extend(entry.notes.into_iter().filter(|n| !old.notes.contains(n)).collect::<Vec<_>>());
            return Added::Updated;
        }
        self.entries.push(entry);
        self.index(self.entries.len() - 1);
        Added::New
    }

    /// Adds every entry of `entries` and counts what happened.
    pub(crate) fn import(&mut self, entries: impl IntoIterator<Item = Entry>) -> ImportReport {
        let mut report = ImportReport::default();
        for e in entries {
            match self.add(e) {
                Added::New => report.added += 1,
                Added::Updated => report.updated += 1,
                Added::Unchanged => report.unchanged += 1,
            }
        }
        report
    }

    /// Records an analyst's edit at `now`: it becomes the translation of `edit.source`
    /// wherever that text appears, ahead of engine output and older entries. When the edit
    /// replaces a stale row's translation, the old entry is kept and flagged stale.
    pub(crate) fn record_edit(&mut self, edit: &Edit, now: Timestamp) -> Added {
        if let Some(old_source) = &edit.replaces {
            let old_key = normalize(old_source);
            if old_key != normalize(&edit.source) {
                let olds: Vec<usize> = self.exact.get(&old_key).cloned().unwrap_or_default();
                for i in olds {
                    let e = &mut self.entries[i];
                    if e.origin == EntryOrigin::Edited
                        && e.document == edit.document
                        && e.source_language.matches(&edit.source_language)
                        && e.target_language.matches(&edit.target_language)
                        && !e.stale
                    {
                        e.stale = true;
                        e.changed = Some(now);
                    }
                }
            }
        }
        let mut entry = Entry::new(
            edit.source_language.clone(),
            edit.target_language.clone(),
            edit.source.trim(),
            edit.target.trim(),
            EntryOrigin::Edited,
            Some(now),
        );
        entry.document = edit.document.clone();
        entry.creator = edit.author.clone();
        entry.changer = edit.author.clone();
        self.add(entry)
    }

    fn better(a: &Entry, b: &Entry) -> bool {
        // Whether `a` is a better exact match than `b`.
        (a.stale, a.origin.rank(), std::cmp::Reverse(a.last_changed()))
            < (b.stale, b.origin.rank(), std::cmp::Reverse(b.last_changed()))
    }

    /// The best exact match of `text` among the entries `accept` lets through.
    pub(crate) fn exact<'a>(
        &'a self,
        source_language: &LanguageTag,
        target_language: &LanguageTag,
        text: &str,
        accept: &dyn Fn(&Entry) -> bool,
    ) -> Option<Match<'a>> {
        let key = normalize(text);
        let mut best: Option<&Entry> = None;
        for &i in self.exact.get(&key)? {
            let e = &self.entries[i];
            if !e.source_language.matches(source_language) || !e.target_language.matches(target_language) || !accept(e)
            {
                continue;
            }
            if best
                .is_none_or(|b| Memory::better(e, b) || (!Memory::better(b, e) && e.last_changed() == b.last_changed()))
            {
                best = Some(e);
            }
        }
        best.map(|entry| Match { entry, score: 100 })
    }

    /// The best fuzzy match (similarity of at least [`FUZZY_THRESHOLD`], below 100) of
    /// `text` among the entries `accept` lets through.
    pub(crate) fn fuzzy<'a>(
        &'a self,
        source_language: &LanguageTag,
        target_language: &LanguageTag,
        text: &str,
        accept: &dyn Fn(&Entry) -> bool,
    ) -> Option<Match<'a>> {
        let key = normalize(text);
        let words = word_keys(&key);
        if words.is_empty() {
            return None;
        }
        let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
        for w in &words {
            let Some(list) = self.words.get(w) else { continue };
            if list.len() > COMMON_WORD {
                continue;
            }
            for &i in list {
                *hits.entry(i).or_default() += 1;
            }
        }
        let len = key.chars().count() as f64;
        let mut candidates: Vec<(usize, usize)> = hits
            .into_iter()
            .filter(|&(i, n)| {
                let e = &self.entries[i];
                let l = e.source.chars().count() as f64;
                n * 2 >= words.len() / 2
                    && l.min(len) / l.max(len).max(1.0) >= f64::from(FUZZY_THRESHOLD) / 100.0
                    && e.source_language.matches(source_language)
                    && e.target_language.matches(target_language)
                    && accept(e)
            })
            .collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(50);
        let mut best: Option<Match<'a>> = None;
        for (i, _) in candidates {
            let e = &self.entries[i];
            let score = similarity(&key, &normalize(&e.source));
            if score < FUZZY_THRESHOLD || score == 100 {
                continue;
            }
            let wins = match &best {
                None => true,
                Some(b) => score > b.score || (score == b.score && Memory::better(e, b.entry)),
            };
            if wins {
                best = Some(Match { entry: e, score });
            }
        }
        best
    }

    /// The best match of `text`: exact if there is one, else fuzzy.
    #[cfg(test)]
    pub(crate) fn lookup<'a>(
        &'a self,
        source_language: &LanguageTag,
        target_language: &LanguageTag,
        text: &str,
    ) -> Option<Match<'a>> {
        self.exact(source_language, target_language, text, &|_| true)
            .or_else(|| self.fuzzy(source_language, target_language, text, &|_| true))
    }

    /// Reads a memory file and the alignment fixes beside it. A missing file is an empty
    /// memory.
    pub fn load(path: &Path) -> Result<Memory, MemoryError> {
        Memory::load_from(&crate::corpus::DiskFiles, path)
    }

    /// [`Memory::load`] through a [`Files`] (the files a build reads).
    pub(crate) fn load_from(files: &dyn Files, path: &Path) -> Result<Memory, MemoryError> {
        let mut memory = match files.read(path) {
            Ok(bytes) => {
                let text = xml::decode(&bytes).map_err(|source| MemoryError::Parse { path: path.into(), source })?;
                let file = tmx::read(&text).map_err(|source| MemoryError::Parse { path: path.into(), source })?;
                Memory::from_entries(file.entries)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Memory::new(),
            Err(source) => return Err(MemoryError::Read { path: path.into(), source }),
        };
        let fixes_path = fixes_path(path);
        memory.fixes = match files.read(&fixes_path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| MemoryError::Beside {
                    path: fixes_path.clone(),
                    pos: None,
                    message: "the file is not UTF-8 text".into(),
                })?;
                AlignmentFixes::from_toml(&text).map_err(|(pos, message)| MemoryError::Beside {
                    path: fixes_path,
                    pos,
                    message,
                })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => AlignmentFixes::new(),
            Err(source) => return Err(MemoryError::Read { path: fixes_path, source }),
        };
        memory.dictionaries = load_dictionaries(files, path)?;
        memory.termbases = load_termbases(files, path)?;
        Ok(memory)
    }

    /// The termbase for translating `from` into `to`, if one is kept beside the memory.
    pub(crate) fn terms(&self, from: &LanguageTag, to: &LanguageTag) -> Option<&Termbase> {
        let from = from.standard();
        self.termbases.get(&(from.primary().to_string(), to.primary().to_string()))
    }

    /// The dictionary for aligning `from` with `to`: one kept for that pair, or one for the
    /// opposite pair read the other way round.
    pub(crate) fn dictionary(&self, from: &LanguageTag, to: &LanguageTag) -> Option<std::borrow::Cow<'_, Dictionary>> {
        let (f, t) = (from.primary().to_string(), to.primary().to_string());
        if let Some(d) = self.dictionaries.get(&(f.clone(), t.clone())) {
            return Some(std::borrow::Cow::Borrowed(d));
        }
        self.dictionaries.get(&(t, f)).map(|d| std::borrow::Cow::Owned(d.reversed()))
    }

    /// Writes the memory as TMX and the alignment fixes beside it, each atomically. The
    /// fixes file is written only when there are fixes or it exists already.
    pub fn save(&self, path: &Path) -> Result<(), MemoryError> {
        let write = |p: &Path, bytes: &[u8]| {
            crate::fsutil::write_atomic(p, bytes).map_err(|source| MemoryError::Write { path: p.into(), source })
        };
        write(path, tmx::write(&self.entries).as_bytes())?;
        let fixes_path = fixes_path(path);
        if !self.fixes.is_empty() || fixes_path.exists() {
            write(&fixes_path, self.fixes.to_toml().as_bytes())?;
        }
        Ok(())
    }
}

/// The stem that names the files kept beside a memory: `sources` for `sources.memory.tmx`.
fn stem_of(memory: &Path) -> String {
    let name = memory.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.strip_suffix(".memory.tmx").or_else(|| name.strip_suffix(".tmx")).unwrap_or(&name).to_string()
}

/// The aligner's dictionary for a language pair beside a memory file:
/// `sources.memory.tmx` -> `sources.sq-en.dictionary.tsv` (see [`Dictionary`] for the format).
#[cfg(test)]
pub(crate) fn dictionary_path(memory: &Path, from: &LanguageTag, to: &LanguageTag) -> PathBuf {
    memory.with_file_name(format!("{}.{}-{}.dictionary.tsv", stem_of(memory), from.primary(), to.primary()))
}

/// The termbases beside a memory file.
fn load_termbases(files: &dyn Files, memory: &Path) -> Result<BTreeMap<(String, String), Termbase>, MemoryError> {
    let mut out = BTreeMap::new();
    let dir = match memory.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{}.", stem_of(memory));
    let Ok(mut listed) = files.list(&dir) else { return Ok(out) };
    listed.sort();
    for path in listed.into_iter().filter(|p| p.parent() == Some(dir.as_path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let (pair, tbx) = match (rest.strip_suffix(".terms.tsv"), rest.strip_suffix(".terms.tbx")) {
            (Some(p), _) => (p, false),
            (_, Some(p)) => (p, true),
            _ => continue,
        };
        let Some((f, t)) = pair.split_once('-') else { continue };
        let (Ok(from), Ok(to)) = (f.parse::<LanguageTag>(), t.parse::<LanguageTag>()) else { continue };
        let bytes = files.read(&path).map_err(|source| MemoryError::Read { path: path.clone(), source })?;
        let text = if tbx {
            xml::decode(&bytes).map_err(|e| MemoryError::Beside {
                path: path.clone(),
                pos: Some(e.pos),
                message: e.message,
            })?
        } else {
            String::from_utf8(bytes).map_err(|_| MemoryError::Beside {
                path: path.clone(),
                pos: None,
                message: "the file is not UTF-8 text".into(),
            })?
        };
        let terms = if tbx {
            Termbase::parse_tbx(&text, &from, &to).map_err(|e| MemoryError::Beside {
                path: path.clone(),
                pos: Some(e.pos),
                message: e.message,
            })?
        } else {
            Termbase::parse_tsv(&text).map_err(|(line, text)| MemoryError::Beside {
                path: path.clone(),
                pos: Some(crate::diag::Pos { line, col: 1 }),
                message: format!("expected `term<TAB>preferred translation[<TAB>note]`, found `{text}`"),
            })?
        };
        out.entry((f.to_string(), t.to_string())).or_insert(terms);
    }
    Ok(out)
}

/// The dictionaries beside a memory file.
fn load_dictionaries(files: &dyn Files, memory: &Path) -> Result<BTreeMap<(String, String), Dictionary>, MemoryError> {
    let mut out = BTreeMap::new();
    let dir = match memory.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{}.", stem_of(memory));
    let Ok(listed) = files.list(&dir) else { return Ok(out) };
    for path in listed.into_iter().filter(|p| p.parent() == Some(dir.as_path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(pair) = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".dictionary.tsv")) else { continue };
        let Some((f, t)) = pair.split_once('-') else { continue };
        let bytes = files.read(&path).map_err(|source| MemoryError::Read { path: path.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|_| MemoryError::Beside {
            path: path.clone(),
            pos: None,
            message: "the file is not UTF-8 text".into(),
        })?;
        let dict = Dictionary::parse(&text).map_err(|(line, text)| MemoryError::Beside {
            path: path.clone(),
            pos: Some(crate::diag::Pos { line, col: 1 }),
            message: format!("expected `original word<TAB>translated word`, found `{text}`"),
        })?;
        out.insert((f.to_string(), t.to_string()), dict);
    }
    Ok(out)
}

/// The alignment fixes file beside a memory file: `x.memory.tmx` -> `x.alignments.toml`.
pub(crate) fn fixes_path(memory: &Path) -> PathBuf {
    memory.with_file_name(format!("{}.alignments.toml", stem_of(memory)))
}

/// Where a brief's memory is: its `memory` key relative to the brief file, or else beside
/// the corpus folder: `<folder>.memory.tmx` next to `<folder>` (for a corpus that is the
/// brief's own folder, `corpus.memory.tmx` in it).
pub fn memory_path(brief_path: &Path, brief: &Brief) -> PathBuf {
    let base = brief_path.parent().unwrap_or(Path::new(""));
    if !brief.brief.memory.trim().is_empty() {
        return base.join(brief.brief.memory.trim());
    }
    let corpus = base.join(&brief.brief.corpus);
    // The corpus folder's name, with `.` and `..` resolved in the path as written.
    let mut parts: Vec<std::path::Component<'_>> = Vec::new();
    for c in corpus.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if matches!(parts.last(), Some(std::path::Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    match parts.last() {
        Some(std::path::Component::Normal(name)) => {
            let name = name.to_string_lossy().into_owned();
            let folder: PathBuf = parts.iter().collect();
            folder.with_file_name(format!("{name}.memory.tmx"))
        }
        _ => corpus.join("corpus.memory.tmx"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    fn at(day: u32) -> Timestamp {
        Timestamp::from_parts(2026, 2, day, 9, 30, 0).expect("time")
    }

    fn entry(src: &str, tgt: &str, origin: EntryOrigin, day: u32) -> Entry {
        Entry::new(tag("sq"), tag("en"), src, tgt, origin, Some(at(day)))
    }

    #[test]
    fn timestamps_round_trip() {
        let t = Timestamp::from_parts(2026, 2, 10, 9, 30, 5).expect("time");
        assert_eq!(t.to_tmx(), "20260210T093005Z");
        assert_eq!(Timestamp::parse("20260210T093005Z"), Some(t));
        assert_eq!(Timestamp::parse("2026-02-10T09:30:05Z"), Some(t));
        assert_eq!(Timestamp::parse("2026-02-10T11:30:05+02:00"), Some(t));
        assert_eq!(Timestamp::parse("2026-02-10T09:30:05.123Z"), Some(t));
        assert_eq!(Timestamp::from_unix_seconds(0).to_tmx(), "19700101T000000Z");
        assert_eq!(Timestamp::parse("20240229T000000Z").map(Timestamp::to_tmx).as_deref(), Some("20240229T000000Z"));
        assert_eq!(Timestamp::parse("20250229T000000Z"), None);
        assert_eq!(Timestamp::parse("soon"), None);
        assert_eq!(t.to_string(), "2026-02-10 09:30 UTC");
    }

    #[test]
    fn exact_lookup_ignores_space_and_quotes_and_prefers_edits() {
        let mut m = Memory::new();
        m.add(entry("Ai tha: “Po”.", "He said: \"Yes\".", EntryOrigin::Machine { engine: "deepl".into() }, 1));
        m.add(entry("Ai tha:  \"Po\".", "He said: ‘yes’.", EntryOrigin::Human, 2));
        let hit = m.lookup(&tag("sq"), &tag("en"), " Ai tha: «Po». ").expect("found");
        assert_eq!((hit.entry.target.as_str(), hit.score), ("He said: ‘yes’.", 100));
        m.record_edit(
            &Edit {
                source_language: tag("sq"),
                target_language: tag("en"),
                source: "Ai tha: \"Po\".".into(),
                target: "He said yes.".into(),
                document: None,
                replaces: None,
                author: None,
            },
            at(3),
        );
        let hit = m.lookup(&tag("sq"), &tag("en"), "Ai tha: “Po”.").expect("found");
        assert_eq!((hit.entry.target.as_str(), &hit.entry.origin), ("He said yes.", &EntryOrigin::Edited));
        // Other languages do not match; a script must agree.
        assert!(m.lookup(&tag("sq"), &tag("de"), "Ai tha: \"Po\".").is_none());
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn a_newer_edit_replaces_the_older_and_imports_do_not_undo_it() {
        let mut m = Memory::new();
        m.add(entry("Një.", "One.", EntryOrigin::Edited, 5));
        assert_eq!(m.add(entry("Një.", "One!", EntryOrigin::Edited, 6)), Added::Updated);
        assert_eq!(m.add(entry("Një.", "Uno.", EntryOrigin::Edited, 4)), Added::Unchanged);
        assert_eq!(m.add(entry("Një.", "One!", EntryOrigin::Human, 7)), Added::Updated);
        assert_eq!(m.add(entry("Një.", "One!", EntryOrigin::Human, 7)), Added::Unchanged);
        assert_eq!(m.len(), 1);
        assert_eq!(m.entries()[0].target, "One!");
        assert_eq!(m.entries()[0].origin, EntryOrigin::Edited);
        // Engine output of the same engine is replaced; another engine's is kept beside it.
        m.add(entry("Dy.", "Two.", EntryOrigin::Machine { engine: "deepl".into() }, 1));
        m.add(entry("Dy.", "Two!", EntryOrigin::Machine { engine: "deepl".into() }, 2));
        m.add(entry("Dy.", "Deux.", EntryOrigin::Machine { engine: "libretranslate".into() }, 2));
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn fuzzy_lookup_scores_and_threshold() {
        let mut m = Memory::new();
        m.add(entry(
            "Ministrat e Mbrojtjes do të mblidhen më 12 shkurt në Bruksel.",
            "Defence Ministers will meet on 12 February in Brussels.",
            EntryOrigin::Human,
            1,
        ));
        m.add(entry("Diçka krejt tjetër.", "Something else entirely.", EntryOrigin::Human, 1));
        let hit = m
            .lookup(&tag("sq"), &tag("en"), "Ministrat e Mbrojtjes do të mblidhen më 13 shkurt në Bruksel.")
            .expect("fuzzy");
        assert!((90..100).contains(&hit.score), "{}", hit.score);
        assert_eq!(hit.entry.target, "Defence Ministers will meet on 12 February in Brussels.");
        assert!(m.lookup(&tag("sq"), &tag("en"), "Ministrat e Jashtëm takohen në Tiranë sot.").is_none());
        assert_eq!(similarity("abcd", "abcd"), 100);
        assert_eq!(similarity("abcd", "abce"), 75);
    }

    #[test]
    fn replacing_a_stale_edit_flags_the_old_one() {
        let mut m = Memory::new();
        let edit = |src: &str, tgt: &str, replaces: Option<&str>| Edit {
            source_language: tag("sq"),
            target_language: tag("en"),
            source: src.into(),
            target: tgt.into(),
            document: Some("doc".into()),
            replaces: replaces.map(String::from),
            author: Some("analyst".into()),
        };
        m.record_edit(&edit("Takimi është më 12 shkurt.", "The meeting is on 12 February.", None), at(1));
        m.record_edit(
            &edit("Takimi është më 13 shkurt.", "The meeting is on 13 February.", Some("Takimi është më 12 shkurt.")),
            at(2),
        );
        assert_eq!(m.len(), 2);
        assert!(m.entries()[0].stale);
        assert!(!m.entries()[1].stale);
        assert_eq!(m.entries()[1].creator.as_deref(), Some("analyst"));
    }

    #[test]
    fn memory_beside_the_corpus_or_where_the_brief_says() {
        let mut brief = Brief::new("T", "sources");
        assert_eq!(memory_path(Path::new("briefs/b.toml"), &brief), PathBuf::from("briefs/sources.memory.tmx"));
        brief.brief.corpus = "../corpus/./news/".into();
        assert_eq!(memory_path(Path::new("briefs/b.toml"), &brief), PathBuf::from("corpus/news.memory.tmx"));
        brief.brief.corpus = ".".into();
        assert_eq!(memory_path(Path::new("/w/briefs/b.toml"), &brief), PathBuf::from("/w/briefs.memory.tmx"));
        brief.brief.memory = "tm/nato.tmx".into();
        assert_eq!(memory_path(Path::new("briefs/b.toml"), &brief), PathBuf::from("briefs/tm/nato.tmx"));
        assert_eq!(fixes_path(Path::new("briefs/sources.memory.tmx")), PathBuf::from("briefs/sources.alignments.toml"));
        assert_eq!(fixes_path(Path::new("tm/nato.tmx")), PathBuf::from("tm/nato.alignments.toml"));
        assert_eq!(
            dictionary_path(Path::new("briefs/sources.memory.tmx"), &tag("sq-AL"), &tag("en")),
            PathBuf::from("briefs/sources.sq-en.dictionary.tsv")
        );
    }
}
