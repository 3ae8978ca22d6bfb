//! The book: a brief resolved against its corpus. This is what the PDF will say, before
//! any typesetting: cover data, sections with their rows of original and translation, and
//! the numbered source list.
//!
//! [`parse_brief`] reads a brief file and [`resolve`] checks everything it refers to,
//! collecting every problem (not just the first) as diagnostics located in the brief file
//! or in the document concerned. Both are pure: no file access, no clock.

pub(crate) mod annex;
pub(crate) mod assemble;
mod cite;
mod labels;
pub(crate) mod markdown;
mod once;
mod paths;

use std::collections::BTreeMap;
use std::path::Path;

pub(crate) use labels::Labels;
pub(crate) use markdown::{BlockKind, NoteBlock, Span};
pub(crate) use once::Elsewhere;
pub(crate) use paths::{check_paths, leaves_folder, path_allowed};

use self::assemble::{RefProblem, Selection};
use crate::corpus::{self, Corpus};
use crate::diag::{self, Diagnostic, Pos, Severity};
use crate::model::{
    Brief, BriefMeta, Document, Event, FORMAT_VERSION, FigureKind, LanguageTag, Layout, PageBreak, PageSetup,
    ParagraphRef, Section, SectionKind, Theme, TranslationSource,
};
use crate::translate::{self, Row};

/// A resolved briefing book.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// Cover and running-header data.
    pub meta: BriefMeta,
    /// Margins, base size, watermark.
    pub page: PageSetup,
    /// Fonts, sizes, colours.
    pub theme: Theme,
    /// The meetings the brief picked (`[brief] events`), for the cover.
    pub meetings: Vec<MeetingCard>,
    /// The book's own words in the brief's language.
    pub labels: Labels,
    /// Sections in order.
    pub sections: Vec<BookSection>,
    /// Every document cited, numbered from 1 in order of first use.
    pub sources: Vec<SourceEntry>,
}

/// Rows of one document the book prints without a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Untranslated {
    /// Document id of the original.
    pub document: String,
    /// Rows printed with no translation (each marked "not translated" in the PDF).
    pub rows: usize,
    /// All rows of the document the book prints.
    pub of: usize,
}

impl Book {
    /// The excerpts of every section, in order.
    pub(crate) fn excerpts(&self) -> impl Iterator<Item = &Excerpt> {
        self.sections.iter().flat_map(|s| match &s.content {
            SectionContent::Excerpts(e) | SectionContent::Meeting { excerpts: e, .. } => e.as_slice(),
            SectionContent::Note(_) | SectionContent::Figures(_) | SectionContent::Annex(_) => &[],
        })
    }

    /// By document, in order of first appearance, the rows printed in another language
    /// than the brief's with no translation beside or after them; only documents that
    /// have such rows.
    pub(crate) fn untranslated(&self) -> Vec<Untranslated> {
        let mut out: Vec<Untranslated> = Vec::new();
        for excerpt in self.excerpts() {
            if excerpt.original_language.same_language(&excerpt.translation_language) {
                continue;
            }
            let shown = excerpt.rows.iter().filter(|r| r.original.is_some());
            let (rows, of) = shown.fold((0, 0), |(n, all), r| (n + usize::from(r.translation.is_none()), all + 1));
            let document = self.sources.get(excerpt.source.wrapping_sub(1)).map_or_else(String::new, |s| s.id.clone());
            match out.iter_mut().find(|u| u.document == document) {
                Some(u) => {
                    u.rows += rows;
                    u.of += of;
                }
                None => out.push(Untranslated { document, rows, of }),
            }
        }
        out.retain(|u| u.rows > 0);
        out
    }
}

/// A section of the book.
#[derive(Debug, Clone, PartialEq)]
pub struct BookSection {
    /// Heading.
    pub title: String,
    /// Whether it starts a new page (`page_break = "before"` on the section or in
    /// `[page]`); otherwise it follows the section before it.
    pub new_page: bool,
    /// What it holds.
    pub content: SectionContent,
}

/// The content of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionContent {
    /// The analyst's note.
    Note(Vec<NoteBlock>),
    /// Excerpts of documents (a documents or topic section).
    Excerpts(Vec<Excerpt>),
    /// A meeting: its card, then what the sources say about it.
    Meeting {
        /// The meeting card.
        card: Box<MeetingCard>,
        /// The paragraphs that mention it, by document, ordered by date.
        excerpts: Vec<Excerpt>,
    },
    /// Key figures, each with its source.
    Figures(Vec<FigureEntry>),
    /// An existing PDF whose pages follow as they are (see [`annex`]).
    Annex(annex::Annex),
}

/// What the book says about a meeting (a corpus event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingCard {
    /// Event id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind, in the brief's language ("Ministerial meeting").
    pub kind: String,
    /// Dates written out ("12–13 February 2026").
    pub dates: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Organisation.
    pub organisation: Option<String>,
    /// People named near the mentions.
    pub participants: Vec<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Numbers in the source list of the documents that mention it.
    pub sources: Vec<usize>,
}

