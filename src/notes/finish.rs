//! The last stage of the builder: drafts → sessions. Table-of-contents entries fold into one
//! section, title-only sections give their title to the next, every line of the file goes to
//! the session above it (for links), and each session gets its tags, links, conference, kind
//! and clean speaker names.

use super::builder::{Draft, Origin};
use super::dates::find_year;
use super::front_matter::FrontMatter;
use super::heading::{clean_title, kind_of};
use super::links::find_links;
use super::merge;
use super::names;
use super::path_hints::PathHints;
use super::schedule::Slot;
use super::{Kind, Session, Source};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

static LOCAL_NOTE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*(?:\./)?[^()\s:]+\.(?:md|markdown|txt)\s*\)").expect("valid regex"));
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[,;])#(\p{L}[\p{L}\p{N}_-]*)").expect("valid regex"));
pub(super) static YEAR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*)\s+((?:19|20)\d\d)\b").expect("valid regex")
});

/// What the builder knows of the whole file.
pub(super) struct FileFacts<'a> {
    pub(super) path: &'a str,
    pub(super) doc_title: &'a str,
    /// The year in force at the end of the file (a table of contents takes it).
    pub(super) year: Option<i16>,
}

/// The sessions of a file from its drafts, and why its free sections have their year (by line).
pub(super) fn sessions(
    mut drafts: Vec<Draft>,
    file: &FileFacts,
    raw: &[&str],
    front: Option<&FrontMatter>,
    hints: &PathHints,
) -> (Vec<Session>, Vec<(usize, String)>) {
    // Table-of-contents entries (a talk heading whose notes only point at the talk's own
    // note file) are not sessions: their text joins one contents section.
    let mut contents: Option<Draft> = None;
    for d in &mut drafts {
        let short = d.body.len() <= 8;
        let links_local = d
            .lines
            .iter()
            .any(|&no| raw.get(no - 1).is_some_and(|l| LOCAL_NOTE_LINK.is_match(l)));
        d.contents_entry = short && links_local && matches!(d.origin, Origin::Heading(_));
    }
    if drafts.iter().any(|d| d.contents_entry) {
        let mut kept = Vec::new();
        for d in std::mem::take(&mut drafts) {
            if d.contents_entry || (d.kind == Kind::Section && d.body.is_empty()) {
                let year = file.year;
                let c = contents.get_or_insert_with(|| {
                    let mut c = Draft::new(
                        file.doc_title.to_string(),
                        Kind::Section,
                        Origin::Section(None),
                        d.first_line,
                    );
                    c.year = year;
                    c
                });
                c.body.push(d.title.clone());
                c.body.extend(d.body);
                c.lines.extend(d.lines);
            } else {
                kept.push(d);
            }
        }
        if let Some(c) = contents.take() {
            kept.insert(0, c);
        }
        drafts = kept;
    }

    // A section that is only a title gives its title to the next section's body.
    let mut merged: Vec<Draft> = Vec::new();
    let mut carry: Vec<(String, usize)> = Vec::new();
    for mut d in std::mem::take(&mut drafts) {
        if d.kind == Kind::Section && d.body.is_empty() && d.speakers.is_empty() {
            carry.push((d.title.clone(), d.first_line));
            continue;
        }
        if !carry.is_empty() && d.kind == Kind::Section {
            let mut body: Vec<String> = carry.iter().map(|(t, _)| t.clone()).collect();
            d.first_line = carry[0].1;
            d.lines.extend(carry.iter().map(|(_, l)| *l));
            body.append(&mut d.body);
            d.body = body;
        }
        carry.clear();
        merged.push(d);
    }
    drafts = merged;

    // A talk written twice (a table or schedule above, its notes under a heading below): once.
    let mut drafts = merge::same_talks(drafts);
    drafts.sort_by_key(|d| d.first_line);

    // Every line of the file belongs to the session whose lines precede it.
    let mut owner: Vec<Option<usize>> = vec![None; raw.len() + 1];
    for (i, d) in drafts.iter().enumerate() {
        for &no in &d.lines {
            if no <= raw.len() {
                owner[no] = Some(i);
            }
        }
    }
    let first_body_line = drafts.iter().map(|d| d.first_line).min().unwrap_or(1);
    let mut last = None;
    for slot in owner.iter_mut().skip(first_body_line) {
        match slot {
            Some(i) => last = Some(*i),
            None => *slot = last,
        }
    }
    let mut raw_text: Vec<String> = vec![String::new(); drafts.len()];
    for (no, slot) in owner.iter().enumerate().skip(1) {
        if let Some(i) = slot {
            raw_text[*i].push_str(raw[no - 1]);
            raw_text[*i].push('\n');
        }
    }

    let conference = conference_for(front, file.doc_title, raw, hints, drafts.len());
    let fm_tags: Vec<String> = front
        .map(|f| {
            f.tags
                .iter()
                .map(|t| normalise_tag(t))
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let file_kind = front.and_then(|f| f.kind.as_deref()).and_then(Kind::parse);
    let count = drafts.len();
    let mut out = Vec::with_capacity(count);
    let mut year_reasons = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        if let Some(reason) = d.year_reason {
            year_reasons.push((d.first_line, reason));
        }
        let body = d.body.join("\n");
        // Sets beside the lists: a note may hold 100,000 tags or links, and looking each
        // new one up in the list made parsing quadratic.
        let mut tags: Vec<String> = Vec::new();
        let mut seen_tags: HashSet<String> = HashSet::default();
        let hashtags = HASHTAG.captures_iter(&body).map(|c| normalise_tag(&c[1]));
        let labelled = d.tags.iter().map(|t| normalise_tag(t));
        for tag in fm_tags.iter().cloned().chain(labelled).chain(hashtags) {
            if !tag.is_empty() && seen_tags.insert(tag.clone()) {
                tags.push(tag);
            }
        }
        let mut links: Vec<super::Link> = Vec::new();
        let mut seen_urls: HashSet<String> = HashSet::default();
        for (_, link) in find_links(&raw_text[i]) {
            if seen_urls.insert(link.url.clone()) {
                links.push(link);
            }
        }
        let mut title = clean_title(&d.title);
        let mut kind = d.kind;
        if title.is_empty() {
            let one_talk = d.origin == Origin::File || count == 1;
            title = if one_talk {
                hints.stem_title.clone()
            } else {
                file.doc_title.to_string()
            };
            kind = kind_of(&title, kind);
        }
        if d.origin == Origin::File {
            kind = file_kind.unwrap_or_else(|| {
                // `# Strange Loop 2019` over notes that name no talk: the conference's page.
                let names_conference = d.speakers.is_empty()
                    && conference.as_deref().is_some_and(|c| title.contains(c))
                    && find_year(&title).is_some();
                if hints.is_index || names_conference {
                    Kind::Section
                } else {
                    kind_of(&format!("{title} {}", hints.stem_title), Kind::Talk)
                }
            });
        }
        let mut speakers: Vec<String> = Vec::new();
        let mut seen_speakers: HashSet<String> = HashSet::default();
        for s in d.speakers {
            let s = names::clean_name(&s);
            if !s.is_empty() && seen_speakers.insert(s.clone()) {
                speakers.push(s);
            }
        }
        out.push(Session {
            id: format!("{}#{}", file.path, i + 1),
            title,
            speakers,
            conference: conference.clone(),
            year: d.date.map(|x| x.year()).or(d.year),
            date: d.date,
            start: Slot::format(d.slot.start),
            end: Slot::format(d.slot.end),
            kind,
            from: super::Origin::Notes,
            room: d.room,
            attended: d.attended,
            tags,
            themes: Vec::new(),
            links,
            filled: Vec::new(),
            matched: Vec::new(),
            source: Source {
                path: file.path.to_string(),
                line: d.first_line,
            },
            body,
        });
    }
    (out, year_reasons)
}

/// A tag as sessions hold it and `--tag` looks it up: `#Vault`, `vault.`, ` ci- ` → `vault`,
/// `vault`, `ci` (no `#`, no trailing `-`, `_` or `.`, lower case).
pub(crate) fn normalise_tag(tag: &str) -> String {
    tag.trim()
        .trim_start_matches('#')
        .trim_end_matches(['-', '_', '.'])
        .to_lowercase()
}

/// The conference: front matter, then a title naming it beside a year (`PyGotham 2018 talk
/// notes`), then the folder, then the file name; written as the notes write it.
pub(super) fn conference_for(
    front: Option<&FrontMatter>,
    doc_title: &str,
    raw: &[&str],
    hints: &PathHints,
    sessions: usize,
) -> Option<String> {
    if let Some(c) = front.and_then(|f| f.conference.clone()) {
        return Some(c);
    }
    // The title, or else the first line of a plain note (`Breakout notes, DevOpsDays Edinburgh 2017`).
    let first_line = raw
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .filter(|l| l.len() <= 100)
        .unwrap_or("");
    let from_title = YEAR_NAME
        .captures(doc_title)
        .or_else(|| YEAR_NAME.captures(first_line))
        .map(|c| c[1].trim().to_string())
        .filter(|n| !n.is_empty());
    let from_title = from_title.map(|n| {
        // "Minutes of the FOSDEM" → "FOSDEM": keep the capitalised run next to the year.
        let words: Vec<&str> = n.split_whitespace().collect();
        let start = words
            .iter()
            .rposition(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()))
            .map_or(0, |p| p + 1);
        words[start..].join(" ")
    });
    if let Some(name) = from_title.filter(|n| !n.is_empty() && !["Day", "Notes", "Jour"].contains(&n.as_str())) {
        return Some(name);
    }
    let from_path = if hints.file_conference.is_some() && (sessions > 1 || hints.folder_conference.is_none()) {
        hints.file_conference.clone()
    } else {
        hints.folder_conference.clone().or(hints.file_conference.clone())
    }?;
    Some(recover_case(&from_path, raw))
}

