//! A year written in the query text (`kubernetes 2019`): the sessions of that year meet the
//! word as if they said it, so they rank above the same talks of other years. Not a filter
//! (`--year` is): sessions of other years still match the other words, a session that
//! writes `2019` in its notes still matches it as text, and a query of a year alone lists that
//! year's sessions.

use super::syntax::{Clause, Occur};
use tantivy::Term;
use tantivy::query::{ConstScoreQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

/// Years a query word is read as: four digits, from the first conferences notes could be of
/// to the end of the century. `1024` or `8080` stay plain words.
const YEARS: std::ops::RangeInclusive<u16> = 1950..=2099;

/// The year a clause names: one plain word of four digits in [`YEARS`], neither excluded
/// (`-2019` excludes the word, as before) nor restricted to a field nor quoted.
pub(crate) fn named(clause: &Clause) -> Option<u16> {
    if clause.occur == Occur::MustNot {
        return None;
    }
    match clause.alternatives.as_slice() {
        [atom] if atom.field.is_none() && !atom.phrase => year_of(atom.text.trim()),
        _ => None,
    }
}

/// `2019` → 2019; anything but four ASCII digits in [`YEARS`] → `None`.
fn year_of(word: &str) -> Option<u16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| YEARS.contains(y))
}

/// The sessions of `year`, with a constant score (the tier's bonus ranks them; there is no
/// BM25 of a number).
pub(crate) fn sessions_of(year_field: Field, year: u16) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_u64(year_field, u64::from(year)),
            IndexRecordOption::Basic,
        )),
        1.0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax::parse;

    fn years(text: &str) -> Vec<Option<u16>> {
        parse(text).unwrap().iter().map(named).collect()
    }

    #[test]
    fn kubernetes_2019_names_2019() {
        assert_eq!(years("kubernetes 2019"), [None, Some(2019)]);
        assert_eq!(years("+2017"), [Some(2017)]);
    }

    #[test]
    fn port_8080_excluded_quoted_and_field_years_are_words() {
        assert_eq!(years("8080 1024 20190"), [None, None, None]);
        assert_eq!(years("-2019 \"2019\" title:2019"), [None, None, None]);
        assert_eq!(years("2019 OR 2018"), [None]);
    }
}
