//! The session builder: one pass over a note's lines, tracking the conference day, the
//! session being written and the block it belongs to (ignites, open spaces).

use super::affiliation;
use super::dates::{self, DateContext, day_line, find_year, leading_weekday};
use super::front_matter::FrontMatter;
use super::links::find_links;
use super::names::{
    self, dash_parts, looks_like_role, name_score, names_score, speakers_from_byline, split_speaker_title,
};
use super::outline::{self, Outline};
use super::parts;
use super::path_hints::PathHints;
use super::schedule::{self, Slot, slot_prefix, slot_suffix};
use super::text::Line;
use super::{Format, Kind, ParseWarning, ParsedNote, Session, Source};
use jiff::civil::Date;
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// How a session was started; it decides what may end it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A heading: ends at the next heading of its level or above.
    Heading(u8),
    /// A schedule line: ends at the next schedule line, day or heading.
    Schedule,
    /// A free-standing section of notes.
    Section(Option<u8>),
    /// The whole file is one talk.
    File,
}

#[derive(Debug, Clone)]
struct Draft {
    title: String,
    speakers: Vec<String>,
    kind: Kind,
    date: Option<Date>,
    year: Option<i16>,
    slot: Slot,
    room: Option<String>,
    attended: Option<bool>,
    body: Vec<String>,
    /// Lines of the file that belong to this session (for links).
    lines: Vec<usize>,
    first_line: usize,
    origin: Origin,
    /// Still looking for a speaker in the first lines under the title.
    seeking_speaker: bool,
    /// Under a `who:` or `Presenters` line: the items below are speakers.
    speaker_list_depth: Option<u8>,
    /// Listed in a table of contents that links to the talk's own note file.
    contents_entry: bool,
}

impl Draft {
    fn new(title: String, kind: Kind, origin: Origin, first_line: usize) -> Draft {
        Draft {
            title,
            speakers: Vec::new(),
            kind,
            date: None,
            year: None,
            slot: Slot::default(),
            room: None,
            attended: None,
            body: Vec::new(),
            lines: vec![first_line],
            first_line,
            origin,
            seeking_speaker: false,
            speaker_list_depth: None,
            contents_entry: false,
        }
    }
}

/// The block a schedule line opened.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    None,
    Ignites {
        slot: Slot,
    },
    OpenSpace {
        slot: Slot,
        options: Vec<usize>,
        collecting: bool,
        notes: Vec<(usize, String)>,
    },
}

struct Builder<'a> {
    path: &'a str,
    ctx: DateContext,
    sessions: Vec<Draft>,
    current: Option<usize>,
    block: Block,
    /// An open-space block was seen today: `Session 2 – 15:40 – 16:10` continues it.
    open_space_day: bool,
    /// The file has headings or schedule lines that name talks.
    structured: bool,
    /// The shallowest heading level and how many headings the file has at it.
    top_headings: (u8, usize),
    stem_title: String,
    is_index: bool,
    /// Title for notes that follow a break or a day line, when they start a section.
    pending_section_title: Option<String>,
    format: Format,
    doc_title: String,
    /// The heading level whose siblings are talks, and the speakers under each.
    outline: Outline,
    warnings: Vec<ParseWarning>,
}

static KEYNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(.*\bkeynote\b[^:–—-]*?)\s*(?::|\s[-–—]\s?|–|—)\s*(.+)$").expect("valid regex"));
static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(.*)[\s,]+(?:by|par|von|door)\s+(.+)$").expect("valid regex"));
static SPEAKER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:who|speakers?|presenters?|presentors?|presented by|panelists?|panellists?|moderators?|moderated by|hosts?|hosted by|by|par|intervenants?|orateurs?)\s*(?::|\s[-–—]\s|\s)\s*(.*)$")
        .expect("valid regex")
});
/// `Panel: A, B, C`. Kept apart from `SPEAKER_LABEL` because `Panel:` also starts a line of
/// prose (`Panel: everyone agreed …`); see `panel_members`.
static PANEL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:panel|panel members|on the panel)\s*(?::|\s[-–—]\s)\s*(.+)$").expect("valid regex")
});
static SPEAKER_LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:who|speakers?|presenters?|presentors?|panelists?|panellists?|people|panel|moderators?|hosts?|about me|about the speakers?)\s*:?\s*$").expect("valid regex")
});
static AT_COMPANY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s@\s[^&,]+").expect("valid regex"));
static KEYNOTE_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:an? |the )?(?:opening |closing )?keynote\b").expect("valid regex"));
static WRAP_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:summary|summaries|conclusions?|conclusive notes|closing thoughts|final thoughts|wrap[- ]?up|bilan|takeaways|key takeaways|overall|general thoughts|epilogue|afterword|résumé|en résumé)\s*[:.!]?$")
        .expect("valid regex")
});
static META_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:details?|notes?|my notes|ideas|background|slides|links|resources|references|q\s*&\s*a|questions|video|abstract|description|about|agenda|overview|intro|introduction|misc|miscellaneous|other|tl;?dr|speakers?|who|presenters?)\s*[:.]?$")
        .expect("valid regex")
});
static LOCAL_NOTE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*(?:\./)?[^()\s:]+\.(?:md|markdown|txt)\s*\)").expect("valid regex"));
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[,;])#(\p{L}[\p{L}\p{N}_-]*)").expect("valid regex"));
static YEAR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*)\s+((?:19|20)\d\d)\b").expect("valid regex")
});

