//! Translation QA: what CAT tools check on every segment, on every row of the book (human,
//! edited, memory and machine translations alike). A row is flagged when its original and
//! its translation disagree on
//!
//! * numbers, read with the region's conventions (`2,03` = `2.03`, `1.700` = `1,700` =
//!   `1 700`), percentages and money: "`5%` in the original, `3%` in the translation";
//! * dates in any format and language (`12 shkurt 2026` = `February 12, 2026` =
//!   `12.02.2026` = `2026-02-12`: the same day, month and year numbers) and years;
//! * proper names, compared across Latin and Cyrillic by the same sound skeleton the
//!   aligner's anchors use (`Руте` = `Rutte`): a name of the original that the translation
//!   lacks *and* a name of the translation the original lacks;
//! * missing or extra sentences (sentence counts differ and the lengths do not fit);
//! * terms of the termbase ([`crate::translate::terms`]) the translation ignores.
//!
//! Written numbers are compared first as digit runs (`10:30` = `10.30`, `1,700` = `1.700`),
//! then by value; a small number (up to ten) on one side only is not flagged (the other
//! side most likely spells it out: "two", "dy", "два"). Month names come from
//! `data/months.toml` and count only next to a number, as in the anchors.
//! `examples/eval_qa.rs` measures recall and false alarms on the NTREX development pairs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use crate::corpus::find::lexicon::Lexicon;
use crate::corpus::text::segment;
use crate::model::LanguageTag;
use crate::translate::terms::Termbase;
use crate::translate::text;

/// What a QA warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QaKind {
    /// A number differs or is missing.
    Number,
    /// A percentage differs.
    Percent,
    /// An amount of money differs.
    Money,
    /// A date differs (day, month or year of a date).
    Date,
    /// A year differs.
    Year,
    /// A proper name differs.
    Name,
    /// Sentences missing or added.
    Sentences,
    /// A term of the termbase is not used.
    Term,
    /// A capitalised word of the translation is a typing slip of an English word or a
    /// place's name ("Demorcats"); `original` holds the word meant.
    Spelling,
}

impl QaKind {
    /// Short name for lists and the app: `number`, `date` ...
    pub fn name(self) -> &'static str {
        match self {
            QaKind::Number => "number",
            QaKind::Percent => "percentage",
            QaKind::Money => "money",
            QaKind::Date => "date",
            QaKind::Year => "year",
            QaKind::Name => "name",
            QaKind::Sentences => "sentences",
            QaKind::Term => "term",
            QaKind::Spelling => "spelling",
        }
    }
}

/// One disagreement between an original and its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaIssue {
    /// What kind.
    pub kind: QaKind,
    /// The value in the original, as written ("" when the original has none).
    pub original: String,
    /// The value in the translation, as written ("" when the translation has none).
    pub translation: String,
}

impl QaIssue {
    /// "`5%` in the original, `3%` in the translation".
    pub fn message(&self) -> String {
        let what = self.kind.name();
        match (self.original.is_empty(), self.translation.is_empty()) {
            (false, false) if self.kind == QaKind::Term => {
                format!("term: `{}` should be translated `{}`", self.original, self.translation)
            }
            (false, false) if self.kind == QaKind::Spelling => {
                format!("spelling: `{}` in the translation, perhaps `{}`", self.translation, self.original)
            }
            (false, false) if self.kind == QaKind::Sentences => {
                format!("sentences: {} in the original, {} in the translation", self.original, self.translation)
            }
            (false, false) => {
                format!("{what}: `{}` in the original, `{}` in the translation", self.original, self.translation)
            }
            (false, true) => format!("{what}: `{}` in the original is not in the translation", self.original),
            (true, false) => format!("{what}: `{}` in the translation is not in the original", self.translation),
            (true, true) => what.to_string(),
        }
    }
}

/// A number as written, with the values it may stand for.
#[derive(Debug, Clone)]
struct Num {
    /// As written, with a `%` or currency next to it.
    text: String,
    /// Canonical values (`1700`, `1.7` for an ambiguous `1.700`).
    readings: Vec<String>,
    /// The digit runs of the number.
    runs: Vec<String>,
    kind: QaKind,
    /// A unit of measure right after it (or after the number a range leads to).
    unit: Option<Unit>,
}

/// Units of measure, by system: a translation that converts them ("5 cm" / "2 inches")
/// changes the numbers on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Metric,
    Imperial,
}

const METRIC: [&str; 28] = [
    "cm",
    "km",
    "m ",
    "mm",
    "kg",
    "°c",
    "metr",
    "meter",
    "kilomet",
    "centimet",
    "santimet",
    "milimet",
    "kilogram",
    "см",
    "км",
    "мм",
    "кг",
    "метр",
    "метар",
    "кілометр",
    "километ",
    "celz",
    "цм",
    "metar",
    "metra",
    "metri",
    "метра",
    "метри",
];
const IMPERIAL: [&str; 14] = [
    "inch",
    "mile",
    "mph",
    "feet",
    "foot",
    "ft",
    "pound",
    "lb",
    "°f",
    "yard",
    "fahrenheit",
    "degrees",
    "acre",
    "gallon",
];

fn unit_after(lower_after: &str) -> Option<Unit> {
    let a = lower_after.trim_start();
    let a = a.strip_prefix("stepen").map_or(a, |r| r.split_once(' ').map_or("", |(_, x)| x).trim_start());
    let a = a.strip_prefix("степен").map_or(a, |r| r.split_once(' ').map_or("", |(_, x)| x).trim_start());
    let a = a.strip_prefix("gradë").map_or(a, |r| r.trim_start());
    if METRIC.iter().any(|u| a.starts_with(u)) || a.starts_with("celsius") || a.starts_with("целз") {
        Some(Unit::Metric)
    } else if IMPERIAL.iter().any(|u| a.starts_with(u)) {
        Some(Unit::Imperial)
    } else {
        None
    }
}

/// The numbers, date months and names of one side.
#[derive(Debug, Default)]
struct Facts {
    numbers: Vec<Num>,
    /// Months of dates, with the text that names them.
    months: Vec<(u8, String)>,
    /// Name candidates: (skeleton, as written).
    names: Vec<Name>,
    /// Skeletons of every word.
    skeletons: Vec<String>,
    /// Sound keys of every word's skeleton ([`sound_key`]).
    keys: Vec<String>,
    /// English common words of four letters or more, and how many of them start with a
    /// capital (a headline in title case); none in other languages.
    long_words: usize,
    long_capitals: usize,
}

struct Data {
    /// Month stems by language key, longest first.
    months: BTreeMap<String, Vec<(String, u8)>>,
    percent: Vec<String>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let table: BTreeMap<String, toml::Value> = toml::from_str(include_str!("data/months.toml")).unwrap_or_default();
        let mut months = BTreeMap::new();
        let mut percent = Vec::new();
        for (key, value) in table {
            let Some(list) = value.as_array() else { continue };
            let strings = list.iter().filter_map(|v| v.as_str());
            if key == "percent" {
                percent.extend(strings.map(str::to_lowercase));
                continue;
            }
            let mut stems: Vec<(String, u8)> = Vec::new();
            for (i, entry) in strings.enumerate() {
                for stem in entry.split('|') {
                    stems.push((stem.to_lowercase(), i as u8 + 1));
                }
            }
            stems.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.cmp(b)));
            months.insert(key, stems);
        }
        Data { months, percent }
    })
}

