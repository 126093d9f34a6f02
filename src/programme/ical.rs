//! iCalendar (`.ics`, RFC 5545): each `VEVENT` with `UID`, `SUMMARY`, `DTSTART`/`DTEND` (or
//! `DURATION`), `LOCATION` (the room), `DESCRIPTION`, `URL` and `CATEGORIES`; the calendar's
//! `X-WR-CALNAME` names the conference.
//!
//! Times are printed as the programme prints them: a time with a `TZID` (or floating) as
//! written; a UTC time (`…Z`) in the calendar's zone (`X-WR-TIMEZONE`, else its one
//! `VTIMEZONE`), from the system's time zone database. Speakers are taken only where they are
//! clearly marked: a `Speaker:`/`Speakers:`/`Presenter:` line of the description, a summary
//! `Title — Name` (an em or en dash) or `Name: Title` whose name part reads as names.
//!
//! The reader is our own, not a crate: `ical` 0.11 trims the text around a folded line
//! (losing the space a fold may start or end with) and keeps no line numbers; `icalendar`
//! brings chrono and nom 8. This one unfolds as RFC 5545 says (a line break followed by one
//! space or tab is removed, nothing else), reads quoted parameters, unescapes TEXT values
//! (`\,` `\;` `\n` `\\`), and knows each event's line.

use super::{Event, Programme, Unreadable, kind_of};
use crate::notes::names::name_score;
use crate::notes::{Kind, ParseWarning};
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// How much a part of a summary must read as a name to be taken as its speaker.
const NAME_SCORE: f32 = 0.75;

/// One content line, unfolded: `NAME;PARAM=V:value`.
#[derive(Debug, Clone, PartialEq)]
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
    line: usize,
}

/// Logical lines of `text` with the line each starts on: a line break followed by a space or a
/// tab continues the line before, that one character removed (RFC 5545, 3.1).
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ if raw.trim().is_empty() => {}
            _ => out.push((i + 1, raw.to_string())),
        }
    }
    out
}

/// `DTSTART;TZID="Europe/Berlin":20260312T093000` → its name, parameters and value; `None`
/// when the line has no colon.
fn property(line: usize, text: &str) -> Option<Property> {
    // The value starts at the first colon outside a quoted parameter value.
    let mut quoted = false;
    let colon = text.char_indices().find_map(|(i, c)| {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
        None
    })?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quoted = false;
    for c in head.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => parts.push(std::mem::take(&mut part)),
            c => part.push(c),
        }
    }
    parts.push(part);
    let name = parts.remove(0).trim().to_ascii_uppercase();
    let params = parts
        .into_iter()
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            Some((n.trim().to_ascii_uppercase(), v.to_string()))
        })
        .collect();
    Some(Property {
        name,
        params,
        value: value.to_string(),
        line,
    })
}

/// A TEXT value as meant: `\,` `\;` `\\` and `\n` (`\N`) unescaped (RFC 5545, 3.3.11).
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

/// A `DTSTART`/`DTEND` value: a date, or a date and time, local or UTC.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Day(Date),
    Local(DateTime),
    Utc(DateTime),
}

fn when(p: &Property) -> Option<When> {
    let v = p.value.trim();
    if let Some(utc) = v.strip_suffix(['Z', 'z']) {
        return DateTime::strptime("%Y%m%dT%H%M%S", utc).ok().map(When::Utc);
    }
    if v.len() == 8 {
        return Date::strptime("%Y%m%d", v).ok().map(When::Day);
    }
    DateTime::strptime("%Y%m%dT%H%M%S", v).ok().map(When::Local)
}

/// A `DURATION` such as `PT45M`, `PT1H30M`, `P1D`: its minutes.
fn duration_minutes(v: &str) -> Option<i64> {
    let v = v.trim().strip_prefix('P')?;
    let (mut minutes, mut number) = (0i64, 0i64);
    for c in v.chars() {
        match c {
            '0'..='9' => number = number * 10 + i64::from(c.to_digit(10)?),
            'W' => (minutes, number) = (minutes + number * 7 * 24 * 60, 0),
            'D' => (minutes, number) = (minutes + number * 24 * 60, 0),
            'H' => (minutes, number) = (minutes + number * 60, 0),
            'M' => (minutes, number) = (minutes + number, 0),
            'S' | 'T' => number = 0,
            _ => return None,
        }
    }
    Some(minutes)
}

