#![no_main]
//! The query language parser must never panic, whatever the user types.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = confsearch::search::syntax::parse(&String::from_utf8_lossy(data));
});
