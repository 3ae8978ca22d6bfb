//! Measures translation QA on real translations: the NTREX development pairs (seven
//! languages -> English, one sentence per line), with number, date and name errors
//! injected into 10% of the rows (fixed seed). Reports the detection recall on the
//! injected rows and the false-alarm rate on the clean ones.
//!
//! ```text
//! cargo run --release --example eval_qa [-- PATH_TO/ntrex-dev] [--missed N] [--alarms N]
//! ```
//!
//! `--missed N` lists the first N injected errors QA did not find, `--alarms N` the first N
//! clean rows it flagged.
//!
//! A name error is one of the translation's names that the original also has (a person or
//! place the translator kept) replaced by another real name of the corpus (a kept name of
//! another document), or, one time in four, misspelt (two letters swapped or one changed,
//! so that it no longer sounds the same).
//!
//! An injected row counts as detected when QA reports an issue it did not report for the
//! row before the injection. QA sees each document's translation as context (as in the
//! book, where it checks the rows of one document together).

use std::path::PathBuf;

use briefbook::{LanguageTag, MONTHS_EN, QaIssue};

const LANGUAGES: [&str; 7] = ["sq", "mk", "sr-Latn", "sr-Cyrl", "uk", "hr", "bs"];
/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Number,
    Date,
    /// A name replaced by another real name of the corpus.
    Name,
    /// A name misspelt.
    Misspelt,
}

/// Changes a number of `text` (not inside a word); None without one.
fn inject_number(text: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let s = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i == chars.len() || !chars[i].is_alphabetic() {
                spans.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    if spans.is_empty() {
        return None;
    }
    let (s, e) = spans[rng.below(spans.len())];
    let digits: String = chars[s..e].iter().collect();
    let value: u64 = digits.parse().ok()?;
    // A plausible slip: another digit somewhere, or off by a little.
    let new = match rng.below(3) {
        0 => value + 1 + rng.below(9) as u64,
        1 if value > 10 => value - 1 - rng.below((value as usize - 1).min(9)) as u64,
        _ => {
            let pos = rng.below(digits.len());
            let mut d: Vec<char> = digits.chars().collect();
            let old = d[pos].to_digit(10).unwrap_or(0);
            let mut nd = (old + 1 + rng.below(8) as u32) % 10;
            if pos == 0 && nd == 0 && d.len() > 1 {
                nd = (old % 9) + 1;
            }
            d[pos] = char::from_digit(nd, 10).unwrap_or('1');
            return Some(format!(
                "{}{}{}",
                chars[..s].iter().collect::<String>(),
                d.iter().collect::<String>(),
                chars[e..].iter().collect::<String>()
            ));
        }
    };
    Some(format!("{}{new}{}", chars[..s].iter().collect::<String>(), chars[e..].iter().collect::<String>()))
}

/// Changes the month of a date ("February 12" -> "March 12"); None without one.
fn inject_date(text: &str, rng: &mut Rng) -> Option<String> {
    let words: Vec<(usize, &str)> = briefbook::words(text).collect();
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let found: Vec<(usize, usize)> = words
        .iter()
        .enumerate()
        .filter_map(|(k, (at, w))| {
            let m = MONTHS_EN.iter().position(|m| m == w)?;
            let near = (k > 0 && is_number(words[k - 1].1)) || words.get(k + 1).is_some_and(|n| is_number(n.1));
            near.then_some((*at, m))
        })
        .collect();
    if found.is_empty() {
        return None;
    }
    let (at, m) = found[rng.below(found.len())];
    let new = (m + 1 + rng.below(11)) % 12;
    let old = MONTHS_EN[m];
    Some(format!("{}{}{}", &text[..at], MONTHS_EN[new], &text[at + old.len()..]))
}

fn skel(w: &str, l: &LanguageTag) -> String {
    briefbook::skeleton(&w.to_lowercase(), l)
}

/// Whether two skeletons share their first four letters (a name and its inflected or
/// transliterated form).
fn same_stem(a: &str, b: &str) -> bool {
    a.len() >= 4 && b.len() >= 4 && a.as_bytes()[..4] == b.as_bytes()[..4]
}

/// The names of an English text that its original keeps (capitalised in mid-sentence, not
/// an acronym, four letters or more, with a word of the original of the same stem): the
/// people and places the translation spells as the original does.
fn kept_names<'a>(original: &str, from: &LanguageTag, text: &'a str) -> Vec<(usize, &'a str)> {
    let en: LanguageTag = "en".parse().expect("tag");
    let originals: Vec<String> = briefbook::words(original).map(|(_, w)| skel(w, from)).collect();
    let mut prev_end = 0;
    let mut found = Vec::new();
    for (k, (at, w)) in briefbook::words(text).enumerate() {
        let gap = &text[prev_end..at];
        prev_end = at + w.len();
        if k == 0 || gap.contains(['.', ':', '"', '“']) {
            continue;
        }
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let acronym = w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        if capital && !acronym && w.chars().count() >= 4 {
            let s = skel(w, &en);
            if originals.iter().any(|o| same_stem(o, &s)) {
                found.push((at, w));
            }
        }
    }
    found
}

