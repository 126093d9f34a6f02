//! Searching the index: query text and filters → tantivy query → hits with snippets, facet
//! counts, links. Knows nothing of terminals or JSON; the printers in `output` do.

pub mod syntax;

use crate::index::{self, Fields};
use crate::notes::{Kind, Link};
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;
use syntax::{Atom, Clause, FieldName, Occur};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, Order, Searcher, TantivyDocument, Term};

/// A session matching every word ranks above one matching fewer, whatever BM25 says.
const WORD_BONUS: f32 = 1000.0;

/// Errors the user can fix: exit code 2 with the message.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("no index at {0}: run `confsearch index` first")]
    NoIndex(String),
    #[error("bad query: {0}")]
    Syntax(#[from] syntax::SyntaxError),
    #[error("bad query: it has no searchable words")]
    NoWords,
    #[error("bad filter: {0}")]
    Filter(String),
}

/// Filters: the same flag repeated is OR, different flags AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub years: Vec<(Option<u16>, Option<u16>)>,
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub conferences: Vec<String>,
    pub tags: Vec<String>,
    pub kinds: Vec<Kind>,
    pub since: Option<u64>,
    pub until: Option<u64>,
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Score,
    Date,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchRequest {
    pub text: Option<String>,
    pub filters: Filters,
    pub limit: usize,
    pub sort: SortBy,
    /// Count facets over every match (JSON output and `--facets`).
    pub facets: bool,
}

/// A snippet of the notes; highlights are byte ranges into `text`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub path: String,
    pub line: u64,
}

/// One session found, with what the printers show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub speakers: Vec<String>,
    pub conference: Option<String>,
    pub year: Option<u64>,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub kind: String,
    pub room: Option<String>,
    pub attended: Option<bool>,
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub links: Vec<LinkRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRef {
    pub url: String,
    pub domain: String,
}

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

pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
}

/// An open index, read from its last commit.
pub struct Engine {
    index: Index,
    searcher: Searcher,
    fields: Fields,
}

impl Engine {
    pub fn open(dir: &Path) -> Result<Engine> {
        if !index::exists(dir) {
            return Err(SearchError::NoIndex(dir.display().to_string()).into());
        }
        if index::version(dir) != Some(index::SCHEMA_VERSION) {
            anyhow::bail!(
                "the index at {} was written by another version of confsearch: run `confsearch index` to rebuild it",
                dir.display()
            );
        }
        let index = Index::open_in_dir(dir).with_context(|| format!("opening index {}", dir.display()))?;
        let reader = index.reader().context("reading the index")?;
        let searcher = reader.searcher();
        let (_, fields) = index::schema();
        Ok(Engine {
            index,
            searcher,
            fields,
        })
    }

