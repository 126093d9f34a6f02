//! Themes: a taxonomy of keywords and phrases per theme (security, kubernetes, …), assigned to
//! a session from its title, tags and body. A title or tag mention counts three times a body
//! mention, so a word said once in passing does not give a session its theme.

use super::Session;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One theme: its name and what signals it. A keyword ending in `*` matches any word it
/// starts (`secret*` finds `secrets`); a keyword with a space is a phrase.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Theme {
    pub name: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
    matcher: Matcher,
}

/// Keywords indexed by their first word, so a text is scanned once whatever the number of
/// keywords: exact first words in a map, prefixes (`secret*`) in a short list.
#[derive(Debug, Clone, Default)]
struct Matcher {
    /// Each keyword as its words: (text, is a prefix).
    keywords: Vec<(usize, Vec<(String, bool)>)>,
    by_first_word: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Prefix keywords (`secur*`) by their first `PREFIX_KEY` bytes; shorter ones apart.
    by_first_prefix: rustc_hash::FxHashMap<Vec<u8>, Vec<(String, usize)>>,
    short_prefixes: Vec<(String, usize)>,
}

const PREFIX_KEY: usize = 3;

impl Matcher {
    fn new(themes: &[Theme]) -> Matcher {
        let mut m = Matcher::default();
        for (t, theme) in themes.iter().enumerate() {
            for keyword in &theme.keywords {
                let parts: Vec<(String, bool)> = keyword
                    .split(' ')
                    .filter(|p| !p.is_empty())
                    .map(|p| match p.strip_suffix('*') {
                        Some(prefix) => (prefix.to_string(), true),
                        None => (p.to_string(), false),
                    })
                    .collect();
                let Some((first, is_prefix)) = parts.first().cloned() else {
                    continue;
                };
                let k = m.keywords.len();
                m.keywords.push((t, parts));
                if is_prefix && first.len() < PREFIX_KEY {
                    m.short_prefixes.push((first, k));
                } else if is_prefix {
                    let key = first.as_bytes()[..PREFIX_KEY].to_vec();
                    m.by_first_prefix.entry(key).or_default().push((first, k));
                } else {
                    m.by_first_word.entry(first).or_default().push(k);
                }
            }
        }
        m
    }

    /// For each theme, at how many positions of `words` one of its keywords starts (each
    /// theme counted at most `cap` times).
    fn mentions<S: AsRef<str>>(&self, themes: usize, words: &[S], cap: usize) -> Vec<usize> {
        let mut counts = vec![0; themes];
        let mut seen = vec![usize::MAX; themes];
        for i in 0..words.len() {
            let w = words[i].as_ref();
            let exact = self.by_first_word.get(w).into_iter().flatten().copied();
            let same_start = w
                .as_bytes()
                .get(..PREFIX_KEY)
                .and_then(|key| self.by_first_prefix.get(key))
                .into_iter()
                .flatten();
            let prefixed = same_start
                .chain(&self.short_prefixes)
                .filter(|(p, _)| w.starts_with(p.as_str()))
                .map(|(_, k)| *k);
            for k in exact.chain(prefixed) {
                let (t, parts) = &self.keywords[k];
                if seen[*t] == i || counts[*t] >= cap || i + parts.len() > words.len() {
                    continue;
                }
                let all = parts.iter().zip(&words[i..]).all(|((p, prefix), w)| {
                    let w = w.as_ref();
                    if *prefix { w.starts_with(p.as_str()) } else { p == w }
                });
                if all {
                    counts[*t] += 1;
                    seen[*t] = i;
                }
            }
        }
        counts
    }
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

static DEFAULT_TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| {
    Taxonomy::new(
        DEFAULT
            .iter()
            .map(|(name, words)| Theme {
                name: (*name).to_string(),
                keywords: words.split_whitespace().map(|w| w.replace('-', " ")).collect(),
            })
            .collect(),
    )
});

/// A body mention counts 1, a title or tag mention 3; a theme needs 3.
const THRESHOLD: usize = 3;

impl Taxonomy {
    pub fn new(themes: Vec<Theme>) -> Taxonomy {
        let matcher = Matcher::new(&themes);
        Taxonomy { themes, matcher }
    }

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
        Taxonomy::new(themes)
    }

    pub fn names(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.name.as_str()).collect()
    }

    /// The themes a session is about, in taxonomy order.
    pub fn assign(&self, session: &Session) -> Vec<String> {
        let n = self.themes.len();
        let title = self.matcher.mentions(n, &words(&session.title), usize::MAX);
        let tag_words: Vec<Cow<str>> = session.tags.iter().flat_map(|t| words(t)).collect();
        let tags = self.matcher.mentions(n, &tag_words, usize::MAX);
        let body = self.matcher.mentions(n, &words(&session.body), THRESHOLD);
        self.themes
            .iter()
            .enumerate()
            .filter(|(t, _)| 3 * title[*t] + 3 * tags[*t] + body[*t] >= THRESHOLD)
            .map(|(_, theme)| theme.name.clone())
            .collect()
    }
}

/// Lower-case words (runs of letters, digits, `/` and inner `'`); a word already in lower case
/// is not copied. Every session's notes pass here: ASCII is read byte by byte, only the rest
/// decoded.
fn words(text: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let (inside, len) = match bytes.get(i) {
            None => (false, 1),
            Some(&b) if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'/' || b == b'\'', 1),
            Some(_) => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        };
        if !inside {
            let w = text[start..i].trim_matches('\'');
            if !w.is_empty() {
                out.push(lower_word(w));
            }
            start = i + len;
        }
        i += len;
    }
    out
}

