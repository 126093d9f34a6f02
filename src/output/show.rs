//! `show`'s output: one session in full, its fields as labelled rows, its links, its notes.

use super::json::{self, SessionJson};
use super::{Out, View, sanitise, when};
use crate::notes::{Origin, Session};
use crate::search::Hit;
use std::io::{self, Write};

/// The session as rows (`kind:`, `when:`, `source:`…), then its links, its notes text, and
/// the sessions nearest to it.
pub(crate) fn human(out: &mut Out, session: &Session, related: &[Hit], view: &View) -> io::Result<()> {
    writeln!(out, "{}", session.title)?;
    if !session.speakers.is_empty() {
        writeln!(out, "speakers:   {}", session.speakers.join(", "))?;
    }
    let room = session.room.as_ref().map(|r| {
        if session.attended == Some(true) {
            format!("{r} (attended)")
        } else {
            r.clone()
        }
    });
    let rows = [
        ("id", Some(session.id.clone())),
        ("kind", Some(session.kind.to_string())),
        // A talk of an official programme; a note session has no such row.
        (
            "from",
            (session.from == Origin::Schedule).then(|| "programme".to_string()),
        ),
        ("when", Some(when(session)).filter(|w| !w.is_empty())),
        ("conference", session.conference.clone()),
        ("room", room),
        ("themes", Some(session.themes.join(", ")).filter(|t| !t.is_empty())),
        ("tags", Some(session.tags.join(", ")).filter(|t| !t.is_empty())),
        (
            "source",
            Some(format!("{}:{}", view.path(&session.source.path), session.source.line)),
        ),
    ];
    for (k, v) in rows {
        if let Some(v) = v {
            writeln!(out, "{:<11} {v}", format!("{k}:"))?;
        }
    }
    if !session.links.is_empty() {
        writeln!(out, "links:")?;
        for l in &session.links {
            writeln!(out, "  {}", l.url)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", session.body)?;
    if !related.is_empty() {
        writeln!(out)?;
        writeln!(out, "Related:")?;
        for hit in related {
            let s = &hit.session;
            let speakers = match s.speakers.is_empty() {
                true => String::new(),
                false => format!(" — {}", sanitise(&s.speakers.join(", "))),
            };
            writeln!(out, "  {}{speakers} · {}", sanitise(&s.title), sanitise(&s.id))?;
        }
    }
    Ok(())
}

/// The session as one JSON object, in a `query` hit's order, with its body and its links'
/// text, then its nearest sessions (`related`).
pub(crate) fn json(out: &mut Out, session: &Session, related: &[Hit]) -> io::Result<()> {
    json::write(out, &SessionJson::shown(session).with_related(related))
}
