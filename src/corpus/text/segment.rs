//! Sentence segmentation for the languages of the region.
//!
//! A rule-based splitter in the spirit of the SRX rules translation tools exchange: a
//! sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
//! followed by white space and the start of a new sentence, unless the word before the full
//! stop is an abbreviation of the language (`Mr.`, `z.`, `г.`, `npr.`), an initial
//! (`M. Rutte`), an ordinal before a month or a lower-case word (`12. shkurt`, `24. juna`,
//! `am 12. Februar`) or part of a number (`2.03%`, `12.02.2026`). The abbreviations live in
//! a data file (`data/abbreviations.toml`), one list per language, so a language is added
//! without code.
//!
//! Rules rather than a statistical model: they behave the same on a one-line paragraph as on
//! a whole book, need no training text per language, and every decision can be explained.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::model::LanguageTag;

/// The built-in abbreviation lists.
pub(crate) const ABBREVIATIONS: &str = include_str!("../data/abbreviations.toml");

/// Abbreviations of one language, lower-case, without their final full stop.
#[derive(Debug, Default)]
struct Abbreviations {
    /// Words that never end a sentence ("mr", "z", "npr", "т.е").
    never_final: BTreeSet<String>,
    /// Words that end a sentence only when a capitalised word follows that is not a
    /// name they usually stand before; treated as sentence ends ("etc", "itd", "etj").
    may_be_final: BTreeSet<String>,
    /// Month names and their inflected forms, lower-case: an ordinal before them is no
    /// sentence end ("12. Februar").
    months: BTreeSet<String>,
}

#[derive(serde::Deserialize)]
struct LanguageEntry {
    #[serde(default)]
    never_final: Vec<String>,
    #[serde(default)]
    may_be_final: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
}

fn tables() -> &'static BTreeMap<String, Abbreviations> {
    static TABLES: OnceLock<BTreeMap<String, Abbreviations>> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The file is part of the binary and checked by a test; a broken edit shows there.
        let parsed: BTreeMap<String, LanguageEntry> = toml::from_str(ABBREVIATIONS).unwrap_or_default();
        parsed
            .into_iter()
            .map(|(lang, e)| {
                let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect();
                let abbr = Abbreviations {
                    never_final: lower(e.never_final),
                    may_be_final: lower(e.may_be_final),
                    months: lower(e.months),
                };
                (lang, abbr)
            })
            .collect()
    })
}

/// The lists that apply to `lang`: its own (by primary subtag, and the closely related
/// languages of the same group) plus the common international ones (`*`).
fn lists_for(lang: &LanguageTag) -> Vec<&'static Abbreviations> {
    let t = tables();
    let primary = lang.primary();
    // Serbian, Croatian, Bosnian and Montenegrin share most abbreviations; Macedonian and
    // Bulgarian, Ukrainian and Russian likewise.
    let group: &[&str] = match primary {
        "sr" | "hr" | "bs" | "cnr" | "sh" => &["sr", "hr", "bs"],
        "mk" | "bg" => &["mk", "bg"],
        "uk" | "ru" | "be" => &["uk", "ru"],
        other => return ["*", other].iter().filter_map(|k| t.get(*k)).collect(),
    };
    std::iter::once("*").chain(group.iter().copied()).filter_map(|k| t.get(k)).collect()
}

