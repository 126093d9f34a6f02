//! The index folder: confsearch writes only into a new or empty folder or its own index,
//! never reads its own files as notes, and says how to repair an index it cannot read.

use crate::fixtures::two_talks;
use crate::harness::{Output, TestEnv, titles};
use std::path::Path;

const NOTE: &str = "# Vault in practice by Jo Smith\n\nSecrets rotated weekly.\n";

fn indexed() -> TestEnv {
    let env = TestEnv::new().note("2019/vault.md", NOTE);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    env
}

fn assert_found(env: &TestEnv) {
    let out = env.run(&["query", "vault", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Vault in practice"]);
}

/// One line naming the folder and the command that repairs it, exit 2.
fn assert_says_rebuild(out: &Output, env: &TestEnv) {
    assert_eq!(out.code, 2, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(lines[0].contains(&env.index().display().to_string()), "{}", out.stderr);
    assert!(lines[0].contains("confsearch index --rebuild"), "{}", out.stderr);
}

/// The files of a folder, name → content.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn index_into_another_programs_tantivy_folder_is_refused_and_nothing_is_deleted() {
    let env = TestEnv::new().note("a.md", NOTE);
    let theirs = env.index();
    std::fs::create_dir_all(&theirs).unwrap();
    for (name, text) in [
        ("meta.json", "{\"segments\":[]}"),
        (".managed.json", "[]"),
        ("film.idx", "subtitle index"),
        ("pack-1.idx", "git pack index"),
        ("0123456789abcdef0123456789abcdef.store", "their segment"),
        ("notes.txt", "theirs"),
    ] {
        std::fs::write(theirs.join(name), text).unwrap();
    }
    let before = contents(&theirs);
    for args in [&["index"][..], &["index", "--rebuild"], &["-q", "index"]] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(&theirs.display().to_string()), "{}", out.stderr);
        assert!(out.stderr.contains("not empty"), "{}", out.stderr);
        assert_eq!(contents(&theirs), before, "{args:?} touched a folder it does not own");
    }
    // Nor is it taken for an index of another confsearch version by a query.
    let out = env.run(&["query", "vault"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no index at"), "{}", out.stderr);
}

#[test]
fn index_into_a_non_empty_folder_without_the_marker_is_refused() {
    let env = TestEnv::new().note("a.md", NOTE);
    std::fs::create_dir_all(env.index()).unwrap();
    std::fs::write(env.index().join("holiday.jpg"), b"\xff\xd8").unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(contents(&env.index()).len(), 1);
    // An empty folder is fine.
    std::fs::remove_file(env.index().join("holiday.jpg")).unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_found(&env);
}

#[test]
fn index_slash_is_refused() {
    let env = TestEnv::new().note("a.md", NOTE);
    let corpus = env.corpus().display().to_string();
    let out = env.run_from(env.root(), &[], &["--corpus", &corpus, "--index", "/", "index"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("into /"), "{}", out.stderr);
}

#[test]
fn upgrade_of_an_old_index_removes_only_the_index_files() {
    let env = indexed();
    std::fs::write(env.index().join("confsearch-schema-version"), "3").unwrap();
    std::fs::write(env.index().join("README.txt"), "mine").unwrap();
    std::fs::write(env.index().join("film.idx"), "mine too").unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("another version"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(env.index().join("README.txt")).unwrap(), "mine");
    assert_eq!(
        std::fs::read_to_string(env.index().join("film.idx")).unwrap(),
        "mine too"
    );
    assert_found(&env);
}

#[test]
fn index_equal_to_corpus_never_reads_its_own_files_as_notes() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.corpus()).unwrap();
    let corpus = env.corpus().display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--corpus", &corpus, "--index", &corpus];
        all.extend_from_slice(args);
        env.run_from(env.root(), &[], &all)
    };
    let out = run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::fs::write(env.corpus().join("vault.md"), NOTE).unwrap();
    for _ in 0..2 {
        let out = run(&["index"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("indexed 1 files"), "{}", out.stderr);
    }
    let out = run(&["query", "--json"]);
    assert_eq!(out.json()["total"], 1, "{}", out.stdout);
}

/// `index --rebuild` succeeds and the note is found again.
fn assert_rebuild_repairs(env: &TestEnv) {
    let out = env.run(&["index", "--rebuild"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_found(env);
}

/// The second half of the index file `name` cut off: `query` and `index` say how to repair
/// it, and the repair works.
fn assert_truncated_says_rebuild_and_rebuild_repairs_it(name: &str) {
    let env = indexed();
    let file = env.index().join(name);
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    assert_says_rebuild(&env.run(&["query", "vault"]), &env);
    assert_says_rebuild(&env.run(&["index"]), &env);
    assert_rebuild_repairs(&env);
}

#[test]
fn truncated_meta_json_says_rebuild_and_rebuild_repairs_it() {
    assert_truncated_says_rebuild_and_rebuild_repairs_it("meta.json");
}

#[test]
fn truncated_managed_json_says_rebuild_and_rebuild_repairs_it() {
    assert_truncated_says_rebuild_and_rebuild_repairs_it(".managed.json");
}

#[test]
fn deleted_segment_file_is_noticed_by_index_and_query_and_rebuild_repairs_it() {
    let env = indexed();
    let store = std::fs::read_dir(env.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a segment store");
    std::fs::remove_file(&store).unwrap();
    assert_says_rebuild(&env.run(&["index"]), &env);
    assert_says_rebuild(&env.run(&["query", "vault"]), &env);
    assert_rebuild_repairs(&env);
    // And the next plain run is a no-op again.
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("=1"), "{}", out.stderr);
}

/// `query` opens the reader first and checks file by file only when that fails (issue 13):
/// whichever file of the segment is gone, the message still names it.
#[test]
fn each_missing_segment_file_is_named_by_query() {
    for ext in ["idx", "pos", "term", "store", "fast", "fieldnorm"] {
        let env = indexed();
        let file = std::fs::read_dir(env.index())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("a segment .{ext} file"));
        std::fs::remove_file(&file).unwrap();
        let out = env.run(&["query", "vault"]);
        assert_says_rebuild(&out, &env);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            out.stderr.contains(&format!("{name} is missing")),
            "{ext}: {}",
            out.stderr
        );
    }
}

#[test]
fn index_with_a_missing_notes_folder_creates_no_index_folder() {
    let env = TestEnv::new();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert!(!env.index().exists());
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
