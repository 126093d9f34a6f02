//! From a file's text to lines the session builder reads: plain text with list markers and
//! Markdown (through pulldown-cmark) become the same [`Line`]s, markup removed, each with
//! its source line number.
//!
//! Length: over 500 lines because the two front-ends (plain text and Markdown) build the same
//! `Line`s and share their normalisation; the last fifth is its unit tests.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// One line of note text, markup removed.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    /// 1-based line number in the file.
    pub no: usize,
    pub text: String,
    /// Heading level, 1 for `#`.
    pub heading: Option<u8>,
    /// The line starts a list item at this depth (1 for a top-level item).
    pub item: Option<u8>,
    /// The raw line starts with `*` (how schedules mark the open space attended).
    pub star: bool,
    /// Inside a fenced or indented code block.
    pub code: bool,
    /// The whole line is emphasised (`_Radina Matic_`, `**Jane Doe**`).
    pub emphasis: bool,
    /// An org-mode headline marked `TODO`: something still to do, not a talk attended.
    pub todo: bool,
    /// The whole line is bold (`**Designing for failure**`, even wrapped over two lines):
    /// notes that use no headings title their talks so.
    pub bold: bool,
    /// Bytes of `text` emphasised at its start when more follows (`*Types as documentation*
    /// by …`): a title in prose. 0 when the line does not open with emphasis.
    pub lead_emphasis: usize,
    pub blank_before: bool,
    pub blank_after: bool,
    /// Columns of white space before a plain-text line (a tab counts four): its depth in an
    /// outline. Markdown's indentation is its own (lists, code), so there it stays 0.
    pub indent: u8,
    /// A table row's cells, as text (the line's text is them joined by spaces).
    pub cells: Vec<String>,
    /// The row is a table's header row.
    pub table_head: bool,
}

/// A line with only its number, text and heading level, for the tests of the stages that read
/// `Line`s.
#[cfg(test)]
pub(crate) fn test_line(no: usize, text: &str, heading: Option<u8>) -> Line {
    Line {
        no,
        text: text.to_string(),
        heading,
        ..Line::default()
    }
}

/// The largest char boundary of `s` at or below `at`: where a byte limit may cut `s`.
pub(crate) fn char_floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Spaces that look like spaces but are not ASCII: NBSP, zero-width, BOM, and control
/// characters (terminal escapes, bidi overrides and isolates) that must never reach the
/// index, a terminal or the JSON output.
pub fn normalise_text(text: &str) -> std::borrow::Cow<'_, str> {
    // Every file passes here and almost none holds an odd character: the bytes are looked up
    // in a table, and only a byte that can start one is decoded.
    let bytes = text.as_bytes();
    let any_odd = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| MAY_START_ODD[usize::from(b)] && text[i..].chars().next().is_some_and(is_odd));
    if !any_odd {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            // A lone carriage return is not a line break for `path:line` purposes.
            '\r' => out.push(' '),
            '\u{FEFF}' if out.is_empty() => {}
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => out.push(' '),
            '\u{1b}' => {
                // Drop a whole escape sequence, not only its first byte.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    // An unfinished sequence ends at the line's end: lines are never removed.
                    while let Some(&n) = chars.peek() {
                        if n == '\n' {
                            break;
                        }
                        chars.next();
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
            }
            // Controls, and bidi controls that would show a title in another order than written.
            c if crate::output::sanitise::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A character [`normalise_text`] replaces or drops.
fn is_odd(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\r'
    ) || crate::output::sanitise::is_unsafe(c)
}

/// Bytes that can start a character [`normalise_text`] changes: the ASCII controls but
/// `\n` and `\t`, and the lead bytes of U+0080–U+00BF (C1 controls, NBSP), U+2000–U+2FFF
/// (the spaces, joiners and bidi controls) and U+F000–U+FFFF (the BOM).
const MAY_START_ODD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xe2] = true;
    table[0xef] = true;
    table
};

/// `text` trimmed, its words one space apart.
fn squash(text: &str) -> String {
    let t = text.trim();
    if is_squashed(t) {
        return t.to_string();
    }
    squash_words(t)
}

