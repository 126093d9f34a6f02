//! `confsearch parse FILE`: how one note splits into sessions.

use crate::exit::Exit;
use crate::notes::{self, Session};
use crate::output::sanitise;
use crate::{config, corpus};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct ParseJson<'a> {
    path: &'a str,
    sessions: &'a [Session],
    warnings: Vec<String>,
}

pub fn run(
    file: &Path,
    corpus_root: &Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
    quiet: bool,
) -> Result<Exit> {
    let note = corpus::read_note(file)?;
    let root = if file.starts_with(corpus_root) {
        corpus_root
    } else {
        file.parent().unwrap_or(Path::new(""))
    };
    let rel = corpus::relative_path(root, file);
    // A note inside the corpus is read with the corpus's themes and speaker aliases.
    let config = if file.starts_with(corpus_root) {
        config::load(corpus_root)?
    } else {
        config::CorpusConfig::default()
    };
    let mut parsed = notes::parse_with(&rel, &note.text, config.taxonomy());
    config::apply_aliases(&config.search.alias_table(), &mut parsed.sessions);
    let mut warnings: Vec<String> = note.warning.into_iter().collect();
    warnings.extend(
        parsed
            .warnings
            .iter()
            .map(|w| format!("{rel}:{}: {}", w.line, w.message)),
    );
    if !quiet {
        for w in &warnings {
            writeln!(err, "confsearch: warning: {w}")?;
        }
    }
    if json {
        crate::output::json::write_pretty(
            out,
            &ParseJson {
                path: &rel,
                sessions: &parsed.sessions,
                warnings,
            },
        )?;
    } else {
        writeln!(
            out,
            "{rel}: {} session{}",
            parsed.sessions.len(),
            if parsed.sessions.len() == 1 { "" } else { "s" }
        )?;
        for s in &parsed.sessions {
            let slot = match (&s.start, &s.end) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => a.clone(),
                _ => "-".into(),
            };
            let date = s
                .date
                .map(|d| d.to_string())
                .or(s.year.map(|y| y.to_string()))
                .unwrap_or_else(|| "-".into());
            let mut who = s.speakers.join(", ");
            if let Some(room) = &s.room {
                who = format!("{room}{}", if s.attended == Some(true) { " *" } else { "" });
            }
            writeln!(
                out,
                "{:>5}  {:<10} {:<10} {:<11} {}{}{}",
                s.source.line,
                s.kind.as_str(),
                date,
                slot,
                sanitise(&s.title),
                if who.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", sanitise(&who))
                },
                if s.links.is_empty() {
                    String::new()
                } else {
                    format!(" [{} link{}]", s.links.len(), if s.links.len() == 1 { "" } else { "s" })
                },
            )?;
        }
    }
    Ok(if parsed.sessions.is_empty() {
        Exit::NotFound
    } else {
        Exit::Found
    })
}
