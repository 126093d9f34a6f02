//! `confsearch.toml` at the corpus root: themes, synonyms and speaker aliases.
//!
//! ```toml
//! [themes]
//! replace = false            # true: only the themes below
//! security = ["sops", "age"] # added to the default security theme
//! rust = ["rust", "cargo"]   # a new theme
//!
//! [synonyms]
//! replace = false                                  # true: without the default pack
//! mutual = [["gha", "github actions"]]             # each finds the others
//! one_way = { "postgres" = ["database"] }          # the key finds the values, not back
//!
//! [speakers]
//! "Adrian Mouat" = ["@adrianmouat", "A. Mouat"]    # aliases read as the canonical name
//!
//! [[parse]]                                        # what opens a talk, per folder of notes
//! folder = "conferences/2019"                      # relative; "" or absent: every note
//! talk_heading_level = 3                           # or: talk_line = '^\d\d:\d\d '
//! ```
//!
//! Themes, speaker aliases and `[[parse]]` rules change what the parser produces (a change
//! re-parses every note); synonyms and aliases are also what the query side reads, from a copy kept in the
//! index folder ([`SearchConfig`]).

use crate::notes::Taxonomy;
use crate::notes::rule::{ParseRule, TalkOpener};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub(crate) struct CorpusConfig {
    pub taxonomy: Option<Taxonomy>,
    pub search: SearchConfig,
    /// `[[parse]]`: what opens a talk in a folder's notes, when sibling consistency guesses wrong.
    pub parse: Vec<ParseRule>,
}

/// What the query side needs from `confsearch.toml`: synonyms and speaker aliases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct SearchConfig {
    #[serde(default)]
    pub synonyms: SynonymConfig,
    /// Canonical name → aliases.
    #[serde(default)]
    pub speakers: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SynonymConfig {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub mutual: Vec<Vec<String>>,
    #[serde(default)]
    pub one_way: BTreeMap<String, Vec<String>>,
}

impl SearchConfig {
    /// Alias (case and accents folded) → canonical name.
    pub(crate) fn alias_table(&self) -> BTreeMap<String, String> {
        let mut table = BTreeMap::new();
        for (canonical, aliases) in &self.speakers {
            for alias in aliases {
                table.insert(fold_name(alias), canonical.clone());
            }
        }
        table
    }

    /// The canonical name of `name`, when it is an alias.
    pub(crate) fn canonical<'a>(table: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
        table.get(&fold_name(name)).map(String::as_str)
    }
}

/// `@AdrianMouat` → `adrianmouat`, `A.  Mouat` → `a. mouat`: case and accents folded as the
/// index folds words (`index::fold`), spacing folded.
pub(crate) fn fold_name(name: &str) -> String {
    crate::index::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches('@')
        .to_string()
}

/// Speakers written by an alias become the canonical name; a session naming the same person
/// twice keeps one.
pub(crate) fn apply_aliases(table: &BTreeMap<String, String>, sessions: &mut [crate::notes::Session]) {
    if table.is_empty() {
        return;
    }
    for s in sessions {
        let mut speakers: Vec<String> = Vec::with_capacity(s.speakers.len());
        for sp in s.speakers.drain(..) {
            let name = SearchConfig::canonical(table, &sp).map_or(sp, str::to_string);
            if !speakers.contains(&name) {
                speakers.push(name);
            }
        }
        s.speakers = speakers;
    }
}

impl CorpusConfig {
    pub(crate) fn taxonomy(&self) -> &Taxonomy {
        self.taxonomy.as_ref().unwrap_or_else(|| Taxonomy::default_taxonomy())
    }

    /// The `[[parse]]` rule for the note at `rel` (relative to the notes folder): the one
    /// with the deepest folder covering it.
    pub(crate) fn parse_rule(&self, rel: &str) -> Option<&ParseRule> {
        crate::notes::rule::rule_for(&self.parse, rel)
    }
}

/// The keys a `[[parse]]` entry takes.
const PARSE_KEYS: &[&str] = &["folder", "talk_heading_level", "talk_line"];

