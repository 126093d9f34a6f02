//! The parser against real notes: the DevOpsDays Edinburgh notes confsearch exists for, and
//! three published corpora in other styles (`../shared/`, see its README).
//!
//! That data lives beside the repository on dev machines and in CI, never inside it, so the
//! tests find it through `CONFSEARCH_SHARED`. Unset, every test here skips with one line on
//! stderr; set but missing a file, the test fails, because a broken CI setup must not pass
//! silently. Only short facts (titles, speakers, dates, times, rooms, URLs) are copied from
//! the notes, to state what a correct parse yields.
//!
//! Each test gathers every mismatch before failing, so one run lists all that is wrong.
//!
//! Length: most of the file is data, the facts each real corpus must yield (tables of talks
//! with their speakers, dates and links), one test per corpus beside its table.

use confsearch::corpus::read_note;
use confsearch::notes::{self, Kind, ParsedNote, Session};
use std::fmt::Debug;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Finding and parsing the shared data
// ---------------------------------------------------------------------------------------------

/// The shared folder, or `None` when `CONFSEARCH_SHARED` is not set.
fn shared() -> Option<PathBuf> {
    std::env::var_os("CONFSEARCH_SHARED")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `rel` inside the shared folder. `None` (said once on stderr) when the variable is unset;
/// a panic naming the path when it is set but `rel` is missing.
fn shared_path(test: &str, rel: &str) -> Option<PathBuf> {
    let Some(root) = shared() else {
        eprintln!("{test}: skipped, CONFSEARCH_SHARED is not set");
        return None;
    };
    Some(require(test, root.join(rel)))
}

/// `path`, which must exist once `CONFSEARCH_SHARED` is set.
fn require(test: &str, path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{test}: CONFSEARCH_SHARED is set but {} does not exist",
        path.display()
    );
    path
}

/// Reads `root/rel` the way the indexer does and parses it with `rel` as the path hint.
fn parse_file(root: &Path, rel: &str) -> ParsedNote {
    notes::parse(rel, &read_text(&root.join(rel)))
}

fn read_text(path: &Path) -> String {
    read_note(path).unwrap_or_else(|e| panic!("{e}")).text
}

/// Every file under `root`, as `/`-separated paths relative to it, sorted; the corpora's
/// licence files are not notes.
fn note_files(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.file_name().is_some_and(|n| n != "UPSTREAM-LICENSE.txt") {
                out.push(confsearch::corpus::relative_path(root, &path));
            }
        }
    }
    let mut files = Vec::new();
    walk(root, root, &mut files);
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// Comparing sessions
// ---------------------------------------------------------------------------------------------

/// Mismatches found by one test, reported together.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn eq<T: PartialEq + Debug>(&mut self, at: &str, field: &str, actual: T, expected: T) {
        if actual != expected {
            self.0
                .push(format!("{at}: {field}: expected {expected:?}, got {actual:?}"));
        }
    }

    fn check(&mut self, at: &str, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(format!("{at}: {}", what()));
        }
    }

    fn assert_none(self, test: &str) {
        assert!(
            self.0.is_empty(),
            "{test}: {} problem(s):\n  {}",
            self.0.len(),
            self.0.join("\n  ")
        );
    }
}

fn speakers(s: &Session) -> Vec<&str> {
    s.speakers.iter().map(String::as_str).collect()
}

fn date(s: &Session) -> Option<String> {
    s.date.map(|d| d.to_string())
}

/// Conference names are compared without case: most come from lower-case folder names
/// (`djangocon-us`, `oscon-2016`), whose capitals no single file can know.
fn same_conference(s: &Session, expected: &str) -> bool {
    s.conference
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case(expected))
}

fn has_link(s: &Session, url_part: &str) -> bool {
    s.links.iter().any(|l| l.url.contains(url_part))
}

fn summary(s: &Session) -> String {
    format!(
        "line {} {} {:?} {:?}–{:?} {:?} by {:?}",
        s.source.line,
        s.kind,
        date(s),
        s.start,
        s.end,
        s.title,
        s.speakers
    )
}

/// The one session of `note` titled `title`, or a problem saying what was there instead:
/// the sessions of `slot` (date, start) when given, else all of them.
fn only_titled<'a>(
    p: &mut Problems,
    at: &str,
    note: &'a ParsedNote,
    title: &str,
    slot: Option<(&str, &str)>,
) -> Option<&'a Session> {
    let found: Vec<&Session> = note.sessions.iter().filter(|s| s.title == title).collect();
    if let [one] = found.as_slice() {
        return Some(one);
    }
    let in_slot = |s: &&Session| {
        slot.is_none_or(|(day, start)| date(s).as_deref() == Some(day) && s.start.as_deref() == Some(start))
    };
    let instead: Vec<String> = note.sessions.iter().filter(in_slot).map(summary).collect();
    let place = if slot.is_some() { "that slot" } else { "the note" };
    p.0.push(format!(
        "{at}: {} sessions titled {title:?}; {place} has:\n    {}",
        found.len(),
        instead.join("\n    ")
    ));
    None
}

// ---------------------------------------------------------------------------------------------
// DevOpsDays Edinburgh: the plain-text schedule of four days
// ---------------------------------------------------------------------------------------------

/// A scheduled talk: (date, start, end, kind, speakers, title).
type ScheduledTalk = (
    &'static str,
    &'static str,
    &'static str,
    Kind,
    &'static [&'static str],
    &'static str,
);

/// An open-space option: (date, start, end, room, title, attended).
type OpenSpace = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

