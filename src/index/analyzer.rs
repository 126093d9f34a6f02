//! How text becomes words, for the index and for everything that compares words: the index
//! analyzer ([`words_analyzer`]), and [`fold`], the same lower-casing and accent folding on any
//! text, so that a name, a title or a tag compared outside the index is folded as the index
//! folds its words.

use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};

/// The analyzer of every text field.
pub(crate) const WORDS: &str = "words";

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
}
