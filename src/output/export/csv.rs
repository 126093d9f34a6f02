//! CSV for spreadsheets (RFC 4180 quoting by the `csv` crate): a header row of the exported
//! fields, then a row per session; lists joined with `; `, links as their URLs, the source
//! as `path:line`.

use super::fields::{FIELDS, Kind};
use crate::notes::Session;
use serde_json::Value;
use std::io::{self, Write};

/// Separates the values of a list in one cell.
const LIST_SEPARATOR: &str = "; ";

/// A CSV writer on `out`, its header row written.
pub(super) fn start<W: Write>(out: W) -> io::Result<csv::Writer<W>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(FIELDS.iter().map(|f| f.name))?;
    Ok(w)
}

/// The row of one session.
pub(super) fn row<W: Write>(w: &mut csv::Writer<W>, session: &Session) -> io::Result<()> {
    let doc = super::document(session);
    let cells = FIELDS
        .iter()
        .map(|f| cell(f.kind, doc.get(f.name).unwrap_or(&Value::Null)));
    w.write_record(cells.collect::<Vec<String>>())?;
    Ok(())
}

fn cell(kind: Kind, value: &Value) -> String {
    match (kind, value) {
        (_, Value::Null) => String::new(),
        (_, Value::String(s)) => s.clone(),
        (Kind::Links, Value::Array(links)) => join(links.iter().filter_map(|l| l.get("url"))),
        (_, Value::Array(values)) => join(values.iter()),
        (Kind::Place, Value::Object(place)) => format!(
            "{}:{}",
            place.get("path").and_then(Value::as_str).unwrap_or_default(),
            place.get("line").and_then(Value::as_u64).unwrap_or_default()
        ),
        (_, other) => other.to_string(),
    }
}

fn join<'a>(values: impl Iterator<Item = &'a Value>) -> String {
    values
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_a_comma_and_a_quote_is_quoted_and_lists_are_joined() {
        let mut w = start(Vec::new()).unwrap();
        row(&mut w, &super::super::sample_session()).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "id,title,speakers,conference,year,date,start,end,kind,from,room,attended,themes,tags,links,body,source"
        );
        assert!(
            text.contains(",\"Secrets, \"\"quoted\"\"; and more\",Ann Lee; Bo Ng,DevOpsDays,2019,2019-10-17,09:30,10:00,talk,schedule,Room 1,true,security,vault; k8s,https://example.com/x,\"notes\nover two lines\",2019/a.md:3\r\n"),
            "{text}"
        );
    }
}