/// The event's properties, as read between `BEGIN:VEVENT` and `END:VEVENT` (those of a nested
/// `VALARM` left out).
#[derive(Default)]
struct RawEvent {
    line: usize,
    props: Vec<Property>,
}

impl RawEvent {
    fn get(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }

    fn text(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(|p| unescape(&p.value).trim().to_string())
            .filter(|t| !t.is_empty())
    }
}

pub(super) fn read(text: &str) -> Result<Programme, Unreadable> {
    let mut calendar_name = None;
    let mut calendar_zone: Option<String> = None;
    let mut zones: Vec<String> = Vec::new();
    let mut raw_events: Vec<RawEvent> = Vec::new();
    // The components open around the current line.
    let mut open: Vec<(String, usize)> = Vec::new();
    for (line, text) in unfold(text) {
        let Some(p) = property(line, &text) else {
            return Err(Unreadable {
                line,
                message: format!(
                    "{:?} is not a `NAME:value` line",
                    text.chars().take(40).collect::<String>()
                ),
            });
        };
        match p.name.as_str() {
            "BEGIN" => {
                let component = p.value.trim().to_ascii_uppercase();
                if component == "VEVENT" && open.last().is_some_and(|(c, _)| c == "VCALENDAR") {
                    raw_events.push(RawEvent {
                        line,
                        props: Vec::new(),
                    });
                }
                open.push((component, line));
            }
            "END" => {
                let component = p.value.trim().to_ascii_uppercase();
                match open.pop() {
                    Some((c, _)) if c == component => {}
                    Some((c, _)) => {
                        return Err(Unreadable {
                            line,
                            message: format!("END:{component} closes BEGIN:{c}"),
                        });
                    }
                    None => {
                        return Err(Unreadable {
                            line,
                            message: format!("END:{component} without its BEGIN"),
                        });
                    }
                }
            }
            _ => match open.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().as_slice() {
                ["VCALENDAR"] if p.name == "X-WR-CALNAME" => calendar_name = Some(unescape(&p.value)),
                ["VCALENDAR"] if p.name == "X-WR-TIMEZONE" => calendar_zone = Some(p.value.trim().to_string()),
                ["VCALENDAR", "VTIMEZONE"] if p.name == "TZID" => zones.push(p.value.trim().to_string()),
                ["VCALENDAR", "VEVENT"] => {
                    if let Some(e) = raw_events.last_mut() {
                        e.props.push(p);
                    }
                }
                _ => {}
            },
        }
    }
    if let Some((component, line)) = open.last() {
        return Err(Unreadable {
            line: *line,
            message: format!("BEGIN:{component} is never closed (the file is cut short?)"),
        });
    }
    // The zone UTC times are shown in: the calendar's, its one time zone definition, or the one
    // zone its other events are written in.
    let mut event_zones: Vec<&str> = raw_events
        .iter()
        .filter_map(|e| e.get("DTSTART")?.params.iter().find(|(n, _)| n == "TZID"))
        .map(|(_, z)| z.as_str())
        .collect();
    event_zones.dedup();
    let zone_name = calendar_zone
        .or_else(|| (zones.len() == 1).then(|| zones[0].clone()))
        .or_else(|| (event_zones.len() == 1).then(|| event_zones[0].to_string()));
    let mut warnings = Vec::new();
    let zone = zone_name.as_deref().and_then(|name| match TimeZone::get(name) {
        Ok(tz) => Some(tz),
        Err(_) => {
            warnings.push(ParseWarning {
                line: 1,
                message: format!("time zone {name:?} is unknown here: times in UTC are shown in UTC"),
            });
            None
        }
    });
    let events = raw_events.iter().map(|e| event(e, zone.as_ref())).collect();
    Ok(Programme {
        conference: calendar_name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        first_day: None,
        events,
        warnings,
    })
}

