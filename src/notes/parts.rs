//! Fields by classifying parts: a talk header split on its separators, each part read as a
//! person's name (or several), a handle, a company, a URL or the title, in whatever order
//! the notes put them: `Title - Company - Ana Costa / Ben Ode`, `Ana Costa - @acosta - Title`,
//! `Ana Costa (Acme) Title`.

use super::names::{cjk_name, dash_parts, is_cjk, looks_like_role, name_score, split_names};

/// Name score each person in a names part needs.
const NAME_PART: f32 = 0.75;
/// Words a title needs, at least.
const TITLE_MIN_WORDS: usize = 2;

/// What one part of a header is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Names(Vec<String>),
    Handle,
    Company,
    /// `Opening keynote`, `Lightning talk`: the kind of session, not its title.
    Kind,
    Url,
    Title,
}

pub(crate) fn classify(part: &str) -> Part {
    let p = part.trim();
    if p.contains("://") || p.starts_with("www.") {
        return Part::Url;
    }
    if super::forms::is_kind_phrase(p) {
        return Part::Kind;
    }
    if p.starts_with('@') && !p.contains(' ') {
        return Part::Handle;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let capitalised = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let latin = !p.chars().any(is_cjk);
    // `Fjord Labs`, `Acme Inc`: a company by its words.
    if capitalised && words.len() <= 3 && looks_like_role(p) && latin {
        return Part::Company;
    }
    // `Staff Dev Advocate, Google`, `Sr Engineer`: a job, not a title (`The staff engineer's
    // calendar` is one).
    let opens_a_title = words.first().is_some_and(|w| {
        ["the", "a", "an", "how", "why", "what", "when", "your", "my", "our"].contains(&w.to_lowercase().as_str())
    });
    if looks_like_role(p) && (p.contains(',') || words.len() <= 4) && !opens_a_title {
        return Part::Company;
    }
    // `鈴木美咲・田中大輔`: a middle dot or an ideographic comma between CJK names.
    let names = split_names(&p.replace(['・', '、'], ","));
    if !names.is_empty() && names.iter().all(|n| name_score(n) >= NAME_PART || cjk_name(n)) {
        return Part::Names(names);
    }
    // `Zalando`, `Alibaba Cloud`: one or two capitalised words that are no name are a company
    // (`Company - Name` introduces a person; it is no talk).
    if capitalised && words.len() <= 2 && latin {
        return Part::Company;
    }
    Part::Title
}

/// Full-width separators as the ASCII ones the parts are split on: `Title：A・B`,
/// `Title ／ A`, `「Title」（A）`.
fn ascii_separators(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_cjk) {
        return std::borrow::Cow::Borrowed(text);
    }
    let t = text.replace(['「', '」'], "").replace(['／', '：'], " - ");
    let t = match (t.find('（'), t.trim_end().strip_suffix('）')) {
        (Some(open), Some(_)) => format!(
            "{} - {}",
            &t[..open],
            t[open + '（'.len_utf8()..].trim_end().trim_end_matches('）')
        ),
        _ => t,
    };
    std::borrow::Cow::Owned(t)
}

/// The title and speakers of a header whose parts come in any order. `in_heading`: a title
/// in a heading is never cut at a sentence end; on a line of notes, the first sentence is the
/// title and the rest are notes.
pub(crate) fn title_and_speakers(text: &str, in_heading: bool) -> Option<(String, Vec<String>)> {
    // Cheap look first: most lines of notes have no separator at all.
    if !text.contains(['-', '–', '—', '(', '／', '：', '（', '|']) {
        return None;
    }
    let text = &*ascii_separators(text);
    if let Some(found) = name_company_title(text) {
        return Some(found);
    }
    let parts = dash_parts(text);
    if parts.len() < 2 {
        return None;
    }
    let mut speakers: Vec<String> = Vec::new();
    let mut title: Option<&str> = None;
    for part in &parts {
        match classify(part) {
            Part::Names(names) if speakers.is_empty() => speakers = names,
            Part::Title if title.is_none() => title = Some(part),
            // A second title-like part, or a second names part: not a header this reads.
            Part::Title | Part::Names(_) => return None,
            Part::Handle | Part::Company | Part::Kind | Part::Url => {}
        }
    }
    let title = title?;
    let title = if in_heading { title } else { first_sentence(title) };
    (long_enough(title) && !speakers.is_empty()).then(|| (title.trim().to_string(), speakers))
}

