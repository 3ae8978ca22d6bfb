//! The corpus: the folder of source documents a brief draws on.
//!
//! Loading never stops at a bad file. A file that cannot be read or parsed is kept as a
//! [`Problem`]; whether that problem is an error or a warning depends on whether a brief
//! uses the document, which only the `book` stage knows.

pub mod assemble;
pub mod browse;
mod files;
pub mod frontmatter;
pub mod segment;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use files::{DiskFiles, Files, MemoryFiles};

use crate::diag::{Diagnostic, Pos};
use crate::model::{Document, Event, KeyFigure, Topic};

/// Files larger than this are not read: no real article is this long, and reading a
/// mistaken multi-gigabyte file would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// File name extensions read as documents.
pub const DOCUMENT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// A corpus that could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The folder is missing or unreadable.
    #[error("cannot read the corpus folder {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A problem with one file or document of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The id of the document concerned, when it is known (or can be guessed from a
    /// broken file), so a brief that names it gets an error instead of a warning.
    pub id: Option<String>,
    /// What is wrong, as an error; callers downgrade it when nothing depends on it.
    pub diagnostic: Diagnostic,
}

/// The loaded documents of one folder.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder.
    pub root: PathBuf,
    /// Readable documents, sorted by path.
    pub documents: Vec<Document>,
    /// Files that could not be used, and broken references between documents.
    pub problems: Vec<Problem>,
    /// Meetings found in the documents (merged across documents and languages, with the
    /// user's corrections applied), sorted by start date then id.
    pub events: Vec<Event>,
    /// The topic taxonomy in use (the ids that paragraphs' `topics` name).
    pub topics: Vec<Topic>,
    /// Key figures found in the documents, in corpus order.
    pub figures: Vec<KeyFigure>,
    by_id: BTreeMap<String, usize>,
}

impl Corpus {
    /// Builds a corpus from documents already in memory (tests, generated corpora).
    /// Documents with an id already taken are reported as problems and left out.
    pub fn from_documents(root: impl Into<PathBuf>, documents: Vec<Document>) -> Corpus {
        let mut corpus = Corpus { root: root.into(), ..Corpus::default() };
        for doc in documents {
            corpus.add(doc, &BTreeMap::new());
        }
        corpus.check_references(&BTreeMap::new());
        corpus
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    /// The translations of the document `id`, in path order.
    pub fn translations_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Document> + 'a {
        self.documents.iter().filter(move |d| d.meta.translation_of.as_deref() == Some(id))
    }

    /// Ids of all documents, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The problems that concern document `id`.
    pub fn problems_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| p.id.as_deref() == Some(id))
    }

    fn add(&mut self, doc: Document, positions: &BTreeMap<PathBuf, frontmatter::KeyPositions>) {
        if let Some(&first) = self.by_id.get(doc.id()) {
            let first_path = self.documents[first].path.display().to_string();
            let pos = positions.get(&doc.path).and_then(|p| p.get("id")).copied();
            self.problems.push(Problem {
                id: Some(doc.meta.id.clone()),
                diagnostic: Diagnostic::error(format!("duplicate id `{}`: {first_path} already has it", doc.meta.id))
                    .in_file(self.root.join(&doc.path))
                    .at(pos)
                    .with_hint("give each document its own id"),
            });
            return;
        }
        self.by_id.insert(doc.meta.id.clone(), self.documents.len());
        self.documents.push(doc);
    }

    fn check_references(&mut self, positions: &BTreeMap<PathBuf, frontmatter::KeyPositions>) {
        for doc in &self.documents {
            let Some(original) = &doc.meta.translation_of else { continue };
            if self.by_id.contains_key(original) {
                if original == &doc.meta.id {
                    self.problems.push(Problem {
                        id: Some(doc.meta.id.clone()),
                        diagnostic: Diagnostic::error("a document cannot be a translation of itself")
                            .in_file(self.root.join(&doc.path))
                            .at(positions.get(&doc.path).and_then(|p| p.get("translation_of")).copied()),
                    });
                }
                continue;
            }
            let mut d =
                Diagnostic::error(format!("`translation_of` names `{original}`, which is no document of the corpus"))
                    .in_file(self.root.join(&doc.path))
                    .at(positions.get(&doc.path).and_then(|p| p.get("translation_of")).copied());
            if let Some(near) = closest(original, self.by_id.keys().map(String::as_str)) {
                d = d.with_hint(format!("did you mean `{near}`?"));
            }
            self.problems.push(Problem { id: Some(doc.meta.id.clone()), diagnostic: d });
        }
    }
}

/// Reads every document file under `root`. Only a missing or unreadable folder is an
/// error; bad files become [`Problem`]s.
pub fn load(files: &dyn Files, root: &Path) -> Result<Corpus, CorpusError> {
    let paths = files.list(root).map_err(|source| CorpusError::Folder { path: root.to_path_buf(), source })?;
    let mut corpus = Corpus { root: root.to_path_buf(), ..Corpus::default() };
    let mut positions = BTreeMap::new();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if !ext.as_deref().is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e)) {
            continue;
        }
        match read_document(files, &path, &rel) {
            Ok((doc, pos)) => {
                positions.insert(rel, pos);
                corpus.add(doc, &positions);
            }
            Err(problem) => corpus.problems.push(problem),
        }
    }
    corpus.check_references(&positions);
    Ok(corpus)
}

