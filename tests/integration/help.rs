//! `--help`, `confsearch completions` and `confsearch man`, which need neither notes nor an
//! index: all from the one clap definition. (Their exact text: `snapshots.rs`.)

use crate::harness::{SUBCOMMANDS, TestEnv};

#[test]
fn completions_bash_names_the_subcommands_without_notes_or_index() {
    let env = TestEnv::new();
    let out = env.run_from(env.root(), &[], &["completions", "bash"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("complete -F _confsearch"), "{}", out.stdout);
    // Each as a subcommand the script knows after `confsearch`: the bare name alone would
    // be found without it (`index` in `--index`).
    for sub in SUBCOMMANDS {
        assert!(out.stdout.contains(&format!("confsearch,{sub})")), "{sub} missing");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = env.run_from(env.root(), &[], &["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        // Fish writes the flag as `-l corpus`.
        assert!(out.stdout.contains("corpus"), "{shell}");
    }
    let out = env.run_from(env.root(), &[], &["completions", "tcsh"]);
    assert_eq!(out.code, 2);
}

#[test]
fn man_prints_roff() {
    let env = TestEnv::new();
    let out = env.run_from(env.root(), &[], &["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH confsearch 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH \"CONFSEARCH QUERY\""));
    assert!(out.stdout.contains("confsearch query secrets \\-kubernetes"));
}

#[test]
fn every_subcommand_help_has_examples() {
    let env = TestEnv::new();
    for sub in SUBCOMMANDS {
        let out = env.run_from(env.root(), &[], &[sub, "--help"]);
        assert_eq!(out.code, 0, "{sub}: {}", out.stderr);
        let examples = out
            .stdout
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{sub}: no examples"));
        assert!(
            examples.lines().filter(|l| l.contains("confsearch")).count() >= 2,
            "{sub}: {examples}"
        );
    }
}
