//! Talk headers whose speaker is not set off by a dash: a colon, parentheses, a comma, a
//! label, and a room in front of a schedule line.
//!
//! - `Ben Ode: WebAssembly for the rest of us` — names, a colon, the title;
//! - `Observability mit OpenTelemetry (Jürgen Becker)`, `"Title" (Ana Costa, Acme)` — the
//!   title, then names in parentheses (a company alone in them is no speaker);
//! - `Chaos Engineering in der Praxis – Referentin: Katrin Vogel` — a part opened by a
//!   speaker label;
//! - `Vortrag: Observability …`, `Talk - …` — a label that only says this is a talk;
//! - `Rust in the Linux kernel, Miguel Fernández` — on a schedule line only, names after
//!   the last comma;
//! - `H.2215 - Title`, `Room 301 – Title`, `Hall A | Title` — a room before the talk.
//!
//! Each form needs the names part to read as people's names ([`NAME_SCORE`]) and the title
//! to be more than one word, so that `Kubernetes: the hard way` or `Pricing (beta)` stay titles.
//!
//! Length: over 500 lines with its unit tests (the `mod tests` at the end); the code is under 500.

use super::names::{dash_parts, name_score, speakers_from_byline, split_names};
use super::parts::{Part, classify};

/// Name score each person of a names part needs.
pub(crate) const NAME_SCORE: f32 = 0.75;
/// Words a title needs, at least.
const TITLE_MIN_WORDS: usize = 2;
/// Words a room may have (`Main Hall B`).
const ROOM_MAX_WORDS: usize = 3;

/// Words that label a part as the speakers (`Speaker: Ana Costa`, `Referentin: …`, `登壇者：…`).
const SPEAKER_LABELS: &[&str] = &[
    "登壇者",
    "講者",
    "讲者",
    "発表者",
    "スピーカー",
    "who",
    "panelists",
    "panellists",
    "speaker",
    "speakers",
    "presenter",
    "presenters",
    "presented by",
    "by",
    "with",
    "referent",
    "referentin",
    "referenten",
    "sprecher",
    "sprecherin",
    "vortragender",
    "vortragende",
    "ponente",
    "ponentes",
    "orador",
    "oradora",
    "intervenant",
    "intervenante",
    "intervenants",
    "orateur",
    "oratrice",
    "conférencier",
    "conférencière",
    "palestrante",
    "spreker",
    "sprekers",
    "relatore",
    "relatrice",
    "prelegent",
    "prelegentka",
];

/// `speaker`, `Referentin`, `登壇者`: a label that promises the speakers after it.
pub(crate) fn is_speaker_label(label: &str) -> bool {
    SPEAKER_LABELS.contains(&label.trim().to_lowercase().as_str())
}

/// Words that only say a header is a talk (`Vortrag: Title`, `Talk - Title`).
const TALK_LABELS: &[&str] = &[
    "talk",
    "session",
    "presentation",
    "vortrag",
    "charla",
    "ponencia",
    "conférence",
    "conference talk",
    "exposé",
    "lezing",
    "intervento",
    "prelekcja",
    "wykład",
];

/// Words that make a short part a room (`Room 301`, `Salle Bleue`, `Main Stage`).
const ROOM_WORDS: &[&str] = &[
    "room",
    "hall",
    "track",
    "stage",
    "auditorium",
    "theatre",
    "theater",
    "ballroom",
    "salle",
    "saal",
    "raum",
    "sala",
    "aula",
    "amphi",
    "amphitheatre",
    "hörsaal",
];

fn long_title(text: &str) -> bool {
    let t = text.trim();
    t.split_whitespace().count() >= TITLE_MIN_WORDS && classify(t) == Part::Title
}

fn people(text: &str) -> Option<Vec<String>> {
    let names = speakers_from_byline(text);
    (!names.is_empty() && names.iter().all(|n| name_score(n) >= NAME_SCORE)).then_some(names)
}

/// `Label: rest` → (label in lower case, rest), when the label is one or two words.
pub(crate) fn label(text: &str) -> Option<(String, &str)> {
    let (head, rest) = text.split_once(':')?;
    let head = head.trim();
    (!head.is_empty() && head.split_whitespace().count() <= 2).then(|| (head.to_lowercase(), rest.trim()))
}

/// The text after a label that only says "this is a talk": `Vortrag: Observability …`.
pub(crate) fn without_talk_label(text: &str) -> &str {
    let t = text.trim();
    if let Some((l, rest)) = label(t)
        && TALK_LABELS.contains(&l.as_str())
        && !rest.is_empty()
    {
        return rest;
    }
    for sep in [" - ", " – ", " — "] {
        if let Some((head, rest)) = t.split_once(sep)
            && TALK_LABELS.contains(&head.trim().to_lowercase().as_str())
        {
            return rest.trim();
        }
    }
    t
}

