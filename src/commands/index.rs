//! `confsearch index`: walk the corpus, parse every note in parallel, write the index in one
//! atomic commit. A run that is interrupted leaves the previous commit in place.

use crate::notes::{self, Session};
use crate::{config, corpus, index};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// What an index run did, for the summary line.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub sessions: usize,
    pub links: usize,
    pub warnings: usize,
}

pub fn run(corpus_root: &Path, index_dir: &Path, quiet: bool, err: &mut dyn Write) -> Result<Summary> {
    let started = Instant::now();
    if !corpus_root.is_dir() {
        anyhow::bail!(
            "corpus folder {} does not exist (use --corpus DIR)",
            corpus_root.display()
        );
    }
    let config = config::load(corpus_root)?;
    let mut warnings: Vec<String> = Vec::new();
    let files = corpus::walk(corpus_root, Some(index_dir), &mut warnings);
    let progress = progress_bar(files.len() as u64, quiet);
    let taxonomy = config.taxonomy();
    let parsed: Vec<(Vec<Session>, Vec<String>)> = files
        .par_iter()
        .map(|file| {
            let rel = corpus::relative_path(corpus_root, file);
            let mut notes_warnings = Vec::new();
            let sessions = match corpus::read_note(file) {
                Ok(note) => {
                    notes_warnings.extend(note.warning);
                    let parsed = notes::parse_with(&rel, &note.text, taxonomy);
                    notes_warnings.extend(
                        parsed
                            .warnings
                            .into_iter()
                            .map(|w| format!("{rel}:{}: {}", w.line, w.message)),
                    );
                    parsed.sessions
                }
                Err(e) => {
                    notes_warnings.push(e.to_string());
                    Vec::new()
                }
            };
            progress.inc(1);
            (sessions, notes_warnings)
        })
        .collect();
    progress.finish_and_clear();
    let mut sessions: Vec<Session> = Vec::new();
    for (s, w) in parsed {
        sessions.extend(s);
        warnings.extend(w);
    }

    let (idx, recreated) = index::open_for_write(index_dir)?;
    if recreated && !quiet {
        writeln!(
            err,
            "confsearch: the index was written by another version of confsearch; rebuilding it"
        )?;
    }
    let (_, fields) = index::schema();
    let mut writer = index::writer(&idx)?;
    writer.delete_all_documents().context("clearing the index")?;
    let spellings = index::conference_spellings(&sessions);
    for s in &sessions {
        let conference = s
            .conference
            .as_ref()
            .map(|c| spellings.get(&c.to_lowercase()).map_or(c.as_str(), String::as_str));
        writer
            .add_document(index::document(&fields, s, conference))
            .context("adding a session to the index")?;
    }
    writer.commit().context("committing the index")?;
    writer.wait_merging_threads().context("finishing index merges")?;

    let summary = Summary {
        files: files.len(),
        sessions: sessions.len(),
        links: sessions.iter().map(|s| s.links.len()).sum(),
        warnings: warnings.len(),
    };
    if !quiet {
        for w in &warnings {
            writeln!(err, "confsearch: warning: {w}")?;
        }
        writeln!(
            err,
            "indexed {} files: {} sessions, {} links, {} warning{} in {:.2}s",
            summary.files,
            summary.sessions,
            summary.links,
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            started.elapsed().as_secs_f64()
        )?;
    }
    Ok(summary)
}

fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} parsing notes {pos}/{len} {wide_bar} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}
