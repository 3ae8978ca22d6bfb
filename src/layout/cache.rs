//! A cache of words read from every thread that sets pages: what a word shapes to, where
//! it may be hyphenated.
//!
//! Nearly every lookup finds its word, so the cost that matters is the lock: one lock
//! for the whole cache, even a read lock, is a counter that every lookup on every core
//! writes, and the cores pass its cache line back and forth (half the time of a lookup on
//! the benchmark brief). The words are spread over shards, each with its own lock on its
//! own cache line, so two threads rarely touch the same one.

use std::collections::HashMap;
use std::hash::{BuildHasher as _, BuildHasherDefault};
use std::sync::RwLock;

/// A fast hasher for the shaping caches (FxHash): keys are short strings and small
/// tuples, hashed millions of times for a long book; no untrusted keys reach a hash flood.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }

    fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }

    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SHARDS: usize = 64;

/// Values by a small number (a namespace: face role and language, say) and a word.
pub(crate) struct WordCache<V> {
    shards: Box<[Shard<V>]>,
}

/// One shard, alone on its cache line (128 bytes: two lines are fetched together on x86).
#[repr(align(128))]
struct Shard<V>(RwLock<FxMap<u32, FxMap<Box<str>, V>>>);

impl<V> Default for WordCache<V> {
    fn default() -> Self {
        WordCache { shards: (0..SHARDS).map(|_| Shard(RwLock::default())).collect() }
    }
}

impl<V> WordCache<V> {
    fn shard(&self, word: &str) -> &RwLock<FxMap<u32, FxMap<Box<str>, V>>> {
        let hash = BuildHasherDefault::<FxHasher>::default().hash_one(word);
        // The high bits: FxHash mixes its last input into them.
        &self.shards[(hash >> 58) as usize % SHARDS].0
    }

    /// `read` of the value stored for `word` in `space`, if any.
    pub(crate) fn get<R>(&self, space: u32, word: &str, read: impl FnOnce(&V) -> R) -> Option<R> {
        let shard = self.shard(word).read().unwrap_or_else(std::sync::PoisonError::into_inner);
        shard.get(&space).and_then(|words| words.get(word)).map(read)
    }

    /// Stores `value` for `word` in `space` (replacing what another thread may have
    /// stored meanwhile: the same value).
    pub(crate) fn insert(&self, space: u32, word: &str, value: V) {
        let mut shard = self.shard(word).write().unwrap_or_else(std::sync::PoisonError::into_inner);
        shard.entry(space).or_default().insert(word.into(), value);
    }

    /// Calls `f` with every space, word and value, shard by shard (in no set order).
    pub(crate) fn for_each(&self, mut f: impl FnMut(u32, &str, &V)) {
        for shard in &self.shards {
            let shard = shard.0.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            for (&space, words) in shard.iter() {
                for (word, value) in words {
                    f(space, word, value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_kept_apart_by_space_and_found_from_other_threads() {
        let cache: WordCache<usize> = WordCache::default();
        cache.insert(1, "word", 10);
        cache.insert(2, "word", 20);
        assert_eq!(cache.get(1, "word", |v| *v), Some(10));
        assert_eq!(cache.get(2, "word", |v| *v), Some(20));
        assert_eq!(cache.get(3, "word", |v| *v), None);
        assert_eq!(cache.get(1, "other", |v| *v), None);
        std::thread::scope(|s| {
            for t in 0..4 {
                let cache = &cache;
                s.spawn(move || {
                    for i in 0..500 {
                        let w = format!("w{i}");
                        if cache.get(t, &w, |v| *v).is_none() {
                            cache.insert(t, &w, i + t as usize);
                        }
                        assert_eq!(cache.get(t, &w, |v| *v), Some(i + t as usize));
                    }
                });
            }
        });
    }
}
