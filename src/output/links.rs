//! `links`' output: each URL with how many sessions cite it, and those sessions.

use super::Out;
use serde::Serialize;
use std::io::{self, Write};

/// A session citing a URL.
#[derive(Debug, Serialize)]
pub(crate) struct Citing {
    pub id: String,
    pub title: String,
}

/// One normalised URL and the sessions citing it.
#[derive(Debug, Serialize)]
pub(crate) struct LinkGroup {
    pub url: String,
    pub domain: String,
    pub count: usize,
    pub sessions: Vec<Citing>,
}

/// A line per URL (its count first), a line under it per citing session; or what matched
/// nothing.
pub(crate) fn human(out: &mut Out, groups: &[LinkGroup]) -> io::Result<()> {
    if groups.is_empty() {
        return writeln!(out, "No links match.");
    }
    for g in groups {
        writeln!(out, "{:>3}  {}", g.count, g.url)?;
        for s in &g.sessions {
            writeln!(out, "       {}  {}", s.id, s.title)?;
        }
    }
    Ok(())
}

/// `{"links": [{url, domain, count, sessions: [{id, title}]}]}`.
pub(crate) fn json(out: &mut Out, groups: &[LinkGroup]) -> io::Result<()> {
    super::json::write(out, &serde_json::json!({ "links": groups }))
}
