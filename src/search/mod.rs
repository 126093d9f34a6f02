//! Searching the index: query text and filters → tantivy query → hits with snippets, facet
//! counts, links. Knows nothing of terminals or JSON; the printers in `output` do.

mod counting;
pub mod expand;
mod snippets;
pub mod syntax;
mod tiered;

use crate::config::SearchConfig;
use crate::index::{self, Fields};
use crate::notes::{Kind, Link, Session, Source};
use anyhow::Result;
use counting::Counting;
use expand::{Lexicon, Synonyms};
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use syntax::{Atom, Clause, FieldName, Occur};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};
use tiered::{TierScores, TieredQuery};

/// How a query word matched, best first: as typed, another form of it, a synonym, a typo,
/// a word it begins (the last word only: search as you type).
/// A session matching more words ranks first (each word is worth about 1000, whatever BM25
/// says); among those, words matched better rank first; BM25 orders the rest.
const TIER_BONUS: [f32; TIERS] = [1000.0, 900.0, 800.0, 700.0, 600.0];
/// The weight of each tier in the BM25 part of the score.
const TIER_WEIGHT: [f32; TIERS] = [1.0, 0.8, 0.6, 0.4, 0.3];
/// Tiers: as typed, forms, synonyms, typos, completions.
const TIERS: usize = 5;
/// The tier of the words the last query word begins.
const PREFIX_TIER: usize = 4;
/// BM25 scaled down under the bonuses, so it orders sessions within a tier and never across.
const BM25_SCALE: f32 = 0.1;

/// What ranking uses. All on by default; `--exact` keeps words as typed; the relevance
/// evaluation turns features off one at a time to measure each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matching {
    /// Title over speakers over tags over the notes.
    pub boosts: bool,
    /// A session matching more query words first, then better matches.
    pub word_bonus: bool,
    /// Other forms of a word (`secret` for `secrets`).
    pub forms: bool,
    /// Words one or two typos away.
    pub typos: bool,
    pub synonyms: bool,
    /// The last word also finds the words it begins (`prometh`: `prometheus`).
    pub prefix: bool,
}

impl Default for Matching {
    fn default() -> Matching {
        Matching {
            boosts: true,
            word_bonus: true,
            forms: true,
            typos: true,
            synonyms: true,
            prefix: true,
        }
    }
}

impl Matching {
    /// Words as typed: no other forms, typos, synonyms or completions.
    pub fn exact() -> Matching {
        Matching {
            forms: false,
            typos: false,
            synonyms: false,
            prefix: false,
            ..Matching::default()
        }
    }

    /// Plain BM25 over every text field, then the named features:
    /// `boosts,bonus,forms,typos,synonyms,prefix`.
    pub fn from_features(list: &str) -> Result<Matching, String> {
        let mut m = Matching {
            boosts: false,
            word_bonus: false,
            forms: false,
            typos: false,
            synonyms: false,
            prefix: false,
        };
        for f in list.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match f {
                "bm25" => {}
                "boosts" => m.boosts = true,
                "bonus" => m.word_bonus = true,
                "forms" => m.forms = true,
                "typos" => m.typos = true,
                "synonyms" => m.synonyms = true,
                "prefix" => m.prefix = true,
                "all" => m = Matching::default(),
                other => {
                    return Err(format!(
                        "unknown ranking feature {other:?}: use bm25, boosts, bonus, forms, typos, synonyms, prefix or all"
                    ));
                }
            }
        }
        Ok(m)
    }
}

/// The queries of one query word, by how well they match it.
#[derive(Default)]
struct Tiers {
    tiers: [Vec<Box<dyn Query>>; TIERS],
}

impl Tiers {
    fn is_empty(&self) -> bool {
        self.tiers.iter().all(Vec::is_empty)
    }

    fn add(&mut self, tier: usize, q: Option<Box<dyn Query>>) {
        if let Some(q) = q {
            self.tiers[tier].push(q);
        }
    }

    fn union(qs: &[Box<dyn Query>]) -> Option<Box<dyn Query>> {
        match qs.len() {
            0 => None,
            1 => Some(qs[0].box_clone()),
            _ => Some(Box::new(BooleanQuery::union(
                qs.iter().map(|q| q.box_clone()).collect(),
            ))),
        }
    }

    /// Matches as typed or in another form: what `-word` excludes.
    fn literal(&self) -> Option<Box<dyn Query>> {
        let both: Vec<Box<dyn Query>> = self.tiers[..2].iter().flatten().map(|q| q.box_clone()).collect();
        Tiers::union(&both)
    }

