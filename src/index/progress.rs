//! The progress bar of an index run, on stderr when it is a terminal.

use super::examine::Pending;

/// Progress on stderr when it is a terminal: files and MB read, rate, time left.
pub(crate) struct Progress {
    bar: indicatif::ProgressBar,
    files: usize,
    done: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// The bar of the files to read (the others are not read).
    pub(crate) fn new(files: &[Pending], quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let hidden = quiet || !std::io::stderr().is_terminal();
        let bar = if hidden {
            indicatif::ProgressBar::hidden()
        } else {
            let bytes = files.iter().map(Pending::size).sum();
            let bar = indicatif::ProgressBar::new(bytes);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} indexing {msg} files {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar.set_message(format!("0/{}", files.len()));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        };
        crate::interrupt::set_bar(Some(bar.clone()));
        Progress {
            bar,
            files: files.len(),
            done: Default::default(),
        }
    }

    /// One file of `size` bytes examined.
    pub(crate) fn file_done(&self, size: u64) {
        if self.bar.is_hidden() {
            return;
        }
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        self.bar.inc(size);
        self.bar.set_message(format!("{done}/{}", self.files));
    }

    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
        crate::interrupt::set_bar(None);
    }
}

/// The bar is cleared whichever way the run ends, error included.
impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
