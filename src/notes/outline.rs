//! The session level by sibling consistency: which heading level of a file holds its talks.
//!
//! Every heading is a candidate. Its features: does its own text name a talk (a speaker or a
//! slot, decided by the builder's heading reader), does a speaker line follow it (`Mara
//! Lindqvist - Staff Engineer @ Fjordbase`, `_Tomasz Brzeski_`, `Presenter: Omar Siddiqui`,
//! `- Jonas Weber`), or is it a note-taking heading (`Takeaways`, `Q&A`, `Random links`), a
//! day or a break. The level where at least [`MIN_TALKS`] siblings read as talks, and at least
//! [`SIBLING_SHARE`] of them, is the talk level: every heading at it opens a talk, with the
//! speakers found under it, except note-taking headings, days and breaks. Headings above it
//! (`# RustFest Lisbon 2024`, `# My notes from Day 2`) are the file's title, not talks.
//!
//! The stage only speaks when a speaker line under a title-only heading is what makes the
//! level: a file whose headings name their talks themselves is left to the builder as before.

use super::cards::{CARD_LINES, card_title, handle_line, outline_talk_line, portrait_of};
use super::dates::{DateContext, day_line};
use super::names::{
    cjk_name, dash_parts, is_cjk, looks_like_role, loose_name, name_score, names_score, speakers_from_byline,
    split_names,
};
use super::parts::{Part, classify, title_and_speakers};
use super::quoted::quoted_talk;
use super::schedule::{is_not_session, slot_prefix};
use super::text::Line;
use std::collections::HashMap;

/// The level of a bold-only line (`**Designing for failure**`): under every heading.
pub const BOLD_LEVEL: u8 = 7;

/// The level of a top-level list item that names a talk (`- Why latency lies by Ana Costa`).
pub const ITEM_LEVEL: u8 = 8;

/// Talk-like siblings needed before a level is the talk level.
pub const MIN_TALKS: usize = 2;
/// Share of a level's siblings that must read as talks.
pub const SIBLING_SHARE: f32 = 0.5;
/// Lines under a heading searched for its speaker.
pub const SPEAKER_WINDOW: usize = 3;
/// Name score a bare line needs to be a speaker: right under the heading, and further down.
pub const BARE_NAME_FIRST: f32 = 0.75;
pub const BARE_NAME_LATER: f32 = 1.0;

/// Headings that organise notes, not talks.
const NOTE_WORDS: &[&str] = &[
    "takeaway",
    "takeaways",
    "key takeaways",
    "notes",
    "my notes",
    "links",
    "random links",
    "useful links",
    "summary",
    "q&a",
    "q & a",
    "questions",
    "resources",
    "references",
    "hallway track",
    "one more thing",
    "notable quotes",
    "quotes",
    "tech to check out",
    "to check out",
    "misc",
    "miscellaneous",
    "other",
    "others",
    "conclusion",
    "conclusions",
    "wrap-up",
    "wrap up",
    "final thoughts",
    "closing thoughts",
    "overall",
    "general thoughts",
    "thoughts",
    "agenda",
    "schedule",
    "intro",
    "introduction",
    "overview",
    "slides",
    "video",
    "abstract",
    "todo",
    "tl;dr",
    "tldr",
    "résumé",
    "resume",
    "en résumé",
    "bilan",
    "zusammenfassung",
    "fazit",
    "notizen",
    "preguntas",
    "licence",
    "license",
    "credits",
    "books",
    "books mentioned",
    "further reading",
    "reading list",
    "延伸閱讀",
    "延伸阅读",
    "雑談メモ",
    "はじめに",
    "おわりに",
    "まとめ",
    "感想",
    "参考",
    "参考リンク",
    "筆記",
    "心得",
    "總結",
    "总结",
];

/// Openings of note-taking headings (`Notes from the sprint day`).
const NOTE_PREFIXES: &[&str] = &["notes from ", "my notes ", "random "];