    /// The scored query: the bonus of the best tier matched plus weighted BM25.
    fn ranked(&self, m: Matching) -> Box<dyn Query> {
        let scale = if m.word_bonus { BM25_SCALE } else { 1.0 };
        let tiers: Vec<(usize, Box<dyn Query>)> = self
            .tiers
            .iter()
            .enumerate()
            .filter_map(|(i, qs)| Tiers::union(qs).map(|q| (i, q)))
            .collect();
        Box::new(TieredQuery::new(
            tiers,
            TierScores {
                bonus: m.word_bonus.then_some(TIER_BONUS),
                bm25: TIER_WEIGHT.map(|w| w * scale),
            },
        ))
    }
}

/// Errors the user can fix: exit code 2 with the message.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("no index at {0}: run `confsearch index` first")]
    NoIndex(String),
    #[error("bad query: {0}")]
    Syntax(#[from] syntax::SyntaxError),
    #[error("bad query: it has no searchable words")]
    NoWords,
    #[error("bad filter: {0}")]
    Filter(String),
}

/// A filter value that matches no session of the index, with the closest values it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedFilter {
    /// The flag: `--theme`.
    pub flag: &'static str,
    pub value: String,
    /// Values of the index close to `value`, best first (at most three).
    pub closest: Vec<String>,
    /// What the index has instead, when nothing is close: `themes`.
    pub facet: &'static str,
    /// How many values of this facet the index has.
    pub known: usize,
}

impl std::fmt::Display for UnmatchedFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} matches no session", self.flag, self.value)?;
        if self.known == 0 {
            write!(f, " (no session has {})", self.facet)
        } else if self.closest.is_empty() {
            let name = self.flag.trim_start_matches('-');
            write!(f, " (`confsearch facets {name}` lists the {})", self.facet)
        } else {
            write!(f, "; closest: {}", self.closest.join(", "))
        }
    }
}

/// The values of `known` closest to `wanted`, best first: those starting with it, those
/// holding it, then those (or one of their words) within a few edits; case and accents
/// ignored. At most three.
pub fn closest_values(wanted: &str, known: &[String]) -> Vec<String> {
    let w = fold(wanted.trim());
    let n = w.chars().count();
    if n == 0 {
        return Vec::new();
    }
    // One edit up to four letters (`kren` → `karen`, not `ben`), two up to eight, then a third.
    let budget = match n {
        0..=4 => 1,
        5..=8 => 2,
        _ => n / 3,
    };
    let mut ranked: Vec<(usize, usize, &String)> = known
        .iter()
        .filter_map(|k| {
            let kf = fold(k);
            if kf.starts_with(&w) {
                return Some((0, kf.len() - w.len(), k));
            }
            if kf.contains(&w) {
                return Some((1, kf.len() - w.len(), k));
            }
            let whole = expand::distance(&w, &kf);
            let word = kf
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .map(|x| expand::distance(&w, x))
                .min()
                .unwrap_or(whole);
            let d = whole.min(word);
            (d <= budget).then_some((2, d, k))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(3).map(|(_, _, k)| k.clone()).collect()
}

/// Filters: the same flag repeated is OR, different flags AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub years: Vec<(Option<u16>, Option<u16>)>,
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub conferences: Vec<String>,
    pub tags: Vec<String>,
    pub kinds: Vec<Kind>,
    pub since: Option<u64>,
    pub until: Option<u64>,
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Score,
    Date,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchRequest {
    pub text: Option<String>,
    pub filters: Filters,
    pub limit: usize,
    pub sort: SortBy,
    /// Count facets over every match (JSON output and `--facets`).
    pub facets: bool,
    pub matching: Matching,
}

/// A snippet of the notes; highlights are byte ranges into `text`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// One session found: the session as the index stores it, and what the search adds around it.
/// How it is printed (the JSON field order of `docs/json.md`) is `output`'s business.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub session: Session,
    pub score: f32,
    /// Byte ranges of the title's words that matched.
    pub title_highlights: Vec<[usize; 2]>,
    pub snippet: Option<Snippet>,
    /// A second fragment, when the notes match far from the first.
    pub second_snippet: Option<Snippet>,
}

/// Facet name → value → count, over every matching session.
pub type FacetCounts = BTreeMap<String, BTreeMap<String, u64>>;

pub const FACET_FIELDS: [(&str, &str); 7] = [
    ("year", "f_year"),
    ("speaker", "f_speaker"),
    ("theme", "f_theme"),
    ("conference", "f_conference"),
    ("tag", "f_tag"),
    ("kind", "f_kind"),
    ("domain", "f_domain"),
];

pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
    /// When nothing matched: the closest query the index can answer.
    pub suggestion: Option<String>,
}

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
    fields: Fields,
    synonyms: Synonyms,
    /// Speaker alias (folded) → canonical name.
    aliases: BTreeMap<String, String>,
}