/// [`squash`] of an owned line, trimmed where it lies: most lines are already squashed.
fn squash_owned(mut text: String) -> String {
    let end = text.trim_end().len();
    let start = end - text[..end].trim_start().len();
    if !is_squashed(&text[start..end]) {
        return squash_words(&text[start..end]);
    }
    text.truncate(end);
    text.drain(..start);
    text
}

/// A trimmed text whose words are already one space apart: no white space but single spaces.
/// Most lines are, and every line passes here: the bytes are read 32 at a time without a
/// branch per byte (the compiler vectorises the folds), and only a chunk with a byte that can
/// start a white-space character or two spaces in a row is looked at closely.
fn is_squashed(t: &str) -> bool {
    const CHUNK: usize = 32;
    let bytes = t.as_bytes();
    // Tab, line feed, vertical tab, form feed, carriage return, and the lead bytes of
    // U+0080–U+00BF (NEL, NBSP), U+1000–U+1FFF (Ogham space), U+2000–U+2FFF (the
    // typographic spaces) and U+3000–U+3FFF (the ideographic space).
    let may_start_space = |b: u8| (b.wrapping_sub(b'\t') < 5) | (b == 0xc2) | (b.wrapping_sub(0xe1) < 3);
    let fine_at = |i: usize| match bytes[i] {
        b' ' => i == 0 || bytes[i - 1] != b' ',
        b => !may_start_space(b) || !t[i..].chars().next().is_some_and(char::is_whitespace),
    };
    (0..bytes.len()).step_by(CHUNK).all(|start| {
        let end = (start + CHUNK).min(bytes.len());
        let odd_byte = bytes[start..end].iter().fold(false, |any, &b| any | may_start_space(b));
        let from = start.max(1);
        let pairs = bytes[from - 1..end - 1].iter().zip(&bytes[from..end]);
        let two_spaces = pairs.fold(false, |any, (&a, &b)| any | ((a == b' ') & (b == b' ')));
        !(odd_byte || two_spaces) || (start..end).all(fine_at)
    })
}

fn squash_words(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for word in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

static PLAIN_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(?:([•◦▪‣·●○■□➢➤→*+\-])\s+|(\d{1,2}[.)])\s+|(\*)(\S))").expect("valid regex"));
/// Whether [`PLAIN_ITEM`] can match `line`: after the indent comes one of its markers or a
/// digit (`\d` is any decimal digit, and `is_numeric` holds them all).
fn may_be_plain_item(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| "•◦▪‣·●○■□➢➤→*+-".contains(c) || c.is_numeric())
}

static PLAIN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").expect("valid regex"));

pub(crate) fn set_blanks(lines: &mut [Line], raw: &[&str], first_line: usize) {
    let blank = |no: usize| -> bool {
        no < first_line
            || no
                .checked_sub(first_line)
                .and_then(|i| raw.get(i))
                .is_none_or(|l| l.trim().is_empty())
    };
    for line in lines.iter_mut() {
        line.blank_before = line.no == first_line || blank(line.no - 1);
        line.blank_after = blank(line.no + 1);
    }
}

/// Lines of a plain-text note. `first_line` is the file line number of `text`'s first line.
pub(crate) fn plain_lines(text: &str, first_line: usize) -> Vec<Line> {
    let raw: Vec<&str> = text.split('\n').collect();
    let mut lines = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        // `> Title`: a block quote's lines are read as the lines they quote.
        let l = match l.trim_start().strip_prefix('>') {
            Some(quoted) if quoted.is_empty() || quoted.starts_with(' ') => quoted.trim_start(),
            _ => l,
        };
        if l.trim().is_empty() {
            continue;
        }
        let no = first_line + i;
        let indent = l
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum::<usize>()
            .min(u8::MAX as usize) as u8;
        let mut line = Line {
            no,
            indent,
            ..Line::default()
        };
        // The regexes only where they can match: most lines are neither.
        if let Some(c) = l.starts_with('#').then(|| PLAIN_HEADING.captures(l)).flatten() {
            line.heading = Some(c[1].len() as u8);
            line.text = squash(&c[2]);
        } else if let Some(c) = may_be_plain_item(l).then(|| PLAIN_ITEM.captures(l)).flatten() {
            let indent = c[1].chars().map(|ch| if ch == '\t' { 4 } else { 1 }).sum::<usize>();
            let marker = c.get(2).or(c.get(3)).or(c.get(4)).map_or("", |m| m.as_str());
            line.star = marker == "*";
            let start = if c.get(5).is_some() {
                c.get(4).map_or(0, |m| m.end())
            } else {
                c.get(0).map_or(0, |m| m.end())
            };
            // `*Biosphere Blue – …`: a star glued to the text marks, it is not a list.
            line.item = c.get(5).is_none().then_some((indent / 2 + 1).min(255) as u8);
            line.text = squash(&l[start..]);
        } else {
            line.text = squash(l);
        }
        if !line.text.is_empty() {
            lines.push(line);
        }
    }
    set_blanks(&mut lines, &raw, first_line);
    lines
}

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("valid regex"));

