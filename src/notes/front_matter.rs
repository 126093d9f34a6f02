//! Metadata at the top of a note: YAML between `---` lines, TOML between `+++` lines, or
//! `Key: value` headers as Pelican and other blog engines write them.

use super::dates::{DateContext, find_date, find_year};
use super::names::split_names;
use super::schedule::{Slot, slot_prefix};
use jiff::civil::Date;
use serde_json::Value;

/// What the front matter says about the note's sessions.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub year: Option<i16>,
    pub tags: Vec<String>,
    pub speakers: Vec<String>,
    pub conference: Option<String>,
    pub room: Option<String>,
    pub slot: Option<Slot>,
    pub kind: Option<String>,
}

/// The front matter, where the body starts (0-based byte offset and 1-based line), and
/// warnings (line, message) when a block was there but could not be read, or held a value
/// that was dropped.
pub(crate) struct Split<'a> {
    pub front: Option<FrontMatter>,
    pub body: &'a str,
    pub body_line: usize,
    pub warnings: Vec<(usize, String)>,
}

/// Keys whose value is the note's tags (also the labels of `Tags:` lines, `fields.rs`).
pub(crate) const TAG_KEYS: &[&str] = &["tags", "tag", "keywords"];
/// Keys whose value is the talk's room (also the labels of `Room:` lines, `fields.rs`).
pub(crate) const ROOM_KEYS: &[&str] = &["room", "track"];

const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "tags",
    "tag",
    "keywords",
    "category",
    "categories",
    "speaker",
    "speakers",
    "presenter",
    "presenters",
    "conference",
    "event",
    "room",
    "track",
    "time",
    "slot",
    "kind",
    "type",
    "year",
    "slug",
    "lang",
    "author",
    "summary",
    "modified",
    "status",
];

pub(crate) fn split(text: &str) -> Split<'_> {
    let nothing = Split {
        front: None,
        body: text,
        body_line: 1,
        warnings: Vec::new(),
    };
    let first = text.lines().next().unwrap_or("").trim_end();
    if first == "---" || first == "+++" {
        let fence = first;
        let mut offset = first.len() + 1;
        let mut line = 2;
        for l in text.get(offset..).unwrap_or("").split_inclusive('\n') {
            let t = l.trim_end();
            if t == fence || (fence == "---" && t == "...") {
                let block = &text[first.len() + 1..offset];
                let body_start = (offset + l.len()).min(text.len());
                let parsed = if fence == "---" {
                    parse_yaml(block)
                } else {
                    parse_toml(block)
                };
                return match parsed {
                    Ok((front, dropped)) => Split {
                        front: Some(front),
                        body: &text[body_start..],
                        body_line: line + 1,
                        warnings: dropped
                            .into_iter()
                            .map(|d| (key_line(block, 2, d.key), d.message))
                            .collect(),
                    },
                    Err(e) => Split {
                        warnings: vec![(
                            1,
                            format!(
                                "front matter is not valid {}: {e}; read as text",
                                if fence == "---" { "YAML" } else { "TOML" }
                            ),
                        )],
                        ..nothing
                    },
                };
            }
            offset += l.len();
            line += 1;
            if line > 400 {
                break;
            }
        }
        return Split {
            warnings: vec![(1, "front matter is never closed; read as text".into())],
            ..nothing
        };
    }
    pelican(text).unwrap_or(nothing)
}

/// `Title: …` / `Date: …` lines at the very top, ended by a blank line or `---`.
fn pelican(text: &str) -> Option<Split<'_>> {
    let mut map = serde_json::Map::new();
    let mut offset = 0;
    let mut line = 1;
    let mut known = false;
    for l in text.split_inclusive('\n') {
        let t = l.trim();
        if t.is_empty() || t == "---" {
            if map.is_empty() {
                return None;
            }
            offset += l.len();
            line += 1;
            break;
        }
        let (key, value) = t.split_once(':')?;
        let key = key.trim();
        if key.is_empty()
            || key.len() > 24
            || !key.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'))
            || value.trim().is_empty()
        {
            return None;
        }
        let key = key.to_lowercase();
        known |= KNOWN_KEYS.contains(&key.as_str());
        map.insert(key, Value::String(value.trim().to_string()));
        offset += l.len();
        line += 1;
    }
    if !known || map.len() < 2 && !map.contains_key("title") {
        return None;
    }
    let (front, dropped) = from_map(&Value::Object(map));
    Some(Split {
        front: Some(front),
        body: &text[offset.min(text.len())..],
        body_line: line,
        warnings: dropped
            .into_iter()
            .map(|d| (key_line(text, 1, d.key), d.message))
            .collect(),
    })
}

