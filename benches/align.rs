//! Sentence alignment speed: 1,000 sentence pairs of real news text (NTREX development
//! documents, Albanian against English, read from ../shared/data) aligned as one text.
//!
//! `cargo bench --bench align`

use std::path::PathBuf;

use briefbook::{AlignParams, LanguageTag};
use criterion::{Criterion, criterion_group, criterion_main};

/// The first `n` line pairs of the NTREX documents in file order, Albanian then (the 970
/// Albanian lines are not quite enough) Croatian against English.
fn pairs(n: usize) -> Option<(Vec<String>, Vec<String>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    docs.sort();
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for lang in ["sq", "hr"] {
        for doc in &docs {
            let (Ok(s), Ok(t)) =
                (std::fs::read_to_string(doc.join(format!("{lang}.txt"))), std::fs::read_to_string(doc.join("en.txt")))
            else {
                continue;
            };
            src.extend(s.lines().map(String::from));
            tgt.extend(t.lines().map(String::from));
        }
    }
    src.truncate(n);
    tgt.truncate(n);
    (src.len() == n).then_some((src, tgt))
}

fn bench(c: &mut Criterion) {
    let Some((src, tgt)) = pairs(1000) else {
        eprintln!("skipped: ../shared/data/ntrex-dev is not there");
        return;
    };
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let (sq, en): (LanguageTag, LanguageTag) = ("sq".parse().expect("tag"), "en".parse().expect("tag"));
    let params = AlignParams::default();
    c.bench_function("align 1000 sentence pairs", |b| {
        b.iter(|| briefbook::align_sentences(&s, &sq, &t, &en, &params));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
