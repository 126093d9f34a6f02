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
//! Headings that name their talks themselves make a level too, so that a sibling naming no one
//! (`## The mystery talk after lunch`) is a talk of its own, not a part of the talk above. The
//! speaker lines are read by `speaker_lines.rs`.
//!
//! Length: over 500 lines because the level decision is one algorithm (each heading's features,
//! sibling consistency, a `[[parse]]` rule's override); the rest is its unit tests, one per shape.

use super::cards::{CARD_LINES, card_title, handle_line, outline_talk_line, portrait_of};
use super::dates::{DateContext, day_line};
use super::names::dash_parts;
use super::parts::{Part, classify, title_and_speakers};
use super::quoted::{emphasised_talk, quoted_talk};
use super::rule::{ParseRule, TalkOpener};
use super::schedule::{is_not_session, slot_prefix};
use super::shaped;
use super::speaker_lines::{ITEM_WINDOW, speakers_under};
use super::text::Line;
use rustc_hash::FxHashMap as HashMap;

/// The level of a bold-only line (`**Designing for failure**`): under every heading.
pub(crate) const BOLD_LEVEL: u8 = 7;

/// The level of a top-level list item that names a talk (`- Why latency lies by Ana Costa`).
pub(crate) const ITEM_LEVEL: u8 = 8;

/// The level of a line matched by a `[[parse]]` pattern (`talk_line`).
pub(crate) const LINE_LEVEL: u8 = 9;

/// Talk-like siblings needed before a level is the talk level.
pub(crate) const MIN_TALKS: usize = 2;
/// Share of a level's siblings that must read as talks.
pub(crate) const SIBLING_SHARE: f32 = 0.5;
/// Lines under a heading searched for its speaker.
pub(crate) const SPEAKER_WINDOW: usize = 3;
/// Name score a bare line needs to be a speaker: right under the heading, and further down.
pub(crate) const BARE_NAME_FIRST: f32 = 0.75;
pub(crate) const BARE_NAME_LATER: f32 = 1.0;

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
    "conclusive notes",
    "concluding thoughts",
    "summaries",
    "epilogue",
    "afterword",
    "highlights",
    "lessons learned",
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
pub(crate) struct Outline {
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
    /// The `[[parse]]` rule of `confsearch.toml` that chose the talks, as written: only what
    /// it names opens a talk.
    pub rule: Option<String>,
    /// Headings (by line) naming their speaker by a surname, read so because their siblings
    /// share the shape (`shaped.rs`): the title and the speakers.
    pub shaped: HashMap<usize, (String, Vec<String>)>,
}

impl Outline {
    /// The talk level in words: `heading level 2`, `bold lines`, `list items`.
    pub(crate) fn level_name(&self) -> Option<String> {
        self.level.map(|l| match l {
            BOLD_LEVEL => "bold-only lines".to_string(),
            ITEM_LEVEL => "top-level list items".to_string(),
            LINE_LEVEL => "lines matching the [[parse]] pattern".to_string(),
            l => format!("heading level {l}"),
        })
    }

    /// Why the session opened at line `no` is a session.
    pub(crate) fn rule_for(&self, no: usize, kind: super::Kind, speakers_below: bool) -> String {
        match self.talks.get(&no) {
            Some(_) if let Some(rule) = &self.rule => format!("{rule} opens a talk here"),
            Some(below) if !below.is_empty() && speakers_below => format!(
                "sibling talk at the talk level ({}), speaker line(s) under its title",
                self.level_name().unwrap_or_default()
            ),
            Some(_) => format!(
                "sibling talk at the talk level ({})",
                self.level_name().unwrap_or_default()
            ),
            None if self.paragraphs.contains_key(&no) => {
                "a paragraph that names its talk (a quoted or emphasised title and its speakers, a card, an outline's talk line)"
                    .to_string()
            }
            None if kind == super::Kind::Section => "section: notes under no talk".to_string(),
            None => "a heading, schedule line or front matter that names the talk itself".to_string(),
        }
    }

    /// The speakers under the talk heading at line `no`, when that heading opens a talk.
    pub(crate) fn talk_at(&self, no: usize) -> Option<&[String]> {
        self.talks.get(&no).map(Vec::as_slice)
    }
}

/// A heading's level; a bold-only line is a heading below all others.
pub(crate) fn level_of(line: &Line) -> Option<u8> {
    line.heading.or(line.bold.then_some(BOLD_LEVEL))
}

