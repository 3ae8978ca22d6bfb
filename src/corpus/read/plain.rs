//! Plain text and Markdown files without front matter.
//!
//! The id comes from the file's path (a slug), the title from the first heading or line;
//! the language is detected afterwards. Text copied from web pages carries navigation
//! debris ("about us", address blocks repeated in header and footer, "Previous …" links):
//! paragraphs that repeat, that are only a navigation phrase of the vocabulary, or that
//! start with one and are no sentence, are dropped, as is a second copy of the title.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::corpus::find::lexicon::{Lexicon, fold_words};
use crate::corpus::text::{squeeze, words};
use crate::model::Paragraph;

/// Title and paragraphs read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Body {
    /// The title, when the file has one.
    pub title: Option<String>,
    /// The paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// A publication date the text gives on a line of its own ("Thursday, January 15, 2026").
    pub published: Option<crate::model::Date>,
}

/// The id of a document read from `rel` (a path inside the corpus folder): the path
/// without its extension, as a slug ("notes/Takimi i NATO-s.txt" -> "notes-takimi-i-nato-s").
pub(crate) fn id_from_path(rel: &Path) -> String {
    let stem = rel.with_extension("");
    let joined: Vec<String> = stem.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    crate::corpus::text::slug(&joined.join("-"))
}

