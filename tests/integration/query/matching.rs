//! What a query word finds besides itself: typos, other forms, synonyms, and
//! the suggestion when nothing matches; snippets that show why a session matched.

use crate::harness::{TestEnv, indexed, query, schedule_day};

fn kube_env() -> TestEnv {
    indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("Cluster upgrades", "We upgraded every Kubernetes cluster twice a year."),
                (
                    "Typo in the notes",
                    "Notes typed in a hurry: kubernets operators everywhere.",
                ),
                ("Bare metal", "Running k8s on our own hardware."),
                ("Lunch", "Soup and sandwiches."),
            ],
        ),
    ))
}

#[test]
fn kubernets_finds_kubernetes_sessions_below_the_exact_match() {
    let env = kube_env();
    let found = query(&env, &["kubernets"]);
    assert_eq!(
        found.first().map(String::as_str),
        Some("Typo in the notes"),
        "{found:?}"
    );
    assert!(found.contains(&"Cluster upgrades".to_string()), "{found:?}");
    assert!(!found.contains(&"Lunch".to_string()));
}

#[test]
fn typo_one_edit_from_five_letters_two_from_nine() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("Modules", "Terraform modules with tests."),
                ("Alerts", "Prometheus alerting rules."),
                ("Charts", "Helm charts for everything."),
            ],
        ),
    ));
    assert_eq!(query(&env, &["terrafrom"]), ["Modules"]);
    // Nine letters and more: two edits.
    assert_eq!(query(&env, &["promethues"]), ["Alerts"]);
    assert_eq!(query(&env, &["promehtues"]), ["Alerts"]);
    // Eight letters: one edit only.
    assert_eq!(query(&env, &["terrafrm"]), ["Modules"]);
    assert!(query(&env, &["terafrom"]).is_empty());
    // Four letters: none.
    assert!(query(&env, &["hlem"]).is_empty());
}

#[test]
fn year_2019_is_never_fuzzy_matched_to_2017() {
    let env = indexed(TestEnv::new().note(
        "notes.txt",
        &schedule_day(
            2019,
            &[
                ("Retro", "Looking back at what we shipped in 2017."),
                ("Roadmap", "Plans for k9s and friends."),
            ],
        ),
    ));
    // `2018`, one edit from `2017`, finds nothing (`2019` would find the sessions of the day,
    // a year in the query finding that year's sessions).
    assert!(query(&env, &["2018"]).is_empty());
    assert_eq!(query(&env, &["2017"]), ["Retro"]);
    // Words with digits are never corrected either.
    assert!(query(&env, &["k8s"]).iter().all(|t| t != "Roadmap"));
}

#[test]
fn exact_flag_turns_typos_forms_and_synonyms_off() {
    let env = kube_env();
    assert_eq!(query(&env, &["kubernets", "--exact"]), ["Typo in the notes"]);
    let all = query(&env, &["k8s"]);
    assert!(all.len() > 1, "{all:?}");
    assert_eq!(query(&env, &["k8s", "--exact"]), ["Bare metal"]);
}

#[test]
fn phrases_stay_exact() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(2019, &[("Modules", "Terraform modules with tests.")]),
    ));
    assert_eq!(query(&env, &["\"terraform modules\""]), ["Modules"]);
    assert!(query(&env, &["\"terrafrom modules\""]).is_empty());
    assert!(query(&env, &["\"terraform module\""]).is_empty());
}

#[test]
fn other_forms_of_a_word_rank_below_the_word_as_typed() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("One", "Keep the secret out of git."),
                ("Many", "Rotate secrets monthly."),
            ],
        ),
    ));
    assert_eq!(query(&env, &["secrets"]), ["Many", "One"]);
    assert_eq!(query(&env, &["secret"]), ["One", "Many"]);
}

#[test]
fn k8s_finds_sessions_that_only_say_kubernetes_below_those_that_say_k8s() {
    let env = kube_env();
    let found = query(&env, &["k8s"]);
    assert_eq!(found.first().map(String::as_str), Some("Bare metal"), "{found:?}");
    assert!(found.contains(&"Cluster upgrades".to_string()), "{found:?}");
    // And the other way round.
    assert!(query(&env, &["kubernetes"]).contains(&"Bare metal".to_string()));
}

#[test]
fn synonym_match_is_highlighted_in_the_snippet() {
    let env = kube_env();
    let out = env.run(&["query", "k8s", "--json"]);
    let hits = out.json()["hits"].as_array().expect("hits").clone();
    let upgrades = hits
        .iter()
        .find(|h| h["title"] == "Cluster upgrades")
        .expect("the Kubernetes session");
    let snippet = &upgrades["snippet"];
    let text = snippet["text"].as_str().expect("text");
    let [a, b] = [0, 1].map(|i| snippet["highlights"][0][i].as_u64().expect("range") as usize);
    assert_eq!(&text[a..b], "Kubernetes");
}

