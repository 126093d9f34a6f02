//! Symbolic links in the notes folder: not followed by default, as ripgrep and fd; `--follow`
//! stays inside the notes folder, `--follow=anywhere` leaves it. (A link loop is in
//! `regression/`.)

use crate::harness::{TestEnv, run_index, session_paths};

/// A notes folder with links inside it and out of it, and a folder outside with a note.
fn linked_notes() -> TestEnv {
    let env = TestEnv::new()
        .note("2019/vault.md", "# Vault in production by Ann Lee\n\nSecrets.\n")
        .note(".hidden/kept.md", "# Hidden talk by Bob Ray\n\nOnly through a link.\n");
    let outside = env.root().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("private.md"),
        "# Private diary by Cy Perez\n\nNot notes.\n",
    )
    .unwrap();
    let link =
        |target: &std::path::Path, name: &str| std::os::unix::fs::symlink(target, env.corpus().join(name)).unwrap();
    link(&outside.join("private.md"), "passwd.md");
    link(&outside, "archive");
    link(std::path::Path::new("/"), "root");
    link(std::path::Path::new("2019"), "latest");
    link(std::path::Path::new(".hidden"), "shown");
    link(std::path::Path::new("missing.md"), "gone.md");
    env
}

#[test]
fn symlinks_out_of_the_corpus_are_not_followed_by_default() {
    let env = linked_notes();
    let out = run_index(&env, &["index"]);
    // Not followed, so not a warning either (as ripgrep and fd): `/` is not walked.
    assert!(!out.stderr.contains("confsearch: warning"), "{}", out.stderr);
    assert_eq!(session_paths(&env), ["2019/vault.md"]);
}

#[test]
fn follow_stays_inside_the_corpus_and_reads_each_file_once() {
    let env = linked_notes();
    let out = run_index(&env, &["index", "--follow"]);
    // The link to a hidden folder is followed; `latest -> 2019` names vault.md a second
    // time, which is indexed once, under its own name.
    assert_eq!(session_paths(&env), ["2019/vault.md", "shown/kept.md"]);
    for name in ["passwd.md", "archive"] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.contains(&format!("corpus/{name} links outside the notes folder"))
                    && l.contains("--follow=anywhere")),
            "no warning about {name}:\n{}",
            out.stderr
        );
    }
    // `root -> /` is an ancestor: the walk reports a loop before the link is looked at.
    assert!(
        out.stderr
            .lines()
            .any(|l| l.contains("corpus/root") && l.contains("ancestor")),
        "{}",
        out.stderr
    );
    // The dangling link is reported by name.
    assert!(out.stderr.contains("gone.md"), "{}", out.stderr);
}

#[test]
fn follow_anywhere_follows_links_out_of_the_corpus() {
    let env = linked_notes();
    // Not `/`: following it would walk the whole disk, which is what was asked.
    std::fs::remove_file(env.corpus().join("root")).unwrap();
    run_index(&env, &["index", "--follow=anywhere"]);
    // `passwd.md` and `archive/private.md` name one file: read once, under the first name.
    assert_eq!(
        session_paths(&env),
        ["2019/vault.md", "archive/private.md", "shown/kept.md"]
    );
    // Back to the default: the linked notes leave the index.
    run_index(&env, &["index"]);
    assert_eq!(session_paths(&env), ["2019/vault.md"]);
}
