//! Filters (`--year`, `--speaker`, `--theme`, …): each a zero-score clause of the query; a
//! speaker named through the aliases, then by whole words, then within typos; a conference by
//! a part of its name. A value matching no session is reported with the closest values the
//! index has.

use super::SearchError;
use super::engine::Engine;
use super::facets::FacetField;
use super::typos;
use crate::config::SearchConfig;
use crate::index;
use crate::notes::Kind;
use anyhow::Result;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{BooleanQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

/// Filters: the same flag repeated is OR, different flags AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub years: Vec<(Option<u16>, Option<u16>)>,
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub conferences: Vec<String>,
    pub tags: Vec<String>,
    pub kinds: Vec<Kind>,
    /// `Some(true)`: only sessions the user took notes of (`--noted`); `Some(false)`: only talks
    /// of an official schedule that have none (`--not-noted`).
    pub noted: Option<bool>,
    pub since: Option<u64>,
    pub until: Option<u64>,
    pub domains: Vec<String>,
}

/// A filter value that matches no session of the index, with the closest values it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedFilter {
    /// The flag: `--theme`.
    pub flag: &'static str,
    pub value: String,
    /// Values of the index close to `value`, best first (at most three).
    pub closest: Vec<String>,
    /// What the index has instead, when nothing is close: `themes`.
    pub facet: &'static str,
    /// How many values of this facet the index has.
    pub known: usize,
}

impl std::fmt::Display for UnmatchedFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} matches no session", self.flag, self.value)?;
        if self.known == 0 {
            write!(f, " (no session has {})", self.facet)
        } else if self.closest.is_empty() {
            let name = self.flag.trim_start_matches('-');
            write!(f, " (`confsearch facets {name}` lists the {})", self.facet)
        } else {
            write!(f, "; closest: {}", self.closest.join(", "))
        }
    }
}

