//! One module per subcommand, each taking typed arguments and handing what it found to its
//! printer in `output` (which writes to `output::Out`); warnings go to any `io::Write`.

pub(crate) mod export;
pub(crate) mod facets;
pub(crate) mod index;
pub(crate) mod links;
pub(crate) mod open;
pub(crate) mod parse;
pub(crate) mod query;
pub(crate) mod related;
pub(crate) mod show;
