//! The book: a brief resolved against its corpus. This is what the PDF will say, before
//! any typesetting: cover data, sections with their rows of original and translation, and
//! the numbered source list.
//!
//! [`parse_brief`] reads a brief file and [`resolve`] checks everything it refers to,
//! collecting every problem (not just the first) as diagnostics located in the brief file
//! or in the document concerned. Both are pure: no file access, no clock.

mod labels;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::Path;

pub use labels::Labels;
pub use markdown::{BlockKind, NoteBlock, Span};

use crate::corpus::{self, Corpus};
use crate::diag::{self, Diagnostic, Pos, Severity};
use crate::model::{Brief, BriefMeta, Document, FORMAT_VERSION, LanguageTag, Layout, SectionKind, TranslationSource};
use crate::translate::{self, Row};

/// A resolved briefing book.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// Cover and running-header data.
    pub meta: BriefMeta,
    /// The book's own words in the brief's language.
    pub labels: Labels,
    /// Sections in order.
    pub sections: Vec<BookSection>,
    /// Every document cited, numbered from 1 in order of first use.
    pub sources: Vec<SourceEntry>,
}

/// A section of the book.
#[derive(Debug, Clone, PartialEq)]
pub struct BookSection {
    /// Heading.
    pub title: String,
    /// What it holds.
    pub content: SectionContent,
}

/// The content of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionContent {
    /// The analyst's note.
    Note(Vec<NoteBlock>),
    /// Excerpts of documents.
    Excerpts(Vec<Excerpt>),
}

/// One document in a section: its rows and how to set them.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// Title of the original.
    pub title: String,
    /// Number of the original in the source list.
    pub source: usize,
    /// Number of the translation in the source list, if there is one.
    pub translation_source: Option<usize>,
    /// The layout actually used (a section's side-by-side becomes original-only when
    /// there is no translation).
    pub layout: Layout,
    /// Language of the original.
    pub original_language: LanguageTag,
    /// Language of the translation column (the brief's language).
    pub translation_language: LanguageTag,
    /// Rows of original and translation.
    pub rows: Vec<Row>,
}

/// An entry of the source list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// Number, from 1.
    pub number: usize,
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher, if named.
    pub publisher: Option<String>,
    /// Publication date, written out in the brief's language.
    pub date: Option<String>,
    /// Language name in the brief's language.
    pub language: String,
    /// Translator, on a translation.
    pub translator: Option<String>,
    /// Number of the original, on a translation.
    pub translation_of: Option<usize>,
    /// Address, http or https only.
    pub url: Option<String>,
}

/// Parses a brief file. Errors point at the file, line and column, and name the key.
pub fn parse_brief(path: &Path, text: &str) -> Result<Brief, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Look at the version first: a brief from a newer briefbook may have keys this one
    // does not know, and "unknown field" would be the wrong message.
    if let Ok(table) = toml::de::DeTable::parse(text) {
        let format = table.get_ref().get("format");
        match format.map(|v| (v.get_ref().as_integer().and_then(|i| i.as_str().parse::<i64>().ok()), v.span())) {
            None => {
                return Err(Diagnostic::error("missing `format = 1` at the top of the brief")
                    .in_file(path)
                    .at(Some(Pos { line: 1, col: 1 }))
                    .with_hint("every brief file starts with `format = 1`"));
            }
            Some((Some(v), span)) if v > i64::from(FORMAT_VERSION) || v < 1 => {
                let message = if v > i64::from(FORMAT_VERSION) {
                    format!(
                        "this brief has format {v}, written by a newer briefbook; this one reads format {FORMAT_VERSION} and will not change the file"
                    )
                } else {
                    format!("`format = {v}` is not a brief format; use `format = {FORMAT_VERSION}`")
                };
                return Err(Diagnostic::error(message)
                    .in_file(path)
                    .at(Some(Pos::of_offset(text, span.start)))
                    .with_hint("open it with a newer briefbook"));
            }
            _ => {}
        }
    }
    Brief::from_toml(text).map_err(|e| {
        let d = diag::from_toml_error(&e, path, text, 0);
        if d.message.starts_with("unknown field") {
            let hint = if d.message.contains("expected one of `title`, `kind`") {
                "a section has: title, kind (documents, note, meeting, topic, figures), text, documents, layout, event, topic, from, to, exclude, pin, translation"
            } else if d.message.contains("`subtitle`") {
                "[brief] has: title, subtitle, date, classification, prepared_for, prepared_by, language, corpus, page_size, events, topics, memory"
            } else {
                "the file has: format, [brief], [[section]]"
            };
            return d.with_hint(hint);
        }
        d
    })
}

