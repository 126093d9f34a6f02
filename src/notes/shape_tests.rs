//! The failing shapes of issue 12, each on fixtures written for it, with its negatives.
//!
//! Length: a test file (one test per shape on string literals); it grows with the shapes.

use super::*;

fn sessions(path: &str, text: &str) -> Vec<Session> {
    parse(path, text).sessions
}

/// (title, speakers, kind) of each session.
fn summary(list: &[Session]) -> Vec<(&str, Vec<&str>, Kind)> {
    list.iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.speakers.iter().map(String::as_str).collect(),
                s.kind,
            )
        })
        .collect()
}

// Shape 1: title-only headings, the speaker on the line(s) below.

#[test]
fn title_only_h3_headings_speaker_line_below() {
    let s = sessions(
        "2024/harbourconf.md",
        "# Harbourconf Oslo 2024\n\n### Scaling Postgres at the edge\nMara Lindqvist - Staff Engineer @ Fjordbase\n\nReplication lag and read replicas.\n\n### Why our on-call rota failed\n_Tomasz Brzeski_\n\nPager fatigue is real.\n\n### Takeaways\nWrite runbooks.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Scaling Postgres at the edge", vec!["Mara Lindqvist"], Kind::Talk),
            ("Why our on-call rota failed", vec!["Tomasz Brzeski"], Kind::Talk),
            ("Takeaways", vec![], Kind::Section),
        ]
    );
    assert_eq!(s[0].conference.as_deref(), Some("Harbourconf Oslo"));
    assert!(s[1].body.contains("Pager fatigue"));
}

#[test]
fn heading_naming_its_speaker_does_not_swallow_title_only_siblings() {
    let s = sessions(
        "notes.md",
        "## Queues under load - Ana Costa\n\nBackpressure.\n\n## Gradual typing in practice\nPresenter: Omar Siddiqui\n\nTypes help.\n\n## Feature flags at scale\nHope Hartley, Principal Engineer at Globex\n\nFlags rot.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues under load", vec!["Ana Costa"], Kind::Talk),
            ("Gradual typing in practice", vec!["Omar Siddiqui"], Kind::Talk),
            ("Feature flags at scale", vec!["Hope Hartley"], Kind::Talk),
        ]
    );
}

#[test]
fn two_speaker_lines_under_one_title_are_both_speakers() {
    let s = sessions(
        "notes.md",
        "## Pairing across time zones\nAna Costa - Acme\nBen Ode - Globex\n\nAsync reviews.\n\n## Release trains\nIda Berg\n\nShip weekly.\n",
    );
    assert_eq!(s[0].speakers, ["Ana Costa", "Ben Ode"]);
    assert_eq!(s[1].speakers, ["Ida Berg"]);
}

#[test]
fn sibling_without_speaker_line_is_still_a_talk_and_notes_heading_is_not() {
    let s = sessions(
        "notes.md",
        "## Scaling Postgres\nMara Lindqvist\n\nLag.\n\n## Rota design\nTomasz Brzeski\n\nFatigue.\n\n## Edge caching tricks\n\nNo speaker written.\n\n## Random links\n\n- https://example.org/tool\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Scaling Postgres", vec!["Mara Lindqvist"], Kind::Talk),
            ("Rota design", vec!["Tomasz Brzeski"], Kind::Talk),
            ("Edge caching tricks", vec![], Kind::Talk),
            ("Random links", vec![], Kind::Section),
        ]
    );
}

#[test]
fn cited_people_under_headings_are_not_speakers() {
    // `Author: X` and `X - https://…` cite someone: the headings stay parts of one talk.
    let s = sessions(
        "talk.md",
        "# Designing for failure\n\n## Substitution\nAuthor: Barbara Liskov\n\n## Gossip protocols\n- Dominic Tarr - https://example.org/gossip\n",
    );
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "Designing for failure");
    assert!(s[0].speakers.is_empty());
}

// Shape 2: the document's title is not a talk.

#[test]
fn day_title_h1_is_the_file_not_a_talk() {
    let s = sessions(
        "day2.md",
        "# My notes from Day 2\n\n## Testing in production safely\nInes Duarte\n\n- feature flags everywhere\n\n## Observability on a budget\nKwame Mensah, Lead SRE at Tidewater\n\n- sample traces\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Testing in production safely", vec!["Ines Duarte"], Kind::Talk),
            ("Observability on a budget", vec!["Kwame Mensah"], Kind::Talk),
        ]
    );
}

