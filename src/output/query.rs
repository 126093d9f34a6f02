//! `query`'s output: a block per hit (title and speakers, what and when, the snippets with
//! their matches, where it is), the facets when asked; `--limit 0`'s count; the JSON document.

use super::json::{self, SessionJson};
use super::{DIM, MATCH, META, Out, TITLE, View, sanitise, when};
use crate::notes::Origin;
use crate::search::{FacetCounts, FacetField, Hit, Results};
use anstyle::Style;
use serde::Serialize;
use std::io::{self, Write};

/// The facets `--facets` lists under the hits (the only ones it counts).
pub(crate) const FACETS_SHOWN: [FacetField; 3] = [FacetField::Year, FacetField::Speaker, FacetField::Theme];

/// Human output of `query`: a block per hit, then the facets when asked.
pub(crate) fn human(out: &mut Out, results: &Results, view: &View, show_facets: bool) -> io::Result<()> {
    if results.total == 0 {
        match &results.suggestion {
            Some(s) => {
                write!(out, "No sessions match. Did you mean: ")?;
                out.paint(MATCH, s)?;
                writeln!(out)?;
            }
            None => writeln!(out, "No sessions match.")?,
        }
    }
    for hit in &results.hits {
        print_hit(out, hit, view)?;
    }
    let shown = results.hits.len();
    if results.total > shown {
        // A broad query's total is an estimate: said, with the way to the exact count.
        let line = if results.total_estimated {
            format!(
                "{shown} of about {} sessions shown (--limit N for more, --limit 0 for the exact count)",
                results.total
            )
        } else {
            format!("{shown} of {} sessions shown (--limit N for more)", results.total)
        };
        out.paint(DIM, &line)?;
        writeln!(out)?;
    }
    if show_facets {
        let shown = FACETS_SHOWN.map(FacetField::name);
        super::facets::list(out, &results.facets, &shown)?;
    }
    Ok(())
}

/// One hit: title and speakers, what and when, the snippets, then where it is and its id.
pub(super) fn print_hit(out: &mut Out, hit: &Hit, view: &View) -> io::Result<()> {
    let s = &hit.session;
    let title = sanitise(&s.title);
    let mut head = title.to_string();
    // Sanitising drops characters: highlights only hold when nothing was dropped.
    let mut highlights = if title.len() == s.title.len() {
        hit.title_highlights.clone()
    } else {
        Vec::new()
    };
    if !s.speakers.is_empty() {
        head.push_str(&format!(" — {}", sanitise(&s.speakers.join(", "))));
    }
    highlights.retain(|[a, b]| a < b && *b <= title.len());
    view.write_wrapped(out, &head, &highlights, TITLE, 0)?;
    let mut meta: Vec<String> = vec![s.kind.to_string()];
    // A talk of an official programme, not of the user's notes.
    if s.from == Origin::Schedule {
        meta[0].push_str(" [programme]");
    }
    let w = when(s);
    if !w.is_empty() {
        meta.push(w);
    }
    if let Some(c) = &s.conference {
        meta.push(sanitise(c).into_owned());
    }
    if let Some(r) = &s.room {
        meta.push(format!(
            "{}{}",
            sanitise(r),
            if s.attended == Some(true) { " (attended)" } else { "" }
        ));
    }
    if !s.themes.is_empty() {
        meta.push(s.themes.join(", "));
    }
    view.write_wrapped(out, &meta.join(" · "), &[], META, 2)?;
    for snippet in hit.snippet.iter().chain(&hit.second_snippet) {
        let text = sanitise(&snippet.text);
        if text.trim().is_empty() {
            continue;
        }
        let highlights = if text.len() == snippet.text.len() {
            snippet.highlights.clone()
        } else {
            Vec::new()
        };
        view.write_wrapped(out, &text, &highlights, Style::new(), 2)?;
    }
    let links = match s.links.len() {
        0 => String::new(),
        n => format!(" · {}", super::plural(n, "link", "links")),
    };
    // The same talk noted in other files: their places too.
    let also: String = hit
        .also
        .iter()
        .map(|a| format!(" · also {}:{}", sanitise(&view.path(&a.path)), a.line))
        .collect();
    let place = format!(
        "{}:{} · {}{links}{also}",
        sanitise(&view.path(&s.source.path)),
        s.source.line,
        sanitise(&s.id)
    );
    view.write_wrapped(out, &place, &[], DIM, 2)?;
    writeln!(out)
}

/// `--limit 0`: how many sessions match, as `rg -c` or `grep -c` would say it.
pub(crate) fn count(out: &mut Out, total: usize) -> io::Result<()> {
    writeln!(out, "{}.", super::plural(total, "session matches", "sessions match"))
}

#[derive(Serialize)]
struct QueryJson<'a> {
    query: Option<&'a str>,
    total: usize,
    hits: Vec<SessionJson<'a>>,
    facets: &'a FacetCounts,
    /// When nothing matched, the closest query that finds something (or null).
    suggestion: Option<&'a str>,
    /// What `query` says on stderr: left out when there is nothing to say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<WarningJson<'a>>,
}

/// A filter value that matches no session: the message `query` prints, and its parts.
#[derive(Serialize)]
struct WarningJson<'a> {
    message: String,
    flag: &'a str,
    value: &'a str,
    closest: &'a [String],
}

pub(crate) fn json(out: &mut Out, query: Option<&str>, results: &Results) -> io::Result<()> {
    json::write(
        out,
        &QueryJson {
            query,
            total: results.total,
            hits: results.hits.iter().map(SessionJson::hit).collect(),
            facets: &results.facets,
            suggestion: results.suggestion.as_deref(),
            warnings: results
                .warnings
                .iter()
                .map(|w| WarningJson {
                    message: w.to_string(),
                    flag: w.flag,
                    value: &w.value,
                    closest: &w.closest,
                })
                .collect(),
        },
    )
}
