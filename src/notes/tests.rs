//! The parser on string literals: each tricky shape people write, by name.
//!
//! Length: a test file (one test per tricky input on string literals); it grows with the inputs.

use super::*;
use proptest::prelude::*;

fn sessions(path: &str, text: &str) -> Vec<Session> {
    parse(path, text).sessions
}

fn titles(list: &[Session]) -> Vec<&str> {
    list.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn schedule_line_with_en_dash_hyphen_and_em_dash() {
    let s = sessions(
        "n.txt",
        "May 2, 2019\n09:45 – 10:15 Ann Lee – One\n10:15 - 10:45 Bob Ray - Two\n10:45 — 11:15 Cy Po — Three\n",
    );
    assert_eq!(titles(&s), ["One", "Two", "Three"]);
    assert_eq!(s[1].speakers, ["Bob Ray"]);
    assert_eq!(s[2].start.as_deref(), Some("10:45"));
}

#[test]
fn mixed_separators_in_slot_11_00_to_11_30() {
    let s = sessions(
        "n.txt",
        "May 2, 2019\n11:00 – 11.30 Neil Crawford – Repository driven development\n",
    );
    assert_eq!(
        (s[0].start.as_deref(), s[0].end.as_deref()),
        (Some("11:00"), Some("11:30"))
    );
}

#[test]
fn am_pm_slot_11_05am_11_45am() {
    let s = sessions("n.txt", "11:05am–11:45am Jane Smith – Observability at scale\n");
    assert_eq!(
        (s[0].start.as_deref(), s[0].end.as_deref()),
        (Some("11:05"), Some("11:45"))
    );
    assert_eq!(s[0].speakers, ["Jane Smith"]);
}

#[test]
fn opening_keynote_with_speaker_after_colon() {
    let s = sessions("n.txt", "09:15 – 09:45 Opening Keynote: Maria Gutierrez\n");
    assert_eq!((s[0].title.as_str(), s[0].kind), ("Opening Keynote", Kind::Keynote));
    assert_eq!(s[0].speakers, ["Maria Gutierrez"]);
}

#[test]
fn several_speakers_comma_ampersand_and() {
    let s = sessions(
        "n.txt",
        "10:00 – 10:30 Adarsh Shah, Priyanka Rao – Platforms\n10:30 – 11:00 Ann Lee & Bob Ray – Pairs\n11:00 – 11:30 Cy Po and Di Wu – Trios\n",
    );
    assert_eq!(s[0].speakers, ["Adarsh Shah", "Priyanka Rao"]);
    assert_eq!(s[1].speakers, ["Ann Lee", "Bob Ray"]);
    assert_eq!(s[2].speakers, ["Cy Po", "Di Wu"]);
}

#[test]
fn breaks_registration_sponsors_are_not_sessions() {
    let s = sessions(
        "n.txt",
        "08:00 – 09:05 Registration and coffee\n09:05 – 09:15 Opening welcome\n10:15 – 10:30 Break + coffee\n12:45 – 13:45 Lunch Break\n14:15 – 14:30 Sponsors\n16:50 – 17:00 Day Close\n",
    );
    assert!(s.is_empty(), "{:?}", titles(&s));
}

#[test]
fn notes_under_a_break_are_kept_as_a_section() {
    let s = sessions("n.txt", "10:15 – 10:30 Break + coffee\nMet old colleagues.\n");
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].kind, s[0].title.as_str()), (Kind::Section, "Break + coffee"));
}

#[test]
fn ignites_block_with_notes_on_same_and_next_lines() {
    let s = sessions(
        "n.txt",
        "13:45 – 14:15 Ignites\n\nDave Stanke – All Tech is Debt @dstanke “quoted remark” more\nAdarsh Shah – Team structures\nTurned out to be a trailer\n",
    );
    assert_eq!(titles(&s), ["All Tech is Debt", "Team structures"]);
    assert!(
        s.iter()
            .all(|x| x.kind == Kind::Ignite && x.start.as_deref() == Some("13:45"))
    );
    assert!(s[0].body.contains("quoted remark"));
    assert!(s[1].body.contains("trailer"));
}

