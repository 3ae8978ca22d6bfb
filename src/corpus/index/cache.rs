//! The corpus cache: the analysed corpus and its search index, kept in the user's cache
//! folder (`$XDG_CACHE_HOME/briefbook` or `~/.cache/briefbook`), one folder per corpus
//! named by a hash of the corpus folder's canonical path. Never inside the corpus: it may
//! be read-only.
//!
//! A manifest lists every file of the corpus folder with its size and modification time,
//! plus the briefbook build that wrote it. Opening a corpus compares the manifest with the
//! folder: when nothing changed, the analysed corpus is read back (JSON) and the index is
//! opened as it is; otherwise the corpus is read and analysed again and both are rewritten.
//! The manifest is written last, so an interrupted refresh is redone next time.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::corpus::index::search::{SearchError, SearchIndex};
use crate::corpus::{Corpus, CorpusError, DiskFiles, Files, Problem};
use crate::diag::{Diagnostic, Pos, Severity};
use crate::model::{Document, Event, KeyFigure, Topic};

/// Bumped whenever the cached data's shape or meaning changes.
const FORMAT: u32 = 3;

/// Documents per chunk file of the cache.
const CHUNK: usize = 1000;

fn chunk_path(dir: &Path, k: usize) -> PathBuf {
    dir.join(format!("documents-{k}.json"))
}

/// Reads the cached corpus, the document chunks in parallel.
fn read_cached(dir: &Path) -> Option<Cached> {
    use rayon::prelude::*;
    let mut cached: Cached = serde_json::from_slice(&std::fs::read(dir.join("corpus.json")).ok()?).ok()?;
    let chunks: Option<Vec<Vec<Document>>> = (0..cached.chunks)
        .into_par_iter()
        .map(|k| serde_json::from_slice(&std::fs::read(chunk_path(dir, k)).ok()?).ok())
        .collect();
    cached.documents = chunks?.into_iter().flatten().collect();
    Some(cached)
}

/// Writes the cached corpus (each file atomically).
fn write_cached(dir: &Path, cached: &Cached) -> Result<(), String> {
    for (k, chunk) in cached.documents.chunks(CHUNK).enumerate() {
        let path = chunk_path(dir, k);
        let json = serde_json::to_vec(chunk).map_err(|e| e.to_string())?;
        crate::fsutil::write_atomic(&path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let path = dir.join("corpus.json");
    let json = serde_json::to_vec(cached).map_err(|e| e.to_string())?;
    crate::fsutil::write_atomic(&path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// How to open a corpus.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The cache folder to use instead of the user's (tests, benchmarks).
    pub cache_root: Option<PathBuf>,
    /// Whether to open (or build) the search index too.
    pub index: bool,
    /// Whether symbolic links in the folder may lead out of it.
    pub allow_outside: bool,
}

/// A corpus opened through the cache.
#[derive(Debug)]
pub struct Opened {
    /// The analysed corpus.
    pub corpus: Corpus,
    /// The search index, when asked for.
    pub index: Option<SearchIndex>,
    /// Whether the corpus came from the cache unchanged.
    pub warm: bool,
    /// The cache folder of this corpus, when there is one.
    pub cache_dir: Option<PathBuf>,
    /// Why the cache could not be used, if it could not (the corpus is still there).
    pub cache_problem: Option<String>,
}

/// The user's cache folder for briefbook.
pub(crate) fn default_root() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("briefbook"))
}

/// The cache folder of the corpus at `root` under `cache_root`.
pub(crate) fn corpus_dir(cache_root: &Path, root: &Path) -> PathBuf {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let digest = hashing::hex(canonical.to_string_lossy().as_bytes());
    cache_root.join("corpora").join(digest)
}

mod hashing {
    use md5::{Digest, Md5};

    pub(super) fn hex(bytes: &[u8]) -> String {
        let mut h = Md5::new();
        h.update(bytes);
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What the cache was made from: the briefbook build, the folder, and a digest of every
/// file's path, size and modification time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    build: String,
    root: String,
    files: usize,
    digest: String,
}

/// The folder, inside a corpus's cache folder, where the translate layer keeps sentence
/// alignments between builds; emptied whenever the corpus cache is refreshed.
pub(crate) const ALIGNMENTS: &str = "alignments";

/// What identifies the briefbook that wrote a cache: version, built-in data, executable.
pub(crate) fn build_stamp() -> &'static str {
    static STAMP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STAMP.get_or_init(stamp_now)
}

fn stamp_now() -> String {
    let data = [
        crate::corpus::find::lexicon::GAZETTEER,
        crate::corpus::find::lexicon::PLACES,
        crate::corpus::find::lexicon::VOCABULARY,
        crate::corpus::find::lexicon::TOPICS,
        crate::corpus::text::segment::ABBREVIATIONS,
    ];
    let digest = hashing::hex(data.concat().as_bytes());
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{} {digest} {exe}", env!("CARGO_PKG_VERSION"))
}

fn manifest_of(root: &Path, allow_outside: bool) -> Result<Manifest, CorpusError> {
    let scanned = DiskFiles
        .scan(root, allow_outside)
        .map_err(|source| CorpusError::Folder { path: root.to_path_buf(), source })?;
    let paths = scanned.files;
    // What was left out, and whether links may lead outside, change the corpus too.
    let mut listing = format!("allow_outside {allow_outside}\n");
    for s in &scanned.skipped {
        listing.push_str(&format!("skipped {}\0{}\n", s.path.display(), s.reason));
    }
    let mut files = 0;
    for p in paths {
        let Ok(meta) = std::fs::metadata(&p) else { continue };
        let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy();
        listing.push_str(&format!("{rel}\0{}\0{mtime}\n", meta.len()));
        files += 1;
    }
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    Ok(Manifest {
        format: FORMAT,
        build: build_stamp().to_string(),
        root: canonical.to_string_lossy().into_owned(),
        files,
        digest: hashing::hex(listing.as_bytes()),
    })
}

/// A problem as the cache keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedProblem {
    id: Option<String>,
    error: bool,
    file: Option<PathBuf>,
    pos: Option<(usize, usize)>,
    message: String,
    hint: Option<String>,
}

