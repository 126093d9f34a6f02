//! The incremental update: bring the index up to date with the notes folder.
//!
//! Incremental: files whose size and mtime are unchanged are not read; files whose content
//! hash is unchanged are not parsed; only new and changed files are parsed (in parallel), and
//! the sessions of changed and removed files are deleted. Sessions and the manifest of files
//! go into one tantivy commit, so an interrupted run leaves the previous index as it was.

use crate::index::examine::{Examined, Found, PREFETCH_CHUNKS, Pending, chunks, examine, prefetch};
use crate::index::links_in::{LinksIn, enrich, outdated_by_links};
use crate::index::manifest::{self, FileEntry, Manifest};
use crate::index::programmes::Programmes;
use crate::index::progress::Progress;
use crate::index::spellings::Spellings;
use crate::notes::Session;
use crate::{config, corpus, index};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::Term;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct IndexOptions {
    pub rebuild: bool,
    pub quiet: bool,
    /// Which symbolic links the walk follows (`--follow`).
    pub follow: corpus::Follow,
}

/// What an index run did, for the summary line.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Summary {
    pub files: usize,
    pub added: usize,
    pub modified: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub sessions: usize,
    pub links: usize,
    pub warnings: Vec<String>,
}

impl Summary {
    /// Did the run change the index?
    pub(crate) fn changed(&self) -> bool {
        self.added + self.modified + self.removed > 0
    }
}

/// A missing notes folder is an error naming it.
pub(crate) fn require_corpus(corpus_root: &Path) -> Result<()> {
    if !corpus_root.is_dir() {
        anyhow::bail!(
            "corpus folder {} does not exist (use --corpus DIR)",
            corpus_root.display()
        );
    }
    Ok(())
}

/// The update itself, without printing the summary (the watch loop prints its own). The
/// caller holds the folder ([`index::claim`]). A run that fails (a full disk, an I/O error)
/// removes what it wrote: the index stays as its last commit left it, and takes no more room.
pub(crate) fn update(corpus_root: &Path, index_dir: &Path, opts: IndexOptions, err: &mut dyn Write) -> Result<Summary> {
    require_corpus(corpus_root)?;
    let (idx, recreated) = index::open_for_write(index_dir, opts.rebuild)?;
    let old_payload = idx.load_metas().ok().and_then(|m| m.payload);
    let result = write(&idx, recreated, corpus_root, index_dir, opts, err);
    if let Err(e) = &result {
        // The failed writer is gone (its threads joined): its segments and manifest go too.
        index::remove_unlisted_segments(index_dir, &idx);
        manifest::remove_stale(index_dir, old_payload.as_deref().unwrap_or_default());
        let full = e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
        }) || format!("{e:#}").contains("No space left");
        if full {
            anyhow::bail!(
                "no space left on the device of {}: the files of this run were removed and the index is as it was before it",
                index_dir.display()
            );
        }
    }
    result
}

