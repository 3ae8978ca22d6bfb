//! The corpus commands: `events`, `topics`, `figures` and `search` over a corpus folder,
//! each as an aligned table or, with `--json`, as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::corpus::Corpus;
use crate::corpus::find::corrections::MentionRef;
use crate::corpus::find::lexicon;
use crate::corpus::index::cache::{self, OpenOptions, Opened};
use crate::corpus::index::search::SearchQuery;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Date, Event};
use anyhow::Context;
use clap::Args;

use super::table;

/// Where the corpus is and how to print.
#[derive(Debug, Args)]
pub(super) struct CorpusArgs {
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "briefs/sources")]
    pub corpus: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Filters of `briefbook search`.
#[derive(Debug, Args)]
pub(super) struct SearchArgs {
    /// Words to look for ("quoted words" must stand together).
    pub query: String,
    /// Only paragraphs in this language (en, sq, sr-Cyrl, hr ...).
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Only documents published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "D")]
    pub from: Option<Date>,
    /// Only documents published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "D")]
    pub to: Option<Date>,
    /// Only documents of this publisher.
    #[arg(long, value_name = "P")]
    pub publisher: Option<String>,
    /// Only paragraphs tagged with this topic (see `briefbook topics`).
    #[arg(long, value_name = "T")]
    pub topic: Option<String>,
    /// Only documents that mention this event (see `briefbook events`).
    #[arg(long, value_name = "E")]
    pub event: Option<String>,
    /// How many results at most.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
}

pub(super) fn open(root: &Path, index: bool) -> anyhow::Result<Opened> {
    let opened = cache::open(root, &OpenOptions { index, ..OpenOptions::default() })
        .with_context(|| format!("opening the corpus {}", root.display()))?;
    if let Some(problem) = &opened.cache_problem {
        eprintln!("warning: the corpus cache cannot be used ({problem}); everything is read afresh");
    }
    Ok(opened)
}

/// Prints the corpus's problems; returns whether a data file of the folder (events.toml,
/// gazetteer.toml ...) has errors. Problems of documents are warnings here.
pub(super) fn report(corpus: &Corpus) -> bool {
    let data_files: Vec<&str> =
        lexicon::USER_FILES.iter().copied().chain([crate::corpus::find::corrections::FILE_NAME]).collect();
    let mut err = std::io::stderr().lock();
    let mut failed = false;
    for p in &corpus.problems {
        let is_data = p.id.is_none()
            && p.diagnostic
                .file
                .as_deref()
                .and_then(Path::file_name)
                .is_some_and(|n| data_files.iter().any(|d| n == *d));
        let d = if is_data && p.diagnostic.is_error() {
            failed = true;
            p.diagnostic.clone()
        } else {
            Diagnostic { severity: Severity::Warning, ..p.diagnostic.clone() }
        };
        let _ = writeln!(err, "{d}");
    }
    failed
}

/// JSON of any value, with dates written as plain `YYYY-MM-DD` strings.
fn to_json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    fn plain_dates(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if map.len() == 1
                    && let Some(serde_json::Value::String(s)) = map.get("$__toml_private_datetime")
                {
                    *v = serde_json::Value::String(s.clone());
                    return;
                }
                map.values_mut().for_each(plain_dates);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(plain_dates),
            _ => {}
        }
    }
    /// Where a paragraph is named (an object with `document` and `paragraph`, the index
    /// from 0), adds `paragraph_number`, the number a person reads and types (from 1).
    fn paragraph_numbers(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if map.contains_key("document")
                    && let Some(p) = map.get("paragraph").and_then(serde_json::Value::as_u64)
                {
                    map.insert("paragraph_number".into(), (p + 1).into());
                }
                map.values_mut().for_each(paragraph_numbers);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(paragraph_numbers),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(value)?;
    plain_dates(&mut v);
    paragraph_numbers(&mut v);
    Ok(serde_json::to_string_pretty(&v)?)
}

