//! Typesetting and the PDF: layout dumps stored beside their input (rewrite them with
//! `UPDATE_DUMPS=1`), page breaking and row splitting read off the laid-out pages, the PDF
//! read back with lopdf (structure, outline, links, fonts, metadata) and rendered with
//! hayro (pages are not blank, the two columns never overlap).

mod util;

use std::path::{Path, PathBuf};

use briefbook::{DiskFiles, Item, LinkTarget, Pages, PdfOptions, Role};
use lopdf::{Document, Object};

fn layout_brief(name: &str) -> PathBuf {
    util::root().join("tests/data/layout").join(name)
}

fn typeset(path: &Path) -> (briefbook::Book, Pages) {
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, path, &mut diags).expect("checks").expect("book");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
    (book, pages)
}

fn pdf_of(path: &Path) -> Vec<u8> {
    let (book, pages) = typeset(path);
    briefbook::write_pdf(&pages, &PdfOptions::for_book(&book)).expect("writes")
}

#[test]
fn layout_dumps_match() {
    for input in all_test_briefs().into_iter().skip(1) {
        let (_, pages) = typeset(&input);
        let got = briefbook::dump_pages(&pages);
        let stored = input.with_extension("dump");
        if std::env::var_os("UPDATE_DUMPS").is_some() {
            std::fs::write(&stored, &got).expect("writes the dump");
            continue;
        }
        let want = std::fs::read_to_string(&stored).unwrap_or_default();
        if got != want {
            let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
            let at = g.iter().zip(&w).position(|(a, b)| a != b).unwrap_or(g.len().min(w.len()));
            let from = at.saturating_sub(3);
            panic!(
                "layout of {} changed at line {}:\n--- stored\n{}\n+++ now\n{}\n(rerun with UPDATE_DUMPS=1 to accept)",
                input.display(),
                at + 1,
                w[from..(at + 4).min(w.len())].join("\n"),
                g[from..(at + 4).min(g.len())].join("\n")
            );
        }
    }
}

/// The text runs of a page with their structure role.
fn runs(pages: &Pages, page: usize) -> Vec<(&briefbook::TextRun, Option<Role>)> {
    pages.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some((r, r.tag.map(|t| pages.structure[t].role))),
            _ => None,
        })
        .collect()
}

#[test]
fn a_long_row_splits_with_both_columns_continuing_under_repeated_headers() {
    let (_, pages) = typeset(&layout_brief("mixed.toml"));
    let section = pages.headings.iter().position(|h| h.title == "Press: side by side").expect("section");
    let first = pages.headings[section].page;
    let next = pages.headings[section + 1..].iter().find(|h| h.level == 1).expect("next section").page;
    assert!(next - first >= 2, "the long row takes more than a page: {first}..{next}");
    let middle = (pages.width) / 2.0;
    for page in first..next {
        let text = pages.pages[page].text();
        assert!(text.contains("Original — Macedonian") && text.contains("English translation"), "page {page}");
        let cells: Vec<_> = runs(&pages, page).into_iter().filter(|(_, r)| *r == Some(Role::TD)).collect();
        let left = cells.iter().filter(|(r, _)| r.x + r.width() < middle).count();
        let right = cells.iter().filter(|(r, _)| r.x > middle).count();
        assert!(left > 3 && right > 3, "page {page}: both columns have text ({left} | {right})");
        // The columns never overlap: nothing crosses the middle of the page.
        assert!(cells.iter().all(|(r, _)| r.x + r.width() < middle || r.x > middle), "page {page}");
    }
}

/// The sample brief and every test brief of `tests/data/layout`.
fn all_test_briefs() -> Vec<PathBuf> {
    let mut briefs: Vec<PathBuf> = std::fs::read_dir(layout_brief(""))
        .expect("tests/data/layout")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    briefs.sort();
    briefs.insert(0, util::sample_brief());
    briefs
}

