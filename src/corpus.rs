//! The notes folder: which files are notes, and reading them whatever their encoding.
//!
//! Length: over 500 lines because walking and reading the notes folder are one job here
//! (symbolic-link policy, path order, stats, decoding); the last third is its unit tests.

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
    /// The io error is in the message, not the error's source: said once.
    #[error("cannot read {path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path} is binary, not a note (skipped)")]
    Binary { path: PathBuf },
}

/// Decodes a note's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
/// UTF-8 with Windows-1252 for the bytes that are not UTF-8, so that accented names in old
/// notes survive. Binary data is refused.
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
            let (text, latin) = utf8_then_windows_1252(bytes);
            let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            if controls * 10 > text.chars().count().max(1) {
                return Err(ReadError::Binary {
                    path: path.to_path_buf(),
                });
            }
            Ok(NoteText {
                text,
                warning: Some(format!(
                    "{}: not valid UTF-8: {} read as Windows-1252",
                    path.display(),
                    crate::output::plural(latin, "byte", "bytes")
                )),
            })
        }
    }
}

/// Text edited in two editors (`René Dupont – Café culture`: the dash written as UTF-8, the
/// accents as Latin-1): each valid UTF-8 sequence is read as UTF-8 and only the bytes that
/// are not UTF-8 as Windows-1252. Returns the text and how many bytes were Windows-1252.
fn utf8_then_windows_1252(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut latin = 0;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // The bytes that cannot start a UTF-8 sequence here (all that is left when
                // the text ends inside one).
                let bad = e.error_len().unwrap_or(after.len());
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&after[..bad]);
                text.push_str(&decoded);
                latin += bad;
                rest = &after[bad..];
            }
        }
    }
    (text, latin)
}

/// Reads and decodes one note file.
pub fn read_note(path: &Path) -> Result<NoteText, ReadError> {
    let bytes = std::fs::read(path).map_err(|error| ReadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    decode(path, &bytes)
}

/// The path of `file` relative to `root`, with `/` separators, as sessions name it.
///
/// File names are bytes: a byte that is not UTF-8 is written `\xHH` and a backslash `\\`,
/// so two names differing only in such bytes (`bad\xff.md`, `bad\xfe.md`) stay two notes,
/// and [`note_path`] gives the file back.
pub fn relative_path(root: &Path, file: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let rel = strip_root(file, root);
    // The usual path, valid UTF-8 with nothing to escape or normalise, as it is: every run
    // asks this of every file, several times.
    if let Ok(plain) = std::str::from_utf8(rel.as_os_str().as_bytes())
        && !plain.contains('\\')
        && written_plainly(plain.as_bytes())
    {
        return plain.to_string();
    }
    escaped_components(rel)
}

/// `file.strip_prefix(root)`, or `file` when it is not under `root`. The usual case, the
/// root's bytes then one slash, is answered without comparing component by component.
fn strip_root<'a>(file: &'a Path, root: &Path) -> &'a Path {
    use std::os::unix::ffi::OsStrExt;
    let root_bytes = root.as_os_str().as_bytes();
    if let Some(rest) = file.as_os_str().as_bytes().strip_prefix(root_bytes)
        && !root_bytes.is_empty()
    {
        let rest = if root_bytes.ends_with(b"/") {
            Some(rest)
        } else {
            rest.strip_prefix(b"/")
        };
        if let Some(rest) = rest.filter(|r| written_plainly(r)) {
            return Path::new(std::ffi::OsStr::from_bytes(rest));
        }
    }
    file.strip_prefix(root).unwrap_or(file)
}

/// A relative path as a walk writes it, whose components are its `/`-separated parts as they
/// are: no empty part (a leading, trailing or doubled `/`) and no `.`.
fn written_plainly(rel: &[u8]) -> bool {
    rel.split(|b| *b == b'/').all(|c| !c.is_empty() && c != b".")
}

