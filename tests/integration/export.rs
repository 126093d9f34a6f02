//! `export`: every format checked by structure, read back by a parser where there is one.

use crate::harness::{TestEnv, indexed};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Stdio;

/// A few sessions: a title with a comma and a quote, one without a time, one in 2018.
fn fixture() -> TestEnv {
    indexed(
        TestEnv::new()
            .note(
                "2019/day.txt",
                "TestConf\n\nOctober 17, 2019\n\n\
                 09:00 Ann Lee – Secrets, \"the\" hard parts\nVault and kubernetes secrets. https://example.com/vault\n\n\
                 09:30 Bob Ray – Chaos engineering\nGame days. https://example.org/chaos https://youtu.be/abc\n\n",
            )
            .note(
                "2019/undated.md",
                "# Kubernetes operators by Cy Moss\n\nControllers and an extremely long line of notes \
                 that goes on and on so that folding has something to fold in the calendar too.\n",
            )
            .note(
                "2018/day.txt",
                "TestConf\n\nOctober 18, 2018\n\n14:00 Dee Fox – Observability for all\nTracing.\n",
            ),
    )
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Every session's id, twins included: `query` with the twins left in.
fn session_ids(env: &TestEnv) -> BTreeSet<String> {
    let out = env.run(&["query", "--limit", "1000", "--ranking", "bm25", "--json"]);
    out.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn jsonl_lines_are_show_json_per_id() {
    let env = fixture();
    let out = env.run(&["export"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docs = lines(&out.stdout);
    let ids: BTreeSet<String> = docs.iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), docs.len(), "ids unique");
    assert_eq!(ids, session_ids(&env));
    for (line, doc) in out.stdout.lines().zip(&docs) {
        let show = env.run(&["show", doc["id"].as_str().unwrap(), "--json"]);
        let mut shown = show.json();
        // `related` is `show`'s own, worked out per request: not part of the exported data.
        shown.as_object_mut().unwrap().remove("related");
        assert_eq!(doc, &shown);
        // Byte for byte: `show`'s line up to its last key, `related`.
        let open = line.strip_suffix('}').unwrap();
        assert!(
            show.stdout.starts_with(&format!("{open},\"related\":[")),
            "{line}\n{}",
            show.stdout
        );
    }
}

#[test]
fn opensearch_bulk_action_then_document_ids_unique() {
    let env = fixture();
    let out = env.run(&["export", "--format", "opensearch", "--index-name", "talks"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.ends_with('\n'), "the bulk body ends with a newline");
    let docs = lines(&out.stdout);
    assert_eq!(docs.len() % 2, 0);
    let mut ids = BTreeSet::new();
    for pair in docs.chunks(2) {
        let action = &pair[0]["index"];
        assert_eq!(action["_index"], "talks");
        assert_eq!(pair[0].as_object().unwrap().len(), 1, "{}", pair[0]);
        assert_eq!(action["_id"], pair[1]["id"], "the action names its document");
        assert!(ids.insert(action["_id"].as_str().unwrap().to_string()), "ids unique");
    }
    assert_eq!(ids, session_ids(&env));
}

/// Every key of `doc` (and of its objects and lists of objects) is a property of `mapping`.
fn assert_mapped(doc: &Value, properties: &Value, at: &str) {
    for (key, value) in doc.as_object().unwrap() {
        let mapped = &properties[key];
        assert!(mapped.is_object(), "{at}{key} is not in the mapping");
        let inner = match value {
            Value::Array(items) => items.first().filter(|i| i.is_object()),
            Value::Object(_) => Some(value),
            _ => None,
        };
        if let Some(inner) = inner {
            assert_mapped(inner, &mapped["properties"], &format!("{at}{key}."));
        }
    }
}

#[test]
fn opensearch_mapping_is_json_naming_every_field_with_the_synonyms() {
    let env = fixture();
    let out = env.run(&["export", "--format", "opensearch", "--mapping"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let body: Value = serde_json::from_str(&out.stdout).expect("the mapping is JSON");
    let properties = &body["mappings"]["properties"];
    assert_eq!(body["mappings"]["dynamic"], "strict");
    for doc in lines(&env.run(&["export"]).stdout) {
        assert_mapped(&doc, properties, "");
    }
    // Facets are keywords; text is analysed in English, queries with the synonyms.
    assert_eq!(properties["tags"]["type"], "keyword");
    assert_eq!(properties["speakers"]["fields"]["keyword"]["type"], "keyword");
    let analysis = &body["settings"]["analysis"];
    let search = properties["body"]["search_analyzer"].as_str().unwrap();
    let filters = analysis["analyzer"][search]["filter"].as_array().unwrap();
    assert!(filters.iter().any(|f| f == "english_stemmer"));
    let synonyms = filters
        .iter()
        .find(|f| analysis["filter"][f.as_str().unwrap()]["type"] == "synonym_graph")
        .expect("a synonym filter");
    let rules = &analysis["filter"][synonyms.as_str().unwrap()]["synonyms"];
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("kubernetes"))
    );
}

#[test]
fn quickwit_documents_and_index_config_name_every_field() {
    let env = fixture();
    let out = env.run(&[
        "export",
        "--format",
        "quickwit",
        "--index-config",
        "--index-name",
        "talks",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let config: Value = serde_saphyr::from_str(&out.stdout).expect("the config is YAML");
    assert_eq!(config["index_id"], "talks");
    let mapping = &config["doc_mapping"];
    let names: BTreeSet<&str> = mapping["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let timestamp = mapping["timestamp_field"].as_str().unwrap();
    assert!(names.contains(timestamp));
    for tag in mapping["tag_fields"].as_array().unwrap() {
        assert!(names.contains(tag.as_str().unwrap()), "{tag}");
    }
    let out = env.run(&["export", "--format", "quickwit"]);
    let docs = lines(&out.stdout);
    assert_eq!(docs.len(), session_ids(&env).len());
    for doc in &docs {
        for key in doc.as_object().unwrap().keys() {
            assert!(names.contains(key.as_str()), "{key} not in {names:?}");
        }
        assert!(doc.get("links").is_none());
    }
    let chaos = docs.iter().find(|d| d["title"] == "Chaos engineering").unwrap();
    assert_eq!(chaos["link_domains"], serde_json::json!(["example.org", "youtu.be"]));
    assert_eq!(chaos[timestamp], "2019-10-17T09:30:00Z");
}

#[test]
fn csv_reads_back_one_row_per_session_quoted() {
    let env = fixture();
    let out = env.run(&["export", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[..3], ["id", "title", "speakers"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), session_ids(&env).len());
    let title = header.iter().position(|h| h == "title").unwrap();
    assert!(
        rows.iter().any(|r| &r[title] == "Secrets, \"the\" hard parts"),
        "{}",
        out.stdout
    );
    // RFC 4180 quoting as written: the field in quotes, its quotes doubled.
    assert!(
        out.stdout.contains(",\"Secrets, \"\"the\"\" hard parts\","),
        "{}",
        out.stdout
    );
    let links = header.iter().position(|h| h == "links").unwrap();
    assert!(
        rows.iter()
            .any(|r| &r[links] == "https://example.org/chaos; https://youtu.be/abc")
    );
}

#[test]
fn ics_unfolds_and_parses_each_event_with_uid_dtstart_summary() {
    let env = fixture();
    let out = env.run(&["export", "--format", "ics"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The undated session is left out, and said so.
    assert!(
        out.stderr.contains("1 session without a date and a start time"),
        "{}",
        out.stderr
    );
    let ics = &out.stdout;
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in unfolded.split_terminator("\r\n") {
        let (name, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("not a content line: {line}"));
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().expect("an open event")),
            _ => {
                if let Some(e) = current.as_mut() {
                    e.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    assert_eq!(events.len(), 3);
    let mut uids = BTreeSet::new();
    for e in &events {
        let get = |k: &str| e.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        for k in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"] {
            assert!(get(k).is_some(), "{k} missing: {e:?}");
        }
        assert!(uids.insert(get("UID").unwrap().to_string()));
    }
    let secrets = events
        .iter()
        .find(|e| {
            e.iter()
                .any(|(n, v)| n == "SUMMARY" && v == "Secrets\\, \"the\" hard parts")
        })
        .expect("the escaped summary");
    assert!(
        secrets.contains(&("DTSTART".into(), "20191017T090000".into())),
        "{secrets:?}"
    );
    assert!(
        secrets.contains(&("URL".into(), "https://example.com/vault".into())),
        "{secrets:?}"
    );
    assert!(
        secrets
            .iter()
            .any(|(n, v)| n == "UID" && v.starts_with("2019/day.txt#")),
        "{secrets:?}"
    );
}

#[test]
fn export_filters_and_query_narrow_it() {
    let env = fixture();
    let all = lines(&env.run(&["export"]).stdout).len();
    let docs = lines(&env.run(&["export", "--year", "2019"]).stdout);
    assert!(docs.len() < all && !docs.is_empty());
    assert!(docs.iter().all(|d| d["year"] == 2019));
    let docs = lines(&env.run(&["export", "kubernetes", "-operators"]).stdout);
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Secrets, \"the\" hard parts"]);
    let none = env.run(&["export", "--year", "2001", "--format", "csv"]);
    assert_eq!(none.code, 1);
    assert_eq!(none.stdout.lines().count(), 1, "the header alone: {}", none.stdout);
}

#[test]
fn export_flags_that_do_not_fit_are_refused() {
    let env = fixture();
    for (args, says) in [
        (
            &["export", "--mapping"][..],
            "--mapping is the index body of --format opensearch",
        ),
        (&["export", "--format", "csv", "--index-config"], "--index-config"),
        (
            &["export", "--format", "csv", "--index-name", "x"],
            "--index-name names",
        ),
        (
            &["export", "--format", "opensearch", "--index-name", "Talks"],
            "not an OpenSearch index name",
        ),
        (
            &["export", "--format", "opensearch", "--mapping", "--year", "2019"],
            "take no query or filter",
        ),
    ] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn export_to_a_closed_pipe_is_quiet() {
    let env = fixture();
    for format in ["jsonl", "opensearch", "quickwit", "csv", "ics"] {
        let mut child = env
            .command(&["export", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn confsearch");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("error"),
            "{format}: {stderr}"
        );
    }
}
