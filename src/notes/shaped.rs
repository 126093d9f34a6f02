//! Headings that name their speaker by little more than a surname, read by the shape their
//! siblings share (pure): `## Queues that never drain (Okonkwo)`, `## Title by Okonkwo`,
//! `## Okonkwo: Title`, `## Title - Okonkwo`.
//!
//! One capitalised word is weak evidence of a person (`name_score` gives it 0.35), too weak
//! for a heading alone: `## Kafka: lessons learned` names a product. Two or more sibling
//! headings written in the same shape, each with a different name-like word in the speaker's
//! place, are a file's talks written one way; then each is a talk and the word its speaker.
//! Before a colon, where product names stand as often as people, the word must also be absent
//! from the notes under its heading: a talk about Kafka says "Kafka", a talk by Okonkwo seldom
//! says "Okonkwo".

use super::dates::is_calendar_word;
use super::names::{dash_ranges, name_score, split_names};

/// Score a speaker's place needs here: a single capitalised word that is no title word.
const WEAK_NAME: f32 = 0.35;
/// Words a name may have in a speaker's place.
const NAME_MAX_WORDS: usize = 3;

/// Where a heading puts its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// `Title (Okonkwo)`
    Parenthesis,
    /// `Title by Okonkwo`
    By,
    /// `Okonkwo: Title`
    ColonFirst,
    /// `Title - Okonkwo`, `Title — Mara Lindqvist`
    DashLast,
}

/// A heading read by its shape: the title and the speakers in the speaker's place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapedHeading {
    pub shape: Shape,
    pub title: String,
    pub speakers: Vec<String>,
}

/// The names in a speaker's place, when every one reads at least weakly as a name.
pub(crate) fn weak_names(text: &str) -> Option<Vec<String>> {
    let text = text.trim();
    if text.is_empty() || text.contains(['(', ')', '"', '“', ':']) {
        return None;
    }
    let names = split_names(text);
    // `Monday: arrivals`, `Afternoon: workshops`: a time of the event, not a person.
    let all = !names.is_empty()
        && names.iter().all(|n| {
            n.split_whitespace().count() <= NAME_MAX_WORDS
                && name_score(n) >= WEAK_NAME
                && !n.split_whitespace().any(is_calendar_word)
        });
    all.then_some(names)
}

fn titled(shape: Shape, title: &str, speakers: Vec<String>) -> Option<ShapedHeading> {
    let title = title.trim().trim_end_matches([',', ':', '-', '–', '—']).trim();
    title.chars().any(char::is_alphabetic).then(|| ShapedHeading {
        shape,
        title: title.to_string(),
        speakers,
    })
}

/// The heading read in the first shape that fits it, if any. Byte checks decide most headings.
pub(crate) fn read(text: &str) -> Option<ShapedHeading> {
    let text = text.trim();
    if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
    {
        // `(Okonkwo, Acme)`: the first part names the person.
        let within = &inner[open + 2..];
        let who = within.split([',', ';']).next().unwrap_or("");
        if let Some(speakers) = weak_names(who) {
            return titled(Shape::Parenthesis, &inner[..open], speakers);
        }
    }
    if let Some((title, who)) = text.rsplit_once(" by ")
        && let Some(speakers) = weak_names(who)
    {
        return titled(Shape::By, title, speakers);
    }
    if let Some((who, title)) = text.split_once(": ")
        && let Some(speakers) = weak_names(who)
    {
        return titled(Shape::ColonFirst, title, speakers);
    }
    if text.contains(['-', '–', '—', '|']) {
        let ranges = dash_ranges(text);
        if let [.., before, last] = ranges.as_slice()
            && let Some(speakers) = weak_names(&text[last.clone()])
        {
            return titled(Shape::DashLast, &text[..before.end], speakers);
        }
    }
    None
}