/// The local date and time of a `When` in the programme's zone (a UTC time converted when the
/// zone is known).
fn local(w: When, zone: Option<&TimeZone>) -> (Date, Option<DateTime>) {
    match w {
        When::Day(d) => (d, None),
        When::Local(dt) => (dt.date(), Some(dt)),
        When::Utc(dt) => {
            let shown = zone
                .and_then(|z| {
                    let ts = dt.to_zoned(TimeZone::UTC).ok()?.timestamp();
                    Some(ts.to_zoned(z.clone()).datetime())
                })
                .unwrap_or(dt);
            (shown.date(), Some(shown))
        }
    }
}

fn event(e: &RawEvent, zone: Option<&TimeZone>) -> Event {
    let start = e.get("DTSTART").and_then(when).map(|w| local(w, zone));
    let end = e
        .get("DTEND")
        .and_then(when)
        .map(|w| local(w, zone).1)
        .or_else(|| {
            let minutes = duration_minutes(&e.get("DURATION")?.value)?;
            let from = start?.1?;
            Some(from.checked_add(jiff::Span::new().try_minutes(minutes).ok()?).ok())
        })
        .flatten();
    let hh_mm = |dt: DateTime| format!("{:02}:{:02}", dt.hour(), dt.minute());
    let categories: Vec<String> = e
        .props
        .iter()
        .filter(|p| p.name == "CATEGORIES")
        .flat_map(|p| split_list(&p.value))
        .collect();
    let mut kind = categories.iter().find(|c| kind_of(c) != Kind::Talk).cloned();
    let track = categories.iter().find(|c| kind_of(c) == Kind::Talk).cloned();
    let summary = e.text("SUMMARY").unwrap_or_default();
    let description = e.text("DESCRIPTION");
    let (mut title, mut speakers) = split_summary(&summary);
    // `Keynote: Title`: the kind, and the title without it.
    if let Some((label, rest)) = title.split_once(':')
        && kind_of(label) != Kind::Talk
        && label.split_whitespace().count() <= 2
        && !rest.trim().is_empty()
    {
        kind.get_or_insert_with(|| label.trim().to_string());
        title = rest.trim().to_string();
    }
    if speakers.is_empty() {
        speakers = description.as_deref().map(marked_speakers).unwrap_or_default();
    }
    Event {
        uid: e.text("UID"),
        line: e.line,
        title,
        subtitle: None,
        speakers,
        date: start.map(|(d, _)| d),
        start: start.and_then(|(_, t)| t).map(hh_mm),
        end: end.map(hh_mm),
        kind,
        room: e.text("LOCATION"),
        track,
        abstract_text: description,
        description: None,
        urls: e.get("URL").map(|p| p.value.trim().to_string()).into_iter().collect(),
    }
}