/// Every word of the pages that stands more than `tolerance` points outside its column (a
/// table cell's) or the page's margins (everything else: text, running heads, footers,
/// banners, cover, contents), or leaves the page: "page N: word at x0..x1 (bounds)".
fn words_outside(book: &briefbook::Book, pages: &Pages, tolerance: f32) -> Vec<String> {
    const MM: f32 = 72.0 / 25.4;
    let margins = (book.page.margin_left.get() * MM, pages.width - book.page.margin_right.get() * MM);
    let column = |tag: Option<usize>| {
        let mut at = tag;
        while let Some(i) = at {
            if let Some(c) = pages.structure[i].column {
                return c;
            }
            at = pages.structure[i].parent;
        }
        margins
    };
    let mut out = Vec::new();
    for (p, page) in pages.pages.iter().enumerate() {
        for item in &page.items {
            // The watermark runs diagonally across the page by design.
            let Item::Text(run) = item else { continue };
            let (left, right) = column(run.tag);
            if run.y <= 0.0 || run.y >= pages.height {
                out.push(format!("page {}: {:?} leaves the page at y {}", p + 1, run.text, run.y));
            }
            // Words: the glyphs between spaces, each glyph its advance wide.
            let mut x = run.x;
            let mut word: Option<(f32, String)> = None;
            let mut words = Vec::new();
            for (i, g) in run.glyphs.iter().enumerate() {
                let t = run.glyph_text(i);
                if t.chars().all(char::is_whitespace) && !t.is_empty() {
                    words.extend(word.take().map(|(x0, w)| (x0, x, w)));
                } else {
                    word.get_or_insert_with(|| (x, String::new())).1.push_str(t);
                }
                x += g.advance;
            }
            words.extend(word.take().map(|(x0, w)| (x0, x, w)));
            for (x0, x1, w) in words {
                if x0 < left - tolerance || x1 > right + tolerance {
                    out.push(format!("page {}: {w:?} at x {x0:.1}..{x1:.1} ({left:.1}..{right:.1})", p + 1));
                }
            }
        }
    }
    out
}

#[test]
fn no_word_stands_past_the_margins_or_out_of_its_column() {
    for brief in all_test_briefs() {
        let (book, pages) = typeset(&brief);
        let bad = words_outside(&book, &pages, 0.8);
        assert!(bad.is_empty(), "{}: {} words out of bounds:\n{}", brief.display(), bad.len(), bad.join("\n"));
    }
}

#[test]
fn contents_entries_link_to_their_headings() {
    let (_, pages) = typeset(&layout_brief("mixed.toml"));
    let links: Vec<usize> = pages.pages[1]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link { target: LinkTarget::Page(p), .. } => Some(*p),
            _ => None,
        })
        .collect();
    let headings: Vec<usize> = pages.headings.iter().filter(|h| h.level <= 2 && h.page > 1).map(|h| h.page).collect();
    assert_eq!(links, headings);
    let contents = pages.pages[1].text();
    for h in pages.headings.iter().filter(|h| h.level == 1 && h.page > 1) {
        let line = contents.lines().find(|l| l.starts_with(h.title.as_str())).expect("entry");
        assert!(line.contains(&(h.page + 1).to_string()), "{line}");
    }
}

#[test]
fn machine_translation_is_marked_and_explained() {
    use briefbook::Origin;
    let (mut book, _) = typeset(&layout_brief("mixed.toml"));
    let briefbook::SectionContent::Excerpts(excerpts) = &mut book.sections[1].content else { panic!() };
    excerpts[0].rows[0].origin = Some(Origin::Machine { engine: "deepl".into() });
    excerpts[0].rows[2].stale = true;
    let fonts = briefbook::FontBook::builtin().expect("fonts");
    let pages = briefbook::typeset_with_fonts(&book, &fonts, &mut Vec::new()).expect("typesets");
    let all: String = pages.pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(all.contains("MT · Machine translation (deepl)"), "{all}");
    assert!(all.contains("MT — machine translation, not checked by a translator"));
    assert!(all.contains("outdated — the original changed"));
    // The machine-translated cell is tinted.
    let tint: briefbook::Color = book.theme.machine_color.into();
    assert!(pages.pages.iter().any(|p| p.items.iter().any(|i| matches!(i, Item::Rect { fill, .. } if *fill == tint))));
}

