//! See `briefbook::fuzzing::tmx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::tmx(data));