fn lower_word(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    } else if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Kind, Source};

    fn session(title: &str, body: &str, tags: &[&str]) -> Session {
        Session {
            id: "t#1".into(),
            title: title.into(),
            speakers: Vec::new(),
            conference: None,
            year: None,
            date: None,
            start: None,
            end: None,
            kind: Kind::Talk,
            room: None,
            attended: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            themes: Vec::new(),
            links: Vec::new(),
            source: Source {
                path: "t.md".into(),
                line: 1,
            },
            body: body.into(),
        }
    }

    #[test]
    fn words_of_mixed_scripts_o_reilly_ci_cd_and_cafe() {
        // The definition the byte scan must keep.
        fn by_chars(text: &str) -> Vec<Cow<'_, str>> {
            text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '\''))
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if w.chars().any(char::is_uppercase) {
                        Cow::Owned(w.to_lowercase())
                    } else {
                        Cow::Borrowed(w)
                    }
                })
                .collect()
        }
        for text in [
            "O'Reilly's CI/CD talk: 'quoted' Café ÉTÉ naïve—Straße, 東京 Kubernetes\u{a0}K8s ǅemal İstanbul ''",
            "",
            "'",
            "trailing/",
            "x\u{2003}y   z.",
        ] {
            assert_eq!(words(text), by_chars(text), "{text}");
        }
        assert!(matches!(words("docker")[0], Cow::Borrowed(_)));
    }

    fn themes(title: &str, body: &str, tags: &[&str]) -> Vec<String> {
        Taxonomy::default_taxonomy().assign(&session(title, body, tags))
    }

    /// Each default theme: named in a title it is assigned; said once in passing in the
    /// notes of an unrelated talk it is not; the subject of the notes, it is.
    #[test]
    fn each_default_theme_from_title_not_from_a_passing_word() {
        let cases = [
            (
                "security",
                "Threat modelling for web apps",
                "we also touched on security",
                "Rotate credentials, keep secrets in a vault, encrypt at rest.",
            ),
            (
                "kubernetes",
                "Running Kubernetes at home",
                "someone mentioned kubernetes",
                "Helm charts, kubectl habits and the kubelet.",
            ),
            (
                "containers",
                "Smaller Docker images",
                "the demo ran in docker",
                "Containers need a registry; images should be minimal; a Dockerfile per service.",
            ),
            (
                "observability",
                "Prometheus in practice",
                "their monitoring was fine",
                "Metrics, tracing with Jaeger, and Grafana dashboards.",
            ),
            (
                "ci-cd",
                "Our Jenkins pipeline",
                "they deploy weekly",
                "Continuous delivery: every merge runs the pipeline, canary rollout, rollback on error.",
            ),
            (
                "culture",
                "Building empathy in teams",
                "culture came up once",
                "Burnout, mentoring and psychological safety: coaching over blame.",
            ),
            (
                "testing",
                "Property-based testing",
                "a unit test failed on stage",
                "TDD, BDD with cucumber, and selenium for the browser tests.",
            ),
            (
                "data-ml",
                "Machine learning in production",
                "a model of the system",
                "Jupyter notebooks, TensorFlow training and SageMaker deployment of each model.",
            ),
            (
                "cloud",
                "Serverless on AWS",
                "hosted in the cloud",
                "Lambda functions, S3 buckets and Azure functions compared.",
            ),
            (
                "incidents-sre",
                "Learning from incidents",
                "they had an outage last year",
                "Postmortems, on-call rotas and chaos experiments to measure MTTR.",
            ),
            (
                "infrastructure-as-code",
                "Terraform at scale",
                "provisioning was manual",
                "Ansible playbooks, Terraform modules and Packer images.",
            ),
        ];
        for (theme, title, passing, subject) in cases {
            assert!(
                themes(title, "", &[]).contains(&theme.to_string()),
                "{theme}: title {title:?}"
            );
            assert!(
                !themes(
                    "Lightning talk about gardening",
                    &format!("Tomatoes and soil. {passing}. Compost."),
                    &[]
                )
                .contains(&theme.to_string()),
                "{theme}: assigned from a passing mention {passing:?}"
            );
            assert!(
                themes("Notes", subject, &[]).contains(&theme.to_string()),
                "{theme}: body {subject:?}"
            );
        }
    }

    #[test]
    fn a_tag_counts_like_a_title() {
        assert_eq!(themes("Notes", "", &["kubernetes"]), ["kubernetes"]);
    }

    #[test]
    fn overrides_extend_or_replace_the_default_taxonomy() {
        let mut extra = BTreeMap::new();
        extra.insert("rust".to_string(), vec!["borrow*".to_string(), "cargo".to_string()]);
        let extended = Taxonomy::with_overrides(&extra, false);
        assert!(extended.names().contains(&"security") && extended.names().contains(&"rust"));
        assert_eq!(extended.assign(&session("Borrowing in anger", "", &[])), ["rust"]);
        let replaced = Taxonomy::with_overrides(&extra, true);
        assert_eq!(replaced.names(), ["rust"]);
    }
}
