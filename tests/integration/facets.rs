//! `confsearch facets` and `query --facets`: counts that equal the matching sessions, and no
//! match said as such. (A speaker's aliases counted as one name: `query/filters.rs`; a talk
//! noted twice counted once: `query/ranking.rs`.)

use crate::fixtures::{harbourconf, testconf};
use crate::harness::TestEnv;
use serde_json::Value;

#[test]
fn facet_counts_equal_matching_sessions() {
    let env = testconf();
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
fn facets_with_no_match_say_so() {
    let env = harbourconf();
    let out = env.run(&["facets", "--year", "1999"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "No sessions match.\n");
    assert!(
        out.stderr
            .contains(r#"--year "1999" matches no session; closest: 2018, 2019"#),
        "{}",
        out.stderr
    );
    // Sessions match, but none has a tag: said as such, not as "no sessions".
    let out = env.run(&["facets", "tag", "--year", "2018"]);
    assert_eq!((out.code, out.stdout.as_str()), (1, "No tag values match.\n"));
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
