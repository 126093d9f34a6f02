//! The lexicon: every word of the index's searched fields (`confsearch-lexicon`, beside
//! tantivy's files), with the document frequency the query side's expansion reads.
//!
//! A query expands each word (other forms, typos, completions, "did you mean") by walking term
//! dictionaries; tantivy keeps one per field and segment, so the walks, and opening every
//! segment, cost a query more the more segments the writer leaves (issue 13). The lexicon is
//! those dictionaries merged: the walks run on it, and a query none of whose words is in it
//! finds nothing without opening a segment. It is brought up to date after every commit, and
//! names the segments it was made from: a query uses it only when they are the index's
//! segments, else it walks the segments' own dictionaries as before (an index written before
//! the lexicon, a run that died between its commit and the lexicon).
//!
//! It is a few FSTs ([`Part`]s), each made from some segments: one from the segments of its
//! last full build, then one for each small segment added since (a run that changed a file
//! adds one, which tantivy soon merges or, once its sessions are all replaced, drops).
//! Segments never change once written (deletes are kept beside them), so a run reads only the
//! small segments it added and keeps the parts whose segments are still there; it builds every
//! part again only when a large segment is new (a merge, a large run) or the parts grow many
//! ([`MAX_PARTS`]).
//!
//! The file: the FSTs' bytes one after the other; for each part, the length of its FST (u64
//! LE), the number of its segments (u32 LE) and their ids (32 hex digits each); then the number
//! of parts (u32 LE), the length of that table (u64 LE) and [`MAGIC`]. Each word maps to
//! `doc_freq << 2 | IN_TEXT | IN_URLS`: `doc_freq` summed over the text fields of the part's
//! segments (deleted sessions included, as tantivy's dictionaries count them), `IN_TEXT` when a
//! text field holds the word, `IN_URLS` when the `urls` field does (searched, never expanded).

use super::Fields;
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{Directory, Index, SegmentReader};

use tantivy_fst::{Map, MapBuilder};

/// The lexicon's file in the index folder.
pub(crate) const FILE: &str = "confsearch-lexicon";
/// The last bytes of the file: what it is and its format's version.
const MAGIC: &[u8; 8] = b"CSLEXv2\n";
const IN_TEXT: u64 = 0b10;
const IN_URLS: u64 = 0b01;
/// Footer after the table of parts: their count (4 bytes), the table's length (8), [`MAGIC`].
const FOOTER: usize = 4 + 8 + MAGIC.len();
const ID_LEN: usize = 32;
/// Most parts a lexicon holds before it is built again as one: a query walks each.
pub(crate) const MAX_PARTS: usize = 8;

/// The fields whose words a query expands (forms, typos, completions, "did you mean").
pub(crate) fn text_fields(f: &Fields) -> Vec<Field> {
    vec![f.title, f.speakers, f.tags, f.body, f.conference, f.room]
}

/// What the lexicon knows of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Entry {
    /// Sessions holding the word, once per text field and segment.
    pub doc_freq: u64,
    /// A text field holds it (a word only in `urls` is searched but never expanded to).
    pub in_text: bool,
    /// The `urls` field holds it.
    pub in_urls: bool,
}

impl Entry {
    /// The entry a part's FST holds as `value`.
    pub(crate) fn from_value(v: u64) -> Entry {
        Entry {
            doc_freq: v >> 2,
            in_text: v & IN_TEXT != 0,
            in_urls: v & IN_URLS != 0,
        }
    }

    /// The same word in two parts: frequencies add up, the fields holding it join.
    fn and(self, other: Entry) -> Entry {
        Entry {
            doc_freq: self.doc_freq + other.doc_freq,
            in_text: self.in_text || other.in_text,
            in_urls: self.in_urls || other.in_urls,
        }
    }
}

/// One FST of the lexicon and the segments it was made from.
pub(crate) struct Part {
    words: Map<OwnedBytes>,
    /// The FST's bytes, copied into the next lexicon while its segments live.
    bytes: OwnedBytes,
    /// Its segments' ids, sorted.
    segments: Vec<String>,
}

impl Part {
    /// Word → `doc_freq << 2 | IN_TEXT | IN_URLS` ([`Entry::from_value`] reads the value).
    pub(crate) fn words(&self) -> &Map<OwnedBytes> {
        &self.words
    }
}

/// A lexicon read from an index folder.
pub(crate) struct Lexicon {
    parts: Vec<Part>,
}

