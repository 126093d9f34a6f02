//! `related` and the related sessions `show` ends with: tantivy's more-like-this over title,
//! notes, tags and themes; the session itself and its twins never among them.

use crate::harness::{TestEnv, indexed, schedule_day};
use serde_json::Value;

/// The seed talk (self-hosting Kubernetes), two other Kubernetes talks, and talks on other
/// subjects that share a passing word with it (backups, upgrades).
fn fixture() -> TestEnv {
    let day = schedule_day(
        2019,
        &[
            (
                "Run Your Own Kubernetes Cluster",
                "Self-hosting kubernetes: the control plane, etcd backups, kubernetes upgrades \
                 and cluster networking. Most teams should not run their own cluster. #kubernetes",
            ),
            (
                "Postgres Replication Done Right",
                "Streaming replication, backups, failover drills and the write-ahead log. \
                 Restore your backups every week. #databases",
            ),
            (
                "Operators for Kubernetes Clusters",
                "Kubernetes operators reconcile cluster state; controllers watch etcd through the \
                 kubernetes API server. #kubernetes",
            ),
            (
                "Frontend Performance Budgets",
                "Bundle size, lazy loading, framework upgrades and the cost of JavaScript on slow \
                 phones. #frontend",
            ),
            (
                "Managed Kubernetes Compared",
                "Managed kubernetes clusters against self-hosted ones: who runs the control plane, \
                 upgrades and etcd. #kubernetes",
            ),
            (
                "Secrets in Vault",
                "Dynamic secrets, leases and rotation with Vault; audit logs and backups of the \
                 storage backend. #security",
            ),
        ],
    );
    // The seed talk noted again in a file of its own: a twin, never related to itself.
    let twin = schedule_day(
        2019,
        &[(
            "Run Your Own Kubernetes Cluster",
            "A second note: etcd, kubernetes upgrades, the control plane. #kubernetes",
        )],
    );
    indexed(
        TestEnv::new()
            .note("2019/day.txt", &day)
            .note("2019/own-cluster.txt", &twin),
    )
}

/// The id of the session titled `title` (the fuller note when a talk is noted twice).
fn id_of(env: &TestEnv, title: &str) -> String {
    let out = env.run(&["query", &format!("\"{title}\""), "--json"]);
    out.json()["hits"][0]["id"].as_str().expect("an id").to_string()
}