/// The analysed corpus as cached: documents in chunk files read in parallel, the rest in
/// one file.
#[derive(Debug, Serialize, Deserialize)]
struct Cached {
    #[serde(skip)]
    documents: Vec<Document>,
    chunks: usize,
    events: Vec<Event>,
    #[serde(default)]
    found_events: Vec<Event>,
    topics: Vec<Topic>,
    figures: Vec<KeyFigure>,
    problems: Vec<CachedProblem>,
}

impl Cached {
    fn of(c: &Corpus) -> Cached {
        Cached {
            documents: c.documents.clone(),
            chunks: c.documents.len().div_ceil(CHUNK),
            events: c.events.clone(),
            found_events: c.found_events.clone(),
            topics: c.topics.clone(),
            figures: c.figures.clone(),
            problems: c
                .problems
                .iter()
                .map(|p| CachedProblem {
                    id: p.id.clone(),
                    error: p.diagnostic.is_error(),
                    file: p.diagnostic.file.clone(),
                    pos: p.diagnostic.pos.map(|p| (p.line, p.col)),
                    message: p.diagnostic.message.clone(),
                    hint: p.diagnostic.hint.clone(),
                })
                .collect(),
        }
    }

    fn into_corpus(self, root: &Path) -> Corpus {
        let problems = self
            .problems
            .into_iter()
            .map(|p| Problem {
                diagnostic: Diagnostic {
                    severity: if p.error { Severity::Error } else { Severity::Warning },
                    file: p.file,
                    pos: p.pos.map(|(line, col)| Pos { line, col }),
                    message: p.message,
                    hint: p.hint,
                    origin: crate::diag::Origin { document: p.id.clone(), ..Default::default() },
                },
                id: p.id,
            })
            .collect();
        let mut corpus =
            Corpus::from_parts(root.to_path_buf(), self.documents, problems, self.events, self.topics, self.figures);
        corpus.found_events = self.found_events;
        corpus
    }
}

/// Opens the corpus at `root` through the cache: warm when nothing changed, otherwise
/// read, analysed and cached again. When the cache folder cannot be used the corpus is
/// read all the same (and an index, if asked for, is built in memory).
pub fn open(root: &Path, options: &OpenOptions) -> Result<Opened, CorpusError> {
    let manifest = manifest_of(root, options.allow_outside)?;
    let Some(cache_root) = options.cache_root.clone().or_else(default_root) else {
        return cold(root, options, None, Some("no cache folder (HOME is not set)".into()));
    };
    let dir = corpus_dir(&cache_root, root);
    let manifest_path = dir.join("manifest.json");
    let index_path = dir.join("index");
    let unchanged = std::fs::read(&manifest_path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        .is_some_and(|m| m == manifest);
    if unchanged && let Some(cached) = read_cached(&dir) {
        let corpus = cached.into_corpus(root);
        let index = if options.index {
            match SearchIndex::open(&index_path) {
                Ok(i) => Some(i),
                Err(_) => Some(rebuild_index(&corpus, &index_path).map_err(|e| index_error(root, e))?),
            }
        } else {
            None
        };
        return Ok(Opened { corpus, index, warm: true, cache_dir: Some(dir), cache_problem: None });
    }
    // Changed or never seen: read, analyse, write the cache (manifest last).
    let corpus = crate::corpus::load_with(&DiskFiles, root, load_options(options))?;
    let written = (|| -> Result<Option<SearchIndex>, String> {
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // Remove the old manifest first: a crash from here on leaves the cache invalid.
        let _ = std::fs::remove_file(&manifest_path);
        // Alignments of the old texts (or of another build) are dropped with them.
        let _ = std::fs::remove_dir_all(dir.join(ALIGNMENTS));
        write_cached(&dir, &Cached::of(&corpus))?;
        let index = if options.index {
            Some(rebuild_index(&corpus, &index_path).map_err(|e| e.to_string())?)
        } else {
            let _ = std::fs::remove_dir_all(&index_path);
            None
        };
        let m = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
        crate::fsutil::write_atomic(&manifest_path, &m)
            .map_err(|e| format!("cannot write {}: {e}", manifest_path.display()))?;
        Ok(index)
    })();
    match written {
        Ok(index) => Ok(Opened { corpus, index, warm: false, cache_dir: Some(dir), cache_problem: None }),
        Err(problem) => {
            let index = if options.index {
                Some(SearchIndex::build(&corpus, None).map_err(|e| index_error(root, e))?)
            } else {
                None
            };
            Ok(Opened { corpus, index, warm: false, cache_dir: None, cache_problem: Some(problem) })
        }
    }
}

fn cold(
    root: &Path,
    options: &OpenOptions,
    dir: Option<PathBuf>,
    problem: Option<String>,
) -> Result<Opened, CorpusError> {
    let corpus = crate::corpus::load_with(&DiskFiles, root, load_options(options))?;
    let index =
        if options.index { Some(SearchIndex::build(&corpus, None).map_err(|e| index_error(root, e))?) } else { None };
    Ok(Opened { corpus, index, warm: false, cache_dir: dir, cache_problem: problem })
}

fn index_error(root: &Path, e: SearchError) -> CorpusError {
    CorpusError::Folder { path: root.to_path_buf(), source: std::io::Error::other(e.to_string()) }
}

/// Builds the index in a fresh folder beside `path` and puts it in place.
fn rebuild_index(corpus: &Corpus, path: &Path) -> Result<SearchIndex, SearchError> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    {
        let built = SearchIndex::build(corpus, Some(&tmp))?;
        drop(built);
    }
    let _ = std::fs::remove_dir_all(path);
    std::fs::rename(&tmp, path).map_err(|source| SearchError::Folder { path: path.display().to_string(), source })?;
    SearchIndex::open(path)
}

