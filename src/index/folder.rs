//! The index folder as confsearch owns it: the marker and schema version, the write lock,
//! which files are its own, opening an index checked for damage, and (re)creating one. Nothing
//! here removes a file confsearch did not write.

use super::{SCHEMA_VERSION, SEARCH_CONFIG_FILE, VERSION_FILE, directory, lexicon, manifest, open, register, schema};
use anyhow::{Context, Result};
use std::path::Path;
use tantivy::schema::Schema;
use tantivy::store::Compressor;
use tantivy::{Index, IndexSettings};

/// Whether `dir` holds an index confsearch can read.
pub(crate) fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// What names the index's last commit (`meta.json`, rewritten whole by every commit): equal
/// stamps, same commit. `None` when there is no index.
pub(crate) fn commit_stamp(dir: &Path) -> Option<Vec<u8>> {
    std::fs::read(dir.join("meta.json")).ok()
}

/// The schema version an index was written with, if it says.
pub(super) fn version(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(VERSION_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Was the index in `dir` written with this [`SCHEMA_VERSION`]? `index` rebuilds one that was
/// not; queries refuse it.
pub(crate) fn is_current(dir: &Path) -> bool {
    version(dir) == Some(SCHEMA_VERSION)
}

/// Does `dir` carry the marker of a folder confsearch owns (its schema version file)?
pub(crate) fn is_marked(dir: &Path) -> bool {
    dir.join(VERSION_FILE).is_file()
}

/// Writes the marker, which also says the schema version the index is written with.
pub(crate) fn mark(dir: &Path) -> Result<()> {
    let path = dir.join(VERSION_FILE);
    std::fs::write(&path, SCHEMA_VERSION.to_string()).with_context(|| format!("writing {}", path.display()))
}

/// The lock an `index` run holds, and `index --watch` for its whole life.
const LOCK_FILE: &str = "confsearch-lock";

/// The file extensions of a tantivy segment (`<32 hex digits>.<ext>`, deletes as
/// `<id>.<opstamp>.del`, a docstore being written as `<id>.store.temp`).
const SEGMENT_EXTENSIONS: [&str; 8] = ["idx", "pos", "term", "store", "fast", "fieldnorm", "del", "temp"];

/// Is `name` a file of one tantivy segment?
fn segment_of(name: &str) -> Option<&str> {
    let (id, ext) = name.split_once('.')?;
    let known = ext.rsplit('.').next().is_some_and(|e| SEGMENT_EXTENSIONS.contains(&e));
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) && known).then_some(id)
}

/// Is `name` one of the files confsearch (or tantivy for it) writes in an index folder?
pub(crate) fn is_own_file(name: &str) -> bool {
    let name = name.strip_suffix(".tmp").unwrap_or(name);
    matches!(
        name,
        "meta.json"
            | ".managed.json"
            | ".tantivy-writer.lock"
            | ".tantivy-meta.lock"
            | VERSION_FILE
            | SEARCH_CONFIG_FILE
            | LOCK_FILE
            | crate::paths::CORPUS_FILE
    ) || manifest::is_manifest_file(name)
        || lexicon::is_lexicon_file(name)
        || segment_of(name).is_some()
}

/// Why confsearch will not write into a folder.
#[derive(Debug, thiserror::Error)]
pub(super) enum IndexError {
    #[error(
        "{0} is not empty and holds no confsearch index: confsearch writes an index only into a new or empty folder, or one holding its own index (choose another with --index DIR)"
    )]
    NotOurs(String),
    #[error("refusing to write an index into {0}: choose a folder of its own with --index DIR")]
    Root(String),
    #[error("the index in {dir} is damaged ({cause}): run `confsearch index --rebuild` to rebuild it")]
    Damaged { dir: String, cause: String },
    #[error("another `confsearch index` (or `index --watch`) is running on the index in {0}; wait for it to finish")]
    Busy(String),
}