#[test]
fn open_space_block_with_star_marking_the_attended_option() {
    let text = "Open Spaces Session 1- 15:05 – 15:35\n(four options, the one chosen starred)\nHutton Room – Regulated industries.\n* Biosphere Blue – Which platform?\nSalisbury Suite- Reinventing wheels\n\nBig room for this.\n\nSession 2 – 15:40 – 16:10\n*Boardroom – TDD\nHutton Room – On call\n";
    let s = sessions("n.txt", text);
    assert_eq!(
        titles(&s),
        [
            "Regulated industries",
            "Which platform?",
            "Reinventing wheels",
            "TDD",
            "On call"
        ]
    );
    assert!(s.iter().all(|x| x.kind == Kind::OpenSpace));
    assert_eq!(
        s.iter().map(|x| x.attended).collect::<Vec<_>>(),
        [Some(false), Some(true), Some(false), Some(true), Some(false)]
    );
    assert_eq!(s[2].room.as_deref(), Some("Salisbury Suite"));
    assert_eq!(
        (s[3].start.as_deref(), s[3].end.as_deref()),
        (Some("15:40"), Some("16:10"))
    );
    assert!(s[1].body.contains("Big room") && s[1].body.contains("four options"));
}

#[test]
fn room_and_tags_lines_at_the_top_of_a_talk_hall_a_async_python() {
    let s = sessions(
        "n.md",
        "# Conf 2019\n\n## Async all the way down — Lukas Meyer\nRoom: Hall A\nTags: async, Python\nNotes about loops.\n\n\
         ## Typing for everyone — Ben Ode\n**Location:** Room 2\nKeywords: #typing #mypy\nbody\n\n\
         ## Queues — Ana Lima\nLong notes first.\nMore notes.\nAnd more.\nStill more.\nYet more.\nLast.\nRoom: not a field here\n",
    );
    assert_eq!(titles(&s), ["Async all the way down", "Typing for everyone", "Queues"]);
    assert_eq!(s[0].room.as_deref(), Some("Hall A"));
    assert_eq!(s[0].tags, ["async", "python"]);
    assert!(s[0].body.contains("Room: Hall A"), "the line stays in the notes");
    assert_eq!(s[1].room.as_deref(), Some("Room 2"));
    assert_eq!(s[1].tags, ["typing", "mypy"]);
    assert_eq!(
        (s[2].room.as_deref(), s[2].tags.len()),
        (None, 0),
        "only the first lines are fields"
    );
}

#[test]
fn location_line_over_a_whole_file_austin_tx_is_no_room() {
    // A file that is the conference's page: its `Location:` is the city, not a room.
    let s = sessions("oscon.md", "# OSCON 2016\n\nLocation: Austin, TX\nGreat week.\n");
    assert!(s.iter().all(|x| x.room.is_none()), "{s:#?}");
    let s = sessions(
        "talk.md",
        "# Queues in practice\n\nRoom: Ballroom B\nSpeaker: Ana Lima\nNotes.\n",
    );
    assert_eq!(s[0].room.as_deref(), Some("Ballroom B"), "`Room:` is a room anywhere");
}

#[test]
fn org_room_property_is_the_talks_room() {
    let s = sessions(
        "n.org",
        "#+TITLE: PyCon 2022\n\n* Async all the way down\n:PROPERTIES:\n:SPEAKER: Lukas Meyer\n:ROOM: Hall A\n:END:\nNotes.\n",
    );
    assert_eq!(s[0].speakers, ["Lukas Meyer"]);
    assert_eq!(s[0].room.as_deref(), Some("Hall A"));
}

#[test]
fn open_space_topics_at_the_end_of_the_file_secrets_management_are_kept() {
    // The block's notes were kept only when something after them ended the block.
    for (name, text) in [
        ("n.txt", "11:00 Open spaces\nsecrets management\nchaos engineering\n"),
        (
            "n.md",
            "# Conf 2019\n\n11:00 Open spaces\n\n- secrets management\n- chaos engineering\n",
        ),
    ] {
        let s = sessions(name, text);
        let bodies: String = s.iter().map(|x| x.body.as_str()).collect::<Vec<_>>().join("\n");
        assert!(
            bodies.contains("secrets management") && bodies.contains("chaos engineering"),
            "{name}: {s:#?}"
        );
    }
}

#[test]
fn open_space_title_wrapped_mid_word_worl_d() {
    let s = sessions(
        "n.txt",
        "Open Spaces Session 1 – 14:50 – 15:20\n* Salisbury Suite – Release management in a continuous delivery worl\nd\nCheck out K3S\n",
    );
    assert_eq!(s[0].title, "Release management in a continuous delivery world");
    assert!(s[0].body.contains("K3S"));
}

