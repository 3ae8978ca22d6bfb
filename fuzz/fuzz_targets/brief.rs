//! See `briefbook::fuzzing::brief`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::brief(data));