#[test]
fn front_matter_conference_title_is_not_a_talk() {
    let s = sessions(
        "post.md",
        "---\ntitle: \"RustFest Lisbon 2024\"\n---\n\n## Async drop, finally\nIda Berg\n\nNotes.\n\n## Embedded without tears\nLuca Ferri\n\nMore notes.\n",
    );
    assert_eq!(
        s.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
        ["Async drop, finally", "Embedded without tears"]
    );
    assert_eq!(s[0].conference.as_deref(), Some("RustFest Lisbon"));
    assert_eq!(s[0].year, Some(2024));
}

#[test]
fn one_talk_file_with_parts_stays_one_talk() {
    // One title, one speaker, parts below: not sibling talks.
    let s = sessions(
        "talk.md",
        "# Scaling Postgres at the edge\nMara Lindqvist\n\n## Replication\n\nLag.\n\n## Failover\n\nPromotion.\n",
    );
    assert_eq!(
        summary(&s),
        [("Scaling Postgres at the edge", vec!["Mara Lindqvist"], Kind::Talk)]
    );
}

// Shape 12: Emacs org-mode.

const ORG_SUMMIT: &str = "#+TITLE: Northwind Summit 2019
#+DATE: <2019-05-20 Mon>

* Day 1
** Building resilient queues
:PROPERTIES:
:SPEAKER: Lena Hartmann
:END:
<2019-05-20 Mon 10:00-10:30>
Slides: [[https://slides.example.org/queues][the deck]]
- backpressure matters
#+BEGIN_SRC python
def retry(): pass
#+END_SRC
** Type systems for the rest of us
Presenter: Omar Siddiqui
Notes on gradual typing, see [[https://types.example.net]].
";

#[test]
fn org_headlines_properties_presenter_and_timestamps() {
    let s = sessions("2019/northwind.org", ORG_SUMMIT);
    assert_eq!(
        summary(&s),
        [
            ("Building resilient queues", vec!["Lena Hartmann"], Kind::Talk),
            ("Type systems for the rest of us", vec!["Omar Siddiqui"], Kind::Talk),
        ]
    );
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2019-05-20"));
    assert_eq!(
        (s[0].start.as_deref(), s[0].end.as_deref()),
        (Some("10:00"), Some("10:30"))
    );
    assert_eq!(s[0].source.line, 5);
    assert_eq!(
        s[0].links.iter().map(|l| l.url.as_str()).collect::<Vec<_>>(),
        ["https://slides.example.org/queues"]
    );
    assert!(s[0].body.contains("def retry(): pass"));
    assert_eq!(
        s[1].links.iter().map(|l| l.url.as_str()).collect::<Vec<_>>(),
        ["https://types.example.net/"]
    );
    assert_eq!(s[1].conference.as_deref(), Some("Northwind Summit"));
    assert_eq!(s[1].year, Some(2019));
}

#[test]
fn org_level_one_talks_with_bare_list_item_speakers() {
    let s = sessions(
        "riverbend.org",
        "#+TITLE: Notes from Riverbend DevDays 2022\n\n* Observability without the bill\n  Presenter: Priya Natarajan\n  - sample at the edge\n* Migrating a monolith one seam at a time\n  - Jonas Weber\n  - strangler fig pattern\n* Random links\n  - [[https://links.example.com/x][a tool]]\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Observability without the bill", vec!["Priya Natarajan"], Kind::Talk),
            (
                "Migrating a monolith one seam at a time",
                vec!["Jonas Weber"],
                Kind::Talk
            ),
            ("Random links", vec![], Kind::Section),
        ]
    );
    assert_eq!(s[0].year, Some(2022));
}

#[test]
fn org_single_talk_file_takes_its_title_keyword() {
    let s = sessions(
        "talk.org",
        "#+TITLE: Rust in the kernel\n#+FILETAGS: :rust:linux:\n\n* Why now\nMemory safety.\n* Status\nDrivers first.\n",
    );
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "Rust in the kernel");
    assert_eq!(s[0].tags, ["rust", "linux"]);
}

#[test]
fn org_conference_headline_above_the_talks_gives_their_year() {
    let s = sessions(
        "backlog.org",
        "#+TITLE: Conference backlog\n\n* DONE Harbour Summit 2021, Bergen :infra:\n  CLOSED: [2021-06-02 Wed 18:00]\n** DONE Queues under load\n   - Speaker :: Lena Hartmann\n   Backpressure.\n** Gradual typing\n   - Speaker :: Omar Siddiqui, Ida Berg\n** TODO Watch the recording of the closing panel\n* TODO Next year\n** Sessions to catch\n   - anything about caching\n",
    );
    assert_eq!(
        summary(&s)
            .into_iter()
            .filter(|t| t.2 != Kind::Section)
            .collect::<Vec<_>>(),
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing", vec!["Omar Siddiqui", "Ida Berg"], Kind::Talk),
        ]
    );
    assert_eq!(
        s.iter().find(|x| x.title == "Queues under load").and_then(|x| x.year),
        Some(2021)
    );
}

