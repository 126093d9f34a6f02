//! frab / pretalx `schedule.json` (the c3voc schema): `schedule.conference` with its `title`,
//! `acronym`, `start` and `days[]`, each day's `rooms` an object of room name → events. Each
//! event: `guid`, `id`, `title`, `subtitle`, `date` (with the conference's offset), `start`
//! (local `HH:MM`), `duration`, `room`, `type`, `track`, `abstract`, `description`,
//! `persons[].public_name`, `url`, `links`, and a recording link where the file has one. The
//! newer shape (`schedule.events[]`, `start`/`end` as date-times, `room` as an object) is read
//! too. Fields of an unexpected type are read as absent, never as an error.

use super::{Event, Programme, Unreadable};
use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

#[derive(Deserialize)]
struct File {
    schedule: Schedule,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Schedule {
    conference: Conference,
    /// The newer schema's flat list of events.
    events: Vec<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Conference {
    title: Value,
    acronym: Value,
    start: Value,
    days: Vec<Day>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Day {
    date: Value,
    rooms: RoomsInOrder,
}

/// A day's rooms in the file's order (a JSON object read into a map would sort them, and the
/// events' lines are found in file order).
#[derive(Default)]
struct RoomsInOrder(Vec<(String, Vec<Value>)>);

impl<'de> Deserialize<'de> for RoomsInOrder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Rooms;
        impl<'de> Visitor<'de> for Rooms {
            type Value = RoomsInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of rooms and their events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RoomsInOrder, A::Error> {
                let mut rooms = Vec::new();
                while let Some((room, events)) = map.next_entry::<String, Value>()? {
                    let events = match events {
                        Value::Array(events) => events,
                        _ => Vec::new(),
                    };
                    rooms.push((room, events));
                }
                Ok(RoomsInOrder(rooms))
            }
            // The newer schema lists the conference's rooms as an array: no events there.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RoomsInOrder, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RoomsInOrder::default())
            }
        }
        d.deserialize_any(Rooms)
    }
}

pub(super) fn read(text: &str) -> Result<Programme, Unreadable> {
    let file: File = serde_json::from_str(text).map_err(|e| Unreadable {
        line: e.line().max(1),
        message: e.to_string(),
    })?;
    let c = file.schedule.conference;
    let conference = string(&c.title).or_else(|| string(&c.acronym));
    let first_day = string(&c.start).and_then(|s| date_of(&s));
    let mut lines = super::json_lines::Finder::new(text);
    let mut events = Vec::new();
    let days = c.days.iter().flat_map(|day| {
        let date = string(&day.date).and_then(|s| date_of(&s));
        day.rooms
            .0
            .iter()
            .flat_map(move |(room, evs)| evs.iter().map(move |e| (date, Some(room.as_str()), e)))
    });
    for (day, room, e) in days.chain(file.schedule.events.iter().map(|e| (None, None, e))) {
        if !e.is_object() {
            continue;
        }
        let mut event = event(e, day, room);
        event.line = lines.line_of(e, &["guid", "id", "title"]);
        events.push(event);
    }
    Ok(Programme {
        conference,
        first_day,
        events,
        warnings: Vec::new(),
    })
}

fn event(e: &Value, day: Option<Date>, room_key: Option<&str>) -> Event {
    let field = |k: &str| e.get(k).and_then(text_of);
    let date_field = field("date");
    let start_field = field("start");
    // `start` is local `HH:MM` (or, newer, a date-time with the offset); `date` a date-time.
    let date = date_field
        .as_deref()
        .and_then(date_of)
        .or_else(|| start_field.as_deref().filter(|s| s.contains('T')).and_then(date_of))
        .or(day);
    let start = start_field
        .as_deref()
        .and_then(time_of)
        .or_else(|| date_field.as_deref().and_then(time_of));
    let end = field("end")
        .as_deref()
        .and_then(time_of)
        .or_else(|| super::end_after(start.as_deref()?, &field("duration")?));
    let speakers = ["persons", "participants", "speakers"]
        .iter()
        .filter_map(|k| e.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(person_name)
        .collect();
    let mut urls: Vec<String> = field("url").into_iter().collect();
    for k in ["recording", "video_download_url", "recording_url"] {
        urls.extend(e.get(k).and_then(link_url));
    }
    for link in e.get("links").and_then(Value::as_array).into_iter().flatten() {
        urls.extend(link_url(link));
    }
    let uid = field("guid").or_else(|| match e.get("id") {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(v) => string(v),
        None => None,
    });
    Event {
        uid,
        line: 0,
        title: field("title").unwrap_or_default(),
        subtitle: field("subtitle"),
        speakers,
        date,
        start,
        end,
        kind: field("type"),
        room: e
            .get("room")
            .and_then(|r| r.get("name").and_then(string).or_else(|| string(r)))
            .or_else(|| room_key.map(str::to_string)),
        track: e
            .get("track")
            .and_then(|t| t.get("name").and_then(string).or_else(|| string(t))),
        abstract_text: field("abstract"),
        description: field("description"),
        urls,
    }
}

/// A string value, trimmed; none when empty or not a string.
fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A text that may be given per language (`{"en": "…", "de": "…"}`): English first.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => m.get("en").and_then(string).or_else(|| m.values().find_map(string)),
        v => string(v),
    }
}

