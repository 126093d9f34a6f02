//! Hostile input: odd bytes, huge files, deep nesting, bad links, nasty queries, killed and
//! concurrent runs. Each hostile note gives at most a warning naming the file; the rest of the
//! corpus is still indexed and the summary counts the warnings.

use crate::harness::{Output, TestEnv, drain, summary, titles};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = "# Chaos engineering by Ann Lee\n\nBreak things on purpose.\n";

const SPEAKERS: [&str; 8] = [
    "Ann Lee",
    "Bob Ray",
    "Cy Pérez",
    "Dan Wu",
    "Eve Stone",
    "Fay Moreau",
    "Gus Olsen",
    "Hana Sato",
];

const TOPICS: [&str; 8] = [
    "Secrets management with Vault",
    "Kubernetes operators in practice",
    "Observability with Prometheus",
    "Resilience experiments at scale",
    "Zero trust networking",
    "Continuous delivery pipelines",
    "Incident response playbooks",
    "Service mesh in production",
];

const PARAGRAPH: &str = "We rotated secrets every week and measured the blast radius of each deploy. \
The team moved from manual runbooks to automated checks, then wrote down what broke and why. \
Dashboards showed latency per route, error budgets burned slower, and on-call pages dropped by half. \
Questions from the room were about cost, migration paths and how to convince management. \
See https://example.com/slides and https://www.youtube.com/watch?v=abc for the recording.\n";

/// A good note beside the hostile one.
fn with_good() -> TestEnv {
    TestEnv::new().note("good.md", GOOD)
}

/// Runs `index`, which must succeed without a panic.
fn index_ok(env: &TestEnv) -> Output {
    let out = env.run(&["index"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "index failed:\n{}", out.stderr);
    assert_summary_counts_warnings(&out);
    out
}

fn assert_no_panic(out: &Output) {
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("overflow"),
        "{}",
        out.stderr
    );
}

/// The `confsearch: warning:` lines of a run.
fn warnings(out: &Output) -> Vec<&str> {
    out.stderr
        .lines()
        .filter(|l| l.starts_with("confsearch: warning:"))
        .collect()
}

