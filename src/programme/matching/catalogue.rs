//! The official talks a run matches notes against ([`Catalogue`]): each talk's key built
//! once, and the talks looked up by the words that could tie a note to them, so that a note is
//! compared ([`super::compare`]) only with the few talks it shares a word or a name with.

use super::{Key, MARGIN, Match, compare, title};
use crate::notes::Session;
use jiff::civil::Date;
use std::collections::HashMap;

/// Pairs note sessions with official ones (see [`Catalogue::match_notes`]).
#[cfg(test)]
pub(super) fn match_sessions(notes: &[Session], official: &[Session]) -> Vec<Match> {
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
    /// The talks in the order given: `Match::official` is a talk's place in it.
    pub(crate) fn new(official: impl IntoIterator<Item = &'s Session>) -> Catalogue<'s> {
        let official: Vec<&Session> = official.into_iter().collect();
        let mut last_days: HashMap<&str, Date> = HashMap::new();
        for s in &official {
            if let Some(d) = s.date {
                let last = last_days.entry(s.source.path.as_str()).or_insert(d);
                *last = (*last).max(d);
            }
        }
        let keys: Vec<Key> = official
            .into_iter()
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

    /// The talk at `j` (a `Match::official`).
    pub(crate) fn talk(&self, j: usize) -> &'s Session {
        self.keys[j].session
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
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
    pub(super) fn match_notes_with_every_talk(&self, notes: &[Session]) -> Vec<Match> {
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
