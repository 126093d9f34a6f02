//! Section titles written in sentence case in plain-text prose: `Going back to the first
//! edition` between two paragraphs of a pasted blog post.
//!
//! A short line in Title Case is already a section title (`heading::is_title_like`); a longer
//! one in sentence case reads the same as a one-line point of a list written as paragraphs
//! (`Short retrospective at time for feedback`). What tells them apart is around them: a title
//! follows a real paragraph (two sentences or more) and opens a longer one, while a list's
//! points follow one another.

use super::text::Line;
use rustc_hash::FxHashSet as HashSet;

/// Longest sentence-case title, in words (shorter ones are titles by `is_title_like`).
pub(super) const MAX_WORDS: usize = 8;
/// Sentences the paragraph before a title must hold: one sentence is a list's point.
pub(super) const PARAGRAPH_SENTENCES: usize = 2;

/// The lines (by number) of plain text that are sentence-case section titles: a one-line
/// paragraph of at most [`MAX_WORDS`] words, capitalised, with no closing punctuation or URL,
/// after a paragraph of [`PARAGRAPH_SENTENCES`] sentences and before a longer paragraph.
pub(super) fn sentence_titles(lines: &[Line]) -> HashSet<usize> {
    // Paragraphs: runs of lines with no blank between them, as (first line's index, last
    // line's number, text).
    let mut paragraphs: Vec<(usize, usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match paragraphs.last_mut() {
            Some(p) if !line.blank_before && p.1 + 1 == line.no => {
                p.2.push(' ');
                p.2.push_str(&line.text);
                p.1 = line.no;
            }
            _ => paragraphs.push((i, line.no, line.text.clone())),
        }
    }
    let mut titles = HashSet::default();
    for w in paragraphs.windows(3) {
        let [(_, _, before), (i, last, title), (_, _, after)] = w else {
            continue;
        };
        let line = &lines[*i];
        let one_plain_line = line.no == *last && line.heading.is_none() && line.item.is_none() && !line.code;
        if one_plain_line
            && reads_as_title(title)
            && sentences(before) >= PARAGRAPH_SENTENCES
            && after.len() > title.len()
        {
            titles.insert(line.no);
        }
    }
    titles
}

/// A capitalised line of a few words with no closing punctuation, URL or digits.
fn reads_as_title(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (2..=MAX_WORDS).contains(&words)
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '…', ')', '"', '”'])
        && !t.contains("://")
        && !t.contains("www.")
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// Sentences in a paragraph: ends of sentences followed by a capital, and the last one.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut n = 0;
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            match next {
                None => n += 1,
                Some(c) if c.is_uppercase() && chars.get(i + 1).is_some_and(|c| c.is_whitespace()) => n += 1,
                _ => {}
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::text::plain_lines;

    #[test]
    fn going_back_to_the_first_edition_is_a_title() {
        let text = "I keep thinking about the drift talk. Running plans at\nnight is now on our backlog.\n\nGoing back to the first edition\n\nThe venue was the same; the coffee was worse. See the old\nprogramme for more.\n";
        let lines = plain_lines(text, 1);
        assert_eq!(sentence_titles(&lines).into_iter().collect::<Vec<_>>(), vec![4]);
    }

    #[test]
    fn a_list_written_as_paragraphs_has_no_titles() {
        let text = "Fifteen people came.\n\nInstructions and help were sent out well in advance\n\nA local network ran on a small board.\n\nShort retrospective at the end for feedback\n\nSeveral people have run similar workshops since, which says a lot. I would run one.\n";
        let lines = plain_lines(text, 1);
        assert!(sentence_titles(&lines).is_empty());
    }

    #[test]
    fn sentences_in_a_paragraph() {
        assert_eq!(sentences("One. Two! Three?"), 3);
        assert_eq!(sentences("Version 2.0 is out. It works"), 1);
        assert_eq!(sentences("No end"), 0);
    }

    #[test]
    fn lines_that_are_not_titles() {
        for t in [
            "the lower-case start of a line",
            "Ends with a full stop like a sentence.",
            "See https://example.org for more",
            "Fifteen people in 2 rooms",
            "One",
            "This line has far too many words to be any kind of title",
        ] {
            assert!(!reads_as_title(t), "{t}");
        }
    }
}
