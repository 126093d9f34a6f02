//! Index pages: a README, an `_index.md` or any note whose list items (or table rows) link to
//! other note files — `- [Scaling Postgres - Mara Lindqvist](./postgres.md)`. Each such
//! *entry* enriches the file it links to ([`super::enrich`]) instead of becoming a session of
//! its own; an entry whose file is not among the notes, and that names a speaker, is a talk of
//! the page. The rest of the page is read as any note. Pure: which files exist is asked of
//! the caller (`is_note`).
//!
//! Length: over 500 lines because reading an index page is one job in several steps used nowhere
//! else (entries found in list items and table rows, each read with `parts.rs`, the headings above
//! giving conference, year and day, links resolved to note files); a third of the file is its unit
//! tests.

use super::names::{name_score, speakers_from_byline, split_speaker_title};
use super::{Kind, ParsedNote, Session, Source, Taxonomy, dates, ids, links, parts, schedule};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Entries a page needs to be an index page, unless its one entry names a speaker: a talk note
/// with one "see also" link to another note is no index.
pub(crate) const MIN_ENTRIES: usize = 2;
/// Name score each speaker found beside a link needs (`[Title](./a.md) by Ana Costa`).
const NAME_BESIDE_LINK: f32 = 0.75;
/// Link texts that name no talk: `* [Notes](./talk.md)` under the talk's heading.
const NOTES_LINK_TEXTS: &[&str] = &[
    "notes",
    "my notes",
    "the notes",
    "notes here",
    "write-up",
    "writeup",
    "write up",
    "recap",
    "summary",
    "read more",
    "more",
    "details",
    "here",
    "link",
    "post",
    "blog post",
    "transcript",
];
/// Extensions of note files (`corpus::is_note_file`).
const NOTE_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mdx", "txt", "text", "org"];
/// Headings whose lists are links kept for later, not talks (`## Random links`).
const LINK_LIST_HEADINGS: &[&str] = &[
    "links",
    "random links",
    "useful links",
    "other links",
    "resources",
    "further reading",
    "reading list",
    "see also",
    "related",
    "references",
    "bookmarks",
    "tech to check out",
    "tools",
    "misc",
    "todo",
];

/// One entry of an index page: a list item or a table row linking to a note file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The line of the page the entry is on.
    pub line: usize,
    /// The path linked to, resolved against the page's folder, relative to the notes folder
    /// (`2019/oncall.md`; a folder or a name without extension as written: `2019/talk-x`).
    pub target: String,
    /// The note file `target` named when the page was read; none when no such note exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `#scaling-postgres` in the link: which talk of a file with several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i16>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Spaces before the item: items beside an entry, at its indent, are entries too.
    #[serde(skip)]
    pub indent: usize,
    /// `* [Notes](./talk.md)` under `## "Title" by Speaker`: the heading names the talk, the
    /// line stays in the page (read as a table of contents, as before).
    #[serde(skip)]
    pub under_heading: bool,
}

impl Entry {
    /// Links to a note path (which may or may not exist); not an item beside such entries.
    pub(crate) fn is_linked(&self) -> bool {
        !self.target.is_empty()
    }
}

/// A page read with the files its entries link to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    /// The page's own sessions: its text without the entries, and a talk for each entry whose
    /// file is missing and that names a speaker.
    pub note: ParsedNote,
    /// Every entry, when the page is an index page (none otherwise).
    pub entries: Vec<Entry>,
}

/// Reads a note that may be an index page. `is_note` says whether a path (relative to the
/// notes folder) is a note file of the corpus. A note with no entry costs one look for `](`.
#[cfg(test)]
pub(crate) fn parse_page(path: &str, text: &str, taxonomy: &Taxonomy, is_note: &dyn Fn(&str) -> bool) -> Page {
    parse_page_with_rule(path, text, taxonomy, None, is_note)
}

