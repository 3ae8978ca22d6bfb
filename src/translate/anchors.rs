//! Anchors: the parts of a sentence that survive translation and so tell the aligner which
//! sentences belong together: numbers (with thousands separators and decimal commas
//! normalised), dates (`12.02.2026`, `12 shkurt 2026` and `February 12, 2026` give the
//! same anchors), proper names and other capitalised words (compared by a script-neutral
//! skeleton, so Cyrillic and Latin spellings meet), long words shared by both languages,
//! question and exclamation marks, brackets, per cent signs, quotation marks, and the
//! entries of an optional bilingual dictionary.
//!
//! Each anchor is interned to a number; a sentence's anchors are a sorted list of those
//! numbers, so comparing two sentences is a merge of two short sorted lists.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::model::LanguageTag;
use crate::translate::dictionary::{Dictionary, DictionarySide};
use crate::translate::text;

/// What kind of anchor; each kind has its own weight in [`crate::translate::align::AlignParams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum AnchorKind {
    /// A number, normalised (`1,700` and `1 700` are `1700`; `2,03` is `2.03`).
    Number,
    /// A month next to a number (dates).
    Month,
    /// A capitalised word: a name, an acronym.
    Name,
    /// A long lower-case word whose skeleton both languages share ("parlament").
    Cognate,
    /// A pair from the bilingual dictionary.
    Dictionary,
    /// `?`, `!`, `(`, `%` (or a word for per cent).
    Mark,
    /// `:`, `;` and quotation marks: weaker, as languages use them differently.
    WeakMark,
}

/// Settings of anchor extraction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnchorSettings {
    /// Characters of a name's skeleton that must agree (inflected endings differ).
    pub name_prefix: usize,
    /// Minimum length in letters of a lower-case word to be compared as a cognate.
    pub cognate_min: usize,
    /// Characters of a cognate's skeleton that must agree.
    pub cognate_prefix: usize,
}

/// Interns anchors to numbers and remembers each number's kind.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: [HashMap<String, u32>; 7],
    kinds: Vec<AnchorKind>,
}

impl Interner {
    /// The number of an anchor.
    pub(crate) fn id(&mut self, kind: AnchorKind, key: &str) -> u32 {
        let map = &mut self.ids[kind as usize];
        if let Some(&id) = map.get(key) {
            return id;
        }
        let id = self.kinds.len() as u32;
        self.kinds.push(kind);
        map.insert(key.to_string(), id);
        id
    }

    /// The kind of each anchor number, by number.
    pub(crate) fn kinds(&self) -> &[AnchorKind] {
        &self.kinds
    }
}

struct Months {
    /// Stems with their month (1-12), longest first.
    stems: Vec<(String, u8)>,
    /// Words for per cent; a phrase of several words is a list of several words.
    percent: Vec<Vec<String>>,
}

fn months() -> &'static Months {
    static MONTHS: OnceLock<Months> = OnceLock::new();
    MONTHS.get_or_init(|| {
        // The file is part of the binary and checked by a test.
        let table: BTreeMap<String, toml::Value> = toml::from_str(include_str!("data/months.toml")).unwrap_or_default();
        let mut stems = Vec::new();
        let mut percent = Vec::new();
        for (key, value) in table {
            let Some(list) = value.as_array() else { continue };
            let strings = list.iter().filter_map(|v| v.as_str());
            if key == "percent" {
                percent.extend(strings.map(|p| p.to_lowercase().split_whitespace().map(String::from).collect()));
                continue;
            }
            for (i, entry) in strings.enumerate() {
                for stem in entry.split('|') {
                    stems.push((stem.to_lowercase(), i as u8 + 1));
                }
            }
        }
        stems.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.cmp(b)));
        stems.dedup();
        Months { stems, percent }
    })
}

/// The month (1-12) a lower-case word names, if any.
fn month_of(lower: &str) -> Option<u8> {
    let len = lower.chars().count();
    months()
        .stems
        .iter()
        .find(|(stem, _)| lower.starts_with(stem.as_str()) && len <= stem.chars().count() + 4)
        .map(|&(_, m)| m)
}

/// A number as written, split into its digit groups and separators.
struct NumberToken {
    groups: Vec<String>,
    seps: Vec<char>,
}

fn strip_zeros(digits: &str) -> &str {
    let s = digits.trim_start_matches('0');
    if s.is_empty() { "0" } else { s }
}

/// Numbers, dates and months of `text`, pushed as anchors.
fn numbers(text: &str, out: &mut Vec<(AnchorKind, String)>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut token = NumberToken { groups: vec![String::new()], seps: Vec::new() };
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                if let Some(g) = token.groups.last_mut() {
                    g.push(c);
                }
                i += 1;
            } else if matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' | '/')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                token.seps.push(c);
                token.groups.push(String::new());
                i += 1;
            } else {
                break;
            }
        }
        number_anchors(&token, out);
    }
}

