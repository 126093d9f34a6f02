//! Query text + request → the logical plan: for each clause of the query (a word, a phrase,
//! alternatives joined by `OR`, a `+required` or `-excluded` one), the expressions that meet
//! it, by how well they match it. No tantivy query here: `query.rs` lowers the plan.

use super::SearchError;
use super::engine::Engine;
use super::expand::{self, Lexicon};
use super::facets::FacetField;
use super::filters::Filters;
use super::syntax::{self, Atom, Clause, FieldName, Occur};
use super::{joined, year};
use anyhow::Result;

/// Tiers: as typed, forms, synonyms, typos, completions.
pub(super) const TIERS: usize = 5;
/// The tier of the words the last query word begins.
const PREFIX_TIER: usize = 4;

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
    /// A rare query word weighs more than a common one (`tiered::rarity_weights`).
    pub rarity: bool,
    /// A year in the query text finds that year's sessions as if they said it (`year.rs`).
    pub year: bool,
    /// Words joined and split as people type them (`joined.rs`).
    pub joined: bool,
    /// The same talk noted in two files shows once, with both sources (`dedup.rs`).
    pub dedup: bool,
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
            rarity: true,
            year: true,
            joined: true,
            dedup: true,
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
            joined: false,
            ..Matching::default()
        }
    }

    /// Plain BM25 over every text field, then the named features:
    /// `boosts,bonus,forms,typos,synonyms,prefix,rarity,year,joined,dedup`.
    pub fn from_features(list: &str) -> Result<Matching, String> {
        let mut m = Matching {
            boosts: false,
            word_bonus: false,
            forms: false,
            typos: false,
            synonyms: false,
            prefix: false,
            rarity: false,
            year: false,
            joined: false,
            dedup: false,
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
                "rarity" => m.rarity = true,
                "year" => m.year = true,
                "joined" => m.joined = true,
                "dedup" => m.dedup = true,
                "all" => m = Matching::default(),
                other => {
                    return Err(format!(
                        "unknown ranking feature {other:?}: use bm25, boosts, bonus, forms, typos, synonyms, prefix, rarity, year, joined, dedup or all"
                    ));
                }
            }
        }
        Ok(m)
    }
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
    /// The facets to count over every match: those shown (every one in JSON, year, speaker
    /// and theme under `--facets`), none otherwise.
    pub facets: Vec<FacetField>,
    pub matching: Matching,
}

/// One word, or a phrase of words, in one field or (`field: None`) in every text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Expression {
    pub(super) field: Option<FieldName>,
    pub(super) words: Vec<String>,
}

/// The expressions of one query clause, by how well they match it.
#[derive(Debug, Default)]
pub(super) struct Tiers {
    pub(super) tiers: [Vec<Expression>; TIERS],
    /// How many sessions hold the word (its most frequent spelling: as typed, a form, a
    /// synonym or a typo), for its weight among the query's words.
    pub(super) doc_freq: Option<u64>,
    /// A year the clause names (`kubernetes 2019`): that year's sessions meet it as typed, and
    /// it weighs least among the query's words.
    pub(super) year: Option<u16>,
}

impl Tiers {
    fn is_empty(&self) -> bool {
        self.tiers.iter().all(Vec::is_empty) && self.year.is_none()
    }

    /// Notes that one spelling of the word is held by `df` sessions.
    fn seen(&mut self, df: u64) {
        self.doc_freq = Some(self.doc_freq.unwrap_or(0).max(df));
    }

    /// An expression of no word matches nothing: it is left out.
    fn add(&mut self, tier: usize, field: Option<FieldName>, words: &[String]) {
        if !words.is_empty() {
            self.tiers[tier].push(Expression {
                field,
                words: words.to_vec(),
            });
        }
    }

    /// Matches as typed or in another form: what `-word` excludes.
    pub(super) fn literal(&self) -> impl Iterator<Item = &Expression> {
        self.tiers[..2].iter().flatten()
    }
}

/// One clause of the query with what may meet it.
#[derive(Debug)]
pub(super) struct PlannedClause {
    pub(super) occur: Occur,
    pub(super) tiers: Tiers,
}

/// The text of a query as clauses to match: every clause has at least one expression.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub(super) clauses: Vec<PlannedClause>,
}