fn dict<'a>(doc: &'a Document, obj: &'a Object) -> &'a lopdf::Dictionary {
    match obj {
        Object::Reference(id) => doc.get_dictionary(*id).expect("dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn text_of(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xfe, 0xff]) => {
            let units: Vec<u16> = b[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn pdf_has_structure_outline_metadata_intent_and_printable_links() {
    let bytes = pdf_of(&util::sample_brief());
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    // /ID: two equal 16-byte strings.
    let id = doc.trailer.get(b"ID").and_then(Object::as_array).expect("/ID");
    assert_eq!(id.len(), 2);
    assert_eq!(id[0], id[1]);
    assert!(matches!(&id[0], Object::String(b, _) if b.len() == 16));
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(text_of(catalog.get(b"Lang").expect("Lang")), "en");
    let mark = dict(&doc, catalog.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(mark.get(b"Marked").and_then(Object::as_bool).ok(), Some(true));

    // The tag tree has headings, paragraphs, tables and cells.
    let root = dict(&doc, catalog.get(b"StructTreeRoot").expect("StructTreeRoot"));
    let mut roles = std::collections::BTreeSet::new();
    let mut stack = vec![root.get(b"K").expect("K").clone()];
    let mut marked = 0;
    while let Some(o) = stack.pop() {
        match o {
            Object::Array(a) => stack.extend(a),
            Object::Reference(_) | Object::Dictionary(_) => {
                let d = dict(&doc, &o).clone();
                if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
                    roles.insert(String::from_utf8_lossy(s).into_owned());
                }
                if d.get(b"MCID").is_ok() {
                    marked += 1;
                }
                if let Ok(k) = d.get(b"K") {
                    stack.push(k.clone());
                }
            }
            _ => {}
        }
    }
    for r in ["Document", "Sect", "H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD", "TOC", "TOCI", "Caption"] {
        assert!(roles.contains(r), "{r} in {roles:?}");
    }
    assert!(marked > 40, "{marked} marked-content references");

    // The outline nests excerpt titles under their sections.
    let outlines = dict(&doc, catalog.get(b"Outlines").expect("Outlines"));
    let mut item = outlines.get(b"First").ok().cloned();
    let mut top = Vec::new();
    let mut nested = Vec::new();
    while let Some(o) = item {
        let d = dict(&doc, &o);
        let title = text_of(d.get(b"Title").expect("Title"));
        if let Ok(first) = d.get(b"First") {
            nested.push((title.clone(), text_of(dict(&doc, first).get(b"Title").expect("child title"))));
        }
        top.push(title);
        item = d.get(b"Next").ok().cloned();
    }
    assert_eq!(
        top,
        [
            "Contents",
            "Summary",
            "Key messages",
            "The meeting",
            "The meeting in the press",
            "Background: NATO Foreign Ministers, December 2024",
            "Defence spending and industry",
            "Ukraine",
            "Western Balkans and KFOR",
            "Key figures",
            "Sources"
        ]
    );
    assert!(nested.iter().any(|(s, c)| s == "The meeting in the press" && c.starts_with("NATO mblidhet në Bruksel")));

    // Links: printable, web or mail addresses only, internal ones to real pages.
    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let (mut uris, mut gotos) = (0, 0);
    for id in &page_ids {
        let page = doc.get_dictionary(*id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else { continue };
        for a in annots {
            let a = dict(&doc, a);
            assert_eq!(a.get(b"F").and_then(Object::as_i64).ok(), Some(4), "print flag");
            let action = dict(&doc, a.get(b"A").expect("action"));
            match action.get(b"S").and_then(Object::as_name).expect("S") {
                b"URI" => {
                    uris += 1;
                    let uri = text_of(action.get(b"URI").expect("URI"));
                    assert!(briefbook::is_safe_uri(&uri), "{uri}");
                }
                b"GoTo" => {
                    gotos += 1;
                    let dest = action.get(b"D").and_then(Object::as_array).expect("D");
                    assert!(page_ids.contains(&dest[0].as_reference().expect("page ref")));
                }
                other => panic!("unexpected action {:?}", String::from_utf8_lossy(other)),
            }
        }
    }
    assert!(uris >= 2 && gotos >= 6, "{uris} URI and {gotos} GoTo links");

    // XMP says what the Info dictionary says, and names PDF/A-2b.
    let info = dict(&doc, doc.trailer.get(b"Info").expect("Info"));
    let meta = catalog.get(b"Metadata").and_then(Object::as_reference).expect("Metadata");
    let stream = doc.get_object(meta).and_then(Object::as_stream).expect("stream");
    assert!(stream.dict.get(b"Filter").is_err(), "metadata is not compressed");
    let xmp = String::from_utf8(stream.content.clone()).expect("UTF-8");
    let title = text_of(info.get(b"Title").expect("Title"));
    assert_eq!(title, "NATO Defence Ministers' Meeting");
    assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")), "{xmp}");
    let author = text_of(info.get(b"Author").expect("Author"));
    assert!(xmp.contains(&format!("<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li>")));
    let producer = text_of(info.get(b"Producer").expect("Producer"));
    assert!(xmp.contains(&format!("<pdf:Producer>{producer}</pdf:Producer>")));
    assert_eq!(text_of(info.get(b"CreationDate").expect("date")), "D:20260210000000Z");
    assert!(xmp.contains("<xmp:CreateDate>2026-02-10T00:00:00Z</xmp:CreateDate>"));
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let keywords = text_of(info.get(b"Keywords").expect("Keywords"));
    assert!(xmp.contains(&format!("<pdf:Keywords>{keywords}</pdf:Keywords>")));

    // An sRGB output intent with its ICC profile.
    let intents = catalog.get(b"OutputIntents").and_then(Object::as_array).expect("OutputIntents");
    let intent = dict(&doc, &intents[0]);
    assert_eq!(intent.get(b"S").and_then(Object::as_name).ok(), Some(b"GTS_PDFA1".as_slice()));
    let profile = doc
        .get_object(intent.get(b"DestOutputProfile").and_then(Object::as_reference).expect("profile"))
        .and_then(Object::as_stream)
        .expect("stream");
    assert_eq!(profile.dict.get(b"N").and_then(Object::as_i64).ok(), Some(3));
    let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp");
    assert_eq!(&icc[16..20], b"RGB ");
}

#[test]
fn pages_render_and_the_two_columns_never_overlap() {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{RenderSettings, render_pdf};

    let path = layout_brief("mixed.toml");
    let (book, pages) = typeset(&path);
    let bytes = briefbook::write_pdf(&pages, &PdfOptions::for_book(&book)).expect("writes");
    let pdf = Pdf::new(std::sync::Arc::new(bytes)).expect("hayro reads it");
    let rendered = render_pdf(&pdf, 1.0, InterpreterSettings::default(), &RenderSettings::default(), None)
        .expect("hayro renders it");
    assert_eq!(rendered.len(), pages.pages.len());
    let section = pages.headings.iter().position(|h| h.title == "Press: side by side").expect("section");
    let first = pages.headings[section].page;
    let next = pages.headings[section + 1..].iter().find(|h| h.level == 1).expect("next section").page;
    // The gap between the columns, from the layout's own cells.
    let (mut left_end, mut right_start) = (0.0f32, f32::MAX);
    for page in first..next {
        for (run, role) in runs(&pages, page) {
            if role == Some(Role::TD) {
                if run.x < pages.width / 2.0 {
                    left_end = left_end.max(run.x + run.width());
                } else {
                    right_start = right_start.min(run.x);
                }
            }
        }
    }
    assert!(right_start - left_end > 5.0, "a gutter between the columns: {left_end} .. {right_start}");
    for (i, pixmap) in rendered.iter().enumerate() {
        let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
        let rgba = pixmap.data_as_u8_slice();
        let dark = |x: usize, y: usize| {
            let p = &rgba[(y * w + x) * 4..(y * w + x) * 4 + 4];
            (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3 < 110 && p[3] > 200
        };
        let ink = (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).filter(|&(x, y)| dark(x, y)).count();
        assert!(ink > 500, "page {} is blank ({ink} dark pixels)", i + 1);
        if (first..next).contains(&i) {
            // Nothing dark in the gutter, from the first line of the cells to the last.
            let cells: Vec<_> = runs(&pages, i).into_iter().filter(|(_, r)| *r == Some(Role::TD)).collect();
            let top = cells.iter().map(|(r, _)| r.y - r.size).fold(f32::MAX, f32::min);
            let bottom = cells.iter().map(|(r, _)| r.y + 0.3 * r.size).fold(0.0, f32::max);
            let (x0, x1) = ((left_end + 1.5).ceil() as usize, (right_start - 1.5).floor() as usize);
            let (y0, y1) = (top.max(0.0) as usize, (bottom as usize).min(h));
            for y in y0..y1 {
                for x in x0..x1 {
                    assert!(!dark(x, y), "page {}: ink in the gutter at {x},{y}", i + 1);
                }
            }
        }
    }
}

#[test]
fn objects_are_packed_in_object_streams_with_a_compressed_cross_reference_stream() {
    let bytes = pdf_of(&util::sample_brief());
    let find = |hay: &[u8], needle: &str| hay.windows(needle.len()).position(|w| w == needle.as_bytes());
    let count = |needle: &str| bytes.windows(needle.len()).filter(|w| *w == needle.as_bytes()).count();
    // No cross-reference table: `startxref` points at a compressed XRef stream.
    let tail = &bytes[bytes.len() - 40..];
    let start = find(tail, "startxref\n").expect("startxref") + "startxref\n".len();
    let offset: usize =
        String::from_utf8_lossy(&tail[start..]).lines().next().and_then(|l| l.trim().parse().ok()).expect("offset");
    let xref = &bytes[offset..];
    let dict = &xref[..find(xref, "stream").expect("a stream")];
    for key in ["/Type/XRef", "/Filter/FlateDecode", "/Predictor 12", "/Root ", "/Info ", "/ID["] {
        assert!(find(dict, key).is_some(), "{key} in {}", String::from_utf8_lossy(dict));
    }
    assert_eq!(count("\nxref\n") + count("trailer"), 0);
    // Pages, the tag tree and the outline are in compressed object streams: no page or
    // structure element is written as a plain object.
    assert!(count("/Type/ObjStm") >= 1);
    assert_eq!(count("/StructElem") + count("/Type/Page"), 0);

    // Readers find every object.
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    let pages = doc.get_pages().len();
    assert!(pages >= 6);
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"StructTreeRoot").is_ok() && catalog.get(b"Outlines").is_ok());
    let pdf = hayro::hayro_syntax::Pdf::new(std::sync::Arc::new(bytes.clone())).expect("hayro reads it");
    assert_eq!(pdf.pages().len(), pages);
    // qpdf checks every cross-reference entry and stream when it is installed (.ci/run
    // installs it).
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sample.pdf");
    std::fs::write(&file, &bytes).expect("write");
    match std::process::Command::new("qpdf").arg("--check").arg(&file).output() {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout)),
        Err(_) => eprintln!("qpdf not installed; its check skipped"),
    }
}

#[test]
fn same_pages_same_bytes_and_a_change_changes_the_id() {
    let a = pdf_of(&layout_brief("mixed.toml"));
    let b = pdf_of(&layout_brief("mixed.toml"));
    assert_eq!(a, b);
    let c = pdf_of(&util::sample_brief());
    let id = |bytes: &[u8]| Document::load_mem(bytes).expect("loads").trailer.get(b"ID").expect("ID").clone();
    assert_ne!(id(&a), id(&c));
}

#[test]
fn a_character_no_font_has_is_reported_not_dropped() {
    let (mut book, _) = typeset(&layout_brief("mixed.toml"));
    let briefbook::SectionContent::Note(blocks) = &mut book.sections[0].content else { panic!("note") };
    blocks[1].spans[0].text.push_str(" \u{13000} and \u{1F600}");
    let fonts = briefbook::FontBook::builtin().expect("fonts");
    let mut diags = Vec::new();
    let pages = briefbook::typeset_with_fonts(&book, &fonts, &mut diags).expect("typesets");
    let message = diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(message.contains("U+13000") && message.contains("U+1F600"), "{message}");
    // The characters are still in the text, set as .notdef boxes.
    assert!(pages.pages.iter().any(|p| p.text().contains('\u{13000}')));
}

/// The faces in `fonts/` with the role that starts with each.
fn every_face(fonts: &briefbook::FontBook) -> Vec<(usize, briefbook::FontRole)> {
    use briefbook::FontRole;
    let roles = [
        FontRole::SERIF,
        FontRole::SERIF_BOLD,
        FontRole::SERIF_ITALIC,
        FontRole::SERIF_ITALIC.bold(),
        FontRole::SANS,
        FontRole::SANS_BOLD,
    ];
    let faces: Vec<(usize, FontRole)> = roles.iter().map(|&r| (fonts.chain(r)[0], r)).collect();
    let mut ids: Vec<usize> = faces.iter().map(|f| f.0).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), fonts.faces.len(), "a role for every face");
    faces
}

