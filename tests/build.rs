//! End to end: the sample brief through the library to PDF bytes, read back with lopdf.

mod util;

use briefbook::DiskFiles;

fn sample_pdf() -> Vec<u8> {
    let mut diags = Vec::new();
    let bytes = briefbook::build_pdf(&DiskFiles, &util::sample_brief(), &mut diags).expect("sample brief builds");
    assert!(diags.is_empty(), "the sample brief has no warnings: {diags:#?}");
    bytes
}

#[test]
fn sample_brief_reads_back_with_pages_fonts_and_every_word() {
    let bytes = sample_pdf();
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let pages = doc.get_pages();
    assert!(pages.len() >= 6, "cover, contents, two notes, two document sections and sources: {}", pages.len());

    // Every font is embedded (FontFile2) and subset (tagged name), with a ToUnicode map.
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice()) {
            fonts += 1;
            assert!(dict.get(b"FontFile2").is_ok(), "font embedded: {dict:?}");
            let name = String::from_utf8_lossy(dict.get(b"FontName").and_then(|n| n.as_name()).expect("font name"))
                .into_owned();
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "subset tag in {name}");
        }
        if dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Type0".as_slice()) {
            assert!(dict.get(b"ToUnicode").is_ok(), "ToUnicode on {dict:?}");
        }
    }
    assert!(fonts >= 4, "serif, serif bold, sans, sans bold at least: {fonts}");
    // Fonts are subset: the whole PDF is far smaller than the fonts it uses.
    assert!(bytes.len() < 400_000, "PDF is {} bytes", bytes.len());

    let numbers: Vec<u32> = pages.keys().copied().collect();
    let text = doc.extract_text(&numbers).expect("text extracts");
    let extracted = util::words_without_hyphens(&text);
    // Every word of the Albanian original and of both English texts, each paragraph in
    // order (each is printed once, in the first section that has it).
    for file in [
        "telegrafi-2026-02-nato-defence-ministers.md",
        "telegrafi-2026-02-nato-defence-ministers.en.md",
        "mfa-al-2024-12-04-nato-foreign-ministers.md",
    ] {
        for paragraph in util::body_of(file).split("\n\n").filter(|p| !p.trim().is_empty()) {
            if let Some(missing) = util::missing_in_order(&extracted, &util::words_without_hyphens(paragraph)) {
                panic!("{file}: {missing} is not in the PDF text");
            }
        }
    }
    for phrase in
        ["Përfaqësuesen e Lartë të BE-së", "Sekretari i Përgjithshëm i NATO-s, Mark Rutte", "2.03% of its GDP"]
    {
        let joined = extracted.join(" ");
        assert!(joined.contains(&util::words_without_hyphens(phrase).join(" ")), "{phrase}");
    }
    // The book's own words.
    for label in ["Contents", "Original — Albanian", "English translation", "Sources", "Page 3 of", "12 February 2026"]
    {
        assert!(text.contains(label), "{label}");
    }
}

#[test]
fn same_brief_gives_byte_identical_pdfs() {
    assert_eq!(sample_pdf(), sample_pdf());
}

#[test]
fn outline_of_headings_has_every_section() {
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, &util::sample_brief(), &mut diags).expect("checks").expect("book");
    let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
    let titles: Vec<&str> = pages.headings.iter().filter(|h| h.level == 1).map(|h| h.title.as_str()).collect();
    // Contents, then every section of the brief in order (notes, the meeting card, documents,
    // topics, key figures), then the source list.
    let brief =
        briefbook::Brief::from_toml(&std::fs::read_to_string(util::sample_brief()).expect("brief")).expect("parses");
    let mut expected = vec!["Contents"];
    expected.extend(brief.sections.iter().map(|s| s.title.as_str()));
    expected.push("Sources");
    assert_eq!(titles, expected);
    for kind in ["meeting", "topic", "figures"] {
        assert!(brief.sections.iter().any(|s| format!("{:?}", s.kind).eq_ignore_ascii_case(kind)), "{kind}");
    }
    // The sections follow each other in order (short ones share a page), after the cover
    // and the contents.
    let pages_of: Vec<usize> = pages.headings.iter().filter(|h| h.level == 1).map(|h| h.page).collect();
    assert!(pages_of.windows(2).all(|w| w[0] <= w[1]), "{pages_of:?}");
    assert!(pages_of[0] < pages_of[1], "the contents have a page of their own: {pages_of:?}");
    assert_eq!(pages_of[0], 1);
    // Nothing is drawn outside the page.
    for (i, page) in pages.pages.iter().enumerate() {
        for item in &page.items {
            if let briefbook::Item::Text(run) = item {
                let width: f32 = run.glyphs.iter().map(|g| g.advance).sum();
                assert!(run.x >= 0.0 && run.x + width <= pages.width - 20.0, "page {i}: run past the right edge");
                assert!(run.y > 0.0 && run.y < pages.height, "page {i}: run off the page");
            }
        }
    }
}

