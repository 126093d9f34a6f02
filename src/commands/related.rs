//! `confsearch related ID|PATH:LINE`: the sessions most like one (`search::Engine::related`).

use crate::exit::Exit;
use crate::output::{self, Out, View};
use crate::paths::Locations;
use crate::search::Engine;
use anyhow::Result;
use std::io::Write;

/// How many related sessions are shown unless `--limit` says.
pub(crate) const DEFAULT_LIMIT: usize = 10;

/// `related`'s arguments.
pub(crate) struct RelatedArgs<'a> {
    /// The session, as `show` takes it.
    pub(crate) target: &'a str,
    pub(crate) limit: usize,
    pub(crate) json: bool,
}

/// Prints the sessions like `args.target`: exit 0 with some, 1 with none; a target that names
/// no session is said as `show` says it (exit 1).
pub(crate) fn run(
    loc: &Locations,
    args: &RelatedArgs,
    view: &View,
    out: &mut Out,
    err: &mut dyn Write,
) -> Result<Exit> {
    let engine = Engine::open(&loc.index)?;
    let Some(session) = super::show::find(&engine, view, args.target)? else {
        return super::show::not_found(args.target, err);
    };
    let hits = engine.related(&session.id, args.limit)?.unwrap_or_default();
    if args.json {
        output::related::json(out, &session.id, &hits)?;
    } else {
        output::related::human(out, &hits, view)?;
    }
    Ok(if hits.is_empty() { Exit::NotFound } else { Exit::Found })
}
