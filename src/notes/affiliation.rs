//! Organisation tails after a speaker's name: `Ana Costa from example.com`, `Ana Costa of
//! Acme`, `Ana Costa at Acme`, `Ana Costa (Acme)`, `Ana Costa @ Acme`. The speaker is the
//! name; the organisation is neither speaker nor title.

use super::names::name_score;

/// Words that join a name to the organisation after it.
const JOINERS: &[&str] = &[" from ", " of ", " at ", " @ ", " with "];
/// Name score the part before the joiner needs: the joiner is evidence too.
const NAME_BEFORE_TAIL: f32 = 0.75;

/// `Ana Costa from latencylab.io` → (`Ana Costa`, `latencylab.io`); text whose head is not a
/// name comes back whole (`Head of Platform`, `State of the art`).
pub(crate) fn split_affiliation(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    if let Some(open) = text.find(" (")
        && text.ends_with(')')
    {
        let who = text[..open].trim();
        if name_score(who) >= NAME_BEFORE_TAIL {
            return (who, Some(text[open + 2..text.len() - 1].trim()));
        }
    }
    for joiner in JOINERS {
        if let Some(i) = text.find(joiner) {
            let who = text[..i].trim();
            let org = text[i + joiner.len()..].trim();
            if !org.is_empty() && name_score(who) >= NAME_BEFORE_TAIL {
                return (who, Some(org));
            }
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_tails() {
        assert_eq!(
            split_affiliation("Ana Costa from example.com"),
            ("Ana Costa", Some("example.com"))
        );
        assert_eq!(
            split_affiliation("Ana Costa of Acme Rail"),
            ("Ana Costa", Some("Acme Rail"))
        );
        assert_eq!(split_affiliation("Ana Costa (Acme)"), ("Ana Costa", Some("Acme")));
        assert_eq!(split_affiliation("Ana Costa at Globex"), ("Ana Costa", Some("Globex")));
    }

    #[test]
    fn text_without_a_name_first_stays_whole() {
        assert_eq!(split_affiliation("Head of Platform"), ("Head of Platform", None));
        assert_eq!(
            split_affiliation("the state of the art"),
            ("the state of the art", None)
        );
        assert_eq!(split_affiliation("Ana Costa"), ("Ana Costa", None));
    }
}
