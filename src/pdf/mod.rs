//! Writes laid-out [`Pages`] as PDF with printpdf, then finishes the document with lopdf.
//!
//! Fonts are subset here with the `subsetter` crate and written as Identity-H CID fonts
//! whose ToUnicode maps come from the text each glyph stands for, so copy, paste and search
//! give back every character. Every piece of content is marked: text of the book's
//! structure as a marked-content sequence with an MCID, page furniture (running heads,
//! banners, rules, fills) as an artifact. printpdf builds the pages and fonts; the lopdf
//! pass ([`finish`]) adds what printpdf cannot: the tag tree, a nested outline, XMP
//! metadata matching the Info dictionary, the sRGB output intent, printable link
//! annotations, `/Lang`, and an `/ID` that is a digest of the content, so the same pages
//! always give the same bytes.

mod finish;
pub mod icc;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Codepoint, CurTransMat, Destination, DictItem, FontId, LinkAnnotation, Op, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix,
};

use crate::book::Book;
use crate::layout::{Color, Item, LinkTarget, Pages, Role, TextRun};

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
        let mut keywords: Vec<String> = Vec::new();
        for m in &book.meetings {
            keywords.push(m.name.clone());
            keywords.extend(m.organisation.iter().cloned());
            keywords.extend(m.topics.iter().cloned());
        }
        if !book.meta.classification.is_empty() {
            keywords.push(book.meta.classification.clone());
        }
        let mut seen = BTreeSet::new();
        keywords.retain(|k| seen.insert(k.clone()));
        PdfOptions {
            title: book.meta.title.clone(),
            author: book.meta.prepared_by.clone(),
            subject: book.meta.subtitle.clone(),
            keywords,
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
    /// printpdf or lopdf reported an error while writing.
    #[error("the PDF writer failed: {0}")]
    Writer(String),
}

/// A face as embedded: its resource id, old -> new glyph ids, and the widths the PDF's
/// `/W` array gives each original glyph (thousandths of an em, as printpdf writes them).
struct Embedded {
    id: FontId,
    map: BTreeMap<u16, u16>,
    widths: BTreeMap<u16, f32>,
}

/// Writes the pages as a PDF document and returns its bytes.
pub fn write_pdf(pages: &Pages, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    // Which glyphs of which face are used.
    let mut used: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for page in &pages.pages {
        for item in &page.items {
            if let Item::Text(run) | Item::Rotated { run, .. } = item {
                used.entry(run.font).or_default().extend(run.glyphs.iter().map(|g| g.id));
            }
        }
    }

    let mut doc = PdfDocument::new(&options.title);
    let mut fonts: BTreeMap<usize, Embedded> = BTreeMap::new();
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
        let face = rustybuzz::ttf_parser::Face::parse(data, 0)
            .map_err(|e| PdfError::Subset { font: name.clone(), reason: e.to_string() })?;
        let upem = f32::from(face.units_per_em());
        let widths = glyphs
            .iter()
            .map(|&g| {
                let raw = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g)).unwrap_or(0);
                // printpdf truncates widths to whole thousandths of an em.
                (g, (f32::from(raw) * 1000.0 / upem).trunc())
            })
            .collect();
        let id = FontId(format!("F{font}"));
        names.insert(id.0.clone(), format!("{}+{name}", subset_tag(name, glyphs)));
        doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(font, Embedded { id, map, widths });
    }

    let (w, h) = (pages.width, pages.height);
    let mut pdf_pages = Vec::with_capacity(pages.pages.len());
    // For each page, the structure element of each MCID.
    let mut marked: Vec<Vec<usize>> = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        let mut ops = Vec::new();
        let mut mcids: Vec<usize> = Vec::new();
        let mut group: Option<Option<usize>> = None;
        let mut in_text = false;
        for item in &page.items {
            let key = match item {
                Item::Text(run) => run.tag,
                Item::Link { .. } => {
                    if let Some(op) = link_op(item, h) {
                        ops.push(op);
                    }
                    continue;
                }
                _ => None,
            };
            if group != Some(key) {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                if group.is_some() {
                    ops.push(Op::EndMarkedContent);
                }
                match key {
                    Some(node) => {
                        let role = pages.structure.get(node).map_or(Role::P, |n| n.role);
                        let mut map = BTreeMap::new();
                        map.insert("MCID".to_string(), DictItem::Int(mcids.len() as i64));
                        ops.push(Op::BeginMarkedContentWithProperties {
                            tag: role_name(role),
                            properties: DictItem::Dict { map },
                        });
                        mcids.push(node);
                    }
                    None => ops.push(Op::BeginMarkedContent { tag: "Artifact".into() }),
                }
                group = Some(key);
            }
            match item {
                Item::Text(run) => {
                    let Some(font) = fonts.get(&run.font) else { continue };
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                    }
                    text_ops(&mut ops, run, font, run.x, h - run.y);
                }
                Item::Rotated { run, degrees } => {
                    let Some(font) = fonts.get(&run.font) else { continue };
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    let (s, c) = degrees.to_radians().sin_cos();
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetTransformationMatrix {
                        matrix: CurTransMat::Raw([
                            round3(c),
                            round3(s),
                            round3(-s),
                            round3(c),
                            round3(run.x),
                            round3(h - run.y),
                        ]),
                    });
                    ops.push(Op::StartTextSection);
                    text_ops(&mut ops, run, font, 0.0, 0.0);
                    ops.push(Op::EndTextSection);
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Rect { x, y, w: rw, h: rh, fill } => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
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
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
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
                Item::Link { .. } => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        if group.is_some() {
            ops.push(Op::EndMarkedContent);
        }
        pdf_pages.push(PdfPage::new(printpdf::Mm::from(Pt(w)), printpdf::Mm::from(Pt(h)), ops));
        marked.push(mcids);
    }
    doc.with_pages(pdf_pages);

    let mut warnings = Vec::new();
    let save = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let lo = printpdf::serialize::to_lopdf_doc(&doc, &save, &mut warnings);
    if let Some(w) = warnings.iter().find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error) {
        return Err(PdfError::Writer(w.msg.clone()));
    }
    drop(doc);
    finish::finish(lo, pages, options, &names, &marked)
}

