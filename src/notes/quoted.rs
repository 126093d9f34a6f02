//! A quoted title among prose: `… opened with "Mutation testing in anger" - Priya Raman.`,
//! `"Rust para programadores de Go" - Diego Ramírez y Marta Ortega`. The title is the quote;
//! the speakers are the names right after its dash (or `by`), up to the end of the clause.

use super::affiliation::split_affiliation;
use super::names::{name_score, split_names};

/// Name score each speaker after the quote needs.
const SPEAKER_AFTER_QUOTE: f32 = 0.75;
/// Words a quoted title may have: fewer is a word in quotes, more a quotation.
const TITLE_WORDS: std::ops::RangeInclusive<usize> = 2..=14;

/// The quoted title and its speakers on `line`; `next` is the following line of the same
/// paragraph, for names wrapped onto it (`… - Eglė Kazlauskienė` / `and Tomas Vaitkus, …`).
pub(crate) fn quoted_talk(line: &str, next: Option<&str>) -> Option<(String, Vec<String>)> {
    for (open, close) in [('"', '"'), ('“', '”')] {
        let mut from = 0;
        while let Some(start) = line[from..].find(open).map(|i| i + from) {
            let after_open = start + open.len_utf8();
            let Some(len) = line[after_open..].find(close) else {
                break;
            };
            let title = line[after_open..after_open + len].trim();
            let rest = &line[after_open + len + close.len_utf8()..];
            from = after_open + len + close.len_utf8();
            if !TITLE_WORDS.contains(&title.split_whitespace().count()) {
                continue;
            }
            if let Some(speakers) = speakers_after(rest, next) {
                return Some((title.trim_end_matches([',', '.']).to_string(), speakers));
            }
        }
    }
    None
}

/// An emphasised title opening a line of prose: `*Types as documentation* by [Helena
/// Berg](https://…) of Funktor AB. Her claim: …`, `_Actors in the browser_ - Kacper Nowak`.
/// `title_len` is the length of the emphasised words at the start of `line`.
pub(crate) fn emphasised_talk(line: &str, title_len: usize, next: Option<&str>) -> Option<(String, Vec<String>)> {
    let title = line.get(..title_len)?.trim().trim_end_matches([',', '.', ':']);
    if !TITLE_WORDS.contains(&title.split_whitespace().count()) {
        return None;
    }
    let speakers = speakers_after(&line[title_len..], next)?;
    Some((title.to_string(), speakers))
}

/// The speakers named right after a title: after its dash or `by`, up to the end of the
/// clause, each without the organisation after it (`Ana Costa of Acme`); names wrapped onto
/// the next line of the paragraph are read too (`- Eglė Kazlauskienė` / `and Tomas Vaitkus, …`).
fn speakers_after(rest: &str, next: Option<&str>) -> Option<Vec<String>> {
    let tail = after_separator(rest)?;
    let clause_end = tail.find([',', '.', ';', ':', '(']).unwrap_or(tail.len());
    let mut names_text = tail[..clause_end].trim().to_string();
    if clause_end == tail.len()
        && let Some(next) = next
    {
        let n = next.trim_start();
        if ["and ", "y ", "& ", "et ", "und ", "i "]
            .iter()
            .any(|j| n.starts_with(j))
        {
            let end = n.find([',', '.', ';', ':', '(']).unwrap_or(n.len());
            names_text = format!("{names_text} {}", &n[..end]);
        }
    }
    names_without_tails(&names_text)
}

/// `Ana Costa of Acme and Ben Ode`: the names, each without the organisation after it, when
/// every one reads as a name.
pub(crate) fn names_without_tails(text: &str) -> Option<Vec<String>> {
    let speakers: Vec<String> = split_names(text)
        .iter()
        .map(|s| split_affiliation(s).0.to_string())
        .collect();
    (!speakers.is_empty() && speakers.iter().all(|s| name_score(s) >= SPEAKER_AFTER_QUOTE)).then_some(speakers)
}

/// The text after ` - `, ` – `, ` — ` or ` by ` right after the quote.
fn after_separator(rest: &str) -> Option<&str> {
    let t = rest.trim_start_matches([',', ' ']);
    for sep in ["- ", "– ", "— ", "by ", "par ", "von "] {
        if let Some(r) = t.strip_prefix(sep) {
            return Some(r.trim_start());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_title_then_dash_and_speaker() {
        assert_eq!(
            quoted_talk(
                "The day opened with \"Queues under load\" - Lena Hartmann. She ran",
                None
            ),
            Some(("Queues under load".to_string(), vec!["Lena Hartmann".to_string()]))
        );
        assert_eq!(
            quoted_talk("Luego “Trenes, no sprints” – Ida Berg y Omar Siddiqui, muy bien", None),
            Some((
                "Trenes, no sprints".to_string(),
                vec!["Ida Berg".to_string(), "Omar Siddiqui".to_string()]
            ))
        );
    }

    #[test]
    fn speakers_wrapped_onto_the_next_line() {
        assert_eq!(
            quoted_talk(
                "Then \"Flags with rollback\" - Lena Hartmann",
                Some("and Tomasz Brzeski, about shadow traffic.")
            ),
            Some((
                "Flags with rollback".to_string(),
                vec!["Lena Hartmann".to_string(), "Tomasz Brzeski".to_string()]
            ))
        );
    }

    #[test]
    fn quotations_and_scare_quotes_are_not_talks() {
        // A saying cited with its author after an em dash is prose, and so is a quoted word.
        assert_eq!(
            quoted_talk(
                "As someone said, \"make it work, then fast\" — quoted in three talks.",
                None
            ),
            None
        );
        assert_eq!(quoted_talk("a weekly \"broken contracts\" email", None), None);
        assert_eq!(quoted_talk("the \"ledger\" - an idea", None), None);
    }

    #[test]
    fn emphasised_title_by_ana_costa_of_acme() {
        assert_eq!(
            emphasised_talk("Why latency lies by Ana Costa of Acme. She measured…", 16, None),
            Some(("Why latency lies".to_string(), vec!["Ana Costa".to_string()]))
        );
        assert_eq!(
            emphasised_talk("Pairing at scale - Ana Costa and Ben Ode, both at Globex", 16, None),
            Some((
                "Pairing at scale".to_string(),
                vec!["Ana Costa".to_string(), "Ben Ode".to_string()]
            ))
        );
        // Emphasis for stress, or a title followed by prose, names no talk.
        assert_eq!(
            emphasised_talk("really by the end of the day we were tired", 6, None),
            None
        );
        assert_eq!(emphasised_talk("Accelerate by the way is a good book", 10, None), None);
    }
}