fn escaped_components(rel: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    rel.components()
        .map(|c| escape_name(c.as_os_str().as_bytes()))
        .collect::<Vec<_>>()
        .join("/")
}

fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The file a session path (from [`relative_path`]) names under `root`.
pub(crate) fn note_path(root: &Path, rel: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let bytes = rel.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 2..i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], bytes.get(i + 1), hex) {
            (b'\\', Some(b'\\'), _) => {
                out.push(b'\\');
                i += 2;
            }
            (b'\\', Some(b'x'), Some(b)) => {
                out.push(b);
                i += 4;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    root.join(std::ffi::OsString::from_vec(out))
}

/// Note files: `.md`, `.markdown`, `.mdx` (Docusaurus and Astro sites), `.mdown`, `.mkd`,
/// `.txt`, `.text`, `.org`, and files without an extension; and the files an official
/// schedule may be saved as, `.json`, `.xml`, `.ics` (read only when their content is a
/// schedule: `programme::recognise`); not licence and notice files (`LICENSE*`, `LICENCE*`,
/// `COPYING*`, `NOTICE*`, `*-LICENSE*`).
pub(crate) fn is_note_file(path: &Path) -> bool {
    if is_licence(path) {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => ["md", "markdown", "mdx", "mdown", "mkd", "txt", "text", "org"]
            .iter()
            .chain(crate::programme::SCHEDULE_EXTENSIONS)
            .any(|known| ext.eq_ignore_ascii_case(known)),
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

/// Which symbolic links the walk follows. None by default, as ripgrep and fd: a link in the
/// notes can point anywhere (`/etc/passwd`, `/`), and the index would hold what it found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Follow {
    #[default]
    Never,
    /// Links whose target lies inside the notes folder (`index --follow`).
    Inside,
    /// Every link, wherever it points (`index --follow=anywhere`).
    Anywhere,
}

/// Every note file under `root`, honouring `.gitignore` and `.confsearchignore`, in the
/// walk's order (a folder's files together; [`sort_in_path_order`] sorts them).
/// Folders that cannot be read are reported in `warnings`, listed in `unreadable` (their
/// notes keep what the index has) and skipped. `skip` (the index folder, when it lies inside
/// the corpus) is never walked; when it is the corpus itself, its own files are not notes.
/// Symbolic links are followed as `follow` says; links that lead to a file twice (a second
/// name, a loop) give it once.
pub(crate) fn walk(
    root: &Path,
    skip: Option<&Path>,
    follow: Follow,
    warnings: &mut Vec<String>,
    unreadable: &mut Vec<PathBuf>,
) -> Vec<PathBuf> {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let real_root = root.canonicalize().ok();
    let index_is_root = skip.is_some() && real_root == skip;
    let skip = skip.filter(|_| !index_is_root);
    let not_followed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let filter_root = real_root.clone();
    let filter_not_followed = not_followed.clone();
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(follow != Follow::Never)
        .add_custom_ignore_filename(".confsearchignore")
        .filter_entry(move |e| {
            if follow == Follow::Inside && e.depth() > 0 && e.path_is_symlink() {
                // A dangling link is left to the walk, which reports it.
                if let (Ok(target), Some(root)) = (e.path().canonicalize(), &filter_root)
                    && !target.starts_with(root)
                {
                    filter_not_followed
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(format!(
                            "{} links outside the notes folder (to {}): not followed (index --follow=anywhere follows it)",
                            e.path().display(),
                            target.display()
                        ));
                    return false;
                }
            }
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
                let own =
                    index_is_root && e.depth() == 1 && crate::index::is_own_file(&e.file_name().to_string_lossy());
                if e.file_type().is_some_and(|t| t.is_file()) && is_note_file(e.path()) && !own {
                    files.push(e.into_path());
                }
            }
            Err(err) => {
                if let Some(path) = unreadable_path(&err) {
                    warnings.push(format!(
                        "cannot read {}: {}; its notes keep their sessions",
                        path.display(),
                        // The kind alone: the io error repeats the path.
                        io_cause(&err).map_or_else(|| err.to_string(), |e| e.kind().to_string())
                    ));
                    unreadable.push(path.to_path_buf());
                } else {
                    warnings.push(format!("{err}"));
                }
            }
        }
    }
    warnings.append(&mut not_followed.lock().unwrap_or_else(|p| p.into_inner()));
    if follow != Follow::Never {
        // Which name of a file reached by several is kept depends on the order.
        sort_in_path_order(&mut files, |f| f);
        files = once_each(root, real_root.as_deref(), files);
    }
    files
}

/// Sorts `items` by their paths in `Path` order (component by component), compared as bytes
/// with the separator lowest ([`path_order_from`]): the same order for the paths of one walk,
/// and cheaper for tens of thousands. (The walker's own sort by name costs more: it takes each
/// name out of its path, by components, at every comparison.)
pub(crate) fn sort_in_path_order<T: Send, P: Fn(&T) -> &Path + Sync>(items: &mut [T], path: P) {
    use rayon::slice::ParallelSliceMut;
    use std::os::unix::ffi::OsStrExt;
    fn as_bytes<'a, T, P: Fn(&T) -> &Path>(path: &P, t: &'a T) -> &'a [u8] {
        path(t).as_os_str().as_bytes()
    }
    // The bytes every path starts with (the root, at least) are not compared again.
    let shared = items.first().map_or(0, |first| {
        let first = as_bytes(&path, first);
        items
            .iter()
            .map(|t| mismatch(first, as_bytes(&path, t)))
            .min()
            .unwrap_or(0)
    });
    items.par_sort_unstable_by(|a, b| path_order_from(as_bytes(&path, a), as_bytes(&path, b), shared));
}

