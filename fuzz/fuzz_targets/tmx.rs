//! TMX import on arbitrary text, directly and as a brief's translation memory file.
#![no_main]

use briefbook::translate::{self, tmx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = translate::xml::decode(data) {
        if let Ok(file) = tmx::read(&text) {
            let mut memory = translate::Memory::new();
            memory.import(file.entries.clone());
            let written = tmx::write(memory.entries());
            // What briefbook writes it must read back.
            assert!(tmx::read(&written).is_ok(), "{written}");
        }
    }
});