/// Reads a note that may be an index page (see `parse_page`), under the `[[parse]]` rule
/// covering the note, if any.
pub(crate) fn parse_page_with_rule(
    path: &str,
    text: &str,
    taxonomy: &Taxonomy,
    rule: Option<&super::rule::ParseRule>,
    is_note: &dyn Fn(&str) -> bool,
) -> Page {
    let mut entries = read(path, text);
    if !entries.is_empty() {
        for e in &mut entries {
            e.file = resolve(&e.target, is_note);
        }
        keep_entries(path, &mut entries);
    }
    if !is_index(&entries) {
        return Page {
            note: super::parse_with_rule(path, text, taxonomy, rule),
            entries: Vec::new(),
        };
    }
    // The page as the builder reads it gives each entry its context: the conference and year of
    // the page, the day it sits under.
    let whole = super::parse_with_rule(path, text, taxonomy, rule);
    // Sessions by line, for the owner of each entry in a binary search (a page may list
    // thousands of talks).
    let mut by_line: Vec<&Session> = whole.sessions.iter().collect();
    by_line.sort_by_key(|s| s.source.line);
    for e in &mut entries {
        let before = by_line.partition_point(|s| s.source.line <= e.line);
        if let Some(owner) = before.checked_sub(1).map(|i| by_line[i]) {
            fill_from_page(e, owner);
        }
    }
    let consumed = |e: &Entry| !e.under_heading && (e.file.is_some() || !e.speakers.is_empty());
    if !entries.iter().any(consumed) {
        return Page { note: whole, entries };
    }
    let raw: Vec<&str> = text.split('\n').collect();
    let gone: std::collections::HashSet<usize> = entries.iter().filter(|e| consumed(e)).map(|e| e.line).collect();
    let blanked: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if gone.contains(&(i + 1)) {
                blank(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    let mut note = super::parse_with_rule(path, &blanked.join("\n"), taxonomy, rule);
    for e in entries.iter().filter(|e| e.file.is_none() && consumed(e)) {
        let line = raw.get(e.line - 1).copied().unwrap_or_default();
        let mut s = entry_session(path, e, line);
        s.themes = taxonomy.assign(&s);
        note.sessions.push(s);
    }
    note.sessions.sort_by_key(|s| s.source.line);
    ids::assign(path, note.sessions.iter_mut().map(|s| (s.title.as_str(), &mut s.id)));
    Page { note, entries }
}

/// Two entries linking to notes or more, or one naming a speaker.
fn is_index(entries: &[Entry]) -> bool {
    let linked = || entries.iter().filter(|e| e.is_linked());
    linked().count() >= MIN_ENTRIES || linked().any(|e| !e.speakers.is_empty())
}

/// An entry's line with its text gone: a table row keeps its pipes (the table goes on).
fn blank(line: &str) -> String {
    if line.trim_start().starts_with('|') {
        line.chars().map(|c| if c == '|' { '|' } else { ' ' }).collect()
    } else {
        String::new()
    }
}

/// What the page says around the entry, where the entry says nothing: conference, year, day.
/// When the builder read the entry's own line as a talk, its reading fills a speakerless entry.
fn fill_from_page(e: &mut Entry, owner: &Session) {
    if e.conference.is_none() {
        e.conference = owner.conference.clone();
    }
    if e.date.is_none() && e.year.is_none_or(|y| owner.date.is_some_and(|d| d.year() == y)) {
        e.date = owner.date.map(|d| d.to_string());
    }
    if e.year.is_none() {
        e.year = owner.year;
    }
    if owner.source.line == e.line && owner.kind != Kind::Section && e.speakers.is_empty() {
        e.speakers = owner.speakers.clone();
        if !owner.title.is_empty() {
            e.title = owner.title.clone();
        }
    }
}

/// A talk of the page for an entry whose file is not among the notes.
fn entry_session(path: &str, e: &Entry, line: &str) -> Session {
    let links = links::find_links(line).into_iter().map(|(_, l)| l).collect();
    Session {
        id: String::new(),
        title: e.title.clone(),
        speakers: e.speakers.clone(),
        conference: e.conference.clone(),
        year: e.year,
        date: e.date.as_deref().and_then(|d| d.parse().ok()),
        start: e.start.clone(),
        end: e.end.clone(),
        kind: Kind::Talk,
        from: super::Origin::Notes,
        room: None,
        attended: None,
        tags: Vec::new(),
        themes: Vec::new(),
        links,
        filled: Vec::new(),
        matched: Vec::new(),
        source: Source {
            path: path.to_string(),
            line: e.line,
        },
        body: plain(item_content(line).unwrap_or(line)),
    }
}

/// The note file a target names: itself when it has a note's extension; `talk.html` as
/// `talk.md`; a folder or a name without extension as `name.md` or the folder's
/// `README.md`/`index.md`/`_index.md`.
pub(crate) fn resolve(target: &str, is_note: &dyn Fn(&str) -> bool) -> Option<String> {
    if target.is_empty() {
        return None;
    }
    candidates(target).into_iter().find(|c| is_note(c))
}

fn candidates(target: &str) -> Vec<String> {
    match extension(target).as_deref() {
        Some(ext) if NOTE_EXTENSIONS.contains(&ext) => vec![target.to_string()],
        Some("html" | "htm") => {
            let stem = &target[..target.rfind('.').unwrap_or(target.len())];
            vec![format!("{stem}.md")]
        }
        Some(_) => Vec::new(),
        None => {
            let mut c = vec![target.to_string(), format!("{target}.md")];
            for index in ["README.md", "readme.md", "index.md", "_index.md"] {
                c.push(if target.is_empty() {
                    index.to_string()
                } else {
                    format!("{target}/{index}")
                });
            }
            c
        }
    }
}

/// The lower-case extension of a path's last part (`None` for `talk-x`, `.hidden`).
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 && i + 1 < name.len() => Some(name[i + 1..].to_ascii_lowercase()),
        _ => None,
    }
}