/// The speakers of a part opened by a speaker label: `Referentin: Katrin Vogel`.
pub(crate) fn labelled_speakers(part: &str) -> Option<Vec<String>> {
    let (l, rest) = label(part.trim())?;
    if !is_speaker_label(&l) {
        return None;
    }
    people(rest)
}

/// Title and speakers of a header in one of the forms above. `schedule`: the header is a
/// schedule line's text, where `Title, Name` is also read.
pub(crate) fn title_and_speakers(text: &str, schedule: bool) -> Option<(String, Vec<String>)> {
    let text = without_talk_label(text);
    // `Title – Referentin: Katrin Vogel`
    let parts = dash_parts(text);
    if parts.len() == 2 {
        for (who, title) in [(parts[1], parts[0]), (parts[0], parts[1])] {
            if let Some(speakers) = labelled_speakers(who)
                && long_title(title)
            {
                return Some((title.trim().to_string(), speakers));
            }
        }
    }
    // `Ben Ode: WebAssembly for the rest of us`
    if let Some((who, title)) = text.split_once(": ")
        && !who.contains(['(', '"', '“'])
        && let Some(speakers) = people(who)
        && long_title(title)
    {
        return Some((title.trim().to_string(), speakers));
    }
    // `Observability mit OpenTelemetry (Jürgen Becker)`, `"Title" (Ana Costa, Acme)`
    if let Some(inner) = text.trim_end().strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let title = inner[..open].trim();
        let within = &inner[open + 1..];
        // `(Ana Costa, Acme)`: the first part names the person, the rest is where they work
        // (a company reads like a name, so a comma is not taken to list people here).
        let who = within.split([',', ';']).next().unwrap_or("");
        let speakers = people(who);
        if let Some(speakers) = speakers
            && long_title(title)
        {
            return Some((title.to_string(), speakers));
        }
    }
    // `Rust in the Linux kernel, Miguel Fernández`
    if schedule
        && let Some((title, who)) = text.rsplit_once(", ")
        && split_names(who).len() == 1
        && (2..=4).contains(&who.split_whitespace().count())
        && name_score(who) >= NAME_SCORE
        && long_title(title)
    {
        return Some((title.trim().to_string(), vec![who.trim().to_string()]));
    }
    None
}

/// Openings of a post's title that say it holds notes on a talk.
const NOTES_ON: &[&str] = &[
    "notes on ",
    "notes from ",
    "notes about ",
    "notes: ",
    "my notes on ",
    "my notes from ",
    "talk notes: ",
    "recap: ",
    "recap of ",
    "summary of ",
    "review of ",
    "review: ",
    "notizen zu ",
    "notes sur ",
];

/// A post's title that names the talk it is about and its speaker: `Notes on 'Designing data
/// pipelines' by Sanna Virtanen at Data Days 2020` → the title without the opening, quotes and
/// conference, and the speaker. `read` is the usual header reader (title, speakers, notes).
pub(crate) fn talk_in_post_title(
    title: &str,
    read: impl Fn(&str) -> (String, Vec<String>, String),
) -> Option<(String, Vec<String>)> {
    let rest = NOTES_ON
        .iter()
        .find(|p| title.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
        .map_or(title, |p| &title[p.len()..]);
    let (talk, speakers, _) = read(rest);
    let talk = talk.trim();
    // Single quotes around the talk's title go too.
    let talk = match (talk.strip_prefix(['\'', '‘']), talk.ends_with(['\'', '’'])) {
        (Some(inner), true) => inner.trim_end_matches(['\'', '’']),
        _ => talk,
    };
    (!speakers.is_empty() && talk.split_whitespace().count() >= TITLE_MIN_WORDS).then(|| (talk.to_string(), speakers))
}

/// Labels that open a session's title and say its kind: `Panel: …`, `Workshop - …`.
const KIND_LABELS: &[&str] = &[
    "keynote",
    "opening keynote",
    "closing keynote",
    "panel",
    "panel discussion",
    "workshop",
    "tutorial",
    "lightning talk",
    "ignite",
    "fireside chat",
];

/// `Opening keynote`, `Lightning talk`: a part that only names the kind of session.
pub(crate) fn is_kind_phrase(part: &str) -> bool {
    // Every part of every header is asked: an ASCII part is compared without a lower-cased copy.
    let p = part.trim().trim_end_matches(':');
    if p.is_ascii() {
        KIND_LABELS.iter().any(|k| k.eq_ignore_ascii_case(p))
    } else {
        KIND_LABELS.contains(&p.to_lowercase().as_str())
    }
}

/// `text` is `word`, or ends with it as a word of its own (`day 2 talks` ends with `talks`).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word)
        .is_some_and(|head| head.is_empty() || head.ends_with(' '))
}

