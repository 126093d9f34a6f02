//! `confsearch show`: one session in full, named as `query` prints it (an id, a `path:line`
//! from the current folder or from the notes folder), ids that survive edits, its JSON.

use crate::fixtures::{testconf, two_talks};
use crate::harness::printed_place;
use serde_json::Value;

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
/// keys, in a hit's order, without what ranking adds, with its body before its source, and
/// its related sessions last.
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
    expected.push("related".into());
    let shown = env.run(&["show", id.as_str().unwrap(), "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let keys: Keys = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(keys.0, expected);
}

#[test]
fn printed_path_line_opens_from_the_current_folder_and_show_accepts_it() {
    let env = two_talks();
    assert_eq!(env.run(&["index"]).code, 0);
    let out = env.run(&["query", "chaos"]);
    let place = printed_place(&out.stdout);
    assert_eq!(place, "corpus/2019/day1.md:7", "{}", out.stdout);
    let (path, _) = place.split_once(':').unwrap();
    assert!(
        env.root().join(path).is_file(),
        "{path} does not exist from {}",
        env.root().display()
    );
    let shown = env.run(&["show", &place, "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.json()["title"], "Chaos engineering on Fridays");
    // Any line inside the talk names it; the place relative to the notes folder does too.
    let inside = env.run(&["show", "2019/day1.md:9", "--json"]);
    assert_eq!(inside.json()["title"], "Chaos engineering on Fridays");
}

#[test]
fn each_hit_shows_its_id_and_show_accepts_it() {
    let env = two_talks();
    env.run(&["index"]);
    let out = env.run(&["query", "vault"]);
    let id = "2019/day1.md#vault-in-production";
    assert!(out.stdout.contains(id), "{}", out.stdout);
    let shown = env.run(&["show", id]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.starts_with("Vault in production"), "{}", shown.stdout);
    // The id's path may be written from the current folder too.
    let from_here = env.run(&["show", "corpus/2019/day1.md#vault-in-production"]);
    assert_eq!(from_here.code, 0, "{}", from_here.stderr);
    assert_eq!(env.run(&["show", "2019/day1.md#no-such-talk"]).code, 1);
}

#[test]
fn ids_are_stable_when_a_talk_is_added_above() {
    let env = two_talks();
    env.run(&["index"]);
    let before = env.run(&["query", "chaos", "--json"]).json()["hits"][0].clone();
    let env = env.note(
        "2019/day1.md",
        "# DevOpsDays 2019\n\n## Opening keynote - Cy Dee\n\nWelcome.\n\n## Vault in production - Ann Lee\n\n\
         Secrets rotate daily.\n\n## Chaos engineering on Fridays - Bob Ray\n\nBreak things on purpose.\n",
    );
    let out = env.run(&["index"]);
    assert!(out.stderr.contains("~1"), "the edit was not indexed:\n{}", out.stderr);
    let after = env.run(&["query", "chaos", "--json"]).json()["hits"][0].clone();
    // The talk moved down the file; its id did not.
    assert_ne!(before["source"]["line"], after["source"]["line"]);
    assert_eq!(before["id"], after["id"]);
    assert_eq!(after["id"], "2019/day1.md#chaos-engineering-on-fridays");
}
