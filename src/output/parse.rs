//! `parse`'s output: how one note splits into sessions, as a table (with `--explain`, the
//! reasons under it) or as one indented JSON document.

use crate::notes::index_pages::Entry;
use crate::notes::{Origin, Session};
use serde::Serialize;
use std::io::{self, Write};

use super::Out;

/// What `parse` found in one note.
#[derive(Serialize)]
pub(crate) struct Report<'a> {
    /// The note, relative to the notes folder when it is in it.
    pub path: &'a str,
    pub sessions: &'a [Session],
    /// An index page's entries: the talk file each enriches, or none (a talk of the page).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub entries: &'a [Entry],
    pub warnings: Vec<String>,
    /// The schedule format, when the file is a conference's official programme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// `--explain`: the talk level chosen and why, the rule behind each session (by its line),
/// why each free section after a day close has its year or none (by its line), and the lines
/// before the first session, which belong to none.
#[derive(Debug, Serialize)]
pub(crate) struct Explanation {
    pub talk_level: Option<String>,
    /// The `[[parse]]` rule of `confsearch.toml` that chose the talks, when one applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_rule: Option<String>,
    pub levels: Vec<String>,
    pub rules: Vec<(usize, String)>,
    pub years: Vec<(usize, String)>,
    pub unowned_lines: Vec<usize>,
}

/// The report as pretty JSON.
pub(crate) fn json(out: &mut Out, report: &Report) -> io::Result<()> {
    super::json::write_pretty(out, report)
}

/// A line per session (line, kind, date, slot, title — speakers or room, links), the reasons
/// under each with `--explain`, then the index page's entries that enrich a talk file.
pub(crate) fn human(out: &mut Out, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} session{}",
        report.path,
        report.sessions.len(),
        if report.sessions.len() == 1 { "" } else { "s" }
    )?;
    if let Some(format) = report.programme {
        writeln!(out, "official programme: {format}")?;
    }
    if let Some(e) = &report.explain {
        let level = e
            .talk_level
            .as_deref()
            .unwrap_or("none (headings and schedule lines name their talks)");
        writeln!(out, "talk level: {level}")?;
        if let Some(rule) = &e.parse_rule {
            writeln!(out, "parse rule: {rule}")?;
        }
        for reason in &e.levels {
            writeln!(out, "  {reason}")?;
        }
    }
    for (i, s) in report.sessions.iter().enumerate() {
        let slot = super::slot(s.start.as_deref(), s.end.as_deref()).unwrap_or_else(|| "-".into());
        let date = super::day(s).unwrap_or_else(|| "-".into());
        let mut who = s.speakers.join(", ");
        // A programme's talk shows its speakers; in notes the room follows them, or stands for
        // them (open spaces, whose options are rooms).
        if let Some(room) = s.room.as_ref().filter(|_| s.from == Origin::Notes) {
            let star = if s.attended == Some(true) { " *" } else { "" };
            who = match who.is_empty() {
                true => format!("{room}{star}"),
                false => format!("{who} · {room}{star}"),
            };
        }
        writeln!(
            out,
            "{:>5}  {:<10} {:<10} {:<11} {}{}{}",
            s.source.line,
            s.kind.as_str(),
            date,
            slot,
            &s.title,
            if who.is_empty() {
                String::new()
            } else {
                format!(" — {who}")
            },
            if s.links.is_empty() {
                String::new()
            } else {
                format!(" [{}]", super::plural(s.links.len(), "link", "links"))
            },
        )?;
        if let Some(e) = &report.explain {
            if let Some((_, rule)) = e.rules.get(i) {
                writeln!(out, "       why: {rule}")?;
            }
            for (_, reason) in e.years.iter().filter(|(line, _)| *line == s.source.line) {
                writeln!(out, "       year: {reason}")?;
            }
        }
    }
    for e in report.entries.iter().filter(|e| e.file.is_some()) {
        writeln!(
            out,
            "{:>5}  entry      enriches {}: {}{}",
            e.line,
            e.file.as_deref().unwrap_or_default(),
            &e.title,
            if e.speakers.is_empty() {
                String::new()
            } else {
                format!(" — {}", e.speakers.join(", "))
            }
        )?;
    }
    if let Some(e) = report.explain.as_ref().filter(|e| !e.unowned_lines.is_empty()) {
        let lines: Vec<String> = e.unowned_lines.iter().map(usize::to_string).collect();
        writeln!(out, "in no session (before the first): lines {}", lines.join(", "))?;
    }
    Ok(())
}
