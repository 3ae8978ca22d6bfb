//! The corpus: the folder of source documents a brief draws on.
//!
//! Loading never stops at a bad file. A file that cannot be read or parsed is kept as a
//! [`Problem`]; whether that problem is an error or a warning depends on whether a brief
//! uses the document, which only the `book` stage knows.

pub(crate) mod find;
pub(crate) mod index;
pub(crate) mod read;
pub(crate) mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use read::files::{DiskFiles, Files, Listing, MemoryFiles};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::model::{Document, DocumentMeta, Event, KeyFigure, LanguageTag, Paragraph, Provenance, SourceFormat, Topic};

/// Files larger than this are not read: no real article is this long, and reading a
/// mistaken multi-gigabyte file would exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Paragraphs longer than this (in characters) are not read: a whole file without blank
/// lines is one paragraph, and no page of the book could show it.
pub(crate) const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// File name extensions read as documents.
pub(crate) const DOCUMENT_EXTENSIONS: [&str; 7] = ["md", "markdown", "txt", "html", "htm", "xhtml", "docx"];

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
    /// The meetings as the documents give them, before the user's corrections
    /// (`events.toml`): what [`Corpus::set_corrections`] starts from.
    pub found_events: Vec<Event>,
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

    /// A corpus from its parts (the cache reads it back this way).
    pub(crate) fn from_parts(
        root: PathBuf,
        documents: Vec<Document>,
        problems: Vec<Problem>,
        events: Vec<Event>,
        topics: Vec<Topic>,
        figures: Vec<KeyFigure>,
    ) -> Corpus {
        let by_id = documents.iter().enumerate().map(|(i, d)| (d.meta.id.clone(), i)).collect();
        let found_events = events.clone();
        Corpus { root, documents, problems, events, topics, figures, found_events, by_id }
    }

    /// The path of the corrections file, `events.toml` in the folder.
    pub(crate) fn corrections_path(&self) -> PathBuf {
        self.root.join(find::corrections::FILE_NAME)
    }

    /// Applies `text` as the folder's `events.toml` (None: no file) to the meetings found,
    /// so a change shows at once; the problems of the old text are replaced by those of
    /// the new one.
    pub fn set_corrections(&mut self, text: Option<&str>) {
        let path = self.corrections_path();
        let diags = find::analyse::correct(self, text.map(|t| (t, path.as_path())));
        self.problems.retain(|p| p.id.is_some() || p.diagnostic.file.as_deref() != Some(path.as_path()));
        self.problems.extend(diags.into_iter().map(|d| Problem { id: None, diagnostic: d }));
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    /// The translations of the document `id`, in path order.
    pub(crate) fn translations_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Document> + 'a {
        self.documents.iter().filter(move |d| d.meta.translation_of.as_deref() == Some(id))
    }

    /// Ids of all documents, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id).or_else(|| self.events.iter().find(|e| e.answers_to(id)))
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The problems that concern document `id`.
    pub(crate) fn problems_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| p.id.as_deref() == Some(id))
    }

    fn add(&mut self, doc: Document, positions: &BTreeMap<PathBuf, read::frontmatter::KeyPositions>) {
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

    fn check_references(&mut self, positions: &BTreeMap<PathBuf, read::frontmatter::KeyPositions>) {
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

/// How a corpus folder is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Whether symbolic links in the folder may lead out of it (`allow_outside_paths` in
    /// the brief); by default they are left out with a warning.
    pub allow_outside: bool,
}

/// Reads every document file under `root` and analyses the corpus: languages, topics,
/// meetings, key figures, and the user's data files in the folder (`gazetteer.toml`,
/// `vocabulary.toml`, `topics.toml`, `events.toml`). Only a missing or unreadable folder is
/// an error; bad files become `Problem`s.
pub fn load(files: &dyn Files, root: &Path) -> Result<Corpus, CorpusError> {
    load_with(files, root, LoadOptions::default())
}

/// [`load`] with options.
pub fn load_with(files: &dyn Files, root: &Path, options: LoadOptions) -> Result<Corpus, CorpusError> {
    let (lexicon, diags) = find::lexicon::Lexicon::load(files, root);
    let mut corpus = read_with(files, root, &lexicon, options)?;
    corpus.problems.extend(diags.into_iter().map(|d| Problem { id: None, diagnostic: d }));
    let path = root.join(find::corrections::FILE_NAME);
    let events_toml = files.read(&path).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    find::analyse::analyse(&mut corpus, &lexicon, events_toml.as_deref().map(|t| (t, path.as_path())));
    Ok(corpus)
}

/// Reads the documents of `root` without analysing them (languages are detected).
pub fn read_documents(files: &dyn Files, root: &Path, lexicon: &find::lexicon::Lexicon) -> Result<Corpus, CorpusError> {
    read_with(files, root, lexicon, LoadOptions::default())
}

/// [`read_documents`] with options.
pub(crate) fn read_with(
    files: &dyn Files,
    root: &Path,
    lexicon: &find::lexicon::Lexicon,
    options: LoadOptions,
) -> Result<Corpus, CorpusError> {
    let listing = files
        .scan(root, options.allow_outside)
        .map_err(|source| CorpusError::Folder { path: root.to_path_buf(), source })?;
    let paths = listing.files;
    let mut corpus = Corpus { root: root.to_path_buf(), ..Corpus::default() };
    for s in listing.skipped {
        let mut d = Diagnostic::warning(format!("left out: {}", s.reason)).in_file(&s.path);
        if s.reason.contains("out of the corpus folder") {
            d = d.with_hint("set `allow_outside_paths = true` in [brief] to read what it leads to");
        }
        corpus.problems.push(Problem { id: None, diagnostic: d });
    }
    // Reading is sequential (it is I/O); parsing and language detection run in parallel.
    type Raw = (PathBuf, PathBuf, String, Result<Vec<u8>, Problem>);
    let mut raw: Vec<Raw> = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let Some(ext) = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) else { continue };
        if !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        let bytes = read_bytes(files, &path, &rel);
        raw.push((path, rel, ext, bytes));
    }
    let parsed: Vec<Result<Parsed, Problem>> =
        raw.into_par_iter().map(|(path, rel, ext, bytes)| parse_file(&path, &rel, &ext, bytes?, lexicon)).collect();
    let mut positions = BTreeMap::new();
    for result in parsed {
        match result {
            Ok(p) => {
                corpus.problems.extend(p.warnings);
                positions.insert(p.document.path.clone(), p.positions);
                corpus.add(p.document, &positions);
            }
            Err(problem) => corpus.problems.push(problem),
        }
    }
    corpus.check_references(&positions);
    Ok(corpus)
}

