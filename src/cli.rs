//! The command line, as clap reads it; turned into typed requests before anything runs,
//! so no clap type goes further than this file.
//!
//! Length: over 500 lines because every subcommand's clap definition, help and examples sit here,
//! so that no clap type goes further than this file; about a quarter is unit tests.

use crate::corpus::Follow;
use crate::notes::Kind;
use crate::output::ColorWhen;
use crate::search::{FacetField, Filters, Matching, SearchRequest, SortBy};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::ffi::OsString;
use std::path::PathBuf;

/// The help heading of the flags every subcommand takes, listed apart from its own.
const GLOBAL: &str = "Global options";

/// Search your conference talk notes and the links inside them.
#[derive(Debug, Parser)]
#[command(name = "confsearch", version, about, max_term_width = 100, after_help = MAIN_EXAMPLES)]
struct Cli {
    /// Folder of notes [default: from the index found walking up, a confsearch.toml [paths]
    /// table, the user config, else ./corpus]
    #[arg(long, global = true, env = "CONFSEARCH_CORPUS", value_name = "DIR", help_heading = GLOBAL)]
    corpus: Option<PathBuf>,

    /// Index folder [default: an index found walking up (as git finds .git), a
    /// confsearch.toml [paths] table, the user config, else ./index]
    #[arg(long, global = true, env = "CONFSEARCH_INDEX", value_name = "DIR", help_heading = GLOBAL)]
    index: Option<PathBuf>,

    /// When to colour the output (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    color: Color,