/// Lines of a Markdown note. `first_line` is the file line number of `text`'s first line.
pub(crate) fn markdown_lines(text: &str, first_line: usize) -> Vec<Line> {
    let raw: Vec<&str> = text.split('\n').collect();
    // Each line starts one byte after the one before it ends: no second search for `\n`.
    let starts: Vec<usize> = raw
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some(start)
        })
        .collect();
    let line_of = |offset: usize| -> usize {
        let idx = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        first_line + idx
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    let mut depth: u8 = 0;
    let mut pending_item: Option<(u8, bool)> = None;
    let mut in_code = false;
    let mut in_heading: Option<u8> = None;
    let mut html_comment = false;
    // The cells of the table row being read, and the text of the cell being read.
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell: Option<String> = None;

    fn flush(current: &mut Option<Line>, lines: &mut Vec<Line>) {
        if let Some(mut l) = current.take() {
            l.text = squash_owned(std::mem::take(&mut l.text));
            if !l.text.is_empty() {
                lines.push(l);
            }
        }
    }

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth > 0 => {
                // A `#` line inside a list item is text, not a section of the note.
                flush(&mut current, &mut lines);
                let _ = level;
            }
            Event::End(TagEnd::Heading(_)) if depth > 0 => flush(&mut current, &mut lines),
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut lines);
                in_heading = Some(level as u8);
                current = Some(Line {
                    no: line_of(range.start),
                    heading: Some(level as u8),
                    ..Line::default()
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = None;
                flush(&mut current, &mut lines);
            }
            Event::Start(Tag::List(_)) => depth = depth.saturating_add(1),
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut lines);
                let star = text[range.start..].trim_start().starts_with('*');
                pending_item = Some((depth.max(1), star));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut lines);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::TableCell) => in_cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.push(squash_owned(in_cell.take().unwrap_or_default())),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                if let Some(l) = current.as_mut() {
                    // `| Language | mostly German |`: cells are words apart, not glued together.
                    l.text = cells.join(" ");
                    l.table_head = matches!(event, Event::End(TagEnd::TableHead));
                    l.cells = std::mem::take(&mut cells);
                }
                cells.clear();
                flush(&mut current, &mut lines);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut lines);
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_heading.is_none() {
                    flush(&mut current, &mut lines);
                } else if let Some(l) = current.as_mut() {
                    l.text.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if in_code {
                    let base = line_of(range.start);
                    for (i, code_line) in t.split('\n').enumerate() {
                        if !code_line.trim().is_empty() {
                            lines.push(Line {
                                no: base + i,
                                text: squash(code_line),
                                code: true,
                                ..Line::default()
                            });
                        }
                    }
                    continue;
                }
                if let Some(cell) = in_cell.as_mut() {
                    cell.push_str(&t);
                }
                push_text(&mut current, &mut lines, &mut pending_item, line_of(range.start), &t);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let s: &str = &h;
                if s.trim_start().starts_with("<!--") {
                    html_comment = !s.contains("-->");
                    continue;
                }
                if html_comment {
                    html_comment = !s.contains("-->");
                    continue;
                }
                // `<h3>Title</h3>` left by a WordPress export: a heading, as `### Title` is.
                if let Some(level) = html_heading_level(s).filter(|_| depth == 0 && in_heading.is_none()) {
                    flush(&mut current, &mut lines);
                    let text = squash(&decode_entities(&TAG.replace_all(s, " ")));
                    if !text.is_empty() {
                        lines.push(Line {
                            no: line_of(range.start),
                            text,
                            heading: Some(level),
                            ..Line::default()
                        });
                    }
                    continue;
                }
                // `<Speaker name='Joel Hawksley' position='…' />` in an MDX page: a speaker line.
                if let Some(name) = component_speaker(s) {
                    flush(&mut current, &mut lines);
                    lines.push(Line {
                        no: line_of(range.start),
                        text: format!("Speaker: {}", squash(&name)),
                        ..Line::default()
                    });
                    continue;
                }
                let decoded = decode_entities(&TAG.replace_all(s, " "));
                if !decoded.trim().is_empty() {
                    push_text(
                        &mut current,
                        &mut lines,
                        &mut pending_item,
                        line_of(range.start),
                        &decoded,
                    );
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            _ => {}
        }
    }
    flush(&mut current, &mut lines);
    set_blanks(&mut lines, &raw, first_line);
    let raw_of = |no: usize| no.checked_sub(first_line).and_then(|i| raw.get(i)).map(|r| r.trim());
    for line in &mut lines {
        if let Some(r) = raw_of(line.no) {
            line.emphasis = line.heading.is_none()
                && r.len() > 2
                && ((r.starts_with('_') && r.ends_with('_'))
                    || (r.starts_with('*') && r.ends_with('*') && !r.starts_with("* ")));
            line.bold = line.heading.is_none() && line.item.is_none() && is_bold_only(r);
            if line.heading.is_none() && line.item.is_none() && !line.emphasis {
                line.lead_emphasis = lead_emphasis(r, &line.text);
            }
        }
    }
    join_wrapped_bold(&mut lines, &raw_of);
    // `import Speaker from '@site/src/components/Speaker';` atop an MDX page: the page's code,
    // dropped as HTML comments are.
    lines.retain(|l| l.heading.is_some() || l.item.is_some() || l.code || !raw_of(l.no).is_some_and(is_mdx_import));
    lines
}

