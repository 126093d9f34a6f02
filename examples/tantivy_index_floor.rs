//! tantivy alone doing what SQLite FTS5 does in `scripts/fts5_build.py`: every note file one
//! document (its path, its text stored and indexed with positions, tantivy's default tokenizer),
//! nothing parsed. The floor under `confsearch index`, which also parses each file into
//! sessions and indexes their fields, themes, links and facets (issue 13).
//!
//! cargo run --release --example tantivy_index_floor -- CORPUS INDEX [THREADS]
//!
//! THREADS: tantivy's indexing threads (default 1, each with confsearch's 32 MB arena); the
//! files are read on the main thread. INDEX is replaced when it is a tantivy index (or empty,
//! or missing); any other folder is refused, so that swapped arguments cannot delete notes.
//! Prints files, bytes and seconds.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::schema::{STORED, STRING, Schema, TEXT};
use tantivy::{Index, TantivyDocument};

/// Memory of each indexing thread: confsearch's (`ARENA_PER_THREAD` in `src/index/writer.rs`).
const ARENA_PER_THREAD: usize = 32_000_000;

/// The extensions confsearch reads as notes, as `fts5_build.py` lists them.
const NOTE_SUFFIXES: [&str; 8] = ["md", "markdown", "mdx", "mdown", "mkd", "txt", "text", "org"];

fn note_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .and_then(|entries| entries.collect::<Result<_, _>>())
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry
            .file_type()
            .with_context(|| format!("reading {}", path.display()))?
            .is_dir()
        {
            note_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| NOTE_SUFFIXES.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// An empty folder at `index`: a tantivy index there (its `meta.json`) is deleted, an empty or
/// missing folder made; anything else is refused.
fn replace_index(index: &Path) -> anyhow::Result<()> {
    if index.join("meta.json").is_file() {
        std::fs::remove_dir_all(index).with_context(|| format!("removing {}", index.display()))?;
    } else if index.exists() && std::fs::read_dir(index)?.next().is_some() {
        anyhow::bail!("{} is neither empty nor a tantivy index: not replaced", index.display());
    }
    std::fs::create_dir_all(index).with_context(|| format!("creating {}", index.display()))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, index, threads) = match args.as_slice() {
        [corpus, index] => (corpus, index, Some(1)),
        [corpus, index, threads] => (corpus, index, threads.parse().ok().filter(|&n| n > 0)),
        _ => (&String::new(), &String::new(), None),
    };
    let Some(threads) = threads.filter(|_| !corpus.is_empty()) else {
        eprintln!("usage: tantivy_index_floor CORPUS INDEX [THREADS]");
        std::process::exit(2);
    };
    let started = Instant::now();
    let mut files = Vec::new();
    note_files(Path::new(corpus), &mut files)?;

    let mut schema = Schema::builder();
    let path = schema.add_text_field("path", STRING | STORED);
    let body = schema.add_text_field("body", TEXT | STORED);
    replace_index(Path::new(index))?;
    let index = Index::create_in_dir(index, schema.build())?;
    let mut writer = index.writer_with_num_threads(threads, threads * ARENA_PER_THREAD)?;
    let mut bytes = 0;
    for file in &files {
        let bytes_read = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes_read).into_owned();
        bytes += text.len();
        let mut doc = TantivyDocument::new();
        doc.add_text(path, file.to_string_lossy());
        doc.add_text(body, text);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "{} files, {bytes} bytes, {:.2} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
