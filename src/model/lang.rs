//! BCP 47 language tags, checked for well-formedness and written in canonical case.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A well-formed BCP 47 language tag in canonical case: `en`, `sq`, `sr-Latn`, `sr-Cyrl`,
/// `en-GB`. Private-use and grandfathered tags are not accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageTag(String);

/// Why a language tag is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a BCP 47 language tag (examples: en, sq, mk, sr-Latn, sr-Cyrl, uk)")]
pub struct LanguageTagError(pub String);

impl LanguageTag {
    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `sr` for `sr-Latn`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether the two tags name the same language (primary subtags equal), so that an
    /// `en-GB` document counts as English for an `en` brief.
    pub fn same_language(&self, other: &LanguageTag) -> bool {
        self.primary() == other.primary()
    }

    /// Whether two language tags may share memory entries: the same primary language and, when
    /// both name a script, the same script (`sr-Latn` and `sr-Cyrl` do not mix; `en` and
    /// `en-GB` do).
    ///
    /// The Serbo-Croatian group tag (`hbs-Latn`, given to text detection cannot tell apart)
    /// matches each of its members in the same script, so an entry exported as `sr-Latn`
    /// (files that leave briefbook carry standard codes) comes back to its `hbs-Latn` document.
    pub(crate) fn matches(&self, other: &LanguageTag) -> bool {
        let (a, b) = (self, other);
        let group = (a.is_serbo_croatian_group() && b.in_serbo_croatian_group())
            || (b.is_serbo_croatian_group() && a.in_serbo_croatian_group());
        (a.same_language(b) || group) && (a.script().is_none() || b.script().is_none() || a.script() == b.script())
    }

    /// The English name of the language, if briefbook knows it; else the tag itself.
    pub(crate) fn english_name(&self) -> String {
        let base = match self.primary() {
            "en" => "English",
            "sq" => "Albanian",
            "mk" => "Macedonian",
            "sr" => "Serbian",
            // The group tag briefbook gives Latin-script text it cannot tell apart.
            "hbs" | "sh" => "Croatian/Bosnian/Serbian",
            "hr" => "Croatian",
            "bs" => "Bosnian",
            "cnr" => "Montenegrin",
            "sl" => "Slovene",
            "bg" => "Bulgarian",
            "el" => "Greek",
            "tr" => "Turkish",
            "uk" => "Ukrainian",
            "ru" => "Russian",
            "ro" => "Romanian",
            "hu" => "Hungarian",
            "de" => "German",
            "fr" => "French",
            "it" => "Italian",
            "es" => "Spanish",
            "pl" => "Polish",
            _ => return self.0.clone(),
        };
        match self.script() {
            Some("Latn") => format!("{base} (Latin)"),
            Some("Cyrl") => format!("{base} (Cyrillic)"),
            _ => base.to_string(),
        }
    }

    /// The tag as files that leave briefbook write it (TMX, XLIFF, PDF `/Lang`): a BCP 47
    /// code translation tools accept. The Serbo-Croatian group tag briefbook gives
    /// Latin-script text it cannot tell apart (`hbs`, `sh`) becomes its most likely member,
    /// as CLDR's likely subtags say: Serbian, in the tag's script (`hbs-Latn` -> `sr-Latn`,
    /// `hbs-Cyrl` -> `sr-Cyrl`, `hbs` -> `sr-Latn`). Every other tag is kept.
    pub(crate) fn standard(&self) -> LanguageTag {
        if !matches!(self.primary(), "hbs" | "sh") {
            return self.clone();
        }
        let rest: Vec<&str> = self.0.split('-').skip(1).collect();
        let mut out = vec!["sr"];
        if self.script().is_none() {
            out.push("Latn");
        }
        out.extend(rest);
        LanguageTag(out.join("-"))
    }

    /// Whether the tag is the Serbo-Croatian group (`hbs`, `sh`) or one of its members
    /// (`sr`, `hr`, `bs`, `cnr`).
    pub(crate) fn in_serbo_croatian_group(&self) -> bool {
        matches!(self.primary(), "hbs" | "sh" | "sr" | "hr" | "bs" | "cnr")
    }

    /// Whether the tag is the Serbo-Croatian group tag itself (`hbs`, `sh`).
    pub(crate) fn is_serbo_croatian_group(&self) -> bool {
        matches!(self.primary(), "hbs" | "sh")
    }

    /// The script subtag, if the tag has one.
    pub(crate) fn script(&self) -> Option<&str> {
        self.0.split('-').skip(1).find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
    }
}