/// `Annika Wolff (Otto Group) Query understanding for fashion search`.
fn name_company_title(text: &str) -> Option<(String, Vec<String>)> {
    let open = text.find(" (")?;
    let close = open + text[open..].find(')')?;
    let who = text[..open].trim();
    let title = text[close + 1..].trim().trim_start_matches([':', '-', '–', '—']).trim();
    (name_score(who) >= NAME_PART && long_enough(title) && classify(title) == Part::Title)
        .then(|| (first_sentence(title).to_string(), vec![who.to_string()]))
}

/// Two words, or three CJK characters (CJK titles have no spaces).
fn long_enough(title: &str) -> bool {
    title.split_whitespace().count() >= TITLE_MIN_WORDS || title.chars().filter(|c| is_cjk(*c)).count() >= 3
}

/// `Exploratory testing charters that work. He gave …` → the first sentence.
pub(crate) fn first_sentence(text: &str) -> &str {
    text.match_indices(". ")
        .find(|(i, _)| text[i + 2..].starts_with(char::is_uppercase) && text[..*i].split_whitespace().count() >= 3)
        .map_or(text, |(i, _)| &text[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(text: &str, heading: bool) -> Option<(String, Vec<String>)> {
        title_and_speakers(text, heading)
    }

    #[test]
    fn opening_keynote_is_the_kind_not_a_second_title() {
        assert_eq!(
            st("Opening keynote - Priya Raman - Error budgets as a contract", false),
            Some(("Error budgets as a contract".into(), vec!["Priya Raman".into()]))
        );
    }

    #[test]
    fn parts_in_any_order() {
        assert_eq!(
            st("Queues under load - Fjord Labs - Lena Hartmann / Omar Siddiqui", true),
            Some((
                "Queues under load".to_string(),
                vec!["Lena Hartmann".to_string(), "Omar Siddiqui".to_string()]
            ))
        );
        assert_eq!(
            st("Lena Hartmann - @lenah - Queues under load", true),
            Some(("Queues under load".to_string(), vec!["Lena Hartmann".to_string()]))
        );
        assert_eq!(
            st("Lena Hartmann (Fjord Rail) Queues under load", true),
            Some(("Queues under load".to_string(), vec!["Lena Hartmann".to_string()]))
        );
        assert_eq!(
            st("Typing at scale - Acme - Ida Berg", true),
            Some(("Typing at scale".to_string(), vec!["Ida Berg".to_string()]))
        );
    }

    #[test]
    fn cjk_headers_with_full_width_separators() {
        assert_eq!(
            st("型を自作する：鈴木美咲・田中大輔", true),
            Some((
                "型を自作する".to_string(),
                vec!["鈴木美咲".to_string(), "田中大輔".to_string()]
            ))
        );
        assert_eq!(
            st("「JITの次の一手」（佐藤健太）", true),
            Some(("JITの次の一手".to_string(), vec!["佐藤健太".to_string()]))
        );
        assert_eq!(
            st("Ractor で並列サーバー ／ 山本翔", true),
            Some(("Ractor で並列サーバー".to_string(), vec!["山本翔".to_string()]))
        );
    }

    #[test]
    fn a_heading_title_is_not_cut_at_a_sentence_end() {
        assert_eq!(
            st("Stop. Measure. Then tune it - Ida Berg", true),
            Some(("Stop. Measure. Then tune it".to_string(), vec!["Ida Berg".to_string()]))
        );
        assert_eq!(
            st(
                "Ida Berg - @idab - Charters that work well. She gave each tester one.",
                false
            ),
            Some(("Charters that work well".to_string(), vec!["Ida Berg".to_string()]))
        );
    }

    #[test]
    fn headers_without_a_person_or_with_two_titles_are_not_read() {
        assert_eq!(st("Data Protection - The Gathering Storm", true), None);
        assert_eq!(st("Why caching - and why not", true), None);
        assert_eq!(st("Dominic Tarr - https://example.org/dt", false), None);
        // A name and a job: a person, not a talk.
        assert_eq!(st("Lena Hartmann - Staff Dev Advocate, Globex", true), None);
        assert_eq!(st("Lena Hartmann - Sr Engineer", true), None);
        // A company and a name introduce a person.
        assert_eq!(st("Globex Cloud - Lena Hartmann", true), None);
        assert_eq!(
            st("The staff engineer's week - Sam Young", true),
            Some(("The staff engineer's week".to_string(), vec!["Sam Young".to_string()]))
        );
    }
}
