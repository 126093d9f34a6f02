//! The one integration-test binary: runs the real `confsearch` on temp folders of notes. A test
//! goes with the command it runs (`index/`, `query/`, `parse/`, `show.rs`, …); one named after a
//! hostile input goes in `regression/`. The table of where a test for what goes is in
//! ARCHITECTURE.md ("Tests").

mod export;
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
mod related;
mod relevance;
mod serve;
mod show;
mod snapshots;
mod terminal;
