//! Official schedules in the notes folder (issue 16): frab/pretalx JSON and XML, Sessionize
//! JSON and iCalendar files are read by content, every talk of them a session marked
//! `"from": "schedule"`; `--noted` / `--not-noted` keep one side; a broken schedule is a
//! warning with its place, and a JSON file that is no schedule is skipped without a word.

use crate::harness::{TestEnv, indexed};
use serde_json::Value;

/// The same invented conference (Berlin time, two days, two rooms) in each format.
const FORMATS: &[(&str, &str)] = &[
    ("nordlicht-2026.schedule.json", "frab/pretalx schedule.json"),
    ("nordlicht-2026.schedule.xml", "frab/pretalx schedule.xml"),
    ("nordlicht-2026.sessionize.json", "Sessionize JSON"),
    ("nordlicht-2026.ics", "iCalendar"),
];

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/programmes")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Notes of the first day, written the way people write them.
const NOTES: &str = "# Nordlicht Tech Days 2026\n\n## Kubernetes Without Tears - Zoë Wirth\n\nUpgrades every quarter, quotas per team.\n\n## Gardening for SREs - Tom Baker\n\nTomatoes and pagers.\n";

fn corpus_with(schedule: &str) -> TestEnv {
    TestEnv::new()
        .note("2026/nordlicht/notes.md", NOTES)
        .bytes(&format!("2026/nordlicht/{schedule}"), &fixture(schedule))
}

/// The schedule alone: every talk without notes.
fn schedule_only(schedule: &str) -> TestEnv {
    TestEnv::new().bytes(&format!("2026/nordlicht/{schedule}"), &fixture(schedule))
}

fn hits(out: &crate::harness::Output) -> Vec<Value> {
    out.json()["hits"].as_array().cloned().unwrap_or_default()
}

