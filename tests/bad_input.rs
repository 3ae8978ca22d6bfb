//! Bad input of every kind: each case goes through a real entry point (`briefbook::check`,
//! `briefbook::load_corpus`, the `briefbook` binary) and checks the exact message the user sees, with
//! its file and line, and that nothing panics, hangs or loses a file.
//!
//! The cases that could be slow (a 100 MB file, 100,000 files, 100,000 nested elements)
//! are built so they stay fast: the big file is sparse and must be refused by its size
//! before it is read; the many files are in memory.

mod util;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use briefbook::{Diagnostic, DiskFiles, Files, Listing, MemoryFiles};
use util::{briefbook, root, texts};

const BRIEF: &str = "b/brief.toml";

/// A brief with one documents section naming `a`.
fn brief_text(extra_brief_lines: &str) -> String {
    format!(
        "format = 1\n\n[brief]\ntitle = \"T\"\ncorpus = \"sources\"\n{extra_brief_lines}\n[[section]]\ntitle = \"S\"\ndocuments = [\"a\"]\n"
    )
}

/// A source document with front matter.
fn doc(id: &str, lang: &str, body: &str) -> String {
    format!("+++\nid = \"{id}\"\ntitle = \"Title of {id}\"\nlanguage = \"{lang}\"\n+++\n\n{body}\n")
}

const BODY: &str = "NATO defence ministers meet in Brussels on 12 February 2026 to discuss support for Ukraine.";

/// The brief `b/brief.toml` with `brief` as its text and document `a` in `b/sources`.
fn files_with(brief: &str) -> MemoryFiles {
    let mut files = MemoryFiles::new();
    files.insert(BRIEF, brief).insert("b/sources/a.md", doc("a", "en", BODY));
    files
}

/// Every diagnostic of checking the brief, as the command line prints it.
fn check(files: &dyn Files) -> Vec<String> {
    let mut diags = Vec::new();
    let result = briefbook::check(files, Path::new(BRIEF), &mut diags);
    let mut out: Vec<String> = diags.iter().map(Diagnostic::to_string).collect();
    if let Err(e) = result {
        out.push(format!("Err: {e}"));
    }
    out
}

/// The problems of a corpus, as printed.
fn problems(c: &briefbook::Corpus) -> Vec<String> {
    c.problems.iter().map(|p| p.diagnostic.to_string()).collect()
}

fn corpus_of(files: &dyn Files) -> briefbook::Corpus {
    briefbook::load_corpus(files, Path::new("c")).expect("the folder is readable")
}

// ---- the brief file ------------------------------------------------------------------

#[test]
fn malformed_toml_names_the_line() {
    let text = "format = 1\n\n[brief]\ntitle = \"T\ncorpus = \"sources\"\n";
    assert_eq!(check(&files_with(text)), ["error: b/brief.toml:4:11: invalid basic string, expected `\"`"]);
}

#[test]
fn wrong_types_name_the_line() {
    let text = brief_text("").replace("title = \"T\"", "title = 3");
    assert_eq!(check(&files_with(&text)), ["error: b/brief.toml:4:9: invalid type: integer `3`, expected a string"]);
    let text = brief_text("").replace("documents = [\"a\"]", "documents = \"a\"");
    assert_eq!(
        check(&files_with(&text)),
        ["error: b/brief.toml:9:13: invalid type: string \"a\", expected a sequence"]
    );
}

#[test]
fn unknown_keys_name_the_line_and_the_keys_there_are() {
    let messages = check(&files_with(&brief_text("colour = \"red\"\n")));
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("error: b/brief.toml:6:1: unknown field `colour`, expected one of `title`"));
    assert!(messages[0].ends_with(
        "hint: [brief] has: title, subtitle, date, classification, prepared_for, prepared_by, language, corpus, page_size, events, topics, memory, allow_outside_paths"
    ));
}

#[test]
fn a_brief_that_is_not_utf8_names_the_line_and_column() {
    let mut files = MemoryFiles::new();
    files.insert(BRIEF, b"format = 1\n[brief]\ntitle = \"Caf\xe9\"\n".to_vec());
    assert_eq!(check(&files), ["error: b/brief.toml:3:13: the brief is not UTF-8 text"]);
}

#[test]
fn an_empty_brief_asks_for_its_format() {
    let files = files_with("");
    assert_eq!(
        check(&files),
        [
            "error: b/brief.toml:1:1: missing `format = 1` at the top of the brief\n  hint: every brief file starts with `format = 1`"
        ]
    );
}