/// The few entities HTML left in notes uses.
fn decode_entities(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
}

/// `<h2>…</h2>` (attributes allowed) and nothing after it: its level.
fn html_heading_level(html: &str) -> Option<u8> {
    let t = html.trim();
    let rest = t.strip_prefix("<h").or_else(|| t.strip_prefix("<H"))?;
    let level = rest.chars().next()?.to_digit(10).filter(|l| (1..=6).contains(l))? as u8;
    let after = &rest[1..];
    let closes = t.to_ascii_lowercase().ends_with(&format!("</h{level}>"));
    (after.starts_with(['>', ' ']) && closes).then_some(level)
}

/// The speaker a JSX or HTML component names: `<Speaker name='Ana Costa' … />`,
/// `<SpeakerCard name="…">`, `<Talk speaker="Ana Costa">`.
fn component_speaker(html: &str) -> Option<String> {
    let rest = html.trim_start().strip_prefix('<')?;
    let tag: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let lower = tag.to_lowercase();
    let keys: &[&str] = if lower.contains("speaker") || lower.contains("presenter") {
        &["name", "speaker", "presenter"]
    } else {
        &["speaker", "presenter"]
    };
    keys.iter().find_map(|key| attribute(&rest[tag.len()..], key))
}

/// The value of `key="…"`, `key='…'` or `key={"…"}` in a tag's attributes.
fn attribute(attributes: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = attributes[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        if !attributes[..at].ends_with(char::is_whitespace) {
            continue;
        }
        let Some(value) = attributes[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches('{');
        let Some(quote) = value.chars().next().filter(|q| matches!(q, '"' | '\'')) else {
            continue;
        };
        let inner = &value[1..];
        let v = inner[..inner.find(quote)?].trim();
        if !v.is_empty() {
            return Some(v.to_string());
        }
    }
    None
}

/// `import Video from '@site/src/components/Video';`: an MDX import, not prose.
fn is_mdx_import(raw: &str) -> bool {
    let Some((_, module)) = raw.strip_prefix("import ").and_then(|r| r.rsplit_once(" from ")) else {
        return false;
    };
    // The module is one quoted path: `'@site/src/components/Speaker'`.
    let module = module.trim().trim_end_matches(';');
    module.len() > 2
        && ['\'', '"']
            .iter()
            .any(|q| module.starts_with(*q) && module.ends_with(*q))
        && !module.contains(char::is_whitespace)
}

/// `*Title* by …`, `_Title_ by …`: the length in `text` (the line without markup) of the
/// emphasised words that open the raw line `raw`, when text follows them; else 0.
fn lead_emphasis(raw: &str, text: &str) -> usize {
    let Some(mark) = raw.chars().next().filter(|c| matches!(c, '*' | '_')) else {
        return 0;
    };
    let inner = &raw[1..];
    if inner.starts_with([mark, ' ']) {
        return 0;
    }
    // The closing mark is followed by a space or punctuation, not by a letter (`snake_case`).
    let close = inner
        .char_indices()
        .find(|&(i, c)| c == mark && !inner[i + 1..].starts_with(|n: char| n.is_alphanumeric() || n == mark));
    let Some((end, _)) = close else { return 0 };
    let span = inner[..end].trim_end();
    if span.is_empty() || inner[end + 1..].trim().is_empty() || !text.starts_with(span) {
        return 0;
    }
    span.len()
}

/// `**Title**` or `__Title__` and nothing else on the line.
fn is_bold_only(raw: &str) -> bool {
    ["**", "__"]
        .iter()
        .any(|m| raw.len() > 4 && raw.starts_with(m) && raw.ends_with(m) && !raw[2..raw.len() - 2].contains(m))
}

/// `**Designing for failure in` / `payment systems**`: one bold line wrapped over two.
fn join_wrapped_bold<'a>(lines: &mut Vec<Line>, raw_of: &dyn Fn(usize) -> Option<&'a str>) {
    let opens = |r: &str| r.starts_with("**") && r.len() > 2 && !r[2..].contains("**");
    let closes = |r: &str| r.ends_with("**") && r.len() > 2 && !r[..r.len() - 2].contains("**");
    let mut i = 0;
    while i + 1 < lines.len() {
        let (a, b) = (&lines[i], &lines[i + 1]);
        let joined = a.heading.is_none()
            && a.item.is_none()
            && b.heading.is_none()
            && b.item.is_none()
            && b.no == a.no + 1
            && raw_of(a.no).is_some_and(opens)
            && raw_of(b.no).is_some_and(closes);
        if joined {
            let next = lines.remove(i + 1);
            let line = &mut lines[i];
            line.text = format!("{} {}", line.text, next.text);
            line.bold = true;
            line.emphasis = true;
            line.blank_after = next.blank_after;
        }
        i += 1;
    }
}

