use std::path::Path;

use super::*;
use crate::corpus::{self, MemoryFiles};

const BRIEF: &str = r#"format = 1

[brief]
title = "NATO Defence Ministers"
language = "en"
corpus = "sources"

[[section]]
title = "Summary"
kind = "note"
text = "- **One**\n- Two"

[[section]]
title = "Press"
documents = ["orig", "missing-doc", "en-only"]
"#;

fn corpus() -> Corpus {
    let mut files = MemoryFiles::new();
    files
        .insert("sources/o.md", "+++\nid = \"orig\"\ntitle = \"Origjinali\"\nlanguage = \"sq\"\npublisher = \"Telegrafi\"\npublished = 2026-02-12\n+++\n\nNjë.\n\nDy.\n")
        .insert("sources/t.md", "+++\nid = \"orig-en\"\ntitle = \"Original\"\nlanguage = \"en\"\ntranslation_of = \"orig\"\ntranslator = \"A. Translator\"\n+++\n\nOne.\n\nTwo.\n")
        .insert("sources/e.md", "+++\nid = \"en-only\"\ntitle = \"English\"\nlanguage = \"en\"\n+++\n\nText.\n")
        .insert("sources/broken.md", "+++\nid = \"broken\"\ntitle = 3\n+++\n");
    corpus::load(&files, Path::new("sources")).expect("corpus")
}

#[test]
fn resolves_sections_rows_and_sources() {
    let brief = parse_brief(Path::new("b.toml"), BRIEF).expect("parses");
    let (book, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), BRIEF);
    let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(
        texts[0].starts_with("error: b.toml:15:22: no document `missing-doc` in the corpus sources"),
        "{}",
        texts[0]
    );
    assert!(texts[1].starts_with("warning: sources/broken.md:3:9: invalid type"), "{}", texts[1]);
    assert!(texts[1].contains("(the file is skipped)"));

    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts.len(), 2);
    assert_eq!(excerpts[0].layout, Layout::SideBySide);
    assert_eq!(excerpts[0].rows[1].original.as_deref(), Some("Dy."));
    assert_eq!(excerpts[0].rows[1].translation.as_deref(), Some("Two."));
    // A document in the brief's language is set as original only.
    assert_eq!(excerpts[1].layout, Layout::Original);
    assert_eq!(book.sources.len(), 3);
    assert_eq!(book.sources[0].date.as_deref(), Some("12 February 2026"));
    assert_eq!(book.sources[0].language, "Albanian");
    assert_eq!(book.sources[1].translation_of, Some(1));
}

#[test]
fn naming_the_translation_shows_its_original() {
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"orig-en\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (book, _) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts[0].original_language.as_str(), "sq");
    assert_eq!(excerpts[0].rows[0].translation.as_deref(), Some("One."));
}

#[test]
fn a_used_broken_document_is_an_error() {
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"broken\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (_, diags) = resolve(&brief, &corpus(), &translate::Memory::new(), Path::new("b.toml"), &text);
    let texts: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(
        texts[0].starts_with("error: b.toml:15:14: document `broken` cannot be read (sources/broken.md: invalid type"),
        "{texts:#?}"
    );
    assert!(texts[1].starts_with("error: sources/broken.md:3:9"), "{texts:#?}");
}

#[test]
fn missing_translation_is_a_warning_and_original_only() {
    let mut files = MemoryFiles::new();
    files.insert("s/o.md", "+++\nid = \"o\"\ntitle = \"T\"\nlanguage = \"mk\"\n+++\n\nТекст.\n");
    let c = corpus::load(&files, Path::new("s")).expect("corpus");
    let text = BRIEF.replace("[\"orig\", \"missing-doc\", \"en-only\"]", "[\"o\"]");
    let brief = parse_brief(Path::new("b.toml"), &text).expect("parses");
    let (book, diags) = resolve(&brief, &c, &translate::Memory::new(), Path::new("b.toml"), &text);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].to_string().starts_with("warning: b.toml:15:14: no English translation of `o`"), "{}", diags[0]);
    let SectionContent::Excerpts(excerpts) = &book.sections[1].content else { panic!("excerpts") };
    assert_eq!(excerpts[0].layout, Layout::Original);
}

#[test]
fn parse_errors_name_line_column_and_key() {
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\ncolour = 1\n")
        .expect_err("unknown key");
    assert!(e.to_string().starts_with("error: b.toml:5:1: unknown field `colour`"), "{e}");
    let e =
        parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\ncorpus = \"s\"\npage_size = \"A3\"\n")
            .expect_err("bad enum");
    assert!(e.to_string().starts_with("error: b.toml:5:13: unknown variant `A3`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief]\ntitle = \"x\"\n").expect_err("missing corpus");
    assert!(e.to_string().contains("missing field `corpus`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 2\n[brief]\n").expect_err("newer");
    assert!(
        e.to_string().starts_with("error: b.toml:1:10: this brief has format 2, written by a newer briefbook"),
        "{e}"
    );
    let e = parse_brief(Path::new("b.toml"), "[brief]\ntitle = \"x\"\n").expect_err("no format");
    assert!(e.to_string().starts_with("error: b.toml:1:1: missing `format = 1`"), "{e}");
    let e = parse_brief(Path::new("b.toml"), "format = 1\n[brief\n").expect_err("syntax");
    assert!(e.to_string().starts_with("error: b.toml:2:"), "{e}");
}

#[test]
fn brief_round_trips_without_loss() {
    let brief = parse_brief(Path::new("b.toml"), BRIEF).expect("parses");
    let again = parse_brief(Path::new("b.toml"), &brief.to_toml()).expect("reparses");
    assert_eq!(brief, again);
}
