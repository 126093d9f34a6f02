//! Note text → sessions. Pure: no file system, no clock; `parse` takes a note's path
//! (relative to the corpus root, only used for hints) and its text.
//!
//! The pipeline inside: front matter is split off ([`front_matter`]), the body becomes
//! [`text::Line`]s (plain text or Markdown through pulldown-cmark; org-mode through [`org`]),
//! [`outline`] picks the level whose siblings are talks, and `builder` walks the lines once,
//! keeping the current day, the open session and the block it is in (ignites, open spaces),
//! reading each talk line with `heading`; `finish` turns its drafts into sessions with their
//! links, tags and year.

pub(crate) mod affiliation;
mod builder;
pub(crate) mod cards;
pub(crate) mod dates;
pub(crate) mod enrich;
pub(crate) mod evidence;
mod fields;
mod finish;
#[cfg(test)]
mod form_tests;
pub(crate) mod forms;
mod free_titles;
pub(crate) mod front_matter;
mod heading;
pub(crate) mod ids;
pub(crate) mod indent;
pub(crate) mod index_pages;
pub(crate) mod links;
mod merge;
pub(crate) mod names;
pub(crate) mod org;
pub(crate) mod outline;
pub(crate) mod parts;
pub(crate) mod path_hints;
pub(crate) mod quoted;
pub(crate) mod rule;
pub(crate) mod schedule;
#[cfg(test)]
mod shape_tests;
pub(crate) mod shaped;
pub(crate) mod speaker_lines;
pub(crate) mod table;
#[cfg(test)]
mod tests;
pub mod text;
pub(crate) mod themes;
#[cfg(test)]
mod undated_tests;

pub(crate) use finish::{more_capitals, normalise_tag};
pub use links::Link;
pub(crate) use themes::Taxonomy;

use jiff::civil::Date;
use serde::{Deserialize, Serialize, Serializer};

/// What kind of session a note describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Talk,
    Keynote,
    Ignite,
    Panel,
    Workshop,
    OpenSpace,
    Section,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Talk,
        Kind::Keynote,
        Kind::Ignite,
        Kind::Panel,
        Kind::Workshop,
        Kind::OpenSpace,
        Kind::Section,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Talk => "talk",
            Kind::Keynote => "keynote",
            Kind::Ignite => "ignite",
            Kind::Panel => "panel",
            Kind::Workshop => "workshop",
            Kind::OpenSpace => "open-space",
            Kind::Section => "section",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_lowercase().replace([' ', '_'], "-");
        Kind::ALL.into_iter().find(|k| {
            k.as_str() == s || (s == "openspace" && *k == Kind::OpenSpace) || (s == "lightning" && *k == Kind::Ignite)
        })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a session comes from: the user's notes, or a conference's official programme
/// (`crate::programme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    #[default]
    Notes,
    Schedule,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Notes => "notes",
            Origin::Schedule => "schedule",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        [Origin::Notes, Origin::Schedule].into_iter().find(|o| o.as_str() == s)
    }
}

/// Where a session is in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub line: usize,
}

/// The other side of a note matched to a talk of an official programme
/// (`crate::programme::matching`): on a note session, the official talk; on an official talk,
/// each note session of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matched {
    pub id: String,
    pub source: Source,
    /// Why the two were paired, one short phrase per piece of evidence (`title 0.92`,
    /// `surname Mouat`, `slot 10:30`).
    pub why: Vec<String>,
    /// The official talk's abstract, indexed with the note so that its words find the note
    /// too (not printed: the official talk has it).
    #[serde(skip)]
    pub(crate) text: String,
    /// The official talk's `talk` key (`index::talk_key`): the note shares it, so the pair
    /// shows as one hit.
    #[serde(skip)]
    pub(crate) talk: u64,
}

/// One searchable document: a talk, keynote, ignite, panel, workshop, open space, or a
/// free-standing section of notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub speakers: Vec<String>,
    pub conference: Option<String>,
    pub year: Option<i16>,
    #[serde(serialize_with = "date_as_string")]
    pub date: Option<Date>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub kind: Kind,
    /// Notes or an official schedule.
    pub from: Origin,
    pub room: Option<String>,
    pub attended: Option<bool>,
    pub tags: Vec<String>,
    pub themes: Vec<String>,
    pub links: Vec<Link>,
    /// The fields filled from the official programme's talk this note was matched to
    /// (`speakers`, `room`, `slot`, `date`, `year`, `conference`, `links`); empty otherwise.
    pub filled: Vec<String>,
    /// The official talk a note session was matched to, or the note sessions matched to an
    /// official talk (`Matched`); empty when none.
    pub matched: Vec<Matched>,
    pub source: Source,
    pub body: String,
}

