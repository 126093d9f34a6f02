#![no_main]
//! Decodes arbitrary bytes as a note file (BOMs, UTF-8, Windows-1252, binary) and parses
//! the text when it is accepted.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(note) = confsearch::corpus::decode(std::path::Path::new("x.md"), data) {
        let _ = confsearch::notes::parse("x.md", &note.text);
    }
});
