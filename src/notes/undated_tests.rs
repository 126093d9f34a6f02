//! Shape 16 of issue 12: free sections after a day close are dated by their own evidence,
//! not by the closed day; talks, and sections inside a day, keep their dates. Fixtures written
//! for these tests.

use super::*;

/// (title, kind, date, year) of each session.
fn dated(path: &str, text: &str) -> Vec<(String, Kind, Option<String>, Option<i16>)> {
    parse(path, text)
        .sessions
        .into_iter()
        .map(|s| (s.title, s.kind, s.date.map(|d| d.to_string()), s.year))
        .collect()
}

fn year_of(list: &[(String, Kind, Option<String>, Option<i16>)], title: &str) -> Option<i16> {
    let found = list.iter().find(|s| s.0 == title);
    found.unwrap_or_else(|| panic!("no session {title:?} in {list:#?}")).3
}

fn date_of(list: &[(String, Kind, Option<String>, Option<i16>)], title: &str) -> Option<String> {
    let found = list.iter().find(|s| s.0 == title);
    found
        .unwrap_or_else(|| panic!("no session {title:?} in {list:#?}"))
        .2
        .clone()
}

#[test]
fn conference_day_then_a_pasted_post_with_its_own_years() {
    let s = dated(
        "harbour.txt",
        "Harbour Summit notes\n\nMarch 3, 2024\n09:00 – 09:30 Ines Moreau – Feature flags at scale\nFlags are debt.\n09:40 – 10:10 Lars Eide – Queues you can reason about\nBackpressure first.\n17:30 – 18:00 Closing remarks\n\nFrom my old blog\n\nI wrote this after the 2016 edition and never moved it anywhere.\n\nThe venue\n\nA cold hall by the water. Good soup.\n\nPeople\n\nEveryone was kind to a first-time attendee.\n",
    );
    assert_eq!(date_of(&s, "Feature flags at scale").as_deref(), Some("2024-03-03"));
    assert_eq!(
        date_of(&s, "Queues you can reason about").as_deref(),
        Some("2024-03-03")
    );
    // One pasted post: the year one of its sections writes dates the silent ones too.
    for title in ["From my old blog", "The venue", "People"] {
        assert_eq!(year_of(&s, title), Some(2016), "{title}");
        assert_eq!(date_of(&s, title), None, "{title}");
    }
}

#[test]
fn a_post_dated_only_by_a_url() {
    let s = dated(
        "meetups.md",
        "# Meetups\n\n## Day 1 — 2019-05-20\n\n- 18:00 – 18:30 Ana Costa – Why latency lies\n- 18:40 – 19:10 Ben Ode – Tracing on a budget\n- 19:10 End of day\n\n## Reading list\n\nThe post that started it: https://blog.example.net/2015/06/latency-everywhere\n\n## More notes\n\nTail latency matters more than the mean.\n",
    );
    assert_eq!(date_of(&s, "Why latency lies").as_deref(), Some("2019-05-20"));
    assert_eq!(year_of(&s, "Reading list"), Some(2015));
    assert_eq!(year_of(&s, "More notes"), Some(2015));
}

#[test]
fn a_post_with_no_evidence_is_yearless() {
    let s = dated(
        "oslo.txt",
        "October 23, 2019\n09:15 – 09:45 Ines Moreau – Feature flags at scale\nFlags are debt.\n16:50 – 17:00 Day Close\n\nStickers and swag\n\nToo many stickers, not enough laptops.\n\nA note to self\n\nBuy a better notebook.\n",
    );
    assert_eq!(date_of(&s, "Feature flags at scale").as_deref(), Some("2019-10-23"));
    assert_eq!(year_of(&s, "Stickers and swag"), None);
    assert_eq!(year_of(&s, "A note to self"), None);
}

#[test]
fn a_post_naming_the_talks_of_the_schedule_below() {
    let s = dated(
        "two-editions.txt",
        "May 4, 2023\n09:00 – 09:30 Ines Moreau – Feature flags at scale\nFlags are debt.\n17:00 – 17:15 Day Close\n\nLooking back\n\nThe talk by Oskar Lind was the one I still quote. The schedule of that year is at the bottom of this post.\n\nSmall things\n\nThe lanyards were green.\n\nMay 9, 2018\n09:00 – 09:30 Oskar Lind – Boring deployments\nShip on Fridays.\n17:00 – 17:15 Day Close\n",
    );
    assert_eq!(year_of(&s, "Looking back"), Some(2018));
    assert_eq!(year_of(&s, "Small things"), Some(2018));
    assert_eq!(date_of(&s, "Boring deployments").as_deref(), Some("2018-05-09"));
}

#[test]
fn sections_pointing_at_two_years_leave_the_silent_ones_yearless() {
    let s = dated(
        "glasgow-like.txt",
        "September 22, 2023\n09:00 – 09:40 Rory Buchanan – Terraform drift detection at a bank\nNightly plans.\n16:50 – 17:00 Day Close\n\nLoose ends\n\nNothing much.\n\nDrift, again\n\nI keep thinking about the drift detection talk. Rory's idea is on our backlog.\n\nThe first edition\n\nSee https://conf.example.org/events/2021-glasgow/ for the old programme.\n\nOctober 7, 2021\n09:00 – 09:30 Callum Ross – Why we stopped doing change advisory boards\nPeer review instead.\n",
    );
    assert_eq!(year_of(&s, "Drift, again"), Some(2023));
    assert_eq!(year_of(&s, "The first edition"), Some(2021));
    assert_eq!(year_of(&s, "Loose ends"), None);
}

