//! tantivy alone doing what SQLite FTS5 does in `scripts/fts5_build.py`: every note file one
//! document (its path, its text stored and indexed with positions, tantivy's default tokenizer),
//! nothing parsed. The floor under `confsearch index`, which also parses each file into
//! sessions and indexes their fields, themes, links and facets (issue 13).
//!
//! cargo run --release --example tantivy_index_floor -- CORPUS INDEX [THREADS]
//!
//! THREADS: tantivy's indexing threads (default 1, each with confsearch's 32 MB arena); the
//! files are read on the main thread. INDEX is replaced. Prints files, bytes and seconds.

use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::schema::{STORED, STRING, Schema, TEXT};
use tantivy::{Index, TantivyDocument};

/// Memory of each indexing thread: confsearch's (`ARENA_PER_THREAD` in `src/index/writer.rs`).
const ARENA_PER_THREAD: usize = 32_000_000;

/// The extensions confsearch reads as notes, as `fts5_build.py` lists them.
const NOTE_SUFFIXES: [&str; 8] = ["md", "markdown", "mdx", "mdown", "mkd", "txt", "text", "org"];

fn note_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
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

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, index, rest @ ..] = args.as_slice() else {
        anyhow::bail!("usage: tantivy_index_floor CORPUS INDEX [THREADS]");
    };
    let threads: usize = rest.first().map_or(Ok(1), |t| t.parse())?;
    let started = Instant::now();
    let mut files = Vec::new();
    note_files(Path::new(corpus), &mut files)?;

    let mut schema = Schema::builder();
    let path = schema.add_text_field("path", STRING | STORED);
    let body = schema.add_text_field("body", TEXT | STORED);
    let _ = std::fs::remove_dir_all(index);
    std::fs::create_dir_all(index)?;
    let index = Index::create_in_dir(index, schema.build())?;
    let mut writer = index.writer_with_num_threads(threads, threads * ARENA_PER_THREAD)?;
    let mut bytes = 0;
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file)?).into_owned();
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
