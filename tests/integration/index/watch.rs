//! `index --watch`: changes applied as they happen, the watch re-armed when the notes folder is
//! replaced, and the one writer it holds.

use crate::harness::{TestEnv, titles};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

#[test]
fn index_watch_applies_changes_as_they_happen() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let env = TestEnv::new().note("a.md", "# First talk by Ann Lee\n\nalpha\n");
    let mut child = env
        .command(&["index", "--watch"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn watch");
    // Everything `index` tells goes to stderr: the first summary, then the watch lines.
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let summary = lines.next().expect("a line").expect("utf-8");
    assert!(summary.starts_with("indexed 1 files"), "{summary}");
    let first = lines.next().expect("a line").expect("utf-8");
    assert!(first.starts_with("watching "), "{first}");
    std::fs::write(env.corpus().join("b.md"), "# Second talk by Bob Ray\n\nbeta\n").expect("write");
    let update = lines.next().expect("an update line").expect("utf-8");
    assert!(update.contains("(+1 ~0 -0 =1)"), "{update}");
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(titles(&env.run(&["query", "beta", "--json"])), ["Second talk"]);
}

/// `index --watch` on the env, its stderr read line by line.
fn spawn_watch(env: &TestEnv) -> (Child, std::sync::mpsc::Receiver<String>) {
    let mut child = env
        .command(&["index", "--watch"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn watch");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Waits for a line containing `what`, failing after 30 s.
fn wait_for(rx: &std::sync::mpsc::Receiver<String>, what: &str) -> String {
    let until = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(what) => return line,
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    panic!("no line with {what:?} from the watcher; it said: {seen:?}");
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rearms_when_the_notes_folder_is_moved_away_and_recreated() {
    let env = TestEnv::new().note("a.md", "# First talk\n\nalpha\n");
    let (child, rx) = spawn_watch(&env);
    let _child = Killed(child);
    wait_for(&rx, "watching ");
    std::fs::rename(env.corpus(), env.root().join("moved")).unwrap();
    wait_for(&rx, "is gone");
    std::fs::create_dir(env.corpus()).unwrap();
    std::fs::write(env.corpus().join("b.md"), "# Second talk\n\nbeta\n").unwrap();
    wait_for(&rx, "watching ");
    wait_for(&rx, "indexed ");
    // And it keeps listening to the new folder.
    std::fs::write(env.corpus().join("c.md"), "# Third talk\n\ngamma\n").unwrap();
    let line = wait_for(&rx, "indexed ");
    assert!(line.contains("+1"), "{line}");
    assert_eq!(titles(&env.run(&["query", "gamma", "--json"])), ["Third talk"]);
    assert_eq!(env.run(&["query", "alpha"]).code, 1);
}

#[test]
fn rebuild_beside_a_live_watch_is_refused() {
    let env = TestEnv::new().note("a.md", "# First talk\n\nalpha\n");
    let (child, rx) = spawn_watch(&env);
    let _child = Killed(child);
    wait_for(&rx, "watching ");
    for args in [&["index", "--rebuild"][..], &["index"]] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("index --watch"), "{}", out.stderr);
    }
    assert_eq!(titles(&env.run(&["query", "alpha", "--json"])), ["First talk"]);
}