/// Replaces a name the original also has by another real name of the corpus (a kept name
/// of another document, `pool`), or misspells it (two letters swapped, a letter changed);
/// None without one.
fn inject_name(
    original: &str,
    from: &LanguageTag,
    text: &str,
    pool: &[(usize, String)],
    doc: usize,
    rng: &mut Rng,
) -> Option<(Kind, String)> {
    let en: LanguageTag = "en".parse().ok()?;
    let found = kept_names(original, from, text);
    if found.is_empty() {
        return None;
    }
    let (at, old) = found[rng.below(found.len())];
    let originals: Vec<String> = briefbook::words(original).map(|(_, w)| skel(w, from)).collect();
    let (kind, new) = if rng.below(4) == 0 {
        // A typo: two neighbouring letters after the first swapped, or one changed.
        let mut c: Vec<char> = old.chars().collect();
        let mut done = None;
        for _ in 0..8 {
            let mut t = c.clone();
            let p = 1 + rng.below(c.len() - 1);
            if rng.below(2) == 0 && p + 1 < c.len() {
                t.swap(p, p + 1);
            } else {
                let letters = "bcdfgklmnprstvz";
                t[p] = letters.chars().nth(rng.below(letters.len())).unwrap_or('k');
            }
            let n: String = t.iter().collect();
            if skel(&n, &en) != skel(old, &en) {
                done = Some(n);
                break;
            }
        }
        c.clear();
        (Kind::Misspelt, done?)
    } else {
        // Another document's name, one this original does not have.
        let others: Vec<&String> = pool
            .iter()
            .filter(|(d, n)| *d != doc && !originals.iter().any(|o| same_stem(o, &skel(n, &en))))
            .map(|(_, n)| n)
            .collect();
        if others.is_empty() {
            return None;
        }
        (Kind::Name, others[rng.below(others.len())].clone())
    };
    Some((kind, format!("{}{new}{}", &text[..at], &text[at + old.len()..])))
}

