//! `confsearch open`: the editor (`$VISUAL`, then `$EDITOR`) started at the session's line.

use crate::fixtures::two_talks;

#[test]
fn open_runs_the_editor_at_the_line() {
    let env = two_talks();
    env.run(&["index"]);
    let log = env.root().join("editor-args");
    let editor = env.root().join("fake-editor");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run_from(
        env.root(),
        &[("EDITOR", editor.to_str().unwrap())],
        &["open", "2019/day1.md#chaos-engineering-on-fridays"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args[0], "+7");
    assert!(args[1].ends_with("corpus/2019/day1.md"), "{args:?}");
    // VISUAL wins over EDITOR; neither set is a clear message.
    let none = env.run_from(env.root(), &[], &["open", "corpus/2019/day1.md:3"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("$VISUAL or $EDITOR"), "{}", none.stderr);
}
