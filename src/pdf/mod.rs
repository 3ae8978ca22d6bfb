//! Writes laid-out [`Pages`] as PDF with printpdf, then finishes the document with lopdf.
//!
//! Fonts are subset here with the `subsetter` crate and written (by printpdf) as
//! Identity-H CID fonts whose ToUnicode maps come from the text each glyph stands for, so
//! copy, paste and search give back every character. The content streams are written
//! here, operator by operator, and every piece of content is marked: text of the book's
//! structure as a marked-content sequence with an MCID, page furniture (running heads,
//! banners, rules, fills) as an artifact. The lopdf pass ([`finish`]) adds what printpdf
//! cannot: the tag tree, a nested outline, XMP
//! metadata matching the Info dictionary, the sRGB output intent, printable link
//! annotations, `/Lang`, and an `/ID` that is a digest of the content, so the same pages
//! always give the same bytes.

mod annex;
mod finish;
pub(crate) mod icc;
mod save;

use std::collections::{BTreeMap, BTreeSet};

use lopdf::Object;
use printpdf::{Codepoint, FontId, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};
use rayon::prelude::*;

use crate::book::{Book, SectionContent};
use crate::layout::{Color, Item, LinkTarget, Pages, Role, TextRun, is_safe_uri};

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
    /// Leave out the PDF/A identification (an annex is not PDF/A, so neither is the book).
    pub no_pdfa_id: bool,
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
            language: book.meta.language.standard().to_string(),
            date: book.meta.date.map(|d| (d.year(), d.month() as u8, d.day() as u8)),
            no_pdfa_id: book.sections.iter().any(|s| matches!(&s.content, SectionContent::Annex(a) if !a.pdfa)),
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

/// A face as embedded: its resource name, old -> new glyph ids, and the widths the PDF's
/// `/W` array gives each original glyph (thousandths of an em, as printpdf writes them).
struct Embedded {
    name: String,
    /// By glyph id of the full face: (id in the subset, width the font declares in
    /// thousandths of an em); glyphs not used are (0, 0). A table, not a map: it is read
    /// for every glyph of every page.
    glyphs: Vec<(u16, f32)>,
}

impl Embedded {
    fn glyph(&self, id: u16) -> (u16, f32) {
        self.glyphs.get(usize::from(id)).copied().unwrap_or((0, 0.0))
    }
}

/// Writes the pages as a PDF document and returns its bytes.
///
/// printpdf embeds the fonts: it is given one page that shows every glyph used, with the
/// text each stands for, and writes the subset programs, widths and ToUnicode maps. The
/// real pages' content streams are written here, directly, and replace that page.
pub fn write_pdf(pages: &Pages, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let written = write_pages(pages, options)?;
    finish::finish(written.doc, pages, options, &written.names, &written.marked, &written.page_ids)
}

/// [`write_pdf`] for pages that are not needed afterwards: the pages' glyphs are let go
/// once every content stream is written, before the document's structure is built and
/// saved, so the two never take memory at the same time.
pub(crate) fn write_pdf_consuming(mut pages: Pages, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let written = write_pages(&pages, options)?;
    pages.pages = Vec::new();
    finish::finish(written.doc, &pages, options, &written.names, &written.marked, &written.page_ids)
}

/// The document with its fonts and pages written, before its structure tree, outline and
/// metadata.
struct Written {
    doc: lopdf::Document,
    /// Resource name of each font -> its subset name.
    names: BTreeMap<String, String>,
    /// For each page, the structure element of each of its MCIDs.
    marked: Vec<Vec<usize>>,
    page_ids: Vec<lopdf::ObjectId>,
}

