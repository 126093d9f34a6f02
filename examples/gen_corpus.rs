//! Writes a deterministic corpus of realistic conference notes for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --size 10MB --out /tmp/corpus-10mb [--seed 7] [--file-kb 8]
//! ```
//!
//! A mix of the styles the parser reads: plain-text schedules with day lines, ignites and open
//! spaces; Markdown with front matter and a heading per talk; one file per talk. Prose draws
//! on a Zipf-distributed vocabulary, with links and hashtags.

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// An index in `0..n` with probability falling off as 1/rank (Zipf, s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        ((n as f64).powf(self.unit()) as usize).saturating_sub(1).min(n - 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TERMS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "with",
    "as",
    "on",
    "team",
    "teams",
    "deploy",
    "kubernetes",
    "docker",
    "container",
    "secrets",
    "vault",
    "monitoring",
    "prometheus",
    "observability",
    "culture",
    "incident",
    "on-call",
    "pipeline",
    "testing",
    "security",
    "cloud",
    "terraform",
    "ansible",
    "latency",
    "metrics",
    "logging",
    "tracing",
    "platform",
    "engineering",
    "developers",
    "operations",
    "release",
    "rollback",
    "canary",
    "database",
    "migration",
    "microservices",
    "service",
    "mesh",
    "chaos",
    "resilience",
    "automation",
    "feedback",
    "learning",
    "burnout",
    "empathy",
    "ownership",
    "alerts",
    "dashboards",
    "costs",
    "scaling",
    "cluster",
    "helm",
    "gitops",
    "review",
    "postmortem",
    "reliability",
    "availability",
    "queue",
    "cache",
    "api",
    "schema",
    "data",
];
const FIRST: &[&str] = &[
    "Ann", "Bob", "Chris", "Dana", "Eli", "Fatima", "Greg", "Hana", "Ivan", "Jo", "Kim", "Lars", "Maria", "Nik",
    "Olga", "Priya", "Quinn", "Ravi", "Sara", "Tom",
];
const LAST: &[&str] = &[
    "Lee", "Ray", "Mouat", "Smith", "Okafor", "Novak", "Garcia", "Chen", "Patel", "Hill", "Burgin", "Riley", "Shah",
    "Rao", "Ito", "Berg", "Dufour", "Knight", "Costa", "Weber",
];
const ROOMS: &[&str] = &["Hutton Room", "Boardroom", "Biosphere Blue", "Salisbury Suite"];
const MONTHS: &[&str] = &["March", "May", "June", "September", "October", "November"];

fn words(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&vocab[rng.zipf(vocab.len())]);
    }
    s
}

fn title(rng: &mut Rng, vocab: &[String]) -> String {
    let n = 3 + rng.below(5);
    let mut t = words(rng, vocab, n);
    if let Some(f) = t.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    t
}

