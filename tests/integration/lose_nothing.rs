//! No session is lost: raw file names, unreadable folders, a watched folder moved away, a
//! rebuild beside a watch.

use crate::harness::{TestEnv, sorted_paths, titles, total_sessions};
use std::process::{Command, Stdio};

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
