//! How the book names its sources: the one short citation every excerpt, figure and
//! meeting card uses ("[3] Telegrafi · 12 February 2026"), and the entries of the source
//! list, which read well whatever metadata a document lacks (no empty title, no doubled
//! full stop, the labels' word for "no date").

use super::{Labels, SourceEntry};
use crate::model::Document;

/// Whether a piece of metadata says something: it has a letter or a digit (a title such
/// as "×" or "–" does not).
pub(super) fn says_something(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The title a source is listed under: its own title, else its file's name, else its id.
pub(super) fn title_of(doc: &Document) -> String {
    let own = doc.meta.title.trim();
    if says_something(own) {
        return own.to_string();
    }
    let stem = doc.path.file_stem().map(|s| s.to_string_lossy().replace('_', " ")).unwrap_or_default();
    // `telegrafi.en.md` names the file of a translation: the language part is not the title.
    let stem = match stem.rsplit_once('.') {
        Some((name, lang)) if (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase()) => name,
        _ => stem.as_str(),
    }
    .trim();
    if says_something(stem) {
        return stem.to_string();
    }
    doc.meta.id.clone()
}

/// Publisher, translator and other names: kept only when they say something.
pub(super) fn name(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim()).filter(|v| says_something(v)).map(str::to_string)
}

/// `text` closed with a full stop, unless it ends with one already (or with `?`, `!`, `…`,
/// or one of them before a closing quote or bracket).
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    let last = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']).chars().last();
    if matches!(last, Some('.' | '?' | '!' | '…')) || text.is_empty() { text.to_string() } else { format!("{text}.") }
}

impl SourceEntry {
    /// The source's name in a citation: the publisher, or the title when it has none.
    pub(crate) fn name(&self) -> &str {
        self.publisher.as_deref().unwrap_or(&self.title)
    }

    /// The date, or the labels' word for an undated source.
    pub(crate) fn date_or<'a>(&'a self, labels: &'a Labels) -> &'a str {
        self.date.as_deref().unwrap_or(&labels.no_date)
    }

    /// The short citation used everywhere in the book: "[3] Telegrafi · 12 February 2026".
    pub(crate) fn cite(&self, labels: &Labels) -> String {
        format!("[{}] {}", self.number, self.cite_rest(labels))
    }

    /// The citation without its number: "Telegrafi · 12 February 2026" (a name's closing
    /// full stop would stand before the dot).
    pub(crate) fn cite_rest(&self, labels: &Labels) -> String {
        let name = self.name();
        let name = name.strip_suffix('.').filter(|n| !n.ends_with('.')).unwrap_or(name);
        format!("{name} · {}", self.date_or(labels))
    }

    /// The entry in the source list, in pieces; `true` marks the title (set in italics):
    /// "Telegrafi. *Ministrat e Mbrojtjes…* 12 February 2026. Albanian." Each piece ends
    /// with one full stop, however the metadata ends.
    pub(crate) fn entry(&self, labels: &Labels) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        if let Some(p) = &self.publisher {
            out.push((format!("{} ", sentence(p)), false));
        }
        out.push((format!("{} ", sentence(&self.title)), true));
        out.push((format!("{} ", sentence(self.date_or(labels))), false));
        let mut tail = self.language.clone();
        if let Some(t) = &self.translator {
            tail.push_str(", ");
            tail.push_str(&labels.translated_by.replace("{translator}", t));
        }
        if let Some(n) = self.translation_of {
            tail.push_str("; ");
            tail.push_str(&labels.translation_of.replace("{number}", &n.to_string()));
        }
        out.push((sentence(&tail), false));
        out
    }

    /// The entry as plain text (what a reader sees).
    #[cfg(test)]
    pub(crate) fn entry_text(&self, labels: &Labels) -> String {
        self.entry(labels).into_iter().map(|(t, _)| t).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_gets_one_full_stop() {
        assert_eq!(sentence("Bruksel."), "Bruksel.");
        assert_eq!(sentence("Bruksel"), "Bruksel.");
        assert_eq!(sentence("What next?"), "What next?");
        assert_eq!(sentence("“Quoted.”"), "“Quoted.”");
        assert_eq!(sentence("  Trailing space  "), "Trailing space.");
    }

    #[test]
    fn something_is_said_by_letters_or_digits() {
        assert!(!says_something("×"));
        assert!(!says_something(" – "));
        assert!(says_something("Ё"));
        assert!(says_something("2026"));
    }
}
