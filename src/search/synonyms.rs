//! Synonyms: the default pack, the configuration's own (`[synonyms]`) and speaker aliases, as
//! expressions of index words → the expressions each also finds (`plan.rs` adds them as a tier).

use super::expand::words;
use crate::config::SynonymConfig;
use std::collections::{BTreeMap, HashMap};

/// Synonyms: an expression (one word or several) → the expressions it also finds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Synonyms {
    table: HashMap<Vec<String>, Vec<Vec<String>>>,
    longest: usize,
}

/// Each group: every expression finds the others.
const DEFAULT_MUTUAL: &[&[&str]] = &[
    &["k8s", "k8", "kubernetes", "kube"],
    &["ci", "continuous integration"],
    &["cd", "continuous delivery", "continuous deployment"],
    &["sre", "site reliability engineering", "site reliability engineer"],
    &["ml", "machine learning"],
    &["ai", "artificial intelligence"],
    &["llm", "large language model"],
    &[
        "2fa",
        "mfa",
        "two factor authentication",
        "multi factor authentication",
        "two factor",
        "multi factor",
        "multifactor",
    ],
    &["iac", "infrastructure as code"],
    &["db", "database"],
    &["postgres", "postgresql"],
    &["o11y", "observability"],
    &["a11y", "accessibility"],
    &["tdd", "test driven development"],
    &["bdd", "behaviour driven development", "behavior driven development"],
    &["ddd", "domain driven design"],
    &["slo", "service level objective"],
    &["sli", "service level indicator"],
    &["sla", "service level agreement"],
    &[
        "mttr",
        "mean time to recovery",
        "mean time to repair",
        "mean time to restore",
    ],
    &["aws", "amazon web services"],
    &["gcp", "google cloud platform", "google cloud"],
    &["js", "javascript"],
    &["vm", "virtual machine"],
    &["pr", "pull request"],
    &["mr", "merge request"],
    &["ux", "user experience"],
    &["faas", "functions as a service", "serverless"],
    &["oncall", "on call"],
    &["postmortem", "post mortem", "post incident review", "incident review"],
    &["microservice", "micro service"],
    &["devsecops", "dev sec ops"],
    &["chatops", "chat ops"],
    &["secops", "security operations"],
];

/// The key finds the values; the values do not find the key.
const DEFAULT_ONE_WAY: &[(&str, &[&str])] = &[
    (
        "ci cd",
        &[
            "cicd",
            "continuous integration",
            "continuous delivery",
            "continuous deployment",
        ],
    ),
    (
        "cicd",
        &[
            "ci cd",
            "continuous integration",
            "continuous delivery",
            "continuous deployment",
        ],
    ),
];

/// The synonym pack as written, for another engine to use (`export --mapping`): the groups
/// of words that mean one another, and the one-way expansions (a key also finds its values),
/// as [`Synonyms::new`] reads them: the default pack unless replaced, then the configuration's
/// own, then speaker aliases as groups.
pub(crate) fn pack(config: &SynonymConfig, speakers: &BTreeMap<String, Vec<String>>) -> SynonymPack {
    let mut pack = SynonymPack::default();
    if !config.replace {
        pack.mutual
            .extend(DEFAULT_MUTUAL.iter().map(|g| g.iter().map(|w| w.to_string()).collect()));
        pack.one_way.extend(
            DEFAULT_ONE_WAY
                .iter()
                .map(|(k, v)| (k.to_string(), v.iter().map(|w| w.to_string()).collect())),
        );
    }
    pack.mutual.extend(config.mutual.iter().cloned());
    pack.one_way
        .extend(config.one_way.iter().map(|(k, v)| (k.clone(), v.clone())));
    pack.mutual.extend(
        speakers
            .iter()
            .map(|(name, aliases)| std::iter::once(name.clone()).chain(aliases.iter().cloned()).collect()),
    );
    pack
}

/// See [`pack`].
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct SynonymPack {
    pub(crate) mutual: Vec<Vec<String>>,
    pub(crate) one_way: Vec<(String, Vec<String>)>,
}