/// A step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Key<'a> {
    /// A table key.
    Name(&'a str),
    /// An array index.
    Index(usize),
}

/// Finds where values stand in a TOML text; the text is parsed once, on creation.
pub struct Locator<'a> {
    text: &'a str,
    root: Option<toml::Spanned<toml::de::DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    /// Parses `text` for locating; a text that does not parse locates nothing.
    pub fn new(text: &'a str) -> Self {
        Locator { text, root: toml::de::DeTable::parse(text).ok() }
    }

    /// The position of the value at `path`, if it exists.
    pub fn at(&self, path: &[Key<'_>]) -> Option<Pos> {
        let (Key::Name(first), rest) = path.split_first()? else { return None };
        let mut value = self.root.as_ref()?.get_ref().get(*first)?;
        for step in rest {
            value = match step {
                Key::Name(name) => value.get_ref().get(*name)?,
                Key::Index(i) => value.get_ref().get(*i)?,
            };
        }
        Some(Pos::of_offset(self.text, value.span().start))
    }
}

/// The position of the value at `path` in a TOML text, if it exists.
pub fn locate(text: &str, path: &[Key<'_>]) -> Option<Pos> {
    Locator::new(text).at(path)
}

/// Resolves a brief against its corpus. Returns the book (usable even when there are
/// problems: what cannot be resolved is left out) and every problem found.
///
/// `brief_path` and `brief_text` locate problems in the brief file.
/// `memory` is the translation memory (with the analyst's edits and alignment fixes), read
/// only.
pub fn resolve(
    brief: &Brief,
    corpus: &Corpus,
    memory: &translate::Memory,
    brief_path: &Path,
    brief_text: &str,
) -> (Book, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let locator = Locator::new(brief_text);
    let at = |path: &[Key<'_>]| locator.at(path);
    // A warning about the brief file, at a position, with a hint.
    let warn = |message: String, pos: Option<Pos>, hint: Option<&str>| {
        let d = Diagnostic::warning(message).in_file(brief_path).at(pos);
        match hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    };
    let (labels, found) = Labels::for_language(&brief.brief.language);
    if !found {
        diags.push(
            Diagnostic::warning(format!(
                "briefbook has no labels in `{}`; the book's own words (Contents, Page ...) will be in English",
                brief.brief.language
            ))
            .in_file(brief_path)
            .at(at(&[Key::Name("brief"), Key::Name("language")]))
            .with_hint("add the language to src/book/labels.toml"),
        );
    }
    if brief.brief.title.trim().is_empty() {
        diags.push(
            Diagnostic::error("the brief has no title")
                .in_file(brief_path)
                .at(at(&[Key::Name("brief"), Key::Name("title")])),
        );
    }

    let lang = &brief.brief.language;
    let mut sources = Sources::default();
    let mut used_ids: Vec<String> = Vec::new();
    let mut sections = Vec::new();
    for (si, section) in brief.sections.iter().enumerate() {
        let key = |k: &'static str| [Key::Name("section"), Key::Index(si), Key::Name(k)];
        let section_at = at(&[Key::Name("section"), Key::Index(si)]);
        if section.title.trim().is_empty() {
            diags.push(warn(format!("section {} has no title", si + 1), section_at, None));
        }
        let content = match section.kind {
            SectionKind::Note => {
                if !section.documents.is_empty() {
                    diags.push(warn(
                        format!("note section `{}` lists documents; a note shows only its text", section.title),
                        at(&key("documents")),
                        Some("set `kind = \"documents\"` or move the documents to another section"),
                    ));
                }
                if section.text.trim().is_empty() {
                    diags.push(warn(format!("note section `{}` has no text", section.title), section_at, None));
                }
                SectionContent::Note(markdown::parse(&section.text))
            }
            SectionKind::Documents => {
                if section.documents.is_empty() {
                    diags.push(warn(
                        format!("section `{}` names no documents", section.title),
                        section_at,
                        Some("add `documents = [\"id\", ...]`; `briefbook docs` lists the ids"),
                    ));
                }
                if !section.text.is_empty() {
                    diags.push(warn(
                        format!("section `{}` has a text but is not a note; the text is not shown", section.title),
                        at(&key("text")),
                        Some("set `kind = \"note\"`"),
                    ));
                }
                let mut excerpts = Vec::new();
                for (di, id) in section.documents.iter().enumerate() {
                    let id_at = at(&[Key::Name("section"), Key::Index(si), Key::Name("documents"), Key::Index(di)]);
                    used_ids.push(id.clone());
                    let Some(named) = corpus.get(id) else {
                        diags.push(unknown_document(id, corpus, brief_path, id_at));
                        continue;
                    };
                    let excerpt = excerpt(
                        named,
                        section.layout,
                        section.translation,
                        memory,
                        lang,
                        corpus,
                        &mut sources,
                        &labels,
                        &mut diags,
                        brief_path,
                        id_at,
                        &section.title,
                    );
                    if let Some(t) = excerpt.translation_source {
                        used_ids.push(sources.entries[t - 1].id.clone());
                    }
                    used_ids.push(sources.entries[excerpt.source - 1].id.clone());
                    excerpts.push(excerpt);
                }
                SectionContent::Excerpts(excerpts)
            }
            SectionKind::Meeting | SectionKind::Topic | SectionKind::Figures => {
                // Assembly from the corpus's events and topics is being built (issue 3).
                diags.push(
                    Diagnostic::error(format!("section `{}`: this kind of section is not built yet", section.title))
                        .in_file(brief_path)
                        .at(at(&key("kind"))),
                );
                SectionContent::Excerpts(Vec::new())
            }
        };
        sections.push(BookSection { title: section.title.clone(), content });
    }

    // Problems of the corpus: errors for documents the brief uses, warnings for the rest.
    let used: std::collections::BTreeSet<&str> = used_ids.iter().map(String::as_str).collect();
    for problem in &corpus.problems {
        let mut d = problem.diagnostic.clone();
        if !problem.id.as_deref().is_some_and(|id| used.contains(id)) {
            d.severity = Severity::Warning;
            if problem.id.is_none() || corpus.get(problem.id.as_deref().unwrap_or("")).is_none() {
                d.message.push_str(" (the file is skipped)");
            }
        }
        diags.push(d);
    }

    let book = Book { meta: brief.brief.clone(), labels, sections, sources: sources.entries };
    diags.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.file.cmp(&b.file)).then_with(|| a.pos.cmp(&b.pos)));
    diags.dedup();
    (book, diags)
}

