//! What a person at a real terminal sees: confsearch run in a pseudo-terminal, where a pipe
//! would hide a hang, a progress bar, the width and Ctrl-C.

use crate::harness::TestEnv;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One run of confsearch in a pseudo-terminal of the given width.
pub(crate) struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<Vec<u8>>>,
    // Kept open for the child's whole life.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    pub(crate) fn start(env: &TestEnv, args: &[&str], cols: u16) -> Pty {
        Pty::start_with(env, args, cols, &[])
    }

    /// The same run with environment variables set (`Some`) or removed (`None`) over the
    /// harness's and the terminal's.
    pub(crate) fn start_with(env: &TestEnv, args: &[&str], cols: u16, vars: &[(&str, Option<&str>)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        // The harness's run (arguments, folder, environment), on a terminal.
        let run = env.command(args);
        let mut cmd = CommandBuilder::new(run.get_program());
        cmd.cwd(env.root());
        for (k, v) in run.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            }
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in vars {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            }
        }
        cmd.args(run.get_args());
        let child = pair.slave.spawn_command(cmd).expect("start confsearch");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            screen,
            _master: pair.master,
        }
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().unwrap()).into_owned()
    }

    /// Waits until the terminal shows `what`; panics with the screen after `secs`.
    fn wait_for(&self, what: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !self.text().contains(what) {
            assert!(
                Instant::now() < deadline,
                "the terminal never showed {what:?}; it shows:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types bytes, as a person at the keyboard.
    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("type into the terminal");
        self.writer.flush().expect("flush");
    }

    /// The exit code, which must come within `secs`; the process is killed otherwise.
    pub(crate) fn exit_code(&mut self, secs: f64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs_f64(secs);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Let the reader thread take what was printed last.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("still running after {secs} s; the terminal shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Escape sequences out, carriage-return overwrites resolved: the lines a person reads.
pub(crate) fn visible_lines(raw: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
            continue;
        }
        plain.push(c);
    }
    plain
        .split('\n')
        .map(|l| l.rsplit('\r').find(|s| !s.is_empty()).unwrap_or("").to_string())
        .collect()
}

fn notes(env: TestEnv, files: usize, talks_per_file: usize) -> TestEnv {
    let mut env = env;
    for f in 0..files {
        let mut text = format!("# Conference day {f}\n\n");
        for t in 0..talks_per_file {
            text.push_str(&format!(
                "## Talk {t} of file {f} - Speaker Number{t}\n\nNotes about observability and secrets, \
                 tracing, kubernetes and on-call rotations. {}\n\n",
                "More words about deployment pipelines and incident reviews. ".repeat(8)
            ));
        }
        env = env.note(&format!("2019/day-{f:04}.md"), &text);
    }
    env
}

#[test]
fn index_in_a_terminal_finishes_with_a_bar_and_a_summary() {
    let env = notes(TestEnv::new(), 400, 3);
    let mut pty = Pty::start(&env, &["index"], 100);
    let code = pty.exit_code(120.0);
    let screen = pty.text();
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains("indexing") && screen.contains("files"),
        "no progress bar:\n{screen}"
    );
    assert!(screen.contains("indexed 400 files (+400"), "no summary:\n{screen}");
    // The bar is cleared: the summary is the last thing on the screen.
    let last = visible_lines(&screen)
        .into_iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap();
    assert!(last.starts_with("indexed 400 files"), "{last:?}");
}

#[test]
fn index_piped_shows_no_bar() {
    let env = notes(TestEnv::new(), 5, 1);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0);
    assert!(!out.stderr.contains("indexing"), "{}", out.stderr);
    assert!(out.stderr.starts_with("indexed 5 files"), "{}", out.stderr);
}

