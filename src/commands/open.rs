//! `confsearch open ID|PATH:LINE`: the note in `$VISUAL` or `$EDITOR`, at the session's line.

use crate::exit::Exit;
use crate::output::View;
use crate::paths::Locations;
use crate::search::Engine;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub(crate) fn run(loc: &Locations, target: &str, view: &View, err: &mut dyn Write) -> Result<Exit> {
    let engine = Engine::open(&loc.index)?;
    let Some(session) = super::show::find(&engine, view, target)? else {
        return super::show::not_found(target, err);
    };
    let file = crate::corpus::note_path(view.corpus(), &session.source.path);
    let line = session.source.line;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty());
    let Some(editor) = editor else {
        bail!(
            "set $VISUAL or $EDITOR to open notes (this session is at {}:{line})",
            view.path(&session.source.path)
        );
    };
    let mut words = editor.split_whitespace();
    let program = words.next().expect("not empty");
    let mut cmd = Command::new(program);
    cmd.args(words).args(editor_args(program, &file, line));
    let status = cmd
        .status()
        .with_context(|| format!("starting the editor {program:?} ($VISUAL / $EDITOR)"))?;
    Ok(if status.success() { Exit::Found } else { Exit::Error })
}

/// How an editor is told the line: `+LINE FILE` (vi, vim, nvim, nano, emacs, micro, kak,
/// helix…), `-g FILE:LINE` (VS Code and its forks), `FILE:LINE` (Sublime Text, Zed).
fn editor_args(program: &str, file: &Path, line: usize) -> Vec<String> {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let file = file.display().to_string();
    match name.trim_end_matches(".exe") {
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => vec!["-g".into(), format!("{file}:{line}")],
        "subl" | "sublime_text" | "zed" => vec![format!("{file}:{line}")],
        _ => vec![format!("+{line}"), file],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_conventions() {
        let f = Path::new("/n/a.md");
        assert_eq!(editor_args("vim", f, 4), ["+4", "/n/a.md"]);
        assert_eq!(editor_args("/usr/bin/code", f, 4), ["-g", "/n/a.md:4"]);
        assert_eq!(editor_args("subl", f, 4), ["/n/a.md:4"]);
    }
}
