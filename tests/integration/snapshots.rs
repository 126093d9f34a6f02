//! Snapshots of what every command prints, on the bundled corpus (`corpus/`): human output
//! with colour off, JSON, the index summary, the error messages and exit codes of wrong
//! invocations. Taken before the refactors of issue 14, so that a change which must not change
//! behaviour can show it did not: any difference in a byte the user sees fails the test.
//!
//! Each snapshot (in `snapshots/`) is a transcript of one run: the command line, the exit code,
//! stdout and stderr. Every run is the harness's (`--corpus [TMP]/corpus --index [TMP]/index`
//! added, run from `[TMP]`, `NO_COLOR=1`), with `COLUMNS=100` so that clap's help is wrapped
//! the same everywhere (stdout is a pipe, so the program itself wraps nothing; the terminal
//! snapshot is the one at 80 columns), and on one CPU (`on_one_cpu`: the order of sessions
//! that tie depends on the number of indexing threads). What differs between machines or runs
//! is replaced, never the content: the temp folder by `[TMP]`, the index summary's time by
//! `[secs]`. JSON printed on one line is shown indented, its keys in the order printed.
//!
//! To accept a change on purpose: `INSTA_UPDATE=always cargo test --test integration snapshots`,
//! then read `git diff tests/integration/snapshots/` (or `cargo insta review`, with cargo-insta).

use crate::harness::{Output, SUBCOMMANDS, TestEnv};
use crate::terminal::{Pty, visible_lines};
use std::path::Path;
use std::process::Command;

/// The bundled corpus, copied into a temp folder and indexed.
fn indexed() -> TestEnv {
    let env = TestEnv::new().bundled_corpus();
    let out = run(&env, &["index"], &[]);
    assert_eq!(out.code, 0, "index failed: {}", out.stderr);
    env
}