impl FromStr for LanguageTag {
    type Err = LanguageTagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || LanguageTagError(s.to_string());
        let mut out: Vec<String> = Vec::new();
        // langtag = language ["-" script] ["-" region] *("-" variant)
        let mut stage = 0; // 0 language, 1 script, 2 region, 3 variants
        for (i, sub) in s.split('-').enumerate() {
            let alpha = sub.bytes().all(|b| b.is_ascii_alphabetic());
            let alnum = sub.bytes().all(|b| b.is_ascii_alphanumeric());
            let digits = sub.bytes().all(|b| b.is_ascii_digit());
            if i == 0 {
                if !(alpha && (2..=3).contains(&sub.len())) {
                    return Err(err());
                }
                out.push(sub.to_ascii_lowercase());
                continue;
            }
            if stage < 1 && alpha && sub.len() == 4 {
                let mut script = sub.to_ascii_lowercase();
                script[..1].make_ascii_uppercase();
                out.push(script);
                stage = 1;
            } else if stage < 2 && ((alpha && sub.len() == 2) || (digits && sub.len() == 3)) {
                out.push(sub.to_ascii_uppercase());
                stage = 2;
            } else if alnum && ((5..=8).contains(&sub.len()) || (sub.len() == 4 && sub.as_bytes()[0].is_ascii_digit()))
            {
                out.push(sub.to_ascii_lowercase());
                stage = 3;
            } else {
                return Err(err());
            }
        }
        Ok(LanguageTag(out.join("-")))
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Default for LanguageTag {
    fn default() -> Self {
        LanguageTag("en".into())
    }
}

impl Serialize for LanguageTag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A language code as text, made standard for a file that leaves briefbook (see
/// [`LanguageTag::standard`]); text that is no tag is kept as it is.
pub(crate) fn standard_code(code: &str) -> String {
    code.parse::<LanguageTag>().map(|t| t.standard().0).unwrap_or_else(|_| code.to_string())
}

/// `text` with every Serbo-Croatian group tag in it (`hbs`, `hbs-Latn`, `sh-Cyrl` as whole
/// words) replaced by its standard code: notes and properties of exported files name no
/// code a translation tool would refuse.
pub(crate) fn standard_codes_in(text: &str) -> String {
    if !text.contains("hbs") && !text.contains("sh") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let lower = word.to_ascii_lowercase();
        if lower == "hbs" || lower.starts_with("hbs-") || lower.starts_with("sh-") {
            out.push_str(&standard_code(word));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_codes_for_exchange() {
        let std = |s: &str| s.parse::<LanguageTag>().expect("tag").standard().to_string();
        assert_eq!(std("hbs-Latn"), "sr-Latn");
        assert_eq!(std("hbs"), "sr-Latn");
        assert_eq!(std("sh-Cyrl"), "sr-Cyrl");
        assert_eq!(std("hbs-Latn-RS"), "sr-Latn-RS");
        assert_eq!(std("hr"), "hr");
        assert_eq!(std("sr-Cyrl"), "sr-Cyrl");
        assert_eq!(standard_code("hbs-Latn"), "sr-Latn");
        assert_eq!(standard_code("*all*"), "*all*");
        assert_eq!(
            standard_codes_in("from hbs-Latn (hbs) to en; shbs, hbsx, shell-x"),
            "from sr-Latn (sr-Latn) to en; shbs, hbsx, shell-x"
        );
    }

    fn tag(s: &str) -> Result<String, LanguageTagError> {
        s.parse::<LanguageTag>().map(|t| t.0)
    }

    #[test]
    fn canonical_case() {
        assert_eq!(tag("sr-latn").as_deref(), Ok("sr-Latn"));
        assert_eq!(tag("EN-gb").as_deref(), Ok("en-GB"));
        assert_eq!(tag("sr-Cyrl-RS").as_deref(), Ok("sr-Cyrl-RS"));
        assert_eq!(tag("es-419").as_deref(), Ok("es-419"));
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "english", "e", "sr_Latn", "sr-", "en-GB-US", "sq-Latn-Cyrl"] {
            assert!(tag(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn names_and_language_match() {
        let sr: LanguageTag = "sr-Cyrl".parse().expect("tag");
        assert_eq!(sr.english_name(), "Serbian (Cyrillic)");
        let en_gb: LanguageTag = "en-GB".parse().expect("tag");
        assert!(en_gb.same_language(&LanguageTag::default()));
    }

    #[test]
    fn scripts_do_not_mix_in_the_memory() {
        let lt = |s: &str| s.parse::<LanguageTag>().expect("tag");
        assert!(lt("en").matches(&lt("en-GB")));
        assert!(lt("sr").matches(&lt("sr-Cyrl")));
        assert!(!lt("sr-Latn").matches(&lt("sr-Cyrl")));
        assert!(!lt("sq").matches(&lt("en")));
        assert!(lt("hbs-Latn").matches(&lt("sr-Latn")));
        assert!(lt("hr").matches(&lt("hbs-Latn")));
        assert!(!lt("hbs-Latn").matches(&lt("sr-Cyrl")));
        assert!(!lt("sr-Latn").matches(&lt("hr")));
    }
}
