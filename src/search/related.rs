//! Related sessions: the sessions most like one, by tantivy's `MoreLikeThisQuery` over its
//! title, notes, tags and themes. The session itself and its twins (the same talk noted in
//! another file, `dedup.rs`) are never among them; two notes of another talk show once.
//!
//! One more-like-this query per field, each with its own weight, rather than one over the
//! stored document: the document also holds the path (every session of the same file would
//! look related), the conference, the room and the year, which say where a talk was, not
//! what it was about.

use super::dedup;
use super::engine::Engine;
use super::facets::FacetCounter;
use super::hits::{self, Hit};
use crate::index::Fields;
use anyhow::Result;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// The weight of each field's words. A title word in common says most (titles are short and
/// name the subject), tags and themes are the author's and the taxonomy's own labels, and
/// the notes, long and chatty, weigh least.
const FIELD_BOOSTS: [(FieldName, f32); 4] = [
    (FieldName::Title, 2.0),
    (FieldName::Tags, 2.0),
    (FieldName::Themes, 3.0),
    (FieldName::Body, 1.0),
];

#[derive(Clone, Copy)]
enum FieldName {
    Title,
    Tags,
    Themes,
    Body,
}

/// A word must be in at least this many sessions, the session itself included: a word no
/// other session has relates it to nothing, and would only take the place of one that does.
const MIN_DOC_FREQUENCY: u64 = 2;
/// A word in more than this share of the sessions (`the`, `and`, `talk`) relates everything.
const MAX_DOC_SHARE: f64 = 0.2;
/// Below this many sessions the share would drop words shared by a handful: none dropped.
const MAX_DOC_SHARE_FROM: u64 = 50;
/// Notes mention many words once in passing; a word must come back to describe them. Titles,
/// tags and themes are short: a word there once is what they are about.
const MIN_BODY_TERM_FREQUENCY: usize = 2;
/// The words of each field kept, by tf-idf: enough for a talk's subject, few enough that
/// passing mentions do not outweigh it.
const MAX_QUERY_TERMS: usize = 20;
/// Words shorter than this (`a`, `of`, `to`, `k8`) say little.
const MIN_WORD_LENGTH: usize = 3;
/// English function words, which titles are full of (`So You Want To Run Your Own…`): a
/// talk is not like another for sharing `you` and `your`. Lucene's English stop set and the
/// pronouns and question words talk titles use; shorter words are dropped by length.
const STOP_WORDS: &[&str] = &[
    "and", "are", "but", "for", "into", "not", "such", "that", "the", "their", "then", "there", "these", "they",
    "this", "was", "will", "with", "you", "your", "yours", "our", "ours", "she", "her", "his", "him", "its", "them",
    "what", "which", "who", "why", "how", "when", "where", "does", "did", "can", "could", "should", "would", "have",
    "has", "had", "from", "about", "all", "any", "some", "more", "most", "just", "than", "too", "very", "also", "been",
    "being", "were", "out", "over", "own",
];

impl Engine {
    /// The `limit` sessions most like the session `id`, best first (equal scores by date, then
    /// id); `None` when no session has that id.
    pub fn related(&self, id: &str, limit: usize) -> Result<Option<Vec<Hit>>> {
        let searcher = self.searcher()?;
        let Some((seed, doc)) = self.address_of(searcher, id)? else {
            return Ok(None);
        };
        if limit == 0 {
            return Ok(Some(Vec::new()));
        }
        let Some(query) = self.more_like(searcher, &doc) else {
            return Ok(Some(Vec::new()));
        };
        // The session itself is among the matches (it has every word), kept so that its twins
        // are found as such; it and the hit standing for its talk are dropped after.
        let limit = limit.min(searcher.num_docs() as usize);
        let by_score = |limit| TopDocs::with_limit(limit).order_by_score();
        // No facets: a related list counts none.
        let no_facets: Option<FacetCounter> = None;
        let (_, top, twins, _) = dedup::top(true, searcher, &*query, &self.fields, limit + 1, by_score, no_facets)?;
        let seed_source = hits::session(&self.fields, &doc).source;
        let mut related: Vec<(u64, Hit)> = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let also = twins.also(addr);
            if addr == seed || also.contains(&seed_source) {
                continue;
            }
            let found: TantivyDocument = searcher.doc(addr)?;
            let session = hits::session(&self.fields, &found);
            let mut hit = Hit {
                session,
                score,
                title_highlights: Vec::new(),
                snippet: None,
                second_snippet: None,
                also,
            };
            // No words to highlight: a more-like-this query names none; the notes' beginning.
            super::snippets::highlight(None, &mut hit);
            related.push((crate::index::sort_key(&hit.session), hit));
        }
        related.sort_by(|(ka, a), (kb, b)| {
            b.score
                .total_cmp(&a.score)
                .then(ka.cmp(kb))
                .then_with(|| a.session.id.cmp(&b.session.id))
        });
        related.truncate(limit);
        Ok(Some(related.into_iter().map(|(_, hit)| hit).collect()))
    }

    /// The address and stored document of the session `id`.
    fn address_of(&self, searcher: &Searcher, id: &str) -> Result<Option<(DocAddress, TantivyDocument)>> {
        let path = id.rsplit_once('#').map_or(id, |(p, _)| p);
        let query = TermQuery::new(Term::from_field_text(self.fields.path, path), IndexRecordOption::Basic);
        let n = searcher.search(&query, &tantivy::collector::Count)?;
        for (_, addr) in searcher.search(&query, &TopDocs::with_limit(n.max(1)).order_by_score())? {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if hits::first(&doc, self.fields.id).as_deref() == Some(id) {
                return Ok(Some((addr, doc)));
            }
        }
        Ok(None)
    }

    /// The query for sessions like the stored `doc`: a more-like-this query per field, each
    /// weighted; `None` when the session has no text at all.
    fn more_like(&self, searcher: &Searcher, doc: &TantivyDocument) -> Option<Box<dyn Query>> {
        let sessions = searcher.num_docs();
        let max_doc_frequency = if sessions < MAX_DOC_SHARE_FROM {
            sessions
        } else {
            (sessions as f64 * MAX_DOC_SHARE) as u64
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (name, boost) in FIELD_BOOSTS {
            let field = self.field(name);
            let values: Vec<OwnedValue> = doc
                .get_all(field)
                .filter_map(|v| tantivy::schema::Value::as_str(&v).map(|s| OwnedValue::Str(s.to_string())))
                .collect();
            if values
                .iter()
                .all(|v| matches!(v, OwnedValue::Str(s) if s.trim().is_empty()))
            {
                continue;
            }
            let min_term_frequency = match name {
                FieldName::Body => MIN_BODY_TERM_FREQUENCY,
                _ => 1,
            };
            let query = MoreLikeThisQuery::builder()
                .with_min_doc_frequency(MIN_DOC_FREQUENCY)
                .with_max_doc_frequency(max_doc_frequency.max(MIN_DOC_FREQUENCY))
                .with_min_term_frequency(min_term_frequency)
                .with_max_query_terms(MAX_QUERY_TERMS)
                .with_min_word_length(MIN_WORD_LENGTH)
                .with_stop_words(STOP_WORDS.iter().map(|w| w.to_string()).collect())
                .with_boost_factor(1.0)
                .with_document_fields(vec![(field, values)]);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost))));
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    fn field(&self, name: FieldName) -> Field {
        let f: &Fields = &self.fields;
        match name {
            FieldName::Title => f.title,
            FieldName::Tags => f.tags,
            FieldName::Themes => f.themes,
            FieldName::Body => f.body,
        }
    }
}
