//! What a note's path says when its text does not: the year (`KubeCon-2017/x.md`,
//! `NOTES_NDC_Sydney_2024.md`) and the conference (`2016/djangocon-us/channels.md`).

use super::dates::{DateContext, find_date, find_year};
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PathHints {
    pub year: Option<i16>,
    /// A date in the file name (`2017-09-25-post.md`): when the note was written.
    pub date: Option<Date>,
    /// Conference named by the nearest folder that is not a year or a generic word.
    pub folder_conference: Option<String>,
    /// Conference named by the file name, when the name holds one beside a year.
    pub file_conference: Option<String>,
    /// The file name made readable, for a title of last resort.
    pub stem_title: String,
    /// `README`, `index`: a file about a folder, not about one talk.
    pub is_index: bool,
}

const GENERIC: &[&str] = &[
    "notes",
    "note",
    "misc",
    "talks",
    "talk",
    "conference",
    "conferences",
    "confs",
    "conf",
    "docs",
    "doc",
    "other",
    "archive",
    "inbox",
    "minutes",
    "of",
    "the",
    "compte",
    "rendu",
    "de",
    "la",
    "le",
    "from",
    "my",
    "and",
    "day",
    "days",
    "src",
    "content",
    "posts",
    "blog",
    "md",
    "txt",
    "sessions",
    "events",
    "event",
    "corpus",
    "readme",
];

static SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[-_\s.=]+").expect("valid regex"));

fn words(name: &str) -> Vec<&str> {
    SEP.split(name).filter(|w| !w.is_empty()).collect()
}

/// `djangocon-us` → `Djangocon US`, `KubeCon-2017` → `KubeCon`, `NOTES_NDC_Sydney_2024` → `NDC Sydney`.
pub(crate) fn conference_name(name: &str) -> Option<String> {
    let kept: Vec<String> = words(name)
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !GENERIC.contains(&w.to_lowercase().as_str()))
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                w.to_string()
            } else if w.len() <= 3 {
                w.to_uppercase()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect();
    (!kept.is_empty() && kept.len() <= 4).then(|| kept.join(" "))
}

pub(crate) fn from_path(path: &str) -> PathHints {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".").collect();
    let file = parts.last().copied().unwrap_or("");
    let stem = match file.rfind('.') {
        Some(i) if i > 0 && file.len() - i <= 9 => &file[..i],
        _ => file,
    };
    let dirs = &parts[..parts.len().saturating_sub(1)];
    let date = find_date(stem, &DateContext::default())
        .and_then(|f| f.date)
        .filter(|_| stem.get(..4).is_some_and(|p| p.chars().all(|c| c.is_ascii_digit())));
    // A folder named just by a year (`2015/`) is how people file notes by year: it outranks a
    // number in the file name that may be a counter (`2015/talks/talk-1970.md`).
    let year_folder = dirs.iter().rev().filter(|d| d.len() == 4).find_map(|d| find_year(d));
    let year = date
        .map(|d| d.year())
        .or(year_folder)
        .or_else(|| find_year(stem))
        .or_else(|| dirs.iter().rev().find_map(|d| find_year(d)));
    let folder_conference = dirs.iter().rev().find_map(|d| conference_name(d));
    // A file name names a conference when it holds a year beside words (`NOTES_NDC_Sydney_2024`).
    let stem_without_date = if date.is_some() {
        stem.get(10..).unwrap_or("")
    } else {
        stem
    };
    let file_conference = if find_year(stem_without_date).is_some() || dirs.is_empty() {
        conference_name(stem_without_date)
    } else {
        None
    };
    let stem_title = {
        let w = words(stem_without_date);
        let title = w.join(" ");
        if title.is_empty() { stem.to_string() } else { title }
    };
    let is_index = matches!(
        stem.to_lowercase().as_str(),
        "readme" | "index" | "_index" | "contents" | "toc"
    );
    PathHints {
        year,
        date,
        folder_conference,
        file_conference,
        stem_title,
        is_index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_conference_from_folders() {
        let h = from_path("2016/djangocon-us/channels.md");
        assert_eq!(h.year, Some(2016));
        assert_eq!(h.folder_conference.as_deref(), Some("Djangocon US"));
        assert_eq!(h.file_conference, None);
        let h = from_path("KubeCon-2017/vault-on-k8s.md");
        assert_eq!(h.year, Some(2017));
        assert_eq!(h.folder_conference.as_deref(), Some("KubeCon"));
    }

    #[test]
    fn counter_in_file_name_under_a_year_folder_talk_1970() {
        assert_eq!(from_path("2015/conf-10/talks/talk-1970.md").year, Some(2015));
        // No year folder: the file name's year stands.
        assert_eq!(from_path("notes/kubecon-2019.md").year, Some(2019));
        // A date at the start of the file name is the talk's own.
        assert_eq!(from_path("2019/2018-05-02-recap.md").year, Some(2018));
    }

    #[test]
    fn year_and_conference_from_file_name() {
        let h = from_path("NOTES_NDC_Sydney_2024.md");
        assert_eq!(h.year, Some(2024));
        assert_eq!(h.file_conference.as_deref(), Some("NDC Sydney"));
        let h = from_path("2017-09-25-compte-rendu-de-la-pyconfr-2017.md");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2017-09-25"));
        assert_eq!(h.file_conference.as_deref(), Some("Pyconfr"));
    }

    #[test]
    fn generic_folders_name_nothing() {
        let h = from_path("misc/iot-beyond-the-device.md");
        assert_eq!(h.folder_conference, None);
        assert_eq!(h.stem_title, "iot beyond the device");
        assert!(from_path("2018/pygotham/README.md").is_index);
    }
}
