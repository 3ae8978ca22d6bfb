//! Key figures: percentages, money, counts and target years, with the words around them
//! that say what they measure ("2.03% of its GDP in defense", "3% by 2030", "5% të PBB-së
//! deri në vitin 2035") and where they stand (document, paragraph, sentence).
//!
//! Numbers are read in both conventions ("2.03" and "2,03"; "5,000" and "5.000" as
//! thousands when three digits follow a single separator). Percent words, currencies,
//! scales, count nouns and "by"-words come from the vocabulary file. Numbers inside dates
//! are not figures.

use std::ops::Range;

use crate::corpus::find::dates::DateMention;
use crate::corpus::find::lexicon::Lexicon;
use crate::corpus::text::Word;
use crate::model::{FigureKind, KeyFigure, LanguageTag, TextRef};

/// A number as written in the text.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    span: Range<usize>,
    value: f64,
    integer: bool,
}

/// Reads the numbers of a text ("2.03", "2,03", "5,000", "1 500").
fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !is_word_byte(text, i));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len() {
            let separator =
                matches!(bytes[end], b'.' | b',') && end + 1 < bytes.len() && bytes[end + 1].is_ascii_digit();
            if bytes[end].is_ascii_digit() || separator {
                end += 1;
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        i = end;
        // Part of a word or a code ("F-35", "G7", "75-vjetorin", "10:30").
        let next = text[end..].chars().next();
        if next.is_some_and(|c| c.is_alphabetic()) && !text[end..].starts_with(['%']) {
            let suffix: String = text[end..].chars().take_while(|c| c.is_alphabetic()).collect();
            if !matches!(suffix.as_str(), "bn" | "m" | "mln" | "k") {
                continue;
            }
        }
        if next == Some('-') && text[end + 1..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        if next == Some(':') && text[end + 1..].chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let Some((value, integer)) = parse_number(raw) else { continue };
        out.push(Number { span: start..end, value, integer });
    }
    out
}

/// Numbers written as words, where a percent, scale or currency word follows ("forty
/// percent", "pet odsto", "sedam miliona evra"): elsewhere "one" and "tri" are no figures.
fn number_words(text: &str, words: &[Word], folded: &[String], lexicon: &Lexicon) -> Vec<Number> {
    let m = &lexicon.m;
    let mut out = Vec::new();
    for (i, f) in folded.iter().enumerate() {
        let Some(&value) = lexicon.number_words.get(f) else { continue };
        let next = i + 1;
        if next >= words.len() || !text[words[i].span.end..words[next].span.start].trim().is_empty() {
            continue;
        }
        let unit = m.percent.at(text, words, folded, next).is_some()
            || m.scales.at(text, words, folded, next).is_some()
            || m.currencies.at(text, words, folded, next).is_some();
        if unit {
            out.push(Number { span: words[i].span.clone(), value, integer: true });
        }
    }
    out
}

fn is_word_byte(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' && text[..i - 1].ends_with(char::is_alphabetic))
}

/// The value of a written number, and whether it is a whole number.
fn parse_number(raw: &str) -> Option<(f64, bool)> {
    let dots = raw.matches('.').count();
    let commas = raw.matches(',').count();
    let group = |sep: char| {
        let parts: Vec<&str> = raw.split(sep).collect();
        parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3) && !parts[0].is_empty() && parts[0].len() <= 3
    };
    let normal: String = match (dots, commas) {
        (0, 0) => raw.to_string(),
        (_, 0) if dots > 1 || group('.') => raw.replace('.', ""),
        (0, _) if commas > 1 || group(',') => raw.replace(',', ""),
        (0, 1) => raw.replace(',', "."),
        (1, 0) => raw.to_string(),
        _ => {
            // Both: the last one is the decimal mark.
            let last_dot = raw.rfind('.')?;
            let last_comma = raw.rfind(',')?;
            if last_dot > last_comma { raw.replace(',', "") } else { raw.replace('.', "").replace(',', ".") }
        }
    };
    let value: f64 = normal.parse().ok()?;
    Some((value, !normal.contains('.')))
}