// Shape 3: bold-line titles.

#[test]
fn bold_line_titles_wrapped_title_and_a_missing_separator() {
    let s = sessions(
        "2021/harbour.md",
        "Notes from Harbour Summit 2021, Bergen. Rainy all week.\n\n**Queues under load and the art of\nsaying no**\nLena Hartmann\n\nBackpressure first.\n\n---\n\n**Gradual typing in a big codebase**\nOmar Siddiqui & Ida Berg\n\nStart at the edges.\n\n**Release trains**\nTomasz Brzeski\n\nShip weekly.\n\n---\n\n**Hallway track**\n\nTalked about pagers.\n",
    );
    assert_eq!(
        summary(&s)
            .into_iter()
            .filter(|t| t.2 != Kind::Section)
            .collect::<Vec<_>>(),
        [
            (
                "Queues under load and the art of saying no",
                vec!["Lena Hartmann"],
                Kind::Talk
            ),
            (
                "Gradual typing in a big codebase",
                vec!["Omar Siddiqui", "Ida Berg"],
                Kind::Talk
            ),
            ("Release trains", vec!["Tomasz Brzeski"], Kind::Talk),
        ]
    );
    assert!(s.iter().any(|x| x.title == "Hallway track" && x.kind == Kind::Section));
    assert_eq!(s[1].year, Some(2021));
}

#[test]
fn bold_phrases_in_one_talk_are_not_talks() {
    // Bold lines without a name under them are emphasis inside one talk.
    let s = sessions(
        "talk.md",
        "# Designing for failure\nLena Hartmann\n\n**Retry budgets**\n\nPer customer.\n\n**Idempotency keys**\n\nEverywhere.\n",
    );
    assert_eq!(
        summary(&s),
        [("Designing for failure", vec!["Lena Hartmann"], Kind::Talk)]
    );
}

// Shape 7: organisation tails.

#[test]
fn organisation_tails_after_by_in_headings() {
    let s = sessions(
        "summit.md",
        "Harbour Summit 2021, Bergen. Notes from the rooms I got into.\n\n## Data track\n\n### Queues under load by Lena Hartmann of Fjord Rail\n\nBackpressure.\n\n### Gradual typing, by Omar Siddiqui from types.example.net\n\nEdges first.\n",
    );
    assert_eq!(
        summary(&s)
            .into_iter()
            .filter(|t| t.2 != Kind::Section)
            .collect::<Vec<_>>(),
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing", vec!["Omar Siddiqui"], Kind::Talk),
        ]
    );
    // The year is on the first line, beside the conference.
    assert!(s.iter().all(|x| x.year == Some(2021)));
}

#[test]
fn list_items_naming_talks_with_organisation_tails() {
    let s = sessions(
        "summit.md",
        "# Harbour Summit 2021\n\n- Queues under load by Lena Hartmann from fjordrail.example\n  - backpressure first\n- Gradual typing by Omar Siddiqui of Typeworks\n  - edges first\n- Release trains by Ida Berg (Globex)\n\n## Notes for the team\n\nTry release trains.\n",
    );
    assert_eq!(
        summary(&s)
            .into_iter()
            .filter(|t| t.2 != Kind::Section)
            .collect::<Vec<_>>(),
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing", vec!["Omar Siddiqui"], Kind::Talk),
            ("Release trains", vec!["Ida Berg"], Kind::Talk),
        ]
    );
    assert!(s[0].body.contains("backpressure first"));
    assert!(
        s.iter()
            .any(|x| x.title == "Notes for the team" && x.kind == Kind::Section)
    );
}

#[test]
fn a_reading_list_among_notes_is_not_talks() {
    // One `X by Y` item among plain notes: a book, not a talk.
    let s = sessions(
        "talk.md",
        "# Designing for failure\nLena Hartmann\n\n- retries need budgets\n- read Release It by Michael Nygard\n- idempotency keys\n",
    );
    assert_eq!(
        summary(&s),
        [("Designing for failure", vec!["Lena Hartmann"], Kind::Talk)]
    );
}

