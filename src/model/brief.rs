//! The brief: the recipe of a briefing book, kept as a TOML file so the same book can be
//! rebuilt, shared and diffed.

use serde::{Deserialize, Serialize};

use super::{Date, LanguageTag, PartialDate};

/// The brief file format this version of briefbook reads and writes.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// A briefing book's recipe: metadata and an ordered list of sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// File format version; see `FORMAT_VERSION`.
    pub format: u32,
    /// Title page and running-header information.
    pub brief: BriefMeta,
    /// Margins, base size, justification, watermark.
    #[serde(default, skip_serializing_if = "PageSetup::is_default")]
    pub page: PageSetup,
    /// Fonts, sizes and colours.
    #[serde(default, skip_serializing_if = "Theme::is_default")]
    pub theme: Theme,
    /// Sections in the order they appear in the book.
    #[serde(default, rename = "section", skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// Metadata of the brief: what the cover and running heads say, and where the sources are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefMeta {
    /// Title on the cover and in the running header.
    pub title: String,
    /// Line under the title (the meeting, usually).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subtitle: String,
    /// Date of the brief (not of the meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Classification marking printed on the cover and every page, e.g. "UNCLASSIFIED",
    /// "RESTRICTED", "OFFICIAL-SENSITIVE". Empty: no marking.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub classification: String,
    /// Who the brief is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_for: String,
    /// Who prepared it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_by: String,
    /// Language of the book: headings, labels, and the translation column.
    #[serde(default)]
    pub language: LanguageTag,
    /// Folder of the source documents, relative to the brief file.
    pub corpus: String,
    /// Paper size.
    #[serde(default)]
    pub page_size: PageSize,
    /// Ids of the meetings (corpus events) the analyst picked for this brief; meeting and
    /// topic sections and the key figures draw on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Ids of the topics the analyst picked for this brief.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The translation memory file, relative to the brief file. Empty: the default file
    /// beside the corpus folder (see the `translate` module).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memory: String,
    /// Whether `corpus` and `memory` may be absolute or lead out of the brief's folder, and
    /// symbolic links in the corpus folder may lead out of it. Off unless the user says so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_outside_paths: bool,
    /// Whether rows that translation QA flags (a number, date or name that differs, a
    /// missing sentence, an ignored term) are marked in the PDF. The app and
    /// `briefbook check` show them either way.
    #[serde(default, skip_serializing_if = "is_false")]
    pub qa_marks: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Paper size of the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in PostScript points.
    pub(crate) fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.276, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

/// A number in a brief: a size in points or a length in millimetres. Finite, not
/// negative, at most 1000; anything else is refused when the brief is read.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Number(f32);

// Numbers are checked to be finite when read, so equality is total.
impl Eq for Number {}

impl Number {
    /// A number; None unless finite and from 0 to 1000.
    pub(crate) fn new(value: f32) -> Option<Number> {
        (value.is_finite() && (0.0..=1000.0).contains(&value)).then_some(Number(value))
    }

    /// The value.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Number::new(value as f32)
            .ok_or_else(|| serde::de::Error::custom(format!("{value} is not a size: use a number from 0 to 1000")))
    }
}

/// An sRGB colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl std::str::FromStr for Rgb {
    type Err = String;

    fn from_str(s: &str) -> Result<Rgb, String> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(hex) = hex else { return Err(format!("`{s}` is not a colour: write it #rrggbb, e.g. #1f3a5f")) };
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        Ok(Rgb(byte(0), byte(2), byte(4)))
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Rgb, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// Page setup: margins, the base size of the text, how paragraphs are set, and an
/// optional watermark. Every field has a default, so `[page]` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageSetup {
    /// Top margin in millimetres (the running header stands in it).
    pub margin_top: Number,
    /// Bottom margin in millimetres (the footer stands in it).
    pub margin_bottom: Number,
    /// Left margin in millimetres.
    pub margin_left: Number,
    /// Right margin in millimetres.
    pub margin_right: Number,
    /// Size of body text in points; the other sizes follow it.
    pub base_size: Number,
    /// Line height as a multiple of the base size.
    pub line_height: Number,
    /// Justified paragraphs (straight right edge) or ragged right.
    pub justify: bool,
    /// Hyphenate words by the patterns of their language.
    pub hyphenate: bool,
    /// Text set large and light across every page, e.g. "DRAFT"; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub watermark: String,
    /// `before`: every section starts a new page. `auto` (the default): sections follow
    /// each other down the pages.
    #[serde(skip_serializing_if = "PageBreak::is_default")]
    pub page_break: PageBreak,
}

