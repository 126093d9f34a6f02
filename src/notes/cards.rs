//! Talk cards with no markup at all: a title line, a bio line or two, then `Name @handle`
//! (plain, or each line behind `> `).

use super::names::name_score;

/// Name score the words before the handle need.
const NAME_BEFORE_HANDLE: f32 = 0.75;
/// Lines of a paragraph searched for the handle line, the title included.
pub const CARD_LINES: usize = 5;

/// `Jonas Kreutzer @jkreutzer` → `Jonas Kreutzer`.
pub fn handle_line(text: &str) -> Option<String> {
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
pub fn card_title(text: &str) -> Option<&str> {
    let t = text.trim();
    let words = t.split_whitespace().count();
    ((1..=14).contains(&words) && !t.ends_with(['.', ':', ',']) && handle_line(t).is_none()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

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
