//! Speed of the corpus on a SYNTHETIC corpus of 10,000 documents built from the real
//! sentences of ../shared/data/ntrex-dev (news in en, sq, mk, sr-Latn, sr-Cyrl, hr, bs,
//! uk): a third with front matter, a third plain text (language detected), a third saved
//! web pages; each with a dateline and a meeting sentence so extraction has work to do.
//!
//! ```sh
//! cargo run --release --example bench_corpus                  # generate, cold, warm, search
//! /usr/bin/time -v target/release/examples/bench_corpus cold   # peak memory of a cold open
//! ```
//!
//! Steps (also one at a time: `generate`, `cold`, `warm`, `search`; the corpus and the cache
//! go to $TMPDIR/briefbook-bench, or the folder given after the step):
//! cold = read, detect, extract, merge, index and write the cache; warm = reopen unchanged
//! from the cache (corpus and index); search = queries with and without filters.

use std::path::{Path, PathBuf};
use std::time::Instant;

use briefbook::{CacheOptions, SearchQuery};

const DOCUMENTS: usize = 10_000;
const LANGS: [&str; 8] = ["en", "sq", "mk", "sr-Latn", "sr-Cyrl", "hr", "bs", "uk"];

/// A small deterministic pseudo-random sequence (no dependency, same corpus every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn meeting_sentence(lang: &str, day: usize, month: usize, year: usize) -> String {
    let months_en = briefbook::MONTHS_EN;
    let months_sq = [
        "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor", "nëntor",
        "dhjetor",
    ];
    let months_sh = [
        "januara",
        "februara",
        "marta",
        "aprila",
        "maja",
        "juna",
        "jula",
        "avgusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ];
    let months_hr = [
        "siječnja",
        "veljače",
        "ožujka",
        "travnja",
        "svibnja",
        "lipnja",
        "srpnja",
        "kolovoza",
        "rujna",
        "listopada",
        "studenoga",
        "prosinca",
    ];
    let months_cy = [
        "јануара",
        "фебруара",
        "марта",
        "априла",
        "маја",
        "јуна",
        "јула",
        "августа",
        "септембра",
        "октобра",
        "новембра",
        "децембра",
    ];
    let months_mk = [
        "јануари",
        "февруари",
        "март",
        "април",
        "мај",
        "јуни",
        "јули",
        "август",
        "септември",
        "октомври",
        "ноември",
        "декември",
    ];
    let months_uk = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ];
    let m = month - 1;
    match lang {
        "sq" => format!("Ministrat e Mbrojtjes të NATO-s do të mblidhen në Bruksel më {day} {} {year}.", months_sq[m]),
        "sr-Latn" => format!("Ministri odbrane NATO-a sastaće se u Briselu {day}. {} {year}. godine.", months_sh[m]),
        "bs" => format!("Ministri odbrane NATO-a sastat će se u Briselu {day}. {} {year}. godine.", months_sh[m]),
        "hr" => format!("Ministri obrane NATO-a sastat će se u Bruxellesu {day}. {} {year}.", months_hr[m]),
        "sr-Cyrl" => format!("Министри одбране НАТО-а састаће се у Бриселу {day}. {} {year}. године.", months_cy[m]),
        "mk" => {
            format!("Министрите за одбрана на НАТО ќе се состанат во Брисел на {day} {} {year} година.", months_mk[m])
        }
        "uk" => format!("Міністри оборони НАТО зберуться в Брюсселі {day} {} {year} року.", months_uk[m]),
        _ => format!("NATO Defence Ministers will meet in Brussels on {day} {} {year}.", months_en[m]),
    }
}

