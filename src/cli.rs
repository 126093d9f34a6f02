//! The command line, as clap reads it; turned into typed requests before anything runs,
//! so no clap type goes further than this file.

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// Search your conference talk notes and the links inside them.
#[derive(Debug, Parser)]
#[command(name = "confsearch", version, about, max_term_width = 100)]
struct Cli {
    /// Folder of notes [default: ./corpus]
    #[arg(long, global = true, env = "CONFSEARCH_CORPUS", value_name = "DIR")]
    corpus: Option<PathBuf>,

    /// Print no warnings
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show how one note file splits into sessions (no index needed)
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
struct ParseArgs {
    /// The note file
    file: PathBuf,
    /// Print JSON instead of a table
    #[arg(long)]
    json: bool,
}

/// Settings every command shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    pub corpus: PathBuf,
    pub quiet: bool,
}

/// What the user asked for, with real types.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Parse { file: PathBuf, json: bool },
}

/// Reads the command line. `Err` carries clap's message (help and version included) and
/// whether it is an error.
pub fn parse<I, T>(args: I) -> Result<(Global, Request), clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    let global = Global {
        corpus: cli.corpus.unwrap_or_else(|| PathBuf::from("corpus")),
        quiet: cli.quiet,
    };
    let request = match cli.command {
        Command::Parse(a) => Request::Parse {
            file: a.file,
            json: a.json,
        },
    };
    Ok((global, request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn parse_request() {
        let (g, r) = parse([
            "confsearch",
            "--corpus",
            "notes",
            "parse",
            "notes/a.md",
            "--json",
        ])
        .unwrap();
        assert_eq!(g.corpus, PathBuf::from("notes"));
        assert_eq!(
            r,
            Request::Parse {
                file: "notes/a.md".into(),
                json: true
            }
        );
    }
}