fn by_title<'a>(hits: &'a [Value], title: &str) -> &'a Value {
    hits.iter()
        .find(|h| h["title"].as_str().is_some_and(|t| t.starts_with(title)))
        .unwrap_or_else(|| panic!("no hit titled {title:?} in {hits:#?}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

#[test]
fn every_official_talk_is_a_session_with_its_fields_in_each_format() {
    for (file, _) in FORMATS {
        let env = indexed(schedule_only(file));
        let out = env.run(&["query", "--not-noted", "--json", "--limit", "50"]);
        assert_eq!(out.code, 0, "{file}: {}", out.stderr);
        let hits = hits(&out);
        assert_eq!(hits.len(), 6, "{file}: {hits:#?}");
        for h in &hits {
            assert_eq!(h["from"], "schedule", "{file}");
            assert_eq!(h["source"]["path"], format!("2026/nordlicht/{file}"), "{file}");
            assert!(h["source"]["line"].as_u64().unwrap() > 1, "{file}: {h}");
            assert_eq!(h["year"], 2026, "{file}");
        }
        if !file.contains("sessionize") {
            assert!(
                hits.iter().all(|h| h["conference"] == "Nordlicht Tech Days 2026"),
                "{file}: {hits:#?}"
            );
        }

        let k8s = by_title(&hits, "Kubernetes Without Tears");
        assert_eq!(strings(&k8s["speakers"]), ["Zoë Wirth", "Łukasz Nowak"], "{file}");
        assert_eq!(
            (&k8s["date"], &k8s["start"], &k8s["end"]),
            (&Value::from("2026-03-12"), &Value::from("10:00"), &Value::from("10:40")),
            "{file}"
        );
        assert_eq!(
            (&k8s["kind"], &k8s["room"]),
            (&Value::from("talk"), &Value::from("Saal Aurora")),
            "{file}"
        );
        let urls: Vec<&str> = k8s["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l["url"].as_str())
            .collect();
        assert!(
            urls.contains(&"https://media.example.org/v/nordlicht-2026-102"),
            "{file}: the recording among {urls:?}"
        );
        if !file.contains("sessionize") {
            assert!(
                urls.contains(&"https://pretalx.example.org/nordlicht-2026/talk/KWT8M2/"),
                "{file}: the talk's page among {urls:?}"
            );
        }
        assert!(
            strings(&k8s["tags"]).contains(&"cloud native"),
            "{file}: the track as a tag"
        );
        assert!(
            strings(&k8s["themes"]).contains(&"kubernetes"),
            "{file}: {}",
            k8s["themes"]
        );

        let keynote = by_title(&hits, "The Quiet Cloud");
        assert_eq!(keynote["kind"], "keynote", "{file}");
        assert_eq!(strings(&keynote["speakers"]), ["Jörg Ångström"], "{file}");
        assert_eq!(
            (&keynote["start"], &keynote["end"]),
            (&Value::from("09:00"), &Value::from("09:45"))
        );

        let workshop = by_title(&hits, "Hands-on Observability with OpenTelemetry");
        assert_eq!(workshop["kind"], "workshop", "{file}");
        assert_eq!(strings(&workshop["speakers"]), ["Ana Costa"], "{file}");
        assert_eq!(
            (&workshop["start"], &workshop["end"]),
            (&Value::from("14:00"), &Value::from("15:30"))
        );

        let ignite = by_title(&hits, "Five Minutes of Regex");
        assert_eq!(ignite["kind"], "ignite", "{file}");
        assert_eq!(
            (&ignite["date"], &ignite["end"]),
            (&Value::from("2026-03-13"), &Value::from("16:05"))
        );

        let panel = by_title(&hits, "Who Owns On-Call?");
        assert_eq!(panel["kind"], "panel", "{file}");
        assert_eq!(
            strings(&panel["speakers"]),
            ["Ana Costa", "Jörg Ångström", "Søren Dahl"],
            "{file}"
        );
        assert_eq!(panel["room"], "Raum Birke", "{file}");

        // In the calendar, this one is written in UTC (08:30Z): shown in Berlin time.
        let secrets = by_title(&hits, "Secrets Management at Scale");
        assert_eq!(
            (&secrets["date"], &secrets["start"], &secrets["end"]),
            (&Value::from("2026-03-13"), &Value::from("09:30"), &Value::from("10:10")),
            "{file}"
        );
    }
}

#[test]
fn ids_come_from_the_schedules_event_ids_and_show_finds_them() {
    let env = indexed(schedule_only("nordlicht-2026.schedule.json"));
    let out = env.run(&["query", "Kubernetes Without Tears", "--not-noted", "--json"]);
    let id = hits(&out)[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        id,
        "2026/nordlicht/nordlicht-2026.schedule.json#7f3d2a10-1111-5e6a-8c2b-000000000102"
    );
    let shown = env.run(&["show", &id]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("\nfrom:       programme\n"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("upgrades, quotas"),
        "the abstract is the body: {}",
        shown.stdout
    );
    let json = env.run(&["show", &id, "--json"]).json();
    assert_eq!(json["from"], "schedule");
}

#[test]
fn noted_and_not_noted_keep_one_side() {
    let env = indexed(corpus_with("nordlicht-2026.schedule.xml"));
    let all = hits(&env.run(&["query", "--json", "--limit", "50"]));
    let noted = hits(&env.run(&["query", "--noted", "--json", "--limit", "50"]));
    let not_noted = hits(&env.run(&["query", "--not-noted", "--json", "--limit", "50"]));
    assert!(noted.iter().all(|h| h["from"] == "notes"), "{noted:#?}");
    assert!(not_noted.iter().all(|h| h["from"] == "schedule"), "{not_noted:#?}");
    // The notes of "Kubernetes Without Tears" are matched to its official talk: the talk is
    // noted, and one hit with its notes.
    assert_eq!(noted.len(), 2, "{noted:#?}");
    assert_eq!(not_noted.len(), 5);
    assert!(not_noted.iter().all(|h| h["title"] != "Kubernetes Without Tears"));
    assert_eq!(all.len(), noted.len() + not_noted.len());
    // The filters apply to facets and to words as to listing.
    let facets = env.run(&["facets", "kind", "--not-noted", "--json"]).json();
    assert_eq!(facets["kind"]["keynote"], 1, "{facets}");
    assert_eq!(facets["kind"]["section"], Value::Null, "{facets}");
    let words = hits(&env.run(&["query", "kubernetes", "--noted", "--json"]));
    assert_eq!(words.len(), 1, "{words:#?}");
    assert_eq!(words[0]["source"]["path"], "2026/nordlicht/notes.md");
    let both = env.run(&["query", "--noted", "--not-noted"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
}

#[test]
fn human_output_marks_programme_talks_only() {
    let env = indexed(corpus_with("nordlicht-2026.ics"));
    let out = env.run(&["query", "kubernetes", "--color", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let blocks: Vec<&str> = out.stdout.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    // The notes and the programme's talk they were matched to: one hit, the notes.
    assert_eq!(blocks.len(), 1, "{}", out.stdout);
    assert!(!blocks[0].contains("[programme]"), "{}", blocks[0]);
    assert!(
        blocks[0].contains("also corpus/2026/nordlicht/nordlicht-2026.ics:"),
        "{}",
        blocks[0]
    );
    let talk = env.run(&["query", "quiet cloud", "--color", "never"]);
    assert!(talk.stdout.contains("keynote [programme]"), "{}", talk.stdout);
}

#[test]
fn broken_schedule_is_a_warning_with_its_path_and_line_and_the_notes_are_indexed() {
    let json = fixture("nordlicht-2026.schedule.json");
    let truncated = &json[..json.len() / 2];
    let truncated_line = truncated.iter().filter(|&&b| b == b'\n').count() + 1;
    let xml = String::from_utf8(fixture("nordlicht-2026.schedule.xml")).unwrap();
    let bad_xml = xml.replacen(
        "<title>Five Minutes of Regex</title>",
        "<title>Five Minutes of Regex</titel>",
        1,
    );
    let bad_line = bad_xml[..bad_xml.find("</titel>").unwrap()].lines().count();
    let env = TestEnv::new()
        .note("2026/nordlicht/notes.md", NOTES)
        .bytes("2026/nordlicht/schedule.json", truncated)
        .note("2026/nordlicht/schedule.xml", &bad_xml);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warning = |path: &str, line: usize| {
        out.stderr
            .lines()
            .find(|l| l.contains(&format!("{path}:{line}: not read as a")))
            .unwrap_or_else(|| panic!("no warning for {path}:{line}:\n{}", out.stderr))
            .to_string()
    };
    assert!(warning("2026/nordlicht/schedule.json", truncated_line).contains("schedule.json schedule: EOF"));
    assert!(warning("2026/nordlicht/schedule.xml", bad_line).contains("schedule.xml schedule"));
    let all = hits(&env.run(&["query", "--json"]));
    assert_eq!(
        all.len(),
        2,
        "the notes are indexed, nothing of the broken schedules: {all:#?}"
    );
    assert!(all.iter().all(|h| h["from"] == "notes"));
}

#[test]
fn package_json_is_ignored_silently() {
    let package = "{\n  \"name\": \"my-notes-site\",\n  \"scripts\": {\"build\": \"eleventy\"},\n  \"devDependencies\": {\"@11ty/eleventy\": \"^3.0.0\"}\n}\n";
    let env = TestEnv::new()
        .note("2026/nordlicht/notes.md", NOTES)
        .note("package.json", package)
        .note(
            "site/feed.xml",
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>\n",
        );
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("package.json"), "{}", out.stderr);
    assert!(!out.stderr.contains("feed.xml"), "{}", out.stderr);
    assert!(out.stderr.contains(" 0 warnings"), "{}", out.stderr);
    let all = hits(&env.run(&["query", "--json"]));
    assert_eq!(all.len(), 2, "{all:#?}");
    // Asked about it by name, `parse` says what it is not.
    let parsed = env.run(&["parse", &env.corpus().join("package.json").to_string_lossy()]);
    assert_eq!(parsed.code, 2);
    assert!(
        parsed.stderr.contains("package.json is not a notes file or a schedule"),
        "{}",
        parsed.stderr
    );
}

#[test]
fn parse_reads_each_format() {
    for (file, format) in FORMATS {
        let env = corpus_with(file);
        let path = env.corpus().join("2026/nordlicht").join(file);
        let out = env.run(&["parse", &path.to_string_lossy(), "--json"]);
        assert_eq!(out.code, 0, "{file}: {}", out.stderr);
        let json = out.json();
        assert_eq!(json["programme"], *format, "{file}");
        let sessions = json["sessions"].as_array().unwrap();
        assert_eq!(sessions.len(), 6, "{file}: {sessions:#?}");
        assert!(sessions.iter().all(|s| s["from"] == "schedule"), "{file}");
        let human = env.run(&["parse", &path.to_string_lossy()]);
        assert!(
            human.stdout.contains(&format!("official programme: {format}\n")),
            "{file}: {}",
            human.stdout
        );
        assert!(
            human
                .stdout
                .contains("Who Owns On-Call? — Ana Costa, Jörg Ångström, Søren Dahl"),
            "{}",
            human.stdout
        );
    }
}

#[test]
fn a_changed_schedule_is_read_again_like_a_changed_note() {
    let env = indexed(corpus_with("nordlicht-2026.schedule.json"));
    let path = env.corpus().join("2026/nordlicht/nordlicht-2026.schedule.json");
    let moved = String::from_utf8(fixture("nordlicht-2026.schedule.json"))
        .unwrap()
        .replace("\"room\": \"Raum Birke\"", "\"room\": \"Raum Eiche\"");
    std::fs::write(&path, moved).unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("(+0 ~1 -0 =1)"), "{}", out.stderr);
    let panel = env.run(&["query", "on-call pagers", "--not-noted", "--json"]);
    assert_eq!(by_title(&hits(&panel), "Who Owns On-Call?")["room"], "Raum Eiche");
}

#[test]
fn the_same_programme_saved_twice_is_one_hit_per_talk() {
    let env = indexed(corpus_with("nordlicht-2026.ics").bytes(
        "2026/nordlicht/nordlicht-2026.sessionize.json",
        &fixture("nordlicht-2026.sessionize.json"),
    ));
    let out = env.run(&["query", "--not-noted", "--json", "--limit", "50"]);
    let talks = hits(&out);
    assert_eq!(out.json()["total"], 5, "{talks:#?}");
    assert!(
        talks.iter().all(|h| h["also"].as_array().is_some_and(|a| a.len() == 1)),
        "{talks:#?}"
    );
    // The notes matched to the talk: one hit with both copies of the programme.
    let k8s: Vec<Value> = hits(&env.run(&["query", "Kubernetes Without Tears", "--json"]))
        .into_iter()
        .filter(|h| h["title"] == "Kubernetes Without Tears")
        .collect();
    assert_eq!(k8s.len(), 1, "{k8s:#?}");
    assert_eq!(k8s[0]["from"], "notes", "{k8s:#?}");
    assert_eq!(k8s[0]["also"].as_array().map(Vec::len), Some(2), "{k8s:#?}");
}