// Shape 11: surnames that are English words, nicknames in quotes.

#[test]
fn word_surnames_and_a_quoted_nickname_in_headings() {
    let s = sessions(
        "leaddev.md",
        "# Harbour Leads 2022\n\n## Skip-levels that work - Selina Small\n\nMonthly.\n\n## Hiring without puzzles - Jo Price and Hope Hart\n\nWork samples.\n\n## Ownership is a people problem - Robert \"Bobby\" Tables\n\nInput validation.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Skip-levels that work", vec!["Selina Small"], Kind::Talk),
            ("Hiring without puzzles", vec!["Jo Price", "Hope Hart"], Kind::Talk),
            (
                "Ownership is a people problem",
                vec!["Robert \"Bobby\" Tables"],
                Kind::Talk
            ),
        ]
    );
}

// Shape 9: more slot forms.

#[test]
fn slots_in_brackets_keynote_name_colon_title_and_french_hours() {
    let s = sessions(
        "harbour.txt",
        "Harbour Summit 2022, Wednesday\n\n[09:00] Lena Hartmann - Queues under load\nBackpressure first.\n\n[10:20] Keynote - Omar Siddiqui: Gradual typing at scale\nEdges first.\n\n[12:00] Lunch\n\n9h - 9h30 Keynote - Ida Berg : Trains, not sprints\n\n14.05–14.35 Tomasz Brzeski - Pager rotations\n\n12h30 - 14h Déjeuner\n",
    );
    let talks: Vec<(&str, Vec<&str>, Option<&str>)> = s
        .iter()
        .filter(|x| x.kind != Kind::Section)
        .map(|x| {
            (
                x.title.as_str(),
                x.speakers.iter().map(String::as_str).collect(),
                x.start.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Some("09:00")),
            ("Gradual typing at scale", vec!["Omar Siddiqui"], Some("10:20")),
            ("Trains, not sprints", vec!["Ida Berg"], Some("09:00")),
            ("Pager rotations", vec!["Tomasz Brzeski"], Some("14:05")),
        ]
    );
    assert_eq!(
        s.iter().find(|x| x.title == "Gradual typing at scale").map(|x| x.kind),
        Some(Kind::Keynote)
    );
}

// Shape 5: a quoted title among prose.

#[test]
fn quoted_titles_in_prose_paragraphs_are_talks() {
    let s = sessions(
        "recap.md",
        "---\ntitle: Recap of Harbour Summit\ndate: 2022-10-21\n---\n\nI went mostly for one talk and stayed for the rest.\n\nThe day opened with \"Queues under load\" - Lena Hartmann. She measured\nbackpressure in three services.\n\nAfter coffee: \"Gradual typing at scale\" - Omar Siddiqui. Edges first.\n\nThen \"Trains, not sprints\" - Ida Berg\nand Tomasz Brzeski, about release cadence.\n\nAs someone said, \"make it work, then fast\" — quoted in three talks.\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing at scale", vec!["Omar Siddiqui"], Kind::Talk),
            ("Trains, not sprints", vec!["Ida Berg", "Tomasz Brzeski"], Kind::Talk),
        ]
    );
    assert!(s.iter().all(|x| x.year == Some(2022)));
    let queues = s.iter().find(|x| x.title == "Queues under load");
    assert!(queues.is_some_and(|x| x.body.contains("backpressure in three services")));
}

#[test]
fn one_quoted_title_in_a_talk_note_is_prose() {
    let s = sessions(
        "talk.md",
        "# Designing for failure\nLena Hartmann\n\nShe cited \"Release It\" - Michael Nygard as the source.\n",
    );
    assert_eq!(
        summary(&s),
        [("Designing for failure", vec!["Lena Hartmann"], Kind::Talk)]
    );
}

// Shape 8: the speaker only in the first sentence.

#[test]
fn speaker_named_in_the_first_sentence_with_links() {
    let s = sessions(
        "summit.md",
        "# Harbour Summit 2019, Bergen\n\n## Queues under load\n\n[Lena Hartmann](https://lena.example.org) presented how her team sheds load: budgets per\ncustomer, not per request.\n\n## Mob programming for a year\n\n[Omar Siddiqui](https://omar.example.org) and [Ida Berg](https://ida.example.org) walked\nthrough a year of mobbing.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            (
                "Mob programming for a year",
                vec!["Omar Siddiqui", "Ida Berg"],
                Kind::Talk
            ),
        ]
    );
    assert_eq!(s[0].links.len(), 1);
}

