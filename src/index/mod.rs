//! The tantivy index: its schema, and writing sessions into it in one atomic commit.
//!
//! Text fields (title, speakers, tags, body, conference, room) hold words as written, lower
//! case and without accents, with positions for phrases. They are not stemmed: the query side
//! finds other forms of a word (`secret` for `secrets`) in the term dictionary, so that a word
//! as typed can rank above its other forms, its typos and its synonyms. `urls` holds the words
//! of every link a session cites (a Markdown link's target is not in `body`), so a video id or
//! a domain finds the sessions citing it. Facets (year, speaker, theme, conference, tag, kind, domain) feed
//! filters and counts; `date` and `sort` are fast fields for ranges and chronological order.

mod directory;
pub mod lexicon;
pub mod links_in;
pub mod manifest;
mod writer;

pub use writer::{Writer, parse_pool, writer};

use crate::config::SearchConfig;
use crate::notes::Session;
use anyhow::{Context, Result};
use std::path::Path;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexSettings, TantivyDocument};

/// Bumped whenever the schema or what is stored changes (5: ids `path#slug`, the `urls` field; 6: index
/// pages enrich the files they list, their entries kept in the manifest); an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 6;
const VERSION_FILE: &str = "confsearch-schema-version";
/// The synonyms and speaker aliases of the corpus the index was built from.
const SEARCH_CONFIG_FILE: &str = "confsearch-search.json";
/// The analyzer of every text field.
pub const WORDS: &str = "words";

/// Words: split on anything not a letter or digit, lower case, accents removed, words
/// longer than 40 bytes (hashes, base64) dropped.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn register(index: Index) -> Index {
    index.tokenizers().register(WORDS, words_analyzer());
    index
}

/// Opens the index in `dir` for reading.
pub fn open(dir: &Path) -> Result<Index> {
    Index::open_in_dir(dir)
        .map(register)
        .with_context(|| format!("opening index {}", dir.display()))
}