#[test]
fn day_lines_in_every_written_form() {
    for (day, want) in [
        ("October 17, 2019", "2019-10-17"),
        ("17 October 2019", "2019-10-17"),
        ("2019-10-17", "2019-10-17"),
        ("10/17/2019", "2019-10-17"),
        ("Thursday 17th October", "2019-10-17"),
        ("Thu 17 Oct", "2019-10-17"),
    ] {
        let s = sessions("2019/n.txt", &format!("{day}\n09:00 – 09:30 Ann Lee – Talk\n"));
        assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some(want), "{day}");
    }
}

#[test]
fn french_day_heading_jour_2_samedi_23_septembre() {
    let text = "Title: Compte-rendu\nDate: 2017-09-25\n\n# Jour 2 - samedi 23 septembre\n\n## 10h30 : Plone, quinze ans - Eric Bréhault - Makina Corpus\n\nTexte.\n";
    let s = sessions("post.md", text);
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2017-09-23"));
    assert_eq!(s[0].start.as_deref(), Some("10:30"));
    assert_eq!(s[0].speakers, ["Eric Bréhault"]);
    assert_eq!(s[0].title, "Plone, quinze ans");
}

#[test]
fn heading_saturday_10_00_title_dash_speaker() {
    let text = "Title: Minutes of the FOSDEM 2020 conference\nDate: 2020-02-06 14:00\n---\n\nIntro.\n\n## Saturday 10:00 How FOSS helps cities - Danese Cooper\nNotes.\n\n## Sunday 16:00 Sunday 16:00 NGI Zero: A treasure - Michiel Leenaars\n\n## Conclusive notes\nBye.\n";
    let s = sessions("minutes.md", text);
    assert_eq!(
        titles(&s),
        [
            "Minutes of the FOSDEM 2020 conference",
            "How FOSS helps cities",
            "NGI Zero: A treasure",
            "Conclusive notes"
        ]
    );
    assert_eq!(s[1].date.map(|d| d.to_string()).as_deref(), Some("2020-02-01"));
    assert_eq!(s[2].date.map(|d| d.to_string()).as_deref(), Some("2020-02-02"));
    assert_eq!(s[3].kind, Kind::Section);
    assert!(s.iter().all(|x| x.conference.as_deref() == Some("FOSDEM")));
}

#[test]
fn quoted_title_by_speaker_heading() {
    let s = sessions(
        "2018/pygotham/mfa.md",
        "## \"MFA the Right Way\" by Collin Stedman\n\nText\n\n## Multi-factor authentication\n\nMore\n",
    );
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "MFA the Right Way");
    assert_eq!(s[0].speakers, ["Collin Stedman"]);
    assert!(s[0].body.contains("More"));
    assert_eq!(s[0].year, Some(2018));
    assert_eq!(s[0].conference.as_deref(), Some("Pygotham"));
}

#[test]
fn speaker_with_company_and_handle_title_pipe_speaker() {
    let s = sessions("n.md", "### Zero Downtime | Jane Doe @ Acme (@janed)\n\nText\n");
    assert_eq!(
        (s[0].title.as_str(), s[0].speakers.as_slice()),
        ("Zero Downtime", &["Jane Doe".to_string()][..])
    );
}

#[test]
fn speaker_on_line_under_heading() {
    for (under, who) in [
        ("## Andrew Godwin, Django Core Developer, Eventbrite", "Andrew Godwin"),
        ("_Radina Matic_", "Radina Matic"),
        ("* who: Sam Agnew", "Sam Agnew"),
        ("Presenter: Rimma Nehme", "Rimma Nehme"),
        ("* Abby Fuller - Sr Tech Evangelist, AWS", "Abby Fuller"),
    ] {
        let s = sessions(
            "talk.md",
            &format!("# Architecting with Channels\n{under}\n\n### Ideas\n\n* point\n"),
        );
        assert_eq!(s.len(), 1, "{under}");
        assert_eq!(s[0].speakers, [who], "{under}");
        assert_eq!(s[0].title, "Architecting with Channels");
    }
}

