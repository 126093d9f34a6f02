//! Every match of a request, one session at a time, for `export`: the addresses of the
//! matches are collected (a few bytes each), and each session is read from the store only
//! when it is written, so no corpus is ever held whole in memory.

use super::engine::Engine;
use super::hits;
use super::plan::SearchRequest;
use crate::index::Fields;
use crate::notes::Session;
use anyhow::Result;
use tantivy::collector::{Count, TopDocs};
use tantivy::{Order, TantivyDocument};

impl Engine {
    /// Hands every session `req` matches to `each`, in date order (then as indexed), and
    /// returns how many there were. Twins are all there: an export is the data, not a page of
    /// hits. `each` failing (a closed pipe) stops the walk.
    pub fn for_each_match(&self, req: &SearchRequest, mut each: impl FnMut(Session) -> Result<()>) -> Result<usize> {
        let query = self.build(req)?;
        let searcher = self.searcher()?;
        let total = searcher.search(&*query, &Count)?;
        if total == 0 {
            return Ok(0);
        }
        let by_date = TopDocs::with_limit(total).order_by_fast_field::<u64>(Fields::name(self.fields.sort), Order::Asc);
        let mut addresses = searcher.search(&*query, &by_date)?;
        // Equal dates in the order the store holds them: blocks read once, in sequence.
        addresses.sort_by_key(|&(date, addr)| (date, addr.segment_ord, addr.doc_id));
        for (_, addr) in addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            each(hits::session(&self.fields, &doc))?;
        }
        Ok(total)
    }
}
