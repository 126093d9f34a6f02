//! The one integration-test binary: runs the real `confsearch` on temp folders of notes.

mod bounded;
mod facets;
mod fixtures;
mod harness;
mod help;
mod hostile;
mod index;
mod input;
mod links;
mod lose_nothing;
mod open;
mod parse;
mod query;
mod relevance;
mod serve;
mod show;
mod snapshots;
mod terminal;
