//! Queries typed the way people type them (issue 10): exclusions without quotes, an unfinished
//! last word, part of a URL, counts only.

use crate::fixtures::harbourconf;
use crate::harness::titles;

#[test]
fn query_secrets_minus_kubernetes_unquoted_excludes_kubernetes() {
    let env = harbourconf();
    let out = env.run(&["query", "secrets", "-kubernetes", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Rotating secrets with Vault"]);
    assert_eq!(out.json()["query"], "secrets -kubernetes");
}

#[test]
fn query_secrets_minus_kubernetes_then_real_flags_still_work() {
    let env = harbourconf();
    let out = env.run(&["query", "secrets", "-kubernetes", "--year", "2018", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.json()["total"], 0);
    let out = env.run(&["query", "-kubernetes", "secrets", "--year", "2019", "-q", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Rotating secrets with Vault"]);
}

#[test]
fn prometh_finds_prometheus() {
    let env = harbourconf();
    let out = env.run(&["query", "prometh", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Alerting with Prometheus"]);
    let snippet = out.json()["hits"][0]["title_highlights"].clone();
    assert_eq!(
        snippet[0],
        serde_json::json!([14, 24]),
        "Prometheus highlighted in the title"
    );
}

#[test]
fn prom_whole_word_ranks_above_prometheus_completed() {
    let env = harbourconf();
    let out = env.run(&["query", "prom", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Prom night for dashboards", "Alerting with Prometheus"]);
}

#[test]
fn only_the_last_word_is_a_prefix() {
    let env = harbourconf();
    // `prometh` first is a word of its own: nothing has it, and nothing has both words.
    let out = env.run(&["query", "+prometh", "+alerting", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let out = env.run(&["query", "+alerting", "+prometh", "--json"]);
    assert_eq!(titles(&out), ["Alerting with Prometheus"]);
}

#[test]
fn prometh_did_you_mean_completes_the_word_not_projet() {
    let env = harbourconf();
    // --exact turns completions off, so nothing matches and a suggestion is made.
    let out = env.run(&["query", "prometh", "--exact", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.json()["suggestion"], "prometheus");
}

#[test]
fn a_video_id_finds_the_session_linking_to_it() {
    let env = harbourconf();
    // The id is the target of a Markdown link: not in the notes' text.
    let out = env.run(&["query", "Xy7_Qm2-Lp0", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Le projet open source"]);
}

#[test]
fn a_domain_finds_the_sessions_citing_it_bare_or_in_a_markdown_link() {
    let env = harbourconf();
    let out = env.run(&["query", "demo.example.org", "--json"]);
    assert_eq!(titles(&out), ["Rotating secrets with Vault"]);
    let out = env.run(&["query", "example.org", "--json"]);
    assert_eq!(titles(&out), ["Rotating secrets with Vault"]);
    let out = env.run(&["query", "prometheus.io/docs", "--json"]);
    assert_eq!(titles(&out), ["Alerting with Prometheus"]);
}

#[test]
fn limit_0_prints_the_count_only() {
    let env = harbourconf();
    let out = env.run(&["query", "secrets", "--limit", "0"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "2 sessions match.\n");
    let out = env.run(&["query", "--limit", "0", "--json"]);
    assert_eq!(out.json()["total"], 5);
    assert_eq!(out.json()["hits"], serde_json::json!([]));
    let out = env.run(&["query", "zzzz", "--limit", "0"]);
    assert_eq!((out.code, out.stdout.as_str()), (1, "No sessions match.\n"));
}
