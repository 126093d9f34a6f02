//! Re-index runs: what a run that finds nothing changed does (nothing), what finds changes,
//! and manifests of earlier versions.

use crate::harness::{TestEnv, checked_index, summary, titles, total_sessions};
use std::path::Path;
use std::time::{Duration, SystemTime};

fn index_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    summary(&out).to_string()
}

/// Every file of the index folder: name, length, modification time.
fn snapshot(dir: &Path) -> Vec<(String, u64, SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                meta.len(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn manifest_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .map(|(name, ..)| name)
        .filter(|n| n.starts_with("confsearch-manifest-"))
        .collect()
}

fn three_notes() -> TestEnv {
    TestEnv::new()
        .note("2019/a.md", "# Alpha talk by Ann Lee\n\nApricot.\n")
        .note("2019/b.md", "# Beta talk by Bob Ray\n\nBlueberry.\n")
        .note("c.md", "# Gamma talk by Cy Pérez\n\nCherry.\n")
}

#[test]
fn no_op_run_writes_nothing_in_the_index() {
    let env = three_notes();
    index_ok(&env, &["index"]);
    let before = snapshot(&env.index());
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(index_ok(&env, &["index"]).contains("(+0 ~0 -0 =3)"));
    assert_eq!(snapshot(&env.index()), before);
}

#[test]
fn file_removed_and_another_added_in_one_run() {
    // As many files as before: the removal is still seen.
    let env = three_notes();
    index_ok(&env, &["index"]);
    std::fs::remove_file(env.corpus().join("2019/b.md")).unwrap();
    std::fs::write(env.corpus().join("2019/d.md"), "# Delta talk by Dan Wu\n\nDurian.\n").unwrap();
    assert!(index_ok(&env, &["index"]).contains("(+1 ~0 -1 =2)"));
    assert_eq!(env.run(&["query", "blueberry"]).code, 1);
    assert_eq!(titles(&env.run(&["query", "durian", "--json"])), ["Delta talk"]);
    assert!(index_ok(&env, &["index"]).contains("(+0 ~0 -0 =3)"));
}

#[test]
fn notes_through_a_linked_folder_are_unchanged_on_the_next_run() {
    let env = three_notes().note("elsewhere/e.md", "# Epsilon talk by Eve Ng\n\nElderberry.\n");
    std::fs::rename(env.root().join("corpus/elsewhere"), env.root().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(env.root().join("corpus/2019"), env.corpus().join("linked")).unwrap();
    // `linked` leads to files the walk also finds under their own names: each once.
    assert!(index_ok(&env, &["index", "--follow"]).contains("(+3 ~0 -0 =0)"));
    assert!(index_ok(&env, &["index", "--follow"]).contains("(+0 ~0 -0 =3)"));
    std::os::unix::fs::symlink(env.root().join("elsewhere"), env.corpus().join("out")).unwrap();
    assert!(index_ok(&env, &["index", "--follow=anywhere"]).contains("(+1 ~0 -0 =3)"));
    assert!(index_ok(&env, &["index", "--follow=anywhere"]).contains("(+0 ~0 -0 =4)"));
    assert_eq!(titles(&env.run(&["query", "elderberry", "--json"])), ["Epsilon talk"]);
}

#[test]
fn json_manifest_of_an_earlier_version_upgrades_without_a_rebuild() {
    use confsearch::index::manifest::Manifest;
    let env = three_notes();
    index_ok(&env, &["index"]);
    // The index as an earlier version left it: the manifest written as JSON, named so.
    let index = env.index();
    let meta_path = index.join("meta.json");
    let mut meta: serde_json::Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let payload = meta["payload"].as_str().unwrap().to_string();
    let manifest = Manifest::load(&index, Some(&payload));
    assert_eq!(manifest.files.len(), 3);
    let [current] = &manifest_files(&index)[..] else {
        panic!("one manifest")
    };
    std::fs::remove_file(index.join(current)).unwrap();
    let json_name = "confsearch-manifest-0123456789abcdef.json";
    std::fs::write(index.join(json_name), serde_json::to_vec(&manifest).unwrap()).unwrap();
    meta["payload"] = serde_json::json!(serde_json::json!({ "manifest": json_name }).to_string());
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();

    // Read as it is: no note parsed again, no rebuild; written again in the current format.
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);
    assert!(!out.stderr.to_lowercase().contains("rebuild"), "{}", out.stderr);
    let [upgraded] = &manifest_files(&index)[..] else {
        panic!("one manifest")
    };
    assert!(upgraded.ends_with(".bin"), "{upgraded}");
    let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let again = Manifest::load(&index, meta["payload"].as_str());
    assert_eq!(again.files, manifest.files);
    assert_eq!(titles(&env.run(&["query", "cherry", "--json"])), ["Gamma talk"]);
    // Then a run finding nothing changed writes nothing.
    let before = snapshot(&index);
    assert!(index_ok(&env, &["index"]).contains("(+0 ~0 -0 =3)"));
    assert_eq!(snapshot(&index), before);
}

#[test]
fn incremental_index_sees_only_real_changes() {
    let env = TestEnv::new()
        .note("a.md", "# Alpha talk by Ann Lee\n\nApricot.\n")
        .note("b.md", "# Beta talk by Bob Ray\n\nBlueberry.\n")
        .note("c.md", "# Gamma talk by Cy Pérez\n\nCherry.\n");
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+3 ~0 -0 =0)"), "{}", out.stderr);
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);

    // Same bytes written again: the mtime moves, the content does not.
    std::thread::sleep(Duration::from_millis(20));
    let b = env.corpus().join("b.md");
    std::fs::write(&b, std::fs::read(&b).unwrap()).unwrap();
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);

    std::fs::write(&b, "# Beta talk rewritten by Bob Ray\n\nZeppelin voyages.\n").unwrap();
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+0 ~1 -0 =2)"), "{}", out.stderr);
    assert_eq!(
        titles(&env.run(&["query", "zeppelin", "--json"])),
        ["Beta talk rewritten"]
    );
    assert_eq!(env.run(&["query", "blueberry"]).code, 1);

    std::fs::remove_file(env.corpus().join("c.md")).unwrap();
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+0 ~0 -1 =2)"), "{}", out.stderr);
    assert_eq!(env.run(&["query", "cherry"]).code, 1);

    std::fs::write(env.corpus().join("d.md"), "# Delta talk by Dan Wu\n\nDurian.\n").unwrap();
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+1 ~0 -0 =2)"), "{}", out.stderr);
    assert_eq!(titles(&env.run(&["query", "durian", "--json"])), ["Delta talk"]);
    assert_eq!(total_sessions(&env), 3);

    let out = env.run(&["index", "--rebuild"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(total_sessions(&env), 3);
    assert_eq!(
        titles(&env.run(&["query", "zeppelin", "--json"])),
        ["Beta talk rewritten"]
    );

    // An index from an older schema is rebuilt, and says so.
    std::fs::write(env.index().join("confsearch-schema-version"), "0").unwrap();
    let out = checked_index(&env);
    assert!(out.stderr.to_lowercase().contains("rebuilding"), "{}", out.stderr);
    assert_eq!(total_sessions(&env), 3);
    assert_eq!(titles(&env.run(&["query", "durian", "--json"])), ["Delta talk"]);
    let out = checked_index(&env);
    assert!(summary(&out).contains("(+0 ~0 -0 =3)"), "{}", out.stderr);
}