/// The key figures of one paragraph.
#[cfg(test)]
pub(crate) fn extract(
    text: &str,
    at: (&str, usize),
    lang: &LanguageTag,
    date_list: &[DateMention],
    lexicon: &Lexicon,
) -> Vec<KeyFigure> {
    let words = crate::corpus::text::words(text);
    let folded = crate::corpus::find::lexicon::fold_words(&words);
    extract_tokens(text, &words, &folded, at, lang, date_list, lexicon)
}

/// [`extract`] on words already split and folded.
pub(crate) fn extract_tokens(
    text: &str,
    words: &[Word],
    folded: &[String],
    at: (&str, usize),
    lang: &LanguageTag,
    date_list: &[DateMention],
    lexicon: &Lexicon,
) -> Vec<KeyFigure> {
    let mut nums = numbers(text);
    nums.extend(number_words(text, words, folded, lexicon));
    if nums.is_empty() {
        return Vec::new();
    }
    nums.sort_by_key(|n| n.span.start);
    extract_in(text, words, folded, &nums, at, lang, date_list, lexicon)
}

#[allow(clippy::too_many_arguments)]
fn extract_in(
    text: &str,
    words: &[Word],
    folded: &[String],
    nums: &[Number],
    at: (&str, usize),
    lang: &LanguageTag,
    date_list: &[DateMention],
    lexicon: &Lexicon,
) -> Vec<KeyFigure> {
    let m = &lexicon.m;
    let sentences = crate::corpus::text::segment::sentences(text, lang);
    let in_date = |s: &Range<usize>| date_list.iter().any(|d| d.span.start <= s.start && s.end <= d.span.end);
    // The word index at or after a byte offset.
    let word_at = |offset: usize| words.iter().position(|w| w.span.start >= offset);
    let word_ending = |offset: usize| words.iter().rposition(|w| w.span.end <= offset);

    // Target years: "by 2030", "deri në vitin 2035", "2030'a kadar".
    let mut targets: Vec<(Range<usize>, i32)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(year) = target_year_word(w) else { continue };
        if in_date(&w.span) {
            continue;
        }
        // A "by" phrase ending right before the year.
        let mut found = None;
        for back in 1..=4 {
            if back > i {
                break;
            }
            if let Some(mm) = m.by_year.at(text, words, folded, i - back)
                && mm.words.end == i
            {
                found = Some(mm.span.start);
            }
        }
        let after = m.by_year_after.at(text, words, folded, i + 1).filter(|_| i + 1 < words.len());
        if let Some(start) = found {
            targets.push((start..w.span.end, year));
        } else if let Some(a) = after {
            targets.push((w.span.start..a.span.end, year));
        }
    }

    let mut figures: Vec<(Range<usize>, FigureKind, f64, Option<String>)> = Vec::new();
    for n in nums {
        if in_date(&n.span) || targets.iter().any(|(s, _)| s.start <= n.span.start && n.span.end <= s.end) {
            continue;
        }
        let rest = &text[n.span.end..];
        let before = &text[..n.span.start];
        // Percent: "2.03%", "2,03 %", "5 për qind", "yüzde 5", "%5".
        let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        if trimmed.starts_with('%') {
            let end = n.span.end + (rest.len() - trimmed.len()) + 1;
            figures.push((n.span.start..end, FigureKind::Percent, n.value, Some("%".into())));
            continue;
        }
        if before.ends_with('%') {
            figures.push((n.span.start - 1..n.span.end, FigureKind::Percent, n.value, Some("%".into())));
            continue;
        }
        let next_word = word_at(n.span.end);
        if let Some(i) = next_word
            && let Some(pm) = m.percent.at(text, words, folded, i)
            && text[n.span.end..words[i].span.start].trim().is_empty()
        {
            figures.push((n.span.start..pm.span.end, FigureKind::Percent, n.value, Some("%".into())));
            continue;
        }
        if let Some(i) = word_ending(n.span.start)
            && m.percent_before.at(text, words, folded, i).is_some_and(|p| p.words.end == i + 1)
            && text[words[i].span.end..n.span.start].trim().is_empty()
        {
            figures.push((words[i].span.start..n.span.end, FigureKind::Percent, n.value, Some("%".into())));
            continue;
        }
        // Money: "€1.5 billion", "40 milionë euro", "$2bn", "1.5 billion euros".
        let mut end = n.span.end;
        let mut value = n.value;
        let mut j = next_word;
        if let Some(i) = j
            && text[n.span.end..words[i].span.start].trim().is_empty()
            && let Some(sm) = m.scales.at(text, words, folded, i)
        {
            value *= lexicon.scales[sm.entry].value;
            end = sm.span.end;
            j = word_at(end);
        } else if let Some(suffix) = ["bn", "mln", "m"].iter().find(|s| rest.starts_with(**s)) {
            value *= if *suffix == "bn" { 1e9 } else { 1e6 };
            end += suffix.len();
            j = word_at(end);
        }
        let symbol_before = lexicon.currencies.iter().position(|c| {
            c.forms.iter().any(|f| {
                f.chars().count() <= 3 && !f.chars().any(char::is_alphabetic) && before.trim_end().ends_with(f.as_str())
            }) || c.forms.iter().any(|f| {
                f.chars().all(|ch| ch.is_ascii_uppercase()) && f.len() == 3 && before.trim_end().ends_with(f.as_str())
            })
        });
        let word_after = j
            .filter(|&i| text[end..words[i].span.start].trim().is_empty())
            .and_then(|i| m.currencies.at(text, words, folded, i));
        let symbol_after = if word_after.is_none() {
            let t = text[end..].trim_start();
            lexicon.currencies.iter().position(|c| {
                c.forms.iter().any(|f| !f.chars().any(char::is_alphanumeric) && t.starts_with(f.as_str()))
            })
        } else {
            None
        };
        if let Some(c) = symbol_before {
            let sym_len = lexicon.currencies[c]
                .forms
                .iter()
                .filter(|f| before.trim_end().ends_with(f.as_str()))
                .map(String::len)
                .max()
                .unwrap_or(0);
            let start = before.trim_end().len() - sym_len;
            figures.push((start..end, FigureKind::Money, value, Some(lexicon.currencies[c].code.clone())));
            continue;
        }
        if let Some(cm) = word_after {
            figures.push((
                n.span.start..cm.span.end,
                FigureKind::Money,
                value,
                Some(lexicon.currencies[cm.entry].code.clone()),
            ));
            continue;
        }
        if let Some(c) = symbol_after {
            let t = text[end..].trim_start();
            let sym = lexicon.currencies[c]
                .forms
                .iter()
                .filter(|f| t.starts_with(f.as_str()))
                .map(String::len)
                .max()
                .unwrap_or(0);
            let stop = end + (text[end..].len() - t.len()) + sym;
            figures.push((n.span.start..stop, FigureKind::Money, value, Some(lexicon.currencies[c].code.clone())));
            continue;
        }
        let before_counts = figures.len();
        // Counts: "32 Allies", "5,000 troops", "32 NATO Allies", "more than 4,000 soldiers".
        if n.integer && n.value >= 2.0 {
            let mut k = j;
            for _ in 0..3 {
                let Some(i) = k else { break };
                // A comma or full stop ends the phrase ("2025, vendet aleate").
                if text[end.min(words[i].span.start)..words[i].span.start].contains([',', '.', ';', ':']) {
                    break;
                }
                if let Some(cm) = m.counts.at(text, words, folded, i) {
                    let unit = lexicon.counts[cm.entry].unit.clone();
                    figures.push((n.span.start..cm.span.end, FigureKind::Count, value, Some(unit)));
                    break;
                }
                // Allow one or two words between (an adjective, an organisation).
                k = Some(i + 1).filter(|x| *x < words.len());
            }
        }
        // Any other count of things: a number of ten or more (or with a scale: "7,5
        // milijuna") followed right away by a word that names what is counted
        // ("150.000 posjetitelja", "350 gostiju", "1.800 civilnih dužnosnika"). Not a year,
        // not a span of years or a time of day, not a word of the date vocabulary.
        if figures.len() == before_counts
            && (value >= 10.0 || end > n.span.end)
            && !(n.integer
                && end == n.span.end
                && (1900.0..=2100.0).contains(&n.value)
                && !rest.starts_with([',', '.']))
        {
            let gap_ok = |i: usize| {
                let g = &text[end..words[i].span.start];
                g.chars().all(|c| c == ' ' || c == '\u{a0}')
            };
            let noun = j.filter(|&i| gap_ok(i)).filter(|&i| {
                let w = &words[i];
                w.text.chars().count() >= 3
                    && w.text.chars().all(char::is_alphabetic)
                    && w.text.chars().next().is_some_and(char::is_lowercase)
                    && m.months.at(text, words, folded, i).is_none()
                    && m.weekdays.at(text, words, folded, i).is_none()
                    && m.year_words.at(text, words, folded, i).is_none()
                    && m.range_end.at(text, words, folded, i).is_none()
                    && m.and.at(text, words, folded, i).is_none()
                    && !COUNT_STOP.contains(&folded[i].as_str())
            });
            if let Some(i) = noun {
                // An adjective before the noun belongs to it ("1.800 civilnih dužnosnika").
                let mut last = i;
                if let Some(next) = words.get(i + 1)
                    && text[words[i].span.end..next.span.start] == *" "
                    && next.text.chars().all(char::is_alphabetic)
                    && next.text.chars().next().is_some_and(char::is_lowercase)
                    && (folded[i].ends_with("ih") || folded[i].ends_with("nih") || folded[i].ends_with("ski"))
                {
                    last = i + 1;
                }
                figures.push((
                    n.span.start..words[last].span.end,
                    FigureKind::Count,
                    value,
                    Some(folded[last].clone()),
                ));
            } else if end > n.span.end {
                figures.push((n.span.start..end, FigureKind::Count, value, None));
            }
        }
    }

    let sentence_of =
        |offset: usize| sentences.iter().position(|s| s.start <= offset && offset < s.end.max(s.start + 1));
    let mut out = Vec::new();
    let mut used_targets = vec![false; targets.len()];
    for (span, kind, value, unit) in &figures {
        let si = sentence_of(span.start).unwrap_or(0);
        let sentence = sentences.get(si).cloned().unwrap_or(0..text.len());
        // The nearest target year in the same sentence, if no other figure is nearer to it.
        let target = targets
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| t.start >= sentence.start && t.end <= sentence.end)
            .filter(|(_, (t, _))| gap(t, span) <= 80)
            .filter(|(_, (t, _))| !figures.iter().any(|(other, _, _, _)| other != span && gap(t, other) < gap(t, span)))
            .min_by_key(|(_, (t, _))| gap(t, span));
        let target_year = target.map(|(k, (_, y))| {
            used_targets[k] = true;
            *y
        });
        let mut context = clause(text, span, &sentence);
        if let Some((_, (t, _))) = target {
            context = context.start.min(t.start)..context.end.max(t.end);
        }
        out.push(figure(text, at, *kind, span, Some(*value), unit.clone(), target_year, &context, si, &sentence));
    }
    // Target years standing alone: "the goal is full interoperability by 2030".
    for (k, (span, year)) in targets.iter().enumerate() {
        if used_targets[k] {
            continue;
        }
        let si = sentence_of(span.start).unwrap_or(0);
        let sentence = sentences.get(si).cloned().unwrap_or(0..text.len());
        let context = clause_around(text, span, &sentence);
        out.push(figure(
            text,
            at,
            FigureKind::Year,
            span,
            Some(f64::from(*year)),
            None,
            Some(*year),
            &context,
            si,
            &sentence,
        ));
    }
    out.sort_by_key(|f| f.at.start);
    out
}