/// The entries of a page: list items and table rows with exactly one link to a local note,
/// outside code and front matter, not under a heading of kept links (`## Random links`).
pub(crate) fn read(path: &str, text: &str) -> Vec<Entry> {
    if !text.contains("](") && !text.contains("][") && !text.contains("]:") {
        return Vec::new();
    }
    let refs = reference_definitions(text);
    let org = path.to_ascii_lowercase().ends_with(".org");
    let mut out = Vec::new();
    let mut lines = text.split('\n').enumerate().peekable();
    // Front matter: YAML `---` or TOML `+++` from the first line.
    if let Some((_, first)) = lines.peek()
        && matches!(first.trim_end(), "---" | "+++")
    {
        let fence = first.trim_end().to_string();
        lines.next();
        for (_, l) in lines.by_ref() {
            if l.trim_end() == fence || (fence == "---" && l.trim_end() == "...") {
                break;
            }
        }
    }
    let mut code: Option<String> = None;
    // Headings above, innermost last: (level, text).
    let mut headings: Vec<(usize, String)> = Vec::new();
    for (i, raw) in lines {
        let line = raw.trim_end_matches('\r');
        let t = line.trim_start();
        if let Some(fence) = &code {
            if t.starts_with(fence.as_str()) || (org && t.to_ascii_lowercase().starts_with("#+end_")) {
                code = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            code = Some(t[..3].to_string());
            continue;
        }
        if org && t.to_ascii_lowercase().starts_with("#+begin_") {
            code = Some("#+end_".to_string());
            continue;
        }
        if let Some((level, heading)) = heading(line, org) {
            headings.retain(|(l, _)| *l < level);
            headings.push((level, plain(heading)));
            continue;
        }
        let Some(content) = item_content(line) else { continue };
        if headings.last().is_some_and(|(_, h)| is_link_list(h)) {
            continue;
        }
        if let Some(mut e) = entry(path, line, content, &refs) {
            e.line = i + 1;
            if e.under_heading
                && let Some((_, h)) = headings.last()
            {
                read_item(&mut e, h, h);
                e.title = clean_title(&e.title);
            }
            from_headings(&mut e, &headings);
            out.push(e);
        }
    }
    keep_beside_linked(&mut out);
    out
}

/// Items that link to no note count beside those that do (at their indent), and only there.
fn keep_beside_linked(entries: &mut Vec<Entry>) {
    let indents: std::collections::HashSet<usize> =
        entries.iter().filter(|e| e.is_linked()).map(|e| e.indent).collect();
    entries.retain(|e| e.is_linked() || indents.contains(&e.indent));
}

/// Once files are resolved: a link to the page itself (a table of contents of its own
/// headings, `page.html#talk`) is no entry, nor is a link to a web page that is not a note
/// (`talk.html`, `talk/` with no such note: a site, not a missing note). A link to a missing
/// `talk.md` stays: the note was meant to be there.
fn keep_entries(page: &str, entries: &mut Vec<Entry>) {
    entries.retain(|e| {
        !e.is_linked()
            || match &e.file {
                Some(f) => f != page,
                None => extension(&e.target).is_some_and(|x| NOTE_EXTENSIONS.contains(&x.as_str())),
            }
    });
    keep_beside_linked(entries);
}

/// `## Day 1` → (2, `Day 1`); an org headline `** Talks` in an org file.
fn heading(line: &str, org: bool) -> Option<(usize, &str)> {
    let marker = if org { '*' } else { '#' };
    if org && line.starts_with(' ') {
        return None;
    }
    let t = line.trim_start();
    let level = t.chars().take_while(|c| *c == marker).count();
    let rest = &t[level..];
    ((1..=6).contains(&level) && (rest.starts_with(' ') || rest.is_empty()))
        .then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

/// The text of a list item (`- `, `* `, `+ `, `1. `, a `[ ]` box dropped) or of a table row.
fn item_content(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with('|') {
        return Some(t);
    }
    let rest = if let Some(r) = t.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        t[digits..].strip_prefix(['.', ')'])?
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find_map(|b| rest.strip_prefix(b))
        .unwrap_or(rest);
    Some(rest)
}

fn is_link_list(heading: &str) -> bool {
    let h = heading.trim().trim_end_matches([':', '.']).trim().to_lowercase();
    LINK_LIST_HEADINGS.contains(&h.as_str()) || h.starts_with("random ")
}

/// A link in a line: its byte range, its text and where it points.
#[derive(Debug, Clone, PartialEq)]
struct InlineLink {
    range: std::ops::Range<usize>,
    text: String,
    dest: String,
}

/// `[text](dest)` (not `![image](…)`) and org `[[dest][text]]`, `[[dest]]`.
fn inline_links(line: &str) -> Vec<InlineLink> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'[' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'[')
            && let Some(end) = line[i..].find("]]")
        {
            let inner = &line[i + 2..i + end];
            let (dest, text) = inner.split_once("][").unwrap_or((inner, inner));
            out.push(InlineLink {
                range: i..i + end + 2,
                text: text.to_string(),
                dest: dest.to_string(),
            });
            i += end + 2;
            continue;
        }
        let image = i > 0 && b[i - 1] == b'!';
        let Some(close) = matching(b, i, b'[', b']') else {
            i += 1;
            continue;
        };
        if b.get(close + 1) != Some(&b'(') {
            i = close + 1;
            continue;
        }
        let Some(paren) = matching(b, close + 1, b'(', b')') else {
            i = close + 1;
            continue;
        };
        if !image {
            out.push(InlineLink {
                range: i..paren + 1,
                text: line[i + 1..close].to_string(),
                dest: line[close + 2..paren].to_string(),
            });
        }
        i = paren + 1;
    }
    out
}

/// `[1]: ./talk.md "Title"`: reference definitions, by lower-case label. Only read when the
/// page has `]:` at all.
fn reference_definitions(text: &str) -> HashMap<String, String> {
    let mut refs = HashMap::new();
    if !text.contains("]:") {
        return refs;
    }
    for line in text.split('\n') {
        let t = line.trim_start();
        if line.len() - t.len() > 3 || !t.starts_with('[') || t.starts_with("[[") {
            continue;
        }
        if let Some(close) = t.find("]:")
            && close > 1
        {
            let label = t[1..close].trim().to_lowercase();
            let dest = t[close + 2..].trim();
            if !dest.is_empty() {
                refs.entry(label).or_insert_with(|| dest.to_string());
            }
        }
    }
    refs
}

