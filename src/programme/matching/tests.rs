//! The matcher on sessions built in the test: one test per shape of note.

use super::*;
use crate::notes::{Kind, Origin, Source};
use jiff::civil::date;

fn talk(path: &str, title: &str, speakers: &[&str]) -> Session {
    Session {
        id: format!("{path}#{title}"),
        title: title.into(),
        speakers: speakers.iter().map(|s| s.to_string()).collect(),
        conference: None,
        year: None,
        date: None,
        start: None,
        end: None,
        kind: Kind::Talk,
        room: None,
        attended: None,
        tags: Vec::new(),
        themes: Vec::new(),
        links: Vec::new(),
        filled: Vec::new(),
        matched: Vec::new(),
        source: Source {
            path: path.into(),
            line: 1,
        },
        body: String::new(),
        from: Origin::Notes,
    }
}

/// A small programme: two days of an invented conference.
fn programme() -> Vec<Session> {
    let at = |title: &str, speakers: &[&str], day: i8, start: &str, room: &str| {
        let mut s = talk("schedule.json", title, speakers);
        s.conference = Some("Nordlicht Conf 2024".into());
        s.year = Some(2024);
        s.date = Some(date(2024, 5, day));
        s.start = Some(start.into());
        s.end = Some("11:00".into());
        s.room = Some(room.into());
        s
    };
    vec![
        at(
            "Observability at Scale with OpenTelemetry",
            &["Ingrid Solberg"],
            14,
            "10:30",
            "Saal 1",
        ),
        at(
            "Site Reliability Engineering in a Small Team",
            &["Mateo Ferreira"],
            14,
            "11:30",
            "Saal 2",
        ),
        at(
            "Kubernetes Networking Deep Dive",
            &["Aiko Tanaka"],
            15,
            "09:30",
            "Saal 1",
        ),
        at(
            "Kubernetes Security Basics",
            &["Jonas Weber", "Lea Brandt"],
            15,
            "10:30",
            "Saal 2",
        ),
        at(
            "Introduction to Chaos Engineering",
            &["Zoë Müller"],
            15,
            "14:00",
            "Saal 1",
        ),
    ]
}

fn noted(path: &str, title: &str, speakers: &[&str]) -> Session {
    let mut s = talk(path, title, speakers);
    s.conference = Some("Nordlicht".into());
    s.year = Some(2024);
    s
}

fn matched(notes: &[Session]) -> Vec<(usize, usize)> {
    match_sessions(notes, &programme())
        .iter()
        .map(|m| (m.note, m.official))
        .collect()
}

#[test]
fn misspelt_title_matches_its_talk() {
    let notes = [noted("n.md", "Obsevability at scale with Open Telemetry", &[])];
    assert_eq!(matched(&notes), [(0, 0)]);
}

#[test]
fn surname_only_and_a_shortened_title_match() {
    let notes = [noted("n.md", "Chaos engineering", &["Müller"])];
    assert_eq!(matched(&notes), [(0, 4)]);
}

#[test]
fn initials_stand_for_the_words_of_the_title() {
    let notes = [noted("n.md", "SRE in a small team", &["Ferreira"])];
    assert_eq!(matched(&notes), [(0, 1)]);
}

#[test]
fn speaker_and_slot_match_a_note_without_a_title_worth_the_name() {
    let mut note = noted("n.md", "Morning session", &["Aiko Tanaka"]);
    note.date = Some(date(2024, 5, 15));
    note.start = Some("09:30".into());
    assert_eq!(matched(&[note]), [(0, 2)]);
}

#[test]
fn one_word_title_alone_matches_nothing() {
    let notes = [noted("n.md", "Kubernetes", &[])];
    assert!(matched(&notes).is_empty());
}

#[test]
fn workshop_given_twice_is_ambiguous_without_the_day() {
    let mut official = programme();
    let mut again = official[4].clone();
    again.date = Some(date(2024, 5, 14));
    official.push(again);
    let notes = [noted("n.md", "Introduction to Chaos Engineering", &[])];
    assert!(match_sessions(&notes, &official).is_empty());
    let mut dated = notes[0].clone();
    dated.date = Some(date(2024, 5, 14));
    assert_eq!(match_sessions(&[dated], &official)[0].official, 5);
}

