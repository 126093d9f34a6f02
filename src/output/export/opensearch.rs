//! The OpenSearch (and Elasticsearch) index body `export --mapping` prints: analysis settings
//! and a strict mapping of every exported field.
//!
//! Text is read by the English analyzer rebuilt as a custom one (standard tokenizer,
//! possessive stemmer, lower case, stop words, stemmer, as OpenSearch documents it), with
//! accents folded as confsearch folds them. confsearch's synonym pack goes into a second,
//! search-time analyzer (`synonym_graph`, which handles synonyms of several words and is
//! meant for queries): changing synonyms then needs no reindexing. Facet fields are
//! keywords; text fields that are also facets (speakers, conference) carry a `keyword`
//! sub-field to filter and count by.

use super::fields::{FIELDS, Kind};
use crate::config::SearchConfig;
use serde_json::{Value, json};

/// The analyzer documents are indexed with.
const INDEX_ANALYZER: &str = "confsearch_english";
/// The analyzer queries are read with: the same, and the synonyms.
const SEARCH_ANALYZER: &str = "confsearch_english_synonyms";

/// The body of `PUT /INDEX`: settings (analysis) and mappings.
pub(super) fn index_body(config: &SearchConfig) -> Value {
    let mut properties = serde_json::Map::new();
    for field in FIELDS {
        properties.insert(field.name.to_string(), mapping(field.kind));
    }
    json!({
        "settings": {
            "analysis": {
                "filter": {
                    "english_possessive_stemmer": {"type": "stemmer", "language": "possessive_english"},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    // A rule whose words the analyzer drops (stop words) is skipped, not an error.
                    "confsearch_synonyms": {"type": "synonym_graph", "lenient": true, "synonyms": synonym_rules(config)},
                },
                "analyzer": {
                    INDEX_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["english_possessive_stemmer", "lowercase", "asciifolding", "english_stop", "english_stemmer"],
                    },
                    SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["english_possessive_stemmer", "lowercase", "asciifolding", "confsearch_synonyms", "english_stop", "english_stemmer"],
                    },
                },
            },
        },
        "mappings": {
            // A field the mapping does not name is refused, not guessed.
            "dynamic": "strict",
            "properties": properties,
        },
    })
}

/// Words to search and to count by: analysed text with a `keyword` sub-field.
fn text(keyword: bool) -> Value {
    let mut m = json!({"type": "text", "analyzer": INDEX_ANALYZER, "search_analyzer": SEARCH_ANALYZER});
    if keyword {
        m["fields"] = json!({"keyword": {"type": "keyword", "ignore_above": 256}});
    }
    m
}

fn mapping(kind: Kind) -> Value {
    match kind {
        Kind::Keyword | Kind::Time => json!({"type": "keyword"}),
        Kind::Text => text(true),
        Kind::Prose => text(false),
        Kind::Number => json!({"type": "integer"}),
        Kind::Date => json!({"type": "date", "format": "yyyy-MM-dd"}),
        Kind::Flag => json!({"type": "boolean"}),
        Kind::Links => json!({"properties": {
            "url": {"type": "keyword"},
            "text": text(false),
            "domain": {"type": "keyword"},
        }}),
        Kind::Place => json!({"properties": {
            "path": {"type": "keyword"},
            "line": {"type": "integer"},
        }}),
    }
}

/// The synonym pack in Solr's rule format, which the synonym filters read: `a, b, c` for
/// words that mean one another, `key => key, value…` for a one-way expansion (the key kept,
/// as confsearch finds it too).
fn synonym_rules(config: &SearchConfig) -> Vec<String> {
    let pack = crate::search::synonym_pack(&config.synonyms, &config.speakers);
    let clean = |w: &str| -> String {
        // `,`, `=>` and `\` are the format's own: a word holding one is written without it.
        w.replace([',', '\\'], " ")
            .replace("=>", " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut rules = Vec::new();
    for group in &pack.mutual {
        let words: Vec<String> = group.iter().map(|w| clean(w)).filter(|w| !w.is_empty()).collect();
        if words.len() > 1 {
            rules.push(words.join(", "));
        }
    }
    for (key, values) in &pack.one_way {
        let key = clean(key);
        let values: Vec<String> = values.iter().map(|w| clean(w)).filter(|w| !w.is_empty()).collect();
        if !key.is_empty() && !values.is_empty() {
            rules.push(format!("{key} => {key}, {}", values.join(", ")));
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_rules_take_the_pack_and_the_configuration() {
        let mut config = SearchConfig::default();
        config.synonyms.mutual.push(vec!["gha".into(), "github actions".into()]);
        config
            .synonyms
            .one_way
            .insert("postgres".into(), vec!["database".into()]);
        config
            .speakers
            .insert("Adrian Mouat".into(), vec!["@adrianmouat".into()]);
        let rules = synonym_rules(&config);
        assert!(
            rules.iter().any(|r| r.starts_with("k8s, ") && r.contains("kubernetes")),
            "{rules:?}"
        );
        assert!(rules.contains(&"gha, github actions".to_string()), "{rules:?}");
        assert!(
            rules.contains(&"postgres => postgres, database".to_string()),
            "{rules:?}"
        );
        assert!(rules.contains(&"Adrian Mouat, @adrianmouat".to_string()), "{rules:?}");
        config.synonyms.replace = true;
        assert!(!synonym_rules(&config).iter().any(|r| r.contains("kubernetes")));
    }

    #[test]
    fn a_word_with_the_formats_own_comma_is_kept_as_one_rule() {
        let mut config = SearchConfig::default();
        config.synonyms.replace = true;
        config.synonyms.mutual.push(vec!["a,b".into(), "c => d".into()]);
        assert_eq!(synonym_rules(&config), ["a b, c d"]);
    }
}
