//! Notes written for the tests that several files share, each a small corpus with its own
//! purpose; a fixture used by one file stays in that file.

use crate::harness::TestEnv;

/// TestConf: a schedule of three talks in 2019, in plain text…
pub(crate) const TESTCONF_2019: &str = "October 17, 2019\n\
09:45 – 10:15 Ann Lee – Secrets management with Vault\n\
Rotate secrets often. https://www.vaultproject.io/docs?utm_source=x\n\
\n\
10:15 – 10:45 Bob Ray – Kubernetes operators in practice\n\
Operators extend Kubernetes. See https://www.youtube.com/watch?v=abc\n\
\n\
10:45 – 11:15 Cy Pérez – Handling secrets in CI pipelines\n\
Never print a secret in a CI log. https://youtu.be/xyz\n";

/// … and a day of Markdown headings in 2017 (front matter, a tag, a video link).
const TESTCONF_2017: &str = "---\ntitle: Day notes\nconference: TestConf\n---\n\n# TestConf 2017\n\n## Monday 23 October 2017\n\n### 09:00 – 09:30 Ann Lee – Chaos engineering basics\n\nBreak things on purpose. #chaos\n\n### 09:30 – 10:00 Dan Wu – Observability with Prometheus\n\nMetrics and alerting. https://www.youtube.com/watch?v=abc\n";

/// Both TestConf days, indexed: five sessions, two years, YouTube links in both.
pub(crate) fn testconf() -> TestEnv {
    let env = TestEnv::new()
        .note("2019/testconf-2019.txt", TESTCONF_2019)
        .note("2017/testconf.md", TESTCONF_2017);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed: {}", out.stderr);
    env
}

/// HarbourConf: a security day in 2019 (tags, a Markdown link, a video id)…
const HARBOURCONF_2019: &str = "---\nconference: HarbourConf\n---\n\n\
## 09:00 – 09:30 Karen Vale – Secrets in Kubernetes clusters\n\n\
Sealed secrets and external stores for kubernetes. #secrets\n\n\
## 09:30 – 10:00 Omar Field – Rotating secrets with Vault\n\n\
Short-lived secrets, leases and audit. Slides on [the demo page](https://demo.example.org/vault/rotation).\n\n\
## 10:00 – 10:30 Lin Park – Le projet open source\n\n\
Un projet mené par la communauté. Video: [recording](https://www.youtube.com/watch?v=Xy7_Qm2-Lp0)\n";

/// … and a monitoring day in 2018 (`prom` as a word of its own).
const HARBOURCONF_2018: &str = "---\nconference: HarbourConf\n---\n\n\
## 11:00 – 11:30 Ida Stone – Alerting with Prometheus\n\n\
Recording rules and alert routing, see https://prometheus.io/docs/alerting/ for more.\n\n\
## 11:30 – 12:00 Ned Brook – Prom night for dashboards\n\n\
A prom of graphs: which dashboards people keep.\n";

/// Both HarbourConf days, indexed: five sessions, for queries typed the way people type them.
pub(crate) fn harbourconf() -> TestEnv {
    let env = TestEnv::new()
        .note("2019/harbourconf-2019.md", HARBOURCONF_2019)
        .note("2018/harbourconf-2018.md", HARBOURCONF_2018);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "index failed: {}", out.stderr);
    env
}

/// One Markdown day of two talks (not indexed): ids, places, `show` and `open`.
pub(crate) fn two_talks() -> TestEnv {
    TestEnv::new().note(
        "2019/day1.md",
        "# DevOpsDays 2019\n\n## Vault in production - Ann Lee\n\nSecrets rotate daily.\n\n\
         ## Chaos engineering on Fridays - Bob Ray\n\nBreak things on purpose, see https://youtu.be/abc123XYZ\n",
    )
}

/// The speakers and topics of `day_notes`, in turn.
const SPEAKERS: [&str; 8] = [
    "Ann Lee",
    "Bob Ray",
    "Cy Pérez",
    "Dan Wu",
    "Eve Stone",
    "Fay Moreau",
    "Gus Olsen",
    "Hana Sato",
];

const TOPICS: [&str; 8] = [
    "Secrets management with Vault",
    "Kubernetes operators in practice",
    "Observability with Prometheus",
    "Resilience experiments at scale",
    "Zero trust networking",
    "Continuous delivery pipelines",
    "Incident response playbooks",
    "Service mesh in production",
];

const PARAGRAPH: &str = "We rotated secrets every week and measured the blast radius of each deploy. \
The team moved from manual runbooks to automated checks, then wrote down what broke and why. \
Dashboards showed latency per route, error budgets burned slower, and on-call pages dropped by half. \
Questions from the room were about cost, migration paths and how to convince management. \
See https://example.com/slides and https://www.youtube.com/watch?v=abc for the recording.\n";

/// A day of realistic notes, for runs of many files and large notes: a date line, then
/// `sessions` schedule lines each followed by `paragraphs` paragraphs. `n` makes titles unique.
pub(crate) fn day_notes(n: usize, sessions: usize, paragraphs: usize) -> String {
    let mut s = format!("October {}, 2019\n", 1 + n % 28);
    for i in 0..sessions {
        let (h, m) = (9 + i / 2, if i % 2 == 0 { "00" } else { "30" });
        let end = if i % 2 == 0 {
            format!("{h:02}:30")
        } else {
            format!("{:02}:00", h + 1)
        };
        s.push_str(&format!(
            "{h:02}:{m} – {end} {} – {} number {n} part {i}\n",
            SPEAKERS[(n + i) % SPEAKERS.len()],
            TOPICS[(n * 3 + i) % TOPICS.len()]
        ));
        for _ in 0..paragraphs {
            s.push_str(PARAGRAPH);
            s.push('\n');
        }
    }
    s
}
