//! Translations end to end: the sample brief's rows come from sentence alignment; an
//! analyst's edit survives a rebuild, a TMX round trip and an XLIFF round trip; the CLI's
//! align, tm, xliff and translate commands.

mod util;

use std::path::{Path, PathBuf};

use briefbook::{DiskFiles, Edit, Excerpt, Layout, Memory, Origin, SectionContent, Timestamp, normalize_text};
#[cfg(feature = "engines")]
use util::http::{ECHO, Reply, Server};
use util::{briefbook, root, texts};

const BRIEF: &str = "nato-defence-ministers-2026-02.toml";
const TELEGRAFI: &str = "telegrafi-2026-02-nato-defence-ministers";

/// A copy of the sample brief and its corpus in a temporary folder.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    std::fs::copy(root().join("briefs").join(BRIEF), dir.path().join(BRIEF)).expect("copy brief");
    for e in std::fs::read_dir(root().join("briefs/sources")).expect("sources") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join("sources").join(p.file_name().expect("name"))).expect("copy");
    }
    let brief = dir.path().join(BRIEF);
    (dir, brief)
}

fn book_of(brief: &Path) -> briefbook::Book {
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, brief, &mut diags).expect("loads").expect("book");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    book
}

fn excerpts_of(book: briefbook::Book) -> Vec<Excerpt> {
    book.sections
        .into_iter()
        .filter_map(|s| match s.content {
            SectionContent::Excerpts(e) | SectionContent::Meeting { excerpts: e, .. } => Some(e),
            SectionContent::Note(_) | SectionContent::Figures(_) | SectionContent::Annex(_) => None,
        })
        .flatten()
        .collect()
}

fn excerpts(brief: &Path) -> Vec<Excerpt> {
    excerpts_of(book_of(brief))
}

/// The whole Telegrafi article as set in the book: each paragraph is printed once, in the
/// meeting section, the documents section or a topic section, so its rows are gathered
/// from every excerpt of it, in the order of its paragraphs.
fn telegrafi(brief: &Path) -> Excerpt {
    let book = book_of(brief);
    let number = book.sources.iter().find(|s| s.id == TELEGRAFI).expect("telegrafi source").number;
    let parts: Vec<Excerpt> = excerpts_of(book).into_iter().filter(|e| e.source == number).collect();
    let mut whole = parts.iter().max_by_key(|e| e.rows.len()).expect("telegrafi excerpt").clone();
    whole.rows = parts.iter().flat_map(|e| e.rows.iter().cloned()).collect();
    whole.rows.sort_by_key(|r| r.paragraph);
    whole.elsewhere.clear();
    whole.partial = false;
    whole
}

fn paragraphs(file: &str) -> Vec<String> {
    util::body_of(file).split("\n\n").map(normalize_text).filter(|p| !p.is_empty()).collect()
}

fn now(day: u32) -> Timestamp {
    Timestamp::from_parts(2026, 2, day, 10, 0, 0).expect("time")
}

/// Every row of a side-by-side excerpt holds whole sentences of one paragraph of the
/// original and of the same paragraph of the translation, and together they give back both
/// texts: the rows come from aligning the two, paragraph by paragraph, sentence by sentence.
fn assert_aligned(excerpt: &Excerpt, original: &[String], translation: &[String]) {
    assert_eq!(excerpt.layout, Layout::SideBySide);
    assert!(
        excerpt.rows.len() > original.len(),
        "{} rows for {} paragraphs: not sentence rows",
        excerpt.rows.len(),
        original.len()
    );
    for (i, (o, t)) in original.iter().zip(translation).enumerate() {
        let rows: Vec<&briefbook::Row> = excerpt.rows.iter().filter(|r| r.paragraph == Some(i)).collect();
        let join =
            |f: fn(&briefbook::Row) -> Option<&str>| rows.iter().filter_map(|r| f(r)).collect::<Vec<_>>().join(" ");
        assert_eq!(&normalize_text(&join(|r| r.original.as_deref())), o, "paragraph {i}, original");
        assert_eq!(&normalize_text(&join(|r| r.translation.as_deref())), t, "paragraph {i}, translation");
        for r in rows {
            assert!(matches!(r.origin, Some(Origin::Human { .. })), "{r:?}");
            // Numbers stand in the same row on both sides.
            let digits = |s: &str| -> Vec<String> {
                let mut v: Vec<String> =
                    s.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).map(String::from).collect();
                v.sort();
                v
            };
            let (a, b) = (r.original.as_deref().unwrap_or(""), r.translation.as_deref().unwrap_or(""));
            assert_eq!(digits(a), digits(b), "numbers differ in the row\n  {a}\n  {b}");
        }
    }
}

