//! Layout of arbitrary Unicode text (combining marks, right-to-left runs, emoji,
//! zero-width characters, very long words, empty strings): as a note of the brief (through
//! Markdown) and as the paragraphs of a document set side by side with a translation.
#![no_main]

use std::path::Path;

use briefbook::corpus::MemoryFiles;
use briefbook::build;
use briefbook::pdf::{self, PdfOptions};
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let body = text.replace("+++", "");
    let brief = format!(
        "format = 1\n[brief]\ntitle = {t}\ncorpus = \"s\"\n\n[[section]]\ntitle = {t}\nkind = \"note\"\ntext = {t}\n\n\
         [[section]]\ntitle = \"D\"\ndocuments = [\"a\"]\nlayout = \"side-by-side\"\n",
        t = toml_string(text)
    );
    let doc = format!("+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"sq\"\n+++\n\n{body}\n\nNjë.\n");
    let translation = format!("+++\nid = \"a-en\"\ntitle = \"A\"\nlanguage = \"en\"\ntranslation_of = \"a\"\n+++\n\n{body}\n\nOne.\n");
    let mut files = MemoryFiles::new();
    files.insert("b/brief.toml", brief).insert("b/s/a.md", doc).insert("b/s/a-en.md", translation);
    let mut diags = Vec::new();
    if let Ok(Some(book)) = build::check(&files, Path::new("b/brief.toml"), &mut diags) {
        if let Ok(pages) = build::typeset(&book, &mut diags) {
            for page in &pages.pages {
                let _ = page.text();
            }
            let _ = pdf::write_pdf(&pages, &PdfOptions::for_book(&book));
        }
    }
});