/// Of two spellings of one name, is `spelling` the better one: more capitals (`DjangoCon US`
/// over `Djangocon US`: the most capitals wins)?
pub(crate) fn more_capitals(spelling: &str, than: &str) -> bool {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    capitals(spelling) > capitals(than)
}

/// `Devopsdays Edinburgh` → `DevopsDays Edinburgh` when the notes write it so.
pub(super) fn recover_case(name: &str, raw: &[&str]) -> String {
    // `DockerCon` is already written with care; only names made from lower-case paths change.
    if name
        .split_whitespace()
        .any(|w| w.chars().skip(1).any(char::is_uppercase))
    {
        return name.to_string();
    }
    let pattern = name
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[\s\-_]*");
    let Ok(re) = Regex::new(&format!(r"(?i)\b{pattern}\b")) else {
        return name.to_string();
    };
    for line in raw.iter().take(2000) {
        if let Some(m) = re.find(line) {
            let found = m.as_str();
            if more_capitals(found, name) && found != found.to_uppercase() {
                return found.to_string();
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--tag ci-` once looked for `ci-` while the notes' `#ci-` was indexed as `ci`: the filter
    /// and the index read tags with one function now.
    #[test]
    fn tag_filter_with_a_trailing_dash_is_the_tag_the_notes_hold() {
        assert_eq!(normalise_tag("ci-"), "ci");
        assert_eq!(normalise_tag("ci-"), normalise_tag("#CI-"));
        assert_eq!(normalise_tag(" #Vault. "), "vault");
    }

    #[test]
    fn the_spelling_with_more_capitals_is_the_better_one() {
        assert!(more_capitals("DjangoCon US", "Djangocon US"));
        assert!(!more_capitals("Djangocon US", "DjangoCon US"));
        assert!(!more_capitals("PyGotham", "PyGotham"));
    }
}
