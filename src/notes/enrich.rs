//! What index pages say about a talk file, added to its sessions: the speakers, a real title
//! when the file's is only its file name or a generic heading, the conference, year, date and
//! slot — only where the file itself says nothing. Pure; the entries come from
//! [`super::index_pages`].

use super::index_pages::Entry;
use super::{Kind, Session, Taxonomy, ids, outline, path_hints};

/// Words a title needs to match another by containment (`Chaos` alone matches nothing).
const CONTAINED_TITLE_WORDS: usize = 2;
/// Titles that say nothing about the talk.
const GENERIC_TITLES: &[&str] = &[
    "notes",
    "my notes",
    "talk notes",
    "talk",
    "session",
    "untitled",
    "readme",
    "index",
    "draft",
    "slides",
];

/// Enriches `sessions` (the sessions of the note at `path`) with `entries` (in order: the
/// first entry to fill a field wins). Returns whether anything changed; changed sessions get
/// their themes again. Ids stay as the file's own text gave them.
pub(crate) fn apply(path: &str, sessions: &mut [Session], entries: &[&Entry], taxonomy: &Taxonomy) -> bool {
    let hints = path_hints::from_path(path);
    let stem = if hints.is_index {
        // `ebpf/index.md` (a page bundle), `talk-x/README.md`: the folder names the file.
        path.rsplit('/').nth(1).unwrap_or(&hints.stem_title).to_string()
    } else {
        hints.stem_title.clone()
    };
    // A conference guessed from the folder or file name (`pyconde/`) gives way to the one the
    // page names; the file's own text outranks both.
    let guessed = [&hints.folder_conference, &hints.file_conference];
    let mut changed = false;
    for entry in entries {
        let Some(i) = target_session(sessions, entry) else {
            continue;
        };
        let s = &mut sessions[i];
        let before = s.clone();
        if s.conference.as_deref().is_some_and(|c| {
            guessed
                .iter()
                .any(|g| g.as_deref().is_some_and(|g| words(g) == words(c)))
        }) && entry.conference.is_some()
        {
            s.conference = None;
        }
        fill(s, entry, &stem);
        if *s != before {
            if s.title != before.title {
                s.themes = taxonomy.assign(s);
            }
            changed = true;
        }
    }
    changed
}

/// Which session an entry is about: the one its anchor names, else the one whose title
/// matches, else the file's only session (or only talk).
fn target_session(sessions: &[Session], entry: &Entry) -> Option<usize> {
    if let Some(anchor) = &entry.anchor {
        let anchor = anchor.to_lowercase();
        if let Some(i) = sessions
            .iter()
            .position(|s| ids::slug(&s.title) == anchor || s.id.rsplit('#').next() == Some(anchor.as_str()))
        {
            return Some(i);
        }
    }
    let wanted = words(&entry.title);
    let exact: Vec<usize> = (0..sessions.len())
        .filter(|&i| words(&sessions[i].title) == wanted)
        .collect();
    if let [i] = exact[..] {
        return Some(i);
    }
    let contained: Vec<usize> = (0..sessions.len())
        .filter(|&i| {
            let have = words(&sessions[i].title);
            let (short, long) = if have.len() < wanted.len() {
                (&have, &wanted)
            } else {
                (&wanted, &have)
            };
            short.len() >= CONTAINED_TITLE_WORDS && long.windows(short.len()).any(|w| w == &short[..])
        })
        .collect();
    if exact.is_empty()
        && let [i] = contained[..]
    {
        return Some(i);
    }
    if !exact.is_empty() || !contained.is_empty() {
        return None;
    }
    if sessions.len() == 1 {
        return Some(0);
    }
    let talks: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions[i].kind != Kind::Section)
        .collect();
    match talks[..] {
        [i] => Some(i),
        _ => None,
    }
}

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A title that is the file's name made readable, or a heading that names no talk.
fn is_placeholder_title(title: &str, stem: &str) -> bool {
    let t = title.trim().to_lowercase();
    t.is_empty()
        || words(title) == words(stem)
        || GENERIC_TITLES.contains(&t.as_str())
        || outline::is_note_heading(title)
}