/// The values of `known` closest to `wanted`, best first: those starting with it, those
/// holding it, then those (or one of their words) within a few edits; case and accents
/// ignored. At most three.
pub(super) fn closest_values(wanted: &str, known: &[String]) -> Vec<String> {
    let w = fold(wanted.trim());
    let n = w.chars().count();
    if n == 0 {
        return Vec::new();
    }
    // One edit up to four letters (`kren` → `karen`, not `ben`), two up to eight, then a third.
    let budget = match n {
        0..=4 => 1,
        5..=8 => 2,
        _ => n / 3,
    };
    let mut ranked: Vec<(usize, usize, &String)> = known
        .iter()
        .filter_map(|k| {
            let kf = fold(k);
            if kf.starts_with(&w) {
                return Some((0, kf.len() - w.len(), k));
            }
            if kf.contains(&w) {
                return Some((1, kf.len() - w.len(), k));
            }
            let whole = typos::distance(&w, &kf);
            let word = kf
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .map(|x| typos::distance(&w, x))
                .min()
                .unwrap_or(whole);
            let d = whole.min(word);
            (d <= budget).then_some((2, d, k))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(3).map(|(_, _, k)| k.clone()).collect()
}

impl Engine {
    /// One clause per filter given, each matching any of its values; a speaker's ambiguous
    /// name is an error that lists the speakers it names.
    pub(super) fn filter_queries(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let any = |qs: Vec<Box<dyn Query>>| -> Box<dyn Query> { Box::new(BooleanQuery::union(qs)) };
        if !filters.years.is_empty() {
            let qs = filters
                .years
                .iter()
                .map(|(lo, hi)| -> Box<dyn Query> {
                    let b = |v: Option<u16>, inclusive: bool| match v {
                        Some(y) if inclusive => Bound::Included(Term::from_field_u64(f.year, y as u64)),
                        Some(y) => Bound::Excluded(Term::from_field_u64(f.year, y as u64)),
                        None => Bound::Unbounded,
                    };
                    Box::new(RangeQuery::new(b(*lo, true), b(*hi, true)))
                })
                .collect();
            out.push(any(qs));
        }
        if !filters.speakers.is_empty() {
            let known = self.facet_values(f.f_speaker)?;
            let mut qs = Vec::new();
            for wanted in &filters.speakers {
                let wanted = SearchConfig::canonical(&self.aliases, wanted).unwrap_or(wanted);
                for name in resolve_speaker(wanted, &known)? {
                    qs.push(facet_term(f.f_speaker, &name));
                }
            }
            out.push(any(qs));
        }
        if !filters.conferences.is_empty() {
            let known = self.facet_values(f.f_conference)?;
            let mut qs = Vec::new();
            for wanted in &filters.conferences {
                let w = fold(wanted);
                qs.extend(
                    known
                        .iter()
                        .filter(|k| fold(k).contains(&w))
                        .map(|k| facet_term(f.f_conference, k)),
                );
            }
            out.push(any(qs));
        }
        // Values matched as the facet holds them.
        let simple = |values: &[String], facet: FacetField| -> Option<Box<dyn Query>> {
            let field = facet.filter_field(f);
            (!values.is_empty()).then(|| any(values.iter().map(|v| facet_term(field, &facet.value(v))).collect()))
        };
        out.extend(simple(&filters.themes, FacetField::Theme));
        out.extend(simple(&filters.tags, FacetField::Tag));
        out.extend(simple(&filters.domains, FacetField::Domain));
        if !filters.kinds.is_empty() {
            out.push(any(filters
                .kinds
                .iter()
                .map(|k| facet_term(f.f_kind, k.as_str()))
                .collect()));
        }
        if let Some(noted) = filters.noted {
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.noted, if noted { "true" } else { "false" }),
                IndexRecordOption::Basic,
            )));
        }
        if filters.since.is_some() || filters.until.is_some() {
            let lo = filters
                .since
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.date, d)));
            let hi = filters
                .until
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.date, d)));
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        Ok(out)
    }

    /// The filter values that match no session at all (a typo, a name the notes spell
    /// otherwise), each with the closest values of the index: the query still runs, but
    /// an empty answer is never silent about why.
    pub fn unmatched_filters(&self, filters: &Filters) -> Result<Vec<UnmatchedFilter>> {
        let mut out = Vec::new();
        let mut check =
            |facet: FacetField, values: &[String], matches: &dyn Fn(&str, &[String]) -> bool| -> Result<()> {
                if values.is_empty() {
                    return Ok(());
                }
                let known = self.facet_terms(facet.filter_field(&self.fields))?;
                for v in values {
                    if !matches(v, &known) {
                        out.push(UnmatchedFilter {
                            flag: facet.flag(),
                            value: v.clone(),
                            closest: closest_values(v, &known),
                            facet: facet.plural(),
                            known: known.len(),
                        });
                    }
                }
                Ok(())
            };
        let aliases = &self.aliases;
        check(FacetField::Speaker, &filters.speakers, &|v, known| {
            let v = SearchConfig::canonical(aliases, v).unwrap_or(v);
            // Several speakers is an error of its own, reported when the query is built.
            resolve_speaker(v, known).map_or(true, |found| !found.is_empty())
        })?;
        check(FacetField::Theme, &filters.themes, &|v, known| {
            known.contains(&FacetField::Theme.value(v))
        })?;
        check(FacetField::Conference, &filters.conferences, &|v, known| {
            let w = fold(v);
            known.iter().any(|k| fold(k).contains(&w))
        })?;
        check(FacetField::Tag, &filters.tags, &|v, known| {
            known.contains(&FacetField::Tag.value(v))
        })?;
        check(FacetField::Domain, &filters.domains, &|v, known| {
            known.contains(&FacetField::Domain.value(v))
        })?;
        if !filters.years.is_empty() {
            let known: Vec<u16> = self
                .facet_terms(FacetField::Year.filter_field(&self.fields))?
                .iter()
                .filter_map(|y| y.parse().ok())
                .collect();
            for (lo, hi) in &filters.years {
                let within = |y: &u16| lo.is_none_or(|l| *y >= l) && hi.is_none_or(|h| *y <= h);
                if !known.iter().any(within) {
                    let wanted = lo.or(*hi).unwrap_or(0);
                    let mut near = known.clone();
                    near.sort_by_key(|y| (y.abs_diff(wanted), *y));
                    out.push(UnmatchedFilter {
                        flag: FacetField::Year.flag(),
                        value: match (lo, hi) {
                            (Some(l), Some(h)) if l == h => l.to_string(),
                            _ => format!(
                                "{}..{}",
                                lo.map(|y| y.to_string()).unwrap_or_default(),
                                hi.map(|y| y.to_string()).unwrap_or_default()
                            ),
                        },
                        closest: near.iter().take(3).map(u16::to_string).collect(),
                        facet: FacetField::Year.plural(),
                        known: known.len(),
                    });
                }
            }
        }
        Ok(out)
    }
}

