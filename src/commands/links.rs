//! `confsearch links [TEXT] [FILTERS]`: URLs cited in the matching sessions, grouped by
//! normalised URL, most cited first, each with the sessions that cite it.

use crate::exit::Exit;
use crate::output::sanitise;
use crate::search::{Engine, SearchRequest};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Citing {
    id: String,
    title: String,
}

/// One URL and the sessions citing it.
#[derive(Serialize)]
pub struct LinkGroup {
    url: String,
    domain: String,
    count: usize,
    sessions: Vec<Citing>,
}

pub fn run(
    index_dir: &Path,
    request: &SearchRequest,
    json: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<Exit> {
    let engine = Engine::open(index_dir)?;
    for unmatched in engine.unmatched_filters(&request.filters)? {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    let list = groups(&engine, request)?;
    if json {
        write_json(out, &list)?;
    } else if list.is_empty() {
        writeln!(out, "No links match.")?;
    } else {
        for g in &list {
            writeln!(out, "{:>3}  {}", g.count, sanitise(&g.url))?;
            for s in &g.sessions {
                writeln!(out, "       {}  {}", sanitise(&s.id), sanitise(&s.title))?;
            }
        }
    }
    Ok(if list.is_empty() { Exit::NotFound } else { Exit::Found })
}

/// What `links --json` prints (the web API's `/api/links` too).
pub fn write_json(out: &mut dyn Write, list: &[LinkGroup]) -> std::io::Result<()> {
    crate::output::json::write(out, &serde_json::json!({ "links": list }))
}

/// The links of the sessions `request` finds, one group per URL, most cited first.
pub fn groups(engine: &Engine, request: &SearchRequest) -> Result<Vec<LinkGroup>> {
    let hits = engine.all_matches(request)?;
    let wanted_domains: Vec<String> = request
        .filters
        .domains
        .iter()
        .map(|d| d.trim().to_lowercase().trim_start_matches("www.").to_string())
        .collect();
    let mut groups: BTreeMap<String, LinkGroup> = BTreeMap::new();
    for hit in &hits {
        for link in &hit.links {
            // With --domain, only the links of that domain (a session may cite others too).
            if !wanted_domains.is_empty()
                && !wanted_domains
                    .iter()
                    .any(|d| link.domain == *d || link.domain.ends_with(&format!(".{d}")))
            {
                continue;
            }
            let g = groups.entry(link.url.clone()).or_insert_with(|| LinkGroup {
                url: link.url.clone(),
                domain: link.domain.clone(),
                count: 0,
                sessions: Vec::new(),
            });
            // A hit's links come one after another: checking the last citing session is
            // enough, and stays linear when thousands of sessions cite one URL.
            if g.sessions.last().is_none_or(|s| s.id != hit.id) {
                g.count += 1;
                g.sessions.push(Citing {
                    id: hit.id.clone(),
                    title: hit.title.clone(),
                });
            }
        }
    }
    let mut list: Vec<LinkGroup> = groups.into_values().collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.url.cmp(&b.url)));
    Ok(list)
}
