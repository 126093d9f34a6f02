//! Which official talk a note session is about: note sessions and the programme's sessions in,
//! pairs with the reasons for each out. Pure, so it is tested on sessions built in the test.
//!
//! Notes are partial: a shortened or misspelt title, a surname, no time. So a pair is judged on
//! several kinds of evidence, each cheap: the conference and the day block it (a note of another
//! conference or day is never compared), then the title's words (typos, prefixes such as `intro`
//! for `introduction` and initials such as `SRE` count), the speakers' surnames and the slot.
//! A pair is taken only when the evidence is strong *and* no other official talk is nearly as
//! good: a wrong match is worse than none, since the note keeps its own fields either way.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end: one per shape of note);
//! the code is under 400.

use crate::index::fold;
use crate::notes::Session;
use std::collections::HashMap;

/// Words that say nothing about which talk a title names.
const STOP: &[&str] = &[
    "a", "an", "and", "are", "at", "by", "de", "der", "die", "das", "du", "el", "en", "for", "from", "how", "in", "is",
    "it", "its", "la", "le", "les", "of", "on", "or", "our", "the", "to", "und", "von", "we", "what", "why", "with",
    "y", "you", "your", "talk", "keynote", "notes",
];

/// Words of a conference name that do not tell one conference from another.
const GENERIC_CONFERENCE: &[&str] = &[
    "conf",
    "conference",
    "summit",
    "days",
    "day",
    "the",
    "edition",
    "festival",
];

/// A title this similar is enough on its own (no speaker or slot disagreeing).
const STRONG_TITLE: f32 = 0.85;
/// A title this similar is enough with one more kind of evidence (a speaker or the slot).
const FAIR_TITLE: f32 = 0.5;
/// A title this similar outweighs a speaker or a slot that disagrees (not both).
const WHOLE_TITLE: f32 = 0.95;
/// How much better than the next official talk the best must be.
const MARGIN: f32 = 0.08;

/// A note session paired with an official one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    /// Index into the note sessions.
    pub(crate) note: usize,
    /// Index into the official sessions.
    pub(crate) official: usize,
    pub(crate) score: f32,
    /// Why, for `parse --explain`: one short phrase per piece of evidence.
    pub(crate) reasons: Vec<String>,
}

/// What matching reads of a session, computed once.
struct Key<'s> {
    words: Vec<String>,
    /// Initials of every word of the title, stop words included (`SRE`).
    initials: Vec<char>,
    /// Each speaker's folded name words; the last is the surname.
    people: Vec<Vec<String>>,
    conference: Vec<String>,
    session: &'s Session,
    start: Option<u32>,
}

impl<'s> Key<'s> {
    fn new(s: &'s Session) -> Key<'s> {
        let all = words(&s.title);
        Key {
            initials: all.iter().filter_map(|w| w.chars().next()).collect(),
            words: all.into_iter().filter(|w| !STOP.contains(&w.as_str())).collect(),
            people: s.speakers.iter().map(|p| words(p)).filter(|p| !p.is_empty()).collect(),
            conference: s.conference.as_deref().map_or_else(Vec::new, |c| {
                words(c)
                    .into_iter()
                    .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !GENERIC_CONFERENCE.contains(&w.as_str()))
                    .collect()
            }),
            session: s,
            start: s.start.as_deref().and_then(minutes),
        }
    }
}

/// Lower-case, accent-free words, as the index folds them.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `09:30` → 570.
fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    Some(h.trim().parse::<u32>().ok()? * 60 + m.trim().get(..2)?.parse::<u32>().ok()?)
}

/// Whether two title words are the same word as people write it: equal, one a prefix of the
/// other (`intro`, `introduction`; at least four letters), or a typo away (one from five letters,
/// two from nine; never in a word with a digit).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shorter = a.chars().count().min(b.chars().count());
    if shorter >= 4 && (a.starts_with(b) || b.starts_with(a)) {
        return true;
    }
    if a.chars().chain(b.chars()).any(|c| c.is_ascii_digit()) {
        return false;
    }
    let budget = match shorter {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    budget > 0 && strsim::osa_distance(a, b) <= budget
}