fn write_pages(pages: &Pages, options: &PdfOptions) -> Result<Written, PdfError> {
    // Which glyphs of which face are used, and the text of each.
    // (Tables by face and glyph id while the pages are read: this sees every glyph.)
    let mut seen: Vec<Vec<Option<String>>> = vec![Vec::new(); pages.fonts.len()];
    for page in &pages.pages {
        for item in &page.items {
            if let Item::Text(run) | Item::Rotated { run, .. } = item {
                let Some(glyphs) = seen.get_mut(run.font) else { continue };
                for (i, g) in run.glyphs.iter().enumerate() {
                    let id = usize::from(g.id);
                    if glyphs.len() <= id {
                        glyphs.resize(id + 1, None);
                    }
                    let text = run.glyph_text(i);
                    match &mut glyphs[id] {
                        Some(t) if t.is_empty() && !text.is_empty() => *t = text.to_string(),
                        Some(_) => {}
                        slot @ None => *slot = Some(text.to_string()),
                    }
                }
            }
        }
    }
    let used: BTreeMap<usize, BTreeMap<u16, String>> = seen
        .into_iter()
        .enumerate()
        .filter(|(_, glyphs)| glyphs.iter().any(Option::is_some))
        .map(|(font, glyphs)| {
            let map = glyphs.into_iter().enumerate().filter_map(|(id, t)| Some((id as u16, t?))).collect();
            (font, map)
        })
        .collect();

    let mut doc = PdfDocument::new(&options.title);
    let mut fonts: BTreeMap<usize, Embedded> = BTreeMap::new();
    // Resource name -> subset font name with its tag, e.g. "F0" -> "KQXBMA+NotoSerif-Regular".
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut showcase = Vec::new();
    for (&font, glyphs) in &used {
        let (name, data) = &pages.fonts[font];
        let mut remapper = subsetter::GlyphRemapper::new();
        let map: BTreeMap<u16, u16> = glyphs.keys().map(|&g| (g, remapper.remap(g))).collect();
        let subset = subsetter::subset(data, 0, &remapper)
            .map_err(|e| PdfError::Subset { font: name.clone(), reason: format!("{e:?}") })?;
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(&subset, 0, &mut warnings)
            .ok_or_else(|| PdfError::Subset { font: name.clone(), reason: "the subset font does not parse".into() })?;
        let face = rustybuzz::ttf_parser::Face::parse(data, 0)
            .map_err(|e| PdfError::Subset { font: name.clone(), reason: e.to_string() })?;
        let upem = f32::from(face.units_per_em());
        let mut table = vec![(0u16, 0.0f32); glyphs.keys().next_back().map_or(0, |&g| usize::from(g) + 1)];
        for (&g, &new) in &map {
            let raw = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g)).unwrap_or(0);
            // printpdf truncates widths to whole thousandths of an em.
            table[usize::from(g)] = (new, (f32::from(raw) * 1000.0 / upem).trunc());
        }
        let id = FontId(format!("F{font}"));
        names.insert(id.0.clone(), format!("{}+{name}", subset_tag(name, glyphs)));
        doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed));
        showcase.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(10.0) });
        let codepoints = glyphs
            .iter()
            .map(|(g, text)| Codepoint { gid: map.get(g).copied().unwrap_or(0), offset: 0.0, cid: Some(text.clone()) })
            .collect();
        showcase.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
        fonts.insert(font, Embedded { name: id.0, glyphs: table });
    }
    let mut ops = vec![Op::StartTextSection];
    ops.extend(showcase);
    ops.push(Op::EndTextSection);
    let (w, h) = (pages.width, pages.height);
    doc.with_pages(vec![PdfPage::new(printpdf::Mm::from(Pt(w)), printpdf::Mm::from(Pt(h)), ops)]);
    let mut warnings = Vec::new();
    let save = PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: None };
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &save, &mut warnings);
    if let Some(w) = warnings.iter().find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error) {
        return Err(PdfError::Writer(w.msg.clone()));
    }
    drop(doc);

    // The showcase page gives its resources (the fonts) to every real page, then goes.
    let (showcase_id, pages_id, resources) = {
        let ids = lo.get_pages();
        let id = *ids.values().next().ok_or_else(|| PdfError::Writer("printpdf wrote no page".into()))?;
        let page = lo.get_dictionary(id).map_err(|e| PdfError::Writer(e.to_string()))?;
        let parent = page.get(b"Parent").and_then(Object::as_reference).map_err(|e| PdfError::Writer(e.to_string()))?;
        let resources = page.get(b"Resources").map_err(|e| PdfError::Writer(e.to_string()))?.clone();
        (id, parent, resources)
    };
    if let Ok(contents) = lo.get_dictionary(showcase_id).and_then(|p| p.get(b"Contents")).and_then(Object::as_reference)
    {
        lo.objects.remove(&contents);
    }
    lo.objects.remove(&showcase_id);

    let page_ids: Vec<lopdf::ObjectId> = pages.pages.iter().map(|_| lo.new_object_id()).collect();
    let mut annexes = annex::Annexes::new(pages, &page_ids)?;
    // Annex pages first, one by one (they add objects): what paints each, its links, and
    // the page's resources with its XObject.
    let mut placed: Vec<Option<annex::Placed>> = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        placed.push(match &page.annex {
            Some(p) => Some(annexes.place(&mut lo, p, h)?),
            None => None,
        });
    }
    // Each page's content stream (compressed), link annotations and, for each MCID, its
    // structure element: the pages are independent, so they are written in parallel.
    let written: Vec<(Vec<u8>, Vec<Object>, Vec<usize>)> = pages
        .pages
        .par_iter()
        .zip(placed.par_iter())
        .map(|(page, annex)| {
            page_content(
                page,
                annex.as_ref().map(|a| (a.ops.as_str(), page.annex.and_then(|p| p.tag))),
                pages,
                &fonts,
                &page_ids,
            )
        })
        .collect();
    let mut marked: Vec<Vec<usize>> = Vec::with_capacity(pages.pages.len());
    for (pi, ((bytes, mut annots, mcids), annex)) in written.into_iter().zip(placed).enumerate() {
        let resources = match annex {
            Some(a) => {
                let mut all = a.annots;
                all.append(&mut annots);
                annots = all;
                with_xobject(&lo, &resources, &a.name, a.xobject)
            }
            None => resources.clone(),
        };
        let mut stream_dict = lopdf::Dictionary::new();
        stream_dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let contents = lo.add_object(Object::Stream(lopdf::Stream::new(stream_dict, bytes).with_compression(false)));
        let mut d = lopdf::Dictionary::new();
        d.set("Type", Object::Name(b"Page".to_vec()));
        d.set("Parent", Object::Reference(pages_id));
        d.set("MediaBox", Object::Array(vec![0.into(), 0.into(), Object::Real(round3(w)), Object::Real(round3(h))]));
        d.set("Resources", resources);
        d.set("Contents", Object::Reference(contents));
        if !annots.is_empty() {
            d.set("Annots", Object::Array(annots));
        }
        d.set("StructParents", Object::Integer(pi as i64));
        d.set("Tabs", Object::Name(b"S".to_vec()));
        lo.objects.insert(page_ids[pi], Object::Dictionary(d));
        marked.push(mcids);
    }
    if let Ok(Object::Dictionary(tree)) = lo.get_object_mut(pages_id) {
        tree.set("Kids", Object::Array(page_ids.iter().map(|&id| Object::Reference(id)).collect()));
        tree.set("Count", Object::Integer(page_ids.len() as i64));
    }
    Ok(Written { doc: lo, names, marked, page_ids })
}