#[test]
fn a_huge_brief_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.toml");
    std::fs::File::create(&path).and_then(|f| f.set_len(100_000_000)).expect("sparse file");
    let files = Watch::default();
    let mut diags = Vec::new();
    let loaded = briefbook::load_brief(&files, &path, &mut diags).expect("no hard error");
    assert!(loaded.brief.is_none());
    assert_eq!(
        diags.iter().map(Diagnostic::to_string).collect::<Vec<_>>(),
        [format!(
            "error: {}: the file is 100 MB; a brief is a small TOML file and briefs larger than 16 MB are not read\n  hint: is this the right file? a brief file ends in .toml",
            path.display()
        )]
    );
    assert!(files.reads().is_empty(), "read: {:?}", files.reads());
}

#[test]
fn an_unreadable_brief_is_an_error_naming_it() {
    let mut files = MemoryFiles::new();
    files.insert_unreadable(BRIEF, io::ErrorKind::PermissionDenied);
    assert_eq!(check(&files), ["Err: cannot read the brief b/brief.toml: permission denied"]);
}

// ---- references ----------------------------------------------------------------------

#[test]
fn dangling_references_name_the_line_and_suggest() {
    let text = brief_text("").replace("[\"a\"]", "[\"alpah\", \"zzz-nothing\"]");
    let mut files = files_with(&text);
    files.insert("b/sources/alpha.md", doc("alpha", "en", BODY));
    let messages = check(&files);
    assert_eq!(
        messages,
        [
            "error: b/brief.toml:9:14: no document `alpah` in the corpus b/sources\n  hint: did you mean `alpha`? `briefbook docs` lists the ids",
            "error: b/brief.toml:9:23: no document `zzz-nothing` in the corpus b/sources\n  hint: `briefbook docs` lists the ids"
        ]
    );
}

#[test]
fn missing_and_duplicate_ids_and_dangling_translations() {
    let mut files = MemoryFiles::new();
    files
        .insert("c/a.md", doc("a", "sq", BODY))
        .insert("c/b.md", doc("a", "en", BODY))
        .insert("c/noid.md", "+++\ntitle = \"No id\"\nlanguage = \"en\"\n+++\n\nText.\n")
        .insert("c/t.md", doc("t", "en", BODY).replace("+++\n\n", "translation_of = \"nothing\"\n+++\n\n"));
    let c = corpus_of(&files);
    assert_eq!(
        problems(&c),
        [
            "error: c/b.md:2:1: duplicate id `a`: a.md already has it\n  hint: give each document its own id",
            "error: c/noid.md:1:1: missing field `id`\n  hint: every document needs `id`, `title` and `language`",
            "error: c/t.md:5:1: `translation_of` names `nothing`, which is no document of the corpus",
        ]
    );
}

// ---- encodings and odd files ---------------------------------------------------------

#[test]
fn other_encodings_are_converted_with_a_warning() {
    let mut files = MemoryFiles::new();
    // Windows-1250 Albanian/Croatian text: "ë" is 0xEB, "č" is 0xE8.
    files.insert(
        "c/sastanak.txt",
        b"Sastanak ministara\n\nMinistri su se sastali u Bruxellesu; ra\xe8un je pla\xe6en, \xe8ak i ve\xe6i.\n"
            .to_vec(),
    );
    let c = corpus_of(&files);
    let messages = problems(&c);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with("warning: c/sastanak.txt: the file is not UTF-8: read as windows-125"),
        "{messages:#?}"
    );
    assert!(messages[0].ends_with("and converted\n  hint: save it as UTF-8 to be sure every letter is read right"));
}

#[test]
fn mixed_encodings_in_one_file_are_read_and_reported() {
    // UTF-8 text with one Latin-1 byte in the middle: not valid UTF-8 as a whole.
    let mut bytes = "Takimi\n\nMinistrat e Mbrojtjes u takuan në Bruksel për NATO-n. ".as_bytes().to_vec();
    bytes.extend_from_slice(b"Caf\xe9 cr\xe8me.\n");
    let mut files = MemoryFiles::new();
    files.insert("c/mixed.txt", bytes);
    let c = corpus_of(&files);
    let messages = problems(&c);
    assert_eq!(c.documents.len(), 1, "{messages:#?}");
    assert!(messages.iter().any(|m| m.starts_with("warning: c/mixed.txt: the file is not UTF-8: read as")));
}

#[test]
fn binary_files_renamed_txt_and_empty_files_are_reported() {
    let mut files = MemoryFiles::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    files
        .insert("c/photo.txt", png)
        .insert("c/empty.md", "")
        .insert("c/blank.txt", " \n\n \t\n")
        .insert("c/ok.md", doc("ok", "en", BODY));
    let c = corpus_of(&files);
    assert_eq!(
        problems(&c),
        [
            "error: c/blank.txt: the file is empty",
            "error: c/empty.md: the file is empty",
            "error: c/photo.txt: this is a binary file, not a text document",
        ]
    );
    assert_eq!(c.ids().collect::<Vec<_>>(), ["ok"]);
}

