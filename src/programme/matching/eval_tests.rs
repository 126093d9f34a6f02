//! The matcher on what the parsers really produce: each folder of `tests/fixtures/matching/` is
//! the notes folder of one invented conference, its programme (in one of the four formats) saved
//! beside notes written in the styles people use. Every file is read as the indexer reads it
//! (`programme::parse_page`); the note sessions of all the folders are matched against the
//! official sessions of all the folders at once, as in an index holding several conferences.
//!
//! Each folder's `expected.tsv` lists its note sessions (file, title as the parser gives it) and
//! the official talk each is about (the schedule's guid, id or UID; `-` for none). The test prints
//! precision and recall per conference and fails on any wrong match, on a note session the list
//! does not name, and on recall below 0.9 over the set.

use super::match_sessions;
use crate::notes::{Session, Taxonomy};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Recall the set must reach: the share of note sessions about a programme talk matched to it.
const RECALL: f64 = 0.9;

/// One conference's notes folder, read.
struct Folder {
    name: String,
    notes: Vec<Session>,
    official: Vec<Session>,
    /// (file, note title) → the official talk's own id, `None` for a talk not in the programme.
    expected: Vec<(String, String, Option<String>)>,
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn read_folder(dir: &Path) -> Folder {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    let (mut notes, mut official, mut expected) = (Vec::new(), Vec::new(), Vec::new());
    for path in paths {
        let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap();
        if rel == "expected.tsv" {
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let cols: Vec<&str> = line.split('\t').collect();
                assert_eq!(cols.len(), 3, "{}: {line:?}", path.display());
                let talk = (cols[2] != "-").then(|| crate::programme::id_key(cols[2]));
                expected.push((cols[0].to_string(), cols[1].to_string(), talk));
            }
            continue;
        }
        let is_note = |_: &str| true;
        let Some((page, format)) =
            crate::programme::parse_page(&rel, &text, Taxonomy::default_taxonomy(), None, &is_note)
        else {
            continue;
        };
        assert!(
            page.note.warnings.is_empty() || format.is_none(),
            "{rel}: {:?}",
            page.note.warnings
        );
        if format.is_some() {
            official.extend(page.note.sessions);
        } else {
            notes.extend(page.note.sessions);
        }
    }
    Folder {
        name: dir.file_name().unwrap().to_string_lossy().into_owned(),
        notes,
        official,
        expected,
    }
}

#[derive(Default)]
struct Score {
    /// Note sessions about a programme talk.
    about_talk: usize,
    /// Matches made, and of them the right ones.
    made: usize,
    right: usize,
    wrong: Vec<String>,
    missed: Vec<String>,
}

#[test]
fn notes_match_their_programme_talks_through_the_real_parsers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matching");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let folders: Vec<Folder> = dirs.iter().filter(|d| d.is_dir()).map(|d| read_folder(d)).collect();
    assert!(folders.len() >= 4, "one folder per conference");

    // Every note and official session of every folder, matched at once.
    let mut notes: Vec<(usize, &Session)> = Vec::new();
    let mut official: Vec<&Session> = Vec::new();
    for (f, folder) in folders.iter().enumerate() {
        assert!(!folder.official.is_empty(), "{}: no programme read", folder.name);
        notes.extend(folder.notes.iter().map(|s| (f, s)));
        official.extend(&folder.official);
    }
    // Paths relative to each folder: made distinct, as one notes folder holding them all.
    let prefixed = |f: usize, s: &Session| {
        let mut s = s.clone();
        s.source.path = format!("{}/{}", folders[f].name, s.source.path);
        s
    };
    let note_sessions: Vec<Session> = notes.iter().map(|(f, s)| prefixed(*f, s)).collect();
    let official_sessions: Vec<Session> = official.iter().map(|s| (*s).clone()).collect();
    let matches = match_sessions(&note_sessions, &official_sessions);
    // The catalogue looks talks up by their words: it finds what comparing every note with
    // every talk finds.
    assert_eq!(
        matches,
        super::Catalogue::new(&official_sessions).match_notes_with_every_talk(&note_sessions),
        "the catalogue's lookup missed a pair"
    );
    let by_note: BTreeMap<usize, &super::Match> = matches.iter().map(|m| (m.note, m)).collect();

    let mut report = String::new();
    let mut total = Score::default();
    let mut unlisted = Vec::new();
    for (f, folder) in folders.iter().enumerate() {
        let mut score = Score::default();
        let mut listed = vec![false; notes.len()];
        for (file, title, talk) in &folder.expected {
            let found: Vec<usize> = (0..notes.len())
                .filter(|&i| notes[i].0 == f && notes[i].1.source.path == *file && notes[i].1.title == *title)
                .collect();
            let titles: Vec<&str> = (0..notes.len())
                .filter(|&i| notes[i].0 == f && notes[i].1.source.path == *file)
                .map(|i| notes[i].1.title.as_str())
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{}: {file}: one note session titled {title:?}; the parser gives {titles:?}",
                folder.name
            );
            let i = found[0];
            listed[i] = true;
            let got = by_note.get(&i).map(|m| {
                let o = official[m.official];
                (
                    crate::programme::id_key(o.id.rsplit_once('#').map_or("", |(_, k)| k)),
                    o.title.as_str(),
                    m,
                )
            });
            if talk.is_some() {
                score.about_talk += 1;
            }
            match (&got, talk) {
                (Some((id, ..)), Some(want)) if id == want => {
                    score.made += 1;
                    score.right += 1;
                }
                (Some((_, official_title, m)), _) => {
                    score.made += 1;
                    score.wrong.push(format!(
                        "{file}: {title:?} → {official_title:?} ({})",
                        m.reasons.join(", ")
                    ));
                }
                (None, Some(want)) => score.missed.push(format!("{file}: {title:?} (wants {want})")),
                (None, None) => {}
            }
        }
        for (i, (g, s)) in notes.iter().enumerate() {
            if *g == f && !listed[i] {
                unlisted.push(format!("{}: {}: {:?}", folder.name, s.source.path, s.title));
            }
        }
        let precision = if score.made == 0 {
            1.0
        } else {
            score.right as f64 / score.made as f64
        };
        let recall = score.right as f64 / score.about_talk.max(1) as f64;
        report.push_str(&format!(
            "{:<24} precision {precision:.2} ({}/{})  recall {recall:.2} ({}/{})\n",
            folder.name, score.right, score.made, score.right, score.about_talk
        ));
        for w in &score.wrong {
            report.push_str(&format!("    WRONG  {w}\n"));
        }
        for m in &score.missed {
            report.push_str(&format!("    missed {m}\n"));
        }
        total.about_talk += score.about_talk;
        total.made += score.made;
        total.right += score.right;
        total.wrong.extend(score.wrong);
        total.missed.extend(score.missed);
    }
    let recall = total.right as f64 / total.about_talk.max(1) as f64;
    report.push_str(&format!(
        "{:<24} precision {:.2} ({}/{})  recall {recall:.2} ({}/{})\n",
        "total",
        total.right as f64 / total.made.max(1) as f64,
        total.right,
        total.made,
        total.right,
        total.about_talk
    ));
    println!("{report}");
    assert!(
        unlisted.is_empty(),
        "note sessions expected.tsv does not list: {unlisted:#?}\n{report}"
    );
    assert!(total.wrong.is_empty(), "wrong matches:\n{report}");
    assert!(recall >= RECALL, "recall {recall:.2} below {RECALL}:\n{report}");
}