/// Words after a number that are no thing counted: units of time and age, prepositions,
/// conjunctions (folded).
const COUNT_STOP: &[&str] = &[
    "godina",
    "godine",
    "godinu",
    "godini",
    "godisnji",
    "godisnje",
    "years",
    "year",
    "old",
    "per",
    "and",
    "the",
    "for",
    "vjec",
    "vjet",
    "vjeta",
    "vjetesh",
    "per",
    "dhe",
    "ose",
    "nga",
    "ili",
    "ali",
    "kao",
    "sto",
    "koji",
    "koja",
    "koje",
    "godinama",
    "sati",
    "sata",
    "hours",
    "minutes",
    "minuta",
    "sekundi",
    "odsto",
    "posto",
    "procenata",
    "posto",
    "години",
    "годину",
    "годиња",
    "рокiв",
    "рокiв",
    "років",
    "роки",
    "лет",
    "года",
    "часа",
    "часов",
    "та",
    "і",
    "и",
];

fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.start >= b.end { a.start - b.end } else { b.start.saturating_sub(a.end) }
}

fn target_year_word(w: &Word) -> Option<i32> {
    if w.text.len() != 4 || !w.is_number() {
        return None;
    }
    let y: i32 = w.text.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

#[allow(clippy::too_many_arguments)]
fn figure(
    text: &str,
    at: (&str, usize),
    kind: FigureKind,
    span: &Range<usize>,
    value: Option<f64>,
    unit: Option<String>,
    target_year: Option<i32>,
    context: &Range<usize>,
    sentence: usize,
    sentence_span: &Range<usize>,
) -> KeyFigure {
    KeyFigure {
        kind,
        text: text[span.clone()].to_string(),
        value,
        unit,
        target_year,
        context: crate::corpus::text::squeeze(
            text[context.clone()].trim_matches(|c: char| c.is_whitespace() || ",;:.".contains(c)),
        ),
        sentence_text: text[sentence_span.clone()].to_string(),
        sentence,
        at: TextRef { document: at.0.to_string(), paragraph: at.1, start: span.start, end: span.end },
    }
}

fn is_boundary(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '–' | '—' | '"' | '“' | '”' | '„' | '«' | '»')
}

