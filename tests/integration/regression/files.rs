//! File names, links and permissions: names that differ only in invalid UTF-8 bytes, files
//! and folders that cannot be read, symlink loops.

use super::{assert_good_found, assert_warns_about, with_good};
use crate::harness::{
    TestEnv, assert_no_panic, assert_summary_counts_warnings, run_index, session_paths, sorted_paths, titles,
    total_sessions,
};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

// Before: `bad\xff.md` and `bad\xfe.md` met on one lossy path, and one vanished from the second run on (issue 11).
#[test]
fn file_names_differing_only_in_invalid_utf8_bytes_stay_two_notes() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new().note("keep.md", "# Keeper talk\n\nkept\n");
    for (byte, title) in [(0xff_u8, "Ferrets"), (0xfe, "Badgers")] {
        let mut name = b"bad".to_vec();
        name.extend([byte]);
        name.extend(b".md");
        let path = env.corpus().join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, format!("# {title} talk\n\nanimals\n")).unwrap();
    }
    for run in 0..2 {
        let out = env.run(&["index"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(total_sessions(&env), 3, "run {run}: {}", out.stderr);
    }
    let out = env.run(&["query", "animals", "--json"]);
    assert_eq!(sorted_paths(&out), ["bad\\xfe.md", "bad\\xff.md"]);
}

// Guards against: a file that cannot be read (mode 000, a dangling link) ending the run.
#[test]
fn unreadable_files_warn_and_the_run_continues() {
    let env = with_good().note("locked.md", "# Locked talk by Bob Ray\n\nSecret body.\n");
    std::os::unix::fs::symlink("missing-target.md", env.corpus().join("gone.md")).unwrap();
    let locked = env.corpus().join("locked.md");
    set_mode(&locked, 0o000);
    // As root, mode 000 does not stop reading: only test it where it does.
    let locked_unreadable = std::fs::read(&locked).is_err();
    // The dangling link is only looked at when links are followed.
    let out = env.run(&["index", "--follow"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "index failed:\n{}", out.stderr);
    assert_summary_counts_warnings(&out);
    set_mode(&locked, 0o644);
    assert_warns_about(&out, "gone.md");
    if locked_unreadable {
        assert_warns_about(&out, "locked.md");
        assert_eq!(total_sessions(&env), 1);
    } else {
        eprintln!("unreadable_files_warn_and_the_run_continues: mode 000 is readable here (root?): skipped that part");
    }
    assert_good_found(&env);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The binary run as root without the capabilities that let root read anything.
fn without_read_override(env: &TestEnv, args: &[&str]) -> Option<std::process::Output> {
    // The harness's run, behind `setpriv`: the same arguments, folder and environment.
    let run = env.command(args);
    let mut cmd = Command::new("setpriv");
    cmd.args(["--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"])
        .arg(run.get_program())
        .args(run.get_args())
        .current_dir(env.root())
        .stdin(Stdio::null());
    for (k, v) in run.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.output().ok()
}

// Before: a sub-folder that could not be read removed all its notes' sessions (`-59`) (issue 11).
#[test]
fn unreadable_sub_folder_keeps_its_notes_sessions() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new()
        .note("2019/a.md", "# Vault talk\n\nsecrets\n")
        .note("2019/b.md", "# Chaos talk\n\nbreak\n")
        .note("top.md", "# Top talk\n\nhere\n");
    assert_eq!(env.run(&["index"]).code, 0);
    let locked = env.corpus().join("2019");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let unreadable = std::fs::read_dir(&locked).is_err();
    let out = if unreadable {
        Some(env.command(&["index"]).output().unwrap())
    } else {
        without_read_override(&env, &["index"])
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Some(out) = out.filter(|o| String::from_utf8_lossy(&o.stderr).contains("cannot read")) else {
        eprintln!("unreadable_sub_folder_keeps_its_notes_sessions: cannot make a folder unreadable here: skipped");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("2019") && stderr.contains("keep their sessions"),
        "{stderr}"
    );
    assert!(stderr.contains("-0 =3"), "{stderr}");
    assert_eq!(total_sessions(&env), 3);
    assert_eq!(titles(&env.run(&["query", "secrets", "--json"])), ["Vault talk"]);
}

// Guards against: `--follow` walking a link to its own parent for ever.
#[test]
fn symlink_loop_does_not_hang() {
    let env = with_good().note("loop/inner.md", "# Inner talk by Bob Ray\n\nRecursion.\n");
    std::os::unix::fs::symlink("..", env.corpus().join("loop/self")).unwrap();
    // Links are only followed when asked.
    let out = env.run_with_timeout(&["index", "--follow"], Duration::from_secs(60));
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_summary_counts_warnings(&out);
    assert_warns_about(&out, "loop");
    assert_good_found(&env);
    // Each file once, not once per trip round the loop.
    assert_eq!(total_sessions(&env), 2);
}

// Before: links were followed out of the notes folder (`ln -s / notes/root` walked the disk); loops now named (issue 11).
#[test]
fn symlink_loop_with_follow_is_reported_and_each_file_read_once() {
    let env = TestEnv::new().note("loop/inner.md", "# Inner talk by Bob Ray\n\nRecursion.\n");
    std::os::unix::fs::symlink("..", env.corpus().join("loop/self")).unwrap();
    std::os::unix::fs::symlink("loop", env.corpus().join("again")).unwrap();
    for follow in ["--follow", "--follow=anywhere"] {
        let out = run_index(&env, &["index", "--rebuild", follow]);
        assert!(out.stderr.contains("loop"), "{follow}: {}", out.stderr);
        assert_eq!(session_paths(&env), ["loop/inner.md"], "{follow}");
    }
}

// Before: an unchanged programme that could not be read again when a note changed was passed
// over in silence, and the note matched to none of its talks.
#[test]
fn unreadable_programme_is_a_warning_with_its_path_when_notes_are_matched() {
    use std::os::unix::fs::PermissionsExt;
    let schedule = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/programmes/nordlicht-2026.schedule.json"),
    )
    .unwrap();
    let env = TestEnv::new()
        .note(
            "2026/nordlicht/a.md",
            "# Nordlicht Tech Days 2026\n\n## Gardening for SREs - Tom Baker\n\nTomatoes.\n",
        )
        .bytes("2026/nordlicht/schedule.json", &schedule);
    assert_eq!(env.run(&["index"]).code, 0);
    std::fs::write(
        env.corpus().join("2026/nordlicht/b.md"),
        "---\ntitle: Secrets management at scale\nspeaker: Raman\ndate: 2026-03-13\n---\n\nTokens.\n",
    )
    .unwrap();
    let locked = env.corpus().join("2026/nordlicht/schedule.json");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = if std::fs::read(&locked).is_err() {
        Some(env.command(&["index"]).output().unwrap())
    } else {
        without_read_override(&env, &["index"])
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Skipped only where the file cannot be made unreadable (root without a working `setpriv`:
    // the run did not happen), not on the warning, which is what is tested.
    let Some(out) = out.filter(|o| String::from_utf8_lossy(&o.stderr).contains("indexed ")) else {
        eprintln!(
            "unreadable_programme_is_a_warning_with_its_path_when_notes_are_matched: cannot make a file unreadable here: skipped"
        );
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("cannot read") && l.contains("2026/nordlicht/schedule.json")),
        "{stderr}"
    );
    // The note is indexed, unmatched; the programme's talks are kept.
    assert!(stderr.contains("(+1 ~0 -0 =2)"), "{stderr}");
    assert_eq!(total_sessions(&env), 8, "{stderr}");
}