/// A note file's size and modification time, as [`stat_files`] saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStat {
    pub size: u64,
    /// Nanoseconds since the Unix epoch; 0 for a time before it.
    pub mtime: u64,
}

impl From<std::fs::Metadata> for FileStat {
    fn from(meta: std::fs::Metadata) -> FileStat {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        FileStat {
            size: meta.len(),
            mtime,
        }
    }
}

impl From<rustix::fs::Stat> for FileStat {
    // The field types differ between platforms (`i64` on some, `c_long` on others).
    #[allow(clippy::unnecessary_cast)]
    fn from(st: rustix::fs::Stat) -> FileStat {
        let (secs, nanos) = (st.st_mtime as i64, st.st_mtime_nsec as u64);
        // As `Metadata::modified` then `duration_since(UNIX_EPOCH)`: 0 before the epoch.
        let mtime = u64::try_from(secs).map_or(0, |s| (u128::from(s) * 1_000_000_000 + u128::from(nanos)) as u64);
        FileStat {
            size: st.st_size as u64,
            mtime,
        }
    }
}

/// Files of one folder stated with one handle on it, at most: runs short enough that both
/// cores share a folder of thousands of notes.
const STAT_RUN: usize = 256;

/// The size and mtime of each of `files` (symbolic links followed, as `std::fs::metadata`),
/// in parallel. Each file is looked up by its name in its folder, opened once for its run of
/// files (the walk gives a folder's files together), as `find` does: a path looked up from
/// the root costs a lookup per component, which was the largest part of a no-op re-index.
/// An error is the one `std::fs::metadata` gives for the path.
pub(crate) fn stat_files(files: &[PathBuf]) -> Vec<std::io::Result<FileStat>> {
    use rayon::prelude::*;
    use std::os::unix::ffi::OsStrExt;
    // Compared as bytes: `Path`'s equality compares component by component.
    fn folder(f: &Path) -> Option<&[u8]> {
        folder_and_name(f).map(|(folder, _)| folder.as_os_str().as_bytes())
    }
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=files.len() {
        if i == files.len() || i - start >= STAT_RUN || folder(&files[i]) != folder(&files[start]) {
            runs.push(&files[start..i]);
            start = i;
        }
    }
    runs.par_iter().flat_map_iter(|run| stat_run(run)).collect()
}

