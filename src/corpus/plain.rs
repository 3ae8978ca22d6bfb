//! Plain text and Markdown files without front matter.
//!
//! The id comes from the file's path (a slug), the title from the first heading or line;
//! the language is detected afterwards. Text copied from web pages carries navigation
//! debris ("about us", address blocks repeated in header and footer, "Previous …" links):
//! paragraphs that repeat, that are only a navigation phrase of the vocabulary, or that
//! start with one and are no sentence, are dropped, as is a second copy of the title.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::lexicon::{Lexicon, fold_words};
use super::text::{squeeze, words};
use crate::model::Paragraph;

/// Title and paragraphs read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// The title, when the file has one.
    pub title: Option<String>,
    /// The paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// The id of a document read from `rel` (a path inside the corpus folder): the path
/// without its extension, as a slug ("notes/Takimi i NATO-s.txt" -> "notes-takimi-i-nato-s").
pub fn id_from_path(rel: &Path) -> String {
    let stem = rel.with_extension("");
    let joined: Vec<String> = stem.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    super::text::slug(&joined.join("-"))
}

/// Reads a plain text file: paragraphs at blank lines, the first line as title.
pub fn text(body: &str, lexicon: &Lexicon) -> Body {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut paragraphs = super::frontmatter::split_paragraphs(body, 1);
    let mut separate = false;
    let title = match paragraphs.first() {
        Some(first) => {
            let first_line = body.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string();
            let title = clean_title(&first_line);
            // A one-line first paragraph is the title, not body text.
            if first.text == first_line && looks_like_title(&first_line) {
                paragraphs.remove(0);
                separate = true;
            }
            Some(title)
        }
        None => None,
    };
    // Copies of a title that stood on its own line are page debris.
    let paragraphs = drop_debris(paragraphs, title.as_deref().filter(|_| separate), lexicon);
    Body { title: title.filter(|t| !t.is_empty()), paragraphs }
}

/// Reads a Markdown file: headings, paragraphs, list items and quotes become paragraphs;
/// the first heading is the title.
pub fn markdown(body: &str, lexicon: &Lexicon) -> Body {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut title: Option<String> = None;
    let mut current = String::new();
    let mut start_line = 1;
    let mut depth = 0usize;
    let line_of = |offset: usize| body[..offset].matches('\n').count() + 1;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                current.clear();
                start_line = line_of(range.start);
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                depth += 1;
                if depth == 1 {
                    current.clear();
                    start_line = line_of(range.start);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = squeeze(&current);
                if title.is_none() && !text.is_empty() {
                    title = Some(text);
                } else if !text.is_empty() {
                    paragraphs.push(Paragraph::new(text, start_line));
                }
                current.clear();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let text = squeeze(&current);
                    if !text.is_empty() {
                        paragraphs.push(Paragraph::new(text, start_line));
                    }
                    current.clear();
                } else {
                    current.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    let mut separate = title.is_some();
    if title.is_none()
        && let Some(first) = paragraphs.first()
    {
        let line = first.text.clone();
        if looks_like_title(&line) {
            paragraphs.remove(0);
            separate = true;
        }
        title = Some(clean_title(&line));
    }
    let paragraphs = drop_debris(paragraphs, title.as_deref().filter(|_| separate), lexicon);
    Body { title, paragraphs }
}

/// A title without the separators pages put around it ("Headline -", "Headline | Site").
pub fn clean_title(line: &str) -> String {
    let t = squeeze(line);
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | ':'));
    let t = t.trim_start_matches('#').trim();
    if t.chars().count() > 200 {
        let cut: String = t.chars().take(200).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a).to_string();
        return format!("{cut}…");
    }
    t.to_string()
}

/// Whether a line reads as a title rather than a sentence of body text.
fn looks_like_title(line: &str) -> bool {
    let n = line.split_whitespace().count();
    n <= 30 && !(line.ends_with(['.', '?', '!']) && n > 12)
}