/// Talks, keynotes and ignites. An ignite's slot is the slot of the `Ignites` line it is
/// listed under.
#[rustfmt::skip]
const DEVOPSDAYS_TALKS: &[ScheduledTalk] = &[
    ("2019-10-17", "09:15", "09:45", Kind::Talk, &["Stuart Davidson"], "TBA"),
    ("2019-10-17", "09:45", "10:15", Kind::Talk, &["Andrew Dufour"], "System Accidents: The Unanticipated Interaction of Multiple Failures"),
    ("2019-10-17", "10:30", "11:00", Kind::Talk, &["Jessica Andersson"], "From Developers and Operations to DevOps and Autonomous Teams"),
    ("2019-10-17", "11:00", "11:30", Kind::Talk, &["Joe McGrath"], "Wrangling Data Science in a DevOps World"),
    ("2019-10-17", "11:45", "12:15", Kind::Talk, &["Maik Wojcieszak"], "7 Effective ways to waste time"),
    // The em dash inside the title is the title's own, not a separator to rewrite as `-`.
    ("2019-10-17", "12:15", "12:45", Kind::Talk, &["Piotr Gaczkowski"], "Ego-less Programming — the philosophy of better code"),
    ("2019-10-17", "13:45", "14:15", Kind::Ignite, &["Dave Stanke"], "All Tech is Debt"),
    ("2019-10-17", "13:45", "14:15", Kind::Ignite, &["Adarsh Shah"], "Role of Team structures in DevOps Transformation Journey"),
    ("2019-10-17", "13:45", "14:15", Kind::Ignite, &["Emanuil Tolev"], "4 ways to help people in their careers"),
    // The only line of notes under this slot says it was a keynote.
    ("2019-10-18", "09:00", "09:30", Kind::Keynote, &["PJ Hagerty"], "From Turing to Big Data: A Look at Computing and Analytics"),
    ("2019-10-18", "09:30", "10:00", Kind::Talk, &["Tom Riley"], "Prometheus in Practice: High Availability with Thanos"),
    ("2019-10-18", "10:15", "10:45", Kind::Talk, &["Andy Burgin"], "History repeating"),
    ("2019-10-18", "10:45", "11:15", Kind::Talk, &["Adarsh Shah", "Priyanka Rao"], "Enabling DevOps culture with a Platform engineering team"),
    ("2019-10-18", "11:30", "12:00", Kind::Talk, &["Ali Hill"], "Don’t Be a Hero"),
    ("2019-10-18", "12:00", "12:30", Kind::Talk, &["Nataliya Remez"], "Cultural aspects of DevOps transformation"),
    ("2019-10-18", "13:30", "14:00", Kind::Ignite, &["Adrian Mouat"], "Advanced Container Build Tooling"),
    ("2019-10-18", "13:30", "14:00", Kind::Ignite, &["Nik Knight"], "Using Coaching Skills to Grow Compassion, Empathy and Kindness in DevOps"),
    ("2019-10-18", "13:30", "14:00", Kind::Ignite, &["Andy Burgin"], "So You Want To Run Your Own Kubernetes Cluster ?"),
    ("2017-10-23", "09:15", "09:45", Kind::Keynote, &["Maria Gutierrez"], "Opening Keynote"),
    ("2017-10-23", "09:45", "10:15", Kind::Talk, &["Adrian Mouat"], "Microservice Deployment Techniques"),
    ("2017-10-23", "10:15", "10:45", Kind::Talk, &["Peter Varhol"], "Using Machine Learning to Optimize DevOps Practices"),
    ("2017-10-23", "11:00", "11:30", Kind::Talk, &["Gerie Owen"], "DevOps and Groupthink: An Oxymoron?"),
    ("2017-10-23", "11:30", "12:00", Kind::Talk, &["Abhishek Chanda"], "Helm and the zen of managing complex Kubernetes apps"),
    ("2017-10-23", "12:00", "12:30", Kind::Talk, &["Cookie Lanfear"], "From Software Development Bootcamp to Junior DevOps Engineer"),
    ("2017-10-23", "12:30", "13:00", Kind::Talk, &["Philipp Krenn"], "Providing and Supporting Docker Images"),
    ("2017-10-23", "14:00", "14:30", Kind::Ignite, &["Jon Hall"], "Aligning DevOps and IT Support in the Enterprise, Through Intelligent Swarming"),
    ("2017-10-23", "14:00", "14:30", Kind::Ignite, &["Philipp Krenn"], "NoSQL Means No Security?"),
    ("2017-10-23", "14:00", "14:30", Kind::Ignite, &["Murdo Aird"], "Using ChatOps in an open and conversational workflow"),
    ("2017-10-24", "09:15", "09:45", Kind::Talk, &["Paul Gillespie"], "The Perfect DevOps Storm"),
    ("2017-10-24", "09:45", "10:15", Kind::Talk, &["Charlotte Godley"], "Engineering a Continuous Delivery Pipeline"),
    ("2017-10-24", "10:15", "10:45", Kind::Talk, &["Josh Atwell"], "Work + Family + Self + Fast Paced Industry = _()/"),
    // `11:00 – 11.30`: a dot for the colon in the end times of this morning.
    ("2017-10-24", "11:00", "11:30", Kind::Talk, &["Neil Crawford"], "Repository driven development"),
    ("2017-10-24", "11:30", "12:00", Kind::Talk, &["Chris Van Tuin"], "A DevOps State of Mind: Continuous Security with Kubernetes"),
    ("2017-10-24", "12:00", "12:30", Kind::Talk, &["Jason Hand"], "Scrutinizing the Scrutiny"),
    ("2017-10-24", "12:30", "13:00", Kind::Talk, &["Jenny Duckett"], "Encouraging a culture of learning across your organisation"),
    ("2017-10-24", "14:00", "14:30", Kind::Ignite, &["Ken Mugrage"], "The answer to the “where do we start” question"),
    ("2017-10-24", "14:00", "14:30", Kind::Ignite, &["Gabriel Nepomuceno"], "Intelligent Diagnostics and debug"),
    ("2017-10-24", "14:00", "14:30", Kind::Ignite, &["Adrian Mouat"], "Docker Tips and Tricks"),
];

