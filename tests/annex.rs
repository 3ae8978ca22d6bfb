//! Annex sections: an existing PDF appended to the book with the running head and footer
//! stamped on its pages. The annexes are made here: one written with lopdf (two pages of
//! different sizes, a web link and a link to its second page, not PDF/A), one a PDF
//! briefbook built (PDF/A), one encrypted, one broken.

use std::path::{Path, PathBuf};

use briefbook::DiskFiles;
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

/// A PDF of two pages: an A4 page with a heading, a web link and three links to page 2
/// (explicit, by name, by name-tree string), and a Letter page in landscape; not PDF/A.
fn declaration() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font_id = doc.add_object(Object::Dictionary(font));
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(Object::Dictionary(resources));
    let page = |doc: &mut Document, text: &str, size: (i64, i64)| {
        let content = format!("BT /F1 18 Tf 72 {} Td ({text}) Tj ET", size.1 - 300);
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let mut p = Dictionary::new();
        p.set("Type", Object::Name(b"Page".to_vec()));
        p.set("Parent", Object::Reference(pages_id));
        p.set("MediaBox", Object::Array(vec![0.into(), 0.into(), size.0.into(), size.1.into()]));
        p.set("Contents", Object::Reference(content_id));
        p.set("Resources", Object::Reference(resources_id));
        doc.add_object(Object::Dictionary(p))
    };
    let first = page(&mut doc, "Joint declaration of the ministers", (595, 842));
    let second = page(&mut doc, "Signatures of the delegations", (792, 612));
    let mut uri = Dictionary::new();
    uri.set("S", Object::Name(b"URI".to_vec()));
    uri.set("URI", Object::String(b"https://example.org/declaration".to_vec(), StringFormat::Literal));
    let mut web = Dictionary::new();
    web.set("Type", Object::Name(b"Annot".to_vec()));
    web.set("Subtype", Object::Name(b"Link".to_vec()));
    web.set("Rect", Object::Array(vec![72.into(), 500.into(), 300.into(), 530.into()]));
    web.set("A", Object::Dictionary(uri));
    web.set("P", Object::Reference(first));
    let mut inside = Dictionary::new();
    inside.set("Type", Object::Name(b"Annot".to_vec()));
    inside.set("Subtype", Object::Name(b"Link".to_vec()));
    inside.set("Rect", Object::Array(vec![72.into(), 400.into(), 300.into(), 430.into()]));
    inside.set("Dest", Object::Array(vec![Object::Reference(second), Object::Name(b"Fit".to_vec())]));
    // Two links by named destination: a name in the catalog's /Dests, and a string in the
    // /Dests name tree (through a kid, with limits) that gives a dictionary with /D.
    let mut by_name = inside.clone();
    by_name.set("Rect", Object::Array(vec![72.into(), 360.into(), 300.into(), 390.into()]));
    by_name.set("Dest", Object::Name(b"signatures".to_vec()));
    let mut by_string = Dictionary::new();
    by_string.set("Type", Object::Name(b"Annot".to_vec()));
    by_string.set("Subtype", Object::Name(b"Link".to_vec()));
    by_string.set("Rect", Object::Array(vec![72.into(), 320.into(), 300.into(), 350.into()]));
    let mut goto = Dictionary::new();
    goto.set("S", Object::Name(b"GoTo".to_vec()));
    goto.set("D", Object::String(b"sig.2".to_vec(), StringFormat::Literal));
    by_string.set("A", Object::Dictionary(goto));
    let annots = vec![
        Object::Dictionary(web),
        Object::Dictionary(inside),
        Object::Dictionary(by_name),
        Object::Dictionary(by_string),
    ];
    if let Ok(Object::Dictionary(p)) = doc.get_object_mut(first) {
        p.set("Annots", Object::Array(annots));
    }
    let to_second = Object::Array(vec![Object::Reference(second), Object::Name(b"Fit".to_vec())]);
    let mut dests = Dictionary::new();
    dests.set("signatures", to_second.clone());
    let mut with_d = Dictionary::new();
    with_d.set("D", to_second);
    let mut leaf = Dictionary::new();
    leaf.set("Limits", Object::Array(vec![Object::string_literal("sig.1"), Object::string_literal("sig.3")]));
    leaf.set(
        "Names",
        Object::Array(vec![
            Object::string_literal("sig.1"),
            Object::Null,
            Object::string_literal("sig.2"),
            Object::Dictionary(with_d),
        ]),
    );
    let leaf_id = doc.add_object(Object::Dictionary(leaf));
    let mut tree = Dictionary::new();
    tree.set("Kids", Object::Array(vec![Object::Reference(leaf_id)]));
    let mut names = Dictionary::new();
    names.set("Dests", Object::Dictionary(tree));
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(vec![Object::Reference(first), Object::Reference(second)]));
    pages.set("Count", Object::Integer(2));
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    catalog.set("Dests", Object::Dictionary(dests));
    catalog.set("Names", Object::Dictionary(names));
    let catalog_id = doc.add_object(Object::Dictionary(catalog));
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