/// The month stems for a language: its own list (by tag, then script, then primary
/// subtag); for a language without one, every list.
fn month_stems(lang: &LanguageTag) -> Vec<&'static (String, u8)> {
    let d = data();
    let cyrillic = lang.script() == Some("Cyrl");
    let keys: Vec<String> = match lang.primary() {
        "sr" | "hbs" | "sh" | "cnr" if cyrillic => vec!["sr-Cyrl".into()],
        "sr" | "hbs" | "sh" | "cnr" | "bs" => vec!["sr-Latn".into(), "hr".into()],
        "hr" => vec!["hr".into(), "sr-Latn".into()],
        p => vec![p.to_string()],
    };
    let own: Vec<&(String, u8)> = keys.iter().filter_map(|k| d.months.get(k)).flatten().collect();
    if own.is_empty() { d.months.values().flatten().collect() } else { own }
}

fn month_of(lower: &str, stems: &[&(String, u8)]) -> Option<u8> {
    let len = lower.chars().count();
    stems.iter().find(|(stem, _)| lower.starts_with(stem.as_str()) && len <= stem.chars().count() + 5).map(|&&(_, m)| m)
}

/// Month words that are also common words: months only right next to a number.
const AMBIGUOUS_MONTHS: [&str; 6] = ["may", "march", "mars", "mart", "maj", "mai"];

/// English abbreviated months: "Oct. 2", "Sept 12".
fn abbreviated_month(lower: &str) -> Option<u8> {
    const ABBR: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = if lower == "sept" { "sep" } else { lower };
    ABBR.iter().position(|a| *a == lower).map(|i| i as u8 + 1)
}

fn strip_zeros(digits: &str) -> String {
    let s = digits.trim_start_matches('0');
    if s.is_empty() { "0".into() } else { s.to_string() }
}

const CURRENCY_SIGNS: [char; 6] = ['€', '$', '£', '¥', '₴', '₽'];
const CURRENCY_WORDS: [&str; 24] = [
    "eur",
    "euro",
    "usd",
    "dollar",
    "долар",
    "gbp",
    "pound",
    "funt",
    "фунт",
    "lek",
    "лек",
    "denar",
    "денар",
    "dinar",
    "динар",
    "kun",
    "кун",
    "hryvn",
    "гривн",
    "grivn",
    "рубл",
    "rubl",
    "km",
    "евро",
];

/// The facts of one side.
fn facts(textv: &str, lang: &LanguageTag) -> Facts {
    let mut f = Facts::default();
    let chars: Vec<char> = textv.chars().collect();
    let stems = month_stems(lang);
    let lower_text = textv.to_lowercase();
    let lower_chars: Vec<char> = lower_text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_alphabetic())) {
            // Digits glued to letters (F-16 is fine, but "G7", "COVID19"): part of a name.
            if chars[i].is_ascii_digit() {
                while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            } else {
                i += 1;
            }
            continue;
        }
        let start = i;
        let mut groups = vec![String::new()];
        let mut seps: Vec<char> = Vec::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                if let Some(g) = groups.last_mut() {
                    g.push(c);
                }
                i += 1;
            } else if matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' | '/' | ':' | '-')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                // A hyphen joins only an ISO date (2026-02-12); a space only a group of three.
                if c == '-' && !(groups.len() == 1 && groups[0].len() == 4 || groups.len() == 2 && seps == ['-']) {
                    break;
                }
                if matches!(c, ' ' | '\u{a0}' | '\u{202f}') {
                    let next: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
                    if next.len() != 3 || groups.last().is_some_and(|g| g.len() > 3) {
                        break;
                    }
                }
                seps.push(c);
                groups.push(String::new());
                i += 1;
            } else {
                break;
            }
        }
        let written: String = chars[start..i].iter().collect();
        number_facts(&groups, &seps, &written, lang, &mut f);
        // Decades and clock times read more than one way: "80-тите" / "the 1980s",
        // "13.00 ч" / "1 p.m.".
        if let Some(last) = f.numbers.last_mut().filter(|n| n.kind != QaKind::Date) {
            let next: String = lower_chars[i..].iter().take(6).collect();
            let decade = |r: &str| r.len() == 2 && r.ends_with('0');
            if groups.len() == 1 && decade(&groups[0]) && (next.starts_with('-') || next.starts_with("s ")) {
                last.readings.push(format!("19{}", groups[0]));
            }
            if groups.len() == 1 && groups[0].len() == 4 && groups[0].ends_with('0') && next.starts_with('s') {
                last.readings.push(groups[0][2..].to_string());
            }
            let trimmed = next.trim_start();
            if (trimmed.starts_with("p.m") || trimmed.starts_with("pm"))
                && let Ok(h) = groups[0].parse::<u32>()
                && h < 12
            {
                last.readings.push((h + 12).to_string());
            }
        }
        // A % sign or word, or a currency, right after (or a currency right before).
        let after: String = lower_chars[i..].iter().take(16).collect();
        let mut after_trim = after.trim_start();
        // A scale word between the number and the currency: "450 million euros", "1,5 mld. lekë".
        const SCALES: [&str; 12] =
            ["mil", "bil", "mld", "mlrd", "млн", "млрд", "мил", "thousand", "mij", "hilj", "хиљ", "тис"];
        if SCALES.iter().any(|w| after_trim.starts_with(w)) {
            after_trim = after_trim.split_once(' ').map_or("", |(_, r)| r).trim_start();
        }
        let before: String = lower_chars[start.saturating_sub(5)..start].iter().collect();
        let count = groups.len();
        let is_pct = after_trim.starts_with('%') || data().percent.iter().any(|p| after_trim.starts_with(p.as_str()));
        let is_money = CURRENCY_SIGNS.iter().any(|c| before.trim_end().ends_with(*c) || after_trim.starts_with(*c))
            || CURRENCY_WORDS.iter().any(|w| after_trim.starts_with(w))
            || after_trim.starts_with("million euro")
            || after_trim.starts_with("billion euro")
            || after_trim.starts_with("million dollar")
            || after_trim.starts_with("billion dollar");
        let n = f.numbers.len();
        if n > 0 {
            // "5 do 10 cm", "2 to 4 inches", "2,5–5 cm": the range takes the unit of its end.
            let unit = unit_after(&after).or_else(|| {
                let rest: String = lower_chars[i..].iter().take(40).collect();
                let rest = rest.trim_start();
                let rest = ["to ", "do ", "deri në ", "deri ", "до ", "-", "–", "and ", "i "]
                    .iter()
                    .find_map(|w| rest.strip_prefix(w))?
                    .trim_start();
                let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
                (digits > 0).then(|| unit_after(&rest[digits..])).flatten()
            });
            f.numbers[n - 1].unit = unit;
        }
        if count > 0 && n > 0 && !matches!(f.numbers[n - 1].kind, QaKind::Date) {
            let last = &mut f.numbers[n - 1];
            if is_pct {
                last.kind = QaKind::Percent;
                last.text = if after_trim.starts_with('%') { format!("{written}%") } else { written.clone() };
            } else if is_money {
                last.kind = QaKind::Money;
            }
        }
    }
    // Month names next to a number.
    let words: Vec<&str> = text::words(textv).map(|(_, w)| w).collect();
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let english = lang.primary() == "en";
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let skeleton = text::skeleton(&lower, lang);
        f.keys.push(sound_key(&skeleton, false, false));
        if skeleton.contains('h') {
            f.keys.push(sound_key(&skeleton, false, true));
        }
        f.skeletons.push(skeleton);
        if w.chars().count() >= 4 && english && english_word(w) {
            f.long_words += 1;
            f.long_capitals += usize::from(w.chars().next().is_some_and(char::is_uppercase));
        }
        if is_number(w) {
            continue;
        }
        let adjacent = (k > 0 && is_number(words[k - 1])) || words.get(k + 1).is_some_and(|n| is_number(n));
        // "në shtator të vitit 2017", "у септембру 2017. године": a year a few words on.
        let near = adjacent
            || (!AMBIGUOUS_MONTHS.contains(&lower.as_str())
                && words[k + 1..].iter().take(3).any(|n| is_number(n) && n.len() == 4));
        if !near {
            continue;
        }
        let month =
            month_of(&lower, &stems).or_else(|| (lang.primary() == "en").then(|| abbreviated_month(&lower)).flatten());
        if let Some(m) = month {
            f.months.push((m, w.to_string()));
        }
    }
    f.names = names(textv, lang);
    f
}

