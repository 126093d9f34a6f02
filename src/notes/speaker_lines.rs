//! Speaker lines under a title-only heading: `Mara Lindqvist - Staff Engineer @ Fjordbase`,
//! `_Tomasz Brzeski_`, `Presenter: Omar Siddiqui`, `- Jonas Weber` among facts, `登壇者：小林 直樹`,
//! a first sentence that names its presenters (`Lena Hartmann presented …`), a byline (`by X of
//! Org`). People cited in the notes (`Author: Barbara Liskov`, `Dominic Tarr - https://…`) are
//! not speakers. Pure functions on lines, called by `outline.rs`.

use super::names::{
    cjk_name, is_cjk, looks_like_role, loose_name, name_score, names_score, speakers_from_byline, split_names,
};
use super::outline::{BARE_NAME_FIRST, BARE_NAME_LATER, SPEAKER_WINDOW};
use super::quoted::names_without_tails;
use super::text::Line;

/// The speakers on the first lines under a heading: every speaker line in a row, starting
/// at one of the first [`SPEAKER_WINDOW`] lines; or, when a list starts there, the speaker
/// items of that list ([`list_speakers`]). The flag says the speakers are bare names taken
/// from list items only: weaker evidence, weighed by sibling consistency in [`infer`].
pub(crate) fn speakers_under(under: &[&Line]) -> (Vec<String>, bool) {
    let mut speakers: Vec<String> = Vec::new();
    for (i, line) in under.iter().enumerate().take(SPEAKER_WINDOW) {
        if line.code {
            break;
        }
        if line.item.is_some() {
            if speakers.is_empty() {
                let depth = line.item;
                let list: Vec<&Line> = under[i..]
                    .iter()
                    .take_while(|l| l.item.is_some() && !l.code)
                    .filter(|l| l.item == depth)
                    .take(ITEM_WINDOW)
                    .copied()
                    .collect();
                return list_speakers(&list);
            }
            break;
        }
        // A name right under the heading, or right under another speaker line, needs less.
        match speaker_of(line, i == 0 || !speakers.is_empty()) {
            Some(found) => {
                for s in found {
                    if !speakers.contains(&s) {
                        speakers.push(s);
                    }
                }
            }
            None if !speakers.is_empty() => break,
            None => {}
        }
    }
    (speakers, false)
}

/// List items searched for a speaker under a title-only heading.
pub(crate) const ITEM_WINDOW: usize = 6;

/// The speakers named by the first list under a heading: the first run of items that are
/// speaker lines (`- Speaker: Ana Costa`, `- Ana Costa - Acme`, `- Mara Lindqvist`, then
/// `- Ben Ode` right after it). A bare name counts only in a list of facts (`- 45 min`,
/// `- Language: German`, `- strangler fig pattern`) or alone: a list where every item could
/// be a name lists tools, books or people cited (`- Grafana Tempo`, `- Team Topologies`). The flag
/// says every speaker came from a bare name.
fn list_speakers(list: &[&Line]) -> (Vec<String>, bool) {
    let mut speakers: Vec<String> = Vec::new();
    let mut bare_only = true;
    for line in list {
        match speaker_of(line, true) {
            Some(found) => {
                bare_only &= is_bare_name(&line.text);
                for s in found {
                    if !speakers.contains(&s) {
                        speakers.push(s);
                    }
                }
            }
            None if !speakers.is_empty() => break,
            None => {}
        }
    }
    if bare_only && list.len() > 1 && !list.iter().any(|l| is_fact_item(&l.text)) {
        return (Vec::new(), false);
    }
    let weak = bare_only && !speakers.is_empty();
    (speakers, weak)
}

/// A name and nothing else: no label, role, company or second name beside it.
fn is_bare_name(text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']);
    ![':', '：', '(', '@', ',', '&', '/', '|', '-', '–', '—']
        .iter()
        .any(|c| t.contains(*c))
}

