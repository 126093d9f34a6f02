//! What a query word may mean in this index: its other forms (the same English stem), the
//! words one or two typos away (`typos.rs`), the completions of the last word, the closest word
//! for "did you mean". Every expansion is looked up in the index's lexicon or term dictionaries,
//! so it is a word the notes really contain and the snippet can highlight it. Synonyms are
//! `synonyms.rs`'s.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end); the code is under 500.

use super::typos::{MAX_TYPO_WORD, Typos, distance, typo_budget};
use crate::index::{self, lexicon};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tantivy::schema::Field;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Searcher, Term};
use tantivy_fst::{IntoStreamer, Streamer};

/// Most typo expansions kept per word (the closest, then the most frequent).
const MAX_TYPOS: usize = 8;
/// Most other forms kept per word.
const MAX_FORMS: usize = 16;
/// Most completions kept for the last word (the most frequent).
const MAX_COMPLETIONS: usize = 20;
/// Shortest word completed: `pr` would stand for half the dictionary.
const MIN_PREFIX: usize = 3;

/// The words of `text` as the index holds them: lower case, accents removed.
pub(crate) fn words(text: &str) -> Vec<String> {
    spanned_words(text).into_iter().map(|w| w.word).collect()
}

/// A word of the query with where it is in the query text.
pub(crate) struct Spanned {
    pub word: String,
    pub from: usize,
    pub to: usize,
}

thread_local! {
    /// The index's analyzer, built once per thread (synonym tables call it for every entry).
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(index::words_analyzer());
}

pub(crate) fn spanned_words(text: &str) -> Vec<Spanned> {
    ANALYZER.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(Spanned {
                word: t.text.clone(),
                from: t.offset_from,
                to: t.offset_to,
            });
        }
        out
    })
}

/// The term dictionaries of the text fields of every segment, read as one list of words.
pub(crate) struct Lexicon<'a> {
    dictionaries: Dictionaries<'a>,
    stemmer: RefCell<TextAnalyzer>,
    /// The walks made so far, (word, edits, same first letter) → what they found: a query that
    /// finds nothing asks for "did you mean" the walks its words were expanded with.
    walks: RefCell<HashMap<Walk, BTreeMap<String, u64>>>,
}

/// A walk of the dictionaries: the word, the edits allowed, only the words of its first letter.
type Walk = (String, u8, bool);

