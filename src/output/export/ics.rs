//! iCalendar (RFC 5545): a VEVENT for each session with a date and a start time, in floating
//! local time (the notes give the programme's clock, not its zone: a calendar shows it as
//! written wherever it is opened). Lines end in CRLF and are folded at 75 octets, never
//! inside a character; text values escape `\`, `;`, `,` and line breaks.

use crate::notes::Session;
use crate::output::sanitise;
use jiff::civil::{Date, DateTime, Time};
use std::io::{self, Write};

/// Octets of a content line before it is folded (RFC 5545 §3.1), line break excluded.
const LINE_OCTETS: usize = 75;
/// Appended to a session id for the UID: ids are unique in the notes, this names whose.
const UID_DOMAIN: &str = "confsearch";

/// A calendar being written.
pub(crate) struct Calendar<W: Write> {
    out: W,
    /// DTSTAMP of every event: when the calendar was written, in UTC.
    stamp: String,
}

impl<W: Write> Calendar<W> {
    /// Writes the calendar's opening lines; `now` is every event's DTSTAMP.
    pub(crate) fn start(mut out: W, now: jiff::Timestamp) -> io::Result<Calendar<W>> {
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            concat!("PRODID:-//confsearch//confsearch ", env!("CARGO_PKG_VERSION"), "//EN"),
            "CALSCALE:GREGORIAN",
        ] {
            write_line(&mut out, line)?;
        }
        Ok(Calendar {
            out,
            stamp: now.strftime("%Y%m%dT%H%M%SZ").to_string(),
        })
    }

    /// Writes the session's event; false (nothing written) without a date or a start time.
    pub(crate) fn event(&mut self, session: &Session) -> io::Result<bool> {
        let (Some(date), Some(start)) = (session.date, session.start.as_deref().and_then(clock)) else {
            return Ok(false);
        };
        let starts = date.to_datetime(start);
        let out = &mut self.out;
        write_line(out, "BEGIN:VEVENT")?;
        write_line(out, &format!("UID:{}@{UID_DOMAIN}", text(&session.id)))?;
        write_line(out, &format!("DTSTAMP:{}", self.stamp))?;
        write_line(out, &format!("DTSTART:{}", local(starts)))?;
        if let Some(ends) = session
            .end
            .as_deref()
            .and_then(clock)
            .map(|end| end_after(starts, date, end))
        {
            write_line(out, &format!("DTEND:{}", local(ends)))?;
        }
        write_line(out, &format!("SUMMARY:{}", text(&session.title)))?;
        if let Some(room) = &session.room {
            write_line(out, &format!("LOCATION:{}", text(room)))?;
        }
        let mut description = Vec::new();
        if !session.speakers.is_empty() {
            description.push(session.speakers.join(", "));
        }
        if let Some(c) = &session.conference {
            description.push(c.clone());
        }
        description.push(format!("Notes: {}:{}", session.source.path, session.source.line));
        write_line(out, &format!("DESCRIPTION:{}", text(&description.join("\n"))))?;
        if let Some(link) = session.links.first() {
            // A URI, not text: no escapes, but no line breaks or controls either.
            write_line(out, &format!("URL:{}", sanitise(&link.url).replace(['\n', '\t'], "")))?;
        }
        write_line(out, "END:VEVENT")?;
        Ok(true)
    }

    /// Writes the calendar's end and hands the writer back.
    pub(crate) fn end(mut self) -> io::Result<W> {
        write_line(&mut self.out, "END:VCALENDAR")?;
        Ok(self.out)
    }
}

/// `09:30` as a time of day.
fn clock(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(':')?;
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// The end of a session that starts at `starts`: on its day, or the next when the clock
/// went past midnight (`23:30–00:30`).
fn end_after(starts: DateTime, date: Date, end: Time) -> DateTime {
    let ends = date.to_datetime(end);
    if ends > starts {
        ends
    } else {
        date.tomorrow().map_or(starts, |d| d.to_datetime(end))
    }
}

/// A floating local date-time: `20191017T093000`.
fn local(at: DateTime) -> String {
    at.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value: `\`, `;` and `,` escaped, line breaks as `\n`, controls dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in sanitise(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded: at most [`LINE_OCTETS`] octets a line, each continuation
/// starting with a space, a character never split.
fn write_line(out: &mut impl Write, line: &str) -> io::Result<()> {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.write_all(rest.as_bytes())?;
            return out.write_all(b"\r\n");
        }
        let cut = crate::notes::text::char_floor(rest, room);
        out.write_all(&rest.as_bytes()[..cut])?;
        out.write_all(b"\r\n ")?;
        rest = &rest[cut..];
        // The leading space counts.
        room = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(sessions: &[Session]) -> String {
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let mut c = Calendar::start(Vec::new(), now).unwrap();
        for s in sessions {
            c.event(s).unwrap();
        }
        String::from_utf8(c.end().unwrap()).unwrap()
    }

    #[test]
    fn an_event_in_floating_time_with_escapes() {
        let ics = calendar(&[super::super::sample_session()]);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{ics}");
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{ics}");
        for line in [
            "UID:2019/a.md#t@confsearch",
            "DTSTAMP:20231114T221320Z",
            "DTSTART:20191017T093000",
            "DTEND:20191017T100000",
            "SUMMARY:Secrets\\, \"quoted\"\\; and more",
            "LOCATION:Room 1",
            "DESCRIPTION:Ann Lee\\, Bo Ng\\nDevOpsDays\\nNotes: 2019/a.md:3",
            "URL:https://example.com/x",
        ] {
            assert!(ics.contains(&format!("\r\n{line}\r\n")), "{line} in {ics}");
        }
    }

    #[test]
    fn no_time_no_event_and_a_slot_past_midnight_ends_the_next_day() {
        let mut s = super::super::sample_session();
        s.start = None;
        assert!(!calendar(&[s.clone()]).contains("VEVENT"));
        s.start = Some("23:30".into());
        s.end = Some("00:30".into());
        assert!(calendar(&[s]).contains("\r\nDTEND:20191018T003000\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_never_inside_a_character() {
        let mut s = super::super::sample_session();
        s.title = "é".repeat(100);
        let ics = calendar(&[s]);
        for line in ics.split("\r\n") {
            assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", "é".repeat(100))));
    }
}
