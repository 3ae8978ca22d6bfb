//! Sentence alignments kept between builds.
//!
//! Aligning an original with its human translation is most of what resolving a long brief
//! costs, and its inputs rarely change between two builds. The workspace gives the memory a
//! store in the corpus's cache folder (never inside the corpus or the brief's folder); each
//! alignment is kept there under a digest of everything it depends on: both documents'
//! sentences, paragraphs and languages, the bilingual dictionary, the analyst's fixes that
//! apply, the aligner's parameters and the briefbook build. A stored alignment is therefore
//! exactly the one aligning again would give; one that does not fit its documents (a file
//! damaged or cut short) is ignored and aligned again.
//!
//! The store is emptied whenever the corpus cache is refreshed, which bounds its size.

use std::path::PathBuf;

use super::align::{AlignParams, Bead, Side};
use super::dictionary::Dictionary;

/// Bumped when the stored form or the meaning of a stored alignment changes.
const FORMAT: u32 = 1;

/// A folder of stored alignments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AlignmentStore {
    dir: PathBuf,
    /// What identifies the briefbook build (see [`AlignmentStore::new`]).
    build: String,
}

/// What an alignment is stored under: a digest of its inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoreKey(String);

impl AlignmentStore {
    /// A store in `dir` (created when the first alignment is written) for the briefbook
    /// build `build` (its version, data and executable: alignments of another build are
    /// never used).
    pub(crate) fn new(dir: PathBuf, build: String) -> AlignmentStore {
        AlignmentStore { dir, build }
    }

