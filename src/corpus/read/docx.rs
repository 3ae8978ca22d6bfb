//! Word documents (.docx): a zip of XML parts. The body's paragraphs (`w:p`, with their
//! runs' text; deleted text of tracked changes and field codes left out), which of them are
//! headings (paragraph styles `Title`, `Heading N`, or an outline level), and the core
//! properties (`dc:title`, `dc:creator`, `dcterms:created`).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::corpus::text::squeeze;
use crate::model::Date;

/// Parts larger than this (uncompressed) are refused: a zip bomb, not an article.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// What a Word document says.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Docx {
    /// `dc:title` of the core properties.
    pub title: Option<String>,
    /// `dc:creator`.
    pub creator: Option<String>,
    /// `dcterms:created`.
    pub created: Option<Date>,
    /// `dc:language`.
    pub language: Option<String>,
    /// Paragraphs in order: text, and whether it is a heading.
    pub paragraphs: Vec<(String, bool)>,
}

/// Why a .docx cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DocxError {
    /// Not a zip file.
    #[error("this is not a Word (.docx) file: {0}")]
    NotZip(String),
    /// The zip has no `word/document.xml`.
    #[error("the Word file has no document body (word/document.xml)")]
    NoBody,
    /// A part is too large.
    #[error("a part of the Word file is larger than {} MB", MAX_PART_BYTES / 1_000_000)]
    TooLarge,
    /// Broken XML.
    #[error("the Word file's XML is broken: {0}")]
    Xml(String),
}

/// Reads a .docx file.
pub(crate) fn parse(bytes: &[u8]) -> Result<Docx, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let body = part(&mut zip, "word/document.xml")?.ok_or(DocxError::NoBody)?;
    let mut doc = Docx { paragraphs: body_paragraphs(&body)?, ..Docx::default() };
    if let Some(core) = part(&mut zip, "docProps/core.xml")? {
        core_properties(&core, &mut doc)?;
    }
    Ok(doc)
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, DocxError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::NotZip(e.to_string())),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(DocxError::TooLarge);
    }
    let mut out = Vec::new();
    // Read at most the limit even if the header lies about the size.
    (&mut file).take(MAX_PART_BYTES + 1).read_to_end(&mut out).map_err(|e| DocxError::NotZip(e.to_string()))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::TooLarge);
    }
    Ok(Some(String::from_utf8_lossy(&out).into_owned()))
}

fn entity(name: &str) -> Option<String> {
    Some(match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse));
            char::from_u32(code?.ok()?)?.to_string()
        }
    })
}

