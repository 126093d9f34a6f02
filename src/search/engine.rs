//! The `Engine`: an open index, and the commands' entry points (search, show, the session at
//! a line, every match for `links`); the query comes from `plan` and `query`, the hits from
//! `hits`, `snippets`, `facets` and `suggest`.

use super::SearchError;
use super::expand::Lexicon;
use super::facets::{self, FacetCounter};
use super::filters::Filters;
use super::hits::{self, Hit, Results};
use super::plan::{SearchRequest, SortBy};
use super::snippets::{self, Highlighter};
use super::synonyms::Synonyms;
use super::{dedup, highlight, prune};
use crate::index::{self, Fields};
use crate::notes::Session;
use anyhow::Result;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Order, Searcher, TantivyDocument, Term};

/// An open index, read from its last commit.
pub struct Engine {
    dir: PathBuf,
    /// Opened with the segments.
    index: OnceCell<tantivy::Index>,
    /// The segments, opened when a query needs them: a query whose words the lexicon does not
    /// hold finds nothing without them.
    searcher: OnceCell<Searcher>,
    /// The lexicon written with the last commit, when it names that commit's segments.
    lexicon: Option<index::lexicon::Lexicon>,
    pub(super) fields: Fields,
    pub(super) synonyms: Synonyms,
    /// Speaker alias (folded) → canonical name.
    pub(super) aliases: BTreeMap<String, String>,
}

impl Engine {
    pub fn open(dir: &Path) -> Result<Engine> {
        // Another program's tantivy index is not a confsearch index of another version.
        if !index::exists(dir) || !index::is_marked(dir) {
            return Err(SearchError::NoIndex(dir.display().to_string()).into());
        }
        if !index::is_current(dir) {
            return Err(SearchError::OtherVersion(dir.display().to_string()).into());
        }
        let lexicon = index::lexicon::Lexicon::read(dir);
        let (_, fields) = index::schema();
        let config = index::read_search_config(dir);
        let engine = Engine {
            dir: dir.to_path_buf(),
            index: OnceCell::new(),
            searcher: OnceCell::new(),
            lexicon,
            fields,
            synonyms: Synonyms::new(&config.synonyms, &config.speakers),
            aliases: config.alias_table(),
        };
        // Without a lexicon every query reads the segments: a damaged index is said now.
        if engine.lexicon.is_none() {
            engine.searcher()?;
        }
        Ok(engine)
    }

    /// The searcher on the last commit's segments, opened on first use.
    pub(super) fn searcher(&self) -> Result<&Searcher> {
        if let Some(searcher) = self.searcher.get() {
            return Ok(searcher);
        }
        let index = match self.index.get() {
            Some(index) => index,
            None => {
                let mut index = index::open(&self.dir).map_err(|e| index::damaged(&self.dir, &e))?;
                // tantivy's searches over the segments on the query threads when they are large.
                if let Ok(metas) = index.searchable_segment_metas() {
                    let sizes: Vec<u32> = metas.iter().map(|m| m.max_doc()).collect();
                    index.set_executor(super::segments::executor(&sizes));
                }
                self.index.get_or_init(|| index)
            }
        };
        let searcher = open_searcher(&self.dir, index)?;
        Ok(self.searcher.get_or_init(|| searcher))
    }

