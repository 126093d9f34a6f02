//! One module per subcommand, each taking typed arguments and writing to any `io::Write`.

pub mod parse;
