//! Scores language and script detection on ../shared/data/ntrex-dev: every document in every
//! language, whole and line by line (a line is a sentence or two of real news).
//!
//! `cargo run --release --example eval_language [DATA_DIR]`
//!
//! "exact" counts the right tag (`sr-Latn`, `sr-Cyrl`, `hr` ...). Croatian, Bosnian and
//! Serbian in Latin script may come back as the group `hbs-Latn` when the text does not
//! tell them apart: "group" counts those as right too (the language is one of the
//! candidates), "wrong" is any other answer (a wrong language, or a wrong member of the
//! group), "none" no answer (too short). Both model modes are measured, with their time.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use briefbook::{Accuracy, LanguageTag};

#[derive(Default, Clone, Copy)]
struct Score {
    total: usize,
    exact: usize,
    group: usize,
    none: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev"));
    let mut docs: Vec<PathBuf> =
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    docs.sort();
    let langs = ["en", "sq", "mk", "sr-Latn", "sr-Cyrl", "hr", "bs", "uk"];
    for (accuracy, name) in [(Accuracy::Low, "low-accuracy mode"), (Accuracy::High, "high-accuracy mode")] {
        let mut whole: BTreeMap<&str, Score> = BTreeMap::new();
        let mut lines: BTreeMap<&str, Score> = BTreeMap::new();
        let mut confusion: BTreeMap<(&str, String), usize> = BTreeMap::new();
        let mut chars = 0usize;
        let started = Instant::now();
        for doc in &docs {
            for lang in langs {
                let Ok(text) = std::fs::read_to_string(doc.join(format!("{lang}.txt"))) else { continue };
                let gold: LanguageTag = lang.parse()?;
                chars += text.chars().count() * 2;
                let mut score = |table: &mut BTreeMap<&str, Score>, t: &str| {
                    let s = table.entry(lang).or_default();
                    s.total += 1;
                    match briefbook::detect_language_with(t, accuracy) {
                        None => s.none += 1,
                        Some(d) => {
                            if d.tag == gold {
                                s.exact += 1;
                                s.group += 1;
                            } else if d.is_group() && d.candidates.contains(&gold) {
                                s.group += 1;
                            } else {
                                *confusion.entry((lang, d.tag.to_string())).or_default() += 1;
                            }
                        }
                    }
                };
                score(&mut whole, &text);
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    score(&mut lines, line);
                }
            }
        }
        let elapsed = started.elapsed();
        println!("== {name}: {:.0} ms for {:.1} MB of text", elapsed.as_secs_f64() * 1000.0, chars as f64 / 1e6);
        println!(
            "{:8} {:>5} {:>7} {:>7} | {:>6} {:>7} {:>7} {:>6}",
            "lang", "docs", "exact", "group", "lines", "exact", "group", "none"
        );
        for lang in langs {
            let (w, l) = (whole.get(lang).copied().unwrap_or_default(), lines.get(lang).copied().unwrap_or_default());
            let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
            println!(
                "{lang:8} {:5} {:7.3} {:7.3} | {:6} {:7.3} {:7.3} {:6}",
                w.total,
                r(w.exact, w.total),
                r(w.group, w.total),
                l.total,
                r(l.exact, l.total),
                r(l.group, l.total),
                l.none
            );
        }
        let mut worst: Vec<((&str, String), usize)> = confusion.into_iter().collect();
        worst.sort_by_key(|w| std::cmp::Reverse(w.1));
        let listed: Vec<String> = worst.iter().take(8).map(|((g, t), n)| format!("{g}->{t} {n}")).collect();
        println!("most frequent wrong answers: {}\n", listed.join(", "));
    }
    Ok(())
}
