//! Finding URLs in note text and normalising them.
//!
//! Links are found in the raw source of a session, whatever the markup around them:
//! Markdown links and autolinks, HTML attributes, bare URLs glued to the word before,
//! URLs wrapped onto the next line inside `](…)`, and scheme-less forms such as
//! `github.com/org/repo`. Each link keeps its original text, a normalised URL (lower-case
//! host, tracking parameters removed) and its domain (host without `www.`).
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end); the code is under 500.

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use url::Url;

/// One URL mentioned in a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The normalised URL: always parses as an absolute URL.
    pub url: String,
    /// The text as written in the note.
    pub text: String,
    /// Host without a leading `www.`, lower-case.
    pub domain: String,
}

/// Top-level domains accepted for links written without a scheme. Deliberately short:
/// `setup.py`, `README.md` or `index.sh` must not become links.
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "io", "co", "uk", "dev", "app", "info", "me", "ly", "do", "gl", "gg", "tv", "fm", "ai", "edu",
    "gov", "us", "ca", "de", "fr", "be", "nl", "eu", "ch", "se", "fi", "dk", "es", "pl", "cz", "at", "au", "nz", "jp",
    "in", "ie", "sg", "xyz", "tech", "cloud", "blog", "news", "works", "page", "site", "club", "org.uk",
];

/// Query parameters that only track where a click came from.
fn is_tracking_param(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_hsenc"
                | "_hsmi"
                | "ref_src"
                | "ref_url"
        )
}

/// Characters that can never be part of a URL as people write them in notes.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '\''
                | '`'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '{'
                | '}'
                | '|'
                | '\\'
                | '^'
                | '['
                | ']'
        )
        || c.is_control()
}

/// Finds every link in `text`. Offsets are byte offsets of the link text in `text`.
///
/// The text is read as runs of characters that can be part of a URL; within a run, a
/// scheme (`https://`, `www.`) starts a link anywhere (glued to the word before), and a run
/// with a dot may hold one scheme-less link.
///
/// Every session's notes pass here, and most runs are words with neither a `:` (scheme) nor
/// a `.` (`www.`, a bare domain): only the runs around those bytes, found with `memchr`
/// (`str::find` of one ASCII character), are read at all.
pub(crate) fn find_links(text: &str) -> Vec<(usize, Link)> {
    let mut found = Vec::new();
    let mut dots = NextByte::new(b'.');
    let mut colons = NextByte::new(b':');
    // Runs before `from` are read; `from` is a character boundary.
    let mut from = 0;
    loop {
        let p = match (dots.find(text, from), colons.find(text, from)) {
            (Some(dot), Some(colon)) => dot.min(colon),
            (Some(p), None) | (None, Some(p)) => p,
            (None, None) => break,
        };
        let a = run_start(text, from, p);
        let b = run_end(text, p);
        links_in_run(text, a, b, &mut found);
        // `b` is the end of the text or a character that ends every run.
        match text[b..].chars().next() {
            Some(c) => from = b + c.len_utf8(),
            None => break,
        }
    }
    found
}

/// The next offset of one ASCII byte at or after a position, remembered so that the text
/// after it is not searched again for each run.
struct NextByte {
    byte: char,
    /// The last answer: `Some(None)` once the byte is known absent from the rest.
    at: Option<Option<usize>>,
}

impl NextByte {
    fn new(byte: u8) -> NextByte {
        NextByte {
            byte: char::from(byte),
            at: None,
        }
    }

    /// The first offset of the byte at or after `from`, if any.
    fn find(&mut self, text: &str, from: usize) -> Option<usize> {
        match self.at {
            Some(Some(at)) if at >= from => Some(at),
            Some(None) => None,
            _ => {
                let at = text[from..].find(self.byte).map(|i| from + i);
                self.at = Some(at);
                at
            }
        }
    }
}

/// [`ends_url`] of each ASCII character.
static ASCII_ENDS_URL: LazyLock<[bool; 128]> = LazyLock::new(|| std::array::from_fn(|b| ends_url(char::from(b as u8))));