pub fn build(
    path: &str,
    raw: &[&str],
    lines: &[Line],
    front: Option<&FrontMatter>,
    hints: &PathHints,
    format: Format,
) -> ParsedNote {
    let year = front.and_then(|f| f.date.map(|d| d.year()).or(f.year)).or(hints.year);
    let reference = front.and_then(|f| f.date).or(hints.date);
    let doc_title = front
        .and_then(|f| f.title.clone())
        .or_else(|| {
            lines
                .iter()
                .find(|l| l.heading == Some(1))
                .map(|l| clean_title(&l.text))
        })
        .unwrap_or_else(|| hints.stem_title.clone());
    let year = year.or_else(|| find_year(&doc_title)).or_else(|| {
        // `FOSDEM 2020, Brussels. Notes from …`: a first line naming the conference and its year.
        raw.iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .filter(|l| l.len() <= 200)
            .and_then(|l| {
                // … or beside a full date: `Harbour Meetup, 2021-11-18`.
                YEAR_NAME
                    .captures(l)
                    .and_then(|c| c[2].parse().ok())
                    .or_else(|| dates::find_date(l, &DateContext::default()).and_then(|f| f.date.map(|d| d.year())))
            })
    });
    let mut b = Builder {
        path,
        ctx: DateContext {
            year,
            reference,
            current: None,
        },
        sessions: Vec::new(),
        current: None,
        block: Block::None,
        open_space_day: false,
        structured: false,
        top_headings: {
            let min = lines.iter().filter_map(|l| l.heading).min().unwrap_or(1);
            (min, lines.iter().filter(|l| l.heading == Some(min)).count())
        },
        stem_title: hints.stem_title.clone(),
        is_index: hints.is_index,
        pending_section_title: None,
        format,
        doc_title: doc_title.clone(),
        outline: Outline::default(),
        warnings: Vec::new(),
    };
    b.outline = outline::infer(lines, &|text: &str| b.talk_heading(text).is_some());
    b.structured = !b.outline.paragraphs.is_empty() || lines.iter().any(|l| !l.code && b.names_a_talk(l));
    if let Some(f) = front.filter(|f| f.title.is_some() && !b.structured) {
        // Front matter that names one talk: the file is that talk.
        let mut d = Draft::new(
            f.title.clone().unwrap_or_default(),
            Kind::Talk,
            Origin::File,
            lines.first().map_or(1, |l| l.no),
        );
        d.speakers = f.speakers.clone();
        d.slot = f.slot.unwrap_or_default();
        d.room = f.room.clone();
        d.date = f.date;
        d.seeking_speaker = d.speakers.is_empty();
        d.lines.clear();
        b.open(d);
    }
    for line in lines {
        b.line(line);
    }
    b.close();
    b.finish(raw, front, hints)
}

