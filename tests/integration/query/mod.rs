//! `confsearch query`: words, phrases and operators, the order of hits, exit codes. In their own
//! files: filters (`filters.rs`: every `--speaker`, `--year`, `--theme`, `--since`… test),
//! what a word finds besides itself (`matching.rs`: typos, forms, synonyms, did you mean,
//! snippets), queries typed the way people type them (`typing.rs`), ranking (`ranking.rs`), and
//! search on the real notes of `../shared` (`real_notes.rs`).

mod broad;
mod filters;
mod matching;
mod ranking;
mod real_notes;
mod typing;

use crate::fixtures::testconf;
use crate::harness::{TestEnv, titles};

#[test]
fn query_ranks_sessions_with_every_word_first_and_highlights() {
    let env = testconf();
    let out = env.run(&["query", "secrets management", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let t = titles(&out);
    // Both words first; then the session that only says "secrets"; never one with neither.
    assert_eq!(t, ["Secrets management with Vault", "Handling secrets in CI pipelines"]);
    let json = out.json();
    let hit = &json["hits"][0];
    let snippet = hit["snippet"]["text"].as_str().unwrap();
    let [a, b] = [
        hit["snippet"]["highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert!(snippet[a..b].to_lowercase().starts_with("secret"), "{snippet} {a}..{b}");
    assert_eq!(json["total"], 2);
    assert_eq!(hit["source"]["path"], "2019/testconf-2019.txt");
    assert_eq!(hit["source"]["line"], 2);
    assert_eq!(hit["date"], "2019-10-17");
}

#[test]
fn stemming_finds_plural_from_singular() {
    let env = testconf();
    assert_eq!(
        titles(&env.run(&["query", "operator", "--json"])),
        ["Kubernetes operators in practice"]
    );
}

#[test]
fn phrase_exclusion_or_and_field_queries() {
    let env = testconf();
    assert_eq!(
        titles(&env.run(&["query", "\"secrets management\"", "--json"])),
        ["Secrets management with Vault"]
    );
    assert_eq!(
        titles(&env.run(&["query", "secrets -vault", "--json"])),
        ["Handling secrets in CI pipelines"]
    );
    let mut t = titles(&env.run(&["query", "chaos OR prometheus", "--json"]));
    t.sort();
    assert_eq!(t, ["Chaos engineering basics", "Observability with Prometheus"]);
    assert_eq!(
        titles(&env.run(&["query", "speaker:lee", "--json", "--sort", "date"])),
        ["Chaos engineering basics", "Secrets management with Vault"]
    );
    assert_eq!(
        titles(&env.run(&["query", "+kubernetes operators", "--json"])),
        ["Kubernetes operators in practice"]
    );
}

#[test]
fn browse_lists_every_session_by_date_then_time() {
    let env = testconf();
    let t = titles(&env.run(&["query", "--json", "--limit", "100"]));
    assert_eq!(
        t,
        [
            "Chaos engineering basics",
            "Observability with Prometheus",
            "Secrets management with Vault",
            "Kubernetes operators in practice",
            "Handling secrets in CI pipelines"
        ]
    );
}

#[test]
fn equal_scores_and_dates_are_ordered_by_id_whichever_segment_holds_them() {
    // The same talk noted in six files, each written by a run of its own, the last name
    // first: each file's session lands in a segment of its own, and tantivy orders equal
    // scores by segment and document, not by id.
    let talk = "---\ndate: 2019-10-17\n---\n# Zanzibar authorisation in practice\n\nZanzibar tuples.\n";
    let env = TestEnv::new().note("f.md", talk);
    for name in ["f.md", "e.md", "d.md", "c.md", "b.md", "a.md"] {
        std::fs::write(env.corpus().join(name), talk).unwrap();
        assert_eq!(env.run(&["index"]).code, 0);
    }
    for args in [
        &["query", "zanzibar", "--json"][..],
        &["query", "zanzibar", "--sort", "date", "--json"],
    ] {
        let out = env.run(args);
        let json = out.json();
        let files: Vec<&str> = json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().split('#').next().unwrap())
            .collect();
        assert_eq!(files, ["a.md", "b.md", "c.md", "d.md", "e.md", "f.md"], "{args:?}");
    }
}

#[test]
fn long_pasted_query_is_read_by_its_first_words() {
    let env = testconf();
    let long = format!("secrets {}", "filler ".repeat(2000));
    let out = env.run(&["query", &long, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out)[0], "Secrets management with Vault");
}

#[test]
fn exit_codes_and_messages() {
    let env = testconf();
    assert_eq!(env.run(&["query", "secrets"]).code, 0);
    assert_eq!(env.run(&["query", "zebra"]).code, 1);
    for bad in [
        &["query", "\"unclosed"][..],
        &["query", "colour:red"],
        &["query", "x", "--year", "twenty"],
        &["query", "--kind", "talkish"],
    ] {
        let out = env.run(bad);
        assert_eq!(out.code, 2, "{bad:?}");
        assert!(out.stderr.starts_with("confsearch: "), "{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn missing_index_says_to_run_index() {
    let env = TestEnv::new().note("a.md", "# T by Ann Lee\n");
    let out = env.run(&["query", "x"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("run `confsearch index`"), "{}", out.stderr);
}
