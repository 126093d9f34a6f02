//! Printing: what reaches a terminal is sanitised so a note cannot inject escape sequences.

/// Replaces control characters (escape sequences, carriage returns…) with nothing.
pub fn sanitise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        std::borrow::Cow::Owned(
            text.chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

use crate::search::{FacetCounts, Hit, Results};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::io::{self, Write};

/// When to colour: `--color auto` colours a terminal unless `NO_COLOR` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        }
    }
}

struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{}{}{}", style.render(), text, style.render_reset())
        } else {
            text.to_string()
        }
    }
}

const TITLE: Style = Style::new().bold();
const META: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
const MATCH: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const DIM: Style = Style::new().dimmed();

/// `2019-10-17 16:15–16:45`, `2019`, or nothing.
pub fn when(hit: &Hit) -> String {
    let day = hit.date.clone().or(hit.year.map(|y| y.to_string()));
    let slot = match (&hit.start, &hit.end) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.clone()),
        _ => None,
    };
    [day, slot].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// Human output of `query`: a block per hit, then the facets when asked.
pub fn print_hits(out: &mut dyn Write, results: &Results, color: bool, show_facets: bool) -> io::Result<()> {
    let p = Paint { on: color };
    if results.total == 0 {
        match &results.suggestion {
            Some(s) => writeln!(out, "No sessions match. Did you mean: {}", p.paint(MATCH, &sanitise(s)))?,
            None => writeln!(out, "No sessions match.")?,
        }
    }
    for hit in &results.hits {
        let mut head = highlight_with(&hit.title, &hit.title_highlights, &p, TITLE);
        if !hit.speakers.is_empty() {
            head.push_str(&p.paint(TITLE, &format!(" — {}", sanitise(&hit.speakers.join(", ")))));
        }
        writeln!(out, "{head}")?;
        let mut meta: Vec<String> = vec![hit.kind.clone()];
        let w = when(hit);
        if !w.is_empty() {
            meta.push(w);
        }
        if let Some(c) = &hit.conference {
            meta.push(sanitise(c).into_owned());
        }
        if let Some(r) = &hit.room {
            meta.push(format!(
                "{}{}",
                sanitise(r),
                if hit.attended == Some(true) { " (attended)" } else { "" }
            ));
        }
        if !hit.themes.is_empty() {
            meta.push(hit.themes.join(", "));
        }
        writeln!(out, "  {}", p.paint(META, &meta.join(" · ")))?;
        for (i, snippet) in hit.snippet.iter().chain(&hit.second_snippet).enumerate() {
            let text = highlight(&snippet.text, &snippet.highlights, &p);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                writeln!(out, "  {}{text}", if i > 0 { "… " } else { "" })?;
            }
        }
        let links = match hit.links.len() {
            0 => String::new(),
            1 => " · 1 link".into(),
            n => format!(" · {n} links"),
        };
        writeln!(
            out,
            "  {}",
            p.paint(
                DIM,
                &format!("{}:{}{links}", sanitise(&hit.source.path), hit.source.line)
            )
        )?;
        writeln!(out)?;
    }
    let shown = results.hits.len();
    if results.total > shown {
        writeln!(
            out,
            "{}",
            p.paint(
                DIM,
                &format!("{shown} of {} sessions shown (--limit N for more)", results.total)
            )
        )?;
    }
    if show_facets {
        print_facets(out, &results.facets, &["year", "speaker", "theme"], color)?;
    }
    Ok(())
}

/// Snippet text with its highlights painted (or, colour off, left as they are).
fn highlight(text: &str, ranges: &[[usize; 2]], p: &Paint) -> String {
    highlight_with(text, ranges, p, Style::new())
}

/// `text` in `base` style, its highlights in the match style.
fn highlight_with(text: &str, ranges: &[[usize; 2]], p: &Paint, base: Style) -> String {
    let plain = |s: &str| {
        if base == Style::new() || s.is_empty() {
            sanitise(s).into_owned()
        } else {
            p.paint(base, &sanitise(s))
        }
    };
    let mut s = String::new();
    let mut at = 0;
    for &[a, b] in ranges {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        s.push_str(&plain(&text[at..a]));
        s.push_str(&p.paint(MATCH, &sanitise(&text[a..b])));
        at = b;
    }
    s.push_str(&plain(&text[at..]));
    s
}

/// Facet counts, most frequent first (years newest first).
pub fn print_facets(out: &mut dyn Write, facets: &FacetCounts, names: &[&str], color: bool) -> io::Result<()> {
    let p = Paint { on: color };
    for name in names {
        let Some(values) = facets.get(*name) else { continue };
        writeln!(out, "{}", p.paint(TITLE, name))?;
        for (value, count) in sorted_facet(name, values) {
            writeln!(out, "  {count:>5}  {}", sanitise(value))?;
        }
    }
    Ok(())
}

/// Most frequent first, then by value; years newest first.
pub fn sorted_facet<'a>(name: &str, values: &'a std::collections::BTreeMap<String, u64>) -> Vec<(&'a String, u64)> {
    let mut v: Vec<(&String, u64)> = values.iter().map(|(k, c)| (k, *c)).collect();
    if name == "year" {
        v.sort_by(|a, b| b.0.cmp(a.0));
    } else {
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    }
    v
}

#[derive(Serialize)]
struct QueryJson<'a> {
    query: Option<&'a str>,
    total: usize,
    hits: &'a [Hit],
    facets: &'a FacetCounts,
    /// When nothing matched, the closest query that finds something (or null).
    suggestion: Option<&'a str>,
}

pub fn print_hits_json(out: &mut dyn Write, query: Option<&str>, results: &Results) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &QueryJson {
            query,
            total: results.total,
            hits: &results.hits,
            facets: &results.facets,
            suggestion: results.suggestion.as_deref(),
        },
    )?;
    writeln!(out)
}
