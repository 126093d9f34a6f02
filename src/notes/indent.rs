//! Plain-text outlines by indentation: the talk level is the indentation depth whose lines
//! with notes indented under them read as talks.
//!
//! ```text
//! Day 1
//!     Ana Costa - @acosta - Why latency lies - https://…
//!         p99 is a lie
//!     Ben Ode - Queues under load
//!         backpressure first
//! ```
//!
//! Every line that has deeper lines under it is a node. At each depth, the nodes that are
//! no day, break or note-taking line are the siblings; when at least [`MIN_TALKS`] of them,
//! and [`SIBLING_SHARE`] of them, name a speaker (read with the usual header readers), every
//! sibling at that depth is a talk — `Ben Ode - Queues under load` as much as the line with a
//! handle and a URL — and the deeper lines are its notes.

use super::dates::{DateContext, day_line};
use super::outline::{MIN_TALKS, SIBLING_SHARE, is_note_heading};
use super::schedule::is_not_session;
use super::text::Line;

/// A talk found on an outline line: its line number, title and speakers.
pub(crate) type OutlineTalk = (usize, String, Vec<String>);

/// The talks of a plain-text outline, and the depth they were found at; `read` gives a
/// line's title and speakers (no speakers when it names none).
pub(crate) fn talks(lines: &[Line], read: &dyn Fn(&str) -> (String, Vec<String>)) -> Option<(u8, Vec<OutlineTalk>)> {
    let flat = |l: &Line| l.heading.is_none() && l.item.is_none() && !l.code;
    let ctx = DateContext::default();
    // (depth, index) of every node: a flat line followed by a deeper line.
    let nodes: Vec<(u8, usize)> = lines
        .windows(2)
        .enumerate()
        .filter(|(_, w)| flat(&w[0]) && w[1].indent > w[0].indent)
        .map(|(i, w)| (w[0].indent, i))
        .collect();
    if nodes.len() < MIN_TALKS {
        return None;
    }
    let mut depths: Vec<u8> = nodes.iter().map(|n| n.0).collect();
    depths.sort_unstable();
    depths.dedup();
    let mut best: Option<(u8, Vec<OutlineTalk>, usize)> = None;
    for depth in depths {
        let siblings: Vec<(OutlineTalk, bool)> = nodes
            .iter()
            .filter(|n| n.0 == depth)
            .map(|&(_, i)| &lines[i])
            .filter(|l| {
                let t = l.text.trim();
                day_line(t, &ctx).is_none() && !is_note_heading(t) && !is_not_session(t)
            })
            .map(|l| {
                let (title, speakers) = read(&l.text);
                let named = !speakers.is_empty();
                ((l.no, title, speakers), named)
            })
            .collect();
        let named = siblings.iter().filter(|s| s.1).count();
        let enough = named >= MIN_TALKS && named as f32 >= SIBLING_SHARE * siblings.len() as f32;
        if enough && best.as_ref().is_none_or(|b| named > b.2) {
            best = Some((depth, siblings.into_iter().map(|s| s.0).collect(), named));
        }
    }
    best.map(|(depth, talks, _)| (depth, talks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        super::super::text::plain_lines(text, 1)
    }

    /// Names before the first dash are the speaker.
    fn read(text: &str) -> (String, Vec<String>) {
        match text.split_once(" - ") {
            Some((who, title)) if who.split_whitespace().count() == 2 => (title.to_string(), vec![who.to_string()]),
            _ => (text.to_string(), Vec::new()),
        }
    }

    #[test]
    fn talks_indented_under_day_lines_with_notes_deeper() {
        let text = "Conf 2019\n\nDay 1\n\tAna Costa - Why latency lies\n\t\tp99\n\tBen Ode - Queues\n\t\tbackpressure\n\
                    Day 2\n\tCarla Diaz - Testing in production\n\t\tflags\n";
        let (depth, found) = talks(&lines(text), &read).unwrap();
        assert_eq!(depth, 4);
        let titles: Vec<&str> = found.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(titles, ["Why latency lies", "Queues", "Testing in production"]);
        assert_eq!(found[0].0, 4);
    }

    #[test]
    fn a_sibling_naming_no_one_is_a_talk_too() {
        let text = "Ana Costa - One\n  a\nBen Ode - Two\n  b\nThe talk after lunch\n  c\n";
        let (_, found) = talks(&lines(text), &read).unwrap();
        assert_eq!(found.len(), 3);
        assert_eq!(found[2].2, Vec::<String>::new());
    }

    #[test]
    fn indented_prose_is_no_outline() {
        let text = "Some thoughts\n    on the conference\nMore thoughts\n    and more\n";
        assert_eq!(talks(&lines(text), &read), None);
    }
}