/// A key figure of the figures table.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureEntry {
    /// The figure as written: "2.03%".
    pub text: String,
    /// Percent, money, count, year.
    pub kind: FigureKind,
    /// What it measures, as the source says it.
    pub context: String,
    /// Language of the context.
    pub language: LanguageTag,
    /// Number of its document in the source list.
    pub source: usize,
    /// Paragraph of the document, from 0.
    pub paragraph: usize,
}

/// One document in a section: its rows and how to set them.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// Title of the original.
    pub title: String,
    /// Whether the rows are a selection of the document's paragraphs (meeting and topic
    /// sections) rather than the whole text; gaps between them are marked.
    pub partial: bool,
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
    /// Paragraphs an earlier section printed, by paragraph: the layout refers to them
    /// where they would stand instead of printing them again.
    pub elsewhere: Vec<Elsewhere>,
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

/// Parses a brief file and reports every unknown key, not just the first: each is reported
/// at its line, then blanked out (the text keeps its lines and columns) and the rest parsed
/// again, up to the first problem of another kind.
pub(crate) fn parse_brief_all(path: &Path, text: &str) -> Result<Brief, Vec<Diagnostic>> {
    let mut current = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    let mut problems = Vec::new();
    for _ in 0..200 {
        match parse_brief(path, &current) {
            Ok(brief) if problems.is_empty() => return Ok(brief),
            Ok(_) => return Err(problems),
            Err(d) => {
                let blanked = if d.message.starts_with("unknown field") { blank_key(&current, d.pos) } else { None };
                problems.push(d);
                match blanked {
                    Some(text) => current = text,
                    None => return Err(problems),
                }
            }
        }
    }
    Err(problems)
}

/// `text` with the key starting at `pos` and its value replaced by spaces (line breaks
/// kept, so every other position stays where it was).
fn blank_key(text: &str, pos: Option<Pos>) -> Option<String> {
    let pos = pos?;
    let line_start = if pos.line == 1 { 0 } else { text.match_indices('\n').nth(pos.line - 2)?.0 + 1 };
    let offset = line_start + text[line_start..].chars().take(pos.col - 1).map(char::len_utf8).sum::<usize>();
    fn find(value: &toml::de::DeValue<'_>, offset: usize) -> Option<std::ops::Range<usize>> {
        match value {
            toml::de::DeValue::Table(t) => t.iter().find_map(|(k, v)| {
                if k.span().start == offset {
                    Some(k.span().start..v.span().end.max(k.span().end))
                } else {
                    find(v.get_ref(), offset)
                }
            }),
            toml::de::DeValue::Array(a) => a.iter().find_map(|v| find(v.get_ref(), offset)),
            _ => None,
        }
    }
    let root = toml::de::DeTable::parse(text).ok()?;
    let range = find(&toml::de::DeValue::Table(root.into_inner()), offset)?;
    let mut out = text.to_string();
    let blank: String = text[range.clone()].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
    out.replace_range(range, &blank);
    Some(out)
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
                "a section has: title, kind (documents, note, meeting, topic, figures, annex), text, documents, layout, event, topic, from, to, exclude, pin, translation, page_break (auto, before), repeat, file"
            } else if d.message.contains("`subtitle`") {
                "[brief] has: title, subtitle, date, classification, prepared_for, prepared_by, language, corpus, page_size, events, topics, memory, allow_outside_paths"
            } else if d.message.contains("`margin_top`") {
                "[page] has: margin_top, margin_bottom, margin_left, margin_right (mm), base_size (pt), line_height, justify, hyphenate, watermark, page_break (auto, before)"
            } else if d.message.contains("`body_font`") {
                "[theme] has: body_font, heading_font (serif, sans), title_size, heading_size, subheading_size (pt), text_color, accent_color, muted_color, rule_color, shade_color, machine_color, stale_color (#rrggbb)"
            } else {
                "the file has: format, [brief], [page], [theme], [[section]]"
            };
            return d.with_hint(hint);
        }
        if d.message.starts_with("unknown variant") && d.message.contains("`serif` or `sans`") {
            return d.with_hint("the fonts are built into briefbook from fonts/: `serif` is Noto Serif, `sans` is Noto Sans");
        }
        d
    })
}

/// A step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key<'a> {
    /// A table key.
    Name(&'a str),
    /// An array index.
    Index(usize),
}

