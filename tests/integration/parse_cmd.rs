//! `confsearch parse FILE`: how one note splits into sessions.

use crate::harness::TestEnv;

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