/// Open-space options of 2019 (2017's schedule names no topics). The attended option is the
/// one marked `*`. Titles lose the stray trailing `.`/`,` of the note line; `worl` + `d` on
/// the next line is one word.
#[rustfmt::skip]
const DEVOPSDAYS_OPEN_SPACES: &[OpenSpace] = &[
    ("2019-10-17", "15:05", "15:35", "Hutton Room", "DevOps & Agile in regulated industries", false),
    ("2019-10-17", "15:05", "15:35", "Boardroom", "Engineering Enablement", false),
    ("2019-10-17", "15:05", "15:35", "Biosphere Blue", "Which managed Docker container platform do I want?", true),
    ("2019-10-17", "15:05", "15:35", "Salisbury Suite", "Is re-imagining the wheel always bad?", false),
    ("2019-10-17", "15:40", "16:10", "Biosphere Blue", "What is your team topology", false),
    ("2019-10-17", "15:40", "16:10", "Salisbury Suite", "How to implement DevOps for zOS environments?", false),
    ("2019-10-17", "15:40", "16:10", "Boardroom", "Speaking at conferences and Meetups", false),
    ("2019-10-17", "15:40", "16:10", "Hutton Room", "How do you introduce TDD/BDD or should you?", true),
    ("2019-10-17", "16:15", "16:45", "Biosphere Blue", "Bad habits vs. good habits in DevOps", true),
    ("2019-10-17", "16:15", "16:45", "Salisbury Suite", "Secrets management", false),
    ("2019-10-17", "16:15", "16:45", "Hutton Room", "Mental health in Tech", false),
    ("2019-10-17", "16:15", "16:45", "Boardroom", "DevOps. How to get started", false),
    ("2019-10-18", "14:50", "15:20", "Biosphere Blue", "Why do we still use Jenkins", false),
    ("2019-10-18", "14:50", "15:20", "Hutton Room", "Hacking through the tools jungle", false),
    ("2019-10-18", "14:50", "15:20", "Boardroom", "You build it you run it", false),
    ("2019-10-18", "14:50", "15:20", "Salisbury Suite", "Release management in a continuous delivery world", true),
    ("2019-10-18", "15:25", "15:55", "Biosphere Blue", "Monitoring best practice", false),
    ("2019-10-18", "15:25", "15:55", "Salisbury Suite", "Diversity in tech orgs", false),
    ("2019-10-18", "15:25", "15:55", "Hutton Room", "Software engineers on call", false),
    ("2019-10-18", "15:25", "15:55", "Boardroom", "Deployment: what strategies and tools do you use", true),
    ("2019-10-18", "16:00", "16:30", "Salisbury Suite", "Project work firefighting improvements : the best balance", false),
    ("2019-10-18", "16:00", "16:30", "Hutton Room", "DevOps vs. Legacy and vendor software", false),
    ("2019-10-18", "16:00", "16:30", "Boardroom", "Making (regulatory) security processes agile + valuable", false),
    ("2019-10-18", "16:00", "16:30", "Biosphere Blue", "Do you treat your laptop like a cow", true),
];

#[test]
fn devopsdays_edinburgh_schedule_is_complete() {
    let test = "devopsdays_edinburgh_schedule_is_complete";
    let Some(file) = shared_path(test, "notes/devopsdays-edinburgh.txt") else {
        return;
    };
    let note = notes::parse("devopsdays-edinburgh.txt", &read_text(&file));
    let mut p = Problems::default();

    for &(day, start, end, kind, who, title) in DEVOPSDAYS_TALKS {
        let at = format!("{day} {start} {title:?}");
        let Some(s) = only_titled(&mut p, &at, &note, title, Some((day, start))) else {
            continue;
        };
        p.eq(&at, "kind", s.kind, kind);
        p.eq(&at, "date", date(s).as_deref(), Some(day));
        p.eq(&at, "start", s.start.as_deref(), Some(start));
        p.eq(&at, "end", s.end.as_deref(), Some(end));
        p.eq(&at, "speakers", speakers(s), who.to_vec());
        p.eq(&at, "year", s.year, day[..4].parse().ok());
        p.check(&at, same_conference(s, "DevOpsDays Edinburgh"), || {
            format!("conference {:?}", s.conference)
        });
    }

    for &(day, start, end, room, title, attended) in DEVOPSDAYS_OPEN_SPACES {
        let at = format!("{day} {start} {room} {title:?}");
        let Some(s) = only_titled(&mut p, &at, &note, title, Some((day, start))) else {
            continue;
        };
        p.eq(&at, "kind", s.kind, Kind::OpenSpace);
        p.eq(&at, "date", date(s).as_deref(), Some(day));
        p.eq(&at, "start", s.start.as_deref(), Some(start));
        p.eq(&at, "end", s.end.as_deref(), Some(end));
        p.eq(&at, "room", s.room.as_deref(), Some(room));
        p.eq(&at, "attended", s.attended, Some(attended));
        p.eq(&at, "speakers", speakers(s), vec![]);
        // Notes written under an open-space slot are the attended option's.
        if !attended {
            p.check(&at, s.body.trim().is_empty(), || {
                format!("an option not attended has notes: {:?}", s.body)
            });
        }
    }

    // Nothing else is scheduled: registration, breaks, sponsors, welcomes, open-space planning,
    // 2017's topic-less open-space slots and day closes are not sessions of any schedule kind.
    for s in note.sessions.iter().filter(|s| s.kind != Kind::Section) {
        let listed = DEVOPSDAYS_TALKS
            .iter()
            .any(|t| t.5 == s.title && date(s).as_deref() == Some(t.0))
            || DEVOPSDAYS_OPEN_SPACES
                .iter()
                .any(|o| o.4 == s.title && date(s).as_deref() == Some(o.0));
        p.check("schedule", listed, || {
            format!("session not in the schedule: {}", summary(s))
        });
    }

    // The notes under Session 3 of 2019-10-18 (local dev environments, no-machine) belong to the
    // starred option, the laptop one; the other three were checked above to have none.
    let cow = "Do you treat your laptop like a cow";
    if let Some(s) = only_titled(&mut p, cow, &note, cow, Some(("2019-10-18", "16:00"))) {
        p.check(cow, s.body.contains("ansible") && s.body.contains("no-machine"), || {
            format!("body lacks the notes written under it: {:?}", s.body)
        });
    }

    p.assert_none(test);
}

