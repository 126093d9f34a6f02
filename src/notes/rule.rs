//! `[[parse]]` in `confsearch.toml`: the escape hatch for notes still read wrongly. Per folder
//! of the notes, what opens a talk: headings at one level, or lines matching a pattern. A rule
//! replaces the choice by sibling consistency (`outline::forced`); the title and speakers are
//! still read from the opening line by the usual part classifier.

use regex::Regex;

/// What opens a talk under a rule.
#[derive(Debug, Clone)]
pub(crate) enum TalkOpener {
    /// `talk_heading_level = 3`: every heading at this level (1–6).
    HeadingLevel(u8),
    /// `talk_line = '^\d\d:\d\d '`: every line (as written in the file) the pattern matches.
    Line(Regex),
}

/// One `[[parse]]` entry.
#[derive(Debug, Clone)]
pub(crate) struct ParseRule {
    /// The folder it covers, relative to the notes folder, without a trailing `/`; empty for
    /// every file.
    pub folder: String,
    pub opener: TalkOpener,
}

impl ParseRule {
    /// Does the rule cover the note at `rel` (relative to the notes folder, `/`-separated)?
    pub(crate) fn covers(&self, rel: &str) -> bool {
        self.folder.is_empty()
            || rel
                .strip_prefix(self.folder.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// The rule as the user wrote it, for `parse --explain`.
    pub(crate) fn describe(&self) -> String {
        let opener = match &self.opener {
            TalkOpener::HeadingLevel(l) => format!("talk_heading_level = {l}"),
            TalkOpener::Line(re) => format!("talk_line = '{}'", re.as_str()),
        };
        format!("confsearch.toml [[parse]] folder = \"{}\": {opener}", self.folder)
    }
}

/// The rule for the note at `rel`: the one with the deepest folder covering it.
pub(crate) fn rule_for<'a>(rules: &'a [ParseRule], rel: &str) -> Option<&'a ParseRule> {
    rules.iter().filter(|r| r.covers(rel)).max_by_key(|r| {
        if r.folder.is_empty() {
            0
        } else {
            r.folder.matches('/').count() + 1
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(folder: &str, level: u8) -> ParseRule {
        ParseRule {
            folder: folder.into(),
            opener: TalkOpener::HeadingLevel(level),
        }
    }

    #[test]
    fn the_deepest_folder_covering_a_note_wins() {
        let rules = [rule("", 2), rule("conferences", 3), rule("conferences/2019", 4)];
        let level = |rel: &str| match rule_for(&rules, rel).map(|r| &r.opener) {
            Some(TalkOpener::HeadingLevel(l)) => Some(*l),
            _ => None,
        };
        assert_eq!(level("conferences/2019/rustfest.md"), Some(4));
        assert_eq!(level("conferences/2020/rustfest.md"), Some(3));
        assert_eq!(level("meetups/a.md"), Some(2));
        // `conferences/2019` does not cover `conferences/2019-extra`.
        assert_eq!(level("conferences/2019-extra/a.md"), Some(3));
        assert_eq!(
            rule_for(&[rule("talks", 2)], "other/talks.md").map(|r| r.folder.as_str()),
            None
        );
    }
}
