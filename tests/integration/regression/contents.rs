//! What a note holds: bytes that are no text, other encodings, nothing at all, deep nesting,
//! broken front matter, impossible dates, a hundred thousand links.

use super::{assert_good_found, assert_warns_about, with_good};
use crate::harness::{
    TestEnv, assert_no_panic, assert_summary_counts_warnings, checked_index, summary, titles, total_sessions,
};
use std::time::Duration;

// Guards against: a PNG named `.md` read as text, its bytes indexed as a session.
#[test]
fn binary_file_with_note_extension_is_skipped_with_warning() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let env = with_good().bytes("photo.md", &png);
    let out = checked_index(&env);
    assert_warns_about(&out, "photo.md");
    assert_good_found(&env);
    assert_eq!(total_sessions(&env), 1);
}

// Guards against: a UTF-16 note (as Windows editors save them) read as bytes, a NUL between every letter.
#[test]
fn utf16_le_with_bom_is_parsed() {
    let text = "# Sixteen bit encodings by Ann Lee\n\nWide characters everywhere.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let env = with_good().bytes("wide.md", &bytes);
    checked_index(&env);
    assert_good_found(&env);
    let out = env.run(&["query", "sixteen", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Sixteen bit encodings"]);
}

// Before: a UTF-8 dash beside Latin-1 accents made the whole file Windows-1252, mangling title and speaker (issue 11).
#[test]
fn utf8_dashes_and_latin1_accents_in_one_line_keep_title_and_speaker() {
    // Edited in two editors: `–` written as UTF-8, the accents as Latin-1.
    let env = TestEnv::new().bytes(
        "2019/cafe.md",
        b"# Caf\xe9 culture \xe2\x80\x93 Ren\xe9 Dupont\n\nEspresso \xe2\x80\x94 na\xefvely \xe2\x80\x9cstrong\xe2\x80\x9d.\n",
    );
    let out = checked_index(&env);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("confsearch: warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stderr);
    assert!(
        warnings[0].contains("cafe.md") && warnings[0].contains("3 bytes read as Windows-1252"),
        "{warnings:?}"
    );
    let out = env.run(&["query", "--speaker", "rene dupont", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hit = &out.json()["hits"][0];
    assert_eq!(hit["title"], "Café culture");
    assert_eq!(hit["speakers"][0], "René Dupont");
    let out = env.run(&["show", "2019/cafe.md:1"]);
    assert!(out.stdout.contains("Espresso — naïvely “strong”."), "{}", out.stdout);
}

// Guards against: an empty or blank file indexed as an empty session.
#[test]
fn empty_file_gives_no_session() {
    let env = with_good()
        .note("empty.md", "")
        .note("empty.txt", "")
        .note("blank.md", "\n\n  \n");
    checked_index(&env);
    assert_good_found(&env);
    assert_eq!(total_sessions(&env), 1);
}

// Guards against: recursion over 10,000 nested lists or quotes overflowing the stack.
#[test]
fn ten_thousand_deep_nested_lists_and_block_quotes_do_not_crash() {
    let indented: String = (0..10_000).map(|i| "  ".repeat(i) + "- x\n").collect();
    let env = with_good()
        .note("lists.md", &format!("# Deep lists by Ann Lee\n\n{indented}"))
        .note(
            "dashes.md",
            &format!("# Dashes by Ann Lee\n\n{} x\n", "- ".repeat(10_000)),
        )
        .note(
            "quotes.md",
            &format!("# Deep quotes by Ann Lee\n\n{} deep\n", ">".repeat(10_000)),
        )
        .note("mixed.md", &format!("{} deep\n", "> - ".repeat(5_000)));
    let out = env.run_with_timeout(&["index"], Duration::from_secs(300));
    assert_no_panic(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_summary_counts_warnings(&out);
    assert_good_found(&env);
    for file in ["lists.md", "dashes.md", "quotes.md", "mixed.md"] {
        let path = env.corpus().join(file);
        let out = env.run(&["parse", path.to_str().unwrap()]);
        assert_no_panic(&out);
        assert!([0, 1].contains(&out.code), "parse {file}: {}\n{}", out.code, out.stderr);
    }
}

// Guards against: front matter that is not YAML dropping the note's text, or the run.
#[test]
fn broken_front_matter_warns_with_line_and_keeps_text() {
    let env = with_good().note(
        "front.md",
        "---\ntitle: [unclosed\n---\n\n# Marmalade logistics by Bob Ray\n\nZanzibar shipping routes.\n",
    );
    let out = checked_index(&env);
    assert_warns_about(&out, "front.md:1");
    assert_good_found(&env);
    let out = env.run(&["query", "zanzibar", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "front.md");
}

// Before: a front-matter date that is no real day (2019-02-31, `soon`) was dropped without a word (issue 11).
#[test]
fn impossible_front_matter_date_warns_with_path_and_line() {
    let env = TestEnv::new()
        .note(
            "2019/feb.md",
            "---\ntitle: Leap year trouble\nspeakers: [Ann Lee]\ndate: 2019-02-31\n---\n\nNotes.\n",
        )
        .note(
            "2019/soon.md",
            "+++\ntitle = \"Sometime\"\ndate = \"soon\"\n+++\n\nNotes.\n",
        )
        .note("2019/ok.md", "---\ntitle: Fine\ndate: October 2019\n---\n\nNotes.\n");
    let out = checked_index(&env);
    // The path as the notes folder was given (here absolute), so that it opens from anywhere.
    let corpus = env.corpus().display().to_string();
    let warnings: Vec<String> = out
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("confsearch: warning: "))
        .map(|w| w.replace(&corpus, "CORPUS"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", out.stderr);
    assert!(
        warnings.contains(
            &"CORPUS/2019/feb.md:4: date \"2019-02-31\" is not a real date; only the year 2019 is kept".to_string()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("CORPUS/2019/soon.md:3: date \"soon\"")),
        "{warnings:?}"
    );
    // The session is still there, with the year.
    let json = env.run(&["query", "leap", "--json"]).json();
    assert_eq!(json["hits"][0]["year"], 2019, "{json}");
    assert_eq!(json["hits"][0]["date"], serde_json::Value::Null);
    // `parse` says the same.
    let file = env.corpus().join("2019/feb.md");
    let out = env.run(&["parse", file.to_str().unwrap()]);
    assert!(out.stderr.contains("2019/feb.md:4: date"), "{}", out.stderr);
}

// Before: parsing was quadratic in a session's distinct links and tags: 80,000 URLs took 16 s (issue 11).
#[test]
fn one_note_with_100000_links_and_100000_tags_indexes() {
    // Every link and tag distinct, each looked up among those already seen: quadratic
    // lookups took about 35 s here (20 s for the links, 14 s for the tags); sets take well
    // under a second. The limit below only keeps a regression from hanging the suite.
    let mut note = String::from("# Link farm by Ann Lee\n\n");
    for i in 0..100_000 {
        note.push_str(&format!("- https://example.com/page/{i} #topic{i}\n"));
    }
    // And reference definitions, which are links too (the same URLs: counted once).
    for i in 0..1_000 {
        note.push_str(&format!("\n[ref{i}]: https://example.com/page/{i}"));
    }
    let env = TestEnv::new().note("farm.md", &note);
    let out = env.run_with_timeout(&["index"], Duration::from_secs(120));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(summary(&out).contains(": 1 sessions, 100000 links"), "{}", out.stderr);
    let json = env.run(&["query", "--tag", "topic99999", "--json"]).json();
    assert_eq!(json["total"], 1, "{json}");
    let hit = &json["hits"][0];
    assert_eq!(hit["title"], "Link farm");
    assert_eq!(hit["links"].as_array().map(Vec::len), Some(100_000));
    assert_eq!(hit["tags"].as_array().map(Vec::len), Some(100_000));
}
