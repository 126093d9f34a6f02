//! The session builder: one pass over a note's lines, tracking the conference day, the
//! session being written and the block it belongs to (ignites, open spaces).
//!
//! Length: over 500 lines on purpose. This is the one pass with state (the day, the open session,
//! ignite and open-space blocks, a speaker sought under a title); every recogniser it calls lives
//! in its own file, and the state machine left here reads best whole. Its tests are `tests.rs`,
//! `shape_tests.rs`, `form_tests.rs` and `undated_tests.rs`.

use super::cards::outline_talk_line;
use super::dates::{self, DateContext, day_line, find_year};
use super::evidence::{self, FreeSection, ScheduledTalk};
use super::fields::{self, Field};
use super::finish::{self, FileFacts, YEAR_NAME};
use super::forms;
use super::free_titles;
use super::front_matter::FrontMatter;
use super::heading::{
    PANEL_LABEL, TalkHeading, clean_title, cut_title, is_title_like, kind_of, panel_members, speaker_first,
    speaker_line, talk_from_text, talk_heading_dated,
};
use super::indent;
use super::names::{self, dash_parts, dash_ranges, name_score, speakers_from_byline};
use super::outline::{self, Outline};
use super::parts;
use super::path_hints::PathHints;
use super::rule::ParseRule;
use super::schedule::{self, Slot, slot_prefix, slot_suffix};
use super::shaped;
use super::speaker_lines;
use super::table::{self, RowTalk};
use super::text::Line;
use super::{Format, Kind, ParseWarning, ParsedNote};
use jiff::civil::Date;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::LazyLock;

/// How a session was started; it decides what may end it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
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
pub(super) struct Draft {
    pub(super) title: String,
    pub(super) speakers: Vec<String>,
    pub(super) kind: Kind,
    pub(super) date: Option<Date>,
    pub(super) year: Option<i16>,
    pub(super) slot: Slot,
    pub(super) room: Option<String>,
    pub(super) attended: Option<bool>,
    /// Tags a labelled line of the talk's notes gave (`Tags: async, python`).
    pub(super) tags: Vec<String>,
    pub(super) body: Vec<String>,
    /// Lines of the file that belong to this session (for links).
    pub(super) lines: Vec<usize>,
    pub(super) first_line: usize,
    pub(super) origin: Origin,
    /// Still looking for a speaker in the first lines under the title.
    pub(super) seeking_speaker: bool,
    /// Under a `who:` or `Presenters` line: the items below are speakers.
    pub(super) speaker_list_depth: Option<u8>,
    /// Listed in a table of contents that links to the talk's own note file.
    pub(super) contents_entry: bool,
    /// A free section after a day close: why it has its year, or none (`--explain`).
    pub(super) year_reason: Option<String>,
}

impl Draft {
    pub(super) fn new(title: String, kind: Kind, origin: Origin, first_line: usize) -> Draft {
        Draft {
            title,
            speakers: Vec::new(),
            kind,
            date: None,
            year: None,
            slot: Slot::default(),
            room: None,
            tags: Vec::new(),
            attended: None,
            body: Vec::new(),
            lines: vec![first_line],
            first_line,
            origin,
            seeking_speaker: false,
            speaker_list_depth: None,
            contents_entry: false,
            year_reason: None,
        }
    }
}

/// The block a schedule line opened.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    None,
    Ignites {
        slot: Slot,
        /// Opened by a heading (`### Lightning talks`) at this level, not a schedule line: its
        /// top-level items are the talks, read leniently (`- Alice: why tests fail at 3am`).
        heading: Option<u8>,
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
    /// Rows of tables of talks, by line.
    rows: HashMap<usize, RowTalk>,
    /// Open headings that name a kind of session (`# Ignites`, `## Workshops`), by level.
    kind_headings: Vec<(u8, Kind)>,
    /// Headings already read, by text, whose reading needs no date context: the outline stage
    /// reads every heading, and the builder would read it again.
    headings_read: RefCell<HashMap<String, Option<TalkHeading>>>,
    warnings: Vec<ParseWarning>,
    /// The year the file states for itself (front matter, path, title), before any day.
    file_year: Option<i16>,
    /// After a day close: the run of free sections being written (one pasted post), which
    /// the closed day does not date.
    free_run: Option<usize>,
    runs: usize,
    /// Free sections after a day close, by draft, with their run: dated by `evidence`.
    free: Vec<(usize, usize)>,
    /// Sections opened since the day's last slot or talk: free if another event's day follows.
    since_slot: Vec<usize>,
    /// Headings naming a day by a full date among other words, with slot lines under them
    /// (`## Meetup of 12 March 2022`), by line.
    day_headings: HashMap<usize, Date>,
    /// Plain-text lines that are sentence-case section titles (`free_titles`), by number:
    /// section titles after a day close.
    sentence_titles: HashSet<usize>,
}

