//! The year of a free section that sits after a day close, from what it says.
//!
//! A file may hold a dated schedule, then prose sections pasted from somewhere else (a blog
//! post from another year), then maybe another dated schedule. Once the day is closed, its
//! date and year say nothing about those sections; their own text does:
//!
//! - a year in a URL (`/2017/11/`, `events/2017-edinburgh`) or in the prose (`in 2017`, `© 2017`);
//! - a speaker or a talk title of one dated schedule of the same file (a section discussing the
//!   2017 talks is 2017); a name or title written in several schedules says nothing;
//! - a sentence announcing a schedule below or above (`the schedule is at the bottom of this
//!   post`, `see the agenda above`): that schedule's year.
//!
//! Each section is weighed on its own first; a section whose own clues do not decide takes the
//! verdict of its run (the consecutive free sections between a day close and what follows: one
//! pasted post). Clues pointing to two years, in a section or across its run, leave it yearless,
//! and so does silence: a wrong year hides a session from a year filter, a missing one does not.
//!
//! Pure: text and the file's dated talks in, a year and the reason out.
//!
//! Length: over 500 lines because the evidence is weighed in one place (URLs, prose, the schedule's
//! speakers and titles, pointing sentences, per section then per run of sections), with its named
//! weights; the rest is its unit tests.

use crate::index::fold;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// A year written inside a URL: the address of a post or an event page rarely lies.
pub(crate) const URL_YEAR: f32 = 3.0;
/// A year written in the prose (`in 2018`, `© 2017`).
pub(crate) const TEXT_YEAR: f32 = 2.0;
/// A speaker's full name, as one schedule lists it.
pub(crate) const FULL_NAME: f32 = 3.0;
/// A talk title of one schedule, whole.
pub(crate) const WHOLE_TITLE: f32 = 3.0;
/// Two hints at one talk (`Rory's trick` and `drift detection` for Rory Buchanan's
/// *Terraform drift detection at a bank*): a reference to that talk.
pub(crate) const TALK_REFERENCE: f32 = 2.0;
/// One hint alone: a speaker's given name or surname, or two consecutive words of a title
/// (`big data`, `docker images`). People share names and titles share phrases: this only
/// tips a run of sections that says nothing stronger.
pub(crate) const HINT: f32 = 0.5;
/// `The schedule is at the bottom of this post`: the schedule it points at.
pub(crate) const SCHEDULE_POINTER: f32 = 3.0;
/// The weight a year needs before it dates anything.
pub(crate) const MIN_EVIDENCE: f32 = 2.0;
/// …and how many times the weight of every other year together it must outweigh.
pub(crate) const DOMINANCE: f32 = 3.0;
/// Years outside this range are counts, ports or prices, not years of notes.
pub(crate) const EARLIEST_YEAR: i16 = 1990;
pub(crate) const LATEST_YEAR: i16 = 2049;

/// A talk of a dated schedule of the file.
#[derive(Debug, Clone)]
pub(crate) struct ScheduledTalk<'a> {
    pub year: i16,
    /// The line the talk starts at: a schedule `below` or `above` a section is found by it.
    pub line: usize,
    pub title: &'a str,
    pub speakers: &'a [String],
}

/// A free section after a day close: its lines and the run (pasted post) it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct FreeSection {
    pub first_line: usize,
    pub last_line: usize,
    pub run: usize,
    /// The section's text as written, title included (URLs kept).
    pub text: String,
}

/// One reason to date a section: a year and how much it weighs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Clue {
    pub year: i16,
    pub weight: f32,
    /// What was found, for `--explain`: `URL year 2017`, `speaker Jenny Duckett`.
    pub what: String,
}

/// What a set of clues says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// One year, with enough weight and well ahead of any other.
    Year(i16),
    /// Two or more years with weight: the text is about several events.
    Conflict(Vec<i16>),
    /// Too little to go on.
    Silent,
}

/// A section's year (or none) and why, for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dating {
    pub year: Option<i16>,
    pub reason: String,
}