/// A folder with an empty corpus, the annex files and a brief: a note, the annex, a note.
fn brief_with(annex: &[u8], extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("sources")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("annexes")).expect("mkdir");
    std::fs::write(dir.path().join("annexes/declaration.pdf"), annex).expect("write");
    let brief = dir.path().join("b.toml");
    std::fs::write(
        &brief,
        format!(
            "format = 1\n[brief]\ntitle = \"Council briefing\"\ndate = 2026-02-10\ncorpus = \"sources\"\n{extra}\n\
             [[section]]\ntitle = \"Key messages\"\nkind = \"note\"\ntext = \"The ministers agree.\"\n\n\
             [[section]]\ntitle = \"Annex A: the declaration\"\nkind = \"annex\"\nfile = \"annexes/declaration.pdf\"\n\n\
             [[section]]\ntitle = \"Next steps\"\nkind = \"note\"\ntext = \"Follow up in March.\"\n"
        ),
    )
    .expect("write");
    (dir, brief)
}

fn build_ok(brief: &Path) -> (Vec<u8>, Vec<briefbook::Diagnostic>) {
    let mut diags = Vec::new();
    let bytes = briefbook::build_pdf(&DiskFiles, brief, &mut diags).unwrap_or_else(|e| panic!("{e}: {diags:#?}"));
    (bytes, diags)
}

/// The text of page `page` (from 1): lopdf's text of the page's own content (the running
/// head and footer), and the literal strings of the forms the page paints (the annex
/// written by [`declaration`] shows its text as literal strings).
fn page_text(doc: &Document, page: u32) -> String {
    let mut text = doc.extract_text(&[page]).unwrap_or_default();
    let id = doc.get_pages()[&page];
    let (resources, _) = doc.get_page_resources(id).expect("resources");
    let xobjects = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|x| x.as_dict().ok());
    for (_, form) in xobjects.into_iter().flat_map(|x| x.iter()) {
        let Ok(stream) = form.as_reference().and_then(|r| doc.get_object(r)).and_then(Object::as_stream) else {
            continue;
        };
        let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let content = String::from_utf8_lossy(&content);
        for part in content.split('(').skip(1) {
            text.push_str(part.split(')').next().unwrap_or(""));
            text.push('\n');
        }
    }
    text
}

/// pdftotext's text of page `page` of `bytes`, if poppler-utils is installed.
fn pdftotext_page(bytes: &[u8], page: u32) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("p.pdf");
    std::fs::write(&pdf, bytes).expect("write");
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext").args(["-f", &n, "-l", &n]).arg(&pdf).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A folder with a brief of one note and an empty corpus: a plain briefbook PDF.
fn plain_book() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("sources")).expect("mkdir");
    let brief = dir.path().join("inner.toml");
    std::fs::write(
        &brief,
        "format = 1\n[brief]\ntitle = \"Agenda of the council\"\ncorpus = \"sources\"\n\n\
         [[section]]\ntitle = \"Agenda\"\nkind = \"note\"\ntext = \"1. Opening of the session.\"\n",
    )
    .expect("write");
    build_ok(&brief).0
}

fn xmp(doc: &Document) -> String {
    let meta = doc.catalog().and_then(|c| c.get(b"Metadata")).and_then(Object::as_reference).expect("metadata");
    let stream = doc.get_object(meta).and_then(Object::as_stream).expect("stream");
    String::from_utf8_lossy(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())).into_owned()
}

