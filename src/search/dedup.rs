//! The same talk noted in two files (a line of the schedule and a file of its own) shows
//! once: the fuller note is the hit, the other's place is kept in its `also`. The twins are
//! found among the matches before anything is counted, and the ones not shown are excluded
//! from the query, so `total`, the facet counts and the hits all count the talk once.
//!
//! The same talk: the same title (case, accents and punctuation ignored) and year — the
//! index's `talk` key (`index::talk_key`), one fast-field read per match — then, for the few
//! matches sharing a key, read from their documents: other files, no two different dates,
//! and a speaker in common (by surname: `T. Riley` is `Tom Riley`), or, when either names
//! none, the same conference. Sections (`Takeaways`, `Q&A`) are never talks. A note matched
//! to an official programme's talk shares the talk's key (`index::programmes`): the two are
//! the same talk whatever they say, and the note is the hit.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end, about 90 lines, one
//! per rule of sameness); the collectors and the query that excludes the twins are one job.

use super::chosen::Chosen;
use super::counting::Counting;
use super::fold;
use crate::index::Fields;
use crate::notes::{Origin, Source as SourceRef};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use tantivy::DocSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::{BitSetDocSet, BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{BitSet, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument};

/// Most notes of one talk: a title and year shared by more matches than this is a placeholder
/// (`TBA`, `Lightning talks`) rather than one talk noted in a few files, and is never merged
/// (comparing every pair of a few thousand would cost more than the query).
const MAX_NOTES: usize = 8;

/// How many more of the best matches are kept than shown, so that the twins left out of them
/// still leave enough: a query whose best hold more twins than this is run again without them.
const OVERFETCH: usize = 16;

/// How many of the best matches [`top`] ranks to show `limit` of them.
pub(crate) fn fetched(enabled: bool, limit: usize) -> usize {
    if enabled { limit + OVERFETCH } else { limit }
}

/// How many sessions match, the best of them shown (each with what the collector ranked it
/// by), the twins, and what another collector gathered over the same matches (the twins not
/// shown included).
pub(crate) type Top<T, X> = (usize, Vec<(T, DocAddress)>, Twins, X);

/// One pass over the matches of `query`: how many there are and the best `limit` of them (by
/// the collector `top(limit)` makes), less the twins not shown, the twins, and what `extra`
/// collects (the facet counts). The twins' talk keys are read in the same pass as the count
/// and the top: a second pass over the matches to find them doubled the cost of a query
/// matching most sessions.
pub(crate) fn top<T, C, X>(
    enabled: bool,
    searcher: &Searcher,
    query: &dyn Query,
    fields: &Fields,
    limit: usize,
    top: impl Fn(usize) -> C,
    extra: X,
) -> tantivy::Result<Top<T, X::Fruit>>
where
    C: Collector<Fruit = Vec<(T, DocAddress)>>,
    X: Collector,
{
    if !enabled {
        let ((total, found), extra) = searcher.search(query, &(Counting(top(limit)), extra))?;
        return Ok((total, found, Twins::default(), extra));
    }
    let ((total, found), keyed, extra) =
        searcher.search(query, &(Counting(top(limit + OVERFETCH)), TalkKeys(fields.talk), extra))?;
    let twins = Twins::of(groups(keyed), searcher, fields)?;
    let shown = total - twins.hidden.len();
    let mut found: Vec<(T, DocAddress)> = found.into_iter().filter(|(_, a)| !twins.hidden.contains(a)).collect();
    if found.len() < limit && found.len() < shown {
        let (_, again) = searcher.search(&*twins.excluding(query.box_clone()), &Counting(top(limit)))?;
        found = again;
    }
    found.truncate(limit);
    Ok((shown, found, twins, extra))
}

/// The hits [`top_among`] keeps, and their twins.
pub(crate) type Among<T> = (Vec<(T, DocAddress)>, Twins);

/// [`top`] among `candidates`, matches of `query` that hold its best `limit` (plus the
/// [`OVERFETCH`] when twins are looked for: `prune::select` for that many): the same hits,
/// scored and ordered by the query, without visiting every match. The twins of those hits
/// are found among every match (`matching`, by segment) by their talk keys, as [`top`]
/// finds them; the twins of the other matches are not looked for. The hits, the twins among
/// them and how many twins were left out; `None` when those leave fewer than `limit` hits
/// (the caller searches every match then).
#[allow(clippy::too_many_arguments)]
pub(crate) fn top_among<T, C>(
    enabled: bool,
    searcher: &Searcher,
    query: &dyn Query,
    candidates: Box<dyn Query>,
    matching: &[BitSet],
    fields: &Fields,
    limit: usize,
    top: impl Fn(usize) -> C,
    stats: &dyn tantivy::query::Bm25StatisticsProvider,
) -> tantivy::Result<Option<Among<T>>>
where
    C: Collector<Fruit = Vec<(T, DocAddress)>>,
{
    let among = BooleanQuery::new(vec![(Occur::Must, query.box_clone()), (Occur::Must, candidates)]);
    let fetch = fetched(enabled, limit);
    let found = searcher.search_with_statistics_provider(&among, &top(fetch), stats)?;
    if !enabled {
        return Ok(Some((found, Twins::default())));
    }
    // The talk keys of the hits, then every match holding one of them.
    let column = |segment: &SegmentReader| segment.fast_fields().u64(Fields::name(fields.talk)).ok();
    let mut keys: Vec<u64> = found
        .iter()
        .filter_map(|(_, addr)| {
            column(searcher.segment_reader(addr.segment_ord)).map(|c| c.first_or_default_col(0).get_val(addr.doc_id))
        })
        .filter(|&key| key != 0)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut keyed = Vec::new();
    if !keys.is_empty() {
        let segments = searcher.segment_readers();
        let per_segment = super::segments::each(segments.len(), super::segments::threads(searcher), |ord| {
            tantivy::Result::Ok(sharing_keys(&segments[ord], ord, &keys, &matching[ord], fields))
        })?;
        keyed = per_segment.into_iter().flatten().collect();
    }
    let twins = Twins::of(groups(keyed), searcher, fields)?;
    let mut found: Vec<(T, DocAddress)> = found.into_iter().filter(|(_, a)| !twins.hidden.contains(a)).collect();
    if found.len() < limit {
        // More twins among the best than the overfetch covers.
        return Ok(None);
    }
    found.truncate(limit);
    Ok(Some((found, twins)))
}

/// The matches of one segment (its ordinal `ord`) whose talk key is one of `keys` (sorted).
fn sharing_keys(
    segment: &SegmentReader,
    ord: usize,
    keys: &[u64],
    matches: &BitSet,
    fields: &Fields,
) -> Vec<(u64, DocAddress)> {
    let Ok(column) = segment.fast_fields().u64(Fields::name(fields.talk)) else {
        return Vec::new();
    };
    // Every session has a key and many match: the whole column is read. Fewer matches are
    // looked up one by one: the column is 8 bytes a session, and reading all of it for a few
    // hundred matches was a third of a 1 GB query's time.
    let many = u64::from(matches.len() as u32) * 16 > u64::from(segment.max_doc());
    let scan = many && matches!(column.index, tantivy::columnar::ColumnIndex::Full);
    keyed_in(&column, segment.max_doc(), keys, matches, scan)
        .into_iter()
        .map(|(key, doc)| (key, DocAddress::new(ord as SegmentOrdinal, doc)))
        .collect()
}

/// The matches whose value in `column` (of `max_doc` rows) is one of `keys` (sorted), in
/// order: by reading every value (`scan`, a column with a value for every document), or by
/// looking up each match.
fn keyed_in(column: &Column<u64>, max_doc: DocId, keys: &[u64], matches: &BitSet, scan: bool) -> Vec<(u64, DocId)> {
    let mut keyed = Vec::new();
    let mut take = |doc: DocId, key: u64| {
        if keys.binary_search(&key).is_ok() && matches.contains(doc) {
            keyed.push((key, doc));
        }
    };
    if scan {
        // A block at a time, each value first checked against a small filter of the keys
        // (most are no key of a hit).
        let mut filter = [0u64; 16];
        for key in keys {
            filter[(key >> 6) as usize & 15] |= 1 << (key & 63);
        }
        let mut values = vec![0u64; 4096];
        let mut start = 0;
        while start < max_doc {
            let n = (max_doc - start).min(4096) as usize;
            column.values.get_range(u64::from(start), &mut values[..n]);
            for (i, &key) in values[..n].iter().enumerate() {
                if filter[(key >> 6) as usize & 15] & (1 << (key & 63)) != 0 {
                    take(start + i as DocId, key);
                }
            }
            start += n as DocId;
        }
    } else {
        let values = column.clone().first_or_default_col(0);
        let mut docs = BitSetDocSet::from(matches.clone());
        let mut doc = docs.doc();
        while doc != tantivy::TERMINATED {
            take(doc, values.get_val(doc));
            doc = docs.advance();
        }
    }
    keyed
}

/// The twins among a query's matches.
#[derive(Default)]
pub(crate) struct Twins {
    /// The twins not shown, by segment.
    excluded: HashMap<SegmentId, Vec<DocId>>,
    /// The same, by address.
    hidden: HashSet<DocAddress>,
    /// The hit shown → the places of its twins.
    also: HashMap<DocAddress, Vec<SourceRef>>,
}

impl Twins {
    /// The twins among the matches of `query` (none without `enabled`), and what `extra`
    /// collects over them in the same pass (the twins not shown included).
    pub(crate) fn find<X: Collector>(
        enabled: bool,
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        extra: X,
    ) -> tantivy::Result<(Twins, X::Fruit)> {
        if !enabled {
            return Ok((Twins::default(), searcher.search(query, &extra)?));
        }
        let (keyed, extra) = searcher.search(query, &(TalkKeys(fields.talk), extra))?;
        Ok((Twins::of(groups(keyed), searcher, fields)?, extra))
    }

    /// The twins among `groups`, matches sharing a talk key.
    fn of(groups: Vec<Vec<DocAddress>>, searcher: &Searcher, fields: &Fields) -> tantivy::Result<Twins> {
        let mut twins = Twins::default();
        for group in groups {
            let mut candidates = Vec::with_capacity(group.len());
            for addr in group {
                let doc: TantivyDocument = searcher.doc(addr)?;
                candidates.push(Candidate::of(addr, &doc, fields));
            }
            for cluster in clusters(candidates) {
                let (shown, others) = cluster.split_first().expect("a cluster has a member");
                for other in others {
                    let segment = searcher.segment_reader(other.addr.segment_ord).segment_id();
                    twins.excluded.entry(segment).or_default().push(other.addr.doc_id);
                    twins.hidden.insert(other.addr);
                }
                twins
                    .also
                    .insert(shown.addr, others.iter().map(|o| o.source.clone()).collect());
            }
        }
        Ok(twins)
    }

    /// `query` less the twins not shown.
    pub(crate) fn excluding(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.excluded.is_empty() {
            return query;
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::MustNot, Box::new(Chosen::by_segment(self.excluded.clone()))),
        ]))
    }

    /// The twins not shown.
    pub(crate) fn hidden(&self) -> impl Iterator<Item = &DocAddress> {
        self.hidden.iter()
    }

    /// The places of the twins of the hit at `addr`.
    pub(crate) fn also(&self, addr: DocAddress) -> Vec<SourceRef> {
        self.also.get(&addr).cloned().unwrap_or_default()
    }
}

