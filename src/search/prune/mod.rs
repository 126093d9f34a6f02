//! The best matches of a broad query without scoring every match: MaxScore (Turtle and
//! Flood, 1995; what Lucene and tantivy prune unions with), on the tiered score of `tiered.rs`.
//!
//! A query of plain words scores a session as the sum, over its words, of the bonus of the
//! best tier it meets and of each matched term's BM25 times its tier's weight. Each term in
//! each field is a posting list, and what it can add is bounded by its BM25 weight (the
//! term-frequency part of BM25 is below 1). The lists are sorted by that bound; once `k`
//! sessions are found, the lowest lists whose bonuses and bounds together stay under the k-th
//! score are no longer walked — a session only they hold cannot enter the top `k` — and are
//! only sought to the sessions the other lists bring: largest bound first, and no further once
//! what a session has and what the lists left can add stay under the k-th score. For `team`
//! (57 % of the sessions) that leaves its notes-field list, the longest, unwalked as soon as
//! ten sessions with `team` in the title are found, and at 1 GB most sessions the walk brings
//! are dropped after one seek instead of five.
//!
//! The scores here are added in another order than tantivy's, so a float rounding apart: the
//! selection keeps every session within [`margin`] of the k-th score, a superset of the top
//! `k`, which the caller scores again with the query itself (`dedup::top_among`). The hits,
//! their scores and their order are the query's.
//!
//! `lists.rs` holds a term's postings as the selection scores them (`TermList`) and the BM25
//! statistics read once (`Stats`); `best.rs` the k-th best score, a selection's own and the
//! highest of all its threads.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end: the candidates
//! against the whole query's top k over generated sessions, ties, deletes and threads
//! included); the code is ~330.

mod best;
mod lists;

use super::TIERS;
use best::{Best, Highest};
pub(super) use lists::Stats;
use lists::TermList;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{BitSet, DocId, Score, Searcher, SegmentReader, TERMINATED, Term};

/// Up to this many matches, a query visits every match: its total is exact. Beyond, the
/// total is an estimate (as Elasticsearch's `track_total_hits` and Meilisearch's
/// `estimatedTotalHits`): every matching session is counted, but the twins of a talk noted in
/// several files (`dedup.rs`) only among the hits shown.
pub(super) const EXACT_UP_TO: usize = 1000;

/// One word of the query as it is scored: the bonus of each tier (times the word's weight;
/// none without the word bonus) and the terms of its tiers.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) bonus: Option<[Score; TIERS]>,
    pub(super) tiers: Vec<Tier>,
}

/// The terms of one tier of a word.
#[derive(Debug, Clone)]
pub(super) struct Tier {
    /// Which tier (below [`TIERS`]).
    pub(super) tier: usize,
    /// The weight of the tier's BM25 in the score.
    pub(super) weight: Score,
    /// Each term (a word in one field) with the field's boost.
    pub(super) terms: Vec<(Term, Score)>,
}

/// The sessions matching any term of `words`, by segment (deleted ones left out), and how
/// many: the postings read without frequencies or scores.
pub(super) fn matches(searcher: &Searcher, words: &[Word]) -> tantivy::Result<(usize, Vec<BitSet>)> {
    matches_on(searcher, words, super::segments::threads(searcher))
}

/// [`matches`], its segments walked by up to `threads` threads.
fn matches_on(searcher: &Searcher, words: &[Word], threads: usize) -> tantivy::Result<(usize, Vec<BitSet>)> {
    let mut terms: Vec<&Term> = words
        .iter()
        .flat_map(|w| &w.tiers)
        .flat_map(|t| &t.terms)
        .map(|(term, _)| term)
        .collect();
    terms.sort();
    terms.dedup();
    let segments = searcher.segment_readers();
    let sets = super::segments::each(segments.len(), threads, |i| {
        let segment = &segments[i];
        let mut set = BitSet::with_max_value(segment.max_doc());
        for term in &terms {
            let index = segment.inverted_index(term.field())?;
            // A block of 128 documents at a time: no per-document cursor.
            let Some(mut postings) = index.read_block_postings(term, IndexRecordOption::Basic)? else {
                continue;
            };
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    set.insert(doc);
                }
                postings.advance();
            }
        }
        if let Some(alive) = segment.alive_bitset() {
            set.intersect_update(alive.bitset());
        }
        Ok::<_, tantivy::TantivyError>(set)
    })?;
    let total = sets.iter().map(BitSet::len).sum();
    Ok((total, sets))
}

