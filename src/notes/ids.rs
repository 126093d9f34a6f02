//! Session ids that survive edits: `path#slug-of-the-title`.
//!
//! A number in file order (`path#3`) shifted whenever a talk was added above another; a slug
//! of the title changes only when that session's own title does. Two sessions of one file
//! with the same slug are told apart by their order among those (`#lunch`, `#lunch-2`).

use std::collections::HashMap;

/// Longest slug kept, in bytes: ids stay readable in a terminal.
const MAX_SLUG: usize = 60;

/// `Scaling Postgres at the edge!` → `scaling-postgres-at-the-edge`; accents and other
/// scripts transliterated; `session` when nothing is left.
pub(crate) fn slug(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_lowercase();
    let mut slug = String::with_capacity(ascii.len().min(MAX_SLUG));
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = usize::from(!slug.is_empty()) + word.len();
        if slug.len() + extra > MAX_SLUG {
            if slug.is_empty() {
                slug.push_str(&word[..MAX_SLUG]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("session");
    }
    slug
}

/// Gives every session of the file at `path` its id, from its title.
pub(crate) fn assign<'a>(path: &str, titles: impl Iterator<Item = (&'a str, &'a mut String)>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (title, id) in titles {
        let s = slug(title);
        let n = seen.entry(s.clone()).or_insert(0);
        *n += 1;
        *id = if *n == 1 {
            format!("{path}#{s}")
        } else {
            format!("{path}#{s}-{n}")
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_of_titles() {
        assert_eq!(slug("Scaling Postgres at the edge!"), "scaling-postgres-at-the-edge");
        assert_eq!(slug("Café culture – René"), "cafe-culture-rene");
        assert_eq!(slug("???"), "session");
        assert_eq!(slug(""), "session");
        assert!(slug(&"word ".repeat(40)).len() <= MAX_SLUG);
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
    }

    #[test]
    fn same_title_twice_in_a_file() {
        let titles = ["Lunch", "Talk", "Lunch"];
        let mut ids = vec![String::new(); 3];
        assign("a.md", titles.iter().copied().zip(ids.iter_mut()));
        assert_eq!(ids, ["a.md#lunch", "a.md#talk", "a.md#lunch-2"]);
    }
}
