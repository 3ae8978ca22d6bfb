//! Typesetting benchmarks: the sample brief from TOML to PDF bytes, and a 300-page
//! side-by-side brief built from the real sentences of NTREX-128 (skipped with a message
//! when `../shared/data/ntrex-dev` is not there).
//!
//! `cargo bench --bench typeset`

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use briefbook::{DiskFiles, FontBook, PdfOptions};
use criterion::{Criterion, criterion_group, criterion_main};

mod ntrex;

fn sample(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/nato-defence-ministers-2026-02.toml");
    c.bench_function("sample brief: TOML to PDF bytes", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            black_box(briefbook::build_pdf(&DiskFiles, &path, &mut diags).expect("sample builds"))
        })
    });
}

/// Builds the big brief's PDF; returns (pages, bytes).
fn big_pdf(corpus: &briefbook::Corpus, brief: &briefbook::Brief, text: &str) -> (usize, Vec<u8>) {
    let (book, _) = briefbook::resolve_book(brief, corpus, &briefbook::Memory::new(), Path::new("ntrex.toml"), text);
    let fonts = FontBook::builtin().expect("fonts");
    let mut diags = Vec::new();
    let pages = briefbook::typeset_with_fonts(&book, &fonts, &mut diags).expect("typesets");
    let bytes = briefbook::write_pdf(&pages, &PdfOptions::for_book(&book)).expect("writes");
    (pages.pages.len(), bytes)
}

fn big(c: &mut Criterion) {
    // About 300 pages: how many documents that takes is measured once, outside the timing.
    let Some((_, all)) = ntrex::corpus(usize::MAX) else {
        eprintln!("skipped: {} not found (the 300-page benchmark reads ../shared)", ntrex::data_dir().display());
        return;
    };
    let mut count = 40.min(all.len());
    let (corpus, brief, text) = loop {
        let (corpus, originals) = ntrex::corpus(count).expect("data");
        let brief = ntrex::brief(&originals);
        let text = brief.to_toml();
        let (pages, _) = big_pdf(&corpus, &brief, &text);
        if pages >= 300 || count >= all.len() {
            break (corpus, brief, text);
        }
        count = (count * 300 / pages.max(1) + 1).min(all.len());
    };
    let start = Instant::now();
    let (pages, bytes) = big_pdf(&corpus, &brief, &text);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "300-page brief: {pages} pages, {count} documents, {:.2} MB, {:.2} MB per 100 pages; one build {:.2} s = {:.0} pages/s",
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6 / pages as f64 * 100.0,
        secs,
        pages as f64 / secs
    );
    let mut group = c.benchmark_group("big");
    group.sample_size(10).measurement_time(std::time::Duration::from_secs(15));
    group.bench_function("300-page side-by-side brief: resolve, typeset, PDF", |b| {
        b.iter(|| black_box(big_pdf(&corpus, &brief, &text)))
    });
    group.finish();
}

criterion_group!(benches, sample, big);
criterion_main!(benches);
