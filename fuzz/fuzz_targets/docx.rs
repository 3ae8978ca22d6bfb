//! See `briefbook::fuzzing::docx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::docx(data));
