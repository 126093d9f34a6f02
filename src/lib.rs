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
pub mod interrupt;
pub mod notes;
pub mod output;
pub mod paths;
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
    // Not locked: the progress bar draws to stderr from worker threads while a command runs,
    // and a lock held here for the whole command would make them wait forever.
    let mut err = std::io::stderr();
    interrupt::install();
    let color = global.color.enabled();
    let result = paths::current_dir().and_then(|cwd| {
        let loc = paths::resolve(
            global.corpus.clone(),
            global.index.clone(),
            &paths::Context::platform(&cwd),
        )?;
        let view = output::View::new(color, &loc.corpus, &cwd);
        dispatch(request, &global, &loc, &view, &mut out, &mut err)
    });
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

/// Runs one command on the folders chosen for it.
fn dispatch(
    request: cli::Request,
    global: &cli::Global,
    loc: &paths::Locations,
    view: &output::View,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    match request {
        cli::Request::Index { rebuild, watch } => {
            let opts = commands::index::IndexOptions {
                rebuild,
                quiet: global.quiet,
            };
            commands::index::run(loc, opts, err)?;
            if watch {
                commands::index::watch(loc, opts, err)?;
            }
            Ok(Exit::Found)
        }
        cli::Request::Query { request, json, facets } => {
            let args = commands::query::QueryArgs { request, json, facets };
            commands::query::run(&loc.index, &args, view, out)
        }
        cli::Request::Facets { field, request, json } => {
            commands::facets::run(&loc.index, field.as_deref(), &request, json, view.color, out)
        }
        cli::Request::Links { request, json } => commands::links::run(&loc.index, &request, json, out),
        cli::Request::Show { id, json } => commands::show::run(loc, &id, json, view, out, err),
        cli::Request::Open { target } => commands::open::run(loc, &target, view, err),
        cli::Request::Parse { file, json, explain } => commands::parse::run(
            &file,
            &loc.corpus,
            commands::parse::Show { json, explain },
            out,
            err,
            global.quiet,
        ),
    }
}

/// `confsearch query x | head -1` ends quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
