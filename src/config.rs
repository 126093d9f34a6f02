//! `confsearch.toml` at the corpus root: theme taxonomy overrides.
//!
//! ```toml
//! [themes]
//! replace = false            # true: only the themes below
//! security = ["sops", "age"] # added to the default security theme
//! rust = ["rust", "cargo"]   # a new theme
//! ```

use crate::notes::Taxonomy;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct CorpusConfig {
    pub taxonomy: Option<Taxonomy>,
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
    Ok(config)
}
