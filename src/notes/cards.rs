//! Talk cards with no markup at all: a title line, a bio line or two, then `Name @handle`
//! (plain, or each line behind `> `).

use super::names::{dash_parts, name_score, split_names};
use super::parts::first_sentence;

/// Name score the words before the handle need.
const NAME_BEFORE_HANDLE: f32 = 0.75;
/// Lines of a paragraph searched for the handle line, the title included.
pub(crate) const CARD_LINES: usize = 5;

/// `Jonas Kreutzer @jkreutzer` → `Jonas Kreutzer`.
pub(crate) fn handle_line(text: &str) -> Option<String> {
    if !text.contains('@') {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let (handle, name) = words.split_last()?;
    let handle_ok = handle.len() > 2
        && handle.starts_with('@')
        && handle[1..]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if !handle_ok || !(2..=4).contains(&name.len()) {
        return None;
    }
    let name = name.join(" ");
    (name_score(&name) >= NAME_BEFORE_HANDLE).then_some(name)
}

/// A card's title: a short line that is not a sentence of notes.
pub(crate) fn card_title(text: &str) -> Option<&str> {
    let t = text.trim();
    let words = t.split_whitespace().count();
    ((1..=14).contains(&words) && !t.ends_with(['.', ':', ',']) && handle_line(t).is_none()).then_some(t)
}

/// Alt text a schedule page gives a speaker's photo.
const PORTRAIT_LABELS: &[&str] = &[
    "portrait photo of ",
    "photo of ",
    "headshot of ",
    "profile picture of ",
    "picture of ",
    "avatar of ",
];

/// `Portrait photo of Harriet Osei` on a schedule card pasted from a conference site → the
/// speaker, `Harriet Osei`.
pub(crate) fn portrait_of(text: &str) -> Option<&str> {
    let t = text.trim();
    if !t.contains(" of ") {
        return None;
    }
    let lower = t.to_lowercase();
    let label = PORTRAIT_LABELS.iter().find(|l| lower.starts_with(*l))?;
    let name = t[label.len()..].trim();
    (name_score(name) >= NAME_BEFORE_HANDLE).then_some(name)
}

/// An outline's talk line: `Ana Costa - @acosta - Title - https://…` (the notes are the
/// indented lines under it).
pub(crate) fn outline_talk_line(text: &str) -> Option<(String, Vec<String>)> {
    if !text.contains('@') {
        return None;
    }
    let parts = dash_parts(text);
    if parts.len() < 3 {
        return None;
    }
    let handle = parts[1];
    let handle_ok = handle.len() > 2 && handle.starts_with('@') && !handle.contains(' ');
    let names = split_names(parts[0]);
    let names_ok = !names.is_empty() && names.iter().all(|n| name_score(n) >= NAME_BEFORE_HANDLE);
    // The notes may go on after the title: `… - Charters that work. She gave …`.
    let title = first_sentence(parts[2].trim());
    (handle_ok && names_ok && !title.is_empty() && !title.contains("://")).then(|| (title.to_string(), names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portrait_alt_text_names_the_speaker() {
        assert_eq!(portrait_of("Portrait photo of Lena Hartmann"), Some("Lena Hartmann"));
        assert_eq!(portrait_of("Photo of the venue"), None);
    }

    #[test]
    fn outline_talk_lines_name_handle_title_url() {
        assert_eq!(
            outline_talk_line("Lena Hartmann - @lenah - Queues under load - https://example.org/q"),
            Some(("Queues under load".to_string(), vec!["Lena Hartmann".to_string()]))
        );
        assert_eq!(outline_talk_line("Lena Hartmann - Queues under load"), None);
        assert_eq!(
            outline_talk_line("Lena Hartmann - @lenah - Queues under load. She shed load early."),
            Some(("Queues under load".to_string(), vec!["Lena Hartmann".to_string()]))
        );
        assert_eq!(
            outline_talk_line("Dominic Tarr - https://example.org/dt - was mentioned"),
            None
        );
    }

    #[test]
    fn name_then_handle() {
        assert_eq!(handle_line("Lena Hartmann @lenah"), Some("Lena Hartmann".to_string()));
        assert_eq!(handle_line("Ping @lenah"), None);
        assert_eq!(handle_line("ask the team @ work"), None);
        assert_eq!(handle_line("thanks to the organisers @confhandle"), None);
    }

    #[test]
    fn card_titles() {
        assert_eq!(card_title("Queues under load"), Some("Queues under load"));
        assert_eq!(card_title("Start with the modules everyone imports."), None);
    }
}
