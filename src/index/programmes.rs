//! The official programmes of an index run, and the notes matched to their talks.
//!
//! A schedule file's talks are sessions of their own (`crate::programme`). Here they meet the
//! notes: every note file written in a run is matched against the talks of every programme
//! of the corpus (`programme::matching`), so programmes are read before any note (`index::update`
//! reads the files with a schedule's extension first, and the unchanged programmes again). A
//! matched note takes what it lacks from its talk (`filled`), the talk's abstract among its
//! searchable text, and the talk's `talk` key, so that the pair is one hit; the talk is written
//! with the notes matched to it (`noted`).
//!
//! What stays true between runs is kept in the manifest: each note file's pairings and its
//! sessions' years, each programme's fingerprint of the notes it was written with. When a
//! programme changes (added, edited, removed), the note files of its years that were not read
//! this run are read again; when the notes of a talk change, its programme is written again.

use crate::index::examine::{Examined, Found};
use crate::index::manifest::{FileEntry, Pairing};
use crate::notes::{Matched, Origin, Session, Source};
use crate::programme::{self, matching};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Whether a manifest entry is an official programme's: a file with a schedule's extension
/// that gave sessions (a `package.json` gives none).
pub(crate) fn is_programme(rel: &str, entry: &FileEntry) -> bool {
    entry.sessions > 0 && programme::has_schedule_extension(rel)
}

/// The official talks of the corpus, by programme file.
#[derive(Default)]
pub(crate) struct Programmes {
    /// Every programme's talks, read this run or loaded again to match notes against.
    files: BTreeMap<String, Vec<Session>>,
    /// The programmes read this run (new or changed): written once every note is matched.
    changed: BTreeSet<String>,
    /// The years of the programmes changed or removed this run (their talks' before and
    /// after; 0: a talk without one): the note files of these years are matched again.
    changed_years: BTreeSet<u16>,
}

impl Programmes {
    /// The programmes of this run: the schedule files read (`examined`, their talks taken
    /// out, to be written last) and, when the run has notes to match or files gone
    /// (`needed`), the unchanged programmes of the manifest read again (`read_again`).
    /// `walked`: every file of the walk; `kept`: whether a file is in a folder that could not
    /// be read (its sessions stay); `warnings`: an unchanged programme that cannot be read again.
    pub(crate) fn gather(
        examined: &mut [Examined],
        old_files: &BTreeMap<String, FileEntry>,
        walked: &[(String, bool)],
        needed: bool,
        kept: &dyn Fn(&str) -> bool,
        read_again: &dyn Fn(&[String]) -> Vec<Examined>,
        warnings: &mut Vec<String>,
    ) -> Programmes {
        let mut programmes = Programmes::default();
        let known = || old_files.iter().filter(|(rel, e)| is_programme(rel, e));
        if (needed || !examined.is_empty()) && (!examined.is_empty() || known().next().is_some()) {
            let parsed: HashSet<&str> = examined
                .iter()
                .filter(|(_, f, _)| matches!(f, Found::Parsed { .. }))
                .map(|(rel, _, _)| rel.as_str())
                .collect();
            let walked: HashSet<&str> = walked.iter().map(|(rel, _)| rel.as_str()).collect();
            let again: Vec<String> = known()
                .filter(|(rel, _)| walked.contains(rel.as_str()) && !parsed.contains(rel.as_str()))
                .map(|(rel, _)| rel.clone())
                .collect();
            for (rel, f, w) in read_again(&again) {
                match f {
                    Found::Parsed { sessions, .. } => {
                        programmes.files.insert(rel, sessions);
                    }
                    // Its talks stay in the index, but no note is matched to them this run:
                    // say why (what it said when it was read is not said again).
                    _ => warnings.extend(w),
                }
            }
            for (_, e) in known().filter(|(rel, _)| !walked.contains(rel.as_str()) && !kept(rel)) {
                programmes.removed(e);
            }
        }
        for (rel, f, _) in examined.iter_mut() {
            let Found::Parsed { sessions, .. } = f else { continue };
            if are_official(sessions) {
                let sessions = std::mem::take(sessions);
                programmes.changed(rel, sessions, old_files.get(rel.as_str()));
            } else if let Some(old) = old_files.get(rel.as_str()).filter(|o| is_programme(rel, o)) {
                // A schedule that no longer reads as one.
                programmes.removed(old);
            }
        }
        programmes
    }

    /// A programme read this run: `old` is its manifest entry before, if it had one.
    fn changed(&mut self, rel: &str, sessions: Vec<Session>, old: Option<&FileEntry>) {
        self.changed_years.extend(old.map_or(&[][..], |o| &o.years[..]));
        self.changed_years.extend(crate::index::examine::years_of(&sessions));
        self.changed.insert(rel.to_string());
        self.files.insert(rel.to_string(), sessions);
    }

    /// A programme gone this run (removed, or no longer a schedule).
    fn removed(&mut self, old: &FileEntry) {
        self.changed_years.extend(&old.years);
    }

    pub(crate) fn holds(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// What note files are matched with, for the rest of the run: one talk per `talk` key, in
    /// path order (a programme saved twice, as JSON and as iCalendar, would otherwise leave
    /// every note two equal candidates).
    pub(crate) fn matcher(&self) -> Matcher<'_> {
        let mut seen = BTreeSet::new();
        Matcher {
            catalogue: matching::Catalogue::new(self.files.values().flatten().filter(|s| {
                let key = crate::index::talk_key(s);
                key == 0 || seen.insert(key)
            })),
        }
    }

