//! The source document format: TOML front matter between `+++` lines (the convention of
//! Zola and Hugo), then the body, paragraphs separated by blank lines.
//!
//! ```text
//! +++
//! id = "telegrafi-2026-02-nato-defence-ministers"
//! title = "NATO mblidhet në Bruksel ..."
//! language = "sq"
//! +++
//!
//! First paragraph.
//!
//! Second paragraph.
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{self, Diagnostic, Pos};
use crate::model::{Document, DocumentMeta, Paragraph};

/// Where each top-level front-matter key stands in the file, so that checks made later
/// (duplicate ids, dangling `translation_of`) can point at the right line.
pub(crate) type KeyPositions = BTreeMap<String, Pos>;

/// Parses a document. `path` is used for diagnostics and recorded in the document.
pub(crate) fn parse(path: &Path, text: &str) -> Result<(Document, KeyPositions), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(Diagnostic::error("the document does not start with a `+++` front matter line")
            .in_file(path)
            .at(Some(Pos { line: 1, col: 1 }))
            .with_hint("begin the file with `+++`, then id, title and language, then `+++`"));
    }
    // Find the closing `+++`.
    let fm_start = first.len();
    let mut offset = fm_start;
    let mut fm_end = None;
    for line in lines {
        if line.trim_end() == "+++" {
            fm_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = fm_end else {
        return Err(Diagnostic::error("the front matter is never closed by a `+++` line")
            .in_file(path)
            .at(Some(Pos { line: 1, col: 1 })));
    };
    let front = &text[fm_start..fm_end];
    let meta: DocumentMeta = toml::from_str(front).map_err(|e| {
        let mut d = diag::from_toml_error(&e, path, front, 1);
        if d.message.starts_with("missing field") {
            d.pos = Some(Pos { line: 1, col: 1 });
            d = d.with_hint("every document needs `id`, `title` and `language`");
        }
        if d.message.starts_with("unknown field") {
            d = d.with_hint(
                "allowed fields: id, title, publisher, url, published, language, translation_of, \
                 translator, kind, tags, author",
            );
        }
        d
    })?;
    let positions = key_positions(front);
    if let Some(pos) = positions.get("provenance") {
        return Err(Diagnostic::error("unknown field `provenance`: briefbook fills it when it reads a file")
            .in_file(path)
            .at(Some(*pos)));
    }
    let check = |ok: bool, key: &str, message: String| -> Result<(), Diagnostic> {
        if ok {
            return Ok(());
        }
        Err(Diagnostic::error(message).in_file(path).at(positions.get(key).copied()))
    };
    check(
        is_slug(&meta.id),
        "id",
        format!(
            "`{}` is not a valid id: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit",
            meta.id
        ),
    )?;
    check(!meta.title.trim().is_empty(), "title", "the title is empty".into())?;
    if let Some(url) = &meta.url {
        check(
            url.starts_with("http://") || url.starts_with("https://"),
            "url",
            format!("`{url}` is not an http or https address"),
        )?;
    }

    let body_line = text[..body_start].matches('\n').count() + 1;
    let paragraphs = split_paragraphs(&text[body_start..], body_line);
    let document = Document { meta, paragraphs, path: path.to_path_buf() };
    Ok((document, positions))
}

/// Whether `s` is a usable document id.
pub(crate) fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// The positions of the top-level keys of a TOML text (1-based, relative to the file
/// when the text sits below one `+++` line).
fn key_positions(front: &str) -> KeyPositions {
    let mut out = KeyPositions::new();
    if let Ok(table) = toml::de::DeTable::parse(front) {
        for (key, _) in table.get_ref().iter() {
            out.insert(key.get_ref().to_string(), Pos::of_offset(front, key.span().start).shifted(1));
        }
    }
    out
}

/// Splits a body into paragraphs at blank lines; lines inside a paragraph are joined with
/// a space. `first_line` is the file line of the body's first line.
pub(crate) fn split_paragraphs(body: &str, first_line: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (i, line) in body.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(line);
            }
            None => current = Some(Paragraph::new(line, first_line + i)),
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nid = \"a-1\"\ntitle = \"Titulli\"\nlanguage = \"sq\"\npublished = 2026-02-12\n+++\n\nParagrafi i parë\nvazhdon.\n\n\nI dyti.\n";

    #[test]
    fn parses_meta_and_paragraphs() {
        let (doc, pos) = parse(Path::new("a.md"), GOOD).expect("parses");
        assert_eq!(doc.meta.id, "a-1");
        assert_eq!(doc.meta.language.as_str(), "sq");
        assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2026-02-12"));
        let texts: Vec<_> = doc.paragraphs.iter().map(|p| (p.text.as_str(), p.line)).collect();
        assert_eq!(texts, [("Paragrafi i parë vazhdon.", 8), ("I dyti.", 12)]);
        assert_eq!(pos["language"], Pos { line: 4, col: 1 });
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
        let (doc, _) = parse(Path::new("a.md"), &text).expect("parses");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.paragraphs[1].text, "I dyti.");
    }

    fn error_of(text: &str) -> String {
        parse(Path::new("d.md"), text).expect_err("must fail").to_string()
    }

    #[test]
    fn missing_required_field_names_file_and_field() {
        let e = error_of("+++\nid = \"a\"\nlanguage = \"en\"\n+++\nBody\n");
        assert!(e.starts_with("error: d.md:1:1: missing field `title`"), "{e}");
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let e = error_of("+++\nid = \"a\"\ntitle = \"T\"\nlanguage = \"en\"\npubished = 2024-01-01\n+++\n");
        assert!(e.starts_with("error: d.md:5:1: unknown field `pubished`"), "{e}");
        assert!(e.contains("allowed fields"), "{e}");
    }

    #[test]
    fn bad_date_points_at_the_value() {
        let e = error_of("+++\nid = \"a\"\ntitle = \"T\"\nlanguage = \"en\"\npublished = \"2024-02-30\"\n+++\n");
        assert!(e.starts_with("error: d.md:5:13: 2024-02-30 is not a day of the calendar"), "{e}");
        let e = error_of("+++\nid = \"a\"\ntitle = \"T\"\nlanguage = \"en\"\npublished = 2024-13-01\n+++\n");
        assert!(e.starts_with("error: d.md:5:"), "{e}");
    }

    #[test]
    fn bad_language_and_id_and_url() {
        let e = error_of("+++\nid = \"a\"\ntitle = \"T\"\nlanguage = \"Albanian\"\n+++\n");
        assert!(e.starts_with("error: d.md:4:12: `Albanian` is not a BCP 47 language tag"), "{e}");
        let e = error_of("+++\nid = \"Bad Id\"\ntitle = \"T\"\nlanguage = \"en\"\n+++\n");
        assert!(e.starts_with("error: d.md:2:1: `Bad Id` is not a valid id"), "{e}");
        let e = error_of("+++\nid = \"a\"\ntitle = \"T\"\nlanguage = \"en\"\nurl = \"javascript:alert(1)\"\n+++\n");
        assert!(e.starts_with("error: d.md:5:1: `javascript:alert(1)` is not an http"), "{e}");
    }

    #[test]
    fn unclosed_or_missing_front_matter() {
        assert!(error_of("+++\nid = \"a\"\n").contains("never closed"));
        assert!(error_of("Just text\n").contains("does not start with a `+++`"));
        assert!(error_of("").contains("does not start with a `+++`"));
    }

    #[test]
    fn broken_toml_points_at_line() {
        let e = error_of("+++\nid = \"a\"\ntitle = \"unterminated\nlanguage = \"en\"\n+++\n");
        assert!(e.starts_with("error: d.md:3:"), "{e}");
    }
}
