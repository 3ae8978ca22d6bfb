//! Text helpers the readers, the extractors and the search index share: words with their
//! byte offsets, case and diacritics folding, Cyrillic-to-Latin transliteration, slugs.
//!
//! Folding is what lets "Brukselit" meet "bruksel" and "Përgjithshëm" meet "pergjithshem":
//! lower case, canonical decomposition, combining marks dropped, and the few letters that
//! do not decompose (đ, ł, ø, ß ...) spelt out.

pub(crate) mod detect;
pub(crate) mod segment;

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A word of a text: letters and digits, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte range in the text.
    pub span: Range<usize>,
}

impl Word<'_> {
    /// Whether the word starts with an upper-case letter.
    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether every letter is upper case and there are at least two (NATO, НАТО, EU).
    pub(crate) fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && self.text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    }

    /// Whether the word is all digits.
    pub(crate) fn is_number(&self) -> bool {
        self.text.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Whether `c` is a letter or digit, quickly for the scripts the corpus reads (Latin with
/// its diacritics, Greek, Cyrillic) and by Unicode's tables for the rest.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a => true,
        0..=0x7f => false,
        0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x24f | 0x400..=0x481 | 0x48a..=0x52f | 0x386 | 0x388..=0x3ff => true,
        _ => c.is_alphanumeric(),
    }
}

/// The words of `text`: maximal runs of letters, digits and combining marks. An
/// apostrophe between letters stays inside the word ("d'ici", "прем'єр").
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inside = is_word_char(c) || (!c.is_ascii() && is_combining_mark(c));
        let apostrophe = matches!(c, '\'' | '’' | 'ʼ')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n))
            && text[..i].chars().next_back().is_some_and(is_word_char);
        match (inside || apostrophe, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { text: &text[s..i], span: s..i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { text: &text[s..], span: s..text.len() });
    }
    out
}

/// Lower case without diacritics: "Përgjithshëm" -> "pergjithshem", "Ђурђевић" ->
/// "ђурђевић" with marks removed where Unicode decomposes them ("й" -> "и", "ї" -> "і").
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    // Letters of the Latin, Greek and Cyrillic blocks come from a table made once.
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0u32..0x530).map(|u| char::from_u32(u).map(|c| fold_slow(&c.to_string())).unwrap_or_default()).collect()
    });
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match table.get(c as usize) {
            Some(s) => out.push_str(s),
            None => out.push_str(&fold_slow(&c.to_string())),
        }
    }
    out
}

/// Folding by canonical decomposition, character by character.
fn fold_slow(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'ʼ' | '’' => out.push('\''),
            'ς' => out.push('σ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folds and writes Cyrillic and Greek letters in Latin (Serbian-style for Cyrillic), so
/// that "Брисел" and "Brisel" give the same key: `brisel`.
pub(crate) fn fold_latin(word: &str) -> String {
    let folded = fold(word);
    if folded.is_ascii() {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match transliterate(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Writes a Cyrillic letter in Latin letters, following the national romanisations of the
/// language (Ukrainian `г` is `h`, Serbian and Russian `г` is `g`). `lower` is the
/// lower-case letter. Other characters are returned as they are.
pub(crate) fn latin_of(lower: char, primary: &str) -> Option<&'static str> {
    let ukrainian = matches!(primary, "uk" | "be");
    let bulgarian = primary == "bg";
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if ukrainian => "h",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'ђ' => "đ",
        'ѓ' => "gj",
        'е' => "e",
        'ё' => "jo",
        'є' => "je",
        'ж' => "ž",
        'з' => "z",
        'ѕ' => "dz",
        'и' if ukrainian => "y",
        'и' => "i",
        'і' => "i",
        'ї' => "ji",
        'й' => "j",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "ć",
        'ќ' => "kj",
        'у' => "u",
        'ў' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        'щ' if bulgarian => "št",
        'щ' => "šč",
        'ъ' if bulgarian => "a",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "ju",
        'я' => "ja",
        _ => return None,
    })
}

/// `text` in Latin letters: Cyrillic letters romanised for `lang` (Serbian, Macedonian,
/// Ukrainian, Russian, Bulgarian and the related languages), everything else unchanged.
/// The result is lower-case.
#[cfg(test)]
pub(crate) fn to_latin(text: &str, lang: &crate::model::LanguageTag) -> String {
    let primary = lang.primary();
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match latin_of(c, primary) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// A folded letter in Latin for keys: Cyrillic by the Serbian romanisation
/// ([`latin_of`]) without diacritics, except that `ђ` is written `dj` (as Serbian is
/// written in ASCII) and `є`, `ы` as `e`, `i` (keys have always been made so, and document
/// ids come from them); Greek letter by letter.
fn transliterate(c: char) -> Option<&'static str> {
    match c {
        'ђ' => return Some("dj"),
        'є' => return Some("e"),
        'ы' => return Some("i"),
        _ => {}
    }
    if let Some(latin) = latin_of(c, "sr") {
        return Some(match latin {
            "ž" => "z",
            "ć" | "č" => "c",
            "dž" => "dz",
            "š" => "s",
            "šč" => "sc",
            "đ" => "d",
            other => other,
        });
    }
    Some(match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => return None,
    })
}

/// A document id made from a name: folded, transliterated, runs of other characters
/// turned into single `-` (dots kept): "Takimi i NATO-s.txt" -> "takimi-i-nato-s.txt".
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in fold_latin(name).chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    let out = out.trim_matches(['.', '_', '-']).to_string();
    if out.is_empty() { "document".to_string() } else { out }
}