// Shape 4: no markup at all, `Name @handle` under a title and a bio.

#[test]
fn plain_cards_title_bio_and_name_with_handle() {
    let s = sessions(
        "harbour-2023.txt",
        "Harbour Summit 2023\nBergen, typed on the phone.\n\nQueues under load\nStaff engineer at a rail company.\nLena Hartmann @lenah\n\nShed load early. Budgets per customer.\n\nGradual typing at scale\nMaintains a type checker plugin.\nLives by the sea.\nOmar Siddiqui @omars\n\nStart at the edges.\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing at scale", vec!["Omar Siddiqui"], Kind::Talk),
        ]
    );
    assert!(
        s.iter()
            .any(|x| x.title == "Queues under load" && x.body.contains("Budgets per customer"))
    );
    assert!(s.iter().all(|x| x.year == Some(2023)));
}

#[test]
fn cards_behind_block_quote_markers() {
    let s = sessions(
        "meetup.txt",
        "Harbour Meetup, 2021-11-18\n\n> Queues under load\n> Staff engineer at a rail company.\n> Lena Hartmann @lenah\n\nShed load early.\n\n> Gradual typing at scale\n> Maintains a type checker plugin.\n> Omar Siddiqui @omars\n\nEdges first.\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing at scale", vec!["Omar Siddiqui"], Kind::Talk),
        ]
    );
    // The first line dates the notes: `…, 2021-11-18`.
    assert!(s.iter().all(|x| x.year == Some(2021)));
}

// Shape 13: plain-text outlines.

#[test]
fn plain_outline_talk_lines_with_indented_notes_and_days() {
    let s = sessions(
        "outline.txt",
        "Harbour Summit 2023 Bergen\n\nDay 1\n  Lena Hartmann - @lenah - Queues under load\n      shed load early\n  Omar Siddiqui - @omars - Gradual typing - https://example.org/typing\n      edges first\n\nDay 2\nIda Berg - @idab - Release trains\n\tship weekly\n\n=====\nSummary: good days. Dominic Tarr - https://example.org/dt - was cited.\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing", vec!["Omar Siddiqui"], Kind::Talk),
            ("Release trains", vec!["Ida Berg"], Kind::Talk),
        ]
    );
    assert!(
        s.iter()
            .any(|x| x.title == "Queues under load" && x.body.contains("shed load early"))
    );
    assert!(s.iter().all(|x| x.year == Some(2023)));
}

// Shape 6: schedule cards pasted from a conference site.

#[test]
fn schedule_cards_pasted_indented_with_portrait_alt_text() {
    let s = sessions(
        "harbour.md",
        "# Harbour Summit 2023 — day 1\n\n    Queues under load\n    Portrait photo of Lena Hartmann\n    Lena Hartmann\n    30 min\n    Main Hall\n\nShed load early.\n\n    Gradual typing at scale\n    Portrait photo of Omar Siddiqui\n    Omar Siddiqui\n    Portrait photo of Ida Berg\n    Ida Berg\n    45 min\n    Room 2\n\nEdges first.\n\n    Lunch\n    60 min\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
            ("Gradual typing at scale", vec!["Omar Siddiqui", "Ida Berg"], Kind::Talk),
        ]
    );
    assert!(
        s.iter()
            .any(|x| x.title == "Queues under load" && x.body.contains("Shed load early"))
    );
}

// Shape 10: parts in varying order within one file.

#[test]
fn header_parts_in_any_order_within_one_file() {
    let s = sessions(
        "summit.md",
        "# Harbour Summit 2021\n\n## Queues under load - Fjord Labs - Lena Hartmann / Omar Siddiqui\n\nShed load.\n\n## Ida Berg - @idab - Release trains that run on time\n\nWeekly.\n\n## Tomasz Brzeski (Globex) Pager rotations without tears\n\nFatigue.\n\n## Stop. Measure. Then tune it - Mara Lindqvist\n\nGC logs first.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues under load", vec!["Lena Hartmann", "Omar Siddiqui"], Kind::Talk),
            ("Release trains that run on time", vec!["Ida Berg"], Kind::Talk),
            ("Pager rotations without tears", vec!["Tomasz Brzeski"], Kind::Talk),
            ("Stop. Measure. Then tune it", vec!["Mara Lindqvist"], Kind::Talk),
        ]
    );
}