/// `Panel: the future of testing`, `Workshop – Terraform from zero`: a title opened by a label
/// naming the kind of session.
pub(crate) fn kind_label(text: &str) -> bool {
    let t = text.trim();
    let head = t
        .split_once(':')
        .or_else(|| t.split_once(" - "))
        .or_else(|| t.split_once(" – "))
        .map(|(h, rest)| (h.trim().to_lowercase(), rest.trim()));
    head.is_some_and(|(h, rest)| {
        KIND_LABELS.contains(&h.as_str()) && rest.split_whitespace().count() >= TITLE_MIN_WORDS
    })
}

/// Plural kinds that head a group of sessions: `# Ignites`, `## Lightning talks`, `Workshops:`.
const GROUPS: &[&str] = &[
    "talks",
    "sessions",
    "ignites",
    "keynotes",
    "workshops",
    "tutorials",
    "panels",
    "presentations",
    "lightning talks",
    "open spaces",
    "vorträge",
    "charlas",
    "ponencias",
    "conférences",
];

/// A heading over a group of sessions, not a session: `Ignites`, `Day 2 talks`, `Keynotes:`.
pub(crate) fn group_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    t.split_whitespace().count() <= 3 && GROUPS.iter().any(|g| ends_with_word(&t, g))
}

/// Words before `with` that make a title a conversation with people: `Fireside chat with Kent
/// Beck`, `In conversation with Ana Costa & Ben Ode`, `AMA with …`.
const WITH_OPENINGS: &[&str] = &[
    "fireside chat",
    "chat",
    "conversation",
    "in conversation",
    "interview",
    "q&a",
    "ama",
    "ask me anything",
    "coffee",
    "breakfast",
];

/// A conversation's title names its speakers after `with`; the title stays whole.
pub(crate) fn conversation_with(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    // Every talk line is asked: `with` is looked for in the bytes, no lower-cased copy (and the
    // offset found is the original's).
    const WITH: &[u8] = b" with ";
    let at = t
        .as_bytes()
        .windows(WITH.len())
        .position(|w| w.eq_ignore_ascii_case(WITH))?;
    let (head, who) = (&t[..at], &t[at + WITH.len()..]);
    let head = head.trim().to_lowercase();
    let opening = WITH_OPENINGS.iter().any(|o| ends_with_word(&head, o));
    opening.then(|| people(who)).flatten()
}