    /// Print no warnings or progress
    #[arg(short, long, global = true, help_heading = GLOBAL)]
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

const MAIN_EXAMPLES: &str = "\
Examples:
  confsearch index                          build the index of ./corpus into ./index
  confsearch query vault secrets -aws       sessions on vault and secrets, none on aws
  confsearch query --theme security --year 2019
  confsearch completions bash > ~/.local/share/bash-completion/completions/confsearch
  confsearch man > ~/.local/share/man/man1/confsearch.1

Exit status: 0 found, 1 nothing found, 2 error, 130 interrupted.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Build or update the index from the notes folder
    #[command(after_help = "\
Examples:
  confsearch index                          index new and changed notes
  confsearch --corpus ~/notes index         index another folder of notes
  confsearch index --watch                  keep the index up to date while you write")]
    Index(IndexArgs),
    /// Ranked sessions with highlighted snippets
    #[command(after_help = "\
Examples:
  confsearch query secrets -kubernetes      secrets, but no session on kubernetes
  confsearch query '\"chaos engineering\"' --year 2017..2019 --sort date
  confsearch query prometh                  the last word is also a prefix: prometheus
  confsearch query youtu.be --limit 0       count the sessions citing a youtu.be link")]
    Query(QueryArgs),
    /// Values and counts: year, speaker, theme, conference, tag, kind, domain
    #[command(after_help = "\
Examples:
  confsearch facets                         every facet, most frequent values first
  confsearch facets speaker --theme security
  confsearch facets domain --year 2019 --json")]
    Facets(FacetsArgs),
    /// URLs mentioned in the matching sessions, most cited first
    #[command(after_help = "\
Examples:
  confsearch links                          every link, most cited first
  confsearch links terraform -aws           links of the sessions on terraform, not aws
  confsearch links --domain github.com --year 2019")]
    Links(LinksArgs),
    /// One session in full, with all its links
    #[command(after_help = "\
Examples:
  confsearch show 2019/notes.md#vault-in-prod     by the id `query` prints
  confsearch show corpus/2019/notes.md:42         by the place `query` prints
  confsearch show 2019/notes.md#vault-in-prod --json")]
    Show(ShowArgs),
    /// Sessions like one session: the same subject in other talks
    #[command(after_help = "\
Examples:
  confsearch related 2019/notes.md#vault-in-prod   the ten sessions most like it
  confsearch related corpus/2019/notes.md:42 --limit 3
  confsearch related 2019/notes.md#vault-in-prod --json")]
    Related(RelatedArgs),
    /// Write sessions for another tool: JSON lines, OpenSearch or Quickwit bulk, CSV, iCalendar
    #[command(after_help = "\
Examples:
  confsearch export > sessions.jsonl                  every session, one JSON object a line
  confsearch export --format opensearch --mapping > mapping.json
  confsearch export --format opensearch > bulk.ndjson
  confsearch export --format quickwit --index-config > confsearch.yaml
  confsearch export kubernetes --year 2019 --format csv > k8s.csv
  confsearch export --conference devopsdays --format ics > talks.ics")]
    Export(ExportArgs),
    /// Open a session's note in $VISUAL or $EDITOR, at its line
    #[command(after_help = "\
Examples:
  confsearch open 2019/notes.md#vault-in-prod
  confsearch open corpus/2019/notes.md:42
  EDITOR=nano confsearch open corpus/2019/notes.md:42")]
    Open(OpenArgs),
    /// Search in a web page on this computer, with facets and a JSON API
    #[command(after_help = "\
Examples:
  confsearch serve                          http://127.0.0.1:7465, until Ctrl-C
  confsearch serve --open                   and open it in the browser
  confsearch serve --port 0                 on a free port (printed on start)
  curl 'http://127.0.0.1:7465/api/search?q=vault&year=2019'   the JSON of `query --json`")]
    Serve(ServeArgs),
    /// Show how one note file splits into sessions (no index needed)
    #[command(after_help = "\
Examples:
  confsearch parse corpus/2019/notes.md     a table of the sessions found
  confsearch parse corpus/2019/notes.md --json")]
    Parse(ParseArgs),
    /// Print a completion script for a shell
    #[command(after_help = "\
Examples:
  confsearch completions bash > ~/.local/share/bash-completion/completions/confsearch
  confsearch completions zsh > ~/.zfunc/_confsearch      (with fpath+=~/.zfunc in ~/.zshrc)
  confsearch completions fish > ~/.config/fish/completions/confsearch.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(after_help = "\
Examples:
  confsearch man | man -l -
  confsearch man > ~/.local/share/man/man1/confsearch.1")]
    Man,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

/// The shells `clap_complete` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    #[value(name = "powershell")]
    PowerShell,
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
    /// Only sessions you took notes of (your notes; a programme talk they were matched to is one hit with them)
    #[arg(long, conflicts_with = "not_noted")]
    noted: bool,
    /// Only talks of an official schedule that have no notes
    #[arg(long)]
    not_noted: bool,
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
    /// Follow symbolic links that point inside the notes folder; `--follow=anywhere` follows
    /// those that point out of it too [default: links are not followed]
    #[arg(
        long,
        value_enum,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "inside",
        value_name = "WHERE"
    )]
    follow: Option<FollowArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FollowArg {
    /// Links to files and folders inside the notes folder
    Inside,
    /// Links wherever they point
    Anywhere,
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
    /// How many sessions to show; 0 prints only how many match
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Skip the first N sessions (the next page: `--offset 10`)
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
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
    /// Words only as typed: no typos, no other forms of a word, no synonyms, no completions
    #[arg(long)]
    exact: bool,
    /// Ranking features for relevance evaluation: bm25 plus any of boosts, bonus, forms, typos, synonyms, prefix, rarity, year, joined, dedup (or all)
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
struct RelatedArgs {
    /// Session id or place, as `query` prints them
    #[arg(value_name = "ID|PATH:LINE")]
    id: String,
    /// How many sessions to show
    #[arg(long, default_value_t = crate::commands::related::DEFAULT_LIMIT, value_name = "N")]
    limit: usize,
    /// Print one JSON object
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// Only the sessions matching this query (the words of `query`); none exports every session
    text: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// What to write
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl, value_name = "FORMAT")]
    format: ExportFormatArg,
    /// The index the OpenSearch bulk actions and mapping, or the Quickwit index config, name
    /// [default: confsearch]
    #[arg(long, value_name = "NAME")]
    index_name: Option<String>,
    /// Print the OpenSearch index body (settings and mappings) instead of the sessions
    #[arg(long, conflicts_with = "index_config")]
    mapping: bool,
    /// Print the Quickwit index config (YAML) instead of the sessions
    #[arg(long)]
    index_config: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormatArg {
    /// One session a line, as `show --json` prints it
    Jsonl,
    /// Elasticsearch/OpenSearch `_bulk` NDJSON
    Opensearch,
    /// Quickwit NDJSON (`quickwit index ingest`)
    Quickwit,
    /// Comma-separated values, a header row, lists joined with `; `
    Csv,
    /// iCalendar: the sessions with a date and a time
    Ics,
}

