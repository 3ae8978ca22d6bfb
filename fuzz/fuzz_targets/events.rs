//! The date and event extractor (with places, topics and key figures) on arbitrary text:
//! date expressions in several languages against a publication date, and the corpus
//! analysis of a dated document and an undated plain-text file.
#![no_main]

use std::path::Path;

use briefbook::corpus::lexicon::Lexicon;
use briefbook::corpus::{self, MemoryFiles};
use briefbook::model::LanguageTag;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lexicon = Lexicon::builtin();
    let published = "2026-02-10".parse().ok();
    for lang in ["en", "sq", "sr-Cyrl", "mk", "uk"] {
        if let Ok(tag) = lang.parse::<LanguageTag>() {
            let _ = corpus::dates::find(text, &tag, published, lexicon);
            let _ = corpus::dates::find(text, &tag, None, lexicon);
        }
    }
    let mut files = MemoryFiles::new();
    let dated = format!(
        "+++\nid = \"d\"\ntitle = \"D\"\nlanguage = \"sq\"\npublished = 2026-02-10\n+++\n\n{}\n",
        text.replace("+++", "")
    );
    files.insert("c/d.md", dated).insert("c/e.txt", text.as_bytes().to_vec());
    let _ = corpus::load(&files, Path::new("c"));
});