#[test]
fn presenters_list_with_nested_names() {
    let s = sessions(
        "Build-2017/Day3-Bot-Framework.md",
        "* Presenters\n  * Chris Mullins (sr dir)\n  * Henrik Nielson (Principal Arch)\n* Announcement\n",
    );
    assert_eq!(s[0].speakers, ["Chris Mullins", "Henrik Nielson"]);
    assert_eq!(s[0].title, "Day3 Bot Framework");
    assert_eq!(s[0].year, Some(2017));
    assert_eq!(s[0].conference.as_deref(), Some("Build"));
}

#[test]
fn file_per_talk_without_heading_takes_file_name() {
    let s = sessions(
        "KubeCon-2017/service-mesh-ci-cd.md",
        "* Brian Redmond\n  * Azure team\n* Concepts\n",
    );
    assert_eq!(s[0].title, "service mesh ci cd");
    assert_eq!(s[0].speakers, ["Brian Redmond"]);
    assert_eq!(s[0].conference.as_deref(), Some("KubeCon"));
}

#[test]
fn file_name_notes_ndc_sydney_2024() {
    let s = sessions(
        "NOTES_NDC_Sydney_2024.md",
        "# Day 1\n\n## 09:00 Keynote - Jane Doe\n\nText\n",
    );
    assert_eq!(s[0].year, Some(2024));
    assert_eq!(s[0].conference.as_deref(), Some("NDC Sydney"));
    assert_eq!(s[0].kind, Kind::Keynote);
}

#[test]
fn table_of_contents_readme_is_not_talks() {
    let text = "# PyGotham 2018 talk links\n\n## \"Talk One\" by Ann Lee\n\n* [Notes](./talk-one.md)\n\n## \"Talk Two\" by Bob Ray\n\n* [Notes](./talk-two.md)\n";
    let s = sessions("2018/pygotham/README.md", text);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].kind, Kind::Section);
    assert!(s[0].body.contains("Talk One"));
}

#[test]
fn plain_text_sections_from_title_like_lines() {
    let text = "Intro paragraph of the post.\n\nSecuring Containers\n\nNo root login. Limit ssh.\n\nShort retrospective at time for feedback\n\nKubernetes for the Faint Hearted\n\nMinikube is the answer.\n";
    let s = sessions("post.txt", text);
    assert_eq!(
        titles(&s)[1..],
        ["Securing Containers", "Kubernetes for the Faint Hearted"]
    );
    assert!(s[1].body.contains("retrospective"));
    assert_eq!(s[0].kind, Kind::Section);
}

#[test]
fn no_note_text_is_dropped() {
    let text = "Preface.\n\n08:00 – 09:00 Registration\nChatted.\n\n09:00 – 09:30 Ann Lee – Talk\nNotes.\n";
    let s = sessions("n.txt", text);
    let all: String = s.iter().map(|x| x.body.clone()).collect::<Vec<_>>().join("\n");
    for word in ["Preface", "Chatted", "Notes"] {
        assert!(all.contains(word), "{word} lost");
    }
}

#[test]
fn hashtags_not_headings_fragments_or_numbers() {
    let s = sessions(
        "n.md",
        "# Title by Ann Lee\n\nLoved #Vault and #k8s, see https://x.example.com/#frag, issue #12, C#.\n",
    );
    assert_eq!(s[0].tags, ["vault", "k8s"]);
}

#[test]
fn front_matter_tags_and_hashtags_merge() {
    let s = sessions(
        "n.md",
        "---\ntitle: Vault deep dive\nspeakers: [Armon Dadgar]\ntags: [Vault, security]\n---\n\nUse #secrets well.\n",
    );
    assert_eq!(s[0].tags, ["vault", "security", "secrets"]);
    assert_eq!(s[0].speakers, ["Armon Dadgar"]);
}

#[test]
fn zero_width_and_non_breaking_spaces_are_whitespace() {
    let s = sessions(
        "n.txt",
        "09:00\u{a0}–\u{a0}09:30 Ann\u{200b}Lee – Ca\u{301}fe\u{301} talk 🎉\n",
    );
    assert_eq!(s[0].speakers, ["Ann Lee"]);
    assert_eq!(s[0].title, "Ca\u{301}fe\u{301} talk 🎉");
}

#[test]
fn url_glued_to_word_and_wrapped_in_markdown_link() {
    let s = sessions(
        "n.md",
        "# T by Ann Lee\n\nsee Failure”https://example.com/a and [x](https://example.com/long/pa\nth) and github.com/org/repo\n",
    );
    let urls: Vec<&str> = s[0].links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.com/a",
            "https://example.com/long/path",
            "https://github.com/org/repo"
        ]
    );
}

