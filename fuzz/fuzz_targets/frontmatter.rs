//! The front-matter document parser on arbitrary text, through the corpus loader (which
//! also sees the raw bytes: encodings, binary data, empty files).
#![no_main]

use std::path::Path;

use briefbook::corpus::{self, MemoryFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = MemoryFiles::new();
    files.insert("c/doc.md", data.to_vec());
    let _ = corpus::load(&files, Path::new("c"));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = corpus::frontmatter::parse(Path::new("doc.md"), text);
    }
});
