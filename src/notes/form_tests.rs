//! Talk headers in the forms of `forms.rs`, through the whole parser: each test is named
//! after the input it reads.

use super::*;

fn read(path: &str, text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
    parse(path, text)
        .sessions
        .into_iter()
        .filter(|s| s.kind != Kind::Section)
        .map(|s| (s.title, s.speakers, s.room))
        .collect()
}

fn talk(title: &str, speakers: &[&str]) -> (String, Vec<String>, Option<String>) {
    (
        title.to_string(),
        speakers.iter().map(|s| s.to_string()).collect(),
        None,
    )
}

#[test]
fn name_colon_title_heading_among_talk_headings_is_its_own_talk() {
    let text = "# Frontend Days 2018\n\n\
        ## \"Streams in the zoo\" — Mareike Schulz\nObservables.\n\n\
        ## Ben Ode: WebAssembly for the rest of us\n- wasm-pack\n\n\
        ## Lunch\n\n\
        ## Closing keynote by Amaka Eze\nKeep going.\n";
    assert_eq!(
        read("fd.md", text),
        [
            talk("Streams in the zoo", &["Mareike Schulz"]),
            talk("WebAssembly for the rest of us", &["Ben Ode"]),
            talk("Closing keynote", &["Amaka Eze"]),
        ]
    );
}

#[test]
fn same_level_heading_naming_no_one_after_talk_headings_is_a_talk_not_a_part() {
    let text = "# Ops Summit 2022\n\n\
        ## Scaling Postgres - Mara Lindqvist\nReplicas.\n\n\
        ## Why our on-call rota failed - Tomasz Brzeski\nToil.\n\n\
        ## The mystery talk after lunch\nI missed the speaker's name.\n";
    let found = read("ops.md", text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2], talk("The mystery talk after lunch", &[]));
}

#[test]
fn german_headings_vortrag_title_name_in_parentheses_and_referentin_label() {
    let text = "# Notizen zur Cloud Konferenz Köln 2021\n\n\
        ## Vortrag: Observability mit OpenTelemetry (Jürgen Becker)\nTraces.\n\n\
        ## Chaos Engineering in der Praxis – Referentin: Katrin Vogel\nGame days.\n\n\
        ## Fazit\nGut.\n";
    assert_eq!(
        read("koeln.md", text),
        [
            talk("Observability mit OpenTelemetry", &["Jürgen Becker"]),
            talk("Chaos Engineering in der Praxis", &["Katrin Vogel"]),
        ]
    );
}

#[test]
fn room_codes_before_schedule_talks_h_2215_and_k_1_105() {
    let text = "Open Source Weekend 2020\n\nSaturday\n\n\
        11:00 H.2215 - Rust in the Linux kernel, Miguel Fernández\nDrivers.\n\n\
        Sunday\n\n09:00 K.1.105 - Sandra Kowalska: Reproducible builds at scale\nDiffoscope.\n";
    let found = read("osw.txt", text);
    assert_eq!(
        found,
        [
            (
                "Rust in the Linux kernel".to_string(),
                vec!["Miguel Fernández".to_string()],
                Some("H.2215".to_string())
            ),
            (
                "Reproducible builds at scale".to_string(),
                vec!["Sandra Kowalska".to_string()],
                Some("K.1.105".to_string())
            ),
        ]
    );
}

#[test]
fn two_speakers_and_their_company_under_a_title_only_heading() {
    let text = "# Cloud Week 2023\n\n\
        ### eBPF all the things\nLars Øvergaard & Chen Wei (Isovalent)\n\nCilium.\n\n\
        ### Multi-tenancy without tears\n*Hannah Okafor*\n\nNamespaces.\n";
    assert_eq!(
        read("cw.md", text),
        [
            talk("eBPF all the things", &["Lars Øvergaard", "Chen Wei"]),
            talk("Multi-tenancy without tears", &["Hannah Okafor"]),
        ]
    );
}

