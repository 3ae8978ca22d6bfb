//! The analyst's alignment fixes: rows merged, split or paired anew, kept so that they
//! survive every rebuild.
//!
//! A fix names the two documents (original and translation) and a run of consecutive
//! beads: the hashes of its original sentences, the hashes of its translation sentences,
//! and the sizes of the beads in order. Hashes (the first 64 bits of the MD5 of the
//! normalised sentence) find the run again after the documents are edited elsewhere; a fix
//! whose sentences are gone no longer applies but is kept. When fixes overlap, the later
//! one wins.
//!
//! The file is TOML beside the memory (`sources.alignments.toml` next to
//! `sources.memory.tmx`), written atomically with the memory:
//!
//! ```toml
//! format = 1
//!
//! [[fix]]
//! original = "telegrafi-2026-02-nato-defence-ministers"
//! translation = "telegrafi-2026-02-nato-defence-ministers-en"
//! original_sentences = ["5c0b6a1f2e3d4c5b", "0f1e2d3c4b5a6978"]
//! translation_sentences = ["a1b2c3d4e5f60718"]
//! beads = [[2, 1]]
//! ```

use std::ops::Range;

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

use crate::translate::align::Bead;
use crate::translate::text::normalize;

/// The hash that identifies a sentence in a fix.
pub(crate) fn sentence_hash(sentence: &str) -> String {
    let digest = Md5::digest(normalize(sentence).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// One fix: a run of beads between two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// Id of the original document.
    pub original: String,
    /// Id of the translation document.
    pub translation: String,
    /// Hashes of the original sentences of the run, in order.
    pub original_sentences: Vec<String>,
    /// Hashes of the translation sentences of the run, in order.
    pub translation_sentences: Vec<String>,
    /// The beads of the run in order, as (original sentences, translation sentences).
    pub beads: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixesFile {
    format: u32,
    #[serde(default, rename = "fix", skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

/// Why a fix cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// A row number past the end.
    #[error("there is no row {row}; the alignment has {rows} rows")]
    NoRow {
        /// The row asked for (from 0).
        row: usize,
        /// How many rows there are.
        rows: usize,
    },
    /// The new beads do not cover the rows' sentences in order.
    #[error("the new rows must hold the same sentences, in order, each at least on one side")]
    Mismatch,
    /// A split point outside the row.
    #[error(
        "a row with {original} original and {translated} translated sentence(s) cannot be split after {at_source} and {at_target}"
    )]
    BadSplit {
        /// Original sentences in the row.
        original: usize,
        /// Translated sentences in the row.
        translated: usize,
        /// Split point in the original.
        at_source: usize,
        /// Split point in the translation.
        at_target: usize,
    },
}

/// All fixes, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlignmentFixes {
    fixes: Vec<Fix>,
}

/// Finds `needle` in `hay` as a contiguous run at or after `from`.
fn find_run(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    (from..=hay.len().checked_sub(needle.len())?).find(|&i| hay[i..i + needle.len()] == *needle)
}

impl AlignmentFixes {
    /// No fixes.
    pub fn new() -> AlignmentFixes {
        AlignmentFixes::default()
    }

    /// Whether there are none.
    pub(crate) fn is_empty(&self) -> bool {
        self.fixes.is_empty()
    }

    /// All fixes, oldest first.
    pub(crate) fn fixes(&self) -> &[Fix] {
        &self.fixes
    }

    /// Parses the fixes file's text; an error has its position when it has one.
    pub(crate) fn from_toml(text: &str) -> Result<AlignmentFixes, (Option<crate::diag::Pos>, String)> {
        let file: FixesFile = toml::from_str(text)
            .map_err(|e| (e.span().map(|s| crate::diag::Pos::of_offset(text, s.start)), e.message().to_string()))?;
        if file.format > 1 {
            return Err((
                None,
                format!("format {} was written by a newer briefbook; this one reads format 1", file.format),
            ));
        }
        for (i, f) in file.fixes.iter().enumerate() {
            let (s, t) = f.beads.iter().fold((0, 0), |(s, t), b| (s + b[0], t + b[1]));
            if s != f.original_sentences.len()
                || t != f.translation_sentences.len()
                || f.beads.iter().any(|b| b == &[0, 0])
            {
                return Err((
                    None,
                    format!("fix {} (`{}`): its beads do not add up to its sentences", i + 1, f.original),
                ));
            }
        }
        Ok(AlignmentFixes { fixes: file.fixes })
    }

