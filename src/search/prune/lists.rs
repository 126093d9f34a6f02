//! A term's postings in a segment as the selection walks them, and the BM25 statistics of a
//! query read once.

use std::cell::RefCell;
use std::collections::HashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

/// BM25 statistics read once per field and term: every term query of a query asks for its
/// field's token count, which tantivy sums over the segments each time.
pub(in crate::search) struct Stats<'a> {
    searcher: &'a Searcher,
    tokens: RefCell<HashMap<Field, u64>>,
    doc_freqs: RefCell<HashMap<Term, u64>>,
}

impl<'a> Stats<'a> {
    pub(in crate::search) fn new(searcher: &'a Searcher) -> Stats<'a> {
        Stats {
            searcher,
            tokens: RefCell::default(),
            doc_freqs: RefCell::default(),
        }
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.borrow().get(&field) {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        self.tokens.borrow_mut().insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.borrow().get(term) {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::doc_freq(self.searcher, term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}

/// One term's postings in one segment, scored as tantivy's `TermScorer` scores them (its BM25
/// of the term frequency and the session's length in the field, boosted as `query.rs` boosts
/// the field): the same arithmetic, called directly where a boxed scorer made a virtual call
/// for every document and list (10–14 % of a broad query at 100 MB and 1 GB: BENCHMARKS.md,
/// "Queries, sixth round").
pub(super) struct TermList {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl TermList {
    /// `None` when the segment does not hold the term.
    pub(super) fn open(segment: &SegmentReader, term: &Term, bm25: &Bm25Weight) -> tantivy::Result<Option<TermList>> {
        let field = term.field();
        let index = segment.inverted_index(field)?;
        let Some(info) = index.get_term_info(term)? else {
            return Ok(None);
        };
        let postings = index.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        if postings.doc() == TERMINATED {
            return Ok(None);
        }
        // A field without lengths scores every session as tantivy does: length 1.
        let norms = match segment.fieldnorms_readers().get_field(field)? {
            Some(norms) => norms,
            None => FieldNormReader::constant(segment.max_doc(), 1),
        };
        Ok(Some(TermList {
            postings,
            norms,
            bm25: bm25.clone(),
        }))
    }

    #[inline]
    pub(super) fn doc(&self) -> DocId {
        self.postings.doc()
    }

    #[inline]
    pub(super) fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    pub(super) fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    pub(super) fn score(&self) -> Score {
        let doc = self.postings.doc();
        self.bm25.score(self.norms.fieldnorm_id(doc), self.postings.term_freq())
    }
}
