//! Builds the 300-page side-by-side benchmark brief (NTREX-128 sentences, seven languages
//! against English) and writes it to a file, printing pages, size and speed. Measure its
//! peak memory with
//!
//! `cargo build --release --example big_brief && /usr/bin/time -v target/release/examples/big_brief /tmp/big.pdf`

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use briefbook::{DiskFiles, Memory, Workspace};

#[path = "../benches/ntrex.rs"]
mod ntrex;

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "big-brief.pdf".into());
    let count: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let Some((corpus, originals)) = ntrex::corpus(count) else {
        eprintln!("{} not found", ntrex::data_dir().display());
        std::process::exit(1);
    };
    let brief = ntrex::brief(&originals);
    let start = Instant::now();
    let mut ws = Workspace::new(Path::new("ntrex.toml"), Some(brief), Some(Arc::new(corpus)));
    ws.set_memory(Arc::new(Memory::new()));
    let mut diags = Vec::new();
    let mut laid = 0.0;
    let built = ws
        .pdf(&DiskFiles, &mut diags, &mut |_, stage| {
            if stage == "Writing the PDF" {
                laid = start.elapsed().as_secs_f64();
            }
            true
        })
        .unwrap_or_else(|e| {
            for d in &diags {
                eprintln!("{d}");
            }
            panic!("the big brief does not build: {e}")
        });
    let bytes = built.bytes;
    let secs = start.elapsed().as_secs_f64();
    let n = built.pages;
    println!(
        "{n} pages from {} documents: layout {laid:.2} s, total {secs:.2} s, {:.0} pages/s; {:.2} MB, {:.2} MB per 100 pages",
        originals.len(),
        n as f64 / secs,
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6 / n as f64 * 100.0
    );
    std::fs::write(&out, bytes).expect("writes the PDF");
}
