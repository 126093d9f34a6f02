//! A small fluent harness: a temp folder of notes, the real `confsearch` binary run on it.
//!
//! ```ignore
//! let env = TestEnv::new().note("2019/vault.md", "# Vault by Jo\n");
//! let out = env.run(&["query", "vault"]);
//! ```

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;
/// A day of schedule lines in `year` (`09:00 Ann Lee – Title`, then its notes), one talk each,
/// two an hour, speakers in turn.
pub(crate) fn schedule_day(year: u16, talks: &[(&str, &str)]) -> String {
    const SPEAKERS: [&str; 4] = ["Ann Lee", "Bob Ray", "Cy Moss", "Dee Fox"];
    let mut s = format!("TestConf\n\nOctober 17, {year}\n\n");
    for (i, (title, body)) in talks.iter().enumerate() {
        let (h, m) = (9 + i / 2, if i % 2 == 0 { "00" } else { "30" });
        let speaker = SPEAKERS[i % SPEAKERS.len()];
        s.push_str(&format!("{h:02}:{m} {speaker} – {title}\n{body}\n\n"));
    }
    s
}

/// `env` after a successful `index`.
pub(crate) fn indexed(env: TestEnv) -> TestEnv {
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed: {}", out.stderr);
    env
}

/// The titles of the hits of a `query --json` run, in order.
#[allow(dead_code)]
pub(crate) fn titles(out: &Output) -> Vec<String> {
    let json = out.json();
    json["hits"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter_map(|x| x["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The `source.path` of every hit of a `query --json` run, sorted.
#[allow(dead_code)]
pub(crate) fn sorted_paths(out: &Output) -> Vec<String> {
    let mut paths: Vec<String> = out.json()["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["source"]["path"].as_str().expect("a path").to_string())
        .collect();
    paths.sort();
    paths
}

/// The `indexed N files (…): …` summary line of an `index` run.
#[allow(dead_code)]
pub(crate) fn summary(out: &Output) -> &str {
    out.stderr
        .lines()
        .find(|l| l.starts_with("indexed "))
        .unwrap_or_else(|| panic!("no summary line:\n{}", out.stderr))
}

pub(crate) struct TestEnv {
    dir: TempDir,
}

/// What one run printed and how it ended.
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Runs `cmd` to the end, its output captured.
    fn of(mut cmd: Command) -> Output {
        let out = cmd.output().expect("run confsearch");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

#[allow(dead_code)]
impl TestEnv {
    pub(crate) fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The notes folder (`corpus/` inside the temp folder).
    pub(crate) fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    /// The index folder (`index/` inside the temp folder).
    pub(crate) fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Adds a copy of the bundled sample corpus (the repository's `corpus/`, its
    /// `confsearch.toml` included) to the corpus.
    pub(crate) fn bundled_corpus(self) -> TestEnv {
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &self.corpus());
        self
    }

    /// Adds a note at `rel` under the corpus.
    pub(crate) fn note(self, rel: &str, text: &str) -> TestEnv {
        self.bytes(rel, text.as_bytes())
    }

    /// Adds a file with exactly these bytes.
    pub(crate) fn bytes(self, rel: &str, bytes: &[u8]) -> TestEnv {
        let path = self.corpus().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write note");
        self
    }

    /// `confsearch` run from `cwd`, stdin closed, no arguments yet. Every run of the binary
    /// starts here (`terminal.rs` and `setpriv` copy its environment): the user's own folders,
    /// editor and terminal width left out, colour off, and the user's config and data folders
    /// inside the temp folder, so that no test reads or writes the real ones.
    fn command_from(&self, cwd: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_confsearch"));
        cmd.current_dir(cwd).stdin(Stdio::null());
        for k in ["CONFSEARCH_CORPUS", "CONFSEARCH_INDEX", "VISUAL", "EDITOR", "COLUMNS"] {
            cmd.env_remove(k);
        }
        cmd.env("NO_COLOR", "1")
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"));
        cmd
    }

    /// `confsearch --corpus C --index I ARGS…` in the temp folder (no `--index` for `parse`),
    /// for runs a test must spawn, pipe, time or kill itself; `run` is this run to the end.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.command_from(self.dir.path());
        cmd.arg("--corpus").arg(self.corpus());
        if self.has_index_flag(args) {
            cmd.arg("--index").arg(self.index());
        }
        cmd.args(args);
        cmd
    }

    /// Runs `confsearch --corpus C --index I ARGS…` in the temp folder, colour off.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Output::of(self.command(args))
    }

    /// Runs `confsearch ARGS…` from `cwd` with no `--corpus`/`--index` flags (they are found
    /// as a user's shell would find them), with extra environment variables.
    pub(crate) fn run_from(&self, cwd: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
        let mut cmd = self.command_from(cwd);
        cmd.envs(envs.iter().copied()).args(args);
        Output::of(cmd)
    }

    /// Runs `confsearch --corpus C --index I ARGS…` to the end, killing it and failing the
    /// test if it takes longer than `limit` (a hang must not hang the suite).
    pub(crate) fn run_with_timeout(&self, args: &[&str], limit: Duration) -> Output {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn confsearch");
        let stdout = drain(child.stdout.take().unwrap());
        let stderr = drain(child.stderr.take().unwrap());
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("confsearch {args:?} still running after {limit:?}: hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output {
            code: status.code().unwrap_or(-1),
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        }
    }

    fn has_index_flag(&self, args: &[&str]) -> bool {
        !matches!(args.first(), Some(&"parse"))
    }
}

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Reads a child's pipe to its end on a thread of its own (so that the child never blocks on
/// a full pipe), as text.
#[allow(dead_code)]
pub(crate) fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Every subcommand, as a user reads them in `--help`.
pub(crate) const SUBCOMMANDS: [&str; 12] = [
    "index",
    "query",
    "facets",
    "links",
    "show",
    "related",
    "export",
    "open",
    "serve",
    "parse",
    "completions",
    "man",
];

/// Runs `index`, which must succeed without a panic, its summary counting the warnings it
/// printed (the check every test of a hostile note makes).
pub(crate) fn checked_index(env: &TestEnv) -> Output {
    let out = env.run(&["index"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "index failed:\n{}", out.stderr);
    assert_summary_counts_warnings(&out);
    out
}

/// Neither a panic nor an arithmetic overflow reached stderr.
pub(crate) fn assert_no_panic(out: &Output) {
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("overflow"),
        "{}",
        out.stderr
    );
}

/// The `confsearch: warning:` lines of a run.
pub(crate) fn warnings(out: &Output) -> Vec<&str> {
    out.stderr
        .lines()
        .filter(|l| l.starts_with("confsearch: warning:"))
        .collect()
}

/// `W warnings` in the summary equals the number of warning lines printed.
pub(crate) fn assert_summary_counts_warnings(out: &Output) {
    let line = summary(out);
    let count: usize = line
        .split(", ")
        .find(|part| part.contains(" warning"))
        .and_then(|part| part.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no warning count in {line:?}"));
    assert_eq!(count, warnings(out).len(), "{}", out.stderr);
}

/// `total` of an empty query: the number of sessions in the index.
pub(crate) fn total_sessions(env: &TestEnv) -> u64 {
    let out = env.run(&["query", "--json", "--limit", "1"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()["total"].as_u64().expect("total")
}

/// The `path:line` of the first hit of a human `query`, as printed.
pub(crate) fn printed_place(stdout: &str) -> String {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().contains(".md:"))
        .unwrap_or_else(|| panic!("no path:line in\n{stdout}"));
    line.trim().split(" · ").next().unwrap().to_string()
}

/// The titles of `query --json --limit 50 ARGS…`, which must find something or nothing.
pub(crate) fn query(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["query", "--json", "--limit", "50"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    titles(&out)
}

/// Paths of every session, sorted (`query --json` over everything).
pub(crate) fn session_paths(env: &TestEnv) -> Vec<String> {
    let out = env.run(&["query", "--json", "--limit", "100"]);
    assert!([0, 1].contains(&out.code), "{}", out.stderr);
    sorted_paths(&out)
}

/// Runs `index` with these arguments under a time limit (a followed `/` must not hang a test).
pub(crate) fn run_index(env: &TestEnv, args: &[&str]) -> Output {
    let out = env.run_with_timeout(args, Duration::from_secs(120));
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out
}
