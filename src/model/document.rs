//! A source document: its metadata (the front matter) and its body in paragraphs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Date, LanguageTag, TopicScore};

/// The metadata of a source document, as written in its TOML front matter.
///
/// Unknown keys are refused, so a typo (`pubished`) is reported instead of ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Stable slug that briefs use to name the document.
    pub id: String,
    /// Headline or title.
    pub title: String,
    /// Who published it (a ministry, a news outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// Language of the text.
    pub language: LanguageTag,
    /// On a translation: the id of the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    /// On a translation: who translated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translator: Option<String>,
    /// press-release, news, statement, speech, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who wrote it, when known (a web page's or a Word file's author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// How briefbook read the file: format, encoding, what it detected itself. Filled by
    /// the reader, never written in front matter (the front-matter reader refuses it).
    #[serde(default, skip_serializing_if = "Provenance::is_empty")]
    pub provenance: Provenance,
}

/// The file format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// TOML front matter between `+++` lines, then the body.
    #[default]
    FrontMatter,
    /// Plain text without front matter (`.txt`).
    Text,
    /// Markdown without front matter (`.md`, `.markdown`).
    Markdown,
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    Html,
    /// A Word document (`.docx`).
    Docx,
}

/// Where a document's metadata came from: what the file said and what briefbook worked out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// The file format.
    #[serde(default)]
    pub format: SourceFormat,
    /// The character encoding the file was converted from, when it was not UTF-8 (for
    /// example `windows-1250`, `UTF-16LE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Metadata fields briefbook filled itself rather than read from the file: `id`,
    /// `title`, `language` ... (`language` here means the language was detected).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detected: Vec<String>,
    /// When the detected language is a group the text cannot split (Croatian, Bosnian and
    /// Serbian in Latin script): the languages it may be, most likely first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_candidates: Vec<LanguageTag>,
}

impl Provenance {
    /// Whether nothing is recorded (a front-matter document read as UTF-8).
    pub(crate) fn is_empty(&self) -> bool {
        self == &Provenance::default()
    }

    /// Whether briefbook filled the field `name` itself.
    pub fn was_detected(&self, name: &str) -> bool {
        self.detected.iter().any(|d| d == name)
    }
}

/// One paragraph of a document body.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text, with the line breaks inside the paragraph turned into spaces.
    pub text: String,
    /// Line in the source file where the paragraph starts (1-based), for diagnostics.
    pub line: usize,
    /// The paragraph's own language, when it differs from the document's (a quote in
    /// English inside an Albanian article) or when the document's was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageTag>,
    /// Topics the paragraph is about, strongest first (filled by the corpus's analysis).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicScore>,
}

impl Paragraph {
    /// A paragraph with its text and line and nothing detected yet.
    pub fn new(text: impl Into<String>, line: usize) -> Paragraph {
        Paragraph { text: text.into(), line, ..Paragraph::default() }
    }
}

/// A source document: metadata plus paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Front matter.
    pub meta: DocumentMeta,
    /// Body paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// The file it came from, relative to the corpus folder.
    pub path: PathBuf,
}

impl Document {
    /// The document's id.
    pub(crate) fn id(&self) -> &str {
        &self.meta.id
    }

    /// Whether this document is a translation of another.
    pub fn is_translation(&self) -> bool {
        self.meta.translation_of.is_some()
    }
}
