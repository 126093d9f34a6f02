//! Every hit can be acted on, and the notes are found from anywhere: printed places open from
//! the current folder, ids survive edits, `show` and `open` take what `query` prints.

use crate::fixtures::two_talks;
use crate::harness::printed_place;

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

#[test]
fn open_runs_the_editor_at_the_line() {
    let env = two_talks();
    env.run(&["index"]);
    let log = env.root().join("editor-args");
    let editor = env.root().join("fake-editor");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run_from(
        env.root(),
        &[("EDITOR", editor.to_str().unwrap())],
        &["open", "2019/day1.md#chaos-engineering-on-fridays"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args[0], "+7");
    assert!(args[1].ends_with("corpus/2019/day1.md"), "{args:?}");
    // VISUAL wins over EDITOR; neither set is a clear message.
    let none = env.run_from(env.root(), &[], &["open", "corpus/2019/day1.md:3"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("$VISUAL or $EDITOR"), "{}", none.stderr);
}
