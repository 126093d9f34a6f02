//! Facets: counts of each value over the sessions matching a query (`--facets`, JSON,
//! `confsearch facets`), and the values the index holds (for filters and their "closest").
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end: the one-pass
//! counter against a naive count and tantivy's own collector, both ways); the code is ~420.

use super::engine::Engine;
use super::plan::SearchRequest;
use crate::index::{self, Fields, facet_value};
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{BitSet, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// Facet name → value → count, over every matching session.
pub(crate) type FacetCounts = BTreeMap<String, BTreeMap<String, u64>>;

/// A facet: sessions counted and filtered by one of their values. The one list of facets:
/// `confsearch facets`, `--facets`, the JSON counts and the filters' messages read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetField {
    Year,
    Speaker,
    Theme,
    Conference,
    Tag,
    Kind,
    Domain,
}

impl FacetField {
    /// Every facet, in the order `confsearch facets` lists them.
    pub const ALL: [FacetField; 7] = [
        FacetField::Year,
        FacetField::Speaker,
        FacetField::Theme,
        FacetField::Conference,
        FacetField::Tag,
        FacetField::Kind,
        FacetField::Domain,
    ];

    /// Its name on the command line and in the JSON counts: `speaker`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            FacetField::Year => "year",
            FacetField::Speaker => "speaker",
            FacetField::Theme => "theme",
            FacetField::Conference => "conference",
            FacetField::Tag => "tag",
            FacetField::Kind => "kind",
            FacetField::Domain => "domain",
        }
    }

    /// Its values, in messages: `speakers`.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            FacetField::Year => "years",
            FacetField::Speaker => "speakers",
            FacetField::Theme => "themes",
            FacetField::Conference => "conferences",
            FacetField::Tag => "tags",
            FacetField::Kind => "kinds",
            FacetField::Domain => "domains",
        }
    }

    /// The flag filtering on it: `--speaker`.
    pub(crate) fn flag(self) -> &'static str {
        match self {
            FacetField::Year => "--year",
            FacetField::Speaker => "--speaker",
            FacetField::Theme => "--theme",
            FacetField::Conference => "--conference",
            FacetField::Tag => "--tag",
            FacetField::Kind => "--kind",
            FacetField::Domain => "--domain",
        }
    }

    /// The facet a user names, by its name or its plural, in any case: `Speakers`.
    pub(crate) fn parse(name: &str) -> Option<FacetField> {
        let name = name.trim().to_lowercase();
        FacetField::ALL
            .into_iter()
            .find(|f| f.name() == name || f.plural() == name)
    }

    /// The index field whose values are counted and listed.
    pub(crate) fn field(self, f: &Fields) -> Field {
        match self {
            FacetField::Year => f.f_year,
            FacetField::Speaker => f.f_speaker,
            FacetField::Theme => f.f_theme,
            FacetField::Conference => f.f_conference,
            FacetField::Tag => f.f_tag,
            FacetField::Kind => f.f_kind,
            FacetField::Domain => f.f_domain,
        }
    }

    /// The index field a filter matches: for a domain, the one that also holds every parent
    /// domain (`--domain youtube.com` finds `m.youtube.com`).
    pub(crate) fn filter_field(self, f: &Fields) -> Field {
        match self {
            FacetField::Domain => f.f_domain_match,
            other => other.field(f),
        }
    }

    /// A filter value as the facet holds it: `--theme Security` → `security`, `--tag '#Vault'`
    /// → `vault`, `--domain https://www.example.org/x` → `example.org`; the other facets'
    /// values as written, trimmed (speakers and conferences are matched by `filters.rs`).
    pub(crate) fn value(self, v: &str) -> String {
        match self {
            FacetField::Theme => v.trim().to_lowercase(),
            FacetField::Tag => crate::notes::normalise_tag(v),
            FacetField::Domain => crate::notes::links::domain_of(v),
            FacetField::Year | FacetField::Speaker | FacetField::Conference | FacetField::Kind => v.trim().to_string(),
        }
    }
}

