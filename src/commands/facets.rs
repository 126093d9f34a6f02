//! `confsearch facets [FIELD] [FILTERS]`: values and counts of one facet or all.

use crate::exit::Exit;
use crate::output;
use crate::output::Out;
use crate::search::{Engine, FacetField, SearchError, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// The facets asked for: `field` (`speaker` or `speakers`), or all of them.
pub(crate) fn names(field: Option<&str>) -> Result<Vec<&'static str>, SearchError> {
    Ok(match field {
        Some(f) => {
            let facet = FacetField::parse(f).ok_or_else(|| {
                SearchError::Filter(format!(
                    "unknown facet `{}` (facets: {})",
                    f.trim().to_lowercase(),
                    FacetField::ALL.map(FacetField::name).join(", ")
                ))
            })?;
            vec![facet.name()]
        }
        None => FacetField::ALL.map(FacetField::name).to_vec(),
    })
}

pub(crate) fn run(
    index_dir: &Path,
    field: Option<&str>,
    request: &SearchRequest,
    json: bool,
    out: &mut Out,
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
        output::facets::json(out, &counts)?;
    } else {
        output::facets::human(out, &counts, &names, field.is_some())?;
    }
    Ok(if empty { Exit::NotFound } else { Exit::Found })
}
