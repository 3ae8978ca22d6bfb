//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample brief.
pub fn sample_brief() -> PathBuf {
    root().join("briefs/nato-defence-ministers-2026-02.toml")
}

/// Runs the briefbook binary with `args` in `dir`.
pub fn briefbook(dir: &Path, args: &[&str]) -> Output {
    // The user's own settings file never reaches a test: settings live under `dir`.
    Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join(".config"))
        .output()
        .expect("runs briefbook")
}

/// Stdout and stderr of a run, as text.
pub fn texts(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The words of a text: whitespace-separated, with surrounding whitespace dropped.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The words of a text set in lines, compared without hyphens: a line ending in a hyphen
/// is joined to the next (the hyphen dropped), then hyphens are taken out of every word.
/// A word broken at a hyphen of its own (`NATO-` / `led`) and a hyphenated word
/// (`minis-` / `tror`) both come back whole, as `pdftotext` gives them back.
pub fn words_without_hyphens(text: &str) -> Vec<String> {
    // lopdf puts a space, pdftotext a line break, where a line ends.
    let joined = text.replace("-\n", "").replace("- ", "").replace("\u{2010}\n", "");
    joined.split_whitespace().map(|w| w.replace(['-', '\u{2010}'], "")).filter(|w| !w.is_empty()).collect()
}

/// Checks that every word of `expected`, in order, appears in `haystack` (other words may
/// come between, as when two columns are read row by row). Returns the first word not
/// found, with the words found before it.
///
/// A word hyphenated across a page break comes back in two pieces with the running heads
/// between them; it counts as found when its two pieces follow each other in that order.
pub fn missing_in_order<S: AsRef<str>>(haystack: &[S], expected: &[S]) -> Option<String> {
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        let whole = haystack[at..].iter().position(|h| h.as_ref() == w.as_ref()).map(|p| at + p + 1);
        let pieces = || {
            let w = w.as_ref();
            haystack[at..].iter().enumerate().find_map(|(p, h)| {
                let head = h.as_ref();
                let tail = w.strip_prefix(head).filter(|t| head.chars().count() >= 2 && !t.is_empty())?;
                let q = haystack[at + p + 1..].iter().position(|x| x.as_ref() == tail)?;
                Some(at + p + 1 + q + 1)
            })
        };
        // The earlier of the two, so a later whole occurrence does not skip text.
        let next = match (whole, pieces()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match next {
            Some(n) => at = n,
            None => {
                let before: Vec<&str> = expected[i.saturating_sub(6)..i].iter().map(AsRef::as_ref).collect();
                return Some(format!("`{}` (after: …{})", w.as_ref(), before.join(" ")));
            }
        }
    }
    None
}

/// The paragraphs of a sample corpus document (body after the front matter).
pub fn body_of(file: &str) -> String {
    let text = std::fs::read_to_string(root().join("briefs/sources").join(file)).expect("reads sample document");
    let body = text.splitn(3, "+++\n").nth(2).expect("has front matter");
    body.to_string()
}