    /// The words queries are expanded with: the lexicon while it names the segments searched
    /// (a commit landing between reading `meta.json` and opening the segments makes it
    /// another's), else the segments' own dictionaries.
    pub(super) fn lexicon(&self) -> Result<Lexicon<'_>> {
        match (&self.lexicon, self.searcher.get()) {
            (Some(words), searcher) if searcher.is_none_or(|s| words.made_from(&segment_ids(s))) => {
                Ok(Lexicon::merged(words))
            }
            _ => Ok(Lexicon::new(self.searcher()?, self.text_fields())),
        }
    }

    /// Whether `query` finds nothing by the lexicon alone: it has words to find (`positive`),
    /// no filter, and every term it looks up is a word no segment holds in that kind of field.
    pub(super) fn finds_nothing(
        &self,
        lexicon: &Lexicon,
        query: &dyn Query,
        positive: bool,
        filters: &Filters,
    ) -> bool {
        let Some(words) = lexicon.merged_words() else {
            return false;
        };
        if !positive || *filters != Filters::default() {
            return false;
        }
        let text = self.text_fields();
        let (mut nothing, mut seen) = (true, false);
        query.query_terms(&mut |term, _| {
            seen = true;
            let field = term.field();
            let value = term.value();
            let held = match (value.as_str(), words.get(value.as_str().unwrap_or_default())) {
                // Not a word, or a field the lexicon does not cover: the segments say.
                (None, _) => true,
                _ if field != self.fields.urls && !text.contains(&field) => true,
                (Some(_), None) => false,
                (Some(_), Some(e)) if field == self.fields.urls => e.in_urls,
                (Some(_), Some(e)) => e.in_text,
            };
            nothing &= !held;
        });
        nothing && seen
    }

    /// The ranked (or, without text or with `--sort date`, chronological) matches.
    pub fn search(&self, req: &SearchRequest) -> Result<Results> {
        // One lexicon for the query and, when it finds nothing, the suggestion: the walks of
        // the dictionaries the query made are not made again.
        let mut lexicon = self.lexicon()?;
        let (mut query, positive, mut words) = self.build_words(req, &lexicon)?;
        let warnings = self.unmatched_filters(&req.filters)?;
        if self.finds_nothing(&lexicon, &*query, positive, &req.filters) {
            // No segment holds any word the query looks up: nothing to open or search.
            return Ok(Results {
                total: 0,
                total_estimated: false,
                hits: Vec::new(),
                facets: facets::none_shown(&req.facets),
                suggestion: self.suggest(req, &lexicon)?,
                warnings,
            });
        }
        let searcher = self.searcher()?;
        if lexicon.merged_words().is_some() {
            let current = self.lexicon()?;
            if current.merged_words().is_none() {
                // The segments opened are not those the lexicon was made from.
                lexicon = current;
                (query, _, words) = self.build_words(req, &lexicon)?;
            }
        }
        // tantivy sizes its top-k heap by the limit: never more than there are sessions, so
        // `--limit 18446744073709551615` costs what `--limit 100` does.
        let limit = req.limit.min(searcher.num_docs() as usize).max(1);
        // One pass over the matches counts them and keeps the top k. Ties go by date then id
        // (STYLE): the collector orders equal scores by date, and the hits are ordered by id
        // within what is still equal, since which segment (and so which doc address) a
        // session lands in depends on the indexing threads.
        let sort_field = Fields::name(self.fields.sort);
        // The same pass finds the same talk noted in two files (one hit, its twins left out of
        // the count and the facets), and counts the facets shown (none unless asked).
        let dedup = req.matching.dedup;
        let counter = (!req.facets.is_empty()).then(|| FacetCounter::new(&req.facets, &self.fields));
        let mut total_estimated = false;
        let (total, mut addresses, twins, facets) = if req.text.is_some() && req.sort == SortBy::Score {
            let by_score_then_date = |limit| {
                TopDocs::with_limit(limit).tweak_score(move |segment: &tantivy::SegmentReader| {
                    let sort = segment
                        .fast_fields()
                        .u64(sort_field)
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        (score, std::cmp::Reverse(sort.as_ref().map_or(0, |c| c.get_val(doc))))
                    }
                })
            };
            // Without facets to count, a broad query of plain words is ranked without scoring
            // every match, its total then an estimate.
            let pruned = match words.as_deref() {
                Some(words) if counter.is_none() && req.limit > 0 => {
                    pruned_top(dedup, searcher, &*query, words, &self.fields, limit, by_score_then_date)?
                }
                _ => None,
            };
            let (total, top, twins, facets) = match pruned {
                Some((total, top, twins)) => {
                    total_estimated = true;
                    (total, top, twins, None)
                }
                None => dedup::top(
                    dedup,
                    searcher,
                    &*query,
                    &self.fields,
                    limit,
                    by_score_then_date,
                    counter,
                )?,
            };
            (
                total,
                top.into_iter()
                    .map(|((score, sort), a)| (score, sort.0, a))
                    .collect::<Vec<_>>(),
                twins,
                facets,
            )
        } else {
            let by_date = |limit| TopDocs::with_limit(limit).order_by_fast_field::<u64>(sort_field, Order::Asc);
            let (total, top, twins, facets) =
                dedup::top(dedup, searcher, &*query, &self.fields, limit, by_date, counter)?;
            (
                total,
                top.into_iter().map(|(sort, a)| (0.0, sort.unwrap_or(0), a)).collect(),
                twins,
                facets,
            )
        };
        let query = twins.excluding(query);
        addresses.truncate(req.limit);
        // Snippets only for the hits shown.
        let highlighter = match &req.text {
            Some(_) if !addresses.is_empty() => Some(Highlighter::new(searcher, &*query, &self.fields)?),
            _ => None,
        };
        let phrase_only = highlight::PhraseOnly::of(&*query);
        let mut hits = Vec::with_capacity(addresses.len());
        for &(score, _, addr) in &addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let mut hit = Hit {
                session: hits::session(&self.fields, &doc),
                score,
                title_highlights: Vec::new(),
                snippet: None,
                second_snippet: None,
                also: twins.also(addr),
            };
            snippets::highlight(highlighter.as_ref(), &mut hit);
            // A phrase's word standing alone made no match: not highlighted.
            phrase_only.apply(&mut hit);
            hits.push(hit);
        }
        // Equal scores and dates: by id. The collector gave them in order of score and date.
        let mut ranked: Vec<(f32, u64, Hit)> = addresses
            .iter()
            .zip(hits)
            .map(|(&(score, sort, _), hit)| (score, sort, hit))
            .collect();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| a.2.session.id.cmp(&b.2.session.id))
        });
        let hits: Vec<Hit> = ranked.into_iter().map(|(_, _, hit)| hit).collect();
        let suggestion = if total == 0 { self.suggest(req, &lexicon)? } else { None };
        let mut facets = facets.unwrap_or_default();
        facets::uncount(searcher, &self.fields, &mut facets, twins.hidden())?;
        Ok(Results {
            total,
            total_estimated,
            hits,
            facets,
            suggestion,
            warnings,
        })
    }

    /// Every matching session (no limit), for `links`.
    pub fn all_matches(&self, req: &SearchRequest) -> Result<Vec<Session>> {
        let query = self.build(req)?;
        let searcher = self.searcher()?;
        let total = searcher.search(&*query, &Count)?;
        let addresses = searcher.search(
            &*query,
            &TopDocs::with_limit(total.max(1)).order_by_fast_field::<u64>(Fields::name(self.fields.sort), Order::Asc),
        )?;
        let mut sessions = Vec::new();
        for (_, addr) in addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            sessions.push(hits::session(&self.fields, &doc));
        }
        Ok(sessions)
    }

    /// One session by id.
    pub fn show(&self, id: &str) -> Result<Option<Session>> {
        // `2019/notes.txt#scaling-postgres`: the sessions of `2019/notes.txt`, then the one with that id.
        let path = id.rsplit_once('#').map_or(id, |(p, _)| p);
        let doc = self
            .sessions_of(path)?
            .into_iter()
            .find(|d| hits::first(d, self.fields.id).as_deref() == Some(id));
        Ok(doc.map(|d| hits::session(&self.fields, &d)))
    }

    /// The session of the file `path` (relative to the notes folder) that holds `line`: the
    /// last one starting at or before it (the first of the file for a line above them all).
    pub fn session_at(&self, path: &str, line: usize) -> Result<Option<Session>> {
        let mut docs: Vec<(u64, TantivyDocument)> = self
            .sessions_of(path)?
            .into_iter()
            .map(|d| (d.get_first(self.fields.line).and_then(|v| v.as_u64()).unwrap_or(0), d))
            .collect();
        docs.sort_by_key(|(l, _)| *l);
        let at = docs.iter().rposition(|(l, _)| *l <= line as u64).unwrap_or(0);
        Ok(docs.get(at).map(|(_, d)| hits::session(&self.fields, d)))
    }

    /// Every session of one note file.
    fn sessions_of(&self, path: &str) -> Result<Vec<TantivyDocument>> {
        let term = Term::from_field_text(self.fields.path, path);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let searcher = self.searcher()?;
        let n = searcher.search(&query, &Count)?;
        let found = searcher.search(&query, &TopDocs::with_limit(n.max(1)).order_by_score())?;
        let mut docs = Vec::with_capacity(found.len());
        for (_, addr) in found {
            docs.push(searcher.doc(addr)?);
        }
        Ok(docs)
    }

    pub(super) fn text_fields(&self) -> Vec<tantivy::schema::Field> {
        index::lexicon::text_fields(&self.fields)
    }
}