/// The kept names of every document, as (document, name): the English names whose stem is
/// in the originals of at least four of the languages.
fn name_pool(docs: &[PathBuf]) -> Vec<(usize, String)> {
    let en: LanguageTag = "en".parse().expect("tag");
    // Words the English side also writes in lower case ("west", "night") are words, not names.
    let mut lower = std::collections::BTreeSet::new();
    for doc in docs {
        let Ok(trans) = std::fs::read_to_string(doc.join("en.txt")) else { continue };
        for (_, w) in briefbook::words(&trans) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(w.to_string());
            }
        }
    }
    let mut pool = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let Ok(trans) = std::fs::read_to_string(doc.join("en.txt")) else { continue };
        let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for code in LANGUAGES {
            let lang: LanguageTag = code.parse().expect("tag");
            let Ok(orig) = std::fs::read_to_string(doc.join(format!("{code}.txt"))) else { continue };
            let mut here: Vec<String> = Vec::new();
            for (o, t) in orig.lines().zip(trans.lines()) {
                here.extend(kept_names(o, &lang, t).into_iter().map(|(_, w)| w.to_string()));
            }
            here.sort();
            here.dedup();
            for w in here {
                *counts.entry(w).or_insert(0) += 1;
            }
        }
        let mut names: Vec<String> = counts.into_iter().filter(|(_, c)| *c >= 4).map(|(w, _)| w).collect();
        names.retain(|n| skel(n, &en).len() >= 4 && !lower.contains(&n.to_lowercase()));
        pool.extend(names.into_iter().map(|n| (d, n)));
    }
    pool
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev");
    let (mut show_missed, mut show_alarms) = (0usize, 0usize);
    while let Some(a) = args.next() {
        if a == "--missed" || a == "--show" {
            show_missed = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
        } else if a == "--alarms" {
            show_alarms = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
        } else {
            root = PathBuf::from(a);
        }
    }
    let mut docs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("en.txt").exists()).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    docs.sort();
    let en: LanguageTag = "en".parse().expect("tag");
    let pool = name_pool(&docs);
    let mut rng = Rng(0x5eed_2026_0212_0001);
    let (mut clean, mut alarms) = (0usize, 0usize);
    let mut injected = [(0usize, 0usize); 4];
    let (mut shown_missed, mut shown_alarms) = (0, 0);
    let mut by_lang = Vec::new();
    let mut alarm_kinds = std::collections::BTreeMap::new();
    for code in LANGUAGES {
        let lang: LanguageTag = code.parse().expect("tag");
        let (mut lc, mut la) = (0, 0);
        for (d, doc) in docs.iter().enumerate() {
            let Ok(orig) = std::fs::read_to_string(doc.join(format!("{code}.txt"))) else { continue };
            let Ok(trans) = std::fs::read_to_string(doc.join("en.txt")) else { continue };
            let lines: Vec<&str> = trans.lines().collect();
            // QA sees the document's translation as the book gives it: the other rows and
            // this row as it is (never the clean version of an injected row).
            let context_with = |row: usize, text: &str| {
                let others = lines.iter().enumerate().filter(|(i, _)| *i != row).map(|(_, l)| *l);
                briefbook::DocumentContext::of(others.chain([text]), &en)
            };
            for (row, (o, t)) in orig.lines().zip(trans.lines()).enumerate() {
                if o.trim().is_empty() || t.trim().is_empty() {
                    continue;
                }
                let before = briefbook::qa_check(o, &lang, t, &en, None, Some(&context_with(row, t)));
                if rng.below(10) == 0 {
                    // Inject: a kind chosen at random, the next one if the row has no such thing.
                    let first = rng.below(3);
                    let mut done = None;
                    for k in 0..3 {
                        let kind = [Kind::Number, Kind::Date, Kind::Name][(first + k) % 3];
                        let bad = match kind {
                            Kind::Number => inject_number(t, &mut rng).map(|b| (kind, b)),
                            Kind::Date => inject_date(t, &mut rng).map(|b| (kind, b)),
                            _ => inject_name(o, &lang, t, &pool, d, &mut rng),
                        };
                        if bad.is_some() {
                            done = bad;
                            break;
                        }
                    }
                    if let Some((kind, bad)) = done {
                        let after = briefbook::qa_check(o, &lang, &bad, &en, None, Some(&context_with(row, &bad)));
                        let detected = after.iter().any(|i| !before.contains(i));
                        let slot = &mut injected[kind as usize];
                        slot.0 += 1;
                        slot.1 += usize::from(detected);
                        if !detected && shown_missed < show_missed {
                            shown_missed += 1;
                            println!("MISSED {kind:?} [{code}]\n  {o}\n  {t}\n  {bad}");
                        }
                        continue;
                    }
                }
                clean += 1;
                lc += 1;
                if !before.is_empty() {
                    for i in &before {
                        *alarm_kinds.entry(i.kind.name()).or_insert(0usize) += 1;
                    }
                    alarms += 1;
                    la += 1;
                    if shown_alarms < show_alarms {
                        shown_alarms += 1;
                        let list: Vec<String> = before.iter().map(QaIssue::message).collect();
                        println!("ALARM [{code}] {}\n  {o}\n  {t}", list.join("; "));
                    }
                }
            }
        }
        by_lang.push((code, lc, la));
    }
    let names = (injected[2].0 + injected[3].0, injected[2].1 + injected[3].1);
    let total: (usize, usize) = injected.iter().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "QA on {} ({} documents, 7 languages -> English, seed fixed; {} corpus names to swap in)",
        root.display(),
        docs.len(),
        pool.len()
    );
    for (kind, (n, d)) in ["numbers", "dates", "names", "misspelt"].iter().zip(injected) {
        println!("  injected {kind:8} {d:4}/{n:4} detected  recall {:.3}", d as f64 / n.max(1) as f64);
    }
    println!(
        "  injected names+misspelt {:4}/{:4} detected  recall {:.3}",
        names.1,
        names.0,
        names.1 as f64 / names.0.max(1) as f64
    );
    println!(
        "  injected all      {:4}/{:4} detected  recall {:.3}",
        total.1,
        total.0,
        total.1 as f64 / total.0.max(1) as f64
    );
    for (code, n, a) in by_lang {
        println!("  clean rows {code:8} {a:4}/{n:5} flagged  {:.2}%", 100.0 * a as f64 / n.max(1) as f64);
    }
    println!("  false alarms by kind: {alarm_kinds:?}");
    println!(
        "  clean rows all      {alarms:4}/{clean:5} flagged  false-alarm rate {:.2}%",
        100.0 * alarms as f64 / clean.max(1) as f64
    );
}
