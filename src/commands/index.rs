//! `confsearch index`: bring the index up to date with the notes folder.
//!
//! Incremental: files whose size and mtime are unchanged are not read; files whose content
//! hash is unchanged are not parsed; only new and changed files are parsed (in parallel), and
//! the sessions of changed and removed files are deleted. Sessions and the manifest of files
//! go into one tantivy commit, so an interrupted run leaves the previous index as it was.

use crate::index::links_in::{self, LinksIn};
use crate::index::manifest::{self, FileEntry, Manifest};
use crate::notes::{self, Session};
use crate::paths::{self, Locations};
use crate::{config, corpus, index};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;
use tantivy::Term;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IndexOptions {
    pub rebuild: bool,
    pub quiet: bool,
    /// Which symbolic links the walk follows (`--follow`).
    pub follow: corpus::Follow,
}

/// What an index run did, for the summary line.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
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
    pub fn changed(&self) -> bool {
        self.added + self.modified + self.removed > 0
    }

    pub fn line(&self, seconds: f64) -> String {
        let w = self.warnings.len();
        format!(
            "indexed {} files (+{} ~{} -{} ={}): {} sessions, {} links, {w} warning{} in {seconds:.2}s",
            self.files,
            self.added,
            self.modified,
            self.removed,
            self.unchanged,
            self.sessions,
            self.links,
            if w == 1 { "" } else { "s" },
        )
    }
}

/// One note file as found on disk this run (one whose size or mtime is not the manifest's).
enum Found {
    /// Read; same content as before (only its mtime moved).
    Touched(FileEntry),
    /// New or changed: its sessions to write.
    Parsed {
        entry: FileEntry,
        sessions: Vec<Session>,
        is_new: bool,
    },
    /// Could not be read this time: the index keeps what it has for it, if anything
    /// (`known`: the manifest has it). Nothing is lost.
    Failed { known: bool },
    /// Vanished between the walk and the read.
    Gone,
}

/// A file to read: its size or mtime is not the manifest's, or it is new.
struct Pending<'a> {
    file: &'a Path,
    rel: String,
    stat: std::io::Result<corpus::FileStat>,
}

impl Pending<'_> {
    /// The file's size as the stat saw it (0 when it could not be seen).
    fn size(&self) -> u64 {
        self.stat.as_ref().map_or(0, |s| s.size)
    }
}

/// One index run, then with `then_watch` the watch, holding the index folder throughout.
pub fn run(loc: &Locations, opts: IndexOptions, then_watch: bool, err: &mut dyn Write) -> Result<Summary> {
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
        writeln!(err, "{}", summary.line(started.elapsed().as_secs_f64()))?;
    }
    // The folder stays held from the first pass to the end of the watch: no other writer
    // can slip in between.
    if then_watch {
        watch(loc, opts, &lock, err)?;
    }
    Ok(summary)
}

