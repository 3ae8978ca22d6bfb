//! See `briefbook::fuzzing::events`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::events(data));