/// Whether a section starts a new page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageBreak {
    /// The section follows what comes before it on the same page when there is room.
    #[default]
    Auto,
    /// The section starts a new page.
    Before,
}

impl PageBreak {
    /// Whether this is the default (left out when a brief is written).
    pub(crate) fn is_default(&self) -> bool {
        *self == PageBreak::Auto
    }
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup {
            margin_top: Number(28.0),
            margin_bottom: Number(26.0),
            margin_left: Number(27.0),
            margin_right: Number(27.0),
            base_size: Number(10.5),
            line_height: Number(1.38),
            justify: true,
            hyphenate: true,
            watermark: String::new(),
            page_break: PageBreak::Auto,
        }
    }
}

impl PageSetup {
    /// Whether this is the default (left out when a brief is written).
    pub(crate) fn is_default(&self) -> bool {
        *self == PageSetup::default()
    }
}

/// A font family of the fonts shipped with briefbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Noto Serif.
    #[default]
    Serif,
    /// Noto Sans.
    Sans,
}

/// Fonts, sizes and colours of the book. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Theme {
    /// Family of body text and table cells.
    pub body_font: Family,
    /// Family of headings, labels, running heads.
    pub heading_font: Family,
    /// Size of the cover title in points.
    pub title_size: Number,
    /// Size of section headings in points.
    pub heading_size: Number,
    /// Size of headings inside sections in points.
    pub subheading_size: Number,
    /// Body text.
    pub text_color: Rgb,
    /// Headings, rules, links.
    pub accent_color: Rgb,
    /// Secondary text: citations, running heads, captions.
    pub muted_color: Rgb,
    /// Thin rules between table rows.
    pub rule_color: Rgb,
    /// Background of table headers and cards.
    pub shade_color: Rgb,
    /// Background of machine-translated cells.
    pub machine_color: Rgb,
    /// Background of translations older than their original.
    pub stale_color: Rgb,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            body_font: Family::Serif,
            heading_font: Family::Sans,
            title_size: Number(26.0),
            heading_size: Number(17.0),
            subheading_size: Number(12.0),
            text_color: Rgb(0x1a, 0x1a, 0x1a),
            accent_color: Rgb(0x1f, 0x3a, 0x5f),
            muted_color: Rgb(0x5a, 0x60, 0x68),
            rule_color: Rgb(0xc8, 0xcc, 0xd2),
            shade_color: Rgb(0xed, 0xf0, 0xf4),
            machine_color: Rgb(0xfd, 0xf3, 0xe1),
            stale_color: Rgb(0xfb, 0xe9, 0xe9),
        }
    }
}

impl Theme {
    /// Whether this is the default (left out when a brief is written).
    pub(crate) fn is_default(&self) -> bool {
        *self == Theme::default()
    }
}

/// What a section is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Excerpts of source documents, named by id in `documents`.
    #[default]
    Documents,
    /// The analyst's own text in `text` (light Markdown): summary, key messages, talking
    /// points, background.
    Note,
    /// A meeting (`event`): its card, then the paragraphs of the corpus that mention it.
    Meeting,
    /// A topic (`topic`): the paragraphs tagged with it, limited to the brief's meetings,
    /// dates (`from`, `to`) or `documents` when given, ordered by date.
    Topic,
    /// The key figures of the brief's meetings and topics, each with its source.
    Figures,
    /// An existing PDF (`file`), its pages appended to the book with the running header and
    /// footer stamped on them: an official declaration, an agenda.
    Annex,
}

impl SectionKind {
    /// The kind's name as the app shows it ("Key figures").
    #[cfg(feature = "app")]
    pub(crate) fn label(self) -> &'static str {
        match self {
            SectionKind::Documents => "Documents",
            SectionKind::Note => "Note",
            SectionKind::Meeting => "Meeting",
            SectionKind::Topic => "Topic",
            SectionKind::Figures => "Key figures",
            SectionKind::Annex => "Annex",
        }
    }
}

/// How a document section sets originals and translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Two columns: original | translation, one row per aligned segment.
    #[default]
    SideBySide,
    /// Each original paragraph followed by its translation.
    Interleaved,
    /// The translation alone.
    Translation,
    /// The original alone.
    Original,
}

