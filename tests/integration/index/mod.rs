//! `confsearch index`: the first build and its summary, which files are notes, where the index
//! goes and how it is found again. In their own files: runs after the first (`reindex.rs`), the
//! index folder as confsearch owns it (`ownership.rs`), killed, concurrent and failed runs
//! (`crash_safety.rs`), `--watch` (`watch.rs`), `--follow` (`follow.rs`), the lexicon
//! (`lexicon.rs`), index pages enriching the talk files they list (`index_pages.rs`), official
//! schedules saved among the notes (`programme.rs`).

mod crash_safety;
mod follow;
mod index_pages;
mod lexicon;
mod matching;
mod ownership;
mod programme;
mod reindex;
mod watch;

use crate::fixtures::{TESTCONF_2019, two_talks};
use crate::harness::{TestEnv, printed_place, titles};

#[test]
fn index_summary_counts_files_sessions_links() {
    let env = TestEnv::new().note("2019/testconf-2019.txt", TESTCONF_2019);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("indexed 1 files (+1 ~0 -0 =0): 3 sessions, 3 links, 0 warnings"),
        "{}",
        out.stderr
    );
}

#[test]
fn ignore_files_and_non_note_files_are_skipped() {
    let env = TestEnv::new()
        .note("keep.md", "# Kept talk by Ann Lee\n")
        .note("drafts/skip.md", "# Skipped talk by Bob Ray\n")
        .note(".confsearchignore", "drafts/\n")
        .note("image.png", "not a note")
        .bytes("binary.md", b"\x00\x01\x02binary");
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("binary.md"), "{}", out.stderr);
    assert_eq!(titles(&env.run(&["query", "--json"])), ["Kept talk"]);
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

/// The file read first spells the conference in lower case; a later one spells it better: the
/// first is written again, so the index holds one spelling.
#[test]
fn conference_spelled_better_by_a_later_file_is_one_facet_value() {
    let note =
        |conf: &str, title: &str| format!("---\ntitle: {title}\nconference: {conf}\n---\n\n# {title}\n\nNotes.\n");
    let env = TestEnv::new()
        .note("2018/a.md", &note("pygotham", "Async all the way"))
        .note("2018/b.md", &note("PyGotham", "Typing in practice"));
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = env.run(&["facets", "conference", "--json"]);
    assert_eq!(out.json()["conference"], serde_json::json!({"PyGotham": 2}));
}
