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
    Command::new(env!("CARGO_BIN_EXE_briefbook")).args(args).current_dir(dir).output().expect("runs briefbook")
}

/// Stdout and stderr of a run, as text.
pub fn texts(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The words of a text: whitespace-separated, with surrounding whitespace dropped.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Checks that every word of `expected`, in order, appears in `haystack` (other words may
/// come between, as when two columns are read row by row). Returns the first word not
/// found, with the words found before it.
pub fn missing_in_order(haystack: &[&str], expected: &[&str]) -> Option<String> {
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        match haystack[at..].iter().position(|h| h == w) {
            Some(p) => at += p + 1,
            None => {
                let before = expected[i.saturating_sub(6)..i].join(" ");
                return Some(format!("`{w}` (after: …{before})"));
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
