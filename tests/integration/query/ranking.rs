//! Ranking that people expect (issue 14): a rare query word weighs more than a common one, a
//! year in the query boosts that year's sessions, words joined and split as people type them,
//! snippets that highlight the word of the notes that matched, and a talk noted in two files
//! shown once with both places.

use crate::harness::{Output, TestEnv, indexed, query, schedule_day};

fn run(env: &TestEnv, args: &[&str]) -> Output {
    let mut all = vec!["query", "--json", "--limit", "50"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    out
}

#[test]
fn secrets_management_puts_the_rare_word_secrets_first() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("Release management", "How we cut a release every week."),
                (
                    "Vault in production",
                    "Keeping secrets out of git with a central store.",
                ),
                ("Cloud budgets", "Cost management for the cloud bill."),
                ("Incidents", "Incident management done calmly."),
                ("Hiring", "Team management and hiring engineers."),
                ("Ansible", "Configuration management with Ansible roles."),
            ],
        ),
    ));
    let found = query(&env, &["--", "secrets management"]);
    assert_eq!(found[0], "Vault in production", "{found:?}");
    // Without the rarity weight, the title match of the common word wins.
    let plain = query(
        &env,
        &[
            "--ranking",
            "boosts,bonus,forms,typos,synonyms,prefix",
            "--",
            "secrets management",
        ],
    );
    assert_eq!(plain[0], "Release management", "{plain:?}");
}

fn years_env() -> TestEnv {
    indexed(
        TestEnv::new()
            .note(
                "2018/testconf.txt",
                &schedule_day(
                    2018,
                    &[
                        ("Kubernetes at scale", "Kubernetes operators, Kubernetes upgrades."),
                        ("What we learned in 2019", "A look ahead at the next edition."),
                    ],
                ),
            )
            .note(
                "2019/testconf.txt",
                &schedule_day(
                    2019,
                    &[
                        ("Cluster day", "We run Kubernetes on bare metal."),
                        ("Lunch talk", "Sandwiches."),
                    ],
                ),
            ),
    )
}

#[test]
fn kubernetes_2019_ranks_the_2019_talk_first_without_filtering() {
    let env = years_env();
    let found = query(&env, &["--", "kubernetes 2019"]);
    assert_eq!(found[0], "Cluster day", "{found:?}");
    // Not a filter: the 2018 talks still match the other word or the text `2019`.
    assert!(found.contains(&"Kubernetes at scale".to_string()), "{found:?}");
    assert!(found.contains(&"What we learned in 2019".to_string()), "{found:?}");
    // `--year` stays the filter.
    assert_eq!(
        query(&env, &["--year", "2018", "--", "kubernetes 2019"])[0],
        "Kubernetes at scale"
    );
}

#[test]
fn year_2019_alone_lists_that_years_sessions_and_the_notes_saying_it() {
    let env = years_env();
    let mut found = query(&env, &["--", "2019"]);
    found.sort();
    assert_eq!(found, ["Cluster day", "Lunch talk", "What we learned in 2019"]);
    // A year excluded is the word excluded, as before.
    let found = query(&env, &["--", "kubernetes -2019"]);
    assert!(found.contains(&"Cluster day".to_string()), "{found:?}");
}

fn joined_env() -> TestEnv {
    indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("Gateways", "One GraphQL schema in front of every service."),
                ("Graph databases", "A graph of friends of friends."),
                ("Review", "A year of Copilot suggestions in code review."),
                ("Sidecars", "A service mesh adds mutual TLS between services."),
                ("The one word", "Some write servicemesh as one word."),
                ("Blameless", "Every outage gets a postmortem within a week."),
            ],
        ),
    ))
}

#[test]
fn graph_ql_finds_graphql() {
    let env = joined_env();
    assert_eq!(query(&env, &["--", "graph ql"])[0], "Gateways");
    assert!(query(&env, &["--exact", "--", "graph ql"]).first() != Some(&"Gateways".to_string()));
}

#[test]
fn co_pilot_finds_copilot_and_post_mortem_postmortem() {
    let env = joined_env();
    assert_eq!(query(&env, &["--", "co-pilot"]), ["Review"]);
    assert_eq!(query(&env, &["--", "post-mortem"]), ["Blameless"]);
}

