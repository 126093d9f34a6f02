//! One module per subcommand, each taking typed arguments and writing to any `io::Write`.

pub mod facets;
pub mod index;
pub mod links;
pub mod open;
pub mod parse;
pub mod query;
pub mod show;
