//! One entry of the translation memory, as the memory keeps it and TMX files carry it:
//! the segment pair, its languages, origin, times, document and inline tags.

use crate::model::LanguageTag;
use crate::model::date::{civil_from_days, days_from_civil};

/// A moment in UTC, to the second. The core never reads the clock: callers pass the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub fn from_unix_seconds(seconds: i64) -> Timestamp {
        Timestamp(seconds)
    }

    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub(crate) fn unix_seconds(self) -> i64 {
        self.0
    }

    /// A timestamp from its parts (UTC); None if they are not a time.
    pub fn from_parts(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<Timestamp> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > days_in || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let days = days_from_civil(year, i64::from(month), i64::from(day));
        Some(Timestamp(days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second.min(59))))
    }

    /// The TMX form, `20260210T093000Z`.
    pub(crate) fn to_tmx(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let s = self.0.rem_euclid(86_400);
        format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", s / 3600, s / 60 % 60, s % 60)
    }

    /// Reads the TMX form (`20260210T093000Z`) or ISO 8601 (`2026-02-10T09:30:00Z`, with
    /// an optional offset or fraction), as tools write them.
    pub(crate) fn parse(s: &str) -> Option<Timestamp> {
        let (body, offset) = split_offset(s.trim());
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if !matches!(digits.len(), 8 | 12 | 14) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|x| x.parse::<u32>().ok());
        let (h, mi, se) = match digits.len() {
            14 => (num(8..10)?, num(10..12)?, num(12..14)?),
            12 => (num(8..10)?, num(10..12)?, 0),
            _ => (0, 0, 0),
        };
        let t = Timestamp::from_parts(i64::from(num(0..4)?), num(4..6)?, num(6..8)?, h, mi, se)?;
        Some(Timestamp(t.0 - offset))
    }
}

/// Splits an ISO 8601 time into its date and time digits, without a fraction of a second,
/// and its UTC offset (`Z`, `+02:00`, `-0500`) in seconds.
fn split_offset(s: &str) -> (String, i64) {
    // Drop a fraction of a second: ".123" before the offset.
    let mut body = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '.' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            continue;
        }
        body.push(c);
    }
    let body = body.trim_end_matches('Z').to_string();
    if let Some(t) = body.find('T')
        && let Some(p) = body[t..].rfind(['+', '-'])
    {
        let (main, off) = body.split_at(t + p);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let d: String = off.chars().filter(char::is_ascii_digit).collect();
        let h: i64 = d.get(0..2).and_then(|x| x.parse().ok()).unwrap_or(0);
        let m: i64 = d.get(2..4).and_then(|x| x.parse().ok()).unwrap_or(0);
        return (main.to_string(), sign * (h * 3600 + m * 60));
    }
    (body, 0)
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let s = self.0.rem_euclid(86_400);
        write!(f, "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", s / 3600, s / 60 % 60)
    }
}

/// Who made an entry's translation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryOrigin {
    /// A human translator (imported from TMX or XLIFF, or aligned from the corpus).
    Human,
    /// The analyst corrected it in briefbook.
    Edited,
    /// A machine-translation engine, by name (`deepl`, `libretranslate`).
    Machine {
        /// The engine.
        engine: String,
    },
}

impl EntryOrigin {
    /// Rank among exact matches: lower wins.
    pub(crate) fn rank(&self) -> u8 {
        match self {
            EntryOrigin::Edited => 0,
            EntryOrigin::Human => 1,
            EntryOrigin::Machine { .. } => 2,
        }
    }
}

/// An inline tag of a TMX segment (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`, `<hi>`),
/// kept so that segments from translation tools go back out with their formatting codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineTag {
    /// Byte offset in the plain text where the tag stands.
    pub offset: usize,
    /// Element name.
    pub element: String,
    /// Attributes.
    pub attributes: Vec<(String, String)>,
    /// The native code inside a code element (empty for `<hi>`).
    pub code: String,
    /// Code element, or start or end of a `<hi>` span.
    pub kind: TagKind,
}

/// The kinds of [`InlineTag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`: native code, not text.
    Code,
    /// Start of a `<hi>` span (its text is part of the segment).
    Open,
    /// End of a `<hi>` span.
    Close,
}

/// One segment pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Language of `source`.
    pub source_language: LanguageTag,
    /// Language of `target`.
    pub target_language: LanguageTag,
    /// The original segment, as plain text.
    pub source: String,
    /// Its translation, as plain text.
    pub target: String,
    /// Who translated it.
    pub origin: EntryOrigin,
    /// When the entry was made.
    pub created: Option<Timestamp>,
    /// When it was last changed.
    pub changed: Option<Timestamp>,
    /// Who made it (TMX `creationid`).
    pub creator: Option<String>,
    /// Who changed it last (TMX `changeid`).
    pub changer: Option<String>,
    /// Id of the original document it belongs to, when it came from a brief.
    pub document: Option<String>,
    /// The original text this was made for has changed (the entry is kept for reference).
    pub stale: bool,
    /// Notes (TMX `<note>`).
    pub notes: Vec<String>,
    /// Other properties (TMX `<prop type="...">`), kept for the round trip.
    pub properties: Vec<(String, String)>,
    /// Inline tags of the source segment.
    pub source_tags: Vec<InlineTag>,
    /// Inline tags of the target segment.
    pub target_tags: Vec<InlineTag>,
    /// The unit's id in the file it came from (TMX `tuid`).
    pub id: Option<String>,
}

impl Entry {
    /// A new entry made at `now`.
    pub fn new(
        source_language: LanguageTag,
        target_language: LanguageTag,
        source: impl Into<String>,
        target: impl Into<String>,
        origin: EntryOrigin,
        now: Option<Timestamp>,
    ) -> Entry {
        Entry {
            source_language,
            target_language,
            source: source.into(),
            target: target.into(),
            origin,
            created: now,
            changed: now,
            creator: None,
            changer: None,
            document: None,
            stale: false,
            notes: Vec::new(),
            properties: Vec::new(),
            source_tags: Vec::new(),
            target_tags: Vec::new(),
            id: None,
        }
    }

    pub(crate) fn last_changed(&self) -> Option<Timestamp> {
        self.changed.or(self.created)
    }
}
