//! `confsearch query [TEXT] [FILTERS]`: ranked sessions with snippets and facet counts;
//! `--limit 0` counts them only.

use crate::exit::Exit;
use crate::output;
use crate::output::Out;
use crate::search::{Engine, Results, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub(crate) struct QueryArgs {
    pub request: SearchRequest,
    pub json: bool,
    pub facets: bool,
    /// Sessions skipped before the `limit` shown.
    pub offset: usize,
}

/// The sessions `request` finds, the first `offset` of them skipped (`total` still counts
/// every match): the `limit` after them are asked for with the ones skipped, then dropped.
pub(crate) fn search(engine: &Engine, request: &SearchRequest, offset: usize) -> Result<Results> {
    if offset == 0 || request.limit == 0 {
        return engine.search(request);
    }
    let mut paged = request.clone();
    paged.limit = request.limit.saturating_add(offset);
    let mut results = engine.search(&paged)?;
    results.hits.drain(..offset.min(results.hits.len()));
    Ok(results)
}

/// Runs the query; a filter value that matches no session is said on `warn` with the
/// closest values (and in the JSON), and the query still runs.
pub(crate) fn run(
    index_dir: &Path,
    args: &QueryArgs,
    view: &output::View,
    out: &mut Out,
    warn: &mut dyn Write,
) -> Result<Exit> {
    let engine = Engine::open(index_dir)?;
    let results = search(&engine, &args.request, args.offset)?;
    for unmatched in &results.warnings {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    if args.json {
        output::query::json(out, args.request.text.as_deref(), &results)?;
    } else if args.request.limit == 0 && results.total > 0 {
        output::query::count(out, results.total)?;
    } else {
        output::query::human(out, &results, view, args.facets)?;
    }
    // The process ends after one query, and the kernel unmaps the index files then, at once:
    // dropping the searcher would unmap and free them one by one first.
    std::mem::forget(engine);
    Ok(if results.total == 0 {
        Exit::NotFound
    } else {
        Exit::Found
    })
}