impl Engine {
    /// Facet counts over the sessions matching `req` (text and filters), of the facets named
    /// (by [`FacetField::name`]; other names count nothing).
    pub fn facet_counts(&self, req: &SearchRequest, names: &[&str]) -> Result<FacetCounts> {
        let query = self.build(req)?;
        let facets: Vec<FacetField> = FacetField::ALL
            .into_iter()
            .filter(|f| names.contains(&f.name()))
            .collect();
        let searcher = self.searcher()?;
        // One pass finds the twins and counts every match; the twins not shown are taken off.
        let counter = FacetCounter::new(&facets, &self.fields);
        let (twins, mut counts) =
            super::dedup::Twins::find(req.matching.dedup, searcher, &*query, &self.fields, counter)?;
        uncount(searcher, &self.fields, &mut counts, twins.hidden())?;
        Ok(counts)
    }

    /// The values of a facet field, read from its term dictionaries: as many steps as there
    /// are values, where collecting them reads every session. A value whose sessions were all
    /// deleted stays listed until its segment is merged.
    pub(super) fn facet_terms(&self, field: Field) -> Result<Vec<String>> {
        let searcher = self.searcher()?;
        let mut values = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(field) else { continue };
            let Ok(mut stream) = inv.terms().stream() else { continue };
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                // The root is a term too: it has no value.
                let value = facet_value(&facet);
                if !value.is_empty() {
                    values.insert(value);
                }
            }
        }
        Ok(values.into_iter().collect())
    }

    /// Every value of a facet field in the index.
    pub(super) fn facet_values(&self, field: Field) -> Result<Vec<String>> {
        Ok(index::facet_values(self.searcher()?, field)?)
    }
}

/// Counts facets over every match of a query, in the pass that finds them. tantivy's
/// `FacetCollector` counts one field per pass, and a pass runs the whole (tiered) query
/// again: seven facets were seven searches. Here the pass only notes the matches; each
/// segment's counts are then made the cheaper of two ways (see [`BY_POSTINGS`]).
///
/// Facets here have one level (`index::facet`), so a term is a value; a session holding a
/// value twice counts once.
#[derive(Debug, Clone)]
pub(super) struct FacetCounter {
    facets: Vec<(FacetField, Field)>,
    /// [`BY_POSTINGS`] (tests count either way with 0 or `usize::MAX`).
    by_postings: usize,
}

/// A segment whose matches are at least one in this many of its sessions is counted value by
/// value, through each value's posting list (every session holding it, a block at a time,
/// checked against the matches): its cost is the segment's size. Fewer matches are counted
/// match by match, through the facet columns: its cost is the matches'. A match read from
/// the seven columns costs 7–17 times a session of the postings: on the 10 MB corpus (13,397
/// sessions in one segment), 6,843 matches took 2.2–5 ms match by match, 0.6 ms by postings,
/// and 196 matches 0.2 ms match by match, 0.5 ms by postings.
const BY_POSTINGS: usize = 16;

impl FacetCounter {
    /// A counter of `facets`.
    pub(super) fn new(facets: &[FacetField], fields: &Fields) -> FacetCounter {
        FacetCounter {
            facets: facets.iter().map(|&f| (f, f.field(fields))).collect(),
            by_postings: BY_POSTINGS,
        }
    }

    /// Every facet counted, each without a value yet.
    fn empty(&self) -> FacetCounts {
        self.facets
            .iter()
            .map(|(f, _)| (f.name().to_string(), BTreeMap::new()))
            .collect()
    }
}

/// One facet of a segment: its column (values by session) and its terms (sessions by value).
struct SegmentFacet {
    name: &'static str,
    column: FacetReader,
    terms: Arc<InvertedIndexReader>,
}

pub(super) struct SegmentFacetCounter {
    facets: Vec<SegmentFacet>,
    by_postings: usize,
    max_doc: DocId,
    /// The matches, in order.
    matches: Vec<DocId>,
}

