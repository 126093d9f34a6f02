//! `confsearch show ID|PATH:LINE`: one session in full, with all its links.

use crate::exit::Exit;
use crate::notes::Session;
use crate::output::Out;
use crate::output::{self, View, sanitise};
use crate::paths::Locations;
use crate::search::{Engine, Hit};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub(crate) fn run(
    loc: &Locations,
    target: &str,
    json: bool,
    view: &View,
    out: &mut Out,
    err: &mut dyn Write,
) -> Result<Exit> {
    let engine = Engine::open(&loc.index)?;
    let Some(session) = find(&engine, view, target)? else {
        return not_found(target, err);
    };
    let related = nearest(&engine, &session)?;
    if json {
        output::show::json(out, &session, &related)?;
    } else {
        output::show::human(out, &session, &related, view)?;
    }
    Ok(Exit::Found)
}

/// How many related sessions `show` ends with.
pub(crate) const NEAREST: usize = 3;

/// The sessions `show` lists under a session: its [`NEAREST`] related ones.
pub(crate) fn nearest(engine: &Engine, session: &Session) -> Result<Vec<Hit>> {
    Ok(engine.related(&session.id, NEAREST)?.unwrap_or_default())
}

/// The session a user names: its id (`2019/notes.md#scaling-postgres`), or a place as a hit
/// prints it (`corpus/2019/notes.md:42`, relative to the current folder), or a path relative
/// to the notes folder, with or without `:LINE` (without: the file's first session).
pub(crate) fn find(engine: &Engine, view: &View, target: &str) -> Result<Option<Session>> {
    if let Some((path, slug)) = target.rsplit_once('#') {
        // The id as stored, or its path written from the current folder (`corpus/a.md#slug`).
        for rel in std::iter::once(path.to_string()).chain(candidates(path, view)) {
            if let Some(found) = engine.show(&format!("{rel}#{slug}"))? {
                return Ok(Some(found));
            }
        }
        return Ok(None);
    }
    let (path, line) = split_line(target);
    for rel in candidates(path, view) {
        if let Some(found) = engine.session_at(&rel, line)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Says no session is named `target`: exit 1.
pub(crate) fn not_found(target: &str, err: &mut dyn Write) -> Result<Exit> {
    writeln!(
        err,
        "confsearch: no session {:?} (give an id or a path:line as `query` prints them)",
        sanitise(target)
    )?;
    Ok(Exit::NotFound)
}

/// `notes.md:42` → (`notes.md`, 42); `notes.md:42:7` (line and column) too; no line is line 1.
fn split_line(target: &str) -> (&str, usize) {
    let number = |s: &str| s.parse::<usize>().ok().filter(|_| !s.is_empty());
    if let Some((rest, last)) = target.rsplit_once(':')
        && let Some(n) = number(last)
    {
        if let Some((path, line)) = rest.rsplit_once(':')
            && let Some(l) = number(line)
        {
            return (path, l);
        }
        return (rest, n);
    }
    (target, 1)
}

/// The paths, relative to the notes folder, that `path` may mean.
fn candidates(path: &str, view: &View) -> Vec<String> {
    let mut out = Vec::new();
    let as_seen = crate::paths::absolute(&view.cwd.join(path));
    if let Ok(rel) = as_seen.strip_prefix(view.corpus()) {
        out.push(crate::corpus::relative_path(Path::new(""), rel));
    }
    if Path::new(path).is_relative() {
        out.push(path.trim_start_matches("./").to_string());
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_as_printed() {
        assert_eq!(split_line("corpus/a.md:42"), ("corpus/a.md", 42));
        assert_eq!(split_line("a.md:42:7"), ("a.md", 42));
        assert_eq!(split_line("a.md"), ("a.md", 1));
        assert_eq!(split_line("c:/x.md"), ("c:/x.md", 1));
    }
}