/// Finds where values stand in a TOML text; the text is parsed once, on creation.
pub(crate) struct Locator<'a> {
    text: &'a str,
    root: Option<toml::Spanned<toml::de::DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    /// Parses `text` for locating; a text that does not parse locates nothing.
    pub(crate) fn new(text: &'a str) -> Self {
        Locator { text, root: toml::de::DeTable::parse(text).ok() }
    }

    /// The position of the value at `path`, if it exists.
    pub(crate) fn at(&self, path: &[Key<'_>]) -> Option<Pos> {
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
pub(crate) fn locate(text: &str, path: &[Key<'_>]) -> Option<Pos> {
    Locator::new(text).at(path)
}

/// Resolves a brief against its corpus. Returns the book (usable even when there are
/// problems: what cannot be resolved is left out) and every problem found.
///
/// `brief_path` and `brief_text` locate problems in the brief file. `memory` is the
/// translation memory (the analyst's edits and alignment fixes among it), read only.
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
    let mut ctx = Ctx {
        rows: rows_of_sections(brief, corpus, memory, lang),
        corpus,
        memory,
        labels: &labels,
        lang,
        brief_path,
        sources: Sources::default(),
        printed: once::Printed::default(),
        section: 0,
        used_ids: Vec::new(),
        diags: Vec::new(),
    };
    // The paragraphs of meeting and topic sections first: a figures section draws on
    // them wherever it stands.
    let selections: Vec<Option<Vec<Selection>>> = brief
        .sections
        .iter()
        .enumerate()
        .map(|(si, section)| {
            let before = ctx.diags.len();
            let selection = select(&mut ctx, brief, si, section, &locator);
            in_section(&mut ctx.diags[before..], si);
            selection
        })
        .collect();
    let mut sections = Vec::new();
    for (si, section) in brief.sections.iter().enumerate() {
        let before = ctx.diags.len();
        ctx.section = si;
        let key = |k: &'static str| [Key::Name("section"), Key::Index(si), Key::Name(k)];
        let section_at = at(&[Key::Name("section"), Key::Index(si)]);
        if section.title.trim().is_empty() {
            ctx.diags.push(warn(format!("section {} has no title", si + 1), section_at, None));
        }
        if section.kind != SectionKind::Note && !section.text.is_empty() {
            ctx.diags.push(warn(
                format!("section `{}` has a text but is not a note; the text is not shown", section.title),
                at(&key("text")),
                Some("set `kind = \"note\"`"),
            ));
        }
        if section.kind != SectionKind::Annex && !section.file.trim().is_empty() {
            ctx.diags.push(warn(
                format!("section `{}` names a file but is not an annex; the file is not shown", section.title),
                at(&key("file")),
                Some("set `kind = \"annex\"`"),
            ));
        }
        let content = match section.kind {
            SectionKind::Note => {
                if !section.documents.is_empty() {
                    ctx.diags.push(warn(
                        format!("note section `{}` lists documents; a note shows only its text", section.title),
                        at(&key("documents")),
                        Some("set `kind = \"documents\"` or move the documents to another section"),
                    ));
                }
                if section.text.trim().is_empty() {
                    ctx.diags.push(warn(format!("note section `{}` has no text", section.title), section_at, None));
                }
                let longest =
                    section.text.split("\n\n").map(|p| p.trim().chars().count()).enumerate().max_by_key(|(_, n)| *n);
                match longest {
                    Some((i, chars)) if chars > corpus::MAX_PARAGRAPH_CHARS => {
                        ctx.diags.push(
                            Diagnostic::error(format!(
                                "note section `{}`: paragraph {} has {} characters; paragraphs longer than {} characters are not set",
                                section.title,
                                i + 1,
                                corpus::thousands(chars),
                                corpus::thousands(corpus::MAX_PARAGRAPH_CHARS)
                            ))
                            .in_file(brief_path)
                            .at(at(&key("text")))
                            .with_hint("separate the paragraphs with blank lines"),
                        );
                        SectionContent::Note(markdown::parse(""))
                    }
                    _ => SectionContent::Note(markdown::parse(&section.text)),
                }
            }
            SectionKind::Documents => {
                if section.documents.is_empty() {
                    ctx.diags.push(warn(
                        format!("section `{}` names no documents", section.title),
                        section_at,
                        Some("add `documents = [\"id\", ...]`; `briefbook docs` lists the ids"),
                    ));
                }
                // Paragraphs the analyst left out (`exclude`); a documents section takes
                // every paragraph, so `pin` has nothing to add.
                let (excluded, problems) = assemble::paragraph_refs(corpus, &section.exclude);
                report_ref_problems(&mut ctx, section, si, &locator, problems);
                if !section.pin.is_empty() {
                    ctx.diags.push(warn(
                        format!("section `{}` sets whole documents; `pin` has no effect here", section.title),
                        at(&key("pin")),
                        Some("`pin` adds paragraphs to meeting and topic sections"),
                    ));
                }
                let mut excerpts = Vec::new();
                for (di, id) in section.documents.iter().enumerate() {
                    let id_at = at(&[Key::Name("section"), Key::Index(si), Key::Name("documents"), Key::Index(di)]);
                    ctx.used_ids.push(id.clone());
                    let Some(named) = corpus.get(id) else {
                        ctx.diags.push(unknown_document(id, corpus, brief_path, id_at));
                        continue;
                    };
                    excerpts.push(ctx.excerpt(named, None, &excluded, section, id_at));
                }
                SectionContent::Excerpts(excerpts)
            }
            SectionKind::Meeting | SectionKind::Topic => {
                let selection = selections[si].as_deref().unwrap_or(&[]);
                let mut excerpts = Vec::new();
                for s in selection {
                    let Some(doc) = corpus.get(&s.document) else { continue };
                    excerpts.push(ctx.excerpt(doc, Some(&s.paragraphs), &[], section, section_at));
                }
                if selections[si].is_some() && excerpts.is_empty() {
                    ctx.diags.push(warn(
                        format!("section `{}` finds no paragraph in the corpus", section.title),
                        section_at,
                        Some("pin paragraphs with `pin = [\"document-id#N\"]`, or widen the dates"),
                    ));
                }
                match (section.kind, corpus.event(&section.event)) {
                    (SectionKind::Meeting, Some(event)) => {
                        let card = Box::new(ctx.card(event));
                        SectionContent::Meeting { card, excerpts }
                    }
                    _ => SectionContent::Excerpts(excerpts),
                }
            }
            SectionKind::Figures => {
                let picked: Vec<Selection> = if selections.iter().any(Option::is_some) {
                    selections.iter().flatten().flatten().cloned().collect()
                } else {
                    // No meeting or topic section: the figures of every document section.
                    brief
                        .sections
                        .iter()
                        .filter(|s| s.kind == SectionKind::Documents)
                        .flat_map(|s| s.documents.iter())
                        .filter_map(|id| corpus.get(id))
                        .map(|d| match d.meta.translation_of.as_deref().and_then(|o| corpus.get(o)) {
                            Some(original) => original,
                            None => d,
                        })
                        .map(|d| Selection {
                            document: d.id().to_string(),
                            paragraphs: (0..d.paragraphs.len()).collect(),
                        })
                        .collect()
                };
                let figures = assemble::figures(corpus, &picked);
                let mut entries = Vec::new();
                // Rows of original and translation, per document, for the figures' contexts.
                let mut rows_of: BTreeMap<String, Vec<Row>> = BTreeMap::new();
                for f in figures {
                    let Some(doc) = corpus.get(&f.at.document) else { continue };
                    let source = ctx.sources.number(doc, &labels, None);
                    ctx.used_ids.push(doc.id().to_string());
                    let language = doc
                        .paragraphs
                        .get(f.at.paragraph)
                        .and_then(|p| p.language.clone())
                        .unwrap_or_else(|| doc.meta.language.clone());
                    let context = if f.context.trim().is_empty() { f.sentence_text.clone() } else { f.context.clone() };
                    // In the brief's language: the translation of the figure's sentence where
                    // there is one; else the original, which the layout marks as such.
                    let translated = if language.same_language(lang) {
                        None
                    } else {
                        let rows = rows_of.entry(doc.id().to_string()).or_insert_with(|| {
                            let translation =
                                corpus.translations_of(doc.id()).find(|t| t.meta.language.same_language(lang));
                            let request = translate::RowRequest {
                                original: doc,
                                translation,
                                language: lang,
                                preference: section.translation,
                            };
                            translate::rows(&request, memory).0
                        });
                        figure_translation(rows, f)
                    };
                    let (context, language) = match translated {
                        Some(t) => (t, lang.clone()),
                        None => (context, language),
                    };
                    entries.push(FigureEntry {
                        text: f.text.clone(),
                        kind: f.kind,
                        context,
                        language,
                        source,
                        paragraph: f.at.paragraph,
                    });
                }
                if entries.is_empty() {
                    ctx.diags.push(warn(
                        format!("figures section `{}` has no key figures to show", section.title),
                        section_at,
                        Some("key figures come from the paragraphs of the brief's meeting and topic sections"),
                    ));
                }
                SectionContent::Figures(entries)
            }
            SectionKind::Annex => {
                if !section.documents.is_empty() {
                    ctx.diags.push(warn(
                        format!("annex section `{}` lists documents; an annex shows only its PDF", section.title),
                        at(&key("documents")),
                        Some("set `kind = \"documents\"` or move the documents to another section"),
                    ));
                }
                // The file is read by `annex::load`, which the workspace calls.
                SectionContent::Annex(annex::Annex { file: section.file.clone(), ..annex::Annex::default() })
            }
        };
        in_section(&mut ctx.diags[before..], si);
        let new_page = section.page_break == PageBreak::Before || brief.page.page_break == PageBreak::Before;
        sections.push(BookSection { title: section.title.clone(), new_page, content });
    }
    let meetings: Vec<MeetingCard> =
        brief
            .brief
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, id)| match corpus.event(id) {
                Some(e) => Some(ctx.card(e)),
                None => {
                    let d = Diagnostic::error(format!("no meeting `{id}` in the corpus"))
                        .in_file(brief_path)
                        .at(at(&[Key::Name("brief"), Key::Name("events"), Key::Index(i)]));
                    ctx.diags.push(did_you_mean(d, id, corpus.events.iter().map(|e| e.id.as_str())));
                    None
                }
            })
            .collect();
    for (i, id) in brief.brief.topics.iter().enumerate() {
        if corpus.topic(id).is_none() {
            let d = Diagnostic::error(format!("no topic `{id}` in the corpus's taxonomy"))
                .in_file(brief_path)
                .at(at(&[Key::Name("brief"), Key::Name("topics"), Key::Index(i)]));
            ctx.diags.push(did_you_mean(d, id, corpus.topics.iter().map(|t| t.id.as_str())));
        }
    }
    let Ctx { sources, used_ids, diags: found, .. } = ctx;
    diags.extend(found);

    // Problems of the corpus: errors for documents the brief uses, warnings for the rest.
    let used: std::collections::BTreeSet<&str> = used_ids.iter().map(String::as_str).collect();
    for problem in &corpus.problems {
        let mut d = problem.diagnostic.clone();
        if d.origin.document.is_none() {
            d.origin.document = problem.id.clone();
        }
        if !problem.id.as_deref().is_some_and(|id| used.contains(id)) {
            d.severity = Severity::Warning;
            if problem.id.is_none() || corpus.get(problem.id.as_deref().unwrap_or("")).is_none() {
                d.message.push_str(" (the file is skipped)");
            }
        }
        diags.push(d);
    }

    let book = Book {
        meta: brief.brief.clone(),
        page: brief.page.clone(),
        theme: brief.theme.clone(),
        meetings,
        labels,
        sections,
        sources: sources.entries,
    };
    tag_keys(&mut diags, brief, brief_path, &locator);
    diags.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.file.cmp(&b.file)).then_with(|| a.pos.cmp(&b.pos)));
    diags.dedup();
    (book, diags)
}

