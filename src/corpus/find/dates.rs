//! Dates in text, in every language the corpus reads: "December 4, 2024", "July 9-11,
//! 2024", "më 7-8 korrik 2026", "24. do 26. juna", "6–7 грудня 2016", "10 и 11 мај 2018",
//! "30 ноември и 1 декември 2023", "2026-02-12", "12.02.2026", "June 2025", and relative
//! ones ("today", "sot", "juče", "next week", "vitin e kaluar") resolved against the
//! publication date.
//!
//! The parser works on the words of a sentence and the punctuation between them; month
//! names, range words ("from … to", "od … do") and relative expressions come from the
//! vocabulary file, so a language is added without code.

use std::ops::Range;

use crate::corpus::find::lexicon::{Lexicon, RelativeUnit};
use crate::corpus::text::Word;
use crate::model::{Date, LanguageTag};

/// How much of the calendar a date expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A day or a range of days.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// First day meant, when it can be known (a year-less date needs a publication date).
    pub start: Option<Date>,
    /// Last day meant.
    pub end: Option<Date>,
    /// Day, week, month or year.
    pub precision: Precision,
    /// Worked out from a relative expression and the publication date.
    pub inferred: bool,
    /// Written without its year.
    pub no_year: bool,
    /// Month and day of the first and last day, for day dates (also when the year is
    /// unknown): lets a year-less "12 February" meet "12 February 2026". For a month
    /// without its year, the first day of that month.
    pub month_day: Option<((u32, u32), (u32, u32))>,
}

/// Days since 1970-01-01 of a date (proleptic Gregorian).
pub(crate) fn day_number(d: Date) -> i64 {
    crate::model::date::days_from_civil(i64::from(d.year()), i64::from(d.month()), i64::from(d.day()))
}

/// The date of a day number.
pub(crate) fn from_day_number(n: i64) -> Option<Date> {
    let (y, m, d) = crate::model::date::civil_from_days(n);
    Date::new(i32::try_from(y).ok()?, u32::try_from(m).ok()?, u32::try_from(d).ok()?).ok()
}

/// Day of the week, 0 = Monday.
pub(crate) fn weekday(d: Date) -> i64 {
    (day_number(d) + 3).rem_euclid(7)
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    from_day_number(day_number(d) + n)
}

/// Makes a one-day mention last `days` more days: its end, and its month and day (also
/// when the year is not known; a leap year then, so 29 February stays possible).
pub(crate) fn extend_days(d: &mut DateMention, days: i64) {
    if let Some(end) = d.end.and_then(|e| add_days(e, days)) {
        d.end = Some(end);
    }
    if let Some((first, (m, day))) = d.month_day {
        let last = d.end.or_else(|| Date::new(2000, m, day).ok().and_then(|x| add_days(x, days)));
        if let Some(last) = last {
            d.month_day = Some((first, (last.month(), last.day())));
        }
    }
}

fn month_range(year: i32, month: u32) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    let last = Date::new(year, month, crate::model::days_in_month(year, month)).ok()?;
    Some((first, last))
}

