//! The fields of an exported session: `show --json`'s document (`output::json::SessionJson`),
//! field by field, with what each is for. The OpenSearch mapping, the Quickwit doc mapping
//! and the CSV columns all come from this one list, in its order: a field added to the
//! session's JSON is one line here (a test checks that the list and the document agree).

/// What a field holds, which decides how another engine indexes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Exact values to filter and count by (facets): an id, a kind, themes, tags.
    Keyword,
    /// Words to search, and the exact value to filter and count by: a title, names, a room.
    Text,
    /// Words only: the notes.
    Prose,
    /// A whole number (a year).
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// `HH:MM`, local to the conference as the notes give it.
    Time,
    /// true or false.
    Flag,
    /// `[{url, text, domain}]`.
    Links,
    /// `{path, line}`: where the session is in the notes.
    Place,
}

/// One field of the exported document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExportField {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// A list of values (`speakers`, `tags`).
    pub(crate) list: bool,
}

const fn one(name: &'static str, kind: Kind) -> ExportField {
    ExportField {
        name,
        kind,
        list: false,
    }
}

const fn list(name: &'static str, kind: Kind) -> ExportField {
    ExportField { name, kind, list: true }
}

/// Every field of `show --json`'s document, in its order.
pub(crate) const FIELDS: &[ExportField] = &[
    one("id", Kind::Keyword),
    one("title", Kind::Text),
    list("speakers", Kind::Text),
    one("conference", Kind::Text),
    one("year", Kind::Number),
    one("date", Kind::Date),
    one("start", Kind::Time),
    one("end", Kind::Time),
    one("kind", Kind::Keyword),
    one("from", Kind::Keyword),
    one("room", Kind::Text),
    one("attended", Kind::Flag),
    list("themes", Kind::Keyword),
    list("tags", Kind::Keyword),
    list("links", Kind::Links),
    one("body", Kind::Prose),
    one("source", Kind::Place),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::json::SessionJson;

    #[test]
    fn the_list_names_every_key_of_the_shown_document() {
        let session = super::super::sample_session();
        // serde_json's map sorts the keys: both sides sorted.
        let value = serde_json::to_value(SessionJson::shown(&session)).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut listed: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        listed.sort_unstable();
        assert_eq!(
            keys, listed,
            "a field of SessionJson::shown is missing from FIELDS (or the other way)"
        );
        for f in FIELDS {
            let v = &value[f.name];
            assert_eq!(v.is_array(), f.list, "{}: list or not", f.name);
        }
    }
}