#[derive(Debug, Args)]
struct OpenArgs {
    /// Session id or place, as `query` prints them
    #[arg(value_name = "ID|PATH:LINE")]
    target: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Port to listen on, on 127.0.0.1 only; 0 picks a free one
    #[arg(long, default_value_t = DEFAULT_PORT, value_name = "N")]
    port: u16,
    /// Open the page in the browser once it is served
    #[arg(long)]
    open: bool,
}

/// `serve`'s port when none is given: unassigned by IANA, and far from the usual 8000s.
pub(crate) const DEFAULT_PORT: u16 = 7465;

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
    pub(crate) color: ColorWhen,
    pub quiet: bool,
}

/// What the user asked for, with real types.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Index {
        rebuild: bool,
        watch: bool,
        follow: Follow,
    },
    Query {
        request: SearchRequest,
        json: bool,
        facets: bool,
        /// Sessions skipped before the `limit` shown (`--offset`).
        offset: usize,
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
    Related {
        id: String,
        limit: usize,
        json: bool,
    },
    Export {
        request: SearchRequest,
        format: ExportFormat,
        /// `--index-name`.
        index_name: String,
        /// `--mapping` or `--index-config`: the index's definition, not the sessions.
        definition: bool,
    },
    Open {
        target: String,
    },
    Serve {
        port: u16,
        open: bool,
    },
    Parse {
        file: PathBuf,
        json: bool,
        explain: bool,
    },
    Completions {
        shell: Shell,
    },
    Man,
}

/// `export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    OpenSearch,
    Quickwit,
    Csv,
    Ics,
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
    let cli = Cli::try_parse_from(exclusions_as_words(args.into_iter().map(Into::into).collect()))?;
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
                follow: match a.follow {
                    None => Follow::Never,
                    Some(FollowArg::Inside) => Follow::Inside,
                    Some(FollowArg::Anywhere) => Follow::Anywhere,
                },
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
                    facets: if a.json {
                        FacetField::ALL.to_vec()
                    } else if a.facets {
                        crate::output::query::FACETS_SHOWN.to_vec()
                    } else {
                        Vec::new()
                    },
                    matching: matching(a.matching)?,
                },
                json: a.json,
                facets: a.facets,
                offset: a.offset,
            },
            Command::Facets(a) => Request::Facets {
                field: a.field,
                request: SearchRequest {
                    text: None,
                    filters: filters(a.filters)?,
                    limit: 0,
                    sort: SortBy::Date,
                    facets: FacetField::ALL.to_vec(),
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
                    facets: Vec::new(),
                    matching: matching(a.matching)?,
                },
                json: a.json,
            },
            Command::Show(a) => Request::Show { id: a.id, json: a.json },
            Command::Related(a) => Request::Related {
                id: a.id,
                limit: a.limit,
                json: a.json,
            },
            Command::Export(a) => {
                let format = match a.format {
                    ExportFormatArg::Jsonl => ExportFormat::Jsonl,
                    ExportFormatArg::Opensearch => ExportFormat::OpenSearch,
                    ExportFormatArg::Quickwit => ExportFormat::Quickwit,
                    ExportFormatArg::Csv => ExportFormat::Csv,
                    ExportFormatArg::Ics => ExportFormat::Ics,
                };
                if a.mapping && format != ExportFormat::OpenSearch {
                    return Err(BadFlag("--mapping is the index body of --format opensearch".into()));
                }
                if a.index_config && format != ExportFormat::Quickwit {
                    return Err(BadFlag(
                        "--index-config is the index config of --format quickwit".into(),
                    ));
                }
                let only = filters(a.filters)?;
                if (a.mapping || a.index_config) && (!a.text.is_empty() || only != Filters::default()) {
                    return Err(BadFlag(
                        "--mapping and --index-config print the index's definition: they take no query or filter"
                            .into(),
                    ));
                }
                let named = format == ExportFormat::OpenSearch || a.index_config;
                if a.index_name.is_some() && !named {
                    return Err(BadFlag(
                        "--index-name names the index of --format opensearch, or of --format quickwit --index-config"
                            .into(),
                    ));
                }
                let index_name = a.index_name.unwrap_or_else(|| DEFAULT_INDEX_NAME.to_string());
                if named {
                    check_index_name(format, &index_name)?;
                }
                Request::Export {
                    request: SearchRequest {
                        text: text(a.text),
                        filters: only,
                        limit: usize::MAX,
                        sort: SortBy::Date,
                        facets: Vec::new(),
                        matching: Matching::default(),
                    },
                    format,
                    index_name,
                    definition: a.mapping || a.index_config,
                }
            }
            Command::Open(a) => Request::Open { target: a.target },
            Command::Serve(a) => Request::Serve {
                port: a.port,
                open: a.open,
            },
            Command::Parse(a) => Request::Parse {
                file: a.file,
                json: a.json,
                explain: a.explain,
            },
            Command::Completions(a) => Request::Completions { shell: a.shell },
            Command::Man => Request::Man,
        })
    })();
    Ok(request.map(|r| (global, r)))
}