/// The matches sharing a talk key, in order: two to [`MAX_NOTES`] of them. A query matching
/// most sessions has about as many keys as matches, nearly all unique: they are counted in a
/// map hashed by the key itself (already a hash), and only the few shared ones are sorted into
/// groups; a list per key, or sorting them all, cost about half the query.
fn groups(keyed: Vec<(u64, DocAddress)>) -> Vec<Vec<DocAddress>> {
    let mut counts: HashMap<u64, u32, BuildHasherDefault<KeyHasher>> =
        HashMap::with_capacity_and_hasher(keyed.len(), BuildHasherDefault::default());
    for (key, _) in &keyed {
        *counts.entry(*key).or_default() += 1;
    }
    let notes = 2..=MAX_NOTES as u32;
    let mut shared: Vec<(u64, DocAddress)> = keyed
        .into_iter()
        .filter(|(key, _)| counts.get(key).is_some_and(|n| notes.contains(n)))
        .collect();
    shared.sort_unstable();
    let mut groups: Vec<Vec<DocAddress>> = shared
        .chunk_by(|a, b| a.0 == b.0)
        .map(|g| g.iter().map(|(_, a)| *a).collect())
        .collect();
    groups.sort();
    groups
}

/// Hashes a talk key by itself: it is a hash already.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// One match sharing its talk key with another: what tells talks apart.
#[derive(Debug, Clone)]
struct Candidate {
    addr: DocAddress,
    source: SourceRef,
    /// Speakers' surnames, folded.
    surnames: BTreeSet<String>,
    conference: Option<String>,
    date: Option<String>,
    /// A session of notes, not an official programme's talk.
    noted: bool,
    /// How full the note is: bytes of notes, then links (a note before a programme's talk,
    /// whatever their fullness: see `clusters`).
    fullness: (usize, usize),
}

