//! `[[parse]]` in `confsearch.toml`: the escape hatch that says what opens a talk in a
//! folder's notes, when the parser's own choice is wrong.

use crate::harness::{TestEnv, titles};

/// Title-only level-3 headings, only one with a speaker line: too little for the sibling
/// choice, so the file reads as one talk named by its H1.
const DAY: &str = "# DevConf 2019\n\n## Morning\n\n### Scaling queues\nAna Costa\nBackpressure and retries.\n\n\
### Typing at scale\nGradual typing in a monorepo.\n\n## Afternoon\n\n### Takeaways\nShip smaller.\n";

/// A plain schedule whose talk lines start with a time.
const SCHEDULE: &str = "DevConf 2019 schedule\n\n09:00 Opening words\nWelcome from the organisers.\n\
09:30 Scaling queues - Ana Costa\nQueue notes.\n10:15 Coffee\n11:00 Typing at scale\nBen Ode\nGradual typing.\n";

fn session_titles(out: &crate::harness::Output) -> Vec<(String, Vec<String>)> {
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| s["kind"] != "section")
        .map(|s| {
            let speakers = s["speakers"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            (s["title"].as_str().unwrap_or_default().to_string(), speakers)
        })
        .collect()
}

fn write_config(env: &TestEnv, text: &str) {
    std::fs::write(env.corpus().join("confsearch.toml"), text).expect("write confsearch.toml");
}

#[test]
fn parse_rule_talk_heading_level_opens_a_talk_at_every_heading_of_that_level() {
    let env = TestEnv::new().note("conf/2019/day.md", DAY);
    let file = env.corpus().join("conf/2019/day.md");
    let file = file.to_str().unwrap();
    let before = session_titles(&env.run(&["parse", file, "--json"]));
    assert!(!before.iter().any(|(t, _)| t == "Typing at scale"), "{before:?}");
    write_config(&env, "[[parse]]\nfolder = \"conf\"\ntalk_heading_level = 3\n");
    let after = session_titles(&env.run(&["parse", file, "--json"]));
    assert_eq!(
        after,
        [
            ("Scaling queues".to_string(), vec!["Ana Costa".to_string()]),
            ("Typing at scale".to_string(), vec![]),
        ]
    );
}

#[test]
fn parse_rule_talk_line_opens_a_talk_at_each_matching_line() {
    let env = TestEnv::new()
        .note("conf/2019/schedule.txt", SCHEDULE)
        .note("meetups/other.txt", SCHEDULE);
    write_config(
        &env,
        "[[parse]]\nfolder = \"conf/2019\"\ntalk_line = '^\\d\\d:\\d\\d '\n",
    );
    let file = env.corpus().join("conf/2019/schedule.txt");
    let out = env.run(&["parse", file.to_str().unwrap(), "--json"]);
    // Title and speakers read from the line (`Title - Name`) or the line under it; the coffee
    // break is no talk.
    assert_eq!(
        session_titles(&out),
        [
            ("Opening words".to_string(), vec![]),
            ("Scaling queues".to_string(), vec!["Ana Costa".to_string()]),
            ("Typing at scale".to_string(), vec!["Ben Ode".to_string()]),
        ]
    );
    let sessions = out.json()["sessions"].clone();
    let typing = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Typing at scale")
        .cloned()
        .unwrap();
    assert_eq!(typing["start"], "11:00");
}

#[test]
fn parse_rule_covers_only_the_notes_under_its_folder() {
    let env = TestEnv::new().note("conf/2019/day.md", DAY).note("meetups/day.md", DAY);
    write_config(&env, "[[parse]]\nfolder = \"conf\"\ntalk_heading_level = 3\n");
    let covered = env.corpus().join("conf/2019/day.md");
    let other = env.corpus().join("meetups/day.md");
    assert_eq!(
        session_titles(&env.run(&["parse", covered.to_str().unwrap(), "--json"])).len(),
        2
    );
    let out = env.run(&["parse", other.to_str().unwrap(), "--json"]);
    assert!(
        !session_titles(&out).iter().any(|(t, _)| t == "Typing at scale"),
        "{}",
        out.stdout
    );
}

#[test]
fn parse_rule_change_reparses_the_notes_on_the_next_index() {
    let env = TestEnv::new().note("conf/2019/day.md", DAY);
    assert_eq!(env.run(&["index"]).code, 0);
    assert!(!titles(&env.run(&["query", "gradual", "--json"])).contains(&"Typing at scale".to_string()));
    write_config(&env, "[[parse]]\ntalk_heading_level = 3\n");
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&env.run(&["query", "gradual", "--json"])), ["Typing at scale"]);
    // And back: the rule removed, the file is read as before.
    write_config(&env, "");
    assert_eq!(env.run(&["index"]).code, 0);
    assert!(!titles(&env.run(&["query", "gradual", "--json"])).contains(&"Typing at scale".to_string()));
}

#[test]
fn parse_rule_with_an_invalid_value_is_an_error_naming_the_file_and_key() {
    for (config, key) in [
        ("[[parse]]\ntalk_heading_level = 0\n", "parse[1].talk_heading_level"),
        ("[[parse]]\ntalk_heading_level = 7\n", "parse[1].talk_heading_level"),
        ("[[parse]]\nfolder = \"a\"\ntalk_line = '(['\n", "parse[1].talk_line"),
        ("[[parse]]\nfolder = \"a\"\nlevel = 3\n", "parse[1].level"),
        (
            "[[parse]]\ntalk_heading_level = 2\n[[parse]]\nfolder = \"../up\"\ntalk_heading_level = 2\n",
            "parse[2].folder",
        ),
        ("[[parse]]\nfolder = \"a\"\n", "parse[1]"),
        ("[[parse]]\ntalk_heading_level = 2\ntalk_line = 'x'\n", "parse[1]"),
    ] {
        let env = TestEnv::new().note("conf/day.md", DAY);
        write_config(&env, config);
        for args in [
            vec!["index"],
            vec!["parse", env.corpus().join("conf/day.md").to_str().unwrap()],
        ] {
            let args: Vec<&str> = args.iter().map(|a| &**a).collect();
            let out = env.run(&args);
            assert_eq!(out.code, 2, "{config}: {}", out.stderr);
            assert!(
                out.stderr.contains("confsearch.toml") && out.stderr.contains(key),
                "{config}: {}",
                out.stderr
            );
        }
    }
}

#[test]
fn parse_explain_says_which_parse_rule_applied() {
    let env = TestEnv::new().note("conf/2019/day.md", DAY);
    write_config(&env, "[[parse]]\nfolder = \"conf/2019\"\ntalk_heading_level = 3\n");
    let file = env.corpus().join("conf/2019/day.md");
    let out = env.run(&["parse", file.to_str().unwrap(), "--explain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("parse rule: confsearch.toml [[parse]] folder = \"conf/2019\": talk_heading_level = 3"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("talk_heading_level = 3 opens a talk here"),
        "{}",
        out.stdout
    );
    let json = env
        .run(&["parse", file.to_str().unwrap(), "--explain", "--json"])
        .json();
    assert!(
        json["explain"]["parse_rule"]
            .as_str()
            .unwrap()
            .contains("talk_heading_level = 3")
    );
    // No rule, no line about one.
    write_config(&env, "");
    let out = env.run(&["parse", file.to_str().unwrap(), "--explain"]);
    assert!(!out.stdout.contains("parse rule"), "{}", out.stdout);
}
