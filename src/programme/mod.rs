//! Official programmes saved in the notes folder: a conference's own schedule file, recognised
//! by its content (`recognise`), read into one [`Session`] per talk (`read`). Pure, as
//! `notes::parse` is: a path (for hints and ids) and a text in, sessions and warnings out.
//!
//! Four formats, one reader each: frab/pretalx `schedule.json` (`frab_json`) and
//! `schedule.xml` (`frab_xml`), Sessionize's `/view/All` JSON (`sessionize`) and iCalendar
//! (`ical`). Each reader turns its file into a [`Programme`] of [`Event`]s, the fields as the
//! schedule prints them; this module makes them sessions: kind from the event type, title with
//! its subtitle, the track as a tag, abstract and description as the body, the event's page and
//! recording among the links, themes, and an id from the schedule's own event id.
//!
//! A file that is recognised but cannot be read (cut short, not well-formed) gives no session
//! and one warning with its line; the rest of the corpus is indexed as usual.

mod frab_json;
mod frab_xml;
mod ical;
mod json_lines;
pub(crate) mod matching;
mod sessionize;

use crate::notes::{
    self, Kind, Link, Origin, ParseWarning, ParsedNote, Session, Source, Taxonomy, index_pages, path_hints,
};
use jiff::civil::Date;
use std::collections::HashMap;

/// The schedule formats confsearch reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// frab / pretalx `schedule.json` (the c3voc schema).
    FrabJson,
    /// frab / pretalx `schedule.xml`.
    FrabXml,
    /// Sessionize's `/view/All` JSON.
    Sessionize,
    /// iCalendar (`.ics`).
    Ical,
}

impl Format {
    /// How `parse` names the format.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::FrabJson => "frab/pretalx schedule.json",
            Format::FrabXml => "frab/pretalx schedule.xml",
            Format::Sessionize => "Sessionize JSON",
            Format::Ical => "iCalendar",
        }
    }
}

/// Extensions of files that are read only when they hold a schedule (`corpus::is_note_file`
/// walks them): a `package.json` beside the notes is skipped without a word.
pub(crate) const SCHEDULE_EXTENSIONS: &[&str] = &["json", "xml", "ics"];

/// Whether `path` has an extension of [`SCHEDULE_EXTENSIONS`].
pub(crate) fn has_schedule_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && SCHEDULE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// How much of a file's start is looked at to recognise it (a schedule says what it is in its
/// first lines; a cut-short file must still be recognised, to be reported).
const SNIFF_BYTES: usize = 64 << 10;

/// The schedule format `text` is written in, whatever the file's name; `None` for anything
/// else (notes, a `package.json`, an XML file of another kind). Decided on the start of the
/// text only, so a schedule cut short is still recognised and its error reported.
pub(crate) fn recognise(text: &str) -> Option<Format> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let head = &text[..notes::text::char_floor(text, SNIFF_BYTES)];
    if head.starts_with('{') {
        // frab/pretalx: `{"$schema": …, "schedule": {"version": …, "conference": {…`.
        if has_key(head, "schedule") && has_key(head, "conference") {
            return Some(Format::FrabJson);
        }
        // Sessionize: `{"sessions": [{"id": …, "startsAt": …` (speakers, rooms come after).
        if has_key(head, "sessions") && (has_key(head, "startsAt") || has_key(head, "speakers")) {
            return Some(Format::Sessionize);
        }
        return None;
    }
    if head.starts_with('<') {
        return (frab_xml::root_element(head) == Some("schedule")).then_some(Format::FrabXml);
    }
    let first = head.lines().next().unwrap_or_default().trim();
    first.eq_ignore_ascii_case("BEGIN:VCALENDAR").then_some(Format::Ical)
}

/// `"key"` followed by a colon: a key of some JSON object in `head`.
fn has_key(head: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    head.match_indices(&quoted)
        .any(|(at, q)| head[at + q.len()..].trim_start().starts_with(':'))
}