/// The page resources `resources` (a dictionary or a reference to one) with the XObject
/// `name` added.
fn with_xobject(lo: &lopdf::Document, resources: &Object, name: &str, id: lopdf::ObjectId) -> Object {
    let mut dict = match resources {
        Object::Reference(r) => lo.get_dictionary(*r).cloned().unwrap_or_default(),
        Object::Dictionary(d) => d.clone(),
        _ => lopdf::Dictionary::new(),
    };
    let mut xobjects = match dict.get(b"XObject") {
        Ok(Object::Dictionary(x)) => x.clone(),
        Ok(Object::Reference(r)) => lo.get_dictionary(*r).cloned().unwrap_or_default(),
        _ => lopdf::Dictionary::new(),
    };
    xobjects.set(name, Object::Reference(id));
    dict.set("XObject", Object::Dictionary(xobjects));
    Object::Dictionary(dict)
}

/// One page's compressed content stream, its link annotations, and the structure element
/// of each of its MCIDs.
fn page_content(
    page: &crate::layout::Page,
    annex: Option<(&str, Option<usize>)>,
    pages: &Pages,
    fonts: &BTreeMap<usize, Embedded>,
    page_ids: &[lopdf::ObjectId],
) -> (Vec<u8>, Vec<Object>, Vec<usize>) {
    let h = pages.height;
    let mut c = Content::default();
    let mut mcids: Vec<usize> = Vec::new();
    let mut annots = Vec::new();
    let mut group: Option<Option<usize>> = None;
    // An annex page beneath everything the book sets on it, tagged as its figure.
    match annex {
        Some((ops, Some(node))) => {
            c.raw(&format!("/Figure <</MCID {}>> BDC\n", mcids.len()));
            mcids.push(node);
            c.raw(ops);
            c.op("EMC");
        }
        Some((ops, None)) => c.raw(ops),
        None => {}
    }
    for item in &page.items {
        let key = match item {
            Item::Text(run) => run.tag,
            Item::Link { .. } => {
                if let Some(a) = link_annotation(item, h, page_ids) {
                    annots.push(Object::Dictionary(a));
                }
                continue;
            }
            _ => None,
        };
        if group != Some(key) {
            c.end_text();
            if group.is_some() {
                c.op("EMC");
            }
            match key {
                Some(node) => {
                    let role = pages.structure.get(node).map_or(Role::P, |n| n.role);
                    c.raw(&format!("/{} <</MCID {}>> BDC\n", role_name(role), mcids.len()));
                    mcids.push(node);
                }
                None => c.op("/Artifact BMC"),
            }
            group = Some(key);
        }
        match item {
            Item::Text(run) => {
                let Some(font) = fonts.get(&run.font) else { continue };
                c.begin_text();
                c.text(run, font, run.x, h - run.y);
            }
            Item::Rotated { run, degrees } => {
                let Some(font) = fonts.get(&run.font) else { continue };
                c.end_text();
                let (sin, cos) = degrees.to_radians().sin_cos();
                c.raw("q ");
                for v in [cos, sin, -sin, cos, run.x, h - run.y] {
                    c.num(v);
                }
                c.op("cm");
                c.begin_text();
                c.text(run, font, 0.0, 0.0);
                c.end_text();
                c.op("Q");
            }
            Item::Rect { x, y, w: rw, h: rh, fill } => {
                c.end_text();
                c.fill(*fill);
                for v in [*x, h - y - rh, *rw, *rh] {
                    c.num(v);
                }
                c.op("re f");
            }
            Item::Rule { x1, y1, x2, y2, width, color } => {
                c.end_text();
                c.stroke(*color, *width);
                c.num(*x1);
                c.num(h - y1);
                c.op("m");
                c.num(*x2);
                c.num(h - y2);
                c.op("l S");
            }
            Item::Link { .. } => {}
        }
    }
    c.end_text();
    if group.is_some() {
        c.op("EMC");
    }
    (deflate(&c.out), annots, mcids)
}