#[test]
fn a_document_the_brief_uses_that_cannot_be_read_is_an_error_at_its_file() {
    let mut files = files_with(&brief_text(""));
    files.insert_unreadable("b/sources/a.md", io::ErrorKind::PermissionDenied);
    assert_eq!(
        check(&files),
        [
            "error: b/brief.toml:9:14: document `a` cannot be read (b/sources/a.md: cannot read the file: permission denied)\n  hint: fix the document (see the error for its file below) or remove it from the section",
            "error: b/sources/a.md: cannot read the file: permission denied",
        ]
    );
}

#[test]
fn permission_errors_leave_the_rest_of_the_corpus() {
    let mut files = MemoryFiles::new();
    files
        .insert("c/a.md", doc("a", "en", BODY))
        .insert_unreadable("c/locked.md", io::ErrorKind::PermissionDenied)
        .insert_unreadable("c/gone.txt", io::ErrorKind::NotFound);
    let c = corpus_of(&files);
    assert_eq!(
        problems(&c),
        [
            "error: c/gone.txt: cannot read the file: entity not found",
            "error: c/locked.md: cannot read the file: permission denied",
        ]
    );
    assert_eq!(c.ids().collect::<Vec<_>>(), ["a"]);
}

// ---- limits ----------------------------------------------------------------------------

/// The disk, recording which files were read.
#[derive(Default)]
struct Watch {
    read: Mutex<Vec<PathBuf>>,
}

impl Watch {
    fn reads(&self) -> Vec<PathBuf> {
        self.read.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Files for Watch {
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        DiskFiles.list(dir)
    }
    fn scan(&self, dir: &Path, outside: bool) -> io::Result<Listing> {
        DiskFiles.scan(dir, outside)
    }
    fn size(&self, path: &Path) -> io::Result<u64> {
        DiskFiles.size(path)
    }
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Ok(mut r) = self.read.lock() {
            r.push(path.to_path_buf());
        }
        DiskFiles.read(path)
    }
}

