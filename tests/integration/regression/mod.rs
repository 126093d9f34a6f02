//! Named bug cases: each test is named after the hostile or tricky input it feeds confsearch
//! (a binary file, invalid UTF-8, a symlink loop, a 70 MB line, escape sequences in a file
//! name, a closed pipe…), and its first comment line says what went wrong before (`Before:`, a
//! failure that was reproduced and fixed) or what it guards against (`Guards against:`, a
//! failure written down with the feature, never seen). Bad input never crashes, never loses
//! anything: at most a warning naming the file, the rest of the notes still indexed, and the
//! summary counting the warnings.
//!
//! By topic: what a note holds (`contents.rs`), how big it is (`size.rs`), file names, links
//! and permissions (`files.rs`), what reaches the terminal or a pipe (`output.rs`). A case that
//! belongs to one command's behaviour rather than to an input is with that command
//! (`index/crash_safety.rs`: killed runs and a full disk; `index/ownership.rs`: the index
//! folder; `query/filters.rs`: impossible dates).

mod contents;
mod files;
mod output;
mod size;

use crate::harness::{Output, TestEnv, titles, warnings};

const GOOD: &str = "# Chaos engineering by Ann Lee\n\nBreak things on purpose.\n";

/// A good note beside the hostile one.
fn with_good() -> TestEnv {
    TestEnv::new().note("good.md", GOOD)
}

/// A `confsearch: warning:` line names `name`.
fn assert_warns_about(out: &Output, name: &str) {
    assert!(
        warnings(out).iter().any(|w| w.contains(name)),
        "no warning naming {name}:\n{}",
        out.stderr
    );
}

/// The good session is still found.
fn assert_good_found(env: &TestEnv) {
    let out = env.run(&["query", "chaos", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Chaos engineering"]);
}

/// Bytes that would drive a terminal: ESC, BEL, CSI (C1), bidi overrides and isolates.
fn assert_no_control(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: control characters {bad:?} in {text:?}");
}
