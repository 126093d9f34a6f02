//! How text becomes words, for the index and for everything that compares words: the index
//! analyzer ([`words_analyzer`]), and [`fold`], the same lower-casing and accent folding on any
//! text, so that a name, a title or a tag compared outside the index is folded as the index
//! folds its words; and the notes' words made ahead of the index ([`split_words`], read back
//! by [`SplitWords`]), so that the parse threads analyse the notes, not the indexing thread.

use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenStream,
    Tokenizer,
};

/// The analyzer of every text field but `body`.
pub(crate) const WORDS: &str = "words";
/// The tokenizer of `body`: it reads the words [`split_words`] made of the notes.
pub(crate) const SPLIT_WORDS: &str = "split-words";

/// Words: split on anything not a letter or digit, [`fold`]ed (lower case, accents removed),
/// words longer than 40 bytes (hashes, base64) dropped.
pub(crate) fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Lower case, accents folded, as the index folds its words: `Ærøskøbing` → `aeroskobing`,
/// `Straße` → `strasse`. The analyzer's own filters (tantivy's `LowerCaser`, then its
/// `AsciiFoldingFilter`) run on the whole text as one token: spaces and punctuation stay as
/// written, and scripts the filter does not fold (Cyrillic, Han) stay too.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        // What both filters do to ASCII, without the token stream.
        return text.to_ascii_lowercase();
    }
    thread_local! {
        static FOLDING: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    FOLDING.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        if stream.advance() {
            std::mem::take(&mut stream.token_mut().text)
        } else {
            String::new()
        }
    })
}

/// In [`split_words`]' output: a position without a word (one longer than the analyzer keeps).
const GAP: u8 = 0;
/// In [`split_words`]' output: a word's length goes on in the next byte, [`LONGER`] bytes more.
const MORE: u8 = 0x7f;
const LONGER: usize = 0x7e;

/// The words the index makes of `text` ([`words_analyzer`]), written out for [`SplitWords`]:
/// each word as its length, then its bytes; a position the analyzer left without a word (one
/// longer than 40 bytes) as a [`GAP`] byte. Lengths up to 126 take one byte (a longer word
/// takes a [`MORE`] byte for each 126 bytes more), every byte below 0x80: the result is text.
/// Made on the parse threads, so that the one indexing thread only reads words and records
/// them (BENCHMARKS.md, "Indexing, fourth round").
pub(crate) fn split_words(text: &str) -> String {
    thread_local! {
        static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(words_analyzer());
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    ANALYZER.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        let mut next = 0;
        while let Some(token) = stream.next() {
            for _ in next..token.position {
                out.push(char::from(GAP));
            }
            // The analyzer's words are never empty: a length is never read as a gap.
            let mut len = token.text.len();
            while len > LONGER {
                out.push(char::from(MORE));
                len -= LONGER;
            }
            out.push(char::from(len as u8));
            out.push_str(&token.text);
            next = token.position + 1;
        }
    });
    out
}

/// Reads what [`split_words`] wrote: the same words at the same positions as
/// [`words_analyzer`] gives for the notes, with no character to classify or fold.
#[derive(Clone, Default)]
pub(crate) struct SplitWords {
    token: Token,
}

