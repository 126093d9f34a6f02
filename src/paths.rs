//! Where the notes and the index are: flags, environment, a `confsearch.toml` with a `[paths]`
//! table or an index found walking up from the current folder (as git finds `.git`), the
//! user's config file, then `./corpus` and `./index`.
//!
//! The index records the notes folder it was built from (`confsearch-corpus` in the index
//! folder), so a query run from anywhere below the folder that holds the index, or inside the
//! notes, knows both. A default index is never put inside the notes: when `./index` would lie
//! in the notes folder, the index goes to the user's data folder instead, and `index` says so.

use anyhow::{Context as _, Result};
use serde::Deserialize;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// The file in the index folder naming the notes folder it indexes.
pub(crate) const CORPUS_FILE: &str = "confsearch-corpus";
/// The file, in a folder or an ancestor, whose `[paths]` table names the folders.
pub(crate) const PROJECT_FILE: &str = "confsearch.toml";

/// The notes folder and the index folder a command works on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Locations {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// How the index folder was chosen, for messages.
    pub index_from: From,
}

/// Where a location came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum From {
    /// `--index` or `CONFSEARCH_INDEX`.
    Flag,
    /// A `[paths]` table in a `confsearch.toml`.
    Config,
    /// An existing index found walking up.
    Found,
    /// `./index`.
    Default,
    /// The user's data folder, because `./index` would lie inside the notes.
    DataDir,
}

/// What the environment offers beyond the flags, so that resolution is testable.
pub(crate) struct Context<'a> {
    pub cwd: &'a Path,
    /// The user's config file (`~/.config/confsearch/config.toml` on Linux).
    pub user_config: Option<PathBuf>,
    /// Where default indexes of notes folders go (`~/.local/share/confsearch/indexes`).
    pub data_dir: Option<PathBuf>,
}

impl Context<'_> {
    /// The platform's folders (XDG on Linux), via `etcetera`.
    pub(crate) fn platform(cwd: &Path) -> Context<'_> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok();
        Context {
            cwd,
            user_config: base
                .as_ref()
                .map(|b| b.config_dir().join("confsearch").join("config.toml")),
            data_dir: base.as_ref().map(|b| b.data_dir().join("confsearch").join("indexes")),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct PathsFile {
    paths: Option<PathsTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathsTable {
    corpus: Option<PathBuf>,
    index: Option<PathBuf>,
}

/// The `[paths]` of a TOML file, relative paths taken from the file's folder and `~/` from
/// the home folder. `None` when the file is missing or has no `[paths]` table.
fn read_paths(file: &Path) -> Result<Option<(Option<PathBuf>, Option<PathBuf>)>> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Ok(None);
    };
    let parsed: PathsFile = toml::from_str(&text).with_context(|| format!("reading {}", file.display()))?;
    let Some(t) = parsed.paths else { return Ok(None) };
    let base = file.parent().unwrap_or(Path::new("."));
    let place = |p: PathBuf| -> PathBuf {
        match p.strip_prefix("~") {
            Ok(rest) => std::env::home_dir().map_or(p.clone(), |h| h.join(rest)),
            Err(_) => base.join(p),
        }
    };
    Ok(Some((t.corpus.map(place), t.index.map(place))))
}

/// The notes folder recorded in an index, if any.
pub(crate) fn recorded_corpus(index: &Path) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let bytes = std::fs::read(index.join(CORPUS_FILE)).ok()?;
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(&bytes).to_vec();
    (!bytes.is_empty()).then(|| PathBuf::from(OsString::from_vec(bytes)))
}

