//! Emacs org-mode → the same [`Line`]s the builder reads from Markdown and plain text.
//!
//! A small hand-written front-end: the builder needs line structure (headline levels, list
//! depth, code, emphasis) and a few keywords, not org's full syntax tree.
//! - `* ` … `****** ` headlines are headings of that level; TODO keywords, priorities,
//!   statistics cookies and trailing `:tags:` are dropped from their text.
//! - `#+TITLE:`, `#+DATE:`, `#+FILETAGS:` are the note's front matter; other `#+` keywords
//!   and `# ` comments are not text.
//! - A `:PROPERTIES:` drawer's `:SPEAKER:` (`:SPEAKERS:`, `:PRESENTER:`) becomes a
//!   `Speaker: X` line under its headline, its `:ROOM:` (`:LOCATION:`) a `Room: X` line; other
//!   properties and drawers are not text.
//! - A timestamp with a time (`<2019-05-20 Mon 10:00-10:30>`, in the headline, on the line
//!   under it, or in `SCHEDULED:`) is written before the headline's text as a date and a
//!   slot (`2019-05-20 10:00–10:30 Title`), the form a schedule heading takes; a date alone
//!   goes with a day headline (`Day 1 2019-05-20`).
//! - `#+BEGIN_SRC` / `#+BEGIN_EXAMPLE` blocks and `: ` lines are code; list items (`-`,
//!   `+`, indented `*`, `1.`, `1)`) have a depth from their indentation.
//! - Links `[[url][text]]` read as their text (the URL stays in the raw text, where links are
//!   found); `*bold*`, `/italic/`, `=verbatim=`, `~code~` lose their marks, and a line that
//!   is all one emphasis is marked emphasised, as `_Name_` is in Markdown.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end); the code is under 500.

use super::dates::{DateContext, day_line, find_date, find_year};
use super::front_matter::FrontMatter;
use super::text::{Line, set_blanks};

/// An org note: its `#+` keywords as front matter, and its lines.
#[derive(Debug, Default)]
pub(crate) struct OrgNote {
    pub front: Option<FrontMatter>,
    pub lines: Vec<Line>,
}

