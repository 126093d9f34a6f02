//! `confsearch parse FILE`: how one note splits into sessions. In their own files: `[[parse]]`
//! rules in `confsearch.toml` (`rules.rs`), the parser measured on the judged notes of sixteen
//! shapes (`styles.rs`), on the real notes of `../shared` (`real_notes.rs`), and the shapes that
//! lost talks, parsed and indexed (`shapes.rs`).

mod real_notes;
mod rules;
mod shapes;
mod styles;

use crate::harness::{TestEnv, titles};

const SCHEDULE: &str = "October 17, 2019\n\
08:00 – 09:05 Registration and coffee\n\
09:45 – 10:15 Ada Lovelace – Engines of Thought\n\
Notes about engines https://example.com/engines?utm_source=x\n\
\n\
13:45 – 14:15 Ignites\n\
\n\
Grace Hopper – Nanoseconds #latency\n\
Open Spaces Session 1 – 15:05 – 15:35\n\
Hutton Room – Pairing\n\
* Boardroom – Secrets management\n\
\n\
Rotate keys often.\n";

#[test]
fn parse_json_lists_sessions_with_every_field() {
    let env = TestEnv::new().note("2019/edinburgh.txt", SCHEDULE);
    let out = env.run(&[
        "parse",
        env.corpus().join("2019/edinburgh.txt").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["path"], "2019/edinburgh.txt");
    let sessions = json["sessions"].as_array().unwrap();
    let titles: Vec<&str> = sessions.iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Engines of Thought", "Nanoseconds", "Pairing", "Secrets management"]
    );
    let talk = &sessions[0];
    assert_eq!(talk["speakers"], serde_json::json!(["Ada Lovelace"]));
    assert_eq!(talk["date"], "2019-10-17");
    assert_eq!(talk["year"], 2019);
    assert_eq!(
        (talk["start"].as_str(), talk["end"].as_str()),
        (Some("09:45"), Some("10:15"))
    );
    assert_eq!(talk["kind"], "talk");
    assert_eq!(talk["links"][0]["url"], "https://example.com/engines");
    assert_eq!(talk["links"][0]["domain"], "example.com");
    assert_eq!(talk["source"]["line"], 3);
    assert!(talk["body"].as_str().unwrap().contains("Notes about engines"));
    assert_eq!(sessions[1]["kind"], "ignite");
    assert_eq!(sessions[1]["tags"], serde_json::json!(["latency"]));
    let attended = &sessions[3];
    assert_eq!(
        (
            attended["kind"].as_str(),
            attended["room"].as_str(),
            attended["attended"].as_bool()
        ),
        (Some("open-space"), Some("Boardroom"), Some(true))
    );
    assert_eq!(sessions[2]["attended"], false);
    assert!(attended["body"].as_str().unwrap().contains("Rotate keys"));
}