/// The search configuration saved with the index; the defaults when there is none.
pub fn read_search_config(dir: &Path) -> SearchConfig {
    std::fs::read(dir.join(SEARCH_CONFIG_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Saves the search configuration beside the index, atomically, and only when it changed
/// (a run that changes nothing writes nothing).
pub fn write_search_config(dir: &Path, config: &SearchConfig) -> Result<()> {
    let path = dir.join(SEARCH_CONFIG_FILE);
    let bytes = serde_json::to_vec_pretty(config)?;
    if std::fs::read(&path).ok().as_deref() == Some(&bytes[..]) {
        return Ok(());
    }
    let tmp = dir.join(format!("{SEARCH_CONFIG_FILE}.tmp"));
    std::fs::write(&tmp, &bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Every field of the schema, by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub line: Field,
    pub title: Field,
    pub speakers: Field,
    pub tags: Field,
    pub body: Field,
    pub conference: Field,
    pub room: Field,
    /// The words of the session's link URLs; searched, not stored (`links` holds them).
    pub urls: Field,
    pub year: Field,
    pub date: Field,
    pub sort: Field,
    pub date_text: Field,
    pub start: Field,
    pub end: Field,
    pub kind: Field,
    pub attended: Field,
    pub themes: Field,
    pub links: Field,
    pub f_year: Field,
    pub f_speaker: Field,
    pub f_theme: Field,
    pub f_conference: Field,
    pub f_tag: Field,
    pub f_kind: Field,
    pub f_domain: Field,
    /// A link's domain and every parent domain, so `youtube.com` matches `m.youtube.com`.
    pub f_domain_match: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(WORDS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default()
        .set_indexing_options(text_indexing.clone())
        .set_stored();
    let facet = FacetOptions::default();
    let fields = Fields {
        // Stored only: `show` finds a session by its file (`path`), then by id among its sessions.
        id: b.add_text_field("id", STORED),
        path: b.add_text_field("path", STRING | STORED),
        line: b.add_u64_field("line", STORED),
        title: b.add_text_field("title", text.clone()),
        speakers: b.add_text_field("speakers", text.clone()),
        tags: b.add_text_field("tags", text.clone()),
        body: b.add_text_field("body", text.clone()),
        conference: b.add_text_field("conference", text.clone()),
        room: b.add_text_field("room", text.clone()),
        urls: b.add_text_field("urls", TextOptions::default().set_indexing_options(text_indexing)),
        year: b.add_u64_field("year", INDEXED | FAST | STORED),
        date: b.add_u64_field("date", INDEXED | FAST),
        sort: b.add_u64_field("sort", FAST),
        date_text: b.add_text_field("date_text", STORED),
        start: b.add_text_field("start", STORED),
        end: b.add_text_field("end", STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        attended: b.add_text_field("attended", STORED),
        themes: b.add_text_field("themes", STRING | STORED),
        links: b.add_text_field("links", STORED),
        f_year: b.add_facet_field("f_year", facet.clone()),
        f_speaker: b.add_facet_field("f_speaker", facet.clone()),
        f_theme: b.add_facet_field("f_theme", facet.clone()),
        f_conference: b.add_facet_field("f_conference", facet.clone()),
        f_tag: b.add_facet_field("f_tag", facet.clone()),
        f_kind: b.add_facet_field("f_kind", facet.clone()),
        f_domain: b.add_facet_field("f_domain", facet.clone()),
        f_domain_match: b.add_facet_field("f_domain_match", facet),
    };
    (b.build(), fields)
}

/// `20191017` for 2019-10-17; 0 when unknown, so undated sessions sort first in browse.
pub fn date_key(s: &Session) -> u64 {
    s.date.map_or_else(
        || s.year.map_or(0, |y| y as u64 * 10_000),
        |d| d.year() as u64 * 10_000 + d.month() as u64 * 100 + d.day() as u64,
    )
}

/// Date and start time as one sortable number: `201910170945`.
pub fn sort_key(s: &Session) -> u64 {
    let minutes = s.start.as_deref().and_then(|t| {
        let (h, m) = t.split_once(':')?;
        Some(h.parse::<u64>().ok()? * 100 + m.parse::<u64>().ok()?)
    });
    date_key(s) * 10_000 + minutes.unwrap_or(0)
}

/// A facet with one level holding `value` as written (slashes are escaped by tantivy).
pub fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// `m.youtube.com` → [`m.youtube.com`, `youtube.com`].
pub fn domain_and_parents(domain: &str) -> Vec<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    (0..labels.len().saturating_sub(1))
        .map(|i| labels[i..].join("."))
        .collect()
}

pub fn document(f: &Fields, s: &Session, conference: Option<&str>) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &s.id);
    d.add_text(f.path, &s.source.path);
    d.add_u64(f.line, s.source.line as u64);
    d.add_text(f.title, &s.title);
    for sp in &s.speakers {
        d.add_text(f.speakers, sp);
        d.add_facet(f.f_speaker, facet(sp));
    }
    for t in &s.tags {
        d.add_text(f.tags, t);
        d.add_facet(f.f_tag, facet(t));
    }
    d.add_text(f.body, &s.body);
    if let Some(c) = conference {
        d.add_text(f.conference, c);
        d.add_facet(f.f_conference, facet(c));
    }
    if let Some(r) = &s.room {
        d.add_text(f.room, r);
    }
    if let Some(y) = s.year {
        d.add_u64(f.year, y as u64);
        d.add_facet(f.f_year, facet(&y.to_string()));
    }
    d.add_u64(f.date, date_key(s));
    d.add_u64(f.sort, sort_key(s));
    if let Some(date) = s.date {
        d.add_text(f.date_text, date.to_string());
    }
    if let Some(t) = &s.start {
        d.add_text(f.start, t);
    }
    if let Some(t) = &s.end {
        d.add_text(f.end, t);
    }
    d.add_text(f.kind, s.kind.as_str());
    d.add_facet(f.f_kind, facet(s.kind.as_str()));
    if let Some(a) = s.attended {
        d.add_text(f.attended, if a { "true" } else { "false" });
    }
    for t in &s.themes {
        d.add_text(f.themes, t);
        d.add_facet(f.f_theme, facet(t));
    }
    d.add_text(f.links, serde_json::to_string(&s.links).unwrap_or_else(|_| "[]".into()));
    for l in &s.links {
        d.add_text(f.urls, &l.url);
    }
    let mut domains: Vec<&str> = s.links.iter().map(|l| l.domain.as_str()).collect();
    domains.sort_unstable();
    domains.dedup();
    let mut matches: Vec<String> = Vec::new();
    for dom in domains {
        d.add_facet(f.f_domain, facet(dom));
        for parent in domain_and_parents(dom) {
            if !matches.contains(&parent) {
                d.add_facet(f.f_domain_match, facet(&parent));
                matches.push(parent);
            }
        }
    }
    d
}

/// About how many bytes [`document`] holds for `s`: its text, and a little for each field.
pub fn document_bytes(s: &Session) -> usize {
    let links: usize = s.links.iter().map(|l| 2 * l.url.len() + l.domain.len() + 64).sum();
    let names: usize = s
        .speakers
        .iter()
        .chain(&s.tags)
        .chain(&s.themes)
        .map(|t| 2 * t.len() + 32)
        .sum();
    s.body.len() + s.title.len() + links + names + 512
}

/// The manifest committed with the index's last commit.
pub fn load_manifest(dir: &Path, index: &Index) -> manifest::Manifest {
    let payload = index.load_metas().ok().and_then(|m| m.payload);
    manifest::Manifest::load(dir, payload.as_deref())
}

/// Whether `dir` holds an index confsearch can read.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// What names the index's last commit (`meta.json`, rewritten whole by every commit): equal
/// stamps, same commit. `None` when there is no index.
pub fn commit_stamp(dir: &Path) -> Option<Vec<u8>> {
    std::fs::read(dir.join("meta.json")).ok()
}

/// The schema version an index was written with, if it says.
pub fn version(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(VERSION_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Does `dir` carry the marker of a folder confsearch owns (its schema version file)?
pub fn is_marked(dir: &Path) -> bool {
    dir.join(VERSION_FILE).is_file()
}

/// Writes the marker, which also says the schema version the index is written with.
pub fn mark(dir: &Path) -> Result<()> {
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
pub fn is_own_file(name: &str) -> bool {
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
pub enum IndexError {
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

/// The error saying an index is damaged and how to repair it, on one line.
pub fn damaged(dir: &Path, cause: &anyhow::Error) -> anyhow::Error {
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
pub struct WriteLock {
    _file: std::fs::File,
}

/// Takes the index folder for writing: refuses a folder confsearch does not own (anything but
/// a missing or empty folder, or one carrying its marker), creates it, marks it, and locks it.
pub fn claim(dir: &Path) -> Result<WriteLock> {
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
pub fn open_checked(dir: &Path) -> Result<Index> {
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
pub fn open_for_write(dir: &Path, rebuild: bool) -> Result<(Index, bool)> {
    let (schema, _) = schema();
    let current = version(dir) == Some(SCHEMA_VERSION);
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
pub fn remove_unlisted_segments(dir: &Path, index: &Index) {
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

/// Stored notes are compressed with zstd in 64 KB blocks: notes are prose, and zstd over
/// large blocks keeps the index smaller than the notes (lz4 over 16 KB blocks did not). Level
/// 1, not 3: a build 5 % faster for an index 2 % larger (BENCHMARKS.md, issue 13).
/// Fetching a hit's notes decompresses one block, well under a millisecond.
fn create(dir: &Path, schema: Schema) -> Result<Index> {
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 64 * 1024,
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
