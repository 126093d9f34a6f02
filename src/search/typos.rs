//! Typos: how many a word may have, the distance between two words, and the automaton that
//! walks a dictionary for the words within it (`expand.rs` runs it over the lexicon).

/// Typos allowed in a word, as Meilisearch does: none under 5 characters, one from 5, two
/// from 9; none in a word with a digit (`2019` is never `2017`, `k8s` never `k9s`).
pub(crate) fn typo_budget(word: &str) -> u8 {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return 0;
    }
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Edits between two words, a swap of neighbours counting as one.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Words at most `max` edits from `word` (an insertion, a deletion, a substitution or a swap
/// of neighbours each count one), as an automaton over the bytes of the dictionary's words:
/// one row of the edit-distance table per byte read. Nothing to build beforehand, unlike a
/// Levenshtein DFA, whose construction for two edits costs more than a whole query.
pub(super) struct Typos<'w> {
    pub(super) word: &'w [u8],
    pub(super) max: u8,
}

/// Longest word corrected: the table's rows live on the stack.
pub(super) const MAX_TYPO_WORD: usize = 31;

/// The last two rows of the table and the last byte read.
#[derive(Clone, Copy)]
pub(super) struct TypoState {
    prev: [u8; MAX_TYPO_WORD + 1],
    row: [u8; MAX_TYPO_WORD + 1],
    last: Option<u8>,
    /// Bytes read so far (the previous row means something from the second).
    read: usize,
}

impl Typos<'_> {
    /// Does the automaton take `key`, as a walk of a dictionary holding it would?
    pub(super) fn accepts(&self, key: &[u8]) -> bool {
        use tantivy_fst::Automaton;
        let mut state = self.start();
        for &b in key {
            if !self.can_match(&state) {
                return false;
            }
            state = self.accept(&state, b);
        }
        self.is_match(&state)
    }
}

impl tantivy_fst::Automaton for Typos<'_> {
    type State = TypoState;

    fn start(&self) -> TypoState {
        let mut row = [0u8; MAX_TYPO_WORD + 1];
        // Any distance over the budget is as good as another: capped, so it never overflows.
        for (j, d) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *d = j.min(self.max as usize + 1) as u8;
        }
        TypoState {
            prev: [0; MAX_TYPO_WORD + 1],
            row,
            last: None,
            read: 0,
        }
    }

    fn is_match(&self, s: &TypoState) -> bool {
        s.row[self.word.len()] <= self.max
    }

    fn can_match(&self, s: &TypoState) -> bool {
        let n = self.word.len();
        let min = |r: &[u8]| r[..=n].iter().copied().min().unwrap_or(u8::MAX);
        // A swap reaches back two rows: the previous row can still lead to a match.
        min(&s.row) <= self.max || (s.read > 0 && min(&s.prev).saturating_add(1) <= self.max)
    }

    fn accept(&self, s: &TypoState, byte: u8) -> TypoState {
        let w = self.word;
        let cap = self.max + 1;
        let mut row = [0u8; MAX_TYPO_WORD + 1];
        row[0] = s.row[0].saturating_add(1).min(cap);
        for j in 1..=w.len() {
            let substitute = s.row[j - 1] + u8::from(w[j - 1] != byte);
            let mut d = (s.row[j] + 1).min(row[j - 1] + 1).min(substitute);
            if j > 1 && s.read > 0 && s.last == Some(w[j - 1]) && byte == w[j - 2] {
                d = d.min(s.prev[j - 2] + 1);
            }
            row[j] = d.min(cap);
        }
        TypoState {
            prev: s.row,
            row,
            last: Some(byte),
            read: s.read + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `dictionary` the typo automaton accepts for `word`.
    fn accepted(word: &str, max: u8, dictionary: &[&str]) -> Vec<String> {
        use tantivy_fst::Automaton;
        let a = Typos {
            word: word.as_bytes(),
            max,
        };
        dictionary
            .iter()
            .filter(|w| {
                let mut s = a.start();
                for &b in w.as_bytes() {
                    if !a.can_match(&s) {
                        return false;
                    }
                    s = a.accept(&s, b);
                }
                a.is_match(&s)
            })
            .map(|w| w.to_string())
            .collect()
    }

    #[test]
    fn typo_automaton_agrees_with_edit_distance() {
        let dictionary = [
            "kubernetes",
            "kubernets",
            "kuberntes",
            "kubrenetes",
            "kbernetes",
            "kubernetesss",
            "kube",
            "terraform",
            "prometheus",
            "promethues",
            "promehteus",
            "ubernetes",
            "",
        ];
        for word in ["kubernetes", "prometheus", "terraform", "kube"] {
            for max in [1u8, 2] {
                let expected: Vec<String> = dictionary
                    .iter()
                    .filter(|d| distance(word, d) <= max as usize)
                    .map(|d| d.to_string())
                    .collect();
                assert_eq!(accepted(word, max, &dictionary), expected, "{word} within {max}");
            }
        }
    }

    proptest::proptest! {
        /// The automaton, pruning included, accepts exactly the words within the budget.
        #[test]
        fn typo_automaton_accepts_exactly_the_words_within_the_budget(
            word in "[abcde]{0,10}",
            other in "[abcde]{0,12}",
            max in 1u8..=2,
        ) {
            let accepted = !accepted(&word, max, &[other.as_str()]).is_empty();
            proptest::prop_assert_eq!(accepted, distance(&word, &other) <= max as usize);
        }
    }

    #[test]
    fn typo_budget_follows_word_length_and_spares_numbers() {
        assert_eq!(typo_budget("helm"), 0);
        assert_eq!(typo_budget("chaos"), 1);
        assert_eq!(typo_budget("kubernets"), 2);
        assert_eq!(typo_budget("20199"), 0);
        assert_eq!(typo_budget("2019"), 0);
        assert_eq!(typo_budget("k8ssss"), 0);
    }
}
