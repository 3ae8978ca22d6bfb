//! See `briefbook::fuzzing::frontmatter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefbook::fuzzing::frontmatter(data));
