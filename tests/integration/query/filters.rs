//! `query`'s filters, alone and combined: `--speaker` (parts of names, aliases, typos, an
//! ambiguous part), `--year`, `--theme` (the taxonomy extended in `confsearch.toml`),
//! `--conference`, `--tag`, `--kind`, `--domain`, `--since`/`--until`, and a value that
//! matches nothing named with the closest values.

use crate::fixtures::{harbourconf, testconf};
use crate::harness::{TestEnv, checked_index, indexed, query, titles};

#[test]
fn filters_alone_and_combined() {
    let env = testconf();
    assert_eq!(titles(&env.run(&["query", "--year", "2017", "--json"])).len(), 2);
    assert_eq!(
        titles(&env.run(&["query", "--year", "2016..2018", "--year", "2019", "--json"])).len(),
        5
    );
    assert_eq!(
        titles(&env.run(&["query", "--speaker", "PEREZ", "--json"])),
        ["Handling secrets in CI pipelines"]
    );
    assert_eq!(
        titles(&env.run(&["query", "--speaker", "lee", "--year", "2019", "--json"])),
        ["Secrets management with Vault"]
    );
    assert_eq!(
        titles(&env.run(&[
            "query", "--theme", "security", "--kind", "talk", "--year", "2019", "--json"
        ]))
        .len(),
        2
    );
    assert_eq!(
        titles(&env.run(&["query", "--conference", "testconf", "--year", "2017", "--json"])).len(),
        2
    );
    assert_eq!(
        titles(&env.run(&["query", "--tag", "#chaos", "--json"])),
        ["Chaos engineering basics"]
    );
    assert_eq!(
        titles(&env.run(&["query", "--since", "2019-01-01", "--until", "2019-12", "--json"])).len(),
        3
    );
    let mut by_domain = titles(&env.run(&["query", "--domain", "youtube.com", "--json"]));
    by_domain.sort();
    assert_eq!(
        by_domain,
        ["Kubernetes operators in practice", "Observability with Prometheus"]
    );
    assert_eq!(
        titles(&env.run(&["query", "secrets", "--year", "2017", "--json"])).len(),
        0
    );
}

#[test]
fn ambiguous_speaker_part_is_an_error_naming_them() {
    let env = TestEnv::new().note("a.txt", "09:00 – 09:30 Ann Lee – One\n09:30 – 10:00 Ann Roe – Two\n");
    assert_eq!(env.run(&["index"]).code, 0);
    let out = env.run(&["query", "--speaker", "ann"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Ann Lee") && out.stderr.contains("Ann Roe"),
        "{}",
        out.stderr
    );
}

#[test]
fn theme_taxonomy_extended_in_confsearch_toml() {
    let env = TestEnv::new()
        .note("a.md", "# Borrow checking in anger by Ann Lee\n\nLifetimes.\n")
        .note("confsearch.toml", "[themes]\nrust = [\"borrow\", \"lifetime*\"]\n");
    assert_eq!(env.run(&["index"]).code, 0);
    assert_eq!(
        titles(&env.run(&["query", "--theme", "rust", "--json"])),
        ["Borrow checking in anger"]
    );
}

fn mouat_env() -> TestEnv {
    indexed(
        TestEnv::new()
            .note(
                "2017/conf.md",
                "# ConfA 2017\n\n## Docker tips and tricks\n\nSpeaker: Adrian Mouat\n\nSmall images.\n",
            )
            .note(
                "2018/conf.md",
                "# ConfB 2018\n\n## Signing container images\n\nSpeaker: @adrianmouat\n\nNotary and TUF.\n",
            )
            .note(
                "2019/conf.txt",
                "ConfC 2019\n\nThursday 17 October 2019\n\n13:15 - 13:45 Rootless builds - A. Mouat\nNo root needed.\n",
            )
            .note(
                "confsearch.toml",
                "[speakers]\n\"Adrian Mouat\" = [\"@adrianmouat\", \"A. Mouat\"]\n",
            ),
    )
}

#[test]
fn speaker_aliases_become_the_canonical_name_in_facets_and_filters() {
    let env = mouat_env();
    let out = env.run(&["facets", "speaker", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let speakers = &out.json()["speaker"];
    assert_eq!(speakers["Adrian Mouat"], 3, "{speakers}");
    assert_eq!(speakers.as_object().map(|o| o.len()), Some(1), "{speakers}");
    for name in ["Adrian Mouat", "@adrianmouat", "A. Mouat", "mouat"] {
        assert_eq!(query(&env, &["--speaker", name]).len(), 3, "--speaker {name}");
    }
    // An alias in the query text finds the person's sessions too.
    assert_eq!(query(&env, &["@adrianmouat"]).len(), 3);
}

#[test]
fn speaker_filter_is_typo_tolerant() {
    let env = mouat_env();
    assert_eq!(query(&env, &["--speaker", "adrain moaut"]).len(), 3);
    assert_eq!(query(&env, &["--speaker", "Mouta"]).len(), 3);
    assert!(query(&env, &["--speaker", "Smith"]).is_empty());
}

#[test]
fn theme_securty_names_security() {
    let env = harbourconf();
    let out = env.run(&["query", "--theme", "securty"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(r#"--theme "securty" matches no session; closest: security"#),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("No sessions match."), "{}", out.stdout);
    // -q keeps stderr quiet; the answer is the same.
    let out = env.run(&["query", "--theme", "securty", "-q"]);
    assert_eq!((out.code, out.stderr.as_str()), (1, ""));
}

#[test]
fn speaker_kren_and_conference_typo_name_the_closest_values() {
    let env = harbourconf();
    let out = env.run(&["query", "secrets", "--speaker", "kren"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("closest: Karen Vale"), "{}", out.stderr);
    let out = env.run(&["query", "--conference", "harbuorconf"]);
    assert!(out.stderr.contains("closest: HarbourConf"), "{}", out.stderr);
    let out = env.run(&["query", "--conference", "nope"]);
    assert!(
        out.stderr
            .contains("`confsearch facets conference` lists the conferences"),
        "{}",
        out.stderr
    );
}

#[test]
fn one_filter_value_of_several_matching_nothing_is_still_named() {
    let env = harbourconf();
    let out = env.run(&["query", "--tag", "secrets", "--tag", "secrts", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(titles(&out), ["Secrets in Kubernetes clusters"]);
    assert!(
        out.stderr
            .contains(r#"--tag "secrts" matches no session; closest: secrets"#),
        "{}",
        out.stderr
    );
}

#[test]
fn since_2019_02_31_is_refused() {
    let env = TestEnv::new().note("talk.md", "# Vault by Ann Lee\n\nSecrets.\n");
    checked_index(&env);
    for args in [
        &["query", "--since", "2019-02-31"][..],
        &["query", "vault", "--until", "2019-04-31"],
        &["facets", "--since", "2019-02-29"],
        &["links", "--until", "2019-13-01"],
        &["query", "--since", "2020-01-01", "--until", "2019-12-31"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?} accepted:\n{}{}", out.stdout, out.stderr);
        assert!(out.stderr.starts_with("confsearch: --"), "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
    }
    let out = env.run(&["query", "--since", "2019-02-31"]);
    assert!(out.stderr.contains("2019-02 has 28 days"), "{}", out.stderr);
    // A leap day is a real day.
    assert_eq!(env.run(&["query", "--since", "2020-02-29"]).code, 1);
}
