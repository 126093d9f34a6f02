//! Per-segment work of one query spread over the cores: the match count, the pruned selection,
//! the twins' key scan and tantivy's own searches each visit every segment on their own, so a
//! large index (seven segments at 1 GB of notes) is walked by as many threads as there are
//! cores, as ripgrep walks files. A small index is walked on the calling thread: waking a
//! thread costs more than its segments take.
//!
//! The threads are started when a large index is opened, before any work: a thread started when
//! the work begins shares the caller's core for its first milliseconds (the scheduler places
//! it there), which is as long as a segment's work at 1 GB.

use rayon::prelude::*;
use std::sync::{Arc, OnceLock};
use tantivy::{Executor, Searcher, SegmentReader};

/// Below this many sessions in all, one thread: at about 50 ns a session walked, the work is
/// under a millisecond, and handing it to another thread costs tens of microseconds.
const PARALLEL_FROM: u64 = 50_000;

/// The cores this process may use, read once (Rust reads the cgroup's quota for it).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A thread per core for the per-segment work, started on first use; none on one core.
fn pool() -> Option<&'static Arc<rayon::ThreadPool>> {
    static POOL: OnceLock<Option<Arc<rayon::ThreadPool>>> = OnceLock::new();
    POOL.get_or_init(|| {
        if cores() < 2 {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores())
            .thread_name(|i| format!("confsearch-query-{i}"))
            .build()
            .ok()
            .map(Arc::new)
    })
    .as_ref()
}

/// The threads a query's per-segment work may use, for segments of these sizes (documents).
pub(super) fn threads_for(sizes: &[u32]) -> usize {
    let total: u64 = sizes.iter().map(|&n| u64::from(n)).sum();
    if sizes.len() < 2 || total < PARALLEL_FROM {
        return 1;
    }
    cores().min(sizes.len())
}

/// How tantivy runs a search over segments of these sizes: on the threads when [`threads_for`]
/// gives more than one. Called as the index is opened, it starts the threads then, ahead of
/// the work (see the module's note).
pub(super) fn executor(sizes: &[u32]) -> Executor {
    match pool() {
        Some(pool) if threads_for(sizes) > 1 => Executor::ThreadPool(Arc::clone(pool)),
        _ => Executor::SingleThread,
    }
}

/// The threads the per-segment work of a query on `searcher` may use ([`threads_for`] its
/// segments' sizes).
pub(super) fn threads(searcher: &Searcher) -> usize {
    let sizes: Vec<u32> = searcher.segment_readers().iter().map(SegmentReader::max_doc).collect();
    threads_for(&sizes)
}

/// `work(i)` for each of `segments` segments, on up to `threads` threads; the results in
/// segment order, or an error one of them returned.
pub(super) fn each<T, E, F>(segments: usize, threads: usize, work: F) -> Result<Vec<T>, E>
where
    T: Send,
    E: Send,
    F: Fn(usize) -> Result<T, E> + Sync,
{
    match pool() {
        Some(pool) if threads > 1 && segments > 1 => {
            pool.install(|| (0..segments).into_par_iter().with_max_len(1).map(&work).collect())
        }
        _ => (0..segments).map(&work).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_gives_every_segments_result_in_segment_order_whatever_the_threads() {
        let sizes = [5, 900, 20, 900, 1, 300, 7];
        for threads in 1..=4 {
            let got: Result<Vec<u32>, ()> = each(sizes.len(), threads, |i| Ok(sizes[i] * 10 + i as u32));
            let want: Vec<u32> = sizes.iter().enumerate().map(|(i, &n)| n * 10 + i as u32).collect();
            assert_eq!(got.unwrap(), want, "{threads} threads");
        }
    }

    #[test]
    fn each_returns_an_error_of_any_thread() {
        for threads in 1..=3 {
            let got: Result<Vec<usize>, String> =
                each(4, threads, |i| if i == 2 { Err(format!("segment {i}")) } else { Ok(i) });
            assert_eq!(got.unwrap_err(), "segment 2", "{threads} threads");
        }
    }

    #[test]
    fn a_small_index_or_one_segment_is_walked_on_one_thread() {
        assert_eq!(threads_for(&[40_000, 9_000]), 1);
        assert_eq!(threads_for(&[1_000_000]), 1);
        assert_eq!(threads_for(&[]), 1);
        assert_eq!(threads_for(&[200_000, 200_000, 10]), cores().min(3));
    }
}
