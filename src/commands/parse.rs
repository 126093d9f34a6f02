//! `confsearch parse FILE`: how one note splits into sessions.

use crate::exit::Exit;
use crate::output::parse::Explanation;
use crate::output::{self, Out};
use crate::{config, corpus};
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How to print: JSON or a table, with the reasons or without.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Show {
    pub json: bool,
    pub explain: bool,
}

fn explain(parsed: &crate::notes::ParsedNote, text: &str) -> Explanation {
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

pub(crate) fn run(
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
    let Some((page, programme)) =
        crate::programme::parse_page(&rel, &note.text, config.taxonomy(), config.parse_rule(&rel), &is_note)
    else {
        anyhow::bail!("{rel} is not a notes file or a schedule (frab/pretalx JSON or XML, Sessionize JSON, iCalendar)");
    };
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
    let report = output::parse::Report {
        path: &rel,
        sessions: &parsed.sessions,
        entries: &entries,
        warnings,
        programme: programme.map(|f| f.name()),
        explain: show.explain.then(|| explain(&parsed, &note.text)),
    };
    if show.json {
        output::parse::json(out, &report)?;
    } else {
        output::parse::human(out, &report)?;
    }
    Ok(if parsed.sessions.is_empty() {
        Exit::NotFound
    } else {
        Exit::Found
    })
}