/// Whether `word` is the initials of a run of `initials` (`sre` for Site Reliability Engineering).
fn is_initials(word: &str, initials: &[char]) -> bool {
    let w: Vec<char> = word.chars().collect();
    (2..=6).contains(&w.len()) && initials.windows(w.len()).any(|run| run == w.as_slice())
}

/// How well a note's title names an official title, 0 to 1, and the words it matched. A note
/// often shortens a title: all of its words found in a longer title count nearly as much as the
/// whole title, the more so the more of it they cover.
fn title_similarity(note: &Key, official: &Key) -> (f32, usize) {
    if note.words.is_empty() || official.words.is_empty() {
        return (0.0, 0);
    }
    let mut used = vec![false; official.words.len()];
    let mut matched = 0;
    let mut i = 0;
    while i < note.words.len() {
        let w = &note.words[i];
        // Two words the note splits (`Open Telemetry`) may be one of the title's.
        if let Some(next) = note.words.get(i + 1) {
            let joined = format!("{w}{next}");
            let found = official
                .words
                .iter()
                .position(|o| o.len() > w.len().max(next.len()) && same_word(&joined, o));
            if let Some(j) = found.filter(|j| !used[*j]) {
                used[j] = true;
                matched += 2;
                i += 2;
                continue;
            }
        }
        let found = official
            .words
            .iter()
            .enumerate()
            .find(|(j, o)| !used[*j] && same_word(w, o));
        if let Some((j, _)) = found {
            used[j] = true;
            matched += 1;
        } else if is_initials(w, &official.initials) {
            // The initials stand for several words of the official title.
            matched += 1;
        }
        i += 1;
    }
    let covered = used
        .iter()
        .filter(|u| **u)
        .count()
        .max(matched.min(official.words.len()));
    let precision = matched as f32 / note.words.len() as f32;
    let recall = covered as f32 / official.words.len() as f32;
    let f1 = if matched == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let contained = if note.words.len() >= 2 {
        precision * (0.6 + 0.4 * recall)
    } else {
        0.0
    };
    (f1.max(contained).min(1.0), matched)
}

/// How well the note's speakers name the official ones: 1 when a surname (or a whole name)
/// agrees, 0.6 when only a given name does, `None` when either side names nobody.
fn speaker_similarity(note: &Key, official: &Key) -> Option<(f32, String)> {
    if note.people.is_empty() || official.people.is_empty() {
        return None;
    }
    let mut best = (0.0f32, String::new());
    for person in &note.people {
        for other in &official.people {
            let (Some(surname), Some(other_surname)) = (person.last(), other.last()) else {
                continue;
            };
            // `Z. Wirth` is `Zoë Wirth`: an initial agrees with its given name.
            let given = |mine: &str, theirs: &str| {
                same_word(mine, theirs) || (mine.chars().count() == 1 && theirs.starts_with(mine))
            };
            let score = if same_word(surname, other_surname) && (person.len() == 1 || given(&person[0], &other[0])) {
                1.0
            } else if person.len() == 1 && same_word(surname, &other[0]) {
                0.6
            } else {
                0.0
            };
            if score > best.0 {
                best = (score, format!("speaker {} = {}", person.join(" "), other.join(" ")));
            }
        }
    }
    Some(best)
}

