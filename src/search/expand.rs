//! What a query word may mean in this index: its other forms (the same English stem), the
//! words one or two typos away, its synonyms. Every expansion is looked up in the index's term
//! dictionaries, so it is a word the notes really contain and the snippet can highlight it.

use crate::config::SynonymConfig;
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
pub fn words(text: &str) -> Vec<String> {
    spanned_words(text).into_iter().map(|w| w.word).collect()
}

/// A word of the query with where it is in the query text.
pub struct Spanned {
    pub word: String,
    pub from: usize,
    pub to: usize,
}

thread_local! {
    /// The index's analyzer, built once per thread (synonym tables call it for every entry).
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(index::words_analyzer());
}

pub fn spanned_words(text: &str) -> Vec<Spanned> {
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

/// Typos allowed in a word, as Meilisearch does: none under 5 characters, one from 5, two
/// from 9; none in a word with a digit (`2019` is never `2017`, `k8s` never `k9s`).
pub fn typo_budget(word: &str) -> u8 {
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
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The term dictionaries of the text fields of every segment, read as one list of words.
pub struct Lexicon<'a> {
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
    pub fn new(searcher: &'a Searcher, fields: Vec<Field>) -> Lexicon<'a> {
        Lexicon::from(Dictionaries::Segments(searcher, fields))
    }

    /// The words of the index's lexicon (written with its last commit; the same words and
    /// frequencies as [`Lexicon::new`] on its segments' text fields).
    pub fn merged(words: &'a lexicon::Lexicon) -> Lexicon<'a> {
        Lexicon::from(Dictionaries::Merged(words))
    }

    /// The index's lexicon, when the words are read there.
    pub fn merged_words(&self) -> Option<&'a lexicon::Lexicon> {
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

    pub fn stem(&self, word: &str) -> String {
        let mut stemmer = self.stemmer.borrow_mut();
        let mut stream = stemmer.token_stream(word);
        stream.next().map_or_else(|| word.to_string(), |t| t.text.clone())
    }

    /// Sessions holding `word` in any text field (a session counts once per field).
    pub fn doc_freq(&self, word: &str) -> u64 {
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
    pub fn near(&self, word: &str, max: u8) -> BTreeMap<String, u64> {
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
    pub fn forms(&self, word: &str) -> Vec<String> {
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
    pub fn completions(&self, word: &str, known: &[String]) -> Vec<String> {
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
    pub fn typos(&self, word: &str, forms: &[String]) -> Vec<String> {
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
    pub fn closest(&self, word: &str) -> Option<String> {
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

/// Words at most `max` edits from `word` (an insertion, a deletion, a substitution or a swap
/// of neighbours each count one), as an automaton over the bytes of the dictionary's words:
/// one row of the edit-distance table per byte read. Nothing to build beforehand, unlike a
/// Levenshtein DFA, whose construction for two edits costs more than a whole query.
struct Typos<'w> {
    word: &'w [u8],
    max: u8,
}

/// Longest word corrected: the table's rows live on the stack.
const MAX_TYPO_WORD: usize = 31;

/// The last two rows of the table and the last byte read.
#[derive(Clone, Copy)]
struct TypoState {
    prev: [u8; MAX_TYPO_WORD + 1],
    row: [u8; MAX_TYPO_WORD + 1],
    last: Option<u8>,
    /// Bytes read so far (the previous row means something from the second).
    read: usize,
}

impl Typos<'_> {
    /// Does the automaton take `key`, as a walk of a dictionary holding it would?
    fn accepts(&self, key: &[u8]) -> bool {
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

/// Synonyms: an expression (one word or several) → the expressions it also finds.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    table: HashMap<Vec<String>, Vec<Vec<String>>>,
    longest: usize,
}

/// Each group: every expression finds the others.
const DEFAULT_MUTUAL: &[&[&str]] = &[
    &["k8s", "k8", "kubernetes", "kube"],
    &["ci", "continuous integration"],
    &["cd", "continuous delivery", "continuous deployment"],
    &["sre", "site reliability engineering", "site reliability engineer"],
    &["ml", "machine learning"],
    &["ai", "artificial intelligence"],
    &["llm", "large language model"],
    &[
        "2fa",
        "mfa",
        "two factor authentication",
        "multi factor authentication",
        "two factor",
        "multi factor",
        "multifactor",
    ],
    &["iac", "infrastructure as code"],
    &["db", "database"],
    &["postgres", "postgresql"],
    &["o11y", "observability"],
    &["a11y", "accessibility"],
    &["tdd", "test driven development"],
    &["bdd", "behaviour driven development", "behavior driven development"],
    &["ddd", "domain driven design"],
    &["slo", "service level objective"],
    &["sli", "service level indicator"],
    &["sla", "service level agreement"],
    &[
        "mttr",
        "mean time to recovery",
        "mean time to repair",
        "mean time to restore",
    ],
    &["aws", "amazon web services"],
    &["gcp", "google cloud platform", "google cloud"],
    &["js", "javascript"],
    &["vm", "virtual machine"],
    &["pr", "pull request"],
    &["mr", "merge request"],
    &["ux", "user experience"],
    &["faas", "functions as a service", "serverless"],
    &["oncall", "on call"],
    &["postmortem", "post mortem", "post incident review", "incident review"],
    &["microservice", "micro service"],
    &["devsecops", "dev sec ops"],
    &["chatops", "chat ops"],
    &["secops", "security operations"],
];

/// The key finds the values; the values do not find the key.
const DEFAULT_ONE_WAY: &[(&str, &[&str])] = &[
    (
        "ci cd",
        &[
            "cicd",
            "continuous integration",
            "continuous delivery",
            "continuous deployment",
        ],
    ),
    (
        "cicd",
        &[
            "ci cd",
            "continuous integration",
            "continuous delivery",
            "continuous deployment",
        ],
    ),
];

/// The synonym pack as written, for another engine to use (`export --mapping`): the groups
/// of words that mean one another, and the one-way expansions (a key also finds its values),
/// as [`Synonyms::new`] reads them: the default pack unless replaced, then the configuration's
/// own, then speaker aliases as groups.
pub fn pack(config: &SynonymConfig, speakers: &BTreeMap<String, Vec<String>>) -> SynonymPack {
    let mut pack = SynonymPack::default();
    if !config.replace {
        pack.mutual
            .extend(DEFAULT_MUTUAL.iter().map(|g| g.iter().map(|w| w.to_string()).collect()));
        pack.one_way.extend(
            DEFAULT_ONE_WAY
                .iter()
                .map(|(k, v)| (k.to_string(), v.iter().map(|w| w.to_string()).collect())),
        );
    }
    pack.mutual.extend(config.mutual.iter().cloned());
    pack.one_way
        .extend(config.one_way.iter().map(|(k, v)| (k.clone(), v.clone())));
    pack.mutual.extend(
        speakers
            .iter()
            .map(|(name, aliases)| std::iter::once(name.clone()).chain(aliases.iter().cloned()).collect()),
    );
    pack
}

/// See [`pack`].
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SynonymPack {
    pub mutual: Vec<Vec<String>>,
    pub one_way: Vec<(String, Vec<String>)>,
}

impl Synonyms {
    /// The default pack (unless the configuration replaces it), the configuration's own
    /// synonyms, and speaker aliases as synonyms of the name.
    pub fn new(config: &SynonymConfig, speakers: &BTreeMap<String, Vec<String>>) -> Synonyms {
        let mut s = Synonyms::default();
        if !config.replace {
            for group in DEFAULT_MUTUAL {
                s.add_mutual(group.iter().copied());
            }
            for (key, values) in DEFAULT_ONE_WAY {
                s.add_one_way(key, values.iter().copied());
            }
        }
        for group in &config.mutual {
            s.add_mutual(group.iter().map(String::as_str));
        }
        for (key, values) in &config.one_way {
            s.add_one_way(key, values.iter().map(String::as_str));
        }
        for (name, aliases) in speakers {
            s.add_mutual(std::iter::once(name.as_str()).chain(aliases.iter().map(String::as_str)));
        }
        s
    }

    fn add_mutual<'s>(&mut self, group: impl Iterator<Item = &'s str>) {
        let group: Vec<Vec<String>> = group.map(words).filter(|w| !w.is_empty()).collect();
        for (i, key) in group.iter().enumerate() {
            for (j, value) in group.iter().enumerate() {
                if i != j {
                    self.insert(key.clone(), value.clone());
                }
            }
        }
    }

    fn add_one_way<'s>(&mut self, key: &str, values: impl Iterator<Item = &'s str>) {
        let key = words(key);
        if key.is_empty() {
            return;
        }
        for v in values.map(words).filter(|v| !v.is_empty()) {
            self.insert(key.clone(), v);
        }
    }

    fn insert(&mut self, key: Vec<String>, value: Vec<String>) {
        if key == value {
            return;
        }
        self.longest = self.longest.max(key.len());
        let values = self.table.entry(key).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// What `expression` (as index words) also finds.
    pub fn get(&self, expression: &[String]) -> &[Vec<String>] {
        self.table.get(expression).map_or(&[], Vec::as_slice)
    }

    /// The longest expression with synonyms, in words.
    pub fn longest(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

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

    #[test]
    fn typo_budget_follows_word_length_and_spares_numbers() {
        assert_eq!(typo_budget("helm"), 0);
        assert_eq!(typo_budget("chaos"), 1);
        assert_eq!(typo_budget("kubernets"), 2);
        assert_eq!(typo_budget("20199"), 0);
        assert_eq!(typo_budget("2019"), 0);
        assert_eq!(typo_budget("k8ssss"), 0);
    }

    #[test]
    fn mutual_synonyms_go_both_ways_and_one_way_does_not() {
        let s = Synonyms::new(&SynonymConfig::default(), &BTreeMap::new());
        assert!(s.get(&w("k8s")).contains(&w("kubernetes")));
        assert!(s.get(&w("kubernetes")).contains(&w("k8s")));
        assert!(s.get(&w("sre")).contains(&w("site reliability engineering")));
        assert!(s.get(&w("site reliability engineering")).contains(&w("sre")));
        assert!(s.get(&w("CI/CD")).contains(&w("continuous delivery")));
        assert!(!s.get(&w("continuous delivery")).contains(&w("ci/cd")));
        assert!(s.get(&w("two-factor authentication")).contains(&w("2fa")));
        assert_eq!(s.longest(), 4);
    }

    #[test]
    fn configuration_extends_or_replaces_the_default_pack() {
        let mut config = SynonymConfig::default();
        config.mutual.push(vec!["gha".into(), "GitHub Actions".into()]);
        config.one_way.insert("postgres".into(), vec!["rds".into()]);
        let s = Synonyms::new(&config, &BTreeMap::new());
        assert!(s.get(&w("github actions")).contains(&w("gha")));
        assert!(s.get(&w("postgres")).contains(&w("rds")));
        assert!(s.get(&w("rds")).is_empty());
        assert!(!s.get(&w("k8s")).is_empty());
        config.replace = true;
        let s = Synonyms::new(&config, &BTreeMap::new());
        assert!(s.get(&w("k8s")).is_empty());
        assert!(!s.get(&w("gha")).is_empty());
    }

    #[test]
    fn speaker_aliases_are_synonyms_of_the_name() {
        let mut speakers = BTreeMap::new();
        speakers.insert("Adrian Mouat".to_string(), vec!["@adrianmouat".to_string()]);
        let s = Synonyms::new(&SynonymConfig::default(), &speakers);
        assert!(s.get(&w("@adrianmouat")).contains(&w("adrian mouat")));
        assert!(s.get(&w("Adrian Mouat")).contains(&w("adrianmouat")));
    }
}
