//! The clause of one query word, scored in one pass over its tiers (as typed, another form,
//! a synonym, a typo, a completion): the bonus of the best tier a session meets, plus each tier's BM25
//! weighted by how good a match it is. Built from tantivy's own queries, each read once (the
//! same with a constant-score and a boosted copy of each tier read every posting list twice).

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// How many tiers a word has (see `search::TIER_BONUS`).
pub const TIERS: usize = super::TIERS;

/// Per tier: the bonus a session gets for meeting it (none without the word bonus) and the
/// weight of its BM25.
#[derive(Debug, Clone, Copy)]
pub struct TierScores {
    pub bonus: Option<[Score; TIERS]>,
    pub bm25: [Score; TIERS],
}

#[derive(Debug)]
pub struct TieredQuery {
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
    pub fn new(tiers: Vec<(usize, Box<dyn Query>)>, scores: TierScores) -> TieredQuery {
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