/// [`ends_url`] of the character that starts at byte `i`, and its length.
fn ends_url_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b.is_ascii() => (ASCII_ENDS_URL[usize::from(b)], 1),
        _ => text[i..]
            .chars()
            .next()
            .map_or((true, 1), |c| (ends_url(c), c.len_utf8())),
    }
}

/// Where the run holding byte `p` starts: after the last character before `p` that ends
/// runs, but not before `from`.
fn run_start(text: &str, from: usize, p: usize) -> usize {
    let bytes = text.as_bytes();
    let mut a = p;
    while a > from {
        let before = match bytes[a - 1] {
            b if b.is_ascii() => (ASCII_ENDS_URL[usize::from(b)], 1),
            _ => text[..a]
                .chars()
                .next_back()
                .map_or((true, 1), |c| (ends_url(c), c.len_utf8())),
        };
        if before.0 {
            break;
        }
        a -= before.1;
    }
    a
}

/// Where the run holding byte `p` ends: at the first character from `p` that ends runs,
/// or the end of the text.
fn run_end(text: &str, p: usize) -> usize {
    let mut b = p;
    while b < text.len() {
        let (ends, len) = ends_url_at(text, b);
        if ends {
            break;
        }
        b += len;
    }
    b
}

/// Links in `text[a..b]`, a run without spaces or quotes. A link's extent may go past `b`
/// (a Markdown destination wrapped onto the next line).
fn links_in_run(text: &str, a: usize, b: usize, found: &mut Vec<(usize, Link)>) {
    let run = &text[a..b];
    let bytes = run.as_bytes();
    // Every link has a `:` (scheme) or a `.` (`www.`, a bare domain): most words have neither.
    if !bytes.iter().any(|&c| c == b':' || c == b'.') {
        return;
    }
    // Byte by byte: a scheme starts with an ASCII letter, never inside another character.
    let mut i = 0;
    let mut any = false;
    while i < bytes.len() {
        let scheme_len = scheme_at(&bytes[i..]);
        let www_ok = scheme_len != 4 || i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if scheme_len > 0 && www_ok {
            any = true;
            let start = a + i;
            let (end, joined) = url_extent(text, start, scheme_len);
            let raw = joined.as_deref().unwrap_or(&text[start..end]);
            if let Some(link) = normalise(raw) {
                found.push((start, link));
            }
            i = end.saturating_sub(a).max(i + 1);
            continue;
        }
        i += 1;
    }
    if any || !bytes.contains(&b'.') {
        return;
    }
    // One scheme-less link per run: `github.com/org/repo`, `bit.ly/x`. (A bare start is an
    // ASCII letter or digit, so only ASCII bytes are tried.)
    let Some(start) = (a..b).find(|&n| is_bare_start(text, n)) else {
        return;
    };
    let (end, joined) = url_extent(text, start, 0);
    let raw = joined.as_deref().unwrap_or(&text[start..end]);
    // The cheap test first: most candidates are a word ending a sentence (`end.`).
    if is_plausible_bare(raw)
        && let Some(link) = normalise(raw)
    {
        found.push((start, link));
    }
}

/// Length of an `http://`, `https://` or `ftp://` scheme at the start of `b`, or a `www.` prefix.
fn scheme_at(b: &[u8]) -> usize {
    let starts = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if b.first()
        .is_none_or(|c| !matches!(c, b'h' | b'H' | b'f' | b'F' | b'w' | b'W'))
    {
        return 0;
    }
    for scheme in ["https://", "http://", "ftp://"] {
        if starts(scheme) {
            return scheme.len();
        }
    }
    if starts("www.") && b.len() > 6 {
        return 4;
    }
    0
}

/// Could a scheme-less domain start at byte `i`? Not inside a word, an e-mail address or a
/// path.
fn is_bare_start(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if !bytes[i].is_ascii_alphanumeric() {
        return false;
    }
    match text[..i].chars().next_back() {
        None => true,
        Some(p) => !(p.is_alphanumeric() || matches!(p, '@' | '.' | '/' | '-' | '_' | ':' | '#' | '\\')),
    }
}

