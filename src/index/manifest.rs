//! The manifest of indexed files (path, size, mtime, blake3 hash, what they gave), stored
//! as the payload of the tantivy commit that wrote their sessions: the two change together
//! or not at all.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
}

impl Manifest {
    pub fn from_payload(payload: Option<&str>) -> Manifest {
        payload.and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default()
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
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
