//! Scores the sentence aligner with its fixed default parameters on the development data
//! in ../shared/data (never copied into the repository):
//!
//! * `hu-en-dtm`: Hungarian–English magazine text, one sentence per line, with a manual
//!   alignment (hunalign's ladder format); hunalign scores strict F1 0.969 on it without a
//!   dictionary.
//! * `ntrex`: the NTREX development documents, each regional language (source) against
//!   English (target), turned into alignment problems by
//!   [`briefbook::translate::eval::make_case`] with seed 2026 and its default rates: 1-5
//!   lines per paragraph, 10% merges, 5% splits, 2% omissions, 5% paragraph joins.
//!
//! ```text
//! cargo run --release --example eval_align [-- --data DIR] [-- --verbose]
//! ```
//!
//! Prints strict and lax precision, recall and F1 (bead level, beads with an empty side
//! left out; see the `eval` module) per data set and language pair, and the time taken.

use std::path::PathBuf;
use std::time::Instant;

use briefbook::model::LanguageTag;
use briefbook::translate::align::{self, AlignParams, Bead, Side};
use briefbook::translate::eval::{self, Counts, Rates, Rng};

const SEED: u64 = 2026;
const LANGUAGES: [&str; 7] = ["sq", "mk", "sr-Latn", "sr-Cyrl", "uk", "hr", "bs"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let data = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let params = AlignParams::default();
    println!("parameters: {params:?}\n");
    println!(
        "{:<22} {:>5} {:>6}   {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7} {:>8}",
        "data set", "docs", "gold", "str P", "str R", "str F1", "lax P", "lax R", "lax F1", "ms"
    );

    // Hungarian-English, manual alignment.
    let dtm = data.join("alignment-dev/hu-en-dtm");
    let hu = std::fs::read_to_string(dtm.join("hu.txt"))?;
    let en = std::fs::read_to_string(dtm.join("en.txt"))?;
    let gold = eval::parse_ladder(&std::fs::read_to_string(dtm.join("gold_hand.ladder"))?)?;
    let hu: Vec<&str> = hu.lines().collect();
    let en: Vec<&str> = en.lines().collect();
    let started = Instant::now();
    let got = align::align_sentences(&hu, &"hu".parse()?, &en, &"en".parse()?, &params);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let counts = eval::score(&gold, &got);
    row("hu-en-dtm", 1, &counts, ms);
    if verbose {
        show_errors(&gold, &got, &hu, &en);
    }

    // NTREX cases.
    let ntrex = data.join("ntrex-dev");
    let mut docs: Vec<PathBuf> =
        std::fs::read_dir(&ntrex)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    docs.sort();
    let mut all = Counts::default();
    let mut all_ms = 0.0;
    let en_tag: LanguageTag = "en".parse()?;
    for (li, lang) in LANGUAGES.iter().enumerate() {
        let tag: LanguageTag = lang.parse()?;
        let mut counts = Counts::default();
        let mut ms = 0.0;
        let mut n = 0;
        for (di, doc) in docs.iter().enumerate() {
            let (Ok(src), Ok(tgt)) =
                (std::fs::read_to_string(doc.join(format!("{lang}.txt"))), std::fs::read_to_string(doc.join("en.txt")))
            else {
                continue;
            };
            let src: Vec<&str> = src.lines().collect();
            let tgt: Vec<&str> = tgt.lines().collect();
            let mut rng = Rng::new(SEED ^ ((li as u64) << 32) ^ di as u64);
            let case = eval::make_case(&src, &tgt, &Rates::default(), &mut rng);
            let s: Vec<&str> = case.source.sentences.iter().map(String::as_str).collect();
            let t: Vec<&str> = case.target.sentences.iter().map(String::as_str).collect();
            let started = Instant::now();
            let got = align::align(
                Side { sentences: &s, paragraphs: &case.source.paragraphs, language: &tag },
                Side { sentences: &t, paragraphs: &case.target.paragraphs, language: &en_tag },
                None,
                &[],
                &params,
            );
            ms += started.elapsed().as_secs_f64() * 1000.0;
            let c = eval::score(&case.gold, &got);
            if verbose && c.strict_found_gold < c.gold {
                println!("--- {} {lang}", doc.display());
                show_errors(&case.gold, &got, &s, &t);
            }
            counts.add(&c);
            n += 1;
        }
        row(&format!("ntrex {lang}-en"), n, &counts, ms);
        all.add(&counts);
        all_ms += ms;
    }
    row("ntrex all", docs.len() * LANGUAGES.len(), &all, all_ms);
    Ok(())
}

fn row(name: &str, docs: usize, c: &Counts, ms: f64) {
    let (s, l) = (c.strict(), c.lax());
    println!(
        "{name:<22} {docs:>5} {:>6}   {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4} {ms:>8.1}",
        c.gold, s.precision, s.recall, s.f1, l.precision, l.recall, l.f1
    );
}

fn show_errors(gold: &[Bead], got: &[Bead], src: &[&str], tgt: &[&str]) {
    for b in got.iter().filter(|b| !gold.contains(b)) {
        let text = |side: &[&str], r: &std::ops::Range<usize>| side[r.clone()].join(" | ");
        println!("  wrong {}  {}  <=>  {}", b.to_beads_line(), text(src, &b.source), text(tgt, &b.target));
    }
    for g in gold.iter().filter(|g| !got.contains(g)) {
        println!("  missed {}", g.to_beads_line());
    }
}