impl Lexicon {
    /// The lexicon in `dir`, when there is one and it was made from the segments of the last
    /// commit (`meta.json`'s, read here for their ids only: a query that the lexicon answers
    /// opens nothing more of the index); `None` otherwise (the caller walks the segments).
    pub(crate) fn read(dir: &Path) -> Option<Lexicon> {
        // Mapped, not read: a query reads a few of its pages. (The index's own directory
        // would look for a tantivy footer.)
        let bytes = MmapDirectory::open(dir)
            .ok()?
            .open_read(Path::new(FILE))
            .ok()?
            .read_bytes()
            .ok()?;
        let lexicon = Lexicon::parse(bytes)?;
        #[derive(serde::Deserialize)]
        struct Meta {
            segments: Vec<SegmentMeta>,
        }
        #[derive(serde::Deserialize)]
        struct SegmentMeta {
            segment_id: String,
        }
        let meta: Meta = serde_json::from_slice(&std::fs::read(dir.join("meta.json")).ok()?).ok()?;
        // tantivy writes the ids as UUIDs (`4f1c1bba-96f8-…`), names files without the dashes.
        let mut ids: Vec<String> = meta
            .segments
            .into_iter()
            .map(|s| s.segment_id.replace('-', ""))
            .collect();
        ids.sort_unstable();
        (lexicon.segments() == ids).then_some(lexicon)
    }

    fn parse(bytes: OwnedBytes) -> Option<Lexicon> {
        let n = bytes.len();
        if n < FOOTER || &bytes[n - MAGIC.len()..] != MAGIC {
            return None;
        }
        let footer = &bytes[n - FOOTER..];
        let count = u32::from_le_bytes(footer[..4].try_into().ok()?) as usize;
        let table_len = usize::try_from(u64::from_le_bytes(footer[4..12].try_into().ok()?)).ok()?;
        let table_at = (n - FOOTER).checked_sub(table_len)?;
        let mut table = &bytes[table_at..n - FOOTER];
        let mut take = |len: usize| -> Option<&[u8]> {
            let (head, rest) = table.split_at_checked(len)?;
            table = rest;
            Some(head)
        };
        let mut parts = Vec::with_capacity(count);
        let mut at = 0usize;
        for _ in 0..count {
            let len = usize::try_from(u64::from_le_bytes(take(8)?.try_into().ok()?)).ok()?;
            let ids = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
            let ids = std::str::from_utf8(take(ids.checked_mul(ID_LEN)?)?).ok()?;
            let segments = (0..ids.len() / ID_LEN)
                .map(|i| ids[i * ID_LEN..(i + 1) * ID_LEN].to_string())
                .collect();
            let end = at.checked_add(len).filter(|&e| e <= table_at)?;
            let fst = bytes.slice(at..end);
            let words = Map::from(tantivy_fst::raw::Fst::new(fst.clone()).ok()?);
            parts.push(Part {
                words,
                bytes: fst,
                segments,
            });
            at = end;
        }
        (table.is_empty() && at == table_at).then_some(Lexicon { parts })
    }

    /// Was it made from exactly these segments?
    pub(crate) fn made_from(&self, ids: &[SegmentId]) -> bool {
        let mut ids: Vec<String> = ids.iter().map(SegmentId::uuid_string).collect();
        ids.sort_unstable();
        ids == self.segments()
    }

    /// The ids of the segments of every part, sorted.
    fn segments(&self) -> Vec<String> {
        let mut all: Vec<String> = self.parts.iter().flat_map(|p| p.segments.iter().cloned()).collect();
        all.sort_unstable();
        all
    }

    /// What the parts say of `word`, together.
    pub(crate) fn get(&self, word: &str) -> Option<Entry> {
        self.parts
            .iter()
            .filter_map(|p| p.words.get(word).map(Entry::from_value))
            .reduce(Entry::and)
    }

    /// The parts: a walk of the lexicon walks each, adding up what they find of one word.
    pub(crate) fn parts(&self) -> &[Part] {
        &self.parts
    }
}

/// Brings the lexicon up to date after a commit (and its merges). The commit stands whatever
/// happens here: a lexicon that cannot be written is removed, and queries walk the segments.
pub(crate) fn refresh(dir: &Path, index: &Index) {
    if write(dir, index).is_err() {
        let _ = std::fs::remove_file(dir.join(FILE));
        let _ = std::fs::remove_file(dir.join(format!("{FILE}.tmp")));
    }
}

