//! The index writer: tantivy's, with an indexing thread for every two cores and a fixed arena
//! each, and a bound on the documents waiting for those threads, so memory does not grow
//! when parsing runs ahead of indexing.

use anyhow::Result;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;
use tantivy::indexer::IndexWriterOptions;
use tantivy::schema::document::Document;
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Bytes of documents (about their text) handed to the writer and not yet indexed. tantivy's
/// own queue holds up to 10,000 documents, tens of megabytes of notes; this keeps it to a few
/// chunks of work for each thread.
const QUEUE_BYTES: usize = 4 << 20;

/// tantivy's limit on indexing threads (`tantivy::indexer::MAX_NUM_THREAD`).
const MAX_INDEXING_THREADS: usize = 8;

/// Memory of each indexing thread before it writes its segment: larger means fewer segments
/// (a query pays for each), smaller means less memory. tantivy takes 4 MB of it for its term
/// table whatever the size, so below about 30 MB the segments get small fast (2 × 15 MB wrote
/// 82 segments for 100 MB of notes where 1 × 36 MB wrote 5: BENCHMARKS.md, issue 13).
const ARENA_PER_THREAD: usize = 32_000_000;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Indexing threads: parsing and indexing each take about half of the work, so half the
/// cores index (at least one, up to tantivy's limit) and [`parse_pool`] parses on the others.
/// The build scales with the machine, and on two cores one arena is held, not two.
fn indexing_threads() -> usize {
    (cores() / 2).clamp(1, MAX_INDEXING_THREADS)
}

/// The threads that parse notes while the writer's threads index them: the cores the indexing
/// threads leave, at least one. With a thread per core on top of the indexing threads, each
/// parse chunk held one more chunk's sessions in memory and time-sliced the indexing thread:
/// the same wall time on two cores, 4 MiB more at peak (BENCHMARKS.md, issue 13).
pub(crate) fn parse_pool() -> Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(cores().saturating_sub(indexing_threads()).max(1))
        .thread_name(|i| format!("confsearch-parse-{i}"))
        .build()?)
}

/// Large allocations (tantivy's 1 MB arena pages, segment serialisation buffers) mapped
/// and unmapped on their own instead of from the heap. glibc otherwise raises its mmap
/// threshold after the first large free, and the freed pages then stay in the heap,
/// fragmented: 12 MiB of peak memory at 100 MB of notes (BENCHMARKS.md, issue 13).
fn release_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; any value is valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Gives the heap's free pages back to the system (glibc's `malloc_trim`, every arena): what
/// a run's per-file state held (paths, the manifest: tens of megabytes at 1 GB), before the
/// last segment is serialised beside its full arena.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What waits in the writer's queue.
#[derive(Default)]
struct Queue {
    bytes: Mutex<usize>,
    drained: Condvar,
}

/// A document on its way to an indexing thread. tantivy drops each document once it is in its
/// segment; its bytes leave the queue then. Boxed: tantivy's queue preallocates 10,000 slots
/// of it twice (at the start and at each commit), 6 MB when it was held inline.
pub(crate) struct Queued(Box<(TantivyDocument, Ticket)>);

struct Ticket {
    queue: Arc<Queue>,
    bytes: usize,
}

impl Drop for Ticket {
    /// The waiting sender is woken when the queue has drained to half its bound, or empty (a
    /// large document waits for that), not at each document: a wake-up per document cost the
    /// indexing thread a futex call each and the sender a context switch.
    fn drop(&mut self) {
        let mut bytes = self.queue.bytes.lock().unwrap_or_else(PoisonError::into_inner);
        let before = *bytes;
        *bytes -= self.bytes;
        if *bytes == 0 || (before > QUEUE_BYTES / 2 && *bytes <= QUEUE_BYTES / 2) {
            self.queue.drained.notify_all();
        }
    }
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.0.0.iter_fields_and_values()
    }
}

/// tantivy's writer (deletes, commits) with [`Writer::add`] in place of `add_document`.
pub(crate) struct Writer {
    inner: IndexWriter<Queued>,
    queue: Arc<Queue>,
}

impl Writer {
    /// Hands a document of about `bytes` bytes to the indexing threads, first waiting while
    /// [`QUEUE_BYTES`] are already waiting for them (a document larger than that goes alone).
    pub(crate) fn add(&mut self, doc: TantivyDocument, bytes: usize) -> Result<()> {
        let mut queued = self.queue.bytes.lock().unwrap_or_else(PoisonError::into_inner);
        while *queued > 0 && *queued + bytes > QUEUE_BYTES {
            let (guard, waited) = self
                .queue
                .drained
                .wait_timeout(queued, Duration::from_millis(500))
                .unwrap_or_else(PoisonError::into_inner);
            queued = guard;
            if waited.timed_out() {
                // No thread took a document for half a second: they may have stopped on an
                // error, which tantivy reports when the document is sent.
                break;
            }
        }
        *queued += bytes;
        drop(queued);
        let ticket = Ticket {
            queue: Arc::clone(&self.queue),
            bytes,
        };
        self.inner.add_document(Queued(Box::new((doc, ticket))))?;
        Ok(())
    }

    /// Waits for the merges the last commit started (tantivy's `wait_merging_threads`).
    pub(crate) fn wait_merging_threads(self) -> tantivy::Result<()> {
        self.inner.wait_merging_threads()
    }
}

impl Deref for Writer {
    type Target = IndexWriter<Queued>;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for Writer {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

/// A writer with [`indexing_threads`] of [`ARENA_PER_THREAD`] each, and merge threads sized to
/// the cores.
pub(crate) fn writer(index: &Index) -> Result<Writer> {
    release_large_allocations();
    let options = IndexWriterOptions::builder()
        .num_worker_threads(indexing_threads())
        .memory_budget_per_thread(ARENA_PER_THREAD)
        .num_merge_threads((cores() / 2).clamp(1, 4))
        .build();
    let inner = index.writer_with_options(options).map_err(|e| match e {
        tantivy::TantivyError::LockFailure(..) => {
            anyhow::anyhow!("another `confsearch index` is running on this index; wait for it to finish")
        }
        other => anyhow::Error::new(other).context("opening the index for writing"),
    })?;
    Ok(Writer {
        inner,
        queue: Arc::default(),
    })
}
