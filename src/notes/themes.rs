//! Themes: a taxonomy of keywords and phrases per theme (security, kubernetes, …), assigned to
//! a session from its title, tags and body. A title or tag mention counts three times a body
//! mention, so a word said once in passing does not give a session its theme.

use super::Session;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One theme: its name and what signals it. A keyword ending in `*` matches any word it
/// starts (`secret*` finds `secrets`); a keyword with a space is a phrase.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Theme {
    pub name: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
}

const DEFAULT: &[(&str, &str)] = &[
    (
        "security",
        "security secur* vulnerab* secret secrets vault credential* password* 2fa mfa two-factor threat* attack* encrypt* tls ssl oauth authn authz authentication authorization rbac pentest* penetration cve* selinux devsecops compliance gdpr hipaa stylometry anonymity",
    ),
    (
        "kubernetes",
        "kubernetes k8s kubectl helm minikube openshift kubeadm kubelet istio k3s aks eks gke operator* kube* etcd pod pods",
    ),
    (
        "containers",
        "container* docker dockerfile moby swarm podman containerd oci image* registry registries alpine cri cni",
    ),
    (
        "observability",
        "observability monitoring monitor* prometheus thanos grafana datadog logging logs metrics tracing jaeger opentracing opentelemetry alerting alert* dashboards nagios fluentd elk kibana",
    ),
    (
        "ci-cd",
        "ci cd ci/cd jenkins pipeline* deploy* deployment* release* continuous-delivery continuous-integration travis gitops trunk-based canary blue-green rollout* rollback* delivery",
    ),
    (
        "culture",
        "culture cultural team* empathy diversity inclusion burnout mentor* coaching psychological-safety hero career* organisation* organization* people communication collaboration kindness compassion groupthink silo* learning",
    ),
    (
        "testing",
        "test testing tests tdd bdd pytest unittest selenium cucumber qa property-based fixtures mocking mock* regression",
    ),
    (
        "data-ml",
        "machine-learning ml ai data-science scientist* model* tensorflow jupyter sagemaker spark pyspark analytics big-data dataset* neural statistics statistical prediction* nlp deduplication",
    ),
    (
        "cloud",
        "cloud aws azure gcp serverless lambda s3 saas paas iaas multi-cloud hybrid-cloud cosmos heroku",
    ),
    (
        "incidents-sre",
        "incident* sre site-reliability postmortem* post-mortem on-call oncall outage* chaos resilience failure* failover mttr sla slo slos error-budget* accident* disaster*",
    ),
    (
        "infrastructure-as-code",
        "terraform ansible puppet chef saltstack cloudformation pulumi infrastructure-as-code iac provisioning configuration-management packer vagrant habitat molecule",
    ),
];

static DEFAULT_TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| Taxonomy {
    themes: DEFAULT
        .iter()
        .map(|(name, words)| Theme {
            name: (*name).to_string(),
            keywords: words.split_whitespace().map(|w| w.replace('-', " ")).collect(),
        })
        .collect(),
});

/// A body mention counts 1, a title or tag mention 3; a theme needs 3.
const THRESHOLD: usize = 3;

impl Taxonomy {
    pub fn default_taxonomy() -> &'static Taxonomy {
        &DEFAULT_TAXONOMY
    }

    /// Themes from a `[themes]` table: `replace = true` drops the defaults, each other key is
    /// a theme with its keywords (added to a default theme of the same name).
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>, replace: bool) -> Taxonomy {
        let mut themes = if replace {
            Vec::new()
        } else {
            DEFAULT_TAXONOMY.themes.clone()
        };
        for (name, keywords) in overrides {
            let keywords: Vec<String> = keywords.iter().map(|k| k.to_lowercase().replace('-', " ")).collect();
            match themes.iter_mut().find(|t| &t.name == name) {
                Some(t) => t.keywords.extend(keywords),
                None => themes.push(Theme {
                    name: name.clone(),
                    keywords,
                }),
            }
        }
        Taxonomy { themes }
    }

    pub fn names(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.name.as_str()).collect()
    }

    /// The themes a session is about, in taxonomy order.
    pub fn assign(&self, session: &Session) -> Vec<String> {
        let title = words(&session.title);
        let tags: Vec<String> = session.tags.iter().flat_map(|t| words(t)).collect();
        let body = words(&session.body);
        self.themes
            .iter()
            .filter(|theme| {
                let score = 3 * mentions(theme, &title, usize::MAX)
                    + 3 * mentions(theme, &tags, usize::MAX)
                    + mentions(theme, &body, THRESHOLD);
                score >= THRESHOLD
            })
            .map(|t| t.name.clone())
            .collect()
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_lowercase())
        .collect()
}

fn matches_word(keyword: &str, word: &str) -> bool {
    match keyword.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => keyword == word,
    }
}

/// How often any keyword of `theme` occurs in `words`, counted up to `cap`.
fn mentions(theme: &Theme, words: &[String], cap: usize) -> usize {
    let mut count = 0;
    for (i, _) in words.iter().enumerate() {
        for keyword in &theme.keywords {
            let parts: Vec<&str> = keyword.split(' ').collect();
            if i + parts.len() <= words.len() && parts.iter().zip(&words[i..]).all(|(k, w)| matches_word(k, w)) {
                count += 1;
                break;
            }
        }
        if count >= cap {
            break;
        }
    }
    count
}