#[test]
fn plain_talk_lines_in_any_order_with_notes_after_the_title() {
    let s = sessions(
        "log.txt",
        "Harbour Summit 2017, Bergen\n\nIda Berg - @idab - Release trains that run on time. She ships weekly.\n  notes: small batches\n\nPager rotations - Globex - Tomasz Brzeski / Mara Lindqvist\n  fatigue is real\n\nLena Hartmann (Fjord Rail) Queues under load\n  shed load early\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Release trains that run on time", vec!["Ida Berg"], Kind::Talk),
            ("Pager rotations", vec!["Tomasz Brzeski", "Mara Lindqvist"], Kind::Talk),
            ("Queues under load", vec!["Lena Hartmann"], Kind::Talk),
        ]
    );
}

// Shape 14: CJK and full-width punctuation.

#[test]
fn cjk_headings_quote_speaker_lines_and_labels() {
    let s = sessions(
        "2026/notes.md",
        "# 港口大會 2026 筆記\n\n## 用 Rust 改寫收集器\n\n> 王大明 (Daming Wang)／資深工程師\n> 2026-04-23 15:35 - 16:15 @ 301\n\n記憶體用量降低。\n\n## 維護者倦怠\n\n> 林美華／社群經理、陳志強／開源貢獻者\n\n需要休假制度。\n\n## 型を自作する：鈴木花子・田中一郎\n\n型推論の話。\n\n## 「JITの次の一手」（佐藤健一）\n\nベンチマーク。\n\n## 延伸閱讀\n\n- 連結\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("用 Rust 改寫收集器", vec!["王大明"], Kind::Talk),
            ("維護者倦怠", vec!["林美華", "陳志強"], Kind::Talk),
            ("型を自作する", vec!["鈴木花子", "田中一郎"], Kind::Talk),
            ("JITの次の一手", vec!["佐藤健一"], Kind::Talk),
        ]
    );
}

#[test]
fn plain_title_dash_word_surname_lines_will_bird() {
    let s = sessions(
        "ruby.txt",
        "Harbour Ruby 2016, Bergen\n\nRefinements in anger - Will Bird\nScoped patches nobody uses.\n\nRails at a newspaper - Rose Gold, Daisy Fields\nCaching for election night.\n\nLess mocking - Mark Hunt\nReal objects until it hurts.\n",
    );
    let talks: Vec<(&str, Vec<&str>, Kind)> = summary(&s).into_iter().filter(|t| t.2 != Kind::Section).collect();
    assert_eq!(
        talks,
        [
            ("Refinements in anger", vec!["Will Bird"], Kind::Talk),
            ("Rails at a newspaper", vec!["Rose Gold", "Daisy Fields"], Kind::Talk),
            ("Less mocking", vec!["Mark Hunt"], Kind::Talk),
        ]
    );
}

#[test]
fn quotations_in_a_list_and_speaker_introductions_are_not_talks() {
    // A list of quotations with their authors.
    let s = sessions(
        "quotes.md",
        "# Notable quotes\n\n- \"Culture eats strategy for breakfast\" - Peter Drucker\n- \"Kubectl is the new SSH\" - Lena Hartmann\n- \"Meshes are the new black\" - Omar Siddiqui\n",
    );
    assert!(
        s.iter().all(|x| x.kind == Kind::Section || x.title == "Notable quotes"),
        "{:?}",
        summary(&s)
    );
    // Deeper in one talk's notes: people quoted, not talks.
    let s = sessions(
        "talk.md",
        "# Pixels\n\n## Story\n\nNotes.\n\n### Quotes\n\n- Reality is a convenient measure - Alvy Ray Smith\n- Art challenges technology - John Lasseter\n",
    );
    assert_eq!(
        s.iter().filter(|x| x.kind == Kind::Talk).count(),
        1,
        "{:?}",
        summary(&s)
    );
    // `Name - Job - Company` headings introduce the people of one keynote.
    let s = sessions(
        "keynote.md",
        "# Day 1 keynote\n\n## Lena Hartmann - Chief Architect - Globex Cloud\n\nScale.\n\n## Omar Siddiqui - Principal Engineer - Initech Systems\n\nMore scale.\n",
    );
    assert_eq!(
        s.iter().filter(|x| x.kind != Kind::Section).count(),
        1,
        "{:?}",
        summary(&s)
    );
}

