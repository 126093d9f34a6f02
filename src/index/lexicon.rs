//! The lexicon: every word of the index's searched fields in one FST (`confsearch-lexicon`,
//! beside tantivy's files), with the document frequency the query side's expansion reads.
//!
//! A query expands each word (other forms, typos, completions, "did you mean") by walking term
//! dictionaries; tantivy keeps one per field and segment, so the walks, and opening every
//! segment, cost a query more the more segments the writer leaves (issue 13). The lexicon is
//! those dictionaries merged: the walks run once on it, and a query none of whose words is in
//! it finds nothing without opening a segment. It is rewritten from the live segments after
//! every commit, and names the segments it was made from: a query uses it only when they are
//! the index's segments, else it walks the segments' own dictionaries as before (an index
//! written before the lexicon, a run that died between its commit and the lexicon).
//!
//! The file: the FST's bytes, then the segment ids (32 hex digits each), their count (u32 LE),
//! the FST's length (u64 LE) and [`MAGIC`]. Each word maps to `doc_freq << 2 | IN_TEXT |
//! IN_URLS`: `doc_freq` summed over the text fields of every segment (deleted sessions
//! included, as tantivy's dictionaries count them), `IN_TEXT` when a text field holds the
//! word, `IN_URLS` when the `urls` field does (searched, never expanded).

use super::Fields;
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{Directory, Index};
use tantivy_fst::{Map, MapBuilder};

/// The lexicon's file in the index folder.
pub const FILE: &str = "confsearch-lexicon";
/// The last bytes of the file: what it is and its format's version.
const MAGIC: &[u8; 8] = b"CSLEXv1\n";
const IN_TEXT: u64 = 0b10;
const IN_URLS: u64 = 0b01;
/// Footer after the segment ids: their count (4 bytes), the FST's length (8), [`MAGIC`].
const FOOTER: usize = 4 + 8 + MAGIC.len();
const ID_LEN: usize = 32;

/// The fields whose words a query expands (forms, typos, completions, "did you mean").
pub fn text_fields(f: &Fields) -> Vec<Field> {
    vec![f.title, f.speakers, f.tags, f.body, f.conference, f.room]
}

/// What the lexicon knows of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Sessions holding the word, once per text field and segment.
    pub doc_freq: u64,
    /// A text field holds it (a word only in `urls` is searched but never expanded to).
    pub in_text: bool,
    /// The `urls` field holds it.
    pub in_urls: bool,
}

impl Entry {
    pub fn from_value(v: u64) -> Entry {
        Entry {
            doc_freq: v >> 2,
            in_text: v & IN_TEXT != 0,
            in_urls: v & IN_URLS != 0,
        }
    }
}

/// A lexicon read from an index folder.
pub struct Lexicon {
    words: Map<OwnedBytes>,
    /// The segments it was made from, sorted.
    segments: Vec<String>,
}

impl Lexicon {
    /// The lexicon in `dir`, when there is one and it was made from the segments of the last
    /// commit as `index` read it; `None` otherwise (the caller walks the segments).
    pub fn read(dir: &Path, index: &Index) -> Option<Lexicon> {
        // Mapped, not read: a query reads a few of its pages. (The index's own directory
        // would look for a tantivy footer.)
        let bytes = MmapDirectory::open(dir)
            .ok()?
            .open_read(Path::new(FILE))
            .ok()?
            .read_bytes()
            .ok()?;
        let lexicon = Lexicon::parse(bytes)?;
        let ids = index.searchable_segment_ids().ok()?;
        lexicon.made_from(&ids).then_some(lexicon)
    }

