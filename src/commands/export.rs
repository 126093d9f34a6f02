//! `confsearch export [TEXT] [FILTERS] --format …`: the sessions a query and filters keep
//! (every session by default), written one at a time for another tool; `--mapping` and
//! `--index-config` print the index definition instead (`output::export`).

use crate::cli::ExportFormat;
use crate::exit::Exit;
use crate::index;
use crate::output::export::{self, Writer};
use crate::output::{Out, plural};
use crate::search::{Engine, SearchRequest};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub(crate) struct ExportArgs {
    pub(crate) request: SearchRequest,
    pub(crate) format: ExportFormat,
    pub(crate) index_name: String,
    /// The index's definition, not the sessions.
    pub(crate) definition: bool,
}

/// Writes the export; exit 1 when no session matches (nothing but a CSV header or an empty
/// calendar written), as `query` does.
pub(crate) fn run(index_dir: &Path, args: &ExportArgs, out: &mut Out, warn: &mut dyn Write) -> Result<Exit> {
    if args.definition {
        // The synonyms of the notes the index was built from (the defaults without one).
        export::definition(
            out,
            args.format,
            &args.index_name,
            &index::read_search_config(index_dir),
        )?;
        return Ok(Exit::Found);
    }
    let engine = Engine::open(index_dir)?;
    for unmatched in engine.unmatched_filters(&args.request.filters)? {
        writeln!(warn, "confsearch: {unmatched}")?;
    }
    let mut writer = Writer::new(&mut *out, args.format, &args.index_name)?;
    let mut left_out = 0;
    let total = engine.for_each_match(&args.request, |session| {
        if !writer.session(&session)? {
            left_out += 1;
        }
        Ok(())
    })?;
    writer.finish()?;
    if left_out > 0 {
        writeln!(
            warn,
            "confsearch: {} without a date and a start time left out of the calendar",
            plural(left_out, "session", "sessions")
        )?;
    }
    Ok(if total == 0 { Exit::NotFound } else { Exit::Found })
}