/// Whether a short part names a room: `Room 301`, `Hall A`, `H.2215`, `K.1.105`, `AW1.120`.
pub(crate) fn is_room(part: &str) -> bool {
    let p = part.trim().trim_matches(['[', ']', '(', ')']);
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > ROOM_MAX_WORDS {
        return false;
    }
    let lower = p.to_lowercase();
    if lower.split_whitespace().any(|w| ROOM_WORDS.contains(&w)) {
        return true;
    }
    // A building code: a few capitals, then digits and dots (`H.2215`, `UB5.230`, `K.1.105`).
    if words.len() == 1 {
        let letters = p.chars().take_while(char::is_ascii_uppercase).count();
        let rest = &p[letters..];
        return (1..=3).contains(&letters)
            && rest.chars().any(|c| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    }
    false
}

/// A room written before a schedule line's talk: `H.2215 - Rust in the kernel` →
/// (`H.2215`, `Rust in the kernel`); `[Room 301] Title` too.
pub(crate) fn leading_room(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    if let Some(inner) = t.strip_prefix('[')
        && let Some(close) = inner.find(']')
        && is_room(&inner[..close])
    {
        return Some((inner[..close].trim().to_string(), inner[close + 1..].trim()));
    }
    for sep in [" - ", " – ", " — ", " | ", ": "] {
        if let Some((head, rest)) = t.split_once(sep)
            && is_room(head)
            && !rest.trim().is_empty()
        {
            return Some((head.trim().to_string(), rest.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Option<(String, Vec<String>)> {
        title_and_speakers(text, false)
    }

    #[test]
    fn names_colon_title() {
        assert_eq!(
            ts("Ben Ode: WebAssembly for the rest of us"),
            Some(("WebAssembly for the rest of us".into(), vec!["Ben Ode".into()]))
        );
        assert_eq!(
            ts("Sandra Kowalska & Piotr Nowak: Reproducible builds in practice"),
            Some((
                "Reproducible builds in practice".into(),
                vec!["Sandra Kowalska".into(), "Piotr Nowak".into()]
            ))
        );
        // A title with a colon in it is no speaker.
        assert_eq!(ts("Kubernetes: the hard way"), None);
        assert_eq!(ts("Lessons Learned: running Postgres at scale"), None);
    }

    #[test]
    fn title_then_names_in_parentheses() {
        assert_eq!(
            ts("Observability mit OpenTelemetry (Jürgen Becker)"),
            Some(("Observability mit OpenTelemetry".into(), vec!["Jürgen Becker".into()]))
        );
        assert_eq!(
            ts("\"Free software in the car\" (Klaus Bergmann, Acme Motors)"),
            Some(("\"Free software in the car\"".into(), vec!["Klaus Bergmann".into()]))
        );
        // A company, a version or a note in parentheses is no speaker.
        assert_eq!(ts("Pricing the cloud (AWS)"), None);
        assert_eq!(ts("Service meshes explained (part 2)"), None);
        assert_eq!(ts("What we learned (the hard way)"), None);
    }

    #[test]
    fn speaker_label_parts() {
        assert_eq!(
            ts("Chaos Engineering in der Praxis – Referentin: Katrin Vogel"),
            Some(("Chaos Engineering in der Praxis".into(), vec!["Katrin Vogel".into()]))
        );
        assert_eq!(
            ts("Speaker: Ana Costa - Why latency lies"),
            Some(("Why latency lies".into(), vec!["Ana Costa".into()]))
        );
        assert_eq!(labelled_speakers("Notes: nothing much"), None);
    }

    #[test]
    fn talk_labels_go() {
        assert_eq!(
            without_talk_label("Vortrag: Observability mit OpenTelemetry"),
            "Observability mit OpenTelemetry"
        );
        assert_eq!(without_talk_label("Talk - Why latency lies"), "Why latency lies");
        assert_eq!(without_talk_label("Talking points: none"), "Talking points: none");
    }

    #[test]
    fn title_comma_name_on_schedule_lines_only() {
        let line = "Rust in the Linux kernel, Miguel Fernández";
        assert_eq!(
            title_and_speakers(line, true),
            Some(("Rust in the Linux kernel".into(), vec!["Miguel Fernández".into()]))
        );
        assert_eq!(title_and_speakers(line, false), None);
        assert_eq!(title_and_speakers("Bread, butter and jam, Sunday", true), None);
        assert_eq!(
            title_and_speakers("Reproducible builds for everyone, Ewa Nowak", true),
            Some(("Reproducible builds for everyone".into(), vec!["Ewa Nowak".into()]))
        );
    }

    #[test]
    fn post_titles_naming_a_talk_and_its_speaker() {
        let read = |t: &str| match t.split_once(" by ") {
            Some((title, who)) => (
                title.to_string(),
                vec![who.split(" at ").next().unwrap_or(who).to_string()],
                String::new(),
            ),
            None => (t.to_string(), Vec::new(), String::new()),
        };
        assert_eq!(
            talk_in_post_title(
                "Notes on 'Designing data pipelines' by Sanna Virtanen at Data Days 2020",
                read
            ),
            Some(("Designing data pipelines".into(), vec!["Sanna Virtanen".into()]))
        );
        assert_eq!(talk_in_post_title("Notes from KubeCon 2019", read), None);
    }

    #[test]
    fn conversations_name_their_guests_and_labels_their_kind() {
        assert_eq!(
            conversation_with("Fireside chat with Kent Beck"),
            Some(vec!["Kent Beck".into()])
        );
        assert_eq!(
            conversation_with("In conversation with Ana Costa & Ben Ode"),
            Some(vec!["Ana Costa".into(), "Ben Ode".into()])
        );
        assert_eq!(conversation_with("Testing with Ruby Rails"), None);
        assert!(kind_label("Panel: the future of testing"));
        assert!(kind_label("Workshop – Terraform from zero"));
        assert!(!kind_label("Panel: yes"));
        assert!(!kind_label("Notes: the future of testing"));
        assert!(group_heading("Ignites") && group_heading("Day 2 talks") && group_heading("Lightning talks:"));
        assert!(!group_heading("Why we stopped giving talks about talks"));
    }

    #[test]
    fn rooms() {
        for room in [
            "H.2215",
            "K.1.105",
            "UB5.230",
            "Room 301",
            "Hall A",
            "Main Stage",
            "Salle Bleue",
        ] {
            assert!(is_room(room), "{room}");
        }
        for not in [
            "Janet Ode",
            "Kubernetes",
            "Why latency lies",
            "H2O",
            "2019",
            "the room where it happens",
        ] {
            assert!(!is_room(not), "{not}");
        }
        assert_eq!(
            leading_room("H.2215 - Rust in the Linux kernel, Miguel Fernández"),
            Some(("H.2215".into(), "Rust in the Linux kernel, Miguel Fernández"))
        );
        assert_eq!(
            leading_room("[Room 301] Scaling Postgres - Mara Lindqvist"),
            Some(("Room 301".into(), "Scaling Postgres - Mara Lindqvist"))
        );
        assert_eq!(leading_room("Ana Costa - Why latency lies"), None);
    }
}