fn number_anchors(t: &NumberToken, out: &mut Vec<(AnchorKind, String)>) {
    let g = &t.groups;
    let push =
        |out: &mut Vec<(AnchorKind, String)>, s: &str| out.push((AnchorKind::Number, strip_zeros(s).to_string()));
    // A numeric date: 12.02.2026, 12/2/26, 2026-02-12 is three numbers anyway.
    if g.len() == 3
        && t.seps[0] == t.seps[1]
        && matches!(t.seps[0], '.' | '/')
        && g[0].len() <= 2
        && g[1].len() <= 2
        && (g[2].len() == 4 || g[2].len() == 2)
    {
        let month: u32 = g[1].parse().unwrap_or(0);
        push(out, &g[0]);
        if (1..=12).contains(&month) {
            out.push((AnchorKind::Month, month.to_string()));
        } else {
            push(out, &g[1]);
        }
        push(out, &g[2]);
        return;
    }
    // Thousands: 1,700 / 1.700 / 1 700 / 12'500'000 (every group after the first has three
    // digits; a decimal part with three digits is rare enough to read it so).
    let thousands = g.len() >= 2
        && g[0].len() <= 3
        && g[1..].iter().all(|x| x.len() == 3)
        && t.seps.iter().all(|&s| s == t.seps[0])
        && t.seps[0] != '/';
    if thousands {
        push(out, &g.concat());
        return;
    }
    // A decimal number: 2.03 / 2,03.
    if g.len() == 2 && matches!(t.seps[0], '.' | ',') {
        let frac = g[1].trim_end_matches('0');
        if frac.is_empty() {
            push(out, &g[0]);
        } else {
            out.push((AnchorKind::Number, format!("{}.{frac}", strip_zeros(&g[0]))));
        }
        return;
    }
    for x in g {
        push(out, x);
    }
}

/// The anchors of one sentence, as kind and key, in order of appearance.
#[cfg(test)]
pub(crate) fn extract(
    sentence: &str,
    lang: &LanguageTag,
    dictionary: Option<(&Dictionary, DictionarySide)>,
    settings: &AnchorSettings,
) -> Vec<(AnchorKind, String)> {
    let mut out = Vec::new();
    visit(sentence, lang, dictionary, settings, &mut |kind, key| out.push((kind, key.to_string())));
    out
}