fn push_text(
    current: &mut Option<Line>,
    lines: &mut Vec<Line>,
    pending_item: &mut Option<(u8, bool)>,
    no: usize,
    t: &str,
) {
    let same = current.as_ref().is_some_and(|l| l.heading.is_some() || l.no == no);
    if !same {
        if let Some(mut l) = current.take() {
            l.text = squash_owned(std::mem::take(&mut l.text));
            if !l.text.is_empty() {
                lines.push(l);
            }
        }
        let (item, star) = match pending_item.take() {
            Some((d, s)) => (Some(d), s),
            None => (None, false),
        };
        *current = Some(Line {
            no,
            item,
            star,
            ..Line::default()
        });
    }
    if let Some(l) = current.as_mut() {
        l.text.push_str(t);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn char_floor_never_cuts_a_character() {
        let s = "aé東";
        assert_eq!(super::char_floor(s, 2), 1, "inside `é`");
        assert_eq!(super::char_floor(s, 3), 3);
        assert_eq!(super::char_floor(s, 5), 3, "inside `東`");
        assert_eq!(super::char_floor(s, 99), s.len());
    }

    use super::*;

    #[test]
    fn plain_list_markers_and_star() {
        let lines = plain_lines("Intro\n\n  • Credentials\n* Biosphere Blue – X\n*Boardroom – Y\n", 1);
        assert_eq!(lines[1].text, "Credentials");
        assert_eq!(lines[1].item, Some(2));
        assert!(lines[2].star && lines[2].item.is_some());
        assert!(lines[3].star && lines[3].item.is_none());
        assert_eq!(lines[3].text, "Boardroom – Y");
        assert!(lines[0].blank_after && lines[0].blank_before);
    }

    #[test]
    fn markdown_headings_items_and_line_numbers() {
        let md = "# Title by Jo\n\nSome *emphasis* and [a link](https://x.example.com).\nNext line\n\n- item one\n  - nested\n\n```\ncode here\n```\n";
        let lines = markdown_lines(md, 5);
        assert_eq!(lines[0].heading, Some(1));
        assert_eq!(lines[0].text, "Title by Jo");
        assert_eq!(lines[0].no, 5);
        assert_eq!(lines[1].text, "Some emphasis and a link.");
        assert_eq!(lines[1].no, 7);
        assert_eq!(lines[2].text, "Next line");
        assert_eq!(lines[3].item, Some(1));
        assert_eq!(lines[4].item, Some(2));
        assert!(lines[5].code);
    }

    #[test]
    fn bold_only_lines_and_a_bold_title_wrapped_over_two_lines() {
        let md = "**Queues under load**\nLena Hartmann\n\n**Designing for failure in\npayment systems**\nOmar Siddiqui\n\nSome **bold** word.\n";
        let lines = markdown_lines(md, 1);
        let bold: Vec<(usize, bool, &str)> = lines.iter().map(|l| (l.no, l.bold, l.text.as_str())).collect();
        assert_eq!(
            bold,
            [
                (1, true, "Queues under load"),
                (2, false, "Lena Hartmann"),
                (4, true, "Designing for failure in payment systems"),
                (6, false, "Omar Siddiqui"),
                (8, false, "Some bold word."),
            ]
        );
    }

    #[test]
    fn emphasised_title_then_by_in_prose_is_marked() {
        let lines = markdown_lines(
            "*Types as documentation* by [Helena Berg](https://x.example) of Funktor AB.\n\n_Actors in the browser_ by Kacper Nowak\n\n*all of it*\n\nsnake_case_names are fine\n",
            1,
        );
        assert_eq!(lines[0].lead_emphasis, "Types as documentation".len());
        assert_eq!(lines[1].lead_emphasis, "Actors in the browser".len());
        assert_eq!(lines[2].lead_emphasis, 0);
        assert_eq!(lines[3].lead_emphasis, 0);
    }

    #[test]
    fn wordpress_h3_tags_are_headings_and_jsx_speaker_components_speaker_lines() {
        let lines = markdown_lines(
            "import Speaker from '@site/src/components/Speaker';\n\n# Caching without tears\n\n<Speaker\n  name='Ingrid Solberg'\n  position='Staff Engineer'\n/>\n\n<h3 class=\"wp-block-heading\">Typing &amp; the untypable</h3>\n<p>by Ana Costa</p>\n\n<Talk speaker=\"Ben Ode\" />\n\n<div class=\"note\">name='Not A Speaker'</div>\n\nimport data from the old system, said 'the team'\n",
            1,
        );
        let texts: Vec<(&str, Option<u8>)> = lines.iter().map(|l| (l.text.as_str(), l.heading)).collect();
        assert_eq!(
            texts,
            [
                ("Caching without tears", Some(1)),
                ("Speaker: Ingrid Solberg", None),
                ("Typing & the untypable", Some(3)),
                ("by Ana Costa", None),
                ("Speaker: Ben Ode", None),
                ("name='Not A Speaker'", None),
                ("import data from the old system, said 'the team'", None),
            ]
        );
    }

    #[test]
    fn squash_is_split_whitespace_joined_by_one_space() {
        for t in [
            "",
            "  a  b ",
            "a\tb",
            "one two",
            "\u{a0}x\u{2003}y ",
            "é  ü",
            "a\u{b}b",
            " lead",
            "trail ",
        ] {
            assert_eq!(squash(t), t.split_whitespace().collect::<Vec<_>>().join(" "), "{t:?}");
        }
        // Two spaces, or a tab, across the 32-byte chunks the fast check reads.
        for at in 29..34 {
            for gap in ["  ", "\t", " \u{a0}"] {
                let t = format!("{}{gap}b", "a".repeat(at));
                assert_eq!(squash(&t), format!("{} b", "a".repeat(at)), "{t:?}");
            }
        }
    }

    #[test]
    fn table_cells_language_mostly_german_stay_apart() {
        let lines = markdown_lines("| | |\n|---|---|\n| Language | mostly German |\n", 1);
        assert!(lines.iter().any(|l| l.text == "Language mostly German"), "{lines:?}");
    }

    #[test]
    fn html_comments_dropped_and_tags_stripped() {
        let lines = markdown_lines("<!-- toc -->\n\nText <b>bold</b>\n", 1);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Text bold");
    }

    #[test]
    fn unfinished_escape_sequence_keeps_line_numbers() {
        let text = "# Conf notes\n\u{1b}[1\n2\n3\n4\n## \"Second talk\" by Ann Lee\nbody\n";
        assert_eq!(normalise_text(text).matches('\n').count(), text.matches('\n').count());
        let sessions = crate::notes::parse("n.md", text).sessions;
        assert_eq!(
            sessions.last().map(|s| (s.title.as_str(), s.source.line)),
            Some(("Second talk", 6))
        );
    }

    proptest::proptest! {
        /// The byte tables send to the slow path exactly the texts with a character to change.
        #[test]
        fn normalise_borrows_exactly_the_texts_without_odd_characters(
            text in "(?s)[a\r\n\t\u{0}-\u{1f}\u{7f}-\u{a0}\u{2000}-\u{206f}\u{fe00}-\u{ffff}é東]{0,12}|(?s).{0,200}"
        ) {
            let borrowed = matches!(normalise_text(&text), std::borrow::Cow::Borrowed(_));
            proptest::prop_assert_eq!(borrowed, !text.chars().any(is_odd));
        }

        /// Squashing, from a borrowed or an owned line, is splitting on white space and
        /// joining with one space, whatever the spaces (the fast path trusts a byte table).
        #[test]
        fn squash_agrees_with_split_whitespace(text in "(?s)[ a-zé\\s\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1c}-\u{1f}]{0,80}|(?s).{0,80}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(squash(&text), expected.clone());
            proptest::prop_assert_eq!(squash_owned(text.clone()), expected);
        }

        /// The plain-text regexes run only on lines that start as they must.
        #[test]
        fn plain_line_regexes_only_match_where_the_prechecks_say(text in "(?s)[ \t\u{a0}#•*+\\-1٣.)a]{0,6}.{0,10}") {
            if PLAIN_HEADING.is_match(&text) {
                proptest::prop_assert!(text.starts_with('#'));
            }
            if PLAIN_ITEM.is_match(&text) {
                proptest::prop_assert!(may_be_plain_item(&text));
            }
        }

        /// Normalising never adds or removes a line, so `path:line` stays true.
        #[test]
        fn normalise_keeps_every_line(text in "(?s).{0,300}") {
            proptest::prop_assert_eq!(normalise_text(&text).matches('\n').count(), text.matches('\n').count());
        }
    }

    #[test]
    fn zero_width_and_escape_sequences() {
        assert_eq!(normalise_text("a\u{200B}b\u{00A0}c\u{1b}[31mred"), "a b cred");
        assert_eq!(normalise_text("\u{FEFF}x\r\ny"), "x\ny");
    }

    #[test]
    fn bidi_overrides_and_isolates_in_a_title() {
        assert_eq!(
            normalise_text("# Safe \u{202E}txt.exe\u{202C} and \u{2067}isolated\u{2069}\n"),
            "# Safe txt.exe and isolated\n"
        );
        // Marks that only hint a direction (LRM, RLM) are left to the text.
        assert_eq!(normalise_text("a\u{200F}b"), "a\u{200F}b");
    }
}
