//! The command line, as clap reads it; turned into typed requests before anything runs,
//! so no clap type goes further than this file.

use crate::notes::Kind;
use crate::output::ColorWhen;
use crate::search::{Filters, Matching, SearchRequest, SortBy};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Search your conference talk notes and the links inside them.
#[derive(Debug, Parser)]
#[command(name = "confsearch", version, about, max_term_width = 100)]
struct Cli {
    /// Folder of notes [default: from the index found walking up, a confsearch.toml [paths]
    /// table, the user config, else ./corpus]
    #[arg(long, global = true, env = "CONFSEARCH_CORPUS", value_name = "DIR")]
    corpus: Option<PathBuf>,

    /// Index folder [default: an index found walking up (as git finds .git), a
    /// confsearch.toml [paths] table, the user config, else ./index]
    #[arg(long, global = true, env = "CONFSEARCH_INDEX", value_name = "DIR")]
    index: Option<PathBuf>,

    /// When to colour the output (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    /// Print no warnings or progress
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build or update the index from the notes folder
    Index(IndexArgs),
    /// Ranked sessions with highlighted snippets
    Query(QueryArgs),
    /// Values and counts: year, speaker, theme, conference, tag, kind, domain
    Facets(FacetsArgs),
    /// URLs mentioned in the matching sessions, most cited first
    Links(LinksArgs),
    /// One session in full, with all its links
    Show(ShowArgs),
    /// Open a session's note in $VISUAL or $EDITOR, at its line
    Open(OpenArgs),
    /// Show how one note file splits into sessions (no index needed)
    Parse(ParseArgs),
}

#[derive(Debug, Args, Default)]
struct FilterArgs {
    /// Year or range (2017..2019); repeat for OR
    #[arg(long, value_name = "YEAR")]
    year: Vec<String>,
    /// Speaker, case- and accent-insensitive; a unique part of the name is enough
    #[arg(long, value_name = "NAME")]
    speaker: Vec<String>,
    /// Theme (security, kubernetes, observability, …)
    #[arg(long, value_name = "THEME")]
    theme: Vec<String>,
    /// Conference (part of its name)
    #[arg(long, value_name = "NAME")]
    conference: Vec<String>,
    /// Tag
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Kind: talk, keynote, ignite, panel, workshop, open-space, section
    #[arg(long, value_name = "KIND")]
    kind: Vec<String>,
    /// Sessions on or after this date (2019-10-17, 2019-10, 2019)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Sessions on or before this date
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Sessions citing a link on this domain (subdomains included)
    #[arg(long, value_name = "DOMAIN")]
    domain: Vec<String>,
}

#[derive(Debug, Args)]
struct IndexArgs {
    /// Parse every note again instead of only new and changed ones
    #[arg(long)]
    rebuild: bool,
    /// After indexing, keep watching the notes folder and apply changes as they happen
    #[arg(long)]
    watch: bool,
}

#[derive(Debug, Args)]
struct QueryArgs {
    /// Words, "phrases", +required, -excluded, a OR b, field:value; none lists every session
    text: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print one JSON object
    #[arg(long)]
    json: bool,
    /// How many sessions to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Order by relevance or chronologically
    #[arg(long, value_enum, default_value_t = Sort::Score)]
    sort: Sort,
    /// Show facet counts under the hits
    #[arg(long)]
    facets: bool,
    #[command(flatten)]
    matching: MatchingArgs,
}

#[derive(Debug, Args)]
struct MatchingArgs {
    /// Words only as typed: no typos, no other forms of a word, no synonyms
    #[arg(long)]
    exact: bool,
    /// Ranking features for relevance evaluation: bm25 plus any of boosts, bonus, forms, typos, synonyms
    #[arg(long, hide = true, value_name = "FEATURES", conflicts_with = "exact")]
    ranking: Option<String>,
}

