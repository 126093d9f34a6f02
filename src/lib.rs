//! confsearch: a search engine for conference talk notes and the links inside them.
//!
//! `run` is the whole program: read the command line, run one command, map the outcome
//! to an exit code. See `ARCHITECTURE.md` for how the modules fit together.

pub mod cli;
mod commands;
mod config;
pub mod corpus;
mod exit;
pub mod index;
mod interrupt;
pub mod notes;
mod output;
mod paths;
mod programme;
pub mod search;
mod serve;

use exit::Exit;
use output::Out;
use output::sanitise::{Mode, Sanitised};
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
            let _ = writeln!(stderr_sanitised(), "confsearch: {bad}");
            return Exit::Error.into();
        }
        Err(e) => {
            print_clap_message(&e);
            return if e.use_stderr() {
                Exit::Error.into()
            } else {
                Exit::Found.into()
            };
        }
    };
    // Nothing from a note or a file name reaches the terminal as control (output::sanitise);
    // anstream decides colour.
    let mode = match request {
        cli::Request::Query { json: true, .. }
        | cli::Request::Facets { json: true, .. }
        | cli::Request::Links { json: true, .. }
        | cli::Request::Show { json: true, .. }
        | cli::Request::Related { json: true, .. }
        | cli::Request::Parse { json: true, .. } => Mode::Json,
        cli::Request::Export { format, definition, .. } => output::export::mode(format, definition),
        _ => Mode::Text,
    };
    let mut out = output::stdout(mode, global.color);
    // Completions and the manual page need no notes and no index.
    if let Some(result) = print_without_notes(&request, &mut out) {
        return match result.and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("confsearch: {e}");
                Exit::Error.into()
            }
            _ => Exit::Found.into(),
        };
    }
    // Not locked: the progress bar draws to stderr from worker threads while a command runs,
    // and a lock held here for the whole command would make them wait forever.
    let mut err = stderr_sanitised();
    // Only `index` and `serve` have something to do on Ctrl-C (see `interrupt`).
    if matches!(request, cli::Request::Index { .. } | cli::Request::Serve { .. }) {
        interrupt::install();
    }
    let result = paths::current_dir().and_then(|cwd| {
        let loc = paths::resolve(
            global.corpus.clone(),
            global.index.clone(),
            &paths::Context::platform(&cwd),
        )?;
        let view = output::View::new(&loc.corpus, &cwd);
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
    out: &mut Out,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let mut sink = std::io::sink();
    match request {
        cli::Request::Index { rebuild, watch, follow } => {
            let opts = index::IndexOptions {
                rebuild,
                quiet: global.quiet,
                follow,
            };
            commands::index::run(loc, opts, watch, err)?;
            Ok(Exit::Found)
        }
        cli::Request::Query {
            request,
            json,
            facets,
            offset,
        } => {
            let args = commands::query::QueryArgs {
                request,
                json,
                facets,
                offset,
            };
            commands::query::run(&loc.index, &args, view, out, warnings(global, err, &mut sink))
        }
        cli::Request::Facets { field, request, json } => commands::facets::run(
            &loc.index,
            field.as_deref(),
            &request,
            json,
            out,
            warnings(global, err, &mut sink),
        ),
        cli::Request::Links { request, json } => {
            commands::links::run(&loc.index, &request, json, out, warnings(global, err, &mut sink))
        }
        cli::Request::Show { id, json } => commands::show::run(loc, &id, json, view, out, err),
        cli::Request::Related { id, limit, json } => {
            let args = commands::related::RelatedArgs {
                target: &id,
                limit,
                json,
            };
            commands::related::run(loc, &args, view, out, err)
        }
        cli::Request::Export {
            request,
            format,
            index_name,
            definition,
        } => {
            let args = commands::export::ExportArgs {
                request,
                format,
                index_name,
                definition,
            };
            commands::export::run(&loc.index, &args, out, warnings(global, err, &mut sink))
        }
        cli::Request::Open { target } => commands::open::run(loc, &target, view, err),
        cli::Request::Serve { port, open } => serve::run(loc, serve::Options { port, open }, view, out, err),
        cli::Request::Parse { file, json, explain } => commands::parse::run(
            &file,
            &loc.corpus,
            commands::parse::Show { json, explain },
            out,
            err,
            global.quiet,
        ),
        // `run` prints these before looking for the notes.
        cli::Request::Completions { .. } | cli::Request::Man => {
            print_without_notes(&request, out).transpose()?;
            Ok(Exit::Found)
        }
    }
}

/// The completion script or the manual page, which need no notes and no index; `None` for
/// every other command.
fn print_without_notes(request: &cli::Request, mut out: &mut Out) -> Option<std::io::Result<()>> {
    match request {
        cli::Request::Completions { shell } => Some(cli::write_completions(*shell, &mut out)),
        cli::Request::Man => Some(cli::write_man(&mut out)),
        _ => None,
    }
}

/// Where warnings go: stderr, or nowhere with `--quiet`.
fn warnings<'a>(global: &cli::Global, err: &'a mut dyn Write, sink: &'a mut std::io::Sink) -> &'a mut dyn Write {
    if global.quiet { sink } else { err }
}

/// Help, version and clap's errors, which quote arguments (file names from a shell glob
/// among them): through the sanitising writer too, which keeps clap's colours, over
/// anstream's stream, which drops them when colour is off (the command line, `--color`
/// included, was not understood: the environment and the terminal decide).
fn print_clap_message(e: &clap::Error) {
    use anstream::AutoStream;
    let text = e.render().ansi().to_string();
    let _ = if e.use_stderr() {
        Sanitised::new(AutoStream::auto(std::io::stderr()), Mode::Styled).write_all(text.as_bytes())
    } else {
        Sanitised::new(AutoStream::auto(std::io::stdout()), Mode::Styled).write_all(text.as_bytes())
    };
}

/// Warnings and errors: plain text, controls dropped.
fn stderr_sanitised() -> Sanitised<std::io::Stderr> {
    Sanitised::new(std::io::stderr(), Mode::Text)
}

/// `confsearch query x | head -1` ends quietly. serde_json hides the `io::Error` it wraps
/// from `chain()`: output::json unwraps it, and it is looked for here too.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == broken
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == broken
    })
}

#[cfg(test)]
mod layout_tests {
    /// ARCHITECTURE.md's rule: a source file over ~500 lines says why at the top of its module
    /// comment (a `Length:` paragraph), so a long file is a decision, not an accident.
    #[test]
    fn long_files_say_why() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let top = text.lines().take_while(|l| l.starts_with("//!"));
                    if text.lines().count() > 520 && !top.into_iter().any(|l| l.starts_with("//! Length:")) {
                        out.push(path.display().to_string());
                    }
                }
            }
        }
        let mut unexplained = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut unexplained,
        );
        assert!(
            unexplained.is_empty(),
            "over 520 lines with no `//! Length:` reason at the top: {unexplained:?}"
        );
    }
}
