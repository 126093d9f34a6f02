//! Labelled lines at the top of a talk's notes that fill its fields (pure): `Room: Hall A`,
//! `Location: Room 2`, `Tags: async, python`, `Keywords: #k8s #security` — the metadata lines
//! of note templates, as `Speaker:` lines are (`speaker_lines.rs`). The line stays in the
//! notes; only the first lines of a talk are read this way (below, a `Where:` is prose).

use super::forms::label;
use super::front_matter::{ROOM_KEYS, TAG_KEYS};

/// What a labelled line gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// The room, and whether the label is one front matter reads as the room (`Room`,
    /// `Track`): a `Location:` or `Where:` at the top of a whole file is the conference's city
    /// more often than a room.
    Room(String, bool),
    Tags(Vec<String>),
}

/// How many lines of a talk's notes may hold its labelled fields.
pub(crate) const FIELD_LINES: usize = 6;

/// Labels that may name a room, beside [`ROOM_KEYS`].
const PLACE_LABELS: &[&str] = &["location", "where"];
/// Labels that name tags, beside [`TAG_KEYS`].
const TOPIC_LABELS: &[&str] = &["topics"];
/// Words a room's name may have: more is a sentence.
const ROOM_MAX_WORDS: usize = 6;
/// Words a tag may have.
const TAG_MAX_WORDS: usize = 3;

/// The field a line names, if it is a labelled line with a value of the field's shape.
pub(crate) fn labelled(line: &str) -> Option<Field> {
    let line = line.trim();
    // A label is a word or two before a colon near the start: most lines stop here.
    if !line.get(..20).unwrap_or(line).contains(':') {
        return None;
    }
    let (name, value) = label(line)?;
    // `**Location:** Room 2`
    let name = name.trim_matches('*');
    let value = value.trim_matches('*').trim();
    if value.is_empty() {
        return None;
    }
    let said_room = ROOM_KEYS.contains(&name);
    if said_room || PLACE_LABELS.contains(&name) {
        let words = value.split_whitespace().count();
        let sentence = value.ends_with(['.', '!', '?']) || value.contains("://");
        return (words <= ROOM_MAX_WORDS && !sentence).then(|| Field::Room(value.to_string(), said_room));
    }
    if !(TAG_KEYS.contains(&name) || TOPIC_LABELS.contains(&name)) {
        return None;
    }
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