/// Records `corpus` (absolute) in the index, when it is not recorded already.
pub(crate) fn record_corpus(index: &Path, corpus: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let corpus = absolute(corpus);
    if recorded_corpus(index).as_deref() == Some(corpus.as_path()) {
        return Ok(());
    }
    let mut bytes = corpus.as_os_str().as_bytes().to_vec();
    bytes.push(b'\n');
    let tmp = index.join(format!("{CORPUS_FILE}.tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, index.join(CORPUS_FILE)).with_context(|| format!("writing {}", index.display()))?;
    Ok(())
}

/// `path` made absolute and normalised (`..` and `.` resolved), following symlinks where it
/// exists.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `target` as a path relative to `from` when `target` lies under it or close by (`../x`),
/// else absolute: what a terminal or an editor opens from the folder the user stands in. Both
/// are absolute and normalised already ([`absolute`]): nothing is asked of the file system, as
/// this runs for every path printed.
pub(crate) fn relative_to(target: &Path, from: &Path) -> PathBuf {
    let tc: Vec<Component> = target.components().collect();
    let fc: Vec<Component> = from.components().collect();
    let common = tc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    // Sharing only `/` is not close: an absolute path reads better than `../../../..`.
    if common <= 1 || fc.len() - common > 3 {
        return target.to_path_buf();
    }
    let mut rel = PathBuf::new();
    for _ in common..fc.len() {
        rel.push("..");
    }
    for c in &tc[common..] {
        rel.push(c);
    }
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    }
}

/// Is `inner` `outer` or inside it?
pub(crate) fn is_inside(inner: &Path, outer: &Path) -> bool {
    absolute(inner).starts_with(absolute(outer))
}

/// The data-folder index of a notes folder: one per folder, named by its path.
fn data_index(data_dir: &Path, corpus: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let corpus = absolute(corpus);
    let name: String = corpus
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "root".into())
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = blake3::hash(corpus.as_os_str().as_bytes()).to_hex();
    data_dir.join(format!("{name}-{}", &hash.as_str()[..12]))
}

/// The current folder, or an error saying it cannot be read.
pub(crate) fn current_dir() -> Result<PathBuf> {
    std::env::current_dir().context("the current folder cannot be read")
}

/// Chooses the notes and index folders. `corpus` and `index` are the flags (or their
/// environment variables).
pub(crate) fn resolve(corpus: Option<PathBuf>, index: Option<PathBuf>, cx: &Context) -> Result<Locations> {
    if let Some(index) = index {
        let corpus = corpus
            .or_else(|| recorded_corpus(&index))
            .unwrap_or_else(|| cx.cwd.join("corpus"));
        return Ok(Locations {
            corpus,
            index,
            index_from: From::Flag,
        });
    }
    for dir in cx.cwd.ancestors() {
        if let Some((c, i)) = read_paths(&dir.join(PROJECT_FILE))? {
            let corpus = corpus.clone().or(c).unwrap_or_else(|| dir.join("corpus"));
            let index = i.unwrap_or_else(|| dir.join("index"));
            return Ok(Locations {
                corpus,
                index,
                index_from: From::Config,
            });
        }
        let candidate = dir.join("index");
        if crate::index::is_marked(&candidate) {
            let recorded = recorded_corpus(&candidate);
            // An index of other notes than the ones asked for is not the one wanted.
            let fits = match (&corpus, &recorded) {
                (Some(asked), Some(r)) => absolute(asked) == *r,
                _ => true,
            };
            if fits {
                return Ok(Locations {
                    corpus: corpus.clone().or(recorded).unwrap_or_else(|| dir.join("corpus")),
                    index: candidate,
                    index_from: From::Found,
                });
            }
        }
        if corpus.is_none()
            && let Some(data) = &cx.data_dir
        {
            let candidate = data_index(data, dir);
            if crate::index::is_marked(&candidate) {
                return Ok(Locations {
                    corpus: dir.to_path_buf(),
                    index: candidate,
                    index_from: From::Found,
                });
            }
        }
    }
    if let Some(file) = &cx.user_config
        && let Some((c, i)) = read_paths(file)?
        && (c.is_some() || i.is_some())
    {
        let corpus = corpus.or(c).unwrap_or_else(|| cx.cwd.join("corpus"));
        let (index, index_from) = match i {
            Some(i) => (i, From::Config),
            None => default_index(&corpus, cx),
        };
        return Ok(Locations {
            corpus,
            index,
            index_from,
        });
    }
    let corpus = corpus.unwrap_or_else(|| PathBuf::from("corpus"));
    let (index, index_from) = default_index(&corpus, cx);
    Ok(Locations {
        corpus,
        index,
        index_from,
    })
}

