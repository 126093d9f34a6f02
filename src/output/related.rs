//! `related`'s output: the sessions as `query` prints its hits, the JSON of `query --json`'s
//! hits under the id of the session they are like.

use super::json::{self, SessionJson};
use super::{Out, View};
use crate::search::Hit;
use serde::Serialize;
use std::io::{self, Write};

/// A block per related session, as `query` prints a hit.
pub(crate) fn human(out: &mut Out, hits: &[Hit], view: &View) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "No related sessions.");
    }
    for hit in hits {
        super::query::print_hit(out, hit, view)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    /// The session the hits are like.
    session: &'a str,
    hits: Vec<SessionJson<'a>>,
}

/// `{"session": ID, "hits": [hit…]}`, each hit as in `query --json`.
pub(crate) fn json(out: &mut Out, session: &str, hits: &[Hit]) -> io::Result<()> {
    json::write(
        out,
        &RelatedJson {
            session,
            hits: hits.iter().map(SessionJson::hit).collect(),
        },
    )
}
