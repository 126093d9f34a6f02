//! The one integration-test binary: runs the real `confsearch` on temp folders of notes.

mod actionable;
mod bounded;
mod fixtures;
mod harness;
mod hostile;
mod index;
mod input;
mod lose_nothing;
mod parse;
mod query;
mod relevance;
mod search_cmd;
mod serve;
mod snapshots;
mod terminal;
