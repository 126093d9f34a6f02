//! Nothing from a note or a file name reaches the terminal as control.
//!
//! Every byte written to stdout and stderr goes through [`Sanitised`], a `Write` wrapper
//! that drops every control: C0 and C1 controls except `\n` and `\t` (escape sequences and
//! bells among them), DEL, bidi embeddings, overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069, which make a terminal show text in another order than it is), and bytes that
//! are not UTF-8. confsearch's own colours do not pass through that filter but beside it
//! ([`Sanitised::paint`]), straight to the stream under it, which is anstream's: it drops
//! them when colour is off. So no printer can let a note's escape sequence through, painted
//! or not. In JSON, where such characters can only sit inside strings, the filter writes them
//! as `\uXXXX` escapes instead: the value a program reads is unchanged, a terminal shows six
//! harmless characters. Help and clap's errors, which clap has already styled, keep their
//! colour sequences (`ESC [ … m`) and nothing else ([`Mode::Styled`]).
//!
//! [`sanitise`] cleans one value the same way, for text that is measured or cut before it is
//! written (wrapping, highlight ranges).

use anstyle::Style;
use std::borrow::Cow;
use std::io::{self, Write};

/// A character that must not reach a terminal as itself.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without control characters (escape sequences, carriage returns, bidi controls…).
pub(crate) fn sanitise(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(text.chars().filter(|&c| !is_unsafe(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// What the wrapped stream carries, which decides what is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Text for people: every control dropped; colour only through [`Sanitised::paint`].
    Text,
    /// Text another library has styled (clap's help and errors): its colour sequences
    /// (`ESC [ … m`) kept, every other control dropped.
    Styled,
    /// JSON: C1 and bidi controls written as `\uXXXX` (serde_json already escapes C0).
    Json,
    /// Text whose lines end in CRLF (iCalendar, RFC 5545): a `\r` right before a `\n` kept,
    /// every other control dropped as in [`Mode::Text`].
    Crlf,
}

/// Longest colour sequence kept whole (`ESC [ 1 ; 38 ; 5 ; 208 m` is 14 bytes).
const MAX_SGR: usize = 32;

/// A `Write` that lets no control reach the stream under it; see the module docs.
pub(crate) struct Sanitised<W: Write + ?Sized> {
    mode: Mode,
    /// Whether [`Sanitised::paint`] writes its style (anstream's choice, `output::stdout`).
    colour: bool,
    /// The start of a character or colour sequence cut by the end of the last write.
    pending: Vec<u8>,
    /// Reused output buffer.
    buf: Vec<u8>,
    inner: W,
}

/// What every command and printer writes to: stdout (or a test's buffer) behind the filter.
pub(crate) type Out<'a> = Sanitised<dyn Write + 'a>;

impl<W: Write> Sanitised<W> {
    pub(crate) fn new(inner: W, mode: Mode) -> Sanitised<W> {
        Sanitised {
            mode,
            colour: true,
            pending: Vec::new(),
            buf: Vec::new(),
            inner,
        }
    }

    /// With colour off, [`Sanitised::paint`] writes the text alone.
    pub(crate) fn without_colour(mut self) -> Sanitised<W> {
        self.colour = false;
        self
    }

    /// The stream under the filter (what the tests read back).
    #[cfg(test)]
    fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write + ?Sized> Sanitised<W> {
    /// `text` in `style`: the style's sequences go to the stream under the filter (which
    /// drops them when colour is off), the text through the filter like any other.
    pub(crate) fn paint(&mut self, style: Style, text: &str) -> io::Result<()> {
        if !self.colour {
            return self.write_all(text.as_bytes());
        }
        if !self.pending.is_empty() {
            // A character cut short by the last write, which the style would split.
            self.pending.clear();
            self.inner.write_all("\u{FFFD}".as_bytes())?;
        }
        write!(self.inner, "{}", style.render())?;
        self.write_all(text.as_bytes())?;
        write!(self.inner, "{}", style.render_reset())
    }
}

/// How the bytes at the start of a slice read.
enum Unit {
    /// A whole character.
    Char(char, usize),
    /// The start of a character, cut short.
    Incomplete,
    /// Bytes that are not UTF-8.
    Invalid(usize),
}

fn next_unit(bytes: &[u8]) -> Unit {
    let end = bytes.len().min(4);
    let text = match std::str::from_utf8(&bytes[..end]) {
        Ok(t) => t,
        Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        Err(e) => {
            return match e.error_len() {
                // Cut short only if the slice ends before the character does.
                None if end == bytes.len() => Unit::Incomplete,
                None => Unit::Invalid(1),
                Some(n) => Unit::Invalid(n),
            };
        }
    };
    match text.chars().next() {
        Some(c) => Unit::Char(c, c.len_utf8()),
        None => Unit::Invalid(1),
    }
}

/// Length of a colour sequence `ESC [ digits ; : m` at the start of `bytes`: `Some(Ok(n))`,
/// `Some(Err(()))` when it may still be one (cut by the end of the slice), `None` when not.
fn sgr_len(bytes: &[u8]) -> Option<Result<usize, ()>> {
    for (i, &b) in bytes.iter().enumerate().take(MAX_SGR) {
        match (i, b) {
            (0, 0x1b) | (1, b'[') => {}
            (i, b'0'..=b'9' | b';' | b':') if i >= 2 => {}
            (i, b'm') if i >= 2 => return Some(Ok(i + 1)),
            _ => return None,
        }
    }
    (bytes.len() < MAX_SGR).then_some(Err(()))
}

/// Filters `input` into `out`; returns how many bytes were used (the rest starts a unit
/// that the next write completes).
fn filter(input: &[u8], mode: Mode, out: &mut Vec<u8>) -> usize {
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        // ESC starts a colour sequence kept only in styled text; otherwise it is dropped below.
        if b == 0x1b && mode == Mode::Styled {
            match sgr_len(&input[i..]) {
                Some(Ok(n)) => {
                    out.extend_from_slice(&input[i..i + n]);
                    i += n;
                    continue;
                }
                Some(Err(())) => return i,
                None => {}
            }
        }
        if b == b'\r' && mode == Mode::Crlf {
            match input.get(i + 1) {
                Some(b'\n') => out.push(b),
                Some(_) => {}
                // The `\n` may come with the next write.
                None => return i,
            }
            i += 1;
            continue;
        }
        if b < 0x80 {
            let c = char::from(b);
            if !is_unsafe(c) {
                out.push(b);
            } else if mode == Mode::Json {
                escape(c, out);
            }
            i += 1;
            continue;
        }
        match next_unit(&input[i..]) {
            Unit::Char(c, n) => {
                if !is_unsafe(c) {
                    out.extend_from_slice(&input[i..i + n]);
                } else if mode == Mode::Json {
                    escape(c, out);
                }
                i += n;
            }
            Unit::Incomplete => return i,
            Unit::Invalid(n) => {
                out.extend_from_slice("\u{FFFD}".as_bytes());
                i += n;
            }
        }
    }
    i
}

/// `c` as a JSON string escape (every character [`is_unsafe`] finds is in the BMP).
fn escape(c: char, out: &mut Vec<u8>) {
    out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
}

impl<W: Write + ?Sized> Write for Sanitised<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.clear();
        if self.pending.is_empty() {
            let used = filter(data, self.mode, &mut self.buf);
            self.pending.extend_from_slice(&data[used..]);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(data);
            let used = filter(&joined, self.mode, &mut self.buf);
            self.pending = joined.split_off(used);
        }
        self.inner.write_all(&self.buf)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(mode: Mode, chunks: &[&[u8]]) -> String {
        let mut w = Sanitised::new(Vec::new(), mode);
        for c in chunks {
            w.write_all(c).unwrap();
        }
        String::from_utf8(w.inner).unwrap()
    }

    const PLAIN: Mode = Mode::Text;

    #[test]
    fn crlf_keeps_line_ends_only_even_split_across_writes() {
        assert_eq!(
            through(Mode::Crlf, &[b"A:b\r\nC:\rd\x1b[31m\r\n"]),
            "A:b\r\nC:d[31m\r\n"
        );
        assert_eq!(through(Mode::Crlf, &[b"A\r", b"\nB\r", b"x"]), "A\r\nBx");
        assert_eq!(through(Mode::Text, &[b"A\r\n"]), "A\n");
    }
    const COLOUR: Mode = Mode::Styled;

    #[test]
    fn escape_sequences_bells_and_carriage_returns_are_dropped() {
        let out = through(PLAIN, &[b"a\x1b[31mred\x1b]0;title\x07 \r\x08z\x7f\n\tend"]);
        assert_eq!(out, "a[31mred]0;title z\n\tend");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_dropped() {
        let text = "pay \u{202E}gnp.exe\u{202C} \u{2066}x\u{2069} \u{9b}31m ok";
        assert_eq!(through(PLAIN, &[text.as_bytes()]), "pay gnp.exe x 31m ok");
        assert_eq!(through(COLOUR, &[text.as_bytes()]), "pay gnp.exe x 31m ok");
    }

    #[test]
    fn colours_pass_only_painted_or_in_styled_text() {
        let painted = b"\x1b[1;31mhit\x1b[0m";
        assert_eq!(through(COLOUR, &[painted]), "\x1b[1;31mhit\x1b[0m");
        assert_eq!(through(PLAIN, &[painted]), "[1;31mhit[0m");
        let mut w = Sanitised::new(Vec::new(), PLAIN);
        let bold = Style::new().bold();
        w.paint(bold, "note \x1b[31mred\x1b]0;title\x07").unwrap();
        write!(w, " and \x1b[32mgreen").unwrap();
        let out = String::from_utf8(w.into_inner()).unwrap();
        assert_eq!(out, "\x1b[1mnote [31mred]0;title\x1b[0m and [32mgreen");
        let mut w = Sanitised::new(Vec::new(), PLAIN).without_colour();
        w.paint(bold, "note \x1b[31mred").unwrap();
        assert_eq!(String::from_utf8(w.into_inner()).unwrap(), "note [31mred");
        // Anything else after ESC is not a colour: the ESC goes, the rest is text.
        assert_eq!(through(COLOUR, &[b"\x1b]8;;http://x\x1b\\link"]), "]8;;http://x\\link");
        assert_eq!(through(COLOUR, &[b"\x1b[2J\x1b[H"]), "[2J[H");
    }

    #[test]
    fn sequences_cut_between_writes_are_judged_whole() {
        let rlo = "\u{202E}".as_bytes();
        assert_eq!(through(PLAIN, &[b"a", &rlo[..1], &rlo[1..2], &rlo[2..], b"b"]), "ab");
        let e = "é".as_bytes();
        assert_eq!(through(PLAIN, &[b"caf", &e[..1], &e[1..]]), "café");
        assert_eq!(through(COLOUR, &[b"\x1b", b"[3", b"1m", b"x"]), "\x1b[31mx");
    }

    #[test]
    fn invalid_utf8_becomes_a_replacement_character() {
        assert_eq!(through(PLAIN, &[b"a\xff\x9bb"]), "a\u{FFFD}\u{FFFD}b");
    }

    #[test]
    fn json_keeps_the_value_and_escapes_the_control() {
        let value = serde_json::json!({"title": "a\u{202E}b\u{9b}c\u{1b}d"});
        let mut w = Sanitised::new(Vec::new(), Mode::Json);
        serde_json::to_writer(&mut w, &value).unwrap();
        let out = String::from_utf8(w.inner).unwrap();
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn sanitise_drops_bidi_controls_too() {
        assert_eq!(sanitise("Talk \u{202E}evil\u{202C}"), "Talk evil");
        assert!(matches!(sanitise("plain – café"), Cow::Borrowed(_)));
    }
}
