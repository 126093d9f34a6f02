//! Notes matched to the official talks of a programme in the notes folder (issue 16, item 3):
//! notes written the ways people write them are paired with the right talk or with none, take
//! what they lack from it (`filled`), and the pair is one hit; the pairing follows the files
//! as they change from run to run.

use crate::harness::{TestEnv, indexed};
use serde_json::Value;

fn programme() -> Vec<u8> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/programmes/nordlicht-2026.schedule.json");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const PROGRAMME: &str = "2026/nordlicht/schedule.json";

/// The first day, one heading per talk, as people write them: an initial and a surname, a misspelt and
/// split title with no speaker, and a talk that is not in the programme.
const DAY_ONE: &str = "# Nordlicht Tech Days 2026\n\n\
## Kubernetes Without Tears - Z. Wirth\n\nUpgrade one minor version at a time; drain before you cordon.\n\n\
## Hands-on Observabilty with Open Telemetry - Ana Costa\n\nSpans, baggage and a collector per node.\n\n\
## Gardening for SREs - Tom Baker\n\nTomatoes and pagers.\n";

/// One talk of the second day in a file of its own, with front matter and no time.
const SECRETS: &str = "---\ntitle: Secrets management at scale\nspeaker: Raman\ndate: 2026-03-13\n---\n\nShort-lived tokens beat vaults full of static keys.\n";

/// The same talk again, in a colleague's words.
const SECRETS_AGAIN: &str = "---\ntitle: Secrets Management at Scale\nspeaker: Priya Raman\ndate: 2026-03-13\n---\n\nRotation every hour, no human ever sees a password.\n";

fn corpus() -> TestEnv {
    TestEnv::new()
        .note("2026/nordlicht/day-one.md", DAY_ONE)
        .note("2026/nordlicht/secrets.md", SECRETS)
        .note("2026/nordlicht/secrets-again.md", SECRETS_AGAIN)
        .bytes(PROGRAMME, &programme())
}

