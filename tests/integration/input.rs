//! What confsearch reads from outside: huge notes, hostile file names and titles, closed
//! pipes, dates, symlinks, mixed encodings (issue 11). Each test is named after its input.

use crate::harness::{Output, TestEnv, run_index, session_paths, summary, titles};
use std::process::Stdio;
use std::time::Duration;

/// Runs `index`, which must succeed.
fn index_ok(env: &TestEnv) -> Output {
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed:\n{}", out.stderr);
    out
}

/// Bytes that would drive a terminal: ESC, BEL, CSI (C1), bidi overrides and isolates.
fn assert_no_control(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: control characters {bad:?} in {text:?}");
}

// Item 3: no quadratic work in parsing.

#[test]
fn one_note_with_100000_links_and_100000_tags_indexes() {
    // Every link and tag distinct, each looked up among those already seen: quadratic
    // lookups took about 35 s here (20 s for the links, 14 s for the tags); sets take well
    // under a second. The limit below only keeps a regression from hanging the suite.
    let mut note = String::from("# Link farm by Ann Lee\n\n");
    for i in 0..100_000 {
        note.push_str(&format!("- https://example.com/page/{i} #topic{i}\n"));
    }
    // And reference definitions, which are links too (the same URLs: counted once).
    for i in 0..1_000 {
        note.push_str(&format!("\n[ref{i}]: https://example.com/page/{i}"));
    }
    let env = TestEnv::new().note("farm.md", &note);
    let out = env.run_with_timeout(&["index"], Duration::from_secs(120));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(summary(&out).contains(": 1 sessions, 100000 links"), "{}", out.stderr);
    let json = env.run(&["query", "--tag", "topic99999", "--json"]).json();
    assert_eq!(json["total"], 1, "{json}");
    let hit = &json["hits"][0];
    assert_eq!(hit["title"], "Link farm");
    assert_eq!(hit["links"].as_array().map(Vec::len), Some(100_000));
    assert_eq!(hit["tags"].as_array().map(Vec::len), Some(100_000));
}

// Item 8: nothing from a note or a file name reaches the terminal as control.

const ESC_NAME: &str = "\x1b[2J\x1b]0;pwned\x07evil";

#[test]
fn escape_sequences_in_file_names_never_reach_stderr() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..512u32).map(|i| (i * 7 % 256) as u8));
    let env = TestEnv::new()
        .note("good.md", "# Chaos engineering by Ann Lee\n\nBreak things.\n")
        .bytes(&format!("{ESC_NAME}-binary.md"), &png)
        .bytes(&format!("{ESC_NAME}-latin.md"), b"# Caf\xe9 talk by Eric Br\xe9hault\n")
        .note(
            &format!("{ESC_NAME}-front.md"),
            "---\ntitle: [unclosed\n---\n# Body talk\n",
        );
    let out = index_ok(&env);
    for kind in ["binary", "not valid UTF-8", "front matter"] {
        assert!(
            out.stderr.lines().any(|l| l.contains("evil") && l.contains(kind)),
            "no warning about the {kind} file:\n{}",
            out.stderr
        );
    }
    assert_no_control("index stderr", &out.stderr);
    // The same warnings from `parse`, and the file's name in its output.
    let file = env.corpus().join(format!("{ESC_NAME}-front.md"));
    for json in [false, true] {
        let mut args = vec!["parse", file.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("front matter"), "{}", out.stderr);
        assert_no_control("parse stderr", &out.stderr);
        assert_no_control("parse stdout", &out.stdout);
    }
    // clap quotes an argument it does not expect (a file name from a shell glob).
    let out = env.run(&["parse", file.to_str().unwrap(), &format!("{ESC_NAME}-latin.md")]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("evil-latin.md"), "{}", out.stderr);
    assert_no_control("clap's error", &out.stderr);
    // Results name the file: text drops the escapes, JSON keeps the name as a value.
    let out = env.run(&["query", "cafe"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("evil-latin.md"), "{}", out.stdout);
    assert_no_control("query stdout", &out.stdout);
    let out = env.run(&["query", "cafe", "--json"]);
    assert_no_control("query --json stdout", &out.stdout);
    assert_eq!(out.json()["hits"][0]["source"]["path"], format!("{ESC_NAME}-latin.md"));
}