// ---------------------------------------------------------------------------------------------
// Every note of every corpus parses
// ---------------------------------------------------------------------------------------------

/// Every file of the corpus parses without panicking into at least one session, each session
/// names its file and a line inside it, and every link is an absolute URL.
fn check_every_note_parses(test: &str, corpus: &str) {
    let Some(root) = shared_path(test, &format!("corpora/{corpus}")) else {
        return;
    };
    let files = note_files(&root);
    assert!(!files.is_empty(), "{test}: no notes under {}", root.display());
    let mut p = Problems::default();
    for rel in &files {
        let text = read_text(&root.join(rel));
        let line_count = text.lines().count();
        let Ok(note) = std::panic::catch_unwind(|| notes::parse(rel, &text)) else {
            p.0.push(format!("{rel}: the parser panicked"));
            continue;
        };
        p.check(rel, !note.sessions.is_empty(), || "no session".to_string());
        for s in &note.sessions {
            let at = format!("{rel} {:?}", s.title);
            p.eq(&at, "source.path", s.source.path.as_str(), rel.as_str());
            p.check(&at, (1..=line_count).contains(&s.source.line), || {
                format!("source.line {} outside 1..={line_count}", s.source.line)
            });
            for link in &s.links {
                p.check(&at, url::Url::parse(&link.url).is_ok(), || {
                    format!("link {:?} is not a URL", link.url)
                });
            }
        }
    }
    p.assert_none(test);
}

#[test]
fn daneah_every_note_parses() {
    check_every_note_parses("daneah_every_note_parses", "daneah");
}

#[test]
fn lastcoolnameleft_every_note_parses() {
    check_every_note_parses("lastcoolnameleft_every_note_parses", "lastcoolnameleft");
}

#[test]
fn ludochaordic_every_note_parses() {
    check_every_note_parses("ludochaordic_every_note_parses", "ludochaordic");
}

// ---------------------------------------------------------------------------------------------
// One file per talk: daneah and lastcoolnameleft
// ---------------------------------------------------------------------------------------------

/// What a one-talk note must parse into: a single session with these fields. `None` for
/// date and slot means the note does not state them, so they must not be invented.
struct TalkNote {
    file: &'static str,
    kind: Kind,
    title: &'static str,
    speakers: &'static [&'static str],
    conference: &'static str,
    year: i16,
    date: Option<&'static str>,
    start: Option<&'static str>,
    end: Option<&'static str>,
    /// Parts of URLs the session's links must include.
    links: &'static [&'static str],
}

impl TalkNote {
    /// A talk whose note states neither a date nor a slot.
    const fn talk(
        file: &'static str,
        title: &'static str,
        speakers: &'static [&'static str],
        conference: &'static str,
        year: i16,
    ) -> TalkNote {
        TalkNote {
            file,
            kind: Kind::Talk,
            title,
            speakers,
            conference,
            year,
            date: None,
            start: None,
            end: None,
            links: &[],
        }
    }

    const fn links(self, links: &'static [&'static str]) -> TalkNote {
        TalkNote { links, ..self }
    }
}

fn check_talk_notes(test: &str, corpus: &str, expected: &[TalkNote]) {
    let Some(root) = shared_path(test, &format!("corpora/{corpus}")) else {
        return;
    };
    let mut p = Problems::default();
    for t in expected {
        require(test, root.join(t.file));
        let note = parse_file(&root, t.file);
        let [s] = note.sessions.as_slice() else {
            let all: Vec<String> = note.sessions.iter().map(summary).collect();
            p.0.push(format!(
                "{}: expected one session, got {}:\n    {}",
                t.file,
                all.len(),
                all.join("\n    ")
            ));
            continue;
        };
        let at = t.file;
        p.eq(at, "kind", s.kind, t.kind);
        p.eq(at, "title", s.title.as_str(), t.title);
        p.eq(at, "speakers", speakers(s), t.speakers.to_vec());
        p.check(at, same_conference(s, t.conference), || {
            format!("conference: expected {:?}, got {:?}", t.conference, s.conference)
        });
        p.eq(at, "year", s.year, Some(t.year));
        p.eq(at, "date", date(s).as_deref(), t.date);
        p.eq(at, "start", s.start.as_deref(), t.start);
        p.eq(at, "end", s.end.as_deref(), t.end);
        for url in t.links {
            p.check(at, has_link(s, url), || {
                format!(
                    "no link to {url:?} among {:?}",
                    s.links.iter().map(|l| &l.url).collect::<Vec<_>>()
                )
            });
        }
    }
    p.assert_none(test);
}