fn number_facts(groups: &[String], seps: &[char], written: &str, lang: &LanguageTag, f: &mut Facts) {
    let runs: Vec<String> = groups.iter().map(|g| strip_zeros(g)).collect();
    let num = |text: &str, readings: Vec<String>, kind: QaKind| Num {
        text: text.to_string(),
        readings,
        runs: runs.clone(),
        kind,
        unit: None,
    };
    // Dates: 12.02.2026, 12/2/26, 2026-02-12.
    let date = match (groups.len(), seps) {
        (3, [a, b]) if a == b && matches!(a, '.' | '/') && groups[0].len() <= 2 && groups[1].len() <= 2 => {
            (groups[2].len() == 4 || groups[2].len() == 2).then(|| (&groups[0], &groups[1], &groups[2]))
        }
        (3, ['-', '-']) if groups[0].len() == 4 => Some((&groups[2], &groups[1], &groups[0])),
        _ => None,
    };
    if let Some((day, month, year)) = date {
        let m: u32 = month.parse().unwrap_or(0);
        if (1..=12).contains(&m) {
            f.numbers.push(num(written, vec![strip_zeros(day)], QaKind::Date));
            f.numbers.push(num(written, vec![strip_zeros(year)], QaKind::Date));
            f.months.push((m as u8, written.to_string()));
            return;
        }
    }
    // Times and scores: 10:30, 2:1: each part a number.
    if seps.iter().any(|&s| s == ':' || s == '/' || s == '-') {
        for g in groups {
            f.numbers.push(num(g, vec![strip_zeros(g)], QaKind::Number));
        }
        return;
    }
    let mut readings = Vec::new();
    let same_seps = seps.iter().all(|&s| Some(&s) == seps.first());
    let thousands = groups.len() >= 2 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) && same_seps;
    if thousands {
        readings.push(strip_zeros(&groups.concat()));
    }
    if groups.len() == 2 && matches!(seps[0], '.' | ',') {
        let frac = groups[1].trim_end_matches('0');
        readings.push(if frac.is_empty() {
            strip_zeros(&groups[0])
        } else {
            format!("{}.{frac}", strip_zeros(&groups[0]))
        });
    }
    if groups.len() == 1 {
        readings.push(strip_zeros(&groups[0]));
    }
    if readings.is_empty() {
        // Something else (2.5.1, a list): each part.
        for g in groups {
            f.numbers.push(num(g, vec![strip_zeros(g)], QaKind::Number));
        }
        return;
    }
    let _ = lang;
    let year =
        groups.len() == 1 && groups[0].len() == 4 && (1800..=2100).contains(&groups[0].parse::<u32>().unwrap_or(0));
    f.numbers.push(num(written, readings, if year { QaKind::Year } else { QaKind::Number }));
}

/// Words that start with a capital in the middle of a sentence (not after a sentence end,
/// a colon or an opening quote), not acronyms, of at least three letters: the names.
fn names(textv: &str, lang: &LanguageTag) -> Vec<Name> {
    let mut out = Vec::new();
    let mut prev_end = 0;
    let mut prev = "";
    for (index, (at, w)) in text::words(textv).enumerate() {
        let gap = &textv[prev_end..at];
        prev_end = at + w.len();
        // A title's full stop ("Mr. Sutopo", "Z. McDonnell") does not end the sentence.
        let title = gap.trim() == "."
            && (1..=3).contains(&prev.chars().count())
            && prev.chars().next().is_some_and(char::is_uppercase);
        let starts =
            index == 0 || (gap.contains(['.', '!', '?', ':', '"', '“', '„', '«', '(', '–', '—', '\n']) && !title);
        prev = w;
        // "Didn't", "Couldn't": a contraction, not a name.
        let contraction = textv[prev_end..].starts_with(['\'', '’'])
            && textv[prev_end..].get(1..).is_some_and(|r| r.starts_with('t') || r.starts_with("\u{2019}t"));
        if starts || contraction {
            continue;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let acronym = w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if capital && !acronym && letters >= 3 {
            out.push(Name { skeleton: text::skeleton(&w.to_lowercase(), lang), text: w.to_string(), index });
        }
    }
    out
}

/// A capitalised word in the middle of a sentence.
#[derive(Debug, Clone)]
struct Name {
    skeleton: String,
    text: String,
    /// Its position among the words of the text.
    index: usize,
}

/// Weekdays, in the languages that capitalise them: words, translated, never names.
const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
];

/// Nationality and language words that languages like English capitalise and the region's
/// languages do not ("German", "Albanian", "Chinese"): translated as words, never names.
const NATIONALITIES: [&str; 22] = [
    "french",
    "dutch",
    "greek",
    "german",
    "swiss",
    "thai",
    "czech",
    "serb",
    "croat",
    "slovak",
    "arab",
    "jewish",
    "muslim",
    "christian",
    "catholic",
    "orthodox",
    "israeli",
    "iraqi",
    "pakistani",
    "kuwaiti",
    "saudi",
    "bosniak",
];

/// Whether a capitalised word of `lang` is a word the translator translates rather than a
/// name: a month, a weekday, a nationality or language adjective.
fn translates_as_word(lower: &str, lang: &LanguageTag) -> bool {
    let stems = month_stems(lang);
    if stems.iter().any(|(stem, _)| lower == stem.as_str() || (lower.starts_with(stem.as_str()) && stem.len() >= 4)) {
        return true;
    }
    if WEEKDAYS.contains(&lower) || NATIONALITIES.iter().any(|n| lower == *n || lower.strip_prefix(n) == Some("s")) {
        return true;
    }
    // "Albanian", "European", "Chinese", "Turkish", "Americans".
    let l = lower.strip_suffix('s').unwrap_or(lower);
    lang.primary() == "en" && ["ian", "ean", "ese", "ish", "can"].iter().any(|x| l.len() >= 6 && l.ends_with(x))
}

/// Whether a name's skeleton `t` of one side and a word's skeleton `o` of the other are the
/// same name closely enough that neither is misspelt: one is the other plus an ending (an
/// inflected form: `rute` / `ruteov`), or they share all but the last two letters of the
/// shorter (a changed stem vowel or ending: `harkiv` / `harkova`).
fn same_name(t: &str, o: &str) -> bool {
    if t == o {
        return true;
    }
    let (lt, lo) = (t.chars().count(), o.chars().count());
    let common = t.chars().zip(o.chars()).take_while(|(x, y)| x == y).count();
    common >= 4.min(lt.min(lo)) && common + 2 >= lt.min(lo)
}

