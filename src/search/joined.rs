//! Words joined and split as people type them, as Meilisearch does: two adjacent query words
//! also find the word they make joined (`graph ql`: GraphQL), a hyphenated word also finds
//! its parts written as one word (`co-pilot`: Copilot, `post-mortem`: postmortems), and one
//! word also finds itself split in two where both halves are words of the notes, as a phrase
//! (`servicemesh`: "service mesh"). Only spellings the notes hold are tried: each is looked
//! up in the lexicon, a few look-ups per word. They rank as another form of the word (below
//! the word as typed).

use super::expand::Lexicon;
use super::syntax::{Clause, Occur};

/// Shortest half of a split word: `a` or `s` alone would split most words somewhere.
const MIN_HALF: usize = 2;

/// What the lexicon says of a spelling: how many sessions hold it, and its other forms.
pub(crate) trait Spellings {
    fn doc_freq(&self, word: &str) -> u64;
    fn forms(&self, word: &str) -> Vec<String>;
}

impl Spellings for Lexicon<'_> {
    fn doc_freq(&self, word: &str) -> u64 {
        Lexicon::doc_freq(self, word)
    }

    fn forms(&self, word: &str) -> Vec<String> {
        Lexicon::forms(self, word)
    }
}

/// `word` and its other forms that the notes hold (`postmortem` → `postmortems`): empty when
/// they hold none. Forms only with `forms`.
fn held(word: &str, lexicon: &dyn Spellings, forms: bool) -> Vec<String> {
    let mut out = Vec::new();
    if lexicon.doc_freq(word) > 0 {
        out.push(word.to_string());
    }
    if forms {
        out.extend(lexicon.forms(word));
    }
    out
}

/// For each clause, the joined words it may also match: a plain word (not excluded, quoted
/// or restricted to a field) joined with the plain word before or after it, when the notes
/// hold the join (or, with `forms`, another form of it). Both words of the pair get the
/// join, so a session saying `GraphQL` meets `graph` and `ql`.
pub(crate) fn adjacent(clauses: &[Clause], lexicon: &dyn Spellings, forms: bool) -> Vec<Vec<String>> {
    let plain: Vec<Option<String>> = clauses
        .iter()
        .map(|c| match c.alternatives.as_slice() {
            [a] if c.occur != Occur::MustNot && a.field.is_none() && !a.phrase => {
                let w = super::expand::words(&a.text);
                (w.len() == 1).then(|| w.into_iter().next().expect("one"))
            }
            _ => None,
        })
        .collect();
    let mut out = vec![Vec::new(); clauses.len()];
    for i in 1..plain.len() {
        let (Some(a), Some(b)) = (&plain[i - 1], &plain[i]) else {
            continue;
        };
        for joined in held(&format!("{a}{b}"), lexicon, forms) {
            for slot in [i - 1, i] {
                if !out[slot].contains(&joined) {
                    out[slot].push(joined.clone());
                }
            }
        }
    }
    out
}

/// The words of a hyphenated (or otherwise split) word written as one (`co-pilot` →
/// `copilot`), when the notes hold it or, with `forms`, another form of it.
pub(crate) fn hyphenated(words: &[String], lexicon: &dyn Spellings, forms: bool) -> Vec<String> {
    if words.len() < 2 {
        return Vec::new();
    }
    held(&words.concat(), lexicon, forms)
}

/// `word` split in two where both halves are words of the notes (`servicemesh` → `service`,
/// `mesh`): of every such split, the one whose rarer half is the most frequent (the likeliest
/// reading: `service mesh` rather than `servi cemesh`). None for a word with a digit.
pub(crate) fn split(word: &str, lexicon: &dyn Spellings) -> Option<[String; 2]> {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut best: Option<(u64, [String; 2])> = None;
    for (at, _) in word.char_indices().skip(MIN_HALF) {
        let (left, right) = word.split_at(at);
        if right.chars().count() < MIN_HALF {
            break;
        }
        let df = lexicon.doc_freq(left).min(lexicon.doc_freq(right));
        if df > 0 && best.as_ref().is_none_or(|(b, _)| df > *b) {
            best = Some((df, [left.to_string(), right.to_string()]));
        }
    }
    best.map(|(_, halves)| halves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax::parse;
    use std::collections::BTreeMap;

    /// A lexicon of a few words with their frequencies; forms are the word plus `s`.
    struct Words(BTreeMap<&'static str, u64>);

    impl Spellings for Words {
        fn doc_freq(&self, word: &str) -> u64 {
            self.0.get(word).copied().unwrap_or(0)
        }

        fn forms(&self, word: &str) -> Vec<String> {
            let plural = format!("{word}s");
            if self.doc_freq(&plural) > 0 {
                vec![plural]
            } else {
                Vec::new()
            }
        }
    }

    fn notes() -> Words {
        Words(BTreeMap::from([
            ("graphql", 2),
            ("graph", 5),
            ("copilot", 1),
            ("service", 20),
            ("mesh", 3),
            ("servi", 1),
            ("cemesh", 1),
            ("postmortems", 2),
            ("co", 4),
            ("pilot", 2),
        ]))
    }

    #[test]
    fn graph_ql_finds_graphql() {
        let clauses = parse("graph ql").unwrap();
        assert_eq!(adjacent(&clauses, &notes(), true), [vec!["graphql"], vec!["graphql"]]);
        // Not across an excluded word, a phrase or a field.
        for text in ["graph -ql", "graph \"ql\"", "graph title:ql"] {
            let clauses = parse(text).unwrap();
            assert!(adjacent(&clauses, &notes(), true).iter().all(Vec::is_empty), "{text}");
        }
    }

    #[test]
    fn co_pilot_finds_copilot_and_post_mortem_postmortems() {
        let words = |s: &str| crate::search::expand::words(s);
        assert_eq!(hyphenated(&words("co-pilot"), &notes(), true), ["copilot"]);
        assert_eq!(hyphenated(&words("post-mortem"), &notes(), true), ["postmortems"]);
        assert!(hyphenated(&words("post-mortem"), &notes(), false).is_empty());
        assert!(hyphenated(&words("pilot"), &notes(), true).is_empty());
    }

    #[test]
    fn servicemesh_splits_as_service_mesh() {
        assert_eq!(split("servicemesh", &notes()), Some(["service".into(), "mesh".into()]));
        assert_eq!(split("copilot", &notes()), Some(["co".into(), "pilot".into()]));
        assert_eq!(split("mesh", &notes()), None);
        assert_eq!(split("k8s", &notes()), None);
    }
}
