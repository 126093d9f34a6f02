//! Facets: counts of each value over the sessions matching a query (`--facets`, JSON,
//! `confsearch facets`), and the values the index holds (for filters and their "closest").

use super::engine::Engine;
use super::plan::SearchRequest;
use crate::index::{self, Fields, facet_value};
use anyhow::Result;
use std::collections::BTreeMap;
use tantivy::collector::FacetCollector;
use tantivy::query::Query;
use tantivy::schema::{Facet, Field};

/// Facet name → value → count, over every matching session.
pub(crate) type FacetCounts = BTreeMap<String, BTreeMap<String, u64>>;

/// A facet: sessions counted and filtered by one of their values. The one list of facets:
/// `confsearch facets`, `--facets`, the JSON counts and the filters' messages read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FacetField {
    Year,
    Speaker,
    Theme,
    Conference,
    Tag,
    Kind,
    Domain,
}

impl FacetField {
    /// Every facet, in the order `confsearch facets` lists them.
    pub(crate) const ALL: [FacetField; 7] = [
        FacetField::Year,
        FacetField::Speaker,
        FacetField::Theme,
        FacetField::Conference,
        FacetField::Tag,
        FacetField::Kind,
        FacetField::Domain,
    ];

    /// Its name on the command line and in the JSON counts: `speaker`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            FacetField::Year => "year",
            FacetField::Speaker => "speaker",
            FacetField::Theme => "theme",
            FacetField::Conference => "conference",
            FacetField::Tag => "tag",
            FacetField::Kind => "kind",
            FacetField::Domain => "domain",
        }
    }

    /// Its values, in messages: `speakers`.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            FacetField::Year => "years",
            FacetField::Speaker => "speakers",
            FacetField::Theme => "themes",
            FacetField::Conference => "conferences",
            FacetField::Tag => "tags",
            FacetField::Kind => "kinds",
            FacetField::Domain => "domains",
        }
    }

    /// The flag filtering on it: `--speaker`.
    pub(crate) fn flag(self) -> &'static str {
        match self {
            FacetField::Year => "--year",
            FacetField::Speaker => "--speaker",
            FacetField::Theme => "--theme",
            FacetField::Conference => "--conference",
            FacetField::Tag => "--tag",
            FacetField::Kind => "--kind",
            FacetField::Domain => "--domain",
        }
    }

    /// The facet a user names, by its name or its plural, in any case: `Speakers`.
    pub(crate) fn parse(name: &str) -> Option<FacetField> {
        let name = name.trim().to_lowercase();
        FacetField::ALL
            .into_iter()
            .find(|f| f.name() == name || f.plural() == name)
    }

    /// The index field whose values are counted and listed.
    pub(crate) fn field(self, f: &Fields) -> Field {
        match self {
            FacetField::Year => f.f_year,
            FacetField::Speaker => f.f_speaker,
            FacetField::Theme => f.f_theme,
            FacetField::Conference => f.f_conference,
            FacetField::Tag => f.f_tag,
            FacetField::Kind => f.f_kind,
            FacetField::Domain => f.f_domain,
        }
    }

    /// The index field a filter matches: for a domain, the one that also holds every parent
    /// domain (`--domain youtube.com` finds `m.youtube.com`).
    pub(crate) fn filter_field(self, f: &Fields) -> Field {
        match self {
            FacetField::Domain => f.f_domain_match,
            other => other.field(f),
        }
    }

    /// A filter value as the facet holds it: `--theme Security` → `security`, `--tag '#Vault'`
    /// → `vault`, `--domain https://www.example.org/x` → `example.org`; the other facets'
    /// values as written, trimmed (speakers and conferences are matched by `filters.rs`).
    pub(crate) fn value(self, v: &str) -> String {
        match self {
            FacetField::Theme => v.trim().to_lowercase(),
            FacetField::Tag => crate::notes::normalise_tag(v),
            FacetField::Domain => crate::notes::links::domain_of(v),
            FacetField::Year | FacetField::Speaker | FacetField::Conference | FacetField::Kind => v.trim().to_string(),
        }
    }
}