fn finish(failed: bool) -> ExitCode {
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// "2025-06-24..25", "2023-11-30..12-01", "2024-12-04", "2026-06", "2006", "--03-20", "-".
pub(super) fn dates(e: &Event) -> String {
    match (e.start, e.end) {
        (Some(s), Some(t)) if s == t => s.to_string(),
        (Some(s), Some(t)) if s.year() == t.year() && s.month() == t.month() && t.day().is_some() => {
            format!("{s}..{:02}", t.day().unwrap_or_default())
        }
        (Some(s), Some(t)) if s.year() == t.year() && t.month().is_some() && t.day().is_some() => {
            format!("{s}..{:02}-{:02}", t.month().unwrap_or_default(), t.day().unwrap_or_default())
        }
        (Some(s), Some(t)) => format!("{s}..{t}"),
        (Some(s), None) => s.to_string(),
        _ => "-".into(),
    }
}

/// `briefbook events`.
pub(super) fn events(args: &CorpusArgs, mentions: bool) -> anyhow::Result<ExitCode> {
    let opened = open(&args.corpus, false)?;
    let corpus = &opened.corpus;
    let failed = report(corpus);
    if args.json {
        println!("{}", to_json(&corpus.events)?);
        return Ok(finish(failed));
    }
    let rows: Vec<[String; 8]> = corpus
        .events
        .iter()
        .map(|e| {
            let mut when = dates(e);
            if e.date_inferred {
                when.push('~');
            } else if e.year_inferred {
                when.push('?');
            }
            let mut name = e.name.clone();
            if e.corrected {
                name.push_str("  (corrected)");
            }
            [
                e.id.clone(),
                when,
                e.kind.as_str().to_string(),
                e.organisation.clone().unwrap_or_else(|| "-".into()),
                e.place.clone().unwrap_or_else(|| "-".into()),
                format!("{}/{}", e.mentions.len(), e.documents().len()),
                format!("{:.2}", e.confidence),
                name,
            ]
        })
        .collect();
    let mut out = std::io::stdout().lock();
    table::write_table(&mut out, ["ID", "DATES", "KIND", "ORG", "PLACE", "MENTIONS/DOCS", "CONF", "NAME"], &rows)?;
    if mentions {
        for e in &corpus.events {
            writeln!(out, "\n{}:", e.id)?;
            for m in &e.mentions {
                // `document#paragraph:offset`, as `events split` takes it.
                writeln!(out, "  {} [..{}] {}", MentionRef::of(m), m.at.end, m.text)?;
                if let Some(evidence) = evidence(corpus, m) {
                    writeln!(out, "    {evidence}")?;
                }
            }
            if let Some(p) = &e.provenance {
                writeln!(out, "  year or day from: {p}")?;
            }
            if !e.participants.is_empty() {
                writeln!(out, "  participants: {}", e.participants.join(", "))?;
            }
        }
    }
    eprintln!(
        "{} event(s) in {} ({}); dates: ~ worked out from \"today\", \"next week\" ..., ? year not written",
        corpus.events.len(),
        args.corpus.display(),
        if opened.warm { "from the cache" } else { "analysed" }
    );
    Ok(finish(failed))
}

/// The sentence of a mention with the words that gave kind, organisation, place and date
/// marked: `[kind: summit]`, `[place: Brussels]`.
fn evidence(corpus: &Corpus, m: &crate::model::Mention) -> Option<String> {
    let text = &corpus.get(&m.at.document)?.paragraphs.get(m.at.paragraph)?.text;
    let (from, to) = m.sentence?;
    let mut out = String::new();
    let mut at = from;
    for c in &m.cues {
        if c.start < at || c.end > to {
            continue;
        }
        out.push_str(text.get(at..c.start)?);
        let role = match c.role {
            crate::model::CueRole::Kind => "kind",
            crate::model::CueRole::Organisation => "organisation",
            crate::model::CueRole::Place => "place",
            crate::model::CueRole::Date => "date",
        };
        out.push_str(&format!("[{role}: {}]", text.get(c.start..c.end)?));
        at = c.end;
    }
    out.push_str(text.get(at..to)?);
    Some(out.trim().to_string())
}

/// `briefbook topics`.
pub(super) fn topics(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let opened = open(&args.corpus, false)?;
    let corpus = &opened.corpus;
    let failed = report(corpus);
    #[derive(serde::Serialize)]
    struct Row<'a> {
        id: &'a str,
        name: &'a str,
        paragraphs: usize,
        documents: usize,
        events: Vec<&'a str>,
    }
    let rows: Vec<Row> = corpus
        .topics
        .iter()
        .map(|t| {
            let mut docs = std::collections::BTreeSet::new();
            let mut paragraphs = 0;
            for d in &corpus.documents {
                for p in &d.paragraphs {
                    if p.topics.iter().any(|s| s.topic == t.id) {
                        paragraphs += 1;
                        docs.insert(d.id());
                    }
                }
            }
            let events = corpus.events.iter().filter(|e| e.topics.contains(&t.id)).map(|e| e.id.as_str()).collect();
            Row { id: &t.id, name: &t.name, paragraphs, documents: docs.len(), events }
        })
        .collect();
    if args.json {
        println!("{}", to_json(&rows)?);
        return Ok(finish(failed));
    }
    let table_rows: Vec<[String; 4]> = rows
        .iter()
        .map(|r| [r.id.to_string(), r.paragraphs.to_string(), r.documents.to_string(), r.name.to_string()])
        .collect();
    table::write_table(&mut std::io::stdout().lock(), ["ID", "PARAGRAPHS", "DOCS", "NAME"], &table_rows)?;
    eprintln!(
        "{} topic(s); a paragraph is tagged when its score reaches {}",
        rows.len(),
        crate::corpus::find::topics::THRESHOLD
    );
    Ok(finish(failed))
}