impl Session {
    /// Whether the user took notes of this session (`--noted`): every note session, and a
    /// talk of an official schedule that notes were matched to (`--not-noted`: the others).
    pub fn is_noted(&self) -> bool {
        self.from == Origin::Notes || !self.matched.is_empty()
    }
}

/// A date as JSON writes it: `2019-10-18`, or `null`.
pub(crate) fn date_as_string<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// Something odd in a note that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseWarning {
    pub line: usize,
    pub message: String,
}

/// The sessions of one note, and what was odd about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedNote {
    pub sessions: Vec<Session>,
    pub warnings: Vec<ParseWarning>,
    /// The talk level chosen for the file, and why (`confsearch parse --explain`).
    pub(crate) outline: outline::Outline,
    /// Why each free section after a day close has its year or none, by the session's line
    /// (`confsearch parse --explain`).
    pub year_reasons: Vec<(usize, String)>,
}

/// How a note's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Plain,
    /// Emacs org-mode (`.org`).
    Org,
}

impl Format {
    /// `.md` and `.markdown` are Markdown, `.txt` and `.text` plain, `.org` org-mode; a file without an
    /// extension is Markdown when it has Markdown's marks (headings, lists, links).
    pub(crate) fn of(path: &str, text: &str) -> Format {
        let lower = path.to_lowercase();
        let ext = lower
            .rsplit_once('/')
            .map_or(lower.as_str(), |(_, f)| f)
            .rsplit_once('.')
            .map(|(_, e)| e.to_string());
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd" | "mdx") => Format::Markdown,
            Some("txt" | "text") => Format::Plain,
            Some("org") => Format::Org,
            _ => {
                let marked = text.lines().take(200).filter(|l| {
                    let t = l.trim_start();
                    t.starts_with("# ")
                        || t.starts_with("## ")
                        || t.starts_with("* ")
                        || t.starts_with("- ")
                        || t.contains("](")
                });
                if marked.count() >= 2 {
                    Format::Markdown
                } else {
                    Format::Plain
                }
            }
        }
    }
}

/// Parses a note into sessions with the default theme taxonomy.
pub fn parse(path: &str, text: &str) -> ParsedNote {
    parse_with(path, text, Taxonomy::default_taxonomy())
}

/// Parses a note into sessions, assigning themes from `taxonomy`.
pub(crate) fn parse_with(path: &str, text: &str, taxonomy: &Taxonomy) -> ParsedNote {
    parse_with_rule(path, text, taxonomy, None)
}

/// Parses a note into sessions, assigning themes from `taxonomy`; a `[[parse]]` rule from
/// `confsearch.toml`, when one covers the note, says what opens its talks.
pub(crate) fn parse_with_rule(
    path: &str,
    text: &str,
    taxonomy: &Taxonomy,
    rule: Option<&rule::ParseRule>,
) -> ParsedNote {
    let text = text::normalise_text(text);
    let format = Format::of(path, &text);
    let (front, lines, front_warnings) = match format {
        Format::Org => {
            let org = org::read(&text);
            (org.front, org.lines, Vec::new())
        }
        Format::Markdown | Format::Plain => {
            let split = front_matter::split(&text);
            let lines = if format == Format::Markdown {
                text::markdown_lines(split.body, split.body_line)
            } else {
                text::plain_lines(split.body, split.body_line)
            };
            (split.front, lines, split.warnings)
        }
    };
    let raw: Vec<&str> = text.split('\n').collect();
    let hints = path_hints::from_path(path);
    let mut note = builder::build(path, &raw, &lines, front.as_ref(), &hints, format, rule);
    let front_warnings = front_warnings
        .into_iter()
        .map(|(line, message)| ParseWarning { line, message });
    note.warnings.splice(0..0, front_warnings);
    for session in &mut note.sessions {
        session.themes = taxonomy.assign(session);
    }
    ids::assign(path, note.sessions.iter_mut().map(|s| (s.title.as_str(), &mut s.id)));
    note
}
