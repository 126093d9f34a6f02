//! Every JSON document confsearch prints goes through here, one per run, ending in a newline.
//!
//! serde_json wraps a failed write in its own error, whose `source()` skips the `io::Error`:
//! a closed pipe (`confsearch links --json | head -c1`) then looked like a real failure and
//! exited 2 with "Broken pipe". Turning the error back into the `io::Error` it carries keeps
//! the broken pipe visible to `lib.rs`, which ends quietly with exit 0.

use crate::notes::{Kind, Link, Origin, Session, Source};
use crate::search::{Hit, Snippet};
use serde::Serialize;
use std::io::{self, Write};

/// A session as `query` (each hit) and `show` print it: the fields of `docs/json.md` in its
/// order, what a hit adds where a hit has it. The one place that order is written: `parse`
/// prints the parser's `Session` as it is, in the parser's own order.
#[derive(Serialize)]
pub(crate) struct SessionJson<'a> {
    id: &'a str,
    /// A hit's; a shown session has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    title: &'a str,
    speakers: &'a [String],
    conference: Option<&'a str>,
    year: Option<i16>,
    #[serde(serialize_with = "crate::notes::date_as_string")]
    date: Option<jiff::civil::Date>,
    start: Option<&'a str>,
    end: Option<&'a str>,
    kind: Kind,
    from: Origin,
    room: Option<&'a str>,
    attended: Option<bool>,
    themes: &'a [String],
    tags: &'a [String],
    links: Vec<LinkJson<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    title_highlights: &'a [[usize; 2]],
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<&'a Snippet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second_snippet: Option<&'a Snippet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    source: &'a Source,
    /// The same talk noted in other files: their places (a `query` hit only).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    also: &'a [Source],
    /// The nearest sessions (`show` only): `{id, title, score}` each.
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<Vec<RelatedJson<'a>>>,
}

/// A related session as `show` lists it: enough to name it and follow it.
#[derive(Serialize)]
struct RelatedJson<'a> {
    id: &'a str,
    title: &'a str,
    score: f32,
}

/// A link: `{url, domain}` in a hit, `{url, text, domain}` (as written in the note) in `show`.
#[derive(Serialize)]
struct LinkJson<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    domain: &'a str,
}

impl<'a> SessionJson<'a> {
    /// A hit of `query`: the session without its body, its links without their text, and
    /// the score, highlights and snippets.
    pub(crate) fn hit(hit: &'a Hit) -> SessionJson<'a> {
        SessionJson {
            score: Some(hit.score),
            title_highlights: &hit.title_highlights,
            snippet: hit.snippet.as_ref(),
            second_snippet: hit.second_snippet.as_ref(),
            also: &hit.also,
            ..SessionJson::of(&hit.session, false)
        }
    }

    /// A session shown whole (`show`): its body, and its links with their text. The document
    /// `export` writes, and `show` with its related sessions added ([`SessionJson::related`]).
    pub(crate) fn shown(session: &'a Session) -> SessionJson<'a> {
        SessionJson {
            body: Some(&session.body),
            ..SessionJson::of(session, true)
        }
    }

    /// `show`'s session: with its nearest sessions.
    pub(crate) fn with_related(self, related: &'a [Hit]) -> SessionJson<'a> {
        SessionJson {
            related: Some(
                related
                    .iter()
                    .map(|h| RelatedJson {
                        id: &h.session.id,
                        title: &h.session.title,
                        score: h.score,
                    })
                    .collect(),
            ),
            ..self
        }
    }

    fn of(s: &'a Session, link_text: bool) -> SessionJson<'a> {
        SessionJson {
            id: &s.id,
            score: None,
            title: &s.title,
            speakers: &s.speakers,
            conference: s.conference.as_deref(),
            year: s.year,
            date: s.date,
            start: s.start.as_deref(),
            end: s.end.as_deref(),
            kind: s.kind,
            from: s.from,
            room: s.room.as_deref(),
            attended: s.attended,
            themes: &s.themes,
            tags: &s.tags,
            links: s
                .links
                .iter()
                .map(|l: &'a Link| LinkJson {
                    url: &l.url,
                    text: link_text.then_some(l.text.as_str()),
                    domain: &l.domain,
                })
                .collect(),
            title_highlights: &[],
            snippet: None,
            second_snippet: None,
            body: None,
            source: &s.source,
            also: &[],
            related: None,
        }
    }
}

/// `value` as compact JSON and a newline.
pub(crate) fn write<W: Write + ?Sized>(out: &mut W, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// `value` as indented JSON and a newline.
pub(crate) fn write_pretty<W: Write + ?Sized>(out: &mut W, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that has gone away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        let value = serde_json::json!({"links": ["https://example.com"]});
        for result in [write(&mut ClosedPipe, &value), write_pretty(&mut ClosedPipe, &value)] {
            assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        }
    }
}
