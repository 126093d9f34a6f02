//! Sessionize's `/view/All` JSON: `sessions` (`id`, `title`, `description`, `startsAt`,
//! `endsAt` without a zone: the conference's local time, `speakers` as ids, `categoryItems`,
//! `roomId`, `recordingUrl`, `liveUrl`, `isServiceSession`), `speakers` (`id`, `fullName` or
//! `firstName` + `lastName`), `rooms` (`id`, `name`) and `categories` (`title`, `items`: the
//! session format names the kind, a track category the track). A service session (a break,
//! lunch) is no talk. The file names no conference: the folder does.

use super::{Event, Programme, Unreadable};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
#[serde(default)]
struct File {
    sessions: Vec<Value>,
    speakers: Vec<Value>,
    rooms: Vec<Value>,
    categories: Vec<Value>,
}

/// An id as Sessionize writes it: a string (`"123456"`, a GUID) or a number.
fn id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// What a category says about a session: its kind (`Session format`), its track, or nothing
/// confsearch keeps (a level, a language).
#[derive(Clone, Copy, PartialEq)]
enum Category {
    Format,
    Track,
    Other,
}

fn category(title: &str) -> Category {
    let t = title.to_lowercase();
    if t.contains("format") || t.contains("type") {
        Category::Format
    } else if t.contains("track") || t.contains("topic") {
        Category::Track
    } else {
        Category::Other
    }
}

pub(super) fn read(text: &str) -> Result<Programme, Unreadable> {
    let file: File = serde_json::from_str(text).map_err(|e| Unreadable {
        line: e.line().max(1),
        message: e.to_string(),
    })?;
    let speakers: HashMap<String, String> = file
        .speakers
        .iter()
        .filter_map(|s| {
            let name = string(s.get("fullName")).or_else(|| {
                let first = string(s.get("firstName")).unwrap_or_default();
                let last = string(s.get("lastName")).unwrap_or_default();
                Some(format!("{first} {last}").trim().to_string()).filter(|n| !n.is_empty())
            })?;
            Some((id(s.get("id")?)?, name))
        })
        .collect();
    let rooms: HashMap<String, String> = file
        .rooms
        .iter()
        .filter_map(|r| Some((id(r.get("id")?)?, string(r.get("name"))?)))
        .collect();
    let items: HashMap<String, (Category, String)> = file
        .categories
        .iter()
        .flat_map(|c| {
            let kind = category(c.get("title").and_then(Value::as_str).unwrap_or_default());
            c.get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(move |i| Some((id(i.get("id")?)?, (kind, string(i.get("name"))?))))
        })
        .collect();
    let mut lines = super::json_lines::Finder::new(text);
    let mut events = Vec::new();
    for s in &file.sessions {
        if !s.is_object() {
            continue;
        }
        let line = lines.line_of(s, &["id", "title"]);
        if s.get("isServiceSession").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let starts = string(s.get("startsAt"));
        let ends = string(s.get("endsAt"));
        let category_of = |wanted: Category| {
            s.get("categoryItems")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|i| items.get(&id(i)?))
                .find(|(c, _)| *c == wanted)
                .map(|(_, name)| name.clone())
        };
        let mut urls = Vec::new();
        urls.extend(string(s.get("url")));
        urls.extend(string(s.get("recordingUrl")));
        urls.extend(string(s.get("liveUrl")));
        events.push(Event {
            uid: s.get("id").and_then(id),
            line,
            title: string(s.get("title")).unwrap_or_default(),
            subtitle: None,
            speakers: s
                .get("speakers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|sp| match sp {
                    // Some exports inline the speaker: `{"id": …, "name": …}`.
                    Value::Object(_) => string(sp.get("name")).or_else(|| speakers.get(&id(sp.get("id")?)?).cloned()),
                    v => speakers.get(&id(v)?).cloned(),
                })
                .collect(),
            date: starts.as_deref().and_then(|t| t.get(..10)?.parse().ok()),
            start: starts.as_deref().and_then(time),
            end: ends.as_deref().and_then(time),
            kind: category_of(Category::Format),
            room: s
                .get("roomId")
                .and_then(id)
                .and_then(|r| rooms.get(&r).cloned())
                .or_else(|| string(s.get("room"))),
            track: category_of(Category::Track),
            abstract_text: string(s.get("description")),
            description: None,
            urls,
        });
    }
    Ok(Programme {
        conference: None,
        first_day: None,
        events,
        warnings: Vec::new(),
    })
}

/// `09:30` of `2026-03-12T09:30:00` (no zone: the programme's own clock).
fn time(t: &str) -> Option<String> {
    super::hh_mm(t.split_once('T')?.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &str = r#"{
  "sessions": [
    {"id": "9001", "title": "Lightning: Tiny Parsers", "description": "Five minutes.",
     "startsAt": "2026-03-13T16:00:00", "endsAt": "2026-03-13T16:05:00", "isServiceSession": false,
     "speakers": ["a1"], "categoryItems": [7, 8], "roomId": 2, "recordingUrl": "https://video.example.org/9001"},
    {"id": "s1", "title": "Lunch", "startsAt": "2026-03-13T12:00:00", "endsAt": "2026-03-13T13:00:00",
     "isServiceSession": true, "speakers": [], "categoryItems": [], "roomId": 2},
    {"id": "9002", "title": "Panel on Panels", "startsAt": "2026-03-13T17:00:00",
     "endsAt": "2026-03-13T18:00:00", "speakers": ["a1", "b2"], "categoryItems": [9], "roomId": 3}
  ],
  "speakers": [
    {"id": "a1", "firstName": "Zoë", "lastName": "Wirth", "fullName": "Zoë Wirth"},
    {"id": "b2", "firstName": "Łukasz", "lastName": "Nowak"}
  ],
  "categories": [
    {"id": 1, "title": "Session format", "items": [{"id": 7, "name": "Lightning talk"}, {"id": 9, "name": "Panel"}]},
    {"id": 2, "title": "Track", "items": [{"id": 8, "name": "Tooling"}]}
  ],
  "rooms": [{"id": 2, "name": "Hall B"}, {"id": 3, "name": "Hall C"}]
}"#;

    #[test]
    fn sessions_with_speakers_rooms_and_categories_by_id() {
        let p = read(ALL).unwrap();
        assert_eq!(p.events.len(), 2, "the lunch is a service session");
        let l = &p.events[0];
        assert_eq!((l.uid.as_deref(), l.line), (Some("9001"), 3));
        assert_eq!(l.speakers, ["Zoë Wirth"]);
        assert_eq!((l.start.as_deref(), l.end.as_deref()), (Some("16:00"), Some("16:05")));
        assert_eq!(l.kind.as_deref(), Some("Lightning talk"));
        assert_eq!(l.track.as_deref(), Some("Tooling"));
        assert_eq!(l.room.as_deref(), Some("Hall B"));
        assert_eq!(l.urls, ["https://video.example.org/9001"]);
        let p2 = &p.events[1];
        assert_eq!(p2.speakers, ["Zoë Wirth", "Łukasz Nowak"]);
        assert_eq!((p2.line, p2.kind.as_deref()), (8, Some("Panel")));
    }
}
