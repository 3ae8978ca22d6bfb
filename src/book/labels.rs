//! What the book itself says ("Contents", "Page 3 of 12", dates), in the brief's language.
//! The words live in `labels.toml`, so adding a language needs no code; a key a language
//! leaves out is taken from English.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Date, EventKind, LanguageTag, PartialDate};

const LABELS_TOML: &str = include_str!("labels.toml");

/// The book's own words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// Heading of the table of contents.
    pub contents: String,
    /// Footer page counter with `{page}` and `{pages}`.
    pub page_of: String,
    /// Header of the original column, with `{language}`.
    pub original_column: String,
    /// Header of the translation column, with `{language}`.
    pub translation_column: String,
    /// Heading of the source list.
    pub sources: String,
    /// Cover label.
    pub prepared_for: String,
    /// Cover label.
    pub prepared_by: String,
    /// Cover label for the date of the brief.
    pub brief_date: String,
    /// Label in front of a citation.
    pub source: String,
    /// "translated by {translator}".
    pub translated_by: String,
    /// "translation of [{number}]".
    pub translation_of: String,
    /// Said of a source without a date ("n.d.").
    pub no_date: String,
    /// A paragraph printed in an earlier section, instead of printing it again:
    /// "See ¶ {paragraph} of [{number}], p. {page}, {section}".
    pub cross_reference: String,
    /// "published {date}".
    pub published: String,
    /// Date pattern with `{day}`, `{month}`, `{year}`.
    pub date_format: String,
    /// Month names, January first.
    pub months: Vec<String>,
    /// Language names by primary subtag, in this language.
    pub languages: BTreeMap<String, String>,
    /// Legend entry and cell note of a human translation.
    pub origin_human: String,
    /// Cell note of a translation the analyst edited.
    pub origin_edited: String,
    /// Cell note of a translation-memory match, with `{score}`.
    pub origin_memory: String,
    /// Cell note of a machine translation, with `{engine}`.
    pub origin_machine: String,
    /// Short marker on machine-translated cells.
    pub machine_marker: String,
    /// Legend: what the machine marker means.
    pub machine_legend: String,
    /// Short marker on translations older than their original.
    pub stale_marker: String,
    /// Legend: what the stale marker means.
    pub stale_legend: String,
    /// Said in a translation cell that has no translation.
    pub untranslated: String,
    /// Short marker on rows translation QA flagged (with `qa_marks = true`).
    pub qa_marker: String,
    /// Legend: what the QA marker means.
    pub qa_legend: String,
    /// Meeting card: the kind of meeting.
    pub card_kind: String,
    /// Meeting card: dates.
    pub card_dates: String,
    /// Meeting card: place.
    pub card_place: String,
    /// Meeting card: organisation.
    pub card_organisation: String,
    /// Meeting card: participants.
    pub card_participants: String,
    /// Meeting card: topics.
    pub card_topics: String,
    /// Meeting card: the sources that mention it.
    pub card_sources: String,
    /// Cover: the meeting line's label.
    pub meeting: String,
    /// Figures table: the figure column.
    pub figure: String,
    /// Figures table: what it measures.
    pub figure_context: String,
    /// Said in an empty figures section.
    pub no_figures: String,
    /// Said in a meeting or topic section that found nothing.
    pub no_excerpts: String,
    /// Kinds of meetings by their file name (`summit`, `ministerial` ...).
    pub event_kinds: BTreeMap<String, String>,
}

impl Labels {
    /// The labels for `language`, falling back to English when briefbook has none for it
    /// (the caller reports that). Keys a language leaves out come from English.
    pub(crate) fn for_language(language: &LanguageTag) -> (Labels, bool) {
        // The file is part of the program and tested below; should it ever fail to parse,
        // the minimal English labels beat a panic.
        let mut all: toml::Table = toml::from_str(LABELS_TOML).unwrap_or_default();
        let english = match all.remove("en") {
            Some(toml::Value::Table(t)) => t,
            _ => toml::Table::new(),
        };
        let (own, found) = match all.remove(language.primary()) {
            Some(toml::Value::Table(t)) => (t, true),
            _ => (toml::Table::new(), language.primary() == "en"),
        };
        let mut merged = english;
        for (key, value) in own {
            match (merged.get_mut(&key), value) {
                // Tables (language names, event kinds) merge key by key.
                (Some(toml::Value::Table(base)), toml::Value::Table(over)) => base.extend(over),
                (_, value) => {
                    merged.insert(key, value);
                }
            }
        }
        match toml::Value::Table(merged).try_into::<Labels>() {
            Ok(labels) => (labels, found),
            Err(_) => (Labels::minimal(), false),
        }
    }

