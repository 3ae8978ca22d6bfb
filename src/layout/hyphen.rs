//! Hyphenation by language, with the Knuth–Liang patterns the `hyphenation` crate embeds.
//!
//! A paragraph's language tag picks the patterns; for languages written in two scripts
//! (Serbian, Bosnian, Montenegrin) the script of each word decides between the Cyrillic and
//! the Latin patterns, so a Latin name in a Cyrillic text is hyphenated as Latin. A
//! language without patterns is set without hyphenation. Dictionaries are loaded on first
//! use and kept; so are the break points of every word seen.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;

use hyphenation::{Hyphenator as _, Language, Load, Standard};

use super::cache::WordCache;

use crate::model::LanguageTag;

/// The patterns to use for a word of `tag`'s language written in `cyrillic` or Latin
/// script; None when there are none.
pub(crate) fn patterns_for(tag: &LanguageTag, cyrillic: bool) -> Option<Language> {
    let region = tag.as_str().split('-').find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()));
    Some(match tag.primary() {
        "en" if matches!(region, Some("GB" | "AU" | "NZ" | "IE" | "ZA" | "IN")) => Language::EnglishGB,
        "en" => Language::EnglishUS,
        "sq" => Language::Albanian,
        "uk" => Language::Ukrainian,
        "mk" => Language::Macedonian,
        // Serbo-Croatian: the macrolanguage (`hbs`, `sh`, the tag language detection gives
        // when it cannot tell Croatian, Bosnian and Serbian apart) and its standards share
        // one set of Latin patterns; Serbian in Cyrillic has its own.
        "sr" if cyrillic => Language::SerbianCyrillic,
        "hbs" | "sh" | "sr" | "hr" | "bs" | "cnr" if cyrillic => Language::SerbocroatianCyrillic,
        "hbs" | "sh" | "sr" | "hr" | "bs" | "cnr" => Language::SerbocroatianLatin,
        "sl" => Language::Slovenian,
        "bg" => Language::Bulgarian,
        "ru" => Language::Russian,
        "el" => Language::GreekMono,
        "tr" => Language::Turkish,
        "ro" => Language::Romanian,
        "hu" => Language::Hungarian,
        "de" if region == Some("CH") => Language::GermanSwiss,
        "de" => Language::German1996,
        "fr" => Language::French,
        "it" => Language::Italian,
        "es" => Language::Spanish,
        "pl" => Language::Polish,
        other => return Language::try_from_code(other),
    })
}

/// Loads hyphenation dictionaries on demand and remembers the break points of words.
#[derive(Default)]
pub(crate) struct Hyphenator {
    dictionaries: Mutex<HashMap<Language, Option<Arc<Standard>>>>,
    /// Break points of words already seen, by language.
    words: WordCache<Box<[usize]>>,
}

impl std::fmt::Debug for Hyphenator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hyphenator").finish_non_exhaustive()
    }
}

impl Hyphenator {
    /// A hyphenator with nothing loaded yet.
    pub(crate) fn new() -> Hyphenator {
        Hyphenator::default()
    }

    /// [`Hyphenator::each_break`]'s break points as a list.
    #[cfg(test)]
    pub(crate) fn breaks(&self, tag: &LanguageTag, word: &str) -> Vec<usize> {
        let mut out = Vec::new();
        self.each_break(tag, word, |b| out.push(b));
        out
    }

    /// Calls `found` with each byte offset inside `word` where it may be hyphenated, in
    /// `tag`'s language, in order. Words in capitals (acronyms), words with digits and
    /// words shorter than five letters are never hyphenated.
    pub(crate) fn each_break(&self, tag: &LanguageTag, word: &str, mut found: impl FnMut(usize)) {
        let letters = word.chars().count();
        if letters < 5 || !word.chars().all(char::is_alphabetic) || word.chars().skip(1).any(char::is_uppercase) {
            return;
        }
        let cyrillic = word.chars().any(|c| matches!(c as u32, 0x0400..=0x052F));
        let Some(language) = patterns_for(tag, cyrillic) else { return };
        let space = language as u32;
        if self.words.get(space, word, |breaks| breaks.iter().for_each(|&b| found(b))).is_some() {
            return;
        }
        let Some(dictionary) = self.dictionary(language) else { return };
        let breaks = dictionary.hyphenate(word).breaks;
        breaks.iter().for_each(|&b| found(b));
        self.words.insert(space, word, breaks.into_boxed_slice());
    }

