//! Wrapping text to the terminal's width, by display columns (wide CJK characters count
//! two), keeping byte ranges so highlights can be painted after the text is cut into lines.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// The byte ranges of `text`'s lines when wrapped to `width` columns: breaks at spaces, and
/// inside a word only when the word alone is wider than a line (a long URL). Spaces at a
/// break are dropped.
pub(crate) fn lines(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(8);
    let mut out = Vec::new();
    // The line being filled: its first byte, its end, its columns.
    let mut line: Option<(usize, usize, usize)> = None;
    let mut at = 0;
    for word in text.split(' ') {
        let s = at;
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let w = columns(word);
        if let Some((first, end, cols)) = line {
            if cols + 1 + w <= width {
                line = Some((first, s + word.len(), cols + 1 + w));
                continue;
            }
            out.push(first..end);
        }
        // The word starts a line; a word wider than a line is cut where it must be.
        let (mut from, mut cols) = (s, 0);
        for (i, ch) in word.char_indices() {
            let cw = ch.width().unwrap_or(0);
            if cols + cw > width && cols > 0 {
                out.push(from..s + i);
                from = s + i;
                cols = 0;
            }
            cols += cw;
        }
        line = Some((from, s + word.len(), cols));
    }
    if let Some((first, end, _)) = line {
        out.push(first..end);
    }
    out
}

/// Display columns of `text`.
pub(crate) fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        lines(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(wrapped("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrapped("short", 80), ["short"]);
        assert!(wrapped("", 80).is_empty());
    }

    #[test]
    fn long_url_is_cut_to_the_width() {
        let url = format!("https://example.org/{}", "a".repeat(30));
        let got = wrapped(&url, 20);
        assert!(got.iter().all(|l| columns(l) <= 20), "{got:?}");
        assert_eq!(got.concat(), url);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let got = wrapped("資深工程師 王小明 講者", 10);
        assert!(got.iter().all(|l| columns(l) <= 10), "{got:?}");
    }
}
