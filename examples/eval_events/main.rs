//! Scores the finding of meetings (and dates, topics and key figures).
//!
//! `cargo run --release --example eval_events [-- OPTIONS]`
//!
//! With no options: the development set of whole real articles in
//! `../shared/data/events-dev` against the answer keys in `tests/data/eval/events-dev/`
//! (when the folder exists), then the short written cases of `tests/data/eval/events.toml`
//! and `events-heldout.toml`.
//!
//! Options: `--dev` only the development set; `--cases [FILE]` only the written cases;
//! `--data DIR` another events-dev folder; `--only ID` one document (with `-v`);
//! `-v` every miss and extra.

mod cases;
mod dev;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let only_dev = args.iter().any(|a| a == "--dev");
    let only_cases = args.iter().any(|a| a == "--cases");
    if !only_cases {
        let data = value("--data").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/events-dev"));
        if data.join("index.tsv").exists() {
            dev::run(&data, &root.join("tests/data/eval/events-dev"), verbose, value("--only").as_deref())?;
        } else {
            println!("development set: {} not found; skipped", data.display());
        }
    }
    if !only_dev {
        let files = match value("--cases") {
            Some(f) if !f.starts_with('-') => vec![PathBuf::from(f)],
            _ => vec![root.join("tests/data/eval/events.toml"), root.join("tests/data/eval/events-heldout.toml")],
        };
        for f in files {
            println!();
            cases::run(&f, verbose)?;
        }
    }
    Ok(())
}