/// Whether `e` says an index is damaged (to rebuild, as no index is to build: the web API's 503).
pub(crate) fn is_damaged(e: &(dyn std::error::Error + 'static)) -> bool {
    matches!(e.downcast_ref(), Some(IndexError::Damaged { .. }))
}

/// The error saying an index is damaged and how to repair it, on one line.
pub(crate) fn damaged(dir: &Path, cause: &anyhow::Error) -> anyhow::Error {
    let cause = format!("{:#}", cause.root_cause()).replace(['\n', '\r'], " ");
    // tantivy's "Data corruption (in file `\"meta.json\"`): …Content: …" says more than a user needs.
    let cause = match cause
        .split_once("in file `\"")
        .and_then(|(_, rest)| rest.split_once('"'))
    {
        Some((file, _)) => format!("{file} cannot be read"),
        None => cause,
    };
    IndexError::Damaged {
        dir: dir.display().to_string(),
        cause,
    }
    .into()
}

/// Holds the index folder for one writer; released when dropped (or when the process ends,
/// however it ends).
#[derive(Debug)]
pub(crate) struct WriteLock {
    _file: std::fs::File,
}

/// Takes the index folder for writing: refuses a folder confsearch does not own (anything but
/// a missing or empty folder, or one carrying its marker), creates it, marks it, and locks it.
pub(crate) fn claim(dir: &Path) -> Result<WriteLock> {
    if crate::paths::absolute(dir).parent().is_none() {
        return Err(IndexError::Root(dir.display().to_string()).into());
    }
    let empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(e).with_context(|| format!("reading index folder {}", dir.display())),
    };
    if !empty && !is_marked(dir) {
        return Err(IndexError::NotOurs(dir.display().to_string()).into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating index folder {}", dir.display()))?;
    if empty {
        // The marker first: from here on the folder is confsearch's, whatever happens next.
        mark(dir)?;
    }
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(WriteLock { _file: file }),
        Ok(false) => Err(IndexError::Busy(dir.display().to_string()).into()),
        Err(e) => Err(e).with_context(|| format!("locking {}", path.display())),
    }
}

/// Opens the index in `dir` and checks that every file its last commit names is there: a
/// damaged index is an [`IndexError::Damaged`], never a raw tantivy error.
pub(crate) fn open_checked(dir: &Path) -> Result<Index> {
    check(dir, open(dir).map_err(|e| damaged(dir, &e))?)
}

/// [`open_checked`] for the `index` command: through [`directory::ReleasingDirectory`], so the
/// pages its merges read do not stay resident.
fn open_checked_for_write(dir: &Path) -> Result<Index> {
    let releasing = directory::ReleasingDirectory::open(dir).map_err(|e| damaged(dir, &e.into()))?;
    let index = Index::open(releasing)
        .map(register)
        .map_err(|e| damaged(dir, &e.into()))?;
    check(dir, index)
}

/// `index` if every file its segments need is there.
fn check(dir: &Path, index: Index) -> Result<Index> {
    let metas = index.searchable_segment_metas().map_err(|e| damaged(dir, &e.into()))?;
    for meta in metas {
        let mut components = vec![
            tantivy::index::SegmentComponent::Postings,
            tantivy::index::SegmentComponent::Positions,
            tantivy::index::SegmentComponent::Terms,
            tantivy::index::SegmentComponent::Store,
            tantivy::index::SegmentComponent::FastFields,
            tantivy::index::SegmentComponent::FieldNorms,
        ];
        if meta.has_deletes() {
            components.push(tantivy::index::SegmentComponent::Delete);
        }
        for c in components {
            let file = dir.join(meta.relative_path(c));
            if !file.is_file() {
                return Err(damaged(
                    dir,
                    &anyhow::anyhow!("{} is missing", file.file_name().unwrap_or_default().to_string_lossy()),
                ));
            }
        }
    }
    Ok(index)
}

/// Opens the index in `dir` (claimed with [`claim`]) for writing, creating it, or recreating
/// it when it was written by another schema version or, with `rebuild`, when it is damaged.
/// The second value says it was recreated.
pub(crate) fn open_for_write(dir: &Path, rebuild: bool) -> Result<(Index, bool)> {
    let (schema, _) = schema();
    let current = is_current(dir);
    if exists(dir) && current {
        match open_checked_for_write(dir) {
            Ok(index) => {
                remove_unlisted_segments(dir, &index);
                return Ok((index, false));
            }
            Err(e) if !rebuild => return Err(e),
            Err(_) => {}
        }
    }
    let recreated = exists(dir);
    // Another schema, a damaged index or a run that died before its first commit: remove
    // the index's own files (never anything else) and start again.
    remove_own_files(dir)?;
    mark(dir)?;
    let index = create(dir, schema)?;
    Ok((register(index), recreated && !current))
}

/// Removes the index files of `dir`: tantivy's segments and metadata, our manifests and
/// search configuration. The marker, the lock and the recorded notes folder stay.
fn remove_own_files(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let keep = [
            VERSION_FILE,
            LOCK_FILE,
            crate::paths::CORPUS_FILE,
            ".tantivy-writer.lock",
            ".tantivy-meta.lock",
        ];
        if is_own_file(&name) && !keep.contains(&name.as_str()) && path.is_file() {
            std::fs::remove_file(&path).with_context(|| format!("removing old index file {}", path.display()))?;
        }
    }
    Ok(())
}

/// Removes the segment files the last commit does not name: what a run that failed (a full
/// disk, `kill -9`) wrote. Called with the folder claimed, so no other writer is running.
pub(crate) fn remove_unlisted_segments(dir: &Path, index: &Index) {
    let Ok(metas) = index.load_metas() else { return };
    let living: std::collections::HashSet<String> = metas.segments.iter().map(|m| m.id().uuid_string()).collect();
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if segment_of(&name).is_some_and(|id| !living.contains(id)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Stored notes are compressed with lz4 in 16 KB blocks: at 100 MB of notes, 9 % less CPU
/// for the whole build than zstd level 1 (whose compression was 6.5 % of it), for an index
/// 1.3x the notes instead of 0.97x (SQLite FTS5's is 1.6x: BENCHMARKS.md, "Indexing, third
/// round"). Fetching a hit's notes decompresses its block into memory the process has not
/// touched yet: 16 KB blocks instead of 64 KB made a query fault a quarter fewer pages and take
/// 9–18 % less time, for a doc store 6 % larger (BENCHMARKS.md, "Queries, sixth round").
/// Indexes written with zstd or other block sizes (before) are read as they are: each store
/// names its compressor and its blocks.
fn create(dir: &Path, schema: Schema) -> Result<Index> {
    let settings = IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: 16 * 1024,
        ..IndexSettings::default()
    };
    let releasing = directory::ReleasingDirectory::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    Index::create(releasing, schema, settings).with_context(|| format!("creating index {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_files_are_tantivys_and_confsearchs_only() {
        for name in [
            "meta.json",
            ".managed.json",
            "0123456789abcdef0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdef.12.del",
            "0123456789abcdef0123456789abcdef.store.temp",
            "confsearch-manifest-0123456789abcdef.json",
            "confsearch-search.json.tmp",
            "confsearch-corpus",
        ] {
            assert!(is_own_file(name), "{name}");
        }
        for name in [
            "film.idx",
            "pack-1a2b.idx",
            "notes.md",
            "0123.store",
            "meta.json.bak",
            "README",
        ] {
            assert!(!is_own_file(name), "{name}");
        }
    }
}
