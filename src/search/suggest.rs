//! "Did you mean": when nothing matched, the query with each word the index does not know
//! replaced by the closest word it does (`expand::Lexicon::closest`), offered only if it finds
//! something.

use super::engine::Engine;
use super::expand::{self, Lexicon};
use super::plan::SearchRequest;
use anyhow::Result;
use tantivy::collector::Count;

impl Engine {
    /// When nothing matched: the query with each word the index does not know replaced by
    /// the closest word it does, if that query finds something.
    pub(super) fn suggest(&self, req: &SearchRequest, lexicon: &Lexicon) -> Result<Option<String>> {
        let Some(text) = req.text.as_deref() else {
            return Ok(None);
        };
        let mut suggestion = String::new();
        let mut last = 0;
        for w in expand::spanned_words(text) {
            // `title:` names a field, it is not a word to correct.
            if text[w.to..].starts_with(':') || lexicon.doc_freq(&w.word) > 0 {
                continue;
            }
            if let Some(better) = lexicon.closest(&w.word) {
                suggestion.push_str(&text[last..w.from]);
                suggestion.push_str(&better);
                last = w.to;
            }
        }
        if last == 0 {
            return Ok(None);
        }
        suggestion.push_str(&text[last..]);
        let probe = SearchRequest {
            text: Some(suggestion.clone()),
            limit: 1,
            facets: Vec::new(),
            ..req.clone()
        };
        let (query, positive) = self.build_parts(&probe, lexicon)?;
        if self.finds_nothing(lexicon, &*query, positive, &probe.filters) {
            return Ok(None);
        }
        Ok((self.searcher()?.search(&*query, &Count)? > 0).then_some(suggestion))
    }
}