/// `[[parse]]` entries (or one `[parse]` table), checked: a relative folder, a heading level
/// from 1 to 6 or a valid pattern (one of the two), no other key. Errors name the entry and key.
fn parse_rules(value: &toml::Value) -> std::result::Result<Vec<ParseRule>, String> {
    let (entries, single): (Vec<&toml::Value>, bool) = match value {
        toml::Value::Array(a) => (a.iter().collect(), false),
        toml::Value::Table(_) => (vec![value], true),
        _ => return Err("parse: write [[parse]] tables (folder, talk_heading_level or talk_line)".into()),
    };
    let mut rules = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let name = if single {
            "parse".to_string()
        } else {
            format!("parse[{}]", i + 1)
        };
        let table = entry
            .as_table()
            .ok_or_else(|| format!("{name} must be a table: [[parse]] folder = \"…\""))?;
        if let Some(key) = table.keys().find(|k| !PARSE_KEYS.contains(&k.as_str())) {
            return Err(format!(
                "{name}.{key}: unknown key ([[parse]] takes folder, talk_heading_level and talk_line)"
            ));
        }
        let folder = match table.get("folder") {
            None => String::new(),
            Some(v) => {
                let f = v
                    .as_str()
                    .ok_or_else(|| format!("{name}.folder must be a string: a folder of the notes"))?;
                let f = f.replace('\\', "/");
                let f = f.trim_start_matches("./").trim_end_matches('/');
                if f.starts_with('/') || f.split('/').any(|c| c == "..") {
                    return Err(format!(
                        "{name}.folder = \"{f}\": must be a folder inside the notes folder, relative to it"
                    ));
                }
                if f == "." { String::new() } else { f.to_string() }
            }
        };
        let level = match table.get("talk_heading_level") {
            None => None,
            Some(v) => match v.as_integer() {
                Some(l @ 1..=6) => Some(l as u8),
                _ => {
                    return Err(format!(
                        "{name}.talk_heading_level = {v}: must be a heading level from 1 to 6"
                    ));
                }
            },
        };
        let pattern = match table.get("talk_line") {
            None => None,
            Some(v) => {
                let p = v
                    .as_str()
                    .ok_or_else(|| format!("{name}.talk_line must be a string: a regular expression"))?;
                Some(
                    regex::Regex::new(p)
                        .map_err(|e| format!("{name}.talk_line is not a valid regular expression: {e}"))?,
                )
            }
        };
        let opener = match (level, pattern) {
            (Some(l), None) => TalkOpener::HeadingLevel(l),
            (None, Some(p)) => TalkOpener::Line(p),
            (Some(_), Some(_)) => {
                return Err(format!("{name}: give talk_heading_level or talk_line, not both"));
            }
            (None, None) => return Err(format!("{name}: give talk_heading_level or talk_line")),
        };
        rules.push(ParseRule { folder, opener });
    }
    Ok(rules)
}

/// `confsearch.toml` as written: every table it may hold. A table or key it does not know is an
/// error naming it, so a misspelt `[synonym]` is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    themes: Option<ThemesTable>,
    synonyms: Option<SynonymConfig>,
    /// Canonical name → aliases.
    speakers: Option<BTreeMap<String, Vec<String>>>,
    /// Checked by [`parse_rules`], whose errors name the entry and its key.
    parse: Option<toml::Value>,
    /// Where the notes and the index are: read by `paths`.
    #[allow(dead_code)]
    paths: Option<toml::Value>,
}

/// `[themes]`: `replace`, and a list of keywords per theme.
#[derive(Debug, Default, Deserialize)]
struct ThemesTable {
    #[serde(default)]
    replace: bool,
    /// Checked by [`theme_keywords`], whose errors name the theme.
    #[serde(flatten)]
    themes: BTreeMap<String, toml::Value>,
}

/// Each theme's keywords, which must be a list of strings.
fn theme_keywords(themes: BTreeMap<String, toml::Value>) -> std::result::Result<BTreeMap<String, Vec<String>>, String> {
    themes
        .into_iter()
        .map(|(name, value)| {
            let words = value
                .as_array()
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect());
            words
                .map(|w| (name.clone(), w))
                .ok_or_else(|| format!("themes.{name} must be a list of keywords: {name} = [\"word\", \"two words\"]"))
        })
        .collect()
}