fn speaker(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn paragraph(rng: &mut Rng, vocab: &[String]) -> String {
    let n = 25 + rng.below(40);
    let mut p = words(rng, vocab, n);
    if rng.below(4) == 0 {
        let _ = write!(
            p,
            " https://example{}.com/{}/{}",
            rng.below(50),
            rng.pick(TERMS),
            rng.below(1000)
        );
    }
    if rng.below(6) == 0 {
        let _ = write!(p, " #{}", rng.pick(TERMS));
    }
    p.push_str(".\n");
    p
}

fn schedule_file(rng: &mut Rng, vocab: &[String], year: u32, target: usize) -> String {
    let mut s = String::new();
    let mut day = 1 + rng.below(20);
    let month = rng.pick(MONTHS);
    while s.len() < target {
        let _ = writeln!(s, "{month} {day}, {year}\n08:00 – 09:00 Registration and coffee");
        for hour in 9..17 {
            match hour {
                12 => {
                    let _ = writeln!(s, "12:00 – 13:00 Lunch Break\n\n13:00 – 13:30 Ignites\n");
                    for _ in 0..3 {
                        let _ = writeln!(s, "{} – {}\n{}", speaker(rng), title(rng, vocab), paragraph(rng, vocab));
                    }
                }
                15 => {
                    let _ = writeln!(s, "Open Spaces Session 1 – 15:00 – 15:30");
                    let attended = rng.below(ROOMS.len());
                    for (i, room) in ROOMS.iter().enumerate() {
                        let _ = writeln!(
                            s,
                            "{}{room} – {}",
                            if i == attended { "* " } else { "" },
                            title(rng, vocab)
                        );
                    }
                    let _ = writeln!(s, "\n{}", paragraph(rng, vocab));
                }
                _ => {
                    let _ = writeln!(
                        s,
                        "{hour:02}:00 – {hour:02}:45 {} – {}",
                        speaker(rng),
                        title(rng, vocab)
                    );
                    for _ in 0..1 + rng.below(3) {
                        s.push_str(&paragraph(rng, vocab));
                        s.push('\n');
                    }
                }
            }
        }
        let _ = writeln!(s, "16:50 – 17:00 Day Close\n");
        day += 1;
    }
    s
}

fn markdown_file(rng: &mut Rng, vocab: &[String], year: u32, target: usize) -> String {
    let mut s = format!(
        "---\ntitle: Notes {year}\nconference: Conf {}\ndate: {year}-10-0{}\ntags: [{}, {}]\n---\n\n# Conf {} {year}\n\n",
        rng.below(30),
        1 + rng.below(8),
        rng.pick(TERMS),
        rng.pick(TERMS),
        rng.below(30)
    );
    let mut hour = 9;
    while s.len() < target {
        let _ = writeln!(
            s,
            "## {hour:02}:{:02} {} - {}\n",
            15 * rng.below(4),
            title(rng, vocab),
            speaker(rng)
        );
        for _ in 0..1 + rng.below(3) {
            if rng.below(3) == 0 {
                let _ = writeln!(
                    s,
                    "- {}\n- [{}](https://docs.example.org/{})",
                    words(rng, vocab, 8),
                    rng.pick(TERMS),
                    rng.below(500)
                );
            }
            s.push_str(&paragraph(rng, vocab));
            s.push('\n');
        }
        hour = if hour >= 17 { 9 } else { hour + 1 };
    }
    s
}

fn talk_file(rng: &mut Rng, vocab: &[String], target: usize) -> String {
    let mut s = format!("# \"{}\" by {}\n\n", title(rng, vocab), speaker(rng));
    while s.len() < target {
        let _ = writeln!(s, "## {}\n", title(rng, vocab));
        s.push_str(&paragraph(rng, vocab));
        s.push('\n');
    }
    s
}

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_uppercase();
    let (num, mult) = if let Some(n) = s.strip_suffix("GB") {
        (n, 1 << 30)
    } else if let Some(n) = s.strip_suffix("MB") {
        (n, 1 << 20)
    } else if let Some(n) = s.strip_suffix("KB") {
        (n, 1 << 10)
    } else {
        (s.as_str(), 1)
    };
    num.trim().parse::<usize>().ok().map(|n| n * mult)
}

fn main() {
    let mut size = 10 << 20;
    let mut out = PathBuf::from("bench-corpus");
    let mut seed = 7u64;
    let mut file_kb = 16usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--size" => size = parse_size(&value).unwrap_or_else(|| panic!("--size {value}: use e.g. 10MB")),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--file-kb" => file_kb = value.parse().expect("--file-kb takes a number"),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    let mut rng = Rng(seed.max(1) * 0x9E37_79B9_7F4A_7C15);
    // A vocabulary of real terms and made-up words, ranked for Zipf draws.
    let mut vocab: Vec<String> = TERMS.iter().map(|t| t.to_string()).collect();
    for n in 0..20_000 {
        let len = 3 + rng.below(8);
        let w: String = (0..len)
            .map(|k| (b'a' + ((n * 7 + k * 13 + rng.below(26)) % 26) as u8) as char)
            .collect();
        vocab.push(w);
    }
    let mut written = 0usize;
    let mut n = 0usize;
    while written < size {
        let year = 2015 + (n % 10) as u32;
        let target = (file_kb << 10) / 2 + rng.below(file_kb << 10);
        let (rel, text) = match n % 3 {
            0 => (
                format!("{year}/conf-{}/day-{n}.txt", n % 40),
                schedule_file(&mut rng, &vocab, year, target),
            ),
            1 => (
                format!("{year}/conf-{}/notes-{n}.md", n % 40),
                markdown_file(&mut rng, &vocab, year, target),
            ),
            _ => (
                format!("{year}/conf-{}/talks/talk-{n}.md", n % 40),
                talk_file(&mut rng, &vocab, target),
            ),
        };
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(&path, &text).expect("write note");
        written += text.len();
        n += 1;
    }
    eprintln!("wrote {n} files, {written} bytes, to {}", out.display());
}