impl Engine {
    pub fn open(dir: &Path) -> Result<Engine> {
        // Another program's tantivy index is not a confsearch index of another version.
        if !index::exists(dir) || !index::is_marked(dir) {
            return Err(SearchError::NoIndex(dir.display().to_string()).into());
        }
        if index::version(dir) != Some(index::SCHEMA_VERSION) {
            anyhow::bail!(
                "the index at {} was written by another version of confsearch: run `confsearch index` to rebuild it",
                dir.display()
            );
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
    fn searcher(&self) -> Result<&Searcher> {
        if let Some(searcher) = self.searcher.get() {
            return Ok(searcher);
        }
        let index = match self.index.get() {
            Some(index) => index,
            None => {
                let index = index::open(&self.dir).map_err(|e| index::damaged(&self.dir, &e))?;
                self.index.get_or_init(|| index)
            }
        };
        let searcher = open_searcher(&self.dir, index)?;
        Ok(self.searcher.get_or_init(|| searcher))
    }

    /// The words queries are expanded with: the lexicon while it names the segments searched
    /// (a commit landing between reading `meta.json` and opening the segments makes it
    /// another's), else the segments' own dictionaries.
    fn lexicon(&self) -> Result<Lexicon<'_>> {
        match (&self.lexicon, self.searcher.get()) {
            (Some(words), searcher) if searcher.is_none_or(|s| words.made_from(&segment_ids(s))) => {
                Ok(Lexicon::merged(words))
            }
            _ => Ok(Lexicon::new(self.searcher()?, self.text_fields())),
        }
    }

    /// Whether `query` finds nothing by the lexicon alone: it has words to find (`positive`),
    /// no filter, and every term it looks up is a word no segment holds in that kind of field.
    fn finds_nothing(&self, lexicon: &Lexicon, query: &dyn Query, positive: bool, filters: &Filters) -> bool {
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
        let (mut query, positive) = self.build_parts(req, &lexicon)?;
        if self.finds_nothing(&lexicon, &*query, positive, &req.filters) {
            // No segment holds any word the query looks up: nothing to open or search.
            let facets = if req.facets {
                SHOWN_FACETS.iter().map(|n| (n.to_string(), BTreeMap::new())).collect()
            } else {
                FacetCounts::new()
            };
            return Ok(Results {
                total: 0,
                hits: Vec::new(),
                facets,
                suggestion: self.suggest(req, &lexicon)?,
            });
        }
        let searcher = self.searcher()?;
        if lexicon.merged_words().is_some() {
            let current = self.lexicon()?;
            if current.merged_words().is_none() {
                // The segments opened are not those the lexicon was made from.
                lexicon = current;
                query = self.build_parts(req, &lexicon)?.0;
            }
        }
        // tantivy sizes its top-k heap by the limit: never more than there are sessions, so
        // `--limit 18446744073709551615` costs what `--limit 100` does.
        let limit = req.limit.min(searcher.num_docs() as usize).max(1);
        // One pass over the matches counts them and keeps the top k. Ties go by date then id
        // (STYLE): the collector orders equal scores by date, and the hits are ordered by id
        // within what is still equal, since which segment (and so which doc address) a
        // session lands in depends on the indexing threads.
        let (total, mut addresses): (usize, Vec<(f32, u64, DocAddress)>) =
            if req.text.is_some() && req.sort == SortBy::Score {
                let by_score_then_date = TopDocs::with_limit(limit).tweak_score(|segment: &tantivy::SegmentReader| {
                    let sort = segment
                        .fast_fields()
                        .u64("sort")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        (score, std::cmp::Reverse(sort.as_ref().map_or(0, |c| c.get_val(doc))))
                    }
                });
                let (total, top) = searcher.search(&*query, &Counting(by_score_then_date))?;
                (
                    total,
                    top.into_iter().map(|((score, sort), a)| (score, sort.0, a)).collect(),
                )
            } else {
                let (total, top) = searcher.search(
                    &*query,
                    &Counting(TopDocs::with_limit(limit).order_by_fast_field::<u64>("sort", Order::Asc)),
                )?;
                (
                    total,
                    top.into_iter().map(|(sort, a)| (0.0, sort.unwrap_or(0), a)).collect(),
                )
            };
        addresses.truncate(req.limit);
        // Snippets only for the hits shown.
        let generators = match &req.text {
            Some(_) if !addresses.is_empty() => {
                let mut body = SnippetGenerator::create(searcher, &*query, self.fields.body)?;
                body.set_max_num_chars(220);
                let mut title = SnippetGenerator::create(searcher, &*query, self.fields.title)?;
                title.set_max_num_chars(10_000);
                Some((body, title))
            }
            _ => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for &(score, _, addr) in &addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let session = self.session(&doc);
            let (snippet, second) = snippets::snippets(generators.as_ref().map(|g| &g.0), &session.body);
            let mut hit = Hit {
                session,
                score,
                title_highlights: Vec::new(),
                snippet: Some(snippet),
                second_snippet: second,
            };
            if let Some((_, title)) = &generators {
                hit.title_highlights = title
                    .snippet(&hit.session.title)
                    .highlighted()
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect();
            }
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
        // Counting facets is a pass over every match per facet: only when they are shown.
        let facets = if req.facets {
            self.facets(&*query, &SHOWN_FACETS)?
        } else {
            FacetCounts::new()
        };
        Ok(Results {
            total,
            hits,
            facets,
            suggestion,
        })
    }

    /// Facet counts over the sessions matching `req` (text and filters).
    pub fn facet_counts(&self, req: &SearchRequest, names: &[&str]) -> Result<FacetCounts> {
        let query = self.build(req)?;
        self.facets(&*query, names)
    }

    fn facets(&self, query: &dyn Query, names: &[&str]) -> Result<FacetCounts> {
        let mut out = FacetCounts::new();
        for (name, field) in FACET_FIELDS.iter().filter(|(n, _)| names.contains(n)) {
            let mut collector = FacetCollector::for_field(*field);
            collector.add_facet(Facet::root());
            let counts = self.searcher()?.search(query, &collector)?;
            let values: BTreeMap<String, u64> = counts.get("/").map(|(f, c)| (facet_value(f), c)).collect();
            out.insert((*name).to_string(), values);
        }
        Ok(out)
    }

    /// Every matching session (no limit), for `links`.
    pub fn all_matches(&self, req: &SearchRequest) -> Result<Vec<Session>> {
        let query = self.build(req)?;
        let searcher = self.searcher()?;
        let total = searcher.search(&*query, &Count)?;
        let addresses = searcher.search(
            &*query,
            &TopDocs::with_limit(total.max(1)).order_by_fast_field::<u64>("sort", Order::Asc),
        )?;
        let mut sessions = Vec::new();
        for (_, addr) in addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            sessions.push(self.session(&doc));
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
            .find(|d| first(d, self.fields.id).as_deref() == Some(id));
        Ok(doc.map(|d| self.session(&d)))
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
        Ok(docs.get(at).map(|(_, d)| self.session(d)))
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

    /// The session a stored document holds: every field `index::document` wrote, read back
    /// as the parser's type (the conference as the index spells it).
    fn session(&self, doc: &TantivyDocument) -> Session {
        let f = &self.fields;
        let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
        Session {
            id: first(doc, f.id).unwrap_or_default(),
            title: first(doc, f.title).unwrap_or_default(),
            speakers: all(doc, f.speakers),
            conference: first(doc, f.conference),
            year: number(f.year).and_then(|y| i16::try_from(y).ok()),
            date: first(doc, f.date_text).and_then(|d| d.parse().ok()),
            start: first(doc, f.start),
            end: first(doc, f.end),
            kind: first(doc, f.kind)
                .and_then(|k| Kind::parse(&k))
                .unwrap_or(Kind::Section),
            room: first(doc, f.room),
            attended: first(doc, f.attended).map(|a| a == "true"),
            tags: all(doc, f.tags),
            themes: all(doc, f.themes),
            links: first(doc, f.links)
                .and_then(|j| serde_json::from_str::<Vec<Link>>(&j).ok())
                .unwrap_or_default(),
            source: Source {
                path: first(doc, f.path).unwrap_or_default(),
                line: number(f.line).map_or(0, |l| l as usize),
            },
            body: first(doc, f.body).unwrap_or_default(),
        }
    }

    fn text_fields(&self) -> Vec<tantivy::schema::Field> {
        index::lexicon::text_fields(&self.fields)
    }

    /// The query: text clauses (each word worth a bonus, so more words matched ranks first)
    /// and filters (which do not change the score).
    fn build(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        Ok(self.build_parts(req, &self.lexicon()?)?.0)
    }

    /// [`Engine::build`], looking words up in `lexicon`; also whether the query has words to
    /// find (without, it is every session less the excluded ones).
    fn build_parts(&self, req: &SearchRequest, lexicon: &Lexicon) -> Result<(Box<dyn Query>, bool)> {
        let mut clauses: Vec<(tantivy::query::Occur, Box<dyn Query>)> = Vec::new();
        let mut has_positive = false;
        let m = req.matching;
        if let Some(text) = req.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let mut parsed = syntax::parse(text)?;
            // A pasted paragraph is read by its first words rather than refused.
            parsed.truncate(syntax::MAX_CLAUSES);
            let spanning = if m.synonyms {
                self.spanning_synonyms(&parsed)
            } else {
                vec![Vec::new(); parsed.len()]
            };
            let mut any_words = false;
            let last = parsed.len().saturating_sub(1);
            for (i, (clause, extra)) in parsed.iter().zip(&spanning).enumerate() {
                let mut tiers = Tiers::default();
                // Search as you type: the last word may be unfinished (never an excluded one).
                let prefix = m.prefix && i == last && clause.occur != Occur::MustNot;
                for atom in &clause.alternatives {
                    self.expand_atom(atom, m, prefix, lexicon, &mut tiers);
                }
                for expression in extra {
                    tiers.add(2, self.expression_query(None, expression, m));
                }
                if tiers.is_empty() {
                    continue;
                }
                any_words = true;
                match clause.occur {
                    Occur::MustNot => {
                        if let Some(q) = tiers.literal() {
                            clauses.push((tantivy::query::Occur::MustNot, q));
                        }
                    }
                    occur => {
                        has_positive = true;
                        let o = if occur == Occur::Must {
                            tantivy::query::Occur::Must
                        } else {
                            tantivy::query::Occur::Should
                        };
                        clauses.push((o, tiers.ranked(m)));
                    }
                }
            }
            if !any_words {
                return Err(SearchError::NoWords.into());
            }
        }
        let filters = self.filter_queries(&req.filters)?;
        let has_filters = !filters.is_empty();
        for f in filters {
            clauses.push((tantivy::query::Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        if !has_positive {
            clauses.push((
                tantivy::query::Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        } else if has_filters {
            // With a Must filter, Should words become optional: require at least one.
            let words: Vec<Box<dyn Query>> = clauses
                .iter()
                .filter(|(o, _)| *o == tantivy::query::Occur::Should)
                .map(|(_, q)| q.box_clone())
                .collect();
            if !words.is_empty() {
                clauses.retain(|(o, _)| *o != tantivy::query::Occur::Should);
                clauses.push((tantivy::query::Occur::Must, Box::new(BooleanQuery::union(words))));
            }
        }
        Ok((Box::new(BooleanQuery::new(clauses)), has_positive))
    }

    /// A word: as typed, its other forms, typos and synonyms, and with `prefix` the words it
    /// begins. A phrase (or a word the tokenizer splits, such as `ci/cd`): exactly, and its
    /// synonyms.
    fn expand_atom(&self, atom: &Atom, m: Matching, prefix: bool, lexicon: &Lexicon, tiers: &mut Tiers) {
        let words = expand::words(&atom.text);
        if words.is_empty() {
            return;
        }
        tiers.add(0, self.expression_query(atom.field, &words, m));
        if words.len() == 1 && !atom.phrase {
            let word = &words[0];
            let forms = if m.forms { lexicon.forms(word) } else { Vec::new() };
            for form in &forms {
                tiers.add(1, self.expression_query(atom.field, std::slice::from_ref(form), m));
            }
            let typos = if m.typos {
                lexicon.typos(word, &forms)
            } else {
                Vec::new()
            };
            for typo in &typos {
                tiers.add(3, self.expression_query(atom.field, std::slice::from_ref(typo), m));
            }
            if prefix {
                for completion in lexicon.completions(word, &[&forms[..], &typos[..]].concat()) {
                    tiers.add(PREFIX_TIER, self.expression_query(atom.field, &[completion], m));
                }
            }
        }
        if m.synonyms {
            for synonym in self.synonyms.get(&words) {
                tiers.add(2, self.expression_query(atom.field, synonym, m));
            }
        }
    }

    /// Synonyms of expressions written as several plain words (`site reliability
    /// engineering`): each of those words may also be met by the synonym (`sre`).
    fn spanning_synonyms(&self, clauses: &[Clause]) -> Vec<Vec<Vec<String>>> {
        let plain: Vec<Option<String>> = clauses
            .iter()
            .map(|c| match c.alternatives.as_slice() {
                [a] if c.occur != Occur::MustNot && a.field.is_none() && !a.phrase => {
                    let w = expand::words(&a.text);
                    (w.len() == 1).then(|| w.into_iter().next().expect("one"))
                }
                _ => None,
            })
            .collect();
        let mut out = vec![Vec::new(); clauses.len()];
        for start in 0..plain.len() {
            for len in 2..=self.synonyms.longest().min(plain.len() - start) {
                let Some(run) = plain[start..start + len]
                    .iter()
                    .cloned()
                    .collect::<Option<Vec<String>>>()
                else {
                    break;
                };
                for synonym in self.synonyms.get(&run) {
                    for slot in &mut out[start..start + len] {
                        if !slot.contains(synonym) {
                            slot.push(synonym.clone());
                        }
                    }
                }
            }
        }
        out
    }

    /// One word or a phrase of words, over the fields of `field` (all, title weighing most).
    fn expression_query(&self, field: Option<FieldName>, words: &[String], m: Matching) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let boosted: Vec<(tantivy::schema::Field, f32)> = match field {
            None => vec![
                (f.title, 4.0),
                (f.speakers, 3.0),
                (f.tags, 2.0),
                (f.conference, 1.5),
                (f.room, 1.5),
                (f.body, 1.0),
                // A video id or a domain finds the sessions citing it, below any word of the notes.
                (f.urls, 0.5),
            ],
            Some(FieldName::Title) => vec![(f.title, 1.0)],
            Some(FieldName::Speaker) => vec![(f.speakers, 1.0)],
            Some(FieldName::Tag) => vec![(f.tags, 1.0)],
            Some(FieldName::Conference) => vec![(f.conference, 1.0)],
            Some(FieldName::Room) => vec![(f.room, 1.0)],
            Some(FieldName::Body) => vec![(f.body, 1.0)],
        };
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in boosted {
            let terms: Vec<Term> = words.iter().map(|w| Term::from_field_text(field, w)).collect();
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.into_iter().next().expect("one term"),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            per_field.push(if boost == 1.0 || !m.boosts {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            });
        }
        match per_field.len() {
            0 => None,
            1 => per_field.pop(),
            _ => Some(Box::new(BooleanQuery::union(per_field))),
        }
    }

    /// When nothing matched: the query with each word the index does not know replaced by
    /// the closest word it does, if that query finds something.
    fn suggest(&self, req: &SearchRequest, lexicon: &Lexicon) -> Result<Option<String>> {
        let Some(text) = req.text.as_deref() else {
            return Ok(None);
        };
        let mut suggestion = String::new();
        let mut last = 0;
        for w in expand::spanned_words(text) {
            // `title:` names a field, it is not a word to correct.
            if text[w.to..].starts_with(':') || lexicon.doc_freq(&w.word) > 0 {
                continue;
            }
            if let Some(better) = lexicon.closest(&w.word) {
                suggestion.push_str(&text[last..w.from]);
                suggestion.push_str(&better);
                last = w.to;
            }
        }
        if last == 0 {
            return Ok(None);
        }
        suggestion.push_str(&text[last..]);
        let probe = SearchRequest {
            text: Some(suggestion.clone()),
            limit: 1,
            facets: false,
            ..req.clone()
        };
        let (query, positive) = self.build_parts(&probe, lexicon)?;
        if self.finds_nothing(lexicon, &*query, positive, &probe.filters) {
            return Ok(None);
        }
        Ok((self.searcher()?.search(&*query, &Count)? > 0).then_some(suggestion))
    }

    fn filter_queries(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let any = |qs: Vec<Box<dyn Query>>| -> Box<dyn Query> { Box::new(BooleanQuery::union(qs)) };
        if !filters.years.is_empty() {
            let qs = filters
                .years
                .iter()
                .map(|(lo, hi)| -> Box<dyn Query> {
                    let b = |v: Option<u16>, inclusive: bool| match v {
                        Some(y) if inclusive => Bound::Included(Term::from_field_u64(f.year, y as u64)),
                        Some(y) => Bound::Excluded(Term::from_field_u64(f.year, y as u64)),
                        None => Bound::Unbounded,
                    };
                    Box::new(RangeQuery::new(b(*lo, true), b(*hi, true)))
                })
                .collect();
            out.push(any(qs));
        }
        if !filters.speakers.is_empty() {
            let known = self.facet_values("f_speaker")?;
            let mut qs = Vec::new();
            for wanted in &filters.speakers {
                let wanted = SearchConfig::canonical(&self.aliases, wanted).unwrap_or(wanted);
                for name in resolve_speaker(wanted, &known)? {
                    qs.push(facet_term(f.f_speaker, &name));
                }
            }
            out.push(any(qs));
        }
        if !filters.conferences.is_empty() {
            let known = self.facet_values("f_conference")?;
            let mut qs = Vec::new();
            for wanted in &filters.conferences {
                let w = fold(wanted);
                qs.extend(
                    known
                        .iter()
                        .filter(|k| fold(k).contains(&w))
                        .map(|k| facet_term(f.f_conference, k)),
                );
            }
            out.push(any(qs));
        }
        let simple =
            |values: &[String], field: tantivy::schema::Field, norm: fn(&str) -> String| -> Option<Box<dyn Query>> {
                (!values.is_empty()).then(|| any(values.iter().map(|v| facet_term(field, &norm(v))).collect()))
            };
        out.extend(simple(&filters.themes, f.f_theme, theme_value));
        out.extend(simple(&filters.tags, f.f_tag, tag_value));
        out.extend(simple(&filters.domains, f.f_domain_match, domain_value));
        if !filters.kinds.is_empty() {
            out.push(any(filters
                .kinds
                .iter()
                .map(|k| facet_term(f.f_kind, k.as_str()))
                .collect()));
        }
        if filters.since.is_some() || filters.until.is_some() {
            let lo = filters
                .since
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.date, d)));
            let hi = filters
                .until
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.date, d)));
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        Ok(out)
    }

