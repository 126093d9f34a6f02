//! Themes: a taxonomy of keywords and phrases per theme (security, kubernetes, …), assigned to
//! a session from its title, tags and body. A title or tag mention counts three times a body
//! mention, so a word said once in passing does not give a session its theme.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end); the code is under 500.

use super::Session;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One theme: its name and what signals it. A keyword ending in `*` matches any word it
/// starts (`secret*` finds `secrets`); a keyword with a space is a phrase.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Theme {
    pub name: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    pub themes: Vec<Theme>,
    matcher: Matcher,
}

/// Keywords indexed by their first word, so a text is scanned once whatever the number of
/// keywords.
#[derive(Debug, Clone)]
struct Matcher {
    /// Each keyword as its words: (text, is a prefix).
    keywords: Vec<(usize, Vec<(String, bool)>)>,
    first_words: FirstWords,
}

impl Matcher {
    fn new(themes: &[Theme]) -> Matcher {
        let mut keywords = Vec::new();
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
                if !parts.is_empty() {
                    keywords.push((t, parts));
                }
            }
        }
        let first_words = FirstWords::new(keywords.iter().map(|(_, parts)| &parts[0]));
        Matcher { keywords, first_words }
    }

    /// For each theme, at how many word positions of `text` one of its keywords starts (each
    /// theme counted at most `cap` times).
    ///
    /// Every session's notes pass here, so the words are read one at a time and looked up in
    /// lower case without a copy (a trie most words leave after a letter or two). A phrase
    /// reads the words after its first one from a copy of the word reader.
    fn mentions(&self, themes: usize, text: &str, cap: usize) -> Vec<usize> {
        let mut counts = vec![0; themes];
        let mut seen = vec![usize::MAX; themes];
        let mut full = 0;
        let mut lower = String::new();
        let mut lower_next = String::new();
        let mut found = Vec::new();
        let mut words = Words::new(text);
        let mut i = 0;
        while let Some((raw, ascii)) = words.next_word() {
            // The trie lowers ASCII itself; other scripts are lowered whole first.
            let w = if ascii { raw } else { lower_word(raw, &mut lower) };
            found.clear();
            self.first_words.find(w.as_bytes(), &mut found);
            for &k in &found {
                let (t, parts) = &self.keywords[k];
                if seen[*t] == i || counts[*t] >= cap {
                    continue;
                }
                // The first word matched to be found; a phrase's other words follow it.
                let mut ahead = words.clone();
                let all = parts[1..].iter().all(|(p, prefix)| {
                    ahead.next().is_some_and(|next| {
                        let next = lower_word(next, &mut lower_next);
                        if *prefix {
                            next.starts_with(p.as_str())
                        } else {
                            p == next
                        }
                    })
                });
                if all {
                    counts[*t] += 1;
                    seen[*t] = i;
                    if counts[*t] == cap {
                        full += 1;
                    }
                }
            }
            // Every theme counted as often as it can be: the rest of the text changes nothing.
            if full == themes {
                break;
            }
            i += 1;
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
    pub(crate) fn new(themes: Vec<Theme>) -> Taxonomy {
        let matcher = Matcher::new(&themes);
        Taxonomy { themes, matcher }
    }

    pub(crate) fn default_taxonomy() -> &'static Taxonomy {
        &DEFAULT_TAXONOMY
    }

    /// Themes from a `[themes]` table: `replace = true` drops the defaults, each other key is
    /// a theme with its keywords (added to a default theme of the same name).
    pub(crate) fn with_overrides(overrides: &BTreeMap<String, Vec<String>>, replace: bool) -> Taxonomy {
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

    /// The themes' names, in order (what the tests of a taxonomy compare).
    #[cfg(test)]
    pub(crate) fn names(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.name.as_str()).collect()
    }

    /// The themes a session is about, in taxonomy order.
    pub(crate) fn assign(&self, session: &Session) -> Vec<String> {
        let n = self.themes.len();
        let title = self.matcher.mentions(n, &session.title, usize::MAX);
        // The tags' words as one list (a phrase may run from one tag into the next): a space
        // between them joins no two words. One tag, the most common, is read as it is.
        let tags = match session.tags.as_slice() {
            [one] => self.matcher.mentions(n, one, usize::MAX),
            tags => self.matcher.mentions(n, &tags.join(" "), usize::MAX),
        };
        let body = self.matcher.mentions(n, &session.body, THRESHOLD);
        self.themes
            .iter()
            .enumerate()
            .filter(|(t, _)| 3 * title[*t] + 3 * tags[*t] + body[*t] >= THRESHOLD)
            .map(|(_, theme)| theme.name.clone())
            .collect()
    }
}