    /// The key of aligning `source` with `target` with these inputs.
    pub(crate) fn key(
        &self,
        source: &Side<'_>,
        target: &Side<'_>,
        dictionary: Option<&Dictionary>,
        forced: &[Bead],
        params: &AlignParams,
    ) -> StoreKey {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(FORMAT.to_le_bytes());
        h.update(self.build.as_bytes());
        h.update(format!("{params:?}").as_bytes());
        for side in [source, target] {
            h.update(b"\x01");
            h.update(side.language.to_string().as_bytes());
            h.update((side.sentences.len() as u64).to_le_bytes());
            for s in side.sentences {
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            for p in side.paragraphs {
                h.update((p.start as u64).to_le_bytes());
                h.update((p.end as u64).to_le_bytes());
            }
        }
        h.update(b"\x02");
        if let Some(d) = dictionary {
            h.update(d.fingerprint().to_le_bytes());
        }
        h.update(b"\x03");
        for b in forced {
            for v in [b.source.start, b.source.end, b.target.start, b.target.end] {
                h.update((v as u64).to_le_bytes());
            }
        }
        StoreKey(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    fn path(&self, key: &StoreKey) -> PathBuf {
        self.dir.join(format!("{}.beads", key.0))
    }

    /// The stored alignment of `key` for `sources` and `targets` sentences; None when there
    /// is none, or when what is stored does not cover both sides bead after bead.
    pub(crate) fn get(&self, key: &StoreKey, sources: usize, targets: usize) -> Option<Vec<Bead>> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let mut beads = Vec::new();
        let (mut s, mut t) = (0, 0);
        for line in text.lines() {
            let mut n = line.split(' ').map(|v| v.parse::<usize>().ok());
            let (Some(Some(sl)), Some(Some(tl)), None) = (n.next(), n.next(), n.next()) else { return None };
            if sl + tl == 0 || sl > sources - s || tl > targets - t {
                return None;
            }
            beads.push(Bead::new(s..s + sl, t..t + tl));
            (s, t) = (s + sl, t + tl);
        }
        (s == sources && t == targets).then_some(beads)
    }

    /// Keeps `beads` under `key`. Best effort: a store that cannot be written only means
    /// aligning again next time. The file appears whole or not at all (written aside, then
    /// renamed).
    pub(crate) fn put(&self, key: &StoreKey, beads: &[Bead]) {
        let mut text = String::with_capacity(beads.len() * 6);
        for b in beads {
            text.push_str(&format!("{} {}\n", b.source.len(), b.target.len()));
        }
        let _ = crate::fsutil::write_cache_file(&self.path(key), text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LanguageTag;

    fn side<'a>(sentences: &'a [&'a str], paragraphs: &'a [std::ops::Range<usize>], lang: &'a LanguageTag) -> Side<'a> {
        Side { sentences, paragraphs, language: lang }
    }

    #[test]
    fn a_stored_alignment_comes_back_only_for_the_same_inputs_and_whole() {
        let dir = tempfile::tempdir().expect("temp");
        let store = AlignmentStore::new(dir.path().join("alignments"), "test build".into());
        let (sq, en): (LanguageTag, LanguageTag) = ("sq".parse().expect("sq"), "en".parse().expect("en"));
        let src = ["Ministrat u takuan.", "Samiti fillon nesër.", "Ai foli."];
        let tgt = ["The ministers met.", "The summit starts tomorrow. He spoke."];
        let sp = vec![std::ops::Range { start: 0, end: 3 }];
        let tp = [0..1, 1..2];
        let params = AlignParams::default();
        let key = store.key(&side(&src, &sp, &sq), &side(&tgt, &tp, &en), None, &[], &params);
        assert_eq!(store.get(&key, 3, 2), None, "nothing stored yet");
        let beads = vec![Bead::new(0..1, 0..1), Bead::new(1..3, 1..2)];
        store.put(&key, &beads);
        assert_eq!(store.get(&key, 3, 2), Some(beads.clone()));
        // Counts that do not fit what is stored: aligned again.
        assert_eq!(store.get(&key, 4, 2), None);
        assert_eq!(store.get(&key, 3, 1), None);

        // Any input changed gives another key.
        let other_text = ["Ministrat u takuan.", "Samiti fillon sot.", "Ai foli."];
        let forced = [Bead::new(0..1, 0..1)];
        let mut dictionary = Dictionary::default();
        dictionary.insert("samiti".into(), "summit".into());
        let others = [
            store.key(&side(&other_text, &sp, &sq), &side(&tgt, &tp, &en), None, &[], &params),
            store.key(&side(&src, &[0..1, 1..3], &sq), &side(&tgt, &tp, &en), None, &[], &params),
            store.key(&side(&src, &sp, &en), &side(&tgt, &tp, &en), None, &[], &params),
            store.key(&side(&src, &sp, &sq), &side(&tgt, &tp, &en), Some(&dictionary), &[], &params),
            store.key(&side(&src, &sp, &sq), &side(&tgt, &tp, &en), None, &forced, &params),
            store.key(
                &side(&src, &sp, &sq),
                &side(&tgt, &tp, &en),
                None,
                &[],
                &AlignParams { cost_1_0: params.cost_1_0 + 1.0, ..params.clone() },
            ),
            AlignmentStore::new(dir.path().join("alignments"), "another build".into()).key(
                &side(&src, &sp, &sq),
                &side(&tgt, &tp, &en),
                None,
                &[],
                &params,
            ),
        ];
        for (i, k) in others.iter().enumerate() {
            assert_ne!(k, &key, "input {i} changed");
        }
        let mut reversed_pair = Dictionary::default();
        reversed_pair.insert("summit".into(), "samiti".into());
        assert_ne!(dictionary.fingerprint(), reversed_pair.fingerprint());
        assert_ne!(dictionary.fingerprint(), dictionary.reversed().fingerprint());

        // A damaged file is not used.
        for damaged in ["1 1\n2 1\n", "1 1\n", "1 1\n0 0\n2 1\n", "1 1\nx 1\n", "1 1\n2 1 7\n", "1 1\n9 9\n"] {
            std::fs::write(store.path(&key), damaged).expect("write");
            let want = (damaged == "1 1\n2 1\n").then(|| beads.clone());
            assert_eq!(store.get(&key, 3, 2), want, "{damaged:?}");
        }
    }

    #[test]
    fn an_unwritable_store_only_aligns_again() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("a file");
        std::fs::write(&file, "").expect("write");
        let store = AlignmentStore::new(file.join("alignments"), "b".into());
        let key = StoreKey("00".into());
        store.put(&key, &[Bead::new(0..1, 0..1)]);
        assert_eq!(store.get(&key, 1, 1), None);
    }
}