/// Runs `confsearch ARGS…` as the harness does, `COLUMNS` fixed, with extra variables, on
/// one CPU.
fn run(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut cmd = env.command(args);
    cmd.env("COLUMNS", "100").envs(vars.iter().copied());
    on_one_cpu(&mut cmd);
    let out = cmd.output().expect("run confsearch");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Makes the run see one CPU, so that `index` writes with one indexing thread whatever the
/// machine: with two or more (four cores and up), which thread takes which session decides the
/// order of sessions that tie (the same date in `--sort date` and in a query without words, the
/// same score), and the snapshots would differ between machines and between runs.
fn on_one_cpu(cmd: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: the closure runs in the child between fork and exec, and only makes the two
        // system calls (async-signal-safe) on a set of its own.
        unsafe {
            cmd.pre_exec(|| {
                let mut allowed: libc::cpu_set_t = std::mem::zeroed();
                let size = std::mem::size_of::<libc::cpu_set_t>();
                if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let Some(first) = (0..libc::CPU_SETSIZE as usize).find(|&c| libc::CPU_ISSET(c, &allowed)) else {
                    return Ok(());
                };
                let mut one: libc::cpu_set_t = std::mem::zeroed();
                libc::CPU_SET(first, &mut one);
                if libc::sched_setaffinity(0, size, &one) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cmd;
}

/// Runs `confsearch ARGS…` and compares its transcript with the snapshot `name`.
fn check(name: &str, env: &TestEnv, args: &[&str]) {
    check_with(name, env, args, &[]);
}

/// [`check`] with extra environment variables (shown in the transcript).
fn check_with(name: &str, env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) {
    let out = run(env, args, vars);
    snapshot(name, &transcript(env.root(), args, vars, &out));
}

fn snapshot(name: &str, text: &str) {
    // Not prefixed with the module: the snapshots keep their names when the tests move.
    insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

/// One run as a person reads it, machine-specific parts replaced.
fn transcript(root: &Path, args: &[&str], vars: &[(&str, &str)], out: &Output) -> String {
    let mut line: Vec<String> = vars.iter().map(|(k, v)| format!("{k}={}", quoted(v))).collect();
    line.push("confsearch".to_string());
    line.extend(args.iter().map(|a| quoted(a)));
    let (stdout_title, stdout) = if args.contains(&"--json") && is_one_line_json(&out.stdout) {
        let mut indented = indent_json(&out.stdout);
        if !out.stdout.ends_with('\n') {
            indented.push_str("[no newline at the end]\n");
        }
        ("stdout (one line of JSON, indented here)", indented)
    } else {
        ("stdout", out.stdout.clone())
    };
    let text = format!(
        "$ {}\nexit: {}\n--- {stdout_title}\n{}--- stderr\n{}",
        line.join(" "),
        out.code,
        with_final_newline(&stdout),
        with_final_newline(&out.stderr),
    );
    redact(&text, root)
}

/// The argument as a shell would need it.
fn quoted(arg: &str) -> String {
    let plain = !arg.is_empty() && arg.chars().all(|c| c.is_alphanumeric() || "-_./:#@+=,".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

fn with_final_newline(s: &str) -> String {
    if s.is_empty() || s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n[no newline at the end]\n")
    }
}

/// The temp folder as `[TMP]` (also as the OS resolves it, for a temp folder behind a link),
/// the index summary's time as `[secs]`.
fn redact(text: &str, root: &Path) -> String {
    let mut text = text.to_string();
    if let Ok(real) = root.canonicalize() {
        text = text.replace(&*real.to_string_lossy(), "[TMP]");
    }
    text = text.replace(&*root.to_string_lossy(), "[TMP]");
    text.split('\n').map(redact_time).collect::<Vec<_>>().join("\n")
}

/// `indexed … in 0.31s` → `indexed … in [secs]s`; other lines as they are.
fn redact_time(line: &str) -> String {
    if line.starts_with("indexed ")
        && let Some((head, time)) = line.rsplit_once(" in ")
        && time.strip_suffix('s').is_some_and(|n| n.parse::<f64>().is_ok())
    {
        return format!("{head} in [secs]s");
    }
    line.to_string()
}

fn is_one_line_json(s: &str) -> bool {
    let s = s.strip_suffix('\n').unwrap_or(s);
    !s.contains('\n') && s.starts_with(['{', '[']) && serde_json::from_str::<serde_json::Value>(s).is_ok()
}

/// JSON text indented by two spaces per level, keys in their printed order, strings and
/// numbers as printed; an array of numbers stays on one line (`[9, 19]`).
fn indent_json(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                let start = i;
                i += 1;
                while chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.extend(&chars[start..=i]);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                let end = matching(&chars, i);
                let inner = &chars[i + 1..end];
                if inner.is_empty() {
                    out.push(c);
                    out.push(close);
                    i = end;
                } else if c == '[' && inner.iter().all(|&d| d.is_ascii_digit() || "-+.eE,".contains(d)) {
                    let numbers: String = inner.iter().collect();
                    out.push('[');
                    out.push_str(&numbers.split(',').collect::<Vec<_>>().join(", "));
                    out.push(']');
                    i = end;
                } else {
                    out.push(c);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    out.push('\n');
    out
}

/// The index of the bracket that closes the one at `open`, strings skipped.
fn matching(chars: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                i += 1;
                while chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
            }
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced JSON: {}", chars.iter().collect::<String>())
}

#[test]
fn indent_json_keeps_key_order_strings_and_numbers() {
    let text = r#"{"z":1,"a":[{"q":"x, \"y\": [z]"},[]],"h":[[9,19],[30,40]],"e":{},"s":-1.5e3}"#;
    assert_eq!(
        indent_json(text),
        "{\n  \"z\": 1,\n  \"a\": [\n    {\n      \"q\": \"x, \\\"y\\\": [z]\"\n    },\n    []\n  ],\n  \
         \"h\": [\n    [9, 19],\n    [30, 40]\n  ],\n  \"e\": {},\n  \"s\": -1.5e3\n}\n"
    );
    let again: serde_json::Value = serde_json::from_str(&indent_json(text)).expect("still JSON");
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(text).unwrap());
}

#[test]
fn help_version_completions_and_man() {
    let env = TestEnv::new();
    check("help", &env, &["--help"]);
    check("version", &env, &["--version"]);
    for sub in SUBCOMMANDS {
        check(&format!("help_{sub}"), &env, &[sub, "--help"]);
    }
    check("completions_fish", &env, &["completions", "fish"]);
    check("man", &env, &["man"]);
}

#[test]
fn index_summaries() {
    let env = TestEnv::new().bundled_corpus();
    check("index_first", &env, &["index"]);
    check("index_unchanged", &env, &["index"]);
    // One note changed, one removed, one added (written here, not taken from the corpus).
    let changed = env.corpus().join("2019/talks/system-accidents.md");
    let mut text = std::fs::read_to_string(&changed).expect("read note");
    text.push_str("\nOne more line, added by the test.\n");
    std::fs::write(&changed, text).expect("change note");
    std::fs::remove_file(env.corpus().join("2017/breakouts.txt")).expect("remove note");
    std::fs::write(
        env.corpus().join("2019/lightning.md"),
        "# Lightning talks\n\n## Ten minutes of tracing - Robin Example\n\n\
         A short demo of following one request through five services. #observability\n",
    )
    .expect("add note");
    check("index_changed", &env, &["index"]);
    check("index_rebuild", &env, &["index", "--rebuild"]);
    check("index_quiet", &env, &["--quiet", "index", "--rebuild"]);
}

#[test]
fn query_shapes() {
    let env = indexed();
    let shapes: &[(&str, &[&str])] = &[
        ("query_words", &["query", "kubernetes"]),
        ("query_words_json", &["query", "kubernetes", "--json"]),
        ("query_phrase", &["query", "\"chaos engineering\""]),
        ("query_phrase_json", &["query", "\"chaos engineering\"", "--json"]),
        (
            "query_filters",
            &["query", "kubernetes", "--year", "2019", "--kind", "talk"],
        ),
        (
            "query_filters_json",
            &["query", "kubernetes", "--year", "2019", "--kind", "talk", "--json"],
        ),
        ("query_speaker_alias", &["query", "--speaker", "A. Mouat"]),
        (
            "query_dates_and_domain",
            &[
                "query",
                "--since",
                "2019-10-18",
                "--until",
                "2019-10-18",
                "--domain",
                "github.com",
            ],
        ),
        (
            "query_sort_date",
            &["query", "--theme", "security", "--sort", "date", "--limit", "5"],
        ),
        (
            "query_sort_date_json",
            &[
                "query", "--theme", "security", "--sort", "date", "--limit", "5", "--json",
            ],
        ),
        (
            "query_required_excluded_or",
            &["query", "+secrets", "-kubernetes", "vault", "OR", "credentials"],
        ),
        ("query_field", &["query", "title:prometheus"]),
        ("query_prefix", &["query", "prometh"]),
        ("query_typo_found", &["query", "kubernets"]),
        ("query_exact", &["query", "kubernets", "--exact"]),
        ("query_did_you_mean", &["query", "qrometheus"]),
        ("query_did_you_mean_json", &["query", "qrometheus", "--json"]),
        ("query_no_hit", &["query", "zzyzx"]),
        ("query_no_hit_json", &["query", "zzyzx", "--json"]),
        ("query_count_only", &["query", "kubernetes", "--limit", "0"]),
        ("query_facets", &["query", "observability", "--facets"]),
        ("query_everything", &["query", "--limit", "3"]),
        ("query_bad_no_words", &["query", "title:("]),
        ("query_bad_unclosed_quote", &["query", "\"unclosed"]),
        (
            "query_colour",
            &["query", "kubernetes", "--limit", "2", "--color", "always"],
        ),
    ];
    for (name, args) in shapes {
        let out = run(&env, args, &[]);
        let mut text = transcript(env.root(), args, &[], &out);
        if args.contains(&"always") {
            // Escape sequences made readable.
            text = text.replace('\u{1b}', r"\e");
        }
        snapshot(name, &text);
    }
}

#[test]
fn show_and_open() {
    let env = indexed();
    let hits = run(&env, &["query", "thanos", "--json"], &[]).json();
    let first = &hits["hits"][0];
    let id = first["id"].as_str().expect("an id");
    let place = format!(
        "corpus/{}:{}",
        first["source"]["path"].as_str().expect("a path"),
        first["source"]["line"]
    );
    check("show_by_id", &env, &["show", id]);
    check("show_by_id_json", &env, &["show", id, "--json"]);
    check("show_by_place", &env, &["show", &place]);
    check("show_unknown", &env, &["show", "2019/nowhere.md#nothing"]);
    check("open_without_editor", &env, &["open", id]);
    // `echo` as the editor prints what `open` hands an editor.
    check_with("open_with_editor", &env, &["open", id], &[("EDITOR", "echo")]);
}

#[test]
fn links_lists() {
    let env = indexed();
    check("links_all", &env, &["links"]);
    check("links_all_json", &env, &["links", "--json"]);
    check("links_query", &env, &["links", "kubernetes"]);
    check("links_domain", &env, &["links", "--domain", "github.com"]);
    check(
        "links_domain_json",
        &env,
        &["links", "--domain", "github.com", "--json"],
    );
    check("links_unknown_domain", &env, &["links", "--domain", "nowhere.example"]);
}

#[test]
fn facets_lists() {
    let env = indexed();
    check("facets_all", &env, &["facets"]);
    check("facets_all_json", &env, &["facets", "--json"]);
    check("facets_speaker", &env, &["facets", "speaker"]);
    check("facets_year_json", &env, &["facets", "year", "--json"]);
    check(
        "facets_theme_filtered",
        &env,
        &["facets", "theme", "--year", "2019", "--kind", "talk"],
    );
    check("facets_unknown_field", &env, &["facets", "colour"]);
}

#[test]
fn parse_files() {
    let env = TestEnv::new().bundled_corpus();
    // The harness names the corpus by an absolute path and these files by relative ones:
    // `parse` then shows the file by its name alone, and its ids are not the index's.
    check("parse_txt", &env, &["parse", "corpus/2017/breakouts.txt"]);
    check(
        "parse_txt_json",
        &env,
        &["parse", "corpus/2017/breakouts.txt", "--json"],
    );
    // Named as the corpus is (absolute): the path and ids are relative to the corpus.
    let absolute = env.corpus().join("2017/breakouts.txt");
    check("parse_txt_absolute", &env, &["parse", &absolute.to_string_lossy()]);
    check(
        "parse_md_explain",
        &env,
        &["parse", "corpus/2018/cloud-native-scotland-2018.md", "--explain"],
    );
    check("parse_missing_file", &env, &["parse", "corpus/2017/nothing.md"]);
}

#[test]
fn wrong_invocations() {
    let env = TestEnv::new().bundled_corpus();
    check("wrong_query_before_index", &env, &["query", "kubernetes"]);
    check("wrong_no_command", &env, &[]);
    check("wrong_unknown_command", &env, &["serach", "kubernetes"]);
    check("wrong_unknown_flag", &env, &["query", "--yaer", "2019"]);
    check("wrong_bad_year", &env, &["query", "--year", "twenty", "kubernetes"]);
    check("wrong_negative_limit", &env, &["query", "--limit", "-1", "kubernetes"]);
    check("wrong_show_without_id", &env, &["show"]);
    // The harness gives its own `--corpus`: this run names the folders itself, from [TMP].
    let args = ["--corpus", "no-such-folder", "--index", "index", "index"];
    let out = env.run_from(env.root(), &[("COLUMNS", "100")], &args);
    snapshot("wrong_missing_corpus", &transcript(env.root(), &args, &[], &out));
}

#[test]
fn query_in_an_80_column_terminal() {
    let env = indexed();
    let mut pty = Pty::start(&env, &["query", "observability", "--limit", "3"], 80);
    let code = pty.exit_code(30.0);
    let lines = visible_lines(&pty.text());
    let screen = lines.join("\n");
    snapshot(
        "query_terminal_80",
        &format!(
            "$ confsearch query observability --limit 3   (on an 80-column terminal)\nexit: {code}\n{}\n",
            screen.trim_end()
        ),
    );
}