/// The keywords' first words as a trie of their bytes: a word is looked up byte by byte, and
/// most words of a note leave the trie after a letter or two, where a map would hash and
/// compare the whole word (and want it lower-cased first).
#[derive(Debug, Clone)]
struct FirstWords {
    /// Each byte's column in a row of `next`; 0 for a byte no first word holds.
    column: [u16; 256],
    width: usize,
    /// `next[node * width + column]`: the node after that byte, as the offset of its row
    /// (`node * width`, so the walk multiplies nothing) shifted left two bits, with [`STARTS`]
    /// and [`ENDS`] set when that node has keywords; 0 for none (the root, node 0, is no
    /// byte's target, and column 0 of every row stays 0). The flags spare most words a look
    /// at the keyword lists.
    next: Vec<u32>,
    /// Per node: the keywords whose first word is a prefix (`secret*`) ending there.
    starts: Vec<Vec<usize>>,
    /// Per node: the keywords whose first word is a whole word ending there.
    ends: Vec<Vec<usize>>,
}

const STARTS: u32 = 1;
const ENDS: u32 = 2;

impl FirstWords {
    /// From the first word of each keyword, in keyword order.
    fn new<'a>(firsts: impl Iterator<Item = &'a (String, bool)> + Clone) -> FirstWords {
        let mut column = [0; 256];
        let mut width = 1;
        for (word, _) in firsts.clone() {
            for &b in word.as_bytes() {
                if column[usize::from(b)] == 0 {
                    column[usize::from(b)] = width;
                    width += 1;
                }
            }
        }
        let width = usize::from(width);
        let mut trie = FirstWords {
            column,
            width,
            next: vec![0; width],
            starts: vec![Vec::new()],
            ends: vec![Vec::new()],
        };
        // The slot of the byte that leads to each node, to set its flags.
        let mut slot_of = vec![0];
        for (k, (word, is_prefix)) in firsts.enumerate() {
            let mut node = 0;
            for &b in word.as_bytes() {
                let slot = node * width + usize::from(column[usize::from(b)]);
                if trie.next[slot] == 0 {
                    let row = u32::try_from(trie.next.len()).ok().filter(|r| r.leading_zeros() >= 2);
                    trie.next[slot] = row.expect("keywords' first words fit in a billion trie slots") << 2;
                    trie.next.resize(trie.next.len() + width, 0);
                    trie.starts.push(Vec::new());
                    trie.ends.push(Vec::new());
                    slot_of.push(slot);
                }
                node = (trie.next[slot] >> 2) as usize / width;
            }
            if *is_prefix {
                trie.starts[node].push(k);
            } else {
                trie.ends[node].push(k);
            }
        }
        for (node, &slot) in slot_of.iter().enumerate().skip(1) {
            if !trie.starts[node].is_empty() {
                trie.next[slot] |= STARTS;
            }
            if !trie.ends[node].is_empty() {
                trie.next[slot] |= ENDS;
            }
        }
        trie
    }

    /// Adds to `found` the keywords whose first word is `word` or, for a prefix, starts it.
    /// `word`'s ASCII letters are read in lower case (its other letters must be already).
    fn find(&self, word: &[u8], found: &mut Vec<usize>) {
        found.extend(&self.starts[0]);
        let mut entry = 0;
        for &b in word {
            let row = (entry >> 2) as usize;
            entry = self.next[row + usize::from(self.column[usize::from(b.to_ascii_lowercase())])];
            if entry == 0 {
                return;
            }
            if entry & STARTS != 0 {
                found.extend(&self.starts[(entry >> 2) as usize / self.width]);
            }
        }
        if entry & ENDS != 0 {
            found.extend(&self.ends[(entry >> 2) as usize / self.width]);
        }
    }
}