/// Name issues: a name of the original whose skeleton nothing in the translation has, with a
/// name of the translation that nothing in the original has in its place (a name replaced
/// by another); or a name of the translation that only resembles the original's (a
/// misspelling) while the document's translation spells the original's name right
/// elsewhere. Months, weekdays and nationality words are translated, not names.
/// (Checking a name beside a shared name, "Ariana Grande" / "Maria Grande", was tried and
/// dropped: multiword place and institution names translate part by part, "Virxhinia
/// Perëndimore" / "West Virginia", too often.)
fn name_issues(
    o: &Facts,
    (from, to): (&LanguageTag, &LanguageTag),
    t: &Facts,
    context: &DocumentContext,
    out: &mut Vec<QaIssue>,
) {
    let lacks = |name: &str, other: &Facts| !other.skeletons.iter().any(|s| similar(name, s));
    let is_name = |n: &&Name, lang: &LanguageTag| !translates_as_word(&n.text.to_lowercase(), lang);
    let missing: Vec<&Name> = o.names.iter().filter(|n| is_name(n, from) && lacks(&n.skeleton, t)).collect();
    // In English, a common word ("Team", "Flash") or a place under another of its names
    // ("Spain" / "Spanja") is never a name in another's place.
    let english = to.primary() == "en";
    let kept = |n: &&Name| {
        let lower = n.text.to_lowercase();
        !english || !(english_word(&n.text) || translated_name(&lower) || place_named(&lower, o, from))
    };
    let extra: Vec<&Name> = t.names.iter().filter(|n| is_name(n, to) && kept(n) && lacks(&n.skeleton, o)).collect();
    // Capitalised English words of the translation, mid-sentence, that the original lacks
    // and that are no word translators translate ("Silicon", "Republican"): a name's
    // replacement only where a name the translation keeps is gone.
    let word_in_place: Vec<&Name> = if english && !title_case(t) {
        t.names
            .iter()
            .filter(|n| {
                let lower = n.text.to_lowercase();
                is_name(n, to)
                    && english_word(&n.text)
                    && plain_name(&n.text)
                    && !translated_name(&lower)
                    && !place_named(&lower, o, from)
                    && lacks(&n.skeleton, o)
            })
            .collect()
    } else {
        Vec::new()
    };
    // Where a word stands in its text, from 0 to 1: a name and its replacement stand about
    // alike.
    let at = |i: usize, f: &Facts| i as f64 / f.skeletons.len().max(1) as f64;
    let mut used_extra: Vec<usize> = Vec::new();
    let push = |issue: QaIssue, out: &mut Vec<QaIssue>| {
        if !out.contains(&issue) {
            out.push(issue);
        }
    };
    for x in &missing {
        // A name the document's translation never spells is most likely an institution or
        // a common noun, translated ("Gjykatës", "Komiteti"): flagging those pairs raised the
        // false alarms to 24% on the NTREX pairs.
        if !context.spells(&x.skeleton) {
            continue;
        }
        // Only a name in its place: a translation that leaves a name out ("he tweeted" for
        // "shkroi në Twitter") is too often right.
        let other = extra.iter().find(|e| !used_extra.contains(&e.index)).or_else(|| {
            // Else a capitalised English word in its place ("Maxine Silicon" for "Maxine
            // Waters"), one the original lacks: next to the same name as the name was, or
            // about where it stood.
            fn name_at(f: &Facts, i: Option<usize>) -> Option<&Name> {
                i.and_then(|i| f.names.iter().find(|n| n.index == i))
            }
            let same_neighbour = |e: &Name| {
                [(x.index.checked_sub(1), e.index.checked_sub(1)), (Some(x.index + 1), Some(e.index + 1))].iter().any(
                    |&(a, b)| matches!((name_at(o, a), name_at(t, b)), (Some(m), Some(k)) if similar(&m.skeleton, &k.skeleton)),
                )
            };
            word_in_place
                .iter()
                .filter(|e| !used_extra.contains(&e.index))
                .map(|e| (e, if same_neighbour(e) { 0.0 } else { (at(x.index, o) - at(e.index, t)).abs() }))
                .filter(|(_, d)| *d <= 0.1)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(e, _)| e)
        });
        let Some(other) = other else { continue };
        used_extra.push(other.index);
        push(QaIssue { kind: QaKind::Name, original: x.text.clone(), translation: other.text.clone() }, out);
    }
    // A name the translator keeps (no English word: "Donald", "Premiership", "Alleva") with
    // nothing like it in the original: a name put in another's place, or added. Only for
    // English, the language of the word list, and not in a headline written in title case,
    // where every word is capitalised.
    if to.primary() == "en" && !title_case(t) {
        let mut used_missing: Vec<usize> = Vec::new();
        for n in &extra {
            if used_extra.contains(&n.index) || !is_name(n, to) || english_word(&n.text) || !plain_name(&n.text) {
                continue;
            }
            // Spelt as it sounds in the original ("Hughes" / "Хјуз", "Chris" / "Krisi").
            let lower = n.text.to_lowercase();
            let keys = [sound_key(&lower, true, false), sound_key(&lower, true, true)];
            if o.keys.iter().any(|k| keys.iter().any(|key| sounds_alike(key, k))) || translated_name(&lower) {
                continue;
            }
            // A place the gazetteer knows, under another of its names ("Cologne" / "Kolonjë",
            // "Germany" / "Німеччина").
            if place_named(&lower, o, from) {
                continue;
            }
            // Only a name in another's place: the name of the original nearest to it that the
            // translation lacks. (A name only added is too often right: "he" in the original.)
            let partner = missing
                .iter()
                .filter(|m| !used_missing.contains(&m.index))
                .map(|m| (m, (at(m.index, o) - at(n.index, t)).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(m, _)| *m);
            // Without one, a name the rest of the document's translation never spells (one
            // the document does spell, "Willoughby", is most likely left out of this
            // original: "she" for the name).
            if partner.is_none() && context.spelt_in_other_rows(&n.skeleton) {
                continue;
            }
            used_missing.extend(partner.map(|m| m.index));
            used_extra.push(n.index);
            let original = partner.map(|m| m.text.clone()).unwrap_or_default();
            push(QaIssue { kind: QaKind::Name, original, translation: n.text.clone() }, out);
        }
    }
    // Misspellings: a name of the translation that is near an original name but not the
    // same, where the rest of the document spells that name as the same.
    // A name kept in Latin letters (across scripts, transliteration changes letters).
    let latin = |m: &&Name| m.text.chars().all(|c| !c.is_alphabetic() || (c as u32) < 0x0250);
    // Letters folded, English digraphs as the region writes them ("Dushko" / "Duško").
    let folded = |w: &str| {
        let f = crate::corpus::text::fold_latin(&w.to_lowercase());
        [("sh", "s"), ("ch", "c"), ("zh", "z"), ("ph", "f"), ("th", "t"), ("x", "ks")]
            .iter()
            .fold(f, |f, (a, b)| f.replace(a, b))
    };
    // Double letters single ("Alisson" / "Alisona").
    let single = |w: &str| {
        let mut out = String::new();
        for c in w.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    };
    let originals: Vec<String> = o.names.iter().filter(latin).map(|m| folded(&m.text)).collect();
    for n in &t.names {
        if used_extra.contains(&n.index) || !is_name(&n, to) || !kept(&n) {
            continue;
        }
        // Spelt as in the original but for one letter changed or two swapped ("Cromwlel",
        // "Arziona" for "Cromwell", "Arizonës"), where the other letters are the same.
        let mine = folded(&n.text);
        if !english_word(&n.text) && !originals.iter().any(|x| x.starts_with(&mine)) {
            // Compared with the digraphs folded and as written ("Tlatcher" / "Thatcher").
            let plain = |w: &str| crate::corpus::text::fold_latin(&w.to_lowercase());
            let mine_plain = plain(&n.text);
            let typo = o.names.iter().filter(latin).find(|m| {
                let theirs = folded(&m.text);
                let slip = misspelt(&mine, &theirs) || misspelt(&mine_plain, &plain(&m.text));
                slip && !single(&theirs).starts_with(&single(&mine))
            });
            if let Some(m) = typo {
                push(QaIssue { kind: QaKind::Name, original: m.text.clone(), translation: n.text.clone() }, out);
                continue;
            }
        }
        if o.skeletons.iter().any(|s| same_name(&n.skeleton, s)) {
            continue;
        }
        let Some(m) = o.names.iter().find(|m| similar(&n.skeleton, &m.skeleton)) else { continue };
        if context.spells_as(&m.skeleton, &n.skeleton) {
            push(QaIssue { kind: QaKind::Name, original: m.text.clone(), translation: n.text.clone() }, out);
        }
    }
    // A capitalised English word that is no word and no name of the original, but a typing
    // slip away from an English word or a country's or city's name ("Universtiy",
    // "Demorcats", "Indonseia"): a misspelling, whatever the original's script.
    if english {
        for n in &t.names {
            let lower = n.text.to_lowercase();
            if used_extra.contains(&n.index)
                || english_word(&n.text)
                || translated_name(&lower)
                || place_form(&lower)
                || place_named(&lower, o, from)
            {
                continue;
            }
            let keys = [sound_key(&lower, true, false), sound_key(&lower, true, true)];
            if o.keys.iter().any(|k| keys.iter().any(|key| sounds_alike(key, k))) {
                continue;
            }
            if let Some(meant) = slip_of(&lower) {
                let mut original: String = meant.chars().take(1).flat_map(char::to_uppercase).collect();
                original.extend(meant.chars().skip(1));
                push(QaIssue { kind: QaKind::Spelling, original, translation: n.text.clone() }, out);
            }
        }
    }
}