/// [`stat_files`] for files of one folder.
fn stat_run(run: &[PathBuf]) -> Vec<std::io::Result<FileStat>> {
    use rustix::fs::{AtFlags, Mode, OFlags};
    let dir = run.first().and_then(|f| folder_and_name(f)).and_then(|(folder, _)| {
        rustix::fs::open(
            folder,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok()
    });
    run.iter()
        .map(|file| {
            let at = dir
                .as_ref()
                .zip(folder_and_name(file))
                .and_then(|(dir, (_, name))| rustix::fs::statat(dir, name, AtFlags::empty()).ok());
            match at {
                Some(st) => Ok(FileStat::from(st)),
                // No handle on the folder, or an error: the path's own error, as before.
                None => std::fs::metadata(file).map(FileStat::from),
            }
        })
        .collect()
}

/// A file's folder and name, split at its last `/` (as bytes: `Path::parent` and
/// `Path::file_name` parse components, several times the cost of the stat's lookup). `None`
/// for a path that does not end in a plain name (`a/`, `a/.`, `..`).
fn folder_and_name(file: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = file.as_os_str().as_bytes();
    let (folder, name) = match bytes.iter().rposition(|b| *b == b'/') {
        Some(0) => (&b"/"[..], &bytes[1..]),
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (&b"."[..], bytes),
    };
    if name.is_empty() || name == b"." || name == b".." {
        return None;
    }
    Some((
        Path::new(std::ffi::OsStr::from_bytes(folder)),
        std::ffi::OsStr::from_bytes(name),
    ))
}

/// `a.cmp(b)` for paths written alike up to where they differ (as the paths of one walk are):
/// bytes, a `/` before any other byte, as `Path`'s component-wise order has it.
#[cfg(test)]
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::os::unix::ffi::OsStrExt;
    path_order_from(a.as_os_str().as_bytes(), b.as_os_str().as_bytes(), 0)
}

/// [`path_order`] for paths whose first `shared` bytes are the same.
fn path_order_from(a: &[u8], b: &[u8], shared: usize) -> std::cmp::Ordering {
    let at = shared + mismatch(&a[shared..], &b[shared..]);
    let key = |c: u8| if c == b'/' { 0 } else { u16::from(c) + 1 };
    match (a.get(at), b.get(at)) {
        (Some(&x), Some(&y)) => key(x).cmp(&key(y)),
        _ => a.len().cmp(&b.len()),
    }
}

/// The length of the common prefix of `a` and `b`, skipped eight bytes at a time (paths share
/// most of their bytes: the root and folders).
fn mismatch(a: &[u8], b: &[u8]) -> usize {
    let words = a.len().min(b.len()) / 8;
    let mut at = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .take(words)
        .position(|(x, y)| x != y)
        .map_or(words * 8, |w| w * 8);
    while at < a.len() && at < b.len() && a[at] == b[at] {
        at += 1;
    }
    at
}

/// The file or folder an I/O error of the walk is about (not a loop or an ignore file).
fn unreadable_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, err } if io_cause(err).is_some() => Some(path),
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => unreadable_path(err),
        _ => None,
    }
}

fn io_cause(err: &ignore::Error) -> Option<&std::io::Error> {
    match err {
        ignore::Error::Io(e) => Some(e),
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => io_cause(err),
        _ => None,
    }
}