/// A 4-digit year briefbook believes is one (1900 to 2100).
fn year_of(word: &Word) -> Option<i32> {
    if word.text.len() != 4 || !word.is_number() {
        return None;
    }
    let y: i32 = word.text.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// A day of the month: "12", "4th", "1er".
fn day_of(word: &Word) -> Option<u32> {
    let digits: String = word.text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word.text[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(rest, "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "η") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A numeric month: "02", "2".
fn month_number(word: &Word) -> Option<u32> {
    if !word.is_number() || word.text.len() > 2 {
        return None;
    }
    let m: u32 = word.text.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

/// The date expressions of `text`, left to right, not overlapping. `published` resolves
/// relative dates and dates without a year; `lang` decides how "03/04/2025" reads (month
/// first in English only).
pub fn find(text: &str, lang: &LanguageTag, published: Option<Date>, lexicon: &Lexicon) -> Vec<DateMention> {
    let words = crate::corpus::text::words(text);
    let folded = crate::corpus::find::lexicon::fold_words(&words);
    find_in(text, &words, &folded, lang, published, lexicon)
}

/// [`find`] on words already split and folded.
pub(crate) fn find_in(
    text: &str,
    words: &[Word],
    folded: &[String],
    lang: &LanguageTag,
    published: Option<Date>,
    lexicon: &Lexicon,
) -> Vec<DateMention> {
    // Sentences that speak of the future, for weekdays ("will meet on Thursday").
    let future: Vec<Range<usize>> =
        if published.is_some() && !lexicon.m.weekdays.find_all(text, words, folded).is_empty() {
            let marks = lexicon.m.future.find_all(text, words, folded);
            crate::corpus::text::segment::sentences(text, lang)
                .into_iter()
                .filter(|s| marks.iter().any(|m| m.span.start >= s.start && m.span.end <= s.end))
                .collect()
        } else {
            Vec::new()
        };
    let p = Parser { text, words, folded, lexicon, published, month_first: lang.primary() == "en", future: &future };
    // Written dates need a number near their start; words far from any number are only
    // tried as relative dates and weekdays.
    let numbers: Vec<usize> =
        words.iter().enumerate().filter(|(_, w)| w.text.as_bytes()[0].is_ascii_digit()).map(|(i, _)| i).collect();
    let near_number = |i: usize| {
        let k = numbers.partition_point(|&n| n < i);
        numbers.get(k).is_some_and(|&n| n <= i + 3)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found =
            if near_number(i) { p.at(i) } else { p.relative(i).or_else(|| p.weekday(i)) }.or_else(|| p.bare_month(i));
        match found {
            Some((m, next)) => {
                out.push(m);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    words: &'a [Word<'a>],
    folded: &'a [String],
    lexicon: &'a Lexicon,
    published: Option<Date>,
    month_first: bool,
    future: &'a [Range<usize>],
}

/// A day-and-month part of a date expression.
#[derive(Debug, Clone, Copy)]
struct DayMonth {
    day: u32,
    month: Option<u32>,
}

impl<'a> Parser<'a> {
    fn gap(&self, i: usize) -> &'a str {
        // The text between word i-1 and word i.
        let start = if i == 0 { 0 } else { self.words[i - 1].span.end };
        let end = self.words.get(i).map_or(self.text.len(), |w| w.span.start);
        &self.text[start..end]
    }

    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        if i >= self.words.len() {
            return None;
        }
        let m = self.lexicon.m.months.at(self.text, self.words, self.folded, i)?;
        Some((u32::try_from(m.entry).ok()?, m.words.end))
    }

    /// The end of a ")" right after the word before word i (at the end of the text too).
    fn closing_bracket(&self, i: usize) -> Option<usize> {
        let start = self.words.get(i.checked_sub(1)?)?.span.end;
        let gap = self.gap(i);
        let at = gap.find(')').filter(|at| gap[..*at].trim().is_empty())?;
        Some(start + at + 1)
    }

    /// After a range separator, a weekday with its date in brackets ("do subote (6.
    /// lipnja)"): the index of the date's first word.
    fn bracketed_after_weekday(&self, i: usize) -> usize {
        match self.lexicon.m.weekdays.at(self.text, self.words, self.folded, i) {
            Some(w) if w.words.end < self.words.len() && self.gap(w.words.end).trim() == "(" => w.words.end,
            _ => i,
        }
    }

    fn word_in(&self, matcher: &crate::corpus::find::lexicon::Matcher, i: usize) -> Option<usize> {
        if i >= self.words.len() {
            return None;
        }
        matcher.at(self.text, self.words, self.folded, i).map(|m| m.words.end)
    }

    /// A day at word i, with an ordinal dot after it allowed; returns (day, next word).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let d = day_of(self.words.get(i)?)?;
        Some((d, i + 1))
    }

    /// A separator of a range between word i-1 and word i: a dash in the gap, or an "and"
    /// or "to" word at i. Returns the index of the word after the separator.
    fn separator(&self, i: usize) -> Option<usize> {
        if i >= self.words.len() {
            return None;
        }
        let gap = self.gap(i).trim().trim_start_matches('.').trim();
        if matches!(gap, "-" | "–" | "—" | "‒" | "/" | "−") {
            return Some(i);
        }
        if !gap.is_empty() {
            return None;
        }
        self.word_in(&self.lexicon.m.and, i).or_else(|| self.word_in(&self.lexicon.m.range_end, i))
    }

    /// A year at word i (after a space, comma or ordinal dot), with "godine", "року" ...
    /// after it; returns (year, next word, end byte).
    fn year_at(&self, i: usize) -> Option<(i32, usize, usize)> {
        let w = self.words.get(i)?;
        let gap = self.gap(i).trim();
        if !matches!(gap, "" | "," | "." | "'") {
            return None;
        }
        let y = year_of(w)?;
        let mut next = i + 1;
        let mut end = w.span.end;
        if let Some(after) = self.word_in(&self.lexicon.m.year_words, next) {
            let g = self.gap(next).trim();
            if matches!(g, "" | ".") {
                next = after;
                end = self.words[after - 1].span.end;
            }
        }
        Some((y, next, end))
    }

    fn at(&self, i: usize) -> Option<(DateMention, usize)> {
        if let Some(found) = self.numeric(i) {
            return Some(found);
        }
        if let Some(found) = self.relative(i) {
            return Some(found);
        }
        if let Some(found) = self.textual(i) {
            return Some(found);
        }
        self.weekday(i)
    }

    /// "on Tuesday", "të martën", "u utorak": the last such day on or before the
    /// publication date, or the next one after it in a sentence about the future. A weekday
    /// before a written date ("Tuesday, 4 March 2025") belongs to that date.
    fn weekday(&self, i: usize) -> Option<(DateMention, usize)> {
        let m = self.lexicon.m.weekdays.at(self.text, self.words, self.folded, i)?;
        let next = m.words.end;
        // "Tuesday, 4 March", and the news agencies' "u četvrtak (17. siječnja)".
        let gap = if next < self.words.len() { self.gap(next).trim() } else { "" };
        let bracket = gap == "(";
        if next < self.words.len()
            && (matches!(gap, "" | ",") || bracket)
            && let Some((mut found, mut after)) = self.numeric(next).or_else(|| self.textual(next))
        {
            found.span.start = m.span.start;
            if bracket && let Some(close) = self.closing_bracket(after) {
                found.span.end = close;
            }
            // "u četvrtak (17. siječnja) i petak": the meeting runs to that later weekday.
            if bracket
                && after < self.words.len()
                && self.gap(after).trim() == ")"
                && let Some(k) = self.word_in(&self.lexicon.m.and, after)
                && let Some(second) = self.lexicon.m.weekdays.at(self.text, self.words, self.folded, k)
                && found.precision == Precision::Day
                && found.start == found.end
            {
                let days = (i64::try_from(second.entry).ok()? - i64::try_from(m.entry).ok()?).rem_euclid(7);
                if days > 0 {
                    extend_days(&mut found, days);
                    found.span.end = second.span.end;
                    after = second.words.end;
                }
            }
            return Some((found, after));
        }
        let p = self.published?;
        let want = i64::try_from(m.entry).ok()?;
        let today = weekday(p);
        let ahead = self.future.iter().any(|s| s.start <= m.span.start && m.span.end <= s.end);
        let offset = if ahead {
            let d = (want - today).rem_euclid(7);
            if d == 0 { 7 } else { d }
        } else {
            -((today - want).rem_euclid(7))
        };
        let day = add_days(p, offset)?;
        let mention = DateMention {
            span: m.span.clone(),
            start: Some(day),
            end: Some(day),
            precision: Precision::Day,
            inferred: true,
            no_year: false,
            month_day: Some(((day.month(), day.day()), (day.month(), day.day()))),
        };
        Some((mention, next))
    }

    /// 2026-02-12, 12.02.2026, 12. 2. 2026, 12/02/2026.
    fn numeric(&self, i: usize) -> Option<(DateMention, usize)> {
        let w = self.words;
        if i + 2 >= w.len() {
            return None;
        }
        let (a, b, c) = (&w[i], &w[i + 1], &w[i + 2]);
        if !(a.is_number() && b.is_number() && c.is_number()) {
            return None;
        }
        let (g1, g2) = (self.gap(i + 1), self.gap(i + 2));
        let date = if a.text.len() == 4 && g1 == "-" && g2 == "-" && b.text.len() == 2 && c.text.len() == 2 {
            Date::new(year_of(a)?, month_number(b)?, day_of(c)?).ok()?
        } else if year_of(c).is_some() && a.text.len() <= 2 && b.text.len() <= 2 {
            let dotted = matches!(g1.trim_end(), ".") && matches!(g2.trim_end(), ".") && g1.len() <= 2 && g2.len() <= 2;
            let slashed = g1 == "/" && g2 == "/";
            if !(dotted || slashed) {
                return None;
            }
            let (x, y) = (a.text.parse::<u32>().ok()?, b.text.parse::<u32>().ok()?);
            // Slashes put the month first in English ("03/04/2025" is 4 March).
            let (day, month) = if slashed && self.month_first && x <= 12 { (y, x) } else { (x, y) };
            Date::new(year_of(c)?, month, day).ok()?
        } else {
            return None;
        };
        let m = DateMention {
            span: a.span.start..c.span.end,
            start: Some(date),
            end: Some(date),
            precision: Precision::Day,
            inferred: false,
            no_year: false,
            month_day: Some(((date.month(), date.day()), (date.month(), date.day()))),
        };
        Some((m, i + 3))
    }

    fn relative(&self, i: usize) -> Option<(DateMention, usize)> {
        let m = self.lexicon.m.relative.at(self.text, self.words, self.folded, i)?;
        // Capitalised inside a sentence, it is a name: the newspapers "Bota Sot", "Danas",
        // the programme "Today".
        if i > 0 && self.words[i].text.starts_with(char::is_uppercase) {
            let gap = self.gap(i);
            if !gap.contains(['.', '!', '?', ':', ';', '"', '“', '”', '„', '«', '»', '(', '\n', '–', '—']) {
                return None;
            }
        }
        let r = &self.lexicon.relative[m.entry];
        let span = m.span.clone();
        let (start, end) = match self.published {
            Some(p) => resolve_relative(p, r.unit, r.offset)?,
            None => (None, None),
        };
        let precision = match r.unit {
            RelativeUnit::Day => Precision::Day,
            RelativeUnit::Week => Precision::Week,
            RelativeUnit::Month => Precision::Month,
            RelativeUnit::Year => Precision::Year,
        };
        let month_day = match (start, end, precision) {
            (Some(s), Some(e), Precision::Day) => Some(((s.month(), s.day()), (e.month(), e.day()))),
            _ => None,
        };
        let mention = DateMention { span, start, end, precision, inferred: true, no_year: false, month_day };
        Some((mention, m.words.end))
    }

    /// A month named alone after a word that makes it a time ("in June", "u lipnju",
    /// "krajem srpnja", "në qershor", "наприкінці травня"), with no day and no year: the
    /// month nearest the publication date, or the month without its year. In English a
    /// month needs its capital ("may meet" is no month).
    fn bare_month(&self, i: usize) -> Option<(DateMention, usize)> {
        let (m, next) = self.month_at(i)?;
        if self.month_first && !self.words[i].text.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let led = (1..=3).filter_map(|k| i.checked_sub(k)).any(|start| {
            self.word_in(&self.lexicon.m.month_lead, start) == Some(i) && matches!(self.gap(i).trim(), "" | "-")
        });
        // A day or a year after it belongs to a written date, tried elsewhere.
        if !led || self.day_at(next).is_some() || self.year_at(next).is_some() {
            return None;
        }
        let span = self.words[i].span.start..self.words[next - 1].span.end;
        let (start, end, no_year) = match self.published {
            Some(p) => {
                let (mid, _) = nearest_year(p, (m, 15), (m, 15))?;
                let (first, last) = month_range(mid.year(), m)?;
                (Some(first), Some(last), true)
            }
            None => (None, None, true),
        };
        let month_day = if start.is_none() { Some(((m, 1), (m, 1))) } else { None };
        let mention =
            DateMention { span, start, end, precision: Precision::Month, inferred: false, no_year, month_day };
        Some((mention, next))
    }

    fn textual(&self, i: usize) -> Option<(DateMention, usize)> {
        // An optional range opener: "from", "od", "від".
        let (open, j) = match self.word_in(&self.lexicon.m.range_start, i) {
            Some(next) if next < self.words.len() && (day_of(&self.words[next]).is_some()) => (true, next),
            _ => (false, i),
        };
        let span_start = self.words[i].span.start;
        // Day first: D [.] (SEP D [.])? MONTH (SEP D [.] MONTH)? [YEAR]
        if let Some((d1, k)) = self.day_at(j) {
            return self.day_first(span_start, d1, k, open);
        }
        if open {
            return None;
        }
        // Month first (English): MONTH D [SEP [MONTH] D] [, YEAR] or MONTH YEAR.
        let (m1, k) = self.month_at(j)?;
        if let Some((d1, k2)) = self.day_at(k) {
            let gap = self.gap(k);
            if gap.trim().is_empty() {
                let mut second = None;
                let mut next = k2;
                if let Some(after) = self.separator(k2) {
                    if let Some((m2, k3)) = self.month_at(after) {
                        if let Some((d2, k4)) = self.day_at(k3) {
                            second = Some(DayMonth { day: d2, month: Some(m2) });
                            next = k4;
                        }
                    } else if let Some((d2, k3)) = self.day_at(after) {
                        second = Some(DayMonth { day: d2, month: None });
                        next = k3;
                    }
                }
                let first = DayMonth { day: d1, month: Some(m1) };
                return self.finish(span_start, first, second, next);
            }
        }
        // MONTH YEAR: a month of a year.
        let (year, next, end) = self.year_at(k)?;
        let (first, last) = month_range(year, m1)?;
        let m = DateMention {
            span: span_start..end,
            start: Some(first),
            end: Some(last),
            precision: Precision::Month,
            inferred: false,
            no_year: false,
            month_day: None,
        };
        Some((m, next))
    }

    fn day_first(&self, span_start: usize, d1: u32, k: usize, open: bool) -> Option<(DateMention, usize)> {
        // D MONTH ...
        if let Some((m1, k2)) = self.month_at(k) {
            let first = DayMonth { day: d1, month: Some(m1) };
            // Cross-month range: "30 ноември и 1 декември 2023", "od 1. lipnja do subote (6. lipnja)".
            if let Some(after) = self.separator(k2).map(|a| self.bracketed_after_weekday(a))
                && let Some((d2, k3)) = self.day_at(after)
                && let Some((m2, k4)) = self.month_at(k3)
            {
                let found = self.finish(span_start, first, Some(DayMonth { day: d2, month: Some(m2) }), k4);
                return found.map(|(mut m, next)| {
                    if after != self.separator(k2).unwrap_or(after)
                        && let Some(close) = self.closing_bracket(next)
                    {
                        m.span.end = close;
                    }
                    (m, next)
                });
            }
            return self.finish(span_start, first, None, k2);
        }
        // D SEP D MONTH: "7-8 korrik", "24. do 26. juna", "10 и 11 мај".
        let after = self.separator(k)?;
        let (d2, k2) = self.day_at(after)?;
        let (m, k3) = self.month_at(k2)?;
        let _ = open;
        self.finish(span_start, DayMonth { day: d1, month: Some(m) }, Some(DayMonth { day: d2, month: Some(m) }), k3)
    }

    /// Adds the year (if written) and builds the mention.
    fn finish(
        &self,
        span_start: usize,
        first: DayMonth,
        second: Option<DayMonth>,
        next: usize,
    ) -> Option<(DateMention, usize)> {
        let m1 = first.month?;
        let last = second.map(|s| DayMonth { day: s.day, month: s.month.or(Some(m1)) }).unwrap_or(first);
        let m2 = last.month?;
        if last.month == first.month && last.day < first.day {
            return None;
        }
        let (year, next, end) = match self.year_at(next) {
            Some((y, n, e)) => (Some(y), n, e),
            None => (None, next, self.words[next - 1].span.end),
        };
        let month_day = Some(((m1, first.day), (m2, last.day)));
        let (start, end_date, no_year) = match year {
            Some(y) => {
                // A range across the new year ("30 December – 2 January 2025").
                let y1 = if m2 < m1 { y - 1 } else { y };
                (Date::new(y1, m1, first.day).ok()?, Date::new(y, m2, last.day).ok()?, false)
            }
            None => match self.published {
                Some(p) => {
                    let (s, e) = nearest_year(p, (m1, first.day), (m2, last.day))?;
                    (s, e, true)
                }
                None => {
                    // Unknown year: keep the month and day only; 2000 is a leap year, so
                    // 29 February stays possible.
                    Date::new(2000, m1, first.day).ok()?;
                    Date::new(2000, m2, last.day).ok()?;
                    let m = DateMention {
                        span: span_start..end,
                        start: None,
                        end: None,
                        precision: Precision::Day,
                        inferred: false,
                        no_year: true,
                        month_day,
                    };
                    return Some((m, next));
                }
            },
        };
        let m = DateMention {
            span: span_start..end,
            start: Some(start),
            end: Some(end_date),
            precision: Precision::Day,
            inferred: false,
            no_year,
            month_day,
        };
        Some((m, next))
    }
}

/// The year for a date written without one: the one that puts it nearest the publication
/// date.
fn nearest_year(published: Date, start: (u32, u32), end: (u32, u32)) -> Option<(Date, Date)> {
    let y = published.year();
    let p = day_number(published);
    (y - 1..=y + 1)
        .filter_map(|y| {
            let s = Date::new(y, start.0, start.1).ok()?;
            let e = Date::new(if end.0 < start.0 { y + 1 } else { y }, end.0, end.1).ok()?;
            Some((s, e))
        })
        .min_by_key(|(s, _)| (day_number(*s) - p).abs())
}

/// Works out the relative dates of `mentions` left open for want of a publication date
/// ("earlier this month", "yesterday") from a day the document itself states: `day` is
/// (year when known, month, day). Without the year only days and months are worked out,
/// and they stay without a year. Weekdays are left alone: they need the year. Returns
/// whether any was worked out.
pub(crate) fn resolve_relatives(
    mentions: &mut [DateMention],
    text: &str,
    words: &[Word],
    folded: &[String],
    lexicon: &Lexicon,
    day: (Option<i32>, u32, u32),
) -> bool {
    let (year, month, d) = day;
    // Any leap year stands in for an unknown one (so 29 February is a day).
    let Ok(reference) = Date::new(year.unwrap_or(2000), month, d) else { return false };
    let mut any = false;
    for m in mentions.iter_mut().filter(|m| m.inferred && m.start.is_none() && m.month_day.is_none()) {
        let i = words.partition_point(|w| w.span.end <= m.span.start);
        let Some(found) = lexicon.m.relative.at(text, words, folded, i) else { continue };
        let r = &lexicon.relative[found.entry];
        let Some((Some(s), Some(e))) = resolve_relative(reference, r.unit, r.offset) else { continue };
        match (year, r.unit) {
            (Some(_), _) => {
                m.start = Some(s);
                m.end = Some(e);
                if m.precision == Precision::Day {
                    m.month_day = Some(((s.month(), s.day()), (e.month(), e.day())));
                }
            }
            (None, RelativeUnit::Day) => m.month_day = Some(((s.month(), s.day()), (e.month(), e.day()))),
            // A month without its year: the first day stands for it.
            (None, RelativeUnit::Month) => m.month_day = Some(((s.month(), 1), (s.month(), 1))),
            (None, _) => continue,
        }
        any = true;
    }
    any
}

/// The days a relative expression names.
fn resolve_relative(p: Date, unit: RelativeUnit, offset: i32) -> Option<(Option<Date>, Option<Date>)> {
    let offset = i64::from(offset);
    Some(match unit {
        RelativeUnit::Day => {
            let d = add_days(p, offset)?;
            (Some(d), Some(d))
        }
        RelativeUnit::Week => {
            let monday = add_days(p, -weekday(p) + 7 * offset)?;
            (Some(monday), Some(add_days(monday, 6)?))
        }
        RelativeUnit::Month => {
            let total = i64::from(p.year()) * 12 + i64::from(p.month()) - 1 + offset;
            let (y, m) = (i32::try_from(total.div_euclid(12)).ok()?, u32::try_from(total.rem_euclid(12) + 1).ok()?);
            let (a, b) = month_range(y, m)?;
            (Some(a), Some(b))
        }
        RelativeUnit::Year => {
            let y = p.year() + i32::try_from(offset).ok()?;
            (Some(Date::new(y, 1, 1).ok()?), Some(Date::new(y, 12, 31).ok()?))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("date")
    }

    fn dates(text: &str, lang: &str, published: Option<&str>) -> Vec<(String, String, String, bool, bool)> {
        let lang: LanguageTag = lang.parse().expect("tag");
        find(text, &lang, published.map(d), Lexicon::builtin())
            .into_iter()
            .map(|m| {
                let s = |x: Option<Date>| x.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
                (text[m.span.clone()].to_string(), s(m.start), s(m.end), m.inferred, m.no_year)
            })
            .collect()
    }

    fn one(text: &str, lang: &str, published: Option<&str>) -> (String, String) {
        let got = dates(text, lang, published);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        (got[0].1.clone(), got[0].2.clone())
    }

    fn range(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn a_month_named_alone_after_a_time_word() {
        // With a publication date: the month of the nearest year.
        for (text, lang, month) in [
            ("The leaders plan to gather again in June to review the plan.", "en", ("2026-06-01", "2026-06-30")),
            ("Delegacije će se ponovno sastati krajem svibnja u Splitu.", "hr", ("2026-05-01", "2026-05-31")),
            ("Samiti pritet të mbahet në fund të nëntorit në Durrës.", "sq", ("2025-11-01", "2025-11-30")),
            ("Переговори відбудуться наприкінці березня у Львові.", "uk", ("2026-03-01", "2026-03-31")),
        ] {
            let got = dates(text, lang, Some("2026-01-20"));
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!((got[0].1.as_str(), got[0].2.as_str()), month, "{text}");
            assert!(got[0].4, "{text}: the year was not written");
        }
        // Without one: the month without its year.
        let lang: LanguageTag = "sr-Latn".parse().expect("tag");
        let found = find("Pregovori su nastavljeni u oktobru u Beču.", &lang, None, Lexicon::builtin());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].precision, found[0].start, found[0].month_day),
            (Precision::Month, None, Some(((10, 1), (10, 1))))
        );
        // Not a month, or a month a written date already takes.
        for (text, lang) in [
            ("Ministers may meet again in may or later.", "en"),
            ("The ministers met in May 2025 in Skopje.", "en"),
            ("The plan, June said, was ready.", "en"),
        ] {
            let got = dates(text, lang, Some("2026-01-20"));
            assert!(got.iter().all(|g| !g.4), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_capitalised_relative_word_inside_a_sentence_is_a_name() {
        let got =
            dates("Urednik lista Danas i dnevnika Bota Sot govorio je o medijima.", "sr-Latn", Some("2026-01-20"));
        assert!(got.is_empty(), "{got:?}");
        // At the start of a sentence it is a date.
        let got = dates("Vlada je zasjedala. Danas su ministri razgovarali o proračunu.", "hr", Some("2026-01-20"));
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn calendar_arithmetic() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "2026-07-08", "1999-03-01"] {
            assert_eq!(from_day_number(day_number(d(s))), Some(d(s)));
        }
        assert_eq!(day_number(d("1970-01-02")), 1);
        assert_eq!(weekday(d("2025-06-01")), 6); // a Sunday
        assert_eq!(weekday(d("2026-02-12")), 3); // a Thursday
    }

    #[test]
    fn written_dates_in_every_language() {
        let cases = [
            ("Brussels, December 4, 2024 – Minister", "en", range("2024-12-04", "2024-12-04")),
            ("at the Washington Summit (July 9-11, 2024) and", "en", range("2024-07-09", "2024-07-11")),
            ("meet on 12 February 2026 at", "en", range("2026-02-12", "2026-02-12")),
            ("from 10 to 11 July 2025", "en", range("2025-07-10", "2025-07-11")),
            ("Ministrat do të mblidhen më 12 shkurt 2026 në", "sq", range("2026-02-12", "2026-02-12")),
            ("do të zhvillohet më 7-8 korrik 2026.", "sq", range("2026-07-07", "2026-07-08")),
            ("Bruksel, 4 dhjetor 2024 – Ministri", "sq", range("2024-12-04", "2024-12-04")),
            ("održan je od 9. do 11. jula 2024. godine", "sr-Latn", range("2024-07-09", "2024-07-11")),
            ("održat će se 19. i 20. ožujka 2026. u Zagrebu", "hr", range("2026-03-19", "2026-03-20")),
            ("відбулося 6–7 грудня 2016 року", "uk", range("2016-12-06", "2016-12-07")),
            ("се одржа на 10 и 11 мај 2018 во", "mk", range("2018-05-10", "2018-05-11")),
            ("на 30 ноември и 1 декември 2023 година", "mk", range("2023-11-30", "2023-12-01")),
            ("одржан је 24. и 25. јуна 2025. године", "sr-Cyrl", range("2025-06-24", "2025-06-25")),
            ("Meeting (Brussels, 2026-02-12): ministers", "en", range("2026-02-12", "2026-02-12")),
            ("održat će se 12.06.2026. u Zagrebu", "hr", range("2026-06-12", "2026-06-12")),
            ("am 12. Februar 2026 in Brüssel", "de", range("2026-02-12", "2026-02-12")),
            ("le 4 décembre 2024 à Bruxelles", "fr", range("2024-12-04", "2024-12-04")),
            ("il 24 e 25 giugno 2025 all'Aia", "it", range("2025-06-24", "2025-06-25")),
            ("7-8 Temmuz 2026 tarihlerinde Ankara'da", "tr", range("2026-07-07", "2026-07-08")),
            ("στις 24 και 25 Ιουνίου 2025 στη Χάγη", "el", range("2025-06-24", "2025-06-25")),
            ("встреча 4 декабря 2024 года в Брюсселе", "ru", range("2024-12-04", "2024-12-04")),
            ("in June 2025 the Allies", "en", range("2025-06-01", "2025-06-30")),
            ("u martu 2025. godine izvela", "sr-Latn", range("2025-03-01", "2025-03-31")),
        ];
        for (text, lang, want) in cases {
            assert_eq!(one(text, lang, None), want, "{text}");
        }
    }

    #[test]
    fn dates_without_a_year_take_the_nearest() {
        let got = dates("Samit će se održati od 24. do 26. juna u Hagu.", "sr-Latn", Some("2025-05-30"));
        assert_eq!(got, [("od 24. do 26. juna".into(), "2025-06-24".into(), "2025-06-26".into(), false, true)]);
        // Published in December, "5 January" is next year's.
        assert_eq!(one("on 5 January", "en", Some("2025-12-20")), range("2026-01-05", "2026-01-05"));
        // Without a publication date the day is kept without a year.
        let lang: LanguageTag = "sq".parse().expect("tag");
        let m = find("Më 12 shkurt, ministrat", &lang, None, Lexicon::builtin());
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].no_year, m[0].month_day), (None, true, Some(((2, 12), (2, 12)))));
    }

    #[test]
    fn a_weekday_with_its_date_in_brackets() {
        // The agencies' style: the weekday and, in brackets, its date; a second weekday
        // after "and" makes it a range.
        let got = dates("Putin boravit će u Bugarskoj u četvrtak (17. siječnja) i petak.", "hr", Some("2008-01-16"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("2008-01-17", "2008-01-18"));
        assert_eq!(got[0].0, "četvrtak (17. siječnja) i petak");
        let got = dates("sastao se u ponedjeljak (14. siječnja) u Prištini", "hr", Some("2008-01-16"));
        assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("2008-01-14", "2008-01-14"));
        assert_eq!(got[0].0, "ponedjeljak (14. siječnja)");
        // "from 1 June to Saturday (6 June)".
        let got = dates("Naxos je od 1. lipnja do subote (6. lipnja) bio domaćin kongresa.", "hr", Some("2009-06-08"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "od 1. lipnja do subote (6. lipnja)");
        assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("2009-06-01", "2009-06-06"));
        // Without a publication date the month and day still run on.
        let lang: LanguageTag = "hr".parse().expect("tag");
        let m = find("u subotu (31. siječnja) i nedjelju", &lang, None, Lexicon::builtin());
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].month_day, Some(((1, 31), (2, 1))));
    }

    #[test]
    fn relative_dates_are_inferred() {
        let cases = [
            ("Ministrat mblidhen sot në Bruksel", "sq", "2025-06-05", range("2025-06-05", "2025-06-05")),
            ("They will meet tomorrow", "en", "2025-05-19", range("2025-05-20", "2025-05-20")),
            ("Vučić je juče bio u Briselu", "sr-Latn", "2025-02-04", range("2025-02-03", "2025-02-03")),
            ("Сьогодні генсек прибув до Києва", "uk", "2025-04-15", range("2025-04-15", "2025-04-15")),
            ("sastat će se sljedeće sedmice", "bs", "2025-06-01", range("2025-06-02", "2025-06-08")),
            ("The ministers meet next week", "en", "2026-02-05", range("2026-02-09", "2026-02-15")),
            ("u mbajt vitin e kaluar në Shkup", "sq", "2024-03-10", range("2023-01-01", "2023-12-31")),
            ("Минулого року Україна витратила", "uk", "2025-01-20", range("2024-01-01", "2024-12-31")),
            ("danas boravi u posjeti", "bs", "2025-03-14", range("2025-03-14", "2025-03-14")),
            ("last month", "en", "2025-01-10", range("2024-12-01", "2024-12-31")),
        ];
        for (text, lang, published, want) in cases {
            let got = dates(text, lang, Some(published));
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!((got[0].1.clone(), got[0].2.clone()), want, "{text}");
            assert!(got[0].3, "{text}: inferred");
        }
        // Weekdays: the last one before the publication date, or the next one in a sentence
        // about the future; a weekday before a written date belongs to it.
        let one_day = |text: &str, lang: &str, published: &str| {
            let got = dates(text, lang, Some(published));
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            (got[0].1.clone(), got[0].3)
        };
        assert_eq!(one_day("The ministry said on Tuesday", "en", "2025-03-06"), ("2025-03-04".into(), true));
        assert_eq!(one_day("Ministers will meet on Tuesday", "en", "2025-03-06"), ("2025-03-11".into(), true));
        assert_eq!(one_day("Ministri tha të martën se", "sq", "2025-03-06"), ("2025-03-04".into(), true));
        assert_eq!(one_day("Ministri će se sastati u utorak", "hr", "2025-03-06"), ("2025-03-11".into(), true));
        assert_eq!(one_day("Міністри зустрілися у вівторок", "uk", "2025-03-06"), ("2025-03-04".into(), true));
        assert_eq!(one_day("on Tuesday, 4 March 2025", "en", "2025-03-20"), ("2025-03-04".into(), false));
        assert_eq!(dates("on Tuesday, 4 March 2025", "en", Some("2025-03-20"))[0].0, "Tuesday, 4 March 2025");
        // Without a publication date a relative date is found but not resolved.
        assert_eq!(dates("today", "en", None), [("today".into(), "-".into(), "-".into(), true, false)]);
    }

    #[test]
    fn relative_dates_count_from_a_day_the_document_states() {
        let lexicon = Lexicon::builtin();
        let text = "Izaslanik je posjetio regiju ranije ovog mjeseca, a jučer je govorio u Vijeću.";
        let words = crate::corpus::text::words(text);
        let folded = crate::corpus::find::lexicon::fold_words(&words);
        let lang: LanguageTag = "hr".parse().expect("tag");
        let mut found = find_in(text, &words, &folded, &lang, None, lexicon);
        assert!(found.iter().all(|d| d.start.is_none() && d.month_day.is_none()), "{found:?}");
        // Without a year: a month and a day without one.
        assert!(resolve_relatives(&mut found, text, &words, &folded, lexicon, (None, 6, 22)));
        let parts: Vec<_> = found.iter().map(|d| (d.precision, d.start, d.month_day)).collect();
        assert_eq!(
            parts,
            [(Precision::Month, None, Some(((6, 1), (6, 1)))), (Precision::Day, None, Some(((6, 21), (6, 21))))]
        );
        // With the year: full dates.
        let mut found = find_in(text, &words, &folded, &lang, None, lexicon);
        assert!(resolve_relatives(&mut found, text, &words, &folded, lexicon, (Some(2019), 6, 22)));
        assert_eq!(found[0].start, Some(d("2019-06-01")));
        assert_eq!(found[1].start, Some(d("2019-06-21")));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for (text, lang) in [
            ("Albania spends 2.03% of GDP and aims for 3% by 2030.", "en"),
            ("32 Allies and 5,000 troops", "en"),
            ("the 75th anniversary in 2024", "en"),
            ("may meet again", "en"),
            ("2.5 billion euros", "en"),
            ("Ministri deklaroi se 5 ushtarë", "sq"),
        ] {
            assert_eq!(dates(text, lang, Some("2025-01-01")), Vec::new(), "{text}");
        }
    }
}
