//! Labelled lines at the top of a talk's notes that fill its fields (pure): `Room: Hall A`,
//! `Location: Room 2`, `Tags: async, python`, `Keywords: #k8s #security` — the metadata lines
//! of note templates, as `Speaker:` lines are (`speaker_lines.rs`). The line stays in the
//! notes; only the first lines of a talk are read this way (below, a `Where:` is prose).

use std::sync::LazyLock;

use regex::Regex;

/// What a labelled line gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// The room, and whether the label said `Room` (a `Location:` or `Where:` at the top of a
    /// whole file is the conference's city more often than a room).
    Room(String, bool),
    Tags(Vec<String>),
}

/// How many lines of a talk's notes may hold its labelled fields.
pub(crate) const FIELD_LINES: usize = 6;

/// Words a room's name may have: more is a sentence.
const ROOM_MAX_WORDS: usize = 6;
/// Words a tag may have.
const TAG_MAX_WORDS: usize = 3;

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\**(room|location|where|tags|keywords|topics)\**\s*:\**\s*(\S.*)$").expect("valid regex")
});

/// The field a line names, if it is a labelled line with a value of the field's shape.
pub(crate) fn labelled(line: &str) -> Option<Field> {
    let line = line.trim();
    // Byte checks first: a label is one of a few words before a colon near the start.
    let colon = line.get(..20).unwrap_or(line).find(':')?;
    if colon < 4 {
        return None;
    }
    let caps = LABELLED.captures(line)?;
    let value = caps[2].trim().trim_end_matches('*').trim();
    match caps[1].to_ascii_lowercase().as_str() {
        label @ ("room" | "location" | "where") => {
            let words = value.split_whitespace().count();
            let sentence = value.ends_with(['.', '!', '?']) || value.contains("://");
            (words <= ROOM_MAX_WORDS && !sentence).then(|| Field::Room(value.to_string(), label == "room"))
        }
        _ => {
            let tags: Vec<String> = value
                .split([',', ';'])
                .flat_map(|part| {
                    // `#k8s #security`: tags written as hashtags, one word each.
                    let part = part.trim();
                    if part.starts_with('#') {
                        part.split_whitespace().map(str::to_string).collect::<Vec<_>>()
                    } else {
                        vec![part.to_string()]
                    }
                })
                .map(|t| t.trim_start_matches('#').trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            let shaped = !tags.is_empty()
                && tags
                    .iter()
                    .all(|t| t.split_whitespace().count() <= TAG_MAX_WORDS && !t.ends_with(['.', '!', '?']));
            shaped.then_some(Field::Tags(tags))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Option<Field> {
        Some(Field::Tags(list.iter().map(|t| t.to_string()).collect()))
    }

    #[test]
    fn room_and_location_lines_name_the_room() {
        assert_eq!(labelled("Room: Hall A"), Some(Field::Room("Hall A".into(), true)));
        assert_eq!(
            labelled("**Location:** Room 2"),
            Some(Field::Room("Room 2".into(), false))
        );
        assert_eq!(
            labelled("where: Auditorium"),
            Some(Field::Room("Auditorium".into(), false))
        );
    }

    #[test]
    fn tags_keywords_and_hashtag_lists_are_tags() {
        assert_eq!(labelled("Tags: async, python"), tags(&["async", "python"]));
        assert_eq!(labelled("Keywords: #k8s #security"), tags(&["k8s", "security"]));
        assert_eq!(
            labelled("Topics: service mesh; tracing"),
            tags(&["service mesh", "tracing"])
        );
    }

    #[test]
    fn prose_after_a_label_word_is_no_field() {
        assert_eq!(
            labelled("Where: we were going with this was unclear to everyone."),
            None
        );
        assert_eq!(
            labelled("Topics: the speaker covered a lot of ground in very little time."),
            None
        );
        assert_eq!(labelled("Room for improvement: plenty"), None);
        assert_eq!(labelled("Speaker: Ada Lovelace"), None);
        assert_eq!(labelled("Tags:"), None);
        assert_eq!(labelled("Room: https://meet.example.org/x"), None);
    }
}
