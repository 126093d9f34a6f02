#![no_main]
//! Parses arbitrary text as a Markdown note and as a plain-text note, and checks that
//! every session points at a line that exists and every link is an absolute URL.

use libfuzzer_sys::fuzz_target;

fn check(path: &str, text: &str) {
    let note = confsearch::notes::parse(path, text);
    // The parser turns a lone '\r' into a space, so only '\n' separates lines.
    let lines = text.split('\n').count();
    for session in &note.sessions {
        let line = session.source.line;
        assert!(
            (1..=lines).contains(&line),
            "{path}: session {:?} at line {line}, but the text has {lines} lines",
            session.title
        );
        for link in &session.links {
            if let Err(e) = url::Url::parse(&link.url) {
                panic!(
                    "{path}: link url {:?} (text {:?}) does not parse: {e}",
                    link.url, link.text
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Normalising (escape sequences, odd spaces) must never add or remove a line.
    let normalised = confsearch::notes::text::normalise_text(&text);
    assert_eq!(normalised.matches('\n').count(), text.matches('\n').count(), "normalising changed the line count");
    check("fuzz/x.md", &text);
    check("x.txt", &text);
});
