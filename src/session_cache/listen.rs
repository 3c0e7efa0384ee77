//! Hearing that a session changed, from PostgreSQL (LISTEN on
//! `pespro_sessions`; payload the SHA-256 of the session id, sent after
//! commit by the trigger of platform migration 0008).
//!
//! While not listening, nothing is heard: so every (re)subscription clears
//! the cache before trusting it again, as the firm-data caches do.

use crate::db::Database;
use crate::fresh_cache::FreshCache;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions_core::session::Record;

const CHANNEL: &str = "pespro_sessions";

pub(super) async fn follow(cache: Arc<FreshCache<Record>>, db: Database) {
    loop {
        match listen_once(&cache, &db).await {
            Ok(()) => tracing::warn!("session listener lost its connection; subscribing again"),
            Err(error) => tracing::warn!(%error, "session listener lost its connection; retrying"),
        }
        // Until it listens again, a revoked session could still be served.
        cache.clear();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn listen_once(cache: &FreshCache<Record>, db: &Database) -> Result<(), sqlx::Error> {
    let mut listener = db.listener(&[CHANNEL]).await?;
    cache.clear();
    loop {
        // `try_recv` says when the connection was lost (`recv` would
        // reconnect silently and miss what was sent meanwhile).
        let Some(notification) = listener.try_recv().await? else { return Ok(()) };
        cache.invalidate(notification.payload());
    }
}