/// daneah: one Markdown file per talk, `year/conference/` in the path.
const DANEAH_TALKS: &[TalkNote] = &[
    // `# "Title" by Speaker`, and two speakers joined by `and`.
    TalkNote::talk(
        "2018/djangocon-us/bdd-testing-for-django-apps.md",
        "BDD Testing for Django Apps",
        &["Le Xiao"],
        "DjangoCon US",
        2018,
    ),
    TalkNote::talk(
        "2018/djangocon-us/a-python-driven-web-app-framework.md",
        "A Python-Driven Web App Framework with Django, Channels, and React",
        &["Kendall Chuang", "Henry Olson"],
        "DjangoCon US",
        2018,
    ),
    // The heading is `##`, not `#`.
    TalkNote::talk(
        "2018/pygotham/mfa-the-right-way-one-time-passwords-with-pyotp.md",
        "MFA the Right Way: One Time Passwords with PyOTP",
        &["Collin Stedman"],
        "PyGotham",
        2018,
    ),
    TalkNote::talk(
        "2015/github-universe/bugsnag-monitoring.md",
        "Rethinking production monitoring",
        &[],
        "GitHub Universe",
        2015,
    ),
    // 2016: `# Title` then `## Speaker, Role, Company` — or only `## Speaker`.
    TalkNote::talk(
        "2016/djangocon-us/channels.md",
        "Architecting with Channels",
        &["Andrew Godwin"],
        "DjangoCon US",
        2016,
    )
    .links(&["bit.ly/asgi-spec"]),
    TalkNote::talk(
        "2016/djangocon-us/glass-walls.md",
        "Breaking Down the Glass Walls of Tech",
        &["Janice Levenhagen"],
        "DjangoCon US",
        2016,
    ),
    TalkNote::talk(
        "2016/djangocon-us/accessibility.md",
        "Lessons Learnt from Working on Accessibility of a Django Project",
        &["Radina Matic"],
        "DjangoCon US",
        2016,
    ),
    TalkNote::talk(
        "2016/djangocon-us/typography.md",
        "Just Enough Typography",
        &["Joni Trythall"],
        "DjangoCon US",
        2016,
    ),
    TalkNote::talk(
        "2016/djangocon-us/rtl-languages.md",
        "Beyond PO: How to make Django work for RTL languages",
        &["Cho Garcia"],
        "DjangoCon US",
        2016,
    ),
    // A handle with a Markdown-escaped underscore.
    TalkNote::talk(
        "2016/djangocon-us/websockets.md",
        "Websockets",
        &["@eusoj_xirdneh"],
        "DjangoCon US",
        2016,
    ),
    // The speaker is a Markdown link, with the company inside or after it.
    TalkNote::talk(
        "2017/pygotham/evolution-of-api-design-eric-baer.md",
        "Evolution of API Design",
        &["Eric Baer"],
        "PyGotham",
        2017,
    )
    .links(&["twitter.com/ebaerbaerbaer"]),
    TalkNote::talk(
        "2017/pygotham/monolithic-to-serverless-scott-triglia.md",
        "From Monolithic to Serverless",
        &["Scott Triglia"],
        "PyGotham",
        2017,
    )
    .links(&["twitter.com/scott_triglia"]),
    // An unquoted title before `by`.
    TalkNote::talk(
        "2017/pygotham/try-monads-with-big-data-using-pyspark-jordan-yaker.md",
        "Try-Monads with Big Data Using PySpark",
        &["Jordan Yaker"],
        "PyGotham",
        2017,
    ),
    // `by A and B, Company`.
    TalkNote::talk(
        "2017/pygotham/tracing-the-flow-of-knowledge-using-pyspark-jessica-cox-corey-harper.md",
        "Tracing the Flow of Knowledge Using PySpark",
        &["Jessica Cox", "Corey Harper"],
        "PyGotham",
        2017,
    ),
];

#[test]
fn daneah_talk_notes() {
    check_talk_notes("daneah_talk_notes", "daneah", DANEAH_TALKS);
}

/// A README listing the conference's talks is a table of contents: the talks it links to
/// notes of are sessions of those notes, not of the README. A talk listed without notes has
/// no other place, so it is a talk of the README.
#[test]
fn daneah_readme_tables_of_contents() {
    let test = "daneah_readme_tables_of_contents";
    let Some(root) = shared_path(test, "corpora/daneah") else {
        return;
    };
    let mut p = Problems::default();

    let rel = "2018/djangocon-us/README.md";
    let note = parse_file(&root, rel);
    let talks: Vec<&Session> = note.sessions.iter().filter(|s| s.kind != Kind::Section).collect();
    match talks.as_slice() {
        [zappa] => {
            p.eq(rel, "kind", zappa.kind, Kind::Talk);
            p.eq(rel, "title", zappa.title.as_str(), "Serverless Django with Zappa");
            p.eq(rel, "speakers", speakers(zappa), vec!["Dane Hillard"]);
            p.check(
                rel,
                has_link(zappa, "speakerdeck.com/daneah/serverless-django-with-zappa"),
                || format!("Zappa talk lacks its slides link: {:?}", zappa.links),
            );
        }
        _ => p.0.push(format!(
            "{rel}: expected only the talk without notes, got {:?}",
            talks.iter().map(|s| summary(s)).collect::<Vec<_>>()
        )),
    }
    // The README's H1 spells the conference and the year, and so does its folder.
    for s in &note.sessions {
        let at = format!("{rel} {:?}", s.title);
        p.eq(&at, "conference", s.conference.as_deref(), Some("DjangoCon US"));
        p.eq(&at, "year", s.year, Some(2018));
    }

    // Every talk of this README has notes of its own.
    let rel = "2018/pygotham/README.md";
    let note = parse_file(&root, rel);
    for s in &note.sessions {
        let at = format!("{rel} {:?}", s.title);
        p.eq(&at, "kind", s.kind, Kind::Section);
        p.eq(&at, "conference", s.conference.as_deref(), Some("PyGotham"));
        p.eq(&at, "year", s.year, Some(2018));
    }

    p.assert_none(test);
}

