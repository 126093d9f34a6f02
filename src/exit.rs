//! Exit codes, as ripgrep and grep use them.

/// What a run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Results were found (or the command did its job).
    Found = 0,
    /// The command ran but found nothing.
    NotFound = 1,
    /// Something went wrong: a bad flag, a bad query, no index.
    Error = 2,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Exit::Found as u8, 0);
        assert_eq!(Exit::NotFound as u8, 1);
        assert_eq!(Exit::Error as u8, 2);
        assert_eq!(Exit::Interrupted as u8, 130);
    }
}
