//! In-process query latency: p50/p99 of `Engine::search` (top 10 with snippets) for each query
//! type, with the index opened once, so regressions show without process start-up noise.
//!
//! cargo run --release --example latency -- --index DIR [--runs 200]
//!
//! Prints a markdown table: query type, query, hits, p50, p99, max (milliseconds), and the
//! time to open the index.

use confsearch::search::{Engine, FacetField, Filters, Matching, SearchRequest, SortBy};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut index = PathBuf::from("index");
    let mut runs = 200usize;
    // `--facets`: count the facets over every match too, as `query --json` (and the web API) do.
    let mut facets = false;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--index" => index = PathBuf::from(value),
            "--runs" => runs = value.parse()?,
            "--facets" => {
                facets = true;
                i += 1;
                continue;
            }
            other => anyhow::bail!("unknown argument {other}: use --index DIR [--runs N] [--facets]"),
        }
        i += 2;
    }

    let started = Instant::now();
    let engine = Engine::open(&index)?;
    let open_ms = started.elapsed().as_secs_f64() * 1000.0;

    let year = Filters {
        years: vec![(Some(2019), Some(2019))],
        kinds: vec![confsearch::notes::Kind::Talk],
        ..Filters::default()
    };
    let cases: [(&str, &str, Filters); 5] = [
        ("two words", "kubernetes secrets", Filters::default()),
        ("phrase", "\"service mesh\"", Filters::default()),
        ("filtered", "chaos", year),
        ("typo", "kubernets obsrvability", Filters::default()),
        ("no hit", "zzzzqqq", Filters::default()),
    ];
    println!("| query | text | hits | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    for (name, text, filters) in cases {
        let req = SearchRequest {
            text: Some(text.to_string()),
            filters,
            limit: 10,
            sort: SortBy::Score,
            facets: if facets { FacetField::ALL.to_vec() } else { Vec::new() },
            matching: Matching::default(),
        };
        // Warm the page cache and the lazily built automata.
        let total = engine.search(&req)?.total;
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = engine.search(&req).map(|r| r.hits.len());
                std::hint::black_box(r.ok());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "| {name} | `{}` | {total} | {:.2} | {:.2} | {:.2} |",
            text.replace('"', "\\\""),
            pct(0.5),
            pct(0.99),
            times[times.len() - 1]
        );
    }
    println!("\nindex opened in {open_ms:.1} ms; {runs} runs per query");
    Ok(())
}