impl Synonyms {
    /// The default pack (unless the configuration replaces it), the configuration's own
    /// synonyms, and speaker aliases as synonyms of the name.
    pub(crate) fn new(config: &SynonymConfig, speakers: &BTreeMap<String, Vec<String>>) -> Synonyms {
        let mut s = Synonyms::default();
        if !config.replace {
            for group in DEFAULT_MUTUAL {
                s.add_mutual(group.iter().copied());
            }
            for (key, values) in DEFAULT_ONE_WAY {
                s.add_one_way(key, values.iter().copied());
            }
        }
        for group in &config.mutual {
            s.add_mutual(group.iter().map(String::as_str));
        }
        for (key, values) in &config.one_way {
            s.add_one_way(key, values.iter().map(String::as_str));
        }
        for (name, aliases) in speakers {
            s.add_mutual(std::iter::once(name.as_str()).chain(aliases.iter().map(String::as_str)));
        }
        s
    }

    fn add_mutual<'s>(&mut self, group: impl Iterator<Item = &'s str>) {
        let group: Vec<Vec<String>> = group.map(words).filter(|w| !w.is_empty()).collect();
        for (i, key) in group.iter().enumerate() {
            for (j, value) in group.iter().enumerate() {
                if i != j {
                    self.insert(key.clone(), value.clone());
                }
            }
        }
    }

    fn add_one_way<'s>(&mut self, key: &str, values: impl Iterator<Item = &'s str>) {
        let key = words(key);
        if key.is_empty() {
            return;
        }
        for v in values.map(words).filter(|v| !v.is_empty()) {
            self.insert(key.clone(), v);
        }
    }

    fn insert(&mut self, key: Vec<String>, value: Vec<String>) {
        if key == value {
            return;
        }
        self.longest = self.longest.max(key.len());
        let values = self.table.entry(key).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// What `expression` (as index words) also finds.
    pub(crate) fn get(&self, expression: &[String]) -> &[Vec<String>] {
        self.table.get(expression).map_or(&[], Vec::as_slice)
    }

    /// The longest expression with synonyms, in words.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn mutual_synonyms_go_both_ways_and_one_way_does_not() {
        let s = Synonyms::new(&SynonymConfig::default(), &BTreeMap::new());
        assert!(s.get(&w("k8s")).contains(&w("kubernetes")));
        assert!(s.get(&w("kubernetes")).contains(&w("k8s")));
        assert!(s.get(&w("sre")).contains(&w("site reliability engineering")));
        assert!(s.get(&w("site reliability engineering")).contains(&w("sre")));
        assert!(s.get(&w("CI/CD")).contains(&w("continuous delivery")));
        assert!(!s.get(&w("continuous delivery")).contains(&w("ci/cd")));
        assert!(s.get(&w("two-factor authentication")).contains(&w("2fa")));
        assert_eq!(s.longest(), 4);
    }

    #[test]
    fn configuration_extends_or_replaces_the_default_pack() {
        let mut config = SynonymConfig::default();
        config.mutual.push(vec!["gha".into(), "GitHub Actions".into()]);
        config.one_way.insert("postgres".into(), vec!["rds".into()]);
        let s = Synonyms::new(&config, &BTreeMap::new());
        assert!(s.get(&w("github actions")).contains(&w("gha")));
        assert!(s.get(&w("postgres")).contains(&w("rds")));
        assert!(s.get(&w("rds")).is_empty());
        assert!(!s.get(&w("k8s")).is_empty());
        config.replace = true;
        let s = Synonyms::new(&config, &BTreeMap::new());
        assert!(s.get(&w("k8s")).is_empty());
        assert!(!s.get(&w("gha")).is_empty());
    }

    #[test]
    fn speaker_aliases_are_synonyms_of_the_name() {
        let mut speakers = BTreeMap::new();
        speakers.insert("Adrian Mouat".to_string(), vec!["@adrianmouat".to_string()]);
        let s = Synonyms::new(&SynonymConfig::default(), &speakers);
        assert!(s.get(&w("@adrianmouat")).contains(&w("adrian mouat")));
        assert!(s.get(&w("Adrian Mouat")).contains(&w("adrianmouat")));
    }
}
