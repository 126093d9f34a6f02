//! Snippets: the fragment of a session's notes that shows why it matched, cut at word
//! boundaries, marked `…` where the notes go on, without stray punctuation in front.

use super::Snippet;
use tantivy::snippet::{Snippet as Fragment, SnippetGenerator};

/// Bytes of the notes shown when nothing in them matched (the title or a speaker did).
const BEGINNING: usize = 200;

/// The best fragment of the notes, and a second one when the best does not show every
/// word that matched and another part of the notes does.
pub(super) fn snippets(generator: Option<&SnippetGenerator>, body: &str) -> (Snippet, Option<Snippet>) {
    let Some(g) = generator else {
        return (beginning(body), None);
    };
    let best = g.snippet(body);
    if best.fragment().is_empty() {
        // No match in the notes (title or speaker matched): their beginning.
        return (beginning(body), None);
    }
    let range = best.fragment_range();
    let shown: Vec<String> = matched_words(&best);
    let second = [(0, range.start), (range.end, body.len())]
        .into_iter()
        .filter(|(a, b)| b > a)
        .map(|(a, b)| (a, g.snippet(&body[a..b])))
        .filter(|(_, s)| matched_words(s).iter().any(|w| !shown.contains(w)))
        .max_by_key(|(_, s)| s.highlighted().len());
    let of = |offset: usize, s: &Fragment| {
        let r = s.fragment_range();
        let highlights = s.highlighted().iter().map(|r| [r.start, r.end]).collect();
        tidy(
            s.fragment(),
            highlights,
            has_words(&body[..offset + r.start]),
            has_words(&body[offset + r.end..]),
        )
    };
    (of(0, &best), second.map(|(offset, s)| of(offset, &s)))
}

fn matched_words(s: &Fragment) -> Vec<String> {
    s.highlighted()
        .iter()
        .map(|r| s.fragment()[r.clone()].to_lowercase())
        .collect()
}

fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The first words of the notes, up to [`BEGINNING`] bytes, never cut inside a word.
fn beginning(body: &str) -> Snippet {
    if body.len() <= BEGINNING {
        return tidy(body, Vec::new(), false, false);
    }
    let mut end = crate::notes::text::char_floor(body, BEGINNING);
    // Back to the last space, unless the first word alone is longer than the snippet.
    if let Some(space) = body[..end].rfind(char::is_whitespace) {
        end = space;
    }
    tidy(&body[..end], Vec::new(), false, has_words(&body[end..]))
}

/// Whitespace collapsed to single spaces, separators and spaces in front dropped, `…` where
/// the notes go on before or after; highlights moved along with the text.
pub(super) fn tidy(text: &str, highlights: Vec<[usize; 2]>, cut_before: bool, cut_after: bool) -> Snippet {
    // Each kept byte of `text` and where it lands, so highlights can follow.
    let mut out = String::with_capacity(text.len() + 8);
    let mut map = vec![usize::MAX; text.len() + 1];
    if cut_before {
        out.push_str("… ");
    }
    let lead = text
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || is_stray(c)))
        .map_or(text.len(), |(i, _)| i);
    let mut pending_space = false;
    for (i, c) in text[lead..].char_indices() {
        let i = i + lead;
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        pending_space = false;
        map[i] = out.len();
        out.push(c);
    }
    let body_end = out.len();
    for i in (0..text.len()).rev() {
        if map[i] == usize::MAX {
            map[i] = map.get(i + 1).copied().filter(|&m| m != usize::MAX).unwrap_or(body_end);
        }
    }
    map[text.len()] = body_end;
    let highlights = highlights
        .into_iter()
        .filter(|[a, b]| a < b && *b <= text.len())
        .map(|[a, b]| {
            // The end of a range is just after its last kept byte.
            let end = (a..b).rev().find(|&i| text.is_char_boundary(i)).map_or(map[b], |last| {
                map[last] + text[last..].chars().next().map_or(0, char::len_utf8)
            });
            [map[a], end.min(body_end)]
        })
        .filter(|[a, b]| a < b)
        .collect();
    if cut_after && !out.is_empty() {
        out.push_str(" …");
    }
    Snippet { text: out, highlights }
}

/// Punctuation that reads as the tail of something cut off when a snippet starts with it.
fn is_stray(c: char) -> bool {
    matches!(
        c,
        ':' | ';' | ',' | '.' | '-' | '–' | '—' | '|' | '·' | '/' | '>' | '*' | '_' | '='
    )
}

/// What the hits shown are highlighted with: the query's matches in the notes and in the
/// title, its terms looked up once for every hit.
pub(super) struct Highlighter {
    body: SnippetGenerator,
    title: SnippetGenerator,
}

impl Highlighter {
    pub(super) fn new(
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
        f: &crate::index::Fields,
    ) -> tantivy::Result<Highlighter> {
        let mut body = SnippetGenerator::create(searcher, query, f.body)?;
        body.set_max_num_chars(220);
        let mut title = SnippetGenerator::create(searcher, query, f.title)?;
        title.set_max_num_chars(10_000);
        Ok(Highlighter { body, title })
    }
}

/// A hit's snippets of its notes (`body`) and its title's highlights; without a highlighter
/// (no text searched), the beginning of its notes.
pub(super) fn highlight(highlighter: Option<&Highlighter>, hit: &mut super::Hit) {
    let (snippet, second) = snippets(highlighter.map(|h| &h.body), &hit.session.body);
    hit.snippet = Some(snippet);
    hit.second_snippet = second;
    if let Some(h) = highlighter {
        hit.title_highlights = h
            .title
            .snippet(&hit.session.title)
            .highlighted()
            .iter()
            .map(|r| [r.start, r.end])
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_before_an_ignite_snippet_is_dropped() {
        let s = tidy(": How we tested  prod", vec![[2, 5]], false, false);
        assert_eq!(s.text, "How we tested prod");
        assert_eq!(s.highlights, vec![[0, 3]]);
        assert_eq!(&s.text[0..3], "How");
    }

    #[test]
    fn ellipses_where_the_notes_go_on() {
        let s = tidy("secrets in  vault", vec![[0, 7], [12, 17]], true, true);
        assert_eq!(s.text, "… secrets in vault …");
        for [a, b] in &s.highlights {
            assert!(["secrets", "vault"].contains(&&s.text[*a..*b]));
        }
    }

    #[test]
    fn beginning_is_cut_at_a_word_boundary() {
        let body = "word ".repeat(60);
        let s = beginning(&body);
        assert!(s.text.ends_with("word …"), "{}", s.text);
        assert!(s.text.len() <= BEGINNING + 4);
        assert_eq!(beginning("short notes").text, "short notes");
    }

    #[test]
    fn multibyte_text_keeps_its_highlights() {
        let s = tidy("— Café – crème", vec![[4, 9]], false, false);
        assert_eq!(s.text, "Café – crème");
        assert_eq!(&s.text[s.highlights[0][0]..s.highlights[0][1]], "Café");
    }
}
