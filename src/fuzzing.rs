//! The bodies of the fuzz targets (fuzz/fuzz_targets/), here so that the inputs that once
//! crashed can be replayed by an ordinary test (tests/fuzz_regressions.rs) through exactly
//! the same code. Each function takes arbitrary bytes and must neither panic nor hang.

use std::path::Path;

use crate::corpus::{self, MemoryFiles};
use crate::pdf::{self, PdfOptions};
use crate::{book, build, translate};

/// A fuzz target: arbitrary bytes in, no panic out.
pub type Target = fn(&[u8]);

/// Every target by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("frontmatter", frontmatter),
    ("html", html),
    ("docx", docx),
    ("events", events),
    ("brief", brief),
    ("tmx", tmx),
    ("xliff", xliff),
    ("layout", layout),
];

/// The front-matter document parser, through the corpus loader (which also sees the raw
/// bytes: encodings, binary data, empty files).
pub fn frontmatter(data: &[u8]) {
    let mut files = MemoryFiles::new();
    files.insert("c/doc.md", data.to_vec());
    let _ = corpus::load(&files, Path::new("c"));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = corpus::read::frontmatter::parse(Path::new("doc.md"), text);
    }
}

/// The HTML extractor: directly (text) and through the corpus loader, which also detects
/// the page's encoding and analyses the extracted article.
pub fn html(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = corpus::read::html::parse(text);
    }
    let mut files = MemoryFiles::new();
    files.insert("c/page.html", data.to_vec());
    let _ = corpus::load(&files, Path::new("c"));
}

fn docx_container(document: &[u8], core: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [("word/document.xml", document), ("docProps/core.xml", core)] {
        if zip.start_file(name, stored).is_err() || zip.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    if zip.finish().is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// The .docx extractor. The first byte chooses: even, the rest is the file (the zip
/// container); odd, the rest is the XML of the document and core-properties parts (split at
/// the first NUL) in a well-formed container.
pub fn docx(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let at = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        docx_container(&rest[..at], rest.get(at + 1..).unwrap_or(&[]))
    };
    let _ = corpus::read::docx::parse(&bytes);
    let mut files = MemoryFiles::new();
    files.insert("c/a.docx", bytes);
    let _ = corpus::load(&files, Path::new("c"));
}

/// The date and event extractor (with places, topics and key figures): date expressions in
/// several languages with and without a publication date, and the analysis of a dated
/// document and an undated plain-text file.
pub fn events(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lexicon = corpus::find::lexicon::Lexicon::builtin();
    let published = "2026-02-10".parse().ok();
    for lang in ["en", "sq", "sr-Cyrl", "mk", "uk"] {
        if let Ok(tag) = lang.parse::<crate::model::LanguageTag>() {
            let _ = corpus::find::dates::find(text, &tag, published, lexicon);
            let _ = corpus::find::dates::find(text, &tag, None, lexicon);
        }
    }
    let dated = format!(
        "+++\nid = \"d\"\ntitle = \"D\"\nlanguage = \"sq\"\npublished = 2026-02-10\n+++\n\n{}\n",
        text.replace("+++", "")
    );
    let mut files = MemoryFiles::new();
    files.insert("c/d.md", dated).insert("c/e.txt", text.as_bytes().to_vec());
    let _ = corpus::load(&files, Path::new("c"));
}

const DOC: &str = "+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"sq\"\n+++\n\nNjë. Dy.\n\nTre.\n";
const TRANSLATION: &str =
    "+++\nid = \"a-en\"\ntitle = \"A\"\nlanguage = \"en\"\ntranslation_of = \"a\"\n+++\n\nOne. Two.\n\nThree.\n";

/// The brief loader: parsing, locating problems, and resolving against a small corpus.
pub fn brief(data: &[u8]) {
    let mut files = MemoryFiles::new();
    files.insert("b/brief.toml", data.to_vec()).insert("b/sources/a.md", DOC).insert("b/sources/a-en.md", TRANSLATION);
    let mut diags = Vec::new();
    let _ = build::check(&files, Path::new("b/brief.toml"), &mut diags);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = book::parse_brief(Path::new("brief.toml"), text);
        let _ = book::locate(text, &[book::Key::Name("section"), book::Key::Index(0), book::Key::Name("title")]);
    }
}

/// TMX import; what is imported and written back must read again.
pub fn tmx(data: &[u8]) {
    let Ok(text) = translate::xml::decode(data) else { return };
    let Ok(file) = translate::tmx::read(&text) else { return };
    let mut memory = translate::Memory::new();
    memory.import(file.entries);
    let written = translate::tmx::write(memory.entries());
    assert!(translate::tmx::read(&written).is_ok(), "briefbook cannot read the TMX it wrote:\n{written}");
}

/// XLIFF import; what is read and written back must read again.
pub fn xliff(data: &[u8]) {
    let Ok(text) = translate::xml::decode(data) else { return };
    let Ok(file) = translate::xliff::read(&text) else { return };
    let written = translate::xliff::write(&file.units, None);
    assert!(translate::xliff::read(&written).is_ok(), "briefbook cannot read the XLIFF it wrote:\n{written}");
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Layout of arbitrary Unicode text (combining marks, right-to-left runs, emoji, zero-width
/// characters, very long words, empty strings): as the title and text of a note (through
/// Markdown) and as paragraphs of a document set side by side with a translation, then
/// written as PDF.
pub fn layout(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let body = text.replace("+++", "");
    let brief = format!(
        "format = 1\n[brief]\ntitle = {t}\ncorpus = \"s\"\n\n[[section]]\ntitle = {t}\nkind = \"note\"\ntext = {t}\n\n\
         [[section]]\ntitle = \"D\"\ndocuments = [\"a\"]\nlayout = \"side-by-side\"\n",
        t = toml_string(text)
    );
    let doc = format!("+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"sq\"\n+++\n\n{body}\n\nNjë.\n");
    let translation = format!(
        "+++\nid = \"a-en\"\ntitle = \"A\"\nlanguage = \"en\"\ntranslation_of = \"a\"\n+++\n\n{body}\n\nOne.\n"
    );
    let mut files = MemoryFiles::new();
    files.insert("b/brief.toml", brief).insert("b/s/a.md", doc).insert("b/s/a-en.md", translation);
    let mut diags = Vec::new();
    if let Ok(Some(book)) = build::check(&files, Path::new("b/brief.toml"), &mut diags)
        && let Ok(pages) = build::typeset(&book, &mut diags)
    {
        for page in &pages.pages {
            let _ = page.text();
        }
        let _ = pdf::write_pdf(&pages, &PdfOptions::for_book(&book));
    }
}
