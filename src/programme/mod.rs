//! Official programmes (schedules) and the notes taken against them.

pub(crate) mod matching;
