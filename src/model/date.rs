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
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day number (days since 1970-01-01).
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
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
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u32 {
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
pub fn days_in_month(year: i32, month: u32) -> u32 {
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
