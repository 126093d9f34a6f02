//! `index`, `query`, `facets`, `links`, `show` on small temp corpora.

use crate::harness::{TestEnv, titles};
use serde_json::Value;

const DAY_2019: &str = "October 17, 2019\n\
09:45 – 10:15 Ann Lee – Secrets management with Vault\n\
Rotate secrets often. https://www.vaultproject.io/docs?utm_source=x\n\
\n\
10:15 – 10:45 Bob Ray – Kubernetes operators in practice\n\
Operators extend Kubernetes. See https://www.youtube.com/watch?v=abc\n\
\n\
10:45 – 11:15 Cy Pérez – Handling secrets in CI pipelines\n\
Never print a secret in a CI log. https://youtu.be/xyz\n";

const DAY_2017: &str = "---\ntitle: Day notes\nconference: TestConf\n---\n\n# TestConf 2017\n\n## Monday 23 October 2017\n\n### 09:00 – 09:30 Ann Lee – Chaos engineering basics\n\nBreak things on purpose. #chaos\n\n### 09:30 – 10:00 Dan Wu – Observability with Prometheus\n\nMetrics and alerting. https://www.youtube.com/watch?v=abc\n";

fn env() -> TestEnv {
    let env = TestEnv::new()
        .note("2019/testconf-2019.txt", DAY_2019)
        .note("2017/testconf.md", DAY_2017);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed: {}", out.stderr);
    env
}

#[test]
fn index_summary_counts_files_sessions_links() {
    let env = TestEnv::new().note("2019/testconf-2019.txt", DAY_2019);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("indexed 1 files (+1 ~0 -0 =0): 3 sessions, 3 links, 0 warnings"),
        "{}",
        out.stderr
    );
}

#[test]
fn query_ranks_sessions_with_every_word_first_and_highlights() {
    let env = env();
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
    let env = env();
    assert_eq!(
        titles(&env.run(&["query", "operator", "--json"])),
        ["Kubernetes operators in practice"]
    );
}