#[test]
fn parse_human_output_has_one_line_per_session() {
    let env = TestEnv::new().note("talk.md", "# \"Loop Better\" by Trey Hunner\n\nIterators.\n");
    let out = env.run(&["parse", env.corpus().join("talk.md").to_str().unwrap()]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("talk.md: 1 session\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("talk") && out.stdout.contains("Loop Better — Trey Hunner"),
        "{}",
        out.stdout
    );
}

#[test]
fn parse_missing_file_is_an_error_with_the_path() {
    let env = TestEnv::new();
    let out = env.run(&["parse", "nope.md"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope.md"), "{}", out.stderr);
}

#[test]
fn parse_missing_file_says_the_cause_once() {
    let env = TestEnv::new();
    let out = env.run(&["parse", "nope.md"]);
    assert_eq!(out.stderr.matches("No such file").count(), 1, "{}", out.stderr);
}

#[test]
fn parse_relative_file_with_absolute_corpus_gives_the_id_the_index_gives() {
    let env = TestEnv::new().note("2019/talk.md", "# \"Loop Better\" by Trey Hunner\n\nIterators.\n");
    // The test runs in the temp folder holding `corpus/`: a relative file, an absolute corpus.
    let out = env.run(&["parse", "corpus/2019/talk.md", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["path"], "2019/talk.md");
    assert!(
        json["sessions"][0]["id"].as_str().unwrap().starts_with("2019/talk.md#"),
        "{json}"
    );
    // The same note by a path with `..` in it.
    let out = env.run(&["parse", "corpus/2019/../2019/talk.md", "--json"]);
    assert_eq!(out.json()["path"], "2019/talk.md", "{}", out.stdout);
}

#[test]
fn parse_binary_file_is_refused_with_the_path() {
    let env = TestEnv::new().bytes("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = env.run(&["parse", env.corpus().join("image.md").to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("image.md") && out.stderr.contains("binary"),
        "{}",
        out.stderr
    );
}

#[test]
fn parse_broken_front_matter_warns_and_keeps_the_text() {
    let env = TestEnv::new().note(
        "x.md",
        "---\ntitle: [oops\n---\n# Real Title by Jane Doe\n\nBody text\n",
    );
    let out = env.run(&["parse", env.corpus().join("x.md").to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("x.md:1") && out.stderr.contains("front matter"),
        "{}",
        out.stderr
    );
    let json = out.json();
    assert!(
        json["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["body"].as_str().unwrap().contains("Body text"))
    );
}

const SIBLING_TALKS: &str = "# Harbour Summit 2021\n\n## Queues under load\nLena Hartmann - Staff Engineer @ Fjord Rail\n\nBackpressure.\n\n## Gradual typing\n_Omar Siddiqui_\n\nEdges first.\n";

#[test]
fn parse_explain_names_the_talk_level_and_each_rule() {
    let env = TestEnv::new().note("summit.md", SIBLING_TALKS);
    let file = env.corpus().join("summit.md");
    let out = env.run(&["parse", "--explain", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("talk level: heading level 2\n"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("why: sibling talk at the talk level").count(),
        2,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("in no session (before the first): lines 1\n"),
        "{}",
        out.stdout
    );
    let json = env
        .run(&["parse", "--explain", "--json", file.to_str().unwrap()])
        .json();
    assert_eq!(json["explain"]["talk_level"], "heading level 2");
    assert_eq!(json["explain"]["rules"].as_array().map(Vec::len), Some(2));
    // Without --explain the JSON is as before.
    let plain = env.run(&["parse", "--json", file.to_str().unwrap()]).json();
    assert!(plain.get("explain").is_none());
}

#[test]
fn parse_explain_says_why_a_free_section_after_a_day_close_has_its_year_or_none() {
    let env = TestEnv::new().note(
        "summit.txt",
        "October 23, 2019\n09:15 – 09:45 Ines Moreau – Feature flags at scale\nFlags are debt.\n16:50 – 17:00 Day Close\n\nOld slides\n\nFrom a talk I gave in 2018.\n\nMay 9, 2021\n09:00 – 09:30 Oskar Lind – Boring deployments\nShip on Fridays.\n16:50 – 17:00 Day Close\n\nStickers and swag\n\nToo many stickers.\n",
    );
    let file = env.corpus().join("summit.txt");
    let out = env.run(&["parse", "--explain", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("year: year 2018 from its own text: 2018 in the text"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("year: no year: nothing in it or the free sections around it says"),
        "{}",
        out.stdout
    );
    let json = env.run(&["parse", "--json", file.to_str().unwrap()]).json();
    let year_of = |title: &str| {
        json["sessions"]
            .as_array()
            .and_then(|list| list.iter().find(|s| s["title"] == title))
            .map(|s| s["year"].clone())
    };
    assert_eq!(year_of("Old slides"), Some(serde_json::json!(2018)));
    assert_eq!(year_of("Stickers and swag"), Some(serde_json::Value::Null));
    assert_eq!(year_of("Boring deployments"), Some(serde_json::json!(2021)));
}

#[test]
fn org_files_are_indexed_and_searchable() {
    let env = TestEnv::new().note(
        "2019/northwind.org",
        "#+TITLE: Northwind Summit 2019\n\n* Building resilient queues\n:PROPERTIES:\n:SPEAKER: Lena Hartmann\n:END:\nBackpressure matters.\n* Type systems for the rest of us\nPresenter: Omar Siddiqui\nGradual typing.\n",
    );
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = env.run(&["query", "backpressure", "--json"]);
    assert_eq!(titles(&out), ["Building resilient queues"]);
    let json = out.json();
    assert_eq!(json["hits"][0]["speakers"][0], "Lena Hartmann");
    assert_eq!(json["hits"][0]["source"]["path"], "2019/northwind.org");
}