fn unknown_document(id: &str, corpus: &Corpus, brief_path: &Path, pos: Option<Pos>) -> Diagnostic {
    let broken: Vec<&corpus::Problem> = corpus.problems_of(id).collect();
    if let Some(problem) = broken.first() {
        let file = problem.diagnostic.file.as_deref().map(|f| f.display().to_string()).unwrap_or_default();
        return Diagnostic::error(format!("document `{id}` cannot be read ({file}: {})", problem.diagnostic.message))
            .in_file(brief_path)
            .at(pos)
            .with_hint("fix the document (see the error for its file below) or remove it from the section");
    }
    let mut d = Diagnostic::error(format!("no document `{id}` in the corpus {}", corpus.root.display()))
        .in_file(brief_path)
        .at(pos);
    d = match corpus::closest(id, corpus.ids()) {
        Some(near) => d.with_hint(format!("did you mean `{near}`? `briefbook docs` lists the ids")),
        None => d.with_hint("`briefbook docs` lists the ids"),
    };
    d
}

#[derive(Default)]
struct Sources {
    entries: Vec<SourceEntry>,
    numbers: BTreeMap<String, usize>,
}

impl Sources {
    fn number(&mut self, doc: &Document, labels: &Labels, original: Option<usize>) -> usize {
        if let Some(&n) = self.numbers.get(doc.id()) {
            return n;
        }
        let number = self.entries.len() + 1;
        self.entries.push(SourceEntry {
            number,
            id: doc.meta.id.clone(),
            title: doc.meta.title.clone(),
            publisher: doc.meta.publisher.clone(),
            date: doc.meta.published.map(|d| labels.date(d)),
            language: labels.language(&doc.meta.language),
            translator: doc.meta.translator.clone(),
            translation_of: original,
            url: doc.meta.url.clone(),
        });
        self.numbers.insert(doc.meta.id.clone(), number);
        number
    }
}

