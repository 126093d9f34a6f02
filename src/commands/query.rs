//! `confsearch query [TEXT] [FILTERS]`: ranked sessions with snippets and facet counts.

use crate::exit::Exit;
use crate::output;
use crate::search::{Engine, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub struct QueryArgs {
    pub request: SearchRequest,
    pub json: bool,
    pub facets: bool,
}

pub fn run(index_dir: &Path, args: &QueryArgs, view: &output::View, out: &mut dyn Write) -> Result<Exit> {
    let engine = Engine::open(index_dir)?;
    let results = engine.search(&args.request)?;
    if args.json {
        output::print_hits_json(out, args.request.text.as_deref(), &results)?;
    } else {
        output::print_hits(out, &results, view, args.facets)?;
    }
    Ok(if results.total == 0 {
        Exit::NotFound
    } else {
        Exit::Found
    })
}