#[test]
fn annex_pages_follow_with_contents_outline_footer_and_links() {
    let (_dir, brief) = brief_with(&declaration(), "");
    let (bytes, diags) = build_ok(&brief);
    let doc = Document::load_mem(&bytes).expect("reads");
    let pages = doc.get_pages();
    // Cover, contents, the first note, two annex pages, the last note.
    assert_eq!(pages.len(), 6, "{diags:#?}");

    // The annex's text, and the running head and footer stamped on its pages.
    let third = page_text(&doc, 4);
    assert!(third.contains("Joint declaration of the ministers"), "{third}");
    assert!(third.contains("Page 4 of 6"), "{third}");
    assert!(third.contains("Annex A: the declaration"), "running head: {third}");
    assert!(third.contains("Council briefing"), "running head: {third}");
    let fourth = page_text(&doc, 5);
    assert!(fourth.contains("Signatures of the delegations"), "{fourth}");
    assert!(fourth.contains("Page 5 of 6"), "{fourth}");
    // What follows the annex starts a page of its own.
    assert!(page_text(&doc, 6).contains("Follow up in March"));

    // The contents name the annex with its first page.
    let contents = page_text(&doc, 2);
    let line = contents.lines().find(|l| l.contains("Annex A: the declaration")).expect("contents entry");
    assert!(line.contains('4'), "{line}");

    // The outline has the annex, pointing at its first page.
    let page_ids: Vec<_> = pages.values().copied().collect();
    let outlines = doc.catalog().and_then(|c| c.get(b"Outlines")).and_then(Object::as_reference).expect("outline");
    let mut item = doc.get_dictionary(outlines).and_then(|o| o.get(b"First")).and_then(Object::as_reference).ok();
    let mut found = None;
    while let Some(id) = item {
        let d = doc.get_dictionary(id).expect("item");
        let title = d.get(b"Title").and_then(Object::as_str).map(|t| String::from_utf8_lossy(t).into_owned());
        if title.as_deref().ok() == Some("Annex A: the declaration") {
            found = d.get(b"Dest").and_then(Object::as_array).ok().and_then(|a| a[0].as_reference().ok());
        }
        item = d.get(b"Next").and_then(Object::as_reference).ok();
    }
    assert_eq!(found, Some(page_ids[3]), "the outline entry goes to the annex's first page");

    // The links came along: the web link, and the link to the annex's second page now
    // going to the book's fifth page; both inside the page.
    let annots =
        doc.get_dictionary(page_ids[3]).and_then(|p| p.get(b"Annots")).and_then(Object::as_array).expect("links");
    let mut web = false;
    let mut inside = 0;
    for a in annots {
        let d = doc.dereference(a).expect("annot").1.as_dict().expect("dict");
        let rect: Vec<f32> =
            d.get(b"Rect").and_then(Object::as_array).expect("rect").iter().map(|v| v.as_float().expect("n")).collect();
        assert!(rect[0] >= 0.0 && rect[2] <= 595.3 && rect[1] >= 0.0 && rect[3] <= 842.0, "{rect:?}");
        if let Ok(action) = d.get(b"A").and_then(Object::as_dict) {
            web |=
                action.get(b"URI").and_then(Object::as_str).ok() == Some(b"https://example.org/declaration".as_slice());
        }
        if let Ok(dest) = d.get(b"Dest").and_then(Object::as_array) {
            inside += usize::from(dest[0].as_reference().ok() == Some(page_ids[4]));
        }
    }
    // The explicit destination and both named ones go to the annex's second page.
    assert!(web && inside == 3, "web link {web}, links inside the annex {inside} of 3");

    // The landscape Letter page is scaled into the A4 page: its form is drawn shrunk.
    let content = doc.get_page_content(page_ids[4]);
    let text = String::from_utf8_lossy(&content);
    let cm = text.lines().find(|l| l.contains(" cm /Annex")).expect("the annex is drawn");
    let scale: f32 = cm.trim_start_matches("q ").split(' ').next().expect("a").parse().expect("number");
    assert!((scale - 595.276 / 792.0).abs() < 1e-3, "{cm}");

    // Each annex page is tagged: its drawing is the marked content of a figure, which the
    // tag tree holds with a description, under a section of its own.
    assert!(text.contains("/Figure <</MCID 0>> BDC"), "{text}");
    let figures: Vec<&Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure".as_slice()))
        .collect();
    assert_eq!(figures.len(), 2, "a figure a page");
    let alts: Vec<String> = figures
        .iter()
        .map(|d| String::from_utf8_lossy(d.get(b"Alt").and_then(Object::as_str).expect("alt text")).into_owned())
        .collect();
    assert!(alts.iter().any(|a| a.contains("page 2 of 2") && a.contains("declaration.pdf")), "{alts:?}");
    for f in &figures {
        let parent = doc.get_dictionary(f.get(b"P").and_then(Object::as_reference).expect("parent")).expect("p");
        assert_eq!(parent.get(b"S").and_then(Object::as_name).ok(), Some(b"Sect".as_slice()));
        let kids = f.get(b"K").and_then(Object::as_array).expect("kids");
        assert_eq!(kids.len(), 1, "the page's marked content");
    }

    // Not PDF/A: the book does not claim PDF/A, and check says why.
    assert!(!xmp(&doc).contains("pdfaid:part"));
    let warning = diags.iter().find(|d| d.message.contains("not PDF/A")).expect("a warning");
    assert!(!warning.is_error());
    assert_eq!(warning.file.as_deref(), Some(brief.as_path()));
    assert_eq!(warning.pos.map(|p| p.line), Some(15), "{warning}");
    assert_eq!(warning.origin.section, Some(1));

    // Same input, same bytes.
    assert_eq!(build_ok(&brief).0, bytes);
}