/// One event of a programme, as the schedule writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Event {
    /// The schedule's own id for it: frab's `guid` (else its `id`), Sessionize's id, the
    /// iCalendar `UID`.
    pub(crate) uid: Option<String>,
    /// The line the event starts on.
    pub(crate) line: usize,
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    /// Full names, as the programme prints them.
    pub(crate) speakers: Vec<String>,
    pub(crate) date: Option<Date>,
    /// `HH:MM`, in the conference's time zone.
    pub(crate) start: Option<String>,
    pub(crate) end: Option<String>,
    /// The event type as written (`Talk`, `Lightning Talk`, `Keynote`…).
    pub(crate) kind: Option<String>,
    pub(crate) room: Option<String>,
    pub(crate) track: Option<String>,
    pub(crate) abstract_text: Option<String>,
    pub(crate) description: Option<String>,
    /// The event's page first, then its recording, then its other links.
    pub(crate) urls: Vec<String>,
}

/// A schedule file read: the conference it is of, its events, and what was odd about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Programme {
    /// The schedule's title (or acronym, or calendar name); none in a Sessionize file.
    pub(crate) conference: Option<String>,
    /// The conference's first day, for a year when an event has no date.
    pub(crate) first_day: Option<Date>,
    pub(crate) events: Vec<Event>,
    pub(crate) warnings: Vec<ParseWarning>,
}

/// A schedule that could not be read: where and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unreadable {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// What a corpus file holds: notes, a schedule, or neither.
pub(crate) enum Reading {
    /// Notes, read by the note parser as always.
    Notes,
    /// An official schedule, read into its sessions.
    Schedule(Format, Box<ParsedNote>),
    /// A `.json`, `.xml` or `.ics` file that is no schedule (`package.json`): nothing to index.
    Neither,
}

/// What the file at `path` (relative to the notes folder) holds, read into sessions when it is
/// a schedule. Notes are left to the caller, which has the note parser's context (rules,
/// index pages).
pub(crate) fn read_file(path: &str, text: &str, taxonomy: &Taxonomy) -> Reading {
    match recognise(text) {
        Some(format) => Reading::Schedule(format, Box::new(read(path, text, format, taxonomy))),
        None if has_schedule_extension(path) => Reading::Neither,
        None => Reading::Notes,
    }
}

/// The sessions of the note or schedule at `path`: what `index` and `parse` both read a file
/// with. `None` when the file is neither notes nor a schedule.
pub(crate) fn parse_page(
    path: &str,
    text: &str,
    taxonomy: &Taxonomy,
    rule: Option<&notes::rule::ParseRule>,
    is_note: &dyn Fn(&str) -> bool,
) -> Option<(index_pages::Page, Option<Format>)> {
    match read_file(path, text, taxonomy) {
        Reading::Notes => Some((
            index_pages::parse_page_with_rule(path, text, taxonomy, rule, is_note),
            None,
        )),
        Reading::Schedule(format, note) => Some((
            index_pages::Page {
                note: *note,
                entries: Vec::new(),
            },
            Some(format),
        )),
        Reading::Neither => None,
    }
}

/// Reads a schedule of `format` into sessions; one that cannot be read gives none and a
/// warning with its line.
pub(crate) fn read(path: &str, text: &str, format: Format, taxonomy: &Taxonomy) -> ParsedNote {
    let text = text.trim_start_matches('\u{feff}');
    let read = match format {
        Format::FrabJson => frab_json::read(text),
        Format::FrabXml => frab_xml::read(text),
        Format::Sessionize => sessionize::read(text),
        Format::Ical => ical::read(text),
    };
    let programme = match read {
        Ok(p) => p,
        Err(e) => {
            return ParsedNote {
                warnings: vec![ParseWarning {
                    line: e.line,
                    message: format!("not read as a {} schedule: {}", format.name(), e.message),
                }],
                ..ParsedNote::default()
            };
        }
    };
    let hints = path_hints::from_path(path);
    let conference = programme
        .conference
        .clone()
        .or_else(|| hints.folder_conference.clone())
        .or_else(|| hints.file_conference.clone());
    let year = programme.first_day.map(|d| d.year()).or(hints.year);
    let mut sessions: Vec<Session> = programme
        .events
        .into_iter()
        .filter(|e| !is_break(e))
        .map(|e| session(path, e, conference.as_deref(), year, taxonomy))
        .collect();
    assign_ids(path, &mut sessions);
    ParsedNote {
        sessions,
        warnings: programme.warnings,
        ..ParsedNote::default()
    }
}