#[test]
fn sections_after_the_last_talk_before_another_years_schedule() {
    // No close is written: the day ends with its last talk when another event follows.
    let s = dated(
        "no-close.md",
        "# Meetups\n\n## June 1, 2022\n\n- 10:00 – 10:30 Ines Moreau – Feature flags at scale\n- 10:40 – 11:10 Lars Eide – Queues you can reason about\n\n## Thoughts\n\nWe went back in 2020 too, below are those notes.\n\n## May 5, 2020\n\n- 10:00 – 10:30 Oskar Lind – Boring deployments\n",
    );
    assert_eq!(year_of(&s, "Thoughts"), Some(2020));
    assert_eq!(date_of(&s, "Thoughts"), None);
    assert_eq!(date_of(&s, "Feature flags at scale").as_deref(), Some("2022-06-01"));
    assert_eq!(date_of(&s, "Boring deployments").as_deref(), Some("2020-05-05"));
}

#[test]
fn a_section_before_the_next_day_of_the_same_event_keeps_its_day() {
    let s = dated(
        "two-days.md",
        "# Summit\n\n## June 1, 2022\n\n- 10:00 – 10:30 Ines Moreau – Feature flags at scale\n- 10:40 – 11:10 Lars Eide – Queues you can reason about\n\n## Evening\n\nDinner by the river, like in 2019.\n\n## June 2, 2022\n\n- 10:00 – 10:30 Oskar Lind – Boring deployments\n",
    );
    assert_eq!(date_of(&s, "Evening").as_deref(), Some("2022-06-01"));
    assert_eq!(year_of(&s, "Evening"), Some(2022));
}

#[test]
fn a_free_section_between_two_talks_keeps_the_day() {
    let s = dated(
        "one-day.txt",
        "October 17, 2019\n09:15 – 09:45 Ines Moreau – Feature flags at scale\nFlags are debt.\n10:15 – 10:30 Break + coffee\n\nHallway track\n\nA long chat about the 2015 outage.\n\n10:30 – 11:00 Lars Eide – Queues you can reason about\nBackpressure first.\n16:50 – 17:00 Day Close\n",
    );
    assert_eq!(date_of(&s, "Hallway track").as_deref(), Some("2019-10-17"));
    assert_eq!(year_of(&s, "Hallway track"), Some(2019));
}

#[test]
fn a_schedule_whose_talks_have_notes_sections_under_them_keeps_its_dates() {
    let s = dated(
        "2019/one-schedule.md",
        "# Harbour Summit\n\n## October 17, 2019\n\n### 09:15 – 09:45 Ines Moreau – Feature flags at scale\n\n#### Notes\n\nFlags are debt; we met in 2015.\n\n#### Takeaways\n\nDelete them.\n\n### 10:00 – 10:30 Lars Eide – Queues you can reason about\n\n#### Notes\n\nBackpressure first.\n",
    );
    for (title, kind, date, year) in &s {
        if *kind != Kind::Section {
            assert_eq!(date.as_deref(), Some("2019-10-17"), "{title}");
        }
        assert_eq!(*year, Some(2019), "{title}");
    }
    let parsed = parse(
        "2019/one-schedule.md",
        "# A\n\n## October 17, 2019\n\n### 09:15 – 09:45 Ines Moreau – Flags\n\n#### Notes\n\nDebt.\n",
    );
    assert!(parsed.year_reasons.is_empty());
}

#[test]
fn a_silent_section_after_a_close_takes_the_year_the_file_states() {
    let s = dated(
        "2019/summit.txt",
        "October 17, 2019\n09:15 – 09:45 Ines Moreau – Feature flags at scale\nFlags are debt.\n16:50 – 17:00 Day Close\n\nStickers and swag\n\nToo many stickers.\n",
    );
    assert_eq!(year_of(&s, "Stickers and swag"), Some(2019));
    assert_eq!(date_of(&s, "Stickers and swag"), None);
}

#[test]
fn meetup_of_12_march_2022_heading_dates_the_talks_under_it() {
    let s = dated(
        "meetups.md",
        "# Infra meetups\n\n## Meetup of 12 March 2022\n\n- 18:30 – 19:00 Agata Wrona – Secrets rotation without downtime\n- 19:10 – 19:40 Pavel Dvorak – ARM runners for CI\n- 19:40 Close\n\n## Afterthoughts\n\nPavel's numbers on ARM runners convinced our lead.\n",
    );
    assert_eq!(
        date_of(&s, "Secrets rotation without downtime").as_deref(),
        Some("2022-03-12")
    );
    assert_eq!(date_of(&s, "ARM runners for CI").as_deref(), Some("2022-03-12"));
    assert_eq!(year_of(&s, "Afterthoughts"), Some(2022));
}

#[test]
fn explain_says_why_a_free_section_has_no_year() {
    let parsed = parse(
        "oslo.txt",
        "October 23, 2019\n09:15 – 09:45 Ines Moreau – Feature flags at scale\nFlags are debt.\n16:50 – 17:00 Day Close\n\nStickers and swag\n\nToo many stickers.\n\nOld slides\n\nA talk I gave in 2018.\n",
    );
    let reasons: Vec<&str> = parsed.year_reasons.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[1].contains("2018 in the text"), "{reasons:?}");
    assert!(reasons[0].contains("year 2018"), "{reasons:?}");
}