#[test]
fn sample_side_by_side_rows_come_from_sentence_alignment() {
    let e = telegrafi(&root().join("briefs").join(BRIEF));
    assert_aligned(
        &e,
        &paragraphs("telegrafi-2026-02-nato-defence-ministers.md"),
        &paragraphs("telegrafi-2026-02-nato-defence-ministers.en.md"),
    );
    // The other sample, read by a brief in Albanian, aligns the English original with its
    // Albanian translation.
    let (dir, brief) = sample_copy();
    let text = std::fs::read_to_string(&brief).expect("brief").replace("language = \"en\"", "language = \"sq\"");
    std::fs::write(&brief, text).expect("write");
    let mfa = excerpts(&brief).into_iter().find(|e| e.title.starts_with("NATO Ministerial")).expect("mfa");
    assert_aligned(
        &mfa,
        &paragraphs("mfa-al-2024-12-04-nato-foreign-ministers.md"),
        &paragraphs("mfa-al-2024-12-04-nato-foreign-ministers.sq.md"),
    );
    drop(dir);
}

#[test]
fn an_edit_survives_a_rebuild_a_tmx_round_trip_and_an_xliff_round_trip() {
    let (dir, brief) = sample_copy();
    let memory_path = dir.path().join("sources.memory.tmx");
    let row = telegrafi(&brief).rows[1].clone();
    let original = row.original.clone().expect("original");
    let edited = "EDITED: the meeting will be chaired by NATO Secretary General Mark Rutte.";
    let edit = Edit {
        source_language: "sq".parse().expect("tag"),
        target_language: "en".parse().expect("tag"),
        source: original.clone(),
        target: edited.into(),
        document: Some(TELEGRAFI.into()),
        replaces: None,
        author: Some("analyst".into()),
    };
    briefbook::save_edit(&memory_path, &edit, now(10)).expect("saved");
    let shows_edit = |brief: &Path| {
        let e = telegrafi(brief);
        let r = e.rows.iter().find(|r| r.original.as_deref() == Some(original.as_str())).expect("row").clone();
        (r.translation, r.origin)
    };
    assert_eq!(shows_edit(&brief), (Some(edited.to_string()), Some(Origin::Edited)));

    // A rebuild shows it and never writes the memory.
    let before = std::fs::read(&memory_path).expect("memory");
    let pdf = dir.path().join("out.pdf");
    let out = briefbook(dir.path(), &["build", BRIEF, "-o", pdf.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    assert_eq!(std::fs::read(&memory_path).expect("memory"), before);
    assert_eq!(shows_edit(&brief), (Some(edited.to_string()), Some(Origin::Edited)));

    // TMX: export, remove the memory, import into a fresh one.
    let exported = dir.path().join("exported.tmx");
    let out = briefbook(dir.path(), &["tm", "export", "exported.tmx", "--brief", BRIEF]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    std::fs::remove_file(&memory_path).expect("remove");
    assert_eq!(
        shows_edit(&brief).1,
        Some(Origin::Human { translator: Some("briefbook sample translation (human-checked)".into()) })
    );
    let out = briefbook(dir.path(), &["tm", "import", exported.to_str().expect("path"), "--brief", BRIEF]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("1 new"), "{stdout}");
    assert_eq!(shows_edit(&brief), (Some(edited.to_string()), Some(Origin::Edited)));

    // XLIFF: without its human translation, the document's rows go to a translator; the file
    // comes back translated, including (from an older export) the edited sentence; the edit
    // still wins, and the translator's work fills the other rows.
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    assert_eq!(shows_edit(&brief), (Some(edited.to_string()), Some(Origin::Edited)));
    let out = briefbook(dir.path(), &["xliff", "export", BRIEF, "-o", "out.xlf"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let xlf = std::fs::read_to_string(dir.path().join("out.xlf")).expect("xliff");
    assert!(!xlf.contains(&format!(">{}<", original)), "the edited row is not sent for translation");
    // Ids are stable across exports.
    let out = briefbook(dir.path(), &["xliff", "export", BRIEF, "-o", "again.xlf"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("again.xlf")).expect("again"), xlf, "{stdout}");
    let mut file = briefbook::read_xliff(&xlf).expect("reads");
    let count = file.units.len();
    assert!(count >= 10, "{count} units");
    let mut old = file.units[0].clone();
    old.id = briefbook::xliff_unit_id(TELEGRAFI, &original);
    old.source = original.clone();
    file.units.push(old);
    for u in &mut file.units {
        u.target = Some(format!("TRANSLATED: {}", u.source));
        u.state = briefbook::UnitState::Translated;
    }
    std::fs::write(dir.path().join("back.xlf"), briefbook::write_xliff(&file.units, file.brief.as_deref()))
        .expect("write");
    let out = briefbook(dir.path(), &["xliff", "import", "back.xlf"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains(&format!("{} translated segments read", count + 1)), "{stdout}");
    assert!(stdout.contains("0 no longer match"), "{stdout}");
    assert_eq!(shows_edit(&brief), (Some(edited.to_string()), Some(Origin::Edited)));
    let e = telegrafi(&brief);
    let others: Vec<&briefbook::Row> = e.rows.iter().filter(|r| r.origin != Some(Origin::Edited)).collect();
    assert!(!others.is_empty());
    for r in others {
        assert_eq!(r.origin, Some(Origin::Memory { score: 100 }), "{r:?}");
        assert!(r.translation.as_deref().is_some_and(|t| t.starts_with("TRANSLATED: ")), "{r:?}");
    }
    // The memory is a TMX file any tool reads, with the edit marked as such.
    let memory = Memory::load(&memory_path).expect("memory");
    assert!(memory.entries().iter().any(|e| e.target == edited && e.origin == briefbook::EntryOrigin::Edited));
}

#[test]
fn xliff_import_reports_changed_originals_and_malformed_files() {
    let (dir, brief) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    let out = briefbook(dir.path(), &["xliff", "export", BRIEF, "-o", "out.xlf"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let xlf = std::fs::read_to_string(dir.path().join("out.xlf")).expect("xliff");
    let mut file = briefbook::read_xliff(&xlf).expect("reads");
    for u in &mut file.units {
        u.target = Some(format!("T: {}", u.source));
        u.state = briefbook::UnitState::Translated;
    }
    std::fs::write(dir.path().join("back.xlf"), briefbook::write_xliff(&file.units, None)).expect("write");
    // The original changes while the file is with the translator.
    let doc = dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.md");
    let text = std::fs::read_to_string(&doc).expect("doc").replace("Telegrafi është", "Portali Telegrafi është");
    std::fs::write(&doc, text).expect("write");
    let out = briefbook(dir.path(), &["xliff", "import", "back.xlf", "--brief", BRIEF]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("1 no longer match"), "{stdout}");
    assert!(stderr.contains("no longer matches the original (kept, flagged stale): Telegrafi është"), "{stderr}");
    let _ = brief;

    std::fs::write(dir.path().join("bad.xlf"), "<xliff version=\"1.2\">\n  <file source-language=\"sq\" target-language=\"en\">\n    <body>\n      <trans-unit id=\"a\"><source>x</target>\n").expect("write");
    let out = briefbook(dir.path(), &["xliff", "import", "bad.xlf", "--brief", BRIEF]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("bad.xlf:4:"), "{stderr}");
}

#[test]
fn xliff_names_its_brief_relatively_carries_standard_codes_and_is_not_written_empty() {
    let (dir, _) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    // The Albanian article as briefbook's Serbo-Croatian group tag, as detection may give.
    let article = dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.md");
    let text = std::fs::read_to_string(&article).expect("article");
    assert!(text.contains("language = \"sq\""));
    std::fs::write(&article, text.replace("language = \"sq\"", "language = \"hbs-Latn\"")).expect("write");
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    let out = briefbook(dir.path(), &["xliff", "export", BRIEF, "-o", "out/for-translator.xlf"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("segments to translate or review"), "{stdout}");
    let xlf = std::fs::read_to_string(dir.path().join("out/for-translator.xlf")).expect("xliff");
    assert!(!xlf.contains("hbs"), "{xlf}");
    assert!(xlf.contains("source-language=\"sr-Latn\""), "{xlf}");
    assert!(xlf.contains(&format!("bb:brief=\"../{BRIEF}\"")), "{xlf}");
    let here = std::fs::canonicalize(dir.path()).expect("canonical");
    assert!(!xlf.contains(&*here.to_string_lossy()) && !xlf.contains(&*dir.path().to_string_lossy()), "{xlf}");
    // It comes back without naming the brief, its `sr-Latn` rows filling the `hbs-Latn` document.
    let mut file = briefbook::read_xliff(&xlf).expect("reads");
    for u in &mut file.units {
        u.target = Some(format!("TRANSLATED: {}", u.source));
        u.state = briefbook::UnitState::Translated;
    }
    std::fs::write(dir.path().join("out/back.xlf"), briefbook::write_xliff(&file.units, file.brief.as_deref()))
        .expect("write");
    let out = briefbook(dir.path(), &["xliff", "import", "out/back.xlf"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let e = telegrafi(&dir.path().join(BRIEF));
    assert!(e.rows.iter().all(|r| r.translation.as_deref().is_some_and(|t| t.starts_with("TRANSLATED: "))));
    // The TMX export names no group code either.
    let out = briefbook(dir.path(), &["tm", "export", "out/all.tmx", "--brief", BRIEF]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let tmx = std::fs::read_to_string(dir.path().join("out/all.tmx")).expect("tmx");
    assert!(!tmx.contains("hbs") && tmx.contains("xml:lang=\"sr-Latn\""), "{tmx}");

    // A brief with nothing to translate: said so, no file written.
    std::fs::write(
        dir.path().join("english.toml"),
        "format = 1\n\n[brief]\ntitle = \"T\"\ncorpus = \"sources\"\n\n[[section]]\ntitle = \"MFA\"\ndocuments = [\"mfa-al-2024-12-04-nato-foreign-ministers\"]\n",
    )
    .expect("brief");
    let out = briefbook(dir.path(), &["xliff", "export", "english.toml", "-o", "empty.xlf"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("nothing to translate or review") && stdout.contains("not written"), "{stdout}");
    assert!(!dir.path().join("empty.xlf").exists());
}

#[test]
fn check_lists_translation_qa_and_xliff_carries_the_terms() {
    let (dir, brief) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    let memory_path = dir.path().join("sources.memory.tmx");
    let sentence = "Në Samitin e NATO-s 2025, vendet aleate u angazhuan që deri në vitin 2035 të investojnë 5% të Prodhimit të Brendshëm Bruto (PBB) çdo vit në mbrojtje dhe siguri.";
    let mut memory = Memory::load(&memory_path).expect("memory");
    memory.add(briefbook::Entry::new(
        "sq".parse().expect("tag"),
        "en".parse().expect("tag"),
        sentence,
        "At the 2025 NATO Summit, Allies committed to invest 3% of GDP a year in defence and security by 2035.",
        briefbook::EntryOrigin::Human,
        None,
    ));
    memory.save(&memory_path).expect("save");
    std::fs::write(dir.path().join("sources.sq-en.terms.tsv"), "Samiti\tSummit\nAleanca\tthe Alliance\tNATO itself\n")
        .expect("terms");
    let out = briefbook(dir.path(), &["check", BRIEF]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("translation QA: percentage: `5%` in the original, `3%` in the translation"), "{stderr}");
    assert!(stderr.contains("telegrafi-2026-02-nato-defence-ministers.md:"), "{stderr}");
    assert!(stdout.contains("warning(s)"), "{stdout}");
    // The row is flagged in the book too.
    let e = telegrafi(&brief);
    let row = e.rows.iter().find(|r| r.original.as_deref() == Some(sentence)).expect("row");
    assert_eq!(row.qa.len(), 1, "{:?}", row.qa);
    // A PDF with `qa_marks = true` is still made.
    let text = std::fs::read_to_string(&brief)
        .expect("brief")
        .replace("corpus = \"sources\"", "corpus = \"sources\"\nqa_marks = true");
    std::fs::write(&brief, text).expect("write");
    let out = briefbook(dir.path(), &["build", BRIEF, "-o", "out.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    // XLIFF notes carry the terms of each segment.
    let out = briefbook(dir.path(), &["xliff", "export", BRIEF, "-o", "out.xlf"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let xlf = std::fs::read_to_string(dir.path().join("out.xlf")).expect("xliff");
    assert!(xlf.contains("terms: Samiti → Summit"), "{xlf}");
    assert!(xlf.contains("Aleanca → the Alliance (NATO itself)"), "{xlf}");
}

#[test]
fn align_command_prints_rows_beads_and_tmx() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("sq.txt"),
        "Ministrat e Mbrojtjes do të mblidhen më 12 shkurt 2026 në Bruksel. Takimin do ta drejtojë Mark Rutte.\n\nAleatët u zotuan për 5% të BPV-së deri në 2035.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("en.txt"),
        "Defence Ministers will meet on 12 February 2026 in Brussels. Mark Rutte will chair the meeting.\n\nAllies committed to 5% of GDP by 2035.\n",
    )
    .expect("write");
    let out = briefbook(dir.path(), &["align", "sq.txt", "en.txt", "--from", "sq", "--to", "en"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("[0]:[0]\n  sq  Ministrat e Mbrojtjes do të mblidhen më 12 shkurt 2026 në Bruksel.\n  en  Defence Ministers will meet on 12 February 2026 in Brussels.\n"), "{stdout}");
    assert!(stderr.contains("3 rows (3 × 1:1)"), "{stderr}");
    let out = briefbook(dir.path(), &["align", "sq.txt", "en.txt", "--from", "sq", "--to", "en", "--beads"]);
    assert_eq!(texts(&out).0, "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    // Presegmented: one sentence per line, here with a merge on one side.
    std::fs::write(
        dir.path().join("a.txt"),
        "Një fjali e parë me 3 fjalë.\nDhe e dyta, po aq e gjatë sa e para.\nE treta: 2026.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "A first sentence with 3 words, and the second one, just as long as the first.\nThe third: 2026.\n",
    )
    .expect("write");
    let out =
        briefbook(dir.path(), &["align", "a.txt", "b.txt", "--from", "sq", "--to", "en", "--presegmented", "--beads"]);
    assert_eq!(texts(&out).0, "[0, 1]:[0]\n[2]:[1]\n");
    let out = briefbook(dir.path(), &["align", "sq.txt", "en.txt", "--from", "sq", "--to", "en", "--tmx", "pairs.tmx"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let tmx =
        briefbook::read_tmx(&std::fs::read_to_string(dir.path().join("pairs.tmx")).expect("tmx")).expect("parses");
    assert_eq!(tmx.entries.len(), 3);
    assert!(tmx.entries.iter().any(|e| e.source == "Aleatët u zotuan për 5% të BPV-së deri në 2035."
        && e.target == "Allies committed to 5% of GDP by 2035."));
    // A plain file needs its language.
    let out = briefbook(dir.path(), &["align", "sq.txt", "en.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(texts(&out).1.contains("sq.txt has no front matter: give its language with --from"));
}

#[test]
fn align_reads_files_as_the_corpus_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A Windows-1250 original is decoded and reported, not refused.
    let hr = "Ministri vanjskih poslova sastali su se u Bruxellesu 12. veljače 2026.\nRazgovarali su o sigurnosti, obrani i potpori Ukrajini te o proširenju Europske unije.\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1250.encode(hr);
    assert!(!unmappable);
    std::fs::write(dir.path().join("hr.txt"), &bytes).expect("write");
    std::fs::write(
        dir.path().join("en.txt"),
        "Foreign ministers met in Brussels on 12 February 2026.\nThey discussed security, defence, support for Ukraine and the enlargement of the European Union.\n",
    )
    .expect("write");
    let out = briefbook(dir.path(), &["align", "hr.txt", "en.txt", "--from", "hr", "--to", "en", "--presegmented"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("hr.txt: read as windows-1250"), "{stderr}");
    assert!(stdout.contains("proširenju Europske unije"), "{stdout}");
    // A file over the corpus's limit is not read; the error names it.
    let big = std::fs::File::create(dir.path().join("big.txt")).expect("create");
    big.set_len(17_000_000).expect("size");
    let out = briefbook(dir.path(), &["align", "big.txt", "en.txt", "--from", "hr", "--to", "en"]);
    let stderr = texts(&out).1;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("big.txt is 17 MB; files larger than 16 MB are not aligned"), "{stderr}");
}

#[test]
fn align_ends_quietly_when_the_reader_goes() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // Enough beads to fill the pipe after the reader has gone (`| head -1`).
    let dir = tempfile::tempdir().expect("temp dir");
    let lines = |word: &str| (0..8000).map(|i| format!("{word} {i}.\n")).collect::<String>();
    std::fs::write(dir.path().join("a.txt"), lines("Fjalia")).expect("write");
    std::fs::write(dir.path().join("b.txt"), lines("Sentence")).expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(["align", "a.txt", "b.txt", "--from", "sq", "--to", "en", "--presegmented", "--beads"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("reads");
    assert_eq!(first, "[0]:[0]\n");
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
#[cfg(feature = "engines")]
fn translate_asks_before_sending_and_never_translates_twice() {
    let (dir, brief) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    let server = Server::start(vec![Reply::json(200, ECHO), Reply::json(200, ECHO), Reply::json(200, ECHO)]);
    // The offline default only reports.
    let out = briefbook(dir.path(), &["translate", BRIEF]);
    let (stdout, _) = texts(&out);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.contains("segments") && stdout.contains("characters to translate (sq→en:"), "{stdout}");
    assert!(stdout.contains("name an engine"), "{stdout}");
    // Without --yes nothing is sent.
    let out = briefbook(dir.path(), &["translate", BRIEF, "--engine", "libretranslate", "--url", &server.url]);
    let (stdout, _) = texts(&out);
    assert!(stdout.contains(&format!("over the network to libretranslate at {}", server.url)), "{stdout}");
    assert!(stdout.contains("nothing was sent; run again with --yes"), "{stdout}");
    assert!(server.requests().is_empty());
    assert!(!dir.path().join("sources.memory.tmx").exists());
    // With --yes: sent, stored with the engine's name, shown as machine translation.
    let out = briefbook(dir.path(), &["translate", BRIEF, "--engine", "libretranslate", "--url", &server.url, "--yes"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("with libretranslate; stored in"), "{stdout}");
    let sent = server.requests().len();
    assert!(sent >= 1);
    let e = telegrafi(&brief);
    assert!(
        e.rows.iter().all(|r| r.origin == Some(Origin::Machine { engine: "libretranslate".into() })),
        "{:?}",
        e.rows
    );
    assert!(e.rows[0].translation.as_deref().is_some_and(|t| t.starts_with("[en] ")));
    // Again: nothing left to translate, nothing sent.
    let out = briefbook(dir.path(), &["translate", BRIEF, "--engine", "libretranslate", "--url", &server.url, "--yes"]);
    assert!(texts(&out).0.contains("nothing to translate"), "{:?}", texts(&out));
    assert_eq!(server.requests().len(), sent);
}

#[test]
#[cfg(feature = "engines")]
fn classified_text_never_leaves_for_a_host_the_user_did_not_allow() {
    let (dir, brief) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    // The sample brief is marked "Official – Sensitive". 192.0.2.1 (TEST-NET-1) answers
    // nobody: were it contacted, the run would hang for minutes on retries.
    let started = std::time::Instant::now();
    let out = briefbook(
        dir.path(),
        &["translate", BRIEF, "--engine", "libretranslate", "--url", "http://192.0.2.1:5000", "--yes"],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("the brief is marked Official – Sensitive, so its text is not sent to libretranslate at http://192.0.2.1:5000"),
        "{stderr}"
    );
    assert!(stderr.contains("allowed_hosts") && stderr.contains("settings.toml"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    assert!(!dir.path().join("sources.memory.tmx").exists());
    // DeepL's own service is not this machine either.
    let out = briefbook(dir.path(), &["translate", BRIEF, "--engine", "deepl", "--yes"]);
    assert!(texts(&out).1.contains("not sent to deepl at https://api.deepl.com"), "{:?}", texts(&out));

    // The engine and a server on this machine from the settings file: used, and allowed.
    let server = Server::start(vec![Reply::json(200, ECHO), Reply::json(200, ECHO), Reply::json(200, ECHO)]);
    let config = dir.path().join(".config/briefbook");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("settings.toml"),
        format!("[translation]\nengine = \"libretranslate\"\nurl = \"{}\"\n", server.url),
    )
    .expect("settings");
    let out = briefbook(dir.path(), &["translate", BRIEF, "--yes"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("with libretranslate; stored in"), "{stdout}");
    assert!(!server.requests().is_empty());
    assert!(telegrafi(&brief).rows.iter().all(|r| matches!(r.origin, Some(Origin::Machine { .. }))));
    // A key in the settings file is refused, with its line.
    std::fs::write(config.join("settings.toml"), "[translation]\nengine = \"deepl\"\napi_key = \"k\"\n")
        .expect("settings");
    let out = briefbook(dir.path(), &["translate", BRIEF]);
    assert_eq!(out.status.code(), Some(1));
    assert!(texts(&out).1.contains("settings.toml:3:"), "{:?}", texts(&out));
}

#[test]
#[cfg(feature = "engines")]
fn deepl_key_comes_from_the_environment_and_is_never_written() {
    let (dir, _) = sample_copy();
    std::fs::remove_file(dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md")).expect("remove");
    let server = Server::start(vec![Reply::json(200, ECHO), Reply::json(200, ECHO)]);
    let run = |key: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_briefbook"));
        cmd.args(["translate", BRIEF, "--engine", "deepl", "--url", &server.url, "--yes"]).current_dir(dir.path());
        match key {
            Some(k) => cmd.env("DEEPL_AUTH_KEY", k),
            None => cmd.env_remove("DEEPL_AUTH_KEY"),
        };
        cmd.output().expect("runs")
    };
    let out = run(None);
    assert_eq!(out.status.code(), Some(1));
    assert!(texts(&out).1.contains("set the environment variable DEEPL_AUTH_KEY"), "{:?}", texts(&out));
    let out = run(Some("very-secret-key:fx"));
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stdout.contains("very-secret") && !stderr.contains("very-secret"));
    assert_eq!(server.requests()[0].header("Authorization"), Some("DeepL-Auth-Key very-secret-key:fx"));
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let p = entry.expect("entry").path();
        if p.is_file() {
            let bytes = std::fs::read(&p).expect("read");
            assert!(!String::from_utf8_lossy(&bytes).contains("very-secret"), "the key is in {}", p.display());
        }
    }
    let memory = Memory::load(&dir.path().join("sources.memory.tmx")).expect("memory");
    assert!(memory.entries().iter().all(|e| e.origin == briefbook::EntryOrigin::Machine { engine: "deepl".into() }));
    assert!(memory.entries().iter().all(|e| e.target.starts_with("[en-gb] ")));
}

#[test]
fn a_broken_memory_stops_the_build_with_its_line_and_column() {
    let (dir, _) = sample_copy();
    std::fs::write(
        dir.path().join("sources.memory.tmx"),
        "<tmx version=\"1.4\">\n  <body>\n    <tu><tuv xml:lang=\"sq\"><seg>x</tuv>\n",
    )
    .expect("write");
    let out = briefbook(dir.path(), &["build", BRIEF, "-o", "out.pdf"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("sources.memory.tmx:3:"), "{stderr}");
    assert!(stderr.contains("translation memory: malformed XML"), "{stderr}");
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn an_alignment_fix_survives_rebuilds() {
    let (dir, brief) = sample_copy();
    let memory_path = dir.path().join("sources.memory.tmx");
    let corpus = briefbook::load_corpus(&DiskFiles, &dir.path().join("sources")).expect("corpus");
    let original = corpus.get(TELEGRAFI).expect("original");
    let translation = corpus.get(&format!("{TELEGRAFI}-en")).expect("translation");
    let alignment = briefbook::align_documents(original, translation, &briefbook::AlignmentFixes::new(), None);
    let before = telegrafi(&brief).rows;
    assert_eq!(before.len(), alignment.beads.len());
    // The analyst merges the first two rows.
    let fix = alignment.merge(0, 1).expect("merge");
    briefbook::save_fix(&memory_path, &alignment, fix).expect("saved");
    let fixes_file = dir.path().join("sources.alignments.toml");
    let saved = std::fs::read_to_string(&fixes_file).expect("fixes file");
    assert!(saved.contains(&format!("original = \"{TELEGRAFI}\"")), "{saved}");
    let after = telegrafi(&brief).rows;
    assert_eq!(after.len(), before.len() - 1);
    let joined =
        format!("{} {}", before[0].original.as_deref().unwrap_or(""), before[1].original.as_deref().unwrap_or(""));
    assert_eq!(after[0].original.as_deref(), Some(joined.as_str()));
    // The rows after it are as before, one place up in the alignment.
    let placeless = |rows: &[briefbook::Row]| -> Vec<briefbook::Row> {
        rows.iter().map(|r| briefbook::Row { aligned: None, ..r.clone() }).collect()
    };
    assert_eq!(placeless(&after[1..]), placeless(&before[2..]));
    assert!(
        after[1..]
            .iter()
            .zip(&before[2..])
            .all(|(a, b)| { a.aligned.as_ref().map(|x| x.bead + 1) == b.aligned.as_ref().map(|x| x.bead) })
    );
    // Rebuilds keep it and do not touch the file.
    let out = briefbook(dir.path(), &["build", BRIEF, "-o", "out.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    assert_eq!(std::fs::read_to_string(&fixes_file).expect("fixes file"), saved);
    assert_eq!(telegrafi(&brief).rows, after);
}

/// A key figure's context is in the brief's language: the translation of its sentence,
/// where the source is in another language and translated.
#[test]
fn key_figures_of_a_translated_source_are_given_in_the_brief_language() {
    let brief = root().join("briefs").join(BRIEF);
    let mut diags = Vec::new();
    let book = briefbook::check(&DiskFiles, &brief, &mut diags).expect("loads").expect("book");
    let figures: Vec<_> = book
        .sections
        .iter()
        .filter_map(|s| match &s.content {
            SectionContent::Figures(f) => Some(f),
            _ => None,
        })
        .flatten()
        .collect();
    let albanian: Vec<_> = figures.iter().filter(|f| book.sources[f.source - 1].language == "Albanian").collect();
    assert!(!albanian.is_empty(), "the sample cites figures of its Albanian article");
    for f in albanian {
        assert_eq!(f.language.primary(), "en", "{f:#?}");
        assert!(f.context.is_ascii() || !f.context.contains('ë'), "an English context: {f:#?}");
    }
}
