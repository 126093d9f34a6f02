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
//! Tests: `tests.rs`, on sessions built in the test, one per shape of note.

use crate::index::fold;
use crate::notes::Session;

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
            let score = if same_word(surname, other_surname) && (person.len() == 1 || same_word(&person[0], &other[0]))
            {
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

/// Pairs note sessions with official ones. Each note session gets at most one official talk,
/// the best by a margin; within one note file an official talk is taken once (the best note
/// for it), while notes of the same talk in two files both get it.
pub(crate) fn match_sessions(notes: &[Session], official: &[Session]) -> Vec<Match> {
    let officials: Vec<Key> = official.iter().map(Key::new).collect();
    let mut candidates = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        let key = Key::new(note);
        let mut scored: Vec<(f32, usize, Vec<String>)> = officials
            .iter()
            .enumerate()
            .filter_map(|(j, o)| compare(&key, o).map(|(s, r)| (s, j, r)))
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
            if mine.len() != 1 {
                continue;
            }
            let full = official.speakers.iter().find(|o| {
                let theirs = words(o);
                theirs.len() > 1 && theirs.iter().any(|w| same_word(&mine[0], w))
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
mod tests;
