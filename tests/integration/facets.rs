//! `confsearch facets` and `query --facets`: counts that equal the matching sessions, and no
//! match said as such. (A speaker's aliases counted as one name: `query/filters.rs`; a talk
//! noted twice counted once: `query/ranking.rs`.)

use crate::fixtures::{harbourconf, testconf};

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