/// How a note session and an official one compare, `None` when they cannot be the same talk
/// (another conference, day or year) or the evidence is too weak.
fn compare(note: &Key, official: &Key) -> Option<(f32, Vec<String>)> {
    let (n, o) = (note.session, official.session);
    let mut reasons = Vec::new();
    let same_date = match (n.date, o.date) {
        (Some(a), Some(b)) if a != b => return None,
        (Some(a), Some(_)) => {
            reasons.push(format!("same day {a}"));
            true
        }
        _ => false,
    };
    if let (Some(a), Some(b)) = (n.year, o.year)
        && a != b
    {
        return None;
    }
    let conference_agrees = !note.conference.is_empty()
        && note
            .conference
            .iter()
            .any(|w| official.conference.iter().any(|o| same_word(w, o)));
    if !note.conference.is_empty() && !official.conference.is_empty() && !conference_agrees {
        return None;
    }
    // Nothing but the title and speakers ties this note to this programme.
    let unanchored = !same_date && n.year.is_none() && !conference_agrees;

    let (title, matched) = title_similarity(note, official);
    if matched > 0 {
        reasons.push(format!(
            "title {title:.2} ({matched} of {} words)",
            official.words.len()
        ));
    }
    let speaker = speaker_similarity(note, official);
    let speaker_score = speaker.as_ref().map_or(0.0, |s| s.0);
    let speaker_disagrees = speaker.as_ref().is_some_and(|s| s.0 == 0.0);
    if let Some((s, why)) = &speaker
        && *s > 0.0
    {
        reasons.push(why.clone());
    }
    let slot = match (note.start, official.start) {
        (Some(a), Some(b)) => Some(a.abs_diff(b)),
        _ => None,
    };
    let slot_agrees = same_date && slot.is_some_and(|d| d <= 10);
    let slot_disagrees = same_date && slot.is_some_and(|d| d > 60);
    if slot_agrees {
        reasons.push(format!("slot {}", n.start.as_deref().unwrap_or_default()));
    }

    let accepted = if unanchored {
        title >= STRONG_TITLE && speaker_score >= 1.0
    } else if speaker_disagrees || slot_disagrees {
        // The programme may have changed, or the note misremembers: the whole title must agree.
        title >= WHOLE_TITLE && !(speaker_disagrees && slot_disagrees)
    } else {
        title >= STRONG_TITLE
            || (title >= FAIR_TITLE && (speaker_score >= 0.6 || slot_agrees))
            || (speaker_score >= 1.0 && slot_agrees)
    };
    if !accepted {
        return None;
    }
    let mut score = 0.65 * title + 0.25 * speaker_score + if slot_agrees { 0.1 } else { 0.0 };
    if speaker_disagrees {
        score -= 0.25;
    }
    if slot_disagrees {
        score -= 0.2;
    }
    Some((score, reasons))
}

/// Pairs note sessions with official ones (see [`Catalogue::match_notes`]).
#[cfg(test)]
pub(crate) fn match_sessions(notes: &[Session], official: &[Session]) -> Vec<Match> {
    Catalogue::new(official).match_notes(notes)
}

/// The official talks notes are matched against, read once for a whole run: each talk's key,
/// and the talks by the words that could tie a note to them, so that a note is compared only
/// with the few talks it shares a word or a name with (of tens of thousands, in a corpus of
/// many programmes), and of its day or year.
pub(crate) struct Catalogue<'s> {
    keys: Vec<Key<'s>>,
    by_token: HashMap<String, Vec<usize>>,
}

/// What a word of a title or a name is looked up by: its first three letters (a typo is rarely
/// in them; a prefix such as `intro` keeps them).
fn token(word: &str) -> String {
    word.chars().take(3).collect()
}

