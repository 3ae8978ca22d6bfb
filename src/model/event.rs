//! What the corpus finds in documents: meetings (events) with their mentions, topic scores
//! and key figures, each pointing back at the exact text it came from.

use serde::{Deserialize, Serialize};

use super::PartialDate;

/// A place in the corpus text: a byte range inside one paragraph of one document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TextRef {
    /// Document id.
    pub document: String,
    /// Paragraph index in the document, from 0.
    pub paragraph: usize,
    /// Start byte offset in the paragraph's text.
    pub start: usize,
    /// End byte offset (exclusive) in the paragraph's text.
    pub end: usize,
}

/// What kind of meeting an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// Heads of state and government.
    Summit,
    /// Ministers of one portfolio (foreign, defence ...).
    Ministerial,
    /// A standing council: North Atlantic Council, NATO-Ukraine Council, EU Council ...
    Council,
    /// A conference or forum.
    Conference,
    /// An official visit.
    Visit,
    /// Any other meeting.
    #[default]
    Meeting,
}

impl EventKind {
    /// Every kind, in the order a chooser lists them.
    pub const ALL: [EventKind; 6] = [
        EventKind::Summit,
        EventKind::Ministerial,
        EventKind::Council,
        EventKind::Conference,
        EventKind::Visit,
        EventKind::Meeting,
    ];

    /// The kind as written in files: `summit`, `ministerial` ...
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Summit => "summit",
            EventKind::Ministerial => "ministerial",
            EventKind::Council => "council",
            EventKind::Conference => "conference",
            EventKind::Visit => "visit",
            EventKind::Meeting => "meeting",
        }
    }
}

impl std::str::FromStr for EventKind {
    type Err = String;

    /// `summit`, `ministerial` ... as [`EventKind::as_str`] writes them.
    fn from_str(s: &str) -> Result<EventKind, String> {
        let s = s.trim().to_lowercase();
        EventKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            format!("`{s}` is no kind of meeting: summit, ministerial, council, conference, visit or meeting")
        })
    }
}

/// What a word of the evidence told about a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueRole {
    /// The words that say what kind of meeting it is ("summit", "met", "ministrat").
    Kind,
    /// Whose meeting it is.
    Organisation,
    /// Where.
    Place,
    /// When.
    Date,
}

/// One span of the evidence: words that gave the meeting its kind, organisation, place or
/// date, in the mention's paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// What the words gave.
    pub role: CueRole,
    /// Start byte offset in the paragraph's text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// One place where a document speaks of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where.
    pub at: TextRef,
    /// The exact text of the span.
    pub text: String,
    /// The sentence the mention stands in (byte range in the paragraph), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<(usize, usize)>,
    /// The words that gave kind, organisation, place and date, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<Cue>,
}

impl Mention {
    /// A mention of the words at `at`, without evidence.
    pub fn new(at: TextRef, text: impl Into<String>) -> Mention {
        Mention { at, text: text.into(), sentence: None, cues: Vec::new() }
    }
}

/// A meeting found in the corpus (or added by the user), with every mention of it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Event {
    /// Stable id, e.g. `nato-2026-02-12-defence-ministers-brussels`; briefs name events by it.
    pub id: String,
    /// Readable English name: "NATO Defence Ministers' Meeting".
    pub name: String,
    /// Summit, ministerial, council ...
    pub kind: EventKind,
    /// Organisation, canonical short name: `NATO`, `EU`, `OSCE` ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Place, canonical English name: `Brussels`, `The Hague` ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// A building or site inside the place: "NATO Headquarters", "Palace of Serbia".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// First day, month or year, exactly as precise as the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// Last day, month or year (same as `start` for a one-day event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// People named near the mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// Topic ids most often tagged on the paragraphs that mention it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Every mention, in corpus order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// Whether the user's corrections file added or changed this event.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
    /// The ministers' portfolio of a ministerial meeting: `foreign`, `defence` ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<String>,
    /// Whether the dates were worked out from a relative expression ("tomorrow", "sot",
    /// "next week") and the publication date, rather than written out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
    /// Whether the text gave the day and month without the year, so the year was taken
    /// from the reference date (see `provenance`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    /// Where an inferred year came from: `published`, `dateline`, `address`,
    /// `document-dates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    /// How sure the finding is, 0 to 1: a meeting noun with place and date in one sentence
    /// of several documents is near 1; a verb with a place taken from the next sentence is
    /// lower. A corrected event is 1.
    #[serde(default)]
    pub confidence: f32,
    /// Ids the event had before (a correction changed its date or place, or it was merged
    /// into another): briefs that name them keep working.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Event {
    /// Whether `id` names this event, by its id or one of its aliases.
    pub(crate) fn answers_to(&self, id: &str) -> bool {
        self.id == id || self.aliases.iter().any(|a| a == id)
    }

    /// The dates in words: "3–4 June 2026", "June 2026", "30 June – 1 July 2026", "2006".
    pub fn dates_in_words(&self) -> Option<String> {
        let s = self.start?;
        let e = self.end.unwrap_or(s);
        if s == e {
            return Some(s.to_words());
        }
        let same_year = s.year() == e.year();
        let same_month = same_year && s.month() == e.month();
        Some(match (s.day(), e.day()) {
            (Some(a), Some(_)) if same_month => format!("{a}\u{2013}{}", e.to_words()),
            _ if same_year && s.month().is_some() => {
                let first = s.to_words();
                let first = match s.year() {
                    Some(y) => first.trim_end_matches(&format!(" {y}")).to_string(),
                    None => first,
                };
                format!("{first} \u{2013} {}", e.to_words())
            }
            _ => format!("{} \u{2013} {}", s.to_words(), e.to_words()),
        })
    }

    /// The ids of the documents that mention the event, sorted, without repeats.
    pub fn documents(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.mentions.iter().map(|m| m.at.document.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A topic tagged on a paragraph, with how strongly the paragraph is about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    /// Topic id from the taxonomy, e.g. `ukraine`.
    pub topic: String,
    /// Score, higher is stronger; 0 to 1.
    pub score: f32,
}

/// What a key figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    /// A percentage: "2.03%", "5 për qind".
    Percent,
    /// An amount of money: "€1.5 billion", "40 milionë euro".
    Money,
    /// A count of things or people: "32 Allies", "5,000 troops".
    Count,
    /// A target or deadline year: "by 2035".
    Year,
}

/// A number that matters, with its context and where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// Percent, money, count or year.
    pub kind: FigureKind,
    /// The figure as written: "2.03%", "5% të PBB-së".
    pub text: String,
    /// Its value as a number, when it has one (2.03 for "2.03%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit or currency: `%`, `EUR`, `USD`, `troops` ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A target year tied to the figure ("3% by 2030" -> 2030).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    /// The short phrase around it that says what it measures: "2.03% of GDP on defence".
    pub context: String,
    /// The whole sentence it stands in.
    pub sentence_text: String,
    /// Sentence index inside the paragraph, from 0.
    pub sentence: usize,
    /// Where the figure itself is.
    pub at: TextRef,
}

/// A topic of the taxonomy, as the rest of briefbook sees it (the terms that find it live
/// in the corpus's taxonomy file).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Topic {
    /// Stable id: `ukraine`, `western-balkans` ...
    pub id: String,
    /// Readable English name: "Western Balkans and KFOR".
    pub name: String,
}