impl Builder<'_> {
    /// Does this line start a talk: a schedule line or a heading naming a talk?
    fn names_a_talk(&self, line: &Line) -> bool {
        if self.outline.talk_at(line.no).is_some() || self.outline.paragraphs.contains_key(&line.no) {
            return true;
        }
        if line.heading.is_some() {
            return self.outline.named.contains(&line.no);
        }
        line.item.is_none_or(|d| d <= 1)
            && slot_prefix(&line.text).is_some_and(|(_, rest)| {
                !rest.is_empty()
                    && rest.chars().next().is_some_and(char::is_alphabetic)
                    && day_line(rest, &self.ctx).is_none()
            })
    }

    fn cur(&mut self) -> Option<&mut Draft> {
        self.current.map(|i| &mut self.sessions[i])
    }

    fn open(&mut self, mut d: Draft) -> usize {
        if d.date.is_none() {
            d.date = self.ctx.current;
        }
        d.year = d.date.map(|x| x.year()).or(self.ctx.year);
        self.sessions.push(d);
        let i = self.sessions.len() - 1;
        self.current = Some(i);
        i
    }

    fn close(&mut self) {
        self.current = None;
    }

    fn end_block(&mut self) {
        if let Block::OpenSpace { notes, options, .. } = std::mem::replace(&mut self.block, Block::None) {
            let attended = options
                .iter()
                .copied()
                .find(|&i| self.sessions[i].attended == Some(true));
            if let (Some(i), false) = (attended, notes.is_empty()) {
                // Notes about the block itself belong with the option attended.
                let d = &mut self.sessions[i];
                let (nos, texts): (Vec<usize>, Vec<String>) = notes.into_iter().unzip();
                d.lines.extend(nos);
                let mut body = texts;
                body.append(&mut d.body);
                d.body = body;
            } else if !notes.is_empty() {
                // Notes under a block with no option marked attended become a section.
                let mut d = Draft::new(
                    "Open space notes".into(),
                    Kind::Section,
                    Origin::Section(None),
                    notes[0].0,
                );
                for (no, text) in notes {
                    d.lines.push(no);
                    d.body.push(text);
                }
                self.open(d);
                self.close();
            }
        }
    }

    fn line(&mut self, line: &Line) {
        if let Some((title, speakers)) = self.outline.paragraphs.get(&line.no).cloned() {
            // A paragraph naming its talk (a quoted title, a card, an outline's talk line; a card
            // pasted indented reads as code): the talk and its notes start here.
            self.end_block();
            self.close();
            let mut d = Draft::new(title, Kind::Talk, Origin::Schedule, line.no);
            d.kind = kind_of(&d.title, Kind::Talk);
            d.speakers = speakers;
            d.lines.clear();
            self.open(d);
            self.append(line);
            return;
        }
        if line.code {
            self.append(line);
            return;
        }
        if let Some(level) = line.heading {
            self.heading(line, level);
            return;
        }
        if line.item == Some(1)
            && self.outline.level == Some(outline::ITEM_LEVEL)
            && self.outline.talk_at(line.no).is_some()
        {
            // `- Why latency lies by Ana Costa`: the items name the talks of this file.
            self.heading(line, outline::ITEM_LEVEL);
            return;
        }
        if line.bold && self.outline.level == Some(outline::BOLD_LEVEL) {
            // Bold-only lines title the talks of this file: read them as headings.
            self.heading(line, outline::BOLD_LEVEL);
            return;
        }
        let text = line.text.as_str();
        if line.item.is_none_or(|d| d <= 1) {
            // A day in a list is a table of contents entry, not the start of a day.
            if let Some(found) = day_line(text, &self.ctx).filter(|_| line.item.is_none()) {
                self.new_day(found.and_then(|f| f.date.map(|d| (d, f.year))));
                return;
            }
            if let Some((slot, rest)) = slot_prefix(text) {
                if let Some(found) = day_line(rest, &self.ctx) {
                    // `1:30pm–5:00pm Tuesday, 05/17/2016` under a talk's title: when it is.
                    if let Some(d) = self
                        .cur()
                        .filter(|d| matches!(d.origin, Origin::Heading(_) | Origin::File) && d.slot == Slot::default())
                    {
                        d.slot = slot;
                        if let Some(date) = found.and_then(|f| f.date) {
                            d.date = Some(date);
                            d.year = Some(date.year());
                        }
                        d.body.push(line.text.clone());
                        d.lines.push(line.no);
                        return;
                    }
                }
                if !rest.is_empty() || line.blank_after {
                    self.schedule(line, slot, rest, None);
                    return;
                }
            }
            if let Some((before, slot)) = slot_suffix(text)
                && (schedule::is_open_space_block(before)
                    || (self.open_space_day && schedule::is_session_round(before)))
            {
                self.start_open_space(slot, line.no);
                return;
            }
        }
        // Copies of what the block says, not of the block: it holds the notes gathered so far.
        let ignite_slot = match self.block {
            Block::Ignites { slot } => Some(slot),
            _ => None,
        };
        let collecting = matches!(self.block, Block::OpenSpace { collecting: true, .. });
        match (ignite_slot, collecting) {
            (Some(slot), _) => {
                if let Some((speakers, title, notes)) = speaker_first(text) {
                    let mut d = Draft::new(title, Kind::Ignite, Origin::Schedule, line.no);
                    d.speakers = speakers;
                    d.slot = slot;
                    if !notes.is_empty() {
                        d.body.push(notes);
                    }
                    self.open(d);
                    return;
                }
            }
            (None, true) if self.open_space_line(line) => {
                return;
            }
            _ => {}
        }
        if self.format == Format::Plain
            && line.item.is_none()
            && line.blank_before
            && line.blank_after
            && self.in_free_text()
        {
            if schedule::is_not_session(text) && self.ctx.current.is_some() {
                self.close();
                self.pending_section_title = Some(clean_title(text));
                return;
            }
            if is_title_like(text) {
                let d = Draft::new(clean_title(text), Kind::Section, Origin::Section(None), line.no);
                self.open(d);
                return;
            }
        }
        if self.seek_speaker(line) {
            return;
        }
        self.append(line);
    }

    /// Outside any talk: where title-like lines start sections.
    fn in_free_text(&self) -> bool {
        self.current
            .is_none_or(|i| matches!(self.sessions[i].origin, Origin::Section(_)))
            && self.block == Block::None
    }

    fn append(&mut self, line: &Line) {
        if let Block::OpenSpace {
            options,
            notes,
            collecting,
            ..
        } = &mut self.block
        {
            *collecting = false;
            let attended = options
                .iter()
                .copied()
                .find(|&i| self.sessions[i].attended == Some(true));
            match attended {
                Some(i) => self.current = Some(i),
                None => {
                    notes.push((line.no, line.text.clone()));
                    return;
                }
            }
        }
        if self.current.is_none() {
            if self.format != Format::Plain
                && !self.structured
                && !self.is_index
                && self.sessions.is_empty()
                && line.heading.is_none()
            {
                // A note with no headings at all: one talk, named by its first line when that
                // reads as a title, else by the file name.
                let first_is_title =
                    line.item.is_none() && is_title_like(&line.text) && speaker_line(&line.text).is_none();
                let title = if first_is_title {
                    clean_title(&line.text)
                } else {
                    self.stem_title.clone()
                };
                let mut d = Draft::new(title, Kind::Talk, Origin::File, line.no);
                d.seeking_speaker = true;
                self.open(d);
                if first_is_title {
                    return;
                }
                if self.seek_speaker(line) {
                    return;
                }
            } else {
                let title = self
                    .pending_section_title
                    .take()
                    .unwrap_or_else(|| self.doc_title.clone());
                let d = Draft::new(title, Kind::Section, Origin::Section(None), line.no);
                self.open(d);
            }
        }
        if let Some(d) = self.cur() {
            d.body.push(line.text.clone());
            d.lines.push(line.no);
        }
    }

    fn new_day(&mut self, date: Option<(Date, Option<i16>)>) {
        self.end_block();
        self.close();
        self.open_space_day = false;
        self.pending_section_title = None;
        if let Some((d, _)) = date {
            self.ctx.current = Some(d);
            self.ctx.year = Some(d.year());
        }
    }

    fn heading(&mut self, line: &Line, level: u8) {
        let text = line.text.trim();
        if let Some(found) = day_line(text, &self.ctx) {
            self.new_day(found.and_then(|f| f.date.map(|d| (d, f.year))));
            return;
        }
        if self.outline.level.is_some_and(|l| level < l)
            && let Some(year) = find_year(text)
        {
            // `* PyCon Italia 2024, Florence` above the talks: the year of the talks under it.
            self.ctx.year = Some(year);
        }
        let mut talk = self.talk_heading(text);
        if let Some(below) = self.outline.talk_at(line.no) {
            // A title-only heading among sibling talks: a talk, with the speakers under it.
            let t = talk.get_or_insert_with(|| TalkHeading {
                title: clean_title(text),
                speakers: Vec::new(),
                slot: None,
                date: None,
                rest: text.to_string(),
            });
            if t.speakers.is_empty() {
                t.speakers = below.to_vec();
            }
        }
        if let Some(talk) = talk {
            self.end_block();
            self.close();
            if let Some(date) = talk.date {
                self.ctx.current = Some(date);
            }
            if let Some(slot) = talk.slot {
                // A heading that is a schedule line: breaks, ignites and open spaces as in plain text.
                if self.schedule(line, slot, &talk.rest, Some(level)) {
                    if let Some(d) = self
                        .cur()
                        .filter(|d| d.speakers.is_empty() && !talk.speakers.is_empty())
                    {
                        d.speakers = talk.speakers;
                        d.seeking_speaker = false;
                    }
                    return;
                }
            }
            let mut d = Draft::new(talk.title, Kind::Talk, Origin::Heading(level), line.no);
            d.speakers = talk.speakers;
            d.slot = talk.slot.unwrap_or_default();
            d.seeking_speaker = d.speakers.is_empty();
            d.kind = kind_of(&d.title, Kind::Talk);
            self.open(d);
            return;
        }
        let origin = self.current.map(|i| self.sessions[i].origin);
        let deeper = |l: u8| level > l;
        if WRAP_UP.is_match(text)
            && !matches!(origin, Some(Origin::File))
            && origin.is_some_and(|o| !matches!(o, Origin::Heading(l) | Origin::Section(Some(l)) if deeper(l)))
        {
            self.end_block();
            self.close();
            let d = Draft::new(clean_title(text), Kind::Section, Origin::Section(Some(level)), line.no);
            self.open(d);
            return;
        }
        let stays = match origin {
            None => false,
            Some(Origin::File) => true,
            // At the talk level a heading that is no talk ends the talk above (`Random links`).
            Some(Origin::Heading(l)) => {
                deeper(l)
                    || META_HEADING.is_match(text)
                    || (level == l && self.structured && self.outline.level != Some(level))
            }
            Some(Origin::Schedule) => META_HEADING.is_match(text) || self.block == Block::None && level >= 3,
            Some(Origin::Section(Some(l))) => deeper(l) || META_HEADING.is_match(text),
            Some(Origin::Section(None)) => false,
        };
        if stays {
            self.seek_speaker_heading(line);
            return;
        }
        self.end_block();
        self.close();
        if !self.structured
            && self
                .sessions
                .iter()
                .all(|s| s.body.is_empty() && s.origin != Origin::File)
        {
            // One file, one talk: its first heading is the title, the rest are its parts.
            let mut d = Draft::new(clean_title(text), Kind::Talk, Origin::File, line.no);
            let (top, count) = self.top_headings;
            if level == top && level > 1 && count >= 3 {
                // `## CHAT-OPS`, `## Webhooks`, …: parts of a talk the file name names.
                d.title = self.stem_title.clone();
                d.body.push(line.text.clone());
            }
            if let Some(speakers) = speaker_line(text) {
                d.title = String::new();
                d.speakers = speakers;
            }
            d.seeking_speaker = d.speakers.is_empty();
            self.sessions.retain(|s| !s.body.is_empty() || s.origin == Origin::File);
            self.open(d);
            return;
        }
        let d = Draft::new(clean_title(text), Kind::Section, Origin::Section(Some(level)), line.no);
        self.open(d);
    }

    /// A sub-heading under a talk's title may name its speaker (`## Speaker, Role`).
    fn seek_speaker_heading(&mut self, line: &Line) {
        if !self.seek_speaker(line) {
            self.append(line);
        }
    }

    /// In the first lines of a talk without speakers: `who: X`, `Presenter: X`, `_X_`,
    /// `X - Role @ Company`, `X (Company)`, or a `Presenters` item with names below it.
    fn seek_speaker(&mut self, line: &Line) -> bool {
        let Some(i) = self.current else { return false };
        let d = &mut self.sessions[i];
        if let Some(depth) = d.speaker_list_depth {
            if line.item.is_some_and(|x| x > depth) {
                let name_part = dash_parts(&line.text).first().copied().unwrap_or("").to_string();
                let name_part = name_part.split([',', '(']).next().unwrap_or("").trim().to_string();
                let name_part = name_part.rsplit(':').next().unwrap_or("").trim().to_string();
                let handle_only = name_part.starts_with('@') && !d.speakers.is_empty();
                if (name_score(&name_part) >= 0.5 || names::loose_name(&name_part))
                    && !handle_only
                    && !d.speakers.contains(&name_part)
                {
                    d.speakers.push(name_part);
                }
                d.body.push(line.text.clone());
                d.lines.push(line.no);
                return true;
            }
            d.speaker_list_depth = None;
            d.seeking_speaker = false;
        }
        if d.kind == Kind::Talk && d.body.is_empty() && KEYNOTE_NOTE.is_match(&line.text) {
            // `A keynote (no comments)`: the notes say what the schedule did not.
            d.kind = Kind::Keynote;
        }
        if d.body.len() < 8
            && matches!(d.origin, Origin::Heading(_) | Origin::File)
            && SPEAKER_LIST_HEAD.is_match(line.text.trim())
        {
            // `* people` under a panel whose moderator is already known: more speakers below.
            d.speaker_list_depth = Some(line.item.unwrap_or(0));
            d.body.push(line.text.clone());
            d.lines.push(line.no);
            return true;
        }
        if d.speakers.is_empty() && line.item == Some(1) && matches!(d.origin, Origin::Heading(_) | Origin::File) {
            // A speaker introduced later in the notes as a top-level item: `Sasi Kannappan - Visa`.
            let parts = dash_parts(&line.text);
            let org_like = |t: &str| {
                let w: Vec<&str> = t.split_whitespace().collect();
                (1..=3).contains(&w.len()) && w.iter().all(|x| x.chars().next().is_some_and(char::is_uppercase))
            };
            let two_words = parts.first().is_some_and(|p| p.split_whitespace().count() == 2);
            if parts.len() == 2
                && two_words
                && name_score(parts[0]) >= 0.75
                && org_like(parts[1])
                && name_score(parts[1]) < 0.75
            {
                d.speakers.push(parts[0].to_string());
                d.seeking_speaker = false;
                d.body.push(line.text.clone());
                d.lines.push(line.no);
                return true;
            }
        }
        if !d.seeking_speaker || !matches!(d.origin, Origin::Heading(_) | Origin::File) {
            return false;
        }
        if d.body.len() >= 8 {
            d.seeking_speaker = false;
            return false;
        }
        let text = line.text.trim();
        if SPEAKER_LIST_HEAD.is_match(text) {
            d.speaker_list_depth = Some(line.item.unwrap_or(0));
            d.body.push(line.text.clone());
            d.lines.push(line.no);
            return true;
        }
        // A sub-heading or an emphasised line right under the title is where notes put the
        // speaker: a name there needs less evidence.
        let strong_place = d.body.is_empty() && (line.heading.is_some() || line.emphasis);
        let found = match SPEAKER_LABEL.captures(text) {
            Some(c) => Some(speakers_from_byline(c.get(1).map_or("", |m| m.as_str()))).filter(|s| !s.is_empty()),
            None if PANEL_LABEL.is_match(text) => panel_members(text),
            None if strong_place && speaker_line(text).is_some() => speaker_line(text),
            // A bare name: not a sub-topic of the title (`# Pixar` / `## Pixar Philosophy`).
            None if strong_place
                && !text.contains(',')
                && name_score(text) >= 0.5
                && !META_HEADING.is_match(text)
                && !text
                    .split_whitespace()
                    .any(|w| d.title.to_lowercase().split_whitespace().any(|t| t == w.to_lowercase())) =>
            {
                Some(vec![text.to_string()])
            }
            None => speaker_line(text)
                .filter(|_| d.body.len() < 4 || line.item.is_some())
                // The line right under a title: a name there, with or without a role, is its speaker.
                .or_else(|| outline::speaker_of(line, true).filter(|_| d.body.is_empty() && line.heading.is_none())),
        };
        if let Some(speakers) = found {
            d.speakers = speakers;
            d.seeking_speaker = false;
            d.body.push(line.text.clone());
            d.lines.push(line.no);
            return true;
        }
        false
    }

    /// Handles a schedule line; returns false when a heading's slot turned out not to
    /// name a session and the heading should be read as a title instead.
    fn schedule(&mut self, line: &Line, slot: Slot, rest: &str, heading: Option<u8>) -> bool {
        self.end_block();
        self.close();
        let rest = rest.trim().trim_start_matches(['-', '–', '—', ':', '|']).trim();
        if rest.is_empty() || schedule::is_not_session(rest) {
            self.pending_section_title = (!rest.is_empty()).then(|| clean_title(rest));
            if schedule::ends_day(rest) {
                // Notes after the day's close are not about that day.
                self.ctx.current = None;
                self.pending_section_title = None;
            }
            return true;
        }
        if schedule::is_ignite_block(rest) {
            self.block = Block::Ignites { slot };
            return true;
        }
        if schedule::is_open_space_block(rest) {
            self.start_open_space(slot, line.no);
            return true;
        }
        let origin = heading.map_or(Origin::Schedule, Origin::Heading);
        let (title, speakers, notes) = talk_from_text(rest, false);
        let mut d = Draft::new(title, Kind::Talk, origin, line.no);
        d.kind = kind_of(rest, Kind::Talk);
        d.speakers = speakers;
        d.slot = slot;
        d.seeking_speaker = d.speakers.is_empty() && heading.is_some();
        if !notes.is_empty() {
            d.body.push(notes);
        }
        self.open(d);
        true
    }

    fn start_open_space(&mut self, slot: Slot, _line: usize) {
        self.end_block();
        self.close();
        self.open_space_day = true;
        self.block = Block::OpenSpace {
            slot,
            options: Vec::new(),
            collecting: true,
            notes: Vec::new(),
        };
    }

    /// One line while an open-space block lists its options: `Room – Title`, `* Room – Title`
    /// for the attended one, or a fragment of the previous title wrapped onto its own line.
    fn open_space_line(&mut self, line: &Line) -> bool {
        let (slot, no_options, last_option) = match &self.block {
            Block::OpenSpace { slot, options, .. } => (*slot, options.is_empty(), options.last().copied()),
            _ => return false,
        };
        let parts = dash_parts(&line.text);
        let room_like = parts.len() >= 2 && (no_options || !line.blank_before) && {
            let room = parts[0].trim_start_matches('*').trim();
            let words = room.split_whitespace().count();
            (1..=4).contains(&words)
                && room.chars().next().is_some_and(char::is_uppercase)
                && !room.ends_with(['.', '?', '!'])
        };
        if room_like {
            let room = parts[0].trim_start_matches('*').trim().to_string();
            let title = clean_title(&parts[1..].join(" - "));
            let mut d = Draft::new(title, Kind::OpenSpace, Origin::Schedule, line.no);
            d.room = Some(room);
            d.slot = slot;
            d.attended = Some(line.star || line.text.starts_with('*'));
            let i = self.open(d);
            self.close();
            if let Block::OpenSpace { options, .. } = &mut self.block {
                options.push(i);
                // In a Markdown list where every option has a star, the star marks nothing.
                let all: Vec<usize> = options.clone();
                if all.len() > 1
                    && all.iter().all(|&o| self.sessions[o].attended == Some(true))
                    && self.format != Format::Plain
                {
                    for o in all {
                        self.sessions[o].attended = Some(false);
                    }
                }
            }
            return true;
        }
        if let Some(last) = last_option {
            let t = line.text.trim();
            if !line.blank_before && t.len() <= 3 && t.chars().all(char::is_lowercase) {
                // `… continuous delivery worl` / `d`: a word broken across lines.
                self.sessions[last].title.push_str(t);
                self.sessions[last].lines.push(line.no);
                return true;
            }
            return false;
        }
        // Before any option: a note about the block itself.
        if let Block::OpenSpace { notes, .. } = &mut self.block {
            notes.push((line.no, line.text.clone()));
        }
        true
    }

    fn talk_heading(&self, text: &str) -> Option<TalkHeading> {
        talk_heading(text, &self.ctx)
    }

    fn finish(mut self, raw: &[&str], front: Option<&FrontMatter>, hints: &PathHints) -> ParsedNote {
        // Table-of-contents entries (a talk heading whose notes only point at the talk's own
        // note file) are not sessions: their text joins one contents section.
        let mut contents: Option<Draft> = None;
        for d in &mut self.sessions {
            let short = d.body.len() <= 8;
            let links_local = d
                .lines
                .iter()
                .any(|&no| raw.get(no - 1).is_some_and(|l| LOCAL_NOTE_LINK.is_match(l)));
            d.contents_entry = short && links_local && matches!(d.origin, Origin::Heading(_));
        }
        if self.sessions.iter().any(|d| d.contents_entry) {
            let mut kept = Vec::new();
            for d in std::mem::take(&mut self.sessions) {
                if d.contents_entry || (d.kind == Kind::Section && d.body.is_empty()) {
                    let year = self.ctx.year;
                    let c = contents.get_or_insert_with(|| {
                        let mut c = Draft::new(
                            self.doc_title.clone(),
                            Kind::Section,
                            Origin::Section(None),
                            d.first_line,
                        );
                        c.year = year;
                        c
                    });
                    c.body.push(d.title.clone());
                    c.body.extend(d.body);
                    c.lines.extend(d.lines);
                } else {
                    kept.push(d);
                }
            }
            if let Some(c) = contents.take() {
                kept.insert(0, c);
            }
            self.sessions = kept;
        }

        // A section that is only a title gives its title to the next section's body.
        let mut merged: Vec<Draft> = Vec::new();
        let mut carry: Vec<(String, usize)> = Vec::new();
        for mut d in std::mem::take(&mut self.sessions) {
            if d.kind == Kind::Section && d.body.is_empty() && d.speakers.is_empty() {
                carry.push((d.title.clone(), d.first_line));
                continue;
            }
            if !carry.is_empty() && d.kind == Kind::Section {
                let mut body: Vec<String> = carry.iter().map(|(t, _)| t.clone()).collect();
                d.first_line = carry[0].1;
                d.lines.extend(carry.iter().map(|(_, l)| *l));
                body.append(&mut d.body);
                d.body = body;
            }
            carry.clear();
            merged.push(d);
        }
        self.sessions = merged;

        self.sessions.sort_by_key(|d| d.first_line);

        // Every line of the file belongs to the session whose lines precede it.
        let mut owner: Vec<Option<usize>> = vec![None; raw.len() + 1];
        for (i, d) in self.sessions.iter().enumerate() {
            for &no in &d.lines {
                if no <= raw.len() {
                    owner[no] = Some(i);
                }
            }
        }
        let first_body_line = self.sessions.iter().map(|d| d.first_line).min().unwrap_or(1);
        let mut last = None;
        for slot in owner.iter_mut().skip(first_body_line) {
            match slot {
                Some(i) => last = Some(*i),
                None => *slot = last,
            }
        }
        let mut raw_text: Vec<String> = vec![String::new(); self.sessions.len()];
        for (no, slot) in owner.iter().enumerate().skip(1) {
            if let Some(i) = slot {
                raw_text[*i].push_str(raw[no - 1]);
                raw_text[*i].push('\n');
            }
        }

        let conference = conference_for(front, &self.doc_title, raw, hints, self.sessions.len());
        let fm_tags: Vec<String> = front
            .map(|f| {
                f.tags
                    .iter()
                    .map(|t| normalise_tag(t))
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let file_kind = front.and_then(|f| f.kind.as_deref()).and_then(Kind::parse);
        let count = self.sessions.len();
        let mut out = Vec::with_capacity(count);
        for (i, d) in self.sessions.into_iter().enumerate() {
            let body = d.body.join("\n");
            // Sets beside the lists: a note may hold 100,000 tags or links, and looking each
            // new one up in the list made parsing quadratic.
            let mut tags: Vec<String> = Vec::new();
            let mut seen_tags: HashSet<String> = HashSet::default();
            let hashtags = HASHTAG.captures_iter(&body).map(|c| normalise_tag(&c[1]));
            for tag in fm_tags.iter().cloned().chain(hashtags) {
                if !tag.is_empty() && seen_tags.insert(tag.clone()) {
                    tags.push(tag);
                }
            }
            let mut links: Vec<super::Link> = Vec::new();
            let mut seen_urls: HashSet<String> = HashSet::default();
            for (_, link) in find_links(&raw_text[i]) {
                if seen_urls.insert(link.url.clone()) {
                    links.push(link);
                }
            }
            let mut title = clean_title(&d.title);
            let mut kind = d.kind;
            if title.is_empty() {
                let one_talk = d.origin == Origin::File || count == 1;
                title = if one_talk {
                    hints.stem_title.clone()
                } else {
                    self.doc_title.clone()
                };
                kind = kind_of(&title, kind);
            }
            if d.origin == Origin::File {
                kind = file_kind.unwrap_or_else(|| {
                    if hints.is_index {
                        Kind::Section
                    } else {
                        kind_of(&format!("{title} {}", hints.stem_title), Kind::Talk)
                    }
                });
            }
            let mut speakers: Vec<String> = Vec::new();
            let mut seen_speakers: HashSet<String> = HashSet::default();
            for s in d.speakers {
                let s = names::clean_name(&s);
                if !s.is_empty() && seen_speakers.insert(s.clone()) {
                    speakers.push(s);
                }
            }
            out.push(Session {
                id: format!("{}#{}", self.path, i + 1),
                title,
                speakers,
                conference: conference.clone(),
                year: d.date.map(|x| x.year()).or(d.year),
                date: d.date,
                start: Slot::format(d.slot.start),
                end: Slot::format(d.slot.end),
                kind,
                room: d.room,
                attended: d.attended,
                tags,
                themes: Vec::new(),
                links,
                source: Source {
                    path: self.path.to_string(),
                    line: d.first_line,
                },
                body,
            });
        }
        ParsedNote {
            sessions: out,
            warnings: self.warnings,
            outline: self.outline,
        }
    }
}

/// A heading that names a talk: its title, speakers, slot and day.
#[derive(Debug, Clone, PartialEq)]
struct TalkHeading {
    title: String,
    speakers: Vec<String>,
    slot: Option<Slot>,
    date: Option<Date>,
    /// The heading's text after day and time.
    rest: String,
}

fn talk_heading(text: &str, ctx: &DateContext) -> Option<TalkHeading> {
    let mut rest = text.trim();
    let mut slot = None;
    let mut date = None;
    // `Saturday 10:00 Title`, `Sunday 16:00 Sunday 16:00 Title`, `2019-10-17 09:30 Title`.
    for _ in 0..4 {
        let before = rest;
        if let Some((name, len)) = leading_weekday(rest) {
            let after = rest[len..].trim_start_matches([',', ' ']);
            if slot_prefix(after).is_some() {
                date = dates::resolve_weekday(name, &DateContext { current: None, ..*ctx }).or(date);
                rest = after;
            }
        }
        if let Some(found) = dates::find_date(rest, ctx).filter(|f| f.range.start == 0) {
            let after = rest[found.range.end..].trim_start_matches([',', ' ', '-', '–', ':']);
            if slot_prefix(after).is_some() {
                date = found.date.or(date);
                rest = after;
            }
        }
        if let Some((s, after)) = slot_prefix(rest) {
            slot = Some(s);
            rest = after.trim_start_matches([':', '-', '–', '—', '|', ' ']);
        }
        if rest == before {
            break;
        }
    }
    if let Some(slot) = slot {
        let (title, speakers, _) = talk_from_text(rest, false);
        return Some(TalkHeading {
            title,
            speakers,
            slot: Some(slot),
            date,
            rest: rest.to_string(),
        });
    }
    let (mut title, mut speakers, _) = talk_from_text(rest, true);
    // `Title - Company - A / B`, `A (Acme) Title`: when no speaker was found, or what was
    // found is a company, the parts classified one by one.
    let companies = !speakers.is_empty() && speakers.iter().all(|s| parts::classify(s) == parts::Part::Company);
    if speakers.is_empty() || companies {
        match parts::title_and_speakers(rest, true) {
            Some(found) => (title, speakers) = found,
            None if speakers.is_empty() => return None,
            None => {}
        }
    }
    Some(TalkHeading {
        title,
        speakers,
        slot: None,
        date,
        rest: rest.to_string(),
    })
}

/// Title and speakers from the text of a schedule line or heading, and notes written after
/// the title on the same line. `strict` asks for clear evidence of a name.
fn talk_from_text(text: &str, strict: bool) -> (String, Vec<String>, String) {
    let text = text.trim();
    if let Some(c) = KEYNOTE.captures(text) {
        let (head, tail) = (c[1].trim(), c[2].trim());
        if names_score(tail) >= 0.5 {
            return (head.to_string(), names::split_names(tail), String::new());
        }
        // `Keynote - Amara Nwosu: Trust is a latency problem`: the speaker, then the title.
        if let Some((who, title)) = tail.split_once(':')
            && names_score(who.trim()) >= 0.5
            && !title.trim().is_empty()
        {
            let (title, notes) = cut_title(title.trim());
            return (title, names::split_names(who.trim()), notes);
        }
    }
    // `"Title" by Speaker`, `Title by Speaker, Company`.
    if let Some(c) = BY.captures(text) {
        let (head, tail) = (c[1].trim(), c[2].trim());
        // `by Ana Costa from example.com`, `by Ana Costa of Acme`: the organisation goes.
        let tail = affiliation::split_affiliation(tail).0;
        let speakers = speakers_from_byline(tail);
        if !speakers.is_empty() && speakers.iter().all(|s| name_score(s) >= 0.3 || s.starts_with('@')) {
            let head = head.trim_end_matches([',', ':']);
            // `Moderated by Dan Kohn`: the line names people, the title is elsewhere.
            let head = if matches!(
                head.to_lowercase().as_str(),
                "moderated" | "presented" | "hosted" | "led" | "given" | "talk" | "notes"
            ) {
                ""
            } else {
                head
            };
            let quoted = head.starts_with(['"', '“', '\'']);
            if quoted || !strict || names_score(&speakers.join(", ")) >= 0.5 {
                return (clean_title(head), speakers, String::new());
            }
        }
    }
    if strict && let Some(speakers) = speaker_line(text) {
        // `Name - Role - Company` names a person, not a talk.
        let _ = speakers;
        return (text.to_string(), Vec::new(), String::new());
    }
    if let Some(st) = split_speaker_title(text, strict) {
        let speakers: Vec<String> = st
            .speakers
            .iter()
            .map(|s| strip_handle(s))
            .filter(|s| !s.is_empty())
            .collect();
        if strict && looks_like_role(&st.title) && st.title.split_whitespace().count() <= 5 {
            return (text.to_string(), Vec::new(), String::new());
        }
        let (title, notes) = cut_title(&st.title);
        return (title, speakers, notes);
    }
    let (title, notes) = cut_title(text);
    (title, Vec::new(), notes)
}

/// `Dave Stanke – All Tech is Debt @handle “Did you…”`: speakers, title and notes, when the
/// part before the first dash is clearly names.
fn speaker_first(text: &str) -> Option<(Vec<String>, String, String)> {
    let parts = dash_parts(text);
    if parts.len() < 2 {
        return None;
    }
    let who = parts[0].trim_start_matches('*').trim();
    if names_score(who) < 0.75 {
        return None;
    }
    // Only the first dash separates the speaker; the rest is the title and its notes.
    let after = text
        .split_once(parts[1])
        .map(|x| x.1)
        .map(|t| format!("{}{}", parts[1], t))
        .unwrap_or_default();
    let (title, notes) = cut_title(&after);
    Some((names::split_names(who), title, notes))
}

/// The people on a `Panel: Ewan Baird, Marta Kowalczyk` line. Unlike `Panelists:`, the label
/// does not promise names, so every part after it must read as one.
fn panel_members(text: &str) -> Option<Vec<String>> {
    let c = PANEL_LABEL.captures(text)?;
    let speakers = speakers_from_byline(&c[1]);
    let all_names = speakers.iter().all(|s| name_score(s) >= 0.5 || names::loose_name(s));
    (!speakers.is_empty() && all_names).then_some(speakers)
}

/// A line that only names a speaker, with a role or company: `Kelsey Hightower - Staff Dev
/// Advocate, Google`, `Andrew Godwin, Django Core Developer`, `E. Dunham (Mozilla)`,
/// `Abby Fuller - Sr Tech Evangelist, AWS`, `Radina Matic`, `@phildini`.
fn speaker_line(text: &str) -> Option<Vec<String>> {
    let text = text.trim().trim_matches(['*', '_']);
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    if text.starts_with('@') && !text.contains(' ') {
        return Some(vec![text.to_string()]);
    }
    if let Some(open) = text.find('(') {
        let who = text[..open].trim();
        if text.ends_with(')') && name_score(who) >= 0.75 {
            return Some(vec![who.to_string()]);
        }
    }
    let parts = dash_parts(text);
    if parts.len() >= 2 {
        let who = parts[0];
        let rest = parts[1..].join(" ");
        // `Zero Downtime | Jane Doe @ Acme`: the name is on the other side.
        let rest_name = rest
            .split([',', '('])
            .next()
            .unwrap_or("")
            .split(" @ ")
            .next()
            .unwrap_or("");
        if names_score(rest_name) >= names_score(who) {
            return None;
        }
        if names_score(who) >= 0.5 && looks_like_role(&rest) && rest.split_whitespace().count() <= 10 {
            return Some(names::split_names(&strip_parentheses(who)));
        }
        return None;
    }
    if let Some((who, rest)) = text.split_once(',') {
        if name_score(who) >= 0.75
            && (looks_like_role(rest) || rest.split_whitespace().count() <= 4)
            && !rest.contains(['.', '!', '?'])
        {
            return Some(vec![who.trim().to_string()]);
        }
        if (name_score(who) >= 0.35) && looks_like_role(rest) {
            return Some(vec![who.trim().to_string()]);
        }
        return None;
    }
    if text.contains('(') {
        return None;
    }
    if text.contains(" @ ") {
        // `Louis Ryan @ Google & Shriram Rajajopalan @ IBM`
        let without = AT_COMPANY.replace_all(text, "");
        let speakers = names::split_names(&without);
        if !speakers.is_empty() && speakers.iter().all(|s| name_score(s) >= 0.75) {
            return Some(speakers);
        }
    }
    (name_score(text) >= 1.0).then(|| vec![text.to_string()])
}

fn strip_parentheses(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `Speaker @ Company (@handle)` → `Speaker`.
fn strip_handle(name: &str) -> String {
    let name = name.split(" @ ").next().unwrap_or(name);
    let name = strip_parentheses(name);
    let cleaned: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !(w.starts_with('@') && w.len() > 1) || name.split_whitespace().count() == 1)
        .collect();
    cleaned.join(" ")
}

/// Splits notes written after a title on the same line: at a `@handle`, a quotation, a URL
/// or the end of the first sentence.
fn cut_title(text: &str) -> (String, String) {
    let text = text.trim();
    let mut cut = text.len();
    for pat in [" @", " http", " www.", " #"] {
        if let Some(i) = text.find(pat)
            && i > 3
        {
            cut = cut.min(i);
        }
    }
    if let Some(i) = text.find("https://").or_else(|| text.find("http://"))
        && i > 3
    {
        cut = cut.min(i);
    }
    let words_before = |i: usize| text[..i].split_whitespace().count();
    // `Title: instead of escalating tickets…`: a colon followed by a lowercase sentence.
    for (i, _) in text.match_indices(": ") {
        let after = &text[i + 2..];
        if i < cut
            && words_before(i) >= 2
            && after.chars().next().is_some_and(char::is_lowercase)
            && after.split_whitespace().count() >= 6
        {
            cut = i;
            break;
        }
    }
    for (i, _) in text.match_indices(". ") {
        if i < cut && words_before(i) >= 3 && text[i + 2..].chars().next().is_some_and(char::is_uppercase) {
            let last = text[..i].rsplit(' ').next().unwrap_or("");
            if last.len() > 2 {
                cut = cut.min(i + 1);
            }
            break;
        }
    }
    let title = clean_title(&text[..cut]);
    let notes = text[cut..].trim().to_string();
    (title, notes)
}

/// A title without quotes, markup leftovers or trailing separators.
fn clean_title(text: &str) -> String {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '#') || c.is_whitespace())
        .trim_end_matches([':', '-', '–', '—', '|', ','])
        .trim();
    // Quotes around the whole title go; a quoted phrase inside it stays.
    let t = match (t.chars().next(), t.chars().last()) {
        (Some('"' | '“'), Some('"' | '”'))
            if t.chars().count() > 2
                && t[1..t.len() - 1]
                    .chars()
                    .filter(|c| matches!(c, '"' | '“' | '”'))
                    .count()
                    == 0 =>
        {
            t.trim_start_matches(['"', '“']).trim_end_matches(['"', '”'])
        }
        _ => t,
    };
    // One full stop ends a sentence, not a title; `...` and `etc.` stay.
    let t = match t.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') && rest.rsplit(' ').next().is_some_and(|w| w.len() > 3) => rest,
        _ => t,
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind a title names: `Opening Keynote`, `Cloud panel`, `Terraform workshop`.
fn kind_of(title: &str, default: Kind) -> Kind {
    let lower = title.to_lowercase();
    let has = |w: &str| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if has("keynote") || has("keynotes") {
        Kind::Keynote
    } else if has("panel") || has("panels") {
        Kind::Panel
    } else if has("workshop") || has("tutorial") || has("hands-on") {
        Kind::Workshop
    } else if has("ignite") || has("lightning") {
        Kind::Ignite
    } else {
        default
    }
}

