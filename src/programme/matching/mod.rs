//! Which official talk a note session is about: note sessions and the programme's sessions in,
//! pairs with the reasons for each out. Pure, so it is tested on sessions built in the test.
//!
//! Notes are partial: a shortened or misspelt title, a surname, no time. So a pair is judged on
//! several kinds of evidence, each cheap: the conference and the day block it (a note of another
//! conference or day is never compared), then the title's words (`title.rs`: typos, prefixes,
//! initials, `k8s`, common abbreviations; the words that only name the kind left out), the
//! speakers' surnames, the slot and the kind. Notes as the parser really reads them need more:
//! a name and a title it swapped (`Niamh – on-call w/o burnout`), a surname left in the title
//! (`… (Solheim)`), a speaker only named at the start of the text (a blog section), a day it
//! could not read (the slot still counts), a title naming only a moment (`Opening keynote`), a
//! blog post dated the week after the conference (its date is not the talk's day).
//! A pair is taken only when the evidence is strong *and* no other official talk is nearly as
//! good: a wrong match is worse than none, since the note keeps its own fields either way.
//!
//! Tests: `tests.rs` on sessions built in the test, one per shape of note; `eval_tests.rs` on
//! the real chain: programmes and notes of `tests/fixtures/matching/` read by the parsers the
//! indexer uses, scored against each conference's `expected.tsv`.

mod title;

use crate::index::fold;
use crate::notes::{Kind, Origin, Session};
pub(crate) use catalogue::Catalogue;
#[cfg(test)]
use catalogue::match_sessions;
use jiff::civil::Date;

/// Words of a conference name that do not tell one conference from another (and the names a
/// schedule file's folder or file gives when it names no conference: `sessionize.json` at the
/// top of the notes, `programme/schedule.json`).
const GENERIC_CONFERENCE: &[&str] = &[
    "schedule",
    "sessionize",
    "programme",
    "program",
    "agenda",
    "calendar",
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
/// A title this similar, with a word in common, is enough with the speaker's whole name, or
/// with the day and the slot.
const SOME_TITLE: f32 = 0.2;
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
    /// The title's words, without stop words and kind words (`title::title_words`).
    words: Vec<String>,
    /// Initials of every word of the title, stop words included (`SRE`).
    initials: Vec<char>,
    /// Each speaker's folded name words; the last is the surname.
    people: Vec<Vec<String>>,
    conference: Vec<String>,
    /// The kind the session says it is: its own, or the one its title names (`Opening keynote`).
    kind: Kind,
    /// The start of the notes, folded, where a note that names no speaker often does
    /// (`Grace Adeyemi's keynote was…`).
    opening: String,
    /// The reading with title and speaker swapped (`Niamh – on-call w/o burnout` read as the
    /// title `Niamh` by the speaker `on-call w/o burnout`).
    swapped: bool,
    session: &'s Session,
    start: Option<u32>,
    /// For an official talk, the last day of its programme (its file's last date).
    last_day: Option<Date>,
}

/// How many days after a conference a dated note may have been written up (a blog post).
const WRITE_UP_DAYS: i32 = 21;

/// How much of a note's text is searched for a speaker's name when the note names none.
const OPENING_BYTES: usize = 400;

