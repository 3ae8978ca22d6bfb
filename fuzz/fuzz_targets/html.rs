//! See `briefbook::fuzzing::html`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::html(data));