/// A request of the web API (`serve`): `command` (`query`, `facets` or `links`) with the
/// parameters of its URL, read by the same clap definition as the command line, so that a
/// parameter means what its flag means (repeated: OR'd) and a bad value gets the flag's own
/// message. `q` is the text of `query` and `links`, `field` the facet of `facets`; every other
/// parameter is the long flag of its name (`year=2019` is `--year 2019`; `exact=true` is
/// `--exact`). JSON is always asked for; the global flags are the server's, not a request's.
pub(crate) fn parse_web(command: &str, params: &[(String, String)]) -> Result<Request, BadFlag> {
    use clap::CommandFactory;
    let cli = Cli::command();
    let sub = cli
        .find_subcommand(command)
        .filter(|_| matches!(command, "query" | "facets" | "links"))
        .ok_or_else(|| BadFlag(format!("`{command}` is not a command of the web API")))?;
    let positional = if command == "facets" { "field" } else { "q" };
    let not_asked = ["json", "facets", "help", "version"];
    let flags: Vec<&clap::Arg> = sub
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
        .filter(|a| a.get_long().is_some_and(|l| !not_asked.contains(&l)))
        .collect();
    let mut args: Vec<OsString> = vec!["confsearch".into(), command.into(), "--json".into()];
    let mut words = Vec::new();
    for (name, value) in params {
        if name == positional {
            words.push(value.clone());
            continue;
        }
        let Some(flag) = flags.iter().find(|a| a.get_long() == Some(name)) else {
            let mut known: Vec<&str> = flags.iter().filter_map(|a| a.get_long()).collect();
            known.insert(0, positional);
            return Err(BadFlag(format!(
                "unknown parameter `{name}` (parameters: {})",
                known.join(", ")
            )));
        };
        if flag.get_action().takes_values() {
            args.push(format!("--{name}={value}").into());
        } else {
            match value.as_str() {
                "" | "true" | "1" => args.push(format!("--{name}").into()),
                "false" | "0" => {}
                _ => return Err(BadFlag(format!("`{name}` is true or false, not {value:?}"))),
            }
        }
    }
    args.push("--".into());
    args.extend(words.into_iter().map(OsString::from));
    match parse(args) {
        Ok(Ok((_, request))) => Ok(request),
        Ok(Err(bad)) => Err(bad),
        Err(e) => Err(BadFlag(clap_message(&e))),
    }
}

/// clap's error as one line, without its `error: ` label and its pointer to `--help`:
/// `invalid value 'x' for '--sort <SORT>' [possible values: score, date]`.
fn clap_message(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let text = text.split("\n\nFor more information").next().unwrap_or_default();
    let text = text.trim().strip_prefix("error: ").unwrap_or(text.trim());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the completion script for `shell`, from the same definition the parser uses.
pub(crate) fn write_completions(shell: Shell, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::PowerShell => clap_complete::Shell::PowerShell,
    };
    // Into memory first: `generate` panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "confsearch", &mut script);
    out.write_all(&script)
}

/// Writes the manual page (roff): the program and its global options, then a section per
/// subcommand with its own options and examples (the global options are not repeated there).
pub(crate) fn write_man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    // Unbuilt, the subcommands hold only their own arguments.
    let plain = Cli::command();
    let mut built = plain.clone();
    built.build();
    let man = clap_mangen::Man::new(built.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    for sub in plain.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("confsearch {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", roff_escape(&name.to_uppercase()))?;
        let page = clap_mangen::Man::new(sub.clone().bin_name(&name));
        let mut section = Vec::new();
        page.render_synopsis_section(&mut section)?;
        page.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut section)?;
        }
        // Its synopsis, description and options are sub-sections of its section.
        out.write_all(String::from_utf8_lossy(&section).replace(".SH ", ".SS ").as_bytes())?;
        if let Some(examples) = sub.get_after_help() {
            write_verbatim(out, ".SS EXAMPLES", &examples.to_string())?;
        }
    }
    if let Some(examples) = built.get_after_help() {
        write_verbatim(out, ".SH EXAMPLES", &examples.to_string())?;
    }
    man.render_version_section(out)?;
    Ok(())
}