#[test]
fn a_100_mb_file_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("huge.txt");
    std::fs::File::create(&big).and_then(|f| f.set_len(100_000_000)).expect("sparse file");
    std::fs::write(dir.path().join("a.md"), doc("a", "en", BODY)).expect("write");
    let started = Instant::now();
    let files = Watch::default();
    let c = briefbook::load_corpus(&files, dir.path()).expect("loads");
    assert_eq!(
        problems(&c),
        [format!(
            "error: {}: the file is 100 MB; documents larger than 16 MB are not read\n  hint: split it into smaller documents, or move it out of the corpus folder",
            big.display()
        )]
    );
    assert!(!files.reads().contains(&big), "the big file was read");
    assert_eq!(c.ids().collect::<Vec<_>>(), ["a"]);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn a_paragraph_longer_than_the_limit_is_reported_at_its_line() {
    let long = "word ".repeat(6_000);
    let mut files = MemoryFiles::new();
    files.insert("c/long.txt", format!("Title line\n\nA short first paragraph.\n\n{long}\n"));
    let c = corpus_of(&files);
    assert_eq!(
        problems(&c),
        [
            "error: c/long.txt:5:1: paragraph 2 has 29,999 characters; paragraphs longer than 20,000 characters are not read\n  hint: separate the paragraphs with blank lines"
        ]
    );
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let mut files = MemoryFiles::new();
    for i in 0..100_000 {
        files.insert(format!("c/n/{:03}/{i:06}.txt", i % 500), "");
    }
    files.insert("c/a.md", doc("a", "en", BODY));
    let started = Instant::now();
    let c = corpus_of(&files);
    assert_eq!(c.ids().collect::<Vec<_>>(), ["a"]);
    assert_eq!(c.problems.len(), 100_000);
    assert_eq!(problems(&c)[0], "error: c/n/000/000000.txt: the file is empty");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn deeply_nested_html_is_refused_without_overflowing_the_stack() {
    let deep =
        format!("<html><body>\n{}<p>Deep text.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let mut files = MemoryFiles::new();
    files.insert("c/deep.html", deep);
    let started = Instant::now();
    let c = corpus_of(&files);
    assert_eq!(
        problems(&c),
        [
            "error: c/deep.html:2:1: the page nests its elements more than 500 deep; such pages are not read\n  hint: save the article's text as a .txt or .md file instead"
        ]
    );
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn html_nested_just_under_the_limit_still_reads() {
    let text = "NATO defence ministers met in Brussels on Thursday, and they agreed to raise spending, said the Secretary General.";
    let page = format!(
        "<html lang=\"en\"><body>{}<p>{text}</p><p>{text}</p>{}</body></html>",
        "<div>".repeat(450),
        "</div>".repeat(450)
    );
    let mut files = MemoryFiles::new();
    files.insert("c/nested.html", page);
    let c = corpus_of(&files);
    assert_eq!(c.documents.len(), 1, "{:#?}", problems(&c));
    assert_eq!(c.documents[0].paragraphs.len(), 2);
}

// ---- folders on disk -----------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_are_reported() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let c = dir.path().join("c");
    std::fs::create_dir_all(c.join("sub")).expect("mkdir");
    std::fs::write(c.join("a.md"), doc("a", "en", BODY)).expect("write");
    std::fs::write(c.join("sub/b.md"), doc("b", "en", BODY)).expect("write");
    // `alias` sorts before `sub`: the folder is still listed under its own name.
    symlink("sub", c.join("alias")).expect("link");
    symlink(".", c.join("self")).expect("link");
    symlink("..", c.join("sub/up")).expect("link");
    symlink("ping", c.join("pong")).expect("link");
    symlink("pong", c.join("ping")).expect("link");
    let started = Instant::now();
    let corpus = briefbook::load_corpus(&DiskFiles, &c).expect("loads");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(corpus.ids().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(corpus.get("b").map(|d| d.path.clone()), Some(PathBuf::from("sub/b.md")));
    let real = c.canonicalize().expect("canonical");
    assert_eq!(
        problems(&corpus),
        [
            format!(
                "warning: {}: left out: the symbolic link leads to {}, which is read already",
                c.join("alias").display(),
                real.join("sub").display()
            ),
            format!(
                "warning: {}: left out: the symbolic link leads nowhere (Too many levels of symbolic links (os error 40))",
                c.join("ping").display()
            ),
            format!(
                "warning: {}: left out: the symbolic link leads nowhere (Too many levels of symbolic links (os error 40))",
                c.join("pong").display()
            ),
            format!(
                "warning: {}: left out: the symbolic link leads back to {}, a folder it is in (a loop)",
                c.join("self").display(),
                real.display()
            ),
            format!(
                "warning: {}: left out: the symbolic link leads back to {}, a folder it is in (a loop)",
                c.join("sub/up").display(),
                real.display()
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_corpus_are_left_out_unless_allowed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = dir.path().join("private");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("secret.md"), doc("secret", "en", BODY)).expect("write");
    let b = dir.path().join("b");
    std::fs::create_dir_all(b.join("sources")).expect("mkdir");
    std::fs::write(b.join("sources/a.md"), doc("a", "en", BODY)).expect("write");
    symlink(&outside, b.join("sources/private")).expect("link");
    symlink(outside.join("secret.md"), b.join("sources/secret.md")).expect("link");

    let c = briefbook::load_corpus(&DiskFiles, &b.join("sources")).expect("loads");
    assert_eq!(c.ids().collect::<Vec<_>>(), ["a"]);
    let real = outside.canonicalize().expect("canonical");
    let hint = "\n  hint: set `allow_outside_paths = true` in [brief] to read what it leads to";
    assert_eq!(
        problems(&c),
        [
            format!(
                "warning: {}: left out: the symbolic link leads out of the corpus folder, to {}{hint}",
                b.join("sources/private").display(),
                real.display()
            ),
            format!(
                "warning: {}: left out: the symbolic link leads out of the corpus folder, to {}{hint}",
                b.join("sources/secret.md").display(),
                real.join("secret.md").display()
            ),
        ]
    );
    let allowed =
        briefbook::load_corpus_with(&DiskFiles, &b.join("sources"), briefbook::LoadOptions { allow_outside: true })
            .expect("loads");
    assert_eq!(allowed.ids().collect::<Vec<_>>(), ["a", "secret"]);
    assert!(allowed.problems.iter().all(|p| !p.diagnostic.message.contains("left out")));
}

// ---- paths in the brief ----------------------------------------------------------------

#[test]
fn brief_paths_may_not_leave_the_brief_folder() {
    let text = brief_text("").replace("corpus = \"sources\"", "corpus = \"../elsewhere\"\nmemory = \"/etc/m.tmx\"");
    let mut files = files_with(&text);
    files.insert("b/../elsewhere/a.md", doc("a", "en", BODY));
    let hint = "\n  hint: write the path relative to the brief file, or add `allow_outside_paths = true` to [brief] if you trust this brief";
    assert_eq!(
        check(&files),
        [
            format!(
                "error: b/brief.toml:5:10: `corpus = \"../elsewhere\"` leads out of the brief's folder; the paths of a brief stay inside the brief's folder{hint}"
            ),
            format!(
                "error: b/brief.toml:6:10: `memory = \"/etc/m.tmx\"` is an absolute path; the paths of a brief stay inside the brief's folder{hint}"
            ),
        ]
    );
    // Allowed explicitly, the same brief reads its corpus (a missing memory is empty).
    let allowed = text.replace("title = \"T\"", "title = \"T\"\nallow_outside_paths = true");
    files.insert(BRIEF, allowed);
    assert_eq!(check(&files), Vec::<String>::new());
}

// ---- themes and fonts --------------------------------------------------------------------

#[test]
fn a_font_that_is_not_there_names_the_line_and_the_fonts_there_are() {
    let text = format!("{}\n[theme]\nbody_font = \"Garamond\"\n", brief_text(""));
    assert_eq!(
        check(&files_with(&text)),
        [
            "error: b/brief.toml:12:13: unknown variant `Garamond`, expected `serif` or `sans`\n  hint: the fonts are built into briefbook from fonts/: `serif` is Noto Serif, `sans` is Noto Sans"
        ]
    );
}

#[test]
fn characters_no_font_has_are_a_warning_not_a_failure() {
    let mut files = files_with(&brief_text(""));
    files.insert("b/sources/a.md", doc("a", "en", &format!("{BODY} 会议 \u{1F600}")));
    let mut diags = Vec::new();
    let pdf = briefbook::build_pdf(&files, Path::new(BRIEF), &mut diags).expect("builds");
    assert!(pdf.starts_with(b"%PDF"));
    let messages: Vec<String> = diags.iter().map(Diagnostic::to_string).collect();
    assert_eq!(
        messages,
        [
            "warning: no font in fonts/ has the characters U+4F1A ‘会’, U+8BAE ‘议’, U+1F600 ‘😀’; they show as empty boxes\n  hint: add a font that covers them to fonts/"
        ]
    );
}

#[test]
fn a_word_longer_than_the_column_is_broken_and_stays_inside_the_page() {
    let word = "Nordatlantikvertragsorganisationsverteidigungsministertreffen".repeat(8);
    let mut files = files_with(&brief_text(""));
    files.insert("b/sources/a.md", doc("a", "en", &format!("{BODY} {word} https://example.org/{word}")));
    let mut diags = Vec::new();
    let book = briefbook::check(&files, Path::new(BRIEF), &mut diags).expect("checks").expect("a book");
    let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
    let mut seen = false;
    for page in &pages.pages {
        for item in &page.items {
            if let briefbook::Item::Text(run) = item {
                assert!(run.x >= 0.0 && run.x + run.width() <= pages.width, "overflows: {:?}", run.text);
                seen |= run.text.contains("Nordatlantik");
            }
        }
    }
    assert!(seen);
}

// ---- writing the PDF ---------------------------------------------------------------------

#[test]
fn a_failed_write_names_the_file_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no-such-folder/brief.pdf");
    let mut diags = Vec::new();
    let err = briefbook::build_to_file(&DiskFiles, &util::sample_brief(), &out, &mut diags).expect_err("fails");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: No such file or directory (os error 2); a file already there is left as it was",
            out.display()
        )
    );
    assert!(!out.exists());
}

/// A copy of `briefs/` (the sample brief and its sources) in a temporary folder.
fn sample_copy() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                copy(&path, &to.join(&name));
            } else if path.extension().is_none_or(|e| e != "pdf") {
                std::fs::copy(&path, to.join(&name)).expect("copy");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy(&root().join("briefs"), dir.path());
    dir
}

/// Every file under `dir` with its content.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn briefbook_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_briefbook"));
    cmd.args(args).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs briefbook")
}