impl Engine {
    /// Facet counts over the sessions matching `req` (text and filters), of the facets named
    /// (by [`FacetField::name`]; other names count nothing).
    pub fn facet_counts(&self, req: &SearchRequest, names: &[&str]) -> Result<FacetCounts> {
        let query = self.build(req)?;
        let facets: Vec<FacetField> = FacetField::ALL
            .into_iter()
            .filter(|f| names.contains(&f.name()))
            .collect();
        let twins = super::dedup::Twins::find(req.matching.dedup, self.searcher()?, &*query, &self.fields)?;
        self.facets(&*twins.excluding(query), &facets)
    }

    /// The counts of `facets` over the matches of `query`.
    pub(super) fn facets(&self, query: &dyn Query, facets: &[FacetField]) -> Result<FacetCounts> {
        let mut out = FacetCounts::new();
        for facet in facets {
            let mut collector = FacetCollector::for_field(Fields::name(facet.field(&self.fields)));
            collector.add_facet(Facet::root());
            let counts = self.searcher()?.search(query, &collector)?;
            let values: BTreeMap<String, u64> = counts.get("/").map(|(f, c)| (facet_value(f), c)).collect();
            out.insert(facet.name().to_string(), values);
        }
        Ok(out)
    }

    /// The values of a facet field, read from its term dictionaries: as many steps as there
    /// are values, where collecting them reads every session. A value whose sessions were all
    /// deleted stays listed until its segment is merged.
    pub(super) fn facet_terms(&self, field: Field) -> Result<Vec<String>> {
        let searcher = self.searcher()?;
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
    pub(super) fn facet_values(&self, field: Field) -> Result<Vec<String>> {
        Ok(index::facet_values(self.searcher()?, field)?)
    }
}

/// Every facet, each without a value: the counts of a query that finds nothing.
pub(super) fn none_shown() -> FacetCounts {
    FacetField::ALL
        .iter()
        .map(|f| (f.name().to_string(), BTreeMap::new()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_facet_counts_its_own_index_field() {
        let (_, fields) = crate::index::schema();
        for facet in FacetField::ALL {
            assert_eq!(Fields::name(facet.field(&fields)), format!("f_{}", facet.name()));
            assert_eq!(facet.flag(), format!("--{}", facet.name()));
        }
        assert_eq!(Fields::name(FacetField::Domain.filter_field(&fields)), "f_domain_match");
        assert_eq!(FacetField::Tag.filter_field(&fields), fields.f_tag);
    }

    #[test]
    fn facet_named_by_name_or_plural_in_any_case() {
        assert_eq!(FacetField::parse("speaker"), Some(FacetField::Speaker));
        assert_eq!(FacetField::parse(" Speakers "), Some(FacetField::Speaker));
        assert_eq!(FacetField::parse("CONFERENCES"), Some(FacetField::Conference));
        assert_eq!(FacetField::parse("speakerss"), None);
        for facet in FacetField::ALL {
            assert_eq!(FacetField::parse(facet.name()), Some(facet));
            assert_eq!(FacetField::parse(facet.plural()), Some(facet));
        }
    }

    #[test]
    fn tag_hash_vault_theme_security_domain_url_as_the_facets_hold_them() {
        assert_eq!(FacetField::Tag.value(" #Vault"), "vault");
        assert_eq!(FacetField::Theme.value("Security "), "security");
        assert_eq!(FacetField::Domain.value("https://www.Example.org/x"), "example.org");
        assert_eq!(FacetField::Domain.value("m.youtube.com"), "m.youtube.com");
        assert_eq!(FacetField::Speaker.value(" Adrian Mouat "), "Adrian Mouat");
    }
}
