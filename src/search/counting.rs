//! A collector that counts every match while another collector (top k) runs, in the same
//! pass over the matches. tantivy's `(Count, TopDocs)` pair counts in a second pass.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

pub(super) struct Counting<C>(pub C);

pub(super) struct CountingSegment<S> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::{FAST, IndexRecordOption, STRING, Schema};
    use tantivy::{DocAddress, Index, Order, Term, doc};

    /// Sessions with a word and a `sort` key each, in one segment, in this order.
    fn index(sessions: &[(&str, u64)]) -> Index {
        let mut b = Schema::builder();
        let word = b.add_text_field("word", STRING);
        let sort = b.add_u64_field("sort", FAST);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (w, s) in sessions {
            writer.add_document(doc!(word => *w, sort => *s)).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    #[test]
    fn counts_every_match_and_keeps_the_top_k_in_one_pass() {
        let index = index(&[("vault", 5), ("kube", 1), ("vault", 3), ("vault", 4), ("vault", 2)]);
        let searcher = index.reader().unwrap().searcher();
        let field = index.schema().get_field("word").unwrap();
        let vault = TermQuery::new(Term::from_field_text(field, "vault"), IndexRecordOption::Basic);
        let top = TopDocs::with_limit(2).order_by_fast_field::<u64>("sort", Order::Asc);
        let (total, top) = searcher.search(&vault, &Counting(top)).unwrap();
        assert_eq!(total, 4);
        let sorts: Vec<Option<u64>> = top.iter().map(|(s, _)| *s).collect();
        assert_eq!(sorts, [Some(2), Some(3)]);
    }

    #[test]
    fn ties_are_all_counted_and_kept_in_the_order_of_the_documents() {
        let index = index(&[("a", 7), ("b", 1), ("c", 1), ("d", 1), ("e", 0)]);
        let searcher = index.reader().unwrap().searcher();
        let top = TopDocs::with_limit(3).order_by_fast_field::<u64>("sort", Order::Asc);
        // No scoring: the matches come a block at a time.
        let (total, top) = searcher.search(&AllQuery, &Counting(top)).unwrap();
        assert_eq!(total, 5);
        let kept: Vec<(Option<u64>, DocAddress)> = top;
        assert_eq!(
            kept,
            [
                (Some(0), DocAddress::new(0, 4)),
                (Some(1), DocAddress::new(0, 1)),
                (Some(1), DocAddress::new(0, 2)),
            ]
        );
    }
}