/// Writes the lexicon of the index's last commit into `dir` (written aside, then renamed over
/// the old one: a reader sees the old lexicon or the new, and checks which segments it names):
/// the old lexicon's parts whose segments are all still there, and a part for each small
/// segment added since. When a large segment is new (a merge, a large run), the parts would be
/// more than [`MAX_PARTS`] or there is no lexicon yet, it is built again: one part for every
/// segment but the small ones just added, one for each of those.
pub(crate) fn write(dir: &Path, index: &Index) -> Result<()> {
    let path = dir.join(FILE);
    let segments = index.searchable_segments()?;
    let mut ids: Vec<String> = segments.iter().map(|s| s.id().uuid_string()).collect();
    ids.sort_unstable();
    let live = |p: &Part| p.segments.iter().all(|id| ids.binary_search(id).is_ok());
    let old = std::fs::read(&path)
        .ok()
        .and_then(|b| Lexicon::parse(OwnedBytes::new(b)));
    let kept: Vec<&Part> = old.iter().flat_map(|o| o.parts.iter().filter(|p| live(p))).collect();
    if old
        .as_ref()
        .is_some_and(|o| o.parts.len() == kept.len() && o.segments() == ids)
    {
        // Only deletes: the same segments, the same words.
        return Ok(());
    }
    let known: Vec<&String> = kept.iter().flat_map(|p| &p.segments).collect();
    let added: Vec<&tantivy::Segment> = segments
        .iter()
        .filter(|s| !known.contains(&&s.id().uuid_string()))
        .collect();
    // A segment under a sixteenth of the sessions is small: the one a run that changed a few
    // files writes, soon merged or emptied by the next.
    let all_docs: u64 = segments.iter().map(|s| u64::from(s.meta().max_doc())).sum();
    let small = |s: &tantivy::Segment| u64::from(s.meta().max_doc()) * 16 < all_docs;
    let mut parts: Vec<(Vec<u8>, Vec<String>)> = Vec::new();
    if !kept.is_empty() && added.iter().all(|s| small(s)) && kept.len() + added.len() <= MAX_PARTS {
        for part in kept {
            parts.push((part.bytes.as_slice().to_vec(), part.segments.clone()));
        }
        for seg in added {
            parts.push(part_of(&[seg])?);
        }
    } else {
        // Built again: one part for every segment but the small ones this run added (after an
        // earlier lexicon), which the next run may well drop; the smallest of those have parts
        // of their own, as many as the parts allow.
        let (mut fresh, mut rest): (Vec<&tantivy::Segment>, Vec<&tantivy::Segment>) = segments
            .iter()
            .partition(|s| old.is_some() && small(s) && added.iter().any(|a| a.id() == s.id()));
        fresh.sort_by_key(|s| s.meta().max_doc());
        let own = fresh.len().min(MAX_PARTS - 1);
        rest.extend(fresh.drain(own..));
        if !rest.is_empty() {
            parts.push(part_of(&rest)?);
        }
        for seg in fresh {
            parts.push(part_of(&[seg])?);
        }
    }
    let tmp = dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, encode(&parts)).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
}

/// The part made from `segments`: its FST and their ids, sorted.
fn part_of(segments: &[&tantivy::Segment]) -> Result<(Vec<u8>, Vec<String>)> {
    let readers = segments
        .iter()
        .map(|s| SegmentReader::open(s))
        .collect::<tantivy::Result<Vec<_>>>()
        .context("opening the index to write its lexicon")?;
    let mut ids: Vec<String> = segments.iter().map(|s| s.id().uuid_string()).collect();
    ids.sort_unstable();
    Ok((build(&readers)?, ids))
}

/// The file's bytes for these parts (each an FST and its segments' ids).
fn encode(parts: &[(Vec<u8>, Vec<String>)]) -> Vec<u8> {
    let mut bytes: Vec<u8> = parts.iter().flat_map(|(fst, _)| fst.iter().copied()).collect();
    let table_at = bytes.len();
    for (fst, ids) in parts {
        bytes.extend_from_slice(&(fst.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&(ids.len() as u32).to_le_bytes());
        for id in ids {
            bytes.extend_from_slice(id.as_bytes());
        }
    }
    let table_len = (bytes.len() - table_at) as u64;
    bytes.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&table_len.to_le_bytes());
    bytes.extend_from_slice(MAGIC);
    bytes
}

/// One part's FST: the merged term dictionaries of the searched fields of `segments`.
fn build(segments: &[SegmentReader]) -> Result<Vec<u8>> {
    let (_, fields) = super::schema();
    let searched: Vec<(Field, bool)> = text_fields(&fields)
        .into_iter()
        .map(|f| (f, false))
        .chain([(fields.urls, true)])
        .collect();
    // One dictionary per field and segment, each marked with whether it is the `urls` field.
    let mut dictionaries: Vec<(Arc<tantivy::InvertedIndexReader>, bool)> = Vec::new();
    for seg in segments {
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
    Ok(builder.into_inner()?)
}

/// Is `name` the lexicon (or the lexicon being written)? One of the index's own files.
pub(crate) fn is_lexicon_file(name: &str) -> bool {
    name == FILE
}
