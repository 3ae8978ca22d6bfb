//! See `briefbook::fuzzing::layout`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::layout(data));
