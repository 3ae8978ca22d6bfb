//! Annexes: existing PDFs (an official declaration, an agenda) appended to the book page by
//! page, as board portals do. Here the file is read and checked (a PDF, not broken, not
//! encrypted, its pages counted and measured, whether it says it is PDF/A); the `pdf` module
//! copies the pages into the book.
//!
//! [`super::resolve`] stays pure: it leaves each annex empty, and [`load`] (called by the
//! workspace, which owns the file access) reads the files through the [`Files`] world.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Book, Key, Locator, SectionContent, leaves_folder};
use crate::corpus::Files;
use crate::diag::Diagnostic;
use crate::model::{Brief, SectionKind};

/// Annex files larger than this are not read (200 MB).
pub(crate) const MAX_ANNEX_BYTES: u64 = 200_000_000;

/// A stream of an annex decoded while reading it may be at most this large (64 MB).
pub(crate) const MAX_STREAM_BYTES: usize = 64_000_000;

/// An annex as the book shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annex {
    /// The path as the brief writes it.
    pub file: String,
    /// The file, relative to the brief file's folder.
    pub path: PathBuf,
    /// Its pages; empty until [`load`] has read the file (or when it could not).
    pub pages: Vec<AnnexPage>,
    /// Whether its XMP metadata identifies it as PDF/A (`pdfaid:part`).
    pub pdfa: bool,
    /// The file's bytes, which the PDF writer copies the pages from.
    pub bytes: AnnexBytes,
}

/// The size of a page of an annex as it is shown (its crop box, turned by its `/Rotate`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnexPage {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
}

/// The bytes of an annex file, shared; printed as their length.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AnnexBytes(pub Arc<Vec<u8>>);

impl std::fmt::Debug for AnnexBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AnnexBytes({} bytes)", self.0.len())
    }
}

/// Why an annex file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AnnexError {
    /// The file does not start like a PDF.
    #[error("is not a PDF file")]
    NotPdf,
    /// The file is encrypted (even one that opens without a password may forbid copying).
    #[error("is an encrypted PDF; briefbook appends only unencrypted PDFs")]
    Encrypted,
    /// The PDF could not be parsed.
    #[error("is a broken PDF ({0})")]
    Broken(String),
    /// The PDF has no page.
    #[error("is a PDF without pages")]
    NoPages,
}

/// The geometry of one page of a PDF: its visible box and its turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageGeometry {
    /// The crop box (or media box): left, bottom, right, top, in the page's own units.
    pub bbox: [f32; 4],
    /// Clockwise turn when shown: 0, 90, 180 or 270.
    pub rotate: i64,
}

impl PageGeometry {
    /// Width and height as shown.
    pub(crate) fn shown(&self) -> (f32, f32) {
        let (w, h) = ((self.bbox[2] - self.bbox[0]).abs(), (self.bbox[3] - self.bbox[1]).abs());
        if self.rotate % 180 == 0 { (w, h) } else { (h, w) }
    }
}

/// A key of a page, looked up through the page tree (`/MediaBox`, `/CropBox`, `/Rotate`
/// and `/Resources` are inherited).
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict: &Dictionary = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(v) = dict.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn rect(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let a = o.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (i, v) in a.iter().enumerate() {
        r[i] = number(doc.dereference(v).ok()?.1)?;
    }
    Some([r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])])
}

/// The geometry of a page: crop box (within the media box) or media box, A4 when neither
/// can be read, and its rotation.
pub(crate) fn page_geometry(doc: &Document, page: ObjectId) -> PageGeometry {
    let media = inherited(doc, page, b"MediaBox").and_then(|o| rect(doc, o)).unwrap_or([0.0, 0.0, 595.276, 841.89]);
    let bbox = match inherited(doc, page, b"CropBox").and_then(|o| rect(doc, o)) {
        Some(c) => {
            let b = [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])];
            if b[2] > b[0] && b[3] > b[1] { b } else { media }
        }
        None => media,
    };
    let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360) / 90 * 90;
    PageGeometry { bbox, rotate }
}

/// Parses an annex file: the PDF, or why it cannot be used.
pub(crate) fn parse(bytes: &[u8]) -> Result<Document, AnnexError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(AnnexError::NotPdf);
    }
    // Object and cross-reference streams are decoded while loading: bounded, so a small
    // file cannot inflate into gigabytes (a decompression bomb).
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..Default::default() };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => {
            if bytes.windows(8).any(|w| w == b"/Encrypt") {
                return Err(AnnexError::Encrypted);
            }
            return Err(AnnexError::Broken(e.to_string()));
        }
    };
    if doc.trailer.get(b"Encrypt").is_ok() || doc.is_encrypted() || doc.was_encrypted() {
        return Err(AnnexError::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(AnnexError::NoPages);
    }
    Ok(doc)
}

