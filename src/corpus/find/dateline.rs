//! A document's own evidence of when and where it was written: its front matter or page
//! metadata, a date in its address (`/2019/05/14/`, `2021-03-08-…`), or a dateline in its
//! first lines ("BELGRADE, 4 March 2022 (Tanjug) –", "Prishtina, 12.10.2021:",
//! "Thursday, May 7, 2015", "… za Southeast European Times iz Prištine -- 28.12.2011.").
//! That date is the reference for relative and year-less dates; the dateline's place is a
//! candidate place for the meeting the lead speaks of.

use crate::corpus::find::dates::{self, Precision};
use crate::corpus::find::lexicon::Lexicon;
use crate::corpus::text::Word;
use crate::model::{Date, Document};

/// What a document says of its own date and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The reference date.
    pub date: Option<Date>,
    /// Where it came from: `published` (front matter or page metadata), `dateline`,
    /// `address`.
    pub source: Option<&'static str>,
    /// The dateline's place (canonical name), when the dateline names one.
    pub place: Option<String>,
    /// The year most dates of the document state, for dates written without a year when
    /// there is no reference date.
    pub usual_year: Option<i32>,
    /// The first single day the lead states (year, when written; month; day), when there
    /// is no reference date: the day a relative date ("earlier this month", "yesterday")
    /// counts from ("... izjavio je u srijedu (22. lipnja) ... ranije ovog mjeseca").
    pub lead_day: Option<(Option<i32>, u32, u32)>,
}

/// How far into the first paragraphs a dateline may stand, in bytes.
const DATELINE_REACH: usize = 700;

/// The reference of a document whose paragraphs are already split into words.
pub(crate) fn reference(doc: &Document, tokens: &[(Vec<Word>, Vec<String>)], lexicon: &Lexicon) -> Reference {
    let mut r = Reference::default();
    let dateline = find_dateline(doc, tokens, lexicon);
    if let Some(d) = doc.meta.published {
        r.date = Some(d);
        r.source = Some("published");
    } else if let Some((d, _)) = &dateline {
        r.date = Some(*d);
        r.source = Some("dateline");
    } else if let Some(d) = doc.meta.url.as_deref().and_then(date_in_address) {
        r.date = Some(d);
        r.source = Some("address");
    }
    r.place = dateline.and_then(|(_, p)| p).or_else(|| place_dateline(doc, tokens, lexicon));
    if r.date.is_none() {
        r.usual_year = usual_year(doc, tokens, lexicon);
        r.lead_day = lead_day(doc, tokens, lexicon);
    }
    r
}

/// The first single day written out in the first paragraphs (not a relative one).
fn lead_day(doc: &Document, tokens: &[(Vec<Word>, Vec<String>)], lexicon: &Lexicon) -> Option<(Option<i32>, u32, u32)> {
    for (p, (words, folded)) in doc.paragraphs.iter().zip(tokens).take(3) {
        let plang = p.language.as_ref().unwrap_or(&doc.meta.language);
        for d in dates::find_in(&p.text, words, folded, plang, None, lexicon) {
            if d.span.start >= DATELINE_REACH {
                break;
            }
            if d.precision != Precision::Day || d.inferred {
                continue;
            }
            let year = d.start.filter(|_| !d.no_year).map(|s| s.year());
            if let Some(((m1, d1), last)) = d.month_day
                && last == (m1, d1)
            {
                return Some((year, m1, d1));
            }
        }
    }
    None
}

