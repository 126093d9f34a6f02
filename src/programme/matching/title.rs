//! How well a note's title names an official title. Words as people write them in notes count:
//! typos, prefixes (`intro`), initials (`SRE`, and `SLOs` with a plural), numeronyms (`k8s`,
//! `o11y`), a few common abbreviations (`OTel`, `wasm`, `docs`), two words joined or split
//! (`antipatterns`, `Open Telemetry`). Stop words and the words that only say what kind of
//! session it is (`workshop`, `atelier`, `panel`) are left out: the kind is compared apart.

use super::{same_word, words};

/// Words that say nothing about which talk a title names (English, French, German, Spanish).
const STOP: &[&str] = &[
    "a", "an", "and", "are", "at", "by", "de", "der", "die", "das", "du", "el", "en", "for", "from", "how", "in", "is",
    "it", "its", "la", "le", "les", "of", "on", "or", "our", "the", "to", "und", "von", "we", "what", "why", "with",
    "y", "you", "your", "notes", "that", "this", "vs", "versus", "my", "d", "l", "des", "dans", "et", "avec", "pour",
    "sur", "un", "une", "au", "aux", "mit", "fur", "ein", "eine", "del", "los", "las", "con", "para",
];

/// Words that say what kind of session it is, not which one (`Workshop: …`, `Atelier : …`,
/// `Storage panel`).
const KIND_WORDS: &[&str] = &[
    "talk",
    "keynote",
    "workshop",
    "atelier",
    "panel",
    "lightning",
    "ignite",
    "tutorial",
    "vortrag",
    "taller",
    "charla",
];

/// Words of a title that name a moment of the conference, not a talk (`Opening keynote`,
/// `Ouverture`): a note titled only so is about whichever talk was given then.
const GENERIC: &[&str] = &[
    "opening",
    "closing",
    "welcome",
    "ouverture",
    "cloture",
    "eroffnung",
    "apertura",
    "clausura",
    "morning",
    "afternoon",
];

/// Abbreviations common in notes, each with the word it stands for (prefixes such as `prod`
/// and initials such as `SRE` are found without a list).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("otel", "opentelemetry"),
    ("wasm", "webassembly"),
    ("docs", "documentation"),
    ("doc", "documentation"),
    ("devs", "developers"),
    ("dev", "development"),
    ("db", "database"),
    ("env", "environment"),
    ("mgmt", "management"),
    ("js", "javascript"),
    ("ts", "typescript"),
];

/// A title's words, folded, without stop words and kind words; and the initials of all its
/// words (`SRE`).
pub(super) fn title_words(title: &str) -> (Vec<String>, Vec<char>) {
    let all = words(title);
    let initials = all.iter().filter_map(|w| w.chars().next()).collect();
    let kept = all
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()) && !KIND_WORDS.contains(&w.as_str()))
        .collect();
    (kept, initials)
}

/// Whether a title's words name only a moment of the conference (or nothing at all).
pub(super) fn is_generic(words: &[String]) -> bool {
    words.iter().all(|w| GENERIC.contains(&w.as_str()))
}

/// The words a note's word stands for by a common abbreviation (`otel`: `opentelemetry`).
pub(super) fn spelt_out(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    ABBREVIATIONS
        .iter()
        .filter(move |(short, _)| *short == word)
        .map(|(_, long)| *long)
}

/// A word's numeronym (`k8s` for kubernetes), for words of four letters or more.
pub(super) fn numeronym(word: &str) -> Option<String> {
    let w: Vec<char> = word.chars().collect();
    (w.len() >= 4).then(|| format!("{}{}{}", w[0], w.len() - 2, w[w.len() - 1]))
}

/// Whether `short` is a numeronym of `word`: its first and last letters around the number of
/// letters between them (`k8s` for kubernetes, `o11y` for observability, `a11y`, `i18n`).
fn is_numeronym(short: &str, word: &str) -> bool {
    let s: Vec<char> = short.chars().collect();
    let w: Vec<char> = word.chars().collect();
    if s.len() < 3 || w.len() < 4 {
        return false;
    }
    let (first, last) = (s[0], s[s.len() - 1]);
    let middle: String = s[1..s.len() - 1].iter().collect();
    first.is_alphabetic()
        && last.is_alphabetic()
        && middle.parse::<usize>().is_ok_and(|n| n == w.len() - 2)
        && w[0] == first
        && w[w.len() - 1] == last
}

/// Whether a note's word stands for an official title's word: the same word as people write
/// it, a numeronym or a common abbreviation of it.
fn same_title_word(note: &str, official: &str) -> bool {
    same_word(note, official)
        || is_numeronym(note, official)
        || ABBREVIATIONS
            .iter()
            .any(|(short, long)| *short == note && *long == official)
}

/// Whether `word` is the initials of a run of `initials` (`sre` for Site Reliability
/// Engineering; `slos` for Service Level Objectives, a plural).
#[cfg(test)]
pub(super) fn is_initials(word: &str, initials: &[char]) -> bool {
    initials_run(word, initials).is_some()
}