/// Marks problems found while resolving section `si` as being in it (those already tied
/// to another section keep it).
fn in_section(diags: &mut [Diagnostic], si: usize) {
    for d in diags {
        d.origin.section.get_or_insert(si);
    }
}

/// The keys of a brief that problems can stand at, written as in [`crate::diag::Origin::key`].
fn brief_keys(brief: &Brief) -> Vec<(String, Vec<Key<'static>>)> {
    const BRIEF: [&str; 13] = [
        "title",
        "subtitle",
        "date",
        "classification",
        "prepared_for",
        "prepared_by",
        "language",
        "corpus",
        "page_size",
        "events",
        "topics",
        "memory",
        "allow_outside_paths",
    ];
    const SECTION: [&str; 15] = [
        "title",
        "file",
        "kind",
        "text",
        "documents",
        "layout",
        "event",
        "topic",
        "from",
        "to",
        "exclude",
        "pin",
        "translation",
        "page_break",
        "repeat",
    ];
    let mut out = Vec::new();
    for k in BRIEF {
        out.push((format!("brief.{k}"), vec![Key::Name("brief"), Key::Name(k)]));
    }
    for (i, _) in brief.brief.events.iter().enumerate() {
        out.push((format!("brief.events[{i}]"), vec![Key::Name("brief"), Key::Name("events"), Key::Index(i)]));
    }
    for (i, _) in brief.brief.topics.iter().enumerate() {
        out.push((format!("brief.topics[{i}]"), vec![Key::Name("brief"), Key::Name("topics"), Key::Index(i)]));
    }
    for (si, section) in brief.sections.iter().enumerate() {
        let at = |rest: &[Key<'static>]| {
            let mut path = vec![Key::Name("section"), Key::Index(si)];
            path.extend_from_slice(rest);
            path
        };
        out.push((format!("section[{si}]"), at(&[])));
        for k in SECTION {
            out.push((format!("section[{si}].{k}"), at(&[Key::Name(k)])));
        }
        for (name, list) in [("documents", &section.documents), ("exclude", &section.exclude), ("pin", &section.pin)] {
            for i in 0..list.len() {
                out.push((format!("section[{si}].{name}[{i}]"), at(&[Key::Name(name), Key::Index(i)])));
            }
        }
    }
    out
}