#[test]
fn talk_not_in_the_programme_stays_unmatched() {
    let notes = [
        noted("n.md", "Hallway chat about Rust compile times", &["Somebody Else"]),
        noted("n.md", "Kubernetes Storage Deep Dive", &["Priya Raman"]),
    ];
    assert!(matched(&notes).is_empty());
}

#[test]
fn another_conference_or_year_or_day_is_never_compared() {
    let mut other_conference = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
    other_conference.conference = Some("Devopsdays Oslo".into());
    let mut other_year = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
    other_year.year = Some(2023);
    let mut other_day = noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]);
    other_day.date = Some(date(2024, 5, 14));
    assert!(matched(&[other_conference, other_year, other_day]).is_empty());
}

#[test]
fn one_talk_noted_in_two_files_matches_the_same_official_talk_from_each() {
    let notes = [
        noted("a.md", "Kubernetes security basics", &["Weber"]),
        noted("b.md", "K8s security basics", &["Lea Brandt"]),
    ];
    assert_eq!(matched(&notes), [(0, 3), (1, 3)]);
}

#[test]
fn within_one_file_an_official_talk_is_taken_once() {
    let notes = [
        noted("a.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"]),
        noted("a.md", "Kubernetes networking", &["Tanaka"]),
    ];
    assert_eq!(matched(&notes), [(0, 2)]);
}

#[test]
fn a_speaker_who_disagrees_needs_a_title_that_agrees_fully() {
    let notes = [noted("n.md", "Chaos engineering", &["Somebody Else"])];
    assert!(matched(&notes).is_empty());
    let notes = [noted("n.md", "Introduction to Chaos Engineering", &["Somebody Else"])];
    assert_eq!(matched(&notes), [(0, 4)]);
}

#[test]
fn a_note_with_no_conference_or_year_needs_title_and_speaker() {
    let mut bare = talk("n.md", "Kubernetes Networking Deep Dive", &[]);
    assert!(match_sessions(std::slice::from_ref(&bare), &programme()).is_empty());
    bare.speakers = vec!["Aiko Tanaka".into()];
    assert_eq!(match_sessions(&[bare], &programme()).len(), 1);
}

#[test]
fn reasons_say_what_agreed() {
    let mut note = noted("n.md", "Observability at scale", &["Solberg"]);
    note.date = Some(date(2024, 5, 14));
    note.start = Some("10:30".into());
    let m = &match_sessions(&[note], &programme())[0];
    assert_eq!(
        m.reasons,
        [
            "same day 2024-05-14",
            "title 0.87 (2 of 3 words)",
            "speaker solberg = ingrid solberg",
            "slot 10:30"
        ]
    );
}

#[test]
fn enrich_fills_what_the_note_lacks_and_keeps_what_it_says() {
    let official = &programme()[0];
    let mut note = noted("n.md", "Obsevability talk", &["Solberg"]);
    note.room = Some("the big room".into());
    let filled = enrich(&mut note, official);
    assert_eq!(filled, ["speakers", "date", "slot"]);
    assert_eq!(note.speakers, ["Ingrid Solberg"]);
    assert_eq!(note.room.as_deref(), Some("the big room"));
    assert_eq!(note.title, "Obsevability talk");
    assert_eq!(note.conference.as_deref(), Some("Nordlicht"));
    assert_eq!(
        (note.start.as_deref(), note.end.as_deref()),
        (Some("10:30"), Some("11:00"))
    );
}

#[test]
fn same_word_allows_typos_prefixes_and_no_digit_changes() {
    assert!(same_word("obsevability", "observability"));
    assert!(same_word("intro", "introduction"));
    assert!(!same_word("2019", "2018"));
    assert!(!same_word("rust", "bust"));
    assert!(title::is_initials("sre", &['s', 'r', 'e', 'i', 'a', 's', 't']));
}

