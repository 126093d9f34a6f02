//! Printing: what reaches a terminal is sanitised so a note cannot inject escape sequences.

pub mod json;
pub mod sanitise;
pub mod wrap;

pub use self::sanitise::sanitise;

use crate::notes::Session;
use crate::search::{FacetCounts, FacetField, Hit, Results};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How human output is shown: colour, the width to wrap to, and where paths are seen from.
#[derive(Debug, Clone)]
pub struct View {
    pub color: bool,
    /// Columns to wrap to; `None` (a pipe) wraps nothing.
    pub width: Option<usize>,
    /// The notes folder, which session paths are relative to.
    corpus: PathBuf,
    /// The folder the user stands in, which printed paths are relative to.
    pub cwd: PathBuf,
}

impl View {
    /// Width from the terminal on stdout (`COLUMNS` when set), none when stdout is not one.
    pub fn new(color: bool, corpus: &Path, cwd: &Path) -> View {
        use std::io::IsTerminal;
        let width = std::io::stdout().is_terminal().then(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<usize>().ok())
                .filter(|&c| c > 0)
                .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
                .unwrap_or(80)
        });
        View {
            color,
            width,
            corpus: crate::paths::absolute(corpus),
            cwd: cwd.to_path_buf(),
        }
    }

    /// The notes folder (absolute).
    pub fn corpus(&self) -> &Path {
        &self.corpus
    }

    /// A note file's path (relative to the notes folder) as seen from the current folder.
    pub fn path(&self, rel: &str) -> String {
        if self.corpus.as_os_str().is_empty() {
            return rel.to_string();
        }
        crate::paths::relative_to(&self.corpus.join(rel), &self.cwd)
            .display()
            .to_string()
    }

    /// `text` painted in `base` with its `highlights` in the match colour, wrapped to the
    /// width with every line indented by `indent` spaces.
    fn write_wrapped(
        &self,
        out: &mut dyn Write,
        text: &str,
        highlights: &[[usize; 2]],
        base: Style,
        indent: usize,
    ) -> io::Result<()> {
        let p = Paint { on: self.color };
        let pad = " ".repeat(indent);
        let ranges: Vec<std::ops::Range<usize>> = match self.width {
            Some(w) => wrap::lines(text, w.saturating_sub(indent)),
            None => std::iter::once(0..text.len()).collect(),
        };
        for r in ranges {
            let local: Vec<[usize; 2]> = highlights
                .iter()
                .filter(|[a, b]| *a < r.end && *b > r.start)
                .map(|[a, b]| [(*a).max(r.start) - r.start, (*b).min(r.end) - r.start])
                .collect();
            writeln!(out, "{pad}{}", highlight_with(&text[r], &local, &p, base))?;
        }
        Ok(())
    }
}

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
pub fn when(session: &Session) -> String {
    [day(session), slot(session)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The session's date, or its year.
pub fn day(session: &Session) -> Option<String> {
    session
        .date
        .map(|d| d.to_string())
        .or(session.year.map(|y| y.to_string()))
}

/// `16:15–16:45`, or `16:15` when the end is not known.
pub fn slot(session: &Session) -> Option<String> {
    match (&session.start, &session.end) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.clone()),
        _ => None,
    }
}

/// Human output of `query`: a block per hit, then the facets when asked.
pub fn print_hits(out: &mut dyn Write, results: &Results, view: &View, show_facets: bool) -> io::Result<()> {
    let p = Paint { on: view.color };
    if results.total == 0 {
        match &results.suggestion {
            Some(s) => writeln!(out, "No sessions match. Did you mean: {}", p.paint(MATCH, &sanitise(s)))?,
            None => writeln!(out, "No sessions match.")?,
        }
    }
    for hit in &results.hits {
        print_hit(out, hit, view)?;
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
        let shown = [FacetField::Year, FacetField::Speaker, FacetField::Theme].map(FacetField::name);
        print_facets(out, &results.facets, &shown, view.color)?;
    }
    Ok(())
}

/// One hit: title and speakers, what and when, the snippets, then where it is and its id.
fn print_hit(out: &mut dyn Write, hit: &Hit, view: &View) -> io::Result<()> {
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
        1 => " · 1 link".into(),
        n => format!(" · {n} links"),
    };
    let place = format!(
        "{}:{} · {}{links}",
        sanitise(&view.path(&s.source.path)),
        s.source.line,
        sanitise(&s.id)
    );
    view.write_wrapped(out, &place, &[], DIM, 2)?;
    writeln!(out)
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
    if name == FacetField::Year.name() {
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
    hits: Vec<json::SessionJson<'a>>,
    facets: &'a FacetCounts,
    /// When nothing matched, the closest query that finds something (or null).
    suggestion: Option<&'a str>,
}

pub fn print_hits_json(out: &mut dyn Write, query: Option<&str>, results: &Results) -> io::Result<()> {
    json::write(
        out,
        &QueryJson {
            query,
            total: results.total,
            hits: results.hits.iter().map(json::SessionJson::hit).collect(),
            facets: &results.facets,
            suggestion: results.suggestion.as_deref(),
        },
    )
}
