//! The notes folder: which files are notes, and reading them whatever their encoding.

use std::path::{Path, PathBuf};

/// A note file read from disk, decoded to text.
#[derive(Debug, Clone)]
pub struct NoteText {
    pub text: String,
    /// Something about the bytes worth telling the user (encoding guessed, …).
    pub warning: Option<String>,
}

/// Why a note could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is binary, not a note (skipped)")]
    Binary { path: PathBuf },
}

/// Decodes a note's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
/// Windows-1252, so that accented names in old notes survive. Binary data is refused.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<NoteText, ReadError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(&bytes[bom..]);
        let warning = had_errors.then(|| format!("{}: invalid {} replaced", path.display(), encoding.name()));
        return Ok(NoteText {
            text: text.into_owned(),
            warning,
        });
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Err(ReadError::Binary {
            path: path.to_path_buf(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(NoteText {
            text: text.to_string(),
            warning: None,
        }),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            if controls * 10 > text.chars().count().max(1) {
                return Err(ReadError::Binary {
                    path: path.to_path_buf(),
                });
            }
            Ok(NoteText {
                text: text.into_owned(),
                warning: Some(format!("{}: not valid UTF-8, read as Windows-1252", path.display())),
            })
        }
    }
}

/// Reads and decodes one note file.
pub fn read_note(path: &Path) -> Result<NoteText, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, &bytes)
}

/// The path of `file` relative to `root`, with `/` separators, as sessions name it.
pub fn relative_path(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Note files: `.md`, `.markdown`, `.txt`, `.text`, and files without an extension; not
/// licence and notice files (`LICENSE*`, `LICENCE*`, `COPYING*`, `NOTICE*`, `*-LICENSE*`).
pub fn is_note_file(path: &Path) -> bool {
    if is_licence(path) {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
        Some(ext) => matches!(ext.as_str(), "md" | "markdown" | "txt" | "text" | "org"),
        None => !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.')),
    }
}

/// `LICENSE`, `LICENSE.md`, `LICENSE-MIT`, `COPYING.txt`, `NOTICE`, `licence`,
/// `THIRD-PARTY-LICENSES.txt`; not `licence-compliance.md` (a note about licences).
fn is_licence(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or_default();
    let upper = stem.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING", "NOTICE"].iter().any(|w| {
        upper == *w
            || upper.strip_prefix(w).is_some_and(|rest| {
                // `LICENSE-MIT`, `LICENSE_APACHE-2.0`: a suffix written in capitals.
                rest.starts_with(['-', '_']) && !stem[w.len()..].chars().any(|c| c.is_lowercase())
            })
    }) || upper.ends_with("-LICENSE")
        || upper.ends_with("-LICENSES")
        || upper.ends_with("-LICENCES")
}

/// Every note file under `root`, honouring `.gitignore` and `.confsearchignore`, sorted.
/// Folders that cannot be read are reported in `warnings` and skipped. `skip` (the index
/// folder, when it lies inside the corpus) is never walked.
pub fn walk(root: &Path, skip: Option<&Path>, warnings: &mut Vec<String>) -> Vec<PathBuf> {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(true)
        .add_custom_ignore_filename(".confsearchignore")
        .filter_entry(move |e| {
            // Only folders can be the index folder: no canonicalize (a syscall) per file.
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !is_dir
                || skip
                    .as_ref()
                    .is_none_or(|s| e.path().canonicalize().ok().as_ref() != Some(s))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && is_note_file(e.path()) {
                    files.push(e.into_path());
                }
            }
            Err(err) => warnings.push(format!("{err}")),
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_utf16_and_windows_1252() {
        let p = Path::new("n.md");
        assert_eq!(decode(p, "Café".as_bytes()).unwrap().text, "Café");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(p, &utf16).unwrap().text, "Hé");
        let latin = decode(p, b"Caf\xe9 Br\xe9hault").unwrap();
        assert_eq!(latin.text, "Café Bréhault");
        assert!(latin.warning.is_some());
    }

    #[test]
    fn licence_files_are_not_notes() {
        for name in [
            "LICENSE",
            "LICENSE.txt",
            "LICENSE-MIT",
            "licence.md",
            "COPYING",
            "NOTICE.md",
            "THIRD-PARTY-LICENSES.txt",
        ] {
            assert!(!is_note_file(Path::new(name)), "{name}");
        }
        for name in [
            "notes.md",
            "licensing-talk.md",
            "licence-compliance.md",
            "2019/copyleft.txt",
            "2019/summit.org",
        ] {
            assert!(is_note_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(Path::new("x.md"), b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(ReadError::Binary { .. })
        ));
    }
}