#[test]
fn heading_inside_list_item_is_text() {
    let s = sessions("swarm.md", "* Scheduling\n    # \"docker service create\"\n* More\n");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "swarm");
}

#[test]
fn empty_and_whitespace_notes_have_no_sessions() {
    assert!(sessions("e.md", "").is_empty());
    assert!(sessions("e.txt", " \n\n\t\n").is_empty());
}

#[test]
fn slot_and_date_under_a_title_belong_to_the_talk() {
    let s = sessions(
        "oscon-2016/fluent.md",
        "# Fluent Python\n\n## Details:\n* Luciano Ramalho (ThoughtWorks - Technical Principal)\n* 1:30pm–5:00pm Tuesday, 05/17/2016\n",
    );
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].speakers, ["Luciano Ramalho"]);
    assert_eq!(
        (s[0].start.as_deref(), s[0].end.as_deref()),
        (Some("13:30"), Some("17:00"))
    );
    assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2016-05-17"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// `parse` never panics, every session's line lies inside the file, every link parses.
    #[test]
    fn parse_never_panics_and_stays_inside_the_file(text in "(?s).{0,600}", md in any::<bool>()) {
        check(if md { "x.md" } else { "x.txt" }, &text);
    }

    /// The same with text built from the shapes notes are made of.
    #[test]
    fn parse_never_panics_on_note_shaped_text(parts in proptest::collection::vec(prop_oneof![
        Just("October 17, 2019\n".to_string()),
        Just("09:45 – 10:15 Ann Lee – A talk\n".to_string()),
        Just("13:45 – 14:15 Ignites\n".to_string()),
        Just("Open Spaces Session 1 – 15:05 – 15:35\n".to_string()),
        Just("* Boardroom – Secrets\n".to_string()),
        Just("## \"T\" by Bo Li\n".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("[a](https://e.com/(x)\n".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z #*:–-]{0,40}\n",
        "https?://[a-z./()_%?=&#-]{0,30}",
    ], 0..30), md in any::<bool>()) {
        let text: String = parts.concat();
        check(if md { "2019/x.md" } else { "2019/x.txt" }, &text);
    }
}

fn check(path: &str, text: &str) {
    let lines = text.split('\n').count().max(1);
    for s in parse(path, text).sessions {
        assert!(
            s.source.line >= 1 && s.source.line <= lines,
            "line {} outside 1..={lines}",
            s.source.line
        );
        for l in &s.links {
            assert!(url::Url::parse(&l.url).is_ok(), "{}", l.url);
        }
    }
}

#[test]
fn sub_heading_naming_a_topic_of_the_title_pixar_philosophy() {
    let s = sessions("pixar.md", "# Pixar\n\n## Pixar Philosophy\n\n* Peers\n");
    assert!(s[0].speakers.is_empty());
}

#[test]
fn speaker_sub_heading_with_company_syrus_akbary_affirm() {
    let s = sessions("graphene.md", "# Graphene\n## Syrus Akbary, Affirm\n\n### Ideas\n");
    assert_eq!(s[0].speakers, ["Syrus Akbary"]);
}

#[test]
fn speaker_introduced_later_as_name_dash_company() {
    let s = sessions(
        "net.md",
        "* enter containers\n  * many hosts\n* Docker 1.7\n  * networks\n* more\n* more\n* more\n* more\n* Sasi Kannappan - Visa\n  * history\n* Universal Control Plane - UCP\n",
    );
    assert_eq!(s[0].speakers, ["Sasi Kannappan"]);
}

#[test]
fn em_dash_kept_in_title_ego_less_programming() {
    let s = sessions(
        "n.txt",
        "12:15 – 12:45 Piotr Gaczkowski – Ego-less Programming — the philosophy of better code\n",
    );
    assert_eq!(s[0].title, "Ego-less Programming — the philosophy of better code");
}

#[test]
fn a_keynote_note_under_a_schedule_line() {
    let s = sessions(
        "n.txt",
        "09:00 – 09:30 PJ Hagerty – From Turing to Big Data\n\nA keynote (no comments)\n",
    );
    assert_eq!(s[0].kind, Kind::Keynote);
}

#[test]
fn panel_people_list_after_moderator() {
    let s = sessions(
        "k8s-public-cloud-panel.md",
        "# Moderated by Dan Kohn, CNCF\n\n* people\n  * Aparna Sinha - Google\n  * Gabe Monroy - Azure\n* Which projects?\n",
    );
    assert_eq!(s[0].speakers, ["Dan Kohn", "Aparna Sinha", "Gabe Monroy"]);
    assert_eq!(
        (s[0].title.as_str(), s[0].kind),
        ("k8s public cloud panel", Kind::Panel)
    );
}

#[test]
fn conference_from_first_line_breakout_notes_devopsdays_edinburgh_2017() {
    let s = sessions(
        "2017/breakouts.txt",
        "Breakout notes, DevOpsDays Edinburgh 2017\n\nIntro.\n\nSecuring Containers\n\nNo root.\n",
    );
    assert!(
        s.iter()
            .all(|x| x.conference.as_deref() == Some("DevOpsDays Edinburgh")),
        "{:?}",
        s.iter().map(|x| &x.conference).collect::<Vec<_>>()
    );
}

#[test]
fn panel_label_with_names_on_the_same_line() {
    for (under, who) in [
        (
            "Panel: Ines Varga, Otto Lind, Priya Nair",
            &["Ines Varga", "Otto Lind", "Priya Nair"][..],
        ),
        (
            "* Panel: Ines Varga (Globex), Otto Lind & Priya Nair",
            &["Ines Varga", "Otto Lind", "Priya Nair"][..],
        ),
        (
            "On the panel - Ines Varga and Otto Lind",
            &["Ines Varga", "Otto Lind"][..],
        ),
    ] {
        let s = sessions(
            "day2.md",
            &format!("# Day 2\n\n## 11:20 Panel: Who Owns the Pager?\n\n{under}\n\n* rotas need slack\n"),
        );
        assert_eq!(s.len(), 1, "{under}");
        assert_eq!(
            (s[0].title.as_str(), s[0].kind),
            ("Panel: Who Owns the Pager?", Kind::Panel),
            "{under}"
        );
        assert_eq!(s[0].speakers, who, "{under}");
    }
}

#[test]
fn panel_label_followed_by_prose_is_not_speakers() {
    for under in [
        "Panel: the room agreed that rotas need slack.",
        "Panel: Kubernetes, Nomad, Swarm",
    ] {
        let s = sessions(
            "day2.md",
            &format!("# Day 2\n\n## 11:20 Panel: Who Owns the Pager?\n\n{under}\n\n* rotas need slack\n"),
        );
        assert!(s[0].speakers.is_empty(), "{under}: {:?}", s[0].speakers);
        assert!(s[0].body.contains(under.trim_start_matches("* ")), "{under}");
    }
}

#[test]
fn wrap_up_without_hyphen_is_not_a_talk() {
    for close in [
        "Wrap up and close",
        "Wrapup",
        "Wrap-up",
        "Wrap up",
        "Closing remarks",
        "Check in and coffee",
    ] {
        let s = sessions(
            "n.txt",
            &format!("June 4, 2021\n16:00 - 16:40 Lena Holt - Feature Flags\n16:40 - 17:00 {close}\n"),
        );
        assert_eq!(titles(&s), ["Feature Flags"], "{close}");
    }
    // The same words starting a real title leave it a talk.
    let s = sessions(
        "n.txt",
        "June 4, 2021\n16:00 - 16:40 Wrap Up Your Monolith in Containers\n",
    );
    assert_eq!(titles(&s), ["Wrap Up Your Monolith in Containers"]);
}

#[test]
fn oct_18_10_00_heading_after_a_day_line_takes_the_days_year() {
    // The outline stage reads this heading before the day line gives the year; the builder
    // must read it again rather than reuse that first, yearless reading.
    let s = sessions(
        "n.md",
        "# Harbour conference notes\n\nSome prose first.\n\n## October 17, 2019\n\n### Oct 18 10:00 Loop Better - Trey Hunner\n\nnotes\n\n### Oct 18 11:00 Serverless Rust - Ana Costa\n\nmore notes\n",
    );
    // The prose under the file's title is a section of its own.
    assert_eq!(
        titles(&s),
        ["Harbour conference notes", "Loop Better", "Serverless Rust"]
    );
    assert_eq!(s[1].date.map(|d| d.to_string()).as_deref(), Some("2019-10-18"));
    assert_eq!(s[2].speakers, ["Ana Costa"]);
}
