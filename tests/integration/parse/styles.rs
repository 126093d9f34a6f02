//! How well the parser reads notes in the sixteen shapes of issue 12, measured the way the team
//! measures it on held-out notes: the fraction of judged talks found with the right title,
//! speakers and year, and the talks it invents.
//!
//! The fixtures in `tests/parser_styles/<NN-shape>/` were written for this evaluation (never
//! copied from real notes); beside them, `expected.toml` holds what a careful reader finds in
//! each note. The notes are copied into a temp folder, indexed by the real binary, and every
//! session is listed with `query --json`, so what is measured is what a user can search
//! (`.org` files, index pages that enrich the talk files they link to, and so on).
//!
//! The rule, also written in `docs/parser-styles.md`:
//!
//! - Text is folded before comparing: accents and scripts transliterated (`deunicode`), lower
//!   case, every run of punctuation or spaces read as one space.
//! - A session's **title** matches an expected title when it is equal after folding, or holds
//!   it as whole words with at most [`MAX_EXTRA_TITLE_WORDS`] words more (a kept `Keynote:`
//!   prefix or speaker name still finds the talk; a title that swallowed a sentence of notes
//!   does not).
//! - **Speakers** match as sets of folded names; an expected speaker may list other written
//!   forms after `|` (`王小明|Alex Wang`).
//! - The **year** is equal, or both are absent (`yearless = true`: the notes do not say).
//! - A talk is **found right** when one session of its file matches all three; each session
//!   counts for one expected talk only. **Recall** is found right / expected.
//! - A session of kind talk, keynote, ignite, panel or workshop is **invented** when its title
//!   matches no expected talk of its file, or only one that another session already took (one
//!   talk read twice is one invented talk). Sections are not talks and are never invented.
//! - **Negatives** (printed, not asserted apart: they are among the invented) count talk-like
//!   sessions titled by a line the notes hold that is not a talk (`Random links`, a conference
//!   H1), and sessions naming a person only cited in the notes as a speaker.
//!
//! `parser_styles_table` (ignored) prints the table; `parser_styles_hold_their_floor` fails
//! when the overall recall falls below [`RECALL_FLOOR`] or invented talks rise above
//! [`INVENTED_CEILING`]. When the parser gets better, raise the floor and lower the ceiling to the
//! new figures (and update the table in `docs/parser-styles.md`).

use crate::harness::TestEnv;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Overall recall measured on the fixtures, rounded down to 0.01; the floor test's limit.
const RECALL_FLOOR: f64 = 1.00;
/// Invented talks measured on the fixtures; the floor test's limit.
const INVENTED_CEILING: usize = 0;
/// How many more words than the expected title a session's title may hold and still match it.
const MAX_EXTRA_TITLE_WORDS: usize = 6;
/// Kinds of sessions that claim to be a talk someone gave.
const TALK_KINDS: &[&str] = &["talk", "keynote", "ignite", "panel", "workshop"];
/// Extensions of the fixture files that are notes (the others are `expected.toml`).
const NOTE_EXTENSIONS: &[&str] = &["md", "mdx", "txt", "org"];

// ---------------------------------------------------------------------------------------------
// The judged truth
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Truth {
    note: Vec<NoteTruth>,
}

/// What a careful reader finds in one note file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteTruth {
    /// Relative to the shape's folder.
    file: String,
    #[serde(default)]
    talk: Vec<TalkTruth>,
    /// Lines of the note that must not become talks.
    #[serde(default)]
    negatives: Vec<String>,
    /// People the note cites who gave no talk in it.
    #[serde(default)]
    not_speakers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TalkTruth {
    title: String,
    speakers: Vec<String>,
    year: Option<i64>,
    /// The notes do not say the year: the session must have none.
    #[serde(default)]
    yearless: bool,
    /// Informative: `kind` mismatches are counted in the table, not in recall.
    kind: Option<String>,
}

/// A session as `query --json` lists it.
#[derive(Debug, Clone)]
struct Found {
    path: String,
    line: u64,
    title: String,
    speakers: Vec<String>,
    year: Option<i64>,
    kind: String,
}

fn styles_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parser_styles")
}

/// The shape folders, sorted (`01-title-then-speaker`, …).
fn shapes() -> Vec<String> {
    let mut shapes: Vec<String> = std::fs::read_dir(styles_root())
        .expect("tests/parser_styles")
        .map(|e| e.expect("dir entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    shapes.sort();
    shapes
}

fn truth(shape: &str) -> Truth {
    let path = styles_root().join(shape).join("expected.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let truth: Truth = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for note in &truth.note {
        for talk in &note.talk {
            assert!(
                talk.year.is_some() != talk.yearless,
                "{shape}/{}: {:?} needs exactly one of `year` or `yearless = true`",
                note.file,
                talk.title
            );
        }
    }
    truth
}

/// Every note file under `dir`, relative to `root`, with `/` separators.
fn note_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read fixture folder") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            note_files(root, &path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| NOTE_EXTENSIONS.contains(&e))
        {
            let rel = path.strip_prefix(root).expect("under root");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let path = entry.expect("dir entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy fixture");
        }
    }
}

