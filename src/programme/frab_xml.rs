//! frab / pretalx `schedule.xml` (the c3voc XSD): `<schedule>` → `<conference>` (`title`,
//! `acronym`, `start`) and `<day date="…">` → `<room name="…">` → `<event guid="…" id="…">`
//! with `date`, `start` (local `HH:MM`), `duration`, `room`, `title`, `subtitle`, `track`,
//! `type`, `abstract`, `description`, `url`, `persons/person`, `links/link[@href]` and, in the
//! extended format, `video_download_url`. Read with quick-xml's serde support; a first pass
//! with its reader checks that the file is well-formed (an error then has its line) and finds
//! each event's line.

use super::{Event, Programme, Unreadable};
use jiff::civil::Date;
use quick_xml::events::Event as XmlEvent;
use serde::Deserialize;

#[derive(Deserialize)]
struct Schedule {
    #[serde(default)]
    conference: Conference,
    #[serde(default, rename = "day")]
    days: Vec<Day>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Conference {
    title: Option<String>,
    acronym: Option<String>,
    start: Option<String>,
}

#[derive(Deserialize)]
struct Day {
    #[serde(default, rename = "@date")]
    date: Option<String>,
    #[serde(default, rename = "room")]
    rooms: Vec<Room>,
}

#[derive(Deserialize)]
struct Room {
    #[serde(default, rename = "@name")]
    name: Option<String>,
    #[serde(default, rename = "event")]
    events: Vec<EventXml>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EventXml {
    #[serde(rename = "@guid")]
    guid: Option<String>,
    #[serde(rename = "@id")]
    id: Option<String>,
    date: Option<String>,
    start: Option<String>,
    duration: Option<String>,
    room: Option<String>,
    url: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    track: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
    description: Option<String>,
    video_download_url: Option<String>,
    persons: Persons,
    links: Links,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Persons {
    person: Vec<Text>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Links {
    link: Vec<LinkXml>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Text {
    #[serde(rename = "$text")]
    text: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkXml {
    #[serde(rename = "@href")]
    href: Option<String>,
    #[serde(rename = "$text")]
    text: String,
}

/// The name of the first element of an XML text (after its declaration, comments and
/// doctype): `schedule` for a frab schedule. `None` when there is none in `head`.
pub(super) fn root_element(head: &str) -> Option<&str> {
    let mut rest = head.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>')?.1.trim_start();
        } else {
            let r = rest.strip_prefix('<')?;
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(&r[..end]);
        }
    }
}

/// Counts lines forward through a text, for offsets given in increasing order.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

/// Checks that `text` is well-formed XML whose elements all close; returns the line of each
/// `schedule/day/room/event` in document order.
fn event_lines(text: &str) -> Result<Vec<usize>, Unreadable> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: 1,
    };
    let mut path: Vec<String> = Vec::new();
    let mut events = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| Unreadable {
            line: lines.at(reader.error_position() as usize),
            message: e.to_string(),
        })?;
        match event {
            XmlEvent::Start(ref e) | XmlEvent::Empty(ref e) if is_event(&path, e.name().as_ref()) => {
                // The tag starts after the whitespace read before it.
                let tag = text[before..].find('<').map_or(before, |i| before + i);
                events.push(lines.at(tag));
                if let XmlEvent::Start(e) = &event {
                    path.push(e.name().as_ref().to_string());
                }
            }
            XmlEvent::Start(e) => path.push(e.name().as_ref().to_string()),
            XmlEvent::End(_) => {
                path.pop();
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = path.last() {
        return Err(Unreadable {
            line: lines.at(text.len()),
            message: format!("the file ends before <{open}> is closed (cut short?)"),
        });
    }
    Ok(events)
}

fn is_event(path: &[String], name: &str) -> bool {
    name == "event" && path.len() == 3 && path[1] == "day" && path[2] == "room"
}

pub(super) fn read(text: &str) -> Result<Programme, Unreadable> {
    let lines = event_lines(text)?;
    let schedule: Schedule = quick_xml::de::from_str(text).map_err(|e| Unreadable {
        line: 1,
        message: e.to_string(),
    })?;
    let c = schedule.conference;
    let conference = nonempty(c.title).or_else(|| nonempty(c.acronym));
    let first_day = c.start.as_deref().and_then(date_of);
    let mut events = Vec::new();
    let mut line = lines.into_iter();
    for day in schedule.days {
        let day_date = day.date.as_deref().and_then(date_of);
        for room in day.rooms {
            for e in room.events {
                let start = e
                    .start
                    .as_deref()
                    .and_then(super::hh_mm)
                    .or_else(|| super::hh_mm(e.date.as_deref()?.split_once('T')?.1));
                let end = match (&start, &e.duration) {
                    (Some(s), Some(d)) => super::end_after(s, d),
                    _ => None,
                };
                let mut urls: Vec<String> = e.url.into_iter().chain(e.video_download_url).collect();
                urls.extend(e.links.link.into_iter().filter_map(|l| {
                    l.href
                        .or(Some(l.text))
                        .map(|u| u.trim().to_string())
                        .filter(|u| u.contains("://"))
                }));
                events.push(Event {
                    uid: nonempty(e.guid).or_else(|| nonempty(e.id)),
                    line: line.next().unwrap_or(1),
                    title: e.title.unwrap_or_default().trim().to_string(),
                    subtitle: nonempty(e.subtitle),
                    speakers: e
                        .persons
                        .person
                        .into_iter()
                        .map(|p| p.text.trim().to_string())
                        .filter(|p| !p.is_empty())
                        .collect(),
                    date: e.date.as_deref().and_then(date_of).or(day_date),
                    start,
                    end,
                    kind: nonempty(e.kind),
                    room: nonempty(e.room).or_else(|| nonempty(room.name.clone())),
                    track: nonempty(e.track),
                    abstract_text: nonempty(e.abstract_text),
                    description: nonempty(e.description),
                    urls,
                });
            }
        }
    }
    Ok(Programme {
        conference,
        first_day,
        events,
        warnings: Vec::new(),
    })
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn date_of(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>demo26</acronym>
    <title>Demo Days 2026</title>
    <start>2026-03-12</start>
  </conference>
  <day index="1" date="2026-03-12">
    <room name="Aula">
      <event guid="a-1" id="11">
        <date>2026-03-12T09:00:00+01:00</date>
        <start>09:00</start>
        <duration>00:45</duration>
        <room>Aula</room>
        <title>Opening Keynote</title>
        <subtitle>Why &amp; how</subtitle>
        <type>Keynote</type>
        <abstract><![CDATA[Ideas <b>first</b>.]]></abstract>
        <persons><person id="1">Jörg Ångström</person><person id="2">Ana Costa</person></persons>
        <links><link href="https://example.org/slides">Slides</link></links>
        <url>https://demo.example.org/talk/11</url>
      </event>
      <event id="12">
        <start>10:00</start>
        <duration>00:05</duration>
        <title>Tiny</title>
        <type>Lightning Talk</type>
        <persons/>
      </event>
    </room>
  </day>
</schedule>
"#;

    #[test]
    fn events_with_their_lines_persons_and_links() {
        let p = read(XML).unwrap();
        assert_eq!(p.conference.as_deref(), Some("Demo Days 2026"));
        let k = &p.events[0];
        assert_eq!((k.uid.as_deref(), k.line), (Some("a-1"), 11));
        assert_eq!(k.subtitle.as_deref(), Some("Why & how"));
        assert_eq!(k.speakers, ["Jörg Ångström", "Ana Costa"]);
        assert_eq!(k.abstract_text.as_deref(), Some("Ideas <b>first</b>."));
        assert_eq!(
            k.urls,
            ["https://demo.example.org/talk/11", "https://example.org/slides"]
        );
        assert_eq!((k.start.as_deref(), k.end.as_deref()), (Some("09:00"), Some("09:45")));
        let t = &p.events[1];
        assert_eq!(
            (t.uid.as_deref(), t.line, t.room.as_deref()),
            (Some("12"), 24, Some("Aula"))
        );
        assert_eq!(t.date, Some(jiff::civil::date(2026, 3, 12)));
        assert_eq!(t.end.as_deref(), Some("10:05"));
    }

    #[test]
    fn bad_xml_is_an_error_with_its_line() {
        let bad = XML.replace("<title>Tiny</title>", "<title>Tiny</titel>");
        let e = read(&bad).unwrap_err();
        assert_eq!(e.line, 27, "{e:?}");
        let cut = &XML[..XML.find("<event id=\"12\">").unwrap()];
        let e = read(cut).unwrap_err();
        assert!(e.message.contains("<room>"), "{e:?}");
        assert_eq!(e.line, 24);
    }

    #[test]
    fn root_element_after_declaration_and_comments() {
        assert_eq!(
            root_element("<?xml version=\"1.0\"?>\n<!-- x -->\n<schedule>"),
            Some("schedule")
        );
        assert_eq!(root_element("<!DOCTYPE html><html>"), Some("html"));
        assert_eq!(root_element("<schedule/>"), Some("schedule"));
    }
}