/// Lower-case one-word names of the gazetteer's places, in Latin letters.
fn place_form(lower: &str) -> bool {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS
        .get_or_init(|| {
            let places = &Lexicon::builtin().places;
            places
                .iter()
                .flat_map(|p| std::iter::once(&p.name).chain(&p.forms))
                .filter(|f| !f.contains(' ') && f.is_ascii())
                .map(|f| f.to_lowercase())
                .collect()
        })
        .contains(lower)
}

/// The English word or place name (lower case, six letters or more) that `lower` is one
/// typing slip from: two neighbours swapped, not the first letter. (One letter changed,
/// left out or doubled turns too many real names into words: "Jones" / "jokes".)
fn slip_of(lower: &str) -> Option<String> {
    let chars: Vec<char> = lower.chars().collect();
    if chars.len() < 6 || !chars.iter().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let known = |w: &str| english_words().contains(w) || place_form(w);
    let n = chars.len();
    let word = |v: &[char]| v.iter().collect::<String>();
    // Two neighbours swapped.
    for i in 1..n - 1 {
        let mut v = chars.clone();
        v.swap(i, i + 1);
        let w = word(&v);
        if w != lower && known(&w) {
            return Some(w);
        }
    }
    None
}

/// What QA knows about the rest of a document: the skeletons of the capitalised words of
/// its translation. A name of the original that a row's translation lacks is flagged only when
/// the document's translation spells it elsewhere: then it is a name the translation keeps
/// (a person, a place) and this row lost or changed it. A capitalised word the translation
/// never spells ("Gjykatës", "Komiteti") is an institution or a common noun, translated.
#[derive(Debug, Clone, Default)]
pub struct DocumentContext {
    skeletons: Vec<String>,
    /// How many of the texts spell each skeleton with a capital.
    rows: HashMap<String, u32>,
}

impl DocumentContext {
    /// The context of a document whose translation is `texts`, in `lang`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>, lang: &LanguageTag) -> DocumentContext {
        let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        let mut rows: HashMap<String, u32> = HashMap::new();
        for t in texts {
            let mut here: Vec<String> = text::words(t)
                .map(|(_, w)| w)
                .filter(capital)
                .map(|w| text::skeleton(&w.to_lowercase(), lang))
                .filter(|s| s.len() >= 3)
                .collect();
            here.sort();
            here.dedup();
            for s in here {
                *rows.entry(s).or_insert(0) += 1;
            }
        }
        let mut skeletons: Vec<String> = rows.keys().cloned().collect();
        skeletons.sort();
        DocumentContext { skeletons, rows }
    }

    /// Whether more than one text of the document spells this skeleton with a capital: a
    /// name the document's translation uses, not only in the row at hand.
    fn spelt_in_other_rows(&self, skeleton: &str) -> bool {
        self.rows.get(skeleton).is_some_and(|&n| n >= 2)
    }

    /// Whether a capitalised word of the translation is this name (stricter than within a
    /// row: the same first five letters of the skeleton, or all of a shorter one).
    fn spells(&self, name: &str) -> bool {
        let key: String = name.chars().take(5).collect();
        self.skeletons.iter().any(|s| {
            let k: String = s.chars().take(5).collect();
            k == key && (key.len() >= 5 || s == name)
        })
    }

    /// Whether a capitalised word of the translation other than `but`, and not merely
    /// another form of it ("Minister" for "Ministers"), spells this name of the original as
    /// the same name ([`same_name`]).
    fn spells_as(&self, name: &str, but: &str) -> bool {
        self.skeletons.iter().any(|s| s != but && !same_name(s, but) && same_name(s, name))
    }
}

/// English common words (SCOWL, see scripts/english-words.py), to tell a name the translator
/// keeps ("Donald", "Alleva") from a capitalised word that translates ("Pacific", "Society").
fn english_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("data/english-words.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
}

/// Whether a capitalised English word is a common word, or the plural of one.
fn english_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let words = english_words();
    let plural = |suffix: &str, add: &str| {
        lower
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.len() >= 3 && words.contains(format!("{stem}{add}").as_str()))
    };
    words.contains(lower.as_str()) || plural("s", "") || plural("es", "") || plural("ies", "y")
}

/// Whether an English capitalised word is one translators translate: a region or nation
/// the gazetteer does not list, or a word made from one (data/translated-names.toml).
fn translated_name(lower: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let table: BTreeMap<String, Vec<String>> =
            toml::from_str(include_str!("data/translated-names.toml")).unwrap_or_default();
        table.into_values().flatten().collect()
    });
    words.contains(lower) || lower.strip_suffix('s').is_some_and(|l| words.contains(l))
}

/// Whether `lower` is a name of a place of the gazetteer (any of its forms) and a word of
/// the original is another form of that place.
fn place_named(lower: &str, o: &Facts, from: &LanguageTag) -> bool {
    static INDEX: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    let places = &Lexicon::builtin().places;
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(&p.forms).chain(&p.generated) {
                if !form.contains(' ') {
                    let list = index.entry(form.to_lowercase()).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        index
    });
    let Some(found) = index.get(lower) else { return false };
    found.iter().any(|&i| {
        let p = &places[i];
        std::iter::once(&p.name).chain(&p.forms).chain(&p.generated).any(|form| {
            let first = form.split(' ').next().unwrap_or(form);
            let f = text::skeleton(&first.to_lowercase(), from);
            o.skeletons.iter().any(|s| {
                let common = s.chars().zip(f.chars()).take_while(|(a, b)| a == b).count();
                common >= 4.min(f.chars().count()).max(3)
            })
        })
    })
}

