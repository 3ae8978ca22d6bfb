//! See `briefbook::fuzzing::xliff`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::xliff(data));
