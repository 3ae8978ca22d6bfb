//! A calendar date without time or zone: what briefs and documents need.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A valid proleptic Gregorian calendar date. In TOML it is written as a bare local date
/// (`published = 2024-12-04`); a string in the same `YYYY-MM-DD` form is accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Syntax(String),
    /// The month or day does not exist.
    #[error("{year:04}-{month:02}-{day:02} is not a day of the calendar")]
    OutOfRange {
        /// Year.
        year: i32,
        /// Month as written.
        month: u32,
        /// Day as written.
        day: u32,
    },
    /// A time or offset was given where only a date belongs.
    #[error("`{0}` has a time or an offset; write the date alone, e.g. 2026-02-12")]
    HasTime(String),
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day number (days since 1970-01-01).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl Date {
    /// A date, if the day exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let valid =
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) && (1..=9999).contains(&year);
        if !valid {
            return Err(DateError::OutOfRange { year, month, day });
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub(crate) fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, from 1.
    pub(crate) fn day(self) -> u32 {
        u32::from(self.day)
    }

    fn to_toml(self) -> toml::value::Datetime {
        toml::value::Datetime {
            date: Some(toml::value::Date { year: self.year as u16, month: self.month, day: self.day }),
            time: None,
            offset: None,
        }
    }

    fn from_toml(dt: &toml::value::Datetime) -> Result<Date, DateError> {
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
            _ => Err(DateError::HasTime(dt.to_string())),
        }
    }
}

/// Days in a month of the Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let syntax = || DateError::Syntax(s.to_string());
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let (Some(y), Some(m), Some(d)) = (y, m, d) else { return Err(syntax()) };
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return Err(syntax());
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| syntax());
        Date::new(num(y)? as i32, num(m)?, num(d)?)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_toml().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2026-02-12")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Date::from_toml(&dt).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-02-12".parse::<Date>().map(|d| d.to_string()), Ok("2026-02-12".into()));
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!(matches!("2025-02-29".parse::<Date>(), Err(DateError::OutOfRange { .. })));
        assert!(matches!("2025-13-01".parse::<Date>(), Err(DateError::OutOfRange { .. })));
        assert!(matches!("12.02.2026".parse::<Date>(), Err(DateError::Syntax(_))));
        assert!(matches!("2026-2-12".parse::<Date>(), Err(DateError::Syntax(_))));
    }

    #[test]
    fn toml_date_and_string_both_load() {
        #[derive(Deserialize, Serialize)]
        struct T {
            d: Date,
        }
        let a: T = toml::from_str("d = 2026-02-12").expect("toml date");
        let b: T = toml::from_str("d = \"2026-02-12\"").expect("string date");
        assert_eq!(a.d, b.d);
        assert_eq!(toml::to_string(&a).expect("serialise").trim(), "d = 2026-02-12");
        assert!(toml::from_str::<T>("d = 2026-02-12T10:00:00Z").is_err());
        assert!(toml::from_str::<T>("d = \"yesterday\"").is_err());
    }
}

/// The months' names in English, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date exactly as precise as the evidence: a year (`2006`), a month of a year
/// (`2026-06`), a day (`2026-06-03`), or — when nothing tells the year — a day or a month
/// without it (`--06-03`, `--06`, ISO 8601's truncated forms). Written as those ISO strings
/// in every file (a full day may also be a bare TOML date); ordered by year, then month,
/// then day, a coarser date before the finer ones inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

/// How much of the calendar a [`PartialDate`] fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DatePrecision {
    /// A year.
    Year,
    /// A month (of a year, or of an unknown year).
    Month,
    /// A day (of a year, or of an unknown year).
    Day,
}

impl PartialDate {
    /// A year.
    pub(crate) fn year_only(year: i32) -> Option<PartialDate> {
        (1..=9999).contains(&year).then_some(PartialDate { year: Some(year), month: None, day: None })
    }

    /// A month, of a year or of an unknown one.
    pub(crate) fn month_of(year: Option<i32>, month: u32) -> Option<PartialDate> {
        let ok = (1..=12).contains(&month) && year.is_none_or(|y| (1..=9999).contains(&y));
        ok.then_some(PartialDate { year, month: Some(month as u8), day: None })
    }

    /// A day, of a year or of an unknown one (29 February is allowed without a year).
    pub(crate) fn day_of(year: Option<i32>, month: u32, day: u32) -> Option<PartialDate> {
        let last = match year {
            Some(y) => days_in_month(y, month),
            None => days_in_month(2000, month),
        };
        let ok = (1..=12).contains(&month) && day >= 1 && day <= last && year.is_none_or(|y| (1..=9999).contains(&y));
        ok.then_some(PartialDate { year, month: Some(month as u8), day: Some(day as u8) })
    }

    /// The year, when known.
    pub fn year(self) -> Option<i32> {
        self.year
    }

    /// The month, 1 to 12, when the date names one.
    pub fn month(self) -> Option<u32> {
        self.month.map(u32::from)
    }