/// A list item that states a fact and cannot be a name: a number, a `Label: value`, a
/// phrase in lower case or longer than a name.
fn is_fact_item(text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']);
    t.chars().any(|c| c.is_ascii_digit())
        || t.contains([':', '：'])
        || t.split_whitespace().count() > 4
        || t.chars().next().is_some_and(|c| c.is_lowercase())
}

/// `王小明 (Alex Wang)／資深工程師`, `林怡君／社群經理、陳建宏／開源貢獻者`: CJK names, each
/// before its role.
fn cjk_speaker_line(text: &str) -> Option<Vec<String>> {
    if !text.contains('／') {
        return None;
    }
    let mut names = Vec::new();
    for entry in text.split('、') {
        let who = entry.split(['／', '(', '（']).next().unwrap_or("").trim();
        if !cjk_name(who) {
            return None;
        }
        names.push(who.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// Verbs that follow the speakers at the start of a first sentence.
const PRESENTING_VERBS: &[&str] = &[
    "presented",
    "presents",
    "talked",
    "talks",
    "walked",
    "showed",
    "shows",
    "gave",
    "explained",
    "spoke",
    "argued",
    "demoed",
    "introduced",
    "shared",
    "described",
    "told",
    "opened",
    "started",
    "led",
];
/// Words of speakers' names before the verb, at most.
const NAMES_BEFORE_VERB: usize = 9;

/// `Zsófia Tóth presented how …`, `Lars Eriksson and Maja Holm walked through …`: the
/// first sentence under a title opens with its speakers.
fn presenter_sentence(text: &str) -> Option<Vec<String>> {
    // `In this talk Dániel Kovács showed …`: a lead-in before the names, compared on the
    // original's bytes (a lower-cased copy may differ in length: the Kelvin sign `K`).
    let lead = [
        "in this talk",
        "in her talk",
        "in his talk",
        "in their talk",
        "in the talk",
    ]
    .iter()
    .find(|l| text.get(..l.len()).is_some_and(|head| head.eq_ignore_ascii_case(l)))
    .map_or(0, |l| l.len());
    let text = text[lead..].trim_start_matches([',', ' ']);
    let words: Vec<&str> = text.split_whitespace().take(NAMES_BEFORE_VERB + 1).collect();
    let verb = words
        .iter()
        .position(|w| is_presenting_verb(w.trim_end_matches([',', '.'])))?;
    if verb < 2 {
        return None;
    }
    let names = split_names(&words[..verb].join(" "));
    (!names.is_empty() && names.iter().all(|n| name_score(n) >= BARE_NAME_FIRST)).then_some(names)
}

/// One of [`PRESENTING_VERBS`], in any case; an ASCII word is compared without a lower-cased copy.
fn is_presenting_verb(word: &str) -> bool {
    if word.is_ascii() {
        PRESENTING_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
    } else {
        PRESENTING_VERBS.contains(&word.to_lowercase().as_str())
    }
}

/// `by Ana Costa of Acme`, `presented by Ana Costa and Ben Ode`, `par Camille Roussel`: a
/// line that is a byline and nothing more, each name scored as a name.
fn by_line(text: &str) -> Option<Vec<String>> {
    let lower = text.to_lowercase();
    let lead = ["presented by ", "by ", "par ", "von ", "door "]
        .iter()
        .find(|l| lower.starts_with(*l))?;
    let rest = text.get(lead.len()..)?.trim().trim_end_matches('.');
    if rest.contains(['.', ':', '!', '?']) || rest.split_whitespace().count() > 12 {
        return None;
    }
    names_without_tails(rest)
}

/// The speakers one line under a heading names: `Presenter: X`, `_X_`, `X - Role @ Company`,
/// `X, Role at Company`, `X (Company)`, or a bare name (right under the heading, less
/// evidence is needed: `first`). `Author: X` and `X - https://…` name someone cited.
pub(crate) fn speaker_of(line: &Line, first: bool) -> Option<Vec<String>> {
    let text = line.text.trim();
    if first && let Some(names) = presenter_sentence(text) {
        return Some(names);
    }
    if text.is_empty() || text.len() > 120 || text.contains("://") {
        return None;
    }
    if text.chars().any(is_cjk)
        && let Some(names) = cjk_speaker_line(text)
    {
        return Some(names);
    }
    if let Some((label, value)) = text.split_once([':', '：']) {
        let label = label.trim().to_lowercase();
        if super::forms::is_speaker_label(&label) {
            let speakers = speakers_from_byline(&value.trim().replace(['・', '、'], ","));
            return (!speakers.is_empty()
                && speakers
                    .iter()
                    .all(|s| name_score(s) >= 0.35 || loose_name(s) || cjk_name(s)))
            .then_some(speakers);
        }
        return None;
    }
    let text = text.trim_matches(['*', '_']).trim();
    // `by Ana Costa`, `by Ana Costa of Acme`, `presented by Ana Costa and Ben Ode`.
    if let Some(names) = by_line(text) {
        return Some(names);
    }
    // The name, and what follows it: a role, a company, nothing.
    let cut = [" - ", " – ", " — ", " | ", ", ", " @ ", " ("]
        .iter()
        .filter_map(|sep| text.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, _)| *i);
    let (who, tail) = match cut {
        Some((i, sep)) => (&text[..i], Some(text[i + sep.len()..].trim_end_matches(')'))),
        None => (text, None),
    };
    let who = who.trim();
    if who.contains(['&', '/']) || who.contains(" and ") {
        // `Devin Ashcroft & Nkechi Obi`, `Lars Øvergaard & Chen Wei (Isovalent)`: several
        // names, each one, and where they work.
        let names = split_names(who);
        let all = names.len() >= 2 && names.iter().all(|n| name_score(n) >= BARE_NAME_FIRST);
        let org = tail.is_none_or(|t| t.split_whitespace().count() <= 4 && !t.ends_with(['.', '?', '!']));
        return (all && org).then_some(names);
    }
    let words = who.split_whitespace().count();
    if !(2..=4).contains(&words) {
        return None;
    }
    let score = name_score(who);
    let needed = if first || line.emphasis {
        BARE_NAME_FIRST
    } else {
        BARE_NAME_LATER
    };
    match tail {
        None => (score >= needed || (line.emphasis && loose_name(who))).then(|| vec![who.to_string()]),
        Some(tail) => {
            // `Ana Costa & Ben Ode`: the tail may name more people.
            let short = tail.split_whitespace().count() <= 8;
            let org = looks_like_role(tail) || (short && tail.chars().next().is_some_and(char::is_uppercase));
            if score >= BARE_NAME_FIRST && org && short && !tail.ends_with(['.', '?', '!']) {
                if names_score(tail) >= 0.75 && !looks_like_role(tail) {
                    let mut all = vec![who.to_string()];
                    all.extend(speakers_from_byline(tail));
                    return Some(all);
                }
                Some(vec![who.to_string()])
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::text::test_line as line;

    #[test]
    fn speaker_lines_under_a_title() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Mara Lindqvist - Staff Engineer @ Fjordbase"), true),
            Some(vec!["Mara Lindqvist".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Kwame Mensah, Lead SRE at Tidewater"), true),
            Some(vec!["Kwame Mensah".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Presenter: Omar Siddiqui"), false),
            Some(vec!["Omar Siddiqui".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ines Duarte"), true),
            Some(vec!["Ines Duarte".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ines Duarte (Cobalt)"), true),
            Some(vec!["Ines Duarte".to_string()])
        );
        let mut emphasised = l("Tomasz Brzeski");
        emphasised.emphasis = true;
        assert_eq!(speaker_of(&emphasised, false), Some(vec!["Tomasz Brzeski".to_string()]));
    }

    #[test]
    fn several_names_on_one_line() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Devin Ashcroft & Nkechi Obi"), true),
            Some(vec!["Devin Ashcroft".to_string(), "Nkechi Obi".to_string()])
        );
        assert_eq!(speaker_of(&l("Cats & dogs"), true), None);
        assert_eq!(
            speaker_of(&l("Lars Øvergaard & Chen Wei (Isovalent)"), true),
            Some(vec!["Lars Øvergaard".to_string(), "Chen Wei".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ana Costa and Ben Ode, Fjordbase"), true),
            Some(vec!["Ana Costa".to_string(), "Ben Ode".to_string()])
        );
        assert_eq!(speaker_of(&l("Salt and pepper, to taste"), true), None);
    }

    #[test]
    fn speakers_opening_the_first_sentence() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Lena Hartmann presented how her team ships: weekly, small."), true),
            Some(vec!["Lena Hartmann".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Omar Siddiqui and Ida Berg walked through a year of mobbing"), true),
            Some(vec!["Omar Siddiqui".to_string(), "Ida Berg".to_string()])
        );
        // Not in the first line, or not names before the verb.
        assert_eq!(speaker_of(&l("Lena Hartmann presented the numbers"), false), None);
        assert_eq!(speaker_of(&l("The team presented how it ships"), true), None);
        assert_eq!(
            speaker_of(&l("In this talk Tomasz Brzeski showed the bill"), true),
            Some(vec!["Tomasz Brzeski".to_string()])
        );
    }

    #[test]
    fn cjk_speaker_lines_in_quotes_and_labels() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("王小明 (Alex Wang)／資深工程師"), true),
            Some(vec!["王小明".to_string()])
        );
        assert_eq!(
            speaker_of(&l("林怡君／社群經理、陳建宏／開源貢獻者"), true),
            Some(vec!["林怡君".to_string(), "陳建宏".to_string()])
        );
        assert_eq!(
            speaker_of(&l("登壇者：小林 直樹"), true),
            Some(vec!["小林 直樹".to_string()])
        );
        assert_eq!(speaker_of(&l("原本用 Go 寫的收集器記憶體用量太高"), true), None);
    }

    #[test]
    fn people_cited_are_not_speakers() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(speaker_of(&l("Author: Barbara Liskov"), true), None);
        assert_eq!(speaker_of(&l("Dominic Tarr - https://example.org/x"), true), None);
        assert_eq!(speaker_of(&l("Feature flags everywhere, always."), true), None);
        assert_eq!(speaker_of(&l("Notes about replication lag"), true), None);
        // Further down, a bare pair of capitalised words needs a known given name.
        assert_eq!(speaker_of(&l("Feature Flags"), false), None);
    }

    /// `<p>by Benedikt Ode of Kaffeehaus GmbH</p>` under a WordPress `<h3>`: a byline is a
    /// speaker line; a sentence starting with `by` is not.
    #[test]
    fn by_benedikt_ode_of_kaffeehaus_gmbh_under_a_title() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("by Benedikt Ode of Kaffeehaus GmbH"), true),
            Some(vec!["Benedikt Ode".to_string()])
        );
        assert_eq!(
            speaker_of(&l("presented by Maren Dahl and Oskar Nyberg"), true),
            Some(vec!["Maren Dahl".to_string(), "Oskar Nyberg".to_string()])
        );
        assert_eq!(speaker_of(&l("by the end of the day we were tired"), true), None);
        assert_eq!(speaker_of(&l("By Tuesday: Ana Costa had left."), true), None);
    }

    /// `Ponente: Lucía Fernández Ortega`, `Referentin: Katrin Vogelsang`: speaker labels in
    /// the language of the notes.
    #[test]
    fn ponente_and_referentin_label_the_speaker() {
        let l = |t: &str| line(1, t, None);
        assert_eq!(
            speaker_of(&l("Ponente: Lucía Fernández Ortega"), false),
            Some(vec!["Lucía Fernández Ortega".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Ponentes: Javier Molina y Nuria Castaño"), false),
            Some(vec!["Javier Molina".to_string(), "Nuria Castaño".to_string()])
        );
        assert_eq!(
            speaker_of(&l("Referent: Henrik Albers, Nordlicht IT"), false),
            Some(vec!["Henrik Albers".to_string()])
        );
        // A label with prose after it is no speaker line.
        assert_eq!(speaker_of(&l("Referent: hat leider abgesagt"), false), None);
    }
}
