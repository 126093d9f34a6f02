//! The clause of one query word, scored in one pass over its tiers (as typed, another form,
//! a synonym, a typo, a completion): the bonus of the best tier a session meets, plus each tier's BM25
//! weighted by how good a match it is. Built from tantivy's own queries, each read once (the
//! same with a constant-score and a boosted copy of each tier read every posting list twice).

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// How many tiers a word has (see `search::TIER_BONUS`).
pub(super) const TIERS: usize = super::TIERS;

/// How much more the rarest word of a query weighs than the most common: its bonus is up to
/// 15% larger. Small enough that a session matching more words still ranks first (one word at
/// most 1000 × 1.15 = 1150, two words at least 700 + 600 = 1300, a typo and a completion),
/// large enough to order sessions matching as many words by which words they match.
pub(super) const RARITY: f32 = 0.15;

/// The weight of each query word's bonus, from how many sessions hold it (`None`: a clause
/// that weighs least whatever its frequency, a year): 1 for the most common word of the
/// query, up to `1 + RARITY` for a word held by one session, on a log scale between (as IDF
/// is): `1 + RARITY × ln(most / df) / ln(most)`. Relative to the query's own words, so a
/// one-word query ranks as before, and `secrets management` puts the sessions about secrets
/// (the rarer word) above those about release management.
pub(super) fn rarity_weights(doc_freqs: &[Option<u64>]) -> Vec<f32> {
    let most = doc_freqs.iter().flatten().copied().max().unwrap_or(0).max(1);
    if most <= 1 {
        return vec![1.0; doc_freqs.len()];
    }
    let scale = (most as f32).ln();
    doc_freqs
        .iter()
        .map(|df| match df {
            Some(df) => 1.0 + RARITY * ((most as f32) / (*df).max(1) as f32).ln() / scale,
            None => 1.0,
        })
        .collect()
}

/// Per tier: the bonus a session gets for meeting it (none without the word bonus) and the
/// weight of its BM25.
#[derive(Debug, Clone, Copy)]
pub(super) struct TierScores {
    pub bonus: Option<[Score; TIERS]>,
    pub bm25: [Score; TIERS],
}

#[derive(Debug)]
pub(super) struct TieredQuery {
    tiers: Vec<(usize, Box<dyn Query>)>,
    scores: TierScores,
}

impl Clone for TieredQuery {
    fn clone(&self) -> TieredQuery {
        TieredQuery {
            tiers: self.tiers.iter().map(|(t, q)| (*t, q.box_clone())).collect(),
            scores: self.scores,
        }
    }
}

impl TieredQuery {
    /// `tiers`: (tier index below [`TIERS`], the tier's query).
    pub(super) fn new(tiers: Vec<(usize, Box<dyn Query>)>, scores: TierScores) -> TieredQuery {
        TieredQuery { tiers, scores }
    }
}

impl Query for TieredQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .tiers
            .iter()
            .map(|(t, q)| Ok((*t, q.weight(enable_scoring)?)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(TieredWeight {
            weights,
            scores: self.scores,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, q) in &self.tiers {
            q.query_terms(visitor);
        }
    }
}

struct TieredWeight {
    weights: Vec<(usize, Box<dyn Weight>)>,
    scores: TierScores,
}

impl Weight for TieredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for (t, w) in &self.weights {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                scorers.push((*t, s));
            }
        }
        let doc = scorers.iter().map(|(_, s)| s.doc()).min().unwrap_or(TERMINATED);
        Ok(Box::new(TieredScorer {
            scorers,
            doc,
            scores: self.scores,
            boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("best tier bonus + weighted BM25", scorer.score()))
    }
}

struct TieredScorer {
    scorers: Vec<(usize, Box<dyn Scorer>)>,
    doc: DocId,
    scores: TierScores,
    boost: Score,
}

impl DocSet for TieredScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut next = TERMINATED;
        for (_, s) in &mut self.scorers {
            let d = if s.doc() == current { s.advance() } else { s.doc() };
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for (_, s) in &mut self.scorers {
            let d = if s.doc() < target { s.seek(target) } else { s.doc() };
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|(_, s)| s.size_hint()).max().unwrap_or(0)
    }
}

impl Scorer for TieredScorer {
    fn score(&mut self) -> Score {
        let mut best: Score = 0.0;
        let mut bm25: Score = 0.0;
        for (t, s) in &mut self.scorers {
            if s.doc() == self.doc {
                bm25 += self.scores.bm25[*t] * s.score();
                if let Some(bonus) = &self.scores.bonus {
                    best = best.max(bonus[*t]);
                }
            }
        }
        best * self.boost + bm25
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{DocAddress, Index, doc};

    /// One session per text, in this order, in one segment.
    fn index(texts: &[&str]) -> (Index, Field) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for t in texts {
            writer.add_document(doc!(body => *t)).unwrap();
        }
        writer.commit().unwrap();
        (index, body)
    }

