//! Bounded work whatever the input: any `--limit`, huge notes, a full disk.

use crate::harness::{TestEnv, titles};

const NOTE: &str = "# Vault in practice by Jo Smith\n\nSecrets rotated weekly.\n";

fn index_ok(env: &TestEnv) -> String {
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out.stderr
}

#[test]
fn query_limit_of_a_billion_or_u64_max_does_not_crash() {
    let env = TestEnv::new()
        .note("a.md", NOTE)
        .note("b.md", "# Other talk\n\nNothing.\n");
    index_ok(&env);
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

#[test]
fn session_notes_over_one_mib_are_cut_with_a_warning_naming_the_file() {
    let mut text = String::from("# Endless talk by Ann Lee\n\nbeginningword ");
    text.push_str(&"lorem ipsum dolor sit amet ".repeat((3 << 20) / 27));
    text.push_str(" finalword\n");
    let env = TestEnv::new().note("long.md", &text);
    let stderr = index_ok(&env);
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
    let stderr = index_ok(&env);
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
