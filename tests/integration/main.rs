//! The one integration-test binary: runs the real `confsearch` on temp folders of notes.

mod actionable;
mod harness;
mod hostile;
mod matching;
mod parse_cmd;
mod parser_styles;
mod relevance;
mod search_cmd;
mod shared_data;
mod shared_search;
mod terminal;
