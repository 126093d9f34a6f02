//! Small pieces of wording every printer writes the same way: a count with its noun, a slot.

/// `1 session`, `2 sessions`, `0 sessions`: the count and the form of the noun (or phrase) it
/// takes.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A session's time slot: `09:30–10:00`, `09:30` when its end is unknown, nothing without a
/// start.
pub(crate) fn slot(start: Option<&str>, end: Option<&str>) -> Option<String> {
    match (start, end) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.to_string()),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(plural(1, "session", "sessions"), "1 session");
        assert_eq!(plural(2, "session", "sessions"), "2 sessions");
        assert_eq!(plural(0, "session", "sessions"), "0 sessions");
        assert_eq!(plural(1, "session matches", "sessions match"), "1 session matches");
    }

    #[test]
    fn slot_joins_start_and_end_with_an_en_dash() {
        assert_eq!(slot(Some("09:30"), Some("10:00")).as_deref(), Some("09:30–10:00"));
        assert_eq!(slot(Some("09:30"), None).as_deref(), Some("09:30"));
        // An end alone says no slot.
        assert_eq!(slot(None, Some("10:00")), None);
    }
}
