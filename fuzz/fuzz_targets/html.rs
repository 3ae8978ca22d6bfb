//! The HTML extractor on arbitrary bytes: directly (text) and through the corpus loader,
//! which also detects the page's encoding and analyses the extracted article.
#![no_main]

use std::path::Path;

use briefbook::corpus::{self, MemoryFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = corpus::html::parse(text);
    }
    let mut files = MemoryFiles::new();
    files.insert("c/page.html", data.to_vec());
    let _ = corpus::load(&files, Path::new("c"));
});