/// Each file once when links give it several names (`talks -> 2019/talks`): under its own
/// name when the walk found that, else under the first name in sorted order.
fn once_each(root: &Path, real_root: Option<&Path>, files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut chosen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut keep: Vec<Option<PathBuf>> = Vec::with_capacity(files.len());
    for file in files {
        let Ok(real) = file.canonicalize() else {
            keep.push(Some(file));
            continue;
        };
        // Reached without a link: the path under the real root is the file's real path.
        let own_name = real_root.is_some_and(|r| file.strip_prefix(root).is_ok_and(|rel| r.join(rel) == real));
        match chosen.get(&real) {
            Some(&i) if own_name => {
                keep[i] = None;
                chosen.insert(real, keep.len());
                keep.push(Some(file));
            }
            Some(_) => {}
            None => {
                chosen.insert(real, keep.len());
                keep.push(Some(file));
            }
        }
    }
    keep.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_that_are_not_utf8_stay_apart_and_come_back() {
        use std::os::unix::ffi::OsStrExt;
        let root = Path::new("/n");
        let names: [&[u8]; 4] = [b"bad\xff.md", b"bad\xfe.md", b"bad\\xff.md", b"caf\xc3\xa9.md"];
        let rels: Vec<String> = names
            .iter()
            .map(|n| relative_path(root, &root.join(std::ffi::OsStr::from_bytes(n))))
            .collect();
        assert_eq!(rels, ["bad\\xff.md", "bad\\xfe.md", "bad\\\\xff.md", "café.md"]);
        for (n, rel) in names.iter().zip(&rels) {
            assert_eq!(note_path(root, rel), root.join(std::ffi::OsStr::from_bytes(n)));
        }
    }

    #[test]
    fn relative_path_shortcut_agrees_with_the_components() {
        let root = Path::new("/n");
        for rel in [
            "a.md",
            "2019/conf/talk.md",
            "",
            "./a.md",
            "a/./b.md",
            "a//b.md",
            "a/",
            "../up.md",
            "back\\slash.md",
            "café/終わり.md",
        ] {
            let file = root.join(rel);
            let expected = escaped_components(file.strip_prefix(root).unwrap_or(&file));
            assert_eq!(relative_path(root, &file), expected, "{rel}");
        }
    }

    #[test]
    fn strip_root_and_path_order_agree_with_path() {
        let pairs = [
            ("/n/a.md", "/n"),
            ("/n/a.md", "/n/"),
            ("/nx/a.md", "/n"),
            ("/n//a.md", "/n"),
            ("/n/a.md", "/"),
            ("./a.md", "."),
            ("corpus/2019/x.md", "./corpus"),
            ("/n", "/n"),
            ("a.md", ""),
        ];
        for (file, root) in pairs {
            let (file, root) = (Path::new(file), Path::new(root));
            assert_eq!(
                strip_root(file, root),
                file.strip_prefix(root).unwrap_or(file),
                "{file:?} {root:?}"
            );
        }
        let mut paths: Vec<PathBuf> = [
            "/n/a-b.md",
            "/n/a/b.md",
            "/n/a.md",
            "/n/a",
            "/n/B.md",
            "/n/é.md",
            "/n/a0/x",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_path = paths.clone();
        by_path.sort();
        paths.sort_by(|a, b| path_order(a, b));
        assert_eq!(paths, by_path);
    }

    #[test]
    fn stat_files_agrees_with_metadata() {
        use std::os::unix::ffi::OsStrExt;
        use std::time::{Duration, UNIX_EPOCH};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2019/conf")).unwrap();
        let mut files: Vec<PathBuf> = Vec::new();
        // More files in one folder than one run stats, in the root and below it.
        for i in 0..(STAT_RUN + 3) {
            files.push(root.join(format!("2019/conf/t{i:04}.md")));
        }
        files.push(root.join("2019/a.md"));
        files.push(root.join(std::ffi::OsStr::from_bytes(b"bad\xff.md")));
        files.push(root.join(std::ffi::OsStr::from_bytes(b"bad\xfe.md")));
        files.push(root.join("top.md"));
        for (i, f) in files.iter().enumerate() {
            std::fs::write(f, "x".repeat(i)).unwrap();
        }
        // A time before the epoch reads as 0, as `duration_since(UNIX_EPOCH)` failing did.
        let old = std::fs::File::options().write(true).open(&files[1]).unwrap();
        old.set_modified(UNIX_EPOCH - Duration::from_millis(1500)).unwrap();
        std::os::unix::fs::symlink(root.join("top.md"), root.join("link.md")).unwrap();
        files.push(root.join("link.md"));
        files.push(root.join("missing.md"));
        files.push(root.join("nofolder/x.md"));
        let stats = stat_files(&files);
        assert_eq!(stats.len(), files.len());
        for (f, got) in files.iter().zip(&stats) {
            match (got, std::fs::metadata(f)) {
                (Ok(got), Ok(meta)) => assert_eq!(*got, FileStat::from(meta), "{f:?}"),
                (Err(got), Err(want)) => assert_eq!(got.kind(), want.kind(), "{f:?}"),
                (got, want) => panic!("{f:?}: {got:?} against {want:?}"),
            }
        }
        assert_eq!(stats[1].as_ref().unwrap().mtime, 0);
        assert_eq!(stats[5].as_ref().unwrap().size, 5);
    }

    #[test]
    fn folder_and_name_split_at_the_last_slash() {
        let split = |p: &str| folder_and_name(Path::new(p)).map(|(f, n)| (f.to_path_buf(), n.to_owned()));
        assert_eq!(split("/n/2019/a.md"), Some(("/n/2019".into(), "a.md".into())));
        assert_eq!(split("/a.md"), Some(("/".into(), "a.md".into())));
        assert_eq!(split("a.md"), Some((".".into(), "a.md".into())));
        assert_eq!(split("./a.md"), Some((".".into(), "a.md".into())));
        for odd in ["a/", "a/.", "a/..", "..", "/"] {
            assert_eq!(split(odd), None, "{odd}");
        }
    }

    mod order {
        use super::*;
        use proptest::prelude::*;
        use std::os::unix::ffi::OsStrExt;

        proptest! {
            // Long shared folders, names with the bytes below `/` (`-`, `.`): the word-wise
            // skip of the common prefix, then the first byte that differs.
            #[test]
            fn path_order_is_path_order(
                a in proptest::collection::vec("[ab\\-][ab.\\-]{0,11}", 1..5),
                b in proptest::collection::vec("[ab\\-][ab.\\-]{0,11}", 1..5),
            ) {
                let (a, b) = (
                    PathBuf::from(format!("/notes/conference/{}", a.join("/"))),
                    PathBuf::from(format!("/notes/conference/{}", b.join("/"))),
                );
                prop_assert_eq!(path_order(&a, &b), a.cmp(&b));
                let shared = "/notes/conference/".len();
                prop_assert_eq!(
                    path_order_from(a.as_os_str().as_bytes(), b.as_os_str().as_bytes(), shared),
                    a.cmp(&b)
                );
            }
        }
    }

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
    fn utf8_dash_and_latin1_accents_in_one_line() {
        // `René Dupont – Café culture`: é as Latin-1 (E9), the en dash as UTF-8 (E2 80 93).
        let mixed = b"Ren\xe9 Dupont \xe2\x80\x93 Caf\xe9 culture \xe2\x80\x9cquoted\xe2\x80\x9d \x93smart\x94";
        let note = decode(Path::new("n.md"), mixed).unwrap();
        assert_eq!(note.text, "René Dupont – Café culture “quoted” “smart”");
        assert_eq!(
            note.warning.as_deref(),
            Some("n.md: not valid UTF-8: 4 bytes read as Windows-1252")
        );
        // A UTF-8 sequence cut at the end of the file is Windows-1252 too.
        assert_eq!(utf8_then_windows_1252(b"caf\xc3"), ("cafÃ".to_string(), 1));
        assert_eq!(utf8_then_windows_1252(b"\xe2\x80x"), ("â€x".to_string(), 2));
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
            "docs/day-one/caching.mdx",
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
