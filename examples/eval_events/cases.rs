//! The short written cases (`tests/data/eval/events.toml`, `events-heldout.toml`).
//!
//! Each case is read as a one-paragraph document with its language and publication date.
//! Found events are paired with gold events (the pairs that agree on most fields first, at
//! least two fields); then for each field (organisation, kind, place, start, end) precision
//! is correct / found and recall is correct / gold, by exact match (an absent value matches
//! an absent one). An event counts as exact when all five fields match. Dates are paired by
//! their first and last day.

use std::path::Path;

use briefbook::{Date, LanguageTag, Lexicon};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    language: LanguageTag,
    published: Option<Date>,
    text: String,
    #[serde(default)]
    events: Vec<Gold>,
    #[serde(default)]
    dates: Vec<GoldDate>,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
struct Gold {
    organisation: Option<String>,
    kind: String,
    place: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct GoldDate {
    text: String,
    start: Date,
    end: Date,
    #[serde(default)]
    inferred: bool,
    #[serde(default)]
    no_year: bool,
}

const FIELDS: [&str; 5] = ["organisation", "kind", "place", "start", "end"];

fn fields(g: &Gold) -> [Option<String>; 5] {
    [
        g.organisation.clone(),
        Some(g.kind.clone()),
        g.place.clone(),
        g.start.map(|d| d.to_string()),
        g.end.map(|d| d.to_string()),
    ]
}

/// Scores the cases of one file.
pub fn run(path: &Path, verbose: bool) -> Result<(), Box<dyn std::error::Error>> {
    let file: File = toml::from_str(&std::fs::read_to_string(path)?)?;
    let lexicon = Lexicon::builtin();
    let (mut found_n, mut gold_n, mut exact) = (0usize, 0usize, 0usize);
    let mut correct = [0usize; 5];
    let (mut dates_found, mut dates_gold, mut dates_ok, mut flags_ok) = (0usize, 0usize, 0usize, 0usize);
    for case in &file.case {
        let candidates =
            briefbook::extract_events(&case.text, (case.id.as_str(), 0), &case.language, case.published, None, lexicon);
        let order = [(case.id.clone(), 0usize)].into_iter().collect();
        let found: Vec<Gold> = briefbook::merge_events(candidates, &order)
            .into_iter()
            .map(|e| Gold {
                organisation: e.organisation,
                kind: e.kind.as_str().to_string(),
                place: e.place,
                // The written cases give only whole days; a month or a year is "no day".
                start: e.start.and_then(|d| d.as_date()),
                end: e.end.and_then(|d| d.as_date()),
            })
            .collect();
        found_n += found.len();
        gold_n += case.events.len();
        // Pair found and gold events, most agreeing pairs first.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (i, f) in found.iter().enumerate() {
            for (j, g) in case.events.iter().enumerate() {
                let agree = fields(f).iter().zip(fields(g).iter()).filter(|(a, b)| a == b).count();
                if agree >= 2 {
                    pairs.push((agree, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then_with(|| a.2.cmp(&b.2)));
        let (mut used_f, mut used_g) = (vec![false; found.len()], vec![false; case.events.len()]);
        for (agree, i, j) in pairs {
            if used_f[i] || used_g[j] {
                continue;
            }
            used_f[i] = true;
            used_g[j] = true;
            let (ff, gf) = (fields(&found[i]), fields(&case.events[j]));
            for k in 0..5 {
                if ff[k] == gf[k] {
                    correct[k] += 1;
                }
            }
            if agree == 5 {
                exact += 1;
            } else if verbose {
                println!(
                    "{}: found {:?}\n{}  gold  {:?}",
                    case.id,
                    found[i],
                    " ".repeat(case.id.len()),
                    case.events[j]
                );
            }
        }
        if verbose {
            for (i, f) in found.iter().enumerate().filter(|(i, _)| !used_f[*i]) {
                let _ = i;
                println!("{}: extra {f:?}", case.id);
            }
            for g in case.events.iter().enumerate().filter(|(j, _)| !used_g[*j]).map(|(_, g)| g) {
                println!("{}: missed {g:?}", case.id);
            }
        }
        // Dates.
        let found_dates = briefbook::find_dates(&case.text, &case.language, case.published, lexicon);
        dates_found += found_dates.len();
        dates_gold += case.dates.len();
        let mut taken = vec![false; found_dates.len()];
        for g in &case.dates {
            let hit = found_dates
                .iter()
                .enumerate()
                .find(|(i, d)| !taken[*i] && d.start == Some(g.start) && d.end == Some(g.end));
            match hit {
                Some((i, d)) => {
                    taken[i] = true;
                    dates_ok += 1;
                    if d.inferred == g.inferred && d.no_year == g.no_year {
                        flags_ok += 1;
                    } else if verbose {
                        println!("{}: date flags differ for `{}`", case.id, g.text);
                    }
                }
                None if verbose => println!("{}: date missed `{}` {}..{}", case.id, g.text, g.start, g.end),
                None => {}
            }
        }
        if verbose {
            for (i, d) in found_dates.iter().enumerate().filter(|(i, _)| !taken[*i]) {
                let _ = i;
                println!("{}: extra date `{}` {:?}..{:?}", case.id, &case.text[d.span.clone()], d.start, d.end);
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!("evaluation set: {} ({} cases)", path.display(), file.case.len());
    println!("events: {found_n} found, {gold_n} gold, {exact} exact on all five fields");
    println!("{:14} {:>9} {:>7}", "field", "precision", "recall");
    for (k, name) in FIELDS.iter().enumerate() {
        println!("{name:14} {:9.3} {:7.3}", ratio(correct[k], found_n), ratio(correct[k], gold_n));
    }
    println!("{:14} {:9.3} {:7.3}", "event (exact)", ratio(exact, found_n), ratio(exact, gold_n));
    println!(
        "dates: {dates_found} found, {dates_gold} gold; precision {:.3}, recall {:.3}; flags (inferred, no year) right on {flags_ok} of {dates_ok}",
        ratio(dates_ok, dates_found),
        ratio(dates_ok, dates_gold)
    );
    Ok(())
}
