//! `confsearch links [TEXT] [FILTERS]`: URLs cited in the matching sessions, grouped by
//! normalised URL, most cited first, each with the sessions that cite it.

use crate::exit::Exit;
use crate::notes::links;
use crate::output::links::{Citing, LinkGroup};
use crate::output::{self, Out};
use crate::search::{Engine, SearchRequest};
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub(crate) fn run(
    index_dir: &Path,
    request: &SearchRequest,
    json: bool,
    out: &mut Out,
    warn: &mut dyn Write,
) -> Result<Exit> {
    let engine = Engine::open(index_dir)?;
    for unmatched in engine.unmatched_filters(&request.filters)? {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    let list = groups(&engine, request)?;
    if json {
        output::links::json(out, &list)?;
    } else {
        output::links::human(out, &list)?;
    }
    Ok(if list.is_empty() { Exit::NotFound } else { Exit::Found })
}

/// The links of the sessions `request` finds, grouped by URL, most cited first (what `links`
/// prints, and the web API's `/api/links`).
pub(crate) fn groups(engine: &Engine, request: &SearchRequest) -> Result<Vec<LinkGroup>> {
    let sessions = engine.all_matches(request)?;
    let wanted_domains: Vec<String> = request.filters.domains.iter().map(|d| links::domain_of(d)).collect();
    let mut groups: BTreeMap<String, LinkGroup> = BTreeMap::new();
    for session in &sessions {
        for link in &session.links {
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
            // A session's links come one after another: checking the last citing session is
            // enough, and stays linear when thousands of sessions cite one URL.
            if g.sessions.last().is_none_or(|s| s.id != session.id) {
                g.count += 1;
                g.sessions.push(Citing {
                    id: session.id.clone(),
                    title: session.title.clone(),
                });
            }
        }
    }
    let mut list: Vec<LinkGroup> = groups.into_values().collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.url.cmp(&b.url)));
    Ok(list)
}
