//! The index folder as the `index` command sees it: tantivy's `MmapDirectory`, except that the
//! files it reads are mapped here, and the pages read are given back to the system as it goes.
//!
//! A merge reads every segment it merges through `mmap`, and each page it touches counts in
//! the process's resident memory until the mapping goes: merging 1 GB of notes' segments held
//! hundreds of megabytes of index files resident (BENCHMARKS.md, issue 13). The pages stay in
//! the page cache either way; a background thread tells the kernel every [`RELEASE_EVERY`]
//! that this process no longer needs them (`MADV_DONTNEED` on a read-only shared file mapping:
//! the next read maps them again from the cache, with the same bytes), so what the writer holds
//! resident is what it is reading now, as with a reader that uses `pread`. A merge also copies
//! a segment's whole doc store in one write (tantivy's `StoreWriter::stack`: hundreds of
//! megabytes at 1 GB, faster than any period): the files it writes copy large writes a piece
//! at a time and give back the pages of the piece just copied ([`ReleasingWrite`]). Queries
//! keep tantivy's own directory.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use memmap2::{Mmap, UncheckedAdvice};
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// How often the pages read are given back.
const RELEASE_EVERY: Duration = Duration::from_millis(10);

/// Writes larger than this are copied a piece this size at a time, the pages of each piece
/// given back once copied when they are a mapping's.
const COPY_PIECE: usize = 4 << 20;

/// The files mapped for reading, by path; a mapping lives while tantivy holds bytes of it.
type Mappings = Mutex<HashMap<PathBuf, Weak<Mmap>>>;

#[derive(Clone, Debug)]
pub(super) struct ReleasingDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    mappings: Arc<Mappings>,
}

/// Bytes of a mapping, shared with the releasing thread.
struct Mapped(Arc<Mmap>);

impl Deref for Mapped {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes are those of the mapping the `Arc` keeps alive; moving `Mapped` moves
// only the pointer to it.
unsafe impl stable_deref_trait::StableDeref for Mapped {}

impl ReleasingDirectory {
    pub(super) fn open(dir: &Path) -> Result<ReleasingDirectory, OpenDirectoryError> {
        let inner = MmapDirectory::open(dir)?;
        let mappings: Arc<Mappings> = Arc::default();
        let weak = Arc::downgrade(&mappings);
        // The thread ends with the last clone of the directory.
        std::thread::Builder::new()
            .name("confsearch-release".into())
            .spawn(move || release_loop(&weak))
            .map_err(|e| OpenDirectoryError::wrap_io_error(e, dir.to_path_buf()))?;
        Ok(ReleasingDirectory {
            inner,
            root: dir.to_path_buf(),
            mappings,
        })
    }

    fn map(&self, path: &Path) -> Result<Option<Arc<Mmap>>, OpenReadError> {
        let full = self.root.join(path);
        let mut mappings = self.mappings.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(mapped) = mappings.get(&full).and_then(Weak::upgrade) {
            return Ok(Some(mapped));
        }
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len();
        if len == 0 {
            return Ok(None);
        }
        // SAFETY: tantivy's files are written once and never changed while they exist (the
        // same assumption as tantivy's `MmapDirectory`).
        let mmap = unsafe { Mmap::map(&file) }.map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        let mapped = Arc::new(mmap);
        mappings.retain(|_, m| m.strong_count() > 0);
        mappings.insert(full, Arc::downgrade(&mapped));
        Ok(Some(mapped))
    }
}

/// Every [`RELEASE_EVERY`], gives back the pages of every live mapping, until the directory is
/// gone.
fn release_loop(mappings: &Weak<Mappings>) {
    loop {
        std::thread::sleep(RELEASE_EVERY);
        let Some(mappings) = mappings.upgrade() else { return };
        let live: Vec<Arc<Mmap>> = mappings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .filter_map(Weak::upgrade)
            .collect();
        drop(mappings);
        for mmap in live {
            // SAFETY: a read-only shared mapping of a file: after MADV_DONTNEED the next access
            // reads the same bytes from the page cache again. Errors only mean the pages stay.
            let _ = unsafe { mmap.unchecked_advise(UncheckedAdvice::DontNeed) };
        }
    }
}

/// Gives back the pages of `bytes` when they are part of a live mapping.
fn release_pages_of(mappings: &Mappings, bytes: &[u8]) {
    let start = bytes.as_ptr() as usize;
    let mapping = mappings
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .values()
        .filter_map(Weak::upgrade)
        .find(|m| {
            let base = m.as_ptr() as usize;
            base <= start && start + bytes.len() <= base + m.len()
        });
    if let Some(mmap) = mapping {
        let offset = start - mmap.as_ptr() as usize;
        // SAFETY: as in `release_loop`: a read-only shared mapping of a file, read again from
        // the page cache with the same bytes after MADV_DONTNEED. The range is inside it.
        let _ = unsafe { mmap.unchecked_advise_range(UncheckedAdvice::DontNeed, offset, bytes.len()) };
    }
}

/// A file being written: a large write (a merge copying a doc store from a mapping) is copied
/// [`COPY_PIECE`] bytes at a time, and the pages of each piece are given back once it is
/// written, so a copy of hundreds of megabytes holds a few resident.
struct ReleasingWrite {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    mappings: Arc<Mappings>,
}

impl io::Write for ReleasingWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() <= COPY_PIECE {
            return self.inner.write(buf);
        }
        let piece = &buf[..COPY_PIECE];
        self.inner.write_all(piece)?;
        release_pages_of(&self.mappings, piece);
        Ok(piece.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for ReleasingWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.terminate_ref(token)
    }
}

