//! Printing: what reaches a terminal is sanitised so a note cannot inject escape sequences.

/// Replaces control characters (escape sequences, carriage returns…) with nothing.
pub fn sanitise(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        std::borrow::Cow::Owned(
            text.chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
