//! Printing: every command's human and JSON output, one file per command; commands compute
//! and hand their data here. Everything is written to [`Out`], the sanitising writer, which
//! is the only way text reaches stdout ([`stdout`]): a note or a file name cannot put a
//! control on the terminal through any printer, and colour is painted beside the filter.

pub(crate) mod export;
pub(crate) mod facets;
pub(crate) mod json;
pub(crate) mod links;
pub(crate) mod parse;
pub(crate) mod query;
pub(crate) mod related;
pub(crate) mod sanitise;
pub(crate) mod show;
pub(crate) mod wording;
pub(crate) mod wrap;

pub(crate) use self::sanitise::{Out, sanitise};
pub(crate) use self::wording::{plural, slot};

use crate::notes::Session;
use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};
use sanitise::{Mode, Sanitised};
use std::io::{self, StdoutLock, Write};
use std::path::{Path, PathBuf};

/// stdout as every command writes to it: behind the sanitising filter, over anstream's
/// stream. anstream decides colour (`--color`, then `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`,
/// a terminal or not, `TERM=dumb`). With colour off there is nothing for it to strip (the
/// filter has dropped every escape sequence, and `paint` writes no style), so the stream
/// passes bytes as they are, as it does for JSON, which has no colour.
pub(crate) fn stdout(mode: Mode, color: ColorWhen) -> Sanitised<AutoStream<StdoutLock<'static>>> {
    let raw = io::stdout();
    let choice = match (mode, color.choice()) {
        (Mode::Json, _) => ColorChoice::Never,
        (_, ColorChoice::Auto) => AutoStream::choice(&raw),
        (_, choice) => choice,
    };
    match choice {
        ColorChoice::Never => Sanitised::new(AutoStream::always_ansi(raw.lock()), mode).without_colour(),
        choice => Sanitised::new(AutoStream::new(raw.lock(), choice), mode),
    }
}

/// How human output is shown: the width to wrap to, and where paths are seen from.
#[derive(Debug, Clone)]
pub(crate) struct View {
    /// Columns to wrap to; `None` (a pipe) wraps nothing.
    pub width: Option<usize>,
    /// The notes folder, which session paths are relative to.
    corpus: PathBuf,
    /// The folder the user stands in (absolute), which printed paths are relative to.
    pub cwd: PathBuf,
}

impl View {
    /// Width from the terminal on stdout (`COLUMNS` when set), none when stdout is not one.
    pub(crate) fn new(corpus: &Path, cwd: &Path) -> View {
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
            cwd: crate::paths::absolute(cwd),
        }
    }

    /// The notes folder (absolute).
    pub(crate) fn corpus(&self) -> &Path {
        &self.corpus
    }

    /// A note file's path (relative to the notes folder) as seen from the current folder.
    pub(crate) fn path(&self, rel: &str) -> String {
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
pub(crate) enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub(crate) fn choice(self) -> ColorChoice {
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
pub(crate) fn when(session: &Session) -> String {
    [day(session), slot(session.start.as_deref(), session.end.as_deref())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The session's date, or its year.
pub(crate) fn day(session: &Session) -> Option<String> {
    session
        .date
        .map(|d| d.to_string())
        .or(session.year.map(|y| y.to_string()))
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