#[cfg(unix)]
#[test]
fn a_full_disk_on_export_names_the_file_and_keeps_the_old_pdf() {
    let dir = sample_copy();
    let cache = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("nato-defence-ministers-2026-02.pdf");
    std::fs::write(&out, b"%PDF-1.7 the previous book").expect("old PDF");
    // A file size limit makes every write past 8 KB fail as a full disk would
    // (the signal it raises is ignored, so the write returns an error instead).
    let script = "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"";
    let run = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_briefbook"), "build", "nato-defence-ministers-2026-02.toml"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("runs");
    let (_, stderr) = texts(&run);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.ends_with(
            "error: building nato-defence-ministers-2026-02.toml: cannot write nato-defence-ministers-2026-02.pdf: File too large (os error 27); a file already there is left as it was\n"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&out).expect("old PDF"), b"%PDF-1.7 the previous book");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temp files left: {left:?}");
}

#[test]
fn build_writes_nothing_but_the_pdf_and_its_cache() {
    let dir = sample_copy();
    let cache = tempfile::tempdir().expect("temp dir");
    let before = snapshot(dir.path());
    let out = briefbook_env(
        dir.path(),
        &["build", "nato-defence-ministers-2026-02.toml"],
        &[("XDG_CACHE_HOME", cache.path())],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("wrote nato-defence-ministers-2026-02.pdf"), "{stdout}");
    let mut after = snapshot(dir.path());
    let pdf = after.remove(Path::new("nato-defence-ministers-2026-02.pdf")).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "files added or removed");
    assert!(after == before, "a file under the brief's folder changed");
    assert!(!snapshot(cache.path()).is_empty(), "the corpus cache is in XDG_CACHE_HOME");
}

