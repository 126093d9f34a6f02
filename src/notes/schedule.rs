//! Schedule lines: time slots (`09:45 – 10:15`, `11:00 – 11.30`, `11:05am–11:45am`, `10h30 :`),
//! the breaks that are not sessions, and the blocks (ignites, open spaces) that hold several.

use regex::Regex;
use std::sync::LazyLock;

/// A time slot; `end` is unknown when only a start is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Slot {
    pub start: Option<(u8, u8)>,
    pub end: Option<(u8, u8)>,
}

impl Slot {
    pub(crate) fn format(t: Option<(u8, u8)>) -> Option<String> {
        t.map(|(h, m)| format!("{h:02}:{m:02}"))
    }
}

const TIME: &str = r"(\d{1,2})(?:([:.h])(\d{2})?)?\s*([ap]\.?m\.?)?";
const DASH: &str = r"\s*(?:[-–—~]|to|à)\s*";

static SLOT_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:{TIME})(?:{DASH}(?:{TIME}))?(?:\s*[:|\-–—]\s*|\s+|$)"
    ))
    .expect("valid regex")
});
static SLOT_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)[\s\-–—(,:]+(?:{TIME}){DASH}(?:{TIME})\)?\s*$")).expect("valid regex"));

/// Reads one time from regex groups (hour, separator, minutes, am/pm). A bare number such as
/// `14` is not a time; `14h`, `2pm`, `14:00` and `14.00` are.
fn time_from(c: &regex::Captures<'_>, base: usize) -> Option<(u8, u8)> {
    let hour: u8 = c.get(base)?.as_str().parse().ok()?;
    let sep = c.get(base + 1).map(|m| m.as_str());
    let minutes = c.get(base + 2).map(|m| m.as_str());
    let meridian = c.get(base + 3).map(|m| m.as_str().to_ascii_lowercase());
    if sep.is_none() && meridian.is_none() {
        return None;
    }
    if sep.is_some() && sep != Some("h") && minutes.is_none() {
        return None;
    }
    let minute: u8 = minutes.map_or(Ok(0), str::parse).ok()?;
    let mut hour = hour;
    match meridian.as_deref().map(|m| m.starts_with('p')) {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// A time slot at the start of a line, and the text after it.
pub(crate) fn slot_prefix(text: &str) -> Option<(Slot, &str)> {
    // `[09:00] Name - Title`: a slot in brackets.
    let trimmed = text.trim_start();
    if let Some(inner) = trimmed.strip_prefix('[')
        && let Some(close) = inner.find(']').filter(|&i| i <= 16)
        && let Some((slot, _)) = slot_prefix(&inner[..close]).filter(|(_, rest)| rest.is_empty())
    {
        return Some((slot, inner[close + 1..].trim()));
    }
    let c = SLOT_PREFIX.captures(text)?;
    let start = time_from(&c, 1)?;
    let end = time_from(&c, 5);
    // "1 to 2 people" or "5-10 minutes": an end without a time mark makes the whole thing no slot.
    if end.is_none() && c.get(5).is_some() {
        return None;
    }
    let rest = &text[c.get(0).map_or(0, |m| m.end())..];
    // A start time alone must be followed by something: "10:30" on its own line, or "10h30 : Title".
    Some((
        Slot {
            start: Some(start),
            end,
        },
        rest.trim(),
    ))
}

/// A time range at the end of a line (`Open Spaces Session 1 – 15:05 – 15:35`), and the text before.
pub(crate) fn slot_suffix(text: &str) -> Option<(&str, Slot)> {
    let c = SLOT_SUFFIX.captures(text)?;
    let start = time_from(&c, 1)?;
    let end = time_from(&c, 5)?;
    let before = &text[..c.get(0).map_or(text.len(), |m| m.start())];
    Some((
        before.trim(),
        Slot {
            start: Some(start),
            end: Some(end),
        },
    ))
}

static NOT_SESSION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(registration|registrations|register|checkin|breakfast|coffee|tea|break|breaks|lunch|lunchtime|snacks?|sponsors?|welcome|close|closing|reception|drinks|networking|dinner|party|planning|proposals?|pitch(es)?|housekeeping|remarks|return|announcements|wrapup|doors|opening|déjeuner|dejeuner|pause|café|mittagessen|mittagspause|kaffeepause|almuerzo|comida|pausa|dîner)$",
    )
    .expect("valid regex")
});

