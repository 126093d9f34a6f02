//! Stored documents → `Hit`s: what a search returns and the printers show.

use super::facets::FacetCounts;
use super::filters::UnmatchedFilter;
use crate::index::Fields;
use crate::notes::{Kind, Link, Origin, Session, Source};
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::Value;

/// A snippet of the notes; highlights are byte ranges into `text`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// One session found: the session as the index stores it, and what the search adds around it.
/// How it is printed (the JSON field order of `docs/json.md`) is `output`'s business.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub session: Session,
    pub score: f32,
    /// Byte ranges of the title's words that matched.
    pub title_highlights: Vec<[usize; 2]>,
    pub snippet: Option<Snippet>,
    /// A second fragment, when the notes match far from the first.
    pub second_snippet: Option<Snippet>,
    /// The same talk noted in other files (`dedup.rs`): their places.
    pub also: Vec<Source>,
}

/// What a search found: the hits shown, how many matched, the facet counts, and what the
/// user is warned of.
pub struct Results {
    pub total: usize,
    /// Whether `total` is an estimate: a broad query ranked without visiting every match
    /// (`prune`) counts each note of a talk noted in several files, but for the hits shown.
    pub total_estimated: bool,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
    /// When nothing matched: the closest query the index can answer.
    pub suggestion: Option<String>,
    /// The filter values that match no session, each with the closest the index has: the
    /// query still ran, and an empty answer says why (`query` on stderr, the JSON's
    /// `warnings`, the page's notice).
    pub warnings: Vec<UnmatchedFilter>,
}

/// The session a stored document holds: every field `index::document` wrote, read back
/// as the parser's type (the conference as the index spells it).
pub(super) fn session(f: &Fields, doc: &TantivyDocument) -> Session {
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
    Session {
        id: first(doc, f.id).unwrap_or_default(),
        title: first(doc, f.title).unwrap_or_default(),
        speakers: all(doc, f.speakers),
        conference: first(doc, f.conference),
        year: number(f.year).and_then(|y| i16::try_from(y).ok()),
        date: first(doc, f.date_text).and_then(|d| d.parse().ok()),
        start: first(doc, f.start),
        end: first(doc, f.end),
        kind: first(doc, f.kind)
            .and_then(|k| Kind::parse(&k))
            .unwrap_or(Kind::Section),
        from: first(doc, f.from).and_then(|o| Origin::parse(&o)).unwrap_or_default(),
        room: first(doc, f.room),
        attended: first(doc, f.attended).map(|a| a == "true"),
        tags: all(doc, f.tags),
        themes: all(doc, f.themes),
        links: first(doc, f.links)
            .and_then(|j| serde_json::from_str::<Vec<Link>>(&j).ok())
            .unwrap_or_default(),
        filled: all(doc, f.filled),
        matched: first(doc, f.matched)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
        source: Source {
            path: first(doc, f.path).unwrap_or_default(),
            line: number(f.line).map_or(0, |l| l as usize),
        },
        body: first(doc, f.body).unwrap_or_default(),
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