impl Collector for FacetCounter {
    type Fruit = FacetCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let mut facets = Vec::with_capacity(self.facets.len());
        for &(facet, field) in &self.facets {
            facets.push(SegmentFacet {
                name: facet.name(),
                column: segment.facet_reader(Fields::name(field))?,
                terms: segment.inverted_index(field)?,
            });
        }
        Ok(SegmentFacetCounter {
            facets,
            by_postings: self.by_postings,
            max_doc: segment.max_doc(),
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<tantivy::Result<FacetCounts>>) -> tantivy::Result<FacetCounts> {
        let mut out = self.empty();
        for fruit in fruits {
            for (name, values) in fruit? {
                let counts = out.entry(name).or_default();
                for (value, n) in values {
                    *counts.entry(value).or_default() += n;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = tantivy::Result<FacetCounts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.matches.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.matches.extend_from_slice(docs);
    }

    fn harvest(self) -> tantivy::Result<FacetCounts> {
        let by_postings =
            !self.matches.is_empty() && self.matches.len().saturating_mul(self.by_postings) >= self.max_doc as usize;
        let matched = by_postings.then(|| {
            let mut set = BitSet::with_max_value(self.max_doc);
            for &doc in &self.matches {
                set.insert(doc);
            }
            set
        });
        let mut out = FacetCounts::new();
        for facet in &self.facets {
            let values = out.entry(facet.name.to_string()).or_default();
            match &matched {
                Some(matched) => facet.count_by_postings(matched, values)?,
                None => facet.count_by_column(&self.matches, values)?,
            }
        }
        Ok(out)
    }
}

impl SegmentFacet {
    /// Each value's matches: its posting list against the matches.
    fn count_by_postings(&self, matched: &BitSet, values: &mut BTreeMap<String, u64>) -> tantivy::Result<()> {
        let mut stream = self.terms.terms().stream()?;
        while stream.advance() {
            // The root is a term too (held by every session with a value), with no value.
            if stream.key().is_empty() {
                continue;
            }
            let mut postings = self
                .terms
                .read_block_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let mut n = 0;
            loop {
                let docs = postings.docs();
                if docs.is_empty() {
                    break;
                }
                n += docs.iter().filter(|&&doc| matched.contains(doc)).count() as u64;
                postings.advance();
            }
            if n > 0
                && let Some(value) = value_of(stream.key())
            {
                *values.entry(value).or_default() += n;
            }
        }
        Ok(())
    }

    /// Each match's values, from the column.
    fn count_by_column(&self, matches: &[DocId], values: &mut BTreeMap<String, u64>) -> tantivy::Result<()> {
        let mut counts = vec![0u32; self.column.num_facets()];
        // The last match counted for each value, plus one: a value held twice counts once.
        let mut last = vec![0 as DocId; counts.len()];
        for &doc in matches {
            for ord in self.column.facet_ords(doc) {
                let ord = ord as usize;
                if last[ord] != doc + 1 {
                    last[ord] = doc + 1;
                    counts[ord] += 1;
                }
            }
        }
        let held: Vec<u64> = (0..counts.len() as u64)
            .filter(|&ord| counts[ord as usize] > 0)
            .collect();
        let mut n = held.iter().map(|&ord| counts[ord as usize]);
        // The values named in one walk of the dictionary: looking each up on its own
        // decompressed its block again, most of a query's time.
        self.column.facet_dict().sorted_ords_to_term_cb(&held, |bytes| {
            let n = n.next().unwrap_or(0);
            if let Some(value) = value_of(bytes) {
                *values.entry(value).or_default() += u64::from(n);
            }
        })?;
        Ok(())
    }
}

/// The value of a facet as its column holds it (encoded); none for the root (as tantivy's
/// `FacetCollector` counts under it).
fn value_of(encoded: &[u8]) -> Option<String> {
    let facet = Facet::from_encoded(encoded.to_vec()).ok()?;
    Some(facet_value(&facet)).filter(|v| !v.is_empty())
}

/// Takes the sessions at `docs` (matches counted in `counts`, such as the twins not shown) off
/// `counts`; a value none of the rest hold is dropped, as a count over the rest leaves it out.
pub(super) fn uncount<'a>(
    searcher: &Searcher,
    fields: &Fields,
    counts: &mut FacetCounts,
    docs: impl IntoIterator<Item = &'a DocAddress>,
) -> Result<()> {
    let mut by_segment: BTreeMap<SegmentOrdinal, Vec<DocId>> = BTreeMap::new();
    for addr in docs {
        by_segment.entry(addr.segment_ord).or_default().push(addr.doc_id);
    }
    for (ord, docs) in by_segment {
        let segment = searcher.segment_reader(ord);
        for (name, values) in counts.iter_mut() {
            let Some(field) = FacetField::parse(name) else { continue };
            let reader = segment.facet_reader(Fields::name(field.field(fields)))?;
            // Each session's values once; the values of all of them named in one walk.
            let mut ords: Vec<u64> = Vec::new();
            for &doc in &docs {
                let mut own: Vec<u64> = reader.facet_ords(doc).collect();
                own.sort_unstable();
                own.dedup();
                ords.extend(own);
            }
            ords.sort_unstable();
            reader.facet_dict().sorted_ords_to_term_cb(&ords, |bytes| {
                let Some(value) = value_of(bytes) else { return };
                if let Some(n) = values.get_mut(&value) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        values.remove(&value);
                    }
                }
            })?;
        }
    }
    Ok(())
}

/// The facets asked for, each without a value: the counts of a query that finds nothing.
pub(super) fn none_shown(facets: &[FacetField]) -> FacetCounts {
    facets.iter().map(|f| (f.name().to_string(), BTreeMap::new())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facet;
    use std::collections::BTreeSet;
    use tantivy::collector::FacetCollector;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    /// Sessions by their facet values, in two segments; the second has no domain at all.
    const SEGMENTS: [&[&[(FacetField, &str)]]; 2] = [
        &[
            &[
                (FacetField::Year, "2019"),
                (FacetField::Speaker, "Ann Lee"),
                (FacetField::Speaker, "Bob Ray"),
                // A value held twice, apart: one session.
                (FacetField::Speaker, "Ann Lee"),
                (FacetField::Kind, "talk"),
                (FacetField::Domain, "youtube.com"),
                (FacetField::Tag, "vault"),
            ],
            &[
                (FacetField::Year, "2017"),
                (FacetField::Speaker, "Bob Ray"),
                (FacetField::Kind, "keynote"),
                (FacetField::Theme, "security"),
            ],
            &[(FacetField::Kind, "talk"), (FacetField::Conference, "TestConf")],
        ],
        &[
            &[
                (FacetField::Year, "2019"),
                (FacetField::Speaker, "Cy Pérez"),
                (FacetField::Kind, "talk"),
                (FacetField::Theme, "security"),
                (FacetField::Theme, "cloud"),
            ],
            &[(FacetField::Year, "2019"), (FacetField::Kind, "section")],
        ],
    ];

    fn index() -> (Index, Fields) {
        let (schema, fields) = crate::index::schema();
        let index = Index::create_in_ram(schema);
        index
            .tokenizers()
            .register(crate::index::WORDS, crate::index::words_analyzer());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for segment in SEGMENTS {
            for session in segment {
                let mut doc = TantivyDocument::new();
                for (f, v) in *session {
                    doc.add_facet(f.field(&fields), facet(v));
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, fields)
    }

    /// A session by its facet values.
    type Values<'a> = [(FacetField, &'a str)];

    /// Sessions holding each value, counted one by one from the list; every facet named.
    fn naive(kept: impl Fn(&Values) -> bool) -> FacetCounts {
        let mut out = none_shown(&FacetField::ALL);
        for session in SEGMENTS.iter().flat_map(|s| s.iter()).filter(|s| kept(s)) {
            let values: BTreeSet<(FacetField, &str)> = session.iter().copied().collect();
            for (f, v) in values {
                *out.get_mut(f.name()).unwrap().entry(v.to_string()).or_default() += 1;
            }
        }
        out
    }

    /// What counting facets was before the one pass: tantivy's collector, a search per facet.
    fn per_facet(searcher: &Searcher, query: &dyn Query, fields: &Fields) -> FacetCounts {
        let mut out = FacetCounts::new();
        for facet in FacetField::ALL {
            let mut collector = FacetCollector::for_field(Fields::name(facet.field(fields)));
            collector.add_facet(Facet::root());
            let counts = searcher.search(query, &collector).unwrap();
            out.insert(
                facet.name().to_string(),
                counts.get("/").map(|(f, c)| (facet_value(f), c)).collect(),
            );
        }
        out
    }

    #[test]
    fn one_pass_counts_equal_a_naive_count_and_a_search_per_facet() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let counter = FacetCounter::new(&FacetField::ALL, &fields);
        let talks = TermQuery::new(
            Term::from_facet(fields.f_kind, &facet("talk")),
            IndexRecordOption::Basic,
        );
        // Each query with the value its sessions hold (none: every session).
        let cases = [
            (&AllQuery as &dyn Query, None),
            (&talks, Some((FacetField::Kind, "talk"))),
        ];
        for (query, held) in cases {
            let kept = |s: &Values| held.is_none_or(|v| s.contains(&v));
            // By postings, by column, and as the one pass chooses.
            for by_postings in [usize::MAX, 0, BY_POSTINGS] {
                let counter = FacetCounter {
                    by_postings,
                    ..counter.clone()
                };
                let counts = searcher.search(query, &counter).unwrap();
                assert_eq!(counts, naive(kept), "by_postings {by_postings}");
                assert_eq!(counts, per_facet(&searcher, query, &fields));
            }
        }
        assert_eq!(searcher.search(&AllQuery, &counter).unwrap()["speaker"]["Ann Lee"], 1);
    }

    #[test]
    fn counts_of_the_facets_asked_only_each_named_when_nothing_holds_it() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let counter = FacetCounter::new(&[FacetField::Year, FacetField::Domain], &fields);
        let nobody = TermQuery::new(
            Term::from_facet(fields.f_kind, &facet("panel")),
            IndexRecordOption::Basic,
        );
        let none = searcher.search(&nobody, &counter).unwrap();
        assert_eq!(none, none_shown(&[FacetField::Year, FacetField::Domain]));
        let all = searcher.search(&AllQuery, &counter).unwrap();
        assert_eq!(all.keys().collect::<Vec<_>>(), ["domain", "year"]);
        assert_eq!(all["year"]["2019"], 3);
    }