#[test]
fn a_pdfa_annex_keeps_the_books_pdfa_identification() {
    // A PDF briefbook made (PDF/A-2b identification, embedded fonts) as the annex.
    let inner_pdf = plain_book();
    let inner = Document::load_mem(&inner_pdf).expect("reads");
    assert!(xmp(&inner).contains("pdfaid:part"));
    let inner_pages = inner.get_pages().len();
    let (_dir, brief) = brief_with(&inner_pdf, "");
    let (bytes, diags) = build_ok(&brief);
    assert!(diags.iter().all(|d| !d.message.contains("PDF/A")), "{diags:#?}");
    let doc = Document::load_mem(&bytes).expect("reads");
    assert!(xmp(&doc).contains("<pdfaid:part>2</pdfaid:part>"));
    // Its pages follow the first note.
    let total = 2 + 1 + inner_pages + 1;
    assert_eq!(doc.get_pages().len(), total);
    let text = page_text(&doc, 4);
    assert!(text.contains(&format!("Page 4 of {total}")) && text.contains("Council briefing"), "{text}");
    // Its fonts came along, embedded; pdftotext reads its text and the book's stamps.
    let fonts = doc.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.get(b"FontFile2").is_ok()).count();
    assert!(
        fonts > inner.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.get(b"FontFile2").is_ok()).count()
    );
    if let Some(text) = pdftotext_page(&bytes, 4) {
        assert!(text.contains("Agenda of the council") && text.contains("Council briefing"), "{text}");
        let second = pdftotext_page(&bytes, 5).unwrap_or_default();
        assert!(second.contains("Agenda . . ."), "the annex page: {second}");
        assert!(second.contains(&format!("Page 5 of {total}")), "the book's footer: {second}");
    }
}

#[test]
fn encrypted_broken_missing_and_outside_annexes_are_errors_at_their_line() {
    let mut encrypted = Document::load_mem(&declaration()).expect("reads");
    encrypted.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &encrypted,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption");
    encrypted.encrypt(&state).expect("encrypts");
    let mut encrypted_bytes = Vec::new();
    encrypted.save_to(&mut encrypted_bytes).expect("saves");

    let good = declaration();
    for (bytes, extra, wanted) in [
        (encrypted_bytes.as_slice(), "", "is an encrypted PDF"),
        (&good[..good.len() / 2], "", "is a broken PDF"),
        (b"just text".as_slice(), "", "is not a PDF file"),
    ] {
        let (_dir, brief) = brief_with(bytes, extra);
        let mut diags = Vec::new();
        assert!(briefbook::build_pdf(&DiskFiles, &brief, &mut diags).is_err(), "{wanted}");
        let e = diags.iter().find(|d| d.is_error()).unwrap_or_else(|| panic!("{wanted}: {diags:#?}"));
        let shown = e.to_string();
        assert!(e.message.contains(wanted), "{shown}");
        assert!(shown.contains("b.toml:15:8:"), "{shown}");
        assert_eq!(e.origin.key.as_deref(), Some("section[1].file"));
    }
    // A missing file, and a path out of the brief's folder.
    let (dir, brief) = brief_with(&good, "");
    std::fs::remove_file(dir.path().join("annexes/declaration.pdf")).expect("rm");
    let mut diags = Vec::new();
    assert!(briefbook::build_pdf(&DiskFiles, &brief, &mut diags).is_err());
    assert!(
        diags.iter().any(|d| d.is_error() && d.message.starts_with("cannot read annex `annexes/declaration.pdf`")),
        "{diags:#?}"
    );
    let text = std::fs::read_to_string(&brief).expect("read").replace("annexes/declaration.pdf", "../declaration.pdf");
    std::fs::write(&brief, text).expect("write");
    let mut diags = Vec::new();
    assert!(briefbook::build_pdf(&DiskFiles, &brief, &mut diags).is_err());
    assert!(diags.iter().any(|d| d.is_error() && d.message.contains("leads out of the brief's folder")), "{diags:#?}");
}

