//! Dates as people write them in notes: `October 17, 2019`, `17 October 2019`, `2019-10-17`,
//! `05/18/2016`, `Monday 24th April`, `Wed 14 Feb`, `Jour 2 - samedi 23 septembre`, and a bare
//! weekday resolved against what is known of the conference days.

use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTHS: &str = "january|february|march|april|june|july|august|september|october|november|december|\
janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|\
jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec|mai|févr|janv|déc";

const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|\
lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\
mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})(?-u:\b)").expect("valid regex"));
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)").expect("valid regex"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?:{WEEKDAYS})\.?,?\s+)?({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?:{WEEKDAYS})\.?,?\s+)?(\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:of\s+)?({MONTHS})(?-u:\b)\.?(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)(?-u:\b)({WEEKDAYS})(?-u:\b)\.?")).expect("valid regex"));
/// [`WEEKDAY`] at the start of a line only: the same match there, without scanning the rest.
static LEADING_WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?-u:\b)({WEEKDAYS})(?-u:\b)\.?")).expect("valid regex"));
static DAY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:day|jour|tag|día|dia)\s*(\d{1,2}|one|two|three|four|five)(?-u:\b)")
        .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19[7-9]|20[0-4])\d)(?:[^\d]|$)").expect("valid regex"));

/// What is known when a date is read: the year of the notes and the last day seen.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DateContext {
    pub year: Option<i16>,
    /// A date the notes were written on or near (front matter), for bare weekdays.
    pub reference: Option<Date>,
    /// The conference day the notes are currently in.
    pub current: Option<Date>,
}

/// A date found in a line of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundDate {
    pub date: Option<Date>,
    pub year: Option<i16>,
    pub range: Range<usize>,
}

