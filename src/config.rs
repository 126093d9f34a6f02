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
//! ```
//!
//! Themes and speaker aliases change what the parser produces (a change re-parses every
//! note); synonyms and aliases are also what the query side reads, from a copy kept in the
//! index folder ([`SearchConfig`]).

use crate::notes::Taxonomy;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct CorpusConfig {
    pub taxonomy: Option<Taxonomy>,
    pub search: SearchConfig,
}

/// What the query side needs from `confsearch.toml`: synonyms and speaker aliases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchConfig {
    #[serde(default)]
    pub synonyms: SynonymConfig,
    /// Canonical name → aliases.
    #[serde(default)]
    pub speakers: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymConfig {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub mutual: Vec<Vec<String>>,
    #[serde(default)]
    pub one_way: BTreeMap<String, Vec<String>>,
}

impl SearchConfig {
    /// Alias (case and accents folded) → canonical name.
    pub fn alias_table(&self) -> BTreeMap<String, String> {
        let mut table = BTreeMap::new();
        for (canonical, aliases) in &self.speakers {
            for alias in aliases {
                table.insert(fold_name(alias), canonical.clone());
            }
        }
        table
    }

    /// The canonical name of `name`, when it is an alias.
    pub fn canonical<'a>(table: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
        table.get(&fold_name(name)).map(String::as_str)
    }
}

/// `@AdrianMouat` → `adrianmouat`, `A.  Mouat` → `a. mouat`: case, accents and spacing folded.
pub fn fold_name(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches('@')
        .to_string()
}

/// Speakers written by an alias become the canonical name; a session naming the same person
/// twice keeps one.
pub fn apply_aliases(table: &BTreeMap<String, String>, sessions: &mut [crate::notes::Session]) {
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
    pub fn taxonomy(&self) -> &Taxonomy {
        self.taxonomy.as_ref().unwrap_or_else(|| Taxonomy::default_taxonomy())
    }
}

pub fn load(corpus: &Path) -> Result<CorpusConfig> {
    let path = corpus.join("confsearch.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CorpusConfig::default()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let table: toml::Table = toml::from_str(&text).with_context(|| format!("{} is not valid TOML", path.display()))?;
    let mut config = CorpusConfig::default();
    if let Some(themes) = table.get("themes") {
        let themes = themes
            .as_table()
            .with_context(|| format!("{}: [themes] must be a table", path.display()))?;
        let replace = themes.get("replace").and_then(|v| v.as_bool()).unwrap_or(false);
        let mut overrides = BTreeMap::new();
        for (name, value) in themes.iter().filter(|(k, _)| k.as_str() != "replace") {
            let words = value
                .as_array()
                .with_context(|| format!("{}: themes.{name} must be a list of keywords", path.display()))?
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            overrides.insert(name.clone(), words);
        }
        config.taxonomy = Some(Taxonomy::with_overrides(&overrides, replace));
    }
    if let Some(synonyms) = table.get("synonyms") {
        config.search.synonyms = synonyms
            .clone()
            .try_into()
            .with_context(|| format!("{}: [synonyms] takes replace, mutual and one_way", path.display()))?;
    }
    if let Some(speakers) = table.get("speakers") {
        config.search.speakers = speakers.clone().try_into().with_context(|| {
            format!(
                "{}: [speakers] maps a name to a list of aliases: \"Adrian Mouat\" = [\"@adrianmouat\"]",
                path.display()
            )
        })?;
    }
    Ok(config)
}
