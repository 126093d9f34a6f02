//! The lines of a JSON schedule's events. serde_json reads values without their places, so each
//! event's line is found in the text: the first of its identifying values (`"guid": "…"`, then
//! `"id": …`, then `"title": "…"`) written after the previous event's, the events being read
//! in file order.

use serde_json::Value;

pub(super) struct Finder<'a> {
    text: &'a str,
    /// Where the previous event was found, and its line.
    pos: usize,
    line: usize,
}

impl<'a> Finder<'a> {
    pub(super) fn new(text: &'a str) -> Finder<'a> {
        Finder { text, pos: 0, line: 1 }
    }

    /// The line of `event`, by the first of `keys` whose value is found after the previous
    /// event; the previous event's line when none is (an event written in an unusual way
    /// still has a place near its own).
    pub(super) fn line_of(&mut self, event: &Value, keys: &[&str]) -> usize {
        for key in keys {
            let Some(value) = event.get(*key).filter(|v| v.is_string() || v.is_number()) else {
                continue;
            };
            for needle in encodings(value) {
                if let Some(at) = self.find(key, &needle, value.is_number()) {
                    self.line += self.text.as_bytes()[self.pos..at]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    self.pos = at;
                    return self.line;
                }
            }
        }
        self.line
    }

    /// The first `"key": needle` at or after the previous event's place.
    fn find(&self, key: &str, needle: &str, number: bool) -> Option<usize> {
        let quoted_key = format!("\"{key}\"");
        let rest = &self.text[self.pos..];
        rest.match_indices(needle).map(|(i, _)| self.pos + i).find(|&at| {
            let before = self.text[..at].trim_end();
            let keyed = before
                .strip_suffix(':')
                .is_some_and(|b| b.trim_end().ends_with(&quoted_key));
            let whole =
                !number || !self.text[at + needle.len()..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
            keyed && whole
        })
    }
}

/// How a value may be written: as serde_json writes it, and with every non-ASCII character
/// escaped (`\u00e9`, as Python's `json.dumps` writes it).
fn encodings(value: &Value) -> Vec<String> {
    let plain = value.to_string();
    let ascii: String = plain
        .chars()
        .flat_map(|c| {
            if c.is_ascii() {
                vec![c.to_string()]
            } else {
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        })
        .collect();
    if ascii == plain {
        vec![plain]
    } else {
        vec![plain, ascii]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_found_in_order_by_key_escaped_or_not() {
        let text = "[\n{\"id\": 110, \"title\": \"Lunch\"},\n{\"id\": 11,\n \"title\": \"Caf\\u00e9\"},\n{\"title\": \"Lunch\"}\n]";
        let mut f = Finder::new(text);
        let events: Vec<Value> = serde_json::from_str(text).unwrap();
        let lines: Vec<usize> = events.iter().map(|e| f.line_of(e, &["id", "title"])).collect();
        assert_eq!(lines, [2, 3, 5]);
        let mut f = Finder::new(text);
        let cafe = serde_json::json!({"title": "Café"});
        assert_eq!(f.line_of(&cafe, &["title"]), 4);
    }
}
