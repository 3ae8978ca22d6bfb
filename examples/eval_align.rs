//! Scores the sentence aligner with its fixed default parameters on the development data
//! in ../shared/data (never copied into the repository):
//!
//! * `hu-en-dtm`: Hungarian–English magazine text, one sentence per line, with a manual
//!   alignment (hunalign's ladder format); hunalign scores strict F1 0.969 on it without a
//!   dictionary.
//! * `ntrex`: the NTREX development documents, each regional language (source) against
//!   English (target), turned into alignment problems by
//!   [`briefbook::eval::make_case`] with seed 2026 and its default rates: 1-5
//!   lines per paragraph, 10% merges, 5% splits, 2% omissions, 5% paragraph joins.
//!
//! ```text
//! cargo run --release --example eval_align [-- --data DIR] [--verbose] [--set edge_gap=2.5 ...]
//! ```
//!
//! Prints strict and lax precision, recall and F1 (bead level, beads with an empty side
//! left out; see the `eval` module) per data set and language pair, and the time taken.
//! The ntrex cases are scored twice: with the generated sentences given to the aligner
//! (the alignment alone), and end to end, with each paragraph's text cut into sentences by
//! the corpus's segmenter first and the beads mapped back to the generated sentences.

use std::path::PathBuf;
use std::time::Instant;

use std::ops::Range;

use briefbook::{
    AlignParams, Bead, LanguageTag, Side,
    eval::{self, Counts, Rates, Rng},
};