/// How far under the k-th score a session is still kept: the sums here and tantivy's add the
/// same terms in another order, which f32 rounds apart by a few units in the last place per
/// term (6e-8 of the sum each); a session holds a few dozen terms at most.
fn margin(score: Score) -> Score {
    score.abs() * 1e-5 + 1e-4
}

/// One posting list: a term in a field, of a tier of a word.
struct List {
    scorer: TermList,
    word: usize,
    /// The bonus of its tier (0 without the word bonus).
    bonus: Score,
    /// The weight of its tier's BM25.
    weight: Score,
    /// The most it adds to a session's score beyond the bonus.
    bound: Score,
}

/// The sessions that may be among the best `k` matches of `words`, by segment ordinal: every
/// one scoring within [`margin`] of the k-th best, and so all of the best `k` whatever the
/// rounding. `None` when a bound is not a number (nothing is pruned then).
pub(super) fn select(
    searcher: &Searcher,
    stats: &Stats,
    words: &[Word],
    k: usize,
) -> tantivy::Result<Option<Vec<Vec<DocId>>>> {
    select_on(searcher, stats, words, k, super::segments::threads(searcher))
}

/// [`select`], its segments walked by up to `threads` threads.
fn select_on(
    searcher: &Searcher,
    stats: &Stats,
    words: &[Word],
    k: usize,
    threads: usize,
) -> tantivy::Result<Option<Vec<Vec<DocId>>>> {
    // (word, bonus, tier weight, the term, its BM25 boosted by its field's boost, its bound)
    let mut weighted = Vec::new();
    for (w, word) in words.iter().enumerate() {
        for tier in &word.tiers {
            let bonus = word.bonus.map_or(0.0, |b| b[tier.tier]);
            for (term, boost) in &tier.terms {
                // A term no session holds adds nothing (and its field may have no tokens at
                // all, which leaves BM25 without an average length).
                if stats.doc_freq(term)? == 0 {
                    continue;
                }
                // tf / (tf + norm) < 1: a term adds at most its weight, which a session of no
                // length holding it endlessly reaches.
                let bm25 = Bm25Weight::for_terms(stats, std::slice::from_ref(term))?.boost_by(*boost);
                let bound = tier.weight * bm25.score(0, u32::MAX);
                if !bound.is_finite() || !bonus.is_finite() {
                    return Ok(None);
                }
                weighted.push((w, bonus, tier.weight, term, bm25, bound));
            }
        }
    }
    let segments = searcher.segment_readers();
    let highest = Highest::default();
    let kept = super::segments::each(segments.len(), threads, |i| {
        select_in(&segments[i], &weighted, words.len(), k, &highest)
    })?;
    // Each segment kept every session within the margin of the k-th score its thread knew,
    // never above the k-th of all: the k-th of all the kept scores is the query's.
    let mut scores: Vec<Score> = kept.iter().flatten().map(|(s, _)| *s).collect();
    let floor = if scores.len() >= k.max(1) {
        let (_, kth, _) = scores.select_nth_unstable_by(k.max(1) - 1, |a, b| b.total_cmp(a));
        *kth - margin(*kth)
    } else {
        Score::NEG_INFINITY
    };
    Ok(Some(
        kept.into_iter()
            .map(|docs| docs.into_iter().filter(|(s, _)| *s >= floor).map(|(_, d)| d).collect())
            .collect(),
    ))
}

/// A term list of the query before it is opened in a segment: its word, its tier's bonus and
/// weight, the term, its BM25 boosted by its field's boost, and its bound.
type Weighted<'a> = (usize, Score, Score, &'a Term, Bm25Weight, Score);

