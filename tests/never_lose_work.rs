//! A writer killed in the middle of a large write leaves the previous file intact and
//! loadable: every file briefbook writes goes through `briefbook::write_atomic`.
//!
//! The test runs a copy of this test binary as the writer (the ignored test
//! `writer_child`, selected by name and told what to write through environment variables),
//! kills it with SIGKILL while its temp file is growing, and then reads the target back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use briefbook::Brief;

const TARGET_ENV: &str = "BRIEFBOOK_TEST_WRITE_TARGET";

/// The writer: rewrites the target with a huge brief, forever, until killed.
#[test]
#[ignore = "run by kill_during_write as a child process"]
fn writer_child() {
    let Some(target) = std::env::var_os(TARGET_ENV).map(PathBuf::from) else { return };
    let mut big = String::from("format = 1\n[brief]\ntitle = \"big\"\ncorpus = \"sources\"\n");
    // About 400 MB of comment lines: long enough to be caught in the middle.
    let line = format!("# {}\n", "x".repeat(1000));
    while big.len() < 400_000_000 {
        big.push_str(&line);
    }
    loop {
        briefbook::write_atomic(&target, big.as_bytes()).expect("write");
    }
}

fn temp_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .map(|e| (e.path(), e.metadata().map(|m| m.len()).unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn kill_during_write_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("brief.toml");
    let original =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/briefs/nato-defence-ministers-2026-02.toml"))
            .expect("sample brief");
    briefbook::write_atomic(&target, original.as_bytes()).expect("first write");

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["writer_child", "--exact", "--ignored", "--nocapture"])
        .env(TARGET_ENV, &target)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the writer");
    // Wait until the writer is in the middle of writing: its temp file exists and has grown.
    let started = Instant::now();
    let mut caught = false;
    while started.elapsed() < Duration::from_secs(120) {
        if temp_files(dir.path()).iter().any(|(_, len)| *len > 10_000_000) {
            caught = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill the writer");
    let _ = child.wait();
    assert!(caught, "the writer never got going");
    let leftovers = temp_files(dir.path());
    assert!(!leftovers.is_empty(), "the writer was killed mid-write, so its temp file is left");

    // The previous file is intact, byte for byte, and loads.
    let now = std::fs::read_to_string(&target).expect("target still readable");
    assert_eq!(now, original, "the previous file changed");
    let brief = Brief::from_toml(&now).expect("and it still loads");
    assert_eq!(brief.brief.title, "NATO Defence Ministers' Meeting");

    // The next save works and tidies the dead writer's temp file away.
    briefbook::write_atomic(&target, b"format = 1\n").expect("write after the crash");
    assert_eq!(std::fs::read(&target).expect("read"), b"format = 1\n");
    assert_eq!(temp_files(dir.path()), []);
}
