//! Search on the real notes in `../shared/notes/` (only where `CONFSEARCH_SHARED` points at
//! them: CI and developers' machines). A set variable with missing data fails loudly.

use crate::harness::TestEnv;
use std::path::PathBuf;

/// The real notes, copied into a temp corpus and indexed; `None` when the data is not here.
fn indexed_real_notes() -> Option<TestEnv> {
    let Some(shared) = std::env::var_os("CONFSEARCH_SHARED").map(PathBuf::from) else {
        eprintln!("skipped: CONFSEARCH_SHARED is not set");
        return None;
    };
    let file = shared.join("notes/devopsdays-edinburgh.txt");
    let text = std::fs::read(&file)
        .unwrap_or_else(|e| panic!("CONFSEARCH_SHARED is set but {} cannot be read: {e}", file.display()));
    let env = TestEnv::new().bytes("devopsdays-edinburgh.txt", &text);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    Some(env)
}

fn hits(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.push("--json");
    let out = env.run(&all);
    assert!(out.code <= 1, "{}", out.stderr);
    out.json()["hits"].as_array().cloned().unwrap_or_default()
}

#[test]
fn real_notes_speaker_tom_riley_finds_thanos_talk() {
    let Some(env) = indexed_real_notes() else { return };
    let h = hits(&env, &["query", "--speaker", "Tom Riley"]);
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["title"], "Prometheus in Practice: High Availability with Thanos");
    assert_eq!(h[0]["year"], 2019);
}

#[test]
fn real_notes_mouat_2017_exactly_his_two_sessions() {
    let Some(env) = indexed_real_notes() else { return };
    let h = hits(&env, &["query", "--speaker", "mouat", "--year", "2017"]);
    let titles: Vec<&str> = h.iter().map(|x| x["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Microservice Deployment Techniques", "Docker Tips and Tricks"]);
}

#[test]
fn real_notes_secrets_management_ranks_secrets_sessions_first() {
    let Some(env) = indexed_real_notes() else { return };
    let h = hits(&env, &["query", "secrets management", "--limit", "3"]);
    let titles: Vec<&str> = h.iter().map(|x| x["title"].as_str().unwrap()).collect();
    assert_eq!(titles[0], "Secrets management", "{titles:?}");
    assert!(titles[1..].iter().any(|t| t.contains("Handling Secrets")), "{titles:?}");
}

#[test]
fn real_notes_youtube_links_include_the_allspaw_talk() {
    let Some(env) = indexed_real_notes() else { return };
    let out = env.run(&["links", "--domain", "youtube.com", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    let urls: Vec<&str> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert!(
        urls.contains(&"https://www.youtube.com/watch?v=xA5U85LSk0M"),
        "{urls:?}"
    );
}