/// Regression: the kerning of `r` before a full stop or comma moved the `r` itself (the
/// PDF put each glyph's TJ adjustment before the glyph instead of after it), so it ran
/// into the letter before it.
#[test]
fn a_word_final_r_before_punctuation_keeps_clear_of_the_letter_before_it() {
    use briefbook::{Piece, break_lines};
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{RenderSettings, render_pdf};
    use rustybuzz::ttf_parser::GlyphId;

    const TEXT: &str = "motor. year, Perëndimor, ministror; Perëndimor: ministror.";
    const SIZE: f32 = 30.0;
    const SCALE: f32 = 4.0;
    let fonts = briefbook::FontBook::builtin().expect("fonts");
    let faces = every_face(&fonts);
    let mut page = briefbook::Page::default();
    // Per face: its line's baseline and each glyph's id, pen position and text.
    type Glyphs = Vec<(u16, f32, String)>;
    let mut placed: Vec<(usize, f32, Glyphs)> = Vec::new();
    for (i, &(face, role)) in faces.iter().enumerate() {
        let lines = break_lines(&fonts, &[Piece::new(TEXT, role, SIZE, briefbook::Color::BLACK)], 2000.0);
        assert_eq!(lines.len(), 1);
        let (x, y) = (20.0, 60.0 + 2.0 * SIZE * i as f32);
        // rustybuzz's own positions for the whole line.
        let rb = rustybuzz::Face::from_slice(fonts.faces[face].data, 0).expect("face");
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(TEXT);
        let shaped = rustybuzz::shape(&rb, &[], buffer);
        let upem = rb.units_per_em() as f32;
        let mut pen = x;
        let mut want = Vec::new();
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let to_pt = |v: i32| v as f32 / upem * SIZE;
            want.push((info.glyph_id as u16, pen + to_pt(pos.x_offset), to_pt(pos.y_offset), to_pt(pos.x_advance)));
            pen += to_pt(pos.x_advance);
        }
        let mut got = Vec::new();
        let mut glyphs = Vec::new();
        for run in &lines[0].runs {
            assert_eq!(run.font, face, "{TEXT} is set in one face");
            let mut pen = x + run.x;
            for (gi, g) in run.glyphs.iter().enumerate() {
                got.push((g.id, pen + g.x_offset, g.y_offset, g.advance));
                glyphs.push((g.id, pen, run.glyph_text(gi).to_string()));
                pen += g.advance;
            }
            page.items.push(Item::Text(briefbook::TextRun { x: x + run.x, y, ..run.clone() }));
        }
        let name = &fonts.faces[face].name;
        assert_eq!(got.len(), want.len(), "{name}: glyph count");
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g.0, w.0, "{name}: glyph {k}");
            for (a, b, what) in [(g.1, w.1, "x"), (g.2, w.2, "y offset"), (g.3, w.3, "advance")] {
                assert!((a - b).abs() <= 0.01, "{name}: glyph {k} {what} is {a}, rustybuzz says {b}");
            }
        }
        placed.push((face, y, glyphs));
    }
    let pages = Pages {
        width: 1000.0,
        height: 60.0 + 2.0 * SIZE * faces.len() as f32,
        pages: vec![page],
        headings: Vec::new(),
        fonts: fonts.faces.iter().map(|f| (f.name.clone(), f.data)).collect(),
        structure: Vec::new(),
        language: "en".into(),
        annexes: Vec::new(),
    };
    let bytes = briefbook::write_pdf(&pages, &PdfOptions::default()).expect("writes");
    let pdf = Pdf::new(std::sync::Arc::new(bytes)).expect("hayro reads it");
    let rendered = render_pdf(&pdf, SCALE, InterpreterSettings::default(), &RenderSettings::default(), None)
        .expect("hayro renders it");
    let pixmap = &rendered[0];
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let rgba = pixmap.data_as_u8_slice();
    // Background: untouched by any glyph's coverage.
    let blank = |x: usize, y: usize| rgba[(y * w + x) * 4..(y * w + x) * 4 + 3].iter().all(|&c| c >= 250);
    let mut checked = 0;
    for (face, baseline, glyphs) in &placed {
        let ttf = rustybuzz::ttf_parser::Face::parse(fonts.faces[*face].data, 0).expect("face");
        let em = SIZE / f32::from(ttf.units_per_em());
        let ink = |id: u16, pen: f32| {
            let b = ttf.glyph_bounding_box(GlyphId(id)).expect("an outline");
            (pen + f32::from(b.x_min) * em, pen + f32::from(b.x_max) * em)
        };
        let top = ((baseline - 1.1 * SIZE) * SCALE).max(0.0) as usize;
        let bottom = (((baseline + 0.4 * SIZE) * SCALE) as usize).min(h);
        for k in 1..glyphs.len().saturating_sub(1) {
            let (r, next) = (&glyphs[k], &glyphs[k + 1]);
            if r.2 != "r" || !matches!(next.2.as_str(), "." | "," | ";" | ":") {
                continue;
            }
            let before = &glyphs[k - 1];
            let (b0, b1) = ink(before.0, before.1);
            let (r0, r1) = ink(r.0, r.1);
            // Somewhere between the middle of the letter and the middle of the `r`, a column
            // of the line with no ink at all.
            let (from, to) = (((b0 + b1) / 2.0 * SCALE) as usize, ((r0 + r1) / 2.0 * SCALE) as usize);
            let gap = (from..to.min(w)).find(|&x| (top..bottom).all(|y| blank(x, y)));
            assert!(
                gap.is_some(),
                "{}: `{}r{}` — the `r` touches the letter before it (pixels {from}..{to})",
                fonts.faces[*face].name,
                before.2,
                next.2
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * faces.len(), "every word-final r, in every face");
}

/// An original shown without translation says "not translated" (so does an empty
/// translation cell); with `qa_marks = true` a row QA flags carries its finding, and without
/// it the PDF shows none.
#[test]
fn untranslated_cells_and_qa_marks() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    for e in std::fs::read_dir(util::root().join("briefs/sources")).expect("sources") {
        let p = e.expect("entry").path();
        if !p.to_string_lossy().ends_with("telegrafi-2026-02-nato-defence-ministers.en.md") {
            std::fs::copy(&p, dir.path().join("sources").join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let brief = dir.path().join("brief.toml");
    std::fs::copy(util::sample_brief(), &brief).expect("copy brief");
    let words = |pages: &Pages| briefbook::dump_pages(pages);
    let (_, pages) = typeset(&brief);
    assert!(words(&pages).contains("not translated"), "no `not translated` mark");
    // One sentence translated with a wrong figure.
    let sentence = "Në Samitin e NATO-s 2025, vendet aleate u angazhuan që deri në vitin 2035 të investojnë 5% të Prodhimit të Brendshëm Bruto (PBB) çdo vit në mbrojtje dhe siguri.";
    let memory_path = dir.path().join("sources.memory.tmx");
    let mut memory = briefbook::Memory::load(&memory_path).expect("memory");
    memory.add(briefbook::Entry::new(
        "sq".parse().expect("tag"),
        "en".parse().expect("tag"),
        sentence,
        "At the 2025 NATO Summit, Allies committed to invest 3% of GDP a year in defence and security by 2035.",
        briefbook::EntryOrigin::Human,
        None,
    ));
    memory.save(&memory_path).expect("save");
    let (_, pages) = typeset(&brief);
    assert!(!words(&pages).contains("QA: percentage"), "QA marks without qa_marks");
    let text = std::fs::read_to_string(&brief)
        .expect("brief")
        .replace("corpus = \"sources\"", "corpus = \"sources\"\nqa_marks = true");
    std::fs::write(&brief, text).expect("write");
    let (_, pages) = typeset(&brief);
    assert!(words(&pages).contains("QA: percentage"), "no QA mark with qa_marks = true");
}

/// Checks and typesets a brief held in memory, with one small document in `sources/`.
fn typeset_text(brief: &str) -> Pages {
    typeset_with(brief, &[])
}

/// [`typeset_text`] with more files.
fn typeset_with(brief: &str, more: &[(&str, &str)]) -> Pages {
    let mut files = briefbook::MemoryFiles::new();
    files.insert("b.toml", brief).insert(
        "sources/d.md",
        "+++\nid = \"d\"\ntitle = \"A document\"\nlanguage = \"en\"\n+++\n\nOne paragraph of the document.\n",
    );
    for (path, text) in more {
        files.insert(*path, *text);
    }
    let mut diags = Vec::new();
    let book = briefbook::check(&files, Path::new("b.toml"), &mut diags).expect("checks").expect("book");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    briefbook::typeset(&book, &mut diags).expect("typesets")
}

const FLOW_HEAD: &str = "format = 1\n\n[brief]\ntitle = \"Flow\"\nlanguage = \"en\"\ncorpus = \"sources\"\n";

/// A note section: `lines` sentences of filler, then `## Heading` and a paragraph.
fn note_section(title: &str, filler: usize, after: usize) -> String {
    let sentence = "The ministers discuss the delivery of the investment pledge in some detail. ";
    format!(
        "\n[[section]]\ntitle = \"{title}\"\nkind = \"note\"\ntext = \"\"\"\n{}\n\n## Points to raise in {title}\n\n{}\n\"\"\"\n",
        sentence.repeat(filler),
        sentence.repeat(after)
    )
}

/// Where each level-1 heading of the body stands: title and page.
fn section_pages(pages: &Pages) -> Vec<(String, usize)> {
    pages.headings.iter().filter(|h| h.level == 1 && h.page > 1).map(|h| (h.title.clone(), h.page)).collect()
}

#[test]
fn short_sections_follow_each_other_and_page_break_before_starts_a_page() {
    let mut brief = FLOW_HEAD.to_string();
    for title in ["Summary", "Key messages", "Talking points"] {
        brief
            .push_str(&format!("\n[[section]]\ntitle = \"{title}\"\nkind = \"note\"\ntext = \"Three short lines.\"\n"));
    }
    let pages = typeset_text(&brief);
    let at = section_pages(&pages);
    assert_eq!(at.len(), 3, "three notes (and no sources): {at:?}");
    assert!(at.iter().take(3).all(|(_, p)| *p == at[0].1), "the notes share a page: {at:?}");
    // The section follows what comes before it, below it on the same page.
    let ys: Vec<f32> = pages.headings.iter().filter(|h| h.level == 1 && h.page > 1).map(|h| h.y).collect();
    assert!(ys[0] < ys[1] && ys[1] < ys[2], "{ys:?}");

    // One section asks for a new page.
    let one = brief.replacen("title = \"Key messages\"", "title = \"Key messages\"\npage_break = \"before\"", 1);
    let at = section_pages(&typeset_text(&one));
    assert_eq!(at[1].1, at[0].1 + 1, "{at:?}");
    assert_eq!(at[2].1, at[1].1, "the next section follows again: {at:?}");

    // `[page] page_break = "before"`: every section.
    let all = format!("{brief}\n[page]\npage_break = \"before\"\n");
    let at = section_pages(&typeset_text(&all));
    for pair in at.windows(2) {
        assert_eq!(pair[1].1, pair[0].1 + 1, "{at:?}");
    }
}

/// No page ends with a heading: on every page, something other than a heading or a
/// caption is set below the last heading.
fn assert_no_page_ends_with_a_heading(pages: &Pages, what: &str) {
    // The cover (page 1) may hold only its title.
    for (i, page) in pages.pages.iter().enumerate().skip(1) {
        let runs: Vec<(f32, Role)> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(r) => r.tag.map(|t| (r.y, pages.structure[t].role)),
                _ => None,
            })
            .collect();
        let Some(last_heading) = runs.iter().filter(|(_, r)| matches!(r, Role::H(_))).map(|(y, _)| *y).reduce(f32::max)
        else {
            continue;
        };
        let after = runs.iter().any(|(y, r)| *y > last_heading && !matches!(r, Role::H(_) | Role::Caption));
        assert!(after, "{what}: page {} ends with a heading:\n{}", i + 1, page.text());
    }
}

#[test]
fn no_page_ends_with_a_heading() {
    for brief in [util::sample_brief(), layout_brief("mixed.toml")] {
        let (_, pages) = typeset(&brief);
        assert_no_page_ends_with_a_heading(&pages, &brief.display().to_string());
    }
    // Notes of every length before a heading: one of them leaves just room for the heading
    // and two lines at the foot of a page, where the paragraph after it cannot start.
    for filler in 24..72 {
        let mut brief = FLOW_HEAD.to_string();
        brief.push_str(&note_section("First", filler, 4));
        brief.push_str(&note_section("Second", 5, 5));
        brief.push_str("\n[[section]]\ntitle = \"Press\"\ndocuments = [\"d\"]\n");
        let pages = typeset_text(&brief);
        assert_no_page_ends_with_a_heading(&pages, &format!("filler {filler}"));
    }
}

/// The text of every page, without white space (runs split words and lines differently).
fn squeezed(pages: &Pages) -> String {
    pages.pages.iter().map(|p| p.text()).collect::<String>().split_whitespace().collect()
}

#[test]
fn a_shared_paragraph_is_printed_once_and_referred_to_with_a_link() {
    let brief = format!(
        "{FLOW_HEAD}\n[[section]]\ntitle = \"First\"\ndocuments = [\"d\"]\n\n[[section]]\ntitle = \"Again\"\ndocuments = [\"d\"]\npage_break = \"before\"\n"
    );
    let pages = typeset_text(&brief);
    let text = squeezed(&pages);
    assert_eq!(text.matches("Oneparagraphofthedocument.").count(), 1, "{text}");
    let page_of = |title: &str| pages.headings.iter().find(|h| h.title == title).expect(title).page;
    let (first, again) = (page_of("First"), page_of("Again"));
    let reference = format!("See¶1of[1],p.{},First", first + 1);
    assert!(text.contains(&reference), "{reference} in {text}");
    let links_back = pages.pages[again]
        .items
        .iter()
        .any(|i| matches!(i, Item::Link { target: LinkTarget::Place { page, .. }, .. } if *page == first));
    assert!(links_back, "the reference links to page {}", first + 1);
    // The contents and outline list the document once, under the section that prints it.
    assert_eq!(pages.headings.iter().filter(|h| h.title == "A document").count(), 1);

    // `repeat = true`: printed again, no reference.
    let pages = typeset_text(&format!("{brief}repeat = true\n"));
    let text = squeezed(&pages);
    assert_eq!(text.matches("Oneparagraphofthedocument.").count(), 2, "{text}");
    assert!(!text.contains("See¶"), "{text}");
}

/// A key figure of a source no one translated is given in its original, marked as such.
#[test]
fn an_untranslated_figure_context_is_marked_as_the_original() {
    let brief = format!(
        "{FLOW_HEAD}\n[[section]]\ntitle = \"Press\"\ndocuments = [\"al\"]\nlayout = \"original\"\n\n[[section]]\ntitle = \"Key figures\"\nkind = \"figures\"\n"
    );
    let doc = "+++\nid = \"al\"\ntitle = \"Shpenzimet\"\nlanguage = \"sq\"\n+++\n\nShqipëria shpenzoi 2.03% të PBB-së për mbrojtjen në vitin 2024.\n";
    let pages = typeset_with(&brief, &[("sources/al.md", doc)]);
    let text = squeezed(&pages);
    assert!(text.contains("2.03%"), "a key figure: {text}");
    assert!(text.contains("[Original—Albanian]"), "{text}");
}

#[test]
fn serbo_croatian_in_latin_script_is_hyphenated_with_its_group_tag() {
    // narrow.toml's original is tagged `hbs-Latn` (the tag language detection gives when it
    // cannot tell Serbian, Croatian and Bosnian apart): its narrow column is hyphenated with
    // the Serbo-Croatian patterns. The text itself has no hyphen.
    let (_, pages) = typeset(&layout_brief("narrow.toml"));
    let mut hyphenated = Vec::new();
    let mut lines = 0;
    for page in &pages.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let Some(tag) = run.tag else { continue };
            let lang = pages.structure[tag].language.as_deref().unwrap_or("");
            if pages.structure[tag].role == Role::TD && lang == "hbs-Latn" {
                lines += 1;
                if run.text.ends_with('-') {
                    hyphenated.push(run.text.clone());
                }
            }
        }
    }
    assert!(lines > 20, "the original's column has lines ({lines})");
    assert!(hyphenated.len() >= 3, "{hyphenated:?}");
}