/// Text whose lines stay as written (examples), under `heading`; its own `Examples:` line
/// is the heading's.
fn write_verbatim(out: &mut dyn std::io::Write, heading: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, "{heading}\n.nf")?;
    for line in text.lines().filter(|l| l.trim() != "Examples:") {
        writeln!(out, "{}", roff_escape(line))?;
    }
    writeln!(out, ".fi")
}

/// Text as roff shows it literally: backslashes and minus signs escaped, and a line starting
/// with `.` or `'` kept from being read as a request.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// `confsearch query secrets -kubernetes`, unquoted: an argument of `query`, `links` or `export` that
/// starts with one `-` and is not one of their flags is a word to exclude. clap would refuse
/// it as an unknown flag (or, told to accept hyphens, swallow every flag after the words), so
/// such words are moved after a `--`, where clap takes them as words; flags anywhere still work.
fn exclusions_as_words(args: Vec<OsString>) -> Vec<OsString> {
    use clap::CommandFactory;
    // Most command lines have no single-dash argument after the command's name (`-q` before
    // it is a global flag): no need to build the definition twice.
    let single_dash = |a: &OsString| {
        let a = a.to_string_lossy();
        a.len() > 1 && a.starts_with('-') && !a.starts_with("--")
    };
    let named = args
        .iter()
        .position(|a| matches!(a.to_str(), Some("query" | "links" | "export")));
    if !named.is_some_and(|at| args[at + 1..].iter().any(single_dash)) {
        return args;
    }
    let mut cmd = Cli::command();
    cmd.build();
    // Where the subcommand is: after the program name and any global flags (with their values).
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if !a.starts_with('-') {
            break;
        }
        i += if takes_value(&cmd, &a) { 2 } else { 1 };
    }
    let Some(sub) = args
        .get(i)
        .and_then(|a| cmd.find_subcommand(a.to_string_lossy().as_ref()))
        .filter(|s| matches!(s.get_name(), "query" | "links" | "export"))
    else {
        return args;
    };
    let mut kept: Vec<OsString> = args[..=i].to_vec();
    let mut moved: Vec<OsString> = Vec::new();
    let mut j = i + 1;
    while j < args.len() {
        let a = args[j].to_string_lossy();
        if a == "--" {
            // The user's own `--`: the rest are words already.
            kept.push(args[j].clone());
            kept.extend(moved);
            kept.extend(args[j + 1..].iter().cloned());
            return kept;
        }
        if a.starts_with("--") || is_short_flags(sub, &a) {
            let skip = if takes_value(sub, &a) { 2 } else { 1 };
            kept.extend(args[j..(j + skip).min(args.len())].iter().cloned());
            j += skip;
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            moved.push(args[j].clone());
        } else {
            kept.push(args[j].clone());
        }
        j += 1;
    }
    kept_with(kept, moved)
}

fn kept_with(mut kept: Vec<OsString>, moved: Vec<OsString>) -> Vec<OsString> {
    if !moved.is_empty() {
        kept.push("--".into());
        kept.extend(moved);
    }
    kept
}

/// `-q`, `-h`, `-qh`: every letter is a short flag of `cmd` (`-quiet` is not: it is a word).
fn is_short_flags(cmd: &clap::Command, arg: &str) -> bool {
    let Some(letters) = arg.strip_prefix('-') else {
        return false;
    };
    !letters.is_empty()
        && letters
            .chars()
            .all(|c| cmd.get_arguments().any(|a| a.get_short() == Some(c)))
}

