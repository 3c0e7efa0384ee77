//! A real SMTP server for the run (aiosmtpd, installed by `scripts/setup.sh
//! test`), writing what it receives to a Maildir the tests read back.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub struct MailSink {
    pub port: u16,
    maildir: PathBuf,
}

pub fn mail_sink() -> &'static MailSink {
    static SINK: OnceLock<MailSink> = OnceLock::new();
    SINK.get_or_init(|| {
        let tools = std::env::var("PESPRO_TOOLS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/pespro/tools"));
        let python = tools.join("mail-sink/bin/python");
        assert!(python.exists(), "no aiosmtpd at {}: run `scripts/setup.sh test`", python.display());
        let maildir = std::env::temp_dir().join(format!("pespro-mail-{}", std::process::id()));
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let (dir, py) = (maildir.clone(), python.clone());
        crate::peers::start_peer("aiosmtpd", port, move || {
            let mut command = Command::new(py);
            command
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
                .arg(&dir);
            command
        });
        MailSink { port, maildir }
    })
}

impl MailSink {
    /// Every message received for `to`, as raw text, oldest first.
    pub fn messages_to(&self, to: &str) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|text| text.lines().any(|l| l.starts_with("X-RcptTo:") && l.contains(to)))
            .collect()
    }

    /// Waits for the next message to `to` beyond `already` and returns the
    /// first link in it. Async: the server sends some mail from a task of
    /// the test's own runtime, which a blocking wait would starve.
    pub async fn wait_for_link(&self, to: &str, already: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let messages = self.messages_to(to);
            if messages.len() > already {
                // Undo quoted-printable: soft line breaks, then the escaped "=".
                let text = messages.last().unwrap().replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
                let start = text.find("http://").expect("a link in the message");
                return text[start..].split_whitespace().next().unwrap().to_owned();
            }
            assert!(Instant::now() < deadline, "no message for {to}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