    #[test]
    fn uncounting_sessions_equals_counting_without_them() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let counter = FacetCounter::new(&FacetField::ALL, &fields);
        let mut counts = searcher.search(&AllQuery, &counter).unwrap();
        // The first session of each segment: Ann Lee and Bob Ray's talk, Cy Pérez's.
        let gone = [DocAddress::new(0, 0), DocAddress::new(1, 0)];
        uncount(&searcher, &fields, &mut counts, &gone).unwrap();
        let without =
            |s: &Values| !s.contains(&(FacetField::Speaker, "Cy Pérez")) && !s.contains(&(FacetField::Tag, "vault"));
        assert_eq!(counts, naive(without));
        assert!(!counts["speaker"].contains_key("Ann Lee"));
        assert_eq!(counts["speaker"]["Bob Ray"], 1);
    }

    #[test]
    fn every_facet_counts_its_own_index_field() {
        let (_, fields) = crate::index::schema();
        for facet in FacetField::ALL {
            assert_eq!(Fields::name(facet.field(&fields)), format!("f_{}", facet.name()));
            assert_eq!(facet.flag(), format!("--{}", facet.name()));
        }
        assert_eq!(Fields::name(FacetField::Domain.filter_field(&fields)), "f_domain_match");
        assert_eq!(FacetField::Tag.filter_field(&fields), fields.f_tag);
    }

    #[test]
    fn facet_named_by_name_or_plural_in_any_case() {
        assert_eq!(FacetField::parse("speaker"), Some(FacetField::Speaker));
        assert_eq!(FacetField::parse(" Speakers "), Some(FacetField::Speaker));
        assert_eq!(FacetField::parse("CONFERENCES"), Some(FacetField::Conference));
        assert_eq!(FacetField::parse("speakerss"), None);
        for facet in FacetField::ALL {
            assert_eq!(FacetField::parse(facet.name()), Some(facet));
            assert_eq!(FacetField::parse(facet.plural()), Some(facet));
        }
    }

    #[test]
    fn tag_hash_vault_theme_security_domain_url_as_the_facets_hold_them() {
        assert_eq!(FacetField::Tag.value(" #Vault"), "vault");
        assert_eq!(FacetField::Theme.value("Security "), "security");
        assert_eq!(FacetField::Domain.value("https://www.Example.org/x"), "example.org");
        assert_eq!(FacetField::Domain.value("m.youtube.com"), "m.youtube.com");
        assert_eq!(FacetField::Speaker.value(" Adrian Mouat "), "Adrian Mouat");
    }
}
