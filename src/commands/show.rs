//! `confsearch show ID`: one session in full, with all its links.

use crate::exit::Exit;
use crate::output::{self, sanitise};
use crate::search::Engine;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub fn run(index_dir: &Path, id: &str, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit> {
    let engine = Engine::open(index_dir)?;
    let Some((hit, links)) = engine.show(id)? else {
        writeln!(
            err,
            "confsearch: no session with id {id:?} (ids are shown by `query --json` and `parse`)"
        )?;
        return Ok(Exit::NotFound);
    };
    if json {
        let mut value = serde_json::to_value(&hit)?;
        value["links"] = serde_json::to_value(&links)?;
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(Exit::Found);
    }
    writeln!(out, "{}", sanitise(&hit.title))?;
    if !hit.speakers.is_empty() {
        writeln!(out, "speakers:   {}", sanitise(&hit.speakers.join(", ")))?;
    }
    let rows = [
        ("kind", Some(hit.kind.clone())),
        ("when", Some(output::when(&hit)).filter(|w| !w.is_empty())),
        ("conference", hit.conference.clone()),
        (
            "room",
            hit.room.clone().map(|r| {
                if hit.attended == Some(true) {
                    format!("{r} (attended)")
                } else {
                    r
                }
            }),
        ),
        ("themes", Some(hit.themes.join(", ")).filter(|t| !t.is_empty())),
        ("tags", Some(hit.tags.join(", ")).filter(|t| !t.is_empty())),
        ("source", Some(format!("{}:{}", hit.source.path, hit.source.line))),
    ];
    for (k, v) in rows {
        if let Some(v) = v {
            writeln!(out, "{:<11} {}", format!("{k}:"), sanitise(&v))?;
        }
    }
    if !links.is_empty() {
        writeln!(out, "links:")?;
        for l in &links {
            writeln!(out, "  {}", sanitise(&l.url))?;
        }
    }
    if let Some(body) = &hit.body {
        writeln!(out)?;
        writeln!(out, "{}", sanitise(body))?;
    }
    Ok(Exit::Found)
}
