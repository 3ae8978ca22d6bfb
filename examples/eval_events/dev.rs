//! The development set: whole real articles (`../shared/data/events-dev`) against the answer
//! keys in `tests/data/eval/events-dev/*.toml` (guidelines in its README.md).
//!
//! Scored strictly: a found meeting counts when its place and every date part the answer
//! states are right (year, month, day; a part the article does not state is not checked)
//! and it is found in a document the answer names. Each set is read twice: as the plain
//! text files they are, and with front matter made from `index.tsv` (title, language,
//! publication date where given); each once as one corpus (so merging across documents
//! is scored) and once a document at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use briefbook::{Event, MemoryFiles, PartialDate};
use serde::Deserialize;

#[derive(Debug, Clone)]
struct Row {
    id: String,
    lang: String,
    date: Option<String>,
    title: String,
    file: String,
}

#[derive(Deserialize)]
struct GoldFile {
    document: Vec<GoldDoc>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct GoldDoc {
    id: String,
    #[serde(default)]
    meetings: Vec<GoldMeeting>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    figures: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
struct GoldMeeting {
    key: String,
    kind: String,
    organisation: Option<String>,
    place: Option<String>,
    #[allow(dead_code)]
    venue: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

/// A date part by part; `None` where the answer does not state it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

fn gold_parts(s: &str) -> Parts {
    let mut it = s.split('-');
    let year = it.next().and_then(|y| y.parse().ok());
    let month = it.next().and_then(|m| m.parse().ok());
    let day = it.next().and_then(|d| d.parse().ok());
    Parts { year, month, day }
}

fn found_parts(d: PartialDate) -> Parts {
    Parts { year: d.year(), month: d.month(), day: d.day() }
}

/// Every part the answer states is equal in what was found.
fn parts_ok(gold: Parts, found: Option<Parts>) -> bool {
    let Some(f) = found else { return gold == Parts::default() };
    (gold.year.is_none() || gold.year == f.year)
        && (gold.month.is_none() || gold.month == f.month)
        && (gold.day.is_none() || gold.day == f.day)
}

/// One gold meeting as scored: a key, its documents and what they state together.
#[derive(Debug, Clone)]
struct Gold {
    key: String,
    kind: String,
    organisation: Option<String>,
    place: Option<String>,
    start: Option<Parts>,
    end: Option<Parts>,
    documents: BTreeSet<String>,
}

fn union(a: Option<Parts>, b: Option<Parts>) -> Option<Parts> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Parts { year: a.year.or(b.year), month: a.month.or(b.month), day: a.day.or(b.day) }),
        (a, b) => a.or(b),
    }
}

fn golds<'a>(docs: impl Iterator<Item = &'a GoldDoc>) -> Vec<Gold> {
    let mut by_key: BTreeMap<String, Gold> = BTreeMap::new();
    for d in docs {
        for m in &d.meetings {
            let start = m.start.as_deref().map(gold_parts);
            let end = m.end.as_deref().map(gold_parts).or(start);
            let g = by_key.entry(m.key.clone()).or_insert_with(|| Gold {
                key: m.key.clone(),
                kind: m.kind.clone(),
                organisation: m.organisation.clone(),
                place: m.place.clone(),
                start: None,
                end: None,
                documents: BTreeSet::new(),
            });
            g.place = g.place.clone().or(m.place.clone());
            g.organisation = g.organisation.clone().or(m.organisation.clone());
            g.start = union(g.start, start);
            g.end = union(g.end, end);
            // Ids compared without case: a plain .txt gets its id from the file name, in
            // lower case ("gum-gum_news_flag" for gum-GUM_news_flag).
            g.documents.insert(d.id.to_lowercase());
        }
    }
    by_key.into_values().collect()
}

fn place_ok(g: &Gold, e: &Event) -> bool {
    g.place.is_none() || g.place.as_deref() == e.place.as_deref()
}