/// Weighs clues: a year needs [`MIN_EVIDENCE`] and [`DOMINANCE`] times the rest. Two years
/// with that much weight conflict; one year with weight but no clear lead says nothing alone.
pub(crate) fn verdict(clues: &[Clue]) -> Verdict {
    let mut by_year: BTreeMap<i16, f32> = BTreeMap::new();
    for c in clues {
        *by_year.entry(c.year).or_default() += c.weight;
    }
    let total: f32 = by_year.values().sum();
    let strong: Vec<i16> = by_year
        .iter()
        .filter(|(_, w)| **w >= MIN_EVIDENCE)
        .map(|(y, _)| *y)
        .collect();
    match strong.as_slice() {
        [] => Verdict::Silent,
        [year] if by_year[year] >= DOMINANCE * (total - by_year[year]) => Verdict::Year(*year),
        [_] => Verdict::Silent,
        _ => Verdict::Conflict(strong),
    }
}

/// What the dated schedules of a file make known: which names and titles belong to one year,
/// indexed so that a section's text is read once whatever the number of talks.
pub(crate) struct Schedules<'a> {
    talks: &'a [ScheduledTalk<'a>],
    /// The talks' lines, sorted, with their years: the schedule below or above a line.
    by_line: Vec<(usize, i16)>,
    /// Folded full names and whole titles of one year, by their first word: (words, talk,
    /// is a name).
    runs: HashMap<String, Vec<(Vec<String>, usize, bool)>>,
    /// A given name or surname as written (`Rory`) of one year → the talks of its speaker.
    parts: HashMap<String, Vec<usize>>,
    /// Two consecutive title words of one year → the talks whose titles hold them.
    pairs: HashMap<(String, String), Vec<usize>>,
}

/// Words too common to tell one title from another.
const STOP_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "from",
    "your",
    "you",
    "our",
    "how",
    "what",
    "why",
    "who",
    "when",
    "into",
    "about",
    "are",
    "not",
    "but",
    "all",
    "its",
    "this",
    "that",
    "more",
    "less",
    "using",
    "use",
    "one",
    "two",
    "new",
    "way",
    "ways",
    "talk",
    "talks",
    "keynote",
    "session",
    "introduction",
    "intro",
    "part",
    "day",
];

/// Keeps the entries of `map` listed by one year only.
fn one_year<K: std::hash::Hash + Eq, V>(map: HashMap<K, (HashSet<i16>, V)>) -> HashMap<K, V> {
    map.into_iter()
        .filter(|(_, (years, _))| years.len() == 1)
        .map(|(k, (_, v))| (k, v))
        .collect()
}