fn matching(a: MatchingArgs) -> Result<Matching, BadFlag> {
    match a.ranking {
        Some(list) => Matching::from_features(&list).map_err(|e| BadFlag(format!("--ranking: {e}"))),
        None if a.exact => Ok(Matching::exact()),
        None => Ok(Matching::default()),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Sort {
    Score,
    Date,
}

#[derive(Debug, Args)]
struct FacetsArgs {
    /// One facet: year, speaker, theme, conference, tag, kind, domain (all when omitted)
    field: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct LinksArgs {
    /// Only links from sessions matching this query
    text: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    matching: MatchingArgs,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// Session id or place, as `query` prints them (`2019/notes.txt#vault-in-prod`,
    /// `corpus/2019/notes.txt:42`)
    #[arg(value_name = "ID|PATH:LINE")]
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct OpenArgs {
    /// Session id or place, as `query` prints them
    #[arg(value_name = "ID|PATH:LINE")]
    target: String,
}

#[derive(Debug, Args)]
struct ParseArgs {
    /// The note file
    file: PathBuf,
    /// Print JSON instead of a table
    #[arg(long)]
    json: bool,
    /// Also say why: the level chosen for the talks, the rule behind each session, and the
    /// lines that belong to no session
    #[arg(long)]
    explain: bool,
}

/// Settings every command shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// `--corpus` or `CONFSEARCH_CORPUS`; otherwise found by `paths::resolve`.
    pub corpus: Option<PathBuf>,
    /// `--index` or `CONFSEARCH_INDEX`; otherwise found by `paths::resolve`.
    pub index: Option<PathBuf>,
    pub color: ColorWhen,
    pub quiet: bool,
}

/// What the user asked for, with real types.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Index {
        rebuild: bool,
        watch: bool,
    },
    Query {
        request: SearchRequest,
        json: bool,
        facets: bool,
    },
    Facets {
        field: Option<String>,
        request: SearchRequest,
        json: bool,
    },
    Links {
        request: SearchRequest,
        json: bool,
    },
    Show {
        id: String,
        json: bool,
    },
    Open {
        target: String,
    },
    Parse {
        file: PathBuf,
        json: bool,
        explain: bool,
    },
}

/// A flag whose value makes no sense: exit 2 with this message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadFlag(pub String);

/// Reads the command line. `Err` carries clap's message (help and version included) and
/// whether it is an error.
pub fn parse<I, T>(args: I) -> Result<Result<(Global, Request), BadFlag>, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    let global = Global {
        corpus: cli.corpus,
        index: cli.index,
        color: match cli.color {
            Color::Auto => ColorWhen::Auto,
            Color::Always => ColorWhen::Always,
            Color::Never => ColorWhen::Never,
        },
        quiet: cli.quiet,
    };
    let text = |words: Vec<String>| -> Option<String> { Some(words.join(" ")).filter(|t| !t.trim().is_empty()) };
    let request = (|| -> Result<Request, BadFlag> {
        Ok(match cli.command {
            Command::Index(a) => Request::Index {
                rebuild: a.rebuild,
                watch: a.watch,
            },
            Command::Query(a) => Request::Query {
                request: SearchRequest {
                    text: text(a.text),
                    filters: filters(a.filters)?,
                    limit: a.limit,
                    sort: match a.sort {
                        Sort::Score => SortBy::Score,
                        Sort::Date => SortBy::Date,
                    },
                    facets: a.json || a.facets,
                    matching: matching(a.matching)?,
                },
                json: a.json,
                facets: a.facets,
            },
            Command::Facets(a) => Request::Facets {
                field: a.field,
                request: SearchRequest {
                    text: None,
                    filters: filters(a.filters)?,
                    limit: 0,
                    sort: SortBy::Date,
                    facets: true,
                    matching: Matching::default(),
                },
                json: a.json,
            },
            Command::Links(a) => Request::Links {
                request: SearchRequest {
                    text: text(a.text),
                    filters: filters(a.filters)?,
                    limit: 0,
                    sort: SortBy::Date,
                    facets: false,
                    matching: matching(a.matching)?,
                },
                json: a.json,
            },
            Command::Show(a) => Request::Show { id: a.id, json: a.json },
            Command::Open(a) => Request::Open { target: a.target },
            Command::Parse(a) => Request::Parse {
                file: a.file,
                json: a.json,
                explain: a.explain,
            },
        })
    })();
    Ok(request.map(|r| (global, r)))
}