#[test]
fn servicemesh_finds_service_mesh_below_the_word_as_typed() {
    let env = joined_env();
    assert_eq!(query(&env, &["--", "servicemesh"]), ["The one word", "Sidecars"]);
}

/// The words a hit's snippets highlight, as written in the notes.
fn highlighted(hit: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["snippet", "second_snippet"] {
        let Some(s) = hit.get(key) else { continue };
        let text = s["text"].as_str().unwrap();
        for r in s["highlights"].as_array().unwrap() {
            let (a, b) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            out.push(text[a..b].to_string());
        }
    }
    out
}

#[test]
fn kubernets_and_k8s_highlight_kubernetes_in_the_notes() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[("Upgrades", "We upgraded every Kubernetes cluster twice a year.")],
        ),
    ));
    for q in ["kubernets", "k8s"] {
        let out = run(&env, &["--", q]);
        let hits = out.json()["hits"].as_array().unwrap().clone();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(highlighted(&hits[0]), ["Kubernetes"], "{q}");
    }
}

#[test]
fn co_pilot_highlights_co_pilot_and_not_a_lone_pilot() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(2019, &[("Assistants", "The assistant is a co-pilot, not the pilot.")]),
    ));
    let out = run(&env, &["--", "co-pilot"]);
    let hits = out.json()["hits"].as_array().unwrap().clone();
    assert_eq!(highlighted(&hits[0]), ["co", "pilot"]);
}

const OWN_FILE: &str = "---
title: Prometheus in Practice
speakers: [Tom Riley]
conference: TestConf
date: 2019-10-17
---

Tom Riley on running Prometheus for two years: federation, then Thanos for long-term storage,
and alerting rules kept in the same repository as the services they watch.

## Takeaways

- Keep recording rules close to the dashboards that use them.
";

fn twins_env() -> TestEnv {
    indexed(
        TestEnv::new()
            .note(
                "2019/schedule.txt",
                "TestConf\n\nOctober 17, 2019\n\n09:00 Tom Riley – Prometheus in Practice\nMetrics at scale.\n\n09:30 Ann Lee – Prometheus in Practice\nAnother talk of the same name, about Prometheus alerts.\n\n",
            )
            .note("2019/talks/prometheus.md", OWN_FILE),
    )
}

#[test]
fn talk_in_the_schedule_and_its_own_file_shows_once_with_both_places() {
    let env = twins_env();
    let out = run(&env, &["--", "prometheus"]);
    let json = out.json();
    let hits = json["hits"].as_array().unwrap();
    // Tom Riley's talk once (the fuller note, its own file), Ann Lee's talk of the same name apart.
    assert_eq!(hits.len(), 2, "{}", out.stdout);
    assert_eq!(json["total"], 2);
    let tom = hits
        .iter()
        .find(|h| h["speakers"][0] == "Tom Riley")
        .expect("Tom Riley's talk");
    assert_eq!(tom["source"]["path"], "2019/talks/prometheus.md");
    assert_eq!(
        tom["also"],
        serde_json::json!([{"path": "2019/schedule.txt", "line": 5}])
    );
    let ann = hits
        .iter()
        .find(|h| h["speakers"][0] == "Ann Lee")
        .expect("Ann Lee's talk");
    assert!(ann.get("also").is_none());
    // Facet counts agree with what is shown.
    assert_eq!(json["facets"]["speaker"]["Tom Riley"], 1);
    assert_eq!(json["facets"]["year"]["2019"], 2);
    // Human output shows both places.
    let human = env.run(&["query", "--", "prometheus"]);
    assert!(
        human.stdout.contains("2019/talks/prometheus.md:8") && human.stdout.contains("also corpus/2019/schedule.txt:5"),
        "{}",
        human.stdout
    );
}

#[test]
fn talk_noted_twice_counts_once_in_facets_and_browse() {
    let env = twins_env();
    let out = env.run(&["facets", "--json", "speaker"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["speaker"]["Tom Riley"], 1, "{}", out.stdout);
    let all = run(&env, &[]);
    assert_eq!(all.json()["total"], 2, "{}", all.stdout);
}