/// Names the brief key each problem in the brief file stands at (problems are placed at
/// the start of a key's value, so the position tells the key), and the section of keys
/// inside a section.
fn tag_keys(diags: &mut [Diagnostic], brief: &Brief, brief_path: &Path, locator: &Locator<'_>) {
    if !diags.iter().any(|d| d.origin.key.is_none() && d.pos.is_some() && d.file.as_deref() == Some(brief_path)) {
        return;
    }
    let mut by_pos: BTreeMap<Pos, String> = BTreeMap::new();
    for (name, path) in brief_keys(brief) {
        if let Some(pos) = locator.at(&path) {
            // The deepest key wins (`section[0].documents[0]` over `section[0].documents`).
            by_pos.insert(pos, name);
        }
    }
    for d in diags {
        if d.origin.key.is_some() || d.file.as_deref() != Some(brief_path) {
            continue;
        }
        let Some(key) = d.pos.and_then(|p| by_pos.get(&p)) else { continue };
        if d.origin.section.is_none()
            && let Some(i) = key.strip_prefix("section[").and_then(|r| r.split(']').next()).and_then(|n| n.parse().ok())
        {
            d.origin.section = Some(i);
        }
        d.origin.key = Some(key.clone());
    }
}

fn unknown_document(id: &str, corpus: &Corpus, brief_path: &Path, pos: Option<Pos>) -> Diagnostic {
    let broken: Vec<&corpus::Problem> = corpus.problems_of(id).collect();
    if let Some(problem) = broken.first() {
        let file = problem.diagnostic.file.as_deref().map(|f| f.display().to_string()).unwrap_or_default();
        return Diagnostic::error(format!("document `{id}` cannot be read ({file}: {})", problem.diagnostic.message))
            .in_file(brief_path)
            .at(pos)
            .about_document(id)
            .with_hint("fix the document (see the error for its file below) or remove it from the section");
    }
    let mut d = Diagnostic::error(format!("no document `{id}` in the corpus {}", corpus.root.display()))
        .in_file(brief_path)
        .at(pos)
        .about_document(id);
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
            title: cite::title_of(doc),
            publisher: cite::name(doc.meta.publisher.as_ref()),
            date: doc.meta.published.map(|d| labels.date(d)),
            language: labels.language(&doc.meta.language),
            translator: cite::name(doc.meta.translator.as_ref()),
            translation_of: original,
            url: doc.meta.url.as_ref().map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
        });
        self.numbers.insert(doc.meta.id.clone(), number);
        number
    }
}