/// What the stage decided for a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    /// The heading level whose siblings are talks, when one was found.
    pub level: Option<u8>,
    /// Talk headings by line number, with the speakers written under each.
    pub talks: HashMap<usize, Vec<String>>,
    /// Why: one line per level considered.
    pub reasons: Vec<String>,
    /// Headings (by line) whose own text names a talk: read once here, asked again by the builder.
    pub named: std::collections::HashSet<usize>,
    /// Paragraphs that open a talk named by a quoted title in their prose, by first line:
    /// the title and the speakers.
    pub paragraphs: HashMap<usize, (String, Vec<String>)>,
}

impl Outline {
    /// The talk level in words: `heading level 2`, `bold lines`, `list items`.
    pub fn level_name(&self) -> Option<String> {
        self.level.map(|l| match l {
            BOLD_LEVEL => "bold-only lines".to_string(),
            ITEM_LEVEL => "top-level list items".to_string(),
            l => format!("heading level {l}"),
        })
    }

    /// Why the session opened at line `no` is a session.
    pub fn rule_for(&self, no: usize, kind: super::Kind, speakers_below: bool) -> String {
        match self.talks.get(&no) {
            Some(below) if !below.is_empty() && speakers_below => format!(
                "sibling talk at the talk level ({}), speaker line(s) under its title",
                self.level_name().unwrap_or_default()
            ),
            Some(_) => format!(
                "sibling talk at the talk level ({})",
                self.level_name().unwrap_or_default()
            ),
            None if kind == super::Kind::Section => "section: notes under no talk".to_string(),
            None => "a heading, schedule line or front matter that names the talk itself".to_string(),
        }
    }

    /// The speakers under the talk heading at line `no`, when that heading opens a talk.
    pub fn talk_at(&self, no: usize) -> Option<&[String]> {
        self.talks.get(&no).map(Vec::as_slice)
    }
}

/// A heading's level; a bold-only line is a heading below all others.
pub fn level_of(line: &Line) -> Option<u8> {
    line.heading.or(line.bold.then_some(BOLD_LEVEL))
}

/// One heading and what follows it.
#[derive(Debug, Clone)]
struct Candidate {
    no: usize,
    level: u8,
    /// The line of the nearest heading above it at a shallower level: siblings share it.
    parent: Option<usize>,
    /// Its own text names a talk: a speaker or a slot in the heading.
    names_talk: bool,
    speakers_below: Vec<String>,
    /// A note-taking heading, a day or a break: never a talk.
    not_a_talk: bool,
}

/// Chooses the talk level of a file. `names_talk` says whether a heading's own text names a
/// talk (the builder's reader of headings).
pub fn infer(lines: &[Line], names_talk: &dyn Fn(&str) -> bool) -> Outline {
    let headings: Vec<usize> = (0..lines.len()).filter(|&i| level_of(&lines[i]).is_some()).collect();

    let ctx = DateContext::default();
    // The open heading at each level, to find each heading's parent.
    let mut open: Vec<(u8, usize)> = Vec::new();
    let candidates: Vec<Candidate> = headings
        .iter()
        .map(|&i| {
            let line = &lines[i];
            let text = line.text.trim();
            let level = level_of(line).unwrap_or(1);
            open.retain(|&(l, _)| l < level);
            let parent = open.last().map(|&(_, no)| no);
            open.push((level, line.no));
            let under = lines[i + 1..]
                .iter()
                .take_while(|l| level_of(l).is_none())
                .take(SPEAKER_WINDOW);
            Candidate {
                no: line.no,
                level,
                parent,
                names_talk: names_talk(text),
                speakers_below: speakers_under(under),
                not_a_talk: line.todo
                    || is_note_heading(text)
                    || day_line(text, &ctx).is_some()
                    || is_not_session(text),
            }
        })
        .collect();
    let mut out = Outline {
        named: candidates.iter().filter(|c| c.names_talk).map(|c| c.no).collect(),
        ..Outline::default()
    };
    let mut best: Option<(u8, usize, Vec<Option<usize>>)> = None;
    let mut levels: Vec<u8> = candidates.iter().map(|c| c.level).collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        // Siblings share a parent: the talks of one day are weighed apart from another day's
        // plans. A group counts when half of it reads as talks.
        let mut parents: Vec<Option<usize>> = candidates
            .iter()
            .filter(|c| c.level == level)
            .map(|c| c.parent)
            .collect();
        parents.dedup();
        let (mut siblings, mut talks, mut below) = (0, 0, 0);
        let mut kept: Vec<Option<usize>> = Vec::new();
        for parent in parents {
            let group: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| c.level == level && c.parent == parent && !c.not_a_talk)
                .collect();
            let group_talks = group
                .iter()
                .filter(|c| c.names_talk || !c.speakers_below.is_empty())
                .count();
            siblings += group.len();
            if group_talks > 0 && group_talks as f32 >= SIBLING_SHARE * group.len() as f32 {
                talks += group_talks;
                below += group
                    .iter()
                    .filter(|c| !c.names_talk && !c.speakers_below.is_empty())
                    .count();
                kept.push(parent);
            }
        }
        let chosen = below >= 1 && talks >= MIN_TALKS;
        out.reasons.push(format!(
            "level {level}: {talks} of {siblings} headings read as talks ({below} by a speaker line under a title){}",
            if chosen { "" } else { ", not enough" }
        ));
        if chosen && best.as_ref().is_none_or(|(_, n, _)| talks > *n) {
            best = Some((level, talks, kept));
        }
    }
    if let Some((level, _, parents)) = best {
        out.level = Some(level);
        for c in candidates
            .iter()
            .filter(|c| c.level == level && !c.not_a_talk && parents.contains(&c.parent))
        {
            out.talks.insert(c.no, c.speakers_below.clone());
        }
    } else if !candidates.iter().any(|c| c.names_talk) {
        item_talks(lines, names_talk, &mut out);
        if out.level.is_none() {
            paragraph_talks(lines, &mut out);
        }
    }
    out
}