/// lastcoolnameleft: bullet outlines, often without a heading; `Conf-YYYY/` folders.
const LASTCOOLNAMELEFT_TALKS: &[TalkNote] = &[
    // No heading: the first line, a plain line before the bullets, is the title.
    TalkNote::talk(
        "DockerCon-2017/Back-to-the-future_Containerize-Legacy-Apps.md",
        "Containerize Legacy Apps",
        &["Brandon Royal"],
        "DockerCon",
        2017,
    ),
    // No heading and a bullet first: the title is the file name; the speaker is the first
    // bullet's `Name - Role`.
    TalkNote::talk(
        "DockerCon-2017/Creating-Effective-Images.md",
        "Creating Effective Images",
        &["Abby Fuller"],
        "DockerCon",
        2017,
    ),
    TalkNote::talk(
        "DockerCon-2017/Docker-swarm-deep-drive.md",
        "Docker swarm deep drive",
        &[],
        "DockerCon",
        2017,
    ),
    // No extension, Markdown all the same. The Visa half of the talk is introduced by a
    // `* Name - Visa` bullet further down.
    TalkNote::talk(
        "DockerCon-2017/Docker-Networking-In-Produciton-at-Visa",
        "Docker Networking In Produciton at Visa",
        &["Sasi Kannappan"],
        "DockerCon",
        2017,
    ),
    // `* Presentors:` / `* Presenters:` with the names nested below.
    TalkNote::talk(
        "DockerCon-2017/Docker_and_Microsoft-investing-in-the-future-of-your-applications.md",
        "Docker and Microsoft investing in the future of your applications",
        &["Taylor Brown", "Steve Lasker"],
        "DockerCon",
        2017,
    )
    .links(&["github.com/SteveLasker/Visitors"]),
    TalkNote::talk(
        "oscon-2016/building-cli-in-go.md",
        "Building amazing cross-platform command-line apps in Go",
        &["Steve Francia", "Ashley McNamara"],
        "OSCON",
        2016,
    )
    .links(&["conferences.oreilly.com/oscon/open-source-us/public/schedule/detail/49186"]),
    // `## Details:` with the slot line `1:30pm–5:00pm Tuesday, 05/17/2016`. Nothing in the
    // file itself says tutorial (only the folder's README does), so it is a talk.
    TalkNote {
        date: Some("2016-05-17"),
        start: Some("13:30"),
        end: Some("17:00"),
        ..TalkNote::talk(
            "oscon-2016/fluent-python.md",
            "Fluent Python: Implementing intuitive and productive APIs",
            &["Luciano Ramalho"],
            "OSCON",
            2016,
        )
        .links(&[
            "github.com/fluentpython/pythonic-api",
            "speakerdeck.com/ramalho/pythonic-apis",
        ])
    },
    TalkNote {
        date: Some("2016-05-18"),
        start: Some("11:05"),
        end: Some("11:45"),
        ..TalkNote::talk(
            "oscon-2016/perl-6.md",
            "Perl 6: Believe it or not!",
            &["Larry Wall"],
            "OSCON",
            2016,
        )
    },
    // A keynote file: `# Day 2 Keynote`, the speaker on the first bullet.
    TalkNote {
        kind: Kind::Keynote,
        ..TalkNote::talk(
            "KubeCon-2017/Day-2-keynote.md",
            "Day 2 Keynote",
            &["Kelsey Hightower"],
            "KubeCon",
            2017,
        )
        .links(&["github.com/HBO/tf-modules"])
    },
    // A panel: the H1 names the moderator, `* people` the panellists; the title is the file's.
    TalkNote {
        kind: Kind::Panel,
        ..TalkNote::talk(
            "KubeCon-2017/k8s-cloud-native-public-cloud-panel.md",
            "k8s cloud native public cloud panel",
            &[
                "Dan Kohn",
                "Aparna Sinha",
                "Honh Tang",
                "Gabe Monroy",
                "Todd Moore",
                "Jon Mittelhauser",
            ],
            "KubeCon",
            2017,
        )
    },
];

#[test]
fn lastcoolnameleft_talk_notes() {
    check_talk_notes(
        "lastcoolnameleft_talk_notes",
        "lastcoolnameleft",
        LASTCOOLNAMELEFT_TALKS,
    );
}

