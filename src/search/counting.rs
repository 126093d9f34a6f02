//! A collector that counts every match while another collector (top k) runs, in the same
//! pass over the matches. tantivy's `(Count, TopDocs)` pair counts in a second pass.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

pub struct Counting<C>(pub C);

pub struct CountingSegment<S> {
    inner: S,
    count: usize,
}

impl<C: Collector> Collector for Counting<C> {
    type Fruit = (usize, C::Fruit);
    type Child = CountingSegment<C::Child>;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(CountingSegment {
            inner: self.0.for_segment(ord, segment)?,
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.0.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(usize, <C::Child as SegmentCollector>::Fruit)>,
    ) -> tantivy::Result<Self::Fruit> {
        let total = fruits.iter().map(|(n, _)| n).sum();
        let inner = self.0.merge_fruits(fruits.into_iter().map(|(_, f)| f).collect())?;
        Ok((total, inner))
    }
}

impl<S: SegmentCollector> SegmentCollector for CountingSegment<S> {
    type Fruit = (usize, S::Fruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        self.inner.collect(doc, score);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.count += docs.len();
        self.inner.collect_block(docs);
    }

    fn harvest(self) -> Self::Fruit {
        (self.count, self.inner.harvest())
    }
}