fn load_options(options: &OpenOptions) -> crate::corpus::LoadOptions {
    crate::corpus::LoadOptions { allow_outside: options.allow_outside }
}

/// Loads a corpus for a build: through the cache when the files are the real disk,
/// directly otherwise. The result is the same either way.
pub(crate) fn load_cached_with(
    files: &dyn Files,
    root: &Path,
    options: crate::corpus::LoadOptions,
) -> Result<Corpus, CorpusError> {
    if files.is_disk() {
        let options = OpenOptions { allow_outside: options.allow_outside, ..OpenOptions::default() };
        return open(root, &options).map(|o| o.corpus);
    }
    crate::corpus::load_with(files, root, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("write");
    }

    #[test]
    fn warm_reopen_gives_the_same_corpus_and_refreshes_on_change() {
        let corpus_dir = tempfile::tempdir().expect("temp");
        let cache = tempfile::tempdir().expect("temp");
        let root = corpus_dir.path();
        write(
            root,
            "a.md",
            "+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"en\"\npublished = 2025-06-20\n+++\n\nNATO leaders meet in The Hague on 24-25 June 2025.\n",
        );
        write(
            root,
            "b.txt",
            "Samit NATO-a\n\nSamit NATO-a u Hagu održan je 24. i 25. juna 2025. godine, potvrdio je generalni sekretar.\n",
        );
        let options =
            OpenOptions { cache_root: Some(cache.path().to_path_buf()), index: true, ..OpenOptions::default() };
        let first = open(root, &options).expect("cold");
        assert!(!first.warm);
        assert_eq!(first.corpus.events.len(), 1, "{:#?}", first.corpus.events);
        let second = open(root, &options).expect("warm");
        assert!(second.warm);
        let json = |c: &Corpus| {
            let cached = Cached::of(c);
            (serde_json::to_string(&cached.documents).expect("json"), serde_json::to_string(&cached).expect("json"))
        };
        assert_eq!(json(&first.corpus), json(&second.corpus));
        let hits = second
            .index
            .as_ref()
            .expect("index")
            .search(
                &second.corpus,
                &crate::corpus::index::search::SearchQuery { text: "NATO".into(), ..Default::default() },
            )
            .expect("search");
        assert_eq!(hits.len(), 2);
        // A change is seen: a new file.
        write(
            root,
            "c.md",
            "+++\nid = \"c\"\ntitle = \"C\"\nlanguage = \"en\"\n+++\n\nAnother paragraph about Brussels.\n",
        );
        let third = open(root, &options).expect("refresh");
        assert!(!third.warm);
        assert_eq!(third.corpus.documents.len(), 3);
        // Nothing is written inside the corpus folder.
        let names: Vec<String> = std::fs::read_dir(root)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn an_unwritable_cache_still_opens_the_corpus() {
        let corpus_dir = tempfile::tempdir().expect("temp");
        write(corpus_dir.path(), "a.md", "+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"en\"\n+++\n\nText.\n");
        let blocker = tempfile::NamedTempFile::new().expect("temp file");
        // A file where the cache folder should be: it cannot be created.
        let options =
            OpenOptions { cache_root: Some(blocker.path().to_path_buf()), index: true, ..OpenOptions::default() };
        let opened = open(corpus_dir.path(), &options).expect("opens");
        assert!(opened.cache_problem.is_some());
        assert_eq!(opened.corpus.documents.len(), 1);
        assert!(opened.index.is_some());
    }
}