/// Drops navigation debris: repeated short paragraphs (every copy), navigation phrases,
/// "Previous …" lines, and copies of the title.
pub fn drop_debris(paragraphs: Vec<Paragraph>, title: Option<&str>, lexicon: &Lexicon) -> Vec<Paragraph> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for p in &paragraphs {
        *counts.entry(p.text.clone()).or_default() += 1;
    }
    let title_key = title.map(|t| clean_title(t).to_lowercase());
    paragraphs
        .into_iter()
        .filter(|p| {
            let repeated = counts.get(&p.text).copied().unwrap_or(0) > 1 && p.text.len() < 300;
            let is_title = title_key.as_deref().is_some_and(|t| clean_title(&p.text).to_lowercase() == t);
            !repeated && !is_title && !is_navigation(&p.text, lexicon)
        })
        .collect()
}

/// Whether a paragraph is a navigation line: only a debris phrase ("Contact", "Lexo më
/// shumë"), or a line that starts with one ("Previous …") and is no sentence.
pub fn is_navigation(text: &str, lexicon: &Lexicon) -> bool {
    let w = words(text);
    if w.is_empty() {
        return true;
    }
    let folded = fold_words(&w);
    let m = &lexicon.m;
    if let Some(x) = m.boilerplate.at(text, &w, &folded, 0)
        && x.words.end == w.len()
    {
        return true;
    }
    let sentence = text.trim_end().ends_with(['.', '!', '?', '"', '”', '»']);
    m.boilerplate_starts.at(text, &w, &folded, 0).is_some() && !sentence && w.len() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_paths() {
        assert_eq!(id_from_path(Path::new("Takimi i NATO-s.txt")), "takimi-i-nato-s");
        assert_eq!(id_from_path(Path::new("notes/Самит у Хагу.md")), "notes-samit-u-hagu");
        assert_eq!(id_from_path(Path::new("report.en.txt")), "report.en");
    }

    #[test]
    fn web_page_text_loses_its_debris() {
        let text = "NATO Ministerial in Brussels, Minister Highlights Cohesion -\n\nabout us\n\nContact\n\n\
                    Bulevardi \"Dëshmorët e Kombit\",\nTiranë, Shqipëri.\n\nContact\n\n\
                    Bulevardi \"Dëshmorët e Kombit\",\nTiranë, Shqipëri.\n\n\
                    NATO Ministerial in Brussels, Minister Highlights Cohesion\n\n\
                    Brussels, December 4, 2024 – The minister attended the meeting.\n\n\
                    He spoke about the Western Balkans.\n\n\
                    Previous Minister Says Disinformation Should Be Defined in the Penal Code\n";
        let body = text_body(text);
        assert_eq!(body.title.as_deref(), Some("NATO Ministerial in Brussels, Minister Highlights Cohesion"));
        let paras: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            paras,
            ["Brussels, December 4, 2024 – The minister attended the meeting.", "He spoke about the Western Balkans."]
        );
        assert_eq!(body.paragraphs[0].line, 17);
    }

    fn text_body(t: &str) -> Body {
        text(t, Lexicon::builtin())
    }

    #[test]
    fn a_long_first_line_stays_in_the_body() {
        let first = "Ministrat e Mbrojtjes të vendeve aleate do të mblidhen në Bruksel më 12 shkurt 2026, në kuadër të \
                     takimit të radhës ministror, për të diskutuar mbështetjen për Ukrainën.";
        let body = text_body(&format!("{first}\n\nParagrafi i dytë.\n"));
        assert_eq!(body.paragraphs.len(), 2);
        assert!(body.title.as_deref().is_some_and(|t| t.starts_with("Ministrat e Mbrojtjes")));
    }

    #[test]
    fn markdown_headings_lists_and_quotes() {
        let md = "# Samit NATO-a u Hagu\n\nPrvi pasus\nse nastavlja.\n\n## Detalji\n\n- Prva stavka\n- Druga *stavka*\n\n\
                  > Citat.\n";
        let body = markdown(md, Lexicon::builtin());
        assert_eq!(body.title.as_deref(), Some("Samit NATO-a u Hagu"));
        let paras: Vec<(&str, usize)> = body.paragraphs.iter().map(|p| (p.text.as_str(), p.line)).collect();
        assert_eq!(
            paras,
            [("Prvi pasus se nastavlja.", 3), ("Detalji", 6), ("Prva stavka", 8), ("Druga stavka", 9), ("Citat.", 11)]
        );
    }
}
