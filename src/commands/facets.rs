//! `confsearch facets [FIELD] [FILTERS]`: values and counts of one facet or all.

use crate::exit::Exit;
use crate::output;
use crate::search::{Engine, FACET_FIELDS, FacetCounts, SearchError, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// The facets asked for: `field` (`speaker` or `speakers`), or all of them.
pub fn names(field: Option<&str>) -> Result<Vec<&'static str>, SearchError> {
    Ok(match field {
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
    })
}

/// What `facets --json` prints (the web API's `/api/facets` too).
pub fn write_json(out: &mut dyn Write, counts: &FacetCounts) -> std::io::Result<()> {
    output::json::write(out, counts)
}

pub fn run(
    index_dir: &Path,
    field: Option<&str>,
    request: &SearchRequest,
    json: bool,
    color: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<Exit> {
    let names = names(field)?;
    let engine = Engine::open(index_dir)?;
    for unmatched in engine.unmatched_filters(&request.filters)? {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    let counts = engine.facet_counts(request, &names)?;
    let empty = counts.values().all(|v| v.is_empty());
    if json {
        write_json(out, &counts)?;
    } else if empty {
        // Every session has a kind: with all facets asked, none at all means no session.
        match field {
            Some(_) => writeln!(out, "No {} values match.", names.join(", "))?,
            None => writeln!(out, "No sessions match.")?,
        }
    } else {
        output::print_facets(out, &counts, &names, color)?;
    }
    Ok(if empty { Exit::NotFound } else { Exit::Found })
}