/// Where the words are read.
enum Dictionaries<'a> {
    /// The index's lexicon: every segment's dictionaries merged into one at the last commit, so
    /// a walk is made once, however many segments there are.
    Merged(&'a lexicon::Lexicon),
    /// The dictionaries of these fields in every segment (an index without a current lexicon).
    Segments(&'a Searcher, Vec<Field>),
}

impl<'a> Lexicon<'a> {
    /// The words of `fields` in every segment of `searcher`.
    pub(crate) fn new(searcher: &'a Searcher, fields: Vec<Field>) -> Lexicon<'a> {
        Lexicon::from(Dictionaries::Segments(searcher, fields))
    }

    /// The words of the index's lexicon (written with its last commit; the same words and
    /// frequencies as [`Lexicon::new`] on its segments' text fields).
    pub(crate) fn merged(words: &'a lexicon::Lexicon) -> Lexicon<'a> {
        Lexicon::from(Dictionaries::Merged(words))
    }

    /// The index's lexicon, when the words are read there.
    pub(crate) fn merged_words(&self) -> Option<&'a lexicon::Lexicon> {
        match self.dictionaries {
            Dictionaries::Merged(words) => Some(words),
            Dictionaries::Segments(..) => None,
        }
    }

    fn from(dictionaries: Dictionaries<'a>) -> Lexicon<'a> {
        Lexicon {
            dictionaries,
            stemmer: RefCell::new(
                TextAnalyzer::builder(RawTokenizer::default())
                    .filter(Stemmer::new(Language::English))
                    .build(),
            ),
            walks: RefCell::default(),
        }
    }

    pub(crate) fn stem(&self, word: &str) -> String {
        let mut stemmer = self.stemmer.borrow_mut();
        let mut stream = stemmer.token_stream(word);
        stream.next().map_or_else(|| word.to_string(), |t| t.text.clone())
    }

    /// Sessions holding `word` in any text field (a session counts once per field).
    pub(crate) fn doc_freq(&self, word: &str) -> u64 {
        let (searcher, fields) = match &self.dictionaries {
            Dictionaries::Merged(words) => return text_entry(words.get(word)).unwrap_or(0),
            Dictionaries::Segments(searcher, fields) => (searcher, fields),
        };
        let mut n = 0;
        for seg in searcher.segment_readers() {
            for &field in fields {
                if let Ok(inv) = seg.inverted_index(field) {
                    n += inv.doc_freq(&Term::from_field_text(field, word)).unwrap_or(0) as u64;
                }
            }
        }
        n
    }

    /// Words starting with `prefix`, with their document frequency.
    fn with_prefix(&self, prefix: &str) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        let (searcher, fields) = match &self.dictionaries {
            Dictionaries::Merged(words) => {
                for part in words.parts() {
                    let mut stream = part.words().range().ge(prefix.as_bytes()).into_stream();
                    while let Some((key, value)) = stream.next() {
                        if !key.starts_with(prefix.as_bytes()) {
                            break;
                        }
                        insert_text_word(&mut out, key, value);
                    }
                }
                return out;
            }
            Dictionaries::Segments(searcher, fields) => (searcher, fields),
        };
        for seg in searcher.segment_readers() {
            for &field in fields {
                let Ok(inv) = seg.inverted_index(field) else { continue };
                let Ok(mut stream) = inv.terms().range().ge(prefix.as_bytes()).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let key = stream.key();
                    if !key.starts_with(prefix.as_bytes()) {
                        break;
                    }
                    if let Ok(word) = std::str::from_utf8(key) {
                        *out.entry(word.to_string()).or_default() += stream.value().doc_freq as u64;
                    }
                }
            }
        }
        out
    }

    /// Words at most `max` edits from `word` and starting with the same letter, with their
    /// document frequency. People rarely mistype a word's first letter (search engines such
    /// as Elasticsearch keep it by default too), and keeping it lets each dictionary be walked
    /// in one small range instead of whole: ten to twenty times less work.
    pub(crate) fn near(&self, word: &str, max: u8) -> BTreeMap<String, u64> {
        self.within(word, max, true)
    }

    /// Words at most `max` edits from `word`; with `same_first`, only those starting with the
    /// same letter (one small range of each dictionary), else the whole dictionaries.
    fn within(&self, word: &str, max: u8, same_first: bool) -> BTreeMap<String, u64> {
        let key = (word.to_string(), max, same_first);
        if let Some(found) = self.walks.borrow().get(&key) {
            return found.clone();
        }
        let found = self.walk(word, max, same_first);
        self.walks.borrow_mut().insert(key, found.clone());
        found
    }

    /// [`Lexicon::within`], walking the dictionaries.
    fn walk(&self, word: &str, max: u8, same_first: bool) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        let Some(first) = word.chars().next() else { return out };
        if max == 0 || word.len() > MAX_TYPO_WORD {
            return out;
        }
        let (lo, hi) = if same_first {
            let lo = first.to_string().into_bytes();
            let mut hi = lo.clone();
            // The first byte string after every word starting with `first`.
            if let Some(last) = hi.last_mut() {
                *last = last.saturating_add(1);
            }
            (lo, hi)
        } else {
            (Vec::new(), vec![u8::MAX])
        };
        let automaton = Typos {
            word: word.as_bytes(),
            max,
        };
        let (searcher, fields) = match &self.dictionaries {
            Dictionaries::Merged(words) => {
                for part in words.parts() {
                    let mut stream = part.words().search(&automaton).ge(&lo).lt(&hi).into_stream();
                    while let Some((key, value)) = stream.next() {
                        insert_text_word(&mut out, key, value);
                    }
                }
                return out;
            }
            Dictionaries::Segments(searcher, fields) => (searcher, fields),
        };
        for &field in fields {
            for seg in searcher.segment_readers() {
                let Ok(inv) = seg.inverted_index(field) else { continue };
                let Ok(mut stream) = inv.terms().search(&automaton).ge(&lo).lt(&hi).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    if let Ok(w) = std::str::from_utf8(stream.key()) {
                        *out.entry(w.to_string()).or_default() += stream.value().doc_freq as u64;
                    }
                }
            }
        }
        out
    }

    /// Other forms of `word` in the index: `secret` and `secrets`, `deploy` and `deploying`.
    pub(crate) fn forms(&self, word: &str) -> Vec<String> {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let stem = self.stem(word);
        // Every word of this stem starts with the stem less its last letter (`happi`, `happy`).
        let keep = stem.chars().count().saturating_sub(1).max(3);
        let prefix: String = stem.chars().take(keep).collect();
        let mut found: Vec<(String, u64)> = self
            .with_prefix(&prefix)
            .into_iter()
            .filter(|(w, _)| w != word)
            .filter(|(w, _)| self.stem(w) == stem)
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(MAX_FORMS);
        found.into_iter().map(|(w, _)| w).collect()
    }

    /// Words of the index that `word` begins (`prometh`: `prometheus`), most frequent first;
    /// never `word` itself or the words in `known` (its forms and typos). None for a word
    /// under three letters or with a digit.
    pub(crate) fn completions(&self, word: &str, known: &[String]) -> Vec<String> {
        if word.chars().count() < MIN_PREFIX || word.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let mut found: Vec<(String, u64)> = self
            .with_prefix(word)
            .into_iter()
            .filter(|(w, _)| w != word && !known.contains(w))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(MAX_COMPLETIONS);
        found.into_iter().map(|(w, _)| w).collect()
    }

    /// Words of the index within the typo budget of `word`, closest first; never `word`
    /// itself, its forms, or a word with a digit.
    pub(crate) fn typos(&self, word: &str, forms: &[String]) -> Vec<String> {
        let budget = typo_budget(word);
        if budget == 0 {
            return Vec::new();
        }
        // A word the index does not hold may make a query that finds nothing, whose "did you
        // mean" walks the words of its first letter with two edits (`closest`): walked with
        // two now and cut to the budget, that walk is made once (issue 13).
        let near = if budget < 2 && self.doc_freq(word) == 0 {
            let within_budget = Typos {
                word: word.as_bytes(),
                max: budget,
            };
            let mut near = self.near(word, 2);
            near.retain(|w, _| within_budget.accepts(w.as_bytes()));
            near
        } else {
            self.near(word, budget)
        };
        let mut found: Vec<(usize, u64, String)> = near
            .into_iter()
            .filter(|(w, _)| w != word && !forms.contains(w) && !w.chars().any(|c| c.is_ascii_digit()))
            .map(|(w, df)| (distance(word, &w), df, w))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
        found.truncate(MAX_TYPOS);
        found.into_iter().map(|(_, _, w)| w).collect()
    }

    /// The closest word the index knows for an unknown `word`, for "did you mean": the most
    /// frequent word it begins (`prometh` is an unfinished `prometheus`, not a typo of
    /// `projet`); else among the words with the same first letter, or, when none is close,
    /// one edit away among all.
    pub(crate) fn closest(&self, word: &str) -> Option<String> {
        let n = word.chars().count();
        if n < 3 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        if let Some(completion) = self.completions(word, &[]).into_iter().next() {
            return Some(completion);
        }
        let max = if n >= 5 { 2 } else { 1 };
        let best = |candidates: BTreeMap<String, u64>| {
            candidates
                .into_iter()
                .filter(|(w, _)| w != word && !w.chars().any(|c| c.is_ascii_digit()))
                .map(|(w, df)| (distance(word, &w), std::cmp::Reverse(df), w))
                .min()
                .map(|(_, _, w)| w)
        };
        // The first letter mistyped: one edit (two would cost more than the rest of the query).
        best(self.within(word, max, true)).or_else(|| best(self.first_letter_edits(word)))
    }

    /// The words one edit from `word` that do not start with its first letter, with their
    /// document frequency: what [`Lexicon::within`] finds over whole dictionaries with one
    /// edit, less the words that start with that letter (the same-letter pass of `closest`
    /// has seen them, with as many edits or more) and, when the first letter is ASCII, less
    /// the words with a digit (`closest` never suggests them). For an ASCII first letter, that is
    /// `word` with the letter replaced or dropped, another letter put before it, or the
    /// first two swapped: a few hundred exact look-ups, most ending at the dictionary's first
    /// node. Walking whole dictionaries with the automaton reads every node two levels deep
    /// in each of them: at 100 MB, that walk was the largest part of a query that finds
    /// nothing (issue 13). A word starting with another letter takes that walk (its words of
    /// the same letter are the ones the same-letter pass already turned down).
    fn first_letter_edits(&self, word: &str) -> BTreeMap<String, u64> {
        let bytes = word.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return BTreeMap::new();
        };
        if !first.is_ascii() {
            return self.within(word, 1, false);
        }
        if bytes.len() > MAX_TYPO_WORD {
            return BTreeMap::new();
        }
        // A byte put before `word`, or before its second letter, begins a term only if it is
        // ASCII (terms are UTF-8), so a lower-case letter or a digit (the analyzer's terms
        // hold no other ASCII); a word with a digit is never suggested: `a` to `z`.
        let mut candidates: BTreeSet<Vec<u8>> = BTreeSet::new();
        candidates.insert(rest.to_vec());
        if let Some((&second, tail)) = rest.split_first() {
            candidates.insert([&[second, first][..], tail].concat());
        }
        for other in b'a'..=b'z' {
            candidates.insert([&[other][..], rest].concat());
            candidates.insert([&[other][..], bytes].concat());
        }
        let candidates = candidates.iter().filter(|c| c.first() != Some(&first));
        let mut out = BTreeMap::new();
        let (searcher, fields) = match &self.dictionaries {
            Dictionaries::Merged(words) => {
                for candidate in candidates {
                    for part in words.parts() {
                        if let Some(value) = part.words().get(candidate) {
                            insert_text_word(&mut out, candidate, value);
                        }
                    }
                }
                return out;
            }
            Dictionaries::Segments(searcher, fields) => (searcher, fields),
        };
        let dictionaries: Vec<_> = fields
            .iter()
            .flat_map(|&field| {
                searcher
                    .segment_readers()
                    .iter()
                    .map(move |seg| seg.inverted_index(field))
            })
            .filter_map(Result::ok)
            .collect();
        for candidate in candidates {
            let Ok(text) = std::str::from_utf8(candidate) else {
                continue;
            };
            for inv in &dictionaries {
                if let Ok(Some(info)) = inv.terms().get(candidate) {
                    *out.entry(text.to_string()).or_default() += info.doc_freq as u64;
                }
            }
        }
        out
    }
}