/// A date in a web address: `/2019/05/14/`, `/2021-03-08-slug`, `20210308`.
pub(crate) fn date_in_address(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let bytes: Vec<char> = path.chars().collect();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s: String = bytes.get(from..from + n)?.iter().collect();
        s.chars().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
    };
    let boundary = |i: usize| i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
    for i in 0..bytes.len() {
        if !boundary(i) {
            continue;
        }
        let Some(y) = digits(i, 4).filter(|y| (1990..=2100).contains(y)) else { continue };
        let sep = bytes.get(i + 4).copied();
        let (m, d) = match sep {
            Some('/' | '-' | '_') => {
                let m = digits(i + 5, 2);
                let sep2 = bytes.get(i + 7).copied();
                let d = if sep2 == sep { digits(i + 8, 2) } else { None };
                let after = bytes.get(i + 10).copied();
                if after.is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
                (m, d)
            }
            Some(c) if c.is_ascii_digit() => {
                let after = bytes.get(i + 8).copied();
                if after.is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
                (digits(i + 4, 2), digits(i + 6, 2))
            }
            _ => continue,
        };
        if let (Some(m), Some(d)) = (m, d)
            && let Ok(date) = Date::new(y as i32, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// The dateline of the first paragraphs: a written date with its year, standing where a
/// dateline stands — at the start of a paragraph or sentence, or after a place and a comma
/// or dash — and followed by a dash, a colon, a bracket, a sentence end or a new sentence.
fn find_dateline(
    doc: &Document,
    tokens: &[(Vec<Word>, Vec<String>)],
    lexicon: &Lexicon,
) -> Option<(Date, Option<String>)> {
    let lang = &doc.meta.language;
    for (p, (words, folded)) in doc.paragraphs.iter().zip(tokens).take(3) {
        let text = &p.text;
        let plang = p.language.as_ref().unwrap_or(lang);
        let found = dates::find_in(text, words, folded, plang, None, lexicon);
        let places = lexicon.m.places.find_all(text, words, folded);
        for d in found.iter().filter(|d| d.span.start < DATELINE_REACH) {
            let (Some(date), false, false, Precision::Day) = (d.start, d.inferred, d.no_year, d.precision) else {
                continue;
            };
            let before = text[..d.span.start].trim_end();
            let after = text[d.span.end..].trim_start();
            // A dateline names one day, never a range ("29-30 November" is a meeting's).
            if d.start != d.end {
                continue;
            }
            let numeric = text[d.span.clone()].chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'));
            let place_before = places.iter().rfind(|x| x.span.end <= d.span.start).filter(|x| {
                let gap = text[x.span.end..d.span.start].trim();
                // "iz Tirane 3.8.2011." (a byline) but not "u Beogradu 4. marta 2010." (a
                // sentence): without a comma or dash, only a date in figures.
                (gap.is_empty() && numeric) || matches!(gap, "," | "-" | "--" | "–" | "—" | ":")
            });
            let starts = before.is_empty()
                || before.ends_with(['.', '!', '?', ')', ':'])
                || before.ends_with(',')
                || before.ends_with("--")
                || before.ends_with(['–', '—'])
                || place_before.is_some();
            let next = after.chars().next();
            let ends = match next {
                None => true,
                Some('-' | '–' | '—' | ':' | '(' | '|') => true,
                Some('.') => after[1..].trim_start().chars().next().is_none_or(char::is_uppercase),
                Some(c) => c.is_uppercase() && before.is_empty(),
            };
            if starts && ends {
                let place = place_before.map(|x| lexicon.places[x.entry].name.clone()).or_else(|| {
                    // "BELGRADE, 4 March": a place at the very start of the paragraph.
                    places.iter().find(|x| x.span.start == 0).map(|x| lexicon.places[x.entry].name.clone())
                });
                return Some((date, place.filter(|_| d.span.start < 200 || place_before.is_some())));
            }
        }
    }
    None
}

/// A dateline of a place alone at the start of one of the first paragraphs, followed by a
/// dash: "BRISEL, Belgija -- Lideri EU ...", "TIRANA (ATA) – ...", "Brussels - Ministers ...".
fn place_dateline(doc: &Document, tokens: &[(Vec<Word>, Vec<String>)], lexicon: &Lexicon) -> Option<String> {
    for (p, (words, folded)) in doc.paragraphs.iter().zip(tokens).take(3) {
        let text = &p.text;
        let Some(first) = words.first().filter(|w| w.span.start == 0) else { continue };
        let Some(place) = lexicon.m.places.at(text, words, folded, 0) else { continue };
        debug_assert_eq!(first.span.start, place.span.start);
        let mut rest = &text[place.span.end..];
        // ", Belgija", ", North Macedonia": a country or region of up to three words.
        if let Some(r) = rest.strip_prefix(", ") {
            let n = r
                .split(' ')
                .take(3)
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .map(|w| w.len() + 1)
                .sum::<usize>();
            rest = &r[n.min(r.len())..];
        }
        // "(ATA)", "(Reuters)": an agency.
        let mut trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix('(')
            && let Some(end) = r.find(')').filter(|e| *e <= 30)
        {
            trimmed = r[end + 1..].trim_start();
        }
        let dash = ["--", "-", "–", "—"].iter().find(|d| trimmed.starts_with(**d));
        if let Some(d) = dash
            && trimmed[d.len()..].starts_with(' ')
        {
            return Some(lexicon.places[place.entry].name.clone());
        }
    }
    None
}

/// The year most written dates of the document state (a year alone counts too).
fn usual_year(doc: &Document, tokens: &[(Vec<Word>, Vec<String>)], lexicon: &Lexicon) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for (p, (words, folded)) in doc.paragraphs.iter().zip(tokens) {
        let plang = p.language.as_ref().unwrap_or(&doc.meta.language);
        for d in dates::find_in(&p.text, words, folded, plang, None, lexicon) {
            if let Some(s) = d.start.filter(|_| !d.inferred && !d.no_year) {
                *counts.entry(s.year()).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|(y, n)| (*n, *y)).map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentMeta, Paragraph};

    fn doc(paragraphs: &[&str], lang: &str) -> Document {
        Document {
            meta: DocumentMeta {
                id: "d".into(),
                title: "t".into(),
                language: lang.parse().expect("tag"),
                ..Default::default()
            },
            paragraphs: paragraphs.iter().enumerate().map(|(i, t)| Paragraph::new(t.to_string(), i + 1)).collect(),
            path: "d.txt".into(),
        }
    }

    fn reference_of(d: &Document) -> Reference {
        let tokens: Vec<(Vec<Word>, Vec<String>)> = d
            .paragraphs
            .iter()
            .map(|p| {
                let w = crate::corpus::text::words(&p.text);
                let f = crate::corpus::find::lexicon::fold_words(&w);
                (w, f)
            })
            .collect();
        reference(d, &tokens, Lexicon::builtin())
    }

    #[test]
    fn datelines_in_several_forms() {
        let cases = [
            ("BELGRADE, 4 March 2022 (Tanjug) – Ministers met today.", "en", "2022-03-04", Some("Belgrade")),
            ("Prishtina, 12.10.2021: Ministrat u takuan sot.", "sq", "2021-10-12", Some("Pristina")),
            ("Thursday, May 7, 2015 On Tuesday, the government announced a process.", "en", "2015-05-07", None),
            (
                "Vlada je predstavila plan. Muhamet Brajšori za Southeast European Times iz Prištine -- 28.12.2011. \
                 Ministri su se sastali.",
                "sr-Latn",
                "2011-12-28",
                Some("Pristina"),
            ),
            ("Київ, 5 березня 2024 — Міністри зібралися у Відні.", "uk", "2024-03-05", Some("Kyiv")),
        ];
        for (text, lang, date, place) in cases {
            let r = reference_of(&doc(&[text], lang));
            assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some(date), "{text}");
            assert_eq!(r.source, Some("dateline"));
            assert_eq!(r.place.as_deref(), place, "{text}");
        }
    }

    #[test]
    fn a_place_alone_with_a_dash_is_a_dateline() {
        let cases = [
            ("BRISEL, Belgija -- Lideri EU odlučili su u petak (17. decembra) da ...", "sr-Latn", Some("Brussels")),
            ("TIRANA (ATA) – Ministrat u takuan sot.", "sq", Some("Tirana")),
            ("Brussels - The ministers met.", "en", Some("Brussels")),
            // A sentence that starts with a place is no dateline.
            ("Brussels is where the ministers met - on Monday.", "en", None),
        ];
        for (text, lang, place) in cases {
            let r = reference_of(&doc(&[text], lang));
            assert_eq!(r.date, None, "{text}");
            assert_eq!(r.place.as_deref(), place, "{text}");
        }
    }

    #[test]
    fn a_date_in_a_sentence_is_no_dateline() {
        let r = reference_of(&doc(&["The ministers will meet on 4 March 2022 in Belgrade to discuss energy."], "en"));
        assert_eq!(r.date, None);
        assert_eq!(r.usual_year, Some(2022));
    }

    #[test]
    fn dates_in_addresses() {
        let d = |s: &str| date_in_address(s).map(|d| d.to_string());
        assert_eq!(d("https://example.com/2019/05/14/summit-opens/").as_deref(), Some("2019-05-14"));
        assert_eq!(d("https://example.com/news/2021-03-08-ministers-meet").as_deref(), Some("2021-03-08"));
        assert_eq!(d("https://example.com/a/20210308/story").as_deref(), Some("2021-03-08"));
        assert_eq!(d("https://example.com/2019/05/"), None);
        assert_eq!(d("https://example.com/id/123456789"), None);
        assert_eq!(d("https://2019.example.com/a"), None);
    }
}