impl Candidate {
    fn of(addr: DocAddress, doc: &TantivyDocument, f: &Fields) -> Candidate {
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let links = text(f.links)
            .and_then(|j| serde_json::from_str::<Vec<serde_json::Value>>(&j).ok())
            .map_or(0, |l| l.len());
        let noted = text(f.from).is_none_or(|o| o != Origin::Schedule.as_str());
        Candidate {
            addr,
            source: SourceRef {
                path: text(f.path).unwrap_or_default(),
                line: doc.get_first(f.line).and_then(|v| v.as_u64()).map_or(0, |l| l as usize),
            },
            surnames: doc
                .get_all(f.speakers)
                .filter_map(|v| v.as_str())
                .filter_map(surname)
                .collect(),
            conference: text(f.conference).map(|c| fold(&c)),
            date: text(f.date_text),
            noted,
            fullness: (text(f.body).map_or(0, |b| b.len()), links),
        }
    }
}

/// `Tom Riley` → `riley`.
fn surname(name: &str) -> Option<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map(str::to_string)
}

/// Whether two matches with the same title and year are the same talk.
fn same(a: &Candidate, b: &Candidate) -> bool {
    if a.source.path == b.source.path {
        return false;
    }
    // A note shares an official talk's key only when it was matched to it (`index::programmes`).
    if a.noted != b.noted {
        return true;
    }
    if let (Some(x), Some(y)) = (&a.date, &b.date)
        && x != y
    {
        return false;
    }
    if !a.surnames.is_empty() && !b.surnames.is_empty() {
        return !a.surnames.is_disjoint(&b.surnames);
    }
    a.conference.is_some() && a.conference == b.conference
}