/// A note opening with a `* Presenters` bullet: the names nested under it are the speakers.
/// Build's file names start with the day (`Day3-`); whether that prefix stays in a title
/// taken from the file name is a presentation choice, so only the title's end is checked.
#[test]
fn lastcoolnameleft_presenters_list() {
    let test = "lastcoolnameleft_presenters_list";
    let Some(root) = shared_path(test, "corpora/lastcoolnameleft") else {
        return;
    };
    let rel = "Build-2017/Day3-Bot-Framework-Overview.md";
    let note = parse_file(&root, rel);
    let mut p = Problems::default();
    match note.sessions.as_slice() {
        [s] => {
            p.check(rel, s.title.ends_with("Bot Framework Overview"), || {
                format!("title {:?}", s.title)
            });
            p.eq(rel, "kind", s.kind, Kind::Talk);
            p.eq(
                rel,
                "speakers",
                speakers(s),
                vec!["Chris Mullins", "Viswac Sena Kannan", "Henrik Frystyk Nielson"],
            );
            p.eq(rel, "conference", s.conference.as_deref(), Some("Build"));
            p.eq(rel, "year", s.year, Some(2017));
        }
        other => p.0.push(format!("{rel}: expected one session, got {}", other.len())),
    }
    p.assert_none(test);
}

/// A folder that spells its conference with capitals (`DockerCon-2017`) names it for every
/// note inside, whatever spelling turns up in a note's text (a `docker service` command line).
#[test]
fn lastcoolnameleft_conference_is_spelled_as_its_folder() {
    let test = "lastcoolnameleft_conference_is_spelled_as_its_folder";
    let Some(root) = shared_path(test, "corpora/lastcoolnameleft") else {
        return;
    };
    let mut p = Problems::default();
    for (folder, conference) in [
        ("DockerCon-2017", "DockerCon"),
        ("KubeCon-2017", "KubeCon"),
        ("Build-2017", "Build"),
    ] {
        for file in note_files(&require(test, root.join(folder))) {
            let rel = format!("{folder}/{file}");
            for s in &parse_file(&root, &rel).sessions {
                p.eq(
                    &format!("{rel} {:?}", s.title),
                    "conference",
                    s.conference.as_deref(),
                    Some(conference),
                );
            }
        }
    }
    p.assert_none(test);
}

// ---------------------------------------------------------------------------------------------
// ludochaordic: two Pelican blog posts, one session per `##` heading with its slot
// ---------------------------------------------------------------------------------------------

/// The 1-based lines from `<!-- toc -->` to `<!-- tocstop -->`: a generated table of
/// contents whose entries repeat the headings and must not become sessions.
fn toc_lines(text: &str) -> std::ops::RangeInclusive<usize> {
    let line_of = |marker: &str| {
        text.lines()
            .position(|l| l.trim() == marker)
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no {marker} in the post"))
    };
    line_of("<!-- toc -->")..=line_of("<!-- tocstop -->")
}

