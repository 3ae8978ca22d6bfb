//! What the book itself says ("Contents", "Page 3 of 12", dates), in the brief's language.
//! The words live in `labels.toml`, so adding a language needs no code.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Date, LanguageTag};

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
    /// Said of a source without a date.
    pub no_date: String,
    /// "published {date}".
    pub published: String,
    /// Date pattern with `{day}`, `{month}`, `{year}`.
    pub date_format: String,
    /// Month names, January first.
    pub months: Vec<String>,
    /// Language names by primary subtag, in this language.
    pub languages: BTreeMap<String, String>,
}

impl Labels {
    /// The labels for `language`, falling back to English when briefbook has none for it
    /// (the caller reports that).
    pub fn for_language(language: &LanguageTag) -> (Labels, bool) {
        // The file is part of the program and tested below; should it ever fail to parse,
        // the minimal English labels beat a panic.
        let mut all: BTreeMap<String, Labels> = toml::from_str(LABELS_TOML).unwrap_or_default();
        match all.remove(language.primary()) {
            Some(labels) => (labels, true),
            None => (all.remove("en").unwrap_or_else(Labels::minimal), false),
        }
    }

    fn minimal() -> Labels {
        Labels {
            contents: "Contents".into(),
            page_of: "{page}/{pages}".into(),
            original_column: "{language}".into(),
            translation_column: "{language}".into(),
            sources: "Sources".into(),
            prepared_for: "For".into(),
            prepared_by: "By".into(),
            brief_date: "Date".into(),
            source: "Source".into(),
            translated_by: "{translator}".into(),
            translation_of: "[{number}]".into(),
            no_date: "-".into(),
            published: "{date}".into(),
            date_format: "{year}-{month}-{day}".into(),
            months: Vec::new(),
            languages: BTreeMap::new(),
        }
    }

    /// A date written out: "12 February 2026", "12 shkurt 2026".
    pub fn date(&self, date: Date) -> String {
        let month =
            self.months.get(date.month() as usize - 1).cloned().unwrap_or_else(|| format!("{:02}", date.month()));
        self.date_format
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &month)
            .replace("{year}", &date.year().to_string())
    }

    /// The name of a language in this language ("Albanian", "shqip").
    pub fn language(&self, tag: &LanguageTag) -> String {
        self.languages.get(tag.primary()).cloned().unwrap_or_else(|| tag.english_name())
    }

    /// The page counter: "Page 3 of 12".
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        self.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_twelve_months_and_parses() {
        let all: BTreeMap<String, Labels> = toml::from_str(LABELS_TOML).expect("labels.toml parses");
        assert!(all.contains_key("en") && all.contains_key("sq"));
        for (lang, labels) in &all {
            assert_eq!(labels.months.len(), 12, "{lang}");
        }
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
