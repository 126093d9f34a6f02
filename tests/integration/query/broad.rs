//! Broad queries: a word in most of 1,500 sessions. Past 1,000 matches the human output ranks
//! without scoring every match (`search::prune`) and says its total is an estimate; its first
//! page must be the one `--json` (which visits every match, for its facets) shows.

use crate::harness::{Output, TestEnv, indexed};

/// Words of the generated notes: `team` in most sessions, `kubernetes` in many.
const WORDS: [&str; 12] = [
    "team",
    "kubernetes",
    "secrets",
    "teams",
    "platform",
    "mesh",
    "steam",
    "vault",
    "ops",
    "tracing",
    "budget",
    "review",
];

const SPEAKERS: [&str; 6] = ["Ann Lee", "Bob Ray", "Cy Moss", "Dee Fox", "Eli Ward", "Flo Kim"];

/// A talk in its own file, with more notes than its line in a schedule.
fn own_file(title: &str, speaker: &str, notes: &str) -> String {
    format!("---\ntitle: {title}\nspeakers: [{speaker}]\nconference: TestConf\ndate: 2019-10-17\n---\n\n{notes}\n")
}

/// 30 schedules of 50 talks each in 2019, their words drawn (skewed to the first of [`WORDS`])
/// by a small linear congruential generator; two of the talks are also noted in files of their
/// own: `Team team team team` (the one with `zeppelin`), and `Quiet harbour notes`, which `team`
/// ranks low.
fn broad_env() -> TestEnv {
    let mut state: u64 = 7;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    let mut env = TestEnv::new();
    for day in 0..30 {
        let mut s = String::from("TestConf\n\nOctober 17, 2019\n\n");
        for talk in 0..50 {
            let minutes = 8 * 60 + talk * 10;
            let time = format!("{:02}:{:02}", minutes / 60, minutes % 60);
            let (speaker, title, notes) = match (day, talk) {
                (0, 0) => (
                    "Tom Riley".to_string(),
                    "Team team team team".to_string(),
                    "team zeppelin".to_string(),
                ),
                (1, 0) => (
                    "Una Park".to_string(),
                    "Quiet harbour notes".to_string(),
                    "team".to_string(),
                ),
                _ => {
                    let title: Vec<&str> = (0..3).map(|_| WORDS[next(WORDS.len())]).collect();
                    // A number of its own: no two talks share a title (and so are no twins).
                    let mut title = format!("{} {day}x{talk}", title.join(" "));
                    title[..1].make_ascii_uppercase();
                    let len = 8 + next(12);
                    // Skewed: the first words far more often.
                    let notes: Vec<&str> = (0..len)
                        .map(|_| WORDS[next(WORDS.len()).min(next(WORDS.len()))])
                        .collect();
                    (SPEAKERS[next(SPEAKERS.len())].to_string(), title, notes.join(" "))
                }
            };
            s.push_str(&format!("{time} {speaker} – {title}\n{notes}.\n\n"));
        }
        env = env.note(&format!("2019/day-{day:02}.txt"), &s);
    }
    indexed(
        env.note(
            "2019/talks/team.md",
            &own_file(
                "Team team team team",
                "Tom Riley",
                "How one team splits into teams: team topologies, team APIs, a zeppelin and the team's budget.",
            ),
        )
        .note(
            "2019/talks/harbour.md",
            &own_file(
                "Quiet harbour notes",
                "Una Park",
                "Notes from the harbour walk: boats, cranes, a team of pilots and the tide tables.",
            ),
        ),
    )
}

/// The ids of the hits of human output, in order: each hit's last line is `PATH:LINE · ID …`.
fn human_ids(out: &Output) -> Vec<String> {
    out.stdout
        .lines()
        .filter_map(|l| l.trim().split(" · ").nth(1))
        .filter(|id| id.contains('#'))
        .map(str::to_string)
        .collect()
}

fn json_ids(out: &Output) -> Vec<String> {
    out.json()["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

/// `10 of about N sessions shown …` → N.
fn about(query: &str, out: &Output) -> u64 {
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains(" of about "))
        .unwrap_or_else(|| panic!("{query}: no estimated total in:\n{}", out.stdout));
    line.split(" of about ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_word_in_most_sessions_shows_the_same_first_page_as_json_with_an_estimated_total() {
    let env = broad_env();
    for query in [
        "team",
        "kubernetes secrets",
        "kubernets",
        "tea",
        "kubernetes team platform",
        "team --limit 3",
    ] {
        let mut args = vec!["query"];
        args.extend(query.split(' '));
        let human = env.run(&args);
        assert_eq!(human.code, 0, "{query}: {}", human.stderr);
        args.push("--json");
        let json = env.run(&args);
        assert_eq!(json.code, 0, "{query}: {}", json.stderr);
        let ids = json_ids(&json);
        assert!(!ids.is_empty(), "{query}");
        assert_eq!(human_ids(&human), ids, "{query}:\n{}", human.stdout);
        // More than 1,000 sessions match: the human total is an estimate and says so, and
        // how to get the exact one; JSON's total stays exact.
        let total = json.json()["total"].as_u64().unwrap();
        assert!(total > 1000, "{query}: {total}");
        assert!(about(query, &human) >= total, "{query}");
        assert!(human.stdout.contains("--limit 0 for the exact count"), "{query}");
    }
}

#[test]
fn the_estimate_counts_both_notes_of_a_talk_not_shown_and_limit_0_counts_exactly() {
    let env = broad_env();
    // `zeppelin` is only in the talk noted twice: it ranks first, among every session with `team`.
    let json = env.run(&["query", "team", "zeppelin", "--json"]);
    let total = json.json()["total"].as_u64().unwrap();
    // The fuller note is shown, with the schedule's place.
    let first = &json.json()["hits"][0];
    assert_eq!(first["id"], "2019/talks/team.md#team-team-team-team");
    assert_eq!(first["also"][0]["path"], "2019/day-00.txt");
    let human = env.run(&["query", "team", "zeppelin"]);
    assert!(
        human.stdout.contains("also corpus/2019/day-00.txt:5"),
        "{}",
        human.stdout
    );
    // `Quiet harbour notes`, far down, is counted once per note in the estimate.
    assert_eq!(about("team zeppelin", &human), total + 1, "{}", human.stdout);
    let count = env.run(&["query", "team", "zeppelin", "--limit", "0"]);
    assert_eq!(count.stdout.trim(), format!("{total} sessions match."));
}

#[test]
fn a_word_in_few_sessions_keeps_its_exact_total() {
    let env = broad_env();
    let human = env.run(&["query", "harbour"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(!human.stdout.contains("about"), "{}", human.stdout);
}