/// A value the front matter gave that could not be used, and its key.
struct Dropped {
    key: &'static str,
    message: String,
}

/// The line of `text` (whose first line is line `first`) where `key` is set, for warnings;
/// the first line when it cannot be found (a key inside a nested table).
fn key_line(text: &str, first: usize, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches(['"', '\'']);
            l.get(..key.len()).is_some_and(|k| k.eq_ignore_ascii_case(key))
                && l[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with([':', '='])
        })
        .map_or(first, |i| first + i)
}

fn parse_yaml(block: &str) -> Result<(FrontMatter, Option<Dropped>), String> {
    if block.trim().is_empty() {
        return Ok((FrontMatter::default(), None));
    }
    let value: Value =
        serde_saphyr::from_str(block).map_err(|e| e.to_string().lines().next().unwrap_or("").to_string())?;
    match value {
        Value::Object(_) => Ok(from_map(&value)),
        Value::Null => Ok((FrontMatter::default(), None)),
        _ => Err("expected key: value pairs".into()),
    }
}

fn parse_toml(block: &str) -> Result<(FrontMatter, Option<Dropped>), String> {
    let table: toml::Table = toml::from_str(block).map_err(|e| e.message().to_string())?;
    let value = serde_json::to_value(table).map_err(|e| e.to_string())?;
    Ok(from_map(&value))
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        // TOML dates arrive as {"$__toml_private_datetime": "…"}.
        Value::Object(map) => map.values().next().and_then(as_text),
        Value::Null => None,
    }
}

