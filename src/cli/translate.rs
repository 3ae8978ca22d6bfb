//! The translation commands: `align`, `tm import|export`, `xliff export|import` and
//! `translate`. They are the only commands that write the translation memory (a build
//! only reads it), always atomically, and `translate` is the only one that uses the
//! network, and only with an engine named and `--yes` given.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::book::Book;
use crate::corpus::read::{encoding, frontmatter};
use crate::corpus::{DiskFiles, MAX_FILE_BYTES};
use crate::diag::Diagnostic;
use crate::model::{Document, DocumentMeta, LanguageTag, Paragraph};
use crate::settings::{self, Settings};
#[cfg(feature = "engines")]
use crate::translate::engine::RetryPolicy;
use crate::translate::engine::{self, Translator};
use crate::translate::machine::{Plan, Progress};
use crate::translate::memory::ImportReport;
use crate::translate::text::normalize;
use crate::translate::xliff::{self, Unit, UnitState};
use crate::translate::{self, AlignParams, Dictionary, Entry, EntryOrigin, Memory, Origin, Timestamp, align, tmx, xml};
use crate::workspace::Workspace;
use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::report;

/// `briefbook align`.
#[derive(Debug, Args)]
pub(super) struct AlignArgs {
    /// The original: a corpus document (with front matter) or plain text.
    original: PathBuf,
    /// Its translation, the same way.
    translation: PathBuf,
    /// Language of the original when the file has no front matter (en, sq, sr-Cyrl ...).
    #[arg(long, value_name = "LANG")]
    from: Option<String>,
    /// Language of the translation when the file has no front matter.
    #[arg(long, value_name = "LANG")]
    to: Option<String>,
    /// The files are one sentence per line (blank lines, if any, end paragraphs and are not
    /// counted).
    #[arg(long)]
    presegmented: bool,
    /// Print one bead per line, `[0, 1]:[0]`, as Vecalign and Bertalign do.
    #[arg(long, conflicts_with = "tmx")]
    beads: bool,
    /// Write the aligned pairs to this TMX file instead of printing them.
    #[arg(long, value_name = "FILE.tmx")]
    tmx: Option<PathBuf>,
    /// A bilingual dictionary: one `original word<TAB>translated word` per line.
    #[arg(long, value_name = "FILE")]
    dictionary: Option<PathBuf>,
}

/// Which memory a command works on.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(super) struct MemoryArg {
    /// The memory of this brief (its `memory` key, or the default beside its corpus).
    #[arg(long, value_name = "BRIEF")]
    brief: Option<PathBuf>,
    /// This memory file.
    #[arg(long, value_name = "FILE.tmx")]
    memory: Option<PathBuf>,
}

/// `briefbook tm`.
#[derive(Debug, Subcommand)]
pub(super) enum TmCommand {
    /// Add the units of a TMX file (from OmegaT, Trados, memoQ ...) to the memory.
    Import {
        /// The TMX file.
        file: PathBuf,
        #[command(flatten)]
        target: MemoryArg,
    },
    /// Write the memory (or one language pair of it) as a TMX file.
    Export {
        /// The TMX file to write.
        file: PathBuf,
        #[command(flatten)]
        source: MemoryArg,
        /// Only entries from this language.
        #[arg(long, value_name = "LANG")]
        from: Option<String>,
        /// Only entries into this language.
        #[arg(long, value_name = "LANG")]
        to: Option<String>,
    },
    /// Count the memory's entries by language pair and origin.
    Stats {
        #[command(flatten)]
        source: MemoryArg,
    },
}

/// `briefbook xliff`.
#[derive(Debug, Subcommand)]
pub(super) enum XliffCommand {
    /// Write the brief's untranslated, machine-translated and fuzzy segments as XLIFF 1.2.
    Export {
        /// The brief.
        brief: PathBuf,
        /// The XLIFF file to write.
        #[arg(short, long, value_name = "FILE.xlf")]
        output: PathBuf,
    },
    /// Read a translated XLIFF file into the brief's memory.
    Import {
        /// The XLIFF file.
        file: PathBuf,
        /// The brief [default: the one the file was exported from].
        #[arg(long, value_name = "BRIEF")]
        brief: Option<PathBuf>,
    },
}