fn hit_titles(json: &Value) -> Vec<String> {
    json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn related_kubernetes_cluster_lists_the_kubernetes_talks_first_never_itself_or_its_twin() {
    let env = fixture();
    let seed = id_of(&env, "Run Your Own Kubernetes Cluster");
    let out = env.run(&["related", &seed, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["session"], seed.as_str());
    let titles = hit_titles(&json);
    assert!(titles.len() >= 2, "{titles:?}");
    let mut first_two = titles[..2].to_vec();
    first_two.sort();
    assert_eq!(
        first_two,
        ["Managed Kubernetes Compared", "Operators for Kubernetes Clusters"],
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t == "Run Your Own Kubernetes Cluster"),
        "{titles:?}"
    );
    // Hits as `query --json` has them: a score, the session fields, a snippet.
    let hit = &json["hits"][0];
    for key in [
        "id", "score", "title", "speakers", "themes", "links", "snippet", "source",
    ] {
        assert!(hit.get(key).is_some(), "{key} missing from {hit}");
    }
    assert!(hit.get("body").is_none());
    // Best first.
    let scores: Vec<f64> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn related_from_the_twin_excludes_the_fuller_note_too() {
    let env = fixture();
    let out = env.run(&["related", "2019/own-cluster.txt:5", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let titles = hit_titles(&out.json());
    assert!(
        !titles.iter().any(|t| t == "Run Your Own Kubernetes Cluster"),
        "{titles:?}"
    );
    assert!(titles[0].contains("Kubernetes"), "{titles:?}");
}

#[test]
fn related_limit_and_human_output_as_query_prints_hits() {
    let env = fixture();
    let seed = id_of(&env, "Run Your Own Kubernetes Cluster");
    let out = env.run(&["related", &seed, "--limit", "1", "--json"]);
    assert_eq!(out.json()["hits"].as_array().unwrap().len(), 1);
    let out = env.run(&["related", &seed, "--limit", "2"]);
    assert_eq!(out.code, 0);
    // A block per hit: title — speaker, what and when, snippet, place · id.
    let blocks: Vec<&str> = out.stdout.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{}", out.stdout);
    assert!(blocks[0].contains("Kubernetes"), "{}", out.stdout);
    assert!(blocks[0].contains("2019/day.txt:"), "{}", out.stdout);
}

#[test]
fn related_unknown_id_says_what_show_says() {
    let env = fixture();
    let related = env.run(&["related", "2019/nowhere.md#nothing"]);
    let show = env.run(&["show", "2019/nowhere.md#nothing"]);
    assert_eq!(related.code, 1);
    assert_eq!(related.stdout, "");
    assert_eq!(related.stderr, show.stderr);
    assert!(related.stderr.contains("no session"), "{}", related.stderr);
}

#[test]
fn related_of_a_session_sharing_no_word_finds_nothing_exit_1() {
    let env = indexed(
        TestEnv::new()
            .note("a.md", "# Quokka husbandry by Ann Lee\n\nMarsupials.\n")
            .note("b.md", "# Compiler pipelines by Bob Ray\n\nRegisters.\n"),
    );
    let out = env.run(&["related", "a.md:1", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.json()["hits"], serde_json::json!([]));
    let out = env.run(&["related", "a.md:1"]);
    assert_eq!((out.code, out.stdout.as_str()), (1, "No related sessions.\n"));
}

#[test]
fn show_ends_with_the_three_nearest() {
    let env = fixture();
    let seed = id_of(&env, "Run Your Own Kubernetes Cluster");
    let shown = env.run(&["show", &seed, "--json"]).json();
    let related = env.run(&["related", &seed, "--limit", "3", "--json"]).json();
    let nearest = shown["related"].as_array().expect("a related list");
    // The two other Kubernetes talks, and a third only if another shares enough words.
    assert!((2..=3).contains(&nearest.len()), "{nearest:?}");
    assert_eq!(nearest.len(), related["hits"].as_array().unwrap().len());
    for (n, hit) in nearest.iter().zip(related["hits"].as_array().unwrap()) {
        assert_eq!(n["id"], hit["id"]);
        assert_eq!(n["title"], hit["title"]);
        assert_eq!(n["score"], hit["score"]);
        assert_eq!(n.as_object().unwrap().len(), 3, "{n}");
    }
    let human = env.run(&["show", &seed]).stdout;
    let tail = human.split("\nRelated:\n").nth(1).expect("a Related: section");
    assert_eq!(tail.lines().count(), nearest.len(), "{human}");
    assert!(
        tail.lines()
            .all(|l| l.starts_with("  ") && l.contains(" · 2019/day.txt#")),
        "{tail}"
    );
}

/// The seed notes' own talk (issue 16): in the bundled corpus, the Kubernetes sessions come
/// before any other.
#[test]
fn related_so_you_want_to_run_your_own_kubernetes_cluster_on_the_bundled_corpus() {
    let env = indexed(TestEnv::new().bundled_corpus());
    let seed = id_of(&env, "So You Want To Run Your Own Kubernetes Cluster");
    let json = env.run(&["related", &seed, "--limit", "6", "--json"]).json();
    let hits = json["hits"].as_array().expect("hits");
    let kubernetes = |h: &Value| {
        let listed = |k: &str| h[k].as_array().unwrap().iter().any(|v| v == "kubernetes");
        listed("themes") || listed("tags")
    };
    let all = env
        .run(&["query", "--theme", "kubernetes", "--limit", "100", "--json"])
        .json();
    let known = all["total"].as_u64().unwrap() as usize - 1;
    assert!(known >= 2, "the corpus has Kubernetes sessions besides the seed");
    let first: Vec<bool> = hits.iter().take(known.min(hits.len())).map(kubernetes).collect();
    assert!(
        first.iter().all(|k| *k),
        "{:?}",
        hits.iter().map(|h| h["title"].as_str().unwrap()).collect::<Vec<_>>()
    );
    // `show` ends with the first three.
    let shown = env.run(&["show", &seed, "--json"]).json();
    let nearest: Vec<&Value> = shown["related"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
    let best: Vec<&Value> = hits[..3].iter().map(|h| &h["id"]).collect();
    assert_eq!(nearest, best);
}