#[test]
fn a_title_with_a_colon_or_a_company_in_parentheses_is_no_speaker() {
    let text = "# Notes 2019\n\n## Kubernetes: the hard way\nNotes.\n\n## Pricing the cloud (AWS)\nNotes.\n";
    let all = parse("k.md", text).sessions;
    assert!(all.iter().all(|s| s.speakers.is_empty()), "{all:?}");
}

#[test]
fn plain_outline_talks_indented_under_day_lines_with_a_rule_ending_them() {
    let text = "Reliability Days 2019\n\nDay 1\n\
        \tKeynote - Liz Fong-Jones - Cultivating production excellence\n\t\tSLOs everywhere\n\
        \tTammy Bryant - Chaos engineering on bare metal\n\t\tgame days\n\
        Day 2\n\tNiall Murphy - What SRE could be\n\t\tthe book is old\n\
        =====\nOverall: a good year.\n";
    let all = parse("rd.txt", text).sessions;
    let talks: Vec<(&str, &[String])> = all
        .iter()
        .filter(|s| s.kind != Kind::Section)
        .map(|s| (s.title.as_str(), s.speakers.as_slice()))
        .collect();
    assert_eq!(
        talks,
        [
            ("Cultivating production excellence", &["Liz Fong-Jones".to_string()][..]),
            ("Chaos engineering on bare metal", &["Tammy Bryant".to_string()][..]),
            ("What SRE could be", &["Niall Murphy".to_string()][..]),
        ]
    );
    assert_eq!(all[0].kind, Kind::Keynote);
    let last = all.last().unwrap();
    assert_eq!(last.kind, Kind::Section);
    assert!(last.body.contains("a good year") && !all[2].body.contains("a good year"));
}

#[test]
fn plain_outline_talk_line_without_handle_after_one_with_a_handle() {
    let text = "Day1\nAna Costa - @acosta - Why latency lies - https://example.org/l\n\tp99 is a lie\n\
        Ben Ode - Queues under load\n\tbackpressure first\n";
    assert_eq!(
        read("o.txt", text),
        [
            talk("Why latency lies", &["Ana Costa"]),
            talk("Queues under load", &["Ben Ode"]),
        ]
    );
}

#[test]
fn indented_paragraphs_of_prose_are_no_outline() {
    let text =
        "Thoughts from the train\n    the venue was far\n    lunch was good\nMore thoughts\n    next year again\n";
    assert!(read("t.txt", text).is_empty());
}

#[test]
fn table_of_talks_then_notes_under_a_heading_of_the_same_title_is_one_session_each() {
    let text = "# Python Days 2022\n\n\
        | Time | Speaker | Talk |\n|---|---|---|\n\
        | 10:00 | Anja Schmidt | Typing Python at scale |\n\
        | 10:45 | Marek Nowak | Async pitfalls in production |\n\n\
        ## Typing Python at scale\nmypy strict everywhere.\n";
    let all = parse("pd.md", text).sessions;
    let typing: Vec<&Session> = all.iter().filter(|s| s.title == "Typing Python at scale").collect();
    assert_eq!(typing.len(), 1, "{all:?}");
    assert_eq!(typing[0].speakers, ["Anja Schmidt"]);
    assert_eq!(typing[0].start.as_deref(), Some("10:00"));
    assert!(typing[0].body.contains("mypy strict"));
    assert_eq!(typing[0].source.line, 8, "at the notes");
    assert!(
        all.iter()
            .any(|s| s.title == "Async pitfalls in production" && s.speakers == ["Marek Nowak"])
    );
}

#[test]
fn the_same_title_on_two_days_stays_two_talks() {
    let text = "Ops Days 2019\n\nMay 2, 2019\n09:00 – 09:30 Ann Lee – State of the platform\n\n\
        May 3, 2019\n09:00 – 09:30 Bob Ray – State of the platform\n";
    let all = parse("od.txt", text).sessions;
    assert_eq!(
        all.iter().filter(|s| s.title == "State of the platform").count(),
        2,
        "{all:?}"
    );
}

#[test]
fn front_matter_title_notes_on_a_talk_by_a_speaker_at_a_conference() {
    let text = "---\ntitle: \"Notes on 'Designing data pipelines' by Sanna Virtanen at Data Days 2020\"\ndate: 2020-03-04\n---\n\nIdempotent steps.\n";
    assert_eq!(
        read("post.md", text),
        [talk("Designing data pipelines", &["Sanna Virtanen"])]
    );
}