/// The words of a text, as written (see [`lower_word`]): runs of letters, digits, `/` and
/// inner `'`. ASCII is read byte by byte through [`WORD_BYTES`], only the rest decoded.
#[derive(Clone)]
struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// What a byte is to a word: in it, out of it, or the start of a character to decode.
const OUT: u8 = 0;
const IN: u8 = 1;
const DECODE: u8 = 2;
const WORD_BYTES: [u8; 256] = {
    let mut table = [DECODE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'/' || c == b'\'' {
            IN
        } else {
            OUT
        };
        b += 1;
    }
    table
};

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        Words { text, at: 0 }
    }

    /// Whether the non-ASCII character at byte `i` is part of a word, and its length.
    fn decode(&self, i: usize) -> (bool, usize) {
        self.text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
    }

    /// The next word, and whether it is all ASCII.
    fn next_word(&mut self) -> Option<(&'a str, bool)> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        while self.at < len {
            match WORD_BYTES[usize::from(bytes[self.at])] {
                OUT => {
                    self.at += 1;
                    continue;
                }
                IN => {}
                _ => {
                    let (inside, n) = self.decode(self.at);
                    if !inside {
                        self.at += n;
                        continue;
                    }
                }
            }
            let start = self.at;
            let mut ascii = true;
            while self.at < len {
                match WORD_BYTES[usize::from(bytes[self.at])] {
                    IN => self.at += 1,
                    OUT => break,
                    _ => {
                        let (inside, n) = self.decode(self.at);
                        if !inside {
                            break;
                        }
                        ascii = false;
                        self.at += n;
                    }
                }
            }
            // Quotes around the word are not part of it (a byte trim: `'` is ASCII).
            let (mut a, mut b) = (start, self.at);
            while a < b && bytes[a] == b'\'' {
                a += 1;
            }
            while b > a && bytes[b - 1] == b'\'' {
                b -= 1;
            }
            if a < b {
                return Some((&self.text[a..b], ascii));
            }
        }
        None
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.next_word().map(|(w, _)| w)
    }
}