/// Shows a run at `(x, y)` (PDF coordinates): one text matrix and one TJ, with kerning
/// and justification as TJ adjustments against the widths the font declares. Glyphs
/// moved by mark positioning get their own text matrix.
fn text_ops(ops: &mut Vec<Op>, run: &TextRun, font: &Embedded, x: f32, y: f32) {
    ops.push(Op::SetFont { font: PdfFontHandle::External(font.id.clone()), size: Pt(run.size) });
    ops.push(Op::SetFillColor { col: color(run.color) });
    let mut pen = x;
    let mut i = 0;
    while i < run.glyphs.len() {
        let g = &run.glyphs[i];
        let moved = g.x_offset != 0.0 || g.y_offset != 0.0;
        // A segment: one moved glyph alone, or the glyphs up to the next moved one.
        let end = if moved {
            i + 1
        } else {
            run.glyphs[i..]
                .iter()
                .position(|g| g.x_offset != 0.0 || g.y_offset != 0.0)
                .map_or(run.glyphs.len(), |p| i + p)
        };
        let (dx, dy) = if moved { (g.x_offset, g.y_offset) } else { (0.0, 0.0) };
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(round3(pen + dx)), Pt(round3(y + dy))) });
        let mut codepoints = Vec::with_capacity(end - i);
        for k in i..end {
            let g = &run.glyphs[k];
            let natural = font.widths.get(&g.id).copied().unwrap_or(0.0);
            // TJ adjustments are in thousandths of an em, positive moving left.
            let offset = round3(natural - g.advance / run.size * 1000.0);
            let gid = font.map.get(&g.id).copied().unwrap_or(0);
            codepoints.push(Codepoint { gid, offset, cid: Some(run.glyph_text(k).to_string()) });
            pen += g.advance;
        }
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
        i = end;
    }
}

fn link_op(item: &Item, h: f32) -> Option<Op> {
    let Item::Link { x, y, w, h: lh, target } = item else { return None };
    let actions = match target {
        LinkTarget::Page(p) => Actions::Goto(Destination::Xyz { page: p + 1, left: None, top: None, zoom: None }),
        LinkTarget::Place { page, y } => {
            Actions::Goto(Destination::Xyz { page: page + 1, left: None, top: Some(round3(h - y + 4.0)), zoom: None })
        }
        LinkTarget::Uri(uri) if is_safe_uri(uri) => Actions::Uri(uri.clone()),
        LinkTarget::Uri(_) => return None,
    };
    let rect = printpdf::Rect {
        x: Pt(round3(*x)),
        y: Pt(round3(h - y - lh)),
        width: Pt(round3(*w)),
        height: Pt(round3(*lh)),
        mode: None,
        winding_order: None,
    };
    Some(Op::LinkAnnotation {
        link: LinkAnnotation::new(rect, actions, Some(BorderArray::Solid([0.0, 0.0, 0.0])), None, None),
    })
}

/// The PDF structure type of a role.
pub fn role_name(role: Role) -> String {
    match role {
        Role::Sect => "Sect".into(),
        Role::H(level) => format!("H{}", level.clamp(1, 6)),
        Role::P => "P".into(),
        Role::L => "L".into(),
        Role::LI => "LI".into(),
        Role::Table => "Table".into(),
        Role::TR => "TR".into(),
        Role::TH => "TH".into(),
        Role::TD => "TD".into(),
        Role::TOC => "TOC".into(),
        Role::TOCI => "TOCI".into(),
        Role::Caption => "Caption".into(),
        Role::BlockQuote => "BlockQuote".into(),
    }
}

/// The six-letter tag that marks a subset font's name, derived from the face and its
/// glyph set so the same glyphs always give the same tag.
fn subset_tag(name: &str, glyphs: &BTreeSet<u16>) -> String {
    use md5::{Digest, Md5};
    let mut hasher = Md5::new();
    hasher.update(name.as_bytes());
    for g in glyphs {
        hasher.update(g.to_be_bytes());
    }
    hasher.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
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