/// A list value (`CATEGORIES:Keynote,Cloud\, Ops`): its items, unescaped.
fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut escaped = false;
    for c in value.chars() {
        match c {
            ',' if !escaped => items.push(std::mem::take(&mut item)),
            '\\' if !escaped => {
                escaped = true;
                item.push(c);
                continue;
            }
            c => item.push(c),
        }
        escaped = false;
    }
    items.push(item);
    items
        .iter()
        .map(|i| unescape(i).trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// Names, when every one of them reads as a person's name.
fn names_in(text: &str) -> Option<Vec<String>> {
    let names = super::split_names(text);
    (!names.is_empty() && names.iter().all(|n| name_score(n) >= NAME_SCORE)).then_some(names)
}

/// A summary's title and the speakers it marks: `Title — Name`, `Title – Name & Name`, or
/// `Name: Title`; the summary as the title, and no speaker, otherwise.
fn split_summary(summary: &str) -> (String, Vec<String>) {
    for dash in [" — ", " – ", " -- "] {
        if let Some((title, who)) = summary.rsplit_once(dash)
            && !title.trim().is_empty()
            && let Some(names) = names_in(who)
        {
            return (title.trim().to_string(), names);
        }
    }
    if let Some((who, title)) = summary.split_once(": ")
        && !title.trim().is_empty()
        && kind_of(who) == Kind::Talk
        && let Some(names) = names_in(who)
    {
        return (title.trim().to_string(), names);
    }
    (summary.trim().to_string(), Vec::new())
}

/// The names of a `Speaker:`, `Speakers:`, `Presenter:`, `Presenters:` or `Presented by:` line
/// of a description.
fn marked_speakers(description: &str) -> Vec<String> {
    const LABELS: &[&str] = &["speakers:", "speaker:", "presenters:", "presenter:", "presented by:"];
    description
        .lines()
        .find_map(|line| {
            let line = line.trim();
            let lower = line.to_lowercase();
            let label = LABELS.iter().find(|l| lower.starts_with(*l))?;
            Some(super::split_names(line.get(label.len()..)?.trim()))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Demo//EN\r\nX-WR-CALNAME:Demo Days 2026\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\nUID:talk-21@demo\r\nDTSTART;TZID=Europe/Berlin:20260313T110000\r\nDTEND;TZID=Europe/Berlin:20260313T113000\r\nSUMMARY:Caching at the Edge — Zoë Wirth & Ana Costa\r\nLOCATION:Hall B\r\nDESCRIPTION:What we learnt\\, and what we\r\n  would not do again.\\nSecond line.\r\nURL:https://demo.example.org/talk/21\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:talk-22@demo\r\nDTSTART:20260313T130000Z\r\nDURATION:PT45M\r\nSUMMARY:Keynote: Closing Thoughts\r\nDESCRIPTION:Speaker: Jörg Ångström\r\nCATEGORIES:Keynote,Futures\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn tzid_times_as_written_and_utc_in_the_calendars_zone() {
        let p = read(ICS).unwrap();
        assert_eq!(p.conference.as_deref(), Some("Demo Days 2026"));
        let a = &p.events[0];
        assert_eq!((a.line, a.uid.as_deref()), (6, Some("talk-21@demo")));
        assert_eq!((a.start.as_deref(), a.end.as_deref()), (Some("11:00"), Some("11:30")));
        assert_eq!(a.title, "Caching at the Edge");
        assert_eq!(a.speakers, ["Zoë Wirth", "Ana Costa"]);
        assert_eq!(a.room.as_deref(), Some("Hall B"));
        let b = &p.events[1];
        // 13:00 UTC is 14:00 in Berlin in March (CET).
        assert_eq!((b.start.as_deref(), b.end.as_deref()), (Some("14:00"), Some("14:45")));
        assert_eq!(b.date, Some(jiff::civil::date(2026, 3, 13)));
        assert_eq!(
            (b.title.as_str(), b.kind.as_deref()),
            ("Closing Thoughts", Some("Keynote"))
        );
        assert_eq!(b.track.as_deref(), Some("Futures"));
        assert_eq!(b.speakers, ["Jörg Ångström"]);
    }

    #[test]
    fn folded_line_after_a_space_keeps_the_space() {
        let p = read(ICS).unwrap();
        assert_eq!(
            p.events[0].abstract_text.as_deref(),
            Some("What we learnt, and what we would not do again.\nSecond line.")
        );
    }

    #[test]
    fn summary_speakers_only_where_clearly_marked() {
        assert_eq!(split_summary("Rust: The Hard Parts").1, Vec::<String>::new());
        assert_eq!(split_summary("Lunch — Hall A").1, Vec::<String>::new());
        assert_eq!(
            split_summary("Ana Costa: Parsing Calendars"),
            ("Parsing Calendars".to_string(), vec!["Ana Costa".to_string()])
        );
    }

    #[test]
    fn quoted_parameters_and_escapes() {
        let p = property(3, "DTSTART;TZID=\"America/New_York\";X=a:b:20260101T090000").unwrap();
        assert_eq!(p.params[0], ("TZID".to_string(), "America/New_York".to_string()));
        assert_eq!(p.value, "b:20260101T090000");
        assert_eq!(unescape("a\\;b\\\\c\\Nd"), "a;b\\c\nd");
        assert_eq!(split_list("Keynote,Cloud\\, Ops"), ["Keynote", "Cloud, Ops"]);
    }

    #[test]
    fn calendar_cut_short_is_an_error_naming_the_open_component() {
        let cut = &ICS[..ICS.find("END:VEVENT").unwrap()];
        let e = read(cut).unwrap_err();
        assert_eq!(e.line, 6, "{e:?}");
        assert!(e.message.contains("VEVENT"), "{e:?}");
    }
}