/// The translation of the row that holds a figure's sentence (or, failing that, the
/// figure itself), if that row is translated.
fn figure_translation(rows: &[Row], figure: &crate::model::KeyFigure) -> Option<String> {
    let sentence = figure.sentence_text.trim();
    let mut rows = rows.iter().filter(|r| r.paragraph == Some(figure.at.paragraph) && r.translation.is_some());
    let holds =
        |r: &&Row, needle: &str| !needle.is_empty() && r.original.as_deref().is_some_and(|o| o.contains(needle));
    let found = rows.clone().find(|r| holds(r, sentence)).or_else(|| rows.find(|r| holds(r, figure.text.trim())));
    found.and_then(|r| r.translation.clone())
}

fn did_you_mean<'a>(d: Diagnostic, wanted: &str, ids: impl Iterator<Item = &'a str>) -> Diagnostic {
    match corpus::closest(wanted, ids) {
        Some(near) => d.with_hint(format!("did you mean `{near}`?")),
        None => d,
    }
}

/// The paragraphs a meeting or topic section draws on; None for other kinds or when the
/// event or topic is unknown (reported).
fn select(
    ctx: &mut Ctx<'_>,
    brief: &Brief,
    si: usize,
    section: &Section,
    locator: &Locator<'_>,
) -> Option<Vec<Selection>> {
    let key = |k: &'static str| locator.at(&[Key::Name("section"), Key::Index(si), Key::Name(k)]);
    let corpus = ctx.corpus;
    let (selections, problems) = match section.kind {
        SectionKind::Meeting => {
            if section.event.trim().is_empty() {
                ctx.diags.push(
                    Diagnostic::error(format!("meeting section `{}` names no event", section.title))
                        .in_file(ctx.brief_path)
                        .at(locator.at(&[Key::Name("section"), Key::Index(si)]))
                        .with_hint("add `event = \"id\"` with the id of a meeting of the corpus"),
                );
                return None;
            }
            let Some(event) = corpus.event(&section.event) else {
                let d = Diagnostic::error(format!("no meeting `{}` in the corpus", section.event))
                    .in_file(ctx.brief_path)
                    .at(key("event"));
                ctx.diags.push(did_you_mean(d, &section.event, corpus.events.iter().map(|e| e.id.as_str())));
                return None;
            };
            assemble::meeting(corpus, event, section)
        }
        SectionKind::Topic => {
            if section.topic.trim().is_empty() {
                ctx.diags.push(
                    Diagnostic::error(format!("topic section `{}` names no topic", section.title))
                        .in_file(ctx.brief_path)
                        .at(locator.at(&[Key::Name("section"), Key::Index(si)]))
                        .with_hint("add `topic = \"id\"` with the id of a topic of the corpus's taxonomy"),
                );
                return None;
            }
            if corpus.topic(&section.topic).is_none() {
                let d = Diagnostic::error(format!("no topic `{}` in the corpus's taxonomy", section.topic))
                    .in_file(ctx.brief_path)
                    .at(key("topic"));
                ctx.diags.push(did_you_mean(d, &section.topic, corpus.topics.iter().map(|t| t.id.as_str())));
                return None;
            }
            for (di, id) in section.documents.iter().enumerate() {
                if corpus.get(id).is_none() {
                    let pos =
                        locator.at(&[Key::Name("section"), Key::Index(si), Key::Name("documents"), Key::Index(di)]);
                    ctx.diags.push(unknown_document(id, corpus, ctx.brief_path, pos));
                }
            }
            for (name, d) in [("from", section.from), ("to", section.to)] {
                if let Some(d) = d.filter(|d| d.year().is_none()) {
                    ctx.diags.push(
                        Diagnostic::error(format!(
                            "topic section `{}`: `{name}` {d} has no year; write it as \"2026-02\" or 2026-02-12",
                            section.title
                        ))
                        .in_file(ctx.brief_path)
                        .at(key(name)),
                    );
                }
            }
            if let (Some(from), Some(to)) = (section.from.and_then(|d| d.days()), section.to.and_then(|d| d.days()))
                && from.0 > to.1
            {
                let (from, to) = (
                    section.from.map(|d| d.to_string()).unwrap_or_default(),
                    section.to.map(|d| d.to_string()).unwrap_or_default(),
                );
                ctx.diags.push(
                    Diagnostic::error(format!("topic section `{}`: `from` {from} is after `to` {to}", section.title))
                        .in_file(ctx.brief_path)
                        .at(key("from")),
                );
            }
            assemble::topic(corpus, &section.topic, &brief.brief, section)
        }
        _ => return None,
    };
    report_ref_problems(ctx, section, si, locator, problems);
    Some(selections)
}