/// `briefbook translate`.
#[derive(Debug, Args)]
pub(super) struct TranslateArgs {
    /// The brief.
    brief: PathBuf,
    /// `memory` (offline: report what is missing), `deepl` (key in DEEPL_AUTH_KEY) or
    /// `libretranslate` (with --url; key, if needed, in LIBRETRANSLATE_API_KEY)
    /// [default: `engine` under [translation] in the settings file, else memory].
    #[arg(long, value_name = "NAME")]
    engine: Option<String>,
    /// The engine's address (LibreTranslate: required; DeepL: default by key)
    /// [default: `url` under [translation] in the settings file].
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Send the segments: without it, nothing leaves the machine.
    #[arg(long)]
    yes: bool,
}

fn now() -> Timestamp {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Timestamp::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn language(text: &str, what: &str) -> anyhow::Result<LanguageTag> {
    text.parse().with_context(|| format!("--{what}"))
}

/// The text of a file for `align`, read as the corpus reads documents: at most
/// [`MAX_FILE_BYTES`] (checked before reading), UTF-8, UTF-16 or a legacy code page
/// (reported as a warning).
fn read_text(path: &Path) -> anyhow::Result<String> {
    let size = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
    if size > MAX_FILE_BYTES {
        bail!(
            "{} is {} MB; files larger than {} MB are not aligned (split it into smaller files)",
            path.display(),
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let decoded = encoding::decode(&bytes).with_context(|| format!("cannot read {}", path.display()))?;
    if let Some(from) = decoded.converted_from {
        eprintln!("warning: {}: read as {from}; save it as UTF-8 to be sure", path.display());
    }
    Ok(decoded.text)
}

/// A file for `align`: a corpus document, or plain text with the language given.
fn read_side(
    path: &Path,
    lang: Option<&str>,
    flag: &str,
    presegmented: bool,
) -> anyhow::Result<(Document, Option<Vec<Vec<String>>>)> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut doc = if text.starts_with("+++") {
        let (doc, _) = frontmatter::parse(path, text).map_err(|d| anyhow::anyhow!("{d}"))?;
        doc
    } else {
        let Some(lang) = lang else { bail!("{} has no front matter: give its language with --{flag}", path.display()) };
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Document {
            meta: DocumentMeta { id, title: String::new(), language: language(lang, flag)?, ..DocumentMeta::default() },
            paragraphs: frontmatter::split_paragraphs(text, 1),
            path: path.to_path_buf(),
        }
    };
    if let Some(lang) = lang {
        doc.meta.language = language(lang, flag)?;
    }
    if !presegmented {
        return Ok((doc, None));
    }
    // One sentence per line; blank lines end paragraphs.
    let body = if text.starts_with("+++") { text.splitn(3, "+++").nth(2).unwrap_or("") } else { text };
    let mut paras: Vec<Vec<String>> = vec![Vec::new()];
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            if paras.last().is_some_and(|p| !p.is_empty()) {
                paras.push(Vec::new());
            }
        } else if let Some(p) = paras.last_mut() {
            p.push(line.to_string());
        }
    }
    paras.retain(|p| !p.is_empty());
    doc.paragraphs = paras.iter().enumerate().map(|(i, p)| Paragraph::new(p.join(" "), i + 1)).collect();
    Ok((doc, Some(paras)))
}

fn sentences_of(doc: &Document, pre: Option<Vec<Vec<String>>>) -> translate::Sentences {
    let Some(paras) = pre else { return translate::Sentences::of(doc) };
    let mut s = translate::Sentences::default();
    for (pi, p) in paras.into_iter().enumerate() {
        let start = s.texts.len();
        for line in p {
            s.texts.push(line);
            s.paragraph.push(pi);
        }
        s.paragraphs.push(start..s.texts.len());
    }
    s
}

