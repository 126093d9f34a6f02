//! One note file of an index run: read (within the caps), hashed, and parsed when its content
//! changed; and the chunks the run parses files in. No index is touched here.

use crate::index::manifest::{Digest, FileEntry};
use crate::notes::{self, Session};
use crate::{config, corpus};
use std::collections::BTreeMap;
use std::path::Path;

/// One note file as found on disk this run (one whose size or mtime is not the manifest's).
pub(crate) enum Found {
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

/// A file examined: its path relative to the notes folder, what was found, its warnings.
pub(crate) type Examined = (String, Found, Vec<String>);

/// A file to read: its size or mtime is not the manifest's, or it is new.
pub(crate) struct Pending<'a> {
    pub(crate) file: &'a Path,
    pub(crate) rel: &'a str,
    pub(crate) stat: std::io::Result<corpus::FileStat>,
}

impl Pending<'_> {
    /// The file's size as the stat saw it (0 when it could not be seen).
    pub(crate) fn size(&self) -> u64 {
        self.stat.as_ref().map_or(0, |s| s.size)
    }
}

/// Files parsed per chunk for each parse thread: enough to keep it busy, few enough to bound
/// memory (three chunks are in flight: one written, one parsed ahead, one being parsed).
const CHUNK_FILES_PER_THREAD: usize = 32;
/// Bytes of notes parsed per chunk: a few huge notes make a chunk of their own.
const CHUNK_BYTES: u64 = 128 << 20;

/// The most of one note file that is read and indexed: 64 MiB (ten years of daily notes fit
/// in a few MB). A larger file is indexed up to there, with a warning naming it.
pub(super) const MAX_NOTE_BYTES: u64 = 64 << 20;
/// The most of one session's notes that is stored and indexed: 1 MiB (a long talk's notes
/// are a few KB). Beyond it the notes are cut, with a warning naming the file and line, so
/// a query never loads more than this to build a snippet.
pub(super) const MAX_SESSION_BYTES: usize = 1 << 20;

