//! `confsearch parse FILE`: how one note splits into sessions.

use crate::exit::Exit;
use crate::notes::{self, Session};
use crate::output::Out;
use crate::output::sanitise;
use crate::{config, corpus};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct ParseJson<'a> {
    path: &'a str,
    sessions: &'a [Session],
    /// An index page's entries: the talk file each enriches, or none (a talk of the page).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    entries: &'a [notes::index_pages::Entry],
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Explanation>,
}

/// How to print: JSON or a table, with the reasons or without.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    pub json: bool,
    pub explain: bool,
}

/// `--explain`: the talk level chosen and why, the rule behind each session (by its line),
/// why each free section after a day close has its year or none (by its line), and the lines
/// before the first session, which belong to none.
#[derive(Debug, Serialize)]
struct Explanation {
    talk_level: Option<String>,
    /// The `[[parse]]` rule of `confsearch.toml` that chose the talks, when one applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    parse_rule: Option<String>,
    levels: Vec<String>,
    rules: Vec<(usize, String)>,
    years: Vec<(usize, String)>,
    unowned_lines: Vec<usize>,
}

fn explain(parsed: &notes::ParsedNote, text: &str) -> Explanation {
    let o = &parsed.outline;
    let rules = parsed
        .sessions
        .iter()
        .map(|s| {
            let below = o.talk_at(s.source.line).is_some_and(|b| !b.is_empty());
            (s.source.line, o.rule_for(s.source.line, s.kind, below))
        })
        .collect();
    let first = parsed
        .sessions
        .iter()
        .map(|s| s.source.line)
        .min()
        .unwrap_or(usize::MAX);
    let unowned_lines = text
        .lines()
        .enumerate()
        .filter(|(i, l)| i + 1 < first && !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    Explanation {
        talk_level: o.level_name(),
        parse_rule: o.rule.clone(),
        levels: o.reasons.clone(),
        rules,
        years: parsed.year_reasons.clone(),
        unowned_lines,
    }
}

/// `file` and the notes folder as paths that compare, when `file` is in it: `corpus/2019/a.md`
/// and `/home/me/notes` (or the other way round, or `../notes/a.md`) name the same place, seen
/// with `..` and links resolved, or as absolute paths (a file reached through a link out of the
/// notes folder). The note then gets the id the index gives it.
fn in_corpus(file: &Path, corpus_root: &Path) -> Option<(PathBuf, PathBuf)> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| absolute(p));
    [
        (canonical(file), canonical(corpus_root)),
        (absolute(file), absolute(corpus_root)),
    ]
    .into_iter()
    .find(|(file, root)| file.starts_with(root))
}

pub fn run(
    file: &Path,
    corpus_root: &Path,
    show: Show,
    out: &mut Out,
    err: &mut dyn Write,
    quiet: bool,
) -> Result<Exit> {
    let note = corpus::read_note(file)?;
    let inside = in_corpus(file, corpus_root);
    let (file, root) = match &inside {
        Some((file, root)) => (file.as_path(), root.as_path()),
        None => (file, file.parent().unwrap_or(Path::new(""))),
    };
    let rel = corpus::relative_path(root, file);
    // A note inside the corpus is read with the corpus's themes and speaker aliases.
    let config = if inside.is_some() {
        config::load(root)?
    } else {
        config::CorpusConfig::default()
    };
    // An index page's entries are checked against the note files on disk; what other pages
    // say about this file is only known to the index (`show` prints the enriched session).
    let is_note = |p: &str| {
        let path = corpus::note_path(root, p);
        path.is_file() && corpus::is_note_file(&path)
    };
    let page = notes::index_pages::parse_page_with_rule(
        &rel,
        &note.text,
        config.taxonomy(),
        config.parse_rule(&rel),
        &is_note,
    );
    let entries = page.entries;
    let mut parsed = page.note;
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
    let explanation = show.explain.then(|| explain(&parsed, &note.text));
    if show.json {
        crate::output::json::write_pretty(
            out,
            &ParseJson {
                path: &rel,
                sessions: &parsed.sessions,
                entries: &entries,
                warnings,
                explain: explanation,
            },
        )?;
    } else {
        writeln!(
            out,
            "{rel}: {} session{}",
            parsed.sessions.len(),
            if parsed.sessions.len() == 1 { "" } else { "s" }
        )?;
        if let Some(e) = &explanation {
            let level = e
                .talk_level
                .as_deref()
                .unwrap_or("none (headings and schedule lines name their talks)");
            writeln!(out, "talk level: {level}")?;
            if let Some(rule) = &e.parse_rule {
                writeln!(out, "parse rule: {}", sanitise(rule))?;
            }
            for reason in &e.levels {
                writeln!(out, "  {}", sanitise(reason))?;
            }
        }
        for (i, s) in parsed.sessions.iter().enumerate() {
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
            if let Some(e) = &explanation {
                if let Some((_, rule)) = e.rules.get(i) {
                    writeln!(out, "       why: {rule}")?;
                }
                for (_, reason) in e.years.iter().filter(|(line, _)| *line == s.source.line) {
                    writeln!(out, "       year: {}", sanitise(reason))?;
                }
            }
        }
        for e in entries.iter().filter(|e| e.file.is_some()) {
            writeln!(
                out,
                "{:>5}  entry      enriches {}: {}{}",
                e.line,
                sanitise(e.file.as_deref().unwrap_or_default()),
                sanitise(&e.title),
                if e.speakers.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", sanitise(&e.speakers.join(", ")))
                }
            )?;
        }
        if let Some(e) = explanation.as_ref().filter(|e| !e.unowned_lines.is_empty()) {
            let lines: Vec<String> = e.unowned_lines.iter().map(usize::to_string).collect();
            writeln!(out, "in no session (before the first): lines {}", lines.join(", "))?;
        }
    }
    Ok(if parsed.sessions.is_empty() {
        Exit::NotFound
    } else {
        Exit::Found
    })
}