pub(crate) fn load(corpus: &Path) -> Result<CorpusConfig> {
    let path = corpus.join("confsearch.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CorpusConfig::default()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    from_toml(&text, &path)
}

/// The configuration `text` holds; errors name `path`.
fn from_toml(text: &str, path: &Path) -> Result<CorpusConfig> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {}\n(it takes the tables [themes], [synonyms], [speakers], [[parse]] and [paths])",
            path.display(),
            e.to_string().trim_end()
        )
    })?;
    let mut config = CorpusConfig::default();
    if let Some(themes) = file.themes {
        let keywords = theme_keywords(themes.themes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        config.taxonomy = Some(Taxonomy::with_overrides(&keywords, themes.replace));
    }
    if let Some(synonyms) = file.synonyms {
        config.search.synonyms = synonyms;
    }
    if let Some(speakers) = file.speakers {
        config.search.speakers = speakers;
    }
    if let Some(parse) = &file.parse {
        config.parse = parse_rules(parse).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<CorpusConfig> {
        from_toml(text, Path::new("notes/confsearch.toml"))
    }

    fn error(text: &str) -> String {
        format!("{:#}", config(text).unwrap_err())
    }

    #[test]
    fn misspelt_synonym_table_is_an_error_naming_it() {
        let e = error("[synonym]\nmutual = [[\"gha\", \"github actions\"]]\n");
        assert!(e.contains("notes/confsearch.toml"), "{e}");
        assert!(e.contains("unknown field `synonym`"), "{e}");
        assert!(e.contains("[synonyms]"), "the tables it takes: {e}");
    }

    #[test]
    fn unknown_key_inside_synonyms_is_an_error_naming_it() {
        let e = error("[synonyms]\none_ways = { postgres = [\"database\"] }\n");
        assert!(e.contains("unknown field `one_ways`"), "{e}");
    }

    #[test]
    fn every_table_is_read() {
        let c = config(
            "[themes]\nreplace = true\nrust = [\"rust\", \"cargo\"]\n\
             [synonyms]\nmutual = [[\"gha\", \"github actions\"]]\n\
             [speakers]\n\"Adrian Mouat\" = [\"@adrianmouat\"]\n\
             [paths]\nindex = \".cache/index\"\n\
             [[parse]]\nfolder = \"2019\"\ntalk_heading_level = 3\n",
        )
        .unwrap();
        assert_eq!(
            c.search.synonyms.mutual,
            vec![vec!["gha".to_string(), "github actions".to_string()]]
        );
        assert_eq!(c.search.speakers["Adrian Mouat"], vec!["@adrianmouat".to_string()]);
        assert_eq!(c.parse.len(), 1);
        assert_eq!(
            c.taxonomy.expect("[themes] read").names(),
            vec!["rust"],
            "replace = true"
        );
    }

    #[test]
    fn a_theme_that_is_not_a_list_is_an_error_naming_the_file() {
        let e = error("[themes]\nrust = \"cargo\"\n");
        assert!(e.contains("notes/confsearch.toml") && e.contains("rust"), "{e}");
    }

    #[test]
    fn empty_file_is_the_defaults() {
        let c = config("").unwrap();
        assert!(c.taxonomy.is_none() && c.parse.is_empty() && c.search == SearchConfig::default());
    }

    #[test]
    fn fold_name_folds_case_accents_spacing_and_a_handle() {
        assert_eq!(fold_name("@AdrianMouat"), "adrianmouat");
        assert_eq!(fold_name("  A.   Mouat "), "a. mouat");
        assert_eq!(fold_name("Zoë  Brehault"), fold_name("zoe brehault"));
    }

    #[test]
    fn aliases_name_the_canonical_speaker_once() {
        let c = config("[speakers]\n\"Adrian Mouat\" = [\"@adrianmouat\", \"A. Mouat\"]\n").unwrap();
        let table = c.search.alias_table();
        assert_eq!(SearchConfig::canonical(&table, "a.  MOUAT"), Some("Adrian Mouat"));
        assert_eq!(SearchConfig::canonical(&table, "Adrian Mouat"), None, "not an alias");
        let mut sessions = crate::notes::parse(
            "2019/vault.md",
            "# Vault in anger\n\nSpeakers: A. Mouat, Adrian Mouat\n\nnotes\n",
        )
        .sessions;
        sessions[0].speakers = vec!["A. Mouat".into(), "Adrian Mouat".into(), "Ida Berg".into()];
        apply_aliases(&table, &mut sessions);
        assert_eq!(sessions[0].speakers, ["Adrian Mouat", "Ida Berg"]);
    }
}