/// `[text][label]`, `[text][]` and `[label]` whose label is defined: links by reference.
fn reference_links(line: &str, refs: &HashMap<String, String>) -> Vec<InlineLink> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'[' || (i > 0 && b[i - 1] == b'!') {
            i += 1;
            continue;
        }
        let Some(close) = matching(b, i, b'[', b']') else { break };
        let text = &line[i + 1..close];
        let (label, end) = match b.get(close + 1) {
            Some(b'(') => {
                i = close + 1;
                continue;
            }
            Some(b'[') => match matching(b, close + 1, b'[', b']') {
                Some(c2) if c2 == close + 2 => (text, c2),
                Some(c2) => (&line[close + 2..c2], c2),
                None => break,
            },
            _ => (text, close),
        };
        if let Some(dest) = refs.get(&label.trim().to_lowercase()) {
            out.push(InlineLink {
                range: i..end + 1,
                text: text.to_string(),
                dest: dest.clone(),
            });
        }
        i = end + 1;
    }
    out
}

/// The index of the bracket closing the one at `open`.
fn matching(b: &[u8], open: usize, left: u8, right: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in b.iter().enumerate().skip(open) {
        if c == left {
            depth += 1;
        } else if c == right {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// Where a link points, when that is a note in the notes folder: the path resolved against
/// the page's folder, and the anchor. External links, absolute paths, images, PDFs and links
/// out of the notes folder are none.
fn local_target(page: &str, dest: &str) -> Option<(String, Option<String>)> {
    let dest = dest.trim();
    let dest = match dest.strip_prefix('<') {
        Some(inner) => inner.split('>').next().unwrap_or_default(),
        None => dest.split_whitespace().next().unwrap_or_default(),
    };
    let dest = dest.strip_prefix("file:").unwrap_or(dest);
    if dest.is_empty() || dest.starts_with(['#', '/', '~', '\\']) {
        return None;
    }
    // A scheme (`https:`, `mailto:`, `data:`) or a drive (`C:`) before the first slash.
    if dest.split('/').next().is_some_and(|first| first.contains(':')) {
        return None;
    }
    let (dest, anchor) = match dest.split_once('#') {
        Some((d, a)) => (d, (!a.is_empty()).then(|| a.to_string())),
        None => (dest, None),
    };
    let dest = dest.split('?').next().unwrap_or_default();
    let dest = percent_decode(dest)?;
    if let Some(ext) = extension(&dest)
        && !NOTE_EXTENSIONS.contains(&ext.as_str())
        && ext != "html"
        && ext != "htm"
    {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in dest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let target = parts.join("/");
    (!target.is_empty()).then_some((target, anchor))
}

/// `my%20talk.md` → `my talk.md`; none when the bytes are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (b.get(i + 1).and_then(|c| hex(*c)), b.get(i + 2).and_then(|c| hex(*c)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Inline markup removed: links as their text, images gone, emphasis and code marks dropped.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for l in inline_links(text) {
        out.push_str(&text[at..l.range.start]);
        out.push_str(&plain(&l.text));
        at = l.range.end;
    }
    out.push_str(&text[at..]);
    // Images: `![alt](x.png)` (the link reader skips them) go whole.
    while let Some(start) = out.find("![") {
        let b = out.as_bytes();
        let end = matching(b, start + 1, b'[', b']')
            .filter(|c| b.get(c + 1) == Some(&b'('))
            .and_then(|c| matching(b, c + 1, b'(', b')'));
        match end {
            Some(end) => out.replace_range(start..=end, ""),
            None => break,
        }
    }
    let out = out.replace(['*', '`'], "").replace("__", "");
    let words: Vec<&str> = out
        .split_whitespace()
        .map(|w| w.trim_start_matches('_').trim_end_matches('_'))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// An entry from one list item or table row, when it links to exactly one local note.
/// An item that links to no note (an external link, `[Title - Speaker]` with no link, or none)
/// is an entry without a file when it names its talk's speaker: on an index page, a talk with
/// no notes of its own.
fn entry(page: &str, line: &str, content: &str, refs: &HashMap<String, String>) -> Option<Entry> {
    let mut links = inline_links(content);
    if !refs.is_empty() {
        links.extend(reference_links(content, refs));
        links.sort_by_key(|l| l.range.start);
    }
    let mut local = links.iter().filter_map(|l| local_target(page, &l.dest).map(|t| (l, t)));
    let (link_text, target, anchor) = match local.next() {
        Some((link, (target, anchor))) => {
            if local.any(|(_, (t, _))| t != target) {
                return None;
            }
            (plain(&link.text), target, anchor)
        }
        None => {
            let text = links.first().map(|l| l.text.clone()).or_else(|| bracketed(content));
            (text.map(|t| plain(&t)).unwrap_or_default(), String::new(), None)
        }
    };
    let mut e = Entry {
        target,
        anchor,
        indent: line.len() - line.trim_start().len(),
        ..Entry::default()
    };
    // Reference links as their text: `plain` knows only inline ones.
    let content = &if refs.is_empty() {
        content.to_string()
    } else {
        let mut out = String::with_capacity(content.len());
        let mut at = 0;
        for l in &links {
            if l.range.start < at {
                continue;
            }
            out.push_str(&content[at..l.range.start]);
            out.push_str(&l.text);
            at = l.range.end;
        }
        out.push_str(&content[at..]);
        out
    };
    if line.trim_start().starts_with('|') {
        read_row(&mut e, content, &link_text);
    } else {
        read_item(&mut e, &plain(content), &link_text);
    }
    e.title = clean_title(&e.title);
    if e.is_linked() && e.speakers.is_empty() && NOTES_LINK_TEXTS.contains(&e.title.to_lowercase().as_str()) {
        e.under_heading = true;
        e.title.clear();
        return Some(e);
    }
    let named = e.is_linked() || !e.speakers.is_empty();
    (!e.title.is_empty() && named).then_some(e)
}

/// `[Design systems with Vue - Nicole Bergeron] — no notes`: bracketed words with no link.
fn bracketed(content: &str) -> Option<String> {
    let b = content.as_bytes();
    let open = content.find('[')?;
    let close = matching(b, open, b'[', b']')?;
    (b.get(close + 1) != Some(&b'(')).then(|| content[open + 1..close].to_string())
}

/// `| 09:00 | [Title](./a.md) | Ana Costa |`: each cell read alone.
fn read_row(e: &mut Entry, row: &str, link_text: &str) {
    for cell in row.trim().trim_matches('|').split('|') {
        let cell = plain(cell);
        if cell.is_empty() {
            continue;
        }
        if !link_text.is_empty() && cell.contains(link_text) {
            read_item(e, &cell, link_text);
        } else if let Some((slot, _)) = schedule::slot_prefix(&cell).filter(|(_, rest)| rest.trim().is_empty()) {
            set_slot(e, slot);
        } else if let Some(found) =
            dates::find_date(&cell, &dates::DateContext::default()).filter(|f| f.range.len() + 2 >= cell.len())
        {
            e.date = found.date.map(|d| d.to_string());
            e.year = e.year.or(found.year);
        } else if e.speakers.is_empty()
            && let parts::Part::Names(names) = parts::classify(&cell)
        {
            e.speakers = names;
        }
    }
    if e.title.is_empty() {
        e.title = link_text.to_string();
    }
}

/// A list item's text: a date or slot before it, then the title and speakers in any of the
/// forms [`title_and_speakers`] reads.
fn read_item(e: &mut Entry, text: &str, link_text: &str) {
    let mut text = text.trim();
    if let Some(found) = dates::find_date_at_start(text, &dates::DateContext::default()) {
        e.date = found.date.map(|d| d.to_string());
        e.year = found.year;
        text = text[found.range.end..].trim_start_matches([' ', ':', '-', '–', '—', ',']);
    }
    if let Some((slot, rest)) = schedule::slot_prefix(text) {
        set_slot(e, slot);
        text = rest.trim_start_matches([' ', ':', '-', '–', '—', '|']);
    }
    match title_and_speakers(text, link_text) {
        Some((title, speakers)) => {
            e.title = title;
            e.speakers = speakers;
        }
        None => e.title = link_text.to_string(),
    }
}

fn set_slot(e: &mut Entry, slot: schedule::Slot) {
    e.start = schedule::Slot::format(slot.start);
    e.end = schedule::Slot::format(slot.end);
}

/// The title and speakers of an entry's text, `link_text` being the linked part:
/// `Title - Speaker` (in the link or around it), `Speaker: Title`, `Title by Speaker`,
/// `Title (Speaker)`.
fn title_and_speakers(text: &str, link_text: &str) -> Option<(String, Vec<String>)> {
    if let Some(found) = parts::title_and_speakers(link_text, true) {
        return Some(found);
    }
    if let Some(found) = parts::title_and_speakers(text, true) {
        return Some(found);
    }
    if let Some(st) = split_speaker_title(text, true) {
        return Some((st.title, st.speakers));
    }
    let names = |s: &str| -> Option<Vec<String>> {
        let (who, _) = super::affiliation::split_affiliation(s);
        let found = speakers_from_byline(who);
        (!found.is_empty() && found.iter().all(|n| name_score(n) >= NAME_BESIDE_LINK)).then_some(found)
    };
    // `Title by Ana Costa of Acme`.
    if let Some(i) = text.rfind(" by ")
        && let Some(speakers) = names(&text[i + 4..])
    {
        return Some((text[..i].to_string(), speakers));
    }
    // `Ana Costa: Title`.
    if let Some((who, title)) = text.split_once(": ")
        && let Some(speakers) = names(who)
    {
        return Some((title.to_string(), speakers));
    }
    // `Title (Ana Costa)`.
    if let Some(open) = text.rfind(" (")
        && text.ends_with(')')
        && let Some(speakers) = names(&text[open + 2..text.len() - 1])
    {
        return Some((text[..open].to_string(), speakers));
    }
    None
}

fn clean_title(title: &str) -> String {
    title
        .trim()
        .trim_matches(['"', '“', '”', '\'', '«', '»'])
        .trim_end_matches([':', ',', ';', '-', '–', '—'])
        .trim()
        .to_string()
}

/// The headings above an entry, innermost first: a year, a date or a conference it names.
/// `## RustConf 2019` gives both; `## Day 2 - 2019-05-21` a date.
fn from_headings(e: &mut Entry, headings: &[(usize, String)]) {
    for (_, h) in headings.iter().rev() {
        if e.date.is_none()
            && let Some(d) = dates::find_date(h, &dates::DateContext::default()).and_then(|f| f.date)
        {
            e.date = Some(d.to_string());
            e.year = e.year.or(Some(d.year()));
        }
        let Some(year) = dates::find_year(h) else { continue };
        if e.year.is_none() {
            e.year = Some(year);
        }
        if e.conference.is_none() {
            e.conference = conference_beside_year(h, year);
        }
    }
}

/// `RustConf 2019` → `RustConf`; `Day 2 2019`, `Notes 2019` → none.
fn conference_beside_year(heading: &str, year: i16) -> Option<String> {
    let before = heading.split(&year.to_string()).next().unwrap_or_default();
    let words: Vec<&str> = before
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let start = words
        .iter()
        .rposition(|w| !w.starts_with(char::is_uppercase))
        .map_or(0, |p| p + 1);
    let name = words[start..].join(" ");
    let generic = ["Day", "Notes", "Talks", "Sessions", "Schedule", "Jour", "Tag"];
    (!name.is_empty() && !generic.iter().any(|g| name.starts_with(g))).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(page: &str, line: &str) -> Option<Entry> {
        let mut found = read(page, line);
        assert!(found.len() <= 1, "{found:?}");
        found.pop()
    }

    #[test]
    fn title_dash_speaker_bullets_are_entries() {
        let e = one(
            "2019/README.md",
            "- [Scaling Postgres at the edge - Mara Lindqvist](./postgres-edge.md)",
        )
        .expect("an entry");
        assert_eq!(e.target, "2019/postgres-edge.md");
        assert_eq!(e.title, "Scaling Postgres at the edge");
        assert_eq!(e.speakers, ["Mara Lindqvist"]);
        assert_eq!(e.line, 1);
    }

    #[test]
    fn speaker_outside_the_link_in_any_form() {
        let e = one(
            "README.md",
            "* [Why our on-call rota failed](talks/oncall.md) by Tomasz Brzeski",
        )
        .unwrap();
        assert_eq!(
            (e.title.as_str(), e.speakers.as_slice()),
            ("Why our on-call rota failed", &["Tomasz Brzeski".to_string()][..])
        );
        let e = one(
            "README.md",
            "1. Tomasz Brzeski: [Why our on-call rota failed](talks/oncall.md)",
        )
        .unwrap();
        assert_eq!(e.title, "Why our on-call rota failed");
        assert_eq!(e.speakers, ["Tomasz Brzeski"]);
        let e = one(
            "README.md",
            "- [Why our on-call rota failed](oncall.md) (Tomasz Brzeski)",
        )
        .unwrap();
        assert_eq!(e.speakers, ["Tomasz Brzeski"]);
        let e = one(
            "README.md",
            "- [Why our on-call rota failed](oncall.md) - Tomasz Brzeski, Fjordbase",
        )
        .unwrap();
        assert_eq!(e.speakers, ["Tomasz Brzeski"]);
        assert_eq!(e.title, "Why our on-call rota failed");
    }

    #[test]
    fn a_slot_or_a_date_before_the_entry() {
        let e = one(
            "x/_index.md",
            "- 09:30 - 10:00 [Chaos in the afternoon - Ida Berg](../chaos.md)",
        )
        .unwrap();
        assert_eq!(e.target, "chaos.md");
        assert_eq!((e.start.as_deref(), e.end.as_deref()), (Some("09:30"), Some("10:00")));
        assert_eq!(e.speakers, ["Ida Berg"]);
        let e = one(
            "README.md",
            "- 2019-05-21: [Chaos in the afternoon - Ida Berg](chaos.md)",
        )
        .unwrap();
        assert_eq!(e.date.as_deref(), Some("2019-05-21"));
        assert_eq!(e.year, Some(2019));
        assert_eq!(e.title, "Chaos in the afternoon");
    }

    #[test]
    fn table_rows_read_cell_by_cell() {
        let page =
            "| Time | Talk | Speaker |\n|---|---|---|\n| 14:05 | [Typing at scale](talks/typing.md) | Ida Berg |\n";
        let e = read("README.md", page).pop().unwrap();
        assert_eq!(e.line, 3);
        assert_eq!(e.target, "talks/typing.md");
        assert_eq!(e.title, "Typing at scale");
        assert_eq!(e.speakers, ["Ida Berg"]);
        assert_eq!(e.start.as_deref(), Some("14:05"));
    }

    #[test]
    fn paths_percent_anchor_dot_dot_and_folders() {
        let e = one(
            "2019/conf/README.md",
            "- [Talk one - Ida Berg](../other%20talks/one.md#the-gist)",
        )
        .unwrap();
        assert_eq!(e.target, "2019/other talks/one.md");
        assert_eq!(e.anchor.as_deref(), Some("the-gist"));
        let e = one("README.md", "- [Talk one - Ida Berg](<./my talk.md>)").unwrap();
        assert_eq!(e.target, "my talk.md");
        let e = one("content/talks/_index.md", "- [Talk one - Ida Berg](./talk-one/)").unwrap();
        assert_eq!(e.target, "content/talks/talk-one");
        let files = ["content/talks/talk-one/index.md"];
        assert_eq!(
            resolve(&e.target, &|p| files.contains(&p)).as_deref(),
            Some("content/talks/talk-one/index.md")
        );
        assert_eq!(
            resolve("blog/post.html", &|p| p == "blog/post.md").as_deref(),
            Some("blog/post.md")
        );
        // Out of the notes folder: no entry.
        assert_eq!(one("README.md", "- [Talk one - Ida Berg](../elsewhere.md)"), None);
    }

    #[test]
    fn reference_style_links_to_notes() {
        let page = "- [Typing at scale - Ida Berg][typing]\n- [Chaos in the afternoon][] by Omar Siddiqui\n- [Slides]\n\n[typing]: ./talks/typing.md\n[chaos in the afternoon]: <talks/chaos.md> \"Chaos\"\n[slides]: https://example.org/slides\n";
        let e = read("README.md", page);
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(
            (e[0].target.as_str(), e[0].speakers.as_slice()),
            ("talks/typing.md", &["Ida Berg".to_string()][..])
        );
        assert_eq!(e[1].target, "talks/chaos.md");
        assert_eq!(e[1].title, "Chaos in the afternoon");
        assert_eq!(e[1].speakers, ["Omar Siddiqui"]);
    }

    #[test]
    fn external_links_are_not_an_index() {
        let page = "## Blogs\n- [Blog](https://example.org/blog)\n- [Slides - Ida Berg](https://example.org/s.md)\n- [Mail](mailto:a@example.org)\n- [Top](#top)\n- [Root](/posts/x.md)\n";
        assert_eq!(read("README.md", page), []);
    }

    #[test]
    fn images_and_pdfs_are_not_talk_files() {
        let page = "- [Slides - Ida Berg](./slides.pdf)\n- ![Ida Berg](./ida.png)\n- [Photo of the stage](stage.jpg)\n";
        assert_eq!(read("README.md", page), []);
        // An image inside the link text: the link still counts, its title from the words.
        let e = one(
            "README.md",
            "- [![cover](c.png) Chaos in the afternoon - Ida Berg](chaos.md)",
        )
        .unwrap();
        assert_eq!(e.title, "Chaos in the afternoon");
    }

    #[test]
    fn random_links_lists_are_not_talks() {
        let page = "# Notes\n\n## Random links\n\n- [Hallway chat with Ida Berg](./hallway.md)\n- [Tech to check out](./tech.md)\n";
        assert_eq!(read("README.md", page), []);
    }

    #[test]
    fn code_and_front_matter_hold_no_entries() {
        let page = "---\nlinks:\n- [A - Ida Berg](a.md)\n---\n```\n- [B - Ida Berg](b.md)\n```\n";
        assert_eq!(read("README.md", page), []);
    }

    #[test]
    fn a_heading_above_gives_conference_year_and_day() {
        let page = "# Talks I wrote up\n\n## RustConf 2019\n\n- [Typing at scale - Ida Berg](typing.md)\n\n### Day 2 - 2020-05-21\n\n- [Chaos in the afternoon - Ida Berg](chaos.md)\n";
        let e = read("README.md", page);
        assert_eq!(e[0].conference.as_deref(), Some("RustConf"));
        assert_eq!(e[0].year, Some(2019));
        assert_eq!(e[1].date.as_deref(), Some("2020-05-21"));
        assert_eq!(e[1].year, Some(2020));
    }

    #[test]
    fn org_links_in_org_pages() {
        let page = "* EmacsConf 2021\n- [[file:talks/org-babel.org][Literate devops - Ida Berg]]\n- [[./talks/lsp.org][LSP in anger - Omar Siddiqui]]\n";
        let e = read("index.org", page);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].target, "talks/org-babel.org");
        assert_eq!(e[1].speakers, ["Omar Siddiqui"]);
        assert_eq!(e[1].conference.as_deref(), Some("EmacsConf"));
    }

    #[test]
    fn one_see_also_link_makes_no_index() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# Queues under load\n\nLena Hartmann\n\nNotes.\n\n- see also [my notes on backpressure](./backpressure.md)\n";
        let page = parse_page("talks/queues.md", text, taxonomy, &|_| true);
        assert!(page.entries.is_empty());
        assert_eq!(page.note, crate::notes::parse_with("talks/queues.md", text, taxonomy));
    }

    #[test]
    fn entries_with_a_file_leave_the_page_and_others_are_talks() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# DevOpsDays Oslo 2019\n\nNotes from both days.\n\n- [Scaling Postgres at the edge - Mara Lindqvist](./pg.md)\n- [Chaos in the afternoon - Ida Berg](./chaos.md)\n";
        let page = parse_page("2019/README.md", text, taxonomy, &|p| p == "2019/pg.md");
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[0].file.as_deref(), Some("2019/pg.md"));
        assert_eq!(page.entries[0].conference.as_deref(), Some("DevOpsDays Oslo"));
        assert_eq!(page.entries[0].year, Some(2019));
        assert_eq!(page.entries[1].file, None);
        let titles: Vec<(&str, Kind)> = page.note.sessions.iter().map(|s| (s.title.as_str(), s.kind)).collect();
        assert_eq!(
            titles,
            [
                ("DevOpsDays Oslo 2019", Kind::Section),
                ("Chaos in the afternoon", Kind::Talk)
            ]
        );
        assert!(!page.note.sessions[0].body.contains("Postgres"));
        let chaos = &page.note.sessions[1];
        assert_eq!(chaos.speakers, ["Ida Berg"]);
        assert_eq!(chaos.source.line, 6);
        assert_eq!(chaos.id, "2019/README.md#chaos-in-the-afternoon");
    }

    #[test]
    fn items_beside_the_entries_with_an_external_link_or_none_are_talks_of_the_page() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# RustFest 2024\n\n- [Typing at scale - Ida Berg](typing.md)\n- [Chaos in the afternoon - Omar Siddiqui](chaos.md)\n- [Edge caching, honestly - Lena Hartmann](https://example.org/edge) (slides only)\n- [Queues under load - Sam Young] - no notes\n  - [Video - Sam Young](https://example.org/v)\n";
        let page = parse_page("README.md", text, taxonomy, &|p| p == "typing.md" || p == "chaos.md");
        let talks: Vec<(&str, &[String])> = page
            .note
            .sessions
            .iter()
            .filter(|s| s.kind == Kind::Talk)
            .map(|s| (s.title.as_str(), s.speakers.as_slice()))
            .collect();
        assert_eq!(
            talks,
            [
                ("Edge caching, honestly", &["Lena Hartmann".to_string()][..]),
                ("Queues under load", &["Sam Young".to_string()][..])
            ]
        );
        let edge = page.note.sessions.iter().find(|s| s.title.starts_with("Edge")).unwrap();
        assert_eq!(edge.links[0].url, "https://example.org/edge");
        // Without an entry linking to a note, the same items are no index.
        let links_only = "- [Edge caching, honestly - Lena Hartmann](https://example.org/edge)\n- [Queues under load - Sam Young](https://example.org/q)\n";
        assert_eq!(read("README.md", links_only), []);
    }

    #[test]
    fn a_notes_link_under_a_talk_heading_takes_the_heading_and_leaves_the_page_as_it_was() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# PyGotham 2018 talk links\n\n## \"Descriptors in anger\" by Ida Berg\n\n* [Abstract](https://example.org/a)\n* [Notes](./descriptors.md)\n\n## \"Typing at scale\" by Omar Siddiqui\n\n* [Notes](./typing.md)\n";
        let page = parse_page("2018/pygotham/README.md", text, taxonomy, &|_| true);
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[0].title, "Descriptors in anger");
        assert_eq!(page.entries[0].speakers, ["Ida Berg"]);
        assert_eq!(page.entries[1].file.as_deref(), Some("2018/pygotham/typing.md"));
        assert_eq!(
            page.note,
            crate::notes::parse_with("2018/pygotham/README.md", text, taxonomy)
        );
        assert!(page.note.sessions.iter().all(|s| s.kind == Kind::Section));
    }

    #[test]
    fn a_table_of_contents_of_the_page_itself_is_no_index() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# FOSDEM 2020\n\n- [Saturday 10:00 Typing at scale - Ida Berg](fosdem-2020.html#saturday-1000-typing)\n- [Saturday 11:00 Chaos at noon - Omar Siddiqui](fosdem-2020.html#saturday-1100-chaos)\n- [Sunday 10:00 Queues - Sam Young](2020-02-06-fosdem-2020.md#sunday)\n\n## Saturday 10:00 Typing at scale - Ida Berg\n\nNotes.\n";
        let path = "2020-02-06-fosdem-2020.md";
        let page = parse_page(path, text, taxonomy, &|p| p == path);
        assert!(page.entries.is_empty(), "{:?}", page.entries);
        assert_eq!(page.note, crate::notes::parse_with(path, text, taxonomy));
    }

    #[test]
    fn a_page_listing_twenty_thousand_talks_is_read_in_linear_time() {
        let taxonomy = Taxonomy::default_taxonomy();
        let mut text = String::from("# Every talk\n\n");
        for i in 0..20_000 {
            text.push_str(&format!("- [Talk number {i} - Ida Berg](talks/t{i}.md)\n"));
        }
        let started = std::time::Instant::now();
        let page = parse_page("README.md", &text, taxonomy, &|p| p.ends_with("0.md"));
        assert_eq!(page.entries.len(), 20_000);
        assert_eq!(
            page.note.sessions.iter().filter(|s| s.kind == Kind::Talk).count(),
            18_000
        );
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    proptest::proptest! {
        /// Whatever a page holds (brackets, pipes, `..`, `%`, code fences, headings), reading
        /// it never panics, every entry and session sits on a line of the page, and no entry
        /// leaves the notes folder.
        #[test]
        fn any_page_reads_within_its_lines(
            lines in proptest::collection::vec(
                "(- |\\| |1\\. |# |```|  - |)(\\[\\[|\\[|\\]|\\]\\(|\\)|\\.\\./|%2|%20|#|\\||a\\.md|x/|Ida Berg| - |: |by |Talk one|https://e\\.org/|\\]\\]|[ -~]|é|\\t){0,12}",
                0..12,
            )
        ) {
            let text = lines.join("\n");
            let count = text.split('\n').count();
            let page = parse_page("d/README.md", &text, Taxonomy::default_taxonomy(), &|p| p.len() % 2 == 0);
            for e in &page.entries {
                proptest::prop_assert!((1..=count).contains(&e.line), "{e:?}");
                proptest::prop_assert!(!e.target.split('/').any(|s| s == ".."), "{e:?}");
            }
            for s in &page.note.sessions {
                proptest::prop_assert!((1..=count).contains(&s.source.line), "{s:?}");
            }
        }
    }

    #[test]
    fn a_speakerless_entry_without_a_file_stays_page_text() {
        let taxonomy = Taxonomy::default_taxonomy();
        let text = "# Index\n\n- [Setup](./setup.md)\n- [Todo list](./todo.md)\n";
        let page = parse_page("README.md", text, taxonomy, &|_| false);
        assert_eq!(page.entries.len(), 2);
        assert!(page.note.sessions.iter().all(|s| s.kind == Kind::Section));
        assert!(page.note.sessions.iter().any(|s| s.body.contains("Todo list")));
    }
}