fn require_corpus(corpus_root: &Path) -> Result<()> {
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
pub fn update(corpus_root: &Path, index_dir: &Path, opts: IndexOptions, err: &mut dyn Write) -> Result<Summary> {
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
            pending.push(Pending {
                file,
                rel: rel.clone(),
                stat,
            });
        }
    }
    // The walk's order is the folder's; the files read go in `Path` order, whatever the file
    // system lists first (the first spelling of a conference, the order of documents). A no-op
    // run has none to sort.
    corpus::sort_in_path_order(&mut pending, |p| p.file);
    let progress = Progress::new(&pending, opts.quiet);
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
    let examine_all =
        |chunk: &[Pending], old_files: &BTreeMap<String, FileEntry>| -> Vec<(String, Found, Vec<String>)> {
            pool.install(|| {
                chunk
                    .par_iter()
                    .map(|p| {
                        let rule = config.parse_rule(&p.rel);
                        let (f, w) = examine(
                            p.file,
                            &p.rel,
                            &p.stat,
                            old_files.get(&p.rel),
                            taxonomy,
                            rule,
                            &aliases,
                            &is_note,
                        );
                        progress.file_done(p.size());
                        (p.rel.clone(), f, w)
                    })
                    .collect()
            })
        };

    // The entries of files read this run, and the files that vanished before they were read.
    let mut changes: Vec<(String, FileEntry)> = Vec::new();
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
    // Notes are parsed a chunk at a time, in parallel, and their sessions handed to the
    // writer's own threads while the next chunk is parsed: memory stays bounded by a chunk
    // and the writer's budget, whatever the size of the corpus.
    for chunk in chunks(&pending, Pending::size) {
        let examined = examine_all(chunk, &old_files);
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
                    let w = writer_for(idx, &mut writer)?;
                    if is_new {
                        summary.added += 1;
                    } else {
                        summary.modified += 1;
                        kept_old += 1;
                        w.delete_term(Term::from_field_text(fields.path, &rel));
                    }
                    let sp = spellings.get_or_insert_with(|| Spellings::from_index(idx));
                    add_sessions(w, &fields, &sessions, &rel, sp)?;
                    changes.push((rel, entry));
                }
                Found::Gone => vanished.push(rel),
                Found::Failed { known: false } => {}
            }
        }
    }
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
    next.files.extend(changes);
    // Files written with what index pages said before this run's changes (a page edited or
    // removed, a talk file added), and pages whose entries now name other files: read again.
    // Files read again and written over their old sessions; their manifest entries.
    let rewrite = |w: &mut index::Writer, sp: &mut Spellings, rels: &[String]| -> Result<Vec<(String, FileEntry)>> {
        let files: Vec<PathBuf> = rels.iter().map(|rel| corpus::note_path(corpus_root, rel)).collect();
        let stats = corpus::stat_files(&files);
        let again: Vec<Pending> = files
            .iter()
            .zip(rels)
            .zip(stats)
            .map(|((file, rel), stat)| Pending {
                file,
                rel: rel.clone(),
                stat,
            })
            .collect();
        let mut entries = Vec::new();
        for (rel, f, _) in examine_all(&again, &BTreeMap::new()) {
            if let Found::Parsed {
                mut entry,
                mut sessions,
                ..
            } = f
            {
                enrich(&rel, &mut sessions, &mut entry, &links, taxonomy, &aliases);
                w.delete_term(Term::from_field_text(fields.path, &rel));
                add_sessions(w, &fields, &sessions, &rel, sp)?;
                entries.push((rel, entry));
            }
        }
        Ok(entries)
    };
    let outdated: Vec<String> = outdated_by_links(&next.files, &links, &is_note).into_iter().collect();
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
    let mut prepared = writer.prepare_commit().context("preparing the index commit")?;
    let payload = next.save(index_dir)?;
    prepared.set_payload(&payload);
    prepared.commit().context("committing the index")?;
    manifest::remove_stale(index_dir, &payload);
    writer.wait_merging_threads().context("finishing index merges")?;
    index::lexicon::refresh(index_dir, idx);
    index::write_search_config(index_dir, &config.search)?;
    Ok(summary)
}

/// Adds to a file's sessions what index pages say about it, and records what that was.
fn enrich(
    rel: &str,
    sessions: &mut [Session],
    entry: &mut FileEntry,
    links: &LinksIn,
    taxonomy: &notes::Taxonomy,
    aliases: &BTreeMap<String, String>,
) {
    let about = links.about(rel);
    entry.enriched = links_in::fingerprint(&about);
    if !about.is_empty() && notes::enrich::apply(rel, sessions, &about, taxonomy) {
        // Speakers named by the page go through the aliases as the file's own do.
        config::apply_aliases(aliases, sessions);
    }
}

/// Files whose sessions were written with other index-page entries than the ones there are
/// now, and pages whose entries name other files now (sorted). Nothing to look at in a
/// corpus without index pages.
fn outdated_by_links(
    files: &BTreeMap<String, FileEntry>,
    links: &LinksIn,
    is_note: &dyn Fn(&str) -> bool,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (rel, e) in files
        .iter()
        .filter(|(_, e)| !e.enriched.is_empty() || !e.entries.is_empty())
    {
        if e.enriched != links_in::fingerprint(&links.about(rel)) || links_in::page_outdated(e, is_note) {
            out.insert(rel.clone());
        }
    }
    for rel in links.files() {
        if files
            .get(rel)
            .is_some_and(|e| e.enriched != links_in::fingerprint(&links.about(rel)))
        {
            out.insert(rel.clone());
        }
    }
    out
}