/// Sibling headings read by their shape: `shaped[i]` is heading `i`'s reading, `siblings[i]`
/// the key of its group of siblings (level and parent), `mentioned(i, name)` whether the notes
/// under heading `i` name `name`. Returns the headings whose shape [`min`] or more siblings
/// share, each with a different speaker.
pub(crate) fn agreeing<K: PartialEq + Copy>(
    shaped: &[Option<ShapedHeading>],
    siblings: &[K],
    min: usize,
    mentioned: &dyn Fn(usize, &str) -> bool,
) -> Vec<usize> {
    let mut agreed = Vec::new();
    for (i, reading) in shaped.iter().enumerate() {
        let Some(reading) = reading else { continue };
        if agreed.contains(&i) {
            continue;
        }
        let group: Vec<usize> = (i..shaped.len())
            .filter(|&j| siblings[j] == siblings[i] && shaped[j].as_ref().is_some_and(|r| r.shape == reading.shape))
            .collect();
        if group.len() < min {
            continue;
        }
        // The same word in every heading's speaker's place is a label (`(Beginner)`), not people.
        let mut seen: Vec<String> = group
            .iter()
            .filter_map(|&j| shaped[j].as_ref())
            .map(|r| r.speakers.join(", ").to_lowercase())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() < group.len() {
            continue;
        }
        if reading.shape == Shape::ColonFirst
            && group.iter().any(|&j| {
                shaped[j]
                    .as_ref()
                    .is_some_and(|r| r.speakers.iter().any(|s| mentioned(j, s)))
            })
        {
            continue;
        }
        agreed.extend(group);
    }
    agreed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(text: &str) -> Option<(Shape, String, Vec<String>)> {
        read(text).map(|r| (r.shape, r.title, r.speakers))
    }

    #[test]
    fn surname_in_each_shape() {
        let want = |shape, title: &str, who: &str| Some((shape, title.to_string(), vec![who.to_string()]));
        assert_eq!(
            shape_of("Queues that never drain (Okonkwo)"),
            want(Shape::Parenthesis, "Queues that never drain", "Okonkwo")
        );
        assert_eq!(
            shape_of("Queues that never drain by Okonkwo"),
            want(Shape::By, "Queues that never drain", "Okonkwo")
        );
        assert_eq!(
            shape_of("Okonkwo: Queues that never drain"),
            want(Shape::ColonFirst, "Queues that never drain", "Okonkwo")
        );
        assert_eq!(
            shape_of("Queues that never drain - Okonkwo"),
            want(Shape::DashLast, "Queues that never drain", "Okonkwo")
        );
        assert_eq!(
            shape_of("Tracing without tears — Mara Lindqvist"),
            want(Shape::DashLast, "Tracing without tears", "Mara Lindqvist")
        );
    }

    #[test]
    fn kubernetes_the_hard_parts_and_q_and_a_part_2_name_no_one() {
        for text in [
            "Kubernetes: the hard parts",
            "Q&A (part 2)",
            "Notes (2019)",
            "Lessons learned - part 2",
            "Why we moved: a story",
            "Monday: arrivals and badges",
            "Afternoon: workshops",
        ] {
            assert_eq!(shape_of(text), None, "{text}");
        }
    }

    #[test]
    fn siblings_agree_only_with_different_speakers_and_unmentioned_colon_names() {
        let read_all = |texts: &[&str]| texts.iter().map(|t| read(t)).collect::<Vec<_>>();
        let never = |_: usize, _: &str| false;
        let two = read_all(&["Queues (Okonkwo)", "Tracing (Lindqvist)", "Lunch"]);
        assert_eq!(agreeing(&two, &[1, 1, 1], 2, &never), [0, 1]);
        // Other parents: not siblings.
        assert!(agreeing(&two, &[1, 2, 1], 2, &never).is_empty());
        let label = read_all(&["Intro to Rust (Beginner)", "Ownership (Beginner)"]);
        assert!(agreeing(&label, &[1, 1], 2, &never).is_empty());
        let products = read_all(&["Kafka: lessons from production", "Envoy: beyond the proxy"]);
        assert_eq!(agreeing(&products, &[1, 1], 2, &never), [0, 1]);
        let named_below = |i: usize, name: &str| i == 0 && name == "Kafka";
        assert!(agreeing(&products, &[1, 1], 2, &named_below).is_empty());
    }
}
