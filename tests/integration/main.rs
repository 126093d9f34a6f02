//! The one integration-test binary: runs the real `confsearch` on temp folders of notes.

mod facets;
mod fixtures;
mod harness;
mod help;
mod index;
mod links;
mod open;
mod parse;
mod query;
mod regression;
mod relevance;
mod serve;
mod show;
mod snapshots;
mod terminal;