/// The script most letters of `text` are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Script {
    /// Latin letters.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Anything else (or no letters at all).
    Other,
}

/// Counts of letters per script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ScriptCounts {
    /// Latin letters.
    pub latin: usize,
    /// Cyrillic letters.
    pub cyrillic: usize,
    /// Greek letters.
    pub greek: usize,
    /// Letters of other scripts.
    pub other: usize,
}

impl ScriptCounts {
    /// Counts the letters of `text`.
    pub(crate) fn of(text: &str) -> ScriptCounts {
        let mut n = ScriptCounts::default();
        for c in text.chars().filter(|c| is_word_char(*c) && !c.is_ascii_digit()) {
            match c as u32 {
                0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f | 0x1e00..=0x1eff => n.latin += 1,
                0x400..=0x52f | 0x1c80..=0x1c8f | 0x2de0..=0x2dff | 0xa640..=0xa69f => n.cyrillic += 1,
                0x370..=0x3ff | 0x1f00..=0x1fff => n.greek += 1,
                _ => n.other += 1,
            }
        }
        n
    }

    /// All letters counted.
    pub(crate) fn total(&self) -> usize {
        self.latin + self.cyrillic + self.greek + self.other
    }

    /// The script with the most letters.
    pub(crate) fn main(&self) -> Script {
        let best = [(self.latin, Script::Latin), (self.cyrillic, Script::Cyrillic), (self.greek, Script::Greek)]
            .into_iter()
            .max_by_key(|(n, _)| *n)
            .filter(|(n, _)| *n > 0 && *n >= self.other);
        best.map_or(Script::Other, |(_, s)| s)
    }
}

/// Collapses runs of white space into single spaces and trims the ends.
pub(crate) fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_offsets() {
        let text = "NATO-s, në Bruksel: d'ici 2030 прем'єр";
        let got: Vec<(&str, usize)> = words(text).iter().map(|w| (w.text, w.span.start)).collect();
        assert_eq!(
            got,
            [("NATO", 0), ("s", 5), ("në", 8), ("Bruksel", 12), ("d'ici", 21), ("2030", 27), ("прем'єр", 32)]
        );
        assert!(words("NATO")[0].is_acronym());
        assert!(words("НАТО-а")[0].is_acronym());
        assert!(!words("Nato")[0].is_acronym());
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Përgjithshëm"), "pergjithshem");
        assert_eq!(fold("Đurđević"), "durdevic");
        assert_eq!(fold("Brukselit"), "brukselit");
        assert_eq!(fold("Київ"), "киів");
        assert_eq!(fold("ČŠŽĆ"), "cszc");
        assert_eq!(fold_latin("Брисел"), "brisel");
        assert_eq!(fold_latin("Љубљана"), "ljubljana");
        assert_eq!(fold_latin("Βρυξέλλες"), "vryxelles");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Takimi i NATO-s në Bruksel"), "takimi-i-nato-s-ne-bruksel");
        assert_eq!(slug("Самит НАТО у Хагу"), "samit-nato-u-hagu");
        assert_eq!(slug("report.en"), "report.en");
        assert_eq!(slug("???"), "document");
    }

    #[test]
    fn scripts() {
        assert_eq!(ScriptCounts::of("Самит NATO-a").main(), Script::Cyrillic);
        assert_eq!(ScriptCounts::of("Samit НАТО").main(), Script::Latin);
        assert_eq!(ScriptCounts::of("Σύνοδος").main(), Script::Greek);
        assert_eq!(ScriptCounts::of("2030").main(), Script::Other);
    }
}