/// `briefbook align ORIGINAL TRANSLATION`.
pub(super) fn align_command(args: AlignArgs) -> anyhow::Result<ExitCode> {
    let (original, pre_o) = read_side(&args.original, args.from.as_deref(), "from", args.presegmented)?;
    let (translation, pre_t) = read_side(&args.translation, args.to.as_deref(), "to", args.presegmented)?;
    let dictionary = match &args.dictionary {
        Some(p) => Some(Dictionary::load(p)?),
        None => None,
    };
    let source = sentences_of(&original, pre_o);
    let target = sentences_of(&translation, pre_t);
    let src: Vec<&str> = source.texts.iter().map(String::as_str).collect();
    let tgt: Vec<&str> = target.texts.iter().map(String::as_str).collect();
    let beads = align::align(
        align::Side { sentences: &src, paragraphs: &source.paragraphs, language: &original.meta.language },
        align::Side { sentences: &tgt, paragraphs: &target.paragraphs, language: &translation.meta.language },
        dictionary.as_ref(),
        &[],
        &AlignParams::default(),
    );
    if let Some(path) = &args.tmx {
        let when = now();
        let entries: Vec<Entry> = beads
            .iter()
            .filter(|b| !b.source.is_empty() && !b.target.is_empty())
            .map(|b| {
                let mut e = Entry::new(
                    original.meta.language.clone(),
                    translation.meta.language.clone(),
                    src[b.source.clone()].join(" "),
                    tgt[b.target.clone()].join(" "),
                    EntryOrigin::Human,
                    Some(when),
                );
                e.creator = translation.meta.translator.clone();
                e.document = (!original.meta.title.is_empty()).then(|| original.meta.id.clone());
                e
            })
            .collect();
        crate::fsutil::write_atomic(path, tmx::write(&entries).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {} ({} pairs from {} beads)", path.display(), entries.len(), beads.len());
        return Ok(ExitCode::SUCCESS);
    }
    let (ol, tl) = (original.meta.language.to_string(), translation.meta.language.to_string());
    let width = ol.len().max(tl.len());
    let printed = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for b in &beads {
            writeln!(out, "{}", b.to_beads_line())?;
            if !args.beads {
                writeln!(out, "  {ol:width$}  {}", src[b.source.clone()].join(" "))?;
                writeln!(out, "  {tl:width$}  {}", tgt[b.target.clone()].join(" "))?;
            }
        }
        out.flush()
    })();
    match printed {
        // The reader has gone (`| head`): it has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other.context("cannot write to the standard output")?,
    }
    if args.beads {
        return Ok(ExitCode::SUCCESS);
    }
    let kinds = beads.iter().fold(BTreeMap::new(), |mut m, b| {
        *m.entry((b.source.len(), b.target.len())).or_insert(0) += 1;
        m
    });
    let summary: Vec<String> = kinds.iter().map(|((s, t), n)| format!("{n} × {s}:{t}")).collect();
    eprintln!("{} rows ({}) from {} and {} sentences", beads.len(), summary.join(", "), src.len(), tgt.len());
    Ok(ExitCode::SUCCESS)
}

/// The memory file a `--brief`/`--memory` pair names.
fn memory_file(arg: &MemoryArg) -> anyhow::Result<PathBuf> {
    if let Some(m) = &arg.memory {
        return Ok(m.clone());
    }
    let Some(brief_path) = &arg.brief else { bail!("name a memory with --brief BRIEF or --memory FILE") };
    let ws = Workspace::open_brief(&DiskFiles, brief_path)?;
    if ws.brief().is_none() {
        let problems = ws.problems();
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        bail!("{first}");
    }
    // The memory is written: a brief may not point it out of its folder without permission.
    ws.writable_memory_file().map_err(|d| {
        report(&[d]);
        anyhow::anyhow!("{} names a translation memory outside its folder (see above)", brief_path.display())
    })
}

fn print_import(report: &ImportReport, from: &Path, memory: &Path) {
    for w in &report.warnings {
        eprintln!("warning: {}: {w}", from.display());
    }
    println!(
        "{}: {} new, {} updated, {} already there, {} skipped; saved {}",
        from.display(),
        report.added,
        report.updated,
        report.unchanged,
        report.warnings.len(),
        memory.display()
    );
}