    /// The ranked (or, without text or with `--sort date`, chronological) matches.
    pub fn search(&self, req: &SearchRequest) -> Result<Results> {
        let query = self.build(req)?;
        let total = self.searcher.search(&*query, &Count)?;
        let addresses: Vec<(f32, DocAddress)> = if req.text.is_some() && req.sort == SortBy::Score {
            self.searcher
                .search(&*query, &TopDocs::with_limit(req.limit.max(1)).order_by_score())?
        } else {
            self.searcher
                .search(
                    &*query,
                    &TopDocs::with_limit(req.limit.max(1)).order_by_fast_field::<u64>("sort", Order::Asc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect()
        };
        let addresses = &addresses[..addresses.len().min(req.limit)];
        let generator = match &req.text {
            Some(_) => {
                let mut g = SnippetGenerator::create(&self.searcher, &*query, self.fields.body)?;
                g.set_max_num_chars(220);
                Some(g)
            }
            None => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for &(score, addr) in addresses {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let mut hit = self.hit(&doc, score);
            let body = first(&doc, self.fields.body).unwrap_or_default();
            hit.snippet = Some(make_snippet(generator.as_ref(), &body));
            hits.push(hit);
        }
        // Counting facets is a pass over every match per facet: only when they are shown.
        let facets = if req.facets {
            self.facets(
                &*query,
                &["year", "speaker", "theme", "conference", "kind", "tag", "domain"],
            )?
        } else {
            FacetCounts::new()
        };
        Ok(Results { total, hits, facets })
    }

    /// Facet counts over the sessions matching `req` (text and filters).
    pub fn facet_counts(&self, req: &SearchRequest, names: &[&str]) -> Result<FacetCounts> {
        let query = self.build(req)?;
        self.facets(&*query, names)
    }

    fn facets(&self, query: &dyn Query, names: &[&str]) -> Result<FacetCounts> {
        let mut out = FacetCounts::new();
        for (name, field) in FACET_FIELDS.iter().filter(|(n, _)| names.contains(n)) {
            let mut collector = FacetCollector::for_field(*field);
            collector.add_facet(Facet::root());
            let counts = self.searcher.search(query, &collector)?;
            let values: BTreeMap<String, u64> = counts.get("/").map(|(f, c)| (facet_value(f), c)).collect();
            out.insert((*name).to_string(), values);
        }
        Ok(out)
    }

    /// Every matching session (no limit), for `links`.
    pub fn all_matches(&self, req: &SearchRequest) -> Result<Vec<Hit>> {
        let query = self.build(req)?;
        let total = self.searcher.search(&*query, &Count)?;
        let addresses = self.searcher.search(
            &*query,
            &TopDocs::with_limit(total.max(1)).order_by_fast_field::<u64>("sort", Order::Asc),
        )?;
        let mut hits = Vec::new();
        for (_, addr) in addresses {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            hits.push(self.hit(&doc, 0.0));
        }
        Ok(hits)
    }

    /// One session by id, with its whole body and links.
    pub fn show(&self, id: &str) -> Result<Option<(Hit, Vec<Link>)>> {
        let term = Term::from_field_text(self.fields.id, id);
        let found = self.searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, addr)) = found.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.searcher.doc(*addr)?;
        let mut hit = self.hit(&doc, 0.0);
        hit.body = first(&doc, self.fields.body);
        Ok(Some((hit, self.full_links(&doc))))
    }

    fn full_links(&self, doc: &TantivyDocument) -> Vec<Link> {
        first(doc, self.fields.links)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    }

    fn hit(&self, doc: &TantivyDocument, score: f32) -> Hit {
        let f = &self.fields;
        let links: Vec<Link> = self.full_links(doc);
        Hit {
            id: first(doc, f.id).unwrap_or_default(),
            score,
            title: first(doc, f.title).unwrap_or_default(),
            speakers: all(doc, f.speakers),
            conference: first(doc, f.conference),
            year: doc.get_first(f.year).and_then(|v| v.as_u64()),
            date: first(doc, f.date_text),
            start: first(doc, f.start),
            end: first(doc, f.end),
            kind: first(doc, f.kind).unwrap_or_default(),
            room: first(doc, f.room),
            attended: first(doc, f.attended).map(|a| a == "true"),
            themes: all(doc, f.themes),
            tags: all(doc, f.tags),
            links: links
                .into_iter()
                .map(|l| LinkRef {
                    url: l.url,
                    domain: l.domain,
                })
                .collect(),
            snippet: None,
            body: None,
            source: SourceRef {
                path: first(doc, f.path).unwrap_or_default(),
                line: doc.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(0),
            },
        }
    }

    /// The query: text clauses (each word worth a bonus, so more words matched ranks first)
    /// and filters (which do not change the score).
    fn build(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(tantivy::query::Occur, Box<dyn Query>)> = Vec::new();
        let mut has_positive = false;
        if let Some(text) = req.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let mut parsed = syntax::parse(text)?;
            // A pasted paragraph is read by its first words rather than refused.
            parsed.truncate(syntax::MAX_CLAUSES);
            let mut any_words = false;
            for clause in &parsed {
                let Some(q) = self.clause_query(clause)? else { continue };
                any_words = true;
                match clause.occur {
                    Occur::MustNot => clauses.push((tantivy::query::Occur::MustNot, q)),
                    occur => {
                        has_positive = true;
                        let ranked: Box<dyn Query> = Box::new(BooleanQuery::union(vec![
                            Box::new(ConstScoreQuery::new(q.box_clone(), WORD_BONUS)),
                            q,
                        ]));
                        let o = if occur == Occur::Must {
                            tantivy::query::Occur::Must
                        } else {
                            tantivy::query::Occur::Should
                        };
                        clauses.push((o, ranked));
                    }
                }
            }
            if !any_words {
                return Err(SearchError::NoWords.into());
            }
        }
        let filters = self.filter_queries(&req.filters)?;
        let has_filters = !filters.is_empty();
        for f in filters {
            clauses.push((tantivy::query::Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        if !has_positive {
            clauses.push((
                tantivy::query::Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        } else if has_filters {
            // With a Must filter, Should words become optional: require at least one.
            let words: Vec<Box<dyn Query>> = clauses
                .iter()
                .filter(|(o, _)| *o == tantivy::query::Occur::Should)
                .map(|(_, q)| q.box_clone())
                .collect();
            if !words.is_empty() {
                clauses.retain(|(o, _)| *o != tantivy::query::Occur::Should);
                clauses.push((tantivy::query::Occur::Must, Box::new(BooleanQuery::union(words))));
            }
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    fn clause_query(&self, clause: &Clause) -> Result<Option<Box<dyn Query>>> {
        let mut alternatives = Vec::new();
        for atom in &clause.alternatives {
            if let Some(q) = self.atom_query(atom)? {
                alternatives.push(q);
            }
        }
        Ok(match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Box::new(BooleanQuery::union(alternatives))),
        })
    }

    /// A word or phrase over the text fields, title weighing most.
    fn atom_query(&self, atom: &Atom) -> Result<Option<Box<dyn Query>>> {
        let f = &self.fields;
        let boosted: Vec<(tantivy::schema::Field, f32)> = match atom.field {
            None => vec![
                (f.title, 4.0),
                (f.speakers, 3.0),
                (f.tags, 2.0),
                (f.conference, 1.5),
                (f.room, 1.5),
                (f.body, 1.0),
            ],
            Some(FieldName::Title) => vec![(f.title, 1.0)],
            Some(FieldName::Speaker) => vec![(f.speakers, 1.0)],
            Some(FieldName::Tag) => vec![(f.tags, 1.0)],
            Some(FieldName::Conference) => vec![(f.conference, 1.0)],
            Some(FieldName::Room) => vec![(f.room, 1.0)],
            Some(FieldName::Body) => vec![(f.body, 1.0)],
        };
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in boosted {
            let terms = self.terms(field, &atom.text)?;
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.into_iter().next().expect("one term"),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            per_field.push(if boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            });
        }
        Ok(match per_field.len() {
            0 => None,
            1 => per_field.pop(),
            _ => Some(Box::new(BooleanQuery::union(per_field))),
        })
    }

    /// The terms the index holds for `text` in `field`: lower-cased, stemmed.
    fn terms(&self, field: tantivy::schema::Field, text: &str) -> Result<Vec<Term>> {
        let mut tokenizer = self.index.tokenizer_for_field(field)?;
        let mut stream = tokenizer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(Term::from_field_text(field, &token.text));
        }
        Ok(terms)
    }

    fn filter_queries(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>> {
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
            let known = self.facet_values("f_speaker")?;
            let mut qs = Vec::new();
            for wanted in &filters.speakers {
                for name in resolve_speaker(wanted, &known)? {
                    qs.push(facet_term(f.f_speaker, &name));
                }
            }
            out.push(any(qs));
        }
        if !filters.conferences.is_empty() {
            let known = self.facet_values("f_conference")?;
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
        let simple =
            |values: &[String], field: tantivy::schema::Field, norm: fn(&str) -> String| -> Option<Box<dyn Query>> {
                (!values.is_empty()).then(|| any(values.iter().map(|v| facet_term(field, &norm(v))).collect()))
            };
        out.extend(simple(&filters.themes, f.f_theme, |v| v.trim().to_lowercase()));
        out.extend(simple(&filters.tags, f.f_tag, |v| {
            v.trim().trim_start_matches('#').to_lowercase()
        }));
        out.extend(simple(&filters.domains, f.f_domain_match, |v| {
            let v = v.trim().to_lowercase();
            let v = v
                .split("://")
                .last()
                .unwrap_or(&v)
                .split('/')
                .next()
                .unwrap_or("")
                .to_string();
            v.strip_prefix("www.").unwrap_or(&v).to_string()
        }));
        if !filters.kinds.is_empty() {
            out.push(any(filters
                .kinds
                .iter()
                .map(|k| facet_term(f.f_kind, k.as_str()))
                .collect()));
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

    /// Every value of a facet field in the index.
    fn facet_values(&self, field: &str) -> Result<Vec<String>> {
        let mut collector = FacetCollector::for_field(field);
        collector.add_facet(Facet::root());
        let counts = self.searcher.search(&AllQuery, &collector)?;
        Ok(counts.get("/").map(|(f, _)| facet_value(f)).collect())
    }
}

fn facet_term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(field, &index::facet(value)),
        IndexRecordOption::Basic,
    ))
}

/// The value of a one-level facet, unescaped.
fn facet_value(f: &Facet) -> String {
    f.to_path().first().map(|s| s.to_string()).unwrap_or_default()
}

fn first(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

fn all(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// Lower case, accents removed: `Bréhault` → `brehault`.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// `--speaker mouat`: the speakers whose name is the text, or holds it as a whole word
/// (case and accents ignored). A part that names several people is an error that lists them.
pub fn resolve_speaker(wanted: &str, known: &[String]) -> Result<Vec<String>, SearchError> {
    let w = fold(wanted.trim());
    if w.is_empty() {
        return Err(SearchError::Filter("--speaker needs a name".into()));
    }
    if let Some(exact) = known.iter().find(|k| fold(k) == w) {
        return Ok(vec![exact.clone()]);
    }
    let wanted_words: Vec<&str> = w.split_whitespace().collect();
    let matches: Vec<String> = known
        .iter()
        .filter(|k| {
            let words: Vec<String> = fold(k)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
            wanted_words.iter().all(|ww| words.iter().any(|x| x == ww))
        })
        .cloned()
        .collect();
    match matches.len() {
        0 => Ok(Vec::new()),
        1 => Ok(matches),
        _ => Err(SearchError::Filter(format!(
            "--speaker {wanted:?} matches several speakers: {}; give more of the name",
            matches.join(", ")
        ))),
    }
}

fn make_snippet(generator: Option<&SnippetGenerator>, body: &str) -> Snippet {
    if let Some(g) = generator {
        let s = g.snippet(body);
        if !s.fragment().is_empty() {
            return Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
            };
        }
    }
    // No match in the notes (title or speaker matched): their beginning.
    let mut end = body.len().min(200);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    Snippet {
        text: body[..end].to_string(),
        highlights: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
