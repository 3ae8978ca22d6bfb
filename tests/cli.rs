//! The command line: exit codes, messages, files written and not written.

mod util;

use std::path::Path;

use util::{briefbook, root, texts};

fn data() -> std::path::PathBuf {
    root().join("tests/data/briefs")
}

#[test]
fn check_sample_brief_is_ok() {
    let out = briefbook(&root(), &["check", "briefs/nato-defence-ministers-2026-02.toml"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("ok, 9 sections, 3 sources, 0 warning(s)"), "{stdout}");
}

/// The "N of M row(s) of DOC not translated" line of `check`'s output: (N, M).
fn untranslated_line(stdout: &str, document: &str) -> Option<(usize, usize)> {
    let line = stdout.lines().find(|l| l.ends_with(&format!(" row(s) of {document} not translated")))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let of = words.iter().position(|w| *w == "of")?;
    Some((words[of - 1].parse().ok()?, words[of + 1].parse().ok()?))
}

#[test]
fn check_counts_the_rows_printed_without_translation() {
    // The sample brief without the Telegrafi article's English translation.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    for e in std::fs::read_dir(root().join("briefs/sources")).expect("sources") {
        let p = e.expect("entry").path();
        if !p.to_string_lossy().ends_with("telegrafi-2026-02-nato-defence-ministers.en.md") {
            std::fs::copy(&p, dir.path().join("sources").join(p.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::copy(root().join("briefs/nato-defence-ministers-2026-02.toml"), dir.path().join("brief.toml"))
        .expect("copy brief");
    let doc = "telegrafi-2026-02-nato-defence-ministers";
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "brief.toml"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (n, of) = untranslated_line(&stdout, doc).unwrap_or_else(|| panic!("no count for {doc}: {stdout}"));
    assert!(n == of && n > 3, "every row untranslated: {stdout}");
    assert!(stdout.contains(&format!(" warning(s), {n} row(s) not translated")), "{stdout}");
    // One sentence from the translation memory: one row fewer without translation.
    let sentence = "Në Samitin e NATO-s 2025, vendet aleate u angazhuan që deri në vitin 2035 të investojnë 5% të Prodhimit të Brendshëm Bruto (PBB) çdo vit në mbrojtje dhe siguri.";
    let memory_path = dir.path().join("sources.memory.tmx");
    let mut memory = briefbook::Memory::load(&memory_path).expect("memory");
    memory.add(briefbook::Entry::new(
        "sq".parse().expect("tag"),
        "en".parse().expect("tag"),
        sentence,
        "At the 2025 NATO Summit, Allies committed to invest 5% of GDP a year in defence and security by 2035.",
        briefbook::EntryOrigin::Human,
        None,
    ));
    memory.save(&memory_path).expect("save");
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "brief.toml"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(untranslated_line(&stdout, doc), Some((n - 1, of)), "{stdout}");
    assert!(stdout.contains(&format!(" warning(s), {} row(s) not translated", n - 1)), "{stdout}");
    // The sample itself has every row translated.
    let out = briefbook(&root(), &["check", "briefs/nato-defence-ministers-2026-02.toml"]);
    let (stdout, _) = texts(&out);
    assert!(stdout.contains("0 warning(s), 0 row(s) not translated") && !stdout.contains(" of "), "{stdout}");
}

#[test]
fn build_writes_the_pdf_where_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("brief.pdf");
    let out = briefbook(
        &root(),
        &["build", "briefs/nato-defence-ministers-2026-02.toml", "-o", out_path.to_str().expect("utf-8 path")],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("wrote "), "{stdout}");
    let bytes = std::fs::read(&out_path).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn unknown_document_names_brief_line_column_and_suggests() {
    let out = briefbook(&data(), &["check", "unknown-document.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(
            "error: unknown-document.toml:10:14: no document `telegrafi-2026-02-nato-defence-minister` in the corpus"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: did you mean `telegrafi-2026-02-nato-defence-ministers`?"), "{stderr}");
    assert!(stderr.contains("error: unknown-document.toml:10:57: no document `no-such-document`"), "{stderr}");
    assert!(stderr.contains("2 error(s)"), "{stderr}");
}

#[test]
fn check_reports_every_problem_not_just_the_first() {
    let out = briefbook(&data(), &["check", "several-problems.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("error: several-problems.toml:4:9: the brief has no title"), "{stderr}");
    assert!(stderr.contains("error: several-problems.toml:10:14: no document `missing-one`"), "{stderr}");
    assert!(stderr.contains("error: several-problems.toml:18:14: no document `missing-two`"), "{stderr}");
    assert!(stderr.contains("warning: several-problems.toml:12:1: note section `Two` has no text"), "{stderr}");
    assert!(stderr.contains("3 error(s), 1 warning(s)"), "{stderr}");
}

#[test]
fn malformed_toml_and_unknown_keys_point_at_the_line() {
    let out = briefbook(&data(), &["check", "malformed.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.starts_with("error: malformed.toml:4:"), "{stderr}");

    let out = briefbook(&data(), &["check", "unknown-key.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.starts_with("error: unknown-key.toml:10:1: unknown field `documnets`"), "{stderr}");
    assert!(stderr.contains("hint: a section has: title, kind"), "{stderr}");
}

#[test]
fn missing_corpus_folder_and_newer_format() {
    let out = briefbook(&data(), &["build", "missing-corpus.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("error: missing-corpus.toml:5:10: cannot read the corpus folder no-such-folder"),
        "{stderr}"
    );
    assert!(!data().join("missing-corpus.pdf").exists(), "no PDF after a failed build");

    let out = briefbook(&data(), &["check", "newer-format.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("newer-format.toml:1:10: this brief has format 7, written by a newer briefbook"),
        "{stderr}"
    );
}

#[test]
fn missing_brief_file_is_an_error_with_its_name() {
    let out = briefbook(&data(), &["build", "no-such-brief.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with("error: building no-such-brief.toml: cannot read the brief no-such-brief.toml:"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["build"][..], &["frobnicate"][..], &["check", "a", "b"][..]] {
        let out = briefbook(&root(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(briefbook(&root(), &["--help"]).status.code(), Some(0));
}

#[test]
fn docs_lists_the_sample_corpus() {
    let out = briefbook(&root(), &["docs", "--corpus", "briefs/sources"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("ID"));
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(
        stdout.contains("telegrafi-2026-02-nato-defence-ministers     sq    -           NATO mblidhet në Bruksel"),
        "{stdout}"
    );
    assert!(stdout.contains("(translation of mfa-al-2024-12-04-nato-foreign-ministers)"), "{stdout}");
}

/// A corpus with the sample documents plus bad files.
fn corpus_with_bad_files(dir: &Path) {
    let src = dir.join("sources");
    std::fs::create_dir(&src).expect("mkdir");
    for entry in std::fs::read_dir(root().join("briefs/sources")).expect("ls") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), src.join(entry.file_name())).expect("copy");
    }
    std::fs::write(
        src.join("latin1.md"),
        b"+++\nid = \"latin\"\ntitle = \"Caf\xe9\"\nlanguage = \"fr\"\n+++\n\nTexte.\n",
    )
    .expect("write");
    std::fs::write(src.join("broken.md"), "+++\nid = \"broken\"\ntitle = \"No language\"\n+++\n\nText.\n")
        .expect("write");
    std::fs::write(src.join("empty.md"), "").expect("write");
    std::fs::write(src.join("binary.md"), b"+++\nid = \"bin\"\n\0\0\0").expect("write");
    std::fs::copy(util::sample_brief(), dir.join("brief.toml")).expect("copy brief");
}

#[test]
fn unused_unreadable_documents_are_warnings_and_the_build_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus_with_bad_files(dir.path());
    let out = briefbook(dir.path(), &["build", "brief.toml", "-o", "out.pdf"]);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // A legacy encoding is read and converted, with a warning.
    assert!(stderr.contains("warning: sources/latin1.md: the file is not UTF-8: read as windows-1252"), "{stderr}");
    assert!(
        stderr.contains("warning: sources/broken.md:1:1: missing field `language` (the file is skipped)"),
        "{stderr}"
    );
    assert!(stderr.contains("warning: sources/empty.md: the file is empty"), "{stderr}");
    assert!(stderr.contains("warning: sources/binary.md: this is a binary file"), "{stderr}");
    assert!(stdout.contains("4 warning(s)"), "{stdout}");
    assert!(dir.path().join("out.pdf").exists());
}

#[test]
fn a_used_document_that_cannot_be_read_fails_the_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus_with_bad_files(dir.path());
    let brief = std::fs::read_to_string(dir.path().join("brief.toml")).expect("read");
    let brief = brief.replace(
        "documents = [\"mfa-al-2024-12-04-nato-foreign-ministers\"]",
        "documents = [\"mfa-al-2024-12-04-nato-foreign-ministers\", \"bin\"]",
    );
    let line = brief.lines().position(|l| l.contains("\"bin\"")).expect("line") + 1;
    std::fs::write(dir.path().join("brief.toml"), brief).expect("write");
    let out = briefbook(dir.path(), &["build", "brief.toml", "-o", "out.pdf"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected =
        format!("error: brief.toml:{line}:58: document `bin` cannot be read (sources/binary.md: this is a binary file");
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("error: sources/binary.md: this is a binary file"), "{stderr}");
    assert!(!dir.path().join("out.pdf").exists());
}

/// Runs briefbook in `dir` with its own cache folder.
fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .expect("runs briefbook");
    let (o, e) = texts(&out);
    (out.status.code(), o, e)
}

fn events_json(dir: &Path) -> Vec<serde_json::Value> {
    let (code, json, err) = run_in(dir, &["events", "--json", "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str::<Vec<serde_json::Value>>(&json).expect("json")
}

#[test]
fn events_commands_edit_events_toml_keeping_its_comments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).expect("dir");
    for e in std::fs::read_dir(root().join("briefs/sources")).expect("sources") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), sources.join(e.file_name())).expect("copy");
    }
    let file = sources.join("events.toml");
    let head = "# Corrections by the desk\n\n[[event]]\nid = \"nato-2026-07-07-summit-ankara\"\nname = \"NATO Summit in Ankara\" # official\n";
    std::fs::write(&file, head).expect("write");
    let read = || std::fs::read_to_string(&file).expect("events.toml");
    let (washington, hague) = ("nato-2024-07-09-summit-washington", "nato-2025-06-24-summit-the-hague");

    // merge
    let (code, out, err) =
        run_in(dir.path(), &["events", "merge", washington, hague, "--into", hague, "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with(&format!("merged into {hague}")), "{out}");
    let text = read();
    assert!(text.starts_with(head), "{text}");
    assert!(text.ends_with(&format!("\n[[event]]\nid = \"{hague}\"\nmerge = [\"{washington}\"]\n")), "{text}");
    let events = events_json(dir.path());
    assert!(!events.iter().any(|e| e["id"] == washington));
    let merged = events.iter().find(|e| e["id"] == hague).expect("merged");
    assert!(merged["aliases"].as_array().is_some_and(|a| a.iter().any(|x| x == washington)), "{merged}");
    // An old id still names it.
    let (code, out, err) = run_in(dir.path(), &["search", "Summit", "--event", washington, "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.is_empty());

    // set, by the old id
    let (code, _, err) = run_in(
        dir.path(),
        &["events", "set", washington, "--venue", "World Forum", "--start", "2025-06", "--corpus", "sources"],
    );
    assert_eq!(code, Some(0), "{err}");
    let text = read();
    assert!(text.starts_with(head), "{text}");
    assert!(text.contains("venue = \"World Forum\"\nstart = \"2025-06\"\n"), "{text}");
    let events = events_json(dir.path());
    let e = events.iter().find(|e| e["id"] == hague).expect("set");
    assert_eq!((e["venue"].as_str(), e["start"].as_str()), (Some("World Forum"), Some("2025-06")));

    // clear: the venue set above goes, and stays gone on the next analysis
    let (code, _, err) = run_in(dir.path(), &["events", "set", hague, "--clear", "venue", "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    let text = read();
    assert!(text.starts_with(head), "{text}");
    assert!(text.contains("start = \"2025-06\"\nclear = [\"venue\"]\n") && !text.contains("World Forum"), "{text}");
    let e = events_json(dir.path()).into_iter().find(|e| e["id"] == hague).expect("cleared");
    assert!(e["venue"].is_null() && e["start"] == "2025-06", "{e}");
    let (code, _, err) = run_in(dir.path(), &["events", "set", hague, "--clear", "name", "--corpus", "sources"]);
    assert_eq!(code, Some(2), "{err}");

    // split
    let mention = "mfa-al-2024-12-04-nato-foreign-ministers#5:274";
    let (code, out, err) = run_in(dir.path(), &["events", "split", mention, "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(&format!("{hague}-split")), "{out}");
    assert!(read().contains(&format!("mentions = [\"{mention}\"]")));
    let events = events_json(dir.path());
    let split = events.iter().find(|e| e["id"] == format!("{hague}-split").as_str()).expect("split");
    assert_eq!(split["mentions"].as_array().map(Vec::len), Some(1));

    // add
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "events",
            "add",
            "--kind",
            "council",
            "--organisation",
            "OSCE",
            "--place",
            "Vienna",
            "--start",
            "2025-12-04",
            "--corpus",
            "sources",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(read().contains("id = \"osce-2025-12-04-council-vienna\"\nkind = \"council\""));
    assert!(events_json(dir.path()).iter().any(|e| e["id"] == "osce-2025-12-04-council-vienna"));

    // remove
    let (code, _, err) =
        run_in(dir.path(), &["events", "remove", "nato-2026-07-07-summit-ankara", "--corpus", "sources"]);
    assert_eq!(code, Some(0), "{err}");
    let text = read();
    assert!(text.starts_with(&format!("{head}remove = true\n")), "{text}");
    assert!(!events_json(dir.path()).iter().any(|e| e["id"] == "nato-2026-07-07-summit-ankara"));

    // mistakes: nothing written, exit 1
    let before = read();
    let (code, _, err) =
        run_in(dir.path(), &["events", "remove", "nato-2026-07-07-summit-ankar", "--corpus", "sources"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no meeting has the id `nato-2026-07-07-summit-ankar`"), "{err}");
    let (code, _, err) = run_in(dir.path(), &["events", "set", hague, "--start", "2025-13", "--corpus", "sources"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(read(), before);
}

#[test]
fn a_brief_naming_a_meeting_merged_into_another_still_checks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).expect("dir");
    for e in std::fs::read_dir(root().join("briefs/sources")).expect("sources") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), sources.join(e.file_name())).expect("copy");
    }
    std::fs::copy(util::sample_brief(), dir.path().join("brief.toml")).expect("brief");
    let by_hand = "nato-2025-06-summit-the-hague-by-hand";
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "events",
            "add",
            "--id",
            by_hand,
            "--kind",
            "summit",
            "--organisation",
            "NATO",
            "--place",
            "The Hague",
            "--corpus",
            "sources",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run_in(
        dir.path(),
        &["events", "merge", "nato-2025-06-24-summit-the-hague", "--into", by_hand, "--corpus", "sources"],
    );
    assert_eq!(code, Some(0), "{err}");
    let events = events_json(dir.path());
    assert!(!events.iter().any(|e| e["id"] == "nato-2025-06-24-summit-the-hague"));
    // The brief still names the old id.
    let (code, out, err) = run_in(dir.path(), &["check", "brief.toml"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("ok, 9 sections"), "{out}");
}