/// `briefbook tm ...`.
pub(super) fn tm_command(command: TmCommand) -> anyhow::Result<ExitCode> {
    match command {
        TmCommand::Import { file, target } => {
            let path = memory_file(&target)?;
            let mut memory = Memory::load(&path)?;
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let parsed = xml::decode(&bytes)
                .and_then(|t| tmx::read(&t))
                .map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
            let mut report = memory.import(parsed.entries);
            report.warnings = parsed.warnings;
            memory.save(&path)?;
            print_import(&report, &file, &path);
        }
        TmCommand::Export { file, source, from, to } => {
            let path = memory_file(&source)?;
            let memory = Memory::load(&path)?;
            let from = from.as_deref().map(|f| language(f, "from")).transpose()?;
            let to = to.as_deref().map(|t| language(t, "to")).transpose()?;
            let entries: Vec<Entry> = memory
                .entries()
                .iter()
                .filter(|e| from.as_ref().is_none_or(|f| e.source_language.matches(f)))
                .filter(|e| to.as_ref().is_none_or(|t| e.target_language.matches(t)))
                .cloned()
                .collect();
            crate::fsutil::write_atomic(&file, tmx::write(&entries).as_bytes())
                .with_context(|| format!("cannot write {}", file.display()))?;
            println!("wrote {} ({} entries of {} in {})", file.display(), entries.len(), memory.len(), path.display());
        }
        TmCommand::Stats { source } => {
            let path = memory_file(&source)?;
            let memory = Memory::load(&path)?;
            let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
            for e in memory.entries() {
                let origin = match &e.origin {
                    EntryOrigin::Human => "human".to_string(),
                    EntryOrigin::Edited => "edited".to_string(),
                    EntryOrigin::Machine { engine } => format!("machine ({engine})"),
                };
                let origin = if e.stale { format!("{origin}, stale") } else { origin };
                *counts.entry((e.source_language.to_string(), e.target_language.to_string(), origin)).or_default() += 1;
            }
            let rows: Vec<[String; 4]> = counts.into_iter().map(|((f, t, o), n)| [f, t, o, n.to_string()]).collect();
            super::table::write_table(&mut std::io::stdout().lock(), ["FROM", "TO", "ORIGIN", "ENTRIES"], &rows)?;
            eprintln!("{}: {} entries, {} alignment fixes", path.display(), memory.len(), memory.fixes.fixes().len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A brief with its book, memory and where the memory lives.
struct Opened {
    workspace: Workspace,
    book: Book,
    memory: Memory,
    memory_path: PathBuf,
}

/// Opens a brief, its corpus and memory, and resolves the book; errors in the brief stop.
fn open(path: &Path) -> anyhow::Result<Opened> {
    let workspace = Workspace::open(&DiskFiles, path)?;
    if workspace.brief().is_none() || workspace.corpus().is_none() {
        report(&workspace.problems());
        bail!("{} cannot be used (see the errors above)", path.display());
    }
    let mut diags = Vec::new();
    let book = workspace.check(&DiskFiles, &mut diags);
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    let Some(book) = book.filter(|_| errors.is_empty()) else {
        report(&errors);
        bail!("{} has {} error(s); fix them first (`briefbook check`)", path.display(), errors.len().max(1));
    };
    let memory_path = workspace.writable_memory_file().map_err(|d| anyhow::anyhow!("{d}"))?;
    let memory = Memory::load(&memory_path)?;
    Ok(Opened { workspace, book, memory, memory_path })
}

/// `briefbook xliff ...`.
pub(super) fn xliff_command(command: XliffCommand) -> anyhow::Result<ExitCode> {
    match command {
        XliffCommand::Export { brief, output } => {
            let opened = open(&brief)?;
            let mut units = Vec::new();
            for s in opened.workspace.segments(&opened.book) {
                let (state, target) = match (&s.row.origin, &s.row.translation) {
                    (_, None) => (UnitState::New, None),
                    (_, Some(t)) if s.row.stale => (UnitState::Stale, Some(t.clone())),
                    (Some(Origin::Machine { .. }), Some(t)) => (UnitState::MachineSuggestion, Some(t.clone())),
                    (Some(Origin::Memory { score }), Some(t)) if *score < 100 => {
                        (UnitState::FuzzyMatch, Some(t.clone()))
                    }
                    _ => continue,
                };
                let mut unit = Unit::new(&s.document, s.from.clone(), s.to.clone(), &s.text);
                unit.state = state;
                unit.target = target;
                let paragraph = s.row.paragraph.map(|p| format!(", paragraph {}", p + 1)).unwrap_or_default();
                unit.note = Some(match (state, &s.row.origin) {
                    (UnitState::MachineSuggestion, Some(Origin::Machine { engine })) => {
                        format!("{}{paragraph}; machine translation by {engine}", s.title)
                    }
                    (UnitState::FuzzyMatch, Some(Origin::Memory { score })) => {
                        format!("{}{paragraph}; {score}% match from the memory", s.title)
                    }
                    (UnitState::Stale, _) => {
                        format!("{}{paragraph}; the original changed since this translation was made", s.title)
                    }
                    _ => format!("{}{paragraph}", s.title),
                });
                // The terms of the segment, for the translator.
                if let Some(terms) = opened.memory.terms(&s.from, &s.to) {
                    let used: Vec<String> = terms
                        .used_in(&s.text)
                        .iter()
                        .map(|t| match &t.note {
                            Some(n) => format!("{} → {} ({n})", t.source, t.target),
                            None => format!("{} → {}", t.source, t.target),
                        })
                        .collect();
                    if !used.is_empty()
                        && let Some(note) = &mut unit.note
                    {
                        note.push_str(&format!("; terms: {}", used.join("; ")));
                    }
                }
                units.push(unit);
            }
            if units.is_empty() {
                println!(
                    "{}: nothing to translate or review; every row has a reviewed translation, so {} was not written",
                    brief.display(),
                    output.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let brief_ref = xliff_brief_reference(&brief, &output);
            let text = xliff::write(&units, Some(&brief_ref));
            crate::fsutil::write_atomic(&output, text.as_bytes())
                .with_context(|| format!("cannot write {}", output.display()))?;
            let distinct: std::collections::BTreeSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
            println!("wrote {} ({} segments to translate or review)", output.display(), distinct.len());
        }
        XliffCommand::Import { file, brief } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let parsed = xml::decode(&bytes)
                .and_then(|t| xliff::read(&t))
                .map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
            // The brief as the export named it: relative to the XLIFF file (older exports
            // named it by its absolute path).
            let named = parsed.brief.as_ref().map(|b| {
                let b = PathBuf::from(b);
                if b.is_absolute() { b } else { file.parent().unwrap_or(Path::new("")).join(b) }
            });
            let brief = match brief.or(named) {
                Some(b) if b.exists() => b,
                Some(b) => bail!(
                    "{} was exported from {}, which is not there; name the brief with --brief",
                    file.display(),
                    b.display()
                ),
                None => bail!("{} does not say which brief it belongs to; name it with --brief", file.display()),
            };
            let mut opened = open(&brief)?;
            // The current original text of every document, to find segments that changed.
            let mut current: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
            for s in opened.workspace.segments(&opened.book) {
                current.entry(s.document).or_default().insert(normalize(&s.text));
            }
            let when = now();
            let (mut imported, mut changed, mut skipped) = (0, Vec::new(), BTreeMap::new());
            let mut entries = Vec::new();
            for u in &parsed.units {
                let Some(target) = &u.target else {
                    *skipped.entry("not translated").or_insert(0) += 1;
                    continue;
                };
                if u.state != UnitState::Translated {
                    *skipped.entry("still to review").or_insert(0) += 1;
                    continue;
                }
                let mut e = Entry::new(
                    u.source_language.clone(),
                    u.target_language.clone(),
                    u.source.trim(),
                    target.trim(),
                    EntryOrigin::Human,
                    Some(when),
                );
                e.document = (!u.document.is_empty()).then(|| u.document.clone());
                e.id = Some(u.id.clone());
                if !current.get(&u.document).is_some_and(|set| set.contains(&normalize(&u.source))) {
                    e.stale = true;
                    changed.push(u);
                }
                imported += 1;
                entries.push(e);
            }
            let report = opened.memory.import(entries);
            opened.memory.save(&opened.memory_path)?;
            for u in &changed {
                let preview: String = u.source.chars().take(70).collect();
                eprintln!(
                    "warning: {}: unit {} of `{}` no longer matches the original (kept, flagged stale): {preview}",
                    file.display(),
                    u.id,
                    u.document
                );
            }
            let skipped: Vec<String> = skipped.iter().map(|(why, n)| format!("{n} {why}")).collect();
            println!(
                "{}: {imported} translated segments read ({} new, {} updated), {} no longer match{}; saved {}",
                file.display(),
                report.added,
                report.updated,
                changed.len(),
                if skipped.is_empty() { String::new() } else { format!(", skipped: {}", skipped.join(", ")) },
                opened.memory_path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How an XLIFF file at `output` names the brief it was made from: relative to the
/// XLIFF file's folder, never an absolute path.
fn xliff_brief_reference(brief: &Path, output: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let brief = std::fs::canonicalize(brief).unwrap_or_else(|_| absolute(brief));
    let out_dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out_dir = std::fs::canonicalize(&out_dir).unwrap_or_else(|_| absolute(&out_dir));
    crate::fsutil::relative_path(&out_dir, &brief)
}

/// `briefbook translate BRIEF --engine NAME`.
pub(super) fn translate_command(args: TranslateArgs) -> anyhow::Result<ExitCode> {
    let settings_path = settings::settings_path();
    let settings = match &settings_path {
        Some(p) => Settings::load(p)?,
        None => Settings::default(),
    };
    let opened = open(&args.brief)?;
    // The gaps: rows the section would show a machine translation in, but has none.
    let gaps = opened.workspace.gaps(&opened.book);
    let plan = Plan::of(&gaps);
    if plan.segments == 0 {
        println!("{}: nothing to translate; every row has a translation", args.brief.display());
        return Ok(ExitCode::SUCCESS);
    }
    let pairs: Vec<String> = plan.pairs.iter().map(|(f, t, n, _)| format!("{f}→{t}: {n}")).collect();
    println!(
        "{}: {} segments, {} characters to translate ({})",
        args.brief.display(),
        plan.segments,
        plan.characters,
        pairs.join(", ")
    );
    // The engine: --engine, else the settings file's, else the memory (offline).
    let name = args
        .engine
        .clone()
        .or_else(|| Some(settings.translation.engine.trim().to_string()).filter(|e| !e.is_empty()))
        .unwrap_or_else(|| "memory".to_string());
    let url = args.url.clone().or_else(|| {
        (args.engine.is_none() || args.engine.as_deref() == Some(settings.translation.engine.trim()))
            .then(|| settings.translation.url.trim().to_string())
            .filter(|u| !u.is_empty())
    });
    if name == "memory" {
        println!(
            "the memory ({}) has no translation for them; name an engine to translate them over the network: --engine deepl, or --engine libretranslate --url URL (or set one in {})",
            opened.memory_path.display(),
            settings_path.as_ref().map_or_else(|| "the settings file".to_string(), |p| p.display().to_string())
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !engine::NETWORK_ENGINES.contains(&name.as_str()) {
        bail!("unknown engine `{name}`; the engines are memory, deepl and libretranslate");
    }
    // The guard before anything else about the engine: a refused address is never
    // looked up, let alone connected to.
    let endpoint_for_guard = match (name.as_str(), &url) {
        (_, Some(u)) => Some(u.clone()),
        ("deepl", None) => Some(deepl_default_url()),
        _ => None,
    };
    if let Some(u) = &endpoint_for_guard {
        opened.workspace.guard(&settings.translation, settings_path.as_deref()).check(&name, Some(u))?;
    }
    let engine = network_engine(&name, url.as_deref())?;
    let endpoint = engine.endpoint().unwrap_or_default();
    println!("this sends the text of those segments over the network to {} at {endpoint}", engine.name());
    if !args.yes {
        println!("nothing was sent; run again with --yes to send them");
        return Ok(ExitCode::SUCCESS);
    }
    let total = plan.segments;
    let outcome = opened.workspace.translate_gaps(
        &gaps,
        engine.as_ref(),
        &settings.translation,
        settings_path.as_deref(),
        &now,
        &mut |p: Progress| {
            eprintln!("{}/{total} segments translated", p.done);
            true
        },
    )?;
    println!(
        "translated {} segments ({} characters) with {}; stored in {}",
        outcome.segments,
        outcome.characters,
        engine.name(),
        opened.memory_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// DeepL's own address for the key in the environment (for the guard, before the engine
/// is made).
fn deepl_default_url() -> String {
    let key = std::env::var("DEEPL_AUTH_KEY").unwrap_or_default();
    if key.trim().ends_with(":fx") { "https://api-free.deepl.com".into() } else { "https://api.deepl.com".into() }
}

#[cfg(feature = "engines")]
fn network_engine(name: &str, url: Option<&str>) -> anyhow::Result<Box<dyn Translator + Send>> {
    let key = engine::key_variable(name).and_then(|v| std::env::var(v).ok());
    Ok(engine::open(name, url, key, RetryPolicy::default())?)
}

#[cfg(not(feature = "engines"))]
fn network_engine(_: &str, _: Option<&str>) -> anyhow::Result<Box<dyn Translator + Send>> {
    bail!(
        "this briefbook was built without the network engines (cargo feature `engines`); build it with `cargo build --features engines`"
    )
}