fn read_bytes(files: &dyn Files, path: &Path, rel: &Path) -> Result<Vec<u8>, Problem> {
    // The id the file's name gives, so a brief naming a document it cannot read is told why.
    let fail = |message: String| Problem {
        id: Some(read::plain::id_from_path(rel)),
        diagnostic: Diagnostic::error(message).in_file(path),
    };
    let size = files.size(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    // Checked before reading: a mistaken huge file is never loaded into memory.
    if size > MAX_FILE_BYTES {
        let mut problem = fail(format!(
            "the file is {} MB; documents larger than {} MB are not read",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
        problem.diagnostic.hint = Some("split it into smaller documents, or move it out of the corpus folder".into());
        return Err(problem);
    }
    let bytes = files.read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the file is empty".into()));
    }
    Ok(bytes)
}

/// A document read from one file, with what to report about it.
struct Parsed {
    document: Document,
    positions: read::frontmatter::KeyPositions,
    warnings: Vec<Problem>,
}

fn parse_file(
    path: &Path,
    rel: &Path,
    ext: &str,
    bytes: Vec<u8>,
    lexicon: &find::lexicon::Lexicon,
) -> Result<Parsed, Problem> {
    let fail =
        |message: String, id: Option<String>| Problem { id, diagnostic: Diagnostic::error(message).in_file(path) };
    let mut warnings = Vec::new();
    let (mut document, positions) = if ext == "docx" {
        let d = read::docx::parse(&bytes).map_err(|e| fail(e.to_string(), Some(read::plain::id_from_path(rel))))?;
        (from_docx(rel, d), read::frontmatter::KeyPositions::new())
    } else {
        let decoded =
            if matches!(ext, "html" | "htm" | "xhtml") { decode_html(&bytes) } else { read::encoding::decode(&bytes) };
        let decoded = decoded.map_err(|e| fail(e.to_string(), guess_id(&String::from_utf8_lossy(&bytes))))?;
        let text = decoded.text;
        let mut parsed = if matches!(ext, "html" | "htm" | "xhtml") {
            let page = read::html::parse(&text).map_err(|e| {
                let mut problem = fail(e.to_string(), Some(read::plain::id_from_path(rel)));
                problem.diagnostic.pos = Some(crate::diag::Pos { line: e.line(), col: 1 });
                problem.diagnostic.hint = Some("save the article's text as a .txt or .md file instead".into());
                problem
            })?;
            (from_html(rel, page), read::frontmatter::KeyPositions::new())
        } else if text.trim_start_matches('\u{feff}').starts_with("+++") {
            read::frontmatter::parse(rel, &text).map_err(|mut diagnostic| {
                diagnostic.file = Some(path.to_path_buf());
                Problem { id: guess_id(&text), diagnostic }
            })?
        } else {
            let body =
                if ext == "txt" { read::plain::text(&text, lexicon) } else { read::plain::markdown(&text, lexicon) };
            let format = if ext == "txt" { SourceFormat::Text } else { SourceFormat::Markdown };
            (from_body(rel, body, format), read::frontmatter::KeyPositions::new())
        };
        if let Some(enc) = decoded.converted_from {
            parsed.0.meta.provenance.encoding = Some(enc.to_string());
            warnings.push(Problem {
                id: Some(parsed.0.meta.id.clone()),
                diagnostic: Diagnostic::warning(format!("the file is not UTF-8: read as {enc} and converted"))
                    .in_file(path)
                    .with_hint("save it as UTF-8 to be sure every letter is read right"),
            });
        }
        parsed
    };
    if document.paragraphs.is_empty() {
        return Err(fail("no text found in the document".into(), Some(document.meta.id.clone())));
    }
    let too_long = |p: &&Paragraph| p.text.len() > MAX_PARAGRAPH_CHARS && p.text.chars().count() > MAX_PARAGRAPH_CHARS;
    if let Some((n, p)) = document.paragraphs.iter().enumerate().find(|(_, p)| too_long(p)) {
        let chars = p.text.chars().count();
        // Only text files give a paragraph's real line.
        let line = matches!(
            document.meta.provenance.format,
            SourceFormat::FrontMatter | SourceFormat::Text | SourceFormat::Markdown
        )
        .then_some(crate::diag::Pos { line: p.line, col: 1 });
        return Err(Problem {
            id: Some(document.meta.id.clone()),
            diagnostic: Diagnostic::error(format!(
                "paragraph {} has {} characters; paragraphs longer than {} characters are not read",
                n + 1,
                thousands(chars),
                thousands(MAX_PARAGRAPH_CHARS)
            ))
            .in_file(path)
            .at(line)
            .with_hint("separate the paragraphs with blank lines"),
        });
    }
    if let Some(w) = detect_languages(&mut document) {
        warnings.push(Problem { id: Some(document.meta.id.clone()), diagnostic: w.in_file(path) });
    }
    Ok(Parsed { document, positions, warnings })
}

/// Decodes a web page: byte-order mark, then the `<meta charset>` it declares, then
/// detection.
fn decode_html(bytes: &[u8]) -> Result<read::encoding::Decoded, read::encoding::DecodeError> {
    if encoding_rs::Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
        if let Some(pos) = head.find("charset=") {
            let label: String = head[pos + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
                && enc != encoding_rs::UTF_8
            {
                let (text, _, malformed) = enc.decode(bytes);
                if !malformed {
                    return Ok(read::encoding::Decoded { text: text.into_owned(), converted_from: Some(enc.name()) });
                }
            }
        }
    }
    read::encoding::decode(bytes)
}

fn und() -> LanguageTag {
    "und".parse().unwrap_or_default()
}

fn from_body(rel: &Path, body: read::plain::Body, format: SourceFormat) -> Document {
    let id = read::plain::id_from_path(rel);
    let mut detected = vec!["id".to_string()];
    let title = body.title.unwrap_or_else(|| {
        detected.push("title".into());
        id.clone()
    });
    detected.push("title".into());
    detected.dedup();
    if body.published.is_some() {
        detected.push("published-from-date-line".into());
    }
    Document {
        meta: DocumentMeta {
            id,
            title,
            published: body.published,
            language: und(),
            provenance: Provenance { format, detected, ..Provenance::default() },
            ..DocumentMeta::default()
        },
        paragraphs: body.paragraphs,
        path: rel.to_path_buf(),
    }
}

fn from_html(rel: &Path, page: read::html::Page) -> Document {
    let id = read::plain::id_from_path(rel);
    let mut detected = vec!["id".to_string()];
    let title = page.title.clone().unwrap_or_else(|| {
        detected.push("title".into());
        id.clone()
    });
    let paragraphs = page.paragraphs.iter().enumerate().map(|(i, t)| Paragraph::new(t.clone(), i + 1)).collect();
    let mut meta = DocumentMeta {
        id,
        title,
        publisher: page.publisher,
        url: page.url,
        published: page.published,
        author: page.author,
        language: und(),
        provenance: Provenance { format: SourceFormat::Html, detected, ..Provenance::default() },
        ..DocumentMeta::default()
    };
    // The page's own `lang` is kept as a fallback for text too short to tell.
    if let Some(lang) = page.lang.and_then(|l| l.parse::<LanguageTag>().ok()) {
        meta.language = lang;
        meta.provenance.detected.push("declared-language".into());
    }
    Document { meta, paragraphs, path: rel.to_path_buf() }
}

fn from_docx(rel: &Path, d: read::docx::Docx) -> Document {
    let id = read::plain::id_from_path(rel);
    let mut detected = vec!["id".to_string()];
    let mut paragraphs: Vec<(String, bool)> = d.paragraphs;
    let title = match d.title {
        Some(t) => t,
        None => {
            detected.push("title".into());
            match paragraphs.iter().position(|(_, h)| *h) {
                Some(i) if i < 3 => paragraphs.remove(i).0,
                _ => paragraphs.first().map(|(t, _)| read::plain::clean_title(t)).unwrap_or_else(|| id.clone()),
            }
        }
    };
    if paragraphs.first().is_some_and(|(t, _)| t == &title) {
        paragraphs.remove(0);
    }
    let mut meta = DocumentMeta {
        id,
        title,
        published: d.created,
        author: d.creator,
        language: und(),
        provenance: Provenance { format: SourceFormat::Docx, detected, ..Provenance::default() },
        ..DocumentMeta::default()
    };
    if let Some(lang) = d.language.and_then(|l| l.parse::<LanguageTag>().ok()) {
        meta.language = lang;
        meta.provenance.detected.push("declared-language".into());
    }
    let paragraphs = paragraphs.into_iter().enumerate().map(|(i, (t, _))| Paragraph::new(t, i + 1)).collect();
    Document { meta, paragraphs, path: rel.to_path_buf() }
}

/// Letters a paragraph needs before its own language is worth telling.
const PARAGRAPH_LETTERS: usize = 40;

/// Detects the document's language when the file did not say it, and every paragraph's
/// (recorded when the document's was detected, or when a paragraph is clearly in another
/// language than its document). Returns a warning when the language cannot be told.
fn detect_languages(doc: &mut Document) -> Option<Diagnostic> {
    let needs_document = doc.meta.provenance.format != SourceFormat::FrontMatter;
    let mut warning = None;
    if needs_document {
        let mut sample = String::new();
        for p in &doc.paragraphs {
            if sample.len() > 3000 {
                break;
            }
            sample.push_str(&p.text);
            sample.push('\n');
        }
        match text::detect::detect(&sample) {
            Some(d) => {
                doc.meta.provenance.detected.retain(|x| x != "declared-language");
                doc.meta.language = d.tag;
                doc.meta.provenance.language_candidates = d.candidates;
                doc.meta.provenance.detected.push("language".into());
            }
            None if doc.meta.language.as_str() != "und" => {}
            None => {
                warning = Some(
                    Diagnostic::warning("cannot tell the language of this document (too little text)")
                        .with_hint("add front matter with `language = \"...\"` (see README: source documents)"),
                );
            }
        }
    }
    // Paragraphs: the fast function-word test only (the statistical model on every
    // paragraph of a large corpus would cost seconds); a paragraph it cannot place takes
    // the document's language.
    let doc_lang = doc.meta.language.clone();
    let doc_script = doc.paragraphs.first().map(|p| text::ScriptCounts::of(&p.text).main());
    for p in &mut doc.paragraphs {
        let counts = text::ScriptCounts::of(&p.text);
        if counts.total() < PARAGRAPH_LETTERS {
            if needs_document && doc_lang.as_str() != "und" {
                p.language = Some(doc_lang.clone());
            }
            continue;
        }
        // A paragraph in another script than the document's gets the model's full answer.
        let found = if Some(counts.main()) != doc_script {
            text::detect::detect(&p.text)
        } else {
            text::detect::quick(&p.text)
        };
        match found {
            Some(d) if !text::detect::compatible(&d.tag, &doc_lang) && !d.is_group() => p.language = Some(d.tag),
            Some(d) if needs_document => p.language = Some(if d.is_group() { doc_lang.clone() } else { d.tag }),
            None if needs_document && doc_lang.as_str() != "und" => p.language = Some(doc_lang.clone()),
            _ => {}
        }
    }
    warning
}

/// A count written with thousands separators: 250000 -> "250,000".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The id a broken document probably has: the value of an `id = "..."` line near the top.
fn guess_id(text: &str) -> Option<String> {
    text.lines().take(40).find_map(|line| {
        let rest = line.trim().strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
        let id = rest.strip_prefix('"')?.split('"').next()?;
        read::frontmatter::is_slug(id).then(|| id.to_string())
    })
}

/// The candidate most similar to `wanted`, if any is similar enough to suggest.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
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
            .insert(
                "c/latin1.txt",
                b"+++\nid = \"l\"\ntitle = \"Caf\xe9\"\nlanguage = \"fr\"\n+++\n\nCaf\xe9 cr\xe8me.\n".to_vec(),
            )
            .insert("c/broken.md", b"+++\nid = \"broken\"\ntitle = \"Caf\xe9\"\n".to_vec())
            .insert("c/bin.md", b"id = \"bin\"\n\0\0\0".to_vec())
            .insert("c/bad.docx", b"PK\x03\x04 not really".to_vec())
            .insert_unreadable("c/locked.md", std::io::ErrorKind::PermissionDenied);
        let corpus = load(&files, Path::new("c")).expect("loads");
        assert_eq!(corpus.ids().collect::<Vec<_>>(), ["a", "b", "l"]);
        assert_eq!(corpus.translations_of("a").map(|d| d.id()).collect::<Vec<_>>(), ["b"]);
        let messages: Vec<String> = corpus.problems.iter().map(|p| p.diagnostic.to_string()).collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(messages.iter().any(|m| m.starts_with("error: c/empty.md: the file is empty")));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("warning: c/latin1.txt: the file is not UTF-8: read as windows-1252"))
        );
        assert!(messages.iter().any(|m| m.starts_with("error: c/broken.md:1:1: the front matter is never closed")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/bin.md: this is a binary file")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/bad.docx: this is not a Word (.docx) file")));
        assert!(messages.iter().any(|m| m.starts_with("error: c/locked.md: cannot read the file: permission denied")));
        assert_eq!(corpus.get("l").map(|d| d.paragraphs[0].text.as_str()), Some("Café crème."));
        // The id of a broken file is guessed so a brief that names it gets an error.
        assert_eq!(corpus.problems_of("broken").count(), 1);
        assert_eq!(corpus.problems_of("bin").count(), 1);
        assert_eq!(corpus.problems_of("bad").count(), 1);
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
