//! The manifest of indexed files (path, size, mtime, blake3 hash, what they gave).
//!
//! It is written to its own file (named after its content) before the tantivy commit that
//! wrote the sessions, and the commit's payload names that file: the sessions and the manifest
//! change together or not at all. Keeping it out of the payload keeps `meta.json` small, which
//! every query reads.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

const PREFIX: &str = "confsearch-manifest-";

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: u64,
    pub hash: String,
    pub sessions: usize,
    pub links: usize,
    /// The entries of an index page (`notes::index_pages`), to enrich the files they name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<crate::notes::index_pages::Entry>,
    /// What other pages' entries this file's sessions were enriched with when written
    /// (`links_in::fingerprint`; empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub enriched: String,
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
        std::fs::read(dir.join(&p.manifest))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest to its own file, durably, and returns the payload naming it.
    pub fn save(&self, dir: &Path) -> Result<String> {
        let bytes = serde_json::to_vec(self)?;
        let name = format!("{PREFIX}{}.json", &hash(&bytes)[..16]);
        let path = dir.join(&name);
        let tmp = dir.join(format!("{name}.tmp"));
        let mut file = std::fs::File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
        Ok(serde_json::to_string(&Payload { manifest: name })?)
    }

    pub fn sessions(&self) -> usize {
        self.files.values().map(|f| f.sessions).sum()
    }

    pub fn links(&self) -> usize {
        self.files.values().map(|f| f.links).sum()
    }
}

pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

pub fn is_manifest_file(name: &str) -> bool {
    name.starts_with(PREFIX) && !name.contains(['/', '\\'])
}

/// Removes the manifests no commit names any more (after a commit naming `payload`).
pub fn remove_stale(dir: &Path, payload: &str) {
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
