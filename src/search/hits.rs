//! Stored documents → `Hit`s: what a search returns and the printers show.

use super::facets::FacetCounts;
use crate::index::Fields;
use crate::notes::Link;
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::Value;

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
    /// Byte ranges of the title's words that matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title_highlights: Vec<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
    /// A second fragment, when the notes match far from the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_snippet: Option<Snippet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRef {
    pub url: String,
    pub domain: String,
}

/// What a search found: the hits shown, how many matched, the facet counts.
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
    /// When nothing matched: the closest query the index can answer.
    pub suggestion: Option<String>,
}

/// A session with its whole body and every link.
pub(super) fn full(f: &Fields, doc: &TantivyDocument) -> (Hit, Vec<Link>) {
    let mut hit = Hit::from_doc(f, doc, 0.0);
    hit.body = first(doc, f.body);
    (hit, full_links(f, doc))
}

/// The session's links, stored as JSON.
fn full_links(f: &Fields, doc: &TantivyDocument) -> Vec<Link> {
    first(doc, f.links)
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

impl Hit {
    /// The hit of a stored session, without snippets or body.
    pub(super) fn from_doc(f: &Fields, doc: &TantivyDocument, score: f32) -> Hit {
        let links: Vec<Link> = full_links(f, doc);
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
            title_highlights: Vec::new(),
            snippet: None,
            second_snippet: None,
            body: None,
            source: SourceRef {
                path: first(doc, f.path).unwrap_or_default(),
                line: doc.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(0),
            },
        }
    }
}

pub(super) fn first(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

fn all(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}