/// The letters of `word` that are initials of a run of the title's words, when they are.
fn initials_run(word: &str, initials: &[char]) -> Option<Vec<char>> {
    let w: Vec<char> = word.chars().collect();
    let found = |w: &[char]| (2..=6).contains(&w.len()) && initials.windows(w.len()).any(|run| run == w);
    if found(&w) {
        Some(w)
    } else if w.len() >= 3 && w.last() == Some(&'s') && found(&w[..w.len() - 1]) {
        Some(w[..w.len() - 1].to_vec())
    } else {
        None
    }
}

/// How well a note's title words name an official title's, 0 to 1, and how many of the
/// note's words were found. A note often shortens a title: all of its words found in a longer
/// title count nearly as much as the whole title, the more so the more of it they cover.
pub(super) fn similarity(note: &[String], official: &[String], initials: &[char]) -> (f32, usize) {
    if note.is_empty() || official.is_empty() {
        return (0.0, 0);
    }
    let mut used = vec![false; official.len()];
    let mut matched = 0;
    let mut i = 0;
    while i < note.len() {
        let w = &note[i];
        // Two words the note splits (`Open Telemetry`) may be one of the title's.
        if let Some(next) = note.get(i + 1) {
            let joined = format!("{w}{next}");
            let found = official
                .iter()
                .position(|o| o.len() > w.len().max(next.len()) && same_word(&joined, o));
            if let Some(j) = found.filter(|j| !used[*j]) {
                used[j] = true;
                matched += 2;
                i += 2;
                continue;
            }
        }
        let found = official
            .iter()
            .enumerate()
            .find(|(j, o)| !used[*j] && same_title_word(w, o));
        // One word the note joins (`antipatterns`) may be two of the title's (`Anti-Patterns`).
        let joined = || {
            (0..official.len().saturating_sub(1)).find(|&j| {
                !used[j]
                    && !used[j + 1]
                    && w.len() > official[j].len().max(official[j + 1].len())
                    && same_word(w, &format!("{}{}", official[j], official[j + 1]))
            })
        };
        if let Some(j) = joined() {
            used[j] = true;
            used[j + 1] = true;
            matched += 1;
        } else if let Some((j, _)) = found {
            used[j] = true;
            matched += 1;
        } else if let Some(run) = initials_run(w, initials) {
            // The initials stand for several words of the official title: those words are
            // covered, in order.
            let mut from = 0;
            for c in run {
                if let Some(j) = (from..official.len()).find(|&j| !used[j] && official[j].starts_with(c)) {
                    used[j] = true;
                    from = j + 1;
                }
            }
            matched += 1;
        }
        i += 1;
    }
    let covered = used.iter().filter(|u| **u).count().max(matched.min(official.len()));
    let precision = matched.min(note.len()) as f32 / note.len() as f32;
    let recall = covered as f32 / official.len() as f32;
    let f1 = if matched == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let contained = if note.len() >= 2 {
        precision * (0.6 + 0.4 * recall)
    } else {
        0.0
    };
    (f1.max(contained).min(1.0), matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(note: &str, official: &str) -> f32 {
        let (n, _) = title_words(note);
        let (o, initials) = title_words(official);
        similarity(&n, &o, &initials).0
    }

    #[test]
    fn numeronyms_stand_for_their_word_k8s() {
        assert!(is_numeronym("k8s", "kubernetes"));
        assert!(is_numeronym("o11y", "observability"));
        assert!(!is_numeronym("k8s", "kubectl"));
        assert!(!is_numeronym("k8", "kubernetes"));
        assert!(score("Running Postgres on k8s", "Running Postgres on Kubernetes") > 0.95);
    }

    #[test]
    fn common_abbreviations_otel_wasm_docs() {
        assert!(score("Wasm components in prod", "WebAssembly Components in Production") > 0.95);
        assert!(score("OTel collector", "OpenTelemetry Collector") > 0.95);
        assert!(score("Helm charts are not docs", "Helm Charts Are Not Documentation") > 0.95);
    }

    #[test]
    fn plural_initials_slos() {
        assert!(score("SLOs engineers use", "Service Level Objectives That Engineers Use") >= 0.85);
    }

    #[test]
    fn one_word_for_two_antipatterns() {
        assert!(
            score(
                "Platform engineering antipatterns",
                "Platform Engineering Anti-Patterns"
            ) > 0.95
        );
    }

    #[test]
    fn kind_words_do_not_count_pytest_workshop() {
        // `workshop` and `atelier` say only what kind of session it is.
        assert!(score("pytest workshop", "Atelier : débuter avec pytest") >= 0.5);
        assert_eq!(title_words("Keynote").0, Vec::<String>::new());
        assert!(is_generic(&title_words("Opening keynote").0));
        assert!(!is_generic(&title_words("Opening the black box").0));
    }
}
