//! Following a notification channel for as long as the process runs: the
//! loop behind every copy of PostgreSQL's data kept in memory (firm data,
//! sessions).
//!
//! While not listening, nothing is heard. So every (re)subscription first
//! forgets everything (`reset`), and a lost connection is said in the log
//! and subscribed afresh a second later, never silently reconnected: a
//! silent reconnect would lose what was sent meanwhile and keep serving it.

use super::Database;
use std::time::Duration;

impl Database {
    /// Calls `heard` with every payload sent on `channel`, and `reset`
    /// whenever some may have been missed. Never returns; drop the future
    /// to stop.
    pub(crate) async fn follow(&self, channel: &str, reset: impl Fn(), heard: impl Fn(&str)) {
        loop {
            match self.follow_once(channel, &reset, &heard).await {
                Ok(()) => tracing::warn!(channel, "listener lost its connection; subscribing again"),
                Err(error) => tracing::warn!(channel, %error, "listener lost its connection; retrying"),
            }
            reset();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn follow_once(&self, channel: &str, reset: &impl Fn(), heard: &impl Fn(&str)) -> Result<(), sqlx::Error> {
        let mut listener = self.listener(&[channel]).await?;
        reset();
        loop {
            // `recv` would reconnect by itself and lose what was sent
            // meanwhile without a word; `try_recv` says so.
            let Some(notification) = listener.try_recv().await? else { return Ok(()) };
            heard(notification.payload());
        }
    }
}
