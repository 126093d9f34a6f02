//! Facets: counts of each value over the sessions matching a query (`--facets`, JSON,
//! `confsearch facets`), and the values the index holds (for filters and their "closest").

use super::engine::Engine;
use super::plan::SearchRequest;
use anyhow::Result;
use std::collections::BTreeMap;
use tantivy::collector::FacetCollector;
use tantivy::query::{AllQuery, Query};
use tantivy::schema::Facet;

/// Facet name → value → count, over every matching session.
pub type FacetCounts = BTreeMap<String, BTreeMap<String, u64>>;

pub const FACET_FIELDS: [(&str, &str); 7] = [
    ("year", "f_year"),
    ("speaker", "f_speaker"),
    ("theme", "f_theme"),
    ("conference", "f_conference"),
    ("tag", "f_tag"),
    ("kind", "f_kind"),
    ("domain", "f_domain"),
];

/// The facets a query shows (`--facets`, JSON).
pub(super) const SHOWN_FACETS: [&str; 7] = ["year", "speaker", "theme", "conference", "kind", "tag", "domain"];

impl Engine {
    /// Facet counts over the sessions matching `req` (text and filters).
    pub fn facet_counts(&self, req: &SearchRequest, names: &[&str]) -> Result<FacetCounts> {
        let query = self.build(req)?;
        self.facets(&*query, names)
    }

    pub(super) fn facets(&self, query: &dyn Query, names: &[&str]) -> Result<FacetCounts> {
        let mut out = FacetCounts::new();
        for (name, field) in FACET_FIELDS.iter().filter(|(n, _)| names.contains(n)) {
            let mut collector = FacetCollector::for_field(*field);
            collector.add_facet(Facet::root());
            let counts = self.searcher()?.search(query, &collector)?;
            let values: BTreeMap<String, u64> = counts.get("/").map(|(f, c)| (facet_value(f), c)).collect();
            out.insert((*name).to_string(), values);
        }
        Ok(out)
    }

    /// The values of a facet field, read from its term dictionaries: as many steps as there
    /// are values, where collecting them reads every session. A value whose sessions were all
    /// deleted stays listed until its segment is merged.
    pub(super) fn facet_terms(&self, field: &str) -> Result<Vec<String>> {
        let searcher = self.searcher()?;
        let Ok(field) = searcher.schema().get_field(field) else {
            return Ok(Vec::new());
        };
        let mut values = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(field) else { continue };
            let Ok(mut stream) = inv.terms().stream() else { continue };
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                // The root is a term too: it has no value.
                let value = facet_value(&facet);
                if !value.is_empty() {
                    values.insert(value);
                }
            }
        }
        Ok(values.into_iter().collect())
    }

    /// Every value of a facet field in the index.
    pub(super) fn facet_values(&self, field: &str) -> Result<Vec<String>> {
        let mut collector = FacetCollector::for_field(field);
        collector.add_facet(Facet::root());
        let counts = self.searcher()?.search(&AllQuery, &collector)?;
        Ok(counts.get("/").map(|(f, _)| facet_value(f)).collect())
    }
}

/// The value of a one-level facet, unescaped.
pub(super) fn facet_value(f: &Facet) -> String {
    f.to_path().first().map(|s| s.to_string()).unwrap_or_default()
}

/// The facets shown, each without a value: the counts of a query that finds nothing.
pub(super) fn none_shown() -> FacetCounts {
    SHOWN_FACETS.iter().map(|n| (n.to_string(), BTreeMap::new())).collect()
}