    /// The filter values that match no session at all (a typo, a name the notes spell
    /// otherwise), each with the closest values of the index: the query still runs, but
    /// an empty answer is never silent about why.
    pub fn unmatched_filters(&self, filters: &Filters) -> Result<Vec<UnmatchedFilter>> {
        let mut out = Vec::new();
        let mut check = |flag: &'static str,
                         facet: &'static str,
                         field: &str,
                         values: &[String],
                         matches: &dyn Fn(&str, &[String]) -> bool|
         -> Result<()> {
            if values.is_empty() {
                return Ok(());
            }
            let known = self.facet_terms(field)?;
            for v in values {
                if !matches(v, &known) {
                    out.push(UnmatchedFilter {
                        flag,
                        value: v.clone(),
                        closest: closest_values(v, &known),
                        facet,
                        known: known.len(),
                    });
                }
            }
            Ok(())
        };
        let aliases = &self.aliases;
        check("--speaker", "speakers", "f_speaker", &filters.speakers, &|v, known| {
            let v = SearchConfig::canonical(aliases, v).unwrap_or(v);
            // Several speakers is an error of its own, reported when the query is built.
            resolve_speaker(v, known).map_or(true, |found| !found.is_empty())
        })?;
        check("--theme", "themes", "f_theme", &filters.themes, &|v, known| {
            known.contains(&theme_value(v))
        })?;
        check(
            "--conference",
            "conferences",
            "f_conference",
            &filters.conferences,
            &|v, known| {
                let w = fold(v);
                known.iter().any(|k| fold(k).contains(&w))
            },
        )?;
        check("--tag", "tags", "f_tag", &filters.tags, &|v, known| {
            known.contains(&tag_value(v))
        })?;
        check(
            "--domain",
            "domains",
            "f_domain_match",
            &filters.domains,
            &|v, known| known.contains(&domain_value(v)),
        )?;
        if !filters.years.is_empty() {
            let known: Vec<u16> = self
                .facet_terms("f_year")?
                .iter()
                .filter_map(|y| y.parse().ok())
                .collect();
            for (lo, hi) in &filters.years {
                let within = |y: &u16| lo.is_none_or(|l| *y >= l) && hi.is_none_or(|h| *y <= h);
                if !known.iter().any(within) {
                    let wanted = lo.or(*hi).unwrap_or(0);
                    let mut near = known.clone();
                    near.sort_by_key(|y| (y.abs_diff(wanted), *y));
                    out.push(UnmatchedFilter {
                        flag: "--year",
                        value: match (lo, hi) {
                            (Some(l), Some(h)) if l == h => l.to_string(),
                            _ => format!(
                                "{}..{}",
                                lo.map(|y| y.to_string()).unwrap_or_default(),
                                hi.map(|y| y.to_string()).unwrap_or_default()
                            ),
                        },
                        closest: near.iter().take(3).map(u16::to_string).collect(),
                        facet: "years",
                        known: known.len(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// The values of a facet field, read from its term dictionaries: as many steps as there
    /// are values, where collecting them reads every session. A value whose sessions were all
    /// deleted stays listed until its segment is merged.
    fn facet_terms(&self, field: &str) -> Result<Vec<String>> {
        let searcher = self.searcher()?;
        let Ok(field) = searcher.schema().get_field(field) else {
            return Ok(Vec::new());
        };
        let mut values = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(field) else { continue };
            let Ok(mut stream) = inv.terms().stream() else { continue };
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                // The root is a term too: it has no value.
                let value = facet_value(&facet);
                if !value.is_empty() {
                    values.insert(value);
                }
            }
        }
        Ok(values.into_iter().collect())
    }

    /// Every value of a facet field in the index.
    fn facet_values(&self, field: &str) -> Result<Vec<String>> {
        let mut collector = FacetCollector::for_field(field);
        collector.add_facet(Facet::root());
        let counts = self.searcher()?.search(&AllQuery, &collector)?;
        Ok(counts.get("/").map(|(f, _)| facet_value(f)).collect())
    }
}

/// The facets a query shows (`--facets`, JSON).
const SHOWN_FACETS: [&str; 7] = ["year", "speaker", "theme", "conference", "kind", "tag", "domain"];

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

/// `--theme Security` as the facet holds it.
fn theme_value(v: &str) -> String {
    v.trim().to_lowercase()
}

/// `--tag '#Vault'` as the facet holds it.
fn tag_value(v: &str) -> String {
    v.trim().trim_start_matches('#').to_lowercase()
}

/// `--domain https://www.example.org/x` as the facet holds it: `example.org`.
fn domain_value(v: &str) -> String {
    let v = v.trim().to_lowercase();
    let host = v.split("://").last().unwrap_or(&v).split('/').next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

fn facet_term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(field, &index::facet(value)),
        IndexRecordOption::Basic,
    ))
}

/// The value of a one-level facet, unescaped.
fn facet_value(f: &Facet) -> String {
    f.to_path().first().map(|s| s.to_string()).unwrap_or_default()
}

fn first(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

fn all(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// Lower case, accents removed: `Bréhault` → `brehault`.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// `--speaker mouat`: the speakers whose name is the text, or holds it as whole words (case
/// and accents ignored); failing that, the names whose words are within the typo budget of the
/// words given (`--speaker adrain mouta`). A part that names several people is an error that
/// lists them.
pub fn resolve_speaker(wanted: &str, known: &[String]) -> Result<Vec<String>, SearchError> {
    let w = fold(wanted.trim());
    if w.is_empty() {
        return Err(SearchError::Filter("--speaker needs a name".into()));
    }
    if let Some(exact) = known.iter().find(|k| fold(k) == w) {
        return Ok(vec![exact.clone()]);
    }
    let wanted_words: Vec<&str> = w
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty())
        .collect();
    let name_words = |k: &String| -> Vec<String> {
        fold(k)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let matching = |close: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        known
            .iter()
            .filter(|k| {
                let words = name_words(k);
                wanted_words.iter().all(|ww| words.iter().any(|x| close(ww, x)))
            })
            .cloned()
            .collect()
    };
    let mut matches = matching(&|a, b| a == b);
    if matches.is_empty() {
        matches = matching(&|a, b| expand::distance(a, b) <= expand::typo_budget(a) as usize);
    }
    match matches.len() {
        0 => Ok(Vec::new()),
        1 => Ok(matches),
        _ => Err(SearchError::Filter(format!(
            "--speaker {wanted:?} matches several speakers: {}; give more of the name",
            matches.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn theme_securty_names_security() {
        let themes = names(&["security", "kubernetes", "observability", "secrets"]);
        assert_eq!(closest_values("securty", &themes), ["security"]);
        assert_eq!(closest_values("SEC", &themes), ["secrets", "security"]);
        assert!(closest_values("zzz", &themes).is_empty());
    }

    #[test]
    fn speaker_kren_names_karen() {
        let speakers = names(&["Karen Jones", "Kris Nova", "Adrian Mouat"]);
        assert_eq!(closest_values("kren", &speakers), ["Karen Jones"]);
        assert!(closest_values("ben", &names(&["Trey Hunner", "Kris Nova"])).is_empty());
        assert_eq!(closest_values("mouta", &speakers), ["Adrian Mouat"]);
    }

    #[test]
    fn unmatched_filter_says_what_to_do() {
        let u = UnmatchedFilter {
            flag: "--theme",
            value: "securty".into(),
            closest: names(&["security"]),
            facet: "themes",
            known: 4,
        };
        assert_eq!(
            u.to_string(),
            r#"--theme "securty" matches no session; closest: security"#
        );
        let none = UnmatchedFilter {
            closest: Vec::new(),
            ..u.clone()
        };
        assert!(none.to_string().contains("`confsearch facets theme`"));
        let empty = UnmatchedFilter { known: 0, ..none };
        assert!(empty.to_string().ends_with("(no session has themes)"));
    }

    #[test]
    fn speaker_part_case_and_accent_insensitive() {
        let known = vec![
            "Adrian Mouat".to_string(),
            "Eric Bréhault".to_string(),
            "Andy Burgin".into(),
            "Andy Hill".into(),
        ];
        assert_eq!(resolve_speaker("mouat", &known).unwrap(), ["Adrian Mouat"]);
        assert_eq!(resolve_speaker("BREHAULT", &known).unwrap(), ["Eric Bréhault"]);
        assert!(resolve_speaker("andy", &known).is_err());
        assert_eq!(resolve_speaker("andy burgin", &known).unwrap(), ["Andy Burgin"]);
        assert!(resolve_speaker("nobody", &known).unwrap().is_empty());
    }

    #[test]
    fn speaker_typo_within_budget() {
        let known = vec![
            "Adrian Mouat".to_string(),
            "Andy Burgin".to_string(),
            "Andy Hill".into(),
        ];
        assert_eq!(resolve_speaker("adrain", &known).unwrap(), ["Adrian Mouat"]);
        assert_eq!(resolve_speaker("Burgen", &known).unwrap(), ["Andy Burgin"]);
        // Four letters allow no typo.
        assert!(resolve_speaker("hull", &known).unwrap().is_empty());
    }
}
