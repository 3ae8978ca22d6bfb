//! Replays every input in tests/fuzz_regressions/TARGET/ (inputs that once crashed a fuzz
//! target, and the seeds in fuzz/seeds/TARGET/) through the same code as the fuzz target.
//! Run the fuzzers with `bash scripts/fuzz.sh TARGET SECONDS`.

mod util;

#[test]
fn every_saved_fuzz_input_runs_without_a_panic() {
    let root = util::root();
    let mut ran = 0;
    for (name, target) in briefbook::fuzzing::TARGETS {
        for dir in [root.join("tests/fuzz_regressions").join(name), root.join("fuzz/seeds").join(name)] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            files.sort();
            for file in files {
                let data = std::fs::read(&file).expect("read");
                let outcome = std::panic::catch_unwind(|| target(&data));
                assert!(outcome.is_ok(), "fuzz target `{name}` panics on {}", file.display());
                ran += 1;
            }
        }
    }
    assert!(ran >= 8, "only {ran} inputs found");
}