pub(crate) struct SplitWordsStream<'a> {
    text: &'a str,
    at: usize,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for SplitWords {
    type TokenStream<'a> = SplitWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SplitWordsStream<'a> {
        self.token.reset();
        SplitWordsStream {
            text,
            at: 0,
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for SplitWordsStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        while let Some(&first) = bytes.get(self.at) {
            self.at += 1;
            if first == GAP {
                self.position += 1;
                continue;
            }
            let (mut len, mut b) = (0, first);
            while b == MORE {
                len += LONGER;
                let Some(&next) = bytes.get(self.at) else {
                    return false;
                };
                (b, self.at) = (next, self.at + 1);
            }
            len += usize::from(b);
            // Text not written by `split_words` ends the words, rather than a panic.
            let Some(word) = self.text.get(self.at..self.at + len) else {
                self.at = bytes.len();
                return false;
            };
            self.token.text.clear();
            self.token.text.push_str(word);
            self.token.offset_from = self.at;
            self.token.offset_to = self.at + len;
            self.token.position = self.position;
            self.token.position_length = 1;
            self.at += len;
            self.position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the index makes of `text`.
    fn indexed(text: &str) -> Vec<String> {
        let mut analyzer = words_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn fold_gives_a_word_as_the_index_analyzer_gives_it() {
        for word in [
            "Ærøskøbing",
            "Straße",
            "Łódź",
            "İstanbul",
            "naïve",
            "Bréhault",
            "ÉCOLE",
            "Ørsted",
            "Σίσυφος",
            "Дмитрий",
            "東京",
            "Kubernetes",
        ] {
            assert_eq!(indexed(word), [fold(word)], "{word}");
        }
    }

    #[test]
    fn fold_folds_accents_and_keeps_spaces_and_punctuation() {
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("  A. Bréhault-Łukasz, "), "  a. brehault-lukasz, ");
        assert_eq!(fold(""), "");
    }

    /// The words and positions `split_words` then `SplitWords` give for `text`.
    fn split(text: &str) -> Vec<(String, usize)> {
        let words = split_words(text);
        let mut tokenizer = SplitWords::default();
        let mut stream = tokenizer.token_stream(&words);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    /// The words and positions the index analyzer gives for `text`.
    fn analyzed(text: &str) -> Vec<(String, usize)> {
        let mut analyzer = words_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn a_hash_longer_than_forty_bytes_leaves_its_position_empty_in_the_split_words() {
        let text = format!("commit {} fixed the vault", "a1b2c3d4e5".repeat(5));
        assert_eq!(
            split(&text),
            [("commit", 0), ("fixed", 2), ("the", 3), ("vault", 4)].map(|(w, p)| (w.to_string(), p))
        );
        assert_eq!(split(&text), analyzed(&text));
        assert_eq!(split(&format!("{} end", "x".repeat(45))), [("end".to_string(), 1)]);
    }

    #[test]
    fn accents_ligatures_and_scripts_split_as_the_analyzer_splits_them() {
        for text in [
            "Ærøskøbing – Straße, Łódź; İstanbul ﬃ ⑽ Ⱥⱥ 東京 Дмитрий",
            "",
            "  ,;  ",
            "naïve café",
            // A word of 39 bytes that folding makes 52 bytes long: `⑽` is `(10)`.
            &"⑽".repeat(13),
        ] {
            assert_eq!(split(text), analyzed(text), "{text}");
        }
    }

    #[test]
    fn a_folded_word_longer_than_126_bytes_takes_more_length_bytes() {
        let mut tokenizer = SplitWords::default();
        for len in [1, 125, 126, 127, 252, 253, 400] {
            let word = "w".repeat(len);
            let mut written = String::new();
            let mut rest = len;
            while rest > LONGER {
                written.push(char::from(MORE));
                rest -= LONGER;
            }
            written.push(char::from(rest as u8));
            written.push_str(&word);
            written.push(char::from(GAP));
            written.push('\u{2}');
            written.push_str("ok");
            let mut stream = tokenizer.token_stream(&written);
            assert!(stream.advance());
            assert_eq!(
                (stream.token().text.as_str(), stream.token().position),
                (word.as_str(), 0)
            );
            assert!(stream.advance());
            assert_eq!((stream.token().text.as_str(), stream.token().position), ("ok", 2));
            assert!(!stream.advance());
        }
    }

    #[test]
    fn text_not_written_by_split_words_ends_the_words_without_a_panic() {
        let mut tokenizer = SplitWords::default();
        for text in ["\u{5}ab", "\u{7f}", "\u{3}é", "\u{1}"] {
            let mut stream = tokenizer.token_stream(text);
            while stream.advance() {}
        }
    }

    proptest::proptest! {
        #[test]
        fn split_words_read_back_are_the_analyzer_words(text in "\\PC{0,200}") {
            proptest::prop_assert_eq!(split(&text), analyzed(&text));
        }

        #[test]
        fn split_words_of_long_and_folded_words_are_the_analyzer_words(
            text in "([a-z0-9]{1,50}|[ÆéİßⱥȺ⑽ﬃ東]{1,20}|[ ,.\\-]{1,3}){0,40}"
        ) {
            proptest::prop_assert_eq!(split(&text), analyzed(&text));
        }
    }
}