/// The figure and what follows it up to a clause boundary (at most ten words); when
/// little follows, a few words before it too.
fn clause(text: &str, span: &Range<usize>, sentence: &Range<usize>) -> Range<usize> {
    let mut end = span.end;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[span.end..sentence.end].char_indices() {
        if is_boundary(c) {
            break;
        }
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            words += 1;
            if words > 10 {
                break;
            }
        }
        in_word = letter;
        end = span.end + i + c.len_utf8();
    }
    let mut start = span.start;
    if words < 3 {
        let mut count = 0;
        let mut in_word = false;
        for (i, c) in text[sentence.start..span.start].char_indices().rev() {
            if is_boundary(c) {
                break;
            }
            let letter = c.is_alphanumeric();
            if letter && !in_word {
                count += 1;
                if count > 5 {
                    break;
                }
            }
            in_word = letter;
            start = sentence.start + i;
        }
    }
    start..end
}

/// A few words on both sides of a lone target year, inside its clause.
fn clause_around(text: &str, span: &Range<usize>, sentence: &Range<usize>) -> Range<usize> {
    let right = clause(text, span, sentence);
    let mut start = span.start;
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text[sentence.start..span.start].char_indices().rev() {
        if is_boundary(c) {
            break;
        }
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            count += 1;
            if count > 6 {
                break;
            }
        }
        in_word = letter;
        start = sentence.start + i;
    }
    start.min(right.start)..right.end
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (String, FigureKind, Option<f64>, Option<String>, Option<i32>, String);

    fn figs(text: &str, lang: &str) -> Vec<Row> {
        let lang: LanguageTag = lang.parse().expect("tag");
        let lex = Lexicon::builtin();
        let dates = crate::corpus::find::dates::find(text, &lang, None, lex);
        extract(text, ("d", 0), &lang, &dates, lex)
            .into_iter()
            .map(|f| (f.text, f.kind, f.value, f.unit, f.target_year, f.context))
            .collect()
    }

    #[test]
    fn numbers_in_both_conventions() {
        assert_eq!(parse_number("2.03"), Some((2.03, false)));
        assert_eq!(parse_number("2,03"), Some((2.03, false)));
        assert_eq!(parse_number("5,000"), Some((5000.0, true)));
        assert_eq!(parse_number("5.000"), Some((5000.0, true)));
        assert_eq!(parse_number("1,234,567.5"), Some((1_234_567.5, false)));
        assert_eq!(parse_number("1.234.567,5"), Some((1_234_567.5, false)));
    }

    #[test]
    fn percentages_with_targets() {
        let got = figs(
            "The minister stated that Albania currently invests 2.03% of its GDP in defense, with a focus on \
             modernizing the armed forces, and that the goal is to reach 3% by 2030.",
            "en",
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!((got[0].0.as_str(), got[0].5.as_str()), ("2.03%", "2.03% of its GDP in defense"));
        assert_eq!(
            (got[1].0.as_str(), got[1].4, got[1].5.as_str()),
            ("3%", Some(2030), "the goal is to reach 3% by 2030")
        );
        let got = figs(
            "Ministri deklaroi se Shqipëria aktualisht investon 2,03% të PBB-së së saj në mbrojtje, dhe se synimi \
             është arritja e 3% deri në vitin 2030.",
            "sq",
        );
        assert_eq!(got[0].2, Some(2.03));
        assert_eq!(got[0].5, "2,03% të PBB-së së saj në mbrojtje");
        assert_eq!((got[1].4, got[1].5.as_str()), (Some(2030), "3% deri në vitin 2030"));
        let got = figs(
            "Në Samitin e NATO-s 2025, vendet aleate u angazhuan që deri në vitin 2035 të investojnë 5% të \
             Prodhimit të Brendshëm Bruto (PBB) çdo vit në mbrojtje dhe siguri.",
            "sq",
        );
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!((got[0].0.as_str(), got[0].4), ("5%", Some(2035)));
        assert!(got[0].5.starts_with("deri në vitin 2035 të investojnë 5% të Prodhimit"), "{}", got[0].5);
        let got = figs("Україна витратила на оборону понад 26 відсотків ВВП.", "uk");
        assert_eq!((got[0].0.as_str(), got[0].2), ("26 відсотків", Some(26.0)));
    }

    #[test]
    fn numbers_written_as_words() {
        let got = figs("Defence spending should reach five percent, up from two per cent.", "en");
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!((got[0].0.as_str(), got[0].1, got[0].2), ("five percent", FigureKind::Percent, Some(5.0)));
        let got = figs("Vlada je izdvojila sedam miliona evra, a rast je pet odsto.", "sr-Latn");
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!((got[0].0.as_str(), got[0].2, got[0].3.as_deref()), ("sedam miliona evra", Some(7e6), Some("EUR")));
        assert_eq!((got[1].0.as_str(), got[1].2), ("pet odsto", Some(5.0)));
        // A number word with no unit after it is no figure.
        assert!(figs("One of the two ministers met three envoys.", "en").is_empty());
    }

    #[test]
    fn money_and_counts() {
        let got = figs("The EU pledged €1.5 billion for Ukraine, and Albania 40 milionë euro.", "en");
        assert_eq!(got[0].0, "€1.5 billion");
        assert_eq!((got[0].2, got[0].3.as_deref()), (Some(1.5e9), Some("EUR")));
        assert_eq!((got[1].0.as_str(), got[1].2, got[1].3.as_deref()), ("40 milionë euro", Some(4e7), Some("EUR")));
        let got = figs("All 32 Allies sent 5,000 additional troops to the region.", "en");
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!((got[0].0.as_str(), got[0].3.as_deref()), ("32 Allies", Some("allies")));
        assert_eq!((got[1].0.as_str(), got[1].2), ("5,000 additional troops", Some(5000.0)));
    }

    #[test]
    fn dates_and_codes_are_not_figures() {
        assert!(figs("The summit of 7-8 July 2026 and the F-35 jets of the G7 at 10:30.", "en").is_empty());
        assert!(figs("75-vjetorin e saj më 4 dhjetor 2024", "sq").is_empty());
    }

    #[test]
    fn a_lone_target_year() {
        let got = figs("The Alliance aims for full interoperability by 2030.", "en");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].1, got[0].4), (FigureKind::Year, Some(2030)));
        assert!(got[0].5.contains("interoperability by 2030"), "{}", got[0].5);
    }
}
