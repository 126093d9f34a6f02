//! The lexicon (`confsearch-lexicon`): queries read the index's words from it, and answer as
//! they do without it, after full builds, incremental updates and deletes alike (issue 13).

use crate::harness::{Output, TestEnv};

const LEXICON: &str = "confsearch-lexicon";

const KUBE: &str = "# KubeDay 2021\n\n\
## Kubernetes operators in practice - Ann Lee\n\n\
Operators reconcile state. [Slides](https://example.org/talks/quokkaslides)\n\n\
## Prometheus at scale - Bob Ray\n\n\
Recording rules and federation for prometheus.\n";

const SECRETS: &str = "# SecConf 2022\n\n\
## Secrets management with Vault - Cy Perez\n\n\
Rotate secrets often; kubernetes secrets are base64.\n";

/// What a user sees of one query: the exit code, the JSON document (hits, scores' order,
/// snippets, facets, suggestion) and the human output.
type Answer = (i32, String, String);

/// The answers to `queries`.
fn answers(env: &TestEnv, queries: &[&str]) -> Vec<Answer> {
    let mut out = Vec::new();
    for q in queries {
        let json: Output = env.run(&["query", "--json", q]);
        let human: Output = env.run(&["query", q]);
        assert_eq!(json.code, human.code, "{q}: {}", json.stderr);
        assert_ne!(json.code, 2, "{q}: {}", json.stderr);
        out.push((json.code, json.stdout, human.stdout));
    }
    out
}

/// The answers with the lexicon, then with it removed (the segments' own dictionaries).
fn with_and_without_lexicon(env: &TestEnv, queries: &[&str]) -> (Vec<Answer>, Vec<Answer>) {
    assert!(env.index().join(LEXICON).is_file(), "the index run writes the lexicon");
    let with = answers(env, queries);
    let saved = std::fs::read(env.index().join(LEXICON)).expect("lexicon");
    std::fs::remove_file(env.index().join(LEXICON)).expect("remove lexicon");
    let without = answers(env, queries);
    std::fs::write(env.index().join(LEXICON), saved).expect("restore lexicon");
    (with, without)
}

const QUERIES: &[&str] = &[
    "kubernetes",
    "kubernetes secrets",
    "kubernets",
    "ubernetes",
    "prometh",
    "operator",
    "secret",
    "zzzzqqq",
    "zzzzqqq vaultt",
    "\"secrets management\"",
    "title:prometheus",
    "-prometheus",
    "k8s",
    "quokkaslides",
];

#[test]
fn queries_answer_the_same_with_the_lexicon_as_without() {
    let env = TestEnv::new()
        .note("2021/kube.md", KUBE)
        .note("2022/secrets.md", SECRETS);
    assert_eq!(env.run(&["index"]).code, 0);
    let (with, without) = with_and_without_lexicon(&env, QUERIES);
    assert_eq!(with, without);
    // The answers are real ones: hits, a typo, a suggestion, nothing.
    assert_eq!(with[0].0, 0);
    assert_eq!(with[2].0, 0, "kubernets is a typo of kubernetes");
    assert_eq!(with[7].0, 1, "zzzzqqq finds nothing");
    assert!(with[3].2.contains("Did you mean: kubernetes"), "{}", with[3].2);
}

#[test]
fn quokkaslides_only_in_a_link_url_is_found_with_the_lexicon() {
    // A word of a URL is searched (the `urls` field) but is in no text field: the lexicon
    // must not call a query for it one that finds nothing.
    let env = TestEnv::new().note("2021/kube.md", KUBE);
    assert_eq!(env.run(&["index"]).code, 0);
    let out = env.run(&["query", "--json", "quokkaslides"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["hits"][0]["title"], "Kubernetes operators in practice");
}

#[test]
fn lexicon_follows_an_edited_file_and_a_deleted_one() {
    let env = TestEnv::new()
        .note("2021/kube.md", KUBE)
        .note("2022/secrets.md", SECRETS)
        .note(
            "2022/other.md",
            "# Other 2022\n\n## Zanzibar authorisation - Dee Fox\n\nTuples.\n",
        );
    assert_eq!(env.run(&["index"]).code, 0);
    // `prometheus` leaves the notes, `thanos` comes in; a whole file goes.
    std::fs::write(
        env.corpus().join("2021/kube.md"),
        KUBE.replace("Prometheus at scale", "Thanos at scale")
            .replace("for prometheus", "for thanos"),
    )
    .expect("edit");
    std::fs::remove_file(env.corpus().join("2022/other.md")).expect("delete");
    assert_eq!(env.run(&["index"]).code, 0);
    let queries = [
        "thanos",
        "thano",
        "prometheus",
        "zanzibar",
        "zanzibr",
        "tuples",
        "kubernetes",
    ];
    let (with, without) = with_and_without_lexicon(&env, &queries);
    assert_eq!(with, without);
    assert_eq!(with[0].0, 0, "thanos was added");
    assert_eq!(with[2].0, 1, "prometheus was edited out");
    assert_eq!(with[3].0, 1, "zanzibar's file was deleted");
}

#[test]
fn stale_lexicon_from_an_earlier_commit_is_not_used() {
    // A lexicon that does not name the segments of the last commit (a run that died between
    // its commit and writing the lexicon leaves one) would say a new word is not there.
    let env = TestEnv::new().note("2021/kube.md", KUBE);
    assert_eq!(env.run(&["index"]).code, 0);
    let old = std::fs::read(env.index().join(LEXICON)).expect("lexicon");
    let env = env.note("2022/secrets.md", SECRETS);
    assert_eq!(env.run(&["index"]).code, 0);
    std::fs::write(env.index().join(LEXICON), old).expect("put the old lexicon back");
    let out = env.run(&["query", "--json", "vault"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["hits"][0]["title"], "Secrets management with Vault");
    let out = env.run(&["query", "vaultt"]);
    assert_eq!(out.code, 0, "a typo of a word the old lexicon lacks: {}", out.stdout);
}

#[test]
fn truncated_lexicon_is_not_used() {
    let env = TestEnv::new().note("2021/kube.md", KUBE);
    assert_eq!(env.run(&["index"]).code, 0);
    let path = env.index().join(LEXICON);
    let bytes = std::fs::read(&path).expect("lexicon");
    for len in [0, 7, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..len]).expect("truncate");
        let out = env.run(&["query", "--json", "operators"]);
        assert_eq!(out.code, 0, "{len} bytes: {}", out.stderr);
        assert_eq!(out.json()["hits"][0]["title"], "Kubernetes operators in practice");
    }
}

#[test]
fn rebuild_removes_the_lexicon_with_the_index_files() {
    let env = TestEnv::new().note("2021/kube.md", KUBE);
    assert_eq!(env.run(&["index"]).code, 0);
    assert_eq!(env.run(&["index", "--rebuild"]).code, 0);
    assert!(env.index().join(LEXICON).is_file());
    assert_eq!(env.run(&["query", "operators"]).code, 0);
}
