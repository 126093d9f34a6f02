//! The notes parser alone, without tantivy: every file of a folder read into memory first, then
//! `notes::parse` over all of them on one thread, several times, so a change to the parser shows
//! without the index writer's share of the time (or its noise).
//!
//! cargo run --release --example parse_time -- DIR [--runs 5] [--digest]
//!
//! Prints the files, megabytes and sessions, then the median and the fastest run (seconds and
//! MB/s). `--digest` also prints one hash of every session and warning the parser produced, to
//! check that a faster parser still gives the same output (compare two builds of this example).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut dir = None;
    let mut runs = 5usize;
    let mut digest = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().unwrap_or_default().parse()?,
            "--digest" => digest = true,
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            other => anyhow::bail!("unknown argument {other}: use DIR [--runs N] [--digest]"),
        }
    }
    let Some(dir) = dir else {
        anyhow::bail!("use DIR [--runs N] [--digest]")
    };

    let mut paths = Vec::new();
    files(&dir, &mut paths)?;
    paths.sort();
    let notes: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let rel = p.strip_prefix(&dir).unwrap_or(p).to_string_lossy().into_owned();
            Some((rel, text))
        })
        .collect();
    let bytes: usize = notes.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes as f64 / 1e6;

    // The digest is its own pass: formatting every session would weigh on a timed run.
    let mut hasher = DefaultHasher::new();
    if digest {
        for (path, text) in &notes {
            let note = confsearch::notes::parse(path, text);
            format!("{:?}{:?}", note.sessions, note.warnings).hash(&mut hasher);
        }
    }
    let mut times = Vec::with_capacity(runs);
    let mut sessions = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        sessions = 0;
        for (path, text) in &notes {
            sessions += confsearch::notes::parse(path, text).sessions.len();
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("{} files, {mb:.1} MB, {sessions} sessions", notes.len());
    println!(
        "parse: median {median:.3} s ({:.1} MB/s), fastest {:.3} s, {} runs",
        mb / median,
        times[0],
        times.len()
    );
    if digest {
        println!("digest {:016x}", hasher.finish());
    }
    Ok(())
}
