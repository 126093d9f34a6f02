//! `index`, `query`, `facets`, `links`, `show` on small temp corpora.

use crate::fixtures::testconf;
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
fn links_grouped_by_normalised_url_with_domain_filter() {
    let env = testconf();
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
    let env = testconf();
    let by_name = env.run(&["links", "--domain", "youtube.com", "--json"]).json();
    let by_url = env
        .run(&["links", "--domain", "https://www.YouTube.com/watch?v=abc", "--json"])
        .json();
    assert!(!by_name["links"].as_array().unwrap().is_empty());
    assert_eq!(by_url, by_name);
}

#[test]
fn show_prints_one_session_in_full() {
    let env = testconf();
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
    let env = testconf();
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
