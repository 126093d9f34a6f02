//! The query language people know from web search: words, `"phrases"`, `+required`,
//! `-excluded`, `a OR b`, and `field:value` for title, speaker, tag, conference, room, body.

/// Which field an atom is restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Title,
    Speaker,
    Tag,
    Conference,
    Room,
    Body,
}

impl FieldName {
    fn parse(name: &str) -> Option<FieldName> {
        Some(match name.to_lowercase().as_str() {
            "title" => FieldName::Title,
            "speaker" | "speakers" | "by" => FieldName::Speaker,
            "tag" | "tags" => FieldName::Tag,
            "conference" | "conf" => FieldName::Conference,
            "room" => FieldName::Room,
            "body" | "notes" => FieldName::Body,
            _ => return None,
        })
    }
}

/// A word or a phrase, maybe restricted to one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub field: Option<FieldName>,
    pub text: String,
    pub phrase: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// A plain word: sessions with more of them rank higher.
    Should,
    Must,
    MustNot,
}

/// One unit of the query: alternatives joined by `OR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub occur: Occur,
    pub alternatives: Vec<Atom>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    #[error("unbalanced quote: the phrase starting at character {0} is never closed")]
    UnbalancedQuote(usize),
    #[error("unknown field `{0}:` (fields: title, speaker, tag, conference, room, body)")]
    UnknownField(String),
    #[error("`OR` needs a word on each side")]
    DanglingOr,
    #[error("`{0}` is followed by nothing")]
    DanglingOperator(char),
}

/// The most clauses a query is read with; words past it are ignored (and said so).
pub const MAX_CLAUSES: usize = 64;

/// Parses query text into clauses. Control characters count as spaces.
pub fn parse(text: &str) -> Result<Vec<Clause>, SyntaxError> {
    let cleaned: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let text = cleaned.as_str();
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut occur = Occur::Should;
        if c == '+' || c == '-' {
            occur = if c == '+' { Occur::Must } else { Occur::MustNot };
            i += 1;
            if i >= chars.len() || chars[i].1.is_whitespace() {
                return Err(SyntaxError::DanglingOperator(c));
            }
        }
        // A field prefix: letters then `:` then a word or a phrase.
        let mut field = None;
        let word_start = i;
        let mut j = i;
        while j < chars.len() && chars[j].1.is_alphabetic() {
            j += 1;
        }
        if j < chars.len()
            && chars[j].1 == ':'
            && j > word_start
            && j + 1 < chars.len()
            && !chars[j + 1].1.is_whitespace()
        {
            let name: String = chars[word_start..j].iter().map(|(_, c)| c).collect();
            match FieldName::parse(&name) {
                Some(f) => {
                    field = Some(f);
                    i = j + 1;
                }
                None => {
                    // `https://…` or `10:30` are words, not fields.
                    let next = chars[j + 1].1;
                    if next != '/' && !next.is_ascii_digit() && name.len() > 1 {
                        return Err(SyntaxError::UnknownField(name));
                    }
                }
            }
        }
        let (atom_text, phrase) = if i < chars.len() && matches!(chars[i].1, '"' | '“') {
            let open = i;
            let mut k = i + 1;
            while k < chars.len() && !matches!(chars[k].1, '"' | '”') {
                k += 1;
            }
            if k >= chars.len() {
                return Err(SyntaxError::UnbalancedQuote(chars[open].0));
            }
            let inner: String = chars[i + 1..k].iter().map(|(_, c)| c).collect();
            i = k + 1;
            (inner, true)
        } else {
            let mut k = i;
            while k < chars.len() && !chars[k].1.is_whitespace() {
                k += 1;
            }
            let w: String = chars[i..k].iter().map(|(_, c)| c).collect();
            i = k;
            (w, false)
        };
        if !phrase && field.is_none() && occur == Occur::Should && atom_text == "OR" {
            if clauses.is_empty() || pending_or {
                return Err(SyntaxError::DanglingOr);
            }
            pending_or = true;
            continue;
        }
        if atom_text.trim().is_empty() {
            continue;
        }
        let atom = Atom {
            field,
            text: atom_text,
            phrase,
        };
        if pending_or {
            pending_or = false;
            if let Some(last) = clauses.last_mut() {
                last.alternatives.push(atom);
                continue;
            }
        }
        clauses.push(Clause {
            occur,
            alternatives: vec![atom],
        });
    }
    if pending_or {
        return Err(SyntaxError::DanglingOr);
    }
    Ok(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Atom {
        Atom {
            field: None,
            text: t.into(),
            phrase: false,
        }
    }

    #[test]
    fn words_phrases_operators_fields() {
        let q = parse(r#"secrets "key rotation" +vault -aws title:kubernetes speaker:"Adrian Mouat""#).unwrap();
        assert_eq!(q.len(), 6);
        assert_eq!(
            q[0],
            Clause {
                occur: Occur::Should,
                alternatives: vec![word("secrets")]
            }
        );
        assert!(q[1].alternatives[0].phrase);
        assert_eq!(q[2].occur, Occur::Must);
        assert_eq!(q[3].occur, Occur::MustNot);
        assert_eq!(q[4].alternatives[0].field, Some(FieldName::Title));
        assert_eq!(
            q[5].alternatives[0],
            Atom {
                field: Some(FieldName::Speaker),
                text: "Adrian Mouat".into(),
                phrase: true
            }
        );
    }

    #[test]
    fn or_joins_alternatives() {
        let q = parse("docker OR kubernetes helm").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].alternatives, vec![word("docker"), word("kubernetes")]);
    }

    #[test]
    fn errors() {
        assert_eq!(parse("\"open"), Err(SyntaxError::UnbalancedQuote(0)));
        assert_eq!(parse("colour:red"), Err(SyntaxError::UnknownField("colour".into())));
        assert_eq!(parse("OR x"), Err(SyntaxError::DanglingOr));
        assert_eq!(parse("x OR"), Err(SyntaxError::DanglingOr));
        assert_eq!(parse("x -"), Err(SyntaxError::DanglingOperator('-')));
    }

    #[test]
    fn urls_and_times_are_words() {
        assert_eq!(parse("https://x.com 10:30").unwrap().len(), 2);
    }
}
