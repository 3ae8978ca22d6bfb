//! XLIFF import on arbitrary text; what is read and written back must read again.
#![no_main]

use briefbook::translate::{self, xliff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = translate::xml::decode(data) {
        if let Ok(file) = xliff::read(&text) {
            let written = xliff::write(&file.units, None);
            assert!(xliff::read(&written).is_ok(), "{written}");
        }
    }
});