/// Breaks and meals a schedule lists between talks: no talk to search for (as in notes).
fn is_break(e: &Event) -> bool {
    let kind = e.kind.as_deref().unwrap_or_default().to_lowercase();
    ["break", "pause", "lunch", "coffee"].iter().any(|b| kind == *b)
}

/// The session kind a schedule's event type names; a talk when it names none of them.
pub(crate) fn kind_of(event_type: &str) -> Kind {
    let t = event_type.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["keynote"]) {
        Kind::Keynote
    } else if has(&["lightning", "ignite", "pecha"]) {
        Kind::Ignite
    } else if has(&["workshop", "hands-on", "hands on", "tutorial", "training", "lab"]) {
        Kind::Workshop
    } else if has(&["panel", "discussion", "fireside"]) {
        Kind::Panel
    } else if has(&[
        "open space",
        "open-space",
        "openspace",
        "unconference",
        "birds of a feather",
        "bof",
    ]) {
        Kind::OpenSpace
    } else {
        Kind::Talk
    }
}

/// `Title: Subtitle`, as a programme prints a talk with both (the title alone when its
/// subtitle is empty or repeats it).
fn full_title(title: &str, subtitle: Option<&str>) -> String {
    let title = title.trim();
    match subtitle.map(str::trim).filter(|s| !s.is_empty() && *s != title) {
        Some(sub) if title.ends_with([':', '?', '!', '.']) => format!("{title} {sub}"),
        Some(sub) => format!("{title}: {sub}"),
        None => title.to_string(),
    }
}

fn session(path: &str, e: Event, conference: Option<&str>, year: Option<i16>, taxonomy: &Taxonomy) -> Session {
    let title = full_title(&e.title, e.subtitle.as_deref());
    let mut body = String::new();
    for part in [&e.abstract_text, &e.description].into_iter().flatten() {
        let part = part.trim();
        if !part.is_empty() && !body.contains(part) {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(part);
        }
    }
    let mut links: Vec<Link> = Vec::new();
    let official = e.urls.iter().filter_map(|u| notes::links::normalise(u));
    let in_body = notes::links::find_links(&body).into_iter().map(|(_, l)| l);
    for link in official.chain(in_body) {
        if !links.iter().any(|l| l.url == link.url) {
            links.push(link);
        }
    }
    let tags = e
        .track
        .as_deref()
        .map(notes::normalise_tag)
        .filter(|t| !t.is_empty())
        .into_iter()
        .collect();
    let mut s = Session {
        // Given by `assign_ids`, from the schedule's id for the event.
        id: e.uid.clone().unwrap_or_default(),
        title: if title.is_empty() { "(untitled)".into() } else { title },
        speakers: e.speakers,
        conference: conference.map(str::to_string),
        year: e.date.map(|d| d.year()).or(year),
        date: e.date,
        start: e.start,
        end: e.end,
        kind: e.kind.as_deref().map_or(Kind::Talk, kind_of),
        from: Origin::Schedule,
        room: e.room.filter(|r| !r.trim().is_empty()),
        attended: None,
        tags,
        themes: Vec::new(),
        links,
        filled: Vec::new(),
        matched: Vec::new(),
        source: Source {
            path: path.to_string(),
            line: e.line.max(1),
        },
        body,
    };
    s.themes = taxonomy.assign(&s);
    s
}

/// The schedule's id of an event made safe for an id: lower-case letters, digits and `-`.
pub(crate) fn id_key(uid: &str) -> String {
    let key: String = uid
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    key.trim_matches('-').to_string()
}

/// `path#` and the schedule's id of the event (a guid, a number, a UID), made safe for an id;
/// a slug of the title for an event without one; `-2`, `-3` for one given twice.
fn assign_ids(path: &str, sessions: &mut [Session]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in sessions {
        let own = id_key(&s.id);
        let key = if own.is_empty() {
            notes::ids::slug(&s.title)
        } else {
            own
        };
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        s.id = if *n == 1 {
            format!("{path}#{key}")
        } else {
            format!("{path}#{key}-{n}")
        };
    }
}