/// The programme with two keynotes opening the first day.
fn with_keynotes() -> Vec<Session> {
    let mut official = programme();
    for (title, who, start) in [
        ("Welcome and Opening Remarks", "Hedda Vik", "09:00"),
        ("The Platform Is the Product", "Marcus Oyelaran", "09:15"),
    ] {
        let mut k = official[0].clone();
        k.title = title.into();
        k.speakers = vec![who.into()];
        k.start = Some(start.into());
        k.kind = Kind::Keynote;
        official.push(k);
    }
    official
}

#[test]
fn name_and_title_swapped_by_the_parser_tanaka_networking() {
    // `Aiko – Kubernetes networking deep dive`: the parser took the name for the title.
    let mut note = noted("n.md", "Aiko", &["Kubernetes networking deep dive"]);
    note.date = Some(date(2024, 5, 15));
    let m = &match_sessions(&[note], &programme())[0];
    assert_eq!(m.official, 2);
    assert_eq!(m.reasons[0], "title and speaker swapped");
}

#[test]
fn surname_inside_the_title_chaos_engineering_mueller() {
    // `Chaos engineering (Müller)`: the speaker left in the title, no speaker field.
    let notes = [noted("n.md", "Chaos engineering (Müller)", &[])];
    let m = &match_sessions(&notes, &programme())[0];
    assert_eq!(m.official, 4);
    assert!(
        m.reasons.contains(&"surname muller in title".to_string()),
        "{:?}",
        m.reasons
    );
}

#[test]
fn speaker_named_at_the_start_of_the_notes_of_a_blog_section() {
    // `### OpenTelemetry` in a recap, the speaker only in the text below it.
    let mut note = noted("recap.md", "OpenTelemetry", &[]);
    note.body = "Ingrid Solberg showed how they sample traces at scale.".into();
    assert_eq!(matched(&[note.clone()]), [(0, 0)]);
    note.body = "Nobody named here.".into();
    assert!(matched(&[note]).is_empty());
}

#[test]
fn slot_of_a_note_without_its_day_platforms_at_nine_fifteen() {
    // `## 09:15 Platforms` in a file whose day the parser could not read.
    let mut note = noted("day-1.md", "Platforms", &[]);
    note.start = Some("09:15".into());
    assert_eq!(match_sessions(&[note.clone()], &with_keynotes())[0].official, 6);
    // Without the slot, one word of the title is not enough.
    note.start = None;
    assert!(match_sessions(&[note], &with_keynotes()).is_empty());
}

#[test]
fn whole_speaker_name_and_one_title_word_chaos_monkeys_workshop() {
    // `Chaos monkeys workshop – Zoë Müller`: one word of the title, the whole name.
    let notes = [noted("n.md", "Chaos monkeys workshop", &["Zoë Müller"])];
    assert_eq!(matched(&notes), [(0, 4)]);
    let notes = [noted("n.md", "Chaos monkeys workshop", &["Müller"])];
    assert_eq!(matched(&notes), [(0, 4)]);
    let notes = [noted("n.md", "Chaos monkeys workshop", &[])];
    assert!(matched(&notes).is_empty());
}

#[test]
fn day_slot_and_one_title_word_afternoon_chaos_run() {
    // `chaos (afternoon run)` at 14:00 on the day of the talk, no speaker.
    let mut note = noted("n.md", "Chaos lab, afternoon run", &[]);
    note.date = Some(date(2024, 5, 15));
    note.start = Some("14:00".into());
    assert_eq!(matched(&[note.clone()]), [(0, 4)]);
    note.start = Some("11:00".into());
    assert!(matched(&[note]).is_empty());
}

#[test]
fn opening_keynote_names_a_moment_and_the_speaker_decides() {
    // `### Opening keynote` in an undated recap, the keynote speaker named in its text.
    let mut note = noted("recap.md", "Opening keynote", &[]);
    note.body = "Marcus Oyelaran argued that platforms are products.".into();
    assert_eq!(match_sessions(&[note.clone()], &with_keynotes())[0].official, 6);
    // Without the keynote kind, a name in the text is not enough for a title that says nothing.
    note.title = "Opening".into();
    assert!(match_sessions(&[note], &with_keynotes()).is_empty());
}

