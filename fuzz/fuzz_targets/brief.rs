//! The brief loader on arbitrary text: parsing, locating problems, and resolving against a
//! small corpus held in memory.
#![no_main]

use std::path::Path;

use briefbook::corpus::MemoryFiles;
use briefbook::{book, build};
use libfuzzer_sys::fuzz_target;

const DOC: &str = "+++\nid = \"a\"\ntitle = \"A\"\nlanguage = \"sq\"\n+++\n\nNjë. Dy.\n\nTre.\n";
const TRANSLATION: &str =
    "+++\nid = \"a-en\"\ntitle = \"A\"\nlanguage = \"en\"\ntranslation_of = \"a\"\n+++\n\nOne. Two.\n\nThree.\n";

fuzz_target!(|data: &[u8]| {
    let mut files = MemoryFiles::new();
    files.insert("b/brief.toml", data.to_vec()).insert("b/sources/a.md", DOC).insert("b/sources/a-en.md", TRANSLATION);
    let mut diags = Vec::new();
    let _ = build::check(&files, Path::new("b/brief.toml"), &mut diags);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = book::parse_brief(Path::new("brief.toml"), text);
        let _ = book::locate(text, &[book::Key::Name("section"), book::Key::Index(0), book::Key::Name("title")]);
    }
});
