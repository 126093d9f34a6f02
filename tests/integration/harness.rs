//! A small fluent harness: a temp folder of notes, the real `confsearch` binary run on it.
//!
//! ```ignore
//! let env = TestEnv::new().note("2019/vault.md", "# Vault by Jo\n");
//! let out = env.run(&["query", "vault"]);
//! ```

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The titles of the hits of a `query --json` run, in order.
#[allow(dead_code)]
pub fn titles(out: &Output) -> Vec<String> {
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

pub struct TestEnv {
    dir: TempDir,
}

/// What one run printed and how it ended.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

#[allow(dead_code)]
impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The notes folder (`corpus/` inside the temp folder).
    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    /// The index folder (`index/` inside the temp folder).
    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Adds a note at `rel` under the corpus.
    pub fn note(self, rel: &str, text: &str) -> TestEnv {
        self.bytes(rel, text.as_bytes())
    }

    /// Adds a file with exactly these bytes.
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> TestEnv {
        let path = self.corpus().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write note");
        self
    }

    /// Runs `confsearch --corpus C --index I ARGS…` in the temp folder, colour off.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::cargo_bin("confsearch").expect("binary");
        cmd.current_dir(self.dir.path())
            .env_remove("CONFSEARCH_CORPUS")
            .env_remove("CONFSEARCH_INDEX")
            .env("NO_COLOR", "1")
            // The user's config and data folders are the temp folder's own.
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .arg("--corpus")
            .arg(self.corpus());
        if self.has_index_flag(args) {
            cmd.arg("--index").arg(self.index());
        }
        let out = cmd.args(args).output().expect("run confsearch");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `confsearch ARGS…` from `cwd` with no `--corpus`/`--index` flags (they are found
    /// as a user's shell would find them), with extra environment variables.
    pub fn run_from(&self, cwd: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
        let mut cmd = Command::cargo_bin("confsearch").expect("binary");
        cmd.current_dir(cwd)
            .env_remove("CONFSEARCH_CORPUS")
            .env_remove("CONFSEARCH_INDEX")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("NO_COLOR", "1")
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().expect("run confsearch");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn has_index_flag(&self, args: &[&str]) -> bool {
        !matches!(args.first(), Some(&"parse"))
    }
}