    fn term(field: Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    /// The scores of the sessions the query finds, by session.
    fn scores(index: &Index, query: &TieredQuery) -> Vec<(u32, Score)> {
        let searcher = index.reader().unwrap().searcher();
        let mut found: Vec<(u32, Score)> = searcher
            .search(query, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, a): (Score, DocAddress)| (a.doc_id, score))
            .collect();
        found.sort_by_key(|(doc, _)| *doc);
        found
    }

    const BONUS: [Score; TIERS] = [1000.0, 900.0, 800.0, 700.0, 600.0];

    #[test]
    fn a_session_gets_the_bonus_of_the_best_tier_it_meets_not_the_sum() {
        let (index, body) = index(&["secrets", "secret", "secret secrets", "release"]);
        let query = TieredQuery::new(
            vec![(0, term(body, "secrets")), (1, term(body, "secret"))],
            TierScores {
                bonus: Some(BONUS),
                bm25: [0.0; TIERS],
            },
        );
        assert_eq!(scores(&index, &query), [(0, 1000.0), (1, 900.0), (2, 1000.0)]);
    }

    #[test]
    fn tiers_rank_as_typed_above_other_forms_above_typos() {
        let (index, body) = index(&["secert", "secret", "secrets"]);
        let query = TieredQuery::new(
            vec![
                (3, term(body, "secert")),
                (1, term(body, "secret")),
                (0, term(body, "secrets")),
            ],
            TierScores {
                bonus: Some(BONUS),
                bm25: [1.0, 0.8, 0.6, 0.4, 0.3],
            },
        );
        let found = scores(&index, &query);
        let (typo, form, typed) = (found[0].1, found[1].1, found[2].1);
        assert!(typed > form && form > typo, "{found:?}");
        // The BM25 part adds to the bonus, far below the gap between two tiers.
        assert!(typed > 1000.0 && typed < 1100.0, "{typed}");
    }

    #[test]
    fn without_the_word_bonus_a_session_scores_its_tiers_weighted_bm25() {
        let (index, body) = index(&["secrets", "secret secrets", "release"]);
        let only_bm25 = |weights: [Score; TIERS]| {
            TieredQuery::new(
                vec![(0, term(body, "secrets")), (1, term(body, "secret"))],
                TierScores {
                    bonus: None,
                    bm25: weights,
                },
            )
        };
        let typed_only = scores(&index, &only_bm25([1.0, 0.0, 0.0, 0.0, 0.0]));
        let both = scores(&index, &only_bm25([1.0, 1.0, 0.0, 0.0, 0.0]));
        // Session 1 meets both tiers: the second tier's BM25 adds to it; session 0's stays.
        assert_eq!(typed_only[0], both[0]);
        assert!(both[1].1 > typed_only[1].1, "{both:?} {typed_only:?}");
        assert!(typed_only.iter().all(|(_, s)| *s > 0.0 && *s < 10.0));
    }

    #[test]
    fn secrets_rarer_than_management_weighs_more() {
        let w = rarity_weights(&[Some(8), Some(30)]);
        assert!(w[0] > w[1], "{w:?}");
        assert_eq!(w[1], 1.0);
        assert!(w[0] <= 1.0 + RARITY);
    }

    #[test]
    fn one_word_or_equal_words_weigh_one() {
        assert_eq!(rarity_weights(&[Some(12)]), [1.0]);
        assert_eq!(rarity_weights(&[Some(5), Some(5)]), [1.0, 1.0]);
        assert_eq!(rarity_weights(&[Some(0), Some(1)]), [1.0, 1.0]);
        assert!(rarity_weights(&[]).is_empty());
    }

    #[test]
    fn a_year_weighs_least_and_a_word_held_once_most() {
        let w = rarity_weights(&[Some(1), None, Some(40)]);
        assert_eq!(w[1], 1.0);
        assert_eq!(w[2], 1.0);
        assert!((w[0] - (1.0 + RARITY)).abs() < 1e-6, "{w:?}");
    }

    #[test]
    fn more_words_matched_still_rank_first() {
        // The best one word can score against the least two words can.
        let best_one = super::super::query::TIER_BONUS[0] * (1.0 + RARITY);
        let least_two = super::super::query::TIER_BONUS[3] + super::super::query::TIER_BONUS[4];
        assert!(best_one + 100.0 < least_two);
    }
}