/// Calls `sink` with each anchor of `sentence`, in order of appearance.
fn visit(
    sentence: &str,
    lang: &LanguageTag,
    dictionary: Option<(&Dictionary, DictionarySide)>,
    settings: &AnchorSettings,
    sink: &mut dyn FnMut(AnchorKind, &str),
) {
    let mut numeric = Vec::new();
    numbers(sentence, &mut numeric);
    for (kind, key) in &numeric {
        sink(*kind, key);
    }
    let words: Vec<&str> = text::words(sentence).map(|(_, w)| w).collect();
    let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let mut key = String::new();
    for (i, w) in words.iter().enumerate() {
        if is_number(w) {
            continue;
        }
        let lower = &lowers[i];
        let near_number = (i > 0 && is_number(words[i - 1])) || words.get(i + 1).is_some_and(|n| is_number(n));
        if near_number && let Some(m) = month_of(lower) {
            sink(AnchorKind::Month, MONTH_KEYS[usize::from(m) - 1]);
            continue;
        }
        if let Some((dict, side)) = dictionary {
            for id in dict.lookup(lower, side) {
                key.clear();
                key.push_str(&id.to_string());
                sink(AnchorKind::Dictionary, &key);
            }
        }
        let first = lower.chars().next().unwrap_or(' ');
        for phrase in months().percent.iter().filter(|p| p[0].starts_with(first)) {
            let matches = phrase.len() <= words.len() - i
                && phrase.iter().zip(&lowers[i..]).all(|(p, w)| w.starts_with(p.as_str()));
            if matches {
                sink(AnchorKind::Mark, "%");
            }
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital {
            let acronym = letters >= 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            let skeleton = text::skeleton(lower, lang);
            if acronym || skeleton.len() >= 3 {
                key.clear();
                key.extend(skeleton.chars().take(settings.name_prefix));
                sink(AnchorKind::Name, &key);
            }
        } else if letters >= settings.cognate_min {
            let skeleton = text::skeleton(lower, lang);
            key.clear();
            key.extend(skeleton.chars().take(settings.cognate_prefix));
            sink(AnchorKind::Cognate, &key);
        }
    }
    let mut quotes = 0;
    for c in sentence.chars() {
        match c {
            '?' | '？' => sink(AnchorKind::Mark, "?"),
            '!' | '！' => sink(AnchorKind::Mark, "!"),
            '(' | '（' => sink(AnchorKind::Mark, "("),
            '%' => sink(AnchorKind::Mark, "%"),
            ':' => sink(AnchorKind::WeakMark, ":"),
            ';' => sink(AnchorKind::WeakMark, ";"),
            '"' | '“' | '”' | '„' | '«' | '»' => quotes += 1,
            _ => {}
        }
    }
    if quotes > 0 {
        sink(AnchorKind::WeakMark, "\"");
    }
}

const MONTH_KEYS: [&str; 12] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

/// The anchors of one sentence, interned and sorted.
pub(crate) fn interned(
    sentence: &str,
    lang: &LanguageTag,
    dictionary: Option<(&Dictionary, DictionarySide)>,
    settings: &AnchorSettings,
    interner: &mut Interner,
) -> Vec<u32> {
    let mut ids = Vec::new();
    visit(sentence, lang, dictionary, settings, &mut |kind, key| ids.push(interner.id(kind, key)));
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: AnchorSettings = AnchorSettings { name_prefix: 5, cognate_min: 6, cognate_prefix: 5 };

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    fn of(kind: AnchorKind, sentence: &str, lang: &str) -> Vec<String> {
        extract(sentence, &tag(lang), None, &SETTINGS).into_iter().filter(|a| a.0 == kind).map(|a| a.1).collect()
    }

    #[test]
    fn month_table_parses() {
        assert!(months().stems.len() >= 12 * 14, "{}", months().stems.len());
        assert!(months().percent.iter().any(|p| p == &["përqind"]));
        assert!(months().percent.iter().any(|p| p == &["per", "cent"]));
    }

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(of(AnchorKind::Number, "some 1,700 guests, 2.03% and 5 %", "en"), ["1700", "2.03", "5"]);
        assert_eq!(of(AnchorKind::Number, "1.700 mysafirë, 2,03% dhe 1 700 000", "sq"), ["1700", "2.03", "1700000"]);
        assert_eq!(of(AnchorKind::Number, "2,50 and 07", "en"), ["2.5", "7"]);
    }

    #[test]
    fn dates_in_any_form_give_the_same_anchors() {
        let en = extract("on 12 February 2026", &tag("en"), None, &SETTINGS);
        let mut sq = extract("më 12 shkurt 2026", &tag("sq"), None, &SETTINGS);
        let mut sr = extract("12. фебруара 2026. године", &tag("sr-Cyrl"), None, &SETTINGS);
        let mut numeric = extract("dana 12.02.2026", &tag("hr"), None, &SETTINGS);
        let dates = |v: &mut Vec<(AnchorKind, String)>| {
            v.retain(|a| matches!(a.0, AnchorKind::Number | AnchorKind::Month));
            v.sort();
            v.clone()
        };
        let mut en = en;
        let want = dates(&mut en);
        assert_eq!(want.len(), 3);
        assert_eq!(dates(&mut sq), want);
        assert_eq!(dates(&mut sr), want);
        assert_eq!(dates(&mut numeric), want);
        // "May" alone is no month.
        assert!(of(AnchorKind::Month, "Ministers may meet", "en").is_empty());
    }

    #[test]
    fn names_meet_across_scripts() {
        assert_eq!(of(AnchorKind::Name, "Генерални секретар Марк Руте", "sr-Cyrl")[1..], ["mark", "rute"]);
        assert_eq!(of(AnchorKind::Name, "Secretary General Mark Rutte", "en")[2..], ["mark", "rute"]);
        assert_eq!(of(AnchorKind::Name, "НАТО", "mk"), of(AnchorKind::Name, "NATO", "en"));
    }

    #[test]
    fn marks_and_percent_words() {
        assert_eq!(of(AnchorKind::Mark, "Pse? 5 përqind (afërsisht)", "sq"), ["%", "?", "("]);
        assert_eq!(of(AnchorKind::Mark, "Why? 5% (about)", "en").len(), 3);
        assert_eq!(of(AnchorKind::WeakMark, "He said: “yes”", "en"), [":", "\""]);
    }

    #[test]
    fn dictionary_entries_are_anchors() {
        let dict = Dictionary::parse("mbrojtje\tdefence\n").expect("parses");
        let sq = extract("ministrat e mbrojtjes", &tag("sq"), Some((&dict, DictionarySide::Source)), &SETTINGS);
        let en = extract("defence ministers", &tag("en"), Some((&dict, DictionarySide::Target)), &SETTINGS);
        let d = |v: &[(AnchorKind, String)]| {
            v.iter().filter(|a| a.0 == AnchorKind::Dictionary).cloned().collect::<Vec<_>>()
        };
        assert_eq!(d(&sq), d(&en));
        assert_eq!(d(&sq).len(), 1);
    }
}