/// Whether `arg` (`--limit`, `-q`) is a flag of `cmd` whose value is the next argument.
fn takes_value(cmd: &clap::Command, arg: &str) -> bool {
    if arg.contains('=') {
        return false;
    }
    let found = if let Some(long) = arg.strip_prefix("--") {
        cmd.get_arguments().find(|a| a.get_long() == Some(long))
    } else {
        let last = arg.chars().last();
        cmd.get_arguments()
            .find(|a| a.get_short().is_some() && a.get_short() == last)
    };
    found.is_some_and(|a| a.get_action().takes_values())
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
    let since = a
        .since
        .as_deref()
        .map(|d| date_bound(d, "--since", false))
        .transpose()?;
    let until = a.until.as_deref().map(|d| date_bound(d, "--until", true)).transpose()?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(BadFlag(format!(
            "--since {} is after --until {}: no session can match",
            a.since.unwrap_or_default(),
            a.until.unwrap_or_default()
        )));
    }
    Ok(Filters {
        years,
        speakers: a.speaker,
        themes: a.theme,
        conferences: a.conference,
        tags: a.tag,
        kinds,
        noted: match (a.noted, a.not_noted) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        since,
        until,
        domains: a.domain,
    })
}

/// The index `export` names unless `--index-name` says.
const DEFAULT_INDEX_NAME: &str = "confsearch";

/// An index name the engine takes: OpenSearch's rules (lower case, none of `\/*?"<>| ,#:`,
/// not starting with `-`, `_` or `+`, not `.` or `..`, at most 255 bytes), or Quickwit's
/// (a letter, then at least two of letters, digits, `-`, `_`, `.`; at most 255).
fn check_index_name(format: ExportFormat, name: &str) -> Result<(), BadFlag> {
    let ok = match format {
        ExportFormat::OpenSearch => {
            !name.is_empty()
                && name.len() <= 255
                && name != "."
                && name != ".."
                && !name.starts_with(['-', '_', '+'])
                && !name.chars().any(|c| c.is_uppercase() || "\\/*?\"<>| ,#:".contains(c))
        }
        _ => {
            (3..=255).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        }
    };
    if ok {
        Ok(())
    } else {
        let engine = if format == ExportFormat::OpenSearch {
            "an OpenSearch"
        } else {
            "a Quickwit"
        };
        Err(BadFlag(format!("--index-name {name:?} is not {engine} index name")))
    }
}

