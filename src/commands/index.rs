//! `confsearch index`: the options → [`index::update`] → the summary line on stderr, and the
//! `--watch` loop that runs the same update as the notes change. The update itself lives in
//! `index/update.rs`.

use crate::index::update::require_corpus;
use crate::index::{IndexOptions, Summary, update};
use crate::paths::{self, Locations};
use crate::{index, output};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// One index run, then with `then_watch` the watch, holding the index folder throughout.
pub(crate) fn run(loc: &Locations, opts: IndexOptions, then_watch: bool, err: &mut dyn Write) -> Result<Summary> {
    let (corpus_root, index_dir) = (loc.corpus.as_path(), loc.index.as_path());
    let started = Instant::now();
    if loc.index_from == paths::From::DataDir && !index::is_marked(index_dir) && !opts.quiet {
        writeln!(
            err,
            "confsearch: the index of {} goes to {} (not into the notes; --index DIR to choose)",
            corpus_root.display(),
            index_dir.display()
        )?;
    }
    crate::interrupt::set_message(Some(format!(
        "confsearch: interrupted; the index in {} is as it was before this run",
        index_dir.display()
    )));
    // A missing notes folder is said before anything is created.
    require_corpus(corpus_root)?;
    let lock = index::claim(index_dir)?;
    let summary = update(corpus_root, index_dir, opts, err);
    crate::interrupt::set_message(None);
    let summary = summary?;
    paths::record_corpus(index_dir, corpus_root)?;
    if !opts.quiet {
        for w in &summary.warnings {
            writeln!(err, "confsearch: warning: {w}")?;
        }
        writeln!(err, "{}", summary_line(&summary, started.elapsed().as_secs_f64()))?;
    }
    // The folder stays held from the first pass to the end of the watch: no other writer
    // can slip in between.
    if then_watch {
        watch(loc, opts, &lock, err)?;
    }
    Ok(summary)
}

/// `indexed 12 files (+1 ~0 -0 =11): 40 sessions, 9 links, 0 warnings in 0.05s`.
fn summary_line(summary: &Summary, seconds: f64) -> String {
    format!(
        "indexed {} files (+{} ~{} -{} ={}): {} sessions, {} links, {} in {seconds:.2}s",
        summary.files,
        summary.added,
        summary.modified,
        summary.removed,
        summary.unchanged,
        summary.sessions,
        summary.links,
        output::plural(summary.warnings.len(), "warning", "warnings"),
    )
}

/// `confsearch index --watch`: after the first pass, apply changes as they happen, one line
/// per update, until interrupted. The caller holds the index folder for the watch's life, so an
/// `index --rebuild` beside it is refused; a notes folder moved away is waited for, and
/// watched again (and indexed) when a folder is back at its path.
fn watch(loc: &Locations, opts: IndexOptions, _held: &index::WriteLock, err: &mut dyn Write) -> Result<()> {
    let (corpus_root, index_dir) = (loc.corpus.as_path(), loc.index.as_path());
    use notify::RecursiveMode;
    use notify_debouncer_full::new_debouncer;
    use std::sync::mpsc::RecvTimeoutError;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer =
        new_debouncer(std::time::Duration::from_millis(300), None, tx).context("starting the file watcher")?;
    debouncer
        .watch(corpus_root, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", corpus_root.display()))?;
    let mut identity = folder_identity(corpus_root);
    if !opts.quiet {
        writeln!(err, "watching {} (Ctrl-C to stop)", corpus_root.display())?;
    }
    let index_abs = index_dir.canonicalize().unwrap_or_else(|_| index_dir.to_path_buf());
    loop {
        let received = match rx.recv_timeout(std::time::Duration::from_millis(500)) {
            Ok(events) => Some(events),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // inotify follows a folder, not a path: a notes folder moved away and recreated
        // would never be heard from again.
        let now = folder_identity(corpus_root);
        let mut rearmed = false;
        if now != identity {
            let _ = debouncer.unwatch(corpus_root);
            identity = now;
            if now.is_none() {
                writeln!(
                    err,
                    "confsearch: {} is gone; waiting for it to come back (Ctrl-C to stop)",
                    corpus_root.display()
                )?;
                continue;
            }
            debouncer
                .watch(corpus_root, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", corpus_root.display()))?;
            if !opts.quiet {
                writeln!(err, "watching {} again", corpus_root.display())?;
            }
            rearmed = true;
        }
        if identity.is_none() {
            continue;
        }
        let relevant = rearmed
            || match received {
                None => false,
                Some(Err(errors)) => {
                    for e in errors {
                        writeln!(err, "confsearch: warning: watcher: {e}")?;
                    }
                    false
                }
                // Writes to the index (when it lies inside the corpus) are not changes to the notes.
                Some(Ok(events)) => events.iter().any(|e| {
                    e.paths
                        .iter()
                        .any(|p| !p.starts_with(&index_abs) && !p.starts_with(index_dir))
                }),
            };
        if !relevant {
            continue;
        }
        let started = Instant::now();
        match update(corpus_root, index_dir, IndexOptions { rebuild: false, ..opts }, err) {
            Ok(s) if s.changed() => {
                if !opts.quiet {
                    for w in &s.warnings {
                        writeln!(err, "confsearch: warning: {w}")?;
                    }
                    writeln!(err, "{}", summary_line(&s, started.elapsed().as_secs_f64()))?;
                }
            }
            Ok(_) => {}
            Err(e) => writeln!(err, "confsearch: {e:#}")?,
        }
    }
    Ok(())
}

/// A folder's device and inode: which folder a path names now.
fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}
