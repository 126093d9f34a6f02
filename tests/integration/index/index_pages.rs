//! Index pages (issue 12, shape 15): a README or `_index.md` listing the talk files of a folder
//! enriches those files — one session per talk, in its own file — and an entry without a file
//! is a talk of the page. Incremental runs keep it so when either side changes.

use crate::harness::{TestEnv, summary};
use serde_json::Value;

/// Every session in the index: (path, title, speakers, kind), sorted.
fn sessions(env: &TestEnv) -> Vec<(String, String, Vec<String>, String)> {
    let out = env.run(&["query", "", "--limit", "1000", "--json"]);
    let mut all: Vec<_> = out.json()["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["source"]["path"].as_str().unwrap().to_string(),
                h["title"].as_str().unwrap().to_string(),
                h["speakers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
                h["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    all.sort();
    all
}

/// The one session of `path`, as JSON.
fn session_of(env: &TestEnv, path: &str) -> Value {
    let out = env.run(&["query", "", "--limit", "1000", "--json"]);
    let mut found: Vec<Value> = out.json()["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter(|h| h["source"]["path"] == path)
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "sessions of {path}: {found:?}");
    found.pop().unwrap()
}

fn talk(path: &str, title: &str, speakers: &[&str]) -> (String, String, Vec<String>, String) {
    (
        path.to_string(),
        title.to_string(),
        speakers.iter().map(|s| s.to_string()).collect(),
        "talk".to_string(),
    )
}

/// A conference folder's README, as people keep them on GitHub: the H1 names the conference.
const OSLO_README: &str = "# DevOpsDays Oslo 2019

Notes from the two days; one file per talk.

## Day 1

- [Scaling Postgres at the edge - Mara Lindqvist](./postgres-edge.md)
- [Why our on-call rota failed - Tomasz Brzeski](./oncall.md)

## Day 2

- [Chaos in the afternoon - Ida Berg](./chaos.md)
";

fn oslo() -> TestEnv {
    TestEnv::new()
        .note("2019/README.md", OSLO_README)
        .note(
            "2019/postgres-edge.md",
            "# Notes\n\nReplicas at every point of presence; lag budgets.\n",
        )
        .note("2019/oncall.md", "Rotations were too long and handoffs lost context.\n")
        .note(
            "2019/chaos.md",
            "Game days every month, blast radius first, then the steady state.\n",
        )
}

#[test]
fn readme_listing_talk_files_enriches_them_not_duplicates() {
    let env = oslo();
    env.run(&["index"]);
    let all = sessions(&env);
    let talks: Vec<_> = all.iter().filter(|s| s.3 == "talk").cloned().collect();
    assert_eq!(
        talks,
        [
            talk("2019/chaos.md", "Chaos in the afternoon", &["Ida Berg"]),
            talk("2019/oncall.md", "Why our on-call rota failed", &["Tomasz Brzeski"]),
            talk(
                "2019/postgres-edge.md",
                "Scaling Postgres at the edge",
                &["Mara Lindqvist"]
            ),
        ]
    );
    // The README keeps its own text as a section, without the entries.
    let readme: Vec<_> = all.iter().filter(|s| s.0 == "2019/README.md").collect();
    assert_eq!(readme.len(), 1, "{readme:?}");
    assert_eq!(readme[0].3, "section");
    let out = env.run(&["query", "two days", "--json"]);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "2019/README.md");
    // The conference and year come from the README too.
    let chaos = session_of(&env, "2019/chaos.md");
    assert_eq!(chaos["conference"], "DevOpsDays Oslo");
    assert_eq!(chaos["year"], 2019);
    // A title word finds the talk once, in its file.
    let out = env.run(&["query", "rota", "--json"]);
    let paths: Vec<String> = out.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["2019/oncall.md"]);
}

#[test]
fn speaker_filter_finds_the_talk_file_an_index_page_names() {
    let env = oslo();
    env.run(&["index"]);
    let out = env.run(&["query", "--speaker", "Tomasz Brzeski", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hits = out.json()["hits"].as_array().unwrap().clone();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["source"]["path"], "2019/oncall.md");
    assert_eq!(hits[0]["title"], "Why our on-call rota failed");
}

#[test]
fn index_entry_without_a_file_is_its_own_session() {
    let env = oslo().note(
        "2019/README.md",
        &format!(
            "{OSLO_README}- [Hiring for SRE - Lena Hartmann](./hiring.md)\n- [Queues under load - Omar Siddiqui](https://example.org/queues) (slides only)\n"
        ),
    );
    env.run(&["index"]);
    let readme: Vec<_> = sessions(&env)
        .into_iter()
        .filter(|s| s.0 == "2019/README.md" && s.3 == "talk")
        .collect();
    assert_eq!(
        readme,
        [
            talk("2019/README.md", "Hiring for SRE", &["Lena Hartmann"]),
            talk("2019/README.md", "Queues under load", &["Omar Siddiqui"]),
        ]
    );
    let queues = env.run(&["query", "queues", "--json"]).json()["hits"][0].clone();
    assert_eq!(queues["links"][0]["url"], "https://example.org/queues");
    assert_eq!(queues["conference"], "DevOpsDays Oslo");
    // The file appears: the entry enriches it and leaves the page.
    std::fs::write(
        env.corpus().join("2019/hiring.md"),
        "Structured interviews, work samples.\n",
    )
    .unwrap();
    env.run(&["index"]);
    let hiring = session_of(&env, "2019/hiring.md");
    assert_eq!(hiring["title"], "Hiring for SRE");
    assert_eq!(hiring["speakers"][0], "Lena Hartmann");
    assert!(
        !sessions(&env)
            .iter()
            .any(|s| s.0 == "2019/README.md" && s.1 == "Hiring for SRE")
    );
}

#[test]
fn editing_the_talk_file_keeps_the_index_entry_speaker() {
    let env = oslo();
    env.run(&["index"]);
    std::fs::write(
        env.corpus().join("2019/oncall.md"),
        "Rotations were too long and handoffs lost context.\n\nFollow-the-sun helped.\n",
    )
    .unwrap();
    let out = env.run(&["index"]);
    assert!(summary(&out).contains("(+0 ~1 -0 =3)"), "{}", out.stderr);
    let oncall = session_of(&env, "2019/oncall.md");
    assert_eq!(oncall["speakers"][0], "Tomasz Brzeski");
    assert_eq!(oncall["title"], "Why our on-call rota failed");
    let out = env.run(&["query", "follow the sun", "--json"]);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "2019/oncall.md");
}

#[test]
fn editing_the_index_page_updates_the_talk_file() {
    let env = oslo();
    env.run(&["index"]);
    std::fs::write(
        env.corpus().join("2019/README.md"),
        OSLO_README.replace("Tomasz Brzeski", "Tomek Brzeski"),
    )
    .unwrap();
    env.run(&["index"]);
    assert_eq!(session_of(&env, "2019/oncall.md")["speakers"][0], "Tomek Brzeski");
}

#[test]
fn deleting_the_index_page_removes_the_enrichment() {
    let env = oslo();
    env.run(&["index"]);
    std::fs::remove_file(env.corpus().join("2019/README.md")).unwrap();
    let out = env.run(&["index"]);
    assert!(summary(&out).contains("-1"), "{}", out.stderr);
    let oncall = session_of(&env, "2019/oncall.md");
    assert_eq!(oncall["speakers"], serde_json::json!([]));
    assert_eq!(oncall["title"], "oncall");
    let out = env.run(&["query", "--speaker", "Tomasz Brzeski", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
}

#[test]
fn a_rebuild_and_a_no_op_run_give_the_same_talks() {
    let env = oslo();
    env.run(&["index"]);
    let first = sessions(&env);
    let out = env.run(&["index"]);
    assert!(summary(&out).contains("(+0 ~0 -0 =4)"), "{}", out.stderr);
    assert_eq!(sessions(&env), first);
    env.run(&["index", "--rebuild"]);
    assert_eq!(sessions(&env), first);
}

/// A Hugo section: `_index.md` with TOML front matter, a page bundle (`talk/index.md`) linked
/// as a folder, a page linked with its anchor.
#[test]
fn hugo_index_with_front_matter_enriches_page_bundles() {
    let env = TestEnv::new()
        .note(
            "content/kubecon-2022/_index.md",
            "+++\ntitle = \"KubeCon Valencia 2022\"\ndate = 2022-05-18\n+++\n\nWhat I saw, talk by talk.\n\n1. [eBPF for the rest of us — Paula Ortega](./ebpf/)\n2. [Operators that behave — Jonas Weber](operators.md#operators-that-behave)\n",
        )
        .note(
            "content/kubecon-2022/ebpf/index.md",
            "+++\ntitle = \"ebpf\"\n+++\n\nProbes without kernel modules; CO-RE.\n",
        )
        .note(
            "content/kubecon-2022/operators.md",
            "# Operators that behave\n\nReconcile loops, idempotence.\n\n# Hallway track\n\nLong queue for coffee.\n",
        );
    env.run(&["index"]);
    let ebpf = session_of(&env, "content/kubecon-2022/ebpf/index.md");
    assert_eq!(ebpf["title"], "eBPF for the rest of us");
    assert_eq!(ebpf["speakers"][0], "Paula Ortega");
    assert_eq!(ebpf["year"], 2022);
    let all = sessions(&env);
    let operators: Vec<_> = all
        .iter()
        .filter(|s| s.0 == "content/kubecon-2022/operators.md")
        .collect();
    assert!(
        operators
            .iter()
            .any(|s| s.1 == "Operators that behave" && s.2 == ["Jonas Weber"]),
        "{operators:?}"
    );
    // The hallway notes beside it are not the talk.
    assert!(
        operators.iter().all(|s| s.1 != "Hallway track" || s.2.is_empty()),
        "{operators:?}"
    );
    assert!(
        !all.iter().any(|s| s.0.ends_with("_index.md") && s.3 == "talk"),
        "{all:?}"
    );
}

/// A GitHub README with a table of talks at the root of a notes repository, linking into a
/// conference folder.
#[test]
fn github_readme_table_of_talks_enriches_the_files() {
    let env = TestEnv::new()
        .note(
            "README.md",
            "# Conference notes\n\n## PyCon DE 2023\n\n| Time | Talk | Speaker |\n|------|------|---------|\n| 10:30 | [Typing at scale](pyconde/typing.md) | Ida Berg |\n| 11:15 | [Packaging in 2023](pyconde/packaging.md) | Omar Siddiqui |\n\nLicence: CC BY 4.0.\n",
        )
        .note("pyconde/typing.md", "## Notes\n\nmypy strict per module, then the whole repo.\n")
        .note("pyconde/packaging.md", "pyproject everywhere; build backends compared.\n");
    env.run(&["index"]);
    let typing = session_of(&env, "pyconde/typing.md");
    assert_eq!(typing["title"], "Typing at scale");
    assert_eq!(typing["speakers"][0], "Ida Berg");
    assert_eq!(typing["start"], "10:30");
    assert_eq!(typing["year"], 2023);
    assert_eq!(typing["conference"], "PyCon DE");
    let out = env.run(&["query", "--speaker", "Omar Siddiqui", "--json"]);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "pyconde/packaging.md");
    // The licence line stays searchable in the README.
    let out = env.run(&["query", "licence", "--json"]);
    assert_eq!(out.json()["hits"][0]["source"]["path"], "README.md");
}

#[test]
fn a_list_of_external_links_is_no_index() {
    let text = "# Reading list\n\n- [Blog](https://example.org/blog)\n- [Postgres at the edge - Mara Lindqvist](https://example.org/pg)\n";
    let env = TestEnv::new().note("README.md", text);
    env.run(&["index"]);
    let page = env.corpus().join("README.md");
    let out = env.run(&["parse", page.to_str().unwrap(), "--json"]);
    assert!(out.json().get("entries").is_none(), "{}", out.stdout);
}

#[test]
fn parse_shows_which_file_each_entry_enriches() {
    let env = oslo();
    let page = env.corpus().join("2019/README.md");
    let page = page.to_str().unwrap();
    let out = env.run(&["parse", page]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("entry      enriches 2019/oncall.md: Why our on-call rota failed — Tomasz Brzeski"),
        "{}",
        out.stdout
    );
    let json = env.run(&["parse", page, "--json"]).json();
    assert_eq!(json["entries"].as_array().unwrap().len(), 3);
    assert_eq!(json["entries"][2]["file"], "2019/chaos.md");
    assert!(
        json["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["kind"] == "section")
    );
}

/// Files are parsed 64 at a time, in path order: a root `index.md` comes after the talks of
/// `2019/`, in a later chunk, so the talk file was first written without the entry.
#[test]
fn index_md_after_its_talk_files_in_a_full_run_still_enriches_them() {
    let mut env = TestEnv::new()
        .note("2019/000-oncall.md", "Rotations were too long and handoffs lost context.\n")
        .note(
            "index.md",
            "# Talks\n\n- [Why our on-call rota failed - Tomasz Brzeski](2019/000-oncall.md)\n- [Chaos in the afternoon - Ida Berg](2019/chaos.md)\n",
        );
    for i in 1..=70 {
        env = env.note(&format!("2019/{i:03}.md"), &format!("# Filler {i}\n\nNothing here.\n"));
    }
    env.run(&["index"]);
    let oncall = session_of(&env, "2019/000-oncall.md");
    assert_eq!(oncall["speakers"][0], "Tomasz Brzeski");
    assert_eq!(oncall["title"], "Why our on-call rota failed");
    let out = env.run(&["index"]);
    assert!(summary(&out).contains("~0 -0"), "{}", out.stderr);
}