/// `2019`, `2017..2019`, `2017..`, `..2019`.
fn year_range(text: &str) -> Result<(Option<u16>, Option<u16>), BadFlag> {
    let bad = || BadFlag(format!("--year {text:?} is not a year or a range such as 2017..2019"));
    let year = |s: &str| -> Result<Option<u16>, BadFlag> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        digits::<u16>(s)
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

/// A number written with ASCII digits only (`str::parse` also takes `+12`).
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `2019-10-17`, `2019-10` or `2019` as a `yyyymmdd` bound; `end` takes the last day.
/// A day the calendar does not have (`2019-02-31`, `2019-04-31`) is refused, not rounded.
fn date_bound(text: &str, flag: &str, end: bool) -> Result<u64, BadFlag> {
    let bad = || BadFlag(format!("{flag} {text:?} is not a date (2019-10-17, 2019-10 or 2019)"));
    let parts: Vec<&str> = text.trim().split('-').collect();
    let year: i16 = digits(parts[0]).filter(|y| (1000..=9999).contains(y)).ok_or_else(bad)?;
    let month = |s: &str| -> Result<i8, BadFlag> { digits(s).filter(|m| (1..=12).contains(m)).ok_or_else(bad) };
    let last_day = |m: i8| Date::new(year, m, 1).map_or(31, |d| d.days_in_month());
    let (m, d) = match parts[..] {
        [_] => {
            if end {
                (12, 31)
            } else {
                (1, 1)
            }
        }
        [_, m] => {
            let m = month(m)?;
            (m, if end { last_day(m) } else { 1 })
        }
        [_, m, d] => {
            let m = month(m)?;
            let d: i8 = digits(d).filter(|d| *d >= 1).ok_or_else(bad)?;
            if d > last_day(m) {
                return Err(BadFlag(format!(
                    "{flag} {text:?} is not a date: {year}-{m:02} has {} days",
                    last_day(m)
                )));
            }
            (m, d)
        }
        _ => return Err(bad()),
    };
    Ok(year as u64 * 10_000 + m as u64 * 100 + d as u64)
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

    fn query_text(args: &[&str]) -> (Option<String>, bool, usize, bool) {
        match parse(args.iter().copied()).unwrap().unwrap() {
            (g, Request::Query { request, json, .. }) => (request.text, json, request.limit, g.quiet),
            other => panic!("not a query: {other:?}"),
        }
    }

    #[test]
    fn query_secrets_minus_kubernetes_unquoted_is_an_exclusion() {
        let (text, json, limit, quiet) = query_text(&[
            "confsearch",
            "query",
            "secrets",
            "-kubernetes",
            "--year",
            "2019",
            "--limit",
            "3",
            "--json",
            "-q",
        ]);
        assert_eq!(text.as_deref(), Some("secrets -kubernetes"));
        assert!(json && quiet);
        assert_eq!(limit, 3);
        // First, between flags, or after the user's own `--`.
        let (text, ..) = query_text(&["confsearch", "--corpus", "c", "query", "-vault", "secrets", "--json"]);
        assert_eq!(text.as_deref(), Some("secrets -vault"));
        let (text, ..) = query_text(&["confsearch", "query", "a", "-b", "--", "-c", "d"]);
        assert_eq!(text.as_deref(), Some("a -b -c d"));
        // A global `-q` before the command, with and without an exclusion after it.
        let (text, _, _, quiet) = query_text(&["confsearch", "-q", "query", "team"]);
        assert_eq!((text.as_deref(), quiet), (Some("team"), true));
        let (text, _, _, quiet) = query_text(&["confsearch", "-q", "query", "team", "-ops"]);
        assert_eq!((text.as_deref(), quiet), (Some("team -ops"), true));
        // `-quiet` is a word, not `-q -u -i …`; a negative number is a word too.
        let (text, _, _, quiet) = query_text(&["confsearch", "query", "x", "-quiet", "-2019"]);
        assert_eq!(text.as_deref(), Some("x -quiet -2019"));
        assert!(!quiet);
    }

    #[test]
    fn links_takes_exclusions_and_flag_values_stay_values() {
        match parse(["confsearch", "links", "terraform", "-aws", "--domain", "github.com"])
            .unwrap()
            .unwrap()
        {
            (_, Request::Links { request, .. }) => {
                assert_eq!(request.text.as_deref(), Some("terraform -aws"));
                assert_eq!(request.filters.domains, ["github.com"]);
            }
            other => panic!("not links: {other:?}"),
        }
        // A flag's value is never taken for a word (clap then says the value is missing).
        assert!(parse(["confsearch", "query", "x", "--speaker", "-jo"]).is_err());
        // Other subcommands are left to clap.
        assert!(parse(["confsearch", "show", "-x"]).is_err());
    }

    #[test]
    fn completions_and_man_come_from_the_definition() {
        let mut script = Vec::new();
        write_completions(Shell::Bash, &mut script).unwrap();
        let script = String::from_utf8(script).unwrap();
        // Every subcommand of the definition (the user-visible list is checked once, by the
        // integration test `help.rs`).
        use clap::CommandFactory;
        let definition = Cli::command();
        let subs: Vec<&str> = definition.get_subcommands().map(|c| c.get_name()).collect();
        assert!(subs.len() >= 2, "{subs:?}");
        for sub in subs {
            assert!(script.contains(sub), "{sub} missing from the bash script");
        }
        let mut page = Vec::new();
        write_man(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains(".TH confsearch 1"));
        assert!(page.contains(".SH \"CONFSEARCH QUERY\""));
        // Global options once, on the main page.
        assert_eq!(page.matches("\\fB\\-\\-corpus\\fR \\fI<DIR>").count(), 1, "{page}");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for d in [
            "2019-02-31",
            "2019-02-29",
            "2019-04-31",
            "2019-00-10",
            "2019-10-00",
            "2019-1-32",
        ] {
            assert!(date_bound(d, "--since", false).is_err(), "{d}");
        }
        for d in [
            "+2019",
            "2019-+1",
            "2019--1",
            "2019-10-17-1",
            "",
            "-",
            "2019-",
            "１９１９",
        ] {
            assert!(date_bound(d, "--since", false).is_err(), "{d:?}");
        }
        assert_eq!(date_bound("2020-02-29", "--since", false), Ok(20200229));
        // A month's bound is its real last day.
        assert_eq!(date_bound("2019-02", "--until", true), Ok(20190228));
        assert_eq!(date_bound("2020-02", "--until", true), Ok(20200229));
        assert!(year_range("+2019").is_err());
        let message = date_bound("2019-02-31", "--since", false).unwrap_err().0;
        assert!(message.contains("2019-02 has 28 days"), "{message}");
    }

    #[test]
    fn since_after_until_is_refused() {
        let args = ["confsearch", "query", "--since", "2020-01-01", "--until", "2019-12-31"];
        let bad = parse(args).unwrap().unwrap_err();
        assert!(bad.0.contains("is after --until"), "{bad}");
        let args = ["confsearch", "query", "--since", "2019-12-31", "--until", "2019-12-31"];
        assert!(parse(args).unwrap().is_ok());
    }

    fn web(command: &str, params: &[(&str, &str)]) -> Result<Request, BadFlag> {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        parse_web(command, &params)
    }

    #[test]
    fn web_parameters_are_the_flags() {
        let from_url = web(
            "query",
            &[
                ("q", "secrets -kubernetes"),
                ("year", "2019"),
                ("year", "2017..2018"),
                ("speaker", "-jo"),
                ("sort", "date"),
                ("limit", "3"),
                ("offset", "6"),
                ("exact", "true"),
            ],
        )
        .unwrap();
        let (_, from_flags) = parse([
            "confsearch",
            "query",
            "secrets",
            "-kubernetes",
            "--year",
            "2019",
            "--year",
            "2017..2018",
            "--speaker=-jo",
            "--sort",
            "date",
            "--limit",
            "3",
            "--offset",
            "6",
            "--exact",
            "--json",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(from_url, from_flags);
        match web("facets", &[("field", "speaker"), ("theme", "security")]).unwrap() {
            Request::Facets { field, request, json } => {
                assert_eq!(field.as_deref(), Some("speaker"));
                assert_eq!(request.filters.themes, ["security"]);
                assert!(json);
            }
            other => panic!("not facets: {other:?}"),
        }
    }

    #[test]
    fn noted_and_not_noted_from_flags_and_web_parameters() {
        let noted = |request: Request| match request {
            Request::Query { request, .. } => request.filters.noted,
            other => panic!("not a query: {other:?}"),
        };
        let flags = |args: &[&str]| parse([&["confsearch", "query"][..], args].concat()).unwrap().unwrap().1;
        assert_eq!(noted(flags(&[])), None);
        assert_eq!(noted(flags(&["--noted"])), Some(true));
        assert_eq!(noted(flags(&["--not-noted"])), Some(false));
        assert!(parse(["confsearch", "query", "--noted", "--not-noted"]).is_err());
        assert_eq!(noted(web("query", &[("not-noted", "true")]).unwrap()), Some(false));
        assert_eq!(noted(web("query", &[("noted", "1")]).unwrap()), Some(true));
        assert_eq!(noted(web("query", &[("noted", "false")]).unwrap()), None);
    }

    #[test]
    fn web_parameters_get_the_flags_messages() {
        let bad = |command: &str, params: &[(&str, &str)]| web(command, params).unwrap_err().0;
        let (since, until) = (("since", "2020-01-01"), ("until", "2019-12-31"));
        assert_eq!(
            bad("query", &[since, until]),
            "--since 2020-01-01 is after --until 2019-12-31: no session can match"
        );
        assert_eq!(
            bad("links", &[("since", "2019-02-31")]),
            "--since \"2019-02-31\" is not a date: 2019-02 has 28 days"
        );
        assert_eq!(
            bad("query", &[("sort", "best")]),
            "invalid value 'best' for '--sort <SORT>' [possible values: score, date]"
        );
        assert!(bad("query", &[("limit", "ten")]).starts_with("invalid value 'ten' for '--limit <N>'"));
        assert!(bad("query", &[("color", "always")]).starts_with("unknown parameter `color`"));
        assert!(bad("facets", &[("q", "x")]).starts_with("unknown parameter `q` (parameters: field, year"));
        assert!(bad("query", &[("exact", "maybe")]).contains("true or false"));
        assert!(bad("index", &[]).contains("not a command of the web API"));
    }

    #[test]
    fn follow_takes_an_optional_value() {
        let follow = |args: &[&str]| match parse(args.iter().copied()).unwrap().unwrap().1 {
            Request::Index { follow, .. } => follow,
            other => panic!("{other:?}"),
        };
        assert_eq!(follow(&["confsearch", "index"]), Follow::Never);
        assert_eq!(follow(&["confsearch", "index", "--follow"]), Follow::Inside);
        assert_eq!(follow(&["confsearch", "index", "--follow=anywhere"]), Follow::Anywhere);
        assert_eq!(follow(&["confsearch", "index", "--follow", "--watch"]), Follow::Inside);
        assert!(parse(["confsearch", "index", "--follow=everywhere"]).is_err());
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