/// A talk of a blog post: (date, start, title, speakers).
type PostTalk = (&'static str, &'static str, &'static str, &'static [&'static str]);

/// Checks a post's talks: every talk exactly once,
/// with the conference and year of the post, no end time (the headings give none), and no
/// talk beyond the table.
fn check_post_talks(p: &mut Problems, note: &ParsedNote, conference: &str, talks: &[PostTalk]) {
    for &(day, start, title, who) in talks {
        let at = format!("{day} {start} {title:?}");
        let Some(s) = only_titled(p, &at, note, title, Some((day, start))) else {
            continue;
        };
        p.eq(&at, "kind", s.kind, Kind::Talk);
        p.eq(&at, "date", date(s).as_deref(), Some(day));
        p.eq(&at, "start", s.start.as_deref(), Some(start));
        p.eq(&at, "end", s.end.as_deref(), None);
        p.eq(&at, "speakers", speakers(s), who.to_vec());
        p.eq(&at, "conference", s.conference.as_deref(), Some(conference));
        p.eq(&at, "year", s.year, day[..4].parse().ok());
    }
    for s in note.sessions.iter().filter(|s| s.kind != Kind::Section) {
        p.check("talks", talks.iter().any(|t| t.2 == s.title), || {
            format!("unexpected session {}", summary(s))
        });
    }
}

/// `## Saturday 10:00 Title - Speaker`: the days are the Saturday and Sunday before the
/// post's date (2020-02-06); only the dash before the speakers ends the title; speakers are
/// split on `&`.
#[rustfmt::skip]
const FOSDEM_TALKS: &[PostTalk] = &[
    ("2020-02-01", "10:00", "How FOSS could revolutionize municipal government", &["Danese Cooper"]),
    ("2020-02-01", "11:30", "Doomed are the dinosaurs!", &["David Heijkamp"]),
    ("2020-02-01", "12:00", "Civil society needs Free Software hackers", &["Matthias Kirschner"]),
    ("2020-02-01", "12:20", "A tool for Community Supported Agriculture (CSA) management, OpenOlitor", &["Mikel Cordovilla Mesonero"]),
    ("2020-02-01", "12:40", "What's in my food ? Open Food Facts", &["Pierre Slamich"]),
    ("2020-02-01", "13:00", "Web3 - the Internet of Freedom, Value, and Trust", &["Bruno Škvorc"]),
    ("2020-02-01", "14:00", "The Hidden Early History of Unix", &["Warner Losh"]),
    ("2020-02-01", "15:00", "A best practices guide for FLOSS community managers - The Open Source Way v2.0", &["Karsten Wade", "Shaun McCance"]),
    ("2020-02-01", "16:00", "Journalists are researchers like any others", &["Anne L'Hôte", "Bruno Thomas"]),
    ("2020-02-01", "17:30", "Creating Sustainable Public Sector Open Source Communities", &["OSOR team"]),
    ("2020-02-02", "11:00", "Is the web rea11y for all?", &["Ioana Chiorean"]),
    ("2020-02-02", "11:55", "Cognitive biases, blindspots and inclusion", &["Allon Mureinik"]),
    ("2020-02-02", "12:55", "Bringing back ethics to open source", &["Tobie Langel"]),
    ("2020-02-02", "15:00", "File sharing & storage for human rights organizations", &["Allon Bar", "Abigail Garner"]),
    ("2020-02-02", "15:30", "Design contributions to OSS: Learnings from the Open Design project at Ushahidi", &["Eriol Fox"]),
    ("2020-02-02", "16:00", "NGI Zero: A treasure trove of tech awesome", &["Michiel Leenaars"]),
    ("2020-02-02", "16:20", "European Software Engineering funded research", &["Luis C. Busquets Pérez"]),
];

#[test]
fn ludochaordic_fosdem_post() {
    let test = "ludochaordic_fosdem_post";
    let Some(root) = shared_path(test, "corpora/ludochaordic") else {
        return;
    };
    let rel = "2020-02-06-minutes-of-the-fosdem-2020-conference.md";
    let text = read_text(&require(test, root.join(rel)));
    let note = notes::parse(rel, &text);
    let mut p = Problems::default();

    // 17 talks, the introduction before them and the closing `Conclusive notes`.
    p.eq(rel, "session count", note.sessions.len(), 19);
    check_post_talks(&mut p, &note, "FOSDEM", FOSDEM_TALKS);
    if let Some(s) = only_titled(&mut p, rel, &note, "Conclusive notes", None) {
        p.eq("Conclusive notes", "kind", s.kind, Kind::Section);
    }
    let toc = toc_lines(&text);
    for s in &note.sessions {
        p.check(rel, !toc.contains(&s.source.line), || {
            format!("session from the table of contents: {}", summary(s))
        });
    }

    // The Pelican header's `Tags:` apply to every session; links stay with their talk.
    for s in &note.sessions {
        let tags = &s.tags;
        p.check(
            &s.title,
            tags.iter().any(|t| t == "libre-software") && tags.iter().any(|t| t == "human-rights"),
            || format!("tags {tags:?}"),
        );
    }
    let links = [
        (
            "How FOSS could revolutionize municipal government",
            "fosdem.org/2020/schedule/event/municipal_government",
        ),
        ("The Hidden Early History of Unix", "youtube.com/embed/pvaPaWyiuLA"),
    ];
    for (title, url) in links {
        if let Some(s) = only_titled(&mut p, title, &note, title, None) {
            p.check(title, has_link(s, url), || format!("no link to {url:?}"));
        }
    }

    p.assert_none(test);
}

/// `## 10h30 : Title - Speaker - Company` under `# Jour 2 - samedi 23 septembre`: French
/// times and day headings, the company dropped from the speakers.
#[rustfmt::skip]
const PYCONFR_TALKS: &[PostTalk] = &[
    ("2017-09-23", "10:30", "Plone, 15 ans d'expérience feront toujours la différence", &["Eric Bréhault"]),
    ("2017-09-23", "11:30", "Les Aventuriers du Packaging Perdu", &["Joachim Jablon", "Stéphane Angel"]),
    ("2017-09-23", "14:00", "Enseigner est apprendre", &["Céline Martinet Sanchez"]),
    ("2017-09-23", "15:30", "L'interprêteur Python, quel sale type", &["serge-sans-paille"]),
    ("2017-09-23", "16:30", "Scalable & distributed applications in Python", &["Julien Danjou"]),
    ("2017-09-23", "17:30", "As-tu déjà pensé à contribuer à CPython", &["Stéphane Wirtel"]),
    ("2017-09-23", "18:30", "C'est quoi être différent ?", &["Haïkel Guémar"]),
    ("2017-09-24", "11:00", "Frets On Fire (X) et son écosystème après 11 ans", &["François Magimel"]),
    ("2017-09-24", "12:00", "nuka - libérez le vilain devops qui est en vous", &["Gael Pasgrimaud"]),
    ("2017-09-24", "14:00", "Construire et gérer un opérateur Internet en Python", &["Florian Vichot"]),
    ("2017-09-24", "16:30", "Organisez vos conférences avec PonyConf", &["Élie Bouttier"]),
    ("2017-09-24", "17:00", "Python and Poland Directories", &["Christopher Lozinski"]),
];

#[test]
fn ludochaordic_pyconfr_post() {
    let test = "ludochaordic_pyconfr_post";
    let Some(root) = shared_path(test, "corpora/ludochaordic") else {
        return;
    };
    let rel = "2017-09-25-compte-rendu-de-la-pyconfr-2017.md";
    let text = read_text(&require(test, root.join(rel)));
    let note = notes::parse(rel, &text);
    let mut p = Problems::default();

    check_post_talks(&mut p, &note, "PyConFr", PYCONFR_TALKS);
    // Day 1 was a sprint: the projects worked on and the closing `Bilan` are notes, not talks.
    for title in ["python-docs-fr", "ideascube", "Bilan"] {
        if let Some(s) = only_titled(&mut p, title, &note, title, None) {
            p.eq(title, "kind", s.kind, Kind::Section);
        }
    }
    let toc = toc_lines(&text);
    for s in &note.sessions {
        p.check(rel, !toc.contains(&s.source.line), || {
            format!("session from the table of contents: {}", summary(s))
        });
        p.check(
            &s.title,
            s.tags.iter().any(|t| t == "python") && s.tags.iter().any(|t| t == "toulouse"),
            || format!("tags {:?}", s.tags),
        );
    }
    // The one link rewritten to an example host (see the shared README) stays with its talk.
    let wirtel = "As-tu déjà pensé à contribuer à CPython";
    if let Some(s) = only_titled(&mut p, wirtel, &note, wirtel, None) {
        p.check(wirtel, s.links.iter().any(|l| l.domain == "pypi.example.org"), || {
            format!("links {:?}", s.links)
        });
    }

    p.assert_none(test);
}
