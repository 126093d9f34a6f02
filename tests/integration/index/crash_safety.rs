//! Crash safety (ARCHITECTURE.md): a run killed at any point or refused beside another leaves
//! the last commit answering; a run that fails for want of disk removes what it wrote.

use crate::fixtures::day_notes;
use crate::harness::{TestEnv, assert_no_panic, checked_index, summary, titles, total_sessions};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// `count` files of a few KB with two sessions each, numbered from `from`.
fn write_day_files(env: &TestEnv, from: usize, count: usize) {
    for n in from..from + count {
        let path = env.corpus().join(format!("{}/day-{n:05}.txt", n % 50));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, day_notes(n, 2, 2)).unwrap();
    }
}

fn wait_with_output(child: std::process::Child) -> (ExitStatus, String) {
    let out = child.wait_with_output().expect("wait");
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Two `index` runs at once: one does the work; the other (if they overlap) refuses with a
/// clear message.
fn assert_one_index_run_at_a_time(env: &TestEnv) {
    let running = env
        .command(&["index", "--rebuild"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(100));
    let second = env.run_with_timeout(&["index"], Duration::from_secs(600));
    let (status, first_err) = wait_with_output(running);
    let runs = [(status.code().unwrap_or(-1), first_err), (second.code, second.stderr)];
    for (code, stderr) in &runs {
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!([0, 2].contains(code), "exit {code}: {stderr}");
        if *code == 2 {
            let err = stderr.to_lowercase();
            assert!(err.starts_with("confsearch:"), "{stderr}");
            assert!(err.contains("another") && err.contains("index"), "{stderr}");
        }
    }
    assert!(runs.iter().any(|(code, _)| *code == 0), "neither run succeeded");
}

#[test]
fn killed_or_concurrent_index_runs_leave_the_index_usable() {
    let env = TestEnv::new();
    write_day_files(&env, 0, 3000);
    let started = Instant::now();
    let first = env.run_with_timeout(&["index"], Duration::from_secs(600));
    let first_time = started.elapsed();
    assert_eq!(first.code, 0, "{}", first.stderr);
    let old = total_sessions(&env);
    assert_eq!(old, 6000, "{}", summary(&first));

    assert_one_index_run_at_a_time(&env);
    assert_eq!(total_sessions(&env), old);

    write_day_files(&env, 3000, 3000);
    let new = 12_000;
    // Early kills land while notes are read and parsed; the late one while sessions are
    // written or committed.
    let late = first_time.mul_f64(0.9);
    for delay in [Duration::from_millis(300), Duration::from_millis(800), late] {
        let mut child = env
            .command(&["index"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().expect("kill");
        child.wait().unwrap();
        let total = total_sessions(&env);
        assert!(
            total == old || total == new,
            "after SIGKILL at {delay:?} (finished: {finished}): total {total}, expected {old} or {new}"
        );
        let out = env.run(&["query", "vault", "--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let started = Instant::now();
    let again = env.run_with_timeout(&["index"], Duration::from_secs(600));
    eprintln!(
        "killed_or_concurrent_index_runs_leave_the_index_usable: index of 3000 files {:.1}s, \
         then of 6000 files after the kills {:.1}s; {}",
        first_time.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        summary(&again)
    );
    assert_no_panic(&again);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(total_sessions(&env), new);
}

const NOTE: &str = "# Vault in practice by Jo Smith\n\nSecrets rotated weekly.\n";

/// Random-looking words (so that nothing compresses them away), `n` of them.
fn words(n: usize, seed: u64) -> String {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::with_capacity(n * 9);
    for _ in 0..n {
        for _ in 0..8 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            out.push((b'a' + ((x >> 33) % 26) as u8) as char);
        }
        out.push(' ');
    }
    out
}

/// Mounts a tmpfs of `size` on `dir`; false where this machine cannot.
fn mount_tmpfs(dir: &Path, size: &str) -> bool {
    std::fs::create_dir_all(dir).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success())
}

struct Unmount<'a>(&'a Path);

impl Drop for Unmount<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

#[test]
fn full_disk_run_removes_what_it_wrote_and_the_next_run_that_fits_completes() {
    let env = TestEnv::new().note("a.md", NOTE);
    if !mount_tmpfs(&env.index(), "3m") {
        eprintln!(
            "full_disk_run_removes_what_it_wrote_and_the_next_run_that_fits_completes: cannot mount a tmpfs here: skipped"
        );
        return;
    }
    let _unmount = Unmount(&env.index());
    checked_index(&env);
    let before: Vec<_> = listing(&env.index());
    for i in 0..4 {
        let text = format!("# Big talk {i} by Ann Lee\n\n{}", words(300_000, i));
        std::fs::write(env.corpus().join(format!("big{i}.md")), text).unwrap();
    }
    for args in [&["index"][..], &["index", "--rebuild"]] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("no space left"), "{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        // Nothing of the failed run is left behind; the old index still answers.
        assert_eq!(listing(&env.index()), before);
        assert_eq!(titles(&env.run(&["query", "vault", "--json"])), ["Vault in practice"]);
    }
    for i in 0..4 {
        std::fs::remove_file(env.corpus().join(format!("big{i}.md"))).unwrap();
    }
    std::fs::write(
        env.corpus().join("b.md"),
        "# Kubernetes operators by Dan Wu\n\nReconcile.\n",
    )
    .unwrap();
    let out = env.run(&["index", "--rebuild"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        titles(&env.run(&["query", "operators", "--json"])),
        ["Kubernetes operators"]
    );
}

/// File names of a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