/// Where the URL starting at `start` ends. A link destination wrapped onto the next line
/// inside `](…)` is joined and returned as the second value.
fn url_extent(text: &str, start: usize, scheme_len: usize) -> (usize, Option<String>) {
    let mut depth = 0i32;
    let mut end = text.len();
    let body_start = start + scheme_len;
    let bytes = text.as_bytes();
    let mut at = body_start;
    while at < text.len() {
        let (ends, len) = ends_url_at(text, at);
        if ends {
            end = at;
            break;
        }
        // Two URLs glued together: the second one starts a new link.
        if at > body_start && scheme_at(&bytes[at..]) > 4 {
            end = at;
            break;
        }
        match bytes[at] {
            b'(' => depth += 1,
            b')' if depth == 0 => {
                end = at;
                break;
            }
            b')' => depth -= 1,
            _ => {}
        }
        at += len;
    }
    let mut end = trim_trailing(text, start + scheme_len, end);
    let in_md_link = text[..start].ends_with("](") || text[..start].ends_with("]( ");
    if in_md_link && text[end..].starts_with('\n') {
        // `[text](https://example.com/long/pa\nth)`: the destination goes on to the `)`.
        let next = &text[end + 1..];
        let next_line = next.split('\n').next().unwrap_or("");
        if let Some(close) = next_line.find(')') {
            let tail = next_line[..close].trim();
            if !tail.is_empty() && !tail.contains(char::is_whitespace) {
                let joined = format!("{}{}", &text[start..end], tail);
                end = end + 1 + close;
                return (end, Some(joined));
            }
        }
    }
    if end <= start + scheme_len {
        end = start + scheme_len;
    }
    (end, None)
}

