//! `confsearch links`: links grouped by normalised URL, the `--domain` filter, no match.

use crate::fixtures::{harbourconf, testconf};

#[test]
fn links_grouped_by_normalised_url_with_domain_filter() {
    let env = testconf();
    let json = env.run(&["links", "--domain", "youtube.com", "--json"]).json();
    let links = json["links"].as_array().unwrap();
    assert_eq!(links[0]["url"], "https://www.youtube.com/watch?v=abc");
    assert_eq!(links[0]["count"], 2);
    assert_eq!(links[0]["sessions"].as_array().unwrap().len(), 2);
    assert!(links.iter().all(|l| l["domain"] == "youtube.com"));
    let vault = env.run(&["links", "vault", "--json"]).json();
    assert_eq!(vault["links"][0]["url"], "https://www.vaultproject.io/docs");
}

/// `links --domain https://www.YouTube.com/watch?v=abc` found the sessions (the filter read the
/// URL's domain) but listed none of their links (the links were matched against the whole URL).
#[test]
fn links_domain_given_as_a_url_lists_that_domains_links() {
    let env = testconf();
    let by_name = env.run(&["links", "--domain", "youtube.com", "--json"]).json();
    let by_url = env
        .run(&["links", "--domain", "https://www.YouTube.com/watch?v=abc", "--json"])
        .json();
    assert!(!by_name["links"].as_array().unwrap().is_empty());
    assert_eq!(by_url, by_name);
}

#[test]
fn links_zzzz_says_no_links_match() {
    let env = harbourconf();
    let out = env.run(&["links", "zzzz"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "No links match.\n");
    let out = env.run(&["links", "vault", "-rotation"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let out = env.run(&["links", "secrets", "-kubernetes"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("https://demo.example.org/vault/rotation"),
        "{}",
        out.stdout
    );
}