/// `W warnings` in the summary equals the number of warning lines printed.
fn assert_summary_counts_warnings(out: &Output) {
    let line = summary(out);
    let count: usize = line
        .split(", ")
        .find(|part| part.contains(" warning"))
        .and_then(|part| part.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no warning count in {line:?}"));
    assert_eq!(count, warnings(out).len(), "{}", out.stderr);
}

fn assert_warns_about(out: &Output, name: &str) {
    assert!(
        warnings(out).iter().any(|w| w.contains(name)),
        "no warning naming {name}:\n{}",
        out.stderr
    );
}

/// The good session is still found.
fn assert_good_found(env: &TestEnv) {
    let out = env.run(&["query", "chaos", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Chaos engineering"]);
}

/// `total` of an empty query: the number of sessions in the index.
fn total_sessions(env: &TestEnv) -> u64 {
    let out = env.run(&["query", "--json", "--limit", "1"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()["total"].as_u64().expect("total")
}

/// A day of realistic notes: a date line, then `sessions` schedule lines each followed by
/// `paragraphs` paragraphs. `n` makes titles unique.
fn day_notes(n: usize, sessions: usize, paragraphs: usize) -> String {
    let mut s = format!("October {}, 2019\n", 1 + n % 28);
    for i in 0..sessions {
        let (h, m) = (9 + i / 2, if i % 2 == 0 { "00" } else { "30" });
        let end = if i % 2 == 0 {
            format!("{h:02}:30")
        } else {
            format!("{:02}:00", h + 1)
        };
        s.push_str(&format!(
            "{h:02}:{m} – {end} {} – {} number {n} part {i}\n",
            SPEAKERS[(n + i) % SPEAKERS.len()],
            TOPICS[(n * 3 + i) % TOPICS.len()]
        ));
        for _ in 0..paragraphs {
            s.push_str(PARAGRAPH);
            s.push('\n');
        }
    }
    s
}

#[test]
fn binary_file_with_note_extension_is_skipped_with_warning() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let env = with_good().bytes("photo.md", &png);
    let out = index_ok(&env);
    assert_warns_about(&out, "photo.md");
    assert_good_found(&env);
    assert_eq!(total_sessions(&env), 1);
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_with_warning() {
    let env = with_good().bytes(
        "cafe.md",
        b"# Caf\xe9 talk by Eric Br\xe9hault\n\nCr\xe8me br\xfbl\xe9e.\n",
    );
    let out = index_ok(&env);
    assert_warns_about(&out, "cafe.md");
    assert_good_found(&env);
    let out = env.run(&["query", "--speaker", "brehault", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["hits"][0]["title"], "Café talk");
    assert_eq!(json["hits"][0]["speakers"][0], "Eric Bréhault");
}

#[test]
fn utf16_le_with_bom_is_parsed() {
    let text = "# Sixteen bit encodings by Ann Lee\n\nWide characters everywhere.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let env = with_good().bytes("wide.md", &bytes);
    index_ok(&env);
    assert_good_found(&env);
    let out = env.run(&["query", "sixteen", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Sixteen bit encodings"]);
}

#[test]
fn empty_file_gives_no_session() {
    let env = with_good()
        .note("empty.md", "")
        .note("empty.txt", "")
        .note("blank.md", "\n\n  \n");
    index_ok(&env);
    assert_good_found(&env);
    assert_eq!(total_sessions(&env), 1);
}

#[test]
fn fifty_megabyte_file_is_indexed() {
    let mut big = String::with_capacity(51 << 20);
    let mut n = 0;
    while big.len() < 50 << 20 {
        big.push_str(&day_notes(n, 8, 2));
        n += 1;
    }
    big.push_str("\nOctober 30, 2019\n17:00 – 17:30 Ann Lee – Quasar closing remarks\nThe very end.\n");
    let env = with_good().note("huge.txt", &big);
    let started = Instant::now();
    let out = env.run_with_timeout(&["index"], Duration::from_secs(1800));
    eprintln!(
        "fifty_megabyte_file_is_indexed: index of {} MB ({n} days) took {:.1}s; {}",
        big.len() >> 20,
        started.elapsed().as_secs_f64(),
        summary(&out)
    );
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_good_found(&env);
    let out = env.run(&["query", "quasar", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Quasar closing remarks"]);
}

#[test]
fn ten_megabyte_single_line_does_not_crash() {
    let mut text = String::from("# Endless line talk by Ann Lee\n\n");
    text.push_str(&"lorem ipsum dolor sit amet ".repeat((10 << 20) / 27 + 1));
    let env = with_good()
        .note("oneline.md", &text)
        .note("oneline.txt", &"x".repeat(10 << 20));
    let out = env.run_with_timeout(&["index"], Duration::from_secs(300));
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_summary_counts_warnings(&out);
    assert_good_found(&env);
}

#[test]
fn ten_thousand_deep_nested_lists_and_block_quotes_do_not_crash() {
    let indented: String = (0..10_000).map(|i| "  ".repeat(i) + "- x\n").collect();
    let env = with_good()
        .note("lists.md", &format!("# Deep lists by Ann Lee\n\n{indented}"))
        .note(
            "dashes.md",
            &format!("# Dashes by Ann Lee\n\n{} x\n", "- ".repeat(10_000)),
        )
        .note(
            "quotes.md",
            &format!("# Deep quotes by Ann Lee\n\n{} deep\n", ">".repeat(10_000)),
        )
        .note("mixed.md", &format!("{} deep\n", "> - ".repeat(5_000)));
    let out = env.run_with_timeout(&["index"], Duration::from_secs(300));
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_summary_counts_warnings(&out);
    assert_good_found(&env);
    for file in ["lists.md", "dashes.md", "quotes.md", "mixed.md"] {
        let path = env.corpus().join(file);
        let out = env.run(&["parse", path.to_str().unwrap()]);
        assert_no_panic(&out);
        assert!([0, 1].contains(&out.code), "parse {file}: {}\n{}", out.code, out.stderr);
    }
}

#[test]
fn broken_front_matter_warns_with_line_and_keeps_text() {
    let env = with_good().note(
        "front.md",
        "---\ntitle: [unclosed\n---\n\n# Marmalade logistics by Bob Ray\n\nZanzibar shipping routes.\n",
    );
    let out = index_ok(&env);
    assert_warns_about(&out, "front.md:1");
    assert_good_found(&env);
    let out = env.run(&["query", "zanzibar", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "front.md");
}

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

#[test]
fn control_characters_and_escape_sequences_never_reach_the_terminal() {
    let env = with_good().note(
        "evil.md",
        "# Evil \x1b[31mred\x1b[0m talk by Ann Lee\n\nBody \x1b]0;title\x07 text \x07 bell\x08\x08 \r overwrite\n",
    );
    index_ok(&env);
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
    index_ok(&env);
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

#[test]
fn hostile_queries_give_a_message_or_a_lenient_result() {
    let env = with_good();
    index_ok(&env);
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
    index_ok(&env);
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

#[test]
fn incremental_index_sees_only_real_changes() {
    let env = TestEnv::new()
        .note("a.md", "# Alpha talk by Ann Lee\n\nApricot.\n")
        .note("b.md", "# Beta talk by Bob Ray\n\nBlueberry.\n")
        .note("c.md", "# Gamma talk by Cy Pérez\n\nCherry.\n");
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+3 ~0 -0 =0)"), "{}", out.stderr);
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);

    // Same bytes written again: the mtime moves, the content does not.
    std::thread::sleep(Duration::from_millis(20));
    let b = env.corpus().join("b.md");
    std::fs::write(&b, std::fs::read(&b).unwrap()).unwrap();
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);

    std::fs::write(&b, "# Beta talk rewritten by Bob Ray\n\nZeppelin voyages.\n").unwrap();
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+0 ~1 -0 =2)"), "{}", out.stderr);
    assert_eq!(
        titles(&env.run(&["query", "zeppelin", "--json"])),
        ["Beta talk rewritten"]
    );
    assert_eq!(env.run(&["query", "blueberry"]).code, 1);

    std::fs::remove_file(env.corpus().join("c.md")).unwrap();
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+0 ~0 -1 =2)"), "{}", out.stderr);
    assert_eq!(env.run(&["query", "cherry"]).code, 1);

    std::fs::write(env.corpus().join("d.md"), "# Delta talk by Dan Wu\n\nDurian.\n").unwrap();
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+1 ~0 -0 =2)"), "{}", out.stderr);
    assert_eq!(titles(&env.run(&["query", "durian", "--json"])), ["Delta talk"]);
    assert_eq!(total_sessions(&env), 3);

    let out = env.run(&["index", "--rebuild"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(total_sessions(&env), 3);
    assert_eq!(
        titles(&env.run(&["query", "zeppelin", "--json"])),
        ["Beta talk rewritten"]
    );

    // An index from an older schema is rebuilt, and says so.
    std::fs::write(env.index().join("confsearch-schema-version"), "0").unwrap();
    let out = index_ok(&env);
    assert!(out.stderr.to_lowercase().contains("rebuilding"), "{}", out.stderr);
    assert_eq!(total_sessions(&env), 3);
    assert_eq!(titles(&env.run(&["query", "durian", "--json"])), ["Delta talk"]);
    let out = index_ok(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);
}
