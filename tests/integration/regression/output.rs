//! What reaches the terminal or a pipe: escape sequences and bidi controls in notes and file
//! names, hostile query text, a pipe closed before or during the output.

use super::{assert_good_found, assert_no_control, with_good};
use crate::fixtures::day_notes;
use crate::harness::{TestEnv, assert_no_panic, checked_index, drain, titles};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

// Guards against: ESC, BEL and CR in a note's text driving the terminal through `query` and `show`.
#[test]
fn control_characters_and_escape_sequences_never_reach_the_terminal() {
    let env = with_good().note(
        "evil.md",
        "# Evil \x1b[31mred\x1b[0m talk by Ann Lee\n\nBody \x1b]0;title\x07 text \x07 bell\x08\x08 \r overwrite\n",
    );
    checked_index(&env);
    assert_good_found(&env);
    for args in [
        &["query", "evil"][..],
        &["query", "evil", "--json"],
        &["query", "bell"],
        &["query", "evil", "--facets"],
        &["show", "evil.md"],
        &["show", "evil.md:1", "--json"],
    ] {
        let out = env.run(args);
        assert_no_panic(&out);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !text.contains('\x1b') && !text.contains('\x07'),
                "{args:?}: ESC or BEL in {stream}: {text:?}"
            );
        }
    }
    let json = env.run(&["query", "evil", "--json"]).json();
    assert!(json["hits"][0]["title"].as_str().unwrap().starts_with("Evil"), "{json}");
}

// Before: with `--color always`, a colour sequence in a file name reached the terminal through `parse`.
/// A title and a file name (and its folder) holding an SGR colour, a screen clear, an OSC
/// window title ended by BEL: with colour forced on, a colour sequence in a file name went
/// to the terminal as it was in `parse` (which printed the name unsanitised), since the
/// writer kept every `ESC [ … m` as one of ours. Now no printer can let one through.
#[test]
fn title_and_file_name_with_ansi_escapes_osc_and_bel_show_inert() {
    let evil = "Evil\x1b[31mConf 2019/talk\x1b[2J\x1b]0;pwned\x07.md";
    let env = with_good().note(
        evil,
        "# Talk \x1b[31mred\x1b[0m \x1b]0;pwned\x07 title - Ann Lee\n\n\
         Notes on \x1b[1mbold\x1b[0m zanzibar things, see https://example.com/page \x07 #tag\n",
    );
    checked_index(&env);
    let found = env.run(&["query", "zanzibar", "--json"]).json();
    let id = found["hits"][0]["id"]
        .as_str()
        .expect("the evil note is found")
        .to_string();
    assert!(id.contains('\x1b'), "the id keeps the file name as it is: {id:?}");
    let file = env.corpus().join(evil);
    let file = file.to_str().unwrap();
    for args in [
        &["show", &id][..],
        &["links"],
        &["parse", file],
        &["parse", file, "--explain"],
        &["facets"],
    ] {
        let mut with_colour = args.to_vec();
        with_colour.extend(["--color", "always"]);
        let out = env.run(&with_colour);
        assert_no_panic(&out);
        assert_eq!(out.code, 0, "{with_colour:?}: {}", out.stderr);
        // Only `facets` paints (its names in bold): what is left is the notes' text.
        let shown = out.stdout.replace("\x1b[1m", "").replace("\x1b[0m", "");
        for (stream, text) in [("stdout", &shown), ("stderr", &out.stderr)] {
            assert!(
                !text.contains('\x1b') && !text.contains('\x07'),
                "{with_colour:?}: ESC or BEL in {stream}: {text:?}"
            );
        }
        // Inert, not lost: the sequences' printable rest is there to read.
        let inert = if args[0] == "facets" {
            "[31mConf"
        } else {
            "[2J]0;pwned.md"
        };
        assert!(shown.contains(inert), "{with_colour:?}: {shown}");
    }
}

const ESC_NAME: &str = "\x1b[2J\x1b]0;pwned\x07evil";

// Before: escape sequences in file names reached stderr through every warning (`binary`, `not valid UTF-8`…) (issue 11).
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
    let out = checked_index(&env);
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

// Before: bidi overrides and isolates in titles reached both text and JSON (issue 11).
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
    checked_index(&env);
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

// Guards against: an unclosed quote, a lone operator or 2,000 words panicking the query parser.
#[test]
fn hostile_queries_give_a_message_or_a_lenient_result() {
    let env = with_good();
    checked_index(&env);
    let long = "word ".repeat(2000);
    for q in [
        "\"open phrase",
        "+",
        "-",
        "OR",
        "a OR",
        "OR a",
        "+ -",
        "AND",
        long.as_str(),
        "colour:red",
        "title:",
        ":",
        "sec\x1bret\x07",
        "",
        "   ",
        "!!! ???",
        "\"\"",
        "((()))",
        "*",
    ] {
        for json in [false, true] {
            let mut args = vec!["query", q];
            if json {
                args.push("--json");
            }
            let out = env.run(&args);
            let shown = q.chars().take(40).collect::<String>();
            assert_no_panic(&out);
            assert!(
                [0, 1, 2].contains(&out.code),
                "{shown:?}: exit {}\n{}",
                out.code,
                out.stderr
            );
            if out.code == 2 {
                assert!(out.stderr.starts_with("confsearch:"), "{shown:?}: {}", out.stderr);
            } else if json {
                out.json();
            }
            for text in [&out.stdout, &out.stderr] {
                assert!(!text.contains('\x1b') && !text.contains('\x07'), "{shown:?}: {text:?}");
            }
        }
    }
}

// Guards against: a pipe closed in the middle of a long listing printing an error or exiting non-zero.
#[test]
fn output_piped_into_head_exits_quietly() {
    // 1,200 matching sessions: their listing is far larger than a pipe buffer (64 KiB), so
    // the writer must meet the closed pipe. (300 short talks fit in the buffer.)
    let env = TestEnv::new();
    for n in 0..75 {
        let path = env.corpus().join(format!("days/day-{n:02}.txt"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, day_notes(n, 16, 1)).unwrap();
    }
    checked_index(&env);
    let full = env.run(&["query", "recording", "--limit", "1200"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert_eq!(full.stdout.matches(".txt:").count(), 1200, "{}", full.stdout);
    assert!(
        full.stdout.len() > 128 << 10,
        "only {} bytes of output",
        full.stdout.len()
    );
    let mut child = env
        .command(&["query", "recording", "--limit", "1200"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn confsearch");
    let stderr = drain(child.stderr.take().unwrap());
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .expect("first line");
    // The reader is dropped here: the pipe is closed, like `| head -1`.
    let status = child.wait().expect("wait");
    let stderr = stderr.join().unwrap();
    assert!(!first.is_empty());
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert_eq!(stderr, "");
}

// Before: `links --json | head -c1` and `facets --json | head -c1` printed "Broken pipe" and exited 2 (issue 11).
#[test]
fn closed_pipe_is_quiet_for_every_command() {
    let env = TestEnv::new().note(
        "2019/talks.md",
        "# Vault in production by Ann Lee\n\nSee https://example.com/vault #secrets\n\n\
         # Chaos engineering by Bob Ray\n\nhttps://example.org/chaos\n",
    );
    checked_index(&env);
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