/// Break words that people write joined, hyphenated or as two words (`wrapup`, `wrap-up`,
/// `wrap up`, `check in`): joined before the title is split into words, so each spelling
/// matches the one keyword.
static COMPOUND_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:wrap[\s\-–]*up|check[\s\-–]*in)\b").expect("valid regex"));

static FILLER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(and|the|with|of|to|a|an|for|in|at|on|evening|morning|afternoon|main|room|return|day|end|open|spaces?|session|sessions|\+|&|/|-|–|—|short|long|long|&amp;|final|mid|light|refreshments|exhibition|hall|area)$",
    )
    .expect("valid regex")
});

/// `End of day`, `End of the day`, `Fin de journée`: a day close written without a break word.
static END_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:end\s+of\s+(?:the\s+)?(?:day|conference)|fin\s+de\s+(?:la\s+)?journ[ée]e)\s*[.!]?$")
        .expect("valid regex")
});

/// Registration, coffee, breaks, lunch, sponsors, welcome and day close: schedule lines that
/// are not sessions. `Opening Keynote` or `Closing panel` are sessions.
pub(crate) fn is_not_session(title: &str) -> bool {
    if END_OF_DAY.is_match(title.trim()) {
        return true;
    }
    let title = COMPOUND_WORD.replace_all(title, |c: &regex::Captures<'_>| {
        c[0].chars().filter(|ch| ch.is_alphabetic()).collect::<String>()
    });
    // Words read one at a time: most titles are settled by their first word.
    let mut words = title
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ':' | '!' | '.'))
        .filter(|w| !w.is_empty())
        .peekable();
    if words.peek().is_none() {
        return true;
    }
    let mut keyword = false;
    for w in words {
        if NOT_SESSION_WORD.is_match(w) {
            keyword = true;
        } else if !FILLER_WORD.is_match(w) {
            return false;
        }
    }
    keyword
}

/// `Day Close`, `Closing remarks`: the last line of a conference day.
pub(crate) fn ends_day(title: &str) -> bool {
    let lower = title.to_lowercase();
    END_OF_DAY.is_match(title.trim())
        || is_not_session(title)
            && (lower.contains("close")
                || lower.contains("closing")
                || lower.contains("reception")
                || lower.contains("drinks"))
}

static IGNITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(ignites?|ignite talks?|lightning talks?|lightning|pecha[- ]?kucha)\b[\s:.\-–—]*(\d+|session \d+)?[\s:.]*$")
        .expect("valid regex")
});
static OPEN_SPACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:open[\s-]*spaces?|unconference|breakouts?)(?:\s*(?:session\s*)?(\d+))?\s*[:.\-–—]*\s*$")
        .expect("valid regex")
});
static SESSION_N: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^session\s*(\d+)\s*[:.\-–—]*\s*$").expect("valid regex"));

/// `Ignites`, `Lightning talks`: a slot holding several short talks.
pub(crate) fn is_ignite_block(title: &str) -> bool {
    IGNITES.is_match(title.trim())
}

/// `Open Spaces`, `Open Spaces Session 1`, `Open Space 2`.
pub(crate) fn is_open_space_block(title: &str) -> bool {
    OPEN_SPACES.is_match(title.trim())
}

