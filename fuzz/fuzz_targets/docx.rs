//! The .docx extractor: arbitrary bytes as the file (the zip container), and arbitrary
//! text as the document and core-properties parts of a well-formed container (the XML).
#![no_main]

use std::io::Write;
use std::path::Path;

use briefbook::corpus::{self, MemoryFiles};
use libfuzzer_sys::fuzz_target;

fn container(document: &[u8], core: &[u8]) -> Vec<u8> {
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

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        // The XML parts, split at the first NUL byte.
        let at = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        container(&rest[..at], rest.get(at + 1..).unwrap_or(&[]))
    };
    let _ = corpus::docx::parse(&bytes);
    let mut files = MemoryFiles::new();
    files.insert("c/a.docx", bytes);
    let _ = corpus::load(&files, Path::new("c"));
});