    /// The file's text.
    pub(crate) fn to_toml(&self) -> String {
        let file = FixesFile { format: 1, fixes: self.fixes.clone() };
        let body = toml::to_string(&file).unwrap_or_else(|e| format!("# could not serialise: {e}\n"));
        format!(
            "# Alignment fixes made in briefbook: which sentences of an original stand with which\n# sentences of its translation. Sentences are named by a hash of their text.\n{body}"
        )
    }

    /// Adds a fix; older fixes of the same documents that overlap it are dropped.
    pub(crate) fn record(&mut self, fix: Fix, source: &[String], target: &[String]) {
        if let Some((s, t)) = locate(&fix, source, target) {
            self.fixes.retain(|old| {
                old.original != fix.original
                    || old.translation != fix.translation
                    || locate(old, source, target).is_none_or(|(os, ot)| !(overlap(&os, &s) || overlap(&ot, &t)))
            });
        }
        self.fixes.push(fix);
    }

    /// The forced beads for two documents whose sentences hash to `source` and `target`:
    /// every fix that still finds its sentences, later fixes winning over earlier ones they
    /// overlap or cross, in order.
    pub(crate) fn beads_for(
        &self,
        original: &str,
        translation: &str,
        source: &[String],
        target: &[String],
    ) -> Vec<Bead> {
        let mut runs: Vec<(Range<usize>, Range<usize>, &Fix)> = Vec::new();
        for fix in self.fixes.iter().rev().filter(|f| f.original == original && f.translation == translation) {
            let Some((s, t)) = locate(fix, source, target) else { continue };
            // A run must not overlap or cross a later one.
            let fits = runs.iter().all(|(os, ot, _)| {
                (s.end <= os.start && t.end <= ot.start) || (s.start >= os.end && t.start >= ot.end)
            });
            if fits {
                runs.push((s, t, fix));
            }
        }
        runs.sort_by_key(|(s, t, _)| (s.start, t.start));
        let mut beads = Vec::new();
        for (s, t, fix) in runs {
            let (mut i, mut j) = (s.start, t.start);
            for b in &fix.beads {
                beads.push(Bead::new(i..i + b[0], j..j + b[1]));
                i += b[0];
                j += b[1];
            }
        }
        beads
    }

