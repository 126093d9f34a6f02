//! The tantivy index: its schema, and writing sessions into it in one atomic commit.
//!
//! Text fields (title, speakers, tags, body, conference, room) hold words as written, lower
//! case and without accents, with positions for phrases. They are not stemmed: the query side
//! finds other forms of a word (`secret` for `secrets`) in the term dictionary, so that a word
//! as typed can rank above its other forms, its typos and its synonyms. `urls` holds the words
//! of every link a session cites (a Markdown link's target is not in `body`), so a video id or
//! a domain finds the sessions citing it. Facets (year, speaker, theme, conference, tag, kind, domain) feed
//! filters and counts; `date` and `sort` are fast fields for ranges and chronological order.

mod analyzer;
mod directory;
mod examine;
mod folder;
pub(crate) mod lexicon;
pub(crate) mod links_in;
pub mod manifest;
mod programmes;
mod progress;
mod spellings;
pub(crate) mod update;
mod writer;

pub(crate) use analyzer::{WORDS, fold, words_analyzer};
#[cfg(test)]
pub(crate) use folder::mark;
pub(crate) use folder::{
    WriteLock, claim, commit_stamp, damaged, exists, is_current, is_damaged, is_marked, is_own_file, open_checked,
    open_for_write, remove_unlisted_segments,
};
pub(crate) use update::{IndexOptions, Summary, update};
pub(crate) use writer::{Writer, parse_pool, release_free_memory, writer};

use crate::config::SearchConfig;
use crate::notes::{Origin, Session};
use anyhow::{Context, Result};
use std::path::Path;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, TantivyDocument};

/// Bumped whenever the schema or what is stored changes (5: ids `path#slug`, the `urls` field; 6: index
/// pages enrich the files they list, their entries kept in the manifest; 7: the `talk` key of a talk noted twice; 8: sessions of official schedules, the `from` and
/// `noted` fields; 9: `kind` and `from` stored only, notes matched to official talks, the `filled` and
/// `matched` fields); an index of another version is rebuilt.
pub(crate) const SCHEMA_VERSION: u32 = 9;
const VERSION_FILE: &str = "confsearch-schema-version";
/// The synonyms and speaker aliases of the corpus the index was built from.
const SEARCH_CONFIG_FILE: &str = "confsearch-search.json";
fn register(index: Index) -> Index {
    index.tokenizers().register(WORDS, words_analyzer());
    index
}

/// Opens the index in `dir` for reading.
pub(crate) fn open(dir: &Path) -> Result<Index> {
    Index::open_in_dir(dir)
        .map(register)
        .with_context(|| format!("opening index {}", dir.display()))
}