/// Whether skeleton `t` is skeleton `o` (or the start of it, an inflected form) with one
/// letter changed or two neighbours swapped: a typing slip, not a transliteration. The
/// first letter and the last two of `t` are left alone (an ending differs by language:
/// "Korea" / "Koreja"), and so are the changes transliteration makes (one vowel for
/// another, "Trump" / "Tramp"; c for k, s for z).
fn misspelt(t: &str, o: &str) -> bool {
    let t: Vec<char> = t.chars().collect();
    let o: Vec<char> = o.chars().collect();
    let n = t.len();
    if n < 5 || o.len() < n || t[0] != o[0] {
        return false;
    }
    let o = &o[..n];
    // The last two letters may differ: an ending.
    let diff: Vec<usize> = (0..n - 2).filter(|&i| t[i] != o[i]).collect();
    // Vowels, and the letters that stand for one in transliteration (Arijana, Ariana).
    let vowel = |c: char| "aeiouyjw".contains(c);
    match diff[..] {
        [p] => {
            let (a, b) = (t[p], o[p]);
            let pairs = ["ckq", "sz", "cs", "gh", "uv", "vw", "gz", "jz", "gj"];
            let alike = (vowel(a) && vowel(b)) || pairs.iter().any(|p| p.contains(a) && p.contains(b));
            !alike
        }
        [p, q] => q == p + 1 && t[p] == o[q] && t[q] == o[p],
        _ => false,
    }
}

/// Whether a capitalised word looks like a name rather than an abbreviation or a unit
/// ("AMs", "PhD", "TVs"): no capital after the first letter but in "Mc"/"Mac" names.
fn plain_name(word: &str) -> bool {
    let rest = word.strip_prefix("Mc").or_else(|| word.strip_prefix("Mac")).unwrap_or(word);
    !rest.chars().skip(1).any(char::is_uppercase)
}

/// A rough key of how a word sounds, for names spelt by ear across languages: consonants
/// by class (b f p v w; c g j k q s x z; d t; l; m n; r), vowels and h left out, a class
/// repeated once. `english`: the word is English spelling ("ch", "sh", "dg", "gh", j as
/// in "John"); else it is a skeleton ([`text::skeleton`], j and y already vowels), where
/// `h_is_g` reads h as g (Ukrainian г, romanised h), and in English w as v.
fn sound_key(word: &str, english: bool, h_is_g: bool) -> String {
    let w_is_v = h_is_g;
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        let (code, used) = match (c, next) {
            // "Knott", "Wright": a silent first letter.
            ('k', Some('n')) | ('w', Some('r')) if english && i == 0 => ('-', 1),
            // "Pyongyang", "Menga": g after n is part of the n.
            ('g', _) if i > 0 && chars[i - 1] == 'n' => ('-', 1),
            // "Browne", "Walton": w a vowel ("Браун", "Уолтон"); or a v ("Вејн").
            ('w', _) if english && !w_is_v => ('-', 1),
            // Ukrainian and Belarusian г is h, for a g ("Греем" for Graham).
            ('h', _) if !english && h_is_g => ('2', 1),
            ('c' | 's' | 'z' | 'k', Some('h')) if english => ('2', 2),
            ('t' | 'd', Some('h')) => ('3', 2),
            ('p', Some('h')) => ('1', 2),
            ('g', Some('h')) if english => ('-', 2),
            ('w', Some('h')) if english => ('1', 2),
            ('d', Some('g' | 'z' | 'j')) => ('2', 2),
            ('g', Some('j')) | ('x', Some('h')) | ('z', Some('h')) | ('s', Some('h')) | ('c', Some('h')) => ('2', 2),
            ('j', _) if english => ('2', 1),
            ('b' | 'f' | 'p' | 'v' | 'w', _) => ('1', 1),
            ('c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z', _) if c != 'j' => ('2', 1),
            ('d' | 't', _) => ('3', 1),
            ('l', _) => ('4', 1),
            ('m' | 'n', _) => ('5', 1),
            ('r', _) => ('6', 1),
            _ => ('-', 1),
        };
        if code != '-' && !out.ends_with(code) {
            out.push(code);
        }
        i += used;
    }
    out
}

/// Whether two sound keys may be one name: the same, one the other plus an ending (an
/// inflected form), or one class apart in keys of four or more.
fn sounds_alike(t: &str, o: &str) -> bool {
    if t.is_empty() || o.is_empty() {
        return false;
    }
    t == o
        || (t.len() >= 2 && o.starts_with(t))
        || (o.len() >= 3 && t.starts_with(o))
        || (t.len() >= 4 && o.len() >= 4 && strsim::levenshtein(t, o) <= 1)
}

/// Whether a text is written in title case ("Quake Devastates Island, Killing Hundreds"):
/// most of its longer common words capitalised.
fn title_case(f: &Facts) -> bool {
    f.long_words >= 3 && f.long_capitals * 5 >= f.long_words * 3
}

/// Whether two skeletons may be the same name (inflected, transliterated, an exonym).
fn similar(a: &str, b: &str) -> bool {
    if a.len() < 3 || b.len() < 3 {
        return a == b;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    prefix >= 4.min(a.len().min(b.len())) || strsim::jaro_winkler(a, b) >= 0.84
}

/// The number matching: (unmatched of the original, unmatched of the translation).
fn unmatched<'a>(o: &'a [Num], t: &'a [Num]) -> (Vec<&'a Num>, Vec<&'a Num>) {
    let mut runs_o: Vec<&String> = o.iter().flat_map(|n| &n.runs).collect();
    let mut runs_t: Vec<&String> = t.iter().flat_map(|n| &n.runs).collect();
    runs_o.sort();
    runs_t.sort();
    if runs_o == runs_t {
        return (Vec::new(), Vec::new());
    }
    let mut used = vec![false; t.len()];
    let mut left = Vec::new();
    for n in o {
        let found = t
            .iter()
            .enumerate()
            .find(|(j, m)| !used[*j] && m.readings.iter().any(|r| n.readings.contains(r)))
            .map(|(j, _)| j);
        match found {
            Some(j) => used[j] = true,
            None => left.push(n),
        }
    }
    let mut right: Vec<&Num> = t.iter().zip(&used).filter(|(_, u)| !**u).map(|(n, _)| n).collect();
    // One number on one side written as two on the other: `10.30` and `10:30`.
    split_matches(&mut left, &mut right);
    split_matches(&mut right, &mut left);
    (left, right)
}

/// Drops a number of `a` whose digit runs are numbers of `b`, and those numbers.
fn split_matches(a: &mut Vec<&Num>, b: &mut Vec<&Num>) {
    let mut i = 0;
    while i < a.len() {
        let runs = &a[i].runs;
        let mut taken: Vec<usize> = Vec::new();
        for r in runs {
            if let Some(j) = (0..b.len()).find(|j| !taken.contains(j) && b[*j].readings.contains(r)) {
                taken.push(j);
            }
        }
        if runs.len() >= 2 && taken.len() == runs.len() {
            taken.sort_unstable();
            for j in taken.into_iter().rev() {
                b.remove(j);
            }
            a.remove(i);
        } else {
            i += 1;
        }
    }
}

fn small(n: &Num) -> bool {
    n.kind == QaKind::Number && n.readings.iter().all(|r| r.parse::<f64>().is_ok_and(|v| v < 100.0))
}

