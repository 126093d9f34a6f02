//! The logical plan and the filters → one tantivy query: each clause a `TieredQuery` (the
//! bonus of the best tier a session meets plus weighted BM25, title weighing most), an
//! excluded clause as what it matches as typed or in another form, filters as zero-score
//! clauses.

use super::engine::Engine;
use super::expand::Lexicon;
use super::filters::Filters;
use super::plan::{Expression, Matching, Plan, SearchRequest, TIERS, Tiers};
use super::prune;
use super::syntax::{FieldName, Occur};
use super::tiered::{self, TierScores, TieredQuery};
use super::year;
use anyhow::Result;
use tantivy::Term;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

/// How a query word matched, best first: as typed, another form of it, a synonym, a typo,
/// a word it begins (the last word only: search as you type).
/// A session matching more words ranks first (each word is worth about 1000, whatever BM25
/// says); among those, words matched better rank first; BM25 orders the rest.
pub(super) const TIER_BONUS: [f32; TIERS] = [1000.0, 900.0, 800.0, 700.0, 600.0];
/// The weight of each tier in the BM25 part of the score.
const TIER_WEIGHT: [f32; TIERS] = [1.0, 0.8, 0.6, 0.4, 0.3];
/// BM25 scaled down under the bonuses, so it orders sessions within a tier and never across.
const BM25_SCALE: f32 = 0.1;

/// A query, whether it has words to find, and its words as `prune` ranks them.
pub(super) type Built = (Box<dyn Query>, bool, Option<Vec<prune::Word>>);

fn union(qs: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match qs.len() {
        0 => None,
        1 => qs.into_iter().next(),
        _ => Some(Box::new(BooleanQuery::union(qs))),
    }
}

impl Engine {
    /// The query: text clauses (each word worth a bonus, so more words matched ranks first)
    /// and filters (which do not change the score).
    pub(super) fn build(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        Ok(self.build_parts(req, &self.lexicon()?)?.0)
    }

    /// [`Engine::build`], looking words up in `lexicon`; also whether the query has words to
    /// find (without, it is every session less the excluded ones).
    pub(super) fn build_parts(&self, req: &SearchRequest, lexicon: &Lexicon) -> Result<(Box<dyn Query>, bool)> {
        let (query, positive, _) = self.build_words(req, lexicon)?;
        Ok((query, positive))
    }

