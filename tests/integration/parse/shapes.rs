//! Shapes that lost talks (the parser-shapes round), on the real binary: a folder of notes
//! written in each, parsed one by one and indexed together.

use crate::harness::{TestEnv, checked_index, query};

const SURNAMES: &str = "# Harbourconf 2023\n\n\
## Queues that never drain (Okonkwo)\n\nBackpressure and bounded buffers.\n\n\
## Tracing without tears (Lindqvist)\n\nTail sampling.\n";

const KUBECON: &str = "---\ntitle: KubeCon notes\nyear: 2025\n---\n\n\
# KubeCon — Day 2, Thursday 3 April\n\n\
## Scaling etcd - Ana Costa\n\nCompaction.\n\n\
## Lightning talks\n\n\
- Alice: why tests fail at 3am\n\
- **Shipping on Fridays** — Bob Marsh\n  - feature flags\n";

const ORG: &str = "#+TITLE: Devconf notes\n#+DATE: <2019-05-14 Tue>\n\n\
* Gateway API in anger - Ben Ode\nRoutes.\n* CI/CD for I/O bound services - Ida Berg\nDisks.\n";

fn shapes() -> TestEnv {
    TestEnv::new()
        .note("2023/harbourconf.md", SURNAMES)
        .note("2025/kubecon.md", KUBECON)
        .note("2019/devconf.org", ORG)
}

/// (title, speakers, kind, date) of each session `parse --json` prints.
fn parsed(env: &TestEnv, rel: &str) -> Vec<(String, Vec<String>, String, Option<String>)> {
    let out = env.run(&["parse", env.corpus().join(rel).to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let speakers = s["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect();
            (
                s["title"].as_str().unwrap().to_string(),
                speakers,
                s["kind"].as_str().unwrap().to_string(),
                s["date"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn session(
    title: &str,
    speakers: &[&str],
    kind: &str,
    date: Option<&str>,
) -> (String, Vec<String>, String, Option<String>) {
    (
        title.to_string(),
        speakers.iter().map(|s| s.to_string()).collect(),
        kind.to_string(),
        date.map(str::to_string),
    )
}

#[test]
fn parse_surname_headings_day_heading_lightning_items_and_org_date() {
    let env = shapes();
    assert_eq!(
        parsed(&env, "2023/harbourconf.md"),
        [
            session("Queues that never drain", &["Okonkwo"], "talk", None),
            session("Tracing without tears", &["Lindqvist"], "talk", None),
        ]
    );
    let day = Some("2025-04-03");
    assert_eq!(
        parsed(&env, "2025/kubecon.md"),
        [
            session("Scaling etcd", &["Ana Costa"], "talk", day),
            session("why tests fail at 3am", &["Alice"], "ignite", day),
            session("Shipping on Fridays", &["Bob Marsh"], "ignite", day),
        ]
    );
    let date = Some("2019-05-14");
    assert_eq!(
        parsed(&env, "2019/devconf.org"),
        [
            session("Gateway API in anger", &["Ben Ode"], "talk", date),
            session("CI/CD for I/O bound services", &["Ida Berg"], "talk", date),
        ]
    );
}

#[test]
fn index_finds_surname_speakers_and_lightning_talks_by_speaker_and_kind() {
    let env = shapes();
    checked_index(&env);
    assert_eq!(query(&env, &["--speaker", "okonkwo"]), ["Queues that never drain"]);
    let mut ignites = query(&env, &["--kind", "ignite"]);
    ignites.sort();
    assert_eq!(ignites, ["Shipping on Fridays", "why tests fail at 3am"]);
    assert_eq!(
        query(&env, &["--speaker", "ida berg"]),
        ["CI/CD for I/O bound services"]
    );
}

#[test]
fn room_and_tags_lines_and_an_open_space_block_at_the_end_are_indexed() {
    let env = TestEnv::new().note(
        "2019/oslo.md",
        "# DevOpsDays Oslo 2019\n\n## Observability is not monitoring — Sam Smith\nRoom: Hall A\n\
         Tags: tracing, logs\nSpans.\n\n11:00 Open spaces\n- secrets management\n- chaos engineering\n",
    );
    checked_index(&env);
    assert_eq!(query(&env, &["--tag", "tracing"]), ["Observability is not monitoring"]);
    let out = env.run(&["query", "--json", "hall"]);
    assert_eq!(out.json()["hits"][0]["room"], "Hall A", "{}", out.stdout);
    // The open-space topics at the end of the file are searchable (they were dropped).
    assert_eq!(query(&env, &["\"secrets management\""]).len(), 1);
}