/// Compresses a content stream (level 3, zlib's fast strategy: on the benchmark brief the
/// file is 10% larger than at level 5 and the whole build 5% faster; page streams are
/// written once and read often, but they are small either way).
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::new(3));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// A page's content stream, written operator by operator.
#[derive(Default)]
struct Content {
    out: Vec<u8>,
    in_text: bool,
    font: Option<(usize, u32)>,
    fill: Option<(u32, u32, u32)>,
}

impl Content {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn op(&mut self, op: &str) {
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    /// A number rounded to 1/1000, without trailing zeros.
    fn num(&mut self, v: f32) {
        let milli = (f64::from(v) * 1000.0).round() as i64;
        if milli < 0 {
            self.out.push(b'-');
        }
        let m = milli.unsigned_abs();
        // Digits by hand: this runs for every number of every page.
        let mut digits = [0u8; 20];
        let mut n = m / 1000;
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
        let mut frac = m % 1000;
        if frac != 0 {
            self.out.push(b'.');
            let mut width = 3;
            while frac.is_multiple_of(10) {
                frac /= 10;
                width -= 1;
            }
            for k in (0..width).rev() {
                self.out.push(b'0' + (frac / 10u64.pow(k) % 10) as u8);
            }
        }
        self.out.push(b' ');
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.op("BT");
            self.in_text = true;
            self.font = None;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.op("ET");
            self.in_text = false;
        }
    }

    fn key(c: Color) -> (u32, u32, u32) {
        let k = |v: f32| (v * 1000.0).round() as u32;
        (k(c.r), k(c.g), k(c.b))
    }

    fn fill(&mut self, c: Color) {
        if self.fill != Some(Self::key(c)) {
            self.fill = Some(Self::key(c));
            for v in [c.r, c.g, c.b] {
                self.num(v);
            }
            self.op("rg");
        }
    }

    fn stroke(&mut self, c: Color, width: f32) {
        for v in [c.r, c.g, c.b] {
            self.num(v);
        }
        self.op("RG");
        self.num(width);
        self.op("w");
    }