    fn dictionary(&self, language: Language) -> Option<Arc<Standard>> {
        self.dictionaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(language)
            .or_insert_with(|| Standard::from_embedded(language).ok().map(Arc::new))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated(tag: &str, word: &str) -> String {
        let h = Hyphenator::new();
        let tag: LanguageTag = tag.parse().expect("tag");
        let breaks = h.breaks(&tag, word);
        let mut out = String::new();
        let mut last = 0;
        for &b in breaks.iter() {
            out.push_str(&word[last..b]);
            out.push('-');
            last = b;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn english_albanian_ukrainian_serbian() {
        assert_eq!(hyphenated("en", "hyphenation"), "hy-phen-a-tion");
        assert!(hyphenated("sq", "mbrojtjes").contains('-'), "{}", hyphenated("sq", "mbrojtjes"));
        assert!(hyphenated("uk", "підтримку").contains('-'), "{}", hyphenated("uk", "підтримку"));
        assert!(hyphenated("sr-Cyrl", "министарства").contains('-'));
        assert!(hyphenated("sr-Latn", "ministarstva").contains('-'));
        assert!(hyphenated("hr", "ministarstva").contains('-'));
        assert!(hyphenated("mk", "министерството").contains('-'));
    }

    #[test]
    fn serbo_croatian_in_latin_script_is_hyphenated_whatever_its_tag() {
        let want = hyphenated("sr-Latn", "ministarstva");
        assert!(want.contains('-'), "{want}");
        for tag in ["hbs-Latn", "hbs", "sh", "hr", "bs", "cnr"] {
            assert_eq!(hyphenated(tag, "ministarstva"), want, "{tag}");
            assert!(hyphenated(tag, "odbrambenih").contains('-'), "{tag}: {}", hyphenated(tag, "odbrambenih"));
        }
        // A Cyrillic word in an `hbs` text takes the Cyrillic patterns.
        assert!(hyphenated("hbs-Latn", "министарства").contains('-'));
    }

    #[test]
    fn acronyms_numbers_and_unknown_languages_are_left_alone() {
        assert_eq!(hyphenated("en", "NATO-led"), "NATO-led");
        assert_eq!(hyphenated("en", "UNCLASSIFIED"), "UNCLASSIFIED");
        assert_eq!(hyphenated("en", "2026abc"), "2026abc");
        assert_eq!(hyphenated("xx", "hyphenation"), "hyphenation");
    }

    #[test]
    fn mapping_of_tags_to_patterns() {
        let tag = |t: &str| t.parse::<LanguageTag>().expect("tag");
        assert_eq!(patterns_for(&tag("sr-Latn"), false), Some(Language::SerbocroatianLatin));
        assert_eq!(patterns_for(&tag("sr"), true), Some(Language::SerbianCyrillic));
        assert_eq!(patterns_for(&tag("bs"), false), Some(Language::SerbocroatianLatin));
        for t in ["hbs-Latn", "hbs", "sh", "sr-Latn", "hr", "bs", "cnr", "sr-Latn-RS", "hr-HR"] {
            assert_eq!(patterns_for(&tag(t), false), Some(Language::SerbocroatianLatin), "{t}");
        }
        assert_eq!(patterns_for(&tag("hbs-Cyrl"), true), Some(Language::SerbocroatianCyrillic));
        assert_eq!(patterns_for(&tag("en-GB"), false), Some(Language::EnglishGB));
        assert_eq!(patterns_for(&tag("xx"), false), None);
    }
}
