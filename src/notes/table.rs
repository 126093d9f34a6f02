//! Tables of talks: a Markdown table whose rows are talks (`| 10:00 | Anja Schmidt | Typing
//! Python at scale |`).
//!
//! The columns are known by their header (`Speaker`, `Title`, `Time`, `Room`, in several
//! languages) or, without one, by what their cells are: a time slot, people's names, a room, or
//! a title (the longest of the cells that are none of these). A row is a talk when it has a
//! title and a speaker or a time; a table is read as talks when at least [`MIN_ROWS`] of its
//! rows are.

use super::forms::is_room;
use super::names::split_names;
use super::parts::{Part, classify};
use super::schedule::{Slot, is_not_session, slot_prefix};
use super::text::Line;
use rustc_hash::FxHashMap as HashMap;

/// Talk rows a table needs before its rows are read as talks.
pub(crate) const MIN_ROWS: usize = 2;

/// A talk read from a table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RowTalk {
    pub title: String,
    pub speakers: Vec<String>,
    pub slot: Slot,
    pub room: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Title,
    Speakers,
    Time,
    Room,
    Other,
}

const TITLE_HEADS: &[&str] = &[
    "title", "talk", "talks", "session", "topic", "subject", "titel", "vortrag", "thema", "título", "titulo", "charla",
    "titre", "sujet", "tema", "temat", "what",
];
const SPEAKER_HEADS: &[&str] = &[
    "speaker",
    "speakers",
    "who",
    "presenter",
    "presenters",
    "by",
    "referent",
    "referentin",
    "sprecher",
    "ponente",
    "orador",
    "intervenant",
    "orateur",
    "prelegent",
    "name",
];
const TIME_HEADS: &[&str] = &[
    "time", "when", "slot", "start", "uhrzeit", "zeit", "hora", "heure", "horaire", "godzina",
];
const ROOM_HEADS: &[&str] = &[
    "room", "track", "where", "location", "stage", "raum", "saal", "salle", "sala",
];

fn column_of_head(head: &str) -> Column {
    let h = head.trim().trim_matches(['*', '_']).to_lowercase();
    let h = h.trim_end_matches(['s', ':']);
    let is = |list: &[&str]| list.iter().any(|w| w.trim_end_matches('s') == h);
    if is(TITLE_HEADS) {
        Column::Title
    } else if is(SPEAKER_HEADS) {
        Column::Speakers
    } else if is(TIME_HEADS) {
        Column::Time
    } else if is(ROOM_HEADS) {
        Column::Room
    } else {
        Column::Other
    }
}

fn column_of_cell(cell: &str) -> Column {
    let c = cell.trim();
    if c.is_empty() {
        return Column::Other;
    }
    if slot_prefix(c).is_some_and(|(_, rest)| rest.trim().is_empty()) {
        return Column::Time;
    }
    if is_room(c) {
        return Column::Room;
    }
    match classify(c) {
        Part::Names(_) => Column::Speakers,
        Part::Title if c.split_whitespace().count() >= 2 => Column::Title,
        _ => Column::Other,
    }
}

/// The talk of one row, given what each column is.
fn row_talk(cells: &[String], columns: &[Column]) -> Option<RowTalk> {
    let mut talk = RowTalk::default();
    let mut timed = false;
    for (cell, column) in cells.iter().zip(columns) {
        let c = cell.trim();
        match column {
            Column::Title if talk.title.is_empty() => talk.title = c.trim_matches(['"', '“', '”']).to_string(),
            Column::Speakers if talk.speakers.is_empty() => talk.speakers = split_names(c),
            Column::Time => {
                if let Some((slot, _)) = slot_prefix(c) {
                    talk.slot = slot;
                    timed = true;
                }
            }
            Column::Room if talk.room.is_none() && !c.is_empty() => talk.room = Some(c.to_string()),
            _ => {}
        }
    }
    let named = !talk.speakers.is_empty() || timed;
    (named && !talk.title.is_empty() && !is_not_session(&talk.title)).then_some(talk)
}