/// Drops punctuation that ends a sentence rather than the URL.
fn trim_trailing(text: &str, min: usize, mut end: usize) -> usize {
    while end > min {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '…' | '»') {
            end -= c.len_utf8();
        } else if c == '_' && !text[min..end - 1].contains('_') {
            // `_https://x.com_` emphasis: an underscore no other part of the URL uses.
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// A scheme-less candidate must look like `name.tld` or `name.tld/path`.
fn is_plausible_bare(raw: &str) -> bool {
    let host_end = raw.find(['/', '?', '#']).unwrap_or(raw.len());
    let host = &raw[..host_end];
    let host = host.split(':').next().unwrap_or(host);
    let mut labels = host.split('.');
    let first = labels.next().unwrap_or("");
    let Some(tld) = host.rsplit('.').next().filter(|_| labels.next().is_some()) else {
        return false;
    };
    let label_ok = |l: &str| !l.is_empty() && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    if !host.split('.').all(label_ok) {
        return false;
    }
    if first.len() < 2 || tld.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // The labels are ASCII: comparing without case is comparing the lower-cased host.
    BARE_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

/// Parses and normalises one link as written. `None` when it is not a usable URL.
pub(crate) fn normalise(raw: &str) -> Option<Link> {
    let raw = raw.trim();
    let has_scheme = ["http://", "https://", "ftp://"]
        .iter()
        .any(|s| raw.len() >= s.len() && raw.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes()));
    let absolute = if has_scheme {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let mut url = Url::parse(&absolute).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return None;
    }
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking_param(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else if kept.len() != url.query_pairs().count() {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    let domain = domain_of(&host);
    Some(Link {
        url: url.into(),
        text: raw.to_string(),
        domain,
    })
}

/// The domain a URL or host names, as links and the `f_domain` facets hold it: lower case,
/// without a scheme, a path or a leading `www.` (`https://www.Example.org/x` → `example.org`).
/// `--domain` values are read with it, so a URL pasted there names its domain.
pub(crate) fn domain_of(url_or_host: &str) -> String {
    let v = url_or_host.trim().to_lowercase();
    let host = v.split("://").last().unwrap_or(&v).split('/').next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_of_a_host_a_url_and_a_pasted_filter_is_the_same() {
        assert_eq!(domain_of("www.example.org"), "example.org");
        assert_eq!(domain_of("https://www.Example.org/talks/1"), "example.org");
        assert_eq!(domain_of(" WWW.YouTube.com "), "youtube.com");
        assert_eq!(domain_of("m.youtube.com"), "m.youtube.com");
        // Only a leading `www.` goes.
        assert_eq!(domain_of("docs.www.example.org"), "docs.www.example.org");
    }

    fn urls(text: &str) -> Vec<String> {
        find_links(text).into_iter().map(|(_, l)| l.url).collect()
    }

    #[test]
    fn markdown_link_and_autolink() {
        assert_eq!(
            urls("see [the docs](https://example.com/a) and <https://example.org/b>."),
            ["https://example.com/a", "https://example.org/b"]
        );
    }

    #[test]
    fn links_between_guillemets_and_after_accented_words() {
        // Offsets are bytes: the scan must step over multi-byte characters whole.
        let found = find_links("Café «https://example.com/é» déjà vu\u{a0}www.example.org/x — ok");
        let at: Vec<(usize, &str)> = found.iter().map(|(i, l)| (*i, l.url.as_str())).collect();
        assert_eq!(
            at,
            [(8, "https://example.com/%C3%A9"), (44, "https://www.example.org/x")]
        );
    }

    #[test]
    fn url_glued_to_closing_quote() {
        assert_eq!(
            urls("“Why did nobody listen?”https://www.example.co.uk/Drift/dp/14"),
            ["https://www.example.co.uk/Drift/dp/14"]
        );
    }

    #[test]
    fn two_urls_glued_together() {
        assert_eq!(
            urls("http://a.example.com/one/http://b.example.com/two/"),
            ["http://a.example.com/one/", "http://b.example.com/two/"]
        );
    }

    #[test]
    fn balanced_parentheses_are_kept() {
        assert_eq!(
            urls("(see https://en.wikipedia.org/wiki/Flow_(psychology))."),
            ["https://en.wikipedia.org/wiki/Flow_(psychology)"]
        );
    }

    #[test]
    fn markdown_destination_wrapped_onto_next_line() {
        assert_eq!(
            urls("[slides](https://example.com/talks/very-long\n-name.pdf) more"),
            ["https://example.com/talks/very-long-name.pdf"]
        );
    }

    #[test]
    fn trailing_punctuation_dropped() {
        assert_eq!(
            urls("Go to https://example.com/x, then https://example.com/y."),
            ["https://example.com/x", "https://example.com/y"]
        );
    }

    #[test]
    fn scheme_less_forms() {
        assert_eq!(
            urls("code at github.com/org/repo and bit.ly/Abc_1 or example.co.uk"),
            [
                "https://github.com/org/repo",
                "https://bit.ly/Abc_1",
                "https://example.co.uk/"
            ]
        );
    }

    #[test]
    fn file_names_and_emails_are_not_links() {
        assert!(urls("edit setup.py and README.md, mail jo@example.com, use Node.JS, e.g. this").is_empty());
    }

    #[test]
    fn tracking_parameters_removed_and_host_lowercased() {
        let links = find_links("https://WWW.Example.COM/p?id=3&utm_source=twitter&utm_medium=cpc");
        assert_eq!(links[0].1.url, "https://www.example.com/p?id=3");
        assert_eq!(links[0].1.domain, "example.com");
        let only_tracking = find_links("https://example.com/p?utm_source=x");
        assert_eq!(only_tracking[0].1.url, "https://example.com/p");
    }

    #[test]
    fn html_attributes() {
        assert_eq!(
            urls(r#"<img src="https://example.com/a.png" alt="x"> <a href='https://example.org/'>x</a>"#),
            ["https://example.com/a.png", "https://example.org/"]
        );
    }

    #[test]
    fn url_fragment_kept() {
        assert_eq!(
            urls("https://example.com/docs/#overview"),
            ["https://example.com/docs/#overview"]
        );
    }

    /// The finder as it read every character of the text, before it looked only at the runs
    /// around a `.` or `:`: the fast one must find the same links at the same offsets.
    mod reference {
        // The old scanner, kept as the definition the fast one must agree with; what the fast
        // one did not change (trimming a link's end) is shared.
        use super::super::{BARE_TLDS, Link, ends_url, is_tracking_param, trim_trailing};
        use std::sync::LazyLock;
        use url::Url;

        /// Finds every link in `text`. Offsets are byte offsets of the link text in `text`.
        ///
        /// The text is read as runs of characters that can be part of a URL; within a run, a
        /// scheme (`https://`, `www.`) starts a link anywhere (glued to the word before), and a run
        /// with a dot may hold one scheme-less link.
        pub(super) fn find_links(text: &str) -> Vec<(usize, Link)> {
            let mut found = Vec::new();
            let mut run_start: Option<usize> = None;
            // Every session's notes pass here: ASCII bytes are looked up, only the rest decoded.
            let ascii = &*ASCII_ENDS_URL;
            let bytes = text.as_bytes();
            let mut i = 0;
            while i <= bytes.len() {
                let (ends, len) = match bytes.get(i) {
                    None => (true, 1),
                    Some(&b) if b.is_ascii() => (ascii[usize::from(b)], 1),
                    Some(_) => text[i..]
                        .chars()
                        .next()
                        .map_or((true, 1), |c| (ends_url(c), c.len_utf8())),
                };
                if !ends {
                    run_start.get_or_insert(i);
                } else if let Some(a) = run_start.take() {
                    links_in_run(text, a, i, &mut found);
                }
                i += len;
            }
            found
        }

        /// [`ends_url`] of each ASCII character.
        static ASCII_ENDS_URL: LazyLock<[bool; 128]> =
            LazyLock::new(|| std::array::from_fn(|b| ends_url(char::from(b as u8))));

        /// Links in `text[a..b]`, a run without spaces or quotes. A link's extent may go past `b`
        /// (a Markdown destination wrapped onto the next line).
        fn links_in_run(text: &str, a: usize, b: usize, found: &mut Vec<(usize, Link)>) {
            let run = &text[a..b];
            let bytes = run.as_bytes();
            // Every link has a `:` (scheme) or a `.` (`www.`, a bare domain): most words have neither.
            if !bytes.iter().any(|&c| c == b':' || c == b'.') {
                return;
            }
            let mut i = 0;
            let mut any = false;
            while i < bytes.len() {
                let scheme_len = scheme_at(&run[i..]);
                let www_ok = scheme_len != 4 || i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                if scheme_len > 0 && www_ok {
                    any = true;
                    let start = a + i;
                    let (end, joined) = url_extent(text, start, scheme_len);
                    let raw = joined.as_deref().unwrap_or(&text[start..end]);
                    if let Some(link) = normalise(raw) {
                        found.push((start, link));
                    }
                    i = end.saturating_sub(a).max(i + 1);
                    while i < bytes.len() && !run.is_char_boundary(i) {
                        i += 1;
                    }
                    continue;
                }
                i += run[i..].chars().next().map_or(1, char::len_utf8);
            }
            if any || !run.contains('.') {
                return;
            }
            // One scheme-less link per run: `github.com/org/repo`, `bit.ly/x`.
            let Some(start) = run.char_indices().map(|(n, _)| a + n).find(|&n| is_bare_start(text, n)) else {
                return;
            };
            let (end, joined) = url_extent(text, start, 0);
            let raw = joined.as_deref().unwrap_or(&text[start..end]);
            if let Some(link) = normalise(raw).filter(|_| is_plausible_bare(raw)) {
                found.push((start, link));
            }
        }

        /// Length of an `http://`, `https://` or `ftp://` scheme at the start of `s`, or a `www.` prefix.
        fn scheme_at(s: &str) -> usize {
            let b = s.as_bytes();
            let starts = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
            if b.first()
                .is_none_or(|c| !matches!(c, b'h' | b'H' | b'f' | b'F' | b'w' | b'W'))
            {
                return 0;
            }
            for scheme in ["https://", "http://", "ftp://"] {
                if starts(scheme) {
                    return scheme.len();
                }
            }
            if starts("www.") && b.len() > 6 {
                return 4;
            }
            0
        }

        /// Could a scheme-less domain start here? Not inside a word, an e-mail address or a path.
        fn is_bare_start(text: &str, i: usize) -> bool {
            let c = match text[i..].chars().next() {
                Some(c) => c,
                None => return false,
            };
            if !c.is_ascii_alphanumeric() {
                return false;
            }
            match text[..i].chars().next_back() {
                None => true,
                Some(p) => !(p.is_alphanumeric() || matches!(p, '@' | '.' | '/' | '-' | '_' | ':' | '#' | '\\')),
            }
        }

        /// Where the URL starting at `start` ends. A link destination wrapped onto the next line
        /// inside `](…)` is joined and returned as the second value.
        fn url_extent(text: &str, start: usize, scheme_len: usize) -> (usize, Option<String>) {
            let mut depth = 0i32;
            let mut end = text.len();
            let body_start = start + scheme_len;
            for (n, c) in text[body_start..].char_indices() {
                let at = body_start + n;
                if ends_url(c) {
                    end = at;
                    break;
                }
                // Two URLs glued together: the second one starts a new link.
                if n > 0 && scheme_at(&text[at..]) > 4 {
                    end = at;
                    break;
                }
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => {
                        end = at;
                        break;
                    }
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            let mut end = trim_trailing(text, start + scheme_len, end);
            let in_md_link = text[..start].ends_with("](") || text[..start].ends_with("]( ");
            if in_md_link && text[end..].starts_with('\n') {
                // `[text](https://example.com/long/pa\nth)`: the destination goes on to the `)`.
                let next = &text[end + 1..];
                let next_line = next.split('\n').next().unwrap_or("");
                if let Some(close) = next_line.find(')') {
                    let tail = next_line[..close].trim();
                    if !tail.is_empty() && !tail.contains(char::is_whitespace) {
                        let joined = format!("{}{}", &text[start..end], tail);
                        end = end + 1 + close;
                        return (end, Some(joined));
                    }
                }
            }
            if end <= start + scheme_len {
                end = start + scheme_len;
            }
            (end, None)
        }

        /// A scheme-less candidate must look like `name.tld` or `name.tld/path`.
        fn is_plausible_bare(raw: &str) -> bool {
            let host_end = raw.find(['/', '?', '#']).unwrap_or(raw.len());
            let host = &raw[..host_end];
            let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
            let labels: Vec<&str> = host.split('.').collect();
            if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
                return false;
            }
            if !labels
                .iter()
                .all(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            {
                return false;
            }
            let tld = labels[labels.len() - 1];
            if labels[0].len() < 2 || tld.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            BARE_TLDS.contains(&tld)
        }

        /// Parses and normalises one link as written. `None` when it is not a usable URL.
        pub(super) fn normalise(raw: &str) -> Option<Link> {
            let raw = raw.trim();
            let lower = raw.to_ascii_lowercase();
            let absolute =
                if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://") {
                    raw.to_string()
                } else {
                    format!("https://{raw}")
                };
            let mut url = Url::parse(&absolute).ok()?;
            let host = url.host_str()?.to_ascii_lowercase();
            if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
                return None;
            }
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| !is_tracking_param(k))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if url.query().is_some() {
                if kept.is_empty() {
                    url.set_query(None);
                } else if kept.len() != url.query_pairs().count() {
                    url.query_pairs_mut().clear().extend_pairs(kept);
                }
            }
            let domain = host.strip_prefix("www.").unwrap_or(&host).to_string();
            Some(Link {
                url: url.to_string(),
                text: raw.to_string(),
                domain,
            })
        }
    }

    /// URL-shaped pieces, glued in any order: schemes, hosts, the punctuation that ends or
    /// wraps a link, accents and quotes.
    fn link_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("https://"),
            Just("HTTP://"),
            Just("ftp://"),
            Just("www."),
            Just("WWW."),
            Just("example.com"),
            Just("bit.ly"),
            Just("github.com/org"),
            Just("setup.py"),
            Just("."),
            Just(":"),
            Just("/"),
            Just("("),
            Just(")"),
            Just("]("),
            Just("]( "),
            Just("["),
            Just("\n"),
            Just(" "),
            Just("é"),
            Just("«"),
            Just("»"),
            Just("“"),
            Just("_"),
            Just("?utm_source=x&id=1"),
            Just("#top"),
            Just("@"),
            Just("\u{a0}"),
            Just("a"),
            Just("1"),
            Just("-"),
            Just(","),
            Just("'"),
            Just("…"),
            Just("\\"),
            Just("東京"),
            Just("x.io"),
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #[test]
        fn find_links_agrees_with_the_character_scan(text in link_soup(), any in "(?s).{0,120}") {
            for text in [text.as_str(), any.as_str()] {
                proptest::prop_assert_eq!(find_links(text), reference::find_links(text), "{:?}", text);
            }
        }
    }
}
