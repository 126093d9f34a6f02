//! Every JSON document confsearch prints goes through here, one per run, ending in a newline.
//!
//! serde_json wraps a failed write in its own error, whose `source()` skips the `io::Error`:
//! a closed pipe (`confsearch links --json | head -c1`) then looked like a real failure and
//! exited 2 with "Broken pipe". Turning the error back into the `io::Error` it carries keeps
//! the broken pipe visible to `lib.rs`, which ends quietly with exit 0.

use serde::Serialize;
use std::io::{self, Write};

/// `value` as compact JSON and a newline.
pub fn write(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// `value` as indented JSON and a newline.
pub fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that has gone away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        let value = serde_json::json!({"links": ["https://example.com"]});
        for result in [write(&mut ClosedPipe, &value), write_pretty(&mut ClosedPipe, &value)] {
            assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        }
    }
}