/// A short line between paragraphs that reads as a title: `Securing Containers`,
/// `The Handling Secrets Breakout…`, `Why Did I Attend?`.
fn is_title_like(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || t.chars().count() > 80 {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() && words.len() >= 3) {
        return false;
    }
    if t.ends_with([':', ',', ';']) || t.contains("://") || t.contains(" = ") || t.contains("www.") {
        return false;
    }
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "for", "with", "to", "from", "by", "and", "or", "vs", "vs.", "is",
        "it",
    ];
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    let capitalised = content
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()))
        .count();
    let ratio = if content.is_empty() {
        0.0
    } else {
        capitalised as f32 / content.len() as f32
    };
    if t.ends_with('.') && !t.ends_with("...") {
        return ratio >= 0.75 && words.len() <= 8;
    }
    words.len() <= 5 || ratio >= 0.5
}

fn normalise_tag(tag: &str) -> String {
    tag.trim()
        .trim_start_matches('#')
        .trim_end_matches(['-', '_', '.'])
        .to_lowercase()
}

/// The conference: front matter, then a title naming it beside a year (`PyGotham 2018 talk
/// notes`), then the folder, then the file name; written as the notes write it.
fn conference_for(
    front: Option<&FrontMatter>,
    doc_title: &str,
    raw: &[&str],
    hints: &PathHints,
    sessions: usize,
) -> Option<String> {
    if let Some(c) = front.and_then(|f| f.conference.clone()) {
        return Some(c);
    }
    // The title, or else the first line of a plain note (`Breakout notes, DevOpsDays Edinburgh 2017`).
    let first_line = raw
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .filter(|l| l.len() <= 100)
        .unwrap_or("");
    let from_title = YEAR_NAME
        .captures(doc_title)
        .or_else(|| YEAR_NAME.captures(first_line))
        .map(|c| c[1].trim().to_string())
        .filter(|n| !n.is_empty());
    let from_title = from_title.map(|n| {
        // "Minutes of the FOSDEM" → "FOSDEM": keep the capitalised run next to the year.
        let words: Vec<&str> = n.split_whitespace().collect();
        let start = words
            .iter()
            .rposition(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()))
            .map_or(0, |p| p + 1);
        words[start..].join(" ")
    });
    if let Some(name) = from_title.filter(|n| !n.is_empty() && !["Day", "Notes", "Jour"].contains(&n.as_str())) {
        return Some(name);
    }
    let from_path = if hints.file_conference.is_some() && (sessions > 1 || hints.folder_conference.is_none()) {
        hints.file_conference.clone()
    } else {
        hints.folder_conference.clone().or(hints.file_conference.clone())
    }?;
    Some(recover_case(&from_path, raw))
}

