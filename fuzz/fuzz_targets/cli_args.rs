#![no_main]
//! Command-line parsing must never panic: one argument per '\n'-separated line.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let args = std::iter::once("confsearch").chain(text.split('\n'));
    let _ = confsearch::cli::parse(args);
});