    /// Shows a run at `(x, y)` (PDF coordinates): a text matrix and one TJ, with kerning
    /// and justification as adjustments against the widths the font declares. Glyphs
    /// moved by mark positioning get their own text matrix.
    fn text(&mut self, run: &TextRun, font: &Embedded, x: f32, y: f32) {
        let size_key = (run.size * 1000.0).round() as u32;
        let font_key = (font.name.len() + font.name.bytes().map(usize::from).sum::<usize>(), size_key);
        if self.font != Some(font_key) {
            self.font = Some(font_key);
            self.raw(&format!("/{} ", font.name));
            self.num(run.size);
            self.op("Tf");
        }
        self.fill(run.color);
        let mut pen = x;
        let mut i = 0;
        while i < run.glyphs.len() {
            let g = &run.glyphs[i];
            let moved = g.x_offset != 0.0 || g.y_offset != 0.0;
            let end = if moved {
                i + 1
            } else {
                run.glyphs[i..]
                    .iter()
                    .position(|g| g.x_offset != 0.0 || g.y_offset != 0.0)
                    .map_or(run.glyphs.len(), |p| i + p)
            };
            let (dx, dy) = if moved { (g.x_offset, g.y_offset) } else { (0.0, 0.0) };
            self.raw("1 0 0 1 ");
            self.num(pen + dx);
            self.num(y + dy);
            self.op("Tm");
            self.out.push(b'[');
            let mut in_hex = false;
            for (k, g) in run.glyphs[i..end].iter().enumerate() {
                if !in_hex {
                    self.out.push(b'<');
                    in_hex = true;
                }
                let (gid, natural) = font.glyph(g.id);
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                self.out.extend(
                    gid.to_be_bytes().iter().flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]),
                );
                pen += g.advance;
                // A glyph's advance differs from the width the font declares by its kerning
                // and justification. The TJ number *after* a glyph moves the pen before the
                // next one, so that is where this glyph's difference goes (the number before
                // a glyph would move the glyph itself: a kerned `r` before `.` would slide
                // into the letter before it). TJ numbers are thousandths of an em, positive
                // moving left. The last glyph of a chunk needs none: the next chunk sets its
                // own text matrix from `pen`.
                let adjust = natural - g.advance / run.size * 1000.0;
                if adjust.abs() >= 0.0005 && i + k + 1 < end {
                    self.out.push(b'>');
                    in_hex = false;
                    self.num(adjust);
                }
            }
            if in_hex {
                self.out.push(b'>');
            }
            self.op("] TJ");
            i = end;
        }
    }
}

fn link_annotation(item: &Item, h: f32, page_ids: &[lopdf::ObjectId]) -> Option<lopdf::Dictionary> {
    let Item::Link { x, y, w, h: lh, target } = item else { return None };
    let mut action = lopdf::Dictionary::new();
    let dest = |page: usize, top: Option<f32>| -> Option<Object> {
        let id = *page_ids.get(page)?;
        Some(Object::Array(vec![
            Object::Reference(id),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            top.map_or(Object::Null, |t| Object::Real(round3(t))),
            Object::Null,
        ]))
    };
    match target {
        LinkTarget::Page(p) => {
            action.set("S", Object::Name(b"GoTo".to_vec()));
            action.set("D", dest(*p, Some(h))?);
        }
        LinkTarget::Place { page, y } => {
            action.set("S", Object::Name(b"GoTo".to_vec()));
            action.set("D", dest(*page, Some((h - y + 4.0).min(h)))?);
        }
        LinkTarget::Uri(uri) if is_safe_uri(uri) => {
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set("URI", Object::String(uri.as_bytes().to_vec(), lopdf::StringFormat::Literal));
        }
        LinkTarget::Uri(_) => return None,
    }
    let mut a = lopdf::Dictionary::new();
    a.set("Type", Object::Name(b"Annot".to_vec()));
    a.set("Subtype", Object::Name(b"Link".to_vec()));
    a.set("Rect", Object::Array([*x, h - y - lh, x + w, h - y].iter().map(|v| Object::Real(round3(*v))).collect()));
    a.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
    a.set("F", Object::Integer(4));
    a.set("A", Object::Dictionary(action));
    Some(a)
}

/// The PDF structure type of a role.
pub(crate) fn role_name(role: Role) -> String {
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
        Role::Figure => "Figure".into(),
    }
}

/// The six-letter tag that marks a subset font's name, derived from the face and its
/// glyph set so the same glyphs always give the same tag.
fn subset_tag(name: &str, glyphs: &BTreeMap<u16, String>) -> String {
    use md5::{Digest, Md5};
    let mut hasher = Md5::new();
    hasher.update(name.as_bytes());
    for g in glyphs.keys() {
        hasher.update(g.to_be_bytes());
    }
    hasher.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
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