#[test]
fn table_of_contents_page_numbers_are_right() {
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, &util::sample_brief(), &mut diags).expect("checks").expect("book");
    let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
    let contents = pages.pages[1].text();
    for h in pages.headings.iter().filter(|h| h.level == 1 && h.title != "Contents") {
        // The entry's line ends with the page number (1-based) of the heading.
        // Runs on one baseline come out together: title, page number, dot leaders.
        let line = contents
            .lines()
            .find(|l| l.starts_with(h.title.as_str()))
            .unwrap_or_else(|| panic!("{} in contents", h.title));
        let digits: String = line[h.title.len()..].chars().take_while(char::is_ascii_digit).collect();
        let entry_number: usize = digits.parse().unwrap_or_else(|_| panic!("a page number in {line}"));
        assert_eq!(entry_number, h.page + 1, "{}", h.title);
        // And that page's running header names the section.
        assert!(pages.pages[h.page].text().contains(&h.title), "{}", h.title);
    }
}

#[test]
fn failed_build_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let brief = dir.path().join("b.toml");
    std::fs::write(
        &brief,
        "format = 1\n[brief]\ntitle = \"T\"\ncorpus = \"src\"\n[[section]]\ntitle = \"S\"\ndocuments = [\"nope\"]\n",
    )
    .expect("write");
    std::fs::create_dir(dir.path().join("src")).expect("mkdir");
    let out = dir.path().join("b.pdf");
    let mut diags = Vec::new();
    assert!(briefbook::build_to_file(&DiskFiles, &brief, &out, &mut diags).is_err());
    assert!(!out.exists());
    std::fs::write(&out, b"old").expect("write");
    assert!(briefbook::build_to_file(&DiskFiles, &brief, &out, &mut diags).is_err());
    assert_eq!(std::fs::read(&out).expect("read"), b"old");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn pdftotext_gives_back_every_word() {
    // Needs poppler-utils; .ci/run installs it and runs this with `--ignored`.
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext not installed; skipped (run by .ci/run)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sample.pdf");
    std::fs::write(&pdf, sample_pdf()).expect("write");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let extracted = util::words_without_hyphens(&text);
    for file in [
        "telegrafi-2026-02-nato-defence-ministers.md",
        "telegrafi-2026-02-nato-defence-ministers.en.md",
        "mfa-al-2024-12-04-nato-foreign-ministers.md",
    ] {
        for paragraph in util::body_of(file).split("\n\n").filter(|p| !p.trim().is_empty()) {
            if let Some(missing) = util::missing_in_order(&extracted, &util::words_without_hyphens(paragraph)) {
                panic!("{file}: {missing} is not in pdftotext's output");
            }
        }
    }
}

#[test]
fn sample_brief_file_round_trips_without_loss() {
    let path = util::sample_brief();
    let text = std::fs::read_to_string(&path).expect("reads");
    let brief = briefbook::parse_brief(&path, &text).expect("parses");
    let saved = brief.to_toml();
    let again = briefbook::parse_brief(&path, &saved).expect("saved brief parses");
    assert_eq!(brief, again);
    // Saving is stable: a second save writes the same text.
    assert_eq!(saved, again.to_toml());
    assert!(saved.contains("date = 2026-02-10"), "{saved}");
}