impl<'a> Schedules<'a> {
    pub(crate) fn new(talks: &'a [ScheduledTalk<'a>]) -> Schedules<'a> {
        type Listed<K> = HashMap<K, (HashSet<i16>, Vec<usize>)>;
        let mut names: Listed<Vec<String>> = HashMap::default();
        let mut titles: Listed<Vec<String>> = HashMap::default();
        let mut parts: Listed<String> = HashMap::default();
        let mut pairs: Listed<(String, String)> = HashMap::default();
        fn add<K: std::hash::Hash + Eq>(map: &mut Listed<K>, key: K, year: i16, talk: usize) {
            let entry = map.entry(key).or_default();
            entry.0.insert(year);
            if entry.1.last() != Some(&talk) {
                entry.1.push(talk);
            }
        }
        for (i, t) in talks.iter().enumerate() {
            for speaker in t.speakers {
                let words = folded_words(speaker);
                if words.len() >= 2 {
                    add(&mut names, words, t.year, i);
                }
                for part in raw_words(speaker) {
                    if part.chars().count() >= 3 && part.chars().next().is_some_and(char::is_uppercase) {
                        add(&mut parts, part.to_string(), t.year, i);
                    }
                }
            }
            let title = folded_words(t.title);
            for pair in content_pairs(&title) {
                add(&mut pairs, pair, t.year, i);
            }
            if content_pairs(&title).next().is_some() {
                add(&mut titles, title, t.year, i);
            }
        }
        let mut runs: HashMap<String, Vec<(Vec<String>, usize, bool)>> = HashMap::default();
        for (is_name, map) in [(true, one_year(names)), (false, one_year(titles))] {
            for (words, listed) in map {
                for talk in listed {
                    runs.entry(words[0].clone())
                        .or_default()
                        .push((words.clone(), talk, is_name));
                }
            }
        }
        for list in runs.values_mut() {
            list.sort();
        }
        let mut by_line: Vec<(usize, i16)> = talks.iter().map(|t| (t.line, t.year)).collect();
        by_line.sort_unstable();
        Schedules {
            talks,
            by_line,
            runs,
            parts: one_year(parts),
            pairs: one_year(pairs),
        }
    }

    /// The year of the first dated talk after `line` (`below`) or the last one before it.
    fn schedule_year(&self, line: usize, below: bool) -> Option<i16> {
        let at = self.by_line.partition_point(|(l, _)| *l <= line);
        if below {
            self.by_line.get(at).map(|t| t.1)
        } else {
            let before = self.by_line.partition_point(|(l, _)| *l < line);
            before.checked_sub(1).map(|i| self.by_line[i].1)
        }
    }

    /// Every clue in `section`'s text, each finding counted once.
    pub(crate) fn clues(&self, section: &FreeSection) -> Vec<Clue> {
        let mut clues = Vec::new();
        let mut push = |year: i16, weight: f32, what: String| {
            if !clues.iter().any(|c: &Clue| c.what == what) {
                clues.push(Clue { year, weight, what });
            }
        };
        for (year, in_url) in years_written(&section.text) {
            if in_url {
                push(year, URL_YEAR, format!("{year} in a URL"));
            } else {
                push(year, TEXT_YEAR, format!("{year} in the text"));
            }
        }
        let words = folded_words(&section.text);
        // Per talk: named in full (a speaker's name or the whole title), and its weak hints.
        let mut named: BTreeMap<usize, (bool, &[String])> = BTreeMap::new();
        let mut hints: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut hint = |talk: usize, what: String| {
            let list = hints.entry(talk).or_default();
            if !list.contains(&what) {
                list.push(what);
            }
        };
        for (i, w) in words.iter().enumerate() {
            for (run, talk, is_name) in self.runs.get(w).map_or(&[][..], Vec::as_slice) {
                if words[i..].starts_with(run) {
                    named.entry(*talk).or_insert((*is_name, run.as_slice()));
                }
            }
            if let Some(next) = words.get(i + 1)
                && let Some(talks) = self.pairs.get(&(w.clone(), next.clone()))
            {
                for &talk in talks {
                    hint(talk, format!("“{w} {next}”"));
                }
            }
        }
        for noun in proper_nouns(&section.text) {
            for &talk in self.parts.get(noun).map_or(&[][..], Vec::as_slice) {
                hint(talk, noun.to_string());
            }
        }
        for (&talk, &(is_name, run)) in &named {
            let t = &self.talks[talk];
            let year = t.year;
            if is_name {
                let who = t
                    .speakers
                    .iter()
                    .find(|s| folded_words(s) == run)
                    .map_or_else(|| run.join(" "), String::clone);
                push(year, FULL_NAME, format!("speaker {who} ({year} schedule)"));
            } else {
                push(year, WHOLE_TITLE, format!("title “{}” ({year} schedule)", t.title));
            }
        }
        for (talk, list) in hints {
            if named.contains_key(&talk) {
                continue;
            }
            let t = &self.talks[talk];
            let year = t.year;
            match list.as_slice() {
                [one] => push(year, HINT, format!("{one} ({year} schedule)")),
                many => push(
                    year,
                    TALK_REFERENCE,
                    format!("talk “{}” ({year} schedule): {}", t.title, many.join(", ")),
                ),
            }
        }
        for below in schedule_pointers(&section.text) {
            let line = if below { section.last_line } else { section.first_line };
            if let Some(year) = self.schedule_year(line, below) {
                let place = if below { "below" } else { "above" };
                push(
                    year,
                    SCHEDULE_POINTER,
                    format!("points at the schedule {place} ({year})"),
                );
            }
        }
        clues
    }
}