#[test]
fn phrase_exclusion_or_and_field_queries() {
    let env = env();
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
fn filters_alone_and_combined() {
    let env = env();
    assert_eq!(titles(&env.run(&["query", "--year", "2017", "--json"])).len(), 2);
    assert_eq!(
        titles(&env.run(&["query", "--year", "2016..2018", "--year", "2019", "--json"])).len(),
        5
    );
    assert_eq!(
        titles(&env.run(&["query", "--speaker", "PEREZ", "--json"])),
        ["Handling secrets in CI pipelines"]
    );
    assert_eq!(
        titles(&env.run(&["query", "--speaker", "lee", "--year", "2019", "--json"])),
        ["Secrets management with Vault"]
    );
    assert_eq!(
        titles(&env.run(&[
            "query", "--theme", "security", "--kind", "talk", "--year", "2019", "--json"
        ]))
        .len(),
        2
    );
    assert_eq!(
        titles(&env.run(&["query", "--conference", "testconf", "--year", "2017", "--json"])).len(),
        2
    );
    assert_eq!(
        titles(&env.run(&["query", "--tag", "#chaos", "--json"])),
        ["Chaos engineering basics"]
    );
    assert_eq!(
        titles(&env.run(&["query", "--since", "2019-01-01", "--until", "2019-12", "--json"])).len(),
        3
    );
    let mut by_domain = titles(&env.run(&["query", "--domain", "youtube.com", "--json"]));
    by_domain.sort();
    assert_eq!(
        by_domain,
        ["Kubernetes operators in practice", "Observability with Prometheus"]
    );
    assert_eq!(
        titles(&env.run(&["query", "secrets", "--year", "2017", "--json"])).len(),
        0
    );
}

#[test]
fn browse_lists_every_session_by_date_then_time() {
    let env = env();
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
fn facet_counts_equal_matching_sessions() {
    let env = env();
    let json = env.run(&["query", "secrets", "--json"]).json();
    let total = json["total"].as_u64().unwrap();
    let years: u64 = json["facets"]["year"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(years, total);
    assert_eq!(json["facets"]["speaker"]["Ann Lee"], 1);
    let all = env.run(&["facets", "year", "--json"]).json();
    assert_eq!(all, serde_json::json!({"year": {"2017": 2, "2019": 3}}));
    let human = env.run(&["query", "secrets", "--facets"]);
    assert!(
        human.stdout.contains("year\n") && human.stdout.contains("      2  2019"),
        "{}",
        human.stdout
    );
}

#[test]
fn links_grouped_by_normalised_url_with_domain_filter() {
    let env = env();
    let json = env.run(&["links", "--domain", "youtube.com", "--json"]).json();
    let links = json["links"].as_array().unwrap();
    assert_eq!(links[0]["url"], "https://www.youtube.com/watch?v=abc");
    assert_eq!(links[0]["count"], 2);
    assert_eq!(links[0]["sessions"].as_array().unwrap().len(), 2);
    assert!(links.iter().all(|l| l["domain"] == "youtube.com"));
    let vault = env.run(&["links", "vault", "--json"]).json();
    assert_eq!(vault["links"][0]["url"], "https://www.vaultproject.io/docs");
}

/// `links --domain https://www.YouTube.com/watch?v=abc` found the sessions (the filter read the
/// URL's domain) but listed none of their links (the links were matched against the whole URL).
#[test]
fn links_domain_given_as_a_url_lists_that_domains_links() {
    let env = env();
    let by_name = env.run(&["links", "--domain", "youtube.com", "--json"]).json();
    let by_url = env
        .run(&["links", "--domain", "https://www.YouTube.com/watch?v=abc", "--json"])
        .json();
    assert!(!by_name["links"].as_array().unwrap().is_empty());
    assert_eq!(by_url, by_name);
}

#[test]
fn show_prints_one_session_in_full() {
    let env = env();
    let out = env.run(&["show", "2019/testconf-2019.txt#secrets-management-with-vault", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = out.json();
    assert_eq!(json["title"], "Secrets management with Vault");
    assert!(json["body"].as_str().unwrap().contains("Rotate secrets"));
    assert_eq!(
        json["links"][0]["text"],
        "https://www.vaultproject.io/docs?utm_source=x"
    );
    assert_eq!(env.run(&["show", "nope#1"]).code, 1);
}

/// The keys of a JSON object, in the order printed.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// `show --json` printed its keys sorted and a `"score": 0.0`: a session shown has a hit's
/// keys, in a hit's order, without what ranking adds, and with its body before its source.
#[test]
fn show_json_has_a_hits_keys_in_its_order_and_no_score() {
    #[derive(serde::Deserialize)]
    struct Found {
        hits: Vec<Keys>,
    }
    let env = env();
    let query = env.run(&["query", "vault", "--json"]);
    let found: Found = serde_json::from_str(&query.stdout).unwrap();
    let id = query.json()["hits"][0]["id"].clone();
    let mut expected: Vec<String> = found.hits[0]
        .0
        .iter()
        .filter(|k| !["score", "title_highlights", "snippet", "second_snippet"].contains(&k.as_str()))
        .cloned()
        .collect();
    expected.insert(expected.len() - 1, "body".into());
    assert_eq!(expected.last().map(String::as_str), Some("source"));
    let shown = env.run(&["show", id.as_str().unwrap(), "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let keys: Keys = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(keys.0, expected);
}

#[test]
fn exit_codes_and_messages() {
    let env = env();
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

#[test]
fn ambiguous_speaker_part_is_an_error_naming_them() {
    let env = TestEnv::new().note("a.txt", "09:00 – 09:30 Ann Lee – One\n09:30 – 10:00 Ann Roe – Two\n");
    assert_eq!(env.run(&["index"]).code, 0);
    let out = env.run(&["query", "--speaker", "ann"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Ann Lee") && out.stderr.contains("Ann Roe"),
        "{}",
        out.stderr
    );
}

#[test]
fn ignore_files_and_non_note_files_are_skipped() {
    let env = TestEnv::new()
        .note("keep.md", "# Kept talk by Ann Lee\n")
        .note("drafts/skip.md", "# Skipped talk by Bob Ray\n")
        .note(".confsearchignore", "drafts/\n")
        .note("image.png", "not a note")
        .bytes("binary.md", b"\x00\x01\x02binary");
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("binary.md"), "{}", out.stderr);
    assert_eq!(titles(&env.run(&["query", "--json"])), ["Kept talk"]);
}

#[test]
fn theme_taxonomy_extended_in_confsearch_toml() {
    let env = TestEnv::new()
        .note("a.md", "# Borrow checking in anger by Ann Lee\n\nLifetimes.\n")
        .note("confsearch.toml", "[themes]\nrust = [\"borrow\", \"lifetime*\"]\n");
    assert_eq!(env.run(&["index"]).code, 0);
    assert_eq!(
        titles(&env.run(&["query", "--theme", "rust", "--json"])),
        ["Borrow checking in anger"]
    );
}

#[test]
fn index_watch_applies_changes_as_they_happen() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let env = TestEnv::new().note("a.md", "# First talk by Ann Lee\n\nalpha\n");
    let mut child = env
        .command(&["index", "--watch"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn watch");
    // Everything `index` tells goes to stderr: the first summary, then the watch lines.
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let summary = lines.next().expect("a line").expect("utf-8");
    assert!(summary.starts_with("indexed 1 files"), "{summary}");
    let first = lines.next().expect("a line").expect("utf-8");
    assert!(first.starts_with("watching "), "{first}");
    std::fs::write(env.corpus().join("b.md"), "# Second talk by Bob Ray\n\nbeta\n").expect("write");
    let update = lines.next().expect("an update line").expect("utf-8");
    assert!(update.contains("(+1 ~0 -0 =1)"), "{update}");
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(titles(&env.run(&["query", "beta", "--json"])), ["Second talk"]);
}

#[test]
fn long_pasted_query_is_read_by_its_first_words() {
    let env = env();
    let long = format!("secrets {}", "filler ".repeat(2000));
    let out = env.run(&["query", &long, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out)[0], "Secrets management with Vault");
}

/// The file read first spells the conference in lower case; a later one spells it better: the
/// first is written again, so the index holds one spelling.
#[test]
fn conference_spelled_better_by_a_later_file_is_one_facet_value() {
    let note =
        |conf: &str, title: &str| format!("---\ntitle: {title}\nconference: {conf}\n---\n\n# {title}\n\nNotes.\n");
    let env = TestEnv::new()
        .note("2018/a.md", &note("pygotham", "Async all the way"))
        .note("2018/b.md", &note("PyGotham", "Typing in practice"));
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = env.run(&["facets", "conference", "--json"]);
    assert_eq!(out.json()["conference"], serde_json::json!({"PyGotham": 2}));
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

/// Each facet value's sessions, counted one by one from the hits `query --json` lists.
fn naive_facets(json: &Value) -> Value {
    let mut counts: std::collections::BTreeMap<&str, std::collections::BTreeMap<String, u64>> =
        ["year", "speaker", "theme", "conference", "tag", "kind", "domain"]
            .into_iter()
            .map(|f| (f, Default::default()))
            .collect();
    for hit in json["hits"].as_array().unwrap() {
        let strings = |key: &str| -> std::collections::BTreeSet<String> {
            hit[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        let mut held: Vec<(&str, String)> = Vec::new();
        if let Some(year) = hit["year"].as_u64() {
            held.push(("year", year.to_string()));
        }
        if let Some(c) = hit["conference"].as_str() {
            held.push(("conference", c.to_string()));
        }
        held.push(("kind", hit["kind"].as_str().unwrap().to_string()));
        held.extend(strings("speakers").into_iter().map(|v| ("speaker", v)));
        held.extend(strings("themes").into_iter().map(|v| ("theme", v)));
        held.extend(strings("tags").into_iter().map(|v| ("tag", v)));
        let domains: std::collections::BTreeSet<String> = hit["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["domain"].as_str().unwrap().to_string())
            .collect();
        held.extend(domains.into_iter().map(|v| ("domain", v)));
        for (facet, value) in held {
            *counts.get_mut(facet).unwrap().entry(value).or_default() += 1;
        }
    }
    serde_json::to_value(counts).unwrap()
}

/// Facets are counted in the pass that finds the hits (not a search per facet): every count
/// is the number of matching sessions holding the value, a talk noted in two files once.
#[test]
fn facet_counts_equal_a_naive_count_of_every_hit() {
    let env = crate::harness::indexed(
        TestEnv::new()
            .bundled_corpus()
            .note(
                "2019/schedule.txt",
                "TestConf\n\nOctober 17, 2019\n\n09:00 Iona Fraser – Dashboards Nobody Reads\nGrafana at scale. https://grafana.com/docs\n\n",
            )
            .note(
                "2019/talks/dashboards.md",
                "---\ntitle: Dashboards Nobody Reads\nspeakers: [Iona Fraser]\nconference: TestConf\ntags: [grafana]\n---\n\nGrafana dashboards, then alerts. https://grafana.com/docs and https://play.grafana.org/\n",
            ),
    );
    let queries: [&[&str]; 7] = [
        &[],
        &["prometheus"],
        &["dashboards"],
        &["secrets"],
        &["kubernetes", "--year", "2019"],
        &["--theme", "security"],
        &["zzzzqqq"],
    ];
    for args in queries {
        let mut all = vec!["query", "--json", "--limit", "100000"];
        all.extend(args);
        let json = env.run(&all).json();
        assert_eq!(
            json["hits"].as_array().unwrap().len() as u64,
            json["total"].as_u64().unwrap()
        );
        assert_eq!(json["facets"], naive_facets(&json), "{args:?}");
    }
    // The talk noted twice: one hit, counted once.
    let dashboards = env.run(&["query", "--json", "--speaker", "Iona Fraser"]).json();
    assert_eq!(dashboards["total"], 1, "{dashboards}");
    assert_eq!(dashboards["hits"][0]["also"][0]["path"], "2019/schedule.txt");
    assert_eq!(dashboards["facets"]["speaker"]["Iona Fraser"], 1);
    assert_eq!(
        dashboards["facets"]["domain"],
        serde_json::json!({"grafana.com": 1, "play.grafana.org": 1})
    );
    // `facets` counts what `query` lists with the same filters.
    let listed = env
        .run(&["query", "--json", "--limit", "100000", "--year", "2019"])
        .json();
    let facets = env.run(&["facets", "--json", "--year", "2019"]).json();
    assert_eq!(facets, listed["facets"]);
    // `--facets` lists (and counts) year, speaker and theme only.
    let human = env.run(&["query", "prometheus", "--facets"]);
    assert!(
        human.stdout.contains("speaker\n") && !human.stdout.contains("domain\n"),
        "{}",
        human.stdout
    );
}