/// Checks one row: an original in `from` and its translation in `to`; `terms`, the
/// termbase of the pair, if there is one. No issues when either side is empty.
///
/// Names are checked only with a `context` (the document's translation, see
/// [`DocumentContext`]).
pub fn check(
    original: &str,
    from: &LanguageTag,
    translation: &str,
    to: &LanguageTag,
    terms: Option<&Termbase>,
    context: Option<&DocumentContext>,
) -> Vec<QaIssue> {
    let mut out = Vec::new();
    if original.trim().is_empty() || translation.trim().is_empty() {
        return out;
    }
    let o = facts(original, from);
    let t = facts(translation, to);
    // Numbers.
    let (mut lo, mut lt) = unmatched(&o.numbers, &t.numbers);
    // Converted units: the measures of both sides differ on purpose.
    let system = |list: &[Num], u: Unit| list.iter().any(|n| n.unit == Some(u));
    if (system(&o.numbers, Unit::Metric) && system(&t.numbers, Unit::Imperial))
        || (system(&o.numbers, Unit::Imperial) && system(&t.numbers, Unit::Metric))
    {
        lo.retain(|n| n.unit.is_none());
        lt.retain(|n| n.unit.is_none());
    }
    // A plain number under 100 on one side only is most likely spelled out on the other
    // ("Четириесет и едно годишниот" / "West, 41", "šest metara (18 feet)"); percentages,
    // money, dates and years are still flagged, and so is any number that differs.
    if lt.is_empty() {
        lo.retain(|n| !small(n));
    }
    if lo.is_empty() {
        lt.retain(|n| !small(n));
    }
    let mut lo = lo.into_iter();
    let mut lt = lt.into_iter();
    loop {
        match (lo.next(), lt.next()) {
            (None, None) => break,
            (a, b) => {
                let kind =
                    [a, b].iter().flatten().map(|n| n.kind).max_by_key(|k| kind_rank(*k)).unwrap_or(QaKind::Number);
                let text = |n: Option<&Num>| n.map(|n| n.text.clone()).unwrap_or_default();
                let issue = QaIssue { kind, original: text(a), translation: text(b) };
                if !out.contains(&issue) {
                    out.push(issue);
                }
            }
        }
    }
    // Months of dates.
    let mut mo: Vec<&(u8, String)> = o.months.iter().collect();
    let mut mt: Vec<&(u8, String)> = t.months.iter().collect();
    mo.retain(|m| {
        if let Some(p) = mt.iter().position(|x| x.0 == m.0) {
            mt.remove(p);
            false
        } else {
            true
        }
    });
    let mut mo = mo.into_iter();
    let mut mt = mt.into_iter();
    loop {
        match (mo.next(), mt.next()) {
            (None, None) => break,
            (a, b) => {
                let issue = QaIssue {
                    kind: QaKind::Date,
                    original: a.map(|m| m.1.clone()).unwrap_or_default(),
                    translation: b.map(|m| m.1.clone()).unwrap_or_default(),
                };
                if !out.contains(&issue) {
                    out.push(issue);
                }
            }
        }
    }
    // Names: one the translation lacks, that the document's translation spells elsewhere.
    if let Some(context) = context {
        name_issues(&o, (from, to), &t, context, &mut out);
    }
    // Sentences.
    let so = segment::sentences(original, from).len();
    let st = segment::sentences(translation, to).len();
    let ratio = translation.chars().count() as f64 / original.chars().count().max(1) as f64;
    if so != st && !(0.55..=1.8).contains(&ratio) {
        out.push(QaIssue { kind: QaKind::Sentences, original: so.to_string(), translation: st.to_string() });
    }
    // Terms.
    if let Some(tb) = terms {
        for (source, target) in tb.ignored(original, translation) {
            out.push(QaIssue { kind: QaKind::Term, original: source, translation: target });
        }
    }
    out
}