fn body_paragraphs(xml: &str) -> Result<Vec<(String, bool)>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut in_p = false;
    let mut in_t = false;
    let mut heading = false;
    loop {
        let event = reader.read_event().map_err(|e| DocxError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                in_p = true;
                heading = false;
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Empty(e) | Event::Start(e) => match e.name().as_ref() {
                b"w:tab" | b"w:br" | b"w:cr" if in_p => text.push(' '),
                b"w:noBreakHyphen" if in_p => text.push('-'),
                b"w:pStyle" => {
                    if let Ok(Some(v)) = e.try_get_attribute("w:val") {
                        let style = String::from_utf8_lossy(&v.value).to_lowercase();
                        heading |= style.starts_with("heading")
                            || style == "title"
                            || style.starts_with("berschrift")
                            || style.starts_with("naslov")
                            || style.starts_with("titull");
                    }
                }
                b"w:outlineLvl" => heading = true,
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.decode().map_err(|e| DocxError::Xml(e.to_string()))?),
            Event::GeneralRef(r) if in_t => {
                let name = r.decode().map_err(|e| DocxError::Xml(e.to_string()))?;
                text.push_str(&entity(&name).unwrap_or_default());
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                in_p = false;
                let t = squeeze(&text);
                if !t.is_empty() {
                    out.push((t, heading));
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn core_properties(xml: &str, doc: &mut Docx) -> Result<(), DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut current: Option<Vec<u8>> = None;
    let mut value = String::new();
    loop {
        match reader.read_event().map_err(|e| DocxError::Xml(e.to_string()))? {
            Event::Start(e) => {
                current = Some(e.name().as_ref().to_vec());
                value.clear();
            }
            Event::Text(t) if current.is_some() => {
                value.push_str(&t.decode().map_err(|e| DocxError::Xml(e.to_string()))?)
            }
            Event::GeneralRef(r) if current.is_some() => {
                let name = r.decode().map_err(|e| DocxError::Xml(e.to_string()))?;
                value.push_str(&entity(&name).unwrap_or_default());
            }
            Event::End(_) => {
                let v = squeeze(&value);
                match current.take().as_deref() {
                    Some(b"dc:title") if !v.is_empty() => doc.title = Some(v),
                    Some(b"dc:creator") if !v.is_empty() => doc.creator = Some(v),
                    Some(b"dc:language") if !v.is_empty() => doc.language = Some(v),
                    Some(b"dcterms:created") => doc.created = crate::corpus::read::html::iso_date(&v),
                    _ => {}
                }
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Builds a minimal .docx in memory (for tests and examples): paragraphs as (text,
/// heading), and core properties.
pub fn build(
    paragraphs: &[(&str, bool)],
    title: Option<&str>,
    creator: Option<&str>,
    created: Option<&str>,
) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for (text, heading) in paragraphs {
        body.push_str("<w:p>");
        if *heading {
            body.push_str(r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"#);
        }
        body.push_str(&format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, esc(text)));
    }
    body.push_str("</w:body></w:document>");
    let mut core = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    if let Some(t) = title {
        core.push_str(&format!("<dc:title>{}</dc:title>", esc(t)));
    }
    if let Some(c) = creator {
        core.push_str(&format!("<dc:creator>{}</dc:creator>", esc(c)));
    }
    if let Some(d) = created {
        core.push_str(&format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created>"#));
    }
    core.push_str("</cp:coreProperties>");
    let mut buf = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        for (name, content) in [("word/document.xml", body), ("docProps/core.xml", core)] {
            if zip.start_file(name, options).is_ok() {
                let _ = zip.write_all(content.as_bytes());
            }
        }
        let _ = zip.finish();
    }
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_properties() {
        let bytes = build(
            &[("Samiti i NATO-s në Hagë", true), ("Krerët e shteteve u mblodhën më 24 qershor 2025 & folën.", false)],
            Some("Samiti"),
            Some("Ministria e Jashtme"),
            Some("2025-06-25T10:00:00Z"),
        );
        let doc = parse(&bytes).expect("reads");
        assert_eq!(doc.title.as_deref(), Some("Samiti"));
        assert_eq!(doc.creator.as_deref(), Some("Ministria e Jashtme"));
        assert_eq!(doc.created.map(|d| d.to_string()).as_deref(), Some("2025-06-25"));
        assert_eq!(
            doc.paragraphs,
            [
                ("Samiti i NATO-s në Hagë".to_string(), true),
                ("Krerët e shteteve u mblodhën më 24 qershor 2025 & folën.".to_string(), false)
            ]
        );
    }

    #[test]
    fn tracked_deletions_and_tabs() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Ministri</w:t></w:r><w:r><w:tab/><w:t>foli</w:t></w:r><w:del><w:r><w:delText>fshirë</w:delText></w:r></w:del></w:p></w:body></w:document>"#;
        assert_eq!(body_paragraphs(xml).expect("xml"), [("Ministri foli".to_string(), false)]);
    }

    #[test]
    fn not_a_docx() {
        assert!(matches!(parse(b"PK\x03\x04garbage"), Err(DocxError::NotZip(_))));
        assert!(matches!(parse(b"plain text"), Err(DocxError::NotZip(_))));
    }
}