/// `09:30` from `9:30`, `09:30:00` or `0930`; `None` when it is no time of day.
pub(crate) fn hh_mm(text: &str) -> Option<String> {
    let t = text.trim();
    let (h, m) = match t.split_once(':') {
        Some((h, rest)) => (h, rest.get(..2)?),
        None if t.len() >= 4 && t.is_char_boundary(2) && t.is_char_boundary(4) => (&t[..2], &t[2..4]),
        None => return None,
    };
    let h: u8 = h.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// The end of a slot that starts at `start` (`HH:MM`) and lasts `duration` (`00:45`, `1:30`,
/// `01:30:00`); on the clock, past midnight wrapping.
pub(crate) fn end_after(start: &str, duration: &str) -> Option<String> {
    let minutes = |hh_mm: &str| -> Option<u32> {
        let mut parts = hh_mm.trim().split(':');
        let h: u32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        (m < 60).then_some(h * 60 + m)
    };
    let end = (minutes(start)? + minutes(duration)?) % (24 * 60);
    Some(format!("{:02}:{:02}", end / 60, end % 60))
}

/// Names from a list such as `A, B & C`: as `notes` splits speakers.
pub(crate) fn split_names(text: &str) -> Vec<String> {
    notes::names::split_names(text)
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_by_content_whatever_the_name() {
        assert_eq!(
            recognise("{\"schedule\": {\"version\": \"1\", \"conference\": {\"title\": \"X\""),
            Some(Format::FrabJson)
        );
        assert_eq!(
            recognise("\u{feff}  {\"sessions\": [{\"id\": \"1\", \"startsAt\": \"2026-01-01T10:00:00\""),
            Some(Format::Sessionize)
        );
        assert_eq!(
            recognise("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<schedule>\n<conference>"),
            Some(Format::FrabXml)
        );
        assert_eq!(recognise("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), Some(Format::Ical));
    }

    #[test]
    fn package_json_and_other_xml_are_no_schedule() {
        assert_eq!(
            recognise("{\"name\": \"site\", \"scripts\": {\"schedule\": \"x\"}}"),
            None
        );
        assert_eq!(recognise("<?xml version=\"1.0\"?><rss><channel>"), None);
        assert_eq!(recognise("# Notes\n\nBEGIN:VCALENDAR is a line"), None);
        assert!(matches!(
            read_file("site/package.json", "{\"name\": \"x\"}", Taxonomy::default_taxonomy()),
            Reading::Neither
        ));
        assert!(matches!(
            read_file("2019/day1.md", "# Day 1", Taxonomy::default_taxonomy()),
            Reading::Notes
        ));
    }

    #[test]
    fn event_types_name_kinds() {
        assert_eq!(kind_of("Keynote"), Kind::Keynote);
        assert_eq!(kind_of("Lightning Talk"), Kind::Ignite);
        assert_eq!(kind_of("hands-on"), Kind::Workshop);
        assert_eq!(kind_of("Panel discussion"), Kind::Panel);
        assert_eq!(kind_of("Talk"), Kind::Talk);
        assert_eq!(kind_of("Vortrag"), Kind::Talk);
    }

    #[test]
    fn slots_and_titles() {
        assert_eq!(hh_mm("9:05").as_deref(), Some("09:05"));
        assert_eq!(hh_mm("09:30:00").as_deref(), Some("09:30"));
        assert_eq!(hh_mm("25:00"), None);
        assert_eq!(end_after("23:30", "01:00").as_deref(), Some("00:30"));
        assert_eq!(end_after("10:00", "0:45:00").as_deref(), Some("10:45"));
        assert_eq!(full_title("Ship It", Some("Fast")), "Ship It: Fast");
        assert_eq!(
            full_title("Why Rust?", Some("A field report")),
            "Why Rust? A field report"
        );
        assert_eq!(full_title("Ship It", Some("")), "Ship It");
    }

    #[test]
    fn ids_come_from_the_schedules_own_ids() {
        let mut sessions: Vec<Session> = ["8079583E-8321", "", "8079583e-8321"]
            .iter()
            .map(|uid| {
                let mut s = session(
                    "s.json",
                    Event {
                        uid: Some(uid.to_string()),
                        title: "Lunch talk".into(),
                        ..Event::default()
                    },
                    None,
                    None,
                    Taxonomy::default_taxonomy(),
                );
                s.id = uid.to_string();
                s
            })
            .collect();
        assign_ids("s.json", &mut sessions);
        let ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            ["s.json#8079583e-8321", "s.json#lunch-talk", "s.json#8079583e-8321-2"]
        );
    }
}