/// `Devopsdays Edinburgh` → `DevopsDays Edinburgh` when the notes write it so.
fn recover_case(name: &str, raw: &[&str]) -> String {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    // `DockerCon` is already written with care; only names made from lower-case paths change.
    if name
        .split_whitespace()
        .any(|w| w.chars().skip(1).any(char::is_uppercase))
    {
        return name.to_string();
    }
    let pattern = name
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[\s\-_]*");
    let Ok(re) = Regex::new(&format!(r"(?i)\b{pattern}\b")) else {
        return name.to_string();
    };
    for line in raw.iter().take(2000) {
        if let Some(m) = re.find(line) {
            let found = m.as_str();
            if capitals(found) > capitals(name) && found != found.to_uppercase() {
                return found.to_string();
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_like_lines() {
        for t in [
            "Securing Containers",
            "The Handling Secrets Breakout…",
            "Why Did I Attend?",
            "Inside the Container.",
            "Tool for the Ops side of the Devops",
            "Kubernetes for the Faint Hearted",
            "Logging",
        ] {
            assert!(is_title_like(t), "{t}");
        }
        for t in [
            "Short retrospective at time for feedback",
            "Instructions and help for tech set up sent out well in advance",
            "Some multi user / enterpise options were:",
            "dod-edi.info for generic info on the event",
            "15 people",
            "“Mean Time To Recover” – slicing and dicing",
        ] {
            assert!(!is_title_like(t), "{t}");
        }
    }

    #[test]
    fn speaker_lines() {
        assert_eq!(
            speaker_line("Kelsey Hightower - Staff Dev Advocate, Google"),
            Some(vec!["Kelsey Hightower".into()])
        );
        assert_eq!(
            speaker_line("Andrew Godwin, Django Core Developer, Eventbrite"),
            Some(vec!["Andrew Godwin".into()])
        );
        assert_eq!(speaker_line("E. Dunham (Mozilla)"), Some(vec!["E. Dunham".into()]));
        assert_eq!(speaker_line("@phildini"), Some(vec!["@phildini".into()]));
        // A bare name needs a known given name here; under a title (a strong place) less will do.
        assert_eq!(speaker_line("Radina Matic"), None);
        assert_eq!(speaker_line("Kent Stroker"), Some(vec!["Kent Stroker".into()]));
        assert_eq!(speaker_line("Docker Enterprise Edition"), None);
        assert_eq!(speaker_line("Swarm is Cluster Orchestration"), None);
    }

    #[test]
    fn talk_headings() {
        let ctx = DateContext {
            year: Some(2020),
            reference: "2020-02-06".parse().ok(),
            current: None,
        };
        let h = talk_heading(
            "Saturday 10:00 How FOSS could revolutionize municipal government - Danese Cooper",
            &ctx,
        )
        .unwrap();
        assert_eq!(h.title, "How FOSS could revolutionize municipal government");
        assert_eq!(h.speakers, ["Danese Cooper"]);
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2020-02-01"));
        let h = talk_heading("\"Loop Better\" by Trey Hunner", &ctx).unwrap();
        assert_eq!(
            (h.title.as_str(), h.speakers.as_slice()),
            ("Loop Better", &["Trey Hunner".to_string()][..])
        );
        let h = talk_heading("Kubernetes Deconstructed - Carson Anderson, DOMO @carsonoid", &ctx).unwrap();
        assert_eq!(h.title, "Kubernetes Deconstructed");
        assert_eq!(h.speakers, ["Carson Anderson"]);
        assert!(talk_heading("Multi-factor authentication", &ctx).is_none());
        assert!(talk_heading("Dan Kohn - Exec Dir - CNCF", &ctx).is_none());
        assert!(talk_heading("Day 2 Keynote", &ctx).is_none());
    }

    #[test]
    fn titles_cut_before_notes() {
        assert_eq!(
            cut_title("All Tech is Debt @david.stanke “Did you ever”").0,
            "All Tech is Debt"
        );
        assert_eq!(
            cut_title("So You Want To Run Your Own Kubernetes Cluster ?").0,
            "So You Want To Run Your Own Kubernetes Cluster ?"
        );
    }
}
