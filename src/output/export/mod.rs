//! `export`'s formats: sessions written for another tool, one at a time as the index hands
//! them over (`search::Engine::for_each_match`), never the corpus in memory.
//!
//! - `jsonl`: `show --json`'s document, a line each;
//! - `opensearch`: `_bulk` NDJSON, an `index` action line before each document; `--mapping`
//!   the index body ([`opensearch`]);
//! - `quickwit`: NDJSON with the links flattened and a timestamp ([`quickwit`]);
//!   `--index-config` the index config YAML;
//! - `csv`: a header row, a row each ([`csv`]);
//! - `ics`: a VEVENT for each session with a date and a time ([`ics`]).
//!
//! The fields each engine is told about come from [`fields::FIELDS`].

mod csv;
pub(crate) mod fields;
mod ics;
mod opensearch;
mod quickwit;

use super::Out;
use super::json::{self, SessionJson};
use super::sanitise::Mode;
use crate::cli::ExportFormat;
use crate::config::SearchConfig;
use crate::notes::Session;
use std::io::{self, BufWriter, Write};

/// What the filter on stdout lets through for `format`: JSON escapes for the JSON formats,
/// CRLF line ends for iCalendar and CSV (both RFCs end lines so), plain text for YAML.
pub(crate) fn mode(format: ExportFormat, definition: bool) -> Mode {
    match format {
        ExportFormat::Jsonl | ExportFormat::OpenSearch => Mode::Json,
        ExportFormat::Quickwit if !definition => Mode::Json,
        ExportFormat::Quickwit => Mode::Text,
        ExportFormat::Csv | ExportFormat::Ics => Mode::Crlf,
    }
}

/// Writes the index's definition for `format`: the OpenSearch index body (with `config`'s
/// synonyms), or the Quickwit index config. Other formats have none (the command line
/// refuses `--mapping` and `--index-config` for them).
pub(crate) fn definition(
    out: &mut Out,
    format: ExportFormat,
    index_name: &str,
    config: &SearchConfig,
) -> io::Result<()> {
    match format {
        ExportFormat::OpenSearch => json::write_pretty(out, &opensearch::index_body(config)),
        ExportFormat::Quickwit => out.write_all(quickwit::index_config(index_name).as_bytes()),
        _ => Ok(()),
    }
}

/// Writes sessions in one format: [`Writer::new`] writes what comes before the first
/// (a CSV header, the calendar's start), [`Writer::session`] each, [`Writer::finish`] the end.
pub(crate) enum Writer<W: Write> {
    Jsonl(BufWriter<W>),
    OpenSearch {
        out: BufWriter<W>,
        index: String,
    },
    Quickwit(BufWriter<W>),
    /// Boxed: the csv writer carries its own state and buffer, the other variants a pointer's worth.
    Csv(Box<::csv::Writer<W>>),
    Ics(ics::Calendar<BufWriter<W>>),
}

/// Bytes gathered before a write to stdout: a line at a time would be a system call each.
const BUFFER: usize = 64 * 1024;

impl<W: Write> Writer<W> {
    pub(crate) fn new(out: W, format: ExportFormat, index_name: &str) -> io::Result<Writer<W>> {
        let buffered = |out| BufWriter::with_capacity(BUFFER, out);
        Ok(match format {
            ExportFormat::Jsonl => Writer::Jsonl(buffered(out)),
            ExportFormat::OpenSearch => Writer::OpenSearch {
                out: buffered(out),
                index: index_name.to_string(),
            },
            ExportFormat::Quickwit => Writer::Quickwit(buffered(out)),
            ExportFormat::Csv => Writer::Csv(Box::new(csv::start(out)?)),
            ExportFormat::Ics => Writer::Ics(ics::Calendar::start(buffered(out), jiff::Timestamp::now())?),
        })
    }

    /// Writes one session; false when the format has no place for it (a calendar, a session
    /// without a date and a time).
    pub(crate) fn session(&mut self, session: &Session) -> io::Result<bool> {
        match self {
            Writer::Jsonl(out) => json::write(out, &SessionJson::shown(session))?,
            Writer::OpenSearch { out, index } => {
                json::write(out, &serde_json::json!({"index": {"_index": index, "_id": session.id}}))?;
                json::write(out, &SessionJson::shown(session))?;
            }
            Writer::Quickwit(out) => json::write(out, &quickwit::document(session))?,
            Writer::Csv(out) => csv::row(out, session)?,
            Writer::Ics(calendar) => return calendar.event(session),
        }
        Ok(true)
    }

    /// Ends the output (the calendar's end) and flushes it.
    pub(crate) fn finish(self) -> io::Result<()> {
        match self {
            Writer::Jsonl(mut out) | Writer::OpenSearch { mut out, .. } | Writer::Quickwit(mut out) => out.flush(),
            Writer::Csv(mut out) => out.flush(),
            Writer::Ics(calendar) => calendar.end()?.flush(),
        }
    }
}

/// A session's JSON document as a value, to reshape (Quickwit) or read field by field (CSV).
fn document(session: &Session) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(SessionJson::shown(session)) {
        Ok(serde_json::Value::Object(map)) => map,
        // A struct of strings, numbers and lists always serialises to an object.
        _ => serde_json::Map::new(),
    }
}

/// A session with every optional field set, so that its JSON has every key.
#[cfg(test)]
fn sample_session() -> Session {
    use crate::notes::{Kind, Link, Source};
    Session {
        id: "2019/a.md#t".into(),
        title: "Secrets, \"quoted\"; and more".into(),
        speakers: vec!["Ann Lee".into(), "Bo Ng".into()],
        conference: Some("DevOpsDays".into()),
        year: Some(2019),
        date: Some(jiff::civil::date(2019, 10, 17)),
        start: Some("09:30".into()),
        end: Some("10:00".into()),
        kind: Kind::Talk,
        from: crate::notes::Origin::Schedule,
        room: Some("Room 1".into()),
        attended: Some(true),
        tags: vec!["vault".into(), "k8s".into()],
        themes: vec!["security".into()],
        links: vec![Link {
            url: "https://example.com/x".into(),
            text: "x".into(),
            domain: "example.com".into(),
        }],
        source: Source {
            path: "2019/a.md".into(),
            line: 3,
        },
        body: "notes\nover two lines".into(),
    }
}