fn read_document(files: &dyn Files, path: &Path, rel: &Path) -> Result<(Document, frontmatter::KeyPositions), Problem> {
    let fail =
        |message: String, id: Option<String>| Problem { id, diagnostic: Diagnostic::error(message).in_file(path) };
    let size = files.size(path).map_err(|e| fail(format!("cannot read the file: {e}"), None))?;
    if size > MAX_FILE_BYTES {
        return Err(fail(
            format!(
                "the file is {} MB; documents larger than {} MB are not read",
                size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
            None,
        ));
    }
    let bytes = files.read(path).map_err(|e| fail(format!("cannot read the file: {e}"), None))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the file is empty".into(), None));
    }
    if bytes.contains(&0) {
        return Err(fail(
            "this is a binary file, not a text document".into(),
            guess_id(&String::from_utf8_lossy(&bytes)),
        ));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let lossy = String::from_utf8_lossy(&bytes);
            let pos = Pos::of_offset(&lossy, e.valid_up_to());
            let mut problem = fail(
                format!("the file is not UTF-8 text (invalid byte at line {}, column {})", pos.line, pos.col),
                guess_id(&lossy),
            );
            problem.diagnostic = problem
                .diagnostic
                .at(Some(pos))
                .with_hint("save the file as UTF-8 (most editors offer it under \"Save as\" / \"Encoding\")");
            return Err(problem);
        }
    };
    frontmatter::parse(rel, text).map_err(|mut diagnostic| {
        diagnostic.file = Some(path.to_path_buf());
        Problem { id: guess_id(text), diagnostic }
    })
}

/// The id a broken document probably has: the value of an `id = "..."` line near the top.
fn guess_id(text: &str) -> Option<String> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
        let id = rest.strip_prefix('"')?.split('"').next()?;
        frontmatter::is_slug(id).then(|| id.to_string())
    })
}

/// The candidate most similar to `wanted`, if any is similar enough to suggest.
pub fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::normalized_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, lang: &str, extra: &str) -> String {
        format!("+++\nid = \"{id}\"\ntitle = \"T {id}\"\nlanguage = \"{lang}\"\n{extra}+++\n\nText of {id}.\n")
    }

    #[test]
    fn loads_good_and_reports_bad_files() {
        let mut files = MemoryFiles::new();
        files
            .insert("c/a.md", doc("a", "sq", ""))
            .insert("c/b.md", doc("b", "en", "translation_of = \"a\"\n"))
            .insert("c/notes.pdf", b"%PDF".to_vec())
            .insert("c/empty.md", "  \n")
            .insert("c/latin1.txt", b"+++\nid = \"l\"\ntitle = \"Caf\xe9\"\n".to_vec())
            .insert("c/bin.md", b"id = \"bin\"\n\0\0\0".to_vec())
            .insert_unreadable("c/locked.md", std::io::ErrorKind::PermissionDenied);
        let corpus = load(&files, Path::new("c")).expect("loads");
        assert_eq!(corpus.ids().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(corpus.translations_of("a").map(|d| d.id()).collect::<Vec<_>>(), ["b"]);
        let messages: Vec<String> = corpus.problems.iter().map(|p| p.diagnostic.to_string()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages.iter().any(|m| m.starts_with("error: c/empty.md: the file is empty")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/latin1.txt:3:13: the file is not UTF-8")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/bin.md: this is a binary file")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/locked.md: cannot read the file: permission denied")));
        // The id of a broken file is guessed so a brief that names it gets an error.
        assert_eq!(corpus.problems_of("l").count(), 1);
        assert_eq!(corpus.problems_of("bin").count(), 1);
    }

    #[test]
    fn duplicate_ids_and_dangling_translations() {
        let mut files = MemoryFiles::new();
        files
            .insert("c/a.md", doc("alpha", "sq", ""))
            .insert("c/z.md", doc("alpha", "en", ""))
            .insert("c/t.md", doc("t", "en", "translation_of = \"alpah\"\n"));
        let corpus = load(&files, Path::new("c")).expect("loads");
        let messages: Vec<String> = corpus.problems.iter().map(|p| p.diagnostic.to_string()).collect();
        assert!(
            messages.contains(
                &"error: c/z.md:2:1: duplicate id `alpha`: a.md already has it\n  hint: give each document its own id"
                    .to_string()
            ),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("error: c/t.md:5:1: `translation_of` names `alpah`, which is no document")
                    && m.ends_with("did you mean `alpha`?")),
            "{messages:#?}"
        );
    }

    #[test]
    fn missing_folder_is_an_error() {
        let err = load(&DiskFiles, Path::new("/no/such/folder")).expect_err("fails");
        assert!(err.to_string().starts_with("cannot read the corpus folder /no/such/folder"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("telegrafi-2026", ["telegrafi-2025", "other"].into_iter()), Some("telegrafi-2025"));
        assert_eq!(closest("zzz", ["telegrafi-2025"].into_iter()), None);
    }
}