fn hits(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["query", "--json", "--limit", "50"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert!(out.code <= 1, "{}", out.stderr);
    out.json()["hits"].as_array().cloned().unwrap_or_default()
}

/// The note session titled `title` (as the notes write it), shown whole.
fn note(env: &TestEnv, id: &str) -> Value {
    let out = env.run(&["show", id, "--json"]);
    assert_eq!(out.code, 0, "{id}: {}", out.stderr);
    out.json()
}

fn matched_id(session: &Value) -> Option<&str> {
    session["matched"].as_array()?.first()?["id"].as_str()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

const K8S: &str = "2026/nordlicht/schedule.json#7f3d2a10-1111-5e6a-8c2b-000000000102";
const OTEL: &str = "2026/nordlicht/schedule.json#7f3d2a10-1111-5e6a-8c2b-000000000103";
const SECRETS_TALK: &str = "2026/nordlicht/schedule.json#7f3d2a10-1111-5e6a-8c2b-000000000105";

#[test]
fn initial_and_surname_note_is_matched_and_takes_the_full_name_room_and_slot() {
    let env = indexed(corpus());
    let s = note(&env, "2026/nordlicht/day-one.md#kubernetes-without-tears");
    assert_eq!(matched_id(&s), Some(K8S), "{s:#}");
    // The speaker the note names, spelt out; the co-speaker it does not name is not added.
    assert_eq!(strings(&s["speakers"]), ["Zoë Wirth"], "{s:#}");
    assert_eq!(
        (&s["room"], &s["start"]),
        (&Value::from("Saal Aurora"), &Value::from("10:00"))
    );
    assert_eq!(s["date"], "2026-03-12");
    let filled = strings(&s["filled"]);
    for field in ["speakers", "room", "slot", "date"] {
        assert!(filled.contains(&field), "{field} not in {filled:?}");
    }
    // What the note says is kept: its title and its text.
    assert_eq!(s["title"], "Kubernetes Without Tears");
    assert!(s["body"].as_str().unwrap().contains("drain before you cordon"));
    // Why, for the reader.
    let why = strings(&s["matched"][0]["why"]).join(", ");
    assert!(why.contains("title"), "{why}");
    assert!(why.contains("wirth"), "{why}");
}

#[test]
fn misspelt_and_split_title_is_matched() {
    let env = indexed(corpus());
    let s = note(
        &env,
        "2026/nordlicht/day-one.md#hands-on-observabilty-with-open-telemetry",
    );
    assert_eq!(matched_id(&s), Some(OTEL), "{s:#}");
    assert_eq!(s["room"], "Raum Birke", "{s:#}");
    assert_eq!(s["kind"], "talk", "the note's kind is kept: {s:#}");
}

#[test]
fn talk_not_in_the_programme_stays_as_it_is() {
    let env = indexed(corpus());
    let s = note(&env, "2026/nordlicht/day-one.md#gardening-for-sres");
    assert_eq!(s["matched"], Value::Array(Vec::new()), "{s:#}");
    assert_eq!(s["filled"], Value::Array(Vec::new()), "{s:#}");
    assert_eq!(s["room"], Value::Null);
    assert_eq!(strings(&s["speakers"]), ["Tom Baker"]);
}

#[test]
fn note_with_no_time_is_matched_by_day_title_and_surname() {
    let env = indexed(corpus());
    let s = note(&env, "2026/nordlicht/secrets.md#secrets-management-at-scale");
    assert_eq!(matched_id(&s), Some(SECRETS_TALK), "{s:#}");
    assert_eq!((&s["start"], &s["end"]), (&Value::from("09:30"), &Value::from("10:10")));
    assert_eq!(strings(&s["speakers"]), ["Priya Raman"]);
}

#[test]
fn one_talk_noted_in_two_files_is_one_hit_with_its_programme_talk() {
    let env = indexed(corpus());
    for id in [
        "2026/nordlicht/secrets.md#secrets-management-at-scale",
        "2026/nordlicht/secrets-again.md#secrets-management-at-scale",
    ] {
        assert_eq!(matched_id(&note(&env, id)), Some(SECRETS_TALK), "{id}");
    }
    let found = hits(&env, &["secrets"]);
    let talks: Vec<&Value> = found
        .iter()
        .filter(|h| {
            h["title"]
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("Secrets Management at Scale"))
        })
        .collect();
    assert_eq!(talks.len(), 1, "{found:#?}");
    assert_eq!(talks[0]["from"], "notes", "the notes are the hit: {found:#?}");
    let also: Vec<&str> = talks[0]["also"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["path"].as_str())
        .collect();
    assert_eq!(also.len(), 2, "{also:?}");
    assert!(also.contains(&PROGRAMME), "{also:?}");
    // The official talk lists both notes.
    let talk = note(&env, SECRETS_TALK);
    let noted_in: Vec<&str> = talk["matched"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["source"]["path"].as_str())
        .collect();
    assert_eq!(
        noted_in,
        ["2026/nordlicht/secrets-again.md", "2026/nordlicht/secrets.md"]
    );
}

#[test]
fn a_word_of_the_abstract_finds_the_notes_matched_to_it() {
    let env = indexed(corpus());
    // "quotas" is only in the programme's abstract of the Kubernetes talk.
    let found = hits(&env, &["quotas"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["id"], "2026/nordlicht/day-one.md#kubernetes-without-tears");
}

#[test]
fn noted_keeps_the_talks_with_notes_and_not_noted_the_others() {
    let env = indexed(corpus());
    let not_noted: Vec<String> = hits(&env, &["--not-noted"])
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !not_noted
            .iter()
            .any(|t| t.starts_with("Kubernetes") || t.starts_with("Secrets") || t.starts_with("Hands-on")),
        "{not_noted:?}"
    );
    assert_eq!(not_noted.len(), 3, "{not_noted:?}");
    let talk = env.run(&["show", K8S]);
    assert!(
        talk.stdout.contains("noted in:   corpus/2026/nordlicht/day-one.md:3"),
        "{}",
        talk.stdout
    );
    let own = env.run(&["show", "2026/nordlicht/day-one.md#kubernetes-without-tears"]);
    assert!(
        own.stdout.contains("programme:  corpus/2026/nordlicht/schedule.json:"),
        "{}",
        own.stdout
    );
    assert!(own.stdout.contains("filled:     speakers"), "{}", own.stdout);
}

#[test]
fn programme_saved_after_the_notes_matches_them_on_the_next_run() {
    let env = indexed(TestEnv::new().note("2026/nordlicht/day-one.md", DAY_ONE));
    let before = note(&env, "2026/nordlicht/day-one.md#kubernetes-without-tears");
    assert_eq!(before["matched"], Value::Array(Vec::new()));
    std::fs::write(env.corpus().join(PROGRAMME), programme()).unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("(+1 ~0 -0 =1)"),
        "only the programme is new: {}",
        out.stderr
    );
    let after = note(&env, "2026/nordlicht/day-one.md#kubernetes-without-tears");
    assert_eq!(matched_id(&after), Some(K8S), "{after:#}");
    // And removed again, the notes are as they were.
    std::fs::remove_file(env.corpus().join(PROGRAMME)).unwrap();
    assert_eq!(env.run(&["index"]).code, 0);
    let again = note(&env, "2026/nordlicht/day-one.md#kubernetes-without-tears");
    assert_eq!(again, before);
}

#[test]
fn notes_removed_leave_their_talk_not_noted() {
    let env = indexed(corpus());
    assert!(
        !hits(&env, &["--not-noted", "secrets"])
            .iter()
            .any(|h| h["id"] == SECRETS_TALK)
    );
    for f in ["secrets.md", "secrets-again.md"] {
        std::fs::remove_file(env.corpus().join("2026/nordlicht").join(f)).unwrap();
    }
    assert_eq!(env.run(&["index"]).code, 0);
    let talk = note(&env, SECRETS_TALK);
    assert_eq!(talk["matched"], Value::Array(Vec::new()), "{talk:#}");
    assert!(
        hits(&env, &["--not-noted", "secrets"])
            .iter()
            .any(|h| h["id"] == SECRETS_TALK)
    );
}

#[test]
fn a_talk_replaced_in_the_programme_is_matched_again() {
    let env = indexed(corpus());
    // Another talk by another speaker in its slot: the notes of the old one match nothing.
    let renamed = String::from_utf8(programme())
        .unwrap()
        .replace(
            "\"title\": \"Secrets Management at Scale\"",
            "\"title\": \"Gardening for SREs\"",
        )
        .replace("\"public_name\": \"Priya Raman\"", "\"public_name\": \"Tom Baker\"");
    std::fs::write(env.corpus().join(PROGRAMME), renamed).unwrap();
    assert_eq!(env.run(&["index"]).code, 0);
    let secrets = note(&env, "2026/nordlicht/secrets.md#secrets-management-at-scale");
    assert_eq!(secrets["matched"], Value::Array(Vec::new()), "{secrets:#}");
    assert_eq!(
        strings(&secrets["speakers"]),
        ["Raman"],
        "its own fields again: {secrets:#}"
    );
}