fn generate(data: &Path, out: &Path) -> std::io::Result<()> {
    let mut sources: Vec<(String, Vec<String>)> = Vec::new();
    let mut docs: Vec<PathBuf> =
        std::fs::read_dir(data)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    docs.sort();
    for d in &docs {
        for lang in LANGS {
            if let Ok(text) = std::fs::read_to_string(d.join(format!("{lang}.txt"))) {
                let lines: Vec<String> =
                    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                if lines.len() >= 4 {
                    sources.push((lang.to_string(), lines));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out)?;
    let mut rng = Lcg(42);
    for i in 0..DOCUMENTS {
        let (lang, lines) = &sources[i % sources.len()];
        let start = rng.next(lines.len().saturating_sub(3).max(1));
        let count = (4 + rng.next(12)).min(lines.len() - start);
        let (year, month, day) = (2016 + rng.next(10), 1 + rng.next(12), 1 + rng.next(28));
        let title = &lines[start];
        let mut paragraphs: Vec<String> = vec![meeting_sentence(lang, day, month, year)];
        let mut k = start + 1;
        while k < start + count {
            let n = (1 + rng.next(3)).min(start + count - k);
            paragraphs.push(lines[k..k + n].join(" "));
            k += n;
        }
        let folder = out.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&folder)?;
        let published = format!("{year:04}-{month:02}-{:02}", (day + 3).min(28));
        match i % 3 {
            0 => {
                let fm = format!(
                    "+++\nid = \"synthetic-{i:05}\"\ntitle = {}\nlanguage = \"{lang}\"\npublished = {published}\npublisher = \"Synthetic {}\"\nkind = \"synthetic\"\n+++\n\n{}\n",
                    toml::Value::String(title.clone()),
                    i % 7,
                    paragraphs.join("\n\n")
                );
                std::fs::write(folder.join(format!("doc-{i:05}.md")), fm)?;
            }
            1 => {
                std::fs::write(
                    folder.join(format!("doc-{i:05}.txt")),
                    format!("{title}\n\n{}\n", paragraphs.join("\n\n")),
                )?;
            }
            _ => {
                let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
                let html = format!(
                    "<!doctype html><html><head><meta property=\"og:title\" content=\"{}\"><meta property=\"article:published_time\" content=\"{published}T09:00:00Z\"><meta property=\"og:site_name\" content=\"Synthetic {}\"></head><body><header><nav><a href=\"/\">Home</a><a href=\"/news\">News</a></nav></header><div class=\"cookie-banner\">We use cookies.</div><article>{body}</article><aside class=\"related\"><a href=\"/x\">Related story</a></aside><footer>© Synthetic</footer></body></html>",
                    escape(title),
                    i % 7
                );
                std::fs::write(folder.join(format!("doc-{i:05}.html")), html)?;
            }
        }
    }
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let step = args.first().map(String::as_str).unwrap_or("all");
    let base = args.get(1).map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("briefbook-bench"));
    let corpus = base.join("corpus");
    let cache_root = base.join("cache");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ntrex-dev");
    let options = CacheOptions { cache_root: Some(cache_root.clone()), index: true, ..CacheOptions::default() };
    if matches!(step, "all" | "generate") {
        let t = Instant::now();
        generate(&data, &corpus)?;
        println!(
            "generated {DOCUMENTS} synthetic documents in {} in {:.1} s",
            corpus.display(),
            t.elapsed().as_secs_f64()
        );
    }
    if step == "phases" {
        // Where a cold open spends its time.
        use briefbook::{DiskFiles, Lexicon, SearchIndex};
        let t = Instant::now();
        let lexicon = Lexicon::builtin();
        let mut c = briefbook::read_documents(&DiskFiles, &corpus, lexicon)?;
        println!("read, parse, detect languages: {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        briefbook::analyse_corpus(&mut c, lexicon, None);
        println!("extract topics, events, figures and merge: {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let index = SearchIndex::build(&c, None)?;
        println!("index {} paragraphs (in memory): {:.2} s", index.len(), t.elapsed().as_secs_f64());
    }
    if matches!(step, "all" | "cold") {
        let _ = std::fs::remove_dir_all(&cache_root);
        let t = Instant::now();
        let opened = briefbook::open_cache(&corpus, &options)?;
        let c = &opened.corpus;
        let paragraphs: usize = c.documents.iter().map(|d| d.paragraphs.len()).sum();
        println!(
            "cold open (read, detect, extract, index, cache): {:.2} s — {} documents, {paragraphs} paragraphs, {} events, {} figures, {} problems",
            t.elapsed().as_secs_f64(),
            c.documents.len(),
            c.events.len(),
            c.figures.len(),
            c.problems.len()
        );
    }
    if matches!(step, "all" | "warm") {
        let t = Instant::now();
        let opened = briefbook::open_cache(&corpus, &options)?;
        println!(
            "warm open (from the cache, with the index): {:.0} ms, warm = {}",
            t.elapsed().as_secs_f64() * 1000.0,
            opened.warm
        );
    }
    if matches!(step, "all" | "search") {
        let opened = briefbook::open_cache(&corpus, &options)?;
        let index = opened.index.as_ref().ok_or("no index")?;
        let queries = [
            SearchQuery { text: "NATO".into(), ..SearchQuery::default() },
            SearchQuery { text: "Brukselit".into(), ..SearchQuery::default() },
            SearchQuery { text: "Trump president".into(), ..SearchQuery::default() },
            SearchQuery { text: "ministri odbrane".into(), language: Some("sr".into()), ..SearchQuery::default() },
            SearchQuery { text: "\"European Union\"".into(), ..SearchQuery::default() },
            SearchQuery {
                text: "NATO".into(),
                from: "2020-01-01".parse().ok(),
                to: "2021-12-31".parse().ok(),
                topic: Some("defence-spending".into()),
                ..SearchQuery::default()
            },
            SearchQuery {
                text: "Україна".into(), publisher: Some("Synthetic 3".into()), ..SearchQuery::default()
            },
        ];
        let mut worst = 0f64;
        for q in &queries {
            let t = Instant::now();
            let hits = index.search(&opened.corpus, q)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            worst = worst.max(ms);
            println!(
                "search {:?} (filters: {}): {} hits in {ms:.2} ms",
                q.text,
                q.language.is_some() || q.from.is_some() || q.publisher.is_some(),
                hits.len()
            );
        }
        println!("slowest search: {worst:.2} ms");
    }
    Ok(())
}