/// One heading and what follows it.
#[derive(Debug, Clone)]
struct Candidate {
    /// Index in the file's lines, and line number.
    idx: usize,
    no: usize,
    level: u8,
    /// The line of the nearest heading above it at a shallower level: siblings share it.
    parent: Option<usize>,
    /// Its own text names a talk: a speaker or a slot in the heading.
    names_talk: bool,
    speakers_below: Vec<String>,
    /// The speakers below are bare names from list items only: they count at a level where
    /// other evidence, or [`MIN_TALKS`] siblings like it, agree.
    from_items: bool,
    /// A note-taking heading, a day or a break: never a talk.
    not_a_talk: bool,
}

/// Chooses the talk level of a file. `names_talk` says whether a heading's own text names a
/// talk (the builder's reader of headings).
pub(crate) fn infer(lines: &[Line], names_talk: &dyn Fn(&str) -> bool) -> Outline {
    let mut candidates = candidates(lines, names_talk);
    let shaped = shaped_siblings(lines, &mut candidates);
    let mut out = Outline {
        named: candidates.iter().filter(|c| c.names_talk).map(|c| c.no).collect(),
        shaped,
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
        let chosen = talks >= MIN_TALKS;
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
        let talks: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.level == level && !c.not_a_talk && parents.contains(&c.parent))
            .collect();
        for c in &talks {
            if c.speakers_below.is_empty() && !c.names_talk && lists_siblings(lines, c, &talks) {
                out.reasons.push(format!(
                    "line {}: a table of contents of its siblings, not a talk",
                    c.no
                ));
                continue;
            }
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

/// The talks a `[[parse]]` rule of `confsearch.toml` names, instead of the choice by sibling
/// consistency: every heading at its level (but note-taking headings, days and breaks), or
/// every line its pattern matches as written in the file (`raw`, 0-based by line number − 1);
/// each with the speaker lines under it. The title and speakers on the line itself are read
/// by the builder's heading reader, as for any heading.
pub(crate) fn forced(lines: &[Line], raw: &[&str], rule: &ParseRule, names_talk: &dyn Fn(&str) -> bool) -> Outline {
    let mut out = Outline {
        rule: Some(rule.describe()),
        ..Outline::default()
    };
    match &rule.opener {
        TalkOpener::HeadingLevel(level) => {
            out.level = Some(*level);
            for c in candidates(lines, names_talk)
                .into_iter()
                .filter(|c| c.level == *level && !c.not_a_talk)
            {
                out.talks.insert(c.no, c.speakers_below);
            }
            out.reasons.push(format!(
                "{}: {} headings at level {level} open talks (no choice by sibling consistency)",
                rule.describe(),
                out.talks.len()
            ));
        }
        TalkOpener::Line(pattern) => {
            out.level = Some(LINE_LEVEL);
            let matched: Vec<usize> = (0..lines.len())
                .filter(|&i| {
                    !lines[i].code
                        && lines[i]
                            .no
                            .checked_sub(1)
                            .and_then(|r| raw.get(r))
                            .is_some_and(|r| pattern.is_match(r))
                })
                .collect();
            for (k, &i) in matched.iter().enumerate() {
                let end = matched.get(k + 1).copied().unwrap_or(lines.len());
                let under: Vec<&Line> = lines[i + 1..end]
                    .iter()
                    .take_while(|l| l.heading.is_none())
                    .take(SPEAKER_WINDOW + ITEM_WINDOW)
                    .collect();
                out.talks.insert(lines[i].no, speakers_under(&under).0);
            }
            out.reasons.push(format!(
                "{}: {} lines match and open talks (no choice by sibling consistency)",
                rule.describe(),
                out.talks.len()
            ));
        }
    }
    out
}

/// Every heading of the file, and what follows it.
fn candidates(lines: &[Line], names_talk: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let headings: Vec<usize> = (0..lines.len()).filter(|&i| level_of(&lines[i]).is_some()).collect();
    let ctx = DateContext::default();
    // The open heading at each level, to find each heading's parent.
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut candidates: Vec<Candidate> = headings
        .iter()
        .map(|&i| {
            let line = &lines[i];
            let text = line.text.trim();
            let level = level_of(line).unwrap_or(1);
            open.retain(|&(l, _)| l < level);
            let parent = open.last().map(|&(_, no)| no);
            open.push((level, line.no));
            let under: Vec<&Line> = lines[i + 1..]
                .iter()
                .take_while(|l| level_of(l).is_none())
                .take(SPEAKER_WINDOW + ITEM_WINDOW)
                .collect();
            let (speakers_below, from_items) = speakers_under(&under);
            Candidate {
                idx: i,
                no: line.no,
                level,
                parent,
                // `Panel: the future of testing` says it is a session, if not who gave it.
                names_talk: names_talk(text) || super::forms::kind_label(text),
                speakers_below,
                from_items,
                not_a_talk: line.todo
                    || is_note_heading(text)
                    || super::forms::group_heading(text)
                    || day_line(text, &ctx).is_some()
                    || is_not_session(text),
            }
        })
        .collect();
    weigh_item_speakers(&mut candidates);
    candidates
}

/// Sibling headings that name their speakers by a surname in one shared shape (`## Queues
/// (Okonkwo)`, `## Tracing (Lindqvist)`): each names its talk. Their readings, by line.
fn shaped_siblings(lines: &[Line], candidates: &mut [Candidate]) -> HashMap<usize, (String, Vec<String>)> {
    let mut found = HashMap::default();
    // Headings that name their talk already are read by shape only when one that does not
    // has the shape (most files have none: their headings are not read twice).
    let read = |named: bool| {
        candidates
            .iter()
            .map(|c| {
                (!c.not_a_talk && c.names_talk == named)
                    .then(|| shaped::read(&lines[c.idx].text))
                    .flatten()
            })
            .collect::<Vec<Option<shaped::ShapedHeading>>>()
    };
    let mut readings = read(false);
    if readings.iter().all(Option::is_none) {
        return found;
    }
    for (reading, named) in readings.iter_mut().zip(read(true)) {
        if named.is_some() {
            *reading = named;
        }
    }
    if readings.iter().filter(|r| r.is_some()).count() < MIN_TALKS {
        return found;
    }
    let siblings: Vec<(u8, Option<usize>)> = candidates.iter().map(|c| (c.level, c.parent)).collect();
    // The notes under a heading, up to the next heading, name `name` as a word.
    let mentioned = |i: usize, name: &str| {
        lines[candidates[i].idx + 1..]
            .iter()
            .take_while(|l| level_of(l).is_none())
            .any(|l| l.text.split(|c: char| !c.is_alphanumeric()).any(|w| w == name))
    };
    for i in shaped::agreeing(&readings, &siblings, MIN_TALKS, &mentioned) {
        let c = &mut candidates[i];
        if c.names_talk {
            // Read in full already (`by Mara Lindqvist`): it only adds to the shape's count.
            continue;
        }
        if let Some(reading) = readings[i].take() {
            c.names_talk = true;
            found.insert(c.no, (reading.title, reading.speakers));
        }
    }
    found
}

/// A heading whose lines start with the titles of [`MIN_TALKS`] or more of its sibling talks
/// (`## Sessions I attended` over a table of anchors to them) is their table of contents.
fn lists_siblings(lines: &[Line], heading: &Candidate, siblings: &[&Candidate]) -> bool {
    let titles: Vec<String> = siblings
        .iter()
        .filter(|s| s.no != heading.no)
        .map(|s| lines[s.idx].text.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let listed = lines[heading.idx + 1..]
        .iter()
        .take_while(|l| level_of(l).is_none())
        .filter(|l| {
            let text = l.text.trim().to_lowercase();
            titles.iter().any(|t| text.starts_with(t.as_str()))
        })
        .count();
    listed >= MIN_TALKS
}

/// Sibling consistency for speakers that are bare names in list items (`- Katharina
/// Albrecht` among `- 45 min` and `- Language: German`): they stand at a level where at least
/// one sibling names its talk another way, or [`MIN_TALKS`] siblings have such an item;
/// elsewhere the item is a note.
fn weigh_item_speakers(candidates: &mut [Candidate]) {
    let mut levels: Vec<u8> = candidates.iter().filter(|c| c.from_items).map(|c| c.level).collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        let at = |c: &&Candidate| c.level == level && !c.not_a_talk;
        let from_items = candidates.iter().filter(at).filter(|c| c.from_items).count();
        let other = candidates
            .iter()
            .filter(at)
            .filter(|c| c.names_talk || (!c.from_items && !c.speakers_below.is_empty()))
            .count();
        if from_items < MIN_TALKS && other == 0 {
            for c in candidates.iter_mut().filter(|c| c.level == level && c.from_items) {
                c.speakers_below.clear();
                c.from_items = false;
            }
        }
    }
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
        // An emphasised title opening a paragraph: `*Types as documentation* by Helena Berg of
        // Funktor AB.`, `_Actors in the browser_ - Kacper Nowak`.
        if line.lead_emphasis > 0
            && i == paragraph_first
            && !line.code
            && line.heading.is_none()
            && line.item.is_none()
            && let Some(start) = paragraph_start
        {
            let next = lines.get(i + 1).filter(|n| !n.blank_before).map(|n| n.text.as_str());
            if let Some(talk) = emphasised_talk(&line.text, line.lead_emphasis, next) {
                found.push((start, talk));
                continue;
            }
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
    [
        " by ", " By ", " - ", " – ", " — ", " | ", " par ", " por ", " von ", " door ", ": ", " with ",
    ]
    .iter()
    .any(|w| text.contains(w))
        || text.trim_end().ends_with(')')
}

/// `Takeaways`, `Q&A`, `Random links:`: a heading that organises the notes.
/// `Questions / Q&A` is one when each of its parts is.
pub(crate) fn is_note_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.', '!']).trim().to_lowercase();
    NOTE_PREFIXES.iter().any(|p| t.starts_with(p))
        || t.split(['/', '|', ',']).all(|part| NOTE_WORDS.contains(&part.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::text::test_line as line;

    fn no_talk_in_heading(_: &str) -> bool {
        false
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
    fn one_talk_leaves_the_builder_alone_and_talk_headings_make_a_level() {
        // One title with a speaker under it: the file is one talk, as before.
        let lines = vec![
            line(1, "Scaling Postgres", Some(1)),
            line(2, "Mara Lindqvist", None),
            line(3, "Replication", Some(2)),
            line(4, "Failover", Some(2)),
        ];
        assert_eq!(infer(&lines, &no_talk_in_heading).level, None);
        // Headings that name their speakers make their level the talk level too, so that a
        // sibling naming no one (`## Lunch talk`) is a talk of its own, not a part of the one above.
        let lines = vec![line(1, "A - Ann Lee", Some(2)), line(2, "B - Bo Li", Some(2))];
        assert_eq!(infer(&lines, &|_: &str| true).level, Some(2));
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
    use crate::notes::text::test_line as line;

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

#[cfg(test)]
mod item_speaker_tests {
    use super::*;
    use crate::notes::text::test_line as line;

    fn item(no: usize, text: &str) -> Line {
        Line {
            item: Some(1),
            ..line(no, text, None)
        }
    }

    fn talks(o: &Outline) -> Vec<(usize, Vec<String>)> {
        let mut t: Vec<(usize, Vec<String>)> = o.talks.iter().map(|(k, v)| (*k, v.clone())).collect();
        t.sort();
        t
    }

    /// `- 45 min, watched on 2023-03-21` / `- Katharina Albrecht` / `- Language: German`: the
    /// speaker is a bare list item among facts, under a quote; every name item in a row counts.
    #[test]
    fn katharina_albrecht_as_a_bare_list_item_among_facts() {
        let lines = vec![
            line(1, "JavaLand 2023", Some(1)),
            line(3, "Records and sealed types in practice", Some(2)),
            line(4, "\"A sealed interface is a closed enum with data.\"", None),
            item(5, "45 min, watched on 2023-03-21, #java"),
            item(6, "Katharina Albrecht"),
            item(7, "Language: German"),
            line(9, "Testcontainers in the build pipeline", Some(2)),
            item(10, "40 min, watched on 2023-03-21"),
            item(11, "Moritz Engel"),
            item(12, "Stefanie Yilmaz"),
            item(13, "Language: English"),
            line(15, "Keynotes", Some(3)),
            item(16, "Reuse containers between test classes"),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(2));
        assert_eq!(
            talks(&o),
            [
                (3, vec!["Katharina Albrecht".to_string()]),
                (9, vec!["Moritz Engel".to_string(), "Stefanie Yilmaz".to_string()]),
            ]
        );
    }

    /// A list of tools or books under each heading names no speaker, nor does one bare name
    /// in a list when no sibling agrees.
    #[test]
    fn grafana_tempo_in_a_list_of_tools_is_not_a_speaker() {
        let lines = vec![
            line(1, "Observability day", Some(2)),
            item(2, "Grafana Tempo"),
            item(3, "Prometheus"),
            line(4, "Tracing day", Some(2)),
            item(5, "Team Topologies"),
            item(6, "Jaeger Query"),
        ];
        assert_eq!(infer(&lines, &|_: &str| false).level, None);
        let lines = vec![
            line(1, "Observability day", Some(2)),
            item(2, "Grafana Tempo"),
            item(3, "worth a look for traces"),
            line(4, "Tracing day", Some(2)),
            item(5, "sampling at the edge"),
        ];
        assert_eq!(infer(&lines, &|_: &str| false).level, None);
    }

    /// `- Dominic Tarr - https://…` and `- Author: Barbara Liskov` in a talk's list are people
    /// cited: the talk keeps the speaker named above them, and gets no other.
    #[test]
    fn dominic_tarr_with_a_link_and_author_barbara_liskov_items_are_cited() {
        let lines = vec![
            line(1, "Secure scuttlebutt in practice", Some(2)),
            line(2, "Mara Lindqvist - Staff Engineer @ Fjordbase", None),
            line(3, "Offline-first feeds.", None),
            line(4, "Gossip protocols revisited", Some(2)),
            item(5, "Dominic Tarr - https://example.org/ssb"),
            item(6, "Author: Barbara Liskov"),
            item(7, "merkle trees everywhere"),
            line(8, "Why our on-call rota failed", Some(2)),
            line(9, "Tomasz Brzeski", None),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(2));
        assert_eq!(o.talk_at(4), Some(&[][..]));
    }

    /// `## Sessions I attended` over a table listing its siblings' titles is their table of
    /// contents, not a talk.
    #[test]
    fn sessions_i_attended_table_of_contents_is_not_a_talk() {
        let lines = vec![
            line(1, "Sessions I attended", Some(2)),
            line(2, "Session Tags", None),
            line(3, "Scaling Postgres at the edge #db", None),
            line(4, "Why our on-call rota failed #ops", None),
            line(6, "Scaling Postgres at the edge", Some(2)),
            line(7, "Mara Lindqvist - Staff Engineer @ Fjordbase", None),
            line(9, "Why our on-call rota failed", Some(2)),
            line(10, "Tomasz Brzeski", None),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(2));
        assert_eq!(o.talk_at(1), None);
        assert!(o.talk_at(6).is_some() && o.talk_at(9).is_some());
    }

    /// `*Types as documentation* by [Helena Berg](…) of Funktor AB.` opening paragraphs of a
    /// blog post: each paragraph is a talk.
    #[test]
    fn emphasised_title_by_helena_berg_of_funktor_ab_opens_a_talk() {
        let em = |no: usize, t: &str, lead: usize| Line {
            lead_emphasis: lead,
            blank_before: true,
            ..line(no, t, None)
        };
        let lines = vec![
            em(1, "Kraków in February is cold but the talks were warm.", 0),
            em(3, "Types as documentation by Helena Berg of Funktor AB.", 22),
            line(4, "Her claim: a type signature cannot go stale.", None),
            em(6, "Actors in the browser by Kacper Nowak of Scalac. Actors on", 21),
            em(8, "Just a thought by the way, nothing more.", 0),
        ];
        let o = infer(&lines, &|_: &str| false);
        let mut found: Vec<(usize, (String, Vec<String>))> = o.paragraphs.into_iter().collect();
        found.sort();
        assert_eq!(
            found,
            [
                (
                    3,
                    ("Types as documentation".to_string(), vec!["Helena Berg".to_string()])
                ),
                (
                    6,
                    ("Actors in the browser".to_string(), vec!["Kacper Nowak".to_string()])
                ),
            ]
        );
    }

    /// `* Datomic for event data` / `- Wouter Smit` / `Slides: …`: a list of one name right
    /// under each headline names its speaker.
    #[test]
    fn wouter_smit_alone_in_a_list_under_each_headline() {
        let lines = vec![
            line(1, "Datomic for event data", Some(1)),
            item(2, "Wouter Smit"),
            line(3, "Slides: https://example.nl/datomic", None),
            line(5, "Babashka scripts replace our Makefiles", Some(1)),
            item(6, "Fleur van Dijk"),
            line(7, "Tasks in bb.edn.", None),
        ];
        let o = infer(&lines, &|_: &str| false);
        assert_eq!(o.level, Some(1));
        assert_eq!(o.talk_at(1), Some(&["Wouter Smit".to_string()][..]));
        assert_eq!(o.talk_at(5), Some(&["Fleur van Dijk".to_string()][..]));
    }
}