    /// [`Engine::build_parts`], and the query's words as `prune` ranks them when it can (see
    /// [`Engine::pruned_words`]).
    pub(super) fn build_words(&self, req: &SearchRequest, lexicon: &Lexicon) -> Result<Built> {
        let plan = self.plan(req.text.as_deref(), req.matching, lexicon)?;
        let words = if req.filters == Filters::default() {
            self.pruned_words(&plan, req.matching)
        } else {
            None
        };
        let mut clauses = self.lower(&plan, req.matching);
        let has_positive = plan.has_positive();
        let filters = self.filter_queries(&req.filters)?;
        let has_filters = !filters.is_empty();
        for f in filters {
            clauses.push((tantivy::query::Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        if !has_positive {
            clauses.push((
                tantivy::query::Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        } else if has_filters {
            // With a Must filter, Should words become optional: require at least one.
            let words: Vec<Box<dyn Query>> = clauses
                .iter()
                .filter(|(o, _)| *o == tantivy::query::Occur::Should)
                .map(|(_, q)| q.box_clone())
                .collect();
            if !words.is_empty() {
                clauses.retain(|(o, _)| *o != tantivy::query::Occur::Should);
                clauses.push((tantivy::query::Occur::Must, Box::new(BooleanQuery::union(words))));
            }
        }
        Ok((Box::new(BooleanQuery::new(clauses)), has_positive, words))
    }

    /// The clauses of the plan as `prune` scores them, the same sum as [`Engine::lower`]'s
    /// query: each word's tiers, each tier's terms, each term in each of its fields with the
    /// field's boost. Only for a plan of plain words, each of which may match or not (no
    /// `+required` or `-excluded` word, no phrase, no year): `None` for any other.
    fn pruned_words(&self, plan: &Plan, m: Matching) -> Option<Vec<prune::Word>> {
        let scale = if m.word_bonus { BM25_SCALE } else { 1.0 };
        let weights = word_weights(plan, m);
        let mut words = Vec::with_capacity(plan.clauses.len());
        for (clause, weight) in plan.clauses.iter().zip(weights) {
            if clause.occur != Occur::Should || clause.tiers.year.is_some() {
                return None;
            }
            let mut tiers = Vec::new();
            for (tier, expressions) in clause.tiers.tiers.iter().enumerate() {
                let mut terms = Vec::new();
                for e in expressions {
                    match e.words.as_slice() {
                        [] => {}
                        [word] => {
                            for (field, boost) in self.boosted_fields(e.field) {
                                let boost = if m.boosts { boost } else { 1.0 };
                                terms.push((Term::from_field_text(field, word), boost));
                            }
                        }
                        _ => return None,
                    }
                }
                if !terms.is_empty() {
                    tiers.push(prune::Tier {
                        tier,
                        weight: TIER_WEIGHT[tier] * scale,
                        terms,
                    });
                }
            }
            words.push(prune::Word {
                bonus: m.word_bonus.then_some(TIER_BONUS.map(|b| b * weight)),
                tiers,
            });
        }
        Some(words)
    }

    /// The clauses of the plan as tantivy clauses.
    fn lower(&self, plan: &Plan, m: Matching) -> Vec<(tantivy::query::Occur, Box<dyn Query>)> {
        let mut clauses = Vec::new();
        // The scored clauses, weighed against each other: a rare word more than a common one,
        // a year least.
        let mut weights = word_weights(plan, m).into_iter();
        for clause in &plan.clauses {
            match clause.occur {
                Occur::MustNot => {
                    let literal = clause
                        .tiers
                        .literal()
                        .filter_map(|e| self.expression_query(e, m))
                        .collect();
                    if let Some(q) = union(literal) {
                        clauses.push((tantivy::query::Occur::MustNot, q));
                    }
                }
                occur => {
                    let o = if occur == Occur::Must {
                        tantivy::query::Occur::Must
                    } else {
                        tantivy::query::Occur::Should
                    };
                    clauses.push((o, self.ranked(&clause.tiers, m, weights.next().unwrap_or(1.0))));
                }
            }
        }
        clauses
    }

    /// The scored query of one clause: the bonus of the best tier matched (times the word's
    /// `weight`) plus weighted BM25.
    fn ranked(&self, tiers: &Tiers, m: Matching, weight: f32) -> Box<dyn Query> {
        let scale = if m.word_bonus { BM25_SCALE } else { 1.0 };
        let year = tiers.year;
        let tiers: Vec<(usize, Box<dyn Query>)> = tiers
            .tiers
            .iter()
            .enumerate()
            .filter_map(|(i, es)| {
                let mut qs: Vec<Box<dyn Query>> = es.iter().filter_map(|e| self.expression_query(e, m)).collect();
                if let Some(y) = year.filter(|_| i == 0) {
                    qs.push(year::sessions_of(self.fields.year, y));
                }
                union(qs).map(|q| (i, q))
            })
            .collect();
        Box::new(TieredQuery::new(
            tiers,
            TierScores {
                bonus: m.word_bonus.then_some(TIER_BONUS.map(|b| b * weight)),
                bm25: TIER_WEIGHT.map(|w| w * scale),
            },
        ))
    }

    /// One word or a phrase of words, over the fields of `field` (all, title weighing most).
    fn expression_query(&self, e: &Expression, m: Matching) -> Option<Box<dyn Query>> {
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in self.boosted_fields(e.field) {
            let terms: Vec<Term> = e.words.iter().map(|w| Term::from_field_text(field, w)).collect();
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.into_iter().next().expect("one term"),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            per_field.push(if boost == 1.0 || !m.boosts {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            });
        }
        match per_field.len() {
            0 => None,
            1 => per_field.pop(),
            _ => Some(Box::new(BooleanQuery::union(per_field))),
        }
    }

    /// The fields an expression is looked for in, each with its boost: every text field
    /// (title weighing most) without a field name.
    fn boosted_fields(&self, field: Option<FieldName>) -> Vec<(tantivy::schema::Field, f32)> {
        let f = &self.fields;
        match field {
            None => vec![
                (f.title, 4.0),
                (f.speakers, 3.0),
                (f.tags, 2.0),
                (f.conference, 1.5),
                (f.room, 1.5),
                (f.body, 1.0),
                // A video id or a domain finds the sessions citing it, below any word of the notes.
                (f.urls, 0.5),
            ],
            Some(FieldName::Title) => vec![(f.title, 1.0)],
            Some(FieldName::Speaker) => vec![(f.speakers, 1.0)],
            Some(FieldName::Tag) => vec![(f.tags, 1.0)],
            Some(FieldName::Conference) => vec![(f.conference, 1.0)],
            Some(FieldName::Room) => vec![(f.room, 1.0)],
            Some(FieldName::Body) => vec![(f.body, 1.0)],
        }
    }
}

/// The weight of each scored clause (not `-excluded`) of the plan, in order: a rare word
/// more than a common one, a year least.
fn word_weights(plan: &Plan, m: Matching) -> Vec<f32> {
    let scored: Vec<&Tiers> = plan
        .clauses
        .iter()
        .filter(|c| c.occur != Occur::MustNot)
        .map(|c| &c.tiers)
        .collect();
    if m.rarity {
        let dfs: Vec<Option<u64>> = scored
            .iter()
            .map(|t| if t.year.is_some() { None } else { t.doc_freq })
            .collect();
        tiered::rarity_weights(&dfs)
    } else {
        vec![1.0; scored.len()]
    }
}