    /// How many fixes of these documents no longer find their sentences.
    pub(crate) fn unmatched(&self, original: &str, translation: &str, source: &[String], target: &[String]) -> usize {
        self.fixes
            .iter()
            .filter(|f| f.original == original && f.translation == translation && locate(f, source, target).is_none())
            .count()
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Where a fix's sentences are now: the source and target ranges of its run.
fn locate(fix: &Fix, source: &[String], target: &[String]) -> Option<(Range<usize>, Range<usize>)> {
    let s = find_run(source, &fix.original_sentences, 0)?;
    let t = find_run(target, &fix.translation_sentences, 0)?;
    Some((s..s + fix.original_sentences.len(), t..t + fix.translation_sentences.len()))
}

/// Makes the fix that replaces `rows` (consecutive beads of `beads`, which cover two
/// documents with sentence hashes `source` and `target`) by `new` beads over the same
/// sentences.
pub(crate) fn make_fix(
    original: &str,
    translation: &str,
    beads: &[Bead],
    rows: Range<usize>,
    new: &[Bead],
    source: &[String],
    target: &[String],
) -> Result<Fix, FixError> {
    if rows.is_empty() || rows.end > beads.len() {
        return Err(FixError::NoRow { row: rows.end.saturating_sub(1).max(rows.start), rows: beads.len() });
    }
    let s = beads[rows.start].source.start..beads[rows.end - 1].source.end;
    let t = beads[rows.start].target.start..beads[rows.end - 1].target.end;
    // The new beads must tile the same ranges in order, none empty on both sides.
    let (mut i, mut j) = (s.start, t.start);
    for b in new {
        if b.source.start != i || b.target.start != j || (b.source.is_empty() && b.target.is_empty()) {
            return Err(FixError::Mismatch);
        }
        i = b.source.end;
        j = b.target.end;
    }
    if (i, j) != (s.end, t.end) || s.is_empty() || t.is_empty() {
        return Err(FixError::Mismatch);
    }
    Ok(Fix {
        original: original.to_string(),
        translation: translation.to_string(),
        original_sentences: source[s].to_vec(),
        translation_sentences: target[t].to_vec(),
        beads: new.iter().map(|b| [b.source.len(), b.target.len()]).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(n: usize, prefix: &str) -> Vec<String> {
        (0..n).map(|i| sentence_hash(&format!("{prefix} {i}"))).collect()
    }

    #[test]
    fn hash_ignores_spacing_and_quotes() {
        assert_eq!(sentence_hash(" Ai tha “po”. "), sentence_hash("Ai tha \"po\"."));
        assert_eq!(sentence_hash("a").len(), 16);
        assert_ne!(sentence_hash("a"), sentence_hash("b"));
    }

    #[test]
    fn fixes_find_their_sentences_again_and_later_ones_win() {
        let (src, tgt) = (hashes(6, "s"), hashes(6, "t"));
        let beads: Vec<Bead> = (0..6).map(|i| Bead::new(i..i + 1, i..i + 1)).collect();
        // Merge rows 1 and 2.
        let merged = make_fix("o", "t", &beads, 1..3, &[Bead::new(1..3, 1..3)], &src, &tgt).expect("fix");
        let mut fixes = AlignmentFixes::new();
        fixes.record(merged, &src, &tgt);
        assert_eq!(fixes.beads_for("o", "t", &src, &tgt), [Bead::new(1..3, 1..3)]);
        // Two sentences inserted before: the fix moves with its sentences.
        let mut src2 = hashes(2, "new");
        src2.extend(src.iter().cloned());
        assert_eq!(fixes.beads_for("o", "t", &src2, &tgt), [Bead::new(3..5, 1..3)]);
        // A later fix over the same rows replaces it.
        let split =
            make_fix("o", "t", &beads, 1..3, &[Bead::new(1..2, 1..1), Bead::new(2..3, 1..3)], &src, &tgt).expect("fix");
        fixes.record(split, &src, &tgt);
        assert_eq!(fixes.fixes().len(), 1);
        assert_eq!(fixes.beads_for("o", "t", &src, &tgt), [Bead::new(1..2, 1..1), Bead::new(2..3, 1..3)]);
        // Other documents have none; a changed sentence unmatches the fix.
        assert!(fixes.beads_for("o", "x", &src, &tgt).is_empty());
        let mut changed = src.clone();
        changed[2] = sentence_hash("changed");
        assert!(fixes.beads_for("o", "t", &changed, &tgt).is_empty());
        assert_eq!(fixes.unmatched("o", "t", &changed, &tgt), 1);
        // Through the file and back.
        let again = AlignmentFixes::from_toml(&fixes.to_toml()).expect("parses");
        assert_eq!(again, fixes);
    }

    #[test]
    fn bad_fixes_and_files_are_refused() {
        let (src, tgt) = (hashes(3, "s"), hashes(3, "t"));
        let beads: Vec<Bead> = (0..3).map(|i| Bead::new(i..i + 1, i..i + 1)).collect();
        assert_eq!(make_fix("o", "t", &beads, 2..4, &[], &src, &tgt), Err(FixError::NoRow { row: 3, rows: 3 }));
        assert_eq!(make_fix("o", "t", &beads, 0..2, &[Bead::new(0..1, 0..2)], &src, &tgt), Err(FixError::Mismatch));
        let e = AlignmentFixes::from_toml("format = 1\n[[fix]]\noriginal = \"o\"\ntranslation = \"t\"\noriginal_sentences = []\ntranslation_sentences = []\nbeads = [[1, 0]]\n").expect_err("bad");
        assert!(e.1.contains("do not add up"), "{e:?}");
        let e = AlignmentFixes::from_toml("format = 1\n[[fix]]\noriginal = 3\n").expect_err("bad");
        assert_eq!(e.0, Some(crate::diag::Pos { line: 3, col: 12 }), "{e:?}");
        assert!(AlignmentFixes::from_toml("format = 2\n").expect_err("newer").1.contains("newer"));
    }
}