/// The best `limit` matches of a query of plain `words` (`prune`), when more than
/// [`prune::EXACT_UP_TO`] sessions match: how many match (the twins of the hits counted once,
/// other talks noted in several files once per note: an estimate), the hits by the collector
/// `top` makes, and their twins. `None` when the query is not that broad, or when twins leave
/// too few hits: the caller visits every match.
#[allow(clippy::type_complexity)]
fn pruned_top<T, C>(
    dedup: bool,
    searcher: &Searcher,
    query: &dyn Query,
    words: &[prune::Word],
    fields: &Fields,
    limit: usize,
    top: impl Fn(usize) -> C,
) -> Result<Option<(usize, Vec<(T, tantivy::DocAddress)>, dedup::Twins)>>
where
    C: tantivy::collector::Collector<Fruit = Vec<(T, tantivy::DocAddress)>>,
{
    let (matches, matching) = prune::matches(searcher, words)?;
    let k = dedup::fetched(dedup, limit);
    // A narrow query is searched in full (its total exact), and so is a page reaching far
    // into the matches (pruning would keep most of them).
    if matches <= prune::EXACT_UP_TO || k.saturating_mul(4) > matches {
        return Ok(None);
    }
    let stats = prune::Stats::new(searcher);
    let Some(candidates) = prune::select(searcher, &stats, words, k)? else {
        return Ok(None);
    };
    let candidates = Box::new(super::chosen::Chosen::new(searcher, candidates));
    let among = dedup::top_among(
        dedup, searcher, query, candidates, &matching, fields, limit, top, &stats,
    )?;
    Ok(among.map(|(found, twins)| (matches - twins.hidden().count(), found, twins)))
}

/// Opens the segments of the last commit. Opening the reader opens the files of every segment,
/// so a missing one fails it: only then is the index checked file by file, for the message that
/// names what is missing (checking first read and parsed meta.json once more at every start).
fn open_searcher(dir: &Path, index: &tantivy::Index) -> Result<Searcher> {
    // One query per process: no thread watching for new commits.
    let reader: tantivy::IndexReader = match index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
    {
        Ok(reader) => reader,
        Err(e) => {
            index::open_checked(dir)?;
            return Err(index::damaged(dir, &anyhow::Error::from(e)));
        }
    };
    let searcher = reader.searcher();
    // The one file tantivy opens a segment without is its positions file (phrases would fail
    // later, with tantivy's words): looked for here.
    let positions_missing = searcher
        .segment_readers()
        .iter()
        .any(|seg| !dir.join(format!("{}.pos", seg.segment_id().uuid_string())).is_file());
    if positions_missing {
        index::open_checked(dir)?;
    }
    Ok(searcher)
}

/// The ids of the segments `searcher` reads.
fn segment_ids(searcher: &Searcher) -> Vec<tantivy::index::SegmentId> {
    searcher.segment_readers().iter().map(|s| s.segment_id()).collect()
}