/// The search configuration saved with the index; the defaults when there is none.
pub(crate) fn read_search_config(dir: &Path) -> SearchConfig {
    std::fs::read(dir.join(SEARCH_CONFIG_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Saves the search configuration beside the index, atomically, and only when it changed
/// (a run that changes nothing writes nothing).
pub(crate) fn write_search_config(dir: &Path, config: &SearchConfig) -> Result<()> {
    let path = dir.join(SEARCH_CONFIG_FILE);
    let bytes = serde_json::to_vec_pretty(config)?;
    if std::fs::read(&path).ok().as_deref() == Some(&bytes[..]) {
        return Ok(());
    }
    let tmp = dir.join(format!("{SEARCH_CONFIG_FILE}.tmp"));
    std::fs::write(&tmp, &bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Declares the fields of the schema once, each with how it is added to the schema and its
/// options: the `Fields` struct, [`schema`] and [`Fields::name`] come from this one list.
/// A field's Rust name is its name in the schema; the list's order is the schema's (a field's
/// id is its place in it), so reordering or changing a field is a new [`SCHEMA_VERSION`].
macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident: $add:ident($options:expr),)*) => {
        /// Every field of the schema, by name.
        #[derive(Debug, Clone, Copy)]
        pub(crate) struct Fields {
            $($(#[$doc])* pub(crate) $name: Field,)*
        }

        /// The name of each field, in schema order.
        const FIELD_NAMES: &[&str] = &[$(stringify!($name)),*];

        pub(crate) fn schema() -> (Schema, Fields) {
            let mut b = Schema::builder();
            // Struct fields are evaluated in the order written: the schema's order.
            let fields = Fields {
                $($name: b.$add(stringify!($name), $options),)*
            };
            (b.build(), fields)
        }
    };
}

fields! {
    /// Stored only: `show` finds a session by its file (`path`), then by id among its sessions.
    id: add_text_field(STORED),
    path: add_text_field(STRING | STORED),
    line: add_u64_field(STORED),
    title: add_text_field(text()),
    speakers: add_text_field(text()),
    tags: add_text_field(text()),
    body: add_text_field(text()),
    conference: add_text_field(text()),
    room: add_text_field(text()),
    /// The words of the session's link URLs; searched, not stored (`links` holds them).
    urls: add_text_field(TextOptions::default().set_indexing_options(text_indexing())),
    year: add_u64_field(INDEXED | FAST | STORED),
    date: add_u64_field(INDEXED | FAST),
    /// Date and start time (`sort_key`): the order of `--sort date` and of equal scores.
    sort: add_u64_field(FAST),
    /// Which talk a session is, for showing a talk noted in two files once: see [`talk_key`].
    talk: add_u64_field(FAST),
    date_text: add_text_field(STORED),
    start: add_text_field(STORED),
    end: add_text_field(STORED),
    /// Stored only, as `from`: no query asks for their words (the `--kind` filter matches
    /// `f_kind`), and each was a term more for every session on the indexing thread.
    kind: add_text_field(STORED),
    /// `notes` or `schedule` (`Session::from`).
    from: add_text_field(STORED),
    /// `true` for a session the user took notes of (`Session::is_noted`): `--noted`, `--not-noted`.
    noted: add_text_field(STRING),
    /// The fields a note took from the official talk it was matched to (`Session::filled`).
    filled: add_text_field(STORED),
    /// The other side of a programme match, as JSON (`Session::matched`).
    matched: add_text_field(STORED),
    attended: add_text_field(STORED),
    themes: add_text_field(STRING | STORED),
    links: add_text_field(STORED),
    f_year: add_facet_field(FacetOptions::default()),
    f_speaker: add_facet_field(FacetOptions::default()),
    f_theme: add_facet_field(FacetOptions::default()),
    f_conference: add_facet_field(FacetOptions::default()),
    f_tag: add_facet_field(FacetOptions::default()),
    f_kind: add_facet_field(FacetOptions::default()),
    f_domain: add_facet_field(FacetOptions::default()),
    /// A link's domain and every parent domain, so `youtube.com` matches `m.youtube.com`.
    f_domain_match: add_facet_field(FacetOptions::default()),
}

impl Fields {
    /// The name of `field` in the schema: what tantivy's collectors and fast-field readers
    /// take.
    pub(crate) fn name(field: Field) -> &'static str {
        FIELD_NAMES[field.field_id() as usize]
    }
}

/// How the text fields are indexed: words (`WORDS`), with frequencies and positions.
fn text_indexing() -> TextFieldIndexing {
    TextFieldIndexing::default()
        .set_tokenizer(WORDS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
}

/// A text field searched and stored.
fn text() -> TextOptions {
    TextOptions::default()
        .set_indexing_options(text_indexing())
        .set_stored()
}

/// `20191017` for 2019-10-17; 0 when unknown, so undated sessions sort first in browse.
pub(crate) fn date_key(s: &Session) -> u64 {
    s.date.map_or_else(
        || s.year.map_or(0, |y| y as u64 * 10_000),
        |d| d.year() as u64 * 10_000 + d.month() as u64 * 100 + d.day() as u64,
    )
}

/// Date and start time as one sortable number: `201910170945`.
pub(crate) fn sort_key(s: &Session) -> u64 {
    let minutes = s.start.as_deref().and_then(|t| {
        let (h, m) = t.split_once(':')?;
        Some(h.parse::<u64>().ok()? * 100 + m.parse::<u64>().ok()?)
    });
    date_key(s) * 10_000 + minutes.unwrap_or(0)
}

/// A talk's title and year as one number, the same for the same talk noted in two files
/// (`Prometheus in Practice` in a schedule and in a file of its own): title words folded
/// (case, accents, punctuation ignored), then the year. 0 for what is no talk (a section) or
/// has no title: never grouped. Sessions with the same key are only candidates: the query
/// side checks speakers, conference and date (`search::dedup`). A talk of an official schedule
/// is grouped with the same talk in another schedule file (`schedule.json` beside
/// `schedule.ics`), never with notes: notes are matched to the programme otherwise.
pub(crate) fn talk_key(s: &Session) -> u64 {
    if s.kind == crate::notes::Kind::Section {
        return 0;
    }
    let title = talk_title(&s.title);
    if title.is_empty() {
        return 0;
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.as_bytes());
    hasher.update(&[0]);
    hasher.update(&s.year.unwrap_or(0).to_le_bytes());
    if s.from != crate::notes::Origin::Notes {
        hasher.update(s.from.as_str().as_bytes());
    }
    let bytes = hasher.finalize();
    let key = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().expect("8 bytes"));
    key.max(1)
}

/// The `talk` key a session is written with: a note matched to an official talk takes the
/// talk's, so that the pair is one hit (`search::dedup`); every other session its own.
fn document_talk_key(s: &Session) -> u64 {
    match s.matched.first() {
        Some(m) if s.from == Origin::Notes && m.talk != 0 => m.talk,
        _ => talk_key(s),
    }
}

/// A title as [`talk_key`] compares it: `Don't Be a Hero!` → `don t be a hero`.
pub(crate) fn talk_title(title: &str) -> String {
    deunicode::deunicode(title)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A facet with one level holding `value` as written (slashes are escaped by tantivy).
pub(crate) fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// The value a one-level facet holds, unescaped: what [`facet`] was given.
pub(crate) fn facet_value(f: &Facet) -> String {
    f.to_path().first().map(|s| s.to_string()).unwrap_or_default()
}

/// Every value of the facet field `field` in the index `searcher` reads.
pub(crate) fn facet_values(searcher: &tantivy::Searcher, field: Field) -> tantivy::Result<Vec<String>> {
    let mut collector = tantivy::collector::FacetCollector::for_field(Fields::name(field));
    collector.add_facet(Facet::root());
    let counts = searcher.search(&tantivy::query::AllQuery, &collector)?;
    Ok(counts.get("/").map(|(f, _)| facet_value(f)).collect())
}

/// `m.youtube.com` → [`m.youtube.com`, `youtube.com`].
pub(crate) fn domain_and_parents(domain: &str) -> Vec<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    (0..labels.len().saturating_sub(1))
        .map(|i| labels[i..].join("."))
        .collect()
}

pub(crate) fn document(f: &Fields, s: &Session, conference: Option<&str>) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &s.id);
    d.add_text(f.path, &s.source.path);
    d.add_u64(f.line, s.source.line as u64);
    d.add_text(f.title, &s.title);
    for sp in &s.speakers {
        d.add_text(f.speakers, sp);
        d.add_facet(f.f_speaker, facet(sp));
    }
    for t in &s.tags {
        d.add_text(f.tags, t);
        d.add_facet(f.f_tag, facet(t));
    }
    d.add_text(f.body, &s.body);
    // A note matched to an official talk is found by the talk's abstract too: one session,
    // both texts searchable (the note's own text stays the first value, the one shown).
    if s.from == Origin::Notes {
        for m in s.matched.iter().filter(|m| !m.text.is_empty()) {
            d.add_text(f.body, &m.text);
        }
    }
    if let Some(c) = conference {
        d.add_text(f.conference, c);
        d.add_facet(f.f_conference, facet(c));
    }
    if let Some(r) = &s.room {
        d.add_text(f.room, r);
    }
    if let Some(y) = s.year {
        d.add_u64(f.year, y as u64);
        d.add_facet(f.f_year, facet(&y.to_string()));
    }
    d.add_u64(f.date, date_key(s));
    d.add_u64(f.sort, sort_key(s));
    d.add_u64(f.talk, document_talk_key(s));
    if let Some(date) = s.date {
        d.add_text(f.date_text, date.to_string());
    }
    if let Some(t) = &s.start {
        d.add_text(f.start, t);
    }
    if let Some(t) = &s.end {
        d.add_text(f.end, t);
    }
    d.add_text(f.kind, s.kind.as_str());
    d.add_facet(f.f_kind, facet(s.kind.as_str()));
    d.add_text(f.from, s.from.as_str());
    d.add_text(f.noted, if s.is_noted() { "true" } else { "false" });
    for name in &s.filled {
        d.add_text(f.filled, name);
    }
    if !s.matched.is_empty() {
        d.add_text(
            f.matched,
            serde_json::to_string(&s.matched).unwrap_or_else(|_| "[]".into()),
        );
    }
    if let Some(a) = s.attended {
        d.add_text(f.attended, if a { "true" } else { "false" });
    }
    for t in &s.themes {
        d.add_text(f.themes, t);
        d.add_facet(f.f_theme, facet(t));
    }
    d.add_text(f.links, serde_json::to_string(&s.links).unwrap_or_else(|_| "[]".into()));
    for l in &s.links {
        d.add_text(f.urls, &l.url);
    }
    let mut domains: Vec<&str> = s.links.iter().map(|l| l.domain.as_str()).collect();
    domains.sort_unstable();
    domains.dedup();
    let mut matches: Vec<String> = Vec::new();
    for dom in domains {
        d.add_facet(f.f_domain, facet(dom));
        for parent in domain_and_parents(dom) {
            if !matches.contains(&parent) {
                d.add_facet(f.f_domain_match, facet(&parent));
                matches.push(parent);
            }
        }
    }
    d
}

/// About how many bytes [`document`] holds for `s`: its text, and a little for each field.
pub(crate) fn document_bytes(s: &Session) -> usize {
    let links: usize = s.links.iter().map(|l| 2 * l.url.len() + l.domain.len() + 64).sum();
    let names: usize = s
        .speakers
        .iter()
        .chain(&s.tags)
        .chain(&s.themes)
        .map(|t| 2 * t.len() + 32)
        .sum();
    let matched: usize = s.matched.iter().map(|m| m.text.len() + m.id.len() + 128).sum();
    s.body.len() + s.title.len() + links + names + matched + 512
}

/// The manifest committed with the index's last commit.
pub(crate) fn load_manifest(dir: &Path, index: &Index) -> manifest::Manifest {
    let payload = index.load_metas().ok().and_then(|m| m.payload);
    manifest::Manifest::load(dir, payload.as_deref())
}