/// The talks of every table of talks in the file, by the line of their row.
pub(crate) fn talks(lines: &[Line]) -> HashMap<usize, RowTalk> {
    let mut out = HashMap::default();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].cells.is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].cells.is_empty() {
            i += 1;
        }
        out.extend(table_talks(&lines[start..i]));
    }
    out
}

fn table_talks(rows: &[Line]) -> Vec<(usize, RowTalk)> {
    let (head, body): (Vec<&Line>, Vec<&Line>) = rows.iter().partition(|l| l.table_head);
    let by_head: Option<Vec<Column>> = head
        .first()
        .map(|h| h.cells.iter().map(|c| column_of_head(c)).collect::<Vec<_>>())
        .filter(|cols| {
            cols.contains(&Column::Title) && cols.iter().any(|c| matches!(c, Column::Speakers | Column::Time))
        });
    let found: Vec<(usize, RowTalk)> = body
        .iter()
        .filter_map(|row| {
            let columns = by_head.clone().unwrap_or_else(|| row_columns(&row.cells));
            row_talk(&row.cells, &columns).map(|t| (row.no, t))
        })
        .collect();
    if found.len() >= MIN_ROWS || (by_head.is_some() && !found.is_empty()) {
        found
    } else {
        Vec::new()
    }
}

/// Columns of a row read from its cells: the longest title-like cell is the title.
fn row_columns(cells: &[String]) -> Vec<Column> {
    let mut columns: Vec<Column> = cells.iter().map(|c| column_of_cell(c)).collect();
    let longest = cells
        .iter()
        .enumerate()
        .filter(|(i, _)| columns[*i] == Column::Title)
        .max_by_key(|(_, c)| c.len())
        .map(|(i, _)| i);
    for (i, c) in columns.iter_mut().enumerate() {
        if *c == Column::Title && Some(i) != longest {
            *c = Column::Other;
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Line> {
        super::super::text::markdown_lines(text, 1)
    }

    #[test]
    fn a_table_with_time_speaker_and_talk_columns() {
        let text = "| Time | Speaker | Talk |\n|---|---|---|\n| 10:00 | Anja Schmidt | Typing Python at scale |\n\
                    | 10:45 | Marek Nowak & Ida Berg | Async pitfalls in production |\n| 11:30 | | Coffee break |\n";
        let found = talks(&rows(text));
        let mut found: Vec<(usize, RowTalk)> = found.into_iter().collect();
        found.sort_by_key(|f| f.0);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1.title, "Typing Python at scale");
        assert_eq!(found[0].1.speakers, ["Anja Schmidt"]);
        assert_eq!(Slot::format(found[0].1.slot.start).as_deref(), Some("10:00"));
        assert_eq!(found[1].1.speakers, ["Marek Nowak", "Ida Berg"]);
        assert_eq!(found[0].0, 3);
    }

    #[test]
    fn a_table_without_known_headers_is_read_by_its_cells() {
        let text = "| | | |\n|---|---|---|\n| Room 301 | Lucía Romero | Data validation with pydantic |\n\
                    | Room 302 | Tomasz Brzeski | Why our on-call rota failed |\n";
        let found = talks(&rows(text));
        assert_eq!(found.len(), 2);
        assert!(
            found
                .values()
                .any(|t| t.room.as_deref() == Some("Room 301") && t.speakers == ["Lucía Romero"])
        );
    }

    #[test]
    fn tables_of_tools_or_figures_are_no_talks() {
        let text = "| Tool | Use |\n|---|---|\n| Kubernetes | orchestration of containers |\n| Terraform | infrastructure as code |\n";
        assert!(talks(&rows(text)).is_empty());
        let text = "| Metric | Before | After |\n|---|---|---|\n| p99 latency | 900 ms | 120 ms |\n";
        assert!(talks(&rows(text)).is_empty());
    }
}
