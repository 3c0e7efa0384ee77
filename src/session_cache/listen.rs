//! Hearing that a session changed, from PostgreSQL (LISTEN on
//! `pespro_sessions`; payload the SHA-256 of the session id, sent after
//! commit by the trigger of platform migration 0008). Whenever
//! notifications may have been missed, the cache is cleared
//! (`Database::follow`): a revoked session must not be served.

use crate::db::Database;
use crate::fresh_cache::FreshCache;
use std::sync::Arc;
use tower_sessions_core::session::Record;

const CHANNEL: &str = "pespro_sessions";

pub(super) async fn follow(cache: Arc<FreshCache<Record>>, db: Database) {
    db.follow(CHANNEL, || cache.clear(), |digest| cache.invalidate(digest)).await
}