impl<'s> Key<'s> {
    fn new(s: &'s Session) -> Key<'s> {
        Key::read(s, &s.title, s.speakers.iter().map(String::as_str).collect(), false)
    }

    /// The reading of a note with its title and speakers swapped, when it has speakers.
    fn swapped(s: &'s Session) -> Option<Key<'s>> {
        if s.speakers.is_empty() || s.title.trim().is_empty() {
            return None;
        }
        Some(Key::read(s, &s.speakers.join(", "), vec![s.title.as_str()], true))
    }

    fn read(s: &'s Session, title: &str, speakers: Vec<&str>, swapped: bool) -> Key<'s> {
        let (words, initials) = title::title_words(title);
        let kind = match s.kind {
            Kind::Talk | Kind::Section => super::kind_of(title),
            kind => kind,
        };
        let opening = if s.speakers.is_empty() && s.from == Origin::Notes {
            let head = &s.body[..crate::notes::text::char_floor(&s.body, OPENING_BYTES)];
            format!(" {} ", self::words(head).join(" "))
        } else {
            String::new()
        };
        Key {
            words,
            initials,
            people: speakers
                .into_iter()
                .map(self::words)
                .filter(|p| !p.is_empty())
                .collect(),
            conference: s.conference.as_deref().map_or_else(Vec::new, |c| {
                self::words(c)
                    .into_iter()
                    .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !GENERIC_CONFERENCE.contains(&w.as_str()))
                    .collect()
            }),
            kind,
            opening,
            swapped,
            session: s,
            start: s.start.as_deref().and_then(minutes),
            last_day: None,
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

/// What the speakers of a note say of an official talk's.
struct Speakers {
    /// 1 when a surname (or a whole name) agrees, 0.6 when only a given name does, 0 when the
    /// note names others.
    score: f32,
    why: String,
    /// The official surname the note's title holds (`Memory safety for C++ devs (Solheim)`): a
    /// word of the speaker, not of the title.
    in_title: Option<usize>,
    /// Found only in the text of the notes, which may name other people too.
    in_notes: bool,
}

/// How well the note's speakers name the official ones; `None` when either side names nobody.
/// A note that names no speaker may still name one in its title or at the start of its text.
fn speaker_similarity(note: &Key, official: &Key) -> Option<Speakers> {
    if official.people.is_empty() {
        return None;
    }
    if note.people.is_empty() {
        for other in &official.people {
            let Some(surname) = other.last().filter(|s| s.chars().count() >= 4) else {
                continue;
            };
            if let Some(at) = note.words.iter().position(|w| w == surname) {
                return Some(Speakers {
                    score: 1.0,
                    why: format!("surname {surname} in title"),
                    in_title: Some(at),
                    in_notes: false,
                });
            }
            if other.len() >= 2 && note.opening.contains(&format!(" {} ", other.join(" "))) {
                return Some(Speakers {
                    score: 1.0,
                    why: format!("speaker {} in notes", other.join(" ")),
                    in_title: None,
                    in_notes: true,
                });
            }
        }
        return None;
    }
    let mut best = Speakers {
        score: 0.0,
        why: String::new(),
        in_title: None,
        in_notes: false,
    };
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
            if score > best.score {
                best.score = score;
                best.why = format!("speaker {} = {}", person.join(" "), other.join(" "));
            }
        }
    }
    Some(best)
}

/// How a note session and an official one compare, `None` when they cannot be the same talk
/// (another conference, day or year) or the evidence is too weak.
fn compare(note: &Key, official: &Key) -> Option<(f32, Vec<String>)> {
    let (n, o) = (note.session, official.session);
    // What blocks a pair is checked first, before anything is written down: most pairs stop here.
    if let (Some(a), Some(b)) = (n.year, o.year)
        && a != b
    {
        return None;
    }
    // A note dated a few days after the programme's last day was written up after the
    // conference (a blog post's date): its date is not the talk's day.
    let written_after = match (n.date, official.last_day) {
        (Some(d), Some(last)) => d > last && (d - last).get_days() <= WRITE_UP_DAYS,
        _ => false,
    };
    let note_date = n.date.filter(|_| !written_after);
    let same_date = match (note_date, o.date) {
        (Some(a), Some(b)) if a != b => return None,
        (Some(_), Some(_)) => true,
        _ => false,
    };
    let conference_agrees = !note.conference.is_empty()
        && note
            .conference
            .iter()
            .any(|w| official.conference.iter().any(|o| same_word(w, o)));
    if !note.conference.is_empty() && !official.conference.is_empty() && !conference_agrees {
        return None;
    }
    let mut reasons = Vec::new();
    if note.swapped {
        reasons.push("title and speaker swapped".to_string());
    }
    if let Some(d) = n.date.filter(|_| written_after) {
        reasons.push(format!("written {d}, after the conference"));
    }
    if let Some(d) = note_date.filter(|_| same_date) {
        reasons.push(format!("same day {d}"));
    }
    // Nothing but the title and speakers ties this note to this programme.
    let unanchored = !same_date && n.year.is_none() && !conference_agrees;

    let speaker = speaker_similarity(note, official);
    let mut title_words = note.words.clone();
    if let Some(at) = speaker.as_ref().and_then(|s| s.in_title) {
        title_words.remove(at);
    }
    let (title, matched) = title::similarity(&title_words, &official.words, &official.initials);
    if matched > 0 {
        reasons.push(format!(
            "title {title:.2} ({matched} of {} words)",
            official.words.len()
        ));
    }
    let speaker_score = speaker.as_ref().map_or(0.0, |s| s.score);
    // A speaker the note names itself (not one its text mentions) on the talk's day.
    let named_on_the_day = same_date && speaker_score >= 1.0 && !speaker.as_ref().is_some_and(|s| s.in_notes);
    let speaker_disagrees = speaker.as_ref().is_some_and(|s| s.score == 0.0);
    if let Some(s) = speaker.filter(|s| s.score > 0.0) {
        reasons.push(s.why);
    }
    let slot = match (note.start, official.start) {
        (Some(a), Some(b)) => Some(a.abs_diff(b)),
        _ => None,
    };
    // A slot agrees on the same day, or when the note does not say its day (a one-day
    // conference, or notes whose day the parser could not read); it disagrees only on the
    // same day.
    let slot_agrees = (same_date || note_date.is_none()) && slot.is_some_and(|d| d <= 10);
    let slot_disagrees = same_date && slot.is_some_and(|d| d > 60);
    if slot_agrees {
        reasons.push(format!("slot {}", n.start.as_deref().unwrap_or_default()));
    }
    let kind_agrees = note.kind == official.kind && !matches!(note.kind, Kind::Talk | Kind::Section);
    if kind_agrees {
        reasons.push(format!("kind {}", note.kind));
    }
    // `Opening keynote`, `Keynote`, `Ouverture`: the title names when, not which talk.
    let generic = title::is_generic(&title_words);

    let accepted = if unanchored {
        title >= STRONG_TITLE && speaker_score >= 1.0
    } else if speaker_disagrees || slot_disagrees {
        // The programme may have changed, or the note misremembers: the whole title must agree.
        title >= WHOLE_TITLE && !(speaker_disagrees && slot_disagrees)
    } else {
        title >= STRONG_TITLE
            || (title >= FAIR_TITLE && (speaker_score >= 0.6 || slot_agrees))
            || (speaker_score >= 1.0 && slot_agrees)
            || (matched > 0 && title >= SOME_TITLE && (speaker_score >= 1.0 || (same_date && slot_agrees)))
            || (generic && speaker_score >= 1.0 && kind_agrees)
            || named_on_the_day
    };
    if !accepted {
        return None;
    }
    let mut score = 0.65 * title
        + 0.25 * speaker_score
        + if slot_agrees { 0.1 } else { 0.0 }
        + if kind_agrees { 0.05 } else { 0.0 };
    if speaker_disagrees {
        score -= 0.25;
    }
    if slot_disagrees {
        score -= 0.2;
    }
    Some((score, reasons))
}

/// Fills what a note session does not say from its official talk, and names each field filled.
/// What the note states is kept; a speaker the note names by surname or given name only, or by
/// initials and surname, takes the programme's full name.
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

mod catalogue;
#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod tests;