fn month_number(name: &str) -> Option<i8> {
    let name = name.to_lowercase();
    let n = match name.trim_end_matches('.') {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "février" | "fevrier" | "févr" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" | "avril" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" => 6,
        "july" | "jul" | "juillet" => 7,
        "august" | "aug" | "août" | "aout" => 8,
        "september" | "sept" | "sep" | "septembre" => 9,
        "october" | "oct" | "octobre" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "décembre" | "decembre" | "déc" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(name: &str) -> Option<Weekday> {
    let name = name.to_lowercase();
    let day = match name.trim_end_matches('.') {
        "monday" | "mon" | "lundi" => Weekday::Monday,
        "tuesday" | "tue" | "tues" | "mardi" => Weekday::Tuesday,
        "wednesday" | "wed" | "mercredi" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" | "jeudi" => Weekday::Thursday,
        "friday" | "fri" | "vendredi" => Weekday::Friday,
        "saturday" | "sat" | "samedi" => Weekday::Saturday,
        "sunday" | "sun" | "dimanche" => Weekday::Sunday,
        _ => return None,
    };
    Some(day)
}

fn make(year: Option<i16>, month: i8, day: i8) -> Option<Date> {
    Date::new(year?, month, day).ok()
}

fn parse_year(s: Option<regex::Match<'_>>) -> Option<i16> {
    s.and_then(|m| m.as_str().parse::<i16>().ok())
        .filter(|y| (1970..=2099).contains(y))
}

/// Finds the first full or partial date in `text`. A date without a year takes the year of
/// the context; without one it is returned with `date: None`.
pub(crate) fn find_date(text: &str, ctx: &DateContext) -> Option<FoundDate> {
    // Every form reads its day (or year) as ASCII digits: without one, nothing can be found.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut best: Option<FoundDate> = None;
    let mut consider = |found: FoundDate| {
        if best.as_ref().is_none_or(|b| found.range.start < b.range.start) {
            best = Some(found);
        }
    };
    if !(ISO.is_match(text) || SLASHED.is_match(text) || MONTH_FIRST.is_match(text) || DAY_FIRST.is_match(text)) {
        return None;
    }
    if let Some(c) = ISO.captures(text) {
        let year = parse_year(c.get(1));
        let month = c[2].parse().unwrap_or(0);
        let day = c[3].parse().unwrap_or(0);
        if let Some(date) = make(year, month, day) {
            consider(FoundDate {
                date: Some(date),
                year,
                range: c.get(0).map_or(0..0, |m| m.range()),
            });
        }
    }
    if let Some(c) = SLASHED.captures(text) {
        let year = parse_year(c.get(3));
        let a: i8 = c[1].parse().unwrap_or(0);
        let b: i8 = c[2].parse().unwrap_or(0);
        // Month first as in the US, unless the first number cannot be a month.
        let date = if a > 12 { make(year, b, a) } else { make(year, a, b) };
        if date.is_some() {
            consider(FoundDate {
                date,
                year,
                range: c.get(0).map_or(0..0, |m| m.range()),
            });
        }
    }
    for (re, month_group, day_group) in [(&*MONTH_FIRST, 1, 2), (&*DAY_FIRST, 2, 1)] {
        if let Some(c) = re.captures(text) {
            let Some(month) = c.get(month_group).and_then(|m| month_number(m.as_str())) else {
                continue;
            };
            let day: i8 = c[day_group].parse().unwrap_or(0);
            if !(1..=31).contains(&day) {
                continue;
            }
            let stated = parse_year(c.get(3));
            let year = stated.or(ctx.year);
            let date = make(year, month, day);
            let range = c.get(0).map_or(0..0, |m| m.range());
            consider(FoundDate { date, year, range });
        }
    }
    best
}

/// [`find_date`]'s date when it starts `text`. Every form starts with a digit or a letter (a
/// weekday or a month), so any other first character settles it without the regexes.
pub(crate) fn find_date_at_start(text: &str, ctx: &DateContext) -> Option<FoundDate> {
    if !text.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    find_date(text, ctx).filter(|f| f.range.start == 0)
}

/// Resolves a bare weekday: the first such day on or after the current conference day,
/// or else the last one on or before the reference date (a post written after the event).
pub(crate) fn resolve_weekday(name: &str, ctx: &DateContext) -> Option<Date> {
    let wanted = weekday(name)?;
    if let Some(current) = ctx.current {
        let mut d = current;
        for _ in 0..7 {
            if d.weekday() == wanted {
                return Some(d);
            }
            d = d.tomorrow().ok()?;
        }
    }
    let mut d = ctx.reference?;
    for _ in 0..7 {
        if d.weekday() == wanted {
            return Some(d);
        }
        d = d.yesterday().ok()?;
    }
    None
}

/// The weekday word at the start of `text`, if any, with its byte length.
pub(crate) fn leading_weekday(text: &str) -> Option<(&str, usize)> {
    let m = LEADING_WEEKDAY.find(text)?;
    let name = text[..m.end()].trim_end_matches('.');
    Some((name, m.end()))
}

/// A line that only names a conference day: `October 17, 2019`, `Day 2`, `Jour 2 - samedi 23
/// septembre`, `Monday 24th April`, `Saturday`. `Some(None)` is a day divider with no date.
pub(crate) fn day_line(text: &str, ctx: &DateContext) -> Option<Option<FoundDate>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 || !could_be_day(text) {
        return None;
    }
    let found = find_date(text, ctx);
    let mut rest = match &found {
        Some(f) => format!("{} {}", &text[..f.range.start], &text[f.range.end..]),
        None => text.to_string(),
    };
    rest = DAY_NUMBER.replace_all(&rest, " ").into_owned();
    let weekday_found = WEEKDAY
        .find(&rest)
        .map(|m| m.as_str().trim_end_matches('.').to_string());
    rest = WEEKDAY.replace_all(&rest, " ").into_owned();
    let leftover = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | ':' | ',' | '.' | '(' | ')' | '*' | '_' | '#'))
        .count();
    if leftover > 0 {
        return None;
    }
    match found {
        Some(f) => Some(Some(f)),
        None => {
            let had_day_number = DAY_NUMBER.is_match(text);
            match weekday_found {
                Some(name) => {
                    let date = resolve_weekday(&name, ctx);
                    Some(Some(FoundDate {
                        date,
                        year: date.map(|d| d.year()).or(ctx.year),
                        range: 0..text.len(),
                    }))
                }
                None if had_day_number => Some(None),
                None => None,
            }
        }
    }
}