/// Reports bad `exclude` and `pin` entries of section `si`, each at its entry.
fn report_ref_problems(
    ctx: &mut Ctx<'_>,
    section: &Section,
    si: usize,
    locator: &Locator<'_>,
    problems: Vec<RefProblem>,
) {
    let corpus = ctx.corpus;
    for problem in problems {
        // Find the entry the problem is about, to point at it.
        let needle = match &problem {
            RefProblem::Syntax(s) => s.clone(),
            RefProblem::NoDocument(id) => format!("{id}#"),
            RefProblem::NoParagraph(r, _) => r.to_string(),
        };
        let pos = [("exclude", &section.exclude), ("pin", &section.pin)].into_iter().find_map(|(k, list)| {
            let i = list.iter().position(|e| e == &needle || e.starts_with(&needle))?;
            locator.at(&[Key::Name("section"), Key::Index(si), Key::Name(k), Key::Index(i)])
        });
        let mut d = Diagnostic::error(problem.to_string()).in_file(ctx.brief_path).at(pos);
        if let RefProblem::NoDocument(id) = &problem {
            d = did_you_mean(d, id, corpus.ids());
        }
        ctx.diags.push(d);
    }
}

/// The original and the translation into `lang` of a document the brief names: it may
/// name either the original or its translation into the brief's language.
fn pair<'c>(corpus: &'c Corpus, lang: &LanguageTag, named: &'c Document) -> (&'c Document, Option<&'c Document>) {
    if named.meta.language.same_language(lang) {
        match named.meta.translation_of.as_deref().and_then(|o| corpus.get(o)) {
            Some(o) if !o.meta.language.same_language(lang) => (o, Some(named)),
            _ => (named, None),
        }
    } else {
        let t = corpus.translations_of(named.id()).find(|t| t.meta.language.same_language(lang));
        (named, t)
    }
}

/// What the rows of an excerpt depend on: the original, the translation, the preference.
type RowsKey = (String, Option<String>, String);

fn rows_key(original: &Document, translation: Option<&Document>, preference: TranslationSource) -> RowsKey {
    (original.id().to_string(), translation.map(|t| t.id().to_string()), format!("{preference:?}"))
}

/// The rows (and their diagnostics) of every document the documents sections name, made
/// in parallel: aligning and checking the rows is most of resolving a long brief.
fn rows_of_sections(
    brief: &Brief,
    corpus: &Corpus,
    memory: &translate::Memory,
    lang: &LanguageTag,
) -> BTreeMap<RowsKey, (Vec<Row>, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    let mut wanted = BTreeMap::new();
    for section in brief.sections.iter().filter(|s| s.kind == SectionKind::Documents) {
        for named in section.documents.iter().filter_map(|id| corpus.get(id)) {
            let (original, translation) = pair(corpus, lang, named);
            wanted.entry(rows_key(original, translation, section.translation)).or_insert((
                original,
                translation,
                section.translation,
            ));
        }
    }
    let wanted: Vec<_> = wanted.into_iter().collect();
    wanted
        .into_par_iter()
        .map(|(key, (original, translation, preference))| {
            let request = translate::RowRequest { original, translation, language: lang, preference };
            (key, translate::rows(&request, memory))
        })
        .collect()
}

