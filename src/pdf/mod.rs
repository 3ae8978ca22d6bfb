//! Writes laid-out [`Pages`] as PDF with printpdf.
//!
//! Fonts are subset here with the `subsetter` crate (printpdf's lean build embeds whole
//! fonts) and written as Identity-H CID fonts whose ToUnicode maps come from the text each
//! glyph stands for, so copy, paste and search give back every character. printpdf writes
//! random document ids; a final lopdf pass replaces them with a digest of the content and
//! sets the document language, so the same pages always give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use md5::{Digest, Md5};
use printpdf::{
    Actions, BorderArray, Codepoint, Destination, FontId, LinkAnnotation, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, TextItem, TextMatrix,
};

use crate::book::Book;
use crate::layout::{Color, Item, LinkTarget, Pages};

/// Document metadata for the PDF.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfOptions {
    /// Title.
    pub title: String,
    /// Author (who prepared the brief).
    pub author: String,
    /// Subject (the subtitle).
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// BCP 47 language of the document.
    pub language: String,
    /// Creation date (year, month, day); the brief's own date, never the clock.
    pub date: Option<(i32, u8, u8)>,
}

impl PdfOptions {
    /// Metadata taken from a book.
    pub fn for_book(book: &Book) -> PdfOptions {
        PdfOptions {
            title: book.meta.title.clone(),
            author: book.meta.prepared_by.clone(),
            subject: book.meta.subtitle.clone(),
            keywords: Vec::new(),
            language: book.meta.language.to_string(),
            date: book.meta.date.map(|d| (d.year(), d.month() as u8, d.day() as u8)),
        }
    }
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be subset.
    #[error("cannot subset the font {font}: {reason}")]
    Subset {
        /// Font name.
        font: String,
        /// Why.
        reason: String,
    },
    /// printpdf reported an error while writing.
    #[error("the PDF writer failed: {0}")]
    Writer(String),
}

/// Writes the pages as a PDF document and returns its bytes.
pub fn write_pdf(pages: &Pages, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    // Which glyphs of which face are used.
    let mut used: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for page in &pages.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used.entry(run.font).or_default().extend(run.glyphs.iter().map(|g| g.id));
            }
        }
    }

    let mut doc = PdfDocument::new(&options.title);
    // Subset each face; remember the old -> new glyph ids and the advance of every glyph.
    let mut fonts: BTreeMap<usize, (FontId, BTreeMap<u16, u16>, f32)> = BTreeMap::new();
    // Resource name -> subset font name with its tag, e.g. "F0" -> "KQXBMA+NotoSerif-Regular".
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (&font, glyphs) in &used {
        let (name, data) = &pages.fonts[font];
        let mut remapper = subsetter::GlyphRemapper::new();
        let map: BTreeMap<u16, u16> = glyphs.iter().map(|&g| (g, remapper.remap(g))).collect();
        let subset = subsetter::subset(data, 0, &remapper)
            .map_err(|e| PdfError::Subset { font: name.clone(), reason: format!("{e:?}") })?;
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(&subset, 0, &mut warnings)
            .ok_or_else(|| PdfError::Subset { font: name.clone(), reason: "the subset font does not parse".into() })?;
        let upem = f32::from(parsed.units_per_em);
        let id = FontId(format!("F{font}"));
        names.insert(id.0.clone(), format!("{}+{name}", subset_tag(glyphs)));
        doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(font, (id, map, upem));
    }
    let advances: BTreeMap<usize, rustybuzz::Face<'static>> =
        used.keys().filter_map(|&f| rustybuzz::Face::from_slice(pages.fonts[f].1, 0).map(|face| (f, face))).collect();

    let (w, h) = (pages.width, pages.height);
    let mut pdf_pages = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        let mut ops = Vec::new();
        let mut in_text = false;
        for item in &page.items {
            let is_text = matches!(item, Item::Text(_));
            if in_text && !is_text {
                ops.push(Op::EndTextSection);
                in_text = false;
            }
            match item {
                Item::Text(run) => {
                    let Some((id, map, _)) = fonts.get(&run.font) else { continue };
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                    }
                    let face = advances.get(&run.font);
                    let upem = face.map_or(1000.0, |f| f.units_per_em() as f32);
                    let codepoints = run
                        .glyphs
                        .iter()
                        .map(|g| {
                            let natural = face
                                .and_then(|f| f.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id)))
                                .map_or(0.0, |a| f32::from(a) / upem);
                            // TJ adjustments are in thousandths of an em, positive moving left.
                            let offset = round3((natural - g.advance / run.size) * 1000.0);
                            let new_id = map.get(&g.id).copied().unwrap_or(0);
                            Codepoint { gid: new_id, offset, cid: Some(g.text.clone()) }
                        })
                        .collect();
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(run.size) });
                    ops.push(Op::SetFillColor { col: color(run.color) });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(round3(run.x)), Pt(round3(h - run.y))),
                    });
                    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
                }
                Item::Rect { x, y, w: rw, h: rh, fill } => {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                    ops.push(Op::DrawRectangle {
                        rectangle: printpdf::Rect {
                            x: Pt(round3(*x)),
                            y: Pt(round3(h - y - rh)),
                            width: Pt(round3(*rw)),
                            height: Pt(round3(*rh)),
                            mode: Some(printpdf::PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Rule { x1, y1, x2, y2, width, color: c } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    let point = |x: f32, y: f32| printpdf::LinePoint {
                        p: printpdf::Point { x: Pt(round3(x)), y: Pt(round3(h - y)) },
                        bezier: false,
                    };
                    ops.push(Op::DrawLine {
                        line: printpdf::Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false },
                    });
                }
                Item::Link { x, y, w: lw, h: lh, target } => {
                    let actions = match target {
                        LinkTarget::Page(p) => {
                            Actions::Goto(Destination::Xyz { page: p + 1, left: None, top: None, zoom: None })
                        }
                        LinkTarget::Uri(uri) if is_safe_uri(uri) => Actions::Uri(uri.clone()),
                        LinkTarget::Uri(_) => continue,
                    };
                    let rect = printpdf::Rect {
                        x: Pt(round3(*x)),
                        y: Pt(round3(h - y - lh)),
                        width: Pt(round3(*lw)),
                        height: Pt(round3(*lh)),
                        mode: None,
                        winding_order: None,
                    };
                    ops.push(Op::LinkAnnotation {
                        link: LinkAnnotation::new(rect, actions, Some(BorderArray::Solid([0.0, 0.0, 0.0])), None, None),
                    });
                }
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        pdf_pages.push(PdfPage::new(printpdf::Mm::from(Pt(w)), printpdf::Mm::from(Pt(h)), ops));
    }
    doc.with_pages(pdf_pages);

    let info = &mut doc.metadata.info;
    info.document_title = options.title.clone();
    info.author = options.author.clone();
    info.subject = options.subject.clone();
    info.keywords = options.keywords.clone();
    info.creator = "briefbook".into();
    info.producer = format!("briefbook {}", env!("CARGO_PKG_VERSION"));
    if let Some((y, m, d)) = options.date {
        let date = printpdf::OffsetDateTime::new_in_offset(
            printpdf::Date { year: y, month: m, day: d },
            printpdf::Time { hour: 0, minute: 0, second: 0, millisecond: 0 },
            printpdf::Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
        );
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }

    let mut warnings = Vec::new();
    let save = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let bytes = doc.save(&save, &mut warnings);
    if let Some(w) = warnings.iter().find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error) {
        return Err(PdfError::Writer(w.msg.clone()));
    }
    finish(&bytes, options, &names)
}