    /// Whether a programme changed this run: the note files of its years not read this run are
    /// then matched again ([`Programmes::notes_to_match_again`]).
    pub(crate) fn will_match_again(&self) -> bool {
        !self.changed_years.is_empty()
    }

    /// The note files of `files` to read again: programmes of their years changed this run,
    /// and they were not read (`read`: the files read this run, already matched).
    pub(crate) fn notes_to_match_again(
        &self,
        files: &BTreeMap<String, FileEntry>,
        read: &BTreeSet<String>,
    ) -> Vec<String> {
        if !self.will_match_again() {
            return Vec::new();
        }
        let any_year = self.changed_years.contains(&0);
        files
            .iter()
            .filter(|(rel, e)| {
                e.sessions > 0
                    && !is_programme(rel, e)
                    && !read.contains(*rel)
                    && (any_year || e.years.iter().any(|y| *y == 0 || self.changed_years.contains(y)))
            })
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// The programmes to write: the ones read this run, and the ones whose talks' notes
    /// changed (`files`: the next manifest, whose programme entries get their new
    /// fingerprint). Each with its talks, every talk with the notes matched to it.
    pub(crate) fn to_write(&self, files: &mut BTreeMap<String, FileEntry>) -> Vec<(String, Vec<Session>)> {
        // Official talk → the note sessions matched to it, from every note file's pairings.
        let mut notes_of: HashMap<String, Vec<Matched>> = HashMap::new();
        for (rel, e) in files.iter() {
            for p in &e.matched {
                notes_of.entry(p.official.clone()).or_default().push(Matched {
                    id: p.note.clone(),
                    source: Source {
                        path: rel.clone(),
                        line: p.line,
                    },
                    why: p.why.clone(),
                    text: String::new(),
                    talk: 0,
                });
            }
        }
        // The same talk in another programme file (JSON beside iCalendar) has the same notes.
        let mut by_key: HashMap<u64, Vec<Matched>> = HashMap::new();
        for s in self.files.values().flatten() {
            let key = crate::index::talk_key(s);
            if key != 0
                && let Some(notes) = notes_of.get(s.id.as_str())
            {
                by_key.entry(key).or_default().extend(notes.iter().cloned());
            }
        }
        let mut out = Vec::new();
        for (rel, sessions) in &self.files {
            let mut sessions = sessions.clone();
            for s in &mut sessions {
                let key = crate::index::talk_key(s);
                s.matched = match by_key.get(&key).filter(|_| key != 0) {
                    Some(notes) => notes.clone(),
                    None => notes_of.get(s.id.as_str()).cloned().unwrap_or_default(),
                };
                s.matched
                    .sort_by(|a, b| (&a.source.path, a.source.line).cmp(&(&b.source.path, b.source.line)));
                s.matched.dedup_by(|a, b| a.id == b.id);
            }
            let print = fingerprint(&sessions);
            let Some(entry) = files.get_mut(rel) else { continue };
            if self.changed.contains(rel) || entry.noted != print {
                entry.noted = print;
                out.push((rel.clone(), sessions));
            }
        }
        out
    }
}

/// The official talks of a run, ready to match note files against.
pub(crate) struct Matcher<'p> {
    catalogue: matching::Catalogue<'p>,
}

impl Matcher<'_> {
    /// Matches the sessions of a note file to the official talks: each note matched is filled
    /// from its talk and points at it, and `entry` keeps the pairings.
    pub(crate) fn match_notes(&self, sessions: &mut [Session], entry: &mut FileEntry) {
        entry.matched.clear();
        if self.catalogue.is_empty() || sessions.is_empty() {
            return;
        }
        for m in self.catalogue.match_notes(sessions) {
            let talk = self.catalogue.talk(m.official);
            let note = &mut sessions[m.note];
            note.filled = matching::enrich(note, talk).into_iter().map(str::to_string).collect();
            note.matched = vec![Matched {
                id: talk.id.clone(),
                source: talk.source.clone(),
                why: m.reasons.clone(),
                text: talk.body.clone(),
                talk: crate::index::talk_key(talk),
            }];
            entry.matched.push(Pairing {
                official: talk.id.clone(),
                note: note.id.clone(),
                line: note.source.line,
                why: m.reasons,
            });
        }
        entry.links = sessions.iter().map(|s| s.links.len()).sum();
    }
}

/// What a programme's talks were written with: which notes each was matched to (empty when
/// none was).
fn fingerprint(sessions: &[Session]) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut any = false;
    for s in sessions.iter().filter(|s| !s.matched.is_empty()) {
        any = true;
        hasher.update(s.id.as_bytes());
        for m in &s.matched {
            hasher.update(&[0]);
            hasher.update(m.id.as_bytes());
            hasher.update(&m.source.line.to_le_bytes());
            for w in &m.why {
                hasher.update(&[1]);
                hasher.update(w.as_bytes());
            }
        }
        hasher.update(&[2]);
    }
    if !any {
        return String::new();
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// Whether `sessions` are an official programme's talks.
pub(crate) fn are_official(sessions: &[Session]) -> bool {
    sessions.iter().any(|s| s.from == Origin::Schedule)
}
