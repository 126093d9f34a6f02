//! The index writer: tantivy's, with one indexing thread per core and memory sized to the
//! machine, and a bound on the documents waiting for those threads, so memory does not grow
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

/// Memory of all indexing threads together, before each writes its segment: larger means fewer
/// segments to merge, smaller means less memory. Split between the threads, each given at
/// least tantivy's minimum.
const ARENA_BYTES: usize = 64_000_000;
const MIN_ARENA_PER_THREAD: usize = 16_000_000;

/// Indexing threads, their memory each, and merge threads: one indexing thread per core (up to
/// tantivy's limit; parsing shares the cores, each waits for the other in turn), so the build
/// scales with the machine.
fn writer_budget() -> (usize, usize, usize) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.clamp(1, MAX_INDEXING_THREADS);
    let per_thread = (ARENA_BYTES / threads).max(MIN_ARENA_PER_THREAD);
    let merge_threads = (cores / 2).clamp(1, 4);
    (threads, per_thread, merge_threads)
}

/// What waits in the writer's queue.
#[derive(Default)]
struct Queue {
    bytes: Mutex<usize>,
    drained: Condvar,
}

/// A document on its way to an indexing thread. tantivy drops each document once it is in its
/// segment; its bytes leave the queue then.
pub struct Queued {
    doc: TantivyDocument,
    _ticket: Ticket,
}

struct Ticket {
    queue: Arc<Queue>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut bytes = self.queue.bytes.lock().unwrap_or_else(PoisonError::into_inner);
        *bytes -= self.bytes;
        self.queue.drained.notify_all();
    }
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// tantivy's writer (deletes, commits) with [`Writer::add`] in place of `add_document`.
pub struct Writer {
    inner: IndexWriter<Queued>,
    queue: Arc<Queue>,
}

impl Writer {
    /// Hands a document of about `bytes` bytes to the indexing threads, first waiting while
    /// [`QUEUE_BYTES`] are already waiting for them (a document larger than that goes alone).
    pub fn add(&mut self, doc: TantivyDocument, bytes: usize) -> Result<()> {
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
        self.inner.add_document(Queued { doc, _ticket: ticket })?;
        Ok(())
    }

    /// Waits for the merges the last commit started (tantivy's `wait_merging_threads`).
    pub fn wait_merging_threads(self) -> tantivy::Result<()> {
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

/// A writer with the budget of [`writer_budget`].
pub fn writer(index: &Index) -> Result<Writer> {
    let (threads, per_thread, merge_threads) = writer_budget();
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(per_thread)
        .num_merge_threads(merge_threads)
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