/// Files parsed per chunk: enough to keep every core busy, few enough to bound memory.
const CHUNK_FILES: usize = 64;
/// Bytes of notes parsed per chunk: a few huge notes make a chunk of their own.
const CHUNK_BYTES: u64 = 128 << 20;

/// The most of one note file that is read and indexed: 64 MiB (ten years of daily notes fit
/// in a few MB). A larger file is indexed up to there, with a warning naming it.
pub const MAX_NOTE_BYTES: u64 = 64 << 20;
/// The most of one session's notes that is stored and indexed: 1 MiB (a long talk's notes
/// are a few KB). Beyond it the notes are cut, with a warning naming the file and line, so
/// a query never loads more than this to build a snippet.
pub const MAX_SESSION_BYTES: usize = 1 << 20;

/// `files` in chunks of at most [`CHUNK_FILES`] files and about [`CHUNK_BYTES`] bytes
/// (`size_of` says a file's size; a file larger than that is a chunk alone).
fn chunks<T>(files: &[T], size_of: impl Fn(&T) -> u64) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, file) in files.iter().enumerate() {
        let size = size_of(file).min(MAX_NOTE_BYTES);
        if i > start && (i - start >= CHUNK_FILES || bytes + size > CHUNK_BYTES) {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Reads at most [`MAX_NOTE_BYTES`] of a note (cut before an incomplete UTF-8 character at
/// the cut), and hashes the whole file, a buffer at a time. The flag says it was cut.
fn read_capped(file: &Path) -> std::io::Result<(Vec<u8>, String, bool)> {
    use std::io::Read;
    let mut f = std::fs::File::open(file)?;
    let mut bytes = Vec::new();
    (&mut f).take(MAX_NOTE_BYTES).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < MAX_NOTE_BYTES {
        let hash = manifest::hash(&bytes);
        return Ok((bytes, hash, false));
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(&bytes);
    let mut buf = vec![0; 1 << 20];
    let mut more = false;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        more = true;
        hasher.update(&buf[..n]);
    }
    if more
        && let Err(e) = std::str::from_utf8(&bytes)
        && e.error_len().is_none()
    {
        bytes.truncate(e.valid_up_to());
    }
    Ok((bytes, hasher.finalize().to_hex().to_string(), more))
}

/// The largest char boundary of `s` at or below `at`.
fn char_floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Cuts the notes of sessions longer than [`MAX_SESSION_BYTES`], with a warning each.
fn cap_sessions(file: &Path, sessions: &mut [Session], warnings: &mut Vec<String>) {
    for s in sessions {
        if s.body.len() > MAX_SESSION_BYTES {
            s.body.truncate(char_floor(&s.body, MAX_SESSION_BYTES));
            warnings.push(format!(
                "{}:{}: the notes of this session are longer than {} MiB: only the first {} MiB are indexed",
                file.display(),
                s.source.line,
                MAX_SESSION_BYTES >> 20,
                MAX_SESSION_BYTES >> 20
            ));
        }
        if s.title.len() > MAX_SESSION_BYTES {
            s.title.truncate(char_floor(&s.title, MAX_SESSION_BYTES));
        }
    }
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

/// One spelling per conference: `Djangocon US` and `DjangoCon US` are the same conference,
/// shown as the spelling with the most capitals, whichever file came first.
struct Spellings {
    best: HashMap<String, String>,
    /// Conference key → each spelling written this run → the files written with it.
    written: HashMap<String, HashMap<String, Files>>,
}

/// Paths of files, one after another in one string, each once in a row: tens of thousands
/// of files at 1 GB, without a string (and a map entry) each.
#[derive(Default)]
struct Files {
    paths: String,
    last: std::ops::Range<usize>,
}

impl Files {
    /// Paths end with a NUL, which no file name holds.
    fn push(&mut self, rel: &str) {
        if self.paths.get(self.last.clone()) == Some(rel) {
            return;
        }
        let start = self.paths.len();
        self.paths.push_str(rel);
        self.last = start..self.paths.len();
        self.paths.push('\0');
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.paths.split_terminator('\0')
    }
}

impl Spellings {
    /// Starting from the spellings already in the index.
    fn from_index(idx: &tantivy::Index) -> Spellings {
        let mut s = Spellings {
            best: HashMap::new(),
            written: HashMap::new(),
        };
        let existing = idx.reader().ok().map(|r| {
            let searcher = r.searcher();
            let conference = index::Fields::name(index::schema().1.f_conference);
            let mut c = tantivy::collector::FacetCollector::for_field(conference);
            c.add_facet(tantivy::schema::Facet::root());
            searcher
                .search(&tantivy::query::AllQuery, &c)
                .map(|counts| {
                    counts
                        .get("/")
                        .filter_map(|(f, _)| f.to_path().first().map(|s| s.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        for name in existing.unwrap_or_default() {
            s.consider(name.to_lowercase(), &name);
        }
        s
    }

    /// `name` (whose lower case is `key`) against the best spelling so far; the best after.
    fn consider(&mut self, key: String, name: &str) -> &str {
        let caps = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
        let best = self.best.entry(key).or_insert_with(|| name.to_string());
        if caps(name) > caps(best) {
            *best = name.to_string();
        }
        best
    }

    /// The spelling to write for a session of `rel` naming `conference`.
    fn spell(&mut self, rel: &str, conference: &str) -> String {
        let key = conference.to_lowercase();
        let chosen = self.consider(key.clone(), conference).to_string();
        // Once per file, not once per session (a file's sessions come one after another).
        let by_spelling = self.written.entry(key).or_default();
        match by_spelling.get_mut(&chosen) {
            Some(files) => files.push(rel),
            None => by_spelling.entry(chosen.clone()).or_default().push(rel),
        }
        chosen
    }

    /// Files written with a spelling that is no longer the best (for any of their sessions).
    fn outdated_files(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .written
            .iter()
            .flat_map(|(key, by_spelling)| {
                let best = &self.best[key];
                by_spelling
                    .iter()
                    .filter(move |(used, _)| *used != best)
                    .flat_map(|(_, files)| files.iter().map(str::to_string))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A file that could not be read this time keeps what the index has, with a warning.
fn failed(file: &Path, old: Option<&FileEntry>, e: &std::io::Error) -> (Found, Vec<String>) {
    (
        Found::Failed { known: old.is_some() },
        vec![format!("cannot read {}: {e}", file.display())],
    )
}

/// Read and hash, maybe parse one file, whose stat (`stat`) did not match its manifest
/// entry (`old`), if it has one.
#[allow(clippy::too_many_arguments)]
fn examine(
    file: &Path,
    rel: &str,
    stat: &std::io::Result<corpus::FileStat>,
    old: Option<&FileEntry>,
    taxonomy: &notes::Taxonomy,
    rule: Option<&notes::rule::ParseRule>,
    aliases: &BTreeMap<String, String>,
    is_note: &(dyn Fn(&str) -> bool + Sync),
) -> (Found, Vec<String>) {
    let corpus::FileStat { size, mtime } = match stat {
        Ok(s) => *s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Found::Gone, Vec::new()),
        Err(e) => return failed(file, old, e),
    };
    let (bytes, hash, cut) = match read_capped(file) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Found::Gone, Vec::new()),
        Err(e) => return failed(file, old, &e),
    };
    if let Some(o) = old.filter(|o| o.hash == hash) {
        return (
            Found::Touched(FileEntry {
                size,
                mtime,
                ..o.clone()
            }),
            Vec::new(),
        );
    }
    let mut warnings = Vec::new();
    if cut {
        warnings.push(format!(
            "{} is larger than {} MiB: only its first {} MiB are indexed",
            file.display(),
            MAX_NOTE_BYTES >> 20,
            MAX_NOTE_BYTES >> 20
        ));
    }
    let decoded = corpus::decode(file, &bytes);
    drop(bytes);
    let mut entries = Vec::new();
    let sessions = match decoded {
        Ok(note) => {
            warnings.extend(note.warning);
            let page = notes::index_pages::parse_page_with_rule(rel, &note.text, taxonomy, rule, is_note);
            // Entries without a link to a note are talks of the page already: nothing to keep.
            entries = page.entries.into_iter().filter(|e| e.is_linked()).collect();
            let parsed = page.note;
            warnings.extend(
                parsed
                    .warnings
                    .into_iter()
                    .map(|w| format!("{}:{}: {}", file.display(), w.line, w.message)),
            );
            let mut sessions = parsed.sessions;
            cap_sessions(file, &mut sessions, &mut warnings);
            config::apply_aliases(aliases, &mut sessions);
            sessions
        }
        Err(e) => {
            warnings.push(e.to_string());
            Vec::new()
        }
    };
    let entry = FileEntry {
        size,
        mtime,
        hash,
        sessions: sessions.len(),
        links: sessions.iter().map(|s| s.links.len()).sum(),
        entries,
        enriched: String::new(),
    };
    (
        Found::Parsed {
            entry,
            sessions,
            is_new: old.is_none(),
        },
        warnings,
    )
}

/// Progress on stderr when it is a terminal: files and MB read, rate, time left.
struct Progress {
    bar: indicatif::ProgressBar,
    files: usize,
    done: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// The bar of the files to read (the others are not read).
    fn new(files: &[Pending], quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let hidden = quiet || !std::io::stderr().is_terminal();
        let bar = if hidden {
            indicatif::ProgressBar::hidden()
        } else {
            let bytes = files.iter().map(Pending::size).sum();
            let bar = indicatif::ProgressBar::new(bytes);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} indexing {msg} files {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar.set_message(format!("0/{}", files.len()));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        };
        crate::interrupt::set_bar(Some(bar.clone()));
        Progress {
            bar,
            files: files.len(),
            done: Default::default(),
        }
    }

    /// One file of `size` bytes examined.
    fn file_done(&self, size: u64) {
        if self.bar.is_hidden() {
            return;
        }
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        self.bar.inc(size);
        self.bar.set_message(format!("{done}/{}", self.files));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
        crate::interrupt::set_bar(None);
    }
}

/// The bar is cleared whichever way the run ends, error included.
impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
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
                    writeln!(err, "{}", s.line(started.elapsed().as_secs_f64()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_written_with_an_older_spelling_by_one_session_is_outdated() {
        let mut sp = Spellings {
            best: HashMap::new(),
            written: HashMap::new(),
        };
        // Two sessions of one file: the first before the better spelling is met.
        assert_eq!(sp.spell("a.md", "pygotham"), "pygotham");
        assert_eq!(sp.spell("b.md", "PyGotham"), "PyGotham");
        assert_eq!(sp.spell("a.md", "PyGotham"), "PyGotham");
        assert_eq!(sp.spell("c.md", "pygotham"), "PyGotham");
        assert_eq!(sp.outdated_files(), vec!["a.md".to_string()]);
    }

    #[test]
    fn files_keep_each_path_once_in_a_row() {
        let mut f = Files::default();
        for rel in ["a.md", "a.md", "b/c.md", "a.md"] {
            f.push(rel);
        }
        assert_eq!(f.iter().collect::<Vec<_>>(), ["a.md", "b/c.md", "a.md"]);
    }

    #[test]
    fn chunks_are_bounded_by_files_and_by_bytes() {
        let files: Vec<PathBuf> = (0..150).map(|i| PathBuf::from(format!("{i}.md"))).collect();
        let sizes: Vec<usize> = chunks(&files, |_| 1).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [64, 64, 22]);
        // Huge files count up to the read cap: two to a chunk.
        let huge = |p: &PathBuf| if p == Path::new("0.md") { 1 } else { 300 << 20 };
        let sizes: Vec<usize> = chunks(&files[..5], huge).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [2, 2, 1]);
    }
}
