//! Some sessions of each segment, as a query that matches exactly them and scores 0: with
//! another query as `Must`, the sessions it keeps keep that query's score (`prune`'s
//! candidates); as `MustNot`, the sessions it takes out (`dedup`'s twins not shown).

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::query::{BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{BitSet, DocId, Score, Searcher, SegmentReader};

#[derive(Debug, Clone)]
pub(super) struct Chosen(Arc<HashMap<SegmentId, Vec<DocId>>>);

impl Chosen {
    /// `docs` by segment ordinal, of `searcher`'s segments.
    pub(super) fn new(searcher: &Searcher, docs: Vec<Vec<DocId>>) -> Chosen {
        let by_segment = searcher
            .segment_readers()
            .iter()
            .zip(docs)
            .map(|(segment, docs)| (segment.segment_id(), docs))
            .collect();
        Chosen(Arc::new(by_segment))
    }

    /// `docs` by segment id.
    pub(super) fn by_segment(docs: HashMap<SegmentId, Vec<DocId>>) -> Chosen {
        Chosen(Arc::new(docs))
    }
}

impl Query for Chosen {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Chosen {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut set = BitSet::with_max_value(reader.max_doc());
        for &doc in self.0.get(&reader.segment_id()).into_iter().flatten() {
            set.insert(doc);
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), 0.0)))
    }

    fn explain(&self, _: &SegmentReader, _: DocId) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("one of the sessions chosen", 0.0))
    }
}