/// Reads a plain text file as people paste it: paragraphs at blank lines (or, in text
/// without blank lines, at the line breaks that end sentences, joining hard-wrapped lines);
/// the first real line as title (never a symbol or a date); a line that is only a date is
/// the publication date, not a paragraph; captions, image credits and page debris go.
pub(crate) fn text(body: &str, lexicon: &Lexicon) -> Body {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut paragraphs = split_lines(body);
    // Lines before the title that are no title: symbols ("×", "•"), dates, debris.
    let mut published = None;
    while let Some(first) = paragraphs.first() {
        let t = first.text.trim();
        let no_letters = !t.chars().any(char::is_alphabetic);
        if no_letters || is_navigation(t, lexicon) {
            paragraphs.remove(0);
        } else if let Some(d) = date_line(t, lexicon) {
            published = published.or(Some(d));
            paragraphs.remove(0);
        } else {
            break;
        }
    }
    let mut separate = false;
    let title = match paragraphs.first() {
        Some(first) => {
            let first_line = first.text.lines().next().unwrap_or("").trim().to_string();
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
    // A date on a line of its own near the top is the publication date.
    let mut kept = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.into_iter().enumerate() {
        if i < 4
            && let Some(d) = date_line(&p.text, lexicon)
        {
            published = published.or(Some(d));
            continue;
        }
        kept.push(p);
    }
    // Copies of a title that stood on its own line are page debris.
    let paragraphs = drop_debris(kept, title.as_deref().filter(|_| separate), lexicon);
    Body { title: title.filter(|t| !t.is_empty()), paragraphs, published }
}

/// The date a line is, when it is nothing but a date (with a weekday, a time or a
/// "Published:" word around it at most).
fn date_line(line: &str, lexicon: &Lexicon) -> Option<crate::model::Date> {
    let line = line.trim();
    if line.chars().count() > 60 {
        return None;
    }
    let und: crate::model::LanguageTag = "und".parse().ok()?;
    let found = crate::corpus::find::dates::find(line, &und, None, lexicon);
    let d = found
        .iter()
        .find(|d| d.precision == crate::corpus::find::dates::Precision::Day && !d.inferred && !d.no_year)?;
    let rest: String = format!("{} {}", &line[..d.span.start], &line[d.span.end..]);
    // What is left may be a weekday, a time, a label: at most three short words.
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    (words.len() <= 2 && words.iter().all(|w| w.chars().count() <= 12)).then_some(d.start).flatten()
}

/// Paragraphs of plain text. Blank lines separate paragraphs; in text without blank lines
/// between its lines, a line break ends a paragraph where a sentence ends, except in
/// hard-wrapped text, where only a line clearly shorter than the others does.
fn split_lines(body: &str) -> Vec<Paragraph> {
    let blocks = crate::corpus::read::frontmatter::split_paragraphs(body, 1);
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = body.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).collect();
    for block in blocks {
        // The block's own lines.
        let block_lines: Vec<(usize, &str)> =
            lines.iter().copied().skip(block.line - 1).take_while(|(_, l)| !l.is_empty()).collect();
        if block_lines.len() < 3 {
            out.push(block);
            continue;
        }
        let mut lengths: Vec<usize> = block_lines.iter().map(|(_, l)| l.chars().count()).collect();
        lengths.sort_unstable();
        let width = lengths[lengths.len() * 9 / 10];
        let median = lengths[lengths.len() / 2];
        let hard_wrapped = width <= 100 && median * 10 >= width * 7;
        let ends_sentence = |l: &str| l.ends_with(['.', '!', '?', '"', '”', '»', ':', '“']);
        let mut current: Option<Paragraph> = None;
        for (k, (line_no, l)) in block_lines.iter().enumerate() {
            match &mut current {
                Some(p) => {
                    p.text.push(' ');
                    p.text.push_str(l);
                }
                None => current = Some(Paragraph::new(*l, *line_no)),
            }
            let next = block_lines.get(k + 1).map(|(_, n)| *n);
            let next_starts = next.is_some_and(|n| n.chars().next().is_some_and(|c| !c.is_lowercase()));
            // In wrapped text a line ends a paragraph when the next line's first word
            // would have fitted on it.
            let room = next.map_or(0, |n| n.split_whitespace().next().map_or(0, |w| w.chars().count() + 1));
            let short = l.chars().count() + room <= width.saturating_sub(2);
            let breaks = next.is_none() || (next_starts && (!hard_wrapped || short && ends_sentence(l)));
            if breaks {
                out.extend(current.take());
            }
        }
        out.extend(current);
    }
    out
}

/// Reads a Markdown file: headings, paragraphs, list items and quotes become paragraphs;
/// the first heading is the title.
pub(crate) fn markdown(body: &str, lexicon: &Lexicon) -> Body {
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
    Body { title, paragraphs, published: None }
}

/// A title without the separators pages put around it ("Headline -", "Headline | Site").
pub(crate) fn clean_title(line: &str) -> String {
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
pub(crate) fn drop_debris(paragraphs: Vec<Paragraph>, title: Option<&str>, lexicon: &Lexicon) -> Vec<Paragraph> {
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
pub(crate) fn is_navigation(text: &str, lexicon: &Lexicon) -> bool {
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
    fn pasted_text_symbols_dates_and_single_line_breaks() {
        let text = "×\nMinistrat takohen në Vjenë\nThursday, January 15, 2026\nMinistrat e jashtëm të OSBE-së u mblodhën \
                    sot në Vjenë.\nTakimi zgjati dy ditë.\nAta diskutuan sigurinë.\n";
        let body = text_body(text);
        assert_eq!(body.title.as_deref(), Some("Ministrat takohen në Vjenë"));
        assert_eq!(body.published.map(|d| d.to_string()).as_deref(), Some("2026-01-15"));
        let paras: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            paras,
            [
                "Ministrat e jashtëm të OSBE-së u mblodhën sot në Vjenë.",
                "Takimi zgjati dy ditë.",
                "Ata diskutuan sigurinë."
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_its_lines() {
        let text = "Title of the piece\n\nThe foreign ministers of the Western Balkans met in\nSkopje on Monday to \
                    discuss the common regional market and\nthe next steps of the Berlin Process. They agreed\non a \
                    declaration.\nA second paragraph starts here after a short line and\ngoes on for a while \
                    before it stops at the end of the text.\n";
        let body = text_body(text);
        let paras: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert!(paras[0].ends_with("on a declaration."));
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