#[test]
fn front_matter_event_with_a_year_gives_the_year_and_the_conference() {
    let s = parse(
        "t.md",
        "---\ntitle: Zero trust in practice\nspeaker: Gabriela Souza\nevent: QCon London 2022\n---\n\nNotes.\n",
    )
    .sessions;
    assert_eq!(
        (s[0].conference.as_deref(), s[0].year),
        (Some("QCon London"), Some(2022))
    );
}

#[test]
fn list_items_title_then_speaker_in_parentheses_or_after_a_dash() {
    let text = "# Open Days 2019\n\nMy favourite talks:\n\n\
        - **The state of licensing** — Pam Chestek\n  - copyleft lives\n\
        - **Why I stopped using microservices** (Kelsey Hightower)\n  - monoliths are fine\n";
    assert_eq!(
        read("od.md", text),
        [
            talk("The state of licensing", &["Pam Chestek"]),
            talk("Why I stopped using microservices", &["Kelsey Hightower"]),
        ]
    );
}

#[test]
fn fireside_chat_with_a_guest_and_a_panel_label_under_a_conference_h1() {
    let text =
        "# CraftConf 2018\n\n## Fireside chat with Kent Beck\nTDD.\n\n## Panel: the future of testing\nMany views.\n";
    let all = parse("cc.md", text).sessions;
    assert!(
        all.iter()
            .all(|s| s.title != "CraftConf 2018" || s.kind == Kind::Section),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|s| s.title == "Fireside chat with Kent Beck" && s.speakers == ["Kent Beck"])
    );
    assert!(
        all.iter()
            .any(|s| s.title == "Panel: the future of testing" && s.kind == Kind::Panel)
    );
}

#[test]
fn french_guillemets_par_and_spanish_charla_ponente_por() {
    let fr = "# Devoxx France 2023 — mes notes\n\n## « Le futur de Java » par Rémi Forax\nValhalla.\n\n\
        ## Kubernetes sans douleur — Aurélie Vache\nDessins.\n\n## Conclusion\nBien.\n";
    assert_eq!(
        read("fr.md", fr),
        [
            talk("Le futur de Java", &["Rémi Forax"]),
            talk("Kubernetes sans douleur", &["Aurélie Vache"]),
        ]
    );
    let es = "# Notas de la Commit Conf 2022\n\n### Charla: Arquitectura hexagonal en la práctica\n\
        Ponente: Carlos Buenosvinos\n\nPuertos.\n\n### Testing en producción, por Laura Gómez\nFlags.\n";
    assert_eq!(
        read("es.md", es),
        [
            talk("Arquitectura hexagonal en la práctica", &["Carlos Buenosvinos"]),
            talk("Testing en producción", &["Laura Gómez"]),
        ]
    );
}

#[test]
fn conference_h1_over_prose_naming_no_talk_is_a_section_not_a_talk() {
    let text = "# Strange Loop 2019\n\nI went to a few talks this year and liked the formal methods ones.\n";
    let all = parse("sl.md", text).sessions;
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].kind, all[0].year), (Kind::Section, Some(2019)));
}

#[test]
fn items_under_an_ignites_heading_are_ignites() {
    let text = "---\nconference: Ops Days Chicago\ndate: 2018-08-28\n---\n# Ignites\n\n\
        * **Jane Park** – Burnout is a bug\n* **Omar Haddad** – Pets vs cattle vs insects\n\n\
        # Workshops\n\n* Lauren Moss - Terraform from zero\n* Ken Ito - Packer in practice\n";
    let kinds: Vec<(String, Kind)> = parse("c.md", text)
        .sessions
        .into_iter()
        .map(|s| (s.title, s.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Burnout is a bug".to_string(), Kind::Ignite),
            ("Pets vs cattle vs insects".to_string(), Kind::Ignite),
            ("Terraform from zero".to_string(), Kind::Workshop),
            ("Packer in practice".to_string(), Kind::Workshop),
        ]
    );
}
