//! Starting the run's real peers (SMTP sink, OpenID providers): each is a
//! child process that lives exactly as long as the test run.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Spawns `command` (output discarded) and waits until it accepts TCP
/// connections on `port`. It is spawned from a thread that lives as long as
/// the run: the child is told to stop when its parent *thread* ends, and a
/// test's thread ends with the test.
pub fn start_peer(name: &'static str, port: u16, make: impl FnOnce() -> Command + Send + 'static) {
    std::thread::spawn(move || {
        let mut command = make();
        command.stdout(Stdio::null()).stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let mut child = command.spawn().unwrap_or_else(|e| panic!("start {name}: {e}"));
        let _ = child.wait();
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{name} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}
