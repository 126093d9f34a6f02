//! `facets`' output, and the facets under `query --facets`: each facet's values, most
//! frequent first, with their counts.

use super::{Out, TITLE};
use crate::search::FacetCounts;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The human output of `facets`: the facets `names`, or what matched nothing. `asked`: one
/// facet was named.
pub(crate) fn human(out: &mut Out, counts: &FacetCounts, names: &[&str], asked: bool) -> io::Result<()> {
    if counts.values().all(BTreeMap::is_empty) {
        // Every session has a kind: with all facets asked, none at all means no session.
        if asked {
            writeln!(out, "No {} values match.", names.join(", "))
        } else {
            writeln!(out, "No sessions match.")
        }
    } else {
        list(out, counts, names)
    }
}

/// Facet name → value → count, as one JSON object.
pub(crate) fn json(out: &mut Out, counts: &FacetCounts) -> io::Result<()> {
    super::json::write(out, counts)
}

/// Facet counts, most frequent first (years newest first).
pub(crate) fn list(out: &mut Out, facets: &FacetCounts, names: &[&str]) -> io::Result<()> {
    for name in names {
        let Some(values) = facets.get(*name) else { continue };
        out.paint(TITLE, name)?;
        writeln!(out)?;
        for (value, count) in sorted_facet(name, values) {
            writeln!(out, "  {count:>5}  {value}")?;
        }
    }
    Ok(())
}

/// Most frequent first, then by value; years newest first.
pub(crate) fn sorted_facet<'a>(name: &str, values: &'a BTreeMap<String, u64>) -> Vec<(&'a String, u64)> {
    let mut v: Vec<(&String, u64)> = values.iter().map(|(k, c)| (k, *c)).collect();
    if name == crate::search::FacetField::Year.name() {
        v.sort_by(|a, b| b.0.cmp(a.0));
    } else {
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    }
    v
}