fn write(
    idx: &tantivy::Index,
    recreated: bool,
    corpus_root: &Path,
    index_dir: &Path,
    opts: IndexOptions,
    err: &mut dyn Write,
) -> Result<Summary> {
    let config = config::load(corpus_root)?;
    let config_hash = std::fs::read(corpus_root.join("confsearch.toml"))
        .map(|b| manifest::hash(&b))
        .unwrap_or_default();
    if recreated && !opts.quiet {
        writeln!(
            err,
            "confsearch: the index was written by another version of confsearch; rebuilding it"
        )?;
    }
    let mut warnings: Vec<String> = Vec::new();
    let mut unreadable = Vec::new();
    // The manifest is read on a thread of its own while the notes folder is walked: two
    // independent waits of a few tens of milliseconds each at 1 GB.
    let (old, files) = std::thread::scope(|s| {
        let old = s.spawn(|| index::load_manifest(index_dir, idx));
        let files = corpus::walk(
            corpus_root,
            Some(index_dir),
            opts.follow,
            &mut warnings,
            &mut unreadable,
        );
        (old.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), files)
    });
    let full =
        opts.rebuild || recreated || old.schema_version != index::SCHEMA_VERSION || old.config_hash != config_hash;
    // A manifest in an earlier format is written again in this one (a commit, once).
    let mut touched = !full && old.outdated_format;
    // Taken, not cloned: tens of thousands of entries at 1 GB.
    let old_files = if full { Default::default() } else { old.files };
    // The notes of a folder that could not be read keep their sessions, as a file that
    // could not be read does.
    let unreadable: Vec<String> = unreadable
        .iter()
        .map(|d| corpus::relative_path(corpus_root, d))
        .collect();
    let in_unreadable = |rel: &str| {
        unreadable
            .iter()
            .any(|d| d.is_empty() || rel == d || rel.starts_with(&format!("{d}/")))
    };
    // Every file stated (relative to its folder) and named as sessions name it, in parallel;
    // the ones with the manifest's size and mtime are not read.
    let stats = corpus::stat_files(&files);
    let named: Vec<(String, bool)> = files
        .par_iter()
        .zip(&stats)
        .with_min_len(512)
        .map(|(file, stat)| {
            let rel = corpus::relative_path(corpus_root, file);
            let same = match (stat, old_files.get(&rel)) {
                (Ok(s), Some(o)) => o.size == s.size && o.mtime == s.mtime,
                _ => false,
            };
            (rel, same)
        })
        .collect();
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    // How many files of the manifest this run still has: all of them, and none is gone.
    let mut kept_old = 0;
    let mut pending = Vec::new();
    for ((file, (rel, same)), stat) in files.iter().zip(&named).zip(stats) {
        if *same {
            summary.unchanged += 1;
            kept_old += 1;
        } else {
            pending.push(Pending { file, rel, stat });
        }
    }
    // The walk's order is the folder's; the files read go in `Path` order, whatever the file
    // system lists first (the first spelling of a conference, the order of documents). A no-op
    // run has none to sort.
    corpus::sort_in_path_order(&mut pending, |p| p.file);
    let progress = Progress::new(&pending, opts.quiet);
    // Whether some file of the manifest was not found by the walk (removed, or unreadable).
    let some_gone = kept_old + pending.iter().filter(|p| old_files.contains_key(p.rel)).count() < old_files.len();
    // Official programmes are read before the notes, so that every note is matched against
    // all of them as it is written (`index::programmes`).
    let (schedules, pending): (Vec<Pending>, Vec<Pending>) = pending
        .into_iter()
        .partition(|p| crate::programme::has_schedule_extension(p.rel));
    let taxonomy = config.taxonomy();
    let aliases = config.search.alias_table();
    // The notes there are, for index pages' links: what was walked, and what an unreadable
    // folder keeps. Gathered the first time a page asks (never, in a corpus without pages).
    let kept_unreadable: Vec<String> = if unreadable.is_empty() {
        Vec::new()
    } else {
        old_files.keys().filter(|k| in_unreadable(k)).cloned().collect()
    };
    let present: OnceLock<HashSet<&str>> = OnceLock::new();
    let is_note = |p: &str| {
        present
            .get_or_init(|| {
                named
                    .iter()
                    .map(|(rel, _)| rel.as_str())
                    .chain(kept_unreadable.iter().map(String::as_str))
                    .collect()
            })
            .contains(p)
    };
    // What index pages say about other files: from the manifest, then from each page parsed.
    let mut links = LinksIn::from_files(&old_files, &is_note);
    let pool = index::parse_pool()?;
    let examine_all = |chunk: &[Pending], old_files: &BTreeMap<String, FileEntry>| -> Vec<Examined> {
        pool.install(|| {
            chunk
                .par_iter()
                .map(|p| {
                    let rule = config.parse_rule(p.rel);
                    let (f, w) = examine(
                        p.file,
                        p.rel,
                        &p.stat,
                        old_files.get(p.rel),
                        taxonomy,
                        rule,
                        &aliases,
                        &is_note,
                    );
                    progress.file_done(p.size());
                    (p.rel.to_string(), f, w)
                })
                .collect()
        })
    };
    // Files read again whatever their manifest says (their sessions written anew).
    let read_again = |rels: &[String]| -> Vec<Examined> {
        let files: Vec<PathBuf> = rels.iter().map(|rel| corpus::note_path(corpus_root, rel)).collect();
        let stats = corpus::stat_files(&files);
        let again: Vec<Pending> = files
            .iter()
            .zip(rels)
            .zip(stats)
            .map(|((file, rel), stat)| Pending { file, rel, stat })
            .collect();
        examine_all(&again, &BTreeMap::new())
    };

    // The entries of files read this run, and the files that vanished before they were read.
    // Reserved for every file read: grown by doubling, the vector held up to twice its entries
    // at the end of a full run (tens of megabytes at 1 GB of notes).
    let mut changes: Vec<(String, FileEntry)> = Vec::with_capacity(pending.len() + schedules.len());
    let mut vanished: Vec<String> = Vec::new();
    let (_, fields) = index::schema();
    // Read from the index only once something is written: a no-op run stays a stat walk.
    let mut spellings: Option<Spellings> = None;
    // The writer (and its lock and memory arena) only once there is something to write.
    let mut writer: Option<index::Writer> = None;
    if full {
        writer_for(idx, &mut writer)?
            .delete_all_documents()
            .context("clearing the index")?;
    }
    let mut read_now: BTreeSet<String> = BTreeSet::new();
    let mut examined_schedules = if schedules.is_empty() {
        Vec::new()
    } else {
        examine_all(&schedules, &old_files)
    };
    let programmes = Programmes::gather(
        &mut examined_schedules,
        &old_files,
        &named,
        !pending.is_empty() || some_gone,
        &in_unreadable,
        &read_again,
        &mut warnings,
    );
    let matcher = programmes.matcher();
    // Notes are parsed a chunk at a time, in parallel, on a thread of their own, and a chunk's
    // sessions handed to the writer's threads while the next chunk is parsed (the channel holds
    // none: one chunk parsed ahead at most). Memory stays bounded by two chunks and the
    // writer's budget, whatever the size of the corpus; neither side waits for the other to
    // finish a chunk (BENCHMARKS.md, "Indexing, third round").
    std::thread::scope(|scope| -> Result<()> {
        let (parsed, next_chunk) = std::sync::mpsc::sync_channel(0);
        let threads = pool.current_num_threads();
        let (examine_all, old_files, pending) = (&examine_all, &old_files, &pending);
        scope.spawn(move || {
            let chunks = chunks(pending, threads, Pending::size);
            // The disk reads the next chunks' files while this one is parsed.
            chunks.iter().take(PREFETCH_CHUNKS).for_each(|c| prefetch(c));
            for (i, chunk) in chunks.iter().enumerate() {
                if let Some(ahead) = chunks.get(i + PREFETCH_CHUNKS) {
                    prefetch(ahead);
                }
                // The receiver gone: the run stopped on an error.
                if parsed.send(examine_all(chunk, old_files)).is_err() {
                    break;
                }
            }
        });
        for examined in std::iter::once(examined_schedules).chain(next_chunk) {
            // The chunk's index pages first: the talk files they list may be in this chunk.
            for (rel, f, _) in &examined {
                if let Found::Parsed { entry, .. } = f
                    && (!entry.entries.is_empty() || !links.is_empty())
                {
                    links.set_page(rel, &entry.entries, &is_note);
                }
            }
            for (rel, f, w) in examined {
                warnings.extend(w);
                match f {
                    Found::Failed { known: true } => {
                        summary.unchanged += 1;
                        kept_old += 1;
                    }
                    Found::Touched(entry) => {
                        summary.unchanged += 1;
                        kept_old += 1;
                        touched = true;
                        changes.push((rel, entry));
                    }
                    Found::Parsed {
                        mut entry,
                        mut sessions,
                        is_new,
                    } => {
                        enrich(&rel, &mut sessions, &mut entry, &links, taxonomy, &aliases);
                        matcher.match_notes(&mut sessions, &mut entry);
                        let w = writer_for(idx, &mut writer)?;
                        if is_new {
                            summary.added += 1;
                        } else {
                            summary.modified += 1;
                            kept_old += 1;
                            w.delete_term(Term::from_field_text(fields.path, &rel));
                        }
                        // A programme's talks are written once every note is matched to them.
                        if !programmes.holds(&rel) {
                            let sp = spellings.get_or_insert_with(|| Spellings::from_index(idx));
                            add_sessions(w, &fields, &sessions, &rel, sp)?;
                        }
                        // Kept only when notes may be matched again after the walk: a full
                        // run of a large corpus would hold every path for nothing.
                        if programmes.will_match_again() {
                            read_now.insert(rel.clone());
                        }
                        changes.push((rel, entry));
                    }
                    Found::Gone => vanished.push(rel),
                    Found::Failed { known: false } => {}
                }
            }
        }
        Ok(())
    })?;
    // Every file is read: the paths go (a path for each file of the corpus).
    drop(pending);
    progress.finish();
    // Files of the manifest not found this run: looked for only when some are missing.
    let gone: Vec<String> = if kept_old == old_files.len() {
        Vec::new()
    } else {
        let vanished: HashSet<&str> = vanished.iter().map(String::as_str).collect();
        let found: HashSet<&str> = named
            .iter()
            .map(|(rel, _)| rel.as_str())
            .filter(|rel| !vanished.contains(rel))
            .collect();
        old_files
            .keys()
            .filter(|rel| !found.contains(rel.as_str()))
            .cloned()
            .collect()
    };
    let mut removed = Vec::new();
    for rel in gone {
        if in_unreadable(&rel) {
            summary.unchanged += 1;
            continue;
        }
        summary.removed += 1;
        writer_for(idx, &mut writer)?.delete_term(Term::from_field_text(fields.path, &rel));
        if old_files.get(&rel).is_some_and(|e| !e.entries.is_empty()) {
            links.set_page(&rel, &[], &is_note);
        }
        removed.push(rel);
    }
    // The next manifest: the old one's entries moved (a no-op run touches none of them),
    // then this run's changes.
    let mut next = Manifest {
        schema_version: index::SCHEMA_VERSION,
        config_hash,
        files: old_files,
        ..Manifest::default()
    };
    for rel in &removed {
        next.files.remove(rel);
    }
    if next.files.is_empty() {
        // A full run: built in one pass from the entries in path order, its nodes full (one at
        // a time, in order, they are left half full: twice the memory at the end of the run).
        next.files = changes.into_iter().collect();
    } else {
        next.files.extend(changes);
    }
    // Files written with what index pages said before this run's changes (a page edited or
    // removed, a talk file added), and pages whose entries now name other files: read again.
    // Files read again and written over their old sessions; their manifest entries.
    // (A programme's talks are written last, with their notes.)
    let rewrite = |w: &mut index::Writer, sp: &mut Spellings, rels: &[String]| -> Result<Vec<(String, FileEntry)>> {
        let mut entries = Vec::new();
        for (rel, f, _) in read_again(rels) {
            if let Found::Parsed {
                mut entry,
                mut sessions,
                ..
            } = f
                && !programmes.holds(&rel)
            {
                enrich(&rel, &mut sessions, &mut entry, &links, taxonomy, &aliases);
                matcher.match_notes(&mut sessions, &mut entry);
                w.delete_term(Term::from_field_text(fields.path, &rel));
                add_sessions(w, &fields, &sessions, &rel, sp)?;
                entries.push((rel, entry));
            }
        }
        Ok(entries)
    };
    // Notes of the years of a programme added, changed or removed, not read this run: matched
    // again.
    let mut outdated = outdated_by_links(&next.files, &links, &is_note);
    outdated.extend(programmes.notes_to_match_again(&next.files, &read_now));
    let outdated: Vec<String> = outdated.into_iter().collect();
    if !outdated.is_empty() {
        let w = writer_for(idx, &mut writer)?;
        let sp = spellings.get_or_insert_with(|| Spellings::from_index(idx));
        next.files.extend(rewrite(w, sp, &outdated)?);
    }
    // A conference first met as `pygotham` and later as `PyGotham`: the files written with
    // the worse spelling are written again (rare: one spelling per conference is the norm).
    // Their manifest entries stay: the same text, only the spelling written changed.
    if let (Some(w), Some(sp)) = (writer.as_mut(), spellings.as_mut()) {
        let outdated = sp.outdated_files();
        rewrite(w, sp, &outdated)?;
    }
    // The programmes read this run, and those whose talks' notes changed: written with them.
    for (rel, sessions) in programmes.to_write(&mut next.files) {
        let w = writer_for(idx, &mut writer)?;
        let sp = spellings.get_or_insert_with(|| Spellings::from_index(idx));
        w.delete_term(Term::from_field_text(fields.path, &rel));
        add_sessions(w, &fields, &sessions, &rel, sp)?;
    }
    // Files kept from unreadable folders count as files of the index.
    summary.files = next.files.len();
    summary.sessions = next.sessions();
    summary.links = next.links();
    summary.warnings = warnings;

    let mut writer = match writer {
        Some(w) => w,
        None if touched => index::writer(idx)?,
        None => {
            // Nothing to write: no commit, no new segment.
            index::write_search_config(index_dir, &config.search)?;
            return Ok(summary);
        }
    };
    // The manifest is written before the commit is prepared, while the writer's threads still
    // index, and the run's per-file state is freed: preparing serialises the last segment beside
    // its full arena, the run's peak of memory (BENCHMARKS.md, "Indexing, third round").
    let payload = next.save(index_dir)?;
    drop((next, spellings, links, schedules, pool));
    drop(matcher);
    drop(programmes);
    drop((named, files));
    index::release_free_memory();
    let mut prepared = writer.prepare_commit().context("preparing the index commit")?;
    prepared.set_payload(&payload);
    prepared.commit().context("committing the index")?;
    manifest::remove_stale(index_dir, &payload);
    writer.wait_merging_threads().context("finishing index merges")?;
    index::lexicon::refresh(index_dir, idx);
    index::write_search_config(index_dir, &config.search)?;
    Ok(summary)
}

fn writer_for<'w>(idx: &tantivy::Index, writer: &'w mut Option<index::Writer>) -> Result<&'w mut index::Writer> {
    if writer.is_none() {
        *writer = Some(index::writer(idx)?);
    }
    Ok(writer.as_mut().expect("opened above"))
}

fn add_sessions(
    writer: &mut index::Writer,
    fields: &index::Fields,
    sessions: &[Session],
    rel: &str,
    spellings: &mut Spellings,
) -> Result<()> {
    for s in sessions {
        let conference = s.conference.as_deref().map(|c| spellings.spell(rel, c));
        writer
            .add(
                index::document(fields, s, conference.as_deref()),
                index::document_bytes(s),
            )
            .with_context(|| format!("adding the sessions of {rel} to the index"))?;
    }
    Ok(())
}