/// Consecutive pairs of content words of a title: `terraform drift`, `drift detection`.
fn content_pairs(title: &[String]) -> impl Iterator<Item = (String, String)> + '_ {
    title
        .windows(2)
        .filter(|p| is_content_word(&p[0]) && is_content_word(&p[1]))
        .map(|p| (p[0].clone(), p[1].clone()))
}

/// Dates each free section: its own clues first, then its run's; conflicting evidence leaves
/// it yearless, and so does silence unless the file states its own year (`fallback`: front
/// matter, path or title). One [`Dating`] per section, in order.
pub(crate) fn date_sections(
    talks: &[ScheduledTalk<'_>],
    sections: &[FreeSection],
    fallback: Option<i16>,
) -> Vec<Dating> {
    let schedules = Schedules::new(talks);
    let clues: Vec<Vec<Clue>> = sections.iter().map(|s| schedules.clues(s)).collect();
    let own: Vec<Verdict> = clues.iter().map(|c| verdict(c)).collect();
    let mut runs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in sections.iter().enumerate() {
        runs.entry(s.run).or_default().push(i);
    }
    let mut run_verdict: HashMap<usize, (Verdict, String)> = HashMap::default();
    for (run, members) in &runs {
        // Sections that decide on their own speak for the run; failing that, the weak clues
        // of all its sections together.
        let mut years: Vec<i16> = members
            .iter()
            .filter_map(|&i| match own[i] {
                Verdict::Year(y) => Some(y),
                _ => None,
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        let verdict = match years.as_slice() {
            [] => {
                let pooled: Vec<Clue> = members.iter().flat_map(|&i| clues[i].iter().cloned()).collect();
                let v = verdict(&pooled);
                let why = describe(&pooled);
                (v, why)
            }
            [y] => {
                let deciding: Vec<String> = members
                    .iter()
                    .filter(|&&i| own[i] == Verdict::Year(*y))
                    .map(|&i| sections[i].first_line.to_string())
                    .collect();
                let why = match deciding.as_slice() {
                    [one] => format!("the section at line {one} says so"),
                    many => format!("the sections at lines {} say so", many.join(", ")),
                };
                (Verdict::Year(*y), why)
            }
            many => (Verdict::Conflict(many.to_vec()), String::new()),
        };
        run_verdict.insert(*run, verdict);
    }
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mine = describe(&clues[i]);
            match (&own[i], &run_verdict[&s.run]) {
                (Verdict::Year(y), _) => Dating {
                    year: Some(*y),
                    reason: format!("year {y} from its own text: {mine}"),
                },
                (Verdict::Conflict(years), _) => Dating {
                    year: None,
                    reason: format!("no year: its text points to several ({}): {mine}", list(years)),
                },
                (Verdict::Silent, (Verdict::Year(y), why)) => Dating {
                    year: Some(*y),
                    reason: format!("year {y} from the free sections around it (one pasted post): {why}"),
                },
                (Verdict::Silent, (Verdict::Conflict(years), _)) => Dating {
                    year: None,
                    reason: format!(
                        "no year: the free sections around it point to several ({}){}",
                        list(years),
                        if mine.is_empty() { String::new() } else { format!("; its own: {mine}") }
                    ),
                },
                (Verdict::Silent, (Verdict::Silent, _)) => match fallback {
                    Some(y) => Dating {
                        year: Some(y),
                        reason: format!("year {y} of the file (front matter, path or title): nothing in the free sections says otherwise"),
                    },
                    None => Dating {
                        year: None,
                        reason: if mine.is_empty() {
                            "no year: nothing in it or the free sections around it says".to_string()
                        } else {
                            format!("no year: too little evidence ({mine})")
                        },
                    },
                },
            }
        })
        .collect()
}

fn list(years: &[i16]) -> String {
    years.iter().map(i16::to_string).collect::<Vec<_>>().join(", ")
}

fn describe(clues: &[Clue]) -> String {
    let mut out = String::new();
    for c in clues {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let _ = write!(out, "{} [{}]", c.what, c.weight);
    }
    out
}

/// The words of `text` as written: runs of letters and digits.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The words of `text`, folded.
fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_content_word(w: &str) -> bool {
    w.len() >= 3 && !STOP_WORDS.contains(&w) && !w.chars().all(|c| c.is_ascii_digit())
}

/// Capitalised words that read as names: inside a sentence, or possessive (`Pavel's`) anywhere.
fn proper_nouns(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | '#' | '*' | '-' | '–' | '—' | ':') {
                sentence_start = true;
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !d.is_alphanumeric() {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let word = &text[i..end];
        let rest = &text[end..];
        let possessive = rest.starts_with("'s") || rest.starts_with("’s");
        let acronym = word.chars().all(|c| !c.is_lowercase());
        if c.is_uppercase() && !acronym && (!sentence_start || possessive) {
            out.push(word);
        }
        sentence_start = false;
    }
    out
}

/// The years written in `text`, each with whether it sits inside a URL.
fn years_written(text: &str) -> Vec<(i16, bool)> {
    let mut out = Vec::new();
    for token in text.split_whitespace() {
        let in_url = token.contains("://") || token.contains("www.") || token.contains("](");
        let digits = token.split(|c: char| !c.is_ascii_digit());
        for part in digits {
            if part.len() != 4 {
                continue;
            }
            let Ok(year) = part.parse::<i16>() else { continue };
            if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
                continue;
            }
            // The four digits stand alone: not inside a word (`x2017`), a decimal or a list of numbers.
            let at = token.find(part).unwrap_or(0);
            let before = token[..at].chars().next_back();
            let after = token[at + part.len()..].chars().next();
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !in_url);
            let numeric = |c: Option<char>| c.is_some_and(|c| matches!(c, ',' | '.' | ':')) && !in_url;
            let in_number = numeric(before)
                || (numeric(after) && token[at + part.len() + 1..].starts_with(|c: char| c.is_ascii_digit()));
            if glued(before) || glued(after) || in_number || token[..at].ends_with(['$', '£', '€']) {
                continue;
            }
            if in_url && (before.is_some_and(|c| c.is_alphanumeric()) || after.is_some_and(|c| c.is_alphanumeric())) {
                continue;
            }
            out.push((year, in_url));
        }
    }
    out
}