/// The tokens of a talk: of its title's words and its speakers' names, and `#` with every run
/// of two to six of its title's initials (`#sre` for Site Reliability Engineering).
fn talk_tokens(key: &Key) -> Vec<String> {
    let mut out: Vec<String> = key
        .words
        .iter()
        .chain(key.people.iter().flatten())
        .map(|w| token(w))
        .collect();
    for n in 2..=6 {
        out.extend(
            key.initials
                .windows(n)
                .map(|run| std::iter::once('#').chain(run.iter().copied()).collect()),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The tokens a note is looked up by: its title's words and names (either may be the other,
/// the note's heading read the other way round), and each short word as initials.
fn note_tokens(key: &Key) -> Vec<String> {
    let words = || key.words.iter().chain(key.people.iter().flatten());
    let mut out: Vec<String> = words().map(|w| token(w)).collect();
    out.extend(
        words()
            .filter(|w| (2..=6).contains(&w.chars().count()))
            .map(|w| format!("#{w}")),
    );
    out
}

impl<'s> Catalogue<'s> {
    pub(crate) fn new(official: &'s [Session]) -> Catalogue<'s> {
        let keys: Vec<Key> = official.iter().map(Key::new).collect();
        let mut by_token: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            for t in talk_tokens(key) {
                by_token.entry(t).or_default().push(i);
            }
        }
        Catalogue { keys, by_token }
    }

    /// The talks `note` could be, in catalogue order: sharing a token with it, and of its day
    /// and year when both say theirs ([`compare`] refuses the others).
    fn candidates(&self, note: &Key) -> Vec<usize> {
        let mut out: Vec<usize> = note_tokens(note)
            .iter()
            .filter_map(|t| self.by_token.get(t))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        let n = note.session;
        out.retain(|&j| {
            let o = self.keys[j].session;
            !matches!((n.date, o.date), (Some(a), Some(b)) if a != b)
                && !matches!((n.year, o.year), (Some(a), Some(b)) if a != b)
        });
        out
    }

    /// Pairs note sessions with the official talks. Each note session gets at most one
    /// official talk, the best by a margin; within one note file an official talk is taken
    /// once (the best note for it), while notes of the same talk in two files both get it.
    /// `Match::official` is the talk's index in the slice the catalogue was made of.
    pub(crate) fn match_notes(&self, notes: &[Session]) -> Vec<Match> {
        let mut candidates = Vec::new();
        for (i, note) in notes.iter().enumerate() {
            let key = Key::new(note);
            let mut scored: Vec<(f32, usize, Vec<String>)> = self
                .candidates(&key)
                .into_iter()
                .filter_map(|j| compare(&key, &self.keys[j]).map(|(s, r)| (s, j, r)))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut best = scored.into_iter();
            let Some((score, j, reasons)) = best.next() else {
                continue;
            };
            if best.next().is_some_and(|(second, ..)| second > score - MARGIN) {
                continue;
            }
            candidates.push(Match {
                note: i,
                official: j,
                score,
                reasons,
            });
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.note.cmp(&b.note)));
        let mut taken = std::collections::HashSet::new();
        let mut out: Vec<Match> = candidates
            .into_iter()
            .filter(|m| taken.insert((notes[m.note].source.path.as_str(), m.official)))
            .collect();
        out.sort_by_key(|m| m.note);
        out
    }
}

/// Fills what a note session does not say from its official talk, and names each field filled.
/// What the note states is kept; a speaker the note names by surname or given name only takes
/// the programme's full name.
pub(crate) fn enrich(note: &mut Session, official: &Session) -> Vec<&'static str> {
    let mut filled = Vec::new();
    if note.speakers.is_empty() && !official.speakers.is_empty() {
        note.speakers = official.speakers.clone();
        filled.push("speakers");
    } else {
        let mut changed = false;
        for name in &mut note.speakers {
            let mine = words(name);
            let full = official.speakers.iter().find(|o| {
                let theirs = words(o);
                match mine.as_slice() {
                    [one] => theirs.len() > 1 && theirs.iter().any(|w| same_word(one, w)),
                    // `Z. Wirth` for `Zoë Wirth`: initials, then the surname.
                    [initials @ .., surname] => {
                        theirs.len() == mine.len()
                            && theirs.last().is_some_and(|t| same_word(surname, t))
                            && initials.iter().all(|i| i.chars().count() == 1)
                            && initials.iter().zip(&theirs).all(|(i, t)| t.starts_with(i.as_str()))
                    }
                    [] => false,
                }
            });
            if let Some(full) = full {
                *name = full.clone();
                changed = true;
            }
        }
        if changed {
            filled.push("speakers");
        }
    }
    macro_rules! fill {
        ($field:ident, $name:literal) => {
            if note.$field.is_none() && official.$field.is_some() {
                note.$field = official.$field.clone();
                filled.push($name);
            }
        };
    }
    fill!(conference, "conference");
    fill!(year, "year");
    fill!(date, "date");
    fill!(room, "room");
    if note.start.is_none() && official.start.is_some() {
        note.start = official.start.clone();
        note.end = official.end.clone();
        filled.push("slot");
    }
    let before = note.links.len();
    for link in &official.links {
        if !note.links.iter().any(|l| l.url == link.url) {
            note.links.push(link.clone());
        }
    }
    if note.links.len() > before {
        filled.push("links");
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Kind, Origin, Source};
    use jiff::civil::date;

    fn talk(path: &str, title: &str, speakers: &[&str]) -> Session {
        Session {
            id: format!("{path}#{title}"),
            title: title.into(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            conference: None,
            year: None,
            date: None,
            start: None,
            end: None,
            kind: Kind::Talk,
            room: None,
            attended: None,
            tags: Vec::new(),
            themes: Vec::new(),
            links: Vec::new(),
            filled: Vec::new(),
            matched: Vec::new(),
            source: Source {
                path: path.into(),
                line: 1,
            },
            body: String::new(),
            from: Origin::Notes,
        }
    }

    /// A small programme: two days of an invented conference.
    fn programme() -> Vec<Session> {
        let at = |title: &str, speakers: &[&str], day: i8, start: &str, room: &str| {
            let mut s = talk("schedule.json", title, speakers);
            s.conference = Some("Nordlicht Conf 2024".into());
            s.year = Some(2024);
            s.date = Some(date(2024, 5, day));
            s.start = Some(start.into());
            s.end = Some("11:00".into());
            s.room = Some(room.into());
            s
        };
        vec![
            at(
                "Observability at Scale with OpenTelemetry",
                &["Ingrid Solberg"],
                14,
                "10:30",
                "Saal 1",
            ),
            at(
                "Site Reliability Engineering in a Small Team",
                &["Mateo Ferreira"],
                14,
                "11:30",
                "Saal 2",
            ),
            at(
                "Kubernetes Networking Deep Dive",
                &["Aiko Tanaka"],
                15,
                "09:30",
                "Saal 1",
            ),
            at(
                "Kubernetes Security Basics",
                &["Jonas Weber", "Lea Brandt"],
                15,
                "10:30",
                "Saal 2",
            ),
            at(
                "Introduction to Chaos Engineering",
                &["Zoë Müller"],
                15,
                "14:00",
                "Saal 1",
            ),
        ]
    }

    fn noted(path: &str, title: &str, speakers: &[&str]) -> Session {
        let mut s = talk(path, title, speakers);
        s.conference = Some("Nordlicht".into());
        s.year = Some(2024);
        s
    }

    fn matched(notes: &[Session]) -> Vec<(usize, usize)> {
        match_sessions(notes, &programme())
            .iter()
            .map(|m| (m.note, m.official))
            .collect()
    }

    #[test]
    fn misspelt_title_matches_its_talk() {
        let notes = [noted("n.md", "Obsevability at scale with Open Telemetry", &[])];
        assert_eq!(matched(&notes), [(0, 0)]);
    }

    #[test]
    fn surname_only_and_a_shortened_title_match() {
        let notes = [noted("n.md", "Chaos engineering", &["Müller"])];
        assert_eq!(matched(&notes), [(0, 4)]);
    }

    #[test]
    fn initials_stand_for_the_words_of_the_title() {
        let notes = [noted("n.md", "SRE in a small team", &["Ferreira"])];
        assert_eq!(matched(&notes), [(0, 1)]);
    }

    #[test]
    fn speaker_and_slot_match_a_note_without_a_title_worth_the_name() {
        let mut note = noted("n.md", "Morning session", &["Aiko Tanaka"]);
        note.date = Some(date(2024, 5, 15));
        note.start = Some("09:30".into());
        assert_eq!(matched(&[note]), [(0, 2)]);
    }

    #[test]
    fn one_word_title_alone_matches_nothing() {
        let notes = [noted("n.md", "Kubernetes", &[])];
        assert!(matched(&notes).is_empty());
    }

    #[test]
    fn workshop_given_twice_is_ambiguous_without_the_day() {
        let mut official = programme();
        let mut again = official[4].clone();
        again.date = Some(date(2024, 5, 14));
        official.push(again);
        let notes = [noted("n.md", "Introduction to Chaos Engineering", &[])];
        assert!(match_sessions(&notes, &official).is_empty());
        let mut dated = notes[0].clone();
        dated.date = Some(date(2024, 5, 14));
        assert_eq!(match_sessions(&[dated], &official)[0].official, 5);
    }

    #[test]
    fn talk_not_in_the_programme_stays_unmatched() {
        let notes = [
            noted("n.md", "Hallway chat about Rust compile times", &["Somebody Else"]),
            noted("n.md", "Kubernetes Storage Deep Dive", &["Priya Raman"]),
        ];
        assert!(matched(&notes).is_empty());
    }

    #[test]
    fn another_conference_or_year_or_day_is_never_compared() {
        let mut other_conference = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
        other_conference.conference = Some("Devopsdays Oslo".into());
        let mut other_year = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
        other_year.year = Some(2023);
        let mut other_day = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
        other_day.date = Some(date(2024, 5, 14));
        assert!(matched(&[other_conference, other_year, other_day]).is_empty());
    }

    #[test]
    fn one_talk_noted_in_two_files_matches_the_same_official_talk_from_each() {
        let notes = [
            noted("a.md", "Kubernetes security basics", &["Weber"]),
            noted("b.md", "K8s security basics", &["Lea Brandt"]),
        ];
        assert_eq!(matched(&notes), [(0, 3), (1, 3)]);
    }

    #[test]
    fn within_one_file_an_official_talk_is_taken_once() {
        let notes = [
            noted("a.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]),
            noted("a.md", "Kubernetes networking", &["Tanaka"]),
        ];
        assert_eq!(matched(&notes), [(0, 2)]);
    }

    #[test]
    fn a_speaker_who_disagrees_needs_a_title_that_agrees_fully() {
        let notes = [noted("n.md", "Chaos engineering", &["Somebody Else"])];
        assert!(matched(&notes).is_empty());
        let notes = [noted("n.md", "Introduction to Chaos Engineering", &["Somebody Else"])];
        assert_eq!(matched(&notes), [(0, 4)]);
    }

    #[test]
    fn a_note_with_no_conference_or_year_needs_title_and_speaker() {
        let mut bare = talk("n.md", "Kubernetes Networking Deep Dive", &[]);
        assert!(match_sessions(std::slice::from_ref(&bare), &programme()).is_empty());
        bare.speakers = vec!["Aiko Tanaka".into()];
        assert_eq!(match_sessions(&[bare], &programme()).len(), 1);
    }

    #[test]
    fn reasons_say_what_agreed() {
        let mut note = noted("n.md", "Observability at scale", &["Solberg"]);
        note.date = Some(date(2024, 5, 14));
        note.start = Some("10:30".into());
        let m = &match_sessions(&[note], &programme())[0];
        assert_eq!(
            m.reasons,
            [
                "same day 2024-05-14",
                "title 0.87 (2 of 3 words)",
                "speaker solberg = ingrid solberg",
                "slot 10:30"
            ]
        );
    }

    #[test]
    fn enrich_fills_what_the_note_lacks_and_keeps_what_it_says() {
        let official = &programme()[0];
        let mut note = noted("n.md", "Obsevability talk", &["Solberg"]);
        note.room = Some("the big room".into());
        let filled = enrich(&mut note, official);
        assert_eq!(filled, ["speakers", "date", "slot"]);
        assert_eq!(note.speakers, ["Ingrid Solberg"]);
        assert_eq!(note.room.as_deref(), Some("the big room"));
        assert_eq!(note.title, "Obsevability talk");
        assert_eq!(note.conference.as_deref(), Some("Nordlicht"));
        assert_eq!(
            (note.start.as_deref(), note.end.as_deref()),
            (Some("10:30"), Some("11:00"))
        );
    }

    #[test]
    fn an_initial_and_surname_agree_with_the_full_name() {
        let official = programme();
        let note = noted("n.md", "Observability", &["I. Solberg"]);
        let (score, why) = speaker_similarity(&Key::new(&note), &Key::new(&official[0])).unwrap();
        assert_eq!((score, why.as_str()), (1.0, "speaker i solberg = ingrid solberg"));
        let other = noted("n.md", "Observability", &["J. Solberg"]);
        assert_eq!(
            speaker_similarity(&Key::new(&other), &Key::new(&official[0]))
                .unwrap()
                .0,
            0.0
        );
    }

    #[test]
    fn enrich_spells_out_an_initial_and_surname_and_keeps_another_name() {
        let official = &programme()[0];
        let mut note = noted("n.md", "Observability", &["I. Solberg", "Kim Lee"]);
        assert_eq!(enrich(&mut note, official), ["speakers", "date", "room", "slot"]);
        assert_eq!(note.speakers, ["Ingrid Solberg", "Kim Lee"]);
        let mut other = noted("n.md", "Observability", &["J. Solberg"]);
        enrich(&mut other, official);
        assert_eq!(other.speakers, ["J. Solberg"], "another initial is another person");
    }

    #[test]
    fn same_word_allows_typos_prefixes_and_no_digit_changes() {
        assert!(same_word("obsevability", "observability"));
        assert!(same_word("intro", "introduction"));
        assert!(!same_word("2019", "2018"));
        assert!(!same_word("rust", "bust"));
        assert!(is_initials("sre", &['s', 'r', 'e', 'i', 'a', 's', 't']));
    }
}