/// `Session 2`: a further round of an open-space block.
pub(crate) fn is_session_round(title: &str) -> bool {
    SESSION_N.is_match(title.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(text: &str) -> (Option<String>, Option<String>, String) {
        let (s, rest) = slot_prefix(text).unwrap_or_else(|| panic!("no slot in {text}"));
        (Slot::format(s.start), Slot::format(s.end), rest.to_string())
    }

    fn hm(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn slot_in_brackets_09_00() {
        let (slot, rest) = slot_prefix("[09:00] Ana Costa - Title").unwrap();
        assert_eq!(
            (Slot::format(slot.start).as_deref(), rest),
            (Some("09:00"), "Ana Costa - Title")
        );
        let (slot, rest) = slot_prefix("[14:05-14:35] Title").unwrap();
        assert_eq!((Slot::format(slot.end).as_deref(), rest), (Some("14:35"), "Title"));
        assert!(slot_prefix("[see notes] Title").is_none());
        assert!(slot_prefix("[1] Title").is_none());
    }

    #[test]
    fn breaks_in_french_german_and_spanish_dejeuner() {
        for t in ["Déjeuner", "Pause café", "Mittagspause", "Almuerzo"] {
            assert!(is_not_session(t), "{t}");
        }
    }

    #[test]
    fn slot_forms() {
        assert_eq!(
            slot("09:45 – 10:15 Andrew – Talk"),
            (hm("09:45"), hm("10:15"), "Andrew – Talk".into())
        );
        assert_eq!(
            slot("11:00 – 11.30 Neil – Repo"),
            (hm("11:00"), hm("11:30"), "Neil – Repo".into())
        );
        assert_eq!(
            slot("11:05am–11:45am Title"),
            (hm("11:05"), hm("11:45"), "Title".into())
        );
        assert_eq!(slot("2pm-3:30pm Title"), (hm("14:00"), hm("15:30"), "Title".into()));
        assert_eq!(slot("10h30 : Plone - Eric"), (hm("10:30"), None, "Plone - Eric".into()));
        assert_eq!(slot("14h : Enseigner"), (hm("14:00"), None, "Enseigner".into()));
        assert_eq!(slot("9.45-10.15 Title"), (hm("09:45"), hm("10:15"), "Title".into()));
    }

    #[test]
    fn numbers_that_are_not_times() {
        assert!(slot_prefix("15 people came").is_none());
        assert!(slot_prefix("4 ways to help people").is_none());
        assert!(slot_prefix("1) 30% improvement").is_none());
        assert!(slot_prefix("2019-10-17").is_none());
        assert!(slot_prefix("25:00 – 26:00 nope").is_none());
    }

    #[test]
    fn slot_at_end_of_line() {
        let (before, s) = slot_suffix("Open Spaces Session 1- 15:05 – 15:35").unwrap();
        assert_eq!(before, "Open Spaces Session 1");
        assert_eq!(Slot::format(s.start), hm("15:05"));
        let (before, _) = slot_suffix("Session 2 – 15:40 – 16:10").unwrap();
        assert_eq!(before, "Session 2");
    }

    #[test]
    fn breaks_are_not_sessions() {
        for t in [
            "Registration and coffee",
            "Break + coffee",
            "Lunch Break",
            "Sponsors",
            "Opening welcome",
            "Day Close",
            "Evening Reception and Networking",
            "Open Spaces Planning",
            "Return to main room",
            "Registration and Breakfast",
            "Drinks Reception",
            "Wrap up and close",
            "Wrapup",
            "Closing remarks",
            "Check in & coffee",
            "End of day",
            "End of the conference",
        ] {
            assert!(is_not_session(t), "{t}");
        }
        for t in [
            "Opening Keynote: Maria Gutierrez",
            "Breaking Down the Glass Walls",
            "Closing panel",
            "Ignites",
            "Wrap Up Your Monolith",
            "Checking in on the cluster",
        ] {
            assert!(!is_not_session(t), "{t}");
        }
    }

    #[test]
    fn blocks() {
        assert!(is_ignite_block("Ignites"));
        assert!(is_ignite_block("Lightning talks"));
        assert!(!is_ignite_block("Ignites are great"));
        assert!(is_open_space_block("Open Spaces Session 1"));
        assert!(is_open_space_block("Open Space 1"));
        assert!(!is_open_space_block("Open Spaces Planning"));
        assert!(is_session_round("Session 2"));
    }
}