/// Property names whose value names the talk's speaker.
const SPEAKER_PROPERTIES: &[&str] = &["speaker", "speakers", "presenter", "presenters"];
/// Property names whose value names the talk's room.
const ROOM_PROPERTIES: &[&str] = &["room", "location"];
/// Headline keywords that say what a task's state is, not what it is about; the first ones
/// say it is still to do.
const OPEN_KEYWORDS: &[&str] = &["TODO", "NEXT", "WAITING"];
const DONE_KEYWORDS: &[&str] = &["DONE", "CANCELLED", "CANCELED", "COMMENT"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Block {
    /// `#+BEGIN_SRC`, `#+BEGIN_EXAMPLE`: code.
    Code,
    /// `#+BEGIN_COMMENT`: not text.
    Comment,
}

/// A timestamp: the date as written (`2019-05-20`) and the time or range, if any.
#[derive(Debug, Clone, PartialEq)]
struct Stamp {
    date: String,
    time: Option<String>,
}

pub(crate) fn read(text: &str) -> OrgNote {
    let raw: Vec<&str> = text.split('\n').collect();
    let mut front = FrontMatter::default();
    let mut has_front = false;
    let mut lines: Vec<Line> = Vec::new();
    let mut block: Option<Block> = None;
    let mut drawer: Option<bool> = None;
    // The headline still waiting for its timestamp: index in `lines`, and whether any text
    // came after it (a timestamp after notes is a note, not the headline's time).
    let mut open_headline: Option<usize> = None;
    for (i, l) in raw.iter().enumerate() {
        let no = i + 1;
        let t = l.trim();
        let upper_start = t.get(..8).map(str::to_ascii_uppercase).unwrap_or_default();
        if let Some(b) = block {
            if t.to_ascii_uppercase().starts_with("#+END_") {
                block = None;
            } else if b == Block::Code && !t.is_empty() {
                lines.push(code_line(no, t));
            }
            continue;
        }
        if upper_start == "#+BEGIN_" {
            let kind = t[8..].split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            block = match kind.as_str() {
                "SRC" | "EXAMPLE" | "EXPORT" => Some(Block::Code),
                "COMMENT" => Some(Block::Comment),
                // Quotes, verse, centred text: their lines are text.
                _ => None,
            };
            continue;
        }
        if t.to_ascii_uppercase().starts_with("#+END_") {
            continue;
        }
        if let Some(properties) = drawer {
            if t.eq_ignore_ascii_case(":END:") {
                drawer = None;
            } else if properties
                && let Some((name, value)) = property(t)
                && !value.is_empty()
            {
                let name = name.to_ascii_lowercase();
                let label = if SPEAKER_PROPERTIES.contains(&name.as_str()) {
                    Some("Speaker")
                } else if ROOM_PROPERTIES.contains(&name.as_str()) {
                    Some("Room")
                } else {
                    None
                };
                if let Some(label) = label {
                    lines.push(Line {
                        no,
                        text: format!("{label}: {}", inline(value)),
                        ..Line::default()
                    });
                }
            }
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if let Some(name) = drawer_start(t) {
            drawer = Some(name.eq_ignore_ascii_case("PROPERTIES"));
            continue;
        }
        if let Some(rest) = t.strip_prefix("#+") {
            if let Some((key, value)) = rest.split_once(':') {
                keyword(&mut front, key, value.trim());
                has_front |= matches!(key.to_ascii_lowercase().as_str(), "title" | "date" | "filetags");
            }
            continue;
        }
        if t == "#" || t.starts_with("# ") {
            continue;
        }
        if let Some((level, title, todo)) = headline(l) {
            let mut text = title;
            if let Some((stamp, rest)) = take_stamp(&text) {
                text = with_stamp(&rest, &stamp);
            }
            lines.push(Line {
                no,
                text: inline(&text),
                heading: Some(level),
                todo,
                ..Line::default()
            });
            open_headline = Some(lines.len() - 1);
            continue;
        }
        if is_task_planning(t) {
            continue;
        }
        // A timestamp right under a headline (alone or after `SCHEDULED:`) is its time.
        if let Some(h) = open_headline.take()
            && let Some(stamp) = planning(t)
            && !lines[h].text.is_empty()
        {
            let folded = with_stamp(&lines[h].text, &stamp);
            if stamp.time.is_some() || day_line(&folded, &DateContext::default()).is_some() {
                lines[h].text = folded;
                open_headline = Some(h);
                continue;
            }
        }
        if is_rule(t) {
            continue;
        }
        if t == ":" || t.starts_with(": ") {
            lines.push(code_line(no, &t[1..]));
            continue;
        }
        if t.starts_with('|') {
            if t.starts_with("|-") {
                continue;
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| inline(c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                lines.push(Line {
                    no,
                    text: cells.join(" | "),
                    ..Line::default()
                });
            }
            continue;
        }
        let mut line = Line { no, ..Line::default() };
        let body = match list_item(l) {
            Some((depth, rest)) => {
                line.item = Some(depth);
                rest
            }
            None => t,
        };
        // `- Term :: description`: a description list item reads `Term: description`.
        let body = match body.split_once(" :: ") {
            Some((term, desc)) => format!("{}: {}", term.trim(), desc.trim()),
            None => body.trim_end_matches(" ::").to_string(),
        };
        line.emphasis = line.item.is_none() && whole_emphasis(&body);
        line.text = inline(&body);
        if !line.text.is_empty() {
            lines.push(line);
        }
    }
    set_blanks(&mut lines, &raw, 1);
    OrgNote {
        front: has_front.then_some(front),
        lines,
    }
}

fn code_line(no: usize, text: &str) -> Line {
    Line {
        no,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        code: true,
        ..Line::default()
    }
}

fn keyword(front: &mut FrontMatter, key: &str, value: &str) {
    match key.trim().to_ascii_lowercase().as_str() {
        "title" if front.title.is_none() && !value.is_empty() => front.title = Some(inline(value)),
        "date" if front.date.is_none() => {
            let value = value.trim_matches(['<', '>', '[', ']']);
            let found = find_date(value, &DateContext::default());
            front.date = found.as_ref().and_then(|f| f.date);
            front.year = found.and_then(|f| f.year).or_else(|| find_year(value));
        }
        "filetags" => front.tags.extend(
            value
                .split([':', ' ', ','])
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        ),
        _ => {}
    }
}

/// `** TODO [#A] Title [2/3] :tag:other:` → level 2, `Title`, still to do.
fn headline(line: &str) -> Option<(u8, String, bool)> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    if stars == 0 || !line[stars..].starts_with([' ', '\t']) {
        return None;
    }
    let mut text = line[stars..].trim();
    let mut todo = false;
    if let Some(first) = text.split_whitespace().next()
        && (OPEN_KEYWORDS.contains(&first) || DONE_KEYWORDS.contains(&first))
    {
        todo = OPEN_KEYWORDS.contains(&first);
        text = text[first.len()..].trim_start();
    }
    if text.starts_with("[#") && text.get(3..4) == Some("]") {
        text = text[4..].trim_start();
    }
    // Trailing tags: `:a:b:` as the last word.
    if let Some(last) = text.rsplit([' ', '\t']).next()
        && last.len() > 2
        && last.starts_with(':')
        && last.ends_with(':')
        && !last.contains("::")
        && last
            .trim_matches(':')
            .chars()
            .all(|c| c.is_alphanumeric() || "_@#%:".contains(c))
        && last.len() < text.len()
    {
        text = text[..text.len() - last.len()].trim_end();
    }
    // A statistics cookie: `[2/3]`, `[66%]`.
    if text.ends_with(']')
        && let Some(open) = text.rfind('[')
        && text[open + 1..text.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '%')
    {
        text = text[..open].trim_end();
    }
    Some((stars.min(6) as u8, text.to_string(), todo))
}

/// `:PROPERTIES:`, `:LOGBOOK:`: a drawer opens; not `:END:`.
fn drawer_start(t: &str) -> Option<&str> {
    let name = t.strip_prefix(':')?.strip_suffix(':')?;
    (!name.is_empty()
        && !name.eq_ignore_ascii_case("END")
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some(name)
}

/// `:SPEAKER: Lena Hartmann` → (`SPEAKER`, `Lena Hartmann`).
fn property(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let (name, value) = rest.split_once(':')?;
    (!name.is_empty() && !name.contains(' ')).then(|| (name.trim_end_matches('+'), value.trim()))
}

/// A line that is only a timestamp, or `SCHEDULED:` planning.
fn planning(t: &str) -> Option<Stamp> {
    let rest = t.strip_prefix("SCHEDULED:").unwrap_or(t).trim_start();
    let (stamp, after) = take_stamp(rest)?;
    after.trim().is_empty().then_some(stamp)
}

/// `CLOSED: [2024-05-26 Sun 18:02]`, `DEADLINE: <…>`: when a task was closed or is due,
/// not when a talk was given.
fn is_task_planning(t: &str) -> bool {
    ["CLOSED:", "DEADLINE:"].iter().any(|w| t.starts_with(w))
}

/// The first timestamp in `text` (`<2019-05-20 Mon 10:00-10:30>`, `[2019-05-20 Mon]`), and
/// the text without it.
fn take_stamp(text: &str) -> Option<(Stamp, String)> {
    for (open, close) in [('<', '>'), ('[', ']')] {
        let mut from = 0;
        while let Some(i) = text[from..].find(open).map(|i| i + from) {
            let Some(len) = text[i + 1..].find(close) else { break };
            let inner = &text[i + 1..i + 1 + len];
            if let Some(stamp) = stamp(inner) {
                let rest = format!("{} {}", &text[..i], &text[i + len + 2..]);
                return Some((stamp, rest.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
            from = i + 1;
        }
    }
    None
}

/// `2019-05-20 Mon 10:00-10:30` (org's own form; a repeater such as `+1w` is ignored).
fn stamp(inner: &str) -> Option<Stamp> {
    let mut words = inner.split_whitespace();
    let date = words.next()?;
    let b = date.as_bytes();
    let is_date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !is_date {
        return None;
    }
    let time = words
        .find(|w| w.as_bytes().first().is_some_and(u8::is_ascii_digit) && w.contains(':'))
        .map(|w| w.replace('-', "–"));
    Some(Stamp {
        date: date.to_string(),
        time,
    })
}

/// The headline's text led by its date and slot, as schedule headings are written.
fn with_stamp(text: &str, stamp: &Stamp) -> String {
    match &stamp.time {
        Some(time) => format!("{} {time} {text}", stamp.date),
        None => format!("{text} {}", stamp.date),
    }
}

/// `-----`: a horizontal rule.
fn is_rule(t: &str) -> bool {
    t.len() >= 5 && t.bytes().all(|b| b == b'-')
}

/// A list item: depth from the indentation, and the text after the bullet and checkbox.
fn list_item(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start();
    let indent: usize = line[..line.len() - trimmed.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let after = if let Some(r) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("+ ")) {
        r
    } else if indent > 0 && trimmed.starts_with("* ") {
        &trimmed[2..]
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let marked = (1..=3).contains(&digits)
            && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
            && trimmed.as_bytes().get(digits + 1) == Some(&b' ');
        if !marked {
            return None;
        }
        &trimmed[digits + 2..]
    };
    let after = after.trim_start();
    let after = ["[ ] ", "[X] ", "[x] ", "[-] "]
        .iter()
        .find_map(|c| after.strip_prefix(c))
        .unwrap_or(after);
    Some(((indent / 2 + 1).min(255) as u8, after.trim()))
}

/// The whole line is one emphasis: `*Lena Hartmann*`, `/Lena Hartmann/`, `_Lena Hartmann_`.
fn whole_emphasis(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() > 2
        && ['*', '/', '_'].iter().any(|&m| {
            t.starts_with(m)
                && t.ends_with(m)
                && !t[1..].starts_with(' ')
                && !t[..t.len() - 1].ends_with(' ')
                && !t[1..t.len() - 1].contains(m)
        })
}

/// Org inline markup removed: links read as their description (or their URL), emphasis
/// marks go where they open or close a word.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        let link = &after[..end];
        out.push_str(link.split_once("][").map_or(link, |(_, desc)| desc));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    strip_marks(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Emphasis marks that open a word and close a later one, as pairs; marks inside words
/// (`snake_case`, `a/b`, `c++`, `3*4`) and in URLs are text.
fn strip_marks(text: &str) -> String {
    const MARKS: &[char] = &['*', '/', '=', '~', '_', '+'];
    let chars: Vec<char> = text.chars().collect();
    let edge = |x: Option<&char>| x.is_none_or(|x| x.is_whitespace() || "([{'\",.;:!?-".contains(*x));
    let word = |x: Option<&char>| x.is_some_and(|x| !x.is_whitespace());
    let opens = |i: usize| {
        edge(i.checked_sub(1).map(|j| &chars[j])) && word(chars.get(i + 1)) && !MARKS.contains(&chars[i + 1])
    };
    let closes =
        |i: usize| i > 0 && word(Some(&chars[i - 1])) && !MARKS.contains(&chars[i - 1]) && edge(chars.get(i + 1));
    let mut drop = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if MARKS.contains(&c)
            && opens(i)
            && !(c == '/' && text.contains("://"))
            && let Some(j) = (i + 1..chars.len()).find(|&j| chars[j] == c && closes(j))
        {
            drop[i] = true;
            drop[j] = true;
            i = j + 1;
            continue;
        }
        i += 1;
    }
    chars.iter().zip(drop).filter(|(_, d)| !d).map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(note: &OrgNote) -> Vec<(usize, Option<u8>, &str)> {
        note.lines.iter().map(|l| (l.no, l.heading, l.text.as_str())).collect()
    }

    #[test]
    fn keywords_are_front_matter() {
        let note = read("#+TITLE: Harbour Summit 2021\n#+DATE: <2021-03-04 Thu>\n#+FILETAGS: :infra:db:\n\nText\n");
        let front = note.front.clone().unwrap();
        assert_eq!(front.title.as_deref(), Some("Harbour Summit 2021"));
        assert_eq!(front.date.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
        assert_eq!(front.tags, ["infra", "db"]);
        assert_eq!(texts(&note), [(5, None, "Text")]);
    }

    #[test]
    fn headlines_lose_todo_priority_cookies_and_tags() {
        let note = read("* Day 1\n** TODO [#B] Queues under load [1/2] :infra:ops:\n*** DONE Parts\n");
        assert_eq!(
            texts(&note),
            [
                (1, Some(1), "Day 1"),
                (2, Some(2), "Queues under load"),
                (3, Some(3), "Parts")
            ]
        );
        let todo: Vec<bool> = note.lines.iter().map(|l| l.todo).collect();
        assert_eq!(todo, [false, true, false]);
    }

    #[test]
    fn speaker_and_room_properties_become_labelled_lines_and_other_drawers_go() {
        let note = read(
            "** Queues\n:PROPERTIES:\n:SPEAKER: Lena Hartmann\n:ROOM: B\n:END:\n:LOGBOOK:\nCLOCK: x\n:END:\nNotes\n",
        );
        assert_eq!(
            texts(&note),
            [
                (1, Some(2), "Queues"),
                (3, None, "Speaker: Lena Hartmann"),
                (4, None, "Room: B"),
                (9, None, "Notes")
            ]
        );
    }

    #[test]
    fn timestamp_under_headline_is_its_date_and_slot() {
        let note = read("** Queues\n<2019-05-20 Mon 10:00-10:30>\nbody\n** Types <2019-05-20 Mon 11:00>\n");
        assert_eq!(note.lines[0].text, "2019-05-20 10:00–10:30 Queues");
        assert_eq!(note.lines[1].text, "body");
        assert_eq!(note.lines[2].text, "2019-05-20 11:00 Types");
        let note = read("* Day 1\nSCHEDULED: <2019-05-20 Mon>\n");
        assert_eq!(note.lines[0].text, "Day 1 2019-05-20");
    }

    #[test]
    fn closed_and_deadline_are_not_the_headline_time() {
        let note = read(
            "* DONE Harbour Summit 2021\n  CLOSED: [2021-03-04 Thu 18:02]\n** Queues\nDEADLINE: <2021-03-09 Tue 09:00>\n",
        );
        assert_eq!(
            texts(&note),
            [(1, Some(1), "Harbour Summit 2021"), (3, Some(2), "Queues")]
        );
    }

    #[test]
    fn date_only_stamp_under_a_talk_stays_text() {
        // A date alone under a talk's headline would read as a new day and end the talk.
        let note = read("** Queues\n<2019-05-20 Mon>\n");
        assert_eq!(texts(&note), [(1, Some(2), "Queues"), (2, None, "<2019-05-20 Mon>")]);
    }

    #[test]
    fn timestamp_after_notes_is_a_note() {
        let note = read("** Queues\nbody\n<2019-05-20 Mon 10:00>\n");
        assert_eq!(note.lines[0].text, "Queues");
        assert_eq!(note.lines.len(), 3);
    }

    #[test]
    fn src_blocks_are_code_and_comments_go() {
        let note = read(
            "#+BEGIN_SRC rust\nfn main() {}\n#+END_SRC\n# a comment\n#+begin_example\nx\n#+end_example\n: fixed\n#+BEGIN_COMMENT\nhidden\n#+END_COMMENT\n",
        );
        let code: Vec<(usize, bool, &str)> = note.lines.iter().map(|l| (l.no, l.code, l.text.as_str())).collect();
        assert_eq!(code, [(2, true, "fn main() {}"), (6, true, "x"), (8, true, "fixed")]);
    }

    #[test]
    fn lists_with_depth_checkboxes_and_descriptions() {
        let note =
            read("- top\n  - nested\n  * star item\n1. first\n- [X] done thing\n- Slides :: the deck\n* Headline\n");
        let items: Vec<(Option<u8>, &str)> = note.lines.iter().map(|l| (l.item, l.text.as_str())).collect();
        assert_eq!(
            items,
            [
                (Some(1), "top"),
                (Some(2), "nested"),
                (Some(2), "star item"),
                (Some(1), "first"),
                (Some(1), "done thing"),
                (Some(1), "Slides: the deck"),
                (None, "Headline"),
            ]
        );
    }

    #[test]
    fn links_and_inline_markup() {
        assert_eq!(
            inline("see [[https://x.example.org/a][the deck]] now"),
            "see the deck now"
        );
        assert_eq!(inline("[[https://x.example.org/a]]"), "https://x.example.org/a");
        assert_eq!(
            inline("*bold* and /italic/ and =code= and ~tt~"),
            "bold and italic and code and tt"
        );
        assert_eq!(
            inline("snake_case a/b c++ 3*4 https://x.example.org/p"),
            "snake_case a/b c++ 3*4 https://x.example.org/p"
        );
        assert_eq!(inline("[[broken"), "[[broken");
    }

    #[test]
    fn whole_line_emphasis_is_marked() {
        let note = read("* T\n/Lena Hartmann/\n*Omar Siddiqui*\nplain /word/ here\n");
        let marks: Vec<(bool, &str)> = note
            .lines
            .iter()
            .skip(1)
            .map(|l| (l.emphasis, l.text.as_str()))
            .collect();
        assert_eq!(
            marks,
            [
                (true, "Lena Hartmann"),
                (true, "Omar Siddiqui"),
                (false, "plain word here")
            ]
        );
    }

    #[test]
    fn tables_and_rules() {
        let note = read("| Time | Talk |\n|------+------|\n| 10:00 | Queues |\n-----\n");
        assert_eq!(texts(&note), [(1, None, "Time | Talk"), (3, None, "10:00 | Queues")]);
    }
}
