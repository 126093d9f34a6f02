//! How big: a 50 MB file, a 10 MB line, a 70 MB one-line note (read up to the 64 MiB cap), a
//! session over 1 MiB (cut), a `--limit` of a billion.

use super::{assert_good_found, with_good};
use crate::fixtures::day_notes;
use crate::harness::{TestEnv, assert_no_panic, assert_summary_counts_warnings, checked_index, summary, titles};
use std::time::{Duration, Instant};

const NOTE: &str = "# Vault in practice by Jo Smith\n\nSecrets rotated weekly.\n";

// Guards against: a 50 MB file of ordinary notes running out of time or memory.
#[test]
fn fifty_megabyte_file_is_indexed() {
    let mut big = String::with_capacity(51 << 20);
    let mut n = 0;
    while big.len() < 50 << 20 {
        big.push_str(&day_notes(n, 8, 2));
        n += 1;
    }
    big.push_str("\nOctober 30, 2019\n17:00 – 17:30 Ann Lee – Quasar closing remarks\nThe very end.\n");
    let env = with_good().note("huge.txt", &big);
    let started = Instant::now();
    let out = env.run_with_timeout(&["index"], Duration::from_secs(1800));
    eprintln!(
        "fifty_megabyte_file_is_indexed: index of {} MB ({n} days) took {:.1}s; {}",
        big.len() >> 20,
        started.elapsed().as_secs_f64(),
        summary(&out)
    );
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_good_found(&env);
    let out = env.run(&["query", "quasar", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Quasar closing remarks"]);
}

// Guards against: a 10 MB line, or a 10 MB word, crashing the parser or the tokenizer.
#[test]
fn ten_megabyte_single_line_does_not_crash() {
    let mut text = String::from("# Endless line talk by Ann Lee\n\n");
    text.push_str(&"lorem ipsum dolor sit amet ".repeat((10 << 20) / 27 + 1));
    let env = with_good()
        .note("oneline.md", &text)
        .note("oneline.txt", &"x".repeat(10 << 20));
    let out = env.run_with_timeout(&["index"], Duration::from_secs(300));
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_summary_counts_warnings(&out);
    assert_good_found(&env);
}

// Before: a 1 GB one-line note took 9.7 GB to index and 3.8 GB per query hitting it (issue 11).
#[test]
fn one_line_note_of_70_mb_is_read_up_to_64_mib_with_a_warning_naming_it() {
    let mut text = String::with_capacity(71 << 20);
    text.push_str("# Huge dump by Ann Lee\n\nbeginningword ");
    let chunk = "lorem ipsum dolor sit amet ".repeat(1 << 15);
    while text.len() < 70 << 20 {
        text.push_str(&chunk);
    }
    text.push_str(" finalword");
    let env = TestEnv::new().note("dump.txt", &text).note("a.md", NOTE);
    let stderr = checked_index(&env).stderr;
    assert!(stderr.contains("dump.txt is larger than 64 MiB"), "{stderr}");
    assert_eq!(titles(&env.run(&["query", "beginningword", "--json"])), ["Huge dump"]);
    assert_eq!(titles(&env.run(&["query", "vault", "--json"])), ["Vault in practice"]);
    // Unchanged: not read again; changed after the cap: seen (the whole file is hashed).
    let out = env.run(&["index"]);
    assert!(out.stderr.contains("=2"), "{}", out.stderr);
    text.push_str(" more");
    std::fs::write(env.corpus().join("dump.txt"), &text).unwrap();
    let out = env.run(&["index"]);
    assert!(out.stderr.contains("~1"), "{}", out.stderr);
}

// Before: a session stored and indexed all of its notes, however long (issue 11).
#[test]
fn session_notes_over_one_mib_are_cut_with_a_warning_naming_the_file() {
    let mut text = String::from("# Endless talk by Ann Lee\n\nbeginningword ");
    text.push_str(&"lorem ipsum dolor sit amet ".repeat((3 << 20) / 27));
    text.push_str(" finalword\n");
    let env = TestEnv::new().note("long.md", &text);
    let stderr = checked_index(&env).stderr;
    assert!(
        stderr.contains("long.md:1: the notes of this session are longer than 1 MiB"),
        "{stderr}"
    );
    let out = env.run(&["query", "beginningword", "--json"]);
    assert_eq!(titles(&out), ["Endless talk"]);
    // What is stored (and what a snippet is cut from) is at most the cap.
    let id = out.json()["hits"][0]["id"].as_str().unwrap().to_string();
    let shown = env.run(&["show", &id, "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let body = shown.json()["body"].as_str().unwrap_or_default().len();
    assert!(body > 0 && body <= 1 << 20, "{body} bytes stored");
    assert_eq!(env.run(&["query", "finalword"]).code, 1);
}

// Before: `--limit 1000000000` aborted allocating 48 GB; `--limit 18446744073709551615` panicked (issue 11).
#[test]
fn query_limit_of_a_billion_or_u64_max_does_not_crash() {
    let env = TestEnv::new()
        .note("a.md", NOTE)
        .note("b.md", "# Other talk\n\nNothing.\n");
    checked_index(&env);
    for limit in ["1000000000", "18446744073709551615"] {
        for args in [
            &["query", "vault", "--json", "--limit", limit][..],
            &["query", "--json", "--limit", limit],
            &["query", "--json", "--sort", "date", "--limit", limit],
        ] {
            let out = env.run(args);
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
            assert_eq!(
                out.json()["hits"].as_array().unwrap().len(),
                out.json()["total"].as_u64().unwrap() as usize
            );
        }
    }
}
