//! One talk, written twice in one file: a schedule or table of talks at the top and the notes
//! under a heading further down (`| 10:00 | Anja Schmidt | Typing Python at scale |`, later
//! `## Typing Python at scale`). The two drafts become one session: the speakers, slot and room
//! of the one, the notes of both, at the line of the one with more notes.

use super::Kind;
use super::builder::Draft;
use crate::index::fold;
use rustc_hash::FxHashMap as HashMap;

/// Words a title needs before two drafts are taken for one talk by their titles alone.
const MIN_TITLE_WORDS: usize = 2;

/// A title as compared: [`fold`]ed (lower case, accents folded, as the index folds words),
/// its words of letters and digits joined by single spaces.
fn title_key(title: &str) -> String {
    let folded = fold(title);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn compatible(a: &Draft, b: &Draft) -> bool {
    let speakers = a.speakers.is_empty() || b.speakers.is_empty() || a.speakers == b.speakers;
    let dates = a.date.is_none() || b.date.is_none() || a.date == b.date;
    let years = a.year.is_none() || b.year.is_none() || a.year == b.year;
    speakers && dates && years
}

/// Merges each draft into an earlier talk of the same title, when nothing they say differs.
pub(super) fn same_talks(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut by_title: HashMap<String, usize> = HashMap::default();
    for d in drafts {
        let key = title_key(&d.title);
        let target = (key.matches(' ').count() + 1 >= MIN_TITLE_WORDS)
            .then(|| by_title.get(&key).copied())
            .flatten()
            .filter(|&i| compatible(&out[i], &d))
            .filter(|&i| out[i].kind != Kind::Section || d.kind != Kind::Section);
        match target {
            Some(i) => absorb(&mut out[i], d),
            None => {
                by_title.insert(key, out.len());
                out.push(d);
            }
        }
    }
    out
}

fn absorb(into: &mut Draft, d: Draft) {
    if into.body.len() < d.body.len() {
        into.first_line = d.first_line;
    }
    if into.kind == Kind::Section {
        into.kind = d.kind;
    }
    if into.speakers.is_empty() {
        into.speakers = d.speakers;
    }
    if into.slot == Default::default() {
        into.slot = d.slot;
    }
    into.room = into.room.take().or(d.room);
    into.date = into.date.or(d.date);
    into.year = into.year.or(d.year);
    into.body.extend(d.body);
    into.lines.extend(d.lines);
}
