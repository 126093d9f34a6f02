//! The conference-spelling model of an index run: one spelling per conference (`Djangocon US`
//! and `DjangoCon US` are one conference), the one with the most capitals, whichever file came
//! first; the files written with a spelling that a later file bettered are written again.

use std::collections::HashMap;

/// One spelling per conference: `Djangocon US` and `DjangoCon US` are the same conference,
/// shown as the spelling with the most capitals, whichever file came first.
pub(crate) struct Spellings {
    best: HashMap<String, String>,
    /// Conference key → each spelling written this run → the files written with it.
    written: HashMap<String, HashMap<String, Files>>,
}

/// Paths of files, one after another in one string, each once in a row: tens of thousands
/// of files at 1 GB, without a string (and a map entry) each.
#[derive(Default)]
struct Files {
    paths: String,
    last: std::ops::Range<usize>,
}

impl Files {
    /// Paths end with a NUL, which no file name holds.
    fn push(&mut self, rel: &str) {
        if self.paths.get(self.last.clone()) == Some(rel) {
            return;
        }
        let start = self.paths.len();
        self.paths.push_str(rel);
        self.last = start..self.paths.len();
        self.paths.push('\0');
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.paths.split_terminator('\0')
    }
}

impl Spellings {
    /// Starting from the spellings already in the index.
    pub(crate) fn from_index(idx: &tantivy::Index) -> Spellings {
        let mut s = Spellings {
            best: HashMap::new(),
            written: HashMap::new(),
        };
        let existing = idx
            .reader()
            .ok()
            .map(|r| super::facet_values(&r.searcher(), super::schema().1.f_conference).unwrap_or_default());
        for name in existing.unwrap_or_default() {
            s.consider(name.to_lowercase(), &name);
        }
        s
    }

    /// `name` (whose lower case is `key`) against the best spelling so far; the best after.
    fn consider(&mut self, key: String, name: &str) -> &str {
        let best = self.best.entry(key).or_insert_with(|| name.to_string());
        if crate::notes::more_capitals(name, best) {
            *best = name.to_string();
        }
        best
    }

    /// The spelling to write for a session of `rel` naming `conference`.
    pub(crate) fn spell(&mut self, rel: &str, conference: &str) -> String {
        let key = conference.to_lowercase();
        let chosen = self.consider(key.clone(), conference).to_string();
        // Once per file, not once per session (a file's sessions come one after another).
        let by_spelling = self.written.entry(key).or_default();
        match by_spelling.get_mut(&chosen) {
            Some(files) => files.push(rel),
            None => by_spelling.entry(chosen.clone()).or_default().push(rel),
        }
        chosen
    }

    /// Files written with a spelling that is no longer the best (for any of their sessions).
    pub(crate) fn outdated_files(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .written
            .iter()
            .flat_map(|(key, by_spelling)| {
                let best = &self.best[key];
                by_spelling
                    .iter()
                    .filter(move |(used, _)| *used != best)
                    .flat_map(|(_, files)| files.iter().map(str::to_string))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_written_with_an_older_spelling_by_one_session_is_outdated() {
        let mut sp = Spellings {
            best: HashMap::new(),
            written: HashMap::new(),
        };
        // Two sessions of one file: the first before the better spelling is met.
        assert_eq!(sp.spell("a.md", "pygotham"), "pygotham");
        assert_eq!(sp.spell("b.md", "PyGotham"), "PyGotham");
        assert_eq!(sp.spell("a.md", "PyGotham"), "PyGotham");
        assert_eq!(sp.spell("c.md", "pygotham"), "PyGotham");
        assert_eq!(sp.outdated_files(), vec!["a.md".to_string()]);
    }

    #[test]
    fn files_keep_each_path_once_in_a_row() {
        let mut f = Files::default();
        for rel in ["a.md", "a.md", "b/c.md", "a.md"] {
            f.push(rel);
        }
        assert_eq!(f.iter().collect::<Vec<_>>(), ["a.md", "b/c.md", "a.md"]);
    }

    #[test]
    fn a_spelling_in_the_index_is_kept_over_a_file_writing_it_with_fewer_capitals() {
        let (schema, fields) = crate::index::schema();
        let idx = tantivy::Index::create_in_ram(schema);
        idx.tokenizers()
            .register(crate::index::WORDS, crate::index::words_analyzer());
        let mut w: tantivy::IndexWriter = idx.writer_with_num_threads(1, 15_000_000).unwrap();
        let session = &crate::notes::parse("a.md", "# Talk\n\nnotes\n").sessions[0];
        w.add_document(crate::index::document(&fields, session, Some("DjangoCon US")))
            .unwrap();
        w.commit().unwrap();
        let mut sp = Spellings::from_index(&idx);
        assert_eq!(sp.spell("b.md", "Djangocon us"), "DjangoCon US");
        // Another conference keeps its own spelling.
        assert_eq!(sp.spell("b.md", "pycon"), "pycon");
        assert!(sp.outdated_files().is_empty());
    }
}