    fn minimal() -> Labels {
        let s = |t: &str| t.to_string();
        Labels {
            contents: s("Contents"),
            page_of: s("{page}/{pages}"),
            original_column: s("{language}"),
            translation_column: s("{language}"),
            sources: s("Sources"),
            prepared_for: s("For"),
            prepared_by: s("By"),
            brief_date: s("Date"),
            source: s("Source"),
            translated_by: s("{translator}"),
            translation_of: s("[{number}]"),
            no_date: s("-"),
            cross_reference: s("¶ {paragraph} [{number}] {page} {section}"),
            published: s("{date}"),
            date_format: s("{year}-{month}-{day}"),
            months: Vec::new(),
            languages: BTreeMap::new(),
            origin_human: s("Human"),
            origin_edited: s("Edited"),
            origin_memory: s("TM {score}%"),
            origin_machine: s("MT {engine}"),
            machine_marker: s("MT"),
            machine_legend: s("MT: machine translation"),
            stale_marker: s("!"),
            stale_legend: s("!: outdated translation"),
            untranslated: s("—"),
            qa_marker: s("QA"),
            qa_legend: s("QA: check this translation"),
            card_kind: s("Kind"),
            card_dates: s("Dates"),
            card_place: s("Place"),
            card_organisation: s("Organisation"),
            card_participants: s("Participants"),
            card_topics: s("Topics"),
            card_sources: s("Sources"),
            meeting: s("Meeting"),
            figure: s("Figure"),
            figure_context: s("Context"),
            no_figures: s("-"),
            no_excerpts: s("-"),
            event_kinds: BTreeMap::new(),
        }
    }

    /// Two dates as a range: "12–13 February 2026", "30 June – 2 July 2026".
    pub(crate) fn date_range(&self, start: Date, end: Date) -> String {
        if start.year() == end.year() && start.month() == end.month() {
            let month = self.month(start);
            self.date_format
                .replace("{day}", &format!("{}–{}", start.day(), end.day()))
                .replace("{month}", &month)
                .replace("{year}", &start.year().to_string())
        } else {
            format!("{} – {}", self.date(start), self.date(end))
        }
    }

    /// A date as precise as it is: "12 February 2026", "February 2026", "2006", "12 February".
    pub(crate) fn partial_date(&self, date: PartialDate) -> String {
        if let Some(d) = date.as_date() {
            return self.date(d);
        }
        let month = date.month().map(|m| self.months.get(m as usize - 1).cloned().unwrap_or_else(|| format!("{m:02}")));
        let filled = self
            .date_format
            .replace("{day}", &date.day().map(|d| d.to_string()).unwrap_or_default())
            .replace("{month}", &month.unwrap_or_default())
            .replace("{year}", &date.year().map(|y| y.to_string()).unwrap_or_default());
        tidy(&filled)
    }

    /// A span of partial dates: "3–4 June 2026", "June – July 2026", "2006 – 2007".
    pub(crate) fn partial_range(&self, start: PartialDate, end: PartialDate) -> String {
        if start == end {
            return self.partial_date(start);
        }
        if let (Some(s), Some(e)) = (start.as_date(), end.as_date()) {
            return self.date_range(s, e);
        }
        let (Some(d1), Some(d2), Some(m)) = (start.day(), end.day(), start.month()) else {
            return format!("{} – {}", self.partial_date(start), self.partial_date(end));
        };
        if start.year() == end.year() && start.month() == end.month() {
            let month = self.months.get(m as usize - 1).cloned().unwrap_or_else(|| format!("{m:02}"));
            let filled = self
                .date_format
                .replace("{day}", &format!("{d1}–{d2}"))
                .replace("{month}", &month)
                .replace("{year}", &start.year().map(|y| y.to_string()).unwrap_or_default());
            return tidy(&filled);
        }
        format!("{} – {}", self.partial_date(start), self.partial_date(end))
    }