/// A person of an event: a name, or an object with its public name.
fn person_name(p: &Value) -> Option<String> {
    string(p).or_else(|| {
        ["public_name", "full_public_name", "name", "full_name"]
            .iter()
            .find_map(|k| p.get(*k).and_then(string))
    })
}

/// A link given as a URL, or as an object with a `url` (or `href`).
fn link_url(v: &Value) -> Option<String> {
    string(v)
        .or_else(|| ["url", "href"].iter().find_map(|k| v.get(*k).and_then(string)))
        .filter(|u| u.contains("://"))
}

/// The date of `2026-03-12`, `2026-03-12T09:30:00+01:00`: as written, in its own offset.
fn date_of(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}

/// `HH:MM` of `09:30`, or of the time in `2026-03-12T09:30:00+01:00` as written (local).
fn time_of(s: &str) -> Option<String> {
    match s.split_once('T') {
        Some((_, time)) => super::hh_mm(time),
        None if s.contains(':') => super::hh_mm(s),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEDULE: &str = r#"{
  "schedule": {
    "version": "1.0",
    "conference": {
      "acronym": "demo26",
      "title": "Demo Days 2026",
      "start": "2026-03-12",
      "time_zone_name": "Europe/Berlin",
      "days": [
        {"index": 1, "date": "2026-03-12", "rooms": {
          "Saal Zwei": [
            {"guid": "b-1", "id": 12, "date": "2026-03-12T14:00:00+01:00", "start": "14:00",
             "duration": "01:30", "room": "Saal Zwei", "title": "Hands on Rust", "subtitle": "",
             "type": "Workshop", "track": "Languages", "abstract": "Bring a laptop.",
             "persons": [{"public_name": "Zoë Wirth"}], "links": [{"url": "https://example.org/slides", "title": "Slides"}],
             "url": "https://demo.example.org/talk/12"}
          ],
          "Aula": [
            {"id": 11, "date": "2026-03-12T09:00:00+01:00", "start": "09:00", "duration": "00:45",
             "room": "Aula", "title": "Opening Keynote", "type": "Keynote", "abstract": null,
             "persons": [{"public_name": "Jörg Ångström"}, {"name": "Ana Costa"}]}
          ]
        }}
      ]
    }
  }
}"#;

    #[test]
    fn events_in_file_order_with_local_slots_and_lines() {
        let p = read(SCHEDULE).unwrap();
        assert_eq!(p.conference.as_deref(), Some("Demo Days 2026"));
        let titles: Vec<&str> = p.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Hands on Rust", "Opening Keynote"]);
        let w = &p.events[0];
        assert_eq!(w.uid.as_deref(), Some("b-1"));
        assert_eq!((w.start.as_deref(), w.end.as_deref()), (Some("14:00"), Some("15:30")));
        assert_eq!(w.date, Some(jiff::civil::date(2026, 3, 12)));
        assert_eq!(w.line, 12);
        assert_eq!(
            w.urls,
            ["https://demo.example.org/talk/12", "https://example.org/slides"]
        );
        let k = &p.events[1];
        assert_eq!(k.uid.as_deref(), Some("11"));
        assert_eq!(k.speakers, ["Jörg Ångström", "Ana Costa"]);
        assert_eq!(k.line, 19);
        assert_eq!(k.abstract_text, None);
    }

    #[test]
    fn truncated_schedule_json_is_an_error_on_its_last_line() {
        let cut = &SCHEDULE[..SCHEDULE.find("\"Aula\"").unwrap()];
        let e = read(cut).unwrap_err();
        assert_eq!(e.line, 18, "{e:?}");
    }

    #[test]
    fn newer_shape_with_flat_events_and_room_objects() {
        let text = r#"{"schedule": {"version": "2", "conference": {"title": "New", "rooms": [{"name": "A"}]},
          "events": [{"guid": "g", "title": "T", "start": "2026-05-02T10:15:00+02:00",
          "end": "2026-05-02T10:45:00+02:00", "room": {"name": "A", "guid": "r"},
          "participants": [{"name": "Ana Costa", "role": "speaker"}]}]}}"#;
        let p = read(text).unwrap();
        let e = &p.events[0];
        assert_eq!((e.start.as_deref(), e.end.as_deref()), (Some("10:15"), Some("10:45")));
        assert_eq!(e.room.as_deref(), Some("A"));
        assert_eq!(e.speakers, ["Ana Costa"]);
        assert_eq!(e.date, Some(jiff::civil::date(2026, 5, 2)));
    }
}