fn fill(s: &mut Session, e: &Entry, stem: &str) {
    if !e.title.is_empty() && is_placeholder_title(&s.title, stem) && words(&e.title) != words(&s.title) {
        s.title = e.title.clone();
    }
    if s.speakers.is_empty() && !e.speakers.is_empty() {
        s.speakers = e.speakers.clone();
        // The index names who gave it: a talk, even where the file alone read as notes.
        if s.kind == Kind::Section {
            s.kind = Kind::Talk;
        }
    }
    if s.conference.is_none() {
        s.conference = e.conference.clone();
    }
    let date = e.date.as_deref().and_then(|d| d.parse::<jiff::civil::Date>().ok());
    // A date of another year than the file's is not this talk's.
    if s.date.is_none()
        && let Some(d) = date.filter(|d| s.year.is_none_or(|y| y == d.year()))
    {
        s.date = Some(d);
    }
    if s.year.is_none() {
        s.year = s.date.map(|d| d.year()).or(e.year);
    }
    if s.start.is_none() && e.start.is_some() {
        s.start = e.start.clone();
        s.end = s.end.clone().or(e.end.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::parse;

    fn entry(title: &str, speakers: &[&str]) -> Entry {
        Entry {
            title: title.to_string(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            conference: Some("DevOpsDays Oslo".to_string()),
            year: Some(2019),
            date: Some("2019-10-17".to_string()),
            start: Some("09:30".to_string()),
            ..Entry::default()
        }
    }

    fn enriched(path: &str, text: &str, e: &Entry) -> Vec<Session> {
        let mut sessions = parse(path, text).sessions;
        apply(path, &mut sessions, &[e], Taxonomy::default_taxonomy());
        sessions
    }

    #[test]
    fn a_file_named_only_by_its_file_name_takes_title_and_speaker() {
        let s = enriched(
            "2019/oncall.md",
            "Rotations were too long; handoffs lost context.\n",
            &entry("Why our on-call rota failed", &["Tomasz Brzeski"]),
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, "Why our on-call rota failed");
        assert_eq!(s[0].speakers, ["Tomasz Brzeski"]);
        assert_eq!(s[0].conference.as_deref(), Some("DevOpsDays Oslo"));
        assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2019-10-17"));
        assert_eq!(s[0].start.as_deref(), Some("09:30"));
        // The id stays the file's own.
        assert_eq!(s[0].id, "2019/oncall.md#oncall");
    }

    #[test]
    fn a_generic_heading_is_replaced_a_real_one_is_not() {
        let s = enriched(
            "pg.md",
            "# Notes\n\nReplicas everywhere.\n",
            &entry("Scaling Postgres", &["Mara Lindqvist"]),
        );
        assert_eq!(s[0].title, "Scaling Postgres");
        let s = enriched(
            "pg.md",
            "# Postgres at the edge\n\nReplicas everywhere.\n",
            &entry("Scaling Postgres", &["Mara Lindqvist"]),
        );
        assert_eq!(s[0].title, "Postgres at the edge");
        assert_eq!(s[0].speakers, ["Mara Lindqvist"]);
    }

    #[test]
    fn what_the_talk_file_says_is_never_overridden() {
        let text = "---\nconference: SREcon\ndate: 2020-03-02\n---\n# Scaling Postgres - Ana Costa\n\nNotes.\n";
        let s = enriched("pg.md", text, &entry("Scaling Postgres", &["Mara Lindqvist"]));
        assert_eq!(s[0].speakers, ["Ana Costa"]);
        assert_eq!(s[0].conference.as_deref(), Some("SREcon"));
        // The file's date (from its front matter) stands; the index's date of 2019 is not its.
        assert_eq!(s[0].year, Some(2020));
        assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2020-03-02"));
    }

    #[test]
    fn of_several_talks_only_the_one_whose_title_matches() {
        let text = "# Day one\n\n## Scaling Postgres at the edge\n\nMara Lindqvist\n\nReplicas.\n\n## Chaos in the afternoon\n\nIda Berg\n\nGame days.\n";
        let talks = parse("day1.md", text).sessions;
        assert!(talks.len() >= 2, "{talks:?}");
        let s = enriched("day1.md", text, &entry("Chaos in the afternoon", &["Ida Berg"]));
        let chaos = s.iter().find(|s| s.title == "Chaos in the afternoon").unwrap();
        assert_eq!(chaos.start.as_deref(), Some("09:30"));
        let pg = s.iter().find(|s| s.title.starts_with("Scaling")).unwrap();
        assert_eq!(pg.start, None);
        // No clear match: nothing changes.
        let s = enriched("day1.md", text, &entry("Something else entirely", &["Omar Siddiqui"]));
        assert_eq!(s, talks);
    }

    #[test]
    fn a_page_bundle_named_by_its_folder_takes_the_title() {
        let text = "+++\ntitle = \"ebpf\"\n+++\n\nProbes without kernel modules.\n";
        let s = enriched(
            "kubecon/ebpf/index.md",
            text,
            &entry("eBPF for the rest of us", &["Paula Ortega"]),
        );
        assert_eq!(s[0].title, "eBPF for the rest of us");
        assert_eq!(s[0].kind, Kind::Talk);
    }

    #[test]
    fn a_conference_guessed_from_the_folder_gives_way_to_the_page() {
        let s = enriched(
            "pyconde/typing.md",
            "mypy strict per module.\n",
            &entry("Typing at scale", &[]),
        );
        assert_eq!(s[0].conference.as_deref(), Some("DevOpsDays Oslo"));
        let text = "---\nconference: PyCon DE\n---\nmypy strict per module.\n";
        let s = enriched("pyconde/typing.md", text, &entry("Typing at scale", &[]));
        assert_eq!(s[0].conference.as_deref(), Some("PyCon DE"));
    }

    #[test]
    fn a_date_of_another_year_is_not_taken() {
        let s = enriched("2018/oncall.md", "Notes.\n", &entry("Why our on-call rota failed", &[]));
        assert_eq!(s[0].year, Some(2018));
        assert_eq!(s[0].date, None);
    }
}