const SEED: u64 = 2026;
const LANGUAGES: [&str; 7] = ["sq", "mk", "sr-Latn", "sr-Cyrl", "uk", "hr", "bs"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--only TEXT`: only the partial-coverage kinds whose name contains TEXT (skips the rest).
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let data = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let mut params = AlignParams::default();
    // `--set name=value`: try another value of a parameter (for tuning on this data only).
    for (i, a) in args.iter().enumerate() {
        let Some((name, value)) = args.get(i + 1).filter(|_| a == "--set").and_then(|v| v.split_once('=')) else {
            continue;
        };
        let v: f64 = value.parse()?;
        match name {
            "unmatched" => params.unmatched = v,
            "unmatched_cap" => params.unmatched_cap = v,
            "edge_gap" => params.edge_gap = v,
            "paragraph_edge_gap" => params.paragraph_edge_gap = v,
            "cost_1_0" => params.cost_1_0 = v,
            "paragraph_1_1" => params.paragraph_costs[0] = v,
            "paragraph_1_0" => params.paragraph_costs[1] = v,
            "paragraph_2_1" => params.paragraph_costs[2] = v,
            "paragraph_partial_gap" => params.paragraph_partial_gap = v,
            "paragraph_partial_unmatched" => params.paragraph_partial_unmatched = v,
            "confident" => params.confident = v,
            "conflict" => params.conflict = v,
            "rare" => params.coverage.rare = v as usize,
            "min_score" => params.coverage.min_score = v,
            "neighbour" => params.coverage.neighbour = v as usize,
            _ => return Err(format!("unknown parameter {name}").into()),
        }
    }
    println!("parameters: {params:?}\n");
    if let Some(only) = &only {
        let ntrex = data.join("ntrex-dev");
        let mut docs: Vec<PathBuf> =
            std::fs::read_dir(&ntrex)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
        docs.sort();
        return partial_coverage(&docs, &params, verbose, Some(only));
    }
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
    let got = briefbook::align_sentences(&hu, &"hu".parse()?, &en, &"en".parse()?, &params);
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
    let mut all_e2e = Counts::default();
    let mut all_ms = 0.0;
    let mut e2e_rows = Vec::new();
    let en_tag: LanguageTag = "en".parse()?;
    for (li, lang) in LANGUAGES.iter().enumerate() {
        let tag: LanguageTag = lang.parse()?;
        let mut counts = Counts::default();
        let mut e2e = Counts::default();
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
            let got = briefbook::align_texts(
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
            // End to end: the segmenter cuts the paragraphs' text.
            let (ss, sp, su) = resegment(&case.source, &tag);
            let (ts, tp, tu) = resegment(&case.target, &en_tag);
            let s2: Vec<&str> = ss.iter().map(String::as_str).collect();
            let t2: Vec<&str> = ts.iter().map(String::as_str).collect();
            let got = briefbook::align_texts(
                Side { sentences: &s2, paragraphs: &sp, language: &tag },
                Side { sentences: &t2, paragraphs: &tp, language: &en_tag },
                None,
                &[],
                &params,
            );
            e2e.add(&eval::score(&case.gold, &eval::project(&got, &su, &tu)));
            n += 1;
        }
        row(&format!("ntrex {lang}-en"), n, &counts, ms);
        e2e_rows.push((format!("ntrex {lang}-en"), n, e2e));
        all.add(&counts);
        all_e2e.add(&e2e);
        all_ms += ms;
    }
    row("ntrex all", docs.len() * LANGUAGES.len(), &all, all_ms);
    println!("\nend to end (paragraph text cut into sentences by the corpus's segmenter first):");
    for (name, n, c) in &e2e_rows {
        row(name, *n, c, f64::NAN);
    }
    row("ntrex all", docs.len() * LANGUAGES.len(), &all_e2e, f64::NAN);

    partial_coverage(&docs, &params, verbose, None)?;
    Ok(())
}

/// The lines of every NTREX document in `lang` and in English, one after the other.
fn whole_texts(docs: &[PathBuf], lang: &str) -> (Vec<String>, Vec<String>) {
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for doc in docs {
        let (Ok(s), Ok(t)) =
            (std::fs::read_to_string(doc.join(format!("{lang}.txt"))), std::fs::read_to_string(doc.join("en.txt")))
        else {
            continue;
        };
        src.extend(s.lines().map(String::from));
        tgt.extend(t.lines().map(String::from));
    }
    (src, tgt)
}

/// Which kind of partial or messy translation a generated case has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// The first 200 original sentences against the first 500 translated ones.
    Lead200x500,
    /// The first 500 original sentences against the first 200 translated ones.
    Lead500x200,
    /// Only the first, middle or last 20-60% of the text translated.
    Translated(Part),
    /// The whole translation against the first, middle or last 20-60% of the original.
    Original(Part),
    /// About half of the paragraphs translated (paragraphs given to the aligner).
    Paragraphs,
    /// Short lines (photo captions) from elsewhere inserted on either side every 10-30
    /// sentences.
    CaptionsInserted,
    /// Short sentences moved 2-6 places on the translated side.
    CaptionsMoved,
    /// One original sentence against 500 translated ones.
    OneLine,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    First,
    Middle,
    Last,
}

const KINDS: [(Kind, &str); 12] = [
    (Kind::Lead200x500, "lead 200 : 500"),
    (Kind::Lead500x200, "lead 500 : 200"),
    (Kind::Translated(Part::First), "tr. first 20-60%"),
    (Kind::Translated(Part::Middle), "tr. middle 20-60%"),
    (Kind::Translated(Part::Last), "tr. last 20-60%"),
    (Kind::Original(Part::First), "orig. first 20-60%"),
    (Kind::Original(Part::Middle), "orig. middle 20-60%"),
    (Kind::Original(Part::Last), "orig. last 20-60%"),
    (Kind::Paragraphs, "half the paragraphs"),
    (Kind::CaptionsInserted, "captions inserted"),
    (Kind::CaptionsMoved, "captions moved"),
    (Kind::OneLine, "1 line : 500"),
];

/// A range of `len` sentences covering 20-60% of them at the given part.
fn part_of(len: usize, part: Part, rng: &mut Rng) -> Range<usize> {
    let share = 0.2 + 0.4 * rng.unit();
    let n = ((len as f64 * share) as usize).max(1);
    match part {
        Part::First => 0..n,
        Part::Middle => {
            let start = (len - n) / 4 + rng.below((len - n) / 2 + 1);
            start..start + n
        }
        Part::Last => len - n..len,
    }
}

/// A generated partial or messy translation: the NTREX text of one language made into a
/// case by [`eval::make_case`] with the default rates, then cut or edited.
fn partial_case(kind: Kind, src: &[&str], tgt: &[&str], rng: &mut Rng) -> (eval::Case, bool) {
    let limit = match kind {
        Kind::Lead200x500 | Kind::Lead500x200 | Kind::OneLine => 500,
        _ => src.len(),
    };
    let mut case = eval::make_case(&src[..limit], &tgt[..limit], &Rates::default(), rng);
    let mut paragraphs = false;
    let (n, m) = (case.source.sentences.len(), case.target.sentences.len());
    match kind {
        Kind::Lead200x500 => case.source.retain(|i| i < 200),
        Kind::Lead500x200 => case.target.retain(|j| j < 200),
        Kind::Translated(part) => {
            let keep = part_of(m, part, rng);
            case.target.retain(|j| keep.contains(&j));
        }
        Kind::Original(part) => {
            let keep = part_of(n, part, rng);
            case.source.retain(|i| keep.contains(&i));
        }
        Kind::Paragraphs => {
            paragraphs = true;
            let keep: Vec<bool> = case.target.paragraphs.iter().map(|_| rng.unit() < 0.5).collect();
            let mut of = vec![0; m];
            for (p, r) in case.target.paragraphs.iter().enumerate() {
                for j in r.clone() {
                    of[j] = p;
                }
            }
            case.target.retain(|j| keep[of[j]]);
        }
        Kind::CaptionsInserted => {
            // Captions come from the far half of the text, so they translate nothing here.
            let short = |lines: &[&str]| -> Vec<String> {
                lines.iter().filter(|l| l.chars().count() < 90).map(|l| l.to_string()).collect()
            };
            let (far_src, far_tgt) = (short(&src[src.len() / 2..]), short(&tgt[tgt.len() / 2..]));
            let mut fresh = usize::MAX / 2;
            for (side, far) in [(&mut case.source, &far_src), (&mut case.target, &far_tgt)] {
                let mut at = 5 + rng.below(20);
                while at < side.sentences.len() && !far.is_empty() {
                    side.insert(at, far[rng.below(far.len())].clone(), fresh);
                    fresh += 1;
                    at += 10 + rng.below(21);
                }
            }
        }
        Kind::CaptionsMoved => {
            let mut fresh = usize::MAX / 2;
            let mut j = 3 + rng.below(20);
            while j + 8 < case.target.sentences.len() {
                if case.target.sentences[j].chars().count() < 100 && case.target.lines[j].len() == 1 {
                    let text = case.target.sentences[j].clone();
                    case.target.retain(|k| k != j);
                    let to = j + 2 + rng.below(5);
                    case.target.insert(to, text, fresh);
                    fresh += 1;
                    j = to + 20 + rng.below(20);
                } else {
                    j += 1;
                }
            }
        }
        Kind::OneLine => {
            let keep = rng.below(n);
            case.source.retain(|i| i == keep);
        }
    }
    case.gold = eval::gold(&case.source, &case.target);
    (case, paragraphs)
}

/// Partial and messy translations generated from the NTREX texts: per kind of case, the
/// scores summed over the seven languages, and the time.
fn partial_coverage(
    docs: &[PathBuf],
    params: &AlignParams,
    verbose: bool,
    only: Option<&str>,
) -> Result<(), Box<dyn std::error::Error>> {
    println!("\npartial and messy translations (each language's NTREX text as one, seed {SEED}):");
    let en_tag: LanguageTag = "en".parse()?;
    let texts: Vec<(LanguageTag, Vec<String>, Vec<String>)> = LANGUAGES
        .iter()
        .map(|lang| {
            let (s, t) = whole_texts(docs, lang);
            Ok((lang.parse()?, s, t))
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    for (ki, (kind, name)) in KINDS.iter().enumerate() {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut counts = Counts::default();
        let mut ms = 0.0;
        for (li, (tag, src, tgt)) in texts.iter().enumerate() {
            let src: Vec<&str> = src.iter().map(String::as_str).collect();
            let tgt: Vec<&str> = tgt.iter().map(String::as_str).collect();
            let mut rng = Rng::new(SEED ^ ((ki as u64) << 40) ^ ((li as u64) << 32));
            let (case, paragraphs) = partial_case(*kind, &src, &tgt, &mut rng);
            let s: Vec<&str> = case.source.sentences.iter().map(String::as_str).collect();
            let t: Vec<&str> = case.target.sentences.iter().map(String::as_str).collect();
            let (sp, tp): (&[Range<usize>], &[Range<usize>]) =
                if paragraphs { (&case.source.paragraphs, &case.target.paragraphs) } else { (&[], &[]) };
            let started = Instant::now();
            let got = briefbook::align_texts(
                Side { sentences: &s, paragraphs: sp, language: tag },
                Side { sentences: &t, paragraphs: tp, language: &en_tag },
                None,
                &[],
                params,
            );
            ms += started.elapsed().as_secs_f64() * 1000.0;
            let c = eval::score(&case.gold, &got);
            if verbose {
                row(&format!("  {name} {tag}"), 1, &c, f64::NAN);
                if c.strict_found_gold < c.gold || c.strict_right_predicted < c.predicted {
                    show_errors(&case.gold, &got, &s, &t);
                }
            }
            counts.add(&c);
        }
        row(name, texts.len(), &counts, ms);
    }
    Ok(())
}

/// The paragraphs of a generated side joined into text and cut again by the corpus's
/// segmenter: the sentences, their paragraphs, and for each sentence the range of
/// generated sentences it overlaps.
fn resegment(side: &eval::CaseSide, lang: &LanguageTag) -> (Vec<String>, Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut sentences, mut paragraphs, mut units) = (Vec::new(), Vec::new(), Vec::new());
    for p in &side.paragraphs {
        let mut text = String::new();
        let mut spans = Vec::new();
        for i in p.clone() {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + side.sentences[i].len(), i));
            text.push_str(&side.sentences[i]);
        }
        let start = sentences.len();
        for r in briefbook::split_sentences(&text, lang) {
            let hit: Vec<usize> = spans.iter().filter(|(a, b, _)| *a < r.end && r.start < *b).map(|s| s.2).collect();
            let (Some(&first), Some(&last)) = (hit.first(), hit.last()) else { continue };
            units.push(first..last + 1);
            sentences.push(text[r].to_string());
        }
        paragraphs.push(start..sentences.len());
    }
    (sentences, paragraphs, units)
}

fn row(name: &str, docs: usize, c: &Counts, ms: f64) {
    let (s, l) = (c.strict(), c.lax());
    let ms = if ms.is_nan() { "-".to_string() } else { format!("{ms:.1}") };
    println!(
        "{name:<22} {docs:>5} {:>6}   {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4} {ms:>8}",
        c.gold, s.precision, s.recall, s.f1, l.precision, l.recall, l.f1
    );
}

fn show_errors(gold: &[Bead], got: &[Bead], src: &[&str], tgt: &[&str]) {
    for b in got.iter().filter(|b| !gold.contains(b)) {
        let text = |side: &[&str], r: &Range<usize>| side[r.clone()].join(" | ");
        println!("  wrong {}  {}  <=>  {}", b.to_beads_line(), text(src, &b.source), text(tgt, &b.target));
    }
    for g in gold.iter().filter(|g| !got.contains(g)) {
        println!("  missed {}", g.to_beads_line());
    }
}