/// Sentences announcing a schedule: `true` for one below (`at the bottom of this post`,
/// `see the agenda below`), `false` for one above.
fn schedule_pointers(text: &str) -> Vec<bool> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for sentence in lower.split(['.', '!', '?', '\n']) {
        let Some(at) = SCHEDULE_WORD.find(sentence).map(|m| m.start()) else {
            continue;
        };
        // The direction nearest after the word (`the schedule at the bottom … the site above`),
        // else the nearest before it (`below is the agenda`).
        let after = |re: &Regex| re.find(&sentence[at..]).map(|m| m.start());
        let before = |re: &Regex| re.find_iter(&sentence[..at]).last().map(|m| at - m.start());
        let pick = |b: Option<usize>, a: Option<usize>| match (b, a) {
            (Some(b), Some(a)) => Some(b <= a),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        };
        if let Some(below) = pick(after(&BELOW), after(&ABOVE)).or_else(|| pick(before(&BELOW), before(&ABOVE))) {
            out.push(below);
        }
    }
    out
}

static SCHEDULE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:schedules?|agendas?|programmes?|programs?|timetables?|line-?ups?)\b").expect("valid regex")
});
static BELOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:below|(?:at the )?bottom of|further down|at the end of (?:this|the) (?:post|page|article|notes))\b",
    )
    .expect("valid regex")
});
static ABOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:above|at the top of|earlier in (?:this|the) (?:post|page|article|notes))\b").expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn talk<'a>(year: i16, line: usize, title: &'a str, speakers: &'a [String]) -> ScheduledTalk<'a> {
        ScheduledTalk {
            year,
            line,
            title,
            speakers,
        }
    }

    fn section(first_line: usize, run: usize, text: &str) -> FreeSection {
        FreeSection {
            first_line,
            last_line: first_line + text.lines().count(),
            run,
            text: text.to_string(),
        }
    }

    #[test]
    fn years_in_urls_and_prose() {
        assert_eq!(
            years_written("see https://blog.example.com/2017/11/tips and www.example.org/events/2016-oslo/"),
            vec![(2017, true), (2016, true)]
        );
        assert_eq!(
            years_written("a talk I gave in 2018, © 2019."),
            vec![(2018, false), (2019, false)]
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        for text in [
            "we serve 2,000 requests",
            "costs $2019 a month",
            "build x2017 failed",
            "version 2017.3 is out",
            "port 80 and 8080",
            "in 1984 Orwell wrote",
            "https://example.com/dp/149192912X",
            "https://quizlet.com/44514109/cards",
        ] {
            assert_eq!(years_written(text), vec![], "{text}");
        }
    }

    #[test]
    fn schedule_pointers_below_and_above() {
        assert_eq!(
            schedule_pointers("I've included the schedule at the bottom of this post – in case the site above goes"),
            vec![true]
        );
        assert_eq!(schedule_pointers("See the agenda below."), vec![true]);
        assert_eq!(schedule_pointers("The programme above was packed."), vec![false]);
        assert_eq!(schedule_pointers("Below is the timetable we kept to."), vec![true]);
        assert_eq!(
            schedule_pointers("The schedule slipped by an hour."),
            Vec::<bool>::new()
        );
        // Words that only contain a schedule word.
        assert_eq!(
            schedule_pointers("Functional programming is explained below."),
            Vec::<bool>::new()
        );
    }

    #[test]
    fn names_inside_sentences_or_possessive() {
        assert_eq!(
            proper_nouns("Pavel's numbers convinced us. Then we asked Rory about it. Nothing else"),
            vec!["Pavel", "Rory"]
        );
    }

    #[test]
    fn verdict_needs_weight_and_a_clear_lead() {
        let clue = |year, weight| Clue {
            year,
            weight,
            what: format!("{year} {weight}"),
        };
        assert_eq!(verdict(&[]), Verdict::Silent);
        assert_eq!(verdict(&[clue(2017, HINT)]), Verdict::Silent);
        assert_eq!(verdict(&[clue(2017, URL_YEAR)]), Verdict::Year(2017));
        assert_eq!(verdict(&[clue(2017, URL_YEAR), clue(2019, HINT)]), Verdict::Year(2017));
        // A lead too small to tell: left to the run.
        assert_eq!(
            verdict(&[clue(2019, TALK_REFERENCE), clue(2017, HINT), clue(2017, HINT)]),
            Verdict::Silent
        );
        assert_eq!(
            verdict(&[clue(2017, URL_YEAR), clue(2019, TEXT_YEAR)]),
            Verdict::Conflict(vec![2017, 2019])
        );
    }

    #[test]
    fn speakers_and_titles_of_one_schedule_date_a_section() {
        let rory = vec!["Rory Buchanan".to_string()];
        let callum = vec!["Callum Ross".to_string()];
        let talks = [
            talk(2023, 10, "Terraform drift detection at a bank", &rory),
            talk(2021, 40, "Why we stopped doing change advisory boards", &callum),
        ];
        let s = Schedules::new(&talks);
        let clues = s.clues(&section(
            20,
            0,
            "Drift, again\n\nI keep thinking about the Terraform drift detection talk and Rory's trick.",
        ));
        assert_eq!(verdict(&clues), Verdict::Year(2023), "{clues:?}");
        let clues = s.clues(&section(20, 0, "Notes\n\nCallum Ross said boards slow everyone down."));
        assert_eq!(verdict(&clues), Verdict::Year(2021), "{clues:?}");
    }

    #[test]
    fn a_name_in_two_schedules_says_nothing() {
        let ana = vec!["Ana Costa".to_string()];
        let talks = [
            talk(2019, 5, "Rust in anger", &ana),
            talk(2017, 60, "Go in anger", &ana),
        ];
        let s = Schedules::new(&talks);
        let clues = s.clues(&section(
            30,
            0,
            "Thoughts\n\nAna Costa was great again, and so was Ana's demo.",
        ));
        assert_eq!(clues, vec![]);
    }

    #[test]
    fn a_pasted_post_is_dated_by_its_run() {
        // Three sections of one post: one names the year in a URL, the others say nothing.
        let talks = [talk(2019, 2, "Observability for everyone", &[])];
        let sections = [
            section(10, 0, "Bits and pieces\n\nHallway chats were the best part."),
            section(14, 0, "Links\n\nThe slides: https://blog.example.org/2016/05/slides"),
            section(18, 0, "Food\n\nThe sandwiches were fine."),
        ];
        let dated = date_sections(&talks, &sections, None);
        let years: Vec<Option<i16>> = dated.iter().map(|d| d.year).collect();
        assert_eq!(years, vec![Some(2016), Some(2016), Some(2016)], "{dated:?}");
        assert!(dated[0].reason.contains("around it"), "{}", dated[0].reason);
    }

    #[test]
    fn a_run_pointing_to_two_years_leaves_the_silent_sections_yearless() {
        let talks = [
            talk(2022, 2, "Secrets rotation", &[]),
            talk(2023, 40, "Nix caches", &[]),
        ];
        let sections = [
            section(10, 0, "Old slides\n\nFrom a talk I gave in 2018."),
            section(14, 0, "Puzzles\n\nWhy DNS is always the answer."),
            section(
                18,
                0,
                "Old programme\n\nSee https://example.org/events/2021-glasgow/ for it.",
            ),
        ];
        let years: Vec<Option<i16>> = date_sections(&talks, &sections, None).iter().map(|d| d.year).collect();
        assert_eq!(years, vec![Some(2018), None, Some(2021)]);
    }

    #[test]
    fn a_post_pointing_at_the_schedule_below_takes_its_year() {
        let talks = [
            talk(2019, 2, "Observability for everyone", &[]),
            talk(2017, 50, "Helm in anger", &[]),
        ];
        let sections = [section(
            20,
            0,
            "Event summary\n\nThe schedule is at the bottom of this post.",
        )];
        let dated = date_sections(&talks, &sections, None);
        assert_eq!(dated[0].year, Some(2017), "{dated:?}");
        let sections = [section(60, 0, "Afterwards\n\nSee the agenda above for who spoke.")];
        assert_eq!(date_sections(&talks, &sections, None)[0].year, Some(2017));
    }

    #[test]
    fn three_thousand_talks_and_three_thousand_sections_are_read_in_one_pass_each() {
        // Each section's text is read once against indexes of the talks: not talks × sections.
        let speakers: Vec<Vec<String>> = (0..3000).map(|i| vec![format!("Speaker Number{i}")]).collect();
        let titles: Vec<String> = (0..3000).map(|i| format!("Scaling queue{i} under load")).collect();
        let talks: Vec<ScheduledTalk> = (0..3000)
            .map(|i| talk(2017 + (i % 2) as i16, i, &titles[i], &speakers[i]))
            .collect();
        let sections: Vec<FreeSection> = (0..3000)
            .map(|i| {
                section(
                    5000 + i * 3,
                    0,
                    &format!("Notes {i}\n\nWe talked with Number{i} about queue{i} and the weather, then went home."),
                )
            })
            .collect();
        let started = std::time::Instant::now();
        let dated = date_sections(&talks, &sections, None);
        assert_eq!(dated.len(), 3000);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn no_evidence_is_no_year() {
        let talks = [talk(2019, 2, "Observability for everyone", &[])];
        let sections = [section(20, 0, "A note to self\n\nBuy a better notebook.")];
        let dated = date_sections(&talks, &sections, None);
        assert_eq!(dated[0].year, None);
        assert!(dated[0].reason.contains("nothing"), "{}", dated[0].reason);
    }
}
