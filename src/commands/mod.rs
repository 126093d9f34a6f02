//! One module per subcommand, each taking typed arguments and handing what it found to its
//! printer in `output` (which writes to `output::Out`); warnings go to any `io::Write`.

pub mod export;
pub mod facets;
pub mod index;
pub mod links;
pub mod open;
pub mod parse;
pub mod query;
pub mod related;
pub mod show;