/// Words a heading may put beside a full date and still name a day: `Meetup of 12 March
/// 2022`, `Session — 2022-03-12`.
pub(crate) const DAY_LABEL_WORDS: usize = 3;

/// A heading that names an event's day by a full date (year written) and at most
/// [`DAY_LABEL_WORDS`] other words, none a number: `Meetup of 12 March 2022`. Only a day when
/// slot lines follow it (the builder checks); `Release 2.0 on 12 March 2022` is not one.
pub(crate) fn dated_heading(text: &str) -> Option<FoundDate> {
    let text = text.trim();
    if text.len() > 80 {
        return None;
    }
    let found = find_date(text, &DateContext::default()).filter(|f| f.date.is_some())?;
    let rest = format!("{} {}", &text[..found.range.start], &text[found.range.end..]);
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ',' | '(' | ')' | '#' | '*' | '_'))
        .filter(|w| !w.is_empty())
        .collect();
    (words.len() <= DAY_LABEL_WORDS && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))).then_some(found)
}

/// A day line after a short label naming the event: `KubeCon — Day 2, Thursday 3 April`,
/// `PyCon 2024: Saturday 18 May`. The label is at most [`DAY_LABEL_WORDS`] words with no
/// number but a year (which dates the day when it names none); the day names its weekday or
/// number and has a date.
pub(crate) fn labelled_day(text: &str, ctx: &DateContext) -> Option<FoundDate> {
    let text = text.trim();
    if text.len() > 80 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (at, len) = [" — ", " – ", " - ", ": ", " | "]
        .iter()
        .filter_map(|sep| text.find(sep).map(|i| (i, sep.len())))
        .min()?;
    let (label, day) = (text[..at].trim(), &text[at + len..]);
    // Words counted and numbers looked at before any regex: most headings stop here.
    let mut year = None;
    let mut words = 0;
    for w in label.split_whitespace() {
        words += 1;
        let w = w.trim_matches([',', '(', ')']);
        if words > DAY_LABEL_WORDS {
            return None;
        }
        if w.bytes().any(|b| b.is_ascii_digit()) {
            year = Some((w.len() == 4).then(|| find_year(w)).flatten()?);
        }
    }
    if words == 0 {
        return None;
    }
    let ctx = DateContext {
        year: year.or(ctx.year),
        ..*ctx
    };
    // `Scaling etcd - 12 June` is a talk and its date; a day names its weekday or number.
    if !(WEEKDAY.is_match(day) || DAY_NUMBER.is_match(day)) {
        return None;
    }
    day_line(day, &ctx).flatten().filter(|f| f.date.is_some())
}

/// Cheap checks before the regexes: a time (`09:45 …`) is not a day, and a line without a
/// digit must at least name a weekday or a day number.
fn could_be_day(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b':' | b'h' | b'.')
        && b[digits + 1].is_ascii_digit()
    {
        return false;
    }
    if b.iter().any(u8::is_ascii_digit) {
        return true;
    }
    let lower = text.to_lowercase();
    [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "day",
        "jour", "tag", "dia", "día",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A month or weekday name as a whole word (`Monday`, `mars`, `Sept`): a heading's `Monday:`
/// names a day, not a person.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    static WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| MONTHS.split('|').chain(WEEKDAYS.split('|')).collect());
    word.len() <= 9 && WORDS.contains(word.to_lowercase().trim_end_matches('.'))
}

