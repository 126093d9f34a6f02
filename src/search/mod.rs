//! Searching the index: query text and filters → tantivy query → hits with snippets, facet
//! counts, links. Knows nothing of terminals or JSON; the printers in `output` do.
//!
//! As in tantivy, the grammar, the logical query and the tantivy query are apart: `syntax`
//! parses the text, `plan` turns it into what each clause may match, tier by tier (as
//! typed, other forms, synonyms, typos, completions, from `expand`), and `query` lowers that
//! plan and the `filters` into one tantivy query. The `engine` runs it and hands the
//! matches to `hits` (stored documents → `Hit`s), `snippets`, `facets` and `suggest`; a broad
//! query is ranked by `prune` without scoring every match.

mod chosen;
mod counting;
mod dedup;
mod engine;
pub(crate) mod expand;
mod facets;
mod filters;
mod highlight;
mod hits;
mod joined;
mod plan;
mod prune;
mod query;
mod related;
mod segments;
mod snippets;
mod stream;
mod suggest;
mod synonyms;
pub mod syntax;
mod tiered;
mod typos;
mod year;

pub use engine::Engine;
pub(crate) use facets::FacetCounts;
pub use facets::FacetField;
pub use filters::Filters;
pub(crate) use filters::fold;
pub use hits::{Hit, Results, Snippet};
/// `tiered.rs` sizes its scores by the tiers of the plan.
use plan::TIERS;
pub use plan::{Matching, SearchRequest, SortBy};
pub(crate) use synonyms::pack as synonym_pack;

/// Errors the user can fix: exit code 2 with the message.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("no index at {0}: run `confsearch index` first")]
    NoIndex(String),
    #[error("the index at {0} was written by another version of confsearch: run `confsearch index` to rebuild it")]
    OtherVersion(String),
    #[error("bad query: {0}")]
    Syntax(#[from] syntax::SyntaxError),
    #[error("bad query: it has no searchable words")]
    NoWords,
    #[error("bad filter: {0}")]
    Filter(String),
}