/// In a file with no other structure: paragraphs whose prose names a talk by a quoted title
/// and its speakers (`… "Mutation testing in anger" - Priya Raman …`), at least two.
fn paragraph_talks(lines: &[Line], out: &mut Outline) {
    if has_schedule(lines) {
        out.reasons.push("paragraphs: the file has a schedule".into());
        return;
    }
    let mut found: Vec<(usize, (String, Vec<String>))> = Vec::new();
    let mut paragraph_start = None;
    let mut paragraph_first = 0;
    // Under `Quotes`, `Links`: people cited, not talks.
    let mut under_note_heading = false;
    for (i, line) in lines.iter().enumerate() {
        if line.heading.is_some() {
            under_note_heading = is_note_heading(&line.text);
        }
        if line.blank_before || line.heading.is_some() || line.item.is_some() {
            paragraph_start = Some(line.no);
            paragraph_first = i;
        }
        if under_note_heading {
            continue;
        }
        // An outline's talk line: `Name - @handle - Title - URL`, its notes indented below;
        // or a talk line at a paragraph's start whose parts come in any order.
        if !line.code
            && line.heading.is_none()
            && let Some(talk) = outline_talk_line(&line.text).or_else(|| {
                // Three parts or more (or `Name (Org) Title`), and no quoted title: fewer is
                // too often a line of notes.
                (line.blank_before && line.item.is_none() && !line.text.contains(['"', '“']))
                    .then(|| title_and_speakers(&line.text, false))
                    .flatten()
                    .filter(|_| {
                        // `Title - Will Bird`: two parts when the names come last.
                        let parts = dash_parts(&line.text);
                        parts.len() >= 3
                            || line.text.contains(" (")
                            || parts.last().is_some_and(|p| matches!(classify(p), Part::Names(_)))
                    })
            })
        {
            found.push((line.no, talk));
            continue;
        }
        // A schedule card pasted from a site: title, `Portrait photo of X`, X, length, room.
        if i > paragraph_first
            && let Some(start) = paragraph_start
            && let Some(name) = portrait_of(&line.text)
        {
            match found.last_mut() {
                Some((s, (_, speakers))) if *s == start => speakers.push(name.to_string()),
                _ => {
                    if let Some(title) = card_title(&lines[paragraph_first].text) {
                        found.push((start, (title.to_string(), vec![name.to_string()])));
                    }
                }
            }
            continue;
        }
        // A card: title, a bio line or two, `Name @handle`.
        if i > paragraph_first
            && i - paragraph_first < CARD_LINES
            && let Some(start) = paragraph_start
            && let Some(name) = handle_line(&line.text)
            && let Some(title) = card_title(&lines[paragraph_first].text)
            && found.last().is_none_or(|(s, _)| *s != start)
        {
            found.push((start, (title.to_string(), vec![name])));
            continue;
        }
        // A quoted line in a list (`- "Culture eats strategy" - Peter Drucker`) is a quotation.
        if line.code || line.heading.is_some() || line.item.is_some() || !line.text.contains(['"', '“']) {
            continue;
        }
        let next = lines.get(i + 1).filter(|n| !n.blank_before).map(|n| n.text.as_str());
        if let (Some(start), Some(talk)) = (paragraph_start, quoted_talk(&line.text, next))
            && found.last().is_none_or(|(s, _)| *s != start)
        {
            found.push((start, talk));
        }
    }
    out.reasons.push(format!(
        "paragraphs: {} name a talk (a quoted title, or a card ending in a name and handle)",
        found.len()
    ));
    if found.len() >= MIN_TALKS {
        out.paragraphs.extend(found);
    }
}