fn filters(a: FilterArgs) -> Result<Filters, BadFlag> {
    let mut years = Vec::new();
    for y in &a.year {
        years.push(year_range(y)?);
    }
    let mut kinds = Vec::new();
    for k in &a.kind {
        kinds.push(Kind::parse(k).ok_or_else(|| {
            BadFlag(format!(
                "--kind {k:?} is not a kind (kinds: {})",
                Kind::ALL.map(|k| k.as_str()).join(", ")
            ))
        })?);
    }
    Ok(Filters {
        years,
        speakers: a.speaker,
        themes: a.theme,
        conferences: a.conference,
        tags: a.tag,
        kinds,
        since: a
            .since
            .as_deref()
            .map(|d| date_bound(d, "--since", false))
            .transpose()?,
        until: a.until.as_deref().map(|d| date_bound(d, "--until", true)).transpose()?,
        domains: a.domain,
    })
}

/// `2019`, `2017..2019`, `2017..`, `..2019`.
fn year_range(text: &str) -> Result<(Option<u16>, Option<u16>), BadFlag> {
    let bad = || BadFlag(format!("--year {text:?} is not a year or a range such as 2017..2019"));
    let year = |s: &str| -> Result<Option<u16>, BadFlag> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<u16>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .map(Some)
            .ok_or_else(bad)
    };
    match text.split_once("..") {
        Some((lo, hi)) => {
            let (lo, hi) = (year(lo)?, year(hi)?);
            if lo.is_none() && hi.is_none() || lo.zip(hi).is_some_and(|(l, h)| l > h) {
                return Err(bad());
            }
            Ok((lo, hi))
        }
        None => {
            let y = year(text)?.ok_or_else(bad)?;
            Ok((Some(y), Some(y)))
        }
    }
}

/// `2019-10-17`, `2019-10` or `2019` as a `yyyymmdd` bound; `end` takes the last day.
fn date_bound(text: &str, flag: &str, end: bool) -> Result<u64, BadFlag> {
    let bad = || BadFlag(format!("{flag} {text:?} is not a date (2019-10-17, 2019-10 or 2019)"));
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str, max: u64| s.parse::<u64>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(bad);
    let y = parts
        .first()
        .ok_or_else(bad)?
        .parse::<u64>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(bad)?;
    let (m, d) = match parts.len() {
        1 => {
            if end {
                (12, 31)
            } else {
                (1, 1)
            }
        }
        2 => (num(parts[1], 12)?, if end { 31 } else { 1 }),
        3 => (num(parts[1], 12)?, num(parts[2], 31)?),
        _ => return Err(bad()),
    };
    Ok(y * 10_000 + m * 100 + d)
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
    fn years_and_dates() {
        assert_eq!(year_range("2019"), Ok((Some(2019), Some(2019))));
        assert_eq!(year_range("2017..2019"), Ok((Some(2017), Some(2019))));
        assert_eq!(year_range("..2019"), Ok((None, Some(2019))));
        assert!(year_range("2019..2017").is_err());
        assert!(year_range("nineteen").is_err());
        assert_eq!(date_bound("2019-10-17", "--since", false), Ok(20191017));
        assert_eq!(date_bound("2019", "--until", true), Ok(20191231));
        assert!(date_bound("2019-13", "--since", false).is_err());
    }

    #[test]
    fn parse_request() {
        let (g, r) = parse(["confsearch", "--corpus", "notes", "parse", "notes/a.md", "--json"])
            .unwrap()
            .unwrap();
        assert_eq!(g.corpus, Some(PathBuf::from("notes")));
        assert_eq!(
            r,
            Request::Parse {
                file: "notes/a.md".into(),
                json: true,
                explain: false
            }
        );
    }
}
