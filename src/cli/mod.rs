//! Command-line front end. Thin: it parses arguments, calls the core, prints results and
//! diagnostics, and maps outcomes to exit codes (0 success, 1 failure, 2 usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::corpus::DiskFiles;
use crate::diag::Diagnostic;
use anyhow::Context;
use clap::{Parser, Subcommand};

mod corpus;
mod events;
mod table;
mod translate;

/// Turns a folder of multilingual source documents into a PDF briefing book.
///
/// With no command, opens the desktop app on the sample brief (or on BRIEF with `open`).
#[derive(Debug, Parser)]
#[command(
    name = "briefbook",
    version,
    about,
    long_about = None,
    after_help = "With no command, opens the desktop app on the sample brief (briefs/nato-defence-ministers-2026-02.toml)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// The brief the app opens when started with no arguments.
const SAMPLE_BRIEF: &str = "briefs/nato-defence-ministers-2026-02.toml";

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the PDF of a brief.
    Build {
        /// The brief file (TOML).
        brief: PathBuf,
        /// Where to write the PDF [default: the brief's path with .pdf].
        #[arg(short, long, value_name = "OUT.pdf")]
        output: Option<PathBuf>,
    },
    /// Check a brief and the documents it uses; report every problem found.
    Check {
        /// The brief file (TOML).
        brief: PathBuf,
    },
    /// Open the desktop app on a brief.
    Open {
        /// The brief file (TOML).
        brief: PathBuf,
    },
    /// List the documents of a corpus folder: id, language, date, title.
    Docs {
        /// The corpus folder.
        #[arg(long, value_name = "DIR", default_value = "briefs/sources")]
        corpus: PathBuf,
    },
    /// List the meetings found in a corpus: id, dates, kind, organisation, place, name;
    /// or correct them (merge, set, split, add, remove), in the corpus's events.toml.
    Events {
        #[command(flatten)]
        args: corpus::CorpusArgs,
        /// Also list every mention (document#paragraph:offset and text) and the participants.
        #[arg(long)]
        mentions: bool,
        #[command(subcommand)]
        edit: Option<events::EventsCommand>,
    },
    /// List the topics of the taxonomy with how many paragraphs of the corpus have them.
    Topics {
        #[command(flatten)]
        args: corpus::CorpusArgs,
    },
    /// List the key figures of a corpus (percentages, money, counts, target years).
    Figures {
        #[command(flatten)]
        args: corpus::CorpusArgs,
    },
    /// Search the paragraphs of a corpus.
    Search {
        #[command(flatten)]
        args: corpus::CorpusArgs,
        #[command(flatten)]
        search: corpus::SearchArgs,
    },
    /// Align an original and its translation sentence by sentence and print the rows.
    Align(translate::AlignArgs),
    /// Import or export the translation memory as TMX.
    #[command(subcommand)]
    Tm(translate::TmCommand),
    /// Exchange a brief's segments with human translators as XLIFF 1.2.
    #[command(subcommand)]
    Xliff(translate::XliffCommand),
    /// Fill a brief's missing translations with a machine-translation engine (network).
    Translate(translate::TranslateArgs),
}

/// Runs the command line and returns the process exit code.
pub fn run_cli() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => app(Path::new(SAMPLE_BRIEF).is_file().then(|| PathBuf::from(SAMPLE_BRIEF))),
        Some(Command::Open { brief }) => app(Some(brief)),
        Some(Command::Build { brief, output }) => build(&brief, output),
        Some(Command::Check { brief }) => check(&brief),
        Some(Command::Docs { corpus }) => docs(&corpus),
        Some(Command::Align(args)) => translate::align_command(args),
        Some(Command::Tm(command)) => translate::tm_command(command),
        Some(Command::Xliff(command)) => translate::xliff_command(command),
        Some(Command::Translate(args)) => translate::translate_command(args),
        Some(Command::Events { edit: Some(edit), .. }) => events::run(edit),
        Some(Command::Events { args, mentions, edit: None }) => corpus::events(&args, mentions),
        Some(Command::Topics { args }) => corpus::topics(&args),
        Some(Command::Figures { args }) => corpus::figures(&args),
        Some(Command::Search { args, search }) => corpus::search(&args, &search),
    }
}