#[test]
fn surname_on_the_day_of_the_talk_ferreira_on_error_budgets() {
    // `### Ferreira on error budgets` under the day's heading: no word of the title, but the
    // speaker's only talk that day.
    let mut note = noted("recap.md", "Error budgets", &["Ferreira"]);
    note.date = Some(date(2024, 5, 14));
    assert_eq!(matched(&[note.clone()]), [(0, 1)]);
    // Another day, or the name only in the text: nothing.
    note.date = Some(date(2024, 5, 15));
    assert!(matched(&[note.clone()]).is_empty());
    note.date = Some(date(2024, 5, 14));
    note.speakers.clear();
    note.body = "Mateo Ferreira on budgets.".into();
    assert!(matched(&[note]).is_empty());
}

#[test]
fn same_talk_given_at_another_conference_is_not_this_one() {
    let mut note = noted("kubeday/n.md", "Kubernetes Security Basics", &["Jonas Weber"]);
    note.conference = Some("KubeDay Rotterdam".into());
    note.date = Some(date(2024, 6, 20));
    assert!(matched(&[note]).is_empty());
}

#[test]
fn blog_post_dated_a_week_after_the_conference_chaos_write_up() {
    // `date: 2024-05-22` in a post written after the conference: not the talk's day.
    let mut note = noted("blog/chaos.md", "Introduction to Chaos Engineering", &["Zoë Müller"]);
    note.date = Some(date(2024, 5, 22));
    let m = &match_sessions(std::slice::from_ref(&note), &programme())[0];
    assert_eq!(m.official, 4);
    assert_eq!(m.reasons[0], "written 2024-05-22, after the conference");
    // Months later, or before the conference: another event (a meetup giving the talk again).
    note.date = Some(date(2024, 9, 22));
    assert!(matched(std::slice::from_ref(&note)).is_empty());
    note.date = Some(date(2024, 3, 2));
    assert!(matched(&[note]).is_empty());
}

#[test]
fn sessionize_file_at_the_top_of_the_notes_names_no_conference() {
    // A Sessionize file names no conference: saved as `sessionize.json` or under `programme/`,
    // its file or folder name stands in, and must not block the notes of its conference.
    for name in ["Sessionize", "Programme", "Schedule"] {
        let mut official = programme();
        for s in &mut official {
            s.conference = Some(name.into());
        }
        let notes = [noted("n.md", "Kubernetes Networking Deep Dive", &["Aiko Tanaka"])];
        assert_eq!(match_sessions(&notes, &official).len(), 1, "{name}");
    }
}

#[test]
fn an_initial_and_surname_agree_with_the_full_name() {
    let official = programme();
    let note = noted("n.md", "Observability", &["I. Solberg"]);
    let agrees = speaker_similarity(&Key::new(&note), &Key::new(&official[0])).unwrap();
    assert_eq!(
        (agrees.score, agrees.why.as_str()),
        (1.0, "speaker i solberg = ingrid solberg")
    );
    let other = noted("n.md", "Observability", &["J. Solberg"]);
    let disagrees = speaker_similarity(&Key::new(&other), &Key::new(&official[0])).unwrap();
    assert_eq!(disagrees.score, 0.0);
}

#[test]
fn enrich_spells_out_an_initial_and_surname_and_keeps_another_name() {
    let official = &programme()[0];
    let mut note = noted("n.md", "Observability", &["I. Solberg", "Kim Lee"]);
    assert_eq!(enrich(&mut note, official), ["speakers", "date", "room", "slot"]);
    assert_eq!(note.speakers, ["Ingrid Solberg", "Kim Lee"]);
    let mut other = noted("n.md", "Observability", &["J. Solberg"]);
    enrich(&mut other, official);
    assert_eq!(other.speakers, ["J. Solberg"], "another initial is another person");
}