/// Whether the document's XMP metadata carries a PDF/A identification.
pub(crate) fn is_pdfa(doc: &Document) -> bool {
    let Some(stream) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok())
        .and_then(|m| doc.dereference(m).ok())
        .and_then(|(_, o)| o.as_stream().ok())
    else {
        return false;
    };
    let content = stream.decompressed_content_with_limit(MAX_STREAM_BYTES).unwrap_or_else(|_| stream.content.clone());
    content.windows(11).any(|w| w == b"pdfaid:part")
}

/// Reads an annex's pages and PDF/A identification from its bytes.
pub(crate) fn inspect(bytes: &[u8]) -> Result<(Vec<AnnexPage>, bool), AnnexError> {
    let doc = parse(bytes)?;
    let pages = doc
        .get_pages()
        .values()
        .map(|&id| {
            let (width, height) = page_geometry(&doc, id).shown();
            AnnexPage { width, height }
        })
        .collect();
    Ok((pages, is_pdfa(&doc)))
}

/// Reads the file of every annex section of `book` through `files` and fills in its pages,
/// bytes and PDF/A flag. Returns the problems, each at the `file` key of its section in
/// `brief_text`: a path that leaves the brief's folder (without `allow_outside_paths`), a
/// file that is missing, too large, not a PDF, broken or encrypted (errors); an annex that
/// is not PDF/A (a warning: the book then leaves out its own PDF/A identification).
pub(crate) fn load(
    book: &mut Book,
    brief: &Brief,
    files: &dyn Files,
    brief_path: &Path,
    brief_text: &str,
) -> Vec<Diagnostic> {
    let locator = Locator::new(brief_text);
    let base = brief_path.parent().unwrap_or(Path::new(""));
    let mut diags = Vec::new();
    for (si, (section, content)) in brief.sections.iter().zip(&mut book.sections).enumerate() {
        let SectionContent::Annex(annex) = &mut content.content else { continue };
        if section.kind != SectionKind::Annex {
            continue;
        }
        let pos = locator
            .at(&[Key::Name("section"), Key::Index(si), Key::Name("file")])
            .or_else(|| locator.at(&[Key::Name("section"), Key::Index(si)]));
        let error = |message: String, hint: &str| {
            Diagnostic::error(message)
                .in_file(brief_path)
                .at(pos)
                .in_section(si)
                .at_key(format!("section[{si}].file"))
                .with_hint(hint)
        };
        let file = section.file.trim();
        if file.is_empty() {
            diags.push(error(
                format!("annex section `{}` names no file", section.title),
                "add `file = \"annexes/name.pdf\"`, relative to the brief file",
            ));
            continue;
        }
        if !brief.brief.allow_outside_paths
            && let Some(why) = leaves_folder(file)
        {
            diags.push(error(
                format!("`file = \"{file}\"` {why}; the paths of a brief stay inside the brief's folder"),
                "write the path relative to the brief file, or add `allow_outside_paths = true` to [brief] if you trust this brief",
            ));
            continue;
        }
        let path = base.join(file);
        annex.path = path.clone();
        if let Ok(size) = files.size(&path)
            && size > MAX_ANNEX_BYTES
        {
            diags.push(error(
                format!(
                    "annex `{file}` is {} MB; annexes larger than {} MB are not read",
                    size / 1_000_000,
                    MAX_ANNEX_BYTES / 1_000_000
                ),
                "make the PDF smaller (fewer pages, smaller images)",
            ));
            continue;
        }
        let bytes = match files.read(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(error(
                    format!("cannot read annex `{file}` ({}): {e}", path.display()),
                    "`file` is a PDF file, relative to the brief file",
                ));
                continue;
            }
        };
        match inspect(&bytes) {
            Ok((pages, pdfa)) => {
                annex.pages = pages;
                annex.pdfa = pdfa;
                annex.bytes = AnnexBytes(Arc::new(bytes));
                if !pdfa {
                    diags.push(
                        Diagnostic::warning(format!(
                            "annex `{file}` is not PDF/A; the book leaves out its own PDF/A identification"
                        ))
                        .in_file(brief_path)
                        .at(pos)
                        .in_section(si)
                        .at_key(format!("section[{si}].file"))
                        .with_hint("use a PDF/A version of the annex where archiving needs PDF/A"),
                    );
                }
            }
            Err(e) => diags.push(error(
                format!("annex `{file}` {e}"),
                "use an unencrypted PDF that opens in a PDF reader (print it to PDF again if needed)",
            )),
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_broken_and_rotated_pages() {
        assert_eq!(inspect(b"hello").expect_err("not a PDF"), AnnexError::NotPdf);
        assert!(matches!(inspect(b"%PDF-1.7\ngarbage").expect_err("broken"), AnnexError::Broken(_)));
        let g = PageGeometry { bbox: [0.0, 0.0, 612.0, 792.0], rotate: 90 };
        assert_eq!(g.shown(), (792.0, 612.0));
    }
}