/// What resolving keeps while it walks the sections.
struct Ctx<'a> {
    /// The rows of each excerpt's documents, made once (see [`rows_of_sections`]).
    rows: BTreeMap<RowsKey, (Vec<Row>, Vec<Diagnostic>)>,
    corpus: &'a Corpus,
    memory: &'a translate::Memory,
    labels: &'a Labels,
    lang: &'a LanguageTag,
    brief_path: &'a Path,
    sources: Sources,
    /// The paragraphs the sections so far printed.
    printed: once::Printed,
    /// The section being resolved.
    section: usize,
    used_ids: Vec<String>,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// The excerpt of `named` (an original or its translation) in `section`: the whole
    /// document, or only `paragraphs` (indexes from 0 of the original).
    fn excerpt(
        &mut self,
        named: &Document,
        paragraphs: Option<&[usize]>,
        excluded: &[ParagraphRef],
        section: &Section,
        pos: Option<Pos>,
    ) -> Excerpt {
        let (corpus, lang, labels) = (self.corpus, self.lang, self.labels);
        let (original, translation) = pair(corpus, lang, named);
        let source = self.sources.number(original, labels, None);
        let translation_source = translation.map(|t| self.sources.number(t, labels, Some(source)));
        self.used_ids.push(original.id().to_string());
        if let Some(t) = translation {
            self.used_ids.push(t.id().to_string());
        }
        let in_brief_language = original.meta.language.same_language(lang);
        // The one place rows are made: sentence alignment of the human translation, the
        // translation memory, stored machine translation, by the section's preference.
        let request = translate::RowRequest { original, translation, language: lang, preference: section.translation };
        let key = rows_key(original, translation, section.translation);
        let (mut rows, mut d) = match self.rows.get(&key) {
            Some(made) => made.clone(),
            None => {
                let made = translate::rows(&request, self.memory);
                self.rows.insert(key, made.clone());
                made
            }
        };
        for d in &mut d {
            if let Some(f) = &d.file {
                d.file = Some(corpus.root.join(f));
            }
            d.origin.document.get_or_insert_with(|| original.id().to_string());
        }
        self.diags.extend(d);
        let translated = rows.iter().any(|r| r.translation.is_some());
        if !translated && !in_brief_language && section.layout != Layout::Original {
            let message = match translation {
                None => format!(
                    "no {} translation of `{}` in the corpus or the translation memory; section `{}` sets it as original only",
                    lang.english_name(),
                    original.id(),
                    section.title
                ),
                Some(_) => format!(
                    "section `{}` prefers `translation = \"{}\"`, and the translation memory has none for `{}`; it is set as original only",
                    section.title,
                    translate::preference_name(section.translation),
                    original.id()
                ),
            };
            self.diags.push(Diagnostic::warning(message).in_file(self.brief_path).at(pos).about_document(original.id()).with_hint(format!(
                "add a document with `translation_of = \"{}\"` and `language = \"{lang}\"`, or run `briefbook translate`",
                original.id()
            )));
        }
        let effective = if translated { section.layout } else { Layout::Original };
        if let Some(keep) = paragraphs {
            rows.retain(|r| r.paragraph.is_some_and(|p| keep.binary_search(&p).is_ok()));
        }
        // Left out by the analyst (references name the original, or the document as named).
        let left_out: Vec<usize> = excluded
            .iter()
            .filter(|r| r.document == original.id() || r.document == named.id())
            .map(|r| r.index)
            .collect();
        rows.retain(|r| !r.paragraph.is_some_and(|p| left_out.contains(&p)));
        // Paragraphs printed by an earlier section are referred to, unless it says repeat.
        let elsewhere = self.printed.take(original.id(), &mut rows, self.section, &section.title, section.repeat);
        Excerpt {
            title: original.meta.title.clone(),
            partial: !left_out.is_empty() || paragraphs.is_some_and(|p| p.len() < original.paragraphs.len()),
            source,
            translation_source,
            layout: effective,
            original_language: original.meta.language.clone(),
            translation_language: lang.clone(),
            rows,
            elsewhere,
        }
    }

    /// The card of a meeting; its documents are cited in the source list.
    fn card(&mut self, event: &Event) -> MeetingCard {
        let labels = self.labels;
        let mut sources: Vec<usize> = Vec::new();
        for id in event.documents() {
            let Some(doc) = self.corpus.get(id) else { continue };
            // A translation stands for its original.
            let doc = doc.meta.translation_of.as_deref().and_then(|o| self.corpus.get(o)).unwrap_or(doc);
            let n = self.sources.number(doc, labels, None);
            if !sources.contains(&n) {
                sources.push(n);
            }
        }
        sources.sort_unstable();
        let dates = match (event.start, event.end) {
            (Some(s), Some(e)) => Some(labels.partial_range(s, e)),
            (Some(s), None) | (None, Some(s)) => Some(labels.partial_date(s)),
            (None, None) => None,
        };
        MeetingCard {
            id: event.id.clone(),
            name: event.name.clone(),
            kind: labels.event_kind(event.kind),
            dates,
            place: event.place.clone(),
            organisation: event.organisation.clone(),
            participants: event.participants.clone(),
            topics: event
                .topics
                .iter()
                .map(|t| self.corpus.topic(t).map_or_else(|| t.clone(), |topic| topic.name.clone()))
                .collect(),
            sources,
        }
    }
}

#[cfg(test)]
mod tests;
