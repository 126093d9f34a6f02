//! confsearch: a search engine for conference talk notes and the links inside them.
//!
//! `run` is the whole program: read the command line, run one command, map the outcome
//! to an exit code. See `ARCHITECTURE.md` for how the modules fit together.

pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod exit;
pub mod index;
pub mod notes;
pub mod output;
pub mod search;

use exit::Exit;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// Runs confsearch with these arguments and returns the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let (global, request) = match cli::parse(args) {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(bad)) => {
            eprintln!("confsearch: {bad}");
            return Exit::Error.into();
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Error.into()
            } else {
                Exit::Found.into()
            };
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let color = global.color.enabled();
    let result = match request {
        cli::Request::Index { rebuild, watch } => {
            let opts = commands::index::IndexOptions {
                rebuild,
                quiet: global.quiet,
            };
            commands::index::run(&global.corpus, &global.index, opts, &mut err).and_then(|_| {
                if watch {
                    commands::index::watch(&global.corpus, &global.index, opts, &mut out, &mut err)?;
                }
                Ok(Exit::Found)
            })
        }
        cli::Request::Query { request, json, facets } => {
            let args = commands::query::QueryArgs {
                request,
                json,
                facets,
                color,
            };
            commands::query::run(&global.index, &args, &mut out)
        }
        cli::Request::Facets { field, request, json } => {
            commands::facets::run(&global.index, field.as_deref(), &request, json, color, &mut out)
        }
        cli::Request::Links { request, json } => commands::links::run(&global.index, &request, json, &mut out),
        cli::Request::Show { id, json } => commands::show::run(&global.index, &id, json, &mut out, &mut err),
        cli::Request::Parse { file, json } => {
            commands::parse::run(&file, &global.corpus, json, &mut out, &mut err, global.quiet)
        }
    };
    match result {
        Ok(code) => {
            if out.flush().is_err() {
                return Exit::Found.into();
            }
            code.into()
        }
        Err(e) => {
            if is_broken_pipe(&e) {
                return Exit::Found.into();
            }
            let _ = writeln!(err, "confsearch: {e:#}");
            Exit::Error.into()
        }
    }
}

/// `confsearch query x | head -1` ends quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