/// The sentence alignments a build keeps in the corpus's cache folder (their paths and texts).
fn stored_alignments(cache: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(cache)
        .into_iter()
        .filter(|(p, _)| {
            p.parent().is_some_and(|d| d.ends_with("alignments")) && p.extension().is_some_and(|e| e == "beads")
        })
        .collect()
}

#[test]
fn alignments_kept_in_the_cache_give_the_same_book_even_when_damaged() {
    let dir = sample_copy();
    let cache = tempfile::tempdir().expect("temp dir");
    let brief = "nato-defence-ministers-2026-02.toml";
    let pdf = dir.path().join("nato-defence-ministers-2026-02.pdf");
    let build = || {
        let out = briefbook_env(dir.path(), &["build", brief], &[("XDG_CACHE_HOME", cache.path())]);
        assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
        std::fs::read(&pdf).expect("the PDF")
    };
    let first = build();
    // The sample's Albanian article beside its English translation: one alignment, in the
    // user's cache (the English press release needs none in an English book).
    let stored = stored_alignments(cache.path());
    assert_eq!(stored.len(), 1, "{:?}", stored.keys());
    assert_eq!(build(), first, "read back, the same book");
    assert_eq!(stored_alignments(cache.path()), stored, "nothing new to keep");

    // Damaged or cut short: aligned again, the same book, and kept anew.
    let path = cache.path().join(stored.keys().next().expect("one"));
    for damage in ["9 9\n", "1 1\n", ""] {
        std::fs::write(&path, damage).expect("damage");
        assert_eq!(build(), first, "aligned again after {damage:?}");
        assert_eq!(stored_alignments(cache.path()), stored, "kept anew");
    }

    // A changed corpus refreshes the cache, and the alignments of the old texts go with it.
    let folder = cache.path().join(stored.keys().next().expect("one").parent().expect("folder"));
    std::fs::write(folder.join("0123456789abcdef0123456789abcdef.beads"), "1 1\n").expect("stale");
    let source = dir.path().join("sources/telegrafi-2026-02-nato-defence-ministers.en.md");
    let mut text = std::fs::read_to_string(&source).expect("source");
    text.push_str("\nA new paragraph at the end.\n");
    std::fs::write(&source, text).expect("change");
    build();
    let after = stored_alignments(cache.path());
    assert_eq!(after.len(), 1, "{:?}", after.keys());
    assert!(after.keys().all(|k| !k.ends_with("0123456789abcdef0123456789abcdef.beads")), "the stale one is gone");
    assert_ne!(after, stored, "the changed translation is aligned anew");
}

// ---- PDF links -------------------------------------------------------------------------