    fn parse(bytes: OwnedBytes) -> Option<Lexicon> {
        let n = bytes.len();
        if n < FOOTER || &bytes[n - MAGIC.len()..] != MAGIC {
            return None;
        }
        let count = u32::from_le_bytes(bytes[n - FOOTER..n - FOOTER + 4].try_into().ok()?) as usize;
        let fst_len = u64::from_le_bytes(bytes[n - FOOTER + 4..n - MAGIC.len()].try_into().ok()?) as usize;
        if fst_len.checked_add(count.checked_mul(ID_LEN)?)?.checked_add(FOOTER)? != n {
            return None;
        }
        let ids = std::str::from_utf8(&bytes[fst_len..n - FOOTER]).ok()?;
        let segments: Vec<String> = (0..count)
            .map(|i| ids[i * ID_LEN..(i + 1) * ID_LEN].to_string())
            .collect();
        let words = Map::from(tantivy_fst::raw::Fst::new(bytes.slice(0..fst_len)).ok()?);
        Some(Lexicon { words, segments })
    }

    /// Was it made from exactly these segments?
    pub fn made_from(&self, ids: &[SegmentId]) -> bool {
        let mut ids: Vec<String> = ids.iter().map(SegmentId::uuid_string).collect();
        ids.sort_unstable();
        ids == self.segments
    }

    pub fn get(&self, word: &str) -> Option<Entry> {
        self.words.get(word).map(Entry::from_value)
    }

    /// The FST: word → `doc_freq << 2 | flags` ([`Entry::from_value`] reads the value).
    pub fn words(&self) -> &Map<OwnedBytes> {
        &self.words
    }
}

/// Rewrites the lexicon after a commit (and its merges). The commit stands whatever happens
/// here: a lexicon that cannot be written is removed, and queries walk the segments instead.
pub fn refresh(dir: &Path, index: &Index) {
    if write(dir, index).is_err() {
        let _ = std::fs::remove_file(dir.join(FILE));
        let _ = std::fs::remove_file(dir.join(format!("{FILE}.tmp")));
    }
}

/// Writes the lexicon of the index's last commit into `dir` (written aside, then renamed over
/// the old one: a reader sees the old lexicon or the new, and checks which segments it names).
pub fn write(dir: &Path, index: &Index) -> Result<()> {
    let bytes = build(index)?;
    let path = dir.join(FILE);
    let tmp = dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, &bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
}

/// The lexicon's bytes: the merged term dictionaries of every segment's searched fields.
fn build(index: &Index) -> Result<Vec<u8>> {
    let (_, fields) = super::schema();
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .context("opening the index to write its lexicon")?;
    let searcher = reader.searcher();
    let searched: Vec<(Field, bool)> = text_fields(&fields)
        .into_iter()
        .map(|f| (f, false))
        .chain([(fields.urls, true)])
        .collect();
    // One dictionary per field and segment, each marked with whether it is the `urls` field.
    let mut dictionaries: Vec<(Arc<tantivy::InvertedIndexReader>, bool)> = Vec::new();
    for seg in searcher.segment_readers() {
        for &(field, urls) in &searched {
            dictionaries.push((seg.inverted_index(field)?, urls));
        }
    }
    let streams = dictionaries
        .iter()
        .map(|(inv, _)| inv.terms().stream())
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut merger = TermMerger::new(streams);
    let mut builder = MapBuilder::memory();
    while merger.advance() {
        let mut value = 0;
        for (i, info) in merger.current_segment_ords_and_term_infos() {
            if dictionaries[i].1 {
                value |= IN_URLS;
            } else {
                value |= IN_TEXT;
                value += u64::from(info.doc_freq) << 2;
            }
        }
        builder.insert(merger.key(), value)?;
    }
    let mut bytes = builder.into_inner()?;
    let fst_len = bytes.len() as u64;
    let mut ids: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.segment_id().uuid_string())
        .collect();
    ids.sort_unstable();
    for id in &ids {
        bytes.extend_from_slice(id.as_bytes());
    }
    bytes.extend_from_slice(&(ids.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&fst_len.to_le_bytes());
    bytes.extend_from_slice(MAGIC);
    Ok(bytes)
}

/// Is `name` the lexicon (or the lexicon being written)? One of the index's own files.
pub fn is_lexicon_file(name: &str) -> bool {
    name == FILE
}