/// The first plausible year (1970–2049) written in `text`.
pub(crate) fn find_year(text: &str) -> Option<i16> {
    YEAR.captures(text).and_then(|c| c[1].parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    fn ctx(year: i16) -> DateContext {
        DateContext {
            year: Some(year),
            ..DateContext::default()
        }
    }

    #[test]
    fn written_forms() {
        let none = DateContext::default();
        for (text, want) in [
            ("October 17, 2019", "2019-10-17"),
            ("17 October 2019", "2019-10-17"),
            ("2019-10-17", "2019-10-17"),
            ("05/18/2016", "2016-05-18"),
            ("18/05/2016", "2016-05-18"),
            ("Thursday, Oct. 17th 2019", "2019-10-17"),
        ] {
            let found = find_date(text, &none).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found.date, date(want), "{text}");
        }
    }

    #[test]
    fn year_from_context() {
        assert_eq!(
            find_date("Monday 24th April", &ctx(2017)).unwrap().date,
            date("2017-04-24")
        );
        assert_eq!(find_date("Wed 14 Feb", &ctx(2018)).unwrap().date, date("2018-02-14"));
        assert_eq!(find_date("Wed 14 Feb", &DateContext::default()).unwrap().date, None);
    }

    #[test]
    fn french_day_heading() {
        let found = day_line("Jour 2 - samedi 23 septembre", &ctx(2017)).unwrap().unwrap();
        assert_eq!(found.date, date("2017-09-23"));
    }

    #[test]
    fn day_lines_and_non_day_lines() {
        let c = ctx(2019);
        assert!(day_line("October 18, 2019", &c).unwrap().is_some());
        assert_eq!(day_line("Day 1", &c), Some(None));
        assert_eq!(day_line("Day 2 Keynote", &c), None);
        assert_eq!(day_line("Released on October 18, 2019 by the team", &c), None);
        assert_eq!(day_line("09:45 – 10:15 Someone – A talk", &c), None);
    }

    #[test]
    fn kubecon_day_2_thursday_3_april_is_a_labelled_day() {
        let c = ctx(2025);
        for (text, want) in [
            ("KubeCon — Day 2, Thursday 3 April", "2025-04-03"),
            ("PyCon US 2024: Saturday 18 May", "2024-05-18"),
            ("Harbourconf | Day 1 - 2025-06-12", "2025-06-12"),
        ] {
            assert_eq!(labelled_day(text, &c).and_then(|f| f.date), date(want), "{text}");
        }
        for text in [
            "KubeCon — Day 2",
            "Scaling etcd - Ana Costa",
            "Release 2.0 - 3 April",
            "Scaling etcd - 12 June",
            "What we learned on the way home - 3 April",
            "Day 2, Thursday 3 April",
        ] {
            assert_eq!(labelled_day(text, &c), None, "{text}");
        }
    }

    #[test]
    fn meetup_of_12_march_2022_is_a_dated_heading() {
        for (text, want) in [
            ("Meetup of 12 March 2022", "2022-03-12"),
            ("Session — 2022-03-12", "2022-03-12"),
            ("Edition of October 7, 2021", "2021-10-07"),
        ] {
            assert_eq!(dated_heading(text).and_then(|f| f.date), date(want), "{text}");
        }
        for text in [
            "Meetup of 12 March",
            "Release 2.0 on 12 March 2022",
            "What we learned at the meetup of 12 March 2022",
            "Old slides I found",
        ] {
            assert_eq!(dated_heading(text), None, "{text}");
        }
    }

    #[test]
    fn bare_weekday_resolved_before_reference_date() {
        let c = DateContext {
            year: Some(2020),
            reference: date("2020-02-06"),
            current: None,
        };
        assert_eq!(resolve_weekday("Saturday", &c), date("2020-02-01"));
        assert_eq!(resolve_weekday("Sunday", &c), date("2020-02-02"));
        let after = DateContext {
            current: date("2020-02-01"),
            ..c
        };
        assert_eq!(resolve_weekday("Sunday", &after), date("2020-02-02"));
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(find_date("2019-02-30", &DateContext::default()), None);
        assert_eq!(
            find_date("31 February 2019", &DateContext::default()).and_then(|f| f.date),
            None
        );
    }

    #[test]
    fn years_in_text() {
        assert_eq!(find_year("KubeCon-2017"), Some(2017));
        assert_eq!(find_year("NOTES_NDC_Sydney_2024"), Some(2024));
        assert_eq!(find_year("port 20171"), None);
    }
}
