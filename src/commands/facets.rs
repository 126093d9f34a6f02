//! `confsearch facets [FIELD] [FILTERS]`: values and counts of one facet or all.

use crate::exit::Exit;
use crate::output;
use crate::output::Out;
use crate::search::{Engine, FACET_FIELDS, SearchError, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub fn run(
    index_dir: &Path,
    field: Option<&str>,
    request: &SearchRequest,
    json: bool,
    out: &mut Out,
    warn: &mut dyn Write,
) -> Result<Exit> {
    let names: Vec<&str> = match field {
        Some(f) => {
            let f = f.trim().to_lowercase();
            let known = FACET_FIELDS
                .iter()
                .map(|(n, _)| *n)
                .find(|n| *n == f || format!("{n}s") == f);
            vec![known.ok_or_else(|| {
                SearchError::Filter(format!(
                    "unknown facet `{f}` (facets: {})",
                    FACET_FIELDS.map(|(n, _)| n).join(", ")
                ))
            })?]
        }
        None => FACET_FIELDS.iter().map(|(n, _)| *n).collect(),
    };
    let engine = Engine::open(index_dir)?;
    for unmatched in engine.unmatched_filters(&request.filters)? {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    let counts = engine.facet_counts(request, &names)?;
    let empty = counts.values().all(|v| v.is_empty());
    if json {
        output::facets::json(out, &counts)?;
    } else {
        output::facets::human(out, &counts, &names, field.is_some())?;
    }
    Ok(if empty { Exit::NotFound } else { Exit::Found })
}