fn facet_term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(field, &index::facet(value)),
        IndexRecordOption::Basic,
    ))
}

pub(crate) use crate::index::fold;

/// `--speaker mouat`: the speakers whose name is the text, or holds it as whole words (case
/// and accents ignored); failing that, the names whose words are within the typo budget of the
/// words given (`--speaker adrain mouta`). A part that names several people is an error that
/// lists them.
pub(super) fn resolve_speaker(wanted: &str, known: &[String]) -> Result<Vec<String>, SearchError> {
    let w = fold(wanted.trim());
    if w.is_empty() {
        return Err(SearchError::Filter("--speaker needs a name".into()));
    }
    if let Some(exact) = known.iter().find(|k| fold(k) == w) {
        return Ok(vec![exact.clone()]);
    }
    let wanted_words: Vec<&str> = w
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty())
        .collect();
    let name_words = |k: &String| -> Vec<String> {
        fold(k)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let matching = |close: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        known
            .iter()
            .filter(|k| {
                let words = name_words(k);
                wanted_words.iter().all(|ww| words.iter().any(|x| close(ww, x)))
            })
            .cloned()
            .collect()
    };
    let mut matches = matching(&|a, b| a == b);
    if matches.is_empty() {
        matches = matching(&|a, b| typos::distance(a, b) <= typos::typo_budget(a) as usize);
    }
    match matches.len() {
        0 => Ok(Vec::new()),
        1 => Ok(matches),
        _ => Err(SearchError::Filter(format!(
            "--speaker {wanted:?} matches several speakers: {}; give more of the name",
            matches.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn theme_securty_names_security() {
        let themes = names(&["security", "kubernetes", "observability", "secrets"]);
        assert_eq!(closest_values("securty", &themes), ["security"]);
        assert_eq!(closest_values("SEC", &themes), ["secrets", "security"]);
        assert!(closest_values("zzz", &themes).is_empty());
    }

    #[test]
    fn speaker_kren_names_karen() {
        let speakers = names(&["Karen Jones", "Kris Nova", "Adrian Mouat"]);
        assert_eq!(closest_values("kren", &speakers), ["Karen Jones"]);
        assert!(closest_values("ben", &names(&["Trey Hunner", "Kris Nova"])).is_empty());
        assert_eq!(closest_values("mouta", &speakers), ["Adrian Mouat"]);
    }

    #[test]
    fn unmatched_filter_says_what_to_do() {
        let u = UnmatchedFilter {
            flag: "--theme",
            value: "securty".into(),
            closest: names(&["security"]),
            facet: "themes",
            known: 4,
        };
        assert_eq!(
            u.to_string(),
            r#"--theme "securty" matches no session; closest: security"#
        );
        let none = UnmatchedFilter {
            closest: Vec::new(),
            ..u.clone()
        };
        assert!(none.to_string().contains("`confsearch facets theme`"));
        let empty = UnmatchedFilter { known: 0, ..none };
        assert!(empty.to_string().ends_with("(no session has themes)"));
    }

    #[test]
    fn speaker_part_case_and_accent_insensitive() {
        let known = vec![
            "Adrian Mouat".to_string(),
            "Eric Bréhault".to_string(),
            "Andy Burgin".into(),
            "Andy Hill".into(),
        ];
        assert_eq!(resolve_speaker("mouat", &known).unwrap(), ["Adrian Mouat"]);
        assert_eq!(resolve_speaker("BREHAULT", &known).unwrap(), ["Eric Bréhault"]);
        assert!(resolve_speaker("andy", &known).is_err());
        assert_eq!(resolve_speaker("andy burgin", &known).unwrap(), ["Andy Burgin"]);
        assert!(resolve_speaker("nobody", &known).unwrap().is_empty());
    }

    #[test]
    fn speaker_typo_within_budget() {
        let known = vec![
            "Adrian Mouat".to_string(),
            "Andy Burgin".to_string(),
            "Andy Hill".into(),
        ];
        assert_eq!(resolve_speaker("adrain", &known).unwrap(), ["Adrian Mouat"]);
        assert_eq!(resolve_speaker("Burgen", &known).unwrap(), ["Andy Burgin"]);
        // Four letters allow no typo.
        assert!(resolve_speaker("hull", &known).unwrap().is_empty());
    }
}