#[cfg(feature = "app")]
fn app(brief: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    crate::app::run(brief).context(
        "the desktop app needs a display (X11 or Wayland); the command line works without one: `briefbook --help`",
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "app"))]
fn app(_brief: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "the desktop app is not built into this briefbook (cargo feature `app`); the command line works: `briefbook --help`"
    )
}

fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
}

fn build(brief: &Path, output: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let out = output.unwrap_or_else(|| brief.with_extension("pdf"));
    let mut diags = Vec::new();
    let started = std::time::Instant::now();
    // BRIEFBOOK_TIMINGS=1 prints how long each stage took, on stderr.
    let timings = std::env::var_os("BRIEFBOOK_TIMINGS").is_some();
    let mut last = (started, "Opening the brief");
    let mut progress = |_: u32, stage: &'static str| {
        if timings {
            eprintln!("{:>7.1} ms  {}{}", last.0.elapsed().as_secs_f64() * 1000.0, last.1, memory_use());
            last = (std::time::Instant::now(), stage);
        }
        true
    };
    let result = crate::workspace::Workspace::open(&DiskFiles, brief)
        .and_then(|ws| ws.write_pdf(&DiskFiles, &out, &mut diags, &mut progress));
    report(&diags);
    result.with_context(|| format!("building {}", brief.display()))?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let warnings = diags.len();
    println!(
        "wrote {} ({:.1} KB) in {} ms{}",
        out.display(),
        size as f64 / 1024.0,
        started.elapsed().as_millis(),
        if warnings > 0 { format!(", {warnings} warning(s)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

/// The process's resident memory now and at its peak so far (Linux; empty elsewhere), for
/// `BRIEFBOOK_TIMINGS`.
fn memory_use() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(" (then {} MB resident, peak {} MB)", now / 1024, peak / 1024),
        _ => String::new(),
    }
}

fn check(brief: &Path) -> anyhow::Result<ExitCode> {
    let mut diags = Vec::new();
    let book = crate::workspace::Workspace::open(&DiskFiles, brief)
        .map(|ws| {
            let book = ws.check(&DiskFiles, &mut diags);
            // Translation QA of every row shown, as warnings.
            if let Some(b) = &book {
                diags.extend(ws.qa_warnings(b));
            }
            book
        })
        .with_context(|| format!("checking {}", brief.display()))?;
    report(&diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if errors > 0 {
        eprintln!("{}: {errors} error(s), {warnings} warning(s)", brief.display());
        return Ok(ExitCode::from(1));
    }
    let sections = book.as_ref().map_or(0, |b| b.sections.len());
    let sources = book.as_ref().map_or(0, |b| b.sources.len());
    // Rows the PDF prints with "not translated" in place of a translation.
    let untranslated = book.as_ref().map(crate::book::Book::untranslated).unwrap_or_default();
    for u in &untranslated {
        println!("{}: {} of {} row(s) of {} not translated", brief.display(), u.rows, u.of, u.document);
    }
    let rows: usize = untranslated.iter().map(|u| u.rows).sum();
    println!(
        "{}: ok, {sections} sections, {sources} sources, {warnings} warning(s), {rows} row(s) not translated",
        brief.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn docs(root: &Path) -> anyhow::Result<ExitCode> {
    let corpus = crate::corpus::load(&DiskFiles, root)?;
    let rows: Vec<[String; 4]> = corpus
        .documents
        .iter()
        .map(|d| {
            let mut title = d.meta.title.clone();
            if let Some(o) = &d.meta.translation_of {
                title = format!("{title}  (translation of {o})");
            }
            [
                d.meta.id.clone(),
                d.meta.language.to_string(),
                d.meta.published.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
                title,
            ]
        })
        .collect();
    table::write_table(&mut std::io::stdout().lock(), ["ID", "LANG", "DATE", "TITLE"], &rows)?;
    let problems: Vec<Diagnostic> = corpus
        .problems
        .iter()
        .map(|p| Diagnostic { severity: crate::diag::Severity::Warning, ..p.diagnostic.clone() })
        .collect();
    report(&problems);
    eprintln!("{} document(s), {} problem(s) in {}", corpus.documents.len(), problems.len(), root.display());
    Ok(ExitCode::SUCCESS)
}
