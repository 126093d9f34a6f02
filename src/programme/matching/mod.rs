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
use jiff::civil::Date;
use std::collections::HashMap;

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

/// Pairs note sessions with official ones (see [`Catalogue::match_notes`]).
#[cfg(test)]
pub(crate) fn match_sessions(notes: &[Session], official: &[Session]) -> Vec<Match> {
    Catalogue::new(official).match_notes(notes)
}

/// The official talks notes are matched against, read once for a whole run: each talk's key,
/// and the talks by the words that could tie a note to them, so that a note is compared only
/// with the few talks it shares a word or a name with (of thousands, in a corpus of many
/// programmes) and of its year.
pub(crate) struct Catalogue<'s> {
    keys: Vec<Key<'s>>,
    by_token: HashMap<String, Vec<usize>>,
}

/// What a word of a title or a name is looked up by: its first three letters (a typo is rarely
/// in them; a prefix such as `intro` keeps them).
fn token(word: &str) -> String {
    word.chars().take(3).collect()
}

/// The tokens of a talk: its title's words and its speakers' names (either may be a note's
/// title, read the other way round), `#` with every run of two to six of its title's initials
/// (`#sre` for Site Reliability Engineering), `~` with its title words' numeronyms (`~k8s`),
/// and `@` with its speakers' names, which a note may name at the start of its text.
fn talk_tokens(key: &Key) -> Vec<String> {
    let names = || key.people.iter().flatten();
    let mut out: Vec<String> = key.words.iter().chain(names()).map(|w| token(w)).collect();
    out.extend(names().map(|w| format!("@{}", token(w))));
    out.extend(
        key.words
            .iter()
            .filter_map(|w| title::numeronym(w))
            .map(|n| format!("~{n}")),
    );
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

/// The tokens a note is looked up by: its title's words and names, each short word as
/// initials, each word as a numeronym and by what it abbreviates, and the words of the start
/// of its text as names.
fn note_tokens(key: &Key) -> Vec<String> {
    let words = || key.words.iter().chain(key.people.iter().flatten());
    let mut out: Vec<String> = words().map(|w| token(w)).collect();
    for w in words() {
        // As initials (`SRE`, `SLOs`), a numeronym (`k8s`), an abbreviation (`otel`).
        if (2..=7).contains(&w.chars().count()) {
            out.push(format!("#{w}"));
            if let Some(singular) = w.strip_suffix('s') {
                out.push(format!("#{singular}"));
            }
        }
        out.push(format!("~{w}"));
        out.extend(title::spelt_out(w).map(token));
    }
    out.extend(key.opening.split_whitespace().map(|w| format!("@{}", token(w))));
    out
}

impl<'s> Catalogue<'s> {
    pub(crate) fn new(official: &'s [Session]) -> Catalogue<'s> {
        let mut last_days: HashMap<&str, Date> = HashMap::new();
        for s in official {
            if let Some(d) = s.date {
                let last = last_days.entry(s.source.path.as_str()).or_insert(d);
                *last = (*last).max(d);
            }
        }
        let keys: Vec<Key> = official
            .iter()
            .map(|s| Key {
                last_day: last_days.get(s.source.path.as_str()).copied(),
                ..Key::new(s)
            })
            .collect();
        let mut by_token: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            for t in talk_tokens(key) {
                by_token.entry(t).or_default().push(i);
            }
        }
        Catalogue { keys, by_token }
    }

    /// The talks a note (read as `readings`) could be, in catalogue order: sharing a token
    /// with one of its readings, and of its year when both say theirs ([`compare`] refuses
    /// the others, and checks the day itself: a write-up is dated after the talk).
    fn candidates(&self, readings: &[Key]) -> Vec<usize> {
        let mut out: Vec<usize> = readings
            .iter()
            .flat_map(note_tokens)
            .filter_map(|t| self.by_token.get(&t))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        let year = readings.first().and_then(|k| k.session.year);
        out.retain(|&j| !matches!((year, self.keys[j].session.year), (Some(a), Some(b)) if a != b));
        out
    }

    /// Pairs note sessions with the official talks. Each note session gets at most one
    /// official talk, the best by a margin; within one note file an official talk is taken
    /// once (the best note for it), while notes of the same talk in two files both get it.
    /// `Match::official` is the talk's place in the slice the catalogue was made of.
    pub(crate) fn match_notes(&self, notes: &[Session]) -> Vec<Match> {
        self.match_among(notes, |readings| self.candidates(readings))
    }

    /// [`Catalogue::match_notes`] comparing every note with every talk: what the lookup must
    /// not change.
    #[cfg(test)]
    fn match_notes_with_every_talk(&self, notes: &[Session]) -> Vec<Match> {
        self.match_among(notes, |_| (0..self.keys.len()).collect())
    }

    fn match_among(&self, notes: &[Session], candidates_of: impl Fn(&[Key]) -> Vec<usize>) -> Vec<Match> {
        let mut candidates = Vec::new();
        for (i, note) in notes.iter().enumerate() {
            // The note as the parser read it, and with its title and speaker swapped: for
            // each official talk, the better reading.
            let readings: Vec<Key> = std::iter::once(Key::new(note)).chain(Key::swapped(note)).collect();
            let mut scored: Vec<(f32, usize, Vec<String>)> = Vec::new();
            for j in candidates_of(&readings) {
                let best = readings
                    .iter()
                    .filter_map(|key| compare(key, &self.keys[j]))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((s, r)) = best {
                    scored.push((s, j, r));
                }
            }
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

#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod tests;