/// `./index`, unless that lies inside the notes: then the user's data folder.
fn default_index(corpus: &Path, cx: &Context) -> (PathBuf, From) {
    let here = cx.cwd.join("index");
    let corpus = cx.cwd.join(corpus);
    // Inside the notes, or another notes folder's index: not this one's to write.
    let taken = crate::index::is_marked(&here) && recorded_corpus(&here).is_some_and(|r| r != absolute(&corpus));
    if (is_inside(&here, &corpus) || taken)
        && let Some(data) = &cx.data_dir
    {
        return (data_index(data, &corpus), From::DataDir);
    }
    (PathBuf::from("index"), From::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx<'a>(cwd: &'a Path, home: &Path) -> Context<'a> {
        Context {
            cwd,
            user_config: Some(home.join("config.toml")),
            data_dir: Some(home.join("data")),
        }
    }

    fn make_index(dir: &Path, corpus: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        crate::index::mark(dir).unwrap();
        record_corpus(dir, corpus).unwrap();
    }

    #[test]
    fn relative_paths_for_the_terminal() {
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a")),
            PathBuf::from("b/c.md")
        );
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a/d")),
            PathBuf::from("../b/c.md")
        );
        assert_eq!(
            relative_to(Path::new("/x/c.md"), Path::new("/a/d")),
            PathBuf::from("/x/c.md")
        );
    }

    #[test]
    fn defaults_without_anything() {
        let home = tempfile::tempdir().unwrap();
        let cwd = tempfile::tempdir().unwrap();
        let l = resolve(None, None, &cx(cwd.path(), home.path())).unwrap();
        assert_eq!(
            (l.corpus, l.index, l.index_from),
            ("corpus".into(), "index".into(), From::Default)
        );
    }

    #[test]
    fn index_found_walking_up_from_inside_the_notes() {
        let home = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let notes = root.path().join("corpus");
        std::fs::create_dir_all(notes.join("2019/talks")).unwrap();
        make_index(&root.path().join("index"), &notes);
        let deep = notes.join("2019/talks");
        let l = resolve(None, None, &cx(&deep, home.path())).unwrap();
        assert_eq!(l.index, root.path().join("index"));
        assert_eq!(l.corpus, absolute(&notes));
        assert_eq!(l.index_from, From::Found);
    }

    #[test]
    fn corpus_dot_puts_the_index_in_the_data_folder_and_finds_it_again() {
        let home = tempfile::tempdir().unwrap();
        let notes = tempfile::tempdir().unwrap();
        let l = resolve(Some(".".into()), None, &cx(notes.path(), home.path())).unwrap();
        assert_eq!(l.index_from, From::DataDir);
        assert!(l.index.starts_with(home.path().join("data")));
        make_index(&l.index, notes.path());
        std::fs::create_dir_all(notes.path().join("sub")).unwrap();
        let again = resolve(None, None, &cx(&notes.path().join("sub"), home.path())).unwrap();
        assert_eq!(again.index, l.index);
        assert_eq!(absolute(&again.corpus), absolute(notes.path()));
    }

    #[test]
    fn paths_table_walking_up_and_in_the_user_config() {
        let home = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(PROJECT_FILE),
            "[paths]\ncorpus = \"notes\"\nindex = \".cache/idx\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.path().join("notes/a")).unwrap();
        let l = resolve(None, None, &cx(&root.path().join("notes/a"), home.path())).unwrap();
        assert_eq!(l.corpus, root.path().join("notes"));
        assert_eq!(l.index, root.path().join(".cache/idx"));

        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("config.toml"), "[paths]\ncorpus = \"/srv/notes\"\n").unwrap();
        let l = resolve(None, None, &cx(elsewhere.path(), home.path())).unwrap();
        assert_eq!(l.corpus, PathBuf::from("/srv/notes"));
        assert_eq!(l.index, PathBuf::from("index"));
        // Flags win over everything.
        let l = resolve(Some("c".into()), Some("i".into()), &cx(elsewhere.path(), home.path())).unwrap();
        assert_eq!((l.corpus, l.index), ("c".into(), "i".into()));
    }

    #[test]
    fn a_confsearch_toml_without_paths_is_not_a_project_file() {
        let home = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(PROJECT_FILE), "[themes]\nrust = [\"rust\"]\n").unwrap();
        let l = resolve(None, None, &cx(root.path(), home.path())).unwrap();
        assert_eq!(l.index_from, From::Default);
    }
}