/// The matches of one key as talks, each fullest first (notes before a programme's talk), with
/// at least two notes; a match joins the first talk whose fullest note it is the same talk as,
/// and which has no note of its file yet.
fn clusters(mut candidates: Vec<Candidate>) -> Vec<Vec<Candidate>> {
    candidates.sort_by(|a, b| {
        (b.noted, b.fullness)
            .cmp(&(a.noted, a.fullness))
            .then_with(|| a.source.path.cmp(&b.source.path))
            .then(a.source.line.cmp(&b.source.line))
    });
    let mut out: Vec<Vec<Candidate>> = Vec::new();
    for c in candidates {
        match out
            .iter_mut()
            .find(|t| same(&t[0], &c) && t.iter().all(|m| m.source.path != c.source.path))
        {
            Some(talk) => talk.push(c),
            None => out.push(vec![c]),
        }
    }
    out.retain(|t| t.len() > 1);
    out
}

/// Collects the talk key (the fast field given) of every match that has one.
struct TalkKeys(tantivy::schema::Field);

struct SegmentTalkKeys {
    ord: SegmentOrdinal,
    keys: Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    found: Vec<(u64, DocAddress)>,
}

impl Collector for TalkKeys {
    type Fruit = Vec<(u64, DocAddress)>;
    type Child = SegmentTalkKeys;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTalkKeys> {
        let keys = segment
            .fast_fields()
            .u64(Fields::name(self.0))
            .ok()
            .map(|c| c.first_or_default_col(0));
        Ok(SegmentTalkKeys {
            ord,
            keys,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u64, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentTalkKeys {
    type Fruit = Vec<(u64, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(keys) = &self.keys else { return };
        let key = keys.get_val(doc);
        if key != 0 {
            self.found.push((key, DocAddress::new(self.ord, doc)));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(path: &str, speakers: &[&str], conference: Option<&str>, date: Option<&str>, body: usize) -> Candidate {
        Candidate {
            addr: DocAddress::new(0, path.len() as u32 + body as u32),
            source: SourceRef {
                path: path.into(),
                line: 1,
            },
            surnames: speakers.iter().filter_map(|s| surname(s)).collect(),
            conference: conference.map(fold),
            date: date.map(str::to_string),
            noted: true,
            fullness: (body, 0),
        }
    }

    fn official(path: &str, speakers: &[&str], date: Option<&str>, body: usize) -> Candidate {
        let mut c = note(path, speakers, Some("Nordlicht Tech Days 2026"), date, body);
        c.noted = false;
        c
    }

    #[test]
    fn note_matched_to_a_programme_talk_is_one_talk_with_it_the_note_first() {
        // The note names another speaker than the programme (it keeps what it states), its
        // abstract is longer than the notes: the matcher paired them, so they are one talk,
        // and the notes are the hit.
        let talk = official("nordlicht.schedule.json", &["Priya Raman"], Some("2026-03-13"), 900);
        let own = note("nordlicht/secrets.md", &["P. Ramen"], None, Some("2026-03-13"), 80);
        let talks = clusters(vec![talk, own]);
        assert_eq!(talks.len(), 1);
        assert_eq!(talks[0][0].source.path, "nordlicht/secrets.md");
        assert_eq!(talks[0][1].source.path, "nordlicht.schedule.json");
    }

    #[test]
    fn tba_in_many_files_is_never_grouped() {
        let at = |doc: u32| DocAddress::new(0, doc);
        let mut keyed: Vec<(u64, DocAddress)> = (0..100).map(|d| (7, at(d))).collect();
        keyed.push((9, at(200)));
        keyed.push((9, at(201)));
        keyed.push((11, at(300)));
        assert_eq!(groups(keyed), [vec![at(200), at(201)]]);
    }

    #[test]
    fn thanos_in_the_schedule_and_its_own_file_is_one_talk_the_fuller_first() {
        let schedule = note(
            "2019/schedule.txt",
            &["Tom Riley"],
            Some("DevOpsDays"),
            Some("2019-10-18"),
            300,
        );
        let own = note("2019/talks/thanos.md", &["T. Riley"], Some("DevOpsDays"), None, 2000);
        let talks = clusters(vec![schedule, own]);
        assert_eq!(talks.len(), 1);
        assert_eq!(talks[0][0].source.path, "2019/talks/thanos.md");
        assert_eq!(talks[0][1].source.path, "2019/schedule.txt");
    }

    #[test]
    fn same_title_other_speakers_or_dates_are_two_talks() {
        let a = note("a.md", &["Ann Lee"], Some("X"), None, 10);
        let b = note("b.md", &["Bob Hay"], Some("X"), None, 10);
        assert!(!same(&a, &b));
        let c = note("c.md", &["Cy Moss"], None, Some("2019-01-01"), 10);
        let d = note("d.md", &["Cy Moss"], None, Some("2019-06-01"), 10);
        assert!(!same(&c, &d));
        assert!(clusters(vec![a, b, c, d]).is_empty());
    }

    #[test]
    fn no_speaker_needs_the_same_conference_and_one_file_never_twins_itself() {
        let a = note("a.md", &[], Some("DevOpsDays Edinburgh"), None, 10);
        let b = note("b.md", &["Ann Lee"], Some("devopsdays edinburgh"), None, 10);
        let c = note("c.md", &[], None, None, 10);
        assert!(same(&a, &b));
        assert!(!same(&a, &c));
        let d = note("a.md", &[], Some("DevOpsDays Edinburgh"), None, 5);
        assert!(!same(&a, &d));
    }

    #[test]
    fn the_keys_of_the_hits_are_found_alike_by_reading_the_column_or_looking_up_each_match() {
        use tantivy::schema::{FAST, Schema};
        let mut b = Schema::builder();
        let talk = b.add_u64_field("talk", FAST);
        let index = tantivy::Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // 10,000 sessions, keys 0..97 over and over; the keys looked for are three of them.
        for i in 0..10_000u64 {
            writer.add_document(tantivy::doc!(talk => (i * 7919) % 97)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = searcher.segment_reader(0);
        let column = segment.fast_fields().u64("talk").unwrap();
        let keys = [3, 40, 96];
        for step in [1, 5, 300] {
            let mut matches = BitSet::with_max_value(segment.max_doc());
            for doc in (0..segment.max_doc()).step_by(step) {
                matches.insert(doc);
            }
            let read = keyed_in(&column, segment.max_doc(), &keys, &matches, true);
            let looked_up = keyed_in(&column, segment.max_doc(), &keys, &matches, false);
            assert_eq!(read, looked_up, "every {step}th session matching");
            let want = (0..segment.max_doc())
                .step_by(step)
                .filter(|&d| keys.contains(&((u64::from(d) * 7919) % 97)))
                .count();
            assert_eq!(read.len(), want, "every {step}th session matching");
            assert!(want > 0);
        }
    }
}