fn as_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(as_text).collect(),
        other => as_text(other)
            .map(|s| {
                s.split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The front matter's fields, and the date when it was given but could not be read.
fn from_map(value: &Value) -> (FrontMatter, Option<Dropped>) {
    let mut front = FrontMatter::default();
    let mut dropped = None;
    let Value::Object(map) = value else {
        return (front, dropped);
    };
    let get = |names: &[&str]| -> Option<&Value> {
        map.iter()
            .find(|(k, _)| names.contains(&k.to_lowercase().as_str()))
            .map(|(_, v)| v)
    };
    front.title = get(&["title"]).and_then(as_text);
    // Keys in the languages notes are written in: `Sprecher`, `Datum`, `Konferenz`, `ponente`.
    if let Some(date) = get(&["date", "datum", "fecha", "data"]).and_then(as_text) {
        let found = find_date(&date, &DateContext::default());
        front.date = found.as_ref().and_then(|f| f.date);
        front.year = found.and_then(|f| f.year).or_else(|| find_year(&date));
        // `2019` or `October 2019` only name a year; `2019-02-31` names a day that is not.
        let only_a_year = front.year.is_some_and(|y| {
            !date
                .replacen(&y.to_string(), "", 1)
                .contains(|c: char| c.is_ascii_digit())
        });
        if front.date.is_none() && !only_a_year {
            let message = match front.year {
                Some(y) => format!("date {date:?} is not a real date; only the year {y} is kept"),
                None => format!("date {date:?} is not a date (2019-10-17); ignored"),
            };
            dropped = Some(Dropped { key: "date", message });
        }
    }
    if let Some(year) = get(&["year"]).and_then(as_text).and_then(|y| find_year(&y)) {
        front.year = Some(year);
    }
    front.tags = get(TAG_KEYS).map(as_list).unwrap_or_default();
    front.speakers = get(&[
        "speakers",
        "speaker",
        "presenters",
        "presenter",
        "by",
        "sprecher",
        "referent",
        "referenten",
        "intervenant",
        "intervenants",
        "ponente",
        "ponentes",
    ])
    .map(|v| match v {
        Value::Array(_) => as_list(v),
        other => as_text(other).map(|s| split_names(&s)).unwrap_or_default(),
    })
    .unwrap_or_default();
    front.conference = get(&["conference", "event", "konferenz", "conférence", "conferencia"]).and_then(as_text);
    // `event: QCon London 2022`: the conference, and the year when nothing else gives it.
    if let Some(c) = front.conference.take() {
        let (name, year) = split_year(&c);
        front.year = front.year.or(year);
        front.conference = Some(name);
    }
    front.room = get(ROOM_KEYS).and_then(as_text);
    front.slot = get(&["time", "slot"])
        .and_then(as_text)
        .and_then(|t| slot_prefix(&t).map(|(s, _)| s));
    front.kind = get(&["kind", "type"]).and_then(as_text).map(|k| k.to_lowercase());
    (front, dropped)
}

/// `QCon London 2022` → (`QCon London`, 2022); a name without a year at its end stays whole.
fn split_year(name: &str) -> (String, Option<i16>) {
    let t = name.trim();
    match t.rsplit_once(' ') {
        Some((head, y))
            if y.len() == 4
                && y.starts_with(['1', '2'])
                && y.chars().all(|c| c.is_ascii_digit())
                && !head.is_empty() =>
        {
            (
                head.trim_end_matches([',', '-', '–']).trim().to_string(),
                y.parse().ok(),
            )
        }
        _ => (t.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keys_in_german_and_spanish_sprecher() {
        let f = split("---\ntitle: Datenverträge\nSprecher: Ida Berg, Omar Siddiqui\nDatum: 2024-06-12\nKonferenz: data2day\n---\n")
            .front
            .unwrap();
        assert_eq!(f.speakers, ["Ida Berg", "Omar Siddiqui"]);
        assert_eq!(f.year, Some(2024));
        assert_eq!(f.conference.as_deref(), Some("data2day"));
        let f = split("---\ntitle: Zero trust\nevent: QCon London 2022\n---\n")
            .front
            .unwrap();
        assert_eq!((f.conference.as_deref(), f.year), (Some("QCon London"), Some(2022)));
        let f = split("---\ntitle: Charla\nponente: Lucía Fernández\nfecha: 2022-10-01\n---\n")
            .front
            .unwrap();
        assert_eq!(f.speakers, ["Lucía Fernández"]);
    }

    #[test]
    fn yaml_front_matter() {
        let s = split(
            "---\ntitle: \"Thanos: HA\"\nspeakers: [Tom Riley]\ndate: 2019-10-18\ntime: \"09:30 – 10:00\"\ntags: [a, b]\n---\n\nBody\n",
        );
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("Thanos: HA"));
        assert_eq!(f.speakers, ["Tom Riley"]);
        assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2019-10-18"));
        assert_eq!(f.tags, ["a", "b"]);
        assert_eq!(Slot::format(f.slot.unwrap().end).as_deref(), Some("10:00"));
        assert_eq!(s.body_line, 8);
        assert_eq!(s.body, "\nBody\n");
    }

    #[test]
    fn toml_front_matter() {
        let s = split("+++\ntitle = \"X\"\ndate = 2018-05-01\n+++\nBody\n");
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("X"));
        assert_eq!(f.year, Some(2018));
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn pelican_header() {
        let s = split("Title: Minutes\nDate: 2020-02-06 14:00\nTags: a, b\n---\n\nText\n");
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("Minutes"));
        assert_eq!(f.tags, ["a", "b"]);
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn broken_front_matter_is_a_warning_and_text() {
        let s = split("---\ntitle: [unclosed\n---\nBody\n");
        assert!(s.front.is_none());
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.body_line, 1);
        let s = split("---\ntitle: x\n");
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn impossible_front_matter_dates_warn_with_their_line() {
        let s = split("---\ntitle: Talk\ndate: 2019-02-31\n---\nBody\n");
        let f = s.front.unwrap();
        assert_eq!((f.date, f.year), (None, Some(2019)));
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert_eq!(s.warnings[0].0, 3);
        assert!(
            s.warnings[0].1.contains("\"2019-02-31\" is not a real date"),
            "{:?}",
            s.warnings
        );
        let s = split("+++\ntitle = \"X\"\n\"Date\" = \"February 30, 2018\"\n+++\nBody\n");
        assert_eq!(s.warnings.first().map(|w| w.0), Some(3), "{:?}", s.warnings);
        let s = split("Title: Minutes\nDate: soon\n\nText\n");
        assert_eq!(s.warnings.first().map(|w| w.0), Some(2), "{:?}", s.warnings);
        assert!(s.warnings[0].1.contains("ignored"), "{:?}", s.warnings);
        // A year, or a month of a year, is a date as far as it goes: no warning.
        for date in ["2019", "October 2019", "2019-10-17", "17 October 2019", "Spring 2019"] {
            let note = format!("---\ntitle: T\ndate: {date}\n---\nBody\n");
            let s = split(&note);
            assert!(s.warnings.is_empty(), "{date}: {:?}", s.warnings);
        }
    }

    #[test]
    fn ordinary_first_lines_are_not_headers() {
        assert!(split("Note: this is just a sentence\nMore text\n").front.is_none());
        assert!(split("# Title\n").front.is_none());
    }
}
