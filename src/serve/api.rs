//! The JSON API: each endpoint is a command's `--json`, byte for byte, for the same request.
//!
//! Parameters are read by `cli::parse_web` (the command line's own definition and checks),
//! the engine is asked as the command asks it, and the command's JSON writer prints into the
//! same sanitising writer stdout has. Bad input is a 400 with the command's exit-2 message.

use super::{JSON, Reply};
use crate::cli::{self, Request};
use crate::commands;
use crate::index;
use crate::output::sanitise::{Mode, Sanitised};
use crate::output::{self, Out, View};
use crate::search::syntax::SyntaxError;
use crate::search::{Engine, SearchError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The index as last opened, opened again when a new commit lands (`index --watch` beside).
pub(crate) struct Index {
    dir: PathBuf,
    /// The commit `engine` was opened on.
    stamp: Option<Vec<u8>>,
    engine: Option<Engine>,
    /// Where `show`'s `path:line` names are read from: as the command line would.
    view: View,
}

impl Index {
    /// Opens the index in `dir`; no index is an error, as for `query`.
    pub(crate) fn open(dir: &Path, view: View) -> anyhow::Result<Index> {
        let stamp = index::commit_stamp(dir);
        let engine = Engine::open(dir)?;
        Ok(Index {
            dir: dir.to_path_buf(),
            stamp,
            engine: Some(engine),
            view,
        })
    }

    /// The engine on the last commit: one `meta.json` read per request (tens of microseconds)
    /// tells whether another has landed since it was opened.
    fn engine(&mut self) -> anyhow::Result<&Engine> {
        let stamp = index::commit_stamp(&self.dir);
        if stamp != self.stamp || self.engine.is_none() {
            self.engine = None;
            self.engine = Some(Engine::open(&self.dir)?);
            self.stamp = stamp;
        }
        Ok(self.engine.as_ref().expect("opened above"))
    }

    /// Drops the engine (after a panic in it): the next request opens the index again.
    pub(crate) fn forget(&mut self) {
        self.engine = None;
    }
}

/// `/api/search?q=…&year=…`: `query --json`.
pub(crate) fn search(index: &mut Index, params: &[(String, String)]) -> Reply {
    let (request, offset) = match cli::parse_web("query", params) {
        Ok(Request::Query { request, offset, .. }) => (request, offset),
        Ok(other) => unreachable!("parse_web(\"query\") gave {other:?}"),
        Err(bad) => return Reply::error(400, &bad.0),
    };
    answer(index, |engine, out| {
        let results = commands::query::search(engine, &request, offset)?;
        output::query::json(out, request.text.as_deref(), &results)?;
        Ok(())
    })
}

/// `/api/facets?field=…&year=…`: `facets [FIELD] --json`.
pub(crate) fn facets(index: &mut Index, params: &[(String, String)]) -> Reply {
    let (field, request) = match cli::parse_web("facets", params) {
        Ok(Request::Facets { field, request, .. }) => (field, request),
        Ok(other) => unreachable!("parse_web(\"facets\") gave {other:?}"),
        Err(bad) => return Reply::error(400, &bad.0),
    };
    answer(index, |engine, out| {
        let names = commands::facets::names(field.as_deref())?;
        let counts = engine.facet_counts(&request, &names)?;
        output::facets::json(out, &counts)?;
        Ok(())
    })
}

/// `/api/links?q=…&domain=…`: `links --json`.
pub(crate) fn links(index: &mut Index, params: &[(String, String)]) -> Reply {
    let request = match cli::parse_web("links", params) {
        Ok(Request::Links { request, .. }) => request,
        Ok(other) => unreachable!("parse_web(\"links\") gave {other:?}"),
        Err(bad) => return Reply::error(400, &bad.0),
    };
    answer(index, |engine, out| {
        let list = commands::links::groups(engine, &request)?;
        output::links::json(out, &list)?;
        Ok(())
    })
}

/// `/api/sessions/ID`: `show ID --json`; the id percent-encoded as a whole or with its `/`s
/// as they are (its `#` must be `%23`, or the browser keeps it as the fragment).
pub(crate) fn session(index: &mut Index, encoded: &str) -> Reply {
    found_session(index, encoded, |engine, session, out| {
        let related = commands::show::nearest(engine, session)?;
        output::show::json(out, session, &related)?;
        Ok(())
    })
}

/// `/api/sessions/ID/related?limit=N`: `related ID --json` (ten unless `limit` says).
pub(crate) fn related(index: &mut Index, encoded: &str, params: &[(String, String)]) -> Reply {
    let mut limit = commands::related::DEFAULT_LIMIT;
    for (name, value) in params {
        match (name.as_str(), value.parse::<usize>()) {
            ("limit", Ok(n)) if value.bytes().all(|b| b.is_ascii_digit()) => limit = n,
            ("limit", _) => return Reply::error(400, &format!("invalid value {value:?} for `limit`: a number")),
            _ => return Reply::error(400, &format!("unknown parameter `{name}` (parameters: limit)")),
        }
    }
    found_session(index, encoded, |engine, session, out| {
        let hits = engine.related(&session.id, limit)?.unwrap_or_default();
        output::related::json(out, &session.id, &hits)?;
        Ok(())
    })
}

/// Runs `write` on the session `encoded` names (as `show` finds it); 404 with `show`'s
/// message when none.
fn found_session(
    index: &mut Index,
    encoded: &str,
    write: impl FnOnce(&Engine, &crate::notes::Session, &mut Out) -> anyhow::Result<()>,
) -> Reply {
    let Ok(id) = percent_encoding::percent_decode_str(encoded).decode_utf8() else {
        return Reply::error(400, "the session id is not UTF-8 once decoded");
    };
    if id.is_empty() {
        return Reply::error(404, "no session id: /api/sessions/ID (an id as `query` gives it)");
    }
    let view = index.view.clone();
    let mut found = true;
    let reply = answer(index, |engine, out| {
        match commands::show::find(engine, &view, &id)? {
            Some(session) => write(engine, &session, out)?,
            None => found = false,
        }
        Ok(())
    });
    if found {
        reply
    } else {
        let mut message = Vec::new();
        let _ = commands::show::not_found(&id, &mut message);
        let message = String::from_utf8_lossy(&message);
        Reply::error(404, message.trim().trim_start_matches("confsearch: "))
    }
}

/// Runs `write` on the current engine into a JSON body; its failure as a status: a query or
/// filter the user can fix 400, no index (or one to rebuild: another version's, a damaged
/// one) 503, anything else 500.
fn answer(index: &mut Index, write: impl FnOnce(&Engine, &mut Out) -> anyhow::Result<()>) -> Reply {
    let mut body = Vec::new();
    let result = index.engine().and_then(|engine| {
        let mut out = Sanitised::new(&mut body as &mut dyn Write, Mode::Json).without_colour();
        write(engine, &mut out)?;
        out.flush()?;
        Ok(())
    });
    match result {
        Ok(()) => Reply {
            status: 200,
            content_type: JSON,
            body,
            allow: None,
        },
        Err(e) => {
            let user = |c: &(dyn std::error::Error + 'static)| match c.downcast_ref::<SearchError>() {
                Some(SearchError::NoIndex(_) | SearchError::OtherVersion(_)) => Some(503),
                Some(_) => Some(400),
                None if index::is_damaged(c) => Some(503),
                None => c.is::<SyntaxError>().then_some(400),
            };
            let status = e.chain().find_map(user).unwrap_or(500);
            Reply::error(status, &format!("{e:#}"))
        }
    }
}
