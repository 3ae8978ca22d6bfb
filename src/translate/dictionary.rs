//! A bilingual dictionary for the aligner: word pairs that, when both turn up in a
//! candidate pair of sentences, count as evidence that they translate each other.
//!
//! The file is UTF-8 text, one pair per line: the source-language word or phrase, a tab, the
//! target-language word or phrase. Lines starting with `#` and blank lines are ignored.
//! Words are compared in lower case; an entry also matches longer forms of the word (up to
//! four more letters: `ministr` matches `ministrat`), so stems work as entries. A phrase is
//! looked up by its longest word.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::translate::text;

/// A bilingual word list (see the module documentation for the file format).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    source: HashMap<String, Vec<u32>>,
    target: HashMap<String, Vec<u32>>,
    entries: u32,
    /// A digest of the pairs in the order they were added (see [`Dictionary::fingerprint`]).
    fingerprint: u64,
}

/// Which language of the dictionary a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DictionarySide {
    /// The first column.
    Source,
    /// The second column.
    Target,
}

/// A dictionary file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DictionaryError {
    /// The file could not be read.
    #[error("cannot read the dictionary {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not `word<TAB>word`.
    #[error("{}:{line}: expected `source word<TAB>target word`, found `{text}`", path.display())]
    Line {
        /// The file.
        path: PathBuf,
        /// Line number from 1.
        line: usize,
        /// The line.
        text: String,
    },
}

/// A digest of a dictionary's pairs in the order they were added: `state` with one more.
fn fold(state: u64, source: &str, target: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (state, source, target).hash(&mut h);
    h.finish()
}

/// The longest word of an entry's side, lower-case; None for an entry without letters.
fn key_of(phrase: &str) -> Option<String> {
    text::words(phrase).map(|(_, w)| w).max_by_key(|w| w.chars().count()).map(str::to_lowercase)
}

impl Dictionary {
    /// Reads a dictionary file.
    pub(crate) fn load(path: &Path) -> Result<Dictionary, DictionaryError> {
        let bytes = std::fs::read(path).map_err(|source| DictionaryError::Read { path: path.into(), source })?;
        let text = String::from_utf8(bytes).map_err(|e| DictionaryError::Read {
            path: path.into(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        })?;
        Dictionary::parse(&text).map_err(|(line, text)| DictionaryError::Line { path: path.into(), line, text })
    }

    /// Parses dictionary text; a bad line is returned as (line number, line).
    pub(crate) fn parse(text: &str) -> Result<Dictionary, (usize, String)> {
        let mut dict = Dictionary::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((s, t)) = line.split_once('\t') else { return Err((i + 1, line.to_string())) };
            let (Some(s), Some(t)) = (key_of(s), key_of(t)) else { return Err((i + 1, line.to_string())) };
            dict.insert(s, t);
        }
        Ok(dict)
    }

    /// Adds a pair of words.
    pub(crate) fn insert(&mut self, source: String, target: String) {
        let id = self.entries;
        self.entries += 1;
        let (source, target) = (source.to_lowercase(), target.to_lowercase());
        self.fingerprint = fold(self.fingerprint, &source, &target);
        self.source.entry(source).or_default().push(id);
        self.target.entry(target).or_default().push(id);
    }

    /// What the dictionary holds, as a number: equal for dictionaries of the same pairs
    /// added in the same order (what a stored alignment depends on).
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Number of entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries as usize
    }

    /// The same dictionary read the other way round (target words become source words).
    pub(crate) fn reversed(&self) -> Dictionary {
        Dictionary {
            source: self.target.clone(),
            target: self.source.clone(),
            entries: self.entries,
            fingerprint: fold(self.fingerprint, "reversed", ""),
        }
    }

    /// The entries a word of the given side matches: the word itself in lower case, or an
    /// entry it starts with that is at least four letters long and at most four shorter.
    pub(crate) fn lookup(&self, word: &str, side: DictionarySide) -> Vec<u32> {
        let map = match side {
            DictionarySide::Source => &self.source,
            DictionarySide::Target => &self.target,
        };
        let lower = word.to_lowercase();
        if let Some(ids) = map.get(&lower) {
            return ids.clone();
        }
        let ends: Vec<usize> = lower.char_indices().map(|(i, _)| i).skip(4).collect();
        for &end in ends.iter().rev().take(4) {
            if let Some(ids) = map.get(&lower[..end]) {
                return ids.clone();
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_stems() {
        let d = Dictionary::parse(
            "# sq\ten\nministr\tminister\nmbrojtje\tdefence\n\nSekretari i Përgjithshëm\tSecretary General\n",
        )
        .expect("parses");
        assert_eq!(d.len(), 3);
        assert_eq!(d.lookup("Ministrat", DictionarySide::Source), d.lookup("minister", DictionarySide::Target));
        assert_eq!(d.lookup("mbrojtjes", DictionarySide::Source), vec![1]);
        assert_eq!(d.lookup("përgjithshëm", DictionarySide::Source), vec![2]);
        assert!(d.lookup("min", DictionarySide::Source).is_empty());
        assert_eq!(d.reversed().lookup("defence", DictionarySide::Source), vec![1]);
    }

    #[test]
    fn bad_line_is_reported_with_its_number() {
        assert_eq!(Dictionary::parse("a\tb\nno tab here\n").err(), Some((2, "no tab here".to_string())));
    }
}
