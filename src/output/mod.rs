//! Printing: what reaches a terminal is sanitised so a note cannot inject escape sequences.

pub mod json;
pub mod sanitise;
pub mod wrap;

pub use self::sanitise::{Out, sanitise};

use crate::notes::Session;
use crate::search::{FacetCounts, Hit, Results};
use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};
use sanitise::{Mode, Sanitised};
use serde::Serialize;
use std::io::{self, StdoutLock, Write};
use std::path::{Path, PathBuf};

/// stdout as every command writes to it: behind the sanitising filter, over anstream's
/// stream, which decides colour (`--color`, then `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, a
/// terminal or not, `TERM=dumb`) and drops confsearch's colours when it is off. JSON has no
/// colour to drop and is written as it is.
pub fn stdout(mode: Mode, color: ColorWhen) -> Sanitised<AutoStream<StdoutLock<'static>>> {
    let choice = match mode {
        Mode::Json => ColorChoice::AlwaysAnsi,
        Mode::Text | Mode::Styled => color.choice(),
    };
    Sanitised::new(AutoStream::new(io::stdout().lock(), choice), mode)
}

/// How human output is shown: the width to wrap to, and where paths are seen from.
#[derive(Debug, Clone)]
pub struct View {
    /// Columns to wrap to; `None` (a pipe) wraps nothing.
    pub width: Option<usize>,
    /// The notes folder, which session paths are relative to.
    corpus: PathBuf,
    /// The folder the user stands in, which printed paths are relative to.
    pub cwd: PathBuf,
}

impl View {
    /// Width from the terminal on stdout (`COLUMNS` when set), none when stdout is not one.
    pub fn new(corpus: &Path, cwd: &Path) -> View {
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
        out: &mut Out,
        text: &str,
        highlights: &[[usize; 2]],
        base: Style,
        indent: usize,
    ) -> io::Result<()> {
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
            out.write_all(pad.as_bytes())?;
            write_highlighted(out, &text[r], &local, base)?;
            writeln!(out)?;
        }
        Ok(())
    }
}

/// When to colour (`--color`): `auto` leaves it to anstream ([`stdout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub fn choice(self) -> ColorChoice {
        match self {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
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
pub fn print_hits(out: &mut Out, results: &Results, view: &View, show_facets: bool) -> io::Result<()> {
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
        out.paint(
            DIM,
            &format!("{shown} of {} sessions shown (--limit N for more)", results.total),
        )?;
        writeln!(out)?;
    }
    if show_facets {
        print_facets(out, &results.facets, &["year", "speaker", "theme"])?;
    }
    Ok(())
}

/// One hit: title and speakers, what and when, the snippets, then where it is and its id.
fn print_hit(out: &mut Out, hit: &Hit, view: &View) -> io::Result<()> {
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
fn write_highlighted(out: &mut Out, text: &str, ranges: &[[usize; 2]], base: Style) -> io::Result<()> {
    let plain = |out: &mut Out, s: &str| {
        if base == Style::new() || s.is_empty() {
            out.write_all(s.as_bytes())
        } else {
            out.paint(base, s)
        }
    };
    let mut at = 0;
    for &[a, b] in ranges {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        plain(out, &text[at..a])?;
        out.paint(MATCH, &text[a..b])?;
        at = b;
    }
    plain(out, &text[at..])
}

/// Facet counts, most frequent first (years newest first).
pub fn print_facets(out: &mut Out, facets: &FacetCounts, names: &[&str]) -> io::Result<()> {
    for name in names {
        let Some(values) = facets.get(*name) else { continue };
        out.paint(TITLE, name)?;
        writeln!(out)?;
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
    hits: Vec<json::SessionJson<'a>>,
    facets: &'a FacetCounts,
    /// When nothing matched, the closest query that finds something (or null).
    suggestion: Option<&'a str>,
}

pub fn print_hits_json(out: &mut Out, query: Option<&str>, results: &Results) -> io::Result<()> {
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