/// The sessions of one segment scoring within [`margin`] of the k-th score known (its own
/// and [`Highest`]'s), with their scores.
fn select_in(
    segment: &SegmentReader,
    weighted: &[Weighted],
    words: usize,
    k: usize,
    highest: &Highest,
) -> tantivy::Result<Vec<(Score, DocId)>> {
    let mut best = Best::new(k);
    let mut word_best: Vec<Score> = vec![0.0; words];
    let mut word_sum: Vec<Score> = vec![0.0; words];
    let mut lists = Vec::with_capacity(weighted.len());
    for (word, bonus, weight, term, bm25, bound) in weighted {
        let Some(scorer) = TermList::open(segment, term, bm25)? else {
            continue;
        };
        lists.push(List {
            scorer,
            word: *word,
            bonus: *bonus,
            weight: *weight,
            bound: *bound,
        });
    }
    lists.sort_by(|a, b| a.bound.total_cmp(&b.bound).then(a.bonus.total_cmp(&b.bonus)));
    // The first `i` lists: their bounds summed and each word's best bonus among them.
    let mut prefixes: Vec<(Score, Vec<Score>)> = Vec::with_capacity(lists.len() + 1);
    let mut bounds: Score = 0.0;
    let mut bonus_of: Vec<Score> = vec![0.0; words];
    prefixes.push((bounds, bonus_of.clone()));
    for l in &lists {
        bonus_of[l.word] = bonus_of[l.word].max(l.bonus);
        bounds += l.bound;
        prefixes.push((bounds, bonus_of.clone()));
    }
    // What the first `i` lists can add to a session whose words have the bonuses `has`:
    // every bound, and for each word only as much bonus as theirs exceeds the one it has
    // (a word's bonus is its best tier's, never a sum: counting it again let every session
    // through, each sought in the longest lists). With no bonus had, the most a session
    // only they hold can score.
    let can_add = |i: usize, has: &[Score]| -> Score {
        let (bounds, bonus) = &prefixes[i];
        bounds + bonus.iter().zip(has).map(|(b, h)| (b - h).max(0.0)).sum::<Score>()
    };
    let none = vec![0.0; words];
    let alive = segment.alive_bitset();
    let mut segment_kept = Vec::new();
    // Lists before `first` are no longer walked.
    let mut first = 0;
    // The k-th score known, its own or another thread's, less the margin: it only rises.
    let floor = |best: &Best| {
        best.kth()
            .into_iter()
            .chain(highest.get())
            .reduce(Score::max)
            .map_or(Score::NEG_INFINITY, |t| t - margin(t))
    };
    let mut floor_now = floor(&best);
    while first < lists.len() && can_add(first + 1, &none) < floor_now {
        first += 1;
    }
    loop {
        let doc = lists[first..]
            .iter()
            .map(|l| l.scorer.doc())
            .min()
            .unwrap_or(TERMINATED);
        if doc == TERMINATED {
            break;
        }
        word_best.fill(0.0);
        word_sum.fill(0.0);
        for l in &mut lists[first..] {
            if l.scorer.doc() == doc {
                word_best[l.word] = word_best[l.word].max(l.bonus);
                word_sum[l.word] += l.weight * l.scorer.score();
            }
        }
        // The unwalked lists are sought from the largest bound down, and the session is
        // dropped as soon as what it has and what the lists left can add stay under the
        // k-th score: most sessions a walked list brings need only its largest ones.
        let mut left = first;
        let reaches = |left: usize, word_best: &[Score], word_sum: &[Score]| {
            let most = word_best.iter().sum::<Score>() + word_sum.iter().sum::<Score>() + can_add(left, word_best);
            most + margin(most) >= floor_now
        };
        let mut reached = alive.is_none_or(|a| a.is_alive(doc)) && reaches(left, &word_best, &word_sum);
        while reached && left > 0 {
            left -= 1;
            let l = &mut lists[left];
            if l.scorer.doc() < doc {
                l.scorer.seek(doc);
            }
            if l.scorer.doc() == doc {
                word_best[l.word] = word_best[l.word].max(l.bonus);
                word_sum[l.word] += l.weight * l.scorer.score();
            }
            reached = reaches(left, &word_best, &word_sum);
        }
        if reached {
            let score: Score = word_best.iter().zip(&word_sum).map(|(b, s)| b + s).sum();
            if score >= floor_now {
                segment_kept.push((score, doc));
                best.offer(score);
                if let Some(kth) = best.kth() {
                    highest.raise(kth);
                }
            }
        }
        // Raised by this session or by another thread's.
        let floor_next = floor(&best);
        if floor_next > floor_now {
            floor_now = floor_next;
            while first < lists.len() && can_add(first + 1, &none) < floor_now {
                first += 1;
            }
        }
        for l in &mut lists[first..] {
            if l.scorer.doc() == doc {
                l.scorer.advance();
            }
        }
    }
    Ok(segment_kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tiered::{TierScores, TieredQuery};
    use tantivy::DocSet;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{DocAddress, Index, doc};

    const VOCABULARY: [&str; 10] = [
        "team",
        "teams",
        "kubernetes",
        "secrets",
        "secret",
        "steam",
        "mesh",
        "vault",
        "tea",
        "ops",
    ];

    /// `sessions` sessions of a few words each, skewed to the first words of the vocabulary,
    /// in two segments (the second with deletes), from a small linear congruential generator.
    fn index(seed: u64, sessions: usize) -> (Index, Field, Field) {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = seed;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let u = ((state >> 33) as f64) / ((1u64 << 31) as f64);
            // Skewed: low indexes far more often.
            ((u * u) * n as f64) as usize
        };
        let text = |len: usize, next: &mut dyn FnMut(usize) -> usize| {
            (0..len)
                .map(|_| VOCABULARY[next(VOCABULARY.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        for i in 0..sessions {
            let t = 1 + next(4);
            let n = next(30);
            writer
                .add_document(doc!(title => text(t, &mut next), body => text(n, &mut next)))
                .unwrap();
            if i == sessions / 2 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        writer.delete_term(Term::from_field_text(title, "vault"));
        writer.commit().unwrap();
        (index, title, body)
    }

    /// Each word's weight and its (tier, spelling)s.
    type Words<'a> = &'a [(Score, &'a [(usize, &'a str)])];

    /// The words as `prune` reads them, and the same query as `query.rs` builds it.
    fn query(words: Words, title: Field, body: Field) -> (Vec<Word>, Box<dyn Query>) {
        const BONUS: [Score; TIERS] = [1000.0, 900.0, 800.0, 700.0, 600.0];
        const WEIGHT: [Score; TIERS] = [0.1, 0.08, 0.06, 0.04, 0.03];
        let mut pruned = Vec::new();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (weight, tiers) in words {
            let bonus = BONUS.map(|b| b * weight);
            let mut word = Word {
                bonus: Some(bonus),
                tiers: Vec::new(),
            };
            let mut tiered: Vec<(usize, Box<dyn Query>)> = Vec::new();
            for &(tier, text) in *tiers {
                let fields = [(title, 4.0), (body, 1.0)];
                let terms: Vec<(Term, Score)> = fields
                    .iter()
                    .map(|&(f, boost)| (Term::from_field_text(f, text), boost))
                    .collect();
                let per_field: Vec<Box<dyn Query>> = terms
                    .iter()
                    .map(|(term, boost)| -> Box<dyn Query> {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                        if *boost == 1.0 {
                            q
                        } else {
                            Box::new(BoostQuery::new(q, *boost))
                        }
                    })
                    .collect();
                tiered.push((tier, Box::new(BooleanQuery::union(per_field))));
                word.tiers.push(Tier {
                    tier,
                    weight: WEIGHT[tier],
                    terms,
                });
            }
            clauses.push((
                Occur::Should,
                Box::new(TieredQuery::new(
                    tiered,
                    TierScores {
                        bonus: Some(bonus),
                        bm25: WEIGHT,
                    },
                )),
            ));
            pruned.push(word);
        }
        (pruned, Box::new(BooleanQuery::new(clauses)))
    }

    #[test]
    fn the_candidates_hold_the_top_k_of_the_whole_query_ties_included() {
        let queries: [Words; 4] = [
            &[(1.0, &[(0, "team"), (1, "teams"), (3, "steam"), (4, "tea")])],
            &[(1.0, &[(0, "kubernetes")]), (1.1, &[(0, "secrets"), (1, "secret")])],
            &[(1.0, &[(3, "teams"), (3, "steam")]), (1.05, &[(0, "mesh"), (4, "ops")])],
            &[(1.0, &[(0, "ops")])],
        ];
        for seed in [1, 7, 42, 99, 2024] {
            let (index, title, body) = index(seed, 600);
            let searcher = index.reader().unwrap().searcher();
            for words in queries {
                let (words, query) = query(words, title, body);
                for (k, threads) in [1, 3, 10, 26].into_iter().flat_map(|k| [(k, 1), (k, 2)]) {
                    let top = TopDocs::with_limit(k).order_by_score();
                    let all: Vec<(Score, DocAddress)> = searcher.search(&*query, &top).unwrap();
                    let stats = Stats::new(&searcher);
                    let candidates = select_on(&searcher, &stats, &words, k, threads).unwrap().unwrap();
                    let kept: usize = candidates.iter().map(Vec::len).sum();
                    let among = BooleanQuery::new(vec![
                        (Occur::Must, query.box_clone()),
                        (
                            Occur::Must,
                            Box::new(crate::search::chosen::Chosen::new(&searcher, candidates)),
                        ),
                    ]);
                    let pruned: Vec<(Score, DocAddress)> =
                        searcher.search_with_statistics_provider(&among, &top, &stats).unwrap();
                    assert_eq!(pruned, all, "seed {seed}, k {k}, {threads} threads, {kept} kept");
                }
            }
        }
    }

    #[test]
    fn a_common_word_keeps_few_candidates() {
        let (index, title, body) = index(3, 2000);
        let searcher = index.reader().unwrap().searcher();
        let (words, _) = query(&[(1.0, &[(0, "team"), (1, "teams")])], title, body);
        let (matches, _) = matches(&searcher, &words).unwrap();
        let candidates = select(&searcher, &Stats::new(&searcher), &words, 10).unwrap().unwrap();
        let kept: usize = candidates.iter().map(Vec::len).sum();
        assert!(matches > 1000, "{matches}");
        assert!(kept * 4 < matches, "{kept} of {matches} kept");
    }

    #[test]
    fn a_word_looked_for_in_a_field_no_session_fills_still_prunes() {
        // `room`: no session has one, so BM25 has no average length for it.
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let room = b.add_text_field("room", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..50 {
            writer.add_document(doc!(title => format!("team {i}"))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let words = [Word {
            bonus: Some([1000.0, 900.0, 800.0, 700.0, 600.0]),
            tiers: vec![Tier {
                tier: 0,
                weight: 0.1,
                terms: vec![
                    (Term::from_field_text(title, "team"), 4.0),
                    (Term::from_field_text(room, "team"), 1.5),
                ],
            }],
        }];
        let candidates = select(&searcher, &Stats::new(&searcher), &words, 3).unwrap();
        assert!(candidates.is_some_and(|c| !c[0].is_empty()));
    }

    #[test]
    fn term_list_scores_every_session_as_tantivys_term_query_does() {
        let (index, title, body) = index(11, 400);
        let searcher = index.reader().unwrap().searcher();
        let stats = Stats::new(&searcher);
        for (term, boost) in [
            (Term::from_field_text(title, "team"), 3.0),
            (Term::from_field_text(body, "secrets"), 1.0),
        ] {
            let bm25 = Bm25Weight::for_terms(&stats, std::slice::from_ref(&term))
                .unwrap()
                .boost_by(boost);
            let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            let weight = query
                .weight(tantivy::query::EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            let mut seen = 0;
            for segment in searcher.segment_readers() {
                let mut ours = TermList::open(segment, &term, &bm25).unwrap().unwrap();
                let mut theirs = weight.scorer(segment, boost).unwrap();
                while theirs.doc() != TERMINATED {
                    assert_eq!(ours.doc(), theirs.doc());
                    assert_eq!(
                        ours.score().to_bits(),
                        theirs.score().to_bits(),
                        "{term:?} at {}",
                        ours.doc()
                    );
                    seen += 1;
                    theirs.advance();
                    ours.advance();
                }
                assert_eq!(ours.doc(), TERMINATED);
                // Sought as the selection seeks it: the same session, the same score.
                let mut ours = TermList::open(segment, &term, &bm25).unwrap().unwrap();
                let mut theirs = weight.scorer(segment, boost).unwrap();
                let target = segment.max_doc() / 2;
                assert_eq!(ours.seek(target), theirs.seek(target));
                assert_ne!(ours.doc(), TERMINATED, "{term:?} past the middle of a segment");
                assert_eq!(ours.score().to_bits(), theirs.score().to_bits());
            }
            assert!(seen > 10, "{term:?} matched {seen} sessions");
        }
    }

    #[test]
    fn matches_counts_each_live_session_once() {
        let (index, title, body) = index(5, 300);
        let searcher = index.reader().unwrap().searcher();
        let (words, query) = query(
            &[(1.0, &[(0, "team"), (3, "steam")]), (1.0, &[(0, "mesh")])],
            title,
            body,
        );
        for threads in [1, 2] {
            let (n, sets) = matches_on(&searcher, &words, threads).unwrap();
            assert_eq!(n, searcher.search(&*query, &tantivy::collector::Count).unwrap());
            assert_eq!(sets.len(), searcher.segment_readers().len());
        }
    }
}