#[test]
fn multi_word_synonyms_match_as_phrases_both_ways() {
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[
                ("Full form", "What site reliability engineering means for a small team."),
                ("Short form", "Our SRE rotation."),
                (
                    "Scattered words",
                    "The site had poor reliability; engineering was busy.",
                ),
            ],
        ),
    ));
    // Every word as typed first (in either order), then the synonym standing for all three.
    let mut found = query(&env, &["site reliability engineering"]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2], "Short form", "{found:?}");
    found[..2].sort();
    assert_eq!(found[..2], ["Full form", "Scattered words"]);
    let found = query(&env, &["sre"]);
    assert_eq!(found, ["Short form", "Full form"], "{found:?}");
}

#[test]
fn synonyms_from_confsearch_toml_extend_or_replace_the_defaults() {
    let notes = schedule_day(
        2019,
        &[
            ("Actions", "We moved our builds to GitHub Actions."),
            ("Cluster", "A Kubernetes cluster."),
        ],
    );
    let env = indexed(TestEnv::new().note("2019/testconf.txt", &notes).note(
        "confsearch.toml",
        "[synonyms]\nmutual = [[\"gha\", \"github actions\"]]\n",
    ));
    assert_eq!(query(&env, &["gha"]), ["Actions"]);
    assert_eq!(query(&env, &["k8s"]), ["Cluster"]);
    let env = indexed(TestEnv::new().note("2019/testconf.txt", &notes).note(
        "confsearch.toml",
        "[synonyms]\nreplace = true\none_way = { gha = [\"github actions\"] }\n",
    ));
    assert_eq!(query(&env, &["gha"]), ["Actions"]);
    assert!(query(&env, &["k8s"]).is_empty());
    // One way: the value does not find the key.
    let env = indexed(
        TestEnv::new()
            .note(
                "2019/testconf.txt",
                &schedule_day(2019, &[("Short", "gha all the way")]),
            )
            .note(
                "confsearch.toml",
                "[synonyms]\none_way = { gha = [\"github actions\"] }\n",
            ),
    );
    assert!(query(&env, &["\"github actions\""]).is_empty());
}

#[test]
fn bad_synonyms_section_is_a_clear_error() {
    let env = TestEnv::new()
        .note("2019/testconf.txt", &schedule_day(2019, &[("A", "b")]))
        .note("confsearch.toml", "[synonyms]\nmutual = \"k8s\"\n");
    let out = env.run(&["index"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("[synonyms]"), "{}", out.stderr);
}

#[test]
fn no_result_query_gets_a_suggestion() {
    let env = kube_env();
    // Two edits in words too short for two typos.
    let out = env.run(&["query", "Custr upgarde", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.json()["suggestion"], "cluster upgraded");
    let out = env.run(&["query", "lnch"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("Did you mean: lunch"), "{}", out.stdout);
    // A typo in the first letter is not matched, but it is suggested.
    let out = env.run(&["query", "rluster", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.json()["suggestion"], "cluster");
    // Nothing close: no suggestion.
    let out = env.run(&["query", "zzyzx", "--json"]);
    assert_eq!(out.json()["suggestion"], serde_json::Value::Null);
    // A query that finds something has none.
    let out = env.run(&["query", "soup", "--json"]);
    assert_eq!(out.json()["suggestion"], serde_json::Value::Null);
}

#[test]
fn snippet_shows_a_second_fragment_when_matches_are_far_apart_and_highlights_the_title() {
    let filler = "Nothing to see in this sentence at all. ".repeat(20);
    let env = indexed(TestEnv::new().note(
        "2019/testconf.txt",
        &schedule_day(
            2019,
            &[(
                "Vault in production",
                &format!(
                    "We started with Vault for secrets. {filler} Later the team adopted rotation for every token."
                ),
            )],
        ),
    ));
    let out = env.run(&["query", "vault rotation", "--json"]);
    let hit = &out.json()["hits"][0];
    let first = hit["snippet"]["text"].as_str().expect("snippet").to_lowercase();
    let second = hit["second_snippet"]["text"]
        .as_str()
        .expect("second snippet")
        .to_lowercase();
    assert!(first.contains("vault") != first.contains("rotation"), "{first}");
    assert!(second.contains("vault") || second.contains("rotation"), "{second}");
    assert_eq!(hit["title_highlights"][0], serde_json::json!([0, 5]));
    // Close together: one fragment.
    let out = env.run(&["query", "vault secrets", "--json"]);
    assert!(out.json()["hits"][0].get("second_snippet").is_none());
}