#[test]
fn ctrl_c_stops_a_long_index_with_130_and_the_index_stays_usable() {
    let env = notes(TestEnv::new(), 2, 1);
    assert_eq!(env.run(&["index"]).code, 0);
    // Enough notes that the second run is still going when Ctrl-C comes.
    let env = notes(env, 3000, 12);
    let mut pty = Pty::start(&env, &["index", "--rebuild"], 100);
    pty.wait_for("indexing", 60);
    let typed = Instant::now();
    pty.send(&[0x03]);
    let code = pty.exit_code(5.0);
    assert_eq!(code, 130, "{}", pty.text());
    assert!(typed.elapsed() < Duration::from_secs(2), "took {:?}", typed.elapsed());
    assert!(pty.text().contains("interrupted"), "{}", pty.text());
    // The index of the first run answers as before.
    let out = env.run(&["query", "observability", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["total"], 2);
}

#[test]
fn ctrl_c_stops_index_watch_with_130() {
    let env = notes(TestEnv::new(), 2, 1);
    let mut pty = Pty::start(&env, &["index", "--watch"], 100);
    pty.wait_for("watching", 60);
    pty.send(&[0x03]);
    assert_eq!(pty.exit_code(3.0), 130, "{}", pty.text());
}

#[test]
fn ctrl_c_stops_serve_with_130() {
    let env = notes(TestEnv::new(), 1, 2);
    assert_eq!(env.run(&["index"]).code, 0);
    let mut pty = Pty::start(&env, &["serve", "--port", "0"], 100);
    pty.wait_for("http://127.0.0.1:", 60);
    pty.send(&[0x03]);
    assert_eq!(pty.exit_code(3.0), 130, "{}", pty.text());
}

#[test]
fn query_in_an_80_column_terminal_fits_the_screen() {
    let long_url = format!("https://videos.example.org/watch/{}", "x1y2z3".repeat(20));
    let env = TestEnv::new().note(
        "2019/long.md",
        &format!(
            "# A very long title about observability, distributed tracing, service meshes and the \
             people who keep them running at night - Alexandra Konstantinopoulou-Smith\n\n\
             Observability {} is about asking new questions of running systems without shipping \
             new code, said the speaker, who then showed {long_url} and many dashboards.\n",
            "matters because dashboards lie and logs are too many, ".repeat(6)
        ),
    );
    assert_eq!(env.run(&["index"]).code, 0);
    let mut pty = Pty::start(&env, &["query", "observability"], 80);
    assert_eq!(pty.exit_code(30.0), 0, "{}", pty.text());
    let lines = visible_lines(&pty.text());
    assert!(lines.iter().any(|l| l.contains("observability")), "{lines:?}");
    for l in &lines {
        assert!(l.chars().count() <= 80, "{} columns: {l:?}", l.chars().count());
    }
    // Wrapped lines keep the indent of their block.
    assert!(lines.iter().filter(|l| l.starts_with("  ")).count() >= 4, "{lines:?}");
    // Piped, nothing is wrapped: title and speaker stay on one line.
    let piped = env.run(&["query", "observability"]);
    let first = piped.stdout.lines().next().unwrap_or_default();
    assert!(
        first.contains("running at night") && first.contains("Alexandra"),
        "{}",
        piped.stdout
    );
}

/// What one run in an 80-column terminal printed, the exit code checked. The variables that
/// would decide colour for it are removed first (`CI` colours a terminal whatever `TERM` says).
fn on_terminal(env: &TestEnv, args: &[&str], vars: &[(&str, Option<&str>)]) -> String {
    let mut all: Vec<(&str, Option<&str>)> = vec![("CI", None), ("CLICOLOR", None), ("CLICOLOR_FORCE", None)];
    all.extend_from_slice(vars);
    let mut pty = Pty::start_with(env, args, 80, &all);
    let code = pty.exit_code(30.0);
    assert!(code <= 1, "{args:?} {vars:?}: exit {code}\n{}", pty.text());
    pty.text()
}

/// Colour is anstream's choice: on at a terminal, off under `NO_COLOR`, `CLICOLOR=0`,
/// `TERM=dumb` or `--color never`, on in a pipe under `CLICOLOR_FORCE` or `--color always`.
#[test]
fn colour_at_a_terminal_unless_no_color_clicolor_dumb_or_never() {
    let env = notes(TestEnv::new(), 1, 2);
    assert_eq!(env.run(&["index"]).code, 0);
    let query = ["query", "observability"];
    // The title in bold, the matched word in bold red, the place dimmed.
    let coloured = on_terminal(&env, &query, &[("NO_COLOR", None)]);
    for painted in ["\x1b[1m", "\x1b[1m\x1b[31m", "\x1b[2m"] {
        assert!(coloured.contains(painted), "no {painted:?} in:\n{coloured}");
    }
    for vars in [
        &[("NO_COLOR", Some("1"))][..],
        &[("NO_COLOR", None), ("CLICOLOR", Some("0"))],
        &[("NO_COLOR", None), ("TERM", Some("dumb"))],
    ] {
        let plain = on_terminal(&env, &query, vars);
        assert!(plain.contains("observability"), "{vars:?}: {plain}");
        assert!(!plain.contains('\x1b'), "{vars:?}: colour in:\n{plain:?}");
    }
    let never = on_terminal(
        &env,
        &["query", "observability", "--color", "never"],
        &[("NO_COLOR", None)],
    );
    assert!(!never.contains('\x1b'), "{never:?}");
    // `--color always` wins over NO_COLOR, at a terminal or not.
    let always = on_terminal(&env, &["query", "observability", "--color", "always"], &[]);
    assert!(always.contains("\x1b[1m"), "{always:?}");
    // Piped: no colour, unless forced.
    let mut piped = env.command(&query);
    piped.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    let piped = piped.output().expect("run confsearch");
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\x1b'));
    let mut forced = env.command(&query);
    forced.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    let forced = forced.output().expect("run confsearch");
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b[1m"));
    // clap's help follows the same choice.
    let help = on_terminal(&env, &["--help"], &[("NO_COLOR", None)]);
    assert!(help.contains("\x1b["), "{help:?}");
    let help = on_terminal(&env, &["--help"], &[]);
    assert!(!help.contains('\x1b'), "{help:?}");
}