/// The six-letter tag that marks a subset font's name, derived from its glyph set so the
/// same glyphs always give the same tag.
fn subset_tag(glyphs: &BTreeSet<u16>) -> String {
    let mut hasher = Md5::new();
    for g in glyphs {
        hasher.update(g.to_be_bytes());
    }
    hasher.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

/// Replaces printpdf's random `/ID` with a digest of the document and sets `/Lang`.
fn finish(bytes: &[u8], options: &PdfOptions, names: &BTreeMap<String, String>) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Object, StringFormat};
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Writer(e.to_string()))?;
    // printpdf names fonts by their resource name; give them their real, tagged names.
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else { continue };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let renamed = match dict.get(key) {
                Ok(Object::Name(n)) => names.get(String::from_utf8_lossy(n).as_ref()).cloned(),
                _ => None,
            };
            if let Some(name) = renamed {
                dict.set(key, Object::Name(name.into_bytes()));
            }
        }
    }
    let placeholder = Object::Array(vec![
        Object::String(vec![0; 16], StringFormat::Hexadecimal),
        Object::String(vec![0; 16], StringFormat::Hexadecimal),
    ]);
    doc.trailer.set("ID", placeholder);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", Object::String(options.language.as_bytes().to_vec(), StringFormat::Literal));
    }
    let mut first = Vec::new();
    doc.save_to(&mut first).map_err(|e| PdfError::Writer(e.to_string()))?;
    let digest = Md5::digest(&first).to_vec();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(digest.clone(), StringFormat::Hexadecimal),
            Object::String(digest, StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::with_capacity(first.len());
    doc.save_to(&mut out).map_err(|e| PdfError::Writer(e.to_string()))?;
    Ok(out)
}

/// Links in the PDF may only be http, https or mailto: text from documents can never
/// become a PDF action or script.
pub fn is_safe_uri(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !uri.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn color(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb { r: round3(c.r), g: round3(c.g), b: round3(c.b), icc_profile: None })
}

/// Rounds to 1/1000: keeps the content streams small and free of float noise.
fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links() {
        assert!(is_safe_uri("https://telegrafi.com/x"));
        assert!(is_safe_uri("mailto:desk@example.org"));
        assert!(!is_safe_uri("javascript:alert(1)"));
        assert!(!is_safe_uri("file:///etc/passwd"));
        assert!(!is_safe_uri("https://a b"));
    }
}