impl Plan {
    /// Whether the query has words to find (without, it is every session less the excluded
    /// ones).
    pub(super) fn has_positive(&self) -> bool {
        self.clauses.iter().any(|c| c.occur != Occur::MustNot)
    }
}

impl Engine {
    /// The plan of the query text, its words looked up in `lexicon`; none without text.
    pub(super) fn plan(&self, text: Option<&str>, m: Matching, lexicon: &Lexicon) -> Result<Plan> {
        let mut plan = Plan::default();
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Ok(plan);
        };
        let mut parsed = syntax::parse(text)?;
        // A pasted paragraph is read by its first words rather than refused.
        parsed.truncate(syntax::MAX_CLAUSES);
        let spanning = if m.synonyms {
            self.spanning_synonyms(&parsed)
        } else {
            vec![Vec::new(); parsed.len()]
        };
        let joins = if m.joined {
            joined::adjacent(&parsed, lexicon, m.forms)
        } else {
            vec![Vec::new(); parsed.len()]
        };
        let last = parsed.len().saturating_sub(1);
        for (i, ((clause, extra), joins)) in parsed.iter().zip(&spanning).zip(&joins).enumerate() {
            let mut tiers = Tiers::default();
            // Search as you type: the last word may be unfinished (never an excluded one).
            let prefix = m.prefix && i == last && clause.occur != Occur::MustNot;
            for atom in &clause.alternatives {
                self.expand_atom(atom, m, prefix, lexicon, &mut tiers);
            }
            for expression in extra {
                tiers.add(2, None, expression);
            }
            // `graph ql`: also `graphql`, as another form of both words.
            for word in joins {
                tiers.add(1, None, std::slice::from_ref(word));
            }
            // `kubernetes 2019`: the sessions of 2019 meet the word `2019` as typed.
            if m.year && clause.occur != Occur::MustNot {
                tiers.year = year::named(clause);
            }
            if !tiers.is_empty() {
                plan.clauses.push(PlannedClause {
                    occur: clause.occur,
                    tiers,
                });
            }
        }
        if plan.clauses.is_empty() {
            return Err(SearchError::NoWords.into());
        }
        Ok(plan)
    }

    /// A word: as typed, its other forms, typos and synonyms, and with `prefix` the words it
    /// begins. A phrase (or a word the tokenizer splits, such as `ci/cd`): exactly, and its
    /// synonyms.
    fn expand_atom(&self, atom: &Atom, m: Matching, prefix: bool, lexicon: &Lexicon, tiers: &mut Tiers) {
        let words = expand::words(&atom.text);
        if words.is_empty() {
            return;
        }
        tiers.add(0, atom.field, &words);
        let df = |words: &[String]| -> u64 {
            if m.rarity {
                words.iter().map(|w| lexicon.doc_freq(w)).min().unwrap_or(0)
            } else {
                0
            }
        };
        tiers.seen(df(&words));
        if words.len() == 1 && !atom.phrase {
            let word = &words[0];
            let forms = if m.forms { lexicon.forms(word) } else { Vec::new() };
            for form in &forms {
                tiers.seen(df(std::slice::from_ref(form)));
                tiers.add(1, atom.field, std::slice::from_ref(form));
            }
            let typos = if m.typos {
                lexicon.typos(word, &forms)
            } else {
                Vec::new()
            };
            for typo in &typos {
                tiers.seen(df(std::slice::from_ref(typo)));
                tiers.add(3, atom.field, std::slice::from_ref(typo));
            }
            if prefix {
                for completion in lexicon.completions(word, &[&forms[..], &typos[..]].concat()) {
                    tiers.add(PREFIX_TIER, atom.field, &[completion]);
                }
            }
            // `servicemesh`: also "service mesh", as another form.
            if let Some(halves) = m.joined.then(|| joined::split(word, lexicon)).flatten() {
                tiers.add(1, atom.field, &halves);
            }
        } else if m.joined && !atom.phrase {
            // `co-pilot`: also `copilot`, as another form.
            for word in joined::hyphenated(&words, lexicon, m.forms) {
                tiers.add(1, atom.field, std::slice::from_ref(&word));
            }
        }
        if m.synonyms {
            for synonym in self.synonyms.get(&words) {
                tiers.seen(df(synonym));
                tiers.add(2, atom.field, synonym);
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
}