fn kind_rank(k: QaKind) -> u8 {
    match k {
        QaKind::Date => 5,
        QaKind::Money => 4,
        QaKind::Percent => 3,
        QaKind::Year => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    fn issues(o: &str, from: &str, t: &str) -> Vec<String> {
        let context = DocumentContext::of([t, "Secretary General Mark Rutte spoke."], &tag("en"));
        check(o, &tag(from), t, &tag("en"), None, Some(&context)).iter().map(QaIssue::message).collect()
    }

    #[test]
    fn numbers_percentages_and_conventions() {
        assert_eq!(
            issues("Aleatët u zotuan për 5% të BPV-së deri në 2035.", "sq", "Allies committed to 3% of GDP by 2035."),
            ["percentage: `5%` in the original, `3%` in the translation"]
        );
        assert!(issues("Shqipëria raportoi 2,03% të BPV-së.", "sq", "Albania reported 2.03% of GDP.").is_empty());
        assert!(issues("У мисији је 1.700 војника.", "sr-Cyrl", "The mission has 1,700 soldiers.").is_empty());
        assert!(issues("Було 1 700 солдатів о 10:30.", "uk", "There were 1700 soldiers at 10.30.").is_empty());
        assert!(issues("Dy ministra erdhën.", "sq", "2 ministers came.").is_empty());
        assert_eq!(
            issues("Buxheti është 450 milionë euro.", "sq", "The budget is 540 million euros."),
            ["money: `450` in the original, `540` in the translation"]
        );
        assert_eq!(
            issues("Ushtria ka 4500 ushtarë.", "sq", "The army has soldiers."),
            ["number: `4500` in the original is not in the translation"]
        );
    }

    #[test]
    fn dates_in_any_format_and_language() {
        let en = "The ministers meet on February 12, 2026.";
        assert!(issues("Ministrat takohen më 12 shkurt 2026.", "sq", en).is_empty());
        assert!(issues("Министрите се среќаваат на 12.02.2026.", "mk", en).is_empty());
        assert!(issues("Ministri se sastaju 2026-02-12.", "hr", en).is_empty());
        assert!(issues("Міністри зустрінуться 12 лютого 2026 року.", "uk", en).is_empty());
        assert_eq!(
            issues("Ministrat takohen më 12 mars 2026.", "sq", en),
            ["date: `mars` in the original, `February` in the translation"]
        );
        assert_eq!(
            issues("Ministrat takohen më 13 shkurt 2026.", "sq", en),
            ["number: `13` in the original, `12` in the translation"]
        );
        assert_eq!(
            issues("Samiti u mbajt në vitin 2024.", "sq", "The summit was held in 2025."),
            ["year: `2024` in the original, `2025` in the translation"]
        );
    }

    #[test]
    fn a_capitalised_word_a_slip_from_a_word_is_misspelt() {
        // Whatever the original's script: the slip is in the English.
        assert_eq!(
            issues("Демократите го поддржаа предлогот.", "mk", "The Demorcats backed the proposal."),
            ["spelling: `Demorcats` in the translation, perhaps `Democrats`"]
        );
        assert!(issues("Демократите го поддржаа предлогот.", "mk", "The Democrats backed the proposal.").is_empty());
        // A name that sounds like the original's is no slip ("Haeder" is "header" swapped).
        assert!(issues("Rekao je Sajmon Heder.", "sr-Latn", "Simon Haeder said.").is_empty());
    }

    #[test]
    fn a_kept_name_replaced_by_a_common_word_is_flagged() {
        // The document's translation spells "Rutte" elsewhere: a name the translator keeps.
        assert_eq!(
            issues(
                "Ministri u takua me Mark Rutte në kryeqytet në ditën e dytë të vizitës.",
                "sq",
                "The minister met Mark Silver in the capital on the second day of the visit."
            ),
            ["name: `Rutte` in the original, `Silver` in the translation"]
        );
        // A common word far from where the name stood is no replacement.
        assert!(
            issues(
                "Mark Rutte tha se aleatët do të vazhdojnë të ndihmojnë me municion dhe me para.",
                "sq",
                "He said that the allies would keep helping with ammunition and with Treasury money."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_name_slip_is_found_with_its_digraphs_as_written() {
        // "th" folded to "t" would make "Tlatcher" one letter longer than "Thatcher".
        let context = DocumentContext::of(["Thatcher spoke.", "The Tlatcher years."], &tag("en"));
        let found: Vec<String> = check(
            "Vitet e Thatcher-it ishin të vështira.",
            &tag("sq"),
            "The Tlatcher years were hard.",
            &tag("en"),
            None,
            Some(&context),
        )
        .iter()
        .map(QaIssue::message)
        .collect();
        assert_eq!(found, ["name: `Thatcher` in the original, `Tlatcher` in the translation"]);
    }

    #[test]
    fn names_across_scripts() {
        assert!(
            issues("Генерални секретар Марк Руте је стигао.", "sr-Cyrl", "Secretary General Mark Rutte arrived.")
                .is_empty()
        );
        assert_eq!(
            issues("Генерални секретар Марк Руте је стигао.", "sr-Cyrl", "Secretary General Mark Stoltenberg arrived."),
            ["name: `Руте` in the original, `Stoltenberg` in the translation"]
        );
    }

    #[test]
    fn inflected_and_transliterated_names_match() {
        assert!(issues("Сусрет са Рутеом у Харкову.", "sr-Cyrl", "A meeting with Rutte in Kharkiv.").is_empty());
        assert!(issues("Зустріч із Зеленським у Харкові.", "uk", "A meeting with Zelensky in Kharkiv.").is_empty());
        assert!(issues("Takim me Stoltenbergun në Tiranë.", "sq", "A meeting with Stoltenberg in Tirana.").is_empty());
    }

    #[test]
    fn words_english_capitalises_are_not_names() {
        // Weekdays, months and nationality words are translated; the original writes them
        // in lower case, the translation capitalises them.
        assert!(
            issues(
                "Ministri foli të hënën me gazetarët gjermanë.",
                "sq",
                "The minister spoke on Monday to German journalists."
            )
            .is_empty()
        );
        assert!(
            issues("Sastanak je u utorak, rekao je Vučić.", "sr-Latn", "The meeting is on Tuesday, said Vucic.")
                .is_empty()
        );
        assert!(translates_as_word("albanian", &tag("en")));
        assert!(translates_as_word("september", &tag("en")));
        assert!(!translates_as_word("stoltenberg", &tag("en")));
    }

    /// QA on one row whose document has nothing else: no help from other rows.
    fn alone(o: &str, from: &str, t: &str) -> Vec<String> {
        let context = DocumentContext::of([t], &tag("en"));
        check(o, &tag(from), t, &tag("en"), None, Some(&context)).iter().map(QaIssue::message).collect()
    }

    #[test]
    fn a_name_put_in_another_s_place_is_flagged_even_when_the_document_names_it_once() {
        let o = "Drejtori atletik Joe Alleva falënderoi autoritetet.";
        assert!(alone(o, "sq", "Athletic director Joe Alleva thanked the authorities.").is_empty());
        assert_eq!(
            alone(o, "sq", "Athletic director Joe Gallagher thanked the authorities."),
            ["name: `Alleva` in the original, `Gallagher` in the translation"]
        );
        // Across scripts, spelt by ear: "Крис Кунс" is Chris Coons, "Греем" Graham.
        let o = "Зустріч із сенаторами Крісом Кунсом і Ліндсі Греем.";
        assert!(alone(o, "uk", "A meeting with Senators Chris Coons and Lindsey Graham.").is_empty());
        assert_eq!(
            alone(o, "uk", "A meeting with Senators Chris Coons and Lindsey Robinson."),
            ["name: `Греем` in the original, `Robinson` in the translation"]
        );
    }

    #[test]
    fn translated_names_and_common_words_are_not_names_put_in_another_s_place() {
        // English words ("Pacific", "Ocean", "Coast"), regions the gazetteer does not list
        // ("Scotland"), places under another of their names ("Germany" / "Німеччина",
        // "Cologne" / "Köln"), abbreviated titles ("Sens.").
        let cases = [
            ("sq", "Mbi oqeanin Paqësor, drejt Bregut Perëndimor.", "Over the Pacific Ocean, toward the West Coast."),
            (
                "sq",
                "Çifti u martua në pronat e familjes në Skoci.",
                "The couple married on the family estate in Scotland.",
            ),
            ("uk", "Канцлер прибув до Німеччини вчора.", "The chancellor arrived in Germany yesterday."),
            (
                "sq",
                "Pyeti senatorët John Kennedy dhe Lindsey Graham.",
                "He asked Sens. John Kennedy and Lindsey Graham.",
            ),
        ];
        for (from, o, t) in cases {
            assert!(alone(o, from, t).is_empty(), "{t}: {:?}", alone(o, from, t));
        }
    }

    #[test]
    fn a_name_kept_in_latin_letters_and_misspelt_is_flagged() {
        let o = "Figura e Oliver Cromwell jashtë Pallatit.";
        assert!(alone(o, "sq", "The figure of Oliver Cromwell outside the Palace.").is_empty());
        assert_eq!(
            alone(o, "sq", "The figure of Oliver Cromwlel outside the Palace."),
            ["name: `Cromwell` in the original, `Cromwlel` in the translation"]
        );
        // Transliteration is no slip: a vowel for a vowel, an ending.
        assert!(alone("Sastanak sa Trampom u Koreji.", "sr-Latn", "A meeting with Trump in Korea.").is_empty());
        assert!(misspelt("arziona", "arizones"));
        assert!(!misspelt("korea", "koreia"));
        assert!(!misspelt("trump", "trampom"));
        assert!(!misspelt("guardiola", "gvardiola"));
    }

    #[test]
    fn sound_keys() {
        assert_eq!(sound_key("hughes", true, false), "2");
        assert_eq!(sound_key("browne", true, false), sound_key("braun", false, false));
        assert_eq!(sound_key("pyongyang", true, false), "15");
        assert!(sounds_alike(&sound_key("paris", true, false), &sound_key("parisit", false, false)));
        assert!(!sounds_alike(&sound_key("donald", true, false), &sound_key("baja", false, false)));
    }

    #[test]
    fn a_misspelt_name_the_document_spells_right_elsewhere_is_flagged() {
        let t = "Secretary General Mark Rtute arrived.";
        assert_eq!(
            issues("Генерални секретар Марк Руте је стигао.", "sr-Cyrl", t),
            ["name: `Руте` in the original, `Rtute` in the translation"]
        );
        // Another form of a word the document spells elsewhere is no misspelling: "Ministers"
        // beside "Minister Hasani" (the sample's Telegrafi article).
        let o = "Më 12 shkurt, Ministrat e Mbrojtjes të NATO-s do të takohen.";
        let t = "On 12 February, NATO Defence Ministers will meet.";
        let context = DocumentContext::of([t, "Minister Hasani spoke."], &tag("en"));
        assert!(check(o, &tag("sq"), t, &tag("en"), None, Some(&context)).is_empty());
    }

    #[test]
    fn converted_units_are_not_flagged() {
        assert!(
            issues("Očekuje se od 5 do 10 cm kiše.", "sr-Latn", "As much as 2 to 4 inches of rain is expected.")
                .is_empty()
        );
        assert!(issues("Vetar od 135 kilometara na sat.", "hr", "Winds of 85 miles per hour.").is_empty());
    }

    #[test]
    fn missing_sentences() {
        let o = "Ministrat takohen në Bruksel. Ata flasin për Ukrainën. Pastaj flasin për KFOR-in dhe Ballkanin.";
        assert_eq!(
            issues(o, "sq", "The ministers meet in Brussels."),
            ["sentences: 3 in the original, 1 in the translation"]
        );
        assert!(
            issues(
                o,
                "sq",
                "The ministers meet in Brussels. They talk about Ukraine. Then about KFOR and the Balkans."
            )
            .is_empty()
        );
    }
}