/// Sections after a day's last talk and before a day more than this many days away (or in
/// another year) are not about the day: another event's schedule follows them.
const EVENT_GAP_DAYS: i32 = 7;

static SPEAKER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:who|speakers?|presenters?|presentors?|presented by|panelists?|panellists?|moderators?|moderated by|hosts?|hosted by|by|par|intervenants?|orateurs?)\s*(?::|\s[-–—]\s|\s)\s*(.*)$")
        .expect("valid regex")
});
static SPEAKER_LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:who|speakers?|presenters?|presentors?|panelists?|panellists?|people|panel|moderators?|hosts?|about me|about the speakers?)\s*:?\s*$").expect("valid regex")
});
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

pub(super) fn build(
    path: &str,
    raw: &[&str],
    lines: &[Line],
    front: Option<&FrontMatter>,
    hints: &PathHints,
    format: Format,
    rule: Option<&ParseRule>,
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
    let year = year.or_else(|| find_year(&doc_title));
    // The year the file states for itself: not a first line that is a schedule's first day.
    let first_is_day = raw
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .is_some_and(|l| day_line(l, &DateContext::default()).is_some());
    let stated = year;
    let year = year.or_else(|| {
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
    let file_year = if first_is_day { stated } else { year };
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
        rows: table::talks(lines),
        kind_headings: Vec::new(),
        headings_read: RefCell::default(),
        warnings: Vec::new(),
        file_year,
        free_run: None,
        runs: 0,
        free: Vec::new(),
        since_slot: Vec::new(),
        day_headings: day_headings(lines),
        sentence_titles: if format == Format::Plain {
            free_titles::sentence_titles(lines)
        } else {
            HashSet::default()
        },
    };
    b.outline = match rule {
        Some(rule) => outline::forced(lines, raw, rule, &|text: &str| b.talk_heading(text).is_some()),
        None => outline::infer(lines, &|text: &str| b.talk_heading(text).is_some()),
    };
    if rule.is_none() && format == Format::Plain && b.outline.level.is_none() && b.outline.paragraphs.is_empty() {
        // A plain-text outline: talks at the depth whose lines with notes under them name speakers.
        if let Some((depth, talks)) = indent::talks(lines, &outline_talk) {
            b.outline.reasons.push(format!(
                "indentation: {} lines at depth {depth} with notes under them are talks",
                talks.len()
            ));
            b.outline
                .paragraphs
                .extend(talks.into_iter().map(|(no, title, speakers)| (no, (title, speakers))));
        }
    }
    if rule.is_some() {
        // Under a `[[parse]]` rule only what the rule names opens a talk.
        b.rows.clear();
    }
    b.structured = b.outline.rule.is_some()
        || !b.outline.paragraphs.is_empty()
        || lines.iter().any(|l| !l.code && b.names_a_talk(l));
    if let Some(f) = front.filter(|f| f.title.is_some() && !b.structured) {
        // Front matter that names one talk: the file is that talk.
        let mut d = Draft::new(
            f.title.clone().unwrap_or_default(),
            Kind::Talk,
            Origin::File,
            lines.first().map_or(1, |l| l.no),
        );
        d.speakers = f.speakers.clone();
        if d.speakers.is_empty()
            && let Some((title, speakers)) = forms::talk_in_post_title(&d.title, |t| talk_from_text(t, true))
        {
            // `title: "Notes on 'Designing data pipelines' by Sanna Virtanen at Data Days 2020"`
            d.title = title;
            d.speakers = speakers;
        }
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
    // A block still open at the end of the file (an open-space block's topics) keeps its notes.
    b.end_block();
    b.close();
    b.finish(raw, front, hints)
}

/// Headings that name a day by a full date among a few words (`Meetup of 12 March 2022`) and
/// have slot lines under them: a schedule's day, not a section.
fn day_headings(lines: &[Line]) -> HashMap<usize, Date> {
    let mut days = HashMap::default();
    for (i, line) in lines.iter().enumerate() {
        if line.heading.is_none() || line.code {
            continue;
        }
        let Some(date) = dates::dated_heading(&line.text).and_then(|f| f.date) else {
            continue;
        };
        let slot_below = lines
            .get(i + 1)
            .is_some_and(|next| !next.code && slot_prefix(&next.text).is_some_and(|(_, rest)| !rest.trim().is_empty()));
        if slot_below {
            days.insert(line.no, date);
        }
    }
    days
}

impl Builder<'_> {
    /// Does this line start a talk: a schedule line or a heading naming a talk?
    fn names_a_talk(&self, line: &Line) -> bool {
        if self.rows.contains_key(&line.no) {
            return true;
        }
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
        if d.kind == Kind::Talk
            && let Some(&(_, kind)) = self.kind_headings.last()
        {
            // Under `# Ignites` or `## Workshops`: the talks are of that kind.
            d.kind = kind;
        }
        if d.date.is_none() {
            d.date = self.ctx.current;
        }
        d.year = d.date.map(|x| x.year()).or(self.ctx.year);
        let section = d.kind == Kind::Section;
        self.sessions.push(d);
        let i = self.sessions.len() - 1;
        self.current = Some(i);
        match (section, self.free_run) {
            (true, Some(run)) => self.free.push((i, run)),
            (true, None) if self.ctx.current.is_some() => self.since_slot.push(i),
            // A talk between free sections: those after it are another run.
            (false, Some(_)) => self.free_run = Some(self.next_run()),
            _ => self.since_slot.clear(),
        }
        i
    }

    fn next_run(&mut self) -> usize {
        self.runs += 1;
        self.runs
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
            // `Opening keynote - Priya Raman - Title`: the kind may be a part of its own.
            let kind_part = dash_parts(&line.text).into_iter().find(|p| forms::is_kind_phrase(p));
            d.kind = kind_of(kind_part.unwrap_or(&d.title), Kind::Talk);
            d.speakers = speakers;
            d.lines.clear();
            self.open(d);
            self.append(line);
            return;
        }
        if self.outline.level == Some(outline::LINE_LEVEL) && self.outline.talk_at(line.no).is_some() {
            // A line the `[[parse]]` pattern matches: a talk, read like a heading.
            self.heading(line, line.heading.unwrap_or(outline::LINE_LEVEL));
            return;
        }
        if let Some(row) = self.rows.get(&line.no).cloned() {
            // A row of a table of talks: the talk, with nothing more to it.
            self.end_block();
            self.close();
            let mut d = Draft::new(row.title, Kind::Talk, Origin::Schedule, line.no);
            d.kind = kind_of(&d.title, Kind::Talk);
            d.speakers = row.speakers;
            d.slot = row.slot;
            d.room = row.room;
            self.open(d);
            self.close();
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
        if self.format == Format::Plain && line.indent == 0 && is_rule(text) {
            // `=====` under an outline's notes: the talks end; what follows is a section.
            if self.current.is_some_and(|i| self.sessions[i].kind != Kind::Section) {
                self.end_block();
                self.close();
                let d = Draft::new(String::new(), Kind::Section, Origin::Section(None), line.no);
                self.open(d);
            }
            return;
        }
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
                // Under a `[[parse]]` rule a schedule line opens no talk the rule does not name.
                if (!rest.is_empty() || line.blank_after) && self.outline.rule.is_none() {
                    self.schedule(line, slot, rest, None);
                    return;
                }
            }
            if let Some((before, slot)) = slot_suffix(text)
                && self.outline.rule.is_none()
                && (schedule::is_open_space_block(before)
                    || (self.open_space_day && schedule::is_session_round(before)))
            {
                self.start_open_space(slot, line.no);
                return;
            }
        }
        // Copies of what the block says, not of the block: it holds the notes gathered so far.
        let ignite_slot = match self.block {
            Block::Ignites { slot, heading } => Some((slot, heading)),
            _ => None,
        };
        let collecting = matches!(self.block, Block::OpenSpace { collecting: true, .. });
        match (ignite_slot, collecting) {
            (Some((slot, heading)), _) => {
                let read = match heading {
                    None => speaker_first(text),
                    // Under a `Lightning talks` heading each top-level item is a talk.
                    Some(_) if line.item.is_none_or(|d| d <= 1) => {
                        speaker_first(text).or_else(|| lightning_item(text, line.lead_emphasis))
                    }
                    Some(_) => None,
                };
                if let Some((speakers, title, notes)) = read {
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
            // After a day close, prose pasted from a post: its titles may be in sentence case.
            if is_title_like(text) || (self.free_run.is_some() && self.sentence_titles.contains(&line.no)) {
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
            if d.body.len() < fields::FIELD_LINES && d.kind != Kind::Section && line.heading.is_none() {
                // `Room: Hall A`, `Tags: async, python` at the top of a talk's notes.
                match fields::labelled(&line.text) {
                    // `Location: Austin, TX` over a whole file's notes is the conference's city.
                    Some(Field::Room(room, said_room))
                        if d.room.is_none() && (said_room || d.origin != Origin::File) =>
                    {
                        d.room = Some(room)
                    }
                    Some(Field::Tags(tags)) => d.tags.extend(tags),
                    _ => {}
                }
            }
            d.body.push(line.text.clone());
            d.lines.push(line.no);
        }
    }

    fn new_day(&mut self, date: Option<(Date, Option<i16>)>) {
        self.end_block();
        self.close();
        self.open_space_day = false;
        self.pending_section_title = None;
        let since_slot = std::mem::take(&mut self.since_slot);
        if let (Some((next, _)), Some(day), None) = (date, self.ctx.current, self.free_run) {
            // No close was written, but the sections after the day's last talk are followed by
            // another event's schedule: the day ended with its last talk.
            let gap = (next - day).get_days().abs();
            if !since_slot.is_empty() && (next.year() != day.year() || gap > EVENT_GAP_DAYS) {
                let run = self.next_run();
                self.free.extend(since_slot.into_iter().map(|i| (i, run)));
            }
        }
        self.free_run = None;
        if let Some((d, _)) = date {
            self.ctx.current = Some(d);
            self.ctx.year = Some(d.year());
        }
    }

    fn heading(&mut self, line: &Line, level: u8) {
        let text = line.text.trim();
        self.kind_headings.retain(|&(l, _)| l < level);
        if let Block::Ignites { heading: Some(l), .. } = self.block
            && level <= l
        {
            // A heading beside `### Lightning talks`: its talks end.
            self.end_block();
            self.close();
        }
        if level < outline::BOLD_LEVEL
            && text.split_whitespace().count() <= 3
            && self.talk_heading(text).is_none()
            && self.outline.talk_at(line.no).is_none()
            && let kind @ (Kind::Ignite | Kind::Workshop | Kind::Keynote | Kind::Panel) = kind_of(text, Kind::Talk)
        {
            self.kind_headings.push((level, kind));
            if kind == Kind::Ignite && forms::group_heading(text) && self.outline.rule.is_none() {
                // `## Lightning talks`: not a part of the talk above; its items are its talks.
                self.end_block();
                self.close();
                self.block = Block::Ignites {
                    slot: Slot::default(),
                    heading: Some(level),
                };
                self.pending_section_title = Some(clean_title(text));
                return;
            }
        }
        if let Some(found) = day_line(text, &self.ctx) {
            self.new_day(found.and_then(|f| f.date.map(|d| (d, f.year))));
            return;
        }
        if let Some(found) = dates::labelled_day(text, &self.ctx)
            && let Some(date) = found.date
        {
            // `# KubeCon — Day 2, Thursday 3 April`: the event's name, then the day.
            self.new_day(Some((date, found.year)));
            return;
        }
        if self.outline.level.is_some_and(|l| level < l)
            && let Some(year) = find_year(text)
        {
            // `* PyCon Italia 2024, Florence` above the talks: the year of the talks under it.
            self.ctx.year = Some(year);
        }
        // Under a `[[parse]]` rule only what the rule names opens a talk.
        let mut talk = if self.outline.rule.is_some() && self.outline.talk_at(line.no).is_none() {
            None
        } else {
            self.talk_heading(text).or_else(|| {
                // `## Queues (Okonkwo)` among siblings of its shape: the surname is the speaker.
                self.outline.shaped.get(&line.no).map(|(title, speakers)| TalkHeading {
                    title: clean_title(title),
                    speakers: speakers.clone(),
                    slot: None,
                    date: None,
                    rest: text.to_string(),
                })
            })
        };
        if let Some(&date) = self.day_headings.get(&line.no).filter(|_| talk.is_none()) {
            // `## Meetup of 12 March 2022` over slot lines: that day; notes right under it
            // (before the first slot) are a section with its title.
            self.new_day(Some((date, Some(date.year()))));
            self.pending_section_title = Some(clean_title(text));
            return;
        }
        if let Some(below) = self.outline.talk_at(line.no) {
            // A title-only heading among sibling talks: a talk, with the speakers under it.
            let t = talk.get_or_insert_with(|| TalkHeading {
                title: clean_title(forms::without_talk_label(text)),
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
                .or_else(|| {
                    speaker_lines::speaker_of(line, true).filter(|_| d.body.is_empty() && line.heading.is_none())
                }),
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
        // Sections before this slot sit inside the day.
        self.since_slot.clear();
        let rest = rest.trim().trim_start_matches(['-', '–', '—', ':', '|']).trim();
        if rest.is_empty() || schedule::is_not_session(rest) {
            self.pending_section_title = (!rest.is_empty()).then(|| clean_title(rest));
            if schedule::ends_day(rest) {
                // Notes after the day's close are not about that day: its date and year do not
                // date them (`evidence` does).
                self.ctx.current = None;
                self.pending_section_title = None;
                if self.free_run.is_none() {
                    self.free_run = Some(self.next_run());
                }
            }
            return true;
        }
        if schedule::is_ignite_block(rest) {
            self.block = Block::Ignites { slot, heading: None };
            return true;
        }
        if schedule::is_open_space_block(rest) {
            self.start_open_space(slot, line.no);
            return true;
        }
        let origin = heading.map_or(Origin::Schedule, Origin::Heading);
        // `H.2215 - Title`, `[Room 301] Title`: the room, then the talk.
        let (room, rest) = match forms::leading_room(rest) {
            Some((room, after)) => (Some(room), after),
            None => (None, rest),
        };
        let (title, speakers, notes) = talk_from_text(rest, false);
        let mut d = Draft::new(title, Kind::Talk, origin, line.no);
        d.room = room;
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
        if let Some(read) = self.headings_read.borrow().get(text) {
            return read.clone();
        }
        let (read, dated) = talk_heading_dated(text, &self.ctx);
        if !dated {
            self.headings_read.borrow_mut().insert(text.to_string(), read.clone());
        }
        read
    }

    /// Free sections after a day close get the year their own text gives (`evidence`).
    fn date_free_sections(&mut self, raw: &[&str]) {
        if self.free.is_empty() {
            return;
        }
        let talks: Vec<ScheduledTalk> = self
            .sessions
            .iter()
            .filter(|d| !matches!(d.kind, Kind::Section | Kind::OpenSpace))
            .filter_map(|d| {
                d.date.map(|date| ScheduledTalk {
                    year: date.year(),
                    line: d.first_line,
                    title: &d.title,
                    speakers: &d.speakers,
                })
            })
            .collect();
        // A title-only section gives its title to the next one (as `finish` joins them): they
        // are weighed as one.
        let mut sections: Vec<FreeSection> = Vec::new();
        let mut dated_drafts: Vec<usize> = Vec::new();
        let mut carried: Option<(usize, usize)> = None;
        for &(i, run) in &self.free {
            let d = &self.sessions[i];
            let mut lines: Vec<usize> = d.lines.clone();
            match carried.take() {
                Some((title, carried_run)) if carried_run == run => lines.extend(&self.sessions[title].lines),
                _ => {}
            }
            if d.body.is_empty() && d.speakers.is_empty() {
                carried = Some((i, run));
                continue;
            }
            lines.sort_unstable();
            lines.dedup();
            let mut text = String::new();
            if !lines.contains(&d.first_line) {
                text.push_str(&d.title);
                text.push('\n');
            }
            for &no in &lines {
                if let Some(l) = raw.get(no.wrapping_sub(1)) {
                    text.push_str(l);
                    text.push('\n');
                }
            }
            sections.push(FreeSection {
                first_line: lines.first().copied().unwrap_or(d.first_line),
                last_line: lines.last().copied().unwrap_or(d.first_line),
                run,
                text,
            });
            dated_drafts.push(i);
        }
        let dated = evidence::date_sections(&talks, &sections, self.file_year);
        for (i, dating) in dated_drafts.into_iter().zip(dated) {
            let d = &mut self.sessions[i];
            d.date = None;
            d.year = dating.year;
            d.year_reason = Some(dating.reason);
        }
    }

    fn finish(mut self, raw: &[&str], front: Option<&FrontMatter>, hints: &PathHints) -> ParsedNote {
        let starts: Vec<(u8, u8)> = self.sessions.iter().filter_map(|d| d.slot.start).collect();
        // Times that start again (`09:30 … 17:45`, `09:30 …`) are the talks of several days.
        let one_day = starts.windows(2).all(|w| w[0] <= w[1]);
        if let Some(date) = front.and_then(|f| f.date)
            && one_day
            && self.sessions.iter().all(|d| d.date.is_none())
        {
            // The file's own date (front matter `date:`, org `#+DATE:`) when it names no day:
            // the day of its talks, as it is for a file that is one talk.
            for d in self
                .sessions
                .iter_mut()
                .filter(|d| d.year.is_none_or(|y| y == date.year()))
            {
                d.date = Some(date);
                d.year = Some(date.year());
            }
        }
        self.date_free_sections(raw);
        let file = FileFacts {
            path: self.path,
            doc_title: &self.doc_title,
            year: self.ctx.year,
        };
        let (sessions, year_reasons) = finish::sessions(self.sessions, &file, raw, front, hints);
        ParsedNote {
            sessions,
            warnings: self.warnings,
            outline: self.outline,
            year_reasons,
        }
    }
}

/// A plain outline's line read as a talk: `Ana Costa - @acosta - Title - URL`, `Keynote - Liz
/// Fong-Jones - Title`, `Ben Ode - Queues under load`; its text as the title when it names no one.
fn outline_talk(text: &str) -> (String, Vec<String>) {
    if let Some(found) = outline_talk_line(text).or_else(|| parts::title_and_speakers(text, false)) {
        return found;
    }
    let (title, speakers, _) = talk_from_text(text, true);
    (title, speakers)
}

/// A top-level item under a `Lightning talks` heading, where a speaker's first name is enough:
/// `Alice: why tests fail at 3am`, `Bob – shipping on Fridays`, `**Title** — Speaker`,
/// `**Speaker**: Title`, `Title by Surname`. `lead_emphasis`: bytes emphasised at its start.
fn lightning_item(text: &str, lead_emphasis: usize) -> Option<(Vec<String>, String, String)> {
    let told = |speakers: Vec<String>, title: &str| {
        let (title, notes) = cut_title(title);
        (!title.is_empty()).then_some((speakers, title, notes))
    };
    if lead_emphasis > 0
        && let Some(emphasised) = text.get(..lead_emphasis)
    {
        let rest = text[lead_emphasis..]
            .trim_start_matches([' ', ':', '-', '–', '—', '|', ','])
            .trim();
        let rest = rest.strip_prefix("by ").unwrap_or(rest);
        if rest.chars().any(char::is_alphabetic) {
            if let Some(speakers) = shaped::weak_names(rest) {
                return told(speakers, emphasised);
            }
            if let Some(speakers) = shaped::weak_names(emphasised) {
                return told(speakers, rest);
            }
        }
    }
    if let Some(found) = shaped::read(text) {
        return told(found.speakers, &found.title);
    }
    // `Bob – shipping on Fridays`: the first name, then the title.
    let parts = dash_ranges(text);
    if let [who, next, ..] = parts.as_slice()
        && let Some(speakers) = shaped::weak_names(&text[who.clone()])
    {
        return told(speakers, &text[next.start..]);
    }
    None
}

/// A line drawn across the page: `=====`, `-----`, `*****`, `~~~~~`.
fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3 && t.chars().all(|c| c == t.chars().next().unwrap_or(' ')) && t.starts_with(['=', '-', '*', '~', '_'])
}