    /// The day of the month, when the date names one.
    pub fn day(self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// Year, month or day.
    pub(crate) fn precision(self) -> DatePrecision {
        match (self.month, self.day) {
            (_, Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The full calendar day, when the date is one with a known year.
    pub fn as_date(self) -> Option<Date> {
        Date::new(self.year?, self.month()?, self.day()?).ok()
    }

    /// The same date with a year (for a date written without one).
    pub(crate) fn with_year(self, year: i32) -> Option<PartialDate> {
        match (self.month(), self.day()) {
            (Some(m), Some(d)) => PartialDate::day_of(Some(year), m, d),
            (Some(m), None) => PartialDate::month_of(Some(year), m),
            _ => PartialDate::year_only(year),
        }
    }

    /// The first and last calendar day the date covers, when its year is known.
    pub(crate) fn days(self) -> Option<(Date, Date)> {
        let y = self.year?;
        match (self.month(), self.day()) {
            (Some(m), Some(d)) => Date::new(y, m, d).ok().map(|d| (d, d)),
            (Some(m), None) => Some((Date::new(y, m, 1).ok()?, Date::new(y, m, days_in_month(y, m)).ok()?)),
            _ => Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?)),
        }
    }

    /// Whether two dates can name the same time: every part both state is equal.
    #[cfg(test)]
    pub(crate) fn compatible(self, other: PartialDate) -> bool {
        let eq = |a: Option<u8>, b: Option<u8>| a.is_none() || b.is_none() || a == b;
        (self.year.is_none() || other.year.is_none() || self.year == other.year)
            && eq(self.month, other.month)
            && eq(self.day, other.day)
    }

    /// The date in words, English: "3 June 2026", "June 2026", "2006", "3 June".
    pub(crate) fn to_words(self) -> String {
        let month = self.month().map(|m| MONTHS_EN[(m - 1) as usize]);
        let parts: Vec<String> =
            [self.day().map(|d| d.to_string()), month.map(String::from), self.year.map(|y| y.to_string())]
                .into_iter()
                .flatten()
                .collect();
        parts.join(" ")
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate { year: Some(d.year), month: Some(d.month), day: Some(d.day) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("-")?,
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// `2006`, `2026-06`, `2026-06-03`, `--06-03`, `--06`.
    fn from_str(s: &str) -> Result<PartialDate, DateError> {
        let t = s.trim();
        let syntax = || DateError::Syntax(s.to_string());
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let num = |p: &str| p.parse::<u32>().map_err(|_| syntax());
        let (year, rest) = match t.strip_prefix("--") {
            Some(rest) => (None, rest),
            None => {
                let (y, rest) = t.split_once('-').unwrap_or((t, ""));
                if !digits(y, 4) {
                    return Err(syntax());
                }
                (Some(num(y)? as i32), rest)
            }
        };
        let mut parts = if rest.is_empty() { Vec::new() } else { rest.split('-').collect::<Vec<_>>() };
        if parts.len() > 2 || parts.iter().any(|p| !digits(p, 2)) || (year.is_none() && parts.is_empty()) {
            return Err(syntax());
        }
        let out_of_range = |m: u32, d: u32| DateError::OutOfRange { year: year.unwrap_or(0), month: m, day: d };
        let day = if parts.len() == 2 { parts.pop().map(num).transpose()? } else { None };
        let month = parts.pop().map(num).transpose()?;
        match (month, day) {
            (Some(m), Some(d)) => PartialDate::day_of(year, m, d).ok_or(out_of_range(m, d)),
            (Some(m), None) => PartialDate::month_of(year, m).ok_or(out_of_range(m, 1)),
            _ => year.and_then(PartialDate::year_only).ok_or_else(syntax),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as precise as known: \"2006\", \"2026-06\", 2026-06-03 or \"--06-03\"")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                i32::try_from(v)
                    .ok()
                    .and_then(PartialDate::year_only)
                    .ok_or_else(|| E::custom(format!("{v} is not a year")))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                i32::try_from(v)
                    .ok()
                    .and_then(PartialDate::year_only)
                    .ok_or_else(|| E::custom(format!("{v} is not a year")))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PartialDate, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Date::from_toml(&dt).map(PartialDate::from).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod partial_tests {
    use super::*;

    #[test]
    fn every_precision_round_trips() {
        for s in ["2006", "2026-06", "2026-06-03", "--06-03", "--06", "--02-29"] {
            let d: PartialDate = s.parse().expect(s);
            assert_eq!(d.to_string(), s);
            let json = serde_json::to_string(&d).expect("json");
            assert_eq!(json, format!("\"{s}\""));
        }
        for bad in ["", "26", "2026-6", "2026-13", "2025-02-29", "--", "--13", "2026-06-03-01", "June"] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn loads_from_toml_date_string_and_year() {
        #[derive(Deserialize)]
        struct T {
            a: PartialDate,
            b: PartialDate,
            c: PartialDate,
        }
        let t: T = toml::from_str("a = 2026-02-12\nb = \"2026-06\"\nc = 2006").expect("toml");
        assert_eq!(
            (t.a.to_string(), t.b.to_string(), t.c.to_string()),
            ("2026-02-12".into(), "2026-06".into(), "2006".into())
        );
    }

    #[test]
    fn order_compatibility_and_words() {
        let p = |s: &str| s.parse::<PartialDate>().expect(s);
        assert!(p("2026") < p("2026-01") && p("2026-01") < p("2026-01-01") && p("2026-06-30") < p("2026-07"));
        assert!(p("2026-06").compatible(p("2026-06-03")));
        assert!(p("--06-03").compatible(p("2026-06-03")));
        assert!(!p("2026-06").compatible(p("2026-07-01")));
        assert!(!p("2025").compatible(p("2026-06")));
        assert_eq!(p("2026-06-03").to_words(), "3 June 2026");
        assert_eq!(p("--06").to_words(), "June");
        assert_eq!(
            p("2026-06").days().map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2026-06-01".into(), "2026-06-30".into()))
        );
    }
}