#[test]
fn qpdf_and_pdftotext_read_the_annexed_book() {
    let (dir, brief) = brief_with(&declaration(), "");
    let (bytes, _) = build_ok(&brief);
    let pdf = dir.path().join("b.pdf");
    std::fs::write(&pdf, &bytes).expect("write");
    match std::process::Command::new("qpdf").arg("--check").arg(&pdf).output() {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout)),
        Err(_) => eprintln!("qpdf not installed; skipped (run by .ci/run)"),
    }
    match std::process::Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            for want in
                ["Joint declaration of the ministers", "Signatures of the delegations", "Page 4 of 6", "Page 5 of 6"]
            {
                assert!(text.contains(want), "{want} in {text}");
            }
        }
        Err(_) => eprintln!("pdftotext not installed; skipped (run by .ci/run)"),
    }
}

#[test]
fn a_brief_with_an_annex_round_trips_and_unknown_keys_still_fail() {
    let (_dir, brief) = brief_with(&declaration(), "");
    let text = std::fs::read_to_string(&brief).expect("read");
    let parsed = briefbook::parse_brief(&brief, &text).expect("parses");
    assert_eq!(parsed.sections[1].kind, briefbook::SectionKind::Annex);
    assert_eq!(parsed.sections[1].file, "annexes/declaration.pdf");
    // Saved with the formatting kept: an unchanged brief is the same text; a changed title
    // changes one line.
    assert_eq!(parsed.to_toml_in(&text, &parsed), text);
    let mut changed = parsed.clone();
    changed.sections[1].title = "Annex B".into();
    let saved = changed.to_toml_in(&text, &parsed);
    assert_eq!(saved, text.replace("Annex A: the declaration", "Annex B"));
    assert_eq!(briefbook::parse_brief(&brief, &saved).expect("parses"), changed);
    // A new annex section is written with its file.
    let mut added = parsed.clone();
    added.sections.push(briefbook::Section {
        title: "Agenda".into(),
        kind: briefbook::SectionKind::Annex,
        file: "annexes/agenda.pdf".into(),
        ..Default::default()
    });
    let saved = added.to_toml_in(&text, &parsed);
    assert!(saved.contains("kind = \"annex\"") && saved.contains("file = \"annexes/agenda.pdf\""), "{saved}");
    assert_eq!(briefbook::parse_brief(&brief, &saved).expect("parses"), added);
    let bad = text.replace("file = ", "pdf = ");
    let e = briefbook::parse_brief(&brief, &bad).expect_err("unknown key");
    assert!(e.to_string().contains("b.toml:15:1: unknown field `pdf`"), "{e}");
}

#[test]
fn the_layout_places_annex_pages_clear_of_the_running_head_and_footer() {
    let (_dir, brief) = brief_with(&declaration(), "");
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, &brief, &mut diags).expect("checks").expect("book");
    let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
    let placed: Vec<(usize, briefbook::AnnexPlacement)> =
        pages.pages.iter().enumerate().filter_map(|(i, p)| p.annex.map(|a| (i, a))).collect();
    assert_eq!(placed.iter().map(|(i, a)| (*i, a.page)).collect::<Vec<_>>(), [(3, 0), (4, 1)]);
    // The rules of the running head and the footer on an annex page: the annex page stays
    // between them.
    let rules: Vec<f32> = pages.pages[3]
        .items
        .iter()
        .filter_map(|i| match i {
            briefbook::Item::Rule { y1, .. } => Some(*y1),
            _ => None,
        })
        .collect();
    let (head, foot) = (rules[0], rules[1]);
    for (i, a) in &placed {
        let size = book.sections[1..]
            .iter()
            .find_map(|s| match &s.content {
                briefbook::SectionContent::Annex(x) => x.pages.get(a.page).copied(),
                _ => None,
            })
            .expect("size");
        let (w, h) = (size.width * a.scale, size.height * a.scale);
        assert!(a.y >= head && a.y + h <= foot, "page {i}: {} to {} between {head} and {foot}", a.y, a.y + h);
        assert!(a.x >= -0.01 && a.x + w <= pages.width + 0.01, "page {i}");
        // Centred.
        assert!((a.x - (pages.width - a.x - w)).abs() < 0.01, "page {i}");
    }
    // The A4 page is shrunk a little, the landscape Letter page to the page's width.
    assert!(placed[0].1.scale > 0.8 && placed[0].1.scale < 1.0, "{}", placed[0].1.scale);
    assert!((placed[1].1.scale - pages.width / 792.0).abs() < 1e-4);
    let dump = briefbook::dump_pages(&pages);
    assert!(dump.contains("page 4\n  annex \"annexes/declaration.pdf\" page 1 at "), "{dump}");
    assert!(dump.contains("heading 1 page 4 \"Annex A: the declaration\""), "{dump}");
}