fn dates_ok(g: &Gold, e: &Event) -> bool {
    match g.start {
        None => true,
        Some(s) => {
            parts_ok(s, e.start.map(found_parts)) && parts_ok(g.end.unwrap_or(s), e.end.or(e.start).map(found_parts))
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    found: usize,
    gold: usize,
    whole: usize,
    place_found: usize,
    place_gold: usize,
    place_ok: usize,
    date_found: usize,
    date_gold: usize,
    date_ok: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.found += o.found;
        self.gold += o.gold;
        self.whole += o.whole;
        self.place_found += o.place_found;
        self.place_gold += o.place_gold;
        self.place_ok += o.place_ok;
        self.date_found += o.date_found;
        self.date_gold += o.date_gold;
        self.date_ok += o.date_ok;
    }
}

fn prf(ok: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found == 0 { 1.0 } else { ok as f64 / found as f64 };
    let r = if gold == 0 { 1.0 } else { ok as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Scores found events against gold meetings; `log` collects misses and extras.
fn score(events: &[Event], gold: &[Gold], log: &mut Vec<String>) -> Counts {
    let docs_of = |e: &Event| e.documents().into_iter().map(str::to_lowercase).collect::<BTreeSet<String>>();
    let found_docs: Vec<BTreeSet<String>> = events.iter().map(docs_of).collect();
    // Strict matching: place and dates right, in a document the answer names.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let shared = found_docs[i].intersection(&g.documents).count();
            if shared > 0 && place_ok(g, e) && dates_ok(g, e) {
                pairs.push((shared, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // A maximum matching (augmenting paths, tried in the order above): a greedy one lets
    // a found meeting take an undated answer that another found meeting also fits, and
    // then misses the dated answer only it fits.
    let mut options: Vec<Vec<usize>> = vec![Vec::new(); events.len()];
    for &(_, i, j) in &pairs {
        options[i].push(j);
    }
    let mut owner: Vec<Option<usize>> = vec![None; gold.len()];
    fn augment(i: usize, options: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for &j in &options[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|k| augment(k, options, owner, seen)) {
                owner[j] = Some(i);
                return true;
            }
        }
        false
    }
    let mut order: Vec<usize> = Vec::new();
    for &(_, i, _) in &pairs {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    for i in order {
        let mut seen = vec![false; gold.len()];
        augment(i, &options, &mut owner, &mut seen);
    }
    let ug: Vec<bool> = owner.iter().map(Option::is_some).collect();
    let mut uf = vec![false; events.len()];
    for i in owner.iter().flatten() {
        uf[*i] = true;
    }
    let whole = ug.iter().filter(|&&m| m).count();
    // Loose alignment for the place and date scores: any shared document, most agreement
    // first.
    let mut loose: Vec<(usize, usize, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let shared = found_docs[i].intersection(&g.documents).count();
            if shared == 0 {
                continue;
            }
            let agree = usize::from(g.place.is_some() && place_ok(g, e)) * 4
                + usize::from(g.start.is_some() && dates_ok(g, e)) * 4
                + usize::from(g.kind == e.kind.as_str())
                + usize::from(g.organisation.is_some() && g.organisation == e.organisation);
            loose.push((agree * 100 + shared.min(99), i, j));
        }
    }
    loose.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut lf, mut lg) = (vec![None; events.len()], vec![None; gold.len()]);
    for (_, i, j) in loose {
        if lf[i].is_none() && lg[j].is_none() {
            lf[i] = Some(j);
            lg[j] = Some(i);
        }
    }
    let mut c = Counts { found: events.len(), gold: gold.len(), whole, ..Counts::default() };
    c.place_found = events.iter().filter(|e| e.place.is_some()).count();
    c.place_gold = gold.iter().filter(|g| g.place.is_some()).count();
    c.date_found = events.iter().filter(|e| e.start.is_some()).count();
    c.date_gold = gold.iter().filter(|g| g.start.is_some()).count();
    for (j, g) in gold.iter().enumerate() {
        if let Some(i) = lg[j] {
            let e = &events[i];
            if g.place.is_some() && e.place.is_some() && place_ok(g, e) {
                c.place_ok += 1;
            }
            if g.start.is_some() && e.start.is_some() && dates_ok(g, e) {
                c.date_ok += 1;
            }
        }
    }
    let show_parts = |p: Option<Parts>| {
        p.map_or("-".to_string(), |p| {
            format!(
                "{}-{}-{}",
                p.year.map_or("*".into(), |y| y.to_string()),
                p.month.map_or("*".into(), |m| m.to_string()),
                p.day.map_or("*".into(), |d| d.to_string())
            )
        })
    };
    for (j, g) in gold.iter().enumerate() {
        if !ug[j] {
            let near = lg[j].map(|i| describe(&events[i])).unwrap_or_else(|| "nothing".into());
            log.push(format!(
                "  missed {} [{} {} {} {}..{}] {:?}; nearest found: {near}",
                g.key,
                g.kind,
                g.organisation.as_deref().unwrap_or("-"),
                g.place.as_deref().unwrap_or("-"),
                show_parts(g.start),
                show_parts(g.end),
                g.documents
            ));
        }
    }
    for (i, e) in events.iter().enumerate() {
        if !uf[i] && lf[i].is_none() {
            log.push(format!("  extra  {}", describe(e)));
        }
    }
    c
}

fn describe(e: &Event) -> String {
    let mention = e.mentions.first().map(|m| format!("{}#{} `{}`", m.at.document, m.at.paragraph + 1, m.text));
    format!(
        "{} [{} {} {} {}..{}] conf {:.2} ({} mentions, first {})",
        e.id,
        e.kind.as_str(),
        e.organisation.as_deref().unwrap_or("-"),
        e.place.as_deref().unwrap_or("-"),
        e.start.map_or("-".into(), |d| d.to_string()),
        e.end.map_or("-".into(), |d| d.to_string()),
        e.confidence,
        e.mentions.len(),
        mention.unwrap_or_default()
    )
}

fn read_index(data: &Path) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(data.join("index.tsv"))?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        rows.push(Row {
            // Ids as briefbook takes them: lower case ("gum-GUM_news_flag" is no valid id).
            id: f[0].to_lowercase(),
            lang: f[1].into(),
            date: Some(f[3].to_string()).filter(|d| !d.is_empty()),
            title: f[4].into(),
            file: f[5].into(),
        });
    }
    Ok(rows)
}

#[derive(serde::Serialize)]
struct Front<'a> {
    id: &'a str,
    title: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
}

/// The file a document is read from in a mode: as it is, or with front matter.
fn file_for(row: &Row, text: &str, front: bool) -> (PathBuf, Vec<u8>) {
    if !front {
        return (PathBuf::from(format!("/eval/{}.txt", row.id)), text.as_bytes().to_vec());
    }
    let body = text.split_once('\n').map_or("", |(_, rest)| rest).trim_start();
    let meta = Front { id: &row.id, title: &row.title, language: &row.lang, published: row.date.as_deref() };
    let mut head = toml::to_string(&meta).unwrap_or_default();
    // `published` is a date in front matter, not a string.
    if let Some(d) = row.date.as_deref() {
        head = head.replace(&format!("published = \"{d}\""), &format!("published = {d}"));
    }
    (PathBuf::from(format!("/eval/{}.md", row.id)), format!("+++\n{head}+++\n\n{body}").into_bytes())
}

fn load(rows: &[(&Row, &str)], front: bool) -> briefbook::Corpus {
    let mut files = MemoryFiles::new();
    for (row, text) in rows {
        let (path, bytes) = file_for(row, text, front);
        files.insert(path, bytes);
    }
    match briefbook::load_corpus(&files, Path::new("/eval")) {
        Ok(c) => c,
        Err(e) => panic!("the evaluation corpus does not load: {e}"),
    }
}

fn line(label: &str, c: Counts) {
    let (p, r, f) = prf(c.whole, c.found, c.gold);
    let (_, _, pf) = prf(c.place_ok, c.place_found, c.place_gold);
    let (_, _, df) = prf(c.date_ok, c.date_found, c.date_gold);
    println!("{label:34} {:>5} {:>5}   {p:.3} / {r:.3} / {f:.3}   {pf:.3}   {df:.3}", c.found, c.gold);
}

/// Scores the development set.
pub fn run(data: &Path, keys: &Path, verbose: bool, only: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let rows = read_index(data)?;
    let mut answers: BTreeMap<String, GoldDoc> = BTreeMap::new();
    let mut key_files: Vec<PathBuf> = std::fs::read_dir(keys)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    key_files.sort();
    for f in &key_files {
        let file: GoldFile =
            toml::from_str(&std::fs::read_to_string(f)?).map_err(|e| format!("{}: {e}", f.display()))?;
        for d in file.document {
            answers.insert(d.id.to_lowercase(), d);
        }
    }
    let texts: Vec<String> =
        rows.iter().map(|r| std::fs::read_to_string(data.join(&r.file))).collect::<Result<_, _>>()?;
    let annotated: Vec<(&Row, &str)> = rows
        .iter()
        .zip(&texts)
        .filter(|(r, _)| answers.contains_key(&r.id) && only.is_none_or(|o| o.to_lowercase() == r.id))
        .map(|(r, t)| (r, t.as_str()))
        .collect();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for (r, _) in &annotated {
        *langs.entry(r.lang.as_str()).or_default() += 1;
    }
    println!(
        "development set: {} ({} of {} documents annotated: {})",
        data.display(),
        annotated.len(),
        rows.len(),
        langs.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ")
    );
    println!("{:34} {:>5} {:>5}   whole meeting P / R / F1   place F1   dates F1", "", "found", "gold");
    let mut topic = (0usize, 0usize, 0usize);
    let mut figures = (0usize, 0usize, 0usize, 0usize);
    for front in [true, false] {
        let mode = if front { "front matter" } else { "plain text" };
        // One corpus.
        let c = load(&annotated, front);
        let gold = golds(annotated.iter().filter_map(|(r, _)| answers.get(&r.id)));
        let mut log = Vec::new();
        let counts = score(&c.events, &gold, &mut log);
        line(&format!("{mode}, one corpus"), counts);
        if verbose && front {
            println!("{}", log.join("\n"));
        }
        if front {
            // Topics and key figures, document level.
            for (r, _) in &annotated {
                let Some(doc) = c.get(&r.id) else { continue };
                let want: BTreeSet<&str> = answers[&r.id].topics.iter().map(String::as_str).collect();
                let got: BTreeSet<&str> =
                    doc.paragraphs.iter().flat_map(|p| p.topics.iter().map(|t| t.topic.as_str())).collect();
                topic.0 += want.intersection(&got).count();
                topic.1 += got.len();
                topic.2 += want.len();
                if verbose {
                    for t in want.difference(&got) {
                        println!("  topic missed in {}: {t}", r.id);
                    }
                    for t in got.difference(&want) {
                        println!("  topic extra in {}: {t}", r.id);
                    }
                }
                let found_figs: Vec<String> =
                    c.figures.iter().filter(|f| f.at.document == r.id).map(|f| norm(&f.text)).collect();
                let golds: Vec<String> = answers[&r.id].figures.iter().map(|g| norm(g)).collect();
                figures.2 += found_figs.len();
                figures.3 += found_figs
                    .iter()
                    .filter(|f| golds.iter().any(|g| f.contains(g.as_str()) || g.contains(f.as_str())))
                    .count();
                for g in &answers[&r.id].figures {
                    figures.1 += 1;
                    let g = norm(g);
                    if found_figs.iter().any(|f| f.contains(&g) || g.contains(f.as_str())) {
                        figures.0 += 1;
                    } else if verbose {
                        println!("  figure missed in {}: {g}", r.id);
                    }
                }
            }
        }
        if !front {
            // Languages identified in the plain texts, against index.tsv.
            let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
            for (r, _) in &annotated {
                if let Some(doc) = c.get(&r.id) {
                    *confusion.entry((r.lang.clone(), doc.meta.language.to_string())).or_default() += 1;
                }
            }
            let parts: Vec<String> = confusion.iter().map(|((g, f), n)| format!("{g}->{f} {n}")).collect();
            println!("  languages identified (plain text): {}", parts.join(", "));
        }
        // A document at a time.
        let mut total = Counts::default();
        let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
        let mut log = Vec::new();
        for (row, text) in &annotated {
            let c = load(&[(row, text)], front);
            let gold = golds(answers.get(&row.id).into_iter());
            let mut doc_log = Vec::new();
            let counts = score(&c.events, &gold, &mut doc_log);
            if !doc_log.is_empty() {
                log.push(format!("{}:", row.id));
                log.extend(doc_log);
            }
            total.add(counts);
            per_lang.entry(row.lang.clone()).or_default().add(counts);
        }
        line(&format!("{mode}, a document at a time"), total);
        for (l, c) in &per_lang {
            line(&format!("  {l}"), *c);
        }
        if verbose && !front {
            println!("{}", log.join("\n"));
        }
    }
    let (p, r, f) = prf(topic.0, topic.1, topic.2);
    println!("topics (document level, front matter): P {p:.3} R {r:.3} F1 {f:.3}");
    println!(
        "key figures (front matter): {} of {} found, recall {:.3}; {} figures found, {:.3} of them in the answers",
        figures.0,
        figures.1,
        if figures.1 == 0 { 1.0 } else { figures.0 as f64 / figures.1 as f64 },
        figures.2,
        if figures.2 == 0 { 1.0 } else { figures.3 as f64 / figures.2 as f64 }
    );
    Ok(())
}

fn norm(s: &str) -> String {
    s.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect()
}