/// Indexes a copy of the fixtures with the real binary and lists every session.
fn sessions() -> Vec<Found> {
    let env = TestEnv::new();
    copy_tree(&styles_root(), &env.corpus());
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed:\n{}", out.stderr);
    let out = env.run(&["query", "--json", "--limit", "1000000"]);
    assert!(out.code <= 1, "query failed:\n{}", out.stderr);
    let json = out.json();
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(
        hits.len() as u64,
        json["total"].as_u64().expect("total"),
        "every session listed"
    );
    hits.iter()
        .map(|h| Found {
            path: h["source"]["path"].as_str().expect("source.path").to_string(),
            line: h["source"]["line"].as_u64().unwrap_or(0),
            title: h["title"].as_str().unwrap_or_default().to_string(),
            speakers: h["speakers"]
                .as_array()
                .map(|s| s.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            year: h["year"].as_i64(),
            kind: h["kind"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------

/// Accents and scripts transliterated, lower case, punctuation and spaces as single spaces.
fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_matches(found: &str, expected: &str) -> bool {
    let (found, expected) = (fold(found), fold(expected));
    if expected.is_empty() {
        return found.is_empty();
    }
    if found == expected {
        return true;
    }
    let extra = found.split(' ').count().saturating_sub(expected.split(' ').count());
    extra <= MAX_EXTRA_TITLE_WORDS && format!(" {found} ").contains(&format!(" {expected} "))
}

fn speakers_match(found: &[String], expected: &[String]) -> bool {
    if found.len() != expected.len() {
        return false;
    }
    let mut left: Vec<String> = found.iter().map(|s| fold(s)).collect();
    expected.iter().all(|want| {
        let forms: Vec<String> = want.split('|').map(fold).collect();
        match left.iter().position(|f| forms.contains(f)) {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        }
    })
}

fn right(found: &Found, talk: &TalkTruth) -> bool {
    title_matches(&found.title, &talk.title)
        && speakers_match(&found.speakers, &talk.speakers)
        && found.year == talk.year
}

fn is_talk_kind(kind: &str) -> bool {
    TALK_KINDS.contains(&kind)
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    notes: usize,
    expected: usize,
    right: usize,
    invented: usize,
    negatives: usize,
    kind_differs: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.notes += other.notes;
        self.expected += other.expected;
        self.right += other.right;
        self.invented += other.invented;
        self.negatives += other.negatives;
        self.kind_differs += other.kind_differs;
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.right as f64 / self.expected as f64
        }
    }
}

/// One note's score, and a line per miss for the table's details.
fn score_note(note: &NoteTruth, sessions: &[&Found], misses: &mut Vec<String>, path: &str) -> Score {
    let mut score = Score {
        notes: 1,
        expected: note.talk.len(),
        ..Score::default()
    };
    // Pass 1: sessions right in every field, one per expected talk.
    let mut taken: Vec<Option<usize>> = vec![None; note.talk.len()];
    let mut used = vec![false; sessions.len()];
    for (t, talk) in note.talk.iter().enumerate() {
        if let Some(s) = (0..sessions.len()).find(|&s| !used[s] && right(sessions[s], talk)) {
            used[s] = true;
            taken[t] = Some(s);
            score.right += 1;
            if talk.kind.as_deref().is_some_and(|k| k != sessions[s].kind) {
                score.kind_differs += 1;
            }
        }
    }
    // Pass 2: a session with the right title but a wrong field answers for its talk (a miss,
    // not an invention).
    for (t, talk) in note.talk.iter().enumerate() {
        if taken[t].is_some() {
            continue;
        }
        match (0..sessions.len()).find(|&s| !used[s] && title_matches(&sessions[s].title, &talk.title)) {
            Some(s) => {
                used[s] = true;
                taken[t] = Some(s);
                let f = sessions[s];
                misses.push(format!(
                    "  miss  {path}:{}  {:?} {:?} {:?}  (expected {:?} {:?} {:?})",
                    f.line, f.title, f.speakers, f.year, talk.title, talk.speakers, talk.year
                ));
            }
            None => misses.push(format!(
                "  miss  {path}  {:?} {:?} {:?}  (no session with this title)",
                talk.title, talk.speakers, talk.year
            )),
        }
    }
    for (s, found) in sessions.iter().enumerate() {
        let cites = found
            .speakers
            .iter()
            .any(|sp| note.not_speakers.iter().any(|n| fold(n) == fold(sp)));
        let negative_title = is_talk_kind(&found.kind) && note.negatives.iter().any(|n| title_matches(&found.title, n));
        if cites || negative_title {
            score.negatives += 1;
        }
        if !used[s] && is_talk_kind(&found.kind) {
            score.invented += 1;
            misses.push(format!(
                "  extra {path}:{}  {} {:?} {:?} {:?}",
                found.line, found.kind, found.title, found.speakers, found.year
            ));
        }
    }
    score
}

/// The overall score, and the table (per shape and overall) with the misses under it.
fn measure() -> (Score, String) {
    let sessions = sessions();
    let mut by_path: BTreeMap<&str, Vec<&Found>> = BTreeMap::new();
    for s in &sessions {
        by_path.entry(s.path.as_str()).or_default().push(s);
    }
    let mut rows = Vec::new();
    let mut total = Score::default();
    let mut details = Vec::new();
    let mut judged: Vec<String> = Vec::new();
    for shape in shapes() {
        let mut score = Score::default();
        for note in truth(&shape).note {
            let path = format!("{shape}/{}", note.file);
            let mine = by_path.get(path.as_str()).cloned().unwrap_or_default();
            score.add(score_note(&note, &mine, &mut details, &path));
            judged.push(path);
        }
        total.add(score);
        rows.push((shape, score));
    }
    // Sessions from a file no `expected.toml` judges are all invented talks.
    for (path, found) in &by_path {
        if !judged.iter().any(|j| j == path) {
            for f in found.iter().filter(|f| is_talk_kind(&f.kind)) {
                total.invented += 1;
                details.push(format!("  extra {path}:{}  (file not judged) {:?}", f.line, f.title));
            }
        }
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| shape | notes | talks | right | recall | invented | negatives | kind differs |"
    );
    let _ = writeln!(table, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (shape, s) in rows.iter().chain(std::iter::once(&("overall".to_string(), total))) {
        let _ = writeln!(
            table,
            "| {shape} | {} | {} | {} | {:.2} | {} | {} | {} |",
            s.notes,
            s.expected,
            s.right,
            s.recall(),
            s.invented,
            s.negatives,
            s.kind_differs
        );
    }
    table.push('\n');
    for d in details {
        table.push_str(&d);
        table.push('\n');
    }
    (total, table)
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/// Prints the table: `cargo test --test integration parser_styles_table -- --ignored --nocapture`.
#[test]
#[ignore = "prints the parser-styles table; run with --ignored --nocapture"]
fn parser_styles_table() {
    let (total, table) = measure();
    println!("{table}");
    println!(
        "overall recall {:.3} ({} of {}), {} invented",
        total.recall(),
        total.right,
        total.expected,
        total.invented
    );
}

#[test]
// The ceiling is a figure to lower as the parser improves; at 0 the `<=` is still the rule.
#[allow(clippy::absurd_extreme_comparisons)]
fn parser_styles_hold_their_floor() {
    let (total, table) = measure();
    assert!(
        total.recall() >= RECALL_FLOOR,
        "overall recall {:.3} fell below the floor {RECALL_FLOOR}\n{table}",
        total.recall()
    );
    assert!(
        total.invented <= INVENTED_CEILING,
        "{} invented talks, more than the ceiling {INVENTED_CEILING}\n{table}",
        total.invented
    );
}

#[test]
fn parser_styles_every_fixture_is_judged_and_every_judged_file_exists() {
    let root = styles_root();
    let shapes = shapes();
    // One folder per shape of issue 12, and the shapes found beyond them (17-, 18-).
    assert!(shapes.len() >= 16, "one folder per shape of issue 12: {shapes:?}");
    assert!(
        shapes[..16]
            .iter()
            .enumerate()
            .all(|(i, s)| s.starts_with(&format!("{:02}-", i + 1))),
        "{shapes:?}"
    );
    for shape in shapes {
        let dir = root.join(&shape);
        let mut files = Vec::new();
        note_files(&dir, &dir, &mut files);
        files.sort();
        let truth = truth(&shape);
        let mut judged: Vec<String> = truth.note.iter().map(|n| n.file.clone()).collect();
        judged.sort();
        assert_eq!(files, judged, "{shape}: note files and expected.toml entries differ");
        let talks: usize = truth.note.iter().map(|n| n.talk.len()).sum();
        assert!(
            files.len() >= 2 && talks >= 4,
            "{shape}: at least two notes, four talks"
        );
    }
}

#[test]
fn parser_styles_title_rule_allows_a_kept_prefix_not_a_swallowed_sentence() {
    assert!(title_matches(
        "Keynote - Ana Costa: Why latency lies",
        "Why latency lies"
    ));
    assert!(title_matches("why LATENCY lies!", "Why latency lies"));
    assert!(title_matches("「YJITの次の一手」", "YJITの次の一手"));
    assert!(!title_matches(
        "Why latency lies. She showed how merging percentiles across hosts goes wrong",
        "Why latency lies"
    ));
    assert!(!title_matches("Why latency", "Why latency lies"));
    assert!(!title_matches("Whyever latency lies", "Why latency lies"));
}

#[test]
fn parser_styles_speakers_match_as_sets_with_other_forms() {
    let found = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let want = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(speakers_match(
        &found(&["Nkechi Obi", "Devin Ashcroft"]),
        &want(&["Devin Ashcroft", "Nkechi Obi"])
    ));
    assert!(speakers_match(&found(&["aicha benali"]), &want(&["Aïcha Benali"])));
    assert!(speakers_match(&found(&["Alex Wang"]), &want(&["王小明|Alex Wang"])));
    assert!(!speakers_match(
        &found(&["Devin Ashcroft"]),
        &want(&["Devin Ashcroft", "Nkechi Obi"])
    ));
    assert!(!speakers_match(&found(&["Elastic Labs"]), &want(&["Katrin Vogel"])));
}