#[test]
fn bidi_overrides_in_titles_reach_neither_text_nor_json() {
    // `Quarterly report <RLO>fdp.exe<PDF>` shows as `Quarterly report exe.pdf` on a terminal.
    let env = TestEnv::new()
        .note(
            "2019/spoof.md",
            "# Quarterly report \u{202E}fdp.exe\u{202C} by \u{2067}Ann Lee\u{2069}\n\nThe body \u{202D}text\u{202C}.\n",
        )
        .note(
            "2019/\u{202E}dm.txt",
            "# Renamed talk by Bob Ray\n\nA file name that reads backwards.\n",
        );
    index_ok(&env);
    let json = env.run(&["query", "quarterly", "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert_no_control("query --json", &json.stdout);
    let hit = &json.json()["hits"][0];
    assert_eq!(hit["title"], "Quarterly report fdp.exe");
    assert_eq!(hit["speakers"][0], "Ann Lee");
    for args in [
        &["query", "quarterly"][..],
        &["query", "text", "--facets"],
        &["show", "2019/spoof.md:1"],
        &["show", "2019/spoof.md:1", "--json"],
        &["links"],
        &["facets", "speaker"],
    ] {
        let out = env.run(args);
        assert_no_control(&format!("{args:?} stdout"), &out.stdout);
        assert_no_control(&format!("{args:?} stderr"), &out.stderr);
    }
    // A file name cannot be cleaned at parse time: JSON escapes the override, so the value
    // is still the file's name, and the text output drops it.
    let out = env.run(&["query", "renamed", "--json"]);
    assert_no_control("query --json", &out.stdout);
    assert!(out.stdout.contains("\\u202e"), "{}", out.stdout);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "2019/\u{202E}dm.txt");
    let out = env.run(&["query", "renamed"]);
    assert_no_control("query", &out.stdout);
    assert!(out.stdout.contains("2019/dm.txt:1"), "{}", out.stdout);
}

// Item 9: a closed pipe ends every command quietly.

#[test]
fn closed_pipe_is_quiet_for_every_command() {
    let env = TestEnv::new().note(
        "2019/talks.md",
        "# Vault in production by Ann Lee\n\nSee https://example.com/vault #secrets\n\n\
         # Chaos engineering by Bob Ray\n\nhttps://example.org/chaos\n",
    );
    index_ok(&env);
    let note = env.corpus().join("2019/talks.md");
    let note = note.to_str().unwrap();
    for args in [
        &["query", "vault"][..],
        &["query", "vault", "--json"],
        &["query", "--facets"],
        &["facets"],
        &["facets", "--json"],
        &["facets", "speaker"],
        &["links"],
        &["links", "--json"],
        &["show", "2019/talks.md:1"],
        &["show", "2019/talks.md:1", "--json"],
        &["parse", note],
        &["parse", note, "--json"],
    ] {
        let mut child = env
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn confsearch");
        // The reader goes away before anything is written, like `| head -c0`: the first
        // write meets a closed pipe, however small the output.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {:?}\n{stderr}", out.status);
        assert_eq!(stderr, "", "{args:?}");
    }
    // And the output is there when someone reads it.
    let out = env.run(&["links", "--json"]);
    assert_eq!(out.json()["links"].as_array().map(Vec::len), Some(2));
    assert_eq!(titles(&env.run(&["query", "vault", "--json"])), ["Vault in production"]);
}

// Item 10: input validated.

#[test]
fn impossible_front_matter_date_warns_with_path_and_line() {
    let env = TestEnv::new()
        .note(
            "2019/feb.md",
            "---\ntitle: Leap year trouble\nspeakers: [Ann Lee]\ndate: 2019-02-31\n---\n\nNotes.\n",
        )
        .note(
            "2019/soon.md",
            "+++\ntitle = \"Sometime\"\ndate = \"soon\"\n+++\n\nNotes.\n",
        )
        .note("2019/ok.md", "---\ntitle: Fine\ndate: October 2019\n---\n\nNotes.\n");
    let out = index_ok(&env);
    // The path as the notes folder was given (here absolute), so that it opens from anywhere.
    let corpus = env.corpus().display().to_string();
    let warnings: Vec<String> = out
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("confsearch: warning: "))
        .map(|w| w.replace(&corpus, "CORPUS"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", out.stderr);
    assert!(
        warnings.contains(
            &"CORPUS/2019/feb.md:4: date \"2019-02-31\" is not a real date; only the year 2019 is kept".to_string()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("CORPUS/2019/soon.md:3: date \"soon\"")),
        "{warnings:?}"
    );
    // The session is still there, with the year.
    let json = env.run(&["query", "leap", "--json"]).json();
    assert_eq!(json["hits"][0]["year"], 2019, "{json}");
    assert_eq!(json["hits"][0]["date"], serde_json::Value::Null);
    // `parse` says the same.
    let file = env.corpus().join("2019/feb.md");
    let out = env.run(&["parse", file.to_str().unwrap()]);
    assert!(out.stderr.contains("2019/feb.md:4: date"), "{}", out.stderr);
}

// Item 12: mixed encodings.

#[test]
fn utf8_dashes_and_latin1_accents_in_one_line_keep_title_and_speaker() {
    // Edited in two editors: `–` written as UTF-8, the accents as Latin-1.
    let env = TestEnv::new().bytes(
        "2019/cafe.md",
        b"# Caf\xe9 culture \xe2\x80\x93 Ren\xe9 Dupont\n\nEspresso \xe2\x80\x94 na\xefvely \xe2\x80\x9cstrong\xe2\x80\x9d.\n",
    );
    let out = index_ok(&env);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("confsearch: warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stderr);
    assert!(
        warnings[0].contains("cafe.md") && warnings[0].contains("3 bytes read as Windows-1252"),
        "{warnings:?}"
    );
    let out = env.run(&["query", "--speaker", "rene dupont", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hit = &out.json()["hits"][0];
    assert_eq!(hit["title"], "Café culture");
    assert_eq!(hit["speakers"][0], "René Dupont");
    let out = env.run(&["show", "2019/cafe.md:1"]);
    assert!(out.stdout.contains("Espresso — naïvely “strong”."), "{}", out.stdout);
}

// Item 11: symbolic links.

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
