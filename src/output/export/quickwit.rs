//! Quickwit: a session as NDJSON for `quickwit index ingest`, and the index config YAML
//! `export --index-config` prints (`quickwit index create --index-config`).
//!
//! A Quickwit document is the `show --json` document reshaped: `links` flattened to
//! `link_urls` and `link_domains` (Quickwit's arrays hold values, not objects), a `timestamp`
//! from the date and start time, and no null values (a field left out is what Quickwit reads
//! as no value).

use super::fields::{FIELDS, Kind};
use crate::notes::Session;
use serde::Serialize;
use serde_json::Value;

/// The format version of the config: 0.7, which Quickwit 0.7 and later read.
const CONFIG_VERSION: &str = "0.7";
/// The time field Quickwit shards and prunes by.
const TIMESTAMP: &str = "timestamp";
/// Fields whose few values Quickwit keeps per split, to skip splits a filter rules out.
const TAG_FIELDS: &[&str] = &["kind", "year"];
/// What a query without a field searches.
const DEFAULT_SEARCH_FIELDS: &[&str] = &["title", "speakers", "tags", "body"];

/// The document of one session.
pub(super) fn document(session: &Session) -> Value {
    let mut doc = super::document(session);
    if let Some(Value::Array(links)) = doc.remove("links") {
        let of = |key: &str| -> Value {
            let mut values: Vec<Value> = Vec::new();
            for l in &links {
                if let Some(v) = l.get(key).filter(|v| !values.contains(v)) {
                    values.push(v.clone());
                }
            }
            Value::Array(values)
        };
        doc.insert("link_urls".into(), of("url"));
        doc.insert("link_domains".into(), of("domain"));
    }
    if let Some(at) = timestamp(session) {
        doc.insert(TIMESTAMP.into(), Value::String(at));
    }
    doc.retain(|_, v| !v.is_null());
    Value::Object(doc)
}

/// The date and start time as RFC 3339. Notes give local times without a zone: written as
/// UTC, so the clock time Quickwit shows is the programme's. A date without a time is its
/// midnight; no date, no timestamp.
fn timestamp(session: &Session) -> Option<String> {
    let date = session.date?;
    let (h, m) = session
        .start
        .as_deref()
        .and_then(|t| {
            let (h, m) = t.split_once(':')?;
            Some((h.parse::<i8>().ok()?, m.parse::<i8>().ok()?))
        })
        .filter(|(h, m)| (0..24).contains(h) && (0..60).contains(m))
        .unwrap_or((0, 0));
    Some(format!("{date}T{h:02}:{m:02}:00Z"))
}

#[derive(Serialize)]
struct IndexConfig {
    version: &'static str,
    index_id: String,
    doc_mapping: DocMapping,
    search_settings: SearchSettings,
}

#[derive(Serialize)]
struct DocMapping {
    /// A field the mapping does not name is refused.
    mode: &'static str,
    field_mappings: Vec<Value>,
    timestamp_field: &'static str,
    tag_fields: &'static [&'static str],
}

#[derive(Serialize)]
struct SearchSettings {
    default_search_fields: &'static [&'static str],
}

/// The index config YAML for an index named `index_id`.
pub(super) fn index_config(index_id: &str) -> String {
    let mut field_mappings = Vec::new();
    for field in FIELDS {
        match field.kind {
            Kind::Links => {
                field_mappings.push(raw("link_urls", true, false));
                field_mappings.push(raw("link_domains", true, true));
            }
            kind => field_mappings.push(mapping(field.name, kind, field.list)),
        }
    }
    field_mappings.push(serde_json::json!({
        "name": TIMESTAMP,
        "type": "datetime",
        "input_formats": ["rfc3339"],
        "output_format": "rfc3339",
        "fast": true,
        "fast_precision": "seconds",
    }));
    let config = IndexConfig {
        version: CONFIG_VERSION,
        index_id: index_id.to_string(),
        doc_mapping: DocMapping {
            mode: "strict",
            field_mappings,
            timestamp_field: TIMESTAMP,
            tag_fields: TAG_FIELDS,
        },
        search_settings: SearchSettings {
            default_search_fields: DEFAULT_SEARCH_FIELDS,
        },
    };
    let yaml = serde_saphyr::to_string(&config).unwrap_or_default();
    format!("# Quickwit index config written by `confsearch export --index-config`.\n{yaml}")
}

fn typed(kind: &str, list: bool) -> String {
    if list {
        format!("array<{kind}>")
    } else {
        kind.to_string()
    }
}

/// Exact values, kept whole (`raw`), fast when counted or filtered by.
fn raw(name: &str, list: bool, fast: bool) -> Value {
    serde_json::json!({"name": name, "type": typed("text", list), "tokenizer": "raw", "fast": fast})
}

fn mapping(name: &str, kind: Kind, list: bool) -> Value {
    use serde_json::json;
    let ty = |t: &str| typed(t, list);
    match kind {
        Kind::Keyword => raw(name, list, true),
        Kind::Date | Kind::Time => raw(name, list, false),
        // Words to search, and the whole value (fast) to count by.
        Kind::Text => {
            json!({"name": name, "type": ty("text"), "tokenizer": "default", "record": "position", "fast": true})
        }
        Kind::Prose => json!({"name": name, "type": ty("text"), "tokenizer": "en_stem", "record": "position"}),
        Kind::Number => json!({"name": name, "type": ty("i64"), "fast": true}),
        Kind::Flag => json!({"name": name, "type": ty("bool"), "fast": true}),
        Kind::Links => json!({"name": name, "type": ty("json")}),
        Kind::Place => json!({"name": name, "type": "object", "field_mappings": [
            {"name": "path", "type": "text", "tokenizer": "raw"},
            {"name": "line", "type": "u64"},
        ]}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_flattened_timestamp_from_date_and_start_no_nulls() {
        let mut s = super::super::sample_session();
        s.room = None;
        let doc = document(&s);
        assert_eq!(doc["link_urls"], serde_json::json!(["https://example.com/x"]));
        assert_eq!(doc["link_domains"], serde_json::json!(["example.com"]));
        assert!(doc.get("links").is_none());
        assert!(doc.get("room").is_none());
        assert_eq!(doc["timestamp"], "2019-10-17T09:30:00Z");
        s.date = None;
        assert!(document(&s).get("timestamp").is_none());
    }

    #[test]
    fn the_config_is_yaml_naming_every_field() {
        let yaml = index_config("talks");
        let config: Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(config["index_id"], "talks");
        let names: Vec<&str> = config["doc_mapping"]["field_mappings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let doc = document(&super::super::sample_session());
        for key in doc.as_object().unwrap().keys() {
            assert!(names.contains(&key.as_str()), "{key} not in {names:?}");
        }
    }
}