/// In a file whose headings name no talk: top-level list items that name their talks
/// (`- Why latency lies by Ana Costa from example.com`), weighed per heading like headings.
/// A file with schedule lines (`15:05 – 15:35 Open spaces`) has its talks there: its list
/// items are ignites, open-space options or notes.
fn item_talks(lines: &[Line], names_talk: &dyn Fn(&str) -> bool, out: &mut Outline) {
    if has_schedule(lines) {
        out.reasons.push("list items: the file has a schedule".into());
        return;
    }
    // (parent heading, item line, names a talk)
    let mut items: Vec<(Option<usize>, usize, bool)> = Vec::new();
    let mut parent = None;
    // Only items under the file's top headings (or under none): items deeper in the file are
    // a talk's notes (`- "It's not about being real" - John Lasseter`).
    let top = lines.iter().filter_map(|l| l.heading).min();
    let mut under_top = true;
    for line in lines {
        if let Some(level) = line.heading {
            parent = Some(line.no);
            under_top = Some(level) == top;
        } else if line.item == Some(1) && !line.code && under_top && !line.text.starts_with(['"', '“', '\'']) {
            let text = line.text.trim();
            items.push((parent, line.no, could_name_talk(text) && names_talk(text)));
        }
    }
    let mut parents: Vec<Option<usize>> = items.iter().map(|i| i.0).collect();
    parents.dedup();
    let mut found = Vec::new();
    for p in parents {
        let group: Vec<&(Option<usize>, usize, bool)> = items.iter().filter(|i| i.0 == p).collect();
        let talks = group.iter().filter(|i| i.2).count();
        if talks >= MIN_TALKS && talks as f32 >= SIBLING_SHARE * group.len() as f32 {
            found.extend(group.iter().filter(|i| i.2).map(|i| i.1));
        }
    }
    out.reasons
        .push(format!("list items: {} name their talks", found.len()));
    if !found.is_empty() {
        out.level = Some(ITEM_LEVEL);
        out.talks.extend(found.into_iter().map(|no| (no, Vec::new())));
    }
}

/// A line starting with a time slot (`15:05 – 15:35 Open spaces`): the file has a schedule.
fn has_schedule(lines: &[Line]) -> bool {
    lines
        .iter()
        .any(|l| l.text.as_bytes().first().is_some_and(u8::is_ascii_digit) && slot_prefix(&l.text).is_some())
}

/// A cheap look before the heading reader: an item names a talk only with `by` or a
/// separator between its parts (most list items are notes).
fn could_name_talk(text: &str) -> bool {
    [" by ", " By ", " - ", " – ", " — ", " | ", " par ", " von ", " door "]
        .iter()
        .any(|w| text.contains(w))
}

/// `Takeaways`, `Q&A`, `Random links:`: a heading that organises the notes.
/// `Questions / Q&A` is one when each of its parts is.
pub fn is_note_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.', '!']).trim().to_lowercase();
    NOTE_PREFIXES.iter().any(|p| t.starts_with(p))
        || t.split(['/', '|', ',']).all(|part| NOTE_WORDS.contains(&part.trim()))
}