/// `briefbook figures`.
pub(super) fn figures(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let opened = open(&args.corpus, false)?;
    let corpus = &opened.corpus;
    let failed = report(corpus);
    if args.json {
        println!("{}", to_json(&corpus.figures)?);
        return Ok(finish(failed));
    }
    let rows: Vec<[String; 5]> = corpus
        .figures
        .iter()
        .map(|f| {
            [
                format!("{}#{}", f.at.document, f.at.paragraph + 1),
                format!("{:?}", f.kind).to_lowercase(),
                f.text.clone(),
                f.target_year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
                f.context.clone(),
            ]
        })
        .collect();
    table::write_table(&mut std::io::stdout().lock(), ["WHERE", "KIND", "FIGURE", "BY", "CONTEXT"], &rows)?;
    eprintln!("{} figure(s) in {}", rows.len(), args.corpus.display());
    Ok(finish(failed))
}

/// `briefbook search`.
pub(super) fn search(args: &CorpusArgs, s: &SearchArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let opened = open(&args.corpus, true)?;
    let corpus = &opened.corpus;
    let failed = report(corpus);
    if let Some(e) = &s.event
        && corpus.event(e).is_none()
    {
        let mut d = Diagnostic::error(format!("no event `{e}` in the corpus"));
        if let Some(near) = crate::corpus::closest(e, corpus.events.iter().map(|x| x.id.as_str())) {
            d = d.with_hint(format!("did you mean `{near}`? (`briefbook events` lists them)"));
        }
        eprintln!("{d}");
        return Ok(ExitCode::from(1));
    }
    if let Some(t) = &s.topic
        && corpus.topic(t).is_none()
    {
        let mut d = Diagnostic::error(format!("no topic `{t}`"));
        if let Some(near) = crate::corpus::closest(t, corpus.topics.iter().map(|x| x.id.as_str())) {
            d = d.with_hint(format!("did you mean `{near}`? (`briefbook topics` lists them)"));
        }
        eprintln!("{d}");
        return Ok(ExitCode::from(1));
    }
    if let Some(l) = &s.lang {
        l.parse::<crate::model::LanguageTag>().map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
    }
    let Some(index) = &opened.index else { anyhow::bail!("the search index could not be opened") };
    let query = SearchQuery {
        text: s.query.clone(),
        language: s.lang.clone(),
        from: s.from,
        to: s.to,
        publisher: s.publisher.clone(),
        topic: s.topic.clone(),
        event: s.event.clone(),
        limit: s.limit,
    };
    let searched = std::time::Instant::now();
    let hits = index.search(corpus, &query).context("searching")?;
    let search_time = searched.elapsed();
    if args.json {
        println!("{}", to_json(&hits)?);
        return Ok(finish(failed));
    }
    let rows: Vec<[String; 5]> = hits
        .iter()
        .map(|h| {
            [
                format!("{:.2}", h.score),
                format!("{}#{}", h.document, h.paragraph + 1),
                h.language.clone(),
                h.published.clone().unwrap_or_else(|| "-".into()),
                h.snippet.clone(),
            ]
        })
        .collect();
    table::write_table(&mut std::io::stdout().lock(), ["SCORE", "WHERE", "LANG", "DATE", "TEXT"], &rows)?;
    eprintln!(
        "{} result(s) in {:.1} ms (open {:.0} ms, {})",
        hits.len(),
        search_time.as_secs_f64() * 1000.0,
        (searched - started).as_secs_f64() * 1000.0,
        if opened.warm { "from the cache" } else { "analysed and indexed" }
    );
    Ok(finish(failed))
}