/// The sentences of `text` as byte ranges, each trimmed of surrounding white space.
/// Empty or blank text has no sentences.
pub fn sentences(text: &str, lang: &LanguageTag) -> Vec<Range<usize>> {
    let lists = lists_for(lang);
    let mut out = Vec::new();
    let mut start = 0;
    for end in boundaries(text, &lists) {
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The sentences of `text` as string slices.
#[cfg(test)]
pub(crate) fn sentence_texts<'a>(text: &'a str, lang: &LanguageTag) -> Vec<&'a str> {
    sentences(text, lang).into_iter().map(|r| &text[r]).collect()
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '“' | ')' | ']' | '}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '„' | '‘' | '‚' | '«' | '‹' | '(' | '[' | '¿' | '¡')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•')
}

/// Byte offsets where a new sentence starts (after the white space that follows the end).
fn boundaries(text: &str, lists: &[&Abbreviations]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The whole run of terminal punctuation and closing quotes: "?!", "...", ".”)".
        let mut j = i;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        while j < chars.len() && is_closing(chars[j].1) {
            j += 1;
        }
        // White space must follow (so "2.03", "www.nato.int" and "12.02.2026" never split).
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k == j || k == chars.len() {
            i = j.max(i + 1);
            continue;
        }
        let only_full_stop = chars[i..j].iter().all(|&(_, c)| c == '.' || is_closing(c));
        let single_dot = only_full_stop && chars[i..j].iter().filter(|&&(_, c)| c == '.').count() == 1;
        if starts_sentence(&chars[k..]) && !(single_dot && dot_is_not_final(text, &chars, i, k, lists)) {
            out.push(chars[k].0);
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether the text from here looks like the start of a sentence: an upper-case letter or a
/// digit, possibly after opening quotes, brackets or a dash.
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    for &(_, c) in rest.iter().take(4) {
        if is_opening(c) || is_dash(c) || c.is_whitespace() {
            continue;
        }
        return c.is_uppercase() || c.is_numeric();
    }
    false
}

/// For a single full stop at `dot` followed by a new-sentence candidate at `next`: whether
/// the word before it shows that the sentence goes on (abbreviation, initial, ordinal).
fn dot_is_not_final(text: &str, chars: &[(usize, char)], dot: usize, next: usize, lists: &[&Abbreviations]) -> bool {
    // The word before the full stop: back to white space or an opening bracket or quote.
    let mut w = dot;
    while w > 0 && !chars[w - 1].1.is_whitespace() && !is_opening(chars[w - 1].1) {
        w -= 1;
    }
    let word = &text[chars.get(w).map_or(0, |c| c.0)..chars[dot].0];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    // "etc." and its kin end a sentence when a capitalised word follows.
    if lists.iter().any(|l| l.may_be_final.contains(&lower)) {
        return false;
    }
    // Abbreviations that never end a sentence, also in the dotted forms ("p.sh", "т.е").
    if lists.iter().any(|l| l.never_final.contains(&lower)) {
        return true;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // An initial: one capital letter ("M. Rutte", "J. F. Kennedy").
    if letters.len() == 1 && word.chars().count() == 1 && letters[0].is_uppercase() {
        return true;
    }
    // Dotted initialisms such as "U.S." or "p.sh." (a dot inside, short parts) go on.
    if word.contains('.') && word.split('.').all(|p| !p.is_empty() && p.chars().count() <= 2) {
        return true;
    }
    // An ordinal ("12.", "IV.") before a month name or a number ("12. 2. 2026").
    let is_number = word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 4;
    let is_roman = word.len() <= 6 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    if is_number || is_roman {
        let next_word: String = chars[next..]
            .iter()
            .map(|&(_, c)| c)
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if next_word.chars().all(|c| c.is_ascii_digit()) && !next_word.is_empty() && is_number {
            return true;
        }
        if lists.iter().any(|l| l.months.contains(&next_word)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: &str) -> Vec<String> {
        let lang: LanguageTag = lang.parse().expect("tag");
        sentence_texts(text, &lang).into_iter().map(String::from).collect()
    }

    #[test]
    fn the_data_file_parses() {
        let parsed: Result<BTreeMap<String, LanguageEntry>, _> = toml::from_str(ABBREVIATIONS);
        let parsed = parsed.expect("data/abbreviations.toml parses");
        for lang in ["*", "en", "sq", "sr", "hr", "bs", "mk", "uk", "ru", "de", "fr", "it", "tr", "el"] {
            assert!(parsed.contains_key(lang), "no entry for {lang}");
        }
    }

    #[test]
    fn plain_sentences_and_quotes() {
        assert_eq!(
            split("NATO meets today. Ministers will discuss Ukraine! Will they agree? We shall see.", "en"),
            ["NATO meets today.", "Ministers will discuss Ukraine!", "Will they agree?", "We shall see."]
        );
        assert_eq!(
            split("Ai tha: „Jemi gati.“ Pastaj u largua. “Po,” tha ajo.", "sq"),
            ["Ai tha: „Jemi gati.“", "Pastaj u largua.", "“Po,” tha ajo."]
        );
        assert_eq!(split("", "en"), Vec::<String>::new());
        assert_eq!(split("   ", "en"), Vec::<String>::new());
        assert_eq!(split("No full stop at the end", "en"), ["No full stop at the end"]);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("Mr. Rutte met Dr. Fedorov at 10 a.m. on Monday. The U.S. delegation was there.", "en"),
            ["Mr. Rutte met Dr. Fedorov at 10 a.m. on Monday.", "The U.S. delegation was there."]
        );
        assert_eq!(
            split("Sekretari i Përgjithshëm M. Rutte foli. Z. Hasani tha.", "sq"),
            ["Sekretari i Përgjithshëm M. Rutte foli.", "Z. Hasani tha."]
        );
        assert_eq!(
            split("Ministri p.sh. Hasani u takua me të. Ai foli.", "sq"),
            ["Ministri p.sh. Hasani u takua me të.", "Ai foli."]
        );
        assert_eq!(
            split("Sastanak je održan u Briselu, npr. Vučić je bio tamo. Kraj.", "sr-Latn"),
            ["Sastanak je održan u Briselu, npr. Vučić je bio tamo.", "Kraj."]
        );
        assert_eq!(
            split("Міністр т. зв. оборони прибув. Проф. Іваненко виступив.", "uk"),
            ["Міністр т. зв. оборони прибув.", "Проф. Іваненко виступив."]
        );
    }

    #[test]
    fn ordinals_dates_and_decimals() {
        assert_eq!(
            split("Takimi do të mbahet më 12. shkurt në Bruksel. Ai zgjat një ditë.", "sq"),
            ["Takimi do të mbahet më 12. shkurt në Bruksel.", "Ai zgjat një ditë."]
        );
        assert_eq!(
            split("Samit se održava od 24. do 26. juna u Hagu. Bit će to važno.", "hr"),
            ["Samit se održava od 24. do 26. juna u Hagu.", "Bit će to važno."]
        );
        assert_eq!(
            split("Das Treffen findet am 12. Februar statt. Es ist wichtig.", "de"),
            ["Das Treffen findet am 12. Februar statt.", "Es ist wichtig."]
        );
        assert_eq!(
            split("Albania spent 2.03% of GDP, i.e. 2,03%. It aims for 3% by 2030. Dated 12.02.2026.", "en"),
            ["Albania spent 2.03% of GDP, i.e. 2,03%.", "It aims for 3% by 2030.", "Dated 12.02.2026."]
        );
        assert_eq!(split("Sastanak 12. 2. 2026. godine. Onda.", "sr-Latn"), ["Sastanak 12. 2. 2026. godine.", "Onda."]);
        // A year at the end of a sentence is a sentence end.
        assert_eq!(
            split("It was founded in 1949. Today it has 32 members.", "en"),
            ["It was founded in 1949.", "Today it has 32 members."]
        );
    }

    #[test]
    fn cyrillic_and_greek() {
        assert_eq!(
            split("Состанокот ќе се одржи на 12 февруари. Министрите ќе дискутираат.", "mk"),
            ["Состанокот ќе се одржи на 12 февруари.", "Министрите ќе дискутираат."]
        );
        assert_eq!(
            split("Η σύνοδος θα γίνει στις Βρυξέλλες. Ο κ. Ρούτε θα μιλήσει.", "el"),
            ["Η σύνοδος θα γίνει στις Βρυξέλλες.", "Ο κ. Ρούτε θα μιλήσει."]
        );
    }

    #[test]
    fn ellipsis_and_lower_case_continuation() {
        assert_eq!(
            split("He paused... and went on. Then… Silence.", "en"),
            ["He paused... and went on.", "Then…", "Silence."]
        );
    }
}