#[test]
fn quotes_under_a_quotes_heading_are_not_talks() {
    let s = sessions(
        "talk.md",
        "# Pixels\n\n## Philosophy\n\nNotes.\n\n### Quotes\n\nQuality is the plan – Lena Hartmann\nPain is temporary – Omar Siddiqui\n\nBoth said twice – Ida Berg\n",
    );
    assert_eq!(
        s.iter().filter(|x| x.kind == Kind::Talk).count(),
        1,
        "{:?}",
        summary(&s)
    );
}

// Shapes of the parser-shapes round: each lost talks before.

#[test]
fn surname_in_parentheses_after_title_queues_okonkwo() {
    let s = sessions(
        "2023/harbourconf.md",
        "# Harbourconf 2023\n\n## Queues that never drain (Okonkwo)\n\nBackpressure.\n\n## Tracing without tears (Lindqvist)\n\nSampling.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues that never drain", vec!["Okonkwo"], Kind::Talk),
            ("Tracing without tears", vec!["Lindqvist"], Kind::Talk),
        ]
    );
    assert_eq!(s[1].body, "Sampling.");
}

#[test]
fn title_by_surname_and_by_full_name_headings() {
    let s = sessions(
        "n.md",
        "## Queues that never drain by Okonkwo\n\nBackpressure.\n\n## Tracing without tears by Mara Lindqvist\n\nSampling.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues that never drain", vec!["Okonkwo"], Kind::Talk),
            ("Tracing without tears", vec!["Mara Lindqvist"], Kind::Talk),
        ]
    );
}

#[test]
fn surname_colon_title_headings_okonkwo_colon() {
    let s = sessions(
        "n.md",
        "## Okonkwo: Queues that never drain\n\nBackpressure.\n\n## Lindqvist: Tracing without tears\n\nSampling.\n\n## Hallway track\n\nCoffee.\n",
    );
    assert_eq!(
        summary(&s)[..2],
        [
            ("Queues that never drain", vec!["Okonkwo"], Kind::Talk),
            ("Tracing without tears", vec!["Lindqvist"], Kind::Talk),
        ]
    );
}

#[test]
fn title_dash_surname_and_em_dash_full_name_headings() {
    let s = sessions(
        "n.md",
        "## Queues that never drain - Okonkwo\n\nBackpressure.\n\n## Tracing without tears — Mara Lindqvist\n\nSampling.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Queues that never drain", vec!["Okonkwo"], Kind::Talk),
            ("Tracing without tears", vec!["Mara Lindqvist"], Kind::Talk),
        ]
    );
}

#[test]
fn kubernetes_the_hard_parts_and_q_and_a_part_2_name_no_speaker() {
    // A product before a colon is what the notes talk about; `(part 2)` names no one.
    let s = sessions(
        "talk.md",
        "# Platform day\n\n## Kubernetes: the hard parts\n\nNotes.\n\n## Kafka: lessons from production\n\nKafka lag.\n\n## Envoy: beyond the proxy\n\nEnvoy filters.\n\n## Q&A (part 2)\n\nMore.\n",
    );
    assert!(s.iter().all(|x| x.speakers.is_empty()), "{:?}", summary(&s));
    // One heading in the shape is not enough: `## Scaling (Okonkwo)` alone stays a part.
    let s = sessions(
        "talk.md",
        "# Platform day\n\n## Scaling (Okonkwo)\n\nNotes.\n\n## Caching\n\nMore.\n",
    );
    assert!(s.iter().all(|x| x.speakers.is_empty()), "{:?}", summary(&s));
}

#[test]
fn day_heading_kubecon_day_2_thursday_3_april_dates_its_talks() {
    // The year from the front matter; the heading names the event, then the day.
    let s = sessions(
        "kubecon.md",
        "---\ntitle: KubeCon notes\nyear: 2025\n---\n\n# KubeCon — Day 2, Thursday 3 April\n\n## Scaling etcd - Ana Costa\n\nNotes.\n\n## Gateway API in anger - Ben Ode\n\nNotes.\n\n# KubeCon — Day 3, Friday 4 April\n\n## Cluster API at home - Ida Berg\n\nNotes.\n",
    );
    let dates: Vec<Option<String>> = s.iter().map(|x| x.date.map(|d| d.to_string())).collect();
    assert_eq!(
        dates,
        [
            Some("2025-04-03".into()),
            Some("2025-04-03".into()),
            Some("2025-04-04".into())
        ],
        "{:?}",
        summary(&s)
    );
    // `## Day 2 – Thursday, 3 April` under a title with the year.
    let s = sessions(
        "notes.md",
        "# Harbourconf 2024\n\n## Day 2 – Thursday, 3 April\n\n### Scaling etcd - Ana Costa\n\nNotes.\n",
    );
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2024-04-03"));
}

