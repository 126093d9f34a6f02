//! Ctrl-C: every command stops within a moment with exit status 130.
//!
//! `index` installs a handler: it clears the progress bar (so the terminal is left clean), says
//! what happened to the index when one was being written, and exits with 130; `serve` installs
//! it too, so that a server left running ends with the status 130 itself, not killed by the signal. The other
//! commands have nothing to tidy (they read, and print at the end), so they keep the default,
//! as rg and fd do: the signal ends them, which a shell reports as 130 too, and they do not
//! start the thread the handler runs on (0.1 ms of a 2 ms query, issue 13). Exiting from the handler is safe for the
//! index: a run is one tantivy commit, so until it lands the previous index is what readers
//! see, and files written by an unfinished run are removed by the next one (the same
//! guarantee that holds for `kill -9`).

use crate::exit::Exit;
use std::sync::Mutex;

/// What the handler must do before exiting.
struct State {
    bar: Option<indicatif::ProgressBar>,
    /// Printed on stderr after the bar is cleared.
    message: Option<String>,
}

static STATE: Mutex<State> = Mutex::new(State {
    bar: None,
    message: None,
});

/// Installs the Ctrl-C handler (once per process; a second call is a no-op).
pub(crate) fn install() {
    let _ = ctrlc::set_handler(|| {
        // A poisoned lock still holds the state: a panic elsewhere must not keep Ctrl-C from working.
        let state = STATE.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(bar) = &state.bar {
            bar.finish_and_clear();
        }
        if let Some(m) = &state.message {
            eprintln!("{}", crate::output::sanitise(m));
        }
        std::process::exit(Exit::Interrupted as i32);
    });
}

/// The progress bar to clear on Ctrl-C (`None` once it is gone).
pub(crate) fn set_bar(bar: Option<indicatif::ProgressBar>) {
    STATE.lock().unwrap_or_else(|p| p.into_inner()).bar = bar;
}

/// What to tell the user on Ctrl-C (`None`: nothing).
pub(crate) fn set_message(message: Option<String>) {
    STATE.lock().unwrap_or_else(|p| p.into_inner()).message = message;
}
