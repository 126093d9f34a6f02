//! The one integration-test binary: runs the real `confsearch` on temp folders of notes.

mod actionable;
mod bounded;
mod export;
mod harness;
mod hostile;
mod index_pages;
mod input;
mod lexicon;
mod lose_nothing;
mod matching;
mod ownership;
mod parse_cmd;
mod parse_rules;
mod parser_styles;
mod ranking;
mod reindex;
mod related;
mod relevance;
mod search_cmd;
mod serve;
mod shared_data;
mod shared_search;
mod snapshots;
mod terminal;
mod typing;
