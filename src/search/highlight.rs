//! Highlights that show what made the match. The snippet generator highlights every word of
//! every term the query holds, the words of its phrases included, wherever they stand; but a
//! word that only belongs to phrases — a split word (`servicemesh` → "service mesh"), a
//! hyphenated one (`co-pilot`), a synonym of several words (`sre` → "site reliability
//! engineering") — matched only where the phrase stands. Alone (`not the pilot`), it made no
//! match, and is not highlighted.

use super::{Hit, Snippet};
use std::collections::BTreeSet;
use tantivy::query::Query;

/// The words of a query that only belong to its phrases.
pub(crate) struct PhraseOnly(BTreeSet<String>);

impl PhraseOnly {
    pub(crate) fn of(query: &dyn Query) -> PhraseOnly {
        let (mut in_phrases, mut alone) = (BTreeSet::new(), BTreeSet::new());
        query.query_terms(&mut |term, needs_positions| {
            if let Some(word) = term.value().as_str() {
                if needs_positions {
                    in_phrases.insert(word.to_string());
                } else {
                    alone.insert(word.to_string());
                }
            }
        });
        PhraseOnly(in_phrases.difference(&alone).cloned().collect())
    }

    /// Drops from `hit`'s snippets and title the highlights of phrase words standing alone.
    pub(crate) fn apply(&self, hit: &mut Hit) {
        if self.0.is_empty() {
            return;
        }
        for snippet in hit.snippet.iter_mut().chain(hit.second_snippet.iter_mut()) {
            let Snippet { text, highlights } = snippet;
            *highlights = self.kept(text, highlights);
        }
        hit.title_highlights = self.kept(&hit.session.title, &hit.title_highlights);
    }

    /// The highlights of `text` less those of a phrase word with no highlighted neighbour
    /// (only punctuation or spaces between them).
    fn kept(&self, text: &str, highlights: &[[usize; 2]]) -> Vec<[usize; 2]> {
        let word = |[a, b]: [usize; 2]| {
            text.get(a..b)
                .map(|w| super::expand::words(w).concat())
                .unwrap_or_default()
        };
        let joined = |left: [usize; 2], right: [usize; 2]| {
            left[1] <= right[0]
                && text
                    .get(left[1]..right[0])
                    .is_some_and(|gap| gap.chars().count() <= 3 && !gap.chars().any(char::is_alphanumeric))
        };
        highlights
            .iter()
            .enumerate()
            .filter(|&(i, &r)| {
                if !self.0.contains(&word(r)) {
                    return true;
                }
                let before = i.checked_sub(1).map(|j| highlights[j]);
                let after = highlights.get(i + 1).copied();
                before.is_some_and(|b| joined(b, r)) || after.is_some_and(|a| joined(r, a))
            })
            .map(|(_, &r)| r)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase_only(words: &[&str]) -> PhraseOnly {
        PhraseOnly(words.iter().map(|w| w.to_string()).collect())
    }

    fn shown(text: &str, kept: &[[usize; 2]]) -> Vec<String> {
        kept.iter().map(|&[a, b]| text[a..b].to_string()).collect()
    }

    #[test]
    fn co_pilot_keeps_co_pilot_and_drops_a_lone_pilot() {
        let text = "A co-pilot, not the pilot.";
        let highlights = [[2, 4], [5, 10], [20, 25]];
        let kept = phrase_only(&["co", "pilot"]).kept(text, &highlights);
        assert_eq!(shown(text, &kept), ["co", "pilot"]);
    }

    #[test]
    fn words_searched_alone_stay_highlighted() {
        let text = "service mesh, every service";
        let highlights = [[0, 7], [8, 12], [20, 27]];
        // `service` is also a word of the query on its own: every one stays.
        let kept = phrase_only(&["mesh"]).kept(text, &highlights);
        assert_eq!(shown(text, &kept), ["service", "mesh", "service"]);
        let kept = phrase_only(&["service", "mesh"]).kept(text, &highlights);
        assert_eq!(shown(text, &kept), ["service", "mesh"]);
    }
}