    /// The kind of a meeting in this language.
    pub(crate) fn event_kind(&self, kind: EventKind) -> String {
        self.event_kinds.get(kind.as_str()).cloned().unwrap_or_else(|| kind.as_str().to_string())
    }

    fn month(&self, date: Date) -> String {
        self.months.get(date.month() as usize - 1).cloned().unwrap_or_else(|| format!("{:02}", date.month()))
    }

    /// A date written out: "12 February 2026", "12 shkurt 2026".
    pub(crate) fn date(&self, date: Date) -> String {
        let month = self.month(date);
        self.date_format
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &month)
            .replace("{year}", &date.year().to_string())
    }

    /// The name of a language in this language ("Albanian", "shqip").
    pub(crate) fn language(&self, tag: &LanguageTag) -> String {
        self.languages.get(tag.primary()).cloned().unwrap_or_else(|| tag.english_name())
    }

    /// The page counter: "Page 3 of 12".
    pub(crate) fn page_of(&self, page: usize, pages: usize) -> String {
        self.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())
    }
}

/// A date template with a part left empty, tidied: no doubled spaces, no stray commas or
/// dots at either end.
fn tidy(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().filter(|w| !matches!(*w, "," | "." | "")).collect();
    let joined = words.join(" ").replace(" ,", ",");
    joined.trim_matches(|c: char| c == ',' || c == ' ' || c == '.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete_and_every_language_has_twelve_months() {
        let all: BTreeMap<String, toml::Table> = toml::from_str(LABELS_TOML).expect("labels.toml parses");
        assert!(all.contains_key("en") && all.contains_key("sq"));
        let en: Labels = toml::Value::Table(all["en"].clone()).try_into().expect("English has every key");
        assert_eq!(en.months.len(), 12);
        for lang in all.keys() {
            let (labels, found) = Labels::for_language(&lang.parse().expect("tag"));
            assert!(found, "{lang}");
            assert_eq!(labels.months.len(), 12, "{lang}");
            assert_eq!(labels.event_kinds.len(), EventKind::ALL.len(), "{lang}");
        }
    }

    #[test]
    fn ranges_and_kinds() {
        let (en, _) = Labels::for_language(&"en".parse().expect("tag"));
        let d = |y, m, d| Date::new(y, m, d).expect("date");
        assert_eq!(en.date_range(d(2026, 2, 12), d(2026, 2, 13)), "12–13 February 2026");
        assert_eq!(en.date_range(d(2026, 6, 30), d(2026, 7, 2)), "30 June 2026 – 2 July 2026");
        let (sq, _) = Labels::for_language(&"sq".parse().expect("tag"));
        assert_eq!(sq.date_range(d(2026, 7, 7), d(2026, 7, 8)), "7–8 korrik 2026");
        assert_eq!(en.event_kind(EventKind::Ministerial), "Ministerial meeting");
        assert_ne!(sq.event_kind(EventKind::Summit), en.event_kind(EventKind::Summit));
    }

    #[test]
    fn dates_in_english_and_albanian() {
        let date = Date::new(2026, 2, 12).expect("date");
        let (en, found) = Labels::for_language(&"en".parse().expect("tag"));
        assert!(found);
        assert_eq!(en.date(date), "12 February 2026");
        let (sq, _) = Labels::for_language(&"sq".parse().expect("tag"));
        assert_eq!(sq.date(date), "12 shkurt 2026");
        assert_eq!(sq.language(&"en".parse().expect("tag")), "anglisht");
        let (_, found) = Labels::for_language(&"xx".parse().expect("tag"));
        assert!(!found);
    }
}
