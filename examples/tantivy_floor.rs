//! The least a query process built on tantivy takes: open the index, search words in the one
//! field of the notes (`body`) as tantivy's own term queries, keep the top 10 by BM25 and read
//! their stored documents, print their count. No query language, other fields, tiers, typos,
//! twins, counts, facets or snippets: the floor under `confsearch query`, as a whole process,
//! for `scripts/bench.sh` to show beside it (issue 13).
//!
//! cargo run --release --example tantivy_floor -- INDEX WORD [WORD…]

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, TantivyDocument, Term};

fn main() -> tantivy::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((index, words)) = args.split_first().filter(|(_, words)| !words.is_empty()) else {
        eprintln!("usage: tantivy_floor INDEX WORD [WORD…]");
        std::process::exit(2);
    };
    let index = Index::open_in_dir(index)?;
    let body = index.schema().get_field("body")?;
    let searcher = index.reader()?.searcher();
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|w| {
            let term = Term::from_field_text(body, &w.to_lowercase());
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            (Occur::Should, query)
        })
        .collect();
    let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(10).order_by_score())?;
    let mut fetched = 0;
    for (_, address) in top {
        let _: TantivyDocument = searcher.doc(address)?;
        fetched += 1;
    }
    println!("{fetched}");
    Ok(())
}
