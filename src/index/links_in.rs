//! Which index-page entries point at which note file, across the corpus: what an index run
//! needs to enrich a talk file with what other pages say about it, and to know when a file's
//! sessions were written with entries that have since changed.
//!
//! Built from the manifest (every index page's entries are kept there), updated as pages are
//! parsed. A corpus without index pages leaves it empty: nothing is looked up.

use super::manifest::FileEntry;
use crate::config;
use crate::notes::index_pages::{self, Entry};
use crate::notes::{self, Session};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Default)]
pub(crate) struct LinksIn {
    /// Note file → page → the page's entries pointing at it.
    by_file: HashMap<String, BTreeMap<String, Vec<Entry>>>,
    /// Page → the files its entries point at (to forget them when the page changes).
    files_of: HashMap<String, Vec<String>>,
}

impl LinksIn {
    /// From the pages of a manifest; `is_note` says which files the notes hold now.
    pub(crate) fn from_files(files: &BTreeMap<String, FileEntry>, is_note: &dyn Fn(&str) -> bool) -> LinksIn {
        let mut links = LinksIn::default();
        for (page, entry) in files.iter().filter(|(_, e)| !e.entries.is_empty()) {
            links.set_page(page, &entry.entries, is_note);
        }
        links
    }

    /// `page` now holds `entries` (none: it is no index page, or is gone).
    pub(crate) fn set_page(&mut self, page: &str, entries: &[Entry], is_note: &dyn Fn(&str) -> bool) {
        for file in self.files_of.remove(page).unwrap_or_default() {
            if let Some(pages) = self.by_file.get_mut(&file) {
                pages.remove(page);
                if pages.is_empty() {
                    self.by_file.remove(&file);
                }
            }
        }
        let mut files = Vec::new();
        for e in entries {
            let Some(file) = index_pages::resolve(&e.target, is_note).filter(|f| f != page) else {
                continue;
            };
            self.by_file
                .entry(file.clone())
                .or_default()
                .entry(page.to_string())
                .or_default()
                .push(e.clone());
            files.push(file);
        }
        if !files.is_empty() {
            files.sort();
            files.dedup();
            self.files_of.insert(page.to_string(), files);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// The entries about `file`, pages in path order, each page's in line order.
    pub(crate) fn about(&self, file: &str) -> Vec<&Entry> {
        self.by_file
            .get(file)
            .map(|pages| pages.values().flatten().collect())
            .unwrap_or_default()
    }

    /// The files some entry points at.
    pub(crate) fn files(&self) -> impl Iterator<Item = &String> {
        self.by_file.keys()
    }
}

/// What a file's sessions were enriched with, as a short fingerprint kept in its manifest
/// entry (empty: nothing).
pub(crate) fn fingerprint(entries: &[&Entry]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let bytes = serde_json::to_vec(entries).unwrap_or_default();
    super::manifest::hash(&bytes)[..16].to_string()
}

/// Whether a page's entries name other files now than when it was read (a talk file added or
/// removed): its sessions (an entry without a file is a talk of the page) are out of date.
pub(crate) fn page_outdated(entry: &FileEntry, is_note: &dyn Fn(&str) -> bool) -> bool {
    entry
        .entries
        .iter()
        .any(|e| index_pages::resolve(&e.target, is_note) != e.file)
}

/// Adds to a file's sessions what index pages say about it, and records what that was.
pub(crate) fn enrich(
    rel: &str,
    sessions: &mut [Session],
    entry: &mut FileEntry,
    links: &LinksIn,
    taxonomy: &notes::Taxonomy,
    aliases: &BTreeMap<String, String>,
) {
    let about = links.about(rel);
    entry.enriched = fingerprint(&about);
    if !about.is_empty() && notes::enrich::apply(rel, sessions, &about, taxonomy) {
        // Speakers named by the page go through the aliases as the file's own do.
        config::apply_aliases(aliases, sessions);
    }
}

/// Files whose sessions were written with other index-page entries than the ones there are
/// now, and pages whose entries name other files now (sorted). Nothing to look at in a
/// corpus without index pages.
pub(crate) fn outdated_by_links(
    files: &BTreeMap<String, FileEntry>,
    links: &LinksIn,
    is_note: &dyn Fn(&str) -> bool,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (rel, e) in files
        .iter()
        .filter(|(_, e)| !e.enriched.is_empty() || !e.entries.is_empty())
    {
        if e.enriched != fingerprint(&links.about(rel)) || page_outdated(e, is_note) {
            out.insert(rel.clone());
        }
    }
    for rel in links.files() {
        if files
            .get(rel)
            .is_some_and(|e| e.enriched != fingerprint(&links.about(rel)))
        {
            out.insert(rel.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(target: &str, line: usize) -> Entry {
        Entry {
            line,
            target: target.to_string(),
            title: format!("Talk at {line}"),
            ..Entry::default()
        }
    }

    fn page(entries: Vec<Entry>) -> FileEntry {
        FileEntry {
            size: 0,
            mtime: 0,
            hash: Default::default(),
            sessions: 0,
            links: 0,
            entries,
            enriched: String::new(),
            years: Vec::new(),
            matched: Vec::new(),
            noted: String::new(),
        }
    }

    #[test]
    fn entries_by_the_file_they_name_and_forgotten_with_their_page() {
        let present = |p: &str| ["a.md", "b/index.md"].contains(&p);
        let mut files = BTreeMap::new();
        files.insert(
            "README.md".to_string(),
            page(vec![entry("a.md", 3), entry("b", 4), entry("gone.md", 5)]),
        );
        files.insert("z/README.md".to_string(), page(vec![entry("a.md", 1)]));
        let mut links = LinksIn::from_files(&files, &present);
        let lines: Vec<usize> = links.about("a.md").iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 1]);
        assert_eq!(links.about("b/index.md").len(), 1);
        assert!(links.about("gone.md").is_empty());
        links.set_page("README.md", &[], &present);
        assert_eq!(links.about("a.md").len(), 1);
        assert!(links.about("b/index.md").is_empty());
        assert_ne!(fingerprint(&links.about("a.md")), "");
        assert_eq!(fingerprint(&[]), "");
    }

    #[test]
    fn a_page_is_outdated_when_a_target_appears() {
        let mut e = entry("new.md", 2);
        e.file = None;
        let p = page(vec![e]);
        assert!(!page_outdated(&p, &|_| false));
        assert!(page_outdated(&p, &|f| f == "new.md"));
    }
}