#[test]
fn only_web_and_mail_addresses_become_links_and_nothing_becomes_script() {
    use briefbook::Document;
    let text = brief_text("").replace("[\"a\"]", "[\"a\", \"b\", \"c\"]");
    let mut files = files_with(&text);
    files.insert("b/sources/b.md", doc("b", "en", BODY)).insert("b/sources/c.md", doc("c", "en", BODY));
    let loaded = briefbook::load_brief(&files, Path::new(BRIEF), &mut Vec::new()).expect("loads");
    let mut docs: Vec<Document> = loaded.corpus.expect("corpus").documents;
    // However a document got its address (front matter checks it; other readers may not),
    // only http, https and mailto ones are made links.
    docs[0].meta.url = Some("javascript:app.alert(1)".into());
    docs[1].meta.url = Some("https://example.org/a)>>/S/JavaScript/JS(app.alert(2)".into());
    docs[2].meta.url = Some("file:///etc/passwd".into());
    let corpus = briefbook::Corpus::from_documents("b/sources", docs);
    let brief = loaded.brief.expect("brief");
    let (book, _) = briefbook::resolve_book(&brief, &corpus, &briefbook::Memory::new(), Path::new(BRIEF), &text);
    let pages = briefbook::typeset(&book, &mut Vec::new()).expect("typesets");
    let all: String = pages.pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    assert!(all.contains("javascript:app.alert(1)") && all.contains("file:///etc/passwd"), "shown as text: {all}");
    let bytes = briefbook::write_pdf(&pages, &briefbook::PdfOptions::for_book(&book)).expect("PDF");
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let mut uris = Vec::new();
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        for key in [b"JS".as_slice(), b"JavaScript", b"AA", b"OpenAction", b"Launch"] {
            assert!(dict.get(key).is_err(), "/{} in {dict:?}", String::from_utf8_lossy(key));
        }
    }
    let deref = |o: &'_ lopdf::Object| match o {
        lopdf::Object::Reference(id) => pdf.get_dictionary(*id).expect("dictionary").clone(),
        other => other.as_dict().expect("dictionary").clone(),
    };
    for id in pdf.get_pages().into_values() {
        let page = pdf.get_dictionary(id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(lopdf::Object::as_array) else { continue };
        for annot in annots {
            let action = deref(deref(annot).get(b"A").expect("a link has an action"));
            let kind = action.get(b"S").and_then(lopdf::Object::as_name).expect("its kind");
            assert!(kind == b"URI" || kind == b"GoTo", "action {}", String::from_utf8_lossy(kind));
            if kind == b"URI" {
                let uri = action.get(b"URI").and_then(lopdf::Object::as_str).expect("URI");
                uris.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    assert_eq!(uris, ["https://example.org/a)>>/S/JavaScript/JS(app.alert(2)"]);
}

// ---- the network and keys ------------------------------------------------------------------

#[test]
#[cfg(feature = "engines")]
fn engine_errors_never_show_the_key() {
    use briefbook::{RetryPolicy, Translator};
    let tag = |s: &str| s.parse::<briefbook::LanguageTag>().expect("tag");
    let policy = RetryPolicy {
        attempts: 1,
        first_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
        timeout: Duration::from_secs(5),
    };
    let key = "sk-very-secret-4711";
    let server =
        util::http::Server::start(vec![util::http::Reply::json(403, &format!("{{\"message\":\"Wrong key {key}\"}}"))]);
    let deepl = briefbook::DeepL::new(key.into(), Some(server.url.clone()), policy).expect("engine");
    let e = deepl.translate(&["Një.".to_string()], &tag("sq"), &tag("en")).expect_err("refused");
    let message = e.to_string();
    assert!(message.starts_with("deepl refused the request (HTTP 403): Wrong key (hidden)"), "{message}");
    assert!(!format!("{message} {e:?} {deepl:?}").contains(key));

    let server =
        util::http::Server::start(vec![util::http::Reply::json(400, &format!("{{\"error\":\"bad api_key {key}\"}}"))]);
    let libre = briefbook::LibreTranslate::new(&server.url, Some(key.into()), policy).expect("engine");
    let e = libre.translate(&["Një.".to_string()], &tag("sq"), &tag("en")).expect_err("refused");
    assert_eq!(e.to_string(), "libretranslate refused the request (HTTP 400): bad api_key (hidden)");
}

#[test]
#[cfg(feature = "engines")]
fn translate_says_where_it_would_send_text_and_sends_nothing_without_yes() {
    let dir = sample_copy();
    let brief = dir.path().join("nato-defence-ministers-2026-02.toml");
    let mut text = std::fs::read_to_string(&brief).expect("brief");
    text.push_str(
        "\n[[section]]\ntitle = \"Machine\"\ndocuments = [\"telegrafi-2026-02-nato-defence-ministers\"]\ntranslation = \"machine\"\nrepeat = true\n",
    );
    std::fs::write(&brief, text).expect("write");
    let server = util::http::Server::start(Vec::new());
    let cache = tempfile::tempdir().expect("temp dir");
    let key = Path::new("sk-very-secret-4711");
    let env = [("XDG_CACHE_HOME", cache.path()), ("LIBRETRANSLATE_API_KEY", key)];
    let before = snapshot(dir.path());
    let out = briefbook_env(
        dir.path(),
        &["translate", "nato-defence-ministers-2026-02.toml", "--engine", "libretranslate", "--url", &server.url],
        &env,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains(&format!(
            "this sends the text of those segments over the network to libretranslate at {}\nnothing was sent; run again with --yes to send them\n",
            server.url
        )),
        "{stdout}"
    );
    assert!(server.requests().is_empty(), "nothing goes over the network without --yes");
    assert!(!format!("{stdout}{stderr}").contains("sk-very-secret"));
    assert!(snapshot(dir.path()) == before, "nothing written");

    // The default engine is the memory: offline.
    let out = briefbook_env(dir.path(), &["translate", "nato-defence-ministers-2026-02.toml"], &env);
    let (stdout, _) = texts(&out);
    assert!(
        stdout.contains("has no translation for them; name an engine to translate them over the network"),
        "{stdout}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_corpus_folder_outside_the_brief_is_refused_by_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("b")).expect("mkdir");
    std::fs::write(dir.path().join("b/brief.toml"), brief_text("").replace("\"sources\"", "\"../sources\""))
        .expect("write");
    let out = briefbook(&dir.path().join("b"), &["build", "brief.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(
            "error: brief.toml:5:10: `corpus = \"../sources\"` leads out of the brief's folder; the paths of a brief stay inside the brief's folder\n"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("b/brief.pdf").exists());
}

#[test]
fn memory_commands_refuse_a_memory_outside_the_brief_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = brief_text("memory = \"/tmp/elsewhere.tmx\"\n");
    std::fs::write(dir.path().join("brief.toml"), text).expect("write");
    let out = briefbook(dir.path(), &["tm", "stats", "--brief", "brief.toml"]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "error: brief.toml:6:10: `memory = \"/tmp/elsewhere.tmx\"` is an absolute path; the paths of a brief stay inside the brief's folder\n  hint: write the path relative to the brief file, or add `allow_outside_paths = true` to [brief] if you trust this brief\nerror: brief.toml names a translation memory outside its folder (see above)\n"
    );
}

#[test]
fn a_note_paragraph_longer_than_the_limit_is_an_error_at_its_section() {
    let long = "word ".repeat(5_000);
    let text = format!(
        "{}\n[[section]]\ntitle = \"Notes\"\nkind = \"note\"\ntext = \"\"\"\nShort.\n\n{long}\n\"\"\"\n",
        brief_text("")
    );
    assert_eq!(
        check(&files_with(&text)),
        [
            "error: b/brief.toml:14:8: note section `Notes`: paragraph 2 has 24,999 characters; paragraphs longer than 20,000 characters are not set\n  hint: separate the paragraphs with blank lines"
        ]
    );
}

#[test]
fn an_unreadable_or_broken_memory_stops_the_build_with_its_file() {
    let mut files = files_with(&brief_text(""));
    files.insert_unreadable("b/sources.memory.tmx", io::ErrorKind::PermissionDenied);
    let hint = "\n  hint: fix or move the file; `memory` in [brief] names the memory, by default `<corpus>.memory.tmx` beside the corpus folder";
    assert_eq!(
        check(&files),
        [format!(
            "error: b/sources.memory.tmx: cannot read the translation memory b/sources.memory.tmx: permission denied{hint}"
        )]
    );
    files.insert("b/sources.memory.tmx", "<tmx version=\"1.4\"><body><tu>");
    assert_eq!(
        check(&files),
        [format!(
            "error: b/sources.memory.tmx:1:30: translation memory: the file ends inside <tu> (opened at line 1, column 26){hint}"
        )]
    );
}

#[test]
fn deeply_nested_markdown_neither_overflows_nor_hangs() {
    let quotes = format!("{} deep", "> ".repeat(20_000));
    let lists: String = (0..1_000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let brackets = format!("{}x{}", "[".repeat(3_000), "](u)".repeat(3_000));
    let started = Instant::now();
    let mut files = MemoryFiles::new();
    files
        .insert("c/quotes.md", format!("# Quotes\n\n{quotes}\n"))
        .insert("c/lists.md", format!("# Lists\n\n{lists}"))
        .insert("c/brackets.md", format!("# Brackets\n\n{brackets}\n"));
    let c = corpus_of(&files);
    assert_eq!(c.documents.len(), 3, "{:#?}", problems(&c));
    let note = |text: &str| {
        format!("{}\n[[section]]\ntitle = \"Notes\"\nkind = \"note\"\ntext = '''\n{text}\n'''\n", brief_text(""))
    };
    for text in [&quotes, &lists, &brackets] {
        let files = files_with(&note(text));
        let mut diags = Vec::new();
        let book = briefbook::check(&files, Path::new(BRIEF), &mut diags).expect("checks").expect("book");
        let pages = briefbook::typeset(&book, &mut diags).expect("typesets");
        for run in pages.pages.iter().flat_map(|p| &p.items).filter_map(|i| match i {
            briefbook::Item::Text(run) => Some(run),
            _ => None,
        }) {
            assert!(
                run.x >= 0.0 && run.x + run.width() <= pages.width,
                "outside the page: {:?} at {}",
                run.text,
                run.x
            );
        }
    }
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}
