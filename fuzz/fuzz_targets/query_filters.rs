#![no_main]
//! The query and filter arguments (dates, years and ranges, limits, kinds, sort) through
//! `cli::parse`: never a panic, and whatever is accepted makes sense.
//!
//! Input: the first line names the command (`query`, `facets` or `links`; anything else is
//! `query`). Each further line is one flag and its value: `--since 2019-02-31`; a line that
//! starts with no known flag uses its first byte to pick one and the rest as the value, so
//! random bytes still reach the value parsers.

use confsearch::cli::{Request, parse};
use confsearch::search::SearchRequest;
use libfuzzer_sys::fuzz_target;

const FLAGS: &[&str] = &[
    "--since", "--until", "--year", "--limit", "--kind", "--sort", "--speaker", "--domain", "--tag", "--theme",
    "--conference",
];

/// A `yyyymmdd` bound is a day of the calendar.
fn assert_real_day(bound: u64, what: &str) {
    let (y, m, d) = (bound / 10_000, bound / 100 % 100, bound % 100);
    let day = jiff::civil::Date::new(y as i16, m as i8, d as i8);
    assert!(y <= 9999 && day.is_ok(), "{what} {bound} is not a day");
}

fn check(request: &SearchRequest) {
    let f = &request.filters;
    if let Some(s) = f.since {
        assert_real_day(s, "--since");
    }
    if let Some(u) = f.until {
        assert_real_day(u, "--until");
    }
    if let (Some(s), Some(u)) = (f.since, f.until) {
        assert!(s <= u, "--since {s} after --until {u} accepted");
    }
    for &(lo, hi) in &f.years {
        assert!(lo.is_some() || hi.is_some(), "an empty year range accepted");
        for y in [lo, hi].into_iter().flatten() {
            assert!((1000..=9999).contains(&y), "year {y} accepted");
        }
        if let (Some(lo), Some(hi)) = (lo, hi) {
            assert!(lo <= hi, "year range {lo}..{hi} accepted");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let command = match lines.next().unwrap_or("") {
        c @ ("facets" | "links") => c,
        _ => "query",
    };
    let mut args = vec!["confsearch".to_string(), command.to_string()];
    for line in lines {
        let (flag, value) = match FLAGS.iter().find(|f| line.starts_with(*f)) {
            Some(f) => (*f, line[f.len()..].strip_prefix(' ').unwrap_or(&line[f.len()..])),
            None => match line.as_bytes().first() {
                Some(&b) => {
                    let rest = line.char_indices().nth(1).map_or("", |(i, _)| &line[i..]);
                    (FLAGS[usize::from(b) % FLAGS.len()], rest)
                }
                None => continue,
            },
        };
        args.push(flag.to_string());
        args.push(value.to_string());
    }
    if let Ok(Ok((_, request))) = parse(&args) {
        match request {
            Request::Query { request, .. } | Request::Facets { request, .. } | Request::Links { request, .. } => {
                check(&request)
            }
            other => panic!("{command} parsed as {other:?}"),
        }
    }
});