#[test]
fn first_name_lightning_items_alice_colon_and_bob_dash() {
    let s = sessions(
        "2022/conf.md",
        "# Conf 2022\n\n## Scaling etcd - Ana Costa\n\nNotes.\n\n## Lightning talks\n\n- Alice: why tests fail at 3am\n- Bob – shipping on Fridays\n- Chidi: a tiny DSL for dashboards\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Scaling etcd", vec!["Ana Costa"], Kind::Talk),
            ("why tests fail at 3am", vec!["Alice"], Kind::Ignite),
            ("shipping on Fridays", vec!["Bob"], Kind::Ignite),
            ("a tiny DSL for dashboards", vec!["Chidi"], Kind::Ignite),
        ]
    );
    assert_eq!(s[0].body, "Notes.");
}

#[test]
fn bold_bullets_under_lightning_talks_with_indented_notes() {
    let s = sessions(
        "2022/conf.md",
        "# Conf 2022\n\n## Scaling etcd - Ana Costa\n\nNotes.\n\n### Lightning talks\n\n- **Why tests fail at 3am** — Alice Moreau\n  - flaky clocks\n  - retry budgets\n- **Ben Ode**: Shipping on Fridays\n  - feature flags\n\n## Closing keynote - Ida Berg\n\nThanks.\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("Scaling etcd", vec!["Ana Costa"], Kind::Talk),
            ("Why tests fail at 3am", vec!["Alice Moreau"], Kind::Ignite),
            ("Shipping on Fridays", vec!["Ben Ode"], Kind::Ignite),
            ("Closing keynote", vec!["Ida Berg"], Kind::Keynote),
        ]
    );
    assert_eq!(s[1].body, "flaky clocks\nretry budgets");
    assert_eq!(s[2].body, "feature flags");
}

#[test]
fn schedule_lines_with_ci_cd_and_i_o_in_the_title_keep_it_whole() {
    let s = sessions(
        "n.txt",
        "May 2, 2019\n09:45 – 10:15 CI/CD Pipelines – Ann Lee\n10:15 - 10:45 Fast I/O - Bob Ray\n10:45 - 11:15 Cy Po - Life W/O Mocks\n",
    );
    assert_eq!(
        summary(&s),
        [
            ("CI/CD Pipelines", vec!["Ann Lee"], Kind::Talk),
            ("Fast I/O", vec!["Bob Ray"], Kind::Talk),
            ("Life W/O Mocks", vec!["Cy Po"], Kind::Talk),
        ]
    );
}

#[test]
fn org_date_keyword_2019_05_14_dates_the_talks_of_the_file() {
    for date_line in ["#+DATE: 2019-05-14", "#+DATE: <2019-05-14 Tue>"] {
        let text = format!(
            "#+TITLE: Devconf notes\n{date_line}\n\n* Scaling etcd - Ana Costa\nNotes.\n* Gateway API in anger - Ben Ode\nNotes.\n"
        );
        let s = sessions("devconf.org", &text);
        let dates: Vec<Option<String>> = s.iter().map(|x| x.date.map(|d| d.to_string())).collect();
        assert_eq!(
            dates,
            [Some("2019-05-14".into()), Some("2019-05-14".into())],
            "{date_line}"
        );
    }
    // Markdown's `date:` the same way; a day the file names still wins.
    let s = sessions(
        "devconf.md",
        "---\ndate: 2019-05-14\n---\n\n## Scaling etcd - Ana Costa\n\nNotes.\n",
    );
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2019-05-14"));
    let s = sessions(
        "devconf.md",
        "---\ndate: 2019-05-20\n---\n\n# Tuesday 14 May 2019\n\n## Scaling etcd - Ana Costa\n\nNotes.\n",
    );
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2019-05-14"));
}

#[test]
fn file_date_not_given_to_talks_whose_times_start_again_on_a_second_day() {
    let s = sessions(
        "conf.md",
        "---\ndate: 2019-10-03\n---\n\n## 09:30 Scaling etcd - Ana Costa\n\nNotes.\n\n## 11:00 Gateway API - Ben Ode\n\nNotes.\n\n## 09:30 Cluster API - Ida Berg\n\nNotes.\n",
    );
    assert!(s.iter().all(|x| x.date.is_none()), "{:?}", summary(&s));
    assert!(s.iter().all(|x| x.year == Some(2019)));
}