/// `files` in chunks of at most [`CHUNK_FILES_PER_THREAD`] files for each of `threads` parse
/// threads and about [`CHUNK_BYTES`] bytes (`size_of` says a file's size; a file larger than
/// that is a chunk alone).
pub(crate) fn chunks<T>(files: &[T], threads: usize, size_of: impl Fn(&T) -> u64) -> Vec<&[T]> {
    let chunk_files = CHUNK_FILES_PER_THREAD * threads.max(1);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, file) in files.iter().enumerate() {
        let size = size_of(file).min(MAX_NOTE_BYTES);
        if i > start && (i - start >= chunk_files || bytes + size > CHUNK_BYTES) {
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

/// Chunks whose files the disk is asked for ahead of the one being parsed ([`prefetch`]).
pub(crate) const PREFETCH_CHUNKS: usize = 2;

/// Asks the system to read the files of `chunk` into its cache now (`POSIX_FADV_WILLNEED`),
/// without waiting: the first run over a folder not read since the machine started reads its
/// notes one at a time otherwise, each read a wait of the disk's latency with the core idle.
/// A file that cannot be opened is left for [`examine`] to report. Elsewhere than on Linux
/// nothing is done.
#[cfg_attr(not(target_os = "linux"), allow(unused_variables))]
pub(crate) fn prefetch(chunk: &[Pending]) {
    #[cfg(target_os = "linux")]
    for p in chunk {
        use std::os::fd::AsRawFd;
        let Ok(file) = std::fs::File::open(p.file) else {
            continue;
        };
        let len = libc::off_t::try_from(p.size().min(MAX_NOTE_BYTES)).unwrap_or(libc::off_t::MAX);
        // SAFETY: an advice on a descriptor open for the call; it reads nothing into our
        // memory, and an error only means the file is read when it is parsed, as without it.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, len, libc::POSIX_FADV_WILLNEED);
        }
    }
}

/// Reads at most [`MAX_NOTE_BYTES`] of a note (cut before an incomplete UTF-8 character at
/// the cut), and hashes the whole file, a buffer at a time. The flag says it was cut.
fn read_capped(file: &Path) -> std::io::Result<(Vec<u8>, Digest, bool)> {
    use std::io::Read;
    let mut f = std::fs::File::open(file)?;
    let mut bytes = Vec::new();
    (&mut f).take(MAX_NOTE_BYTES).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < MAX_NOTE_BYTES {
        let hash = Digest::of(&bytes);
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
    Ok((bytes, hasher.finalize().into(), more))
}

/// Cuts the notes of sessions longer than [`MAX_SESSION_BYTES`], with a warning each.
fn cap_sessions(file: &Path, sessions: &mut [Session], warnings: &mut Vec<String>) {
    for s in sessions {
        if s.body.len() > MAX_SESSION_BYTES {
            s.body.truncate(notes::text::char_floor(&s.body, MAX_SESSION_BYTES));
            warnings.push(format!(
                "{}:{}: the notes of this session are longer than {} MiB: only the first {} MiB are indexed",
                file.display(),
                s.source.line,
                MAX_SESSION_BYTES >> 20,
                MAX_SESSION_BYTES >> 20
            ));
        }
        if s.title.len() > MAX_SESSION_BYTES {
            s.title.truncate(notes::text::char_floor(&s.title, MAX_SESSION_BYTES));
        }
    }
}

/// The distinct years of `sessions`, sorted, 0 for a session without one (`FileEntry::years`).
pub(crate) fn years_of(sessions: &[Session]) -> Vec<u16> {
    let mut years: Vec<u16> = sessions
        .iter()
        .map(|s| s.year.and_then(|y| u16::try_from(y).ok()).unwrap_or(0))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
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
pub(crate) fn examine(
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
            // Notes, or an official schedule; a `.json`/`.xml`/`.ics` that is neither (a
            // `package.json`) has no sessions, and nothing to say about it.
            let page = crate::programme::parse_page(rel, &note.text, taxonomy, rule, is_note)
                .map(|(page, _)| page)
                .unwrap_or_default();
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
        years: years_of(&sessions),
        matched: Vec::new(),
        noted: String::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn prefetch_passes_over_missing_files_and_folders_and_leaves_notes_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("talk.md");
        std::fs::write(&note, "# A talk\n\nnotes\n").unwrap();
        let (missing, folder) = (dir.path().join("gone.md"), dir.path().to_path_buf());
        let before = std::fs::metadata(&note).unwrap().modified().unwrap();
        let stat = |p: &Path| corpus::stat_files(&[p.to_path_buf()]).pop().unwrap();
        let chunk: Vec<Pending> = [&note, &missing, &folder]
            .into_iter()
            .map(|file| Pending {
                file,
                rel: "",
                stat: stat(file),
            })
            .collect();
        prefetch(&chunk);
        assert_eq!(std::fs::read_to_string(&note).unwrap(), "# A talk\n\nnotes\n");
        assert_eq!(std::fs::metadata(&note).unwrap().modified().unwrap(), before);
        assert!(!missing.exists());
    }

    #[test]
    fn chunks_are_bounded_by_files_and_by_bytes() {
        let files: Vec<PathBuf> = (0..150).map(|i| PathBuf::from(format!("{i}.md"))).collect();
        let sizes: Vec<usize> = chunks(&files, 1, |_| 1).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [32, 32, 32, 32, 22]);
        // 32 files for each parse thread.
        let sizes: Vec<usize> = chunks(&files, 2, |_| 1).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [64, 64, 22]);
        // Huge files count up to the read cap: two to a chunk.
        let huge = |p: &PathBuf| if p == Path::new("0.md") { 1 } else { 300 << 20 };
        let sizes: Vec<usize> = chunks(&files[..5], 1, huge).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [2, 2, 1]);
    }

    #[test]
    fn session_notes_over_the_cap_are_cut_with_a_warning_naming_the_file_and_line() {
        let mut sessions = notes::parse("big.md", "# Big talk\n\nnotes\n").sessions;
        let line = sessions[0].source.line;
        // A two-byte character across the cap.
        sessions[0].body = format!("{}é tail", "a".repeat(MAX_SESSION_BYTES - 1));
        let mut warnings = Vec::new();
        cap_sessions(Path::new("notes/big.md"), &mut sessions, &mut warnings);
        assert_eq!(sessions[0].body.len(), MAX_SESSION_BYTES - 1);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with(&format!("notes/big.md:{line}: ")),
            "{}",
            warnings[0]
        );
        // Under the cap: untouched, no warning.
        let mut small = notes::parse("small.md", "# Small talk\n\nnotes\n").sessions;
        let before = small.clone();
        cap_sessions(Path::new("small.md"), &mut small, &mut warnings);
        assert_eq!(small, before);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_note_under_the_read_cap_is_read_whole_and_hashed_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("n.md");
        std::fs::write(&file, "# Talk\n\nnotes é\n").unwrap();
        let (bytes, hash, cut) = read_capped(&file).unwrap();
        assert_eq!(bytes, std::fs::read(&file).unwrap());
        assert_eq!(hash, Digest::of(&bytes));
        assert!(!cut);
    }

    #[test]
    fn a_note_over_the_read_cap_is_cut_before_a_split_character_and_hashed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("huge.md");
        // `é` (two bytes) across the cap, then more text.
        let mut text = "a".repeat(MAX_NOTE_BYTES as usize - 1).into_bytes();
        text.extend("é and more".as_bytes());
        std::fs::write(&file, &text).unwrap();
        let (bytes, hash, cut) = read_capped(&file).unwrap();
        assert!(cut);
        assert_eq!(bytes.len() as u64, MAX_NOTE_BYTES - 1);
        assert_eq!(hash, Digest::of(&text), "the whole file, not what was read");
    }
}