/// The speakers on the first lines under a heading: every speaker line in a row, starting
/// at one of the first [`SPEAKER_WINDOW`] lines.
fn speakers_under<'a>(under: impl Iterator<Item = &'a Line>) -> Vec<String> {
    let mut speakers: Vec<String> = Vec::new();
    for (i, line) in under.enumerate() {
        if line.code {
            break;
        }
        // A name right under the heading, or right under another speaker line, needs less.
        match speaker_of(line, i == 0 || !speakers.is_empty()) {
            Some(found) => {
                for s in found {
                    if !speakers.contains(&s) {
                        speakers.push(s);
                    }
                }
            }
            None if !speakers.is_empty() => break,
            None => {}
        }
    }
    speakers
}

/// `王小明 (Alex Wang)／資深工程師`, `林怡君／社群經理、陳建宏／開源貢獻者`: CJK names, each
/// before its role.
fn cjk_speaker_line(text: &str) -> Option<Vec<String>> {
    if !text.contains('／') {
        return None;
    }
    let mut names = Vec::new();
    for entry in text.split('、') {
        let who = entry.split(['／', '(', '（']).next().unwrap_or("").trim();
        if !cjk_name(who) {
            return None;
        }
        names.push(who.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// Verbs that follow the speakers at the start of a first sentence.
const PRESENTING_VERBS: &[&str] = &[
    "presented",
    "presents",
    "talked",
    "talks",
    "walked",
    "showed",
    "shows",
    "gave",
    "explained",
    "spoke",
    "argued",
    "demoed",
    "introduced",
    "shared",
    "described",
    "told",
    "opened",
    "started",
    "led",
];
/// Words of speakers' names before the verb, at most.
const NAMES_BEFORE_VERB: usize = 9;

/// `Zsófia Tóth presented how …`, `Lars Eriksson and Maja Holm walked through …`: the
/// first sentence under a title opens with its speakers.
fn presenter_sentence(text: &str) -> Option<Vec<String>> {
    // `In this talk Dániel Kovács showed …`: a lead-in before the names. Only the opening is
    // lower-cased (the line may be a whole paragraph): no lead-in is longer than 16 characters.
    let lower = text.chars().take(16).collect::<String>().to_lowercase();
    let lead = [
        "in this talk",
        "in her talk",
        "in his talk",
        "in their talk",
        "in the talk",
    ]
    .iter()
    .find(|l| lower.starts_with(*l))
    .map_or(0, |l| l.len());
    let text = text[lead..].trim_start_matches([',', ' ']);
    let words: Vec<&str> = text.split_whitespace().take(NAMES_BEFORE_VERB + 1).collect();
    let verb = words
        .iter()
        .position(|w| is_presenting_verb(w.trim_end_matches([',', '.'])))?;
    if verb < 2 {
        return None;
    }
    let names = split_names(&words[..verb].join(" "));
    (!names.is_empty() && names.iter().all(|n| name_score(n) >= BARE_NAME_FIRST)).then_some(names)
}

/// One of [`PRESENTING_VERBS`], in any case; an ASCII word is compared without a lower-cased copy.
fn is_presenting_verb(word: &str) -> bool {
    if word.is_ascii() {
        PRESENTING_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
    } else {
        PRESENTING_VERBS.contains(&word.to_lowercase().as_str())
    }
}

/// Labels that announce the speaker on a line of its own.
const SPEAKER_LABELS: &[&str] = &[
    "登壇者",
    "講者",
    "讲者",
    "発表者",
    "スピーカー",
    "speaker",
    "speakers",
    "presenter",
    "presenters",
    "presented by",
    "by",
    "who",
    "panelists",
    "panellists",
];

/// The speakers one line under a heading names: `Presenter: X`, `_X_`, `X - Role @ Company`,
/// `X, Role at Company`, `X (Company)`, or a bare name (right under the heading, less
/// evidence is needed: `first`). `Author: X` and `X - https://…` name someone cited.
pub fn speaker_of(line: &Line, first: bool) -> Option<Vec<String>> {
    let text = line.text.trim();
    if first && let Some(names) = presenter_sentence(text) {
        return Some(names);
    }
    if text.is_empty() || text.len() > 120 || text.contains("://") {
        return None;
    }
    if text.chars().any(is_cjk)
        && let Some(names) = cjk_speaker_line(text)
    {
        return Some(names);
    }
    if let Some((label, value)) = text.split_once([':', '：']) {
        let label = label.trim().to_lowercase();
        if SPEAKER_LABELS.contains(&label.as_str()) {
            let speakers = speakers_from_byline(&value.trim().replace(['・', '、'], ","));
            return (!speakers.is_empty()
                && speakers
                    .iter()
                    .all(|s| name_score(s) >= 0.35 || loose_name(s) || cjk_name(s)))
            .then_some(speakers);
        }
        return None;
    }
    let text = text.trim_matches(['*', '_']).trim();
    // The name, and what follows it: a role, a company, nothing.
    let cut = [" - ", " – ", " — ", " | ", ", ", " @ ", " ("]
        .iter()
        .filter_map(|sep| text.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, _)| *i);
    let (who, tail) = match cut {
        Some((i, sep)) => (&text[..i], Some(text[i + sep.len()..].trim_end_matches(')'))),
        None => (text, None),
    };
    let who = who.trim();
    if tail.is_none() && who.contains(['&', '/']) {
        // `Devin Ashcroft & Nkechi Obi`: several names, each one.
        let names = split_names(who);
        let all = names.len() >= 2 && names.iter().all(|n| name_score(n) >= BARE_NAME_FIRST);
        return all.then_some(names);
    }
    let words = who.split_whitespace().count();
    if !(2..=4).contains(&words) {
        return None;
    }
    let score = name_score(who);
    let needed = if first || line.emphasis {
        BARE_NAME_FIRST
    } else {
        BARE_NAME_LATER
    };
    match tail {
        None => (score >= needed || (line.emphasis && loose_name(who))).then(|| vec![who.to_string()]),
        Some(tail) => {
            // `Ana Costa & Ben Ode`: the tail may name more people.
            let short = tail.split_whitespace().count() <= 8;
            let org = looks_like_role(tail) || (short && tail.chars().next().is_some_and(char::is_uppercase));
            if score >= BARE_NAME_FIRST && org && short && !tail.ends_with(['.', '?', '!']) {
                if names_score(tail) >= 0.75 && !looks_like_role(tail) {
                    let mut all = vec![who.to_string()];
                    all.extend(speakers_from_byline(tail));
                    return Some(all);
                }
                Some(vec![who.to_string()])
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(no: usize, text: &str, heading: Option<u8>) -> Line {
        Line {
            no,
            text: text.into(),
            heading,
            ..Line::default()
        }
    }

    fn no_talk_in_heading(_: &str) -> bool {
        false
    }

    #[test]
    fn speaker_lines_under_a_title() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Mara Lindqvist - Staff Engineer @ Fjordbase"), true),
            Some(vec!["Mara Lindqvist".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Kwame Mensah, Lead SRE at Tidewater"), true),
            Some(vec!["Kwame Mensah".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Presenter: Omar Siddiqui"), false),
            Some(vec!["Omar Siddiqui".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ines Duarte"), true),
            Some(vec!["Ines Duarte".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ines Duarte (Cobalt)"), true),
            Some(vec!["Ines Duarte".to_string()])
        );
        let mut emphasised = l("Tomasz Brzeski");
        emphasised.emphasis = true;
        assert_eq!(speaker_of(&emphasised, false), Some(vec!["Tomasz Brzeski".to_string()]));
    }

    #[test]
    fn several_names_on_one_line() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Devin Ashcroft & Nkechi Obi"), true),
            Some(vec!["Devin Ashcroft".to_string(), "Nkechi Obi".to_string()])
        );
        assert_eq!(speaker_of(&l("Cats & dogs"), true), None);
    }

    #[test]
    fn bold_lines_with_names_below_are_sibling_talks() {
        let bold = |no: usize, t: &str| Line {
            no,
            text: t.into(),
            bold: true,
            ..Line::default()
        };
        let lines = vec![
            line(1, "Northwind Summit 2019", Some(1)),
            bold(3, "Designing for failure"),
            line(4, "Marguerite Okafor", None),
            line(5, "Retries.", None),
            bold(7, "Property testing the boring parts"),
            line(8, "Devin Ashcroft & Nkechi Obi", None),
            bold(10, "Notable quotes"),
            line(11, "Someone said something.", None),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(BOLD_LEVEL));
        assert_eq!(o.talk_at(7).map(<[String]>::len), Some(2));
        assert_eq!(o.talk_at(10), None);
    }

    #[test]
    fn list_items_that_name_their_talks_are_the_talks() {
        let item = |no: usize, t: &str, depth: u8| Line {
            no,
            text: t.into(),
            item: Some(depth),
            ..Line::default()
        };
        let lines = vec![
            line(1, "Harbour Summit 2021", Some(1)),
            item(2, "Queues by Lena Hartmann", 1),
            item(3, "backpressure", 2),
            item(4, "Typing by Omar Siddiqui", 1),
            item(5, "a loose note", 1),
        ];
        let by = |t: &str| t.contains(" by ");
        let o = infer(&lines, &by);
        assert_eq!(o.level, Some(ITEM_LEVEL));
        let mut talks: Vec<usize> = o.talks.keys().copied().collect();
        talks.sort_unstable();
        assert_eq!(talks, [2, 4]);
        // One such item among many notes is not a list of talks.
        let lines = vec![
            item(1, "Queues by Lena Hartmann", 1),
            item(2, "note", 1),
            item(3, "note", 1),
        ];
        assert_eq!(infer(&lines, &by).level, None);
    }

    #[test]
    fn speakers_opening_the_first_sentence() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Lena Hartmann presented how her team ships: weekly, small."), true),
            Some(vec!["Lena Hartmann".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Omar Siddiqui and Ida Berg walked through a year of mobbing"), true),
            Some(vec!["Omar Siddiqui".to_string(), "Ida Berg".to_string()])
        );
        // Not in the first line, or not names before the verb.
        assert_eq!(speaker_of(&l("Lena Hartmann presented the numbers"), false), None);
        assert_eq!(speaker_of(&l("The team presented how it ships"), true), None);
        assert_eq!(
            speaker_of(&l("In this talk Tomasz Brzeski showed the bill"), true),
            Some(vec!["Tomasz Brzeski".to_string()])
        );
    }

    #[test]
    fn cjk_speaker_lines_in_quotes_and_labels() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("王小明 (Alex Wang)／資深工程師"), true),
            Some(vec!["王小明".to_string()])
        );
        assert_eq!(
            speaker_of(&l("林怡君／社群經理、陳建宏／開源貢獻者"), true),
            Some(vec!["林怡君".to_string(), "陳建宏".to_string()])
        );
        assert_eq!(
            speaker_of(&l("登壇者：小林 直樹"), true),
            Some(vec!["小林 直樹".to_string()])
        );
        assert_eq!(speaker_of(&l("原本用 Go 寫的收集器記憶體用量太高"), true), None);
    }

    #[test]
    fn people_cited_are_not_speakers() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(speaker_of(&l("Author: Barbara Liskov"), true), None);
        assert_eq!(speaker_of(&l("Dominic Tarr - https://example.org/x"), true), None);
        assert_eq!(speaker_of(&l("Feature flags everywhere, always."), true), None);
        assert_eq!(speaker_of(&l("Notes about replication lag"), true), None);
        // Further down, a bare pair of capitalised words needs a known given name.
        assert_eq!(speaker_of(&l("Feature Flags"), false), None);
    }

    #[test]
    fn title_only_headings_with_speaker_lines_are_sibling_talks() {
        let lines = vec![
            line(1, "Harbourconf Oslo 2024", Some(1)),
            line(3, "Scaling Postgres at the edge", Some(3)),
            line(4, "Mara Lindqvist - Staff Engineer @ Fjordbase", None),
            line(6, "Notes about replication lag.", None),
            line(8, "Why our on-call rota failed", Some(3)),
            line(9, "Tomasz Brzeski", None),
            line(11, "Pagers", Some(3)),
            line(12, "no speaker line here", None),
            line(14, "Takeaways", Some(3)),
        ];
        let o = infer(&lines, &no_talk_in_heading);
        assert_eq!(o.level, Some(3));
        assert_eq!(o.talk_at(3), Some(&["Mara Lindqvist".to_string()][..]));
        assert_eq!(o.talk_at(8), Some(&["Tomasz Brzeski".to_string()][..]));
        // A sibling without a speaker is still a talk; a note-taking heading and the H1 are not.
        assert_eq!(o.talk_at(11), Some(&[][..]));
        assert_eq!(o.talk_at(14), None);
        assert_eq!(o.talk_at(1), None);
    }

    #[test]
    fn every_speaker_line_in_a_row_is_taken() {
        let lines = vec![
            line(1, "Pairing at scale", Some(2)),
            line(2, "Ana Costa - Acme", None),
            line(3, "Ben Ode - Globex", None),
            line(4, "Ida Marsh", None),
            line(5, "Body text here.", None),
            line(6, "Another talk", Some(2)),
            line(7, "Presenter: Hope Hartley", None),
        ];
        let o = infer(&lines, &no_talk_in_heading);
        // A bare name right after a speaker line is one more speaker.
        assert_eq!(
            o.talk_at(1),
            Some(&["Ana Costa".to_string(), "Ben Ode".to_string(), "Ida Marsh".to_string()][..])
        );
    }

    #[test]
    fn one_talk_or_headings_that_name_their_talks_leave_the_builder_alone() {
        // One title with a speaker under it: the file is one talk, as before.
        let lines = vec![
            line(1, "Scaling Postgres", Some(1)),
            line(2, "Mara Lindqvist", None),
            line(3, "Replication", Some(2)),
            line(4, "Failover", Some(2)),
        ];
        assert_eq!(infer(&lines, &no_talk_in_heading).level, None);
        // Headings that name their speakers: nothing for this stage to add.
        let lines = vec![line(1, "A - Ann Lee", Some(2)), line(2, "B - Bo Li", Some(2))];
        assert_eq!(infer(&lines, &|_: &str| true).level, None);
    }

    #[test]
    fn note_taking_headings_are_not_talks() {
        for t in [
            "Takeaways",
            "Q&A",
            "Random links:",
            "Hallway track",
            "One more thing",
            "Notable quotes",
            "Questions / Q&A",
            "Licence",
            "Notes from the hack day",
            "Books mentioned",
        ] {
            assert!(is_note_heading(t), "{t}");
        }
        assert!(!is_note_heading("Links between services"));
        assert!(!is_note_heading("Questions / answers we never asked"));
        assert!(is_note_heading("延伸閱讀"));
        // A file whose siblings are mostly note headings has no talk level.
        let lines = vec![
            line(1, "Talk", Some(2)),
            line(2, "Mara Lindqvist", None),
            line(3, "Notes", Some(2)),
            line(4, "Links", Some(2)),
            line(5, "Random thing", Some(2)),
            line(6, "Other thing", Some(2)),
        ];
        assert_eq!(infer(&lines, &no_talk_in_heading).level, None);
    }
}

#[cfg(test)]
mod group_tests {
    use super::*;

    fn line(no: usize, text: &str, heading: Option<u8>) -> Line {
        Line {
            no,
            text: text.into(),
            heading,
            ..Line::default()
        }
    }

    #[test]
    fn siblings_are_weighed_under_their_own_parent() {
        // Two talks under one conference headline; a task and plans elsewhere are no talks.
        let mut todo = line(7, "Watch the recording of the keynote", Some(2));
        todo.todo = true;
        let lines = vec![
            line(1, "Harbour Summit 2021", Some(1)),
            line(2, "Queues under load", Some(2)),
            line(3, "Speaker: Lena Hartmann", None),
            line(4, "Gradual typing", Some(2)),
            line(5, "Speaker: Omar Siddiqui", None),
            line(6, "Notes from the sprint day", Some(2)),
            todo,
            line(8, "Next year", Some(1)),
            line(9, "Sessions to catch", Some(2)),
            line(10, "anything about caching", None),
            line(11, "Keep an eye on", Some(2)),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(2));
        let mut talks: Vec<usize> = o.talks.keys().copied().collect();
        talks.sort_unstable();
        assert_eq!(talks, [2, 4]);
    }
}