/// `w` in lower case: `w` itself when it has no capital, else lowered into `buf`.
fn lower_word<'b>(w: &'b str, buf: &'b mut String) -> &'b str {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else if w.chars().any(char::is_uppercase) {
        // Whole-word `to_lowercase`: a final sigma lowers by its place in the word.
        *buf = w.to_lowercase();
    } else {
        return w;
    }
    buf
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
            from: crate::notes::Origin::Notes,
            room: None,
            attended: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            themes: Vec::new(),
            links: Vec::new(),
            filled: Vec::new(),
            matched: Vec::new(),
            source: Source {
                path: "t.md".into(),
                line: 1,
            },
            body: body.into(),
        }
    }

    /// The definition of the words the byte scan must keep: split on what is not a letter,
    /// digit, `/` or `'`, quotes trimmed, lower-cased whole.
    fn words_by_chars(text: &str) -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '\''))
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.chars().any(char::is_uppercase) {
                    w.to_lowercase()
                } else {
                    w.to_string()
                }
            })
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        let mut buf = String::new();
        Words::new(text).map(|w| lower_word(w, &mut buf).to_string()).collect()
    }

    #[test]
    fn words_of_mixed_scripts_o_reilly_ci_cd_and_cafe() {
        for text in [
            "O'Reilly's CI/CD talk: 'quoted' Café ÉTÉ naïve—Straße, 東京 Kubernetes\u{a0}K8s ǅemal İstanbul ''",
            "",
            "'",
            "trailing/",
            "x\u{2003}y   z.",
            "ΟΔΟΣ Σ",
        ] {
            assert_eq!(words(text), words_by_chars(text), "{text}");
        }
        // A word already in lower case is not copied.
        let mut buf = String::new();
        assert_eq!(lower_word("docker", &mut buf).as_ptr(), "docker".as_ptr());
        assert!(buf.is_empty());
    }

    /// The matcher as it was before it read words one at a time: a list of lower-case words,
    /// each position tried against every keyword that can start there.
    fn mentions_of_word_list(m: &Matcher, themes: usize, words: &[String], cap: usize) -> Vec<usize> {
        let mut counts = vec![0; themes];
        let mut seen = vec![usize::MAX; themes];
        for i in 0..words.len() {
            for (t, parts) in &m.keywords {
                if seen[*t] == i || counts[*t] >= cap || i + parts.len() > words.len() {
                    continue;
                }
                let all = parts
                    .iter()
                    .zip(&words[i..])
                    .all(|((p, prefix), w)| if *prefix { w.starts_with(p.as_str()) } else { p == w });
                if all {
                    counts[*t] += 1;
                    seen[*t] = i;
                }
            }
        }
        counts
    }

    fn assign_by_word_lists(taxonomy: &Taxonomy, s: &Session) -> Vec<String> {
        let n = taxonomy.themes.len();
        let m = &taxonomy.matcher;
        let title = mentions_of_word_list(m, n, &words_by_chars(&s.title), usize::MAX);
        let tag_words: Vec<String> = s.tags.iter().flat_map(|t| words_by_chars(t)).collect();
        let tags = mentions_of_word_list(m, n, &tag_words, usize::MAX);
        let body = mentions_of_word_list(m, n, &words_by_chars(&s.body), THRESHOLD);
        taxonomy
            .themes
            .iter()
            .enumerate()
            .filter(|(t, _)| 3 * title[*t] + 3 * tags[*t] + body[*t] >= THRESHOLD)
            .map(|(_, theme)| theme.name.clone())
            .collect()
    }

    /// Text made of keywords, halves of phrases, near misses and odd separators.
    fn note_words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            Just("Security"),
            Just("secrets"),
            Just("SECURE"),
            Just("on"),
            Just("call"),
            Just("On-Call"),
            Just("machine"),
            Just("learning"),
            Just("error"),
            Just("budgets"),
            Just("CI/CD"),
            Just("k8s"),
            Just("infrastructure"),
            Just("as"),
            Just("code"),
            Just("kube"),
            Just("kubernetes'"),
            Just("'docker"),
            Just("Ώρα"),
            Just("ΣΟΣ"),
            Just("café"),
            Just("CAFÉ"),
            Just("δ"),
            Just("x"),
            Just("big"),
            Just("data"),
            Just("Foo"),
            Just("DATA"),
            Just("Xylo"),
            Just("O'Reilly's"),
            Just("o'"),
            Just("rock'n'roll"),
            Just("''"),
            Just("Rock'"),
            Just("secrets''"),
            Just("ΣΟ'"),
            Just("o'reillyé"),
        ];
        let sep = prop_oneof![
            Just(" "),
            Just("-"),
            Just(", "),
            Just("\n"),
            Just("'"),
            Just("\u{a0}"),
            Just("—"),
            Just("/")
        ];
        proptest::collection::vec((word, sep), 0..40).prop_map(|ws| ws.into_iter().flat_map(|(w, s)| [w, s]).collect())
    }

    proptest::proptest! {
        /// The byte scan finds the words the definition does, on any text.
        #[test]
        fn words_agree_with_their_definition(text in "(?s).{0,200}") {
            proptest::prop_assert_eq!(words(&text), words_by_chars(&text));
        }

        /// One word at a time assigns the themes a list of words did.
        #[test]
        fn assign_agrees_with_word_lists(
            title in note_words(),
            body in note_words(),
            tags in proptest::collection::vec(note_words(), 0..3),
            any in "(?s).{0,100}",
        ) {
            // Keywords a config may hold: a capital, accents, quotes, a bare `*`, a one-letter prefix.
            let odd = Taxonomy::new(vec![
                Theme { name: "odd".into(), keywords: vec!["Foo".into(), "café".into(), "x* on".into(), "o'reilly".into(), "rock'*".into(), "secrets'".into()] },
                Theme { name: "any".into(), keywords: vec!["*".into()] },
                Theme { name: "greek".into(), keywords: vec!["ώρα".into(), "σο*".into(), "d*".into()] },
            ]);
            let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
            for taxonomy in [Taxonomy::default_taxonomy(), &odd] {
                for s in [session(&title, &body, &tags), session(&any, &format!("{body} {any}"), &[])] {
                    proptest::prop_assert_eq!(taxonomy.assign(&s), assign_by_word_lists(taxonomy, &s));
                }
            }
        }
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
