//! Progress of a long migration run: a bar on a terminal, a log line every
//! tenth of the way otherwise (CI logs, systemd journals).

use pespro::migrate::ProgressEvent;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;

pub struct Progress {
    what: &'static str,
    terminal: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    total: usize,
    done: usize,
    failed: usize,
    last_tenth: usize,
}

const WIDTH: usize = 30;

impl Progress {
    pub fn new(what: &'static str) -> Self {
        Self { what, terminal: std::io::stderr().is_terminal(), state: Mutex::default() }
    }

    pub fn callback(&self) -> impl Fn(ProgressEvent) + Sync + '_ {
        move |event| self.on_event(event)
    }

    fn on_event(&self, event: ProgressEvent) {
        let mut state = self.state.lock().expect("progress lock");
        match event {
            ProgressEvent::Started { total } => {
                state.total = total;
                tracing::info!(total, "{}: starting", self.what);
            }
            ProgressEvent::Finished { ok, .. } => {
                state.done += 1;
                state.failed += usize::from(!ok);
            }
        }
        if state.total == 0 {
            return;
        }
        if self.terminal {
            let filled = WIDTH * state.done / state.total;
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r[{}{}] {}/{} {} ({} failed)",
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                state.done,
                state.total,
                self.what,
                state.failed
            );
            let _ = err.flush();
        } else {
            let tenth = 10 * state.done / state.total;
            if tenth > state.last_tenth {
                state.last_tenth = tenth;
                tracing::info!(done = state.done, total = state.total, failed = state.failed, "{}", self.what);
            }
        }
    }

    /// Ends the bar's line so later output starts cleanly.
    pub fn finish(&self) {
        let state = self.state.lock().expect("progress lock");
        if self.terminal && state.total > 0 {
            eprintln!();
        }
    }
}
