//! Scores sentence segmentation on ../shared/data/ntrex-dev: each document's lines (one or
//! more sentences each, professionally translated) are joined into one paragraph, split
//! again, and every line end must come back as a sentence end.
//!
//! `cargo run --release --example eval_segment [DATA_DIR]`
//!
//! Recall = line ends found / line ends. Splits inside a line are counted separately: some
//! are right (a line may hold two sentences), so they bound the false splits from above.

use std::collections::BTreeMap;
use std::path::PathBuf;

use briefbook::LanguageTag;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev"));
    let mut totals: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut docs: Vec<PathBuf> =
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    docs.sort();
    for doc in &docs {
        for lang in ["en", "sq", "mk", "sr-Latn", "sr-Cyrl", "hr", "bs", "uk"] {
            let Ok(text) = std::fs::read_to_string(doc.join(format!("{lang}.txt"))) else { continue };
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            // Headlines have no final full stop: a paragraph of body lines only.
            let body: Vec<&str> =
                lines.iter().copied().filter(|l| l.ends_with(['.', '!', '?', '"', '”', '“', '»', '…', ')'])).collect();
            let joined = body.join(" ");
            let mut ends = Vec::new();
            let mut pos = 0;
            for l in &body {
                pos += l.len();
                ends.push(pos);
                pos += 1;
            }
            let tag: LanguageTag = lang.parse()?;
            let got: Vec<usize> = briefbook::split_sentences(&joined, &tag).iter().map(|r| r.end).collect();
            let found = ends.iter().filter(|e| got.contains(e)).count();
            if std::env::var_os("VERBOSE").is_some() {
                for e in ends.iter().filter(|e| !got.contains(e)) {
                    let from = joined.floor_char_boundary(e.saturating_sub(40));
                    let to = joined.ceil_char_boundary((e + 30).min(joined.len()));
                    println!("{lang} missed: {} | {}", &joined[from..*e], &joined[*e..to]);
                }
                for g in got.iter().filter(|g| !ends.contains(g)) {
                    let from = joined.floor_char_boundary(g.saturating_sub(40));
                    let to = joined.ceil_char_boundary((g + 30).min(joined.len()));
                    println!("{lang} inside: {} | {}", &joined[from..*g], &joined[*g..to]);
                }
            }
            let inside = got.iter().filter(|g| !ends.contains(g)).count();
            let t = totals.entry(lang.to_string()).or_default();
            t.0 += ends.len();
            t.1 += found;
            t.2 += inside;
        }
    }
    println!("{:8} {:>6} {:>8} {:>14}", "lang", "ends", "recall", "splits inside");
    for (lang, (ends, found, inside)) in &totals {
        println!("{lang:8} {ends:6} {:8.4} {inside:14}", *found as f64 / (*ends).max(1) as f64);
    }
    Ok(())
}
