//! The manifest of indexed files (path, size, mtime, blake3 hash, what they gave).
//!
//! It is written to its own file (named after its content) before the tantivy commit that
//! wrote the sessions, and the commit's payload names that file: the sessions and the manifest
//! change together or not at all. Keeping it out of the payload keeps `meta.json` small, which
//! every query reads.
//!
//! The file is binary (a version line, then length-prefixed fields): every run reads all of
//! it, tens of thousands of entries at 1 GB of notes, and JSON took most of a no-op run's
//! user time. Manifests written as JSON by earlier versions are still read, and the next run
//! writes them again in this format, so an index upgrades without being rebuilt.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

const PREFIX: &str = "confsearch-manifest-";
/// The first line of a manifest file; the number is the format's version.
const MAGIC: &[u8] = b"confsearch manifest 3\n";

/// What the commit payload holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    manifest: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// Hash of `confsearch.toml`: when it changes, every note is parsed again.
    pub config_hash: String,
    pub files: BTreeMap<String, FileEntry>,
    /// Read from a manifest written as JSON by an earlier version: the next commit writes it
    /// again in the current format (the run commits even when no note changed).
    #[serde(skip)]
    pub outdated_format: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: u64,
    pub hash: Digest,
    pub sessions: usize,
    pub links: usize,
    /// The entries of an index page (`notes::index_pages`), to enrich the files they name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) entries: Vec<crate::notes::index_pages::Entry>,
    /// What other pages' entries this file's sessions were enriched with when written
    /// (`links_in::fingerprint`; empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub enriched: String,
    /// The distinct years of the file's sessions, 0 for a session without one: which notes a
    /// programme of some year may be about, when that programme changes (`index::programmes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) years: Vec<u16>,
    /// The official talks the file's note sessions were matched to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) matched: Vec<Pairing>,
    /// A programme's: the notes matched to its talks when they were written, as a fingerprint
    /// (empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) noted: String,
}

/// A note session matched to an official talk, as a note file's manifest entry keeps it: what
/// the official talk is written with (`Session::matched`) when the note file is not read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Pairing {
    /// The official talk's id.
    pub(crate) official: String,
    /// The note session's id and line.
    pub(crate) note: String,
    pub(crate) line: usize,
    pub(crate) why: Vec<String>,
}

impl Manifest {
    /// The manifest a commit payload names; empty when there is none or it cannot be read
    /// (the next run then parses every note again).
    pub fn load(dir: &Path, payload: Option<&str>) -> Manifest {
        let Some(p) = payload.and_then(|p| serde_json::from_str::<Payload>(p).ok()) else {
            return Manifest::default();
        };
        if !is_manifest_file(&p.manifest) {
            return Manifest::default();
        }
        let Ok(bytes) = std::fs::read(dir.join(&p.manifest)) else {
            return Manifest::default();
        };
        if p.manifest.ends_with(".json") {
            return serde_json::from_slice(&bytes)
                .map(|m| Manifest {
                    outdated_format: true,
                    ..m
                })
                .unwrap_or_default();
        }
        Manifest::decode(&bytes).unwrap_or_default()
    }

    /// Writes the manifest to its own file, durably, and returns the payload naming it.
    pub fn save(&self, dir: &Path) -> Result<String> {
        // Encoded straight to a file and hashed as it goes: at 1 GB of notes the encoded
        // manifest is about 15 MB, held at the end of the run beside everything else.
        let tmp = dir.join(format!("{PREFIX}new.tmp"));
        let writing = || format!("writing {}", tmp.display());
        let file = std::fs::File::create(&tmp).with_context(writing)?;
        let mut out = Hashing {
            inner: std::io::BufWriter::new(file),
            hasher: blake3::Hasher::new(),
        };
        self.encode_into(&mut out).with_context(writing)?;
        let Hashing { inner, hasher } = out;
        // The buffer's last bytes, then the disk: a failure of either names the file too.
        let file = inner.into_inner().map_err(|e| e.into_error()).with_context(writing)?;
        file.sync_all().with_context(writing)?;
        let name = format!("{PREFIX}{}.bin", &hasher.finalize().to_hex()[..16]);
        let path = dir.join(&name);
        std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
        Ok(serde_json::to_string(&Payload { manifest: name })?)
    }

    pub fn sessions(&self) -> usize {
        self.files.values().map(|f| f.sessions).sum()
    }

    pub fn links(&self) -> usize {
        self.files.values().map(|f| f.links).sum()
    }