/// The document frequency of a lexicon entry, when a text field holds the word: a word only
/// in `urls` is searched but never offered as an expansion, as the text fields' dictionaries
/// do not hold it.
fn text_entry(entry: Option<lexicon::Entry>) -> Option<u64> {
    entry.filter(|e| e.in_text).map(|e| e.doc_freq)
}

/// Adds a lexicon entry (its key and FST value) to `out` as the segment walks would: the
/// words of the text fields with their frequency.
fn insert_text_word(out: &mut BTreeMap<String, u64>, key: &[u8], value: u64) {
    if let (Some(df), Ok(word)) = (
        text_entry(Some(lexicon::Entry::from_value(value))),
        std::str::from_utf8(key),
    ) {
        *out.entry(word.to_string()).or_default() += df;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-segment index in memory whose notes are `words`, and the searcher on it.
    fn searcher_of(words: &[String]) -> (Searcher, Vec<Field>) {
        let (schema, fields) = index::schema();
        let idx = tantivy::Index::create_in_ram(schema);
        idx.tokenizers().register(index::WORDS, index::words_analyzer());
        let mut writer: tantivy::IndexWriter = idx.writer_with_num_threads(1, 15_000_000).unwrap();
        for w in words {
            writer.add_document(tantivy::doc!(fields.body => w.as_str())).unwrap();
        }
        writer.commit().unwrap();
        (idx.reader().unwrap().searcher(), vec![fields.title, fields.body])
    }

    /// What `closest` used to read for a mistyped first letter: the whole dictionaries with
    /// one edit, less the words of the same first letter and the words with a digit (which
    /// it drops).
    fn walked(lexicon: &Lexicon, word: &str) -> BTreeMap<String, u64> {
        let first = word.chars().next().unwrap();
        let mut all = lexicon.within(word, 1, false);
        all.retain(|w, _| !w.starts_with(first) && !w.chars().any(|c| c.is_ascii_digit()));
        all
    }

    #[test]
    fn ubernetes_ukbernetes_zubernetes_akubernetes_are_the_first_letter_edits_of_kubernetes() {
        let dictionary: Vec<String> = [
            "ubernetes",
            "ukbernetes",
            "zubernetes",
            "akubernetes",
            "kubernetes",
            "kbernetes",
            "kubernetess",
            "uubernetes",
            "ubernetess",
            "zkubernetes",
            "9ubernetes",
            "xy",
        ]
        .map(String::from)
        .to_vec();
        let (searcher, fields) = searcher_of(&dictionary);
        let lexicon = Lexicon::new(&searcher, fields);
        let found = lexicon.first_letter_edits("kubernetes");
        let names: Vec<&str> = found.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "akubernetes",
                "ubernetes",
                "ukbernetes",
                "uubernetes",
                "zkubernetes",
                "zubernetes"
            ]
        );
        assert_eq!(found, walked(&lexicon, "kubernetes"));
        // `kubernetes` is `ukbernetes` with its first two letters swapped.
        assert_eq!(lexicon.first_letter_edits("ukbernetes"), walked(&lexicon, "ukbernetes"));
        assert!(lexicon.first_letter_edits("ukbernetes").contains_key("kubernetes"));
        assert_eq!(lexicon.closest("zubernetess").as_deref(), Some("zubernetes"));
    }

    #[test]
    fn clustr_absent_from_the_index_gets_its_one_edit_typos_from_the_two_edit_walk() {
        let dictionary: Vec<String> = [
            "cluster", "clusters", "custer", "clstr", "clustrr", "culstr", "clu", "lustr",
        ]
        .map(String::from)
        .to_vec();
        let (searcher, fields) = searcher_of(&dictionary);
        let lexicon = Lexicon::new(&searcher, fields);
        let mut typos = lexicon.typos("clustr", &[]);
        typos.sort();
        // One edit (`clustr` has six letters), as a walk with one edit finds them.
        assert_eq!(typos, ["clstr", "cluster", "clustrr", "culstr"]);
        assert_eq!(typos, lexicon.walk("clustr", 1, true).into_keys().collect::<Vec<_>>());
        // And "did you mean" finds the two-edit walk made.
        assert!(lexicon.walks.borrow().contains_key(&("clustr".to_string(), 2, true)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The look-ups find what the walk over whole dictionaries found outside the word's
        /// first letter, with the same document frequencies.
        #[test]
        fn first_letter_edits_find_what_the_whole_walk_finds(
            dictionary in proptest::collection::vec("[abcd1]{0,5}", 1..40),
            word in "[abcd]{1,5}",
        ) {
            let (searcher, fields) = searcher_of(&dictionary);
            let lexicon = Lexicon::new(&searcher, fields);
            proptest::prop_assert_eq!(lexicon.first_letter_edits(&word), walked(&lexicon, &word));
        }
    }

    /// An index in a temporary folder written as `confsearch index` writes one: each of
    /// `commits` one commit of sessions (a session: body words, URL words) followed by the
    /// lexicon's refresh, the first with 40 more sessions (`zzz`), so that the later commits'
    /// segments are small ones; the sessions holding `deleted` deleted by the last; with
    /// `merge`, the first two segments then merged (and the lexicon refreshed).
    fn index_of(
        commits: &[Vec<(String, String)>],
        deleted: &str,
        merge: bool,
    ) -> (tempfile::TempDir, Searcher, Vec<Field>) {
        let dir = tempfile::tempdir().unwrap();
        let (schema, fields) = index::schema();
        let idx = tantivy::Index::create_in_dir(dir.path(), schema).unwrap();
        idx.tokenizers().register(index::WORDS, index::words_analyzer());
        let mut writer: tantivy::IndexWriter = idx.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, sessions) in commits.iter().enumerate() {
            if i + 1 == commits.len() {
                writer.delete_term(Term::from_field_text(fields.body, deleted));
            }
            let filler = (i == 0).then(|| vec![("zzz".to_string(), String::new()); 40]);
            for (body, urls) in sessions.iter().chain(filler.iter().flatten()) {
                writer
                    .add_document(tantivy::doc!(fields.body => body.as_str(), fields.urls => urls.as_str()))
                    .unwrap();
            }
            writer.commit().unwrap();
            lexicon::write(dir.path(), &idx).unwrap();
        }
        if merge {
            let ids = idx.searchable_segment_ids().unwrap();
            if ids.len() >= 2 {
                writer.merge(&ids[..2]).wait().unwrap();
                lexicon::write(dir.path(), &idx).unwrap();
            }
        }
        let searcher = idx.reader().unwrap().searcher();
        (dir, searcher, index::lexicon::text_fields(&fields))
    }

    /// What a lexicon answers for `word`: everything the query side asks of it.
    fn expansions(lexicon: &Lexicon, word: &str) -> String {
        format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?}",
            lexicon.doc_freq(word),
            lexicon.forms(word),
            lexicon.typos(word, &[]),
            lexicon.completions(word, &[]),
            lexicon.closest(word),
            lexicon.first_letter_edits(word),
            lexicon.within(word, 2, false),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// The lexicon written after each commit (its parts kept, added to, or built again after
        /// a merge) answers every expansion as the segments' own dictionaries do: the same
        /// words and frequencies, deleted sessions counted as tantivy counts them.
        #[test]
        fn lexicon_answers_as_the_segments_after_commits_deletes_and_merges(
            commits in proptest::collection::vec(
                proptest::collection::vec(("[abcd]{1,6}( [abcd]{1,6}){0,3}", "[abce]{0,6}"), 1..5),
                1..6,
            ),
            deleted in "[abcd]{1,3}",
            merge in proptest::bool::ANY,
            words in proptest::collection::vec("[abcde]{1,7}", 1..6),
        ) {
            let (dir, searcher, fields) = index_of(&commits, &deleted, merge);
            let written = index::lexicon::Lexicon::read(dir.path());
            proptest::prop_assert!(written.is_some(), "the lexicon names the index's segments");
            let written = written.unwrap();
            let merged = Lexicon::merged(&written);
            let segments = Lexicon::new(&searcher, fields);
            for word in &words {
                proptest::prop_assert_eq!(expansions(&merged, word), expansions(&segments, word), "{}", word);
            }
        }
    }

    #[test]
    fn one_session_added_after_a_full_build_is_a_part_of_its_own() {
        let commits: Vec<Vec<(String, String)>> = vec![
            vec![("alpha beta".into(), "".into()); 20],
            vec![("alpha delta".into(), "".into())],
            vec![("alphas".into(), "alpha".into())],
        ];
        let (dir, searcher, fields) = index_of(&commits, "beta", false);
        let written = index::lexicon::Lexicon::read(dir.path()).unwrap();
        assert_eq!(written.parts().len(), 3);
        let merged = Lexicon::merged(&written);
        assert_eq!(merged.doc_freq("alpha"), 21);
        assert_eq!(merged.forms("alpha"), ["alphas"]);
        assert_eq!(
            expansions(&merged, "alpha"),
            expansions(&Lexicon::new(&searcher, fields), "alpha")
        );
    }
}