impl Directory for ReleasingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let bytes = match self.map(path)? {
            Some(mapped) => OwnedBytes::new(Mapped(mapped)),
            None => OwnedBytes::empty(),
        };
        Ok(Arc::new(bytes))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mappings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.root.join(path));
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let buffered = self.inner.open_write(path)?;
        let capacity = buffered.capacity();
        // Nothing written yet: taking the file out of its buffer flushes nothing.
        let inner = buffered
            .into_inner()
            .map_err(|e| OpenWriteError::wrap_io_error(e.into_error(), path.to_path_buf()))?;
        let write: Box<dyn TerminatingWrite + Send + Sync> = Box::new(ReleasingWrite {
            inner,
            mappings: Arc::clone(&self.mappings),
        });
        Ok(io::BufWriter::with_capacity(capacity, write))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use tantivy::HasLen;

    #[test]
    fn bytes_read_after_their_pages_were_released_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        File::create(dir.path().join("f")).unwrap().write_all(&data).unwrap();
        let d = ReleasingDirectory::open(dir.path()).unwrap();
        let slice = d.open_read(Path::new("f")).unwrap();
        let first = slice.read_bytes().unwrap();
        assert_eq!(first.as_slice(), &data[..]);
        std::thread::sleep(RELEASE_EVERY * 3);
        assert_eq!(first.as_slice(), &data[..], "the same bytes after a release");
        let again = d.open_read(Path::new("f")).unwrap().read_bytes().unwrap();
        assert_eq!(again.as_slice(), &data[..]);
    }

    #[test]
    fn large_write_copied_from_a_mapping_writes_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..(COPY_PIECE * 2 + 12_345) as u32).map(|i| (i % 253) as u8).collect();
        File::create(dir.path().join("from")).unwrap().write_all(&data).unwrap();
        let d = ReleasingDirectory::open(dir.path()).unwrap();
        let mapped = d.open_read(Path::new("from")).unwrap().read_bytes().unwrap();
        let mut out = d.open_write(Path::new("to")).unwrap();
        out.write_all(b"head").unwrap();
        // One write of the whole mapping, as a merge stacks a doc store; then from the heap.
        out.write_all(mapped.as_slice()).unwrap();
        out.write_all(&data).unwrap();
        out.terminate().unwrap();
        let written = std::fs::read(dir.path().join("to")).unwrap();
        assert_eq!(written.len(), 4 + 2 * data.len());
        assert!(
            written[..4] == *b"head" && written[4..4 + data.len()] == data[..] && written[4 + data.len()..] == data[..]
        );
        assert_eq!(
            mapped.as_slice(),
            &data[..],
            "the mapping reads the same after its pages went"
        );
    }

    #[test]
    fn missing_file_is_file_does_not_exist_and_empty_file_reads_empty() {
        let dir = tempfile::tempdir().unwrap();
        File::create(dir.path().join("empty")).unwrap();
        let d = ReleasingDirectory::open(dir.path()).unwrap();
        assert!(matches!(
            d.open_read(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        assert_eq!(d.open_read(Path::new("empty")).unwrap().len(), 0);
    }
}