impl Layout {
    /// Every layout, in the order a chooser lists them.
    pub const ALL: [Layout; 4] = [Layout::SideBySide, Layout::Interleaved, Layout::Translation, Layout::Original];
}

/// One section of the book.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Heading of the section.
    pub title: String,
    /// Documents or note.
    #[serde(default)]
    pub kind: SectionKind,
    /// For a note: the text, in light Markdown (paragraphs, lists, **bold**, *italic*).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For a documents section: the ids of the documents, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// For a documents section: how to set originals and translations.
    #[serde(default)]
    pub layout: Layout,
    /// For an annex: the PDF file, relative to the brief file (inside the brief's folder
    /// unless `allow_outside_paths`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// For a meeting section: the event id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub event: String,
    /// For a topic section: the topic id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    /// For a topic section: only paragraphs of documents published on or after this date,
    /// as precise as wanted: `2026-02-01`, `"2026-02"` (from the month's first day), `2026`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// For a topic section: only paragraphs of documents published on or before this date
    /// (a month or a year reaches to its last day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// Paragraphs left out, as `document-id#N` (N counts paragraphs from 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Paragraphs always included, as `document-id#N`, even when the selection would not
    /// pick them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<String>,
    /// Which translation to prefer for this section's rows.
    #[serde(default, skip_serializing_if = "TranslationSource::is_default")]
    pub translation: TranslationSource,
    /// `before`: the section starts a new page. `auto` (the default): it follows the
    /// section before it when there is room (see also `[page] page_break`).
    #[serde(default, skip_serializing_if = "PageBreak::is_default")]
    pub page_break: PageBreak,
    /// Print again paragraphs an earlier section printed; by default (false) the section
    /// refers to them instead ("See ¶ 3 of [1], p. 7, The meeting in the press").
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeat: bool,
}

/// Where a section's translation column comes from, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TranslationSource {
    /// The analyst's edits first, then a human translation in the corpus, then the
    /// translation memory, then stored machine translation.
    #[default]
    Auto,
    /// Only a human translation from the corpus (and the analyst's edits of it).
    Human,
    /// Only the translation memory (edits, imports, stored engine output).
    Memory,
    /// Machine translation stored in the memory, even where a human translation exists.
    Machine,
}

impl TranslationSource {
    /// Whether this is the default (left out when a brief is written).
    pub(crate) fn is_default(&self) -> bool {
        *self == TranslationSource::Auto
    }
}

/// A reference to one paragraph of a document: `document-id#N`, N from 1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ParagraphRef {
    /// Document id.
    pub document: String,
    /// Paragraph index from 0 (written from 1).
    pub index: usize,
}

impl ParagraphRef {
    /// Parses `document-id#N`; None if it is not of that form or N is 0.
    pub(crate) fn parse(text: &str) -> Option<ParagraphRef> {
        let (doc, n) = text.rsplit_once('#')?;
        let n: usize = n.parse().ok()?;
        (n >= 1 && !doc.is_empty()).then(|| ParagraphRef { document: doc.to_string(), index: n - 1 })
    }
}

impl std::fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.document, self.index + 1)
    }
}

impl Brief {
    /// A new, empty brief in English drawing on `corpus`.
    pub fn new(title: impl Into<String>, corpus: impl Into<String>) -> Brief {
        Brief {
            format: FORMAT_VERSION,
            brief: BriefMeta {
                title: title.into(),
                subtitle: String::new(),
                date: None,
                classification: String::new(),
                prepared_for: String::new(),
                prepared_by: String::new(),
                language: LanguageTag::default(),
                corpus: corpus.into(),
                page_size: PageSize::A4,
                events: Vec::new(),
                topics: Vec::new(),
                memory: String::new(),
                allow_outside_paths: false,
                qa_marks: false,
            },
            page: PageSetup::default(),
            theme: Theme::default(),
            sections: Vec::new(),
        }
    }

    /// Parses a brief from TOML text. Only the syntax and the types are checked here; the
    /// `brief` module's `check` looks at what the brief refers to.
    pub fn from_toml(text: &str) -> Result<Brief, toml::de::Error> {
        toml::from_str(text)
    }

    /// Writes the brief as TOML text.
    pub fn to_toml(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# could not serialise: {e}\n"))
    }
}