#[allow(clippy::too_many_arguments)]
fn excerpt(
    named: &Document,
    layout: Layout,
    preference: TranslationSource,
    memory: &translate::Memory,
    lang: &LanguageTag,
    corpus: &Corpus,
    sources: &mut Sources,
    labels: &Labels,
    diags: &mut Vec<Diagnostic>,
    brief_path: &Path,
    pos: Option<Pos>,
    section_title: &str,
) -> Excerpt {
    // The brief may name either the original or its translation into the brief's language.
    let (original, translation) = if named.meta.language.same_language(lang) {
        match named.meta.translation_of.as_deref().and_then(|o| corpus.get(o)) {
            Some(o) if !o.meta.language.same_language(lang) => (o, Some(named)),
            _ => (named, None),
        }
    } else {
        let t = corpus.translations_of(named.id()).find(|t| t.meta.language.same_language(lang));
        (named, t)
    };
    let source = sources.number(original, labels, None);
    let translation_source = translation.map(|t| sources.number(t, labels, Some(source)));
    let in_brief_language = original.meta.language.same_language(lang);
    let request = translate::RowRequest { original, translation, language: lang, preference };
    let (rows, mut d) = translate::rows(&request, memory);
    for d in &mut d {
        if let Some(f) = &d.file {
            d.file = Some(corpus.root.join(f));
        }
    }
    diags.extend(d);
    let translated = rows.iter().any(|r| r.translation.is_some());
    if !translated && !in_brief_language && layout != Layout::Original {
        let message = match translation {
            None => format!(
                "no {} translation of `{}` in the corpus or the translation memory; section `{section_title}` sets it as original only",
                lang.english_name(),
                original.id()
            ),
            Some(_) => format!(
                "section `{section_title}` prefers `translation = \"{}\"`, and the translation memory has none for `{}`; it is set as original only",
                translate::preference_name(preference),
                original.id()
            ),
        };
        diags.push(Diagnostic::warning(message).in_file(brief_path).at(pos).with_hint(format!(
            "add a document with `translation_of = \"{}\"` and `language = \"{lang}\"`, or run `briefbook translate`",
            original.id()
        )));
    }
    let effective = if translated { layout } else { Layout::Original };
    Excerpt {
        title: original.meta.title.clone(),
        source,
        translation_source,
        layout: effective,
        original_language: original.meta.language.clone(),
        translation_language: lang.clone(),
        rows,
    }
}

#[cfg(test)]
mod tests;
