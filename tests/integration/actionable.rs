//! Every hit can be acted on, and the notes are found from anywhere: printed places open from
//! the current folder, ids survive edits, `show` and `open` take what `query` prints.

use crate::harness::TestEnv;

fn two_talks() -> TestEnv {
    TestEnv::new().note(
        "2019/day1.md",
        "# DevOpsDays 2019\n\n## Vault in production - Ann Lee\n\nSecrets rotate daily.\n\n\
         ## Chaos engineering on Fridays - Bob Ray\n\nBreak things on purpose, see https://youtu.be/abc123XYZ\n",
    )
}

/// The `path:line` of the first hit of a human `query`, as printed.
fn printed_place(stdout: &str) -> String {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().contains(".md:"))
        .unwrap_or_else(|| panic!("no path:line in\n{stdout}"));
    line.trim().split(" · ").next().unwrap().to_string()
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

#[test]
fn query_from_a_sub_folder_of_the_notes_finds_the_index() {
    let env = two_talks();
    assert_eq!(env.run(&["index"]).code, 0);
    let deep = env.corpus().join("2019");
    let out = env.run_from(&deep, &[], &["query", "vault"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // From inside the notes, the place is relative to where the user stands.
    assert_eq!(printed_place(&out.stdout), "day1.md:3");
    // And `index` from there updates the same index.
    let again = env.run_from(&deep, &[], &["index"]);
    assert!(again.stderr.contains("=1"), "{}", again.stderr);
}

#[test]
fn corpus_dot_does_not_put_the_index_inside_the_notes() {
    let env = two_talks();
    let notes = env.corpus();
    let out = env.run_from(&notes, &[], &["--corpus", ".", "index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("goes to"), "{}", out.stderr);
    assert!(!notes.join("index").exists(), "an index was written into the notes");
    // Found again from inside the notes, with no flag.
    let q = env.run_from(&notes.join("2019"), &[], &["query", "chaos", "--json"]);
    assert_eq!(q.code, 0, "{}", q.stderr);
    assert_eq!(q.json()["total"], 1);
}

#[test]
fn paths_table_in_confsearch_toml_names_the_folders() {
    let env = two_talks();
    std::fs::write(
        env.root().join("confsearch.toml"),
        "[paths]\ncorpus = \"corpus\"\nindex = \".idx\"\n",
    )
    .unwrap();
    let out = env.run_from(env.root(), &[], &["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(env.root().join(".idx").is_dir());
    let q = env.run_from(&env.corpus().join("2019"), &[], &["query", "vault", "--json"]);
    assert_eq!(q.json()["total"], 1, "{}", q.stderr);
}

#[test]
fn licence_txt_in_the_notes_is_not_a_session() {
    let env = two_talks()
        .note(
            "LICENSE.txt",
            "MIT License\n\nPermission is hereby granted, free of charge, to any person\n",
        )
        .note("2019/COPYING", "GNU GENERAL PUBLIC LICENSE\nVersion 3\n");
    let out = env.run(&["index"]);
    assert!(out.stderr.contains("indexed 1 files"), "{}", out.stderr);
    assert_eq!(env.run(&["query", "permission"]).code, 1);
}
