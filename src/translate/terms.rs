//! The termbase: preferred translations of terms ("Aleanca" -> "the Alliance", "Samiti" ->
//! "Summit"), kept beside the memory as `<corpus>.<from>-<to>.terms.tsv` (or `.terms.tbx`).
//! QA flags a row whose original uses a term and whose translation does not use its
//! preferred translation; XLIFF exports carry the terms of each segment as a note for the
//! translator.
//!
//! TSV: one term per line, the term, a tab, its translation, optionally a tab and a note;
//! `#` comments and blank lines are ignored. TBX: each `<termEntry>` (`<conceptEntry>` in
//! TBX v3) gives the first `<term>` of the source language and of the target language.
//!
//! A term matches inflected forms: each of its words matches a word that starts with the
//! word without its last two letters (at least four letters kept: `Aleanca` matches
//! `Aleancës`, `Samiti` matches `Samitin`). The translation is found ignoring case and a
//! leading article (`the Alliance` is used when `Alliance` is).

use crate::model::LanguageTag;
use crate::translate::text;
use crate::translate::xml::{self, Element, XmlError};

/// One term and its preferred translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term in the original language.
    pub source: String,
    /// Its preferred translation.
    pub target: String,
    /// A note for the translator, if any.
    pub note: Option<String>,
}

/// The terms of one language pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Termbase {
    /// The terms, in file order.
    pub terms: Vec<Term>,
}

/// The stem a word of a term matches by: lower case, without its last two letters when at
/// least four remain.
fn stem(word: &str) -> String {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    let keep = if lower.len() >= 6 { lower.len() - 2 } else { lower.len() };
    lower[..keep].iter().collect()
}

fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && haystack.windows(needle.len()).any(|w| w.iter().zip(needle).all(|(h, n)| h.starts_with(n.as_str())))
}

impl Termbase {
    /// Reads a TSV termbase; an error gives the line (from 1) and its text.
    pub(crate) fn parse_tsv(textv: &str) -> Result<Termbase, (usize, String)> {
        let mut terms = Vec::new();
        for (i, line) in textv.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(s), Some(t)) = (cols.next(), cols.next()) else { return Err((i + 1, line.to_string())) };
            if s.trim().is_empty() || t.trim().is_empty() {
                return Err((i + 1, line.to_string()));
            }
            let note = cols.next().map(str::trim).filter(|n| !n.is_empty()).map(String::from);
            terms.push(Term { source: s.trim().to_string(), target: t.trim().to_string(), note });
        }
        Ok(Termbase { terms })
    }

    /// Reads the `from` -> `to` terms of a TBX file.
    pub(crate) fn parse_tbx(textv: &str, from: &LanguageTag, to: &LanguageTag) -> Result<Termbase, XmlError> {
        let root = xml::parse(textv)?;
        let mut entries = Vec::new();
        collect(&root, &mut entries);
        let mut terms = Vec::new();
        for entry in entries {
            let term_in = |lang: &LanguageTag| -> Option<String> {
                entry.elements().filter(|e| e.local_name() == "langSet" || e.local_name() == "langSec").find_map(|ls| {
                    let code = ls.attr("xml:lang").or_else(|| ls.attr("lang"))?;
                    let tag: LanguageTag = code.replace('_', "-").parse().ok()?;
                    if !tag.matches(lang) {
                        return None;
                    }
                    first_term(ls)
                })
            };
            if let (Some(s), Some(t)) = (term_in(from), term_in(to)) {
                terms.push(Term { source: s, target: t, note: None });
            }
        }
        Ok(Termbase { terms })
    }

    /// The terms `original` uses, with their preferred translations.
    pub(crate) fn used_in(&self, original: &str) -> Vec<&Term> {
        let words: Vec<String> = text::words(original).map(|(_, w)| w.to_lowercase()).collect();
        self.terms
            .iter()
            .filter(|t| {
                let needle: Vec<String> = text::words(&t.source).map(|(_, w)| stem(w)).collect();
                contains_words(&words, &needle)
            })
            .collect()
    }

    /// The terms `original` uses whose preferred translation `translation` does not use:
    /// (term, preferred translation).
    pub(crate) fn ignored(&self, original: &str, translation: &str) -> Vec<(String, String)> {
        let words: Vec<String> = text::words(translation).map(|(_, w)| w.to_lowercase()).collect();
        self.used_in(original)
            .into_iter()
            .filter(|t| {
                let mut needle: Vec<String> = text::words(&t.target).map(|(_, w)| w.to_lowercase()).collect();
                if needle.len() > 1 && matches!(needle[0].as_str(), "the" | "a" | "an") {
                    needle.remove(0);
                }
                let needle: Vec<String> = needle.iter().map(|w| stem(w)).collect();
                !contains_words(&words, &needle)
            })
            .map(|t| (t.source.clone(), t.target.clone()))
            .collect()
    }
}

fn collect<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        if matches!(c.local_name(), "termEntry" | "conceptEntry") {
            out.push(c);
        } else {
            collect(c, out);
        }
    }
}

fn first_term(e: &Element) -> Option<String> {
    for c in e.elements() {
        if c.local_name() == "term" {
            let t = c.text();
            if !t.trim().is_empty() {
                return Some(t.trim().to_string());
            }
        } else if let Some(t) = first_term(c) {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    #[test]
    fn tsv_terms_match_inflected_forms() {
        let tb = Termbase::parse_tsv("# sq -> en\nAleanca\tthe Alliance\nSamiti\tSummit\tNATO summits only\n\n")
            .expect("parses");
        assert_eq!(tb.terms.len(), 2);
        assert_eq!(tb.terms[1].note.as_deref(), Some("NATO summits only"));
        let o = "Siguria e Aleancës u diskutua në Samitin e Hagës.";
        assert_eq!(tb.used_in(o).len(), 2);
        assert!(tb.ignored(o, "The security of the Alliance was discussed at the Hague Summit.").is_empty());
        assert_eq!(
            tb.ignored(o, "The security of NATO was discussed at the Hague Summit."),
            [("Aleanca".to_string(), "the Alliance".to_string())]
        );
        assert_eq!(Termbase::parse_tsv("ok\tfine\nno tab here\n"), Err((2, "no tab here".to_string())));
    }

    #[test]
    fn tbx_terms() {
        let tbx = r#"<?xml version="1.0"?>
<martif type="TBX"><text><body>
  <termEntry id="1">
    <langSet xml:lang="sq"><tig><term>Aleanca</term></tig></langSet>
    <langSet xml:lang="en-GB"><tig><term>the Alliance</term></tig></langSet>
  </termEntry>
  <termEntry id="2"><langSet xml:lang="sq"><tig><term>Samiti</term></tig></langSet></termEntry>
</body></text></martif>"#;
        let tb = Termbase::parse_tbx(tbx, &tag("sq"), &tag("en")).expect("parses");
        assert_eq!(tb.terms, [Term { source: "Aleanca".into(), target: "the Alliance".into(), note: None }]);
    }
}