    /// The file's bytes: [`MAGIC`], the schema version, the config hash, the number of files,
    /// then each file in path order: path, size, mtime, hash, sessions, links, enrichment
    /// fingerprint, the index page's entries (JSON, empty for the files that are no page), the
    /// years (comma-separated), the programme pairings (JSON, empty for none) and the noted
    /// fingerprint.
    /// Numbers are little-endian `u64` (the schema version `u32`), strings a `u64` length
    /// and their bytes.
    fn encode_into(&self, out: &mut impl Write) -> Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&self.schema_version.to_le_bytes())?;
        put_str(out, &self.config_hash)?;
        put_u64(out, self.files.len() as u64)?;
        for (path, e) in &self.files {
            put_str(out, path)?;
            put_u64(out, e.size)?;
            put_u64(out, e.mtime)?;
            put_str(out, &e.hash.hex())?;
            put_u64(out, e.sessions as u64)?;
            put_u64(out, e.links as u64)?;
            put_str(out, &e.enriched)?;
            if e.entries.is_empty() {
                put_str(out, "")?;
            } else {
                put_str(out, &serde_json::to_string(&e.entries)?)?;
            }
            let years: Vec<String> = e.years.iter().map(u16::to_string).collect();
            put_str(out, &years.join(","))?;
            if e.matched.is_empty() {
                put_str(out, "")?;
            } else {
                put_str(out, &serde_json::to_string(&e.matched)?)?;
            }
            put_str(out, &e.noted)?;
        }
        Ok(())
    }

    /// The bytes [`Manifest::encode_into`] writes.
    #[cfg(test)]
    fn encode(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// The manifest [`Manifest::encode_into`] wrote; `None` for anything else (another format
    /// version, a cut or damaged file).
    fn decode(bytes: &[u8]) -> Option<Manifest> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        let schema_version = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let config_hash = r.string()?;
        let count = r.u64()?;
        // A damaged count does not reserve more than the bytes could hold (8 fields at least).
        let mut files = Vec::with_capacity((count as usize).min(r.0.len() / 64));
        for _ in 0..count {
            let path = r.string()?;
            let (size, mtime) = (r.u64()?, r.u64()?);
            let hash = Digest::parse(r.str()?)?;
            let (sessions, links) = (usize::try_from(r.u64()?).ok()?, usize::try_from(r.u64()?).ok()?);
            let enriched = r.string()?;
            let entries = match r.str()? {
                "" => Vec::new(),
                json => serde_json::from_str(json).ok()?,
            };
            let years = match r.str()? {
                "" => Vec::new(),
                list => list.split(',').map(|y| y.parse().ok()).collect::<Option<Vec<u16>>>()?,
            };
            let matched = match r.str()? {
                "" => Vec::new(),
                json => serde_json::from_str(json).ok()?,
            };
            let noted = r.string()?;
            files.push((
                path,
                FileEntry {
                    size,
                    mtime,
                    hash,
                    sessions,
                    links,
                    entries,
                    enriched,
                    years,
                    matched,
                    noted,
                },
            ));
        }
        if !r.0.is_empty() {
            return None;
        }
        Some(Manifest {
            schema_version,
            config_hash,
            // Written in order: collecting sorted pairs builds the tree without searching it.
            files: files.into_iter().collect(),
            outdated_format: false,
        })
    }
}

fn put_u64(out: &mut impl Write, n: u64) -> std::io::Result<()> {
    out.write_all(&n.to_le_bytes())
}

fn put_str(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    put_u64(out, s.len() as u64)?;
    out.write_all(s.as_bytes())
}

/// A writer that hashes what it passes on: the manifest's name is its content's hash.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The bytes of a manifest not read yet.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u64()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
}

pub(crate) fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// A file's blake3 hash, its 32 bytes: as a hex string in each manifest entry it took about
/// 100 bytes of memory a file (6 MB at 1 GB of notes, held to the end of a run). The
/// manifest file and JSON keep the hex string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Digest([u8; 32]);

impl Digest {
    pub(crate) fn of(bytes: &[u8]) -> Digest {
        Digest::from(blake3::hash(bytes))
    }

    /// The hex string, on the stack (the manifest writes one for every file).
    fn hex(&self) -> impl std::ops::Deref<Target = str> {
        blake3::Hash::from_bytes(self.0).to_hex()
    }

    /// The digest a hex string spells; the empty string is the empty digest (none known).
    fn parse(hex: &str) -> Option<Digest> {
        if hex.is_empty() {
            return Some(Digest::default());
        }
        blake3::Hash::from_hex(hex).ok().map(Digest::from)
    }
}

impl From<blake3::Hash> for Digest {
    fn from(h: blake3::Hash) -> Digest {
        Digest(*h.as_bytes())
    }
}

impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Digest, D::Error> {
        let hex = String::deserialize(d)?;
        Digest::parse(&hex).ok_or_else(|| serde::de::Error::custom("not a blake3 hash"))
    }
}

pub(crate) fn is_manifest_file(name: &str) -> bool {
    name.starts_with(PREFIX) && !name.contains(['/', '\\'])
}

/// Removes the manifests no commit names any more (after a commit naming `payload`).
pub(crate) fn remove_stale(dir: &Path, payload: &str) {
    let keep = serde_json::from_str::<Payload>(payload)
        .map(|p| p.manifest)
        .unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_manifest_file(&name) && name != keep {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::index_pages::Entry;

    fn sample() -> Manifest {
        let entry = |size, hash: &str| FileEntry {
            size,
            mtime: 1_700_000_000_123_456_789,
            hash: Digest::of(hash.as_bytes()),
            sessions: 3,
            links: 2,
            entries: Vec::new(),
            enriched: String::new(),
            years: vec![2019, 0],
            matched: Vec::new(),
            noted: String::new(),
        };
        let mut files = BTreeMap::new();
        files.insert("2019/a.md".to_string(), entry(10, "aa"));
        files.insert("bad\\xff\nname.md".to_string(), entry(0, ""));
        files.insert(
            "index.md".to_string(),
            FileEntry {
                entries: vec![Entry {
                    line: 3,
                    target: "2019/a.md".into(),
                    title: "Talk".into(),
                    speakers: vec!["Ada".into()],
                    ..Entry::default()
                }],
                enriched: "0123456789abcdef".into(),
                matched: vec![Pairing {
                    official: "schedule.json#42".into(),
                    note: "index.md#talk".into(),
                    line: 3,
                    why: vec!["title 0.93".into()],
                }],
                noted: "fedcba9876543210".into(),
                ..entry(u64::MAX, "bb")
            },
        );
        Manifest {
            schema_version: 6,
            config_hash: "cafe".into(),
            files,
            outdated_format: false,
        }
    }

    #[test]
    fn encode_then_decode_gives_the_manifest_back() {
        let m = sample();
        assert_eq!(Manifest::decode(&m.encode().unwrap()), Some(m));
        let empty = Manifest::default();
        assert_eq!(Manifest::decode(&empty.encode().unwrap()), Some(empty));
    }

    #[test]
    fn saved_manifest_is_its_encoding_named_after_its_hash_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let m = sample();
        let payload = m.save(dir.path()).unwrap();
        let bytes = m.encode().unwrap();
        let name = format!("{PREFIX}{}.bin", &hash(&bytes)[..16]);
        assert_eq!(
            payload,
            serde_json::to_string(&Payload { manifest: name.clone() }).unwrap()
        );
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), bytes);
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(files, [std::ffi::OsString::from(&name)]);
        assert_eq!(Manifest::load(dir.path(), Some(&payload)), m);
    }

    #[test]
    fn cut_or_damaged_manifest_is_refused() {
        let bytes = sample().encode().unwrap();
        // Cut anywhere, or a byte more: never a panic, never a partial manifest.
        for n in 0..bytes.len() {
            assert_eq!(Manifest::decode(&bytes[..n]), None, "cut at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Manifest::decode(&longer), None);
        // A huge count or length is not believed.
        let mut huge = bytes.clone();
        let count_at = MAGIC.len() + 4 + 8 + "cafe".len();
        huge[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(Manifest::decode(&huge), None);
        let mut other_version = bytes;
        other_version[MAGIC.len() - 2] = b'9';
        assert_eq!(Manifest::decode(&other_version), None);
    }

    #[test]
    fn json_manifest_of_an_earlier_version_is_read_and_marked_outdated() {
        let dir = tempfile::tempdir().unwrap();
        let m = sample();
        let name = "confsearch-manifest-0123456789abcdef.json";
        std::fs::write(dir.path().join(name), serde_json::to_vec(&m).unwrap()).unwrap();
        let payload = serde_json::to_string(&Payload { manifest: name.into() }).unwrap();
        let loaded = Manifest::load(dir.path(), Some(&payload));
        assert!(loaded.outdated_format);
        assert_eq!(loaded.files, m.files);
        // Saved again, it is binary and read as current.
        let payload = loaded.save(dir.path()).unwrap();
        assert!(payload.contains(".bin"), "{payload}");
        let again = Manifest::load(dir.path(), Some(&payload));
        assert!(!again.outdated_format);
        assert_eq!(again.files, m.files);
    }
}
