//! Sessions kept in each server process's memory, in front of their
//! PostgreSQL store.
//!
//! Every request that carries a cookie needs its session, and reading it
//! was a statement per request for a record that changes at sign-in,
//! sign-out and little else. So each process keeps the sessions it serves
//! in a bounded [`FreshCache`], keyed by the SHA-256 of the session id (the
//! id itself never leaves the process in a notification). Revocation still
//! takes effect at once everywhere: a trigger on the store's table
//! (platform migration 0008) notifies `pespro_sessions` with that digest
//! after every update or deletion — sign-out, a rotated id, a removed
//! firm's sessions, a change saved by another process — and the listener
//! drops the session in every process; the process that made the change
//! drops or replaces its own copy before answering. Expiry is checked on
//! every read, as the store does. Who may use a session (the person still
//! active, the credentials epoch unchanged) is not kept here: the request
//! middleware checks it on every request against the firm's people, which
//! `firm_data` keeps in memory under the same rules.

mod listen;
#[cfg(test)]
mod tests;

use crate::db::{Database, SessionStore as PostgresStore};
use crate::fresh_cache::FreshCache;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::OffsetDateTime;
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::session_store::{self, SessionStore};

/// Sessions one process keeps at once unless configured otherwise (a
/// record is a few hundred bytes); beyond it the least recently used is
/// read again from the store.
pub const SESSIONS_PER_PROCESS: usize = 10_000;

/// The session store the server uses: PostgreSQL, with this process's
/// cache in front. Cheap to clone.
#[derive(Clone)]
pub struct CachedSessions {
    store: PostgresStore,
    cache: Arc<FreshCache<Record>>,
}

impl std::fmt::Debug for CachedSessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedSessions").field("cached", &self.cache.len()).finish_non_exhaustive()
    }
}

impl CachedSessions {
    /// Keeps up to `capacity` sessions; 0 keeps none (every load reads
    /// the store, as before this cache: the benchmark's comparison).
    pub fn new(store: PostgresStore, capacity: usize) -> Self {
        Self { store, cache: Arc::new(FreshCache::new(capacity)) }
    }

    /// The store underneath, for work that never reads a session (the
    /// clean-up of expired ones).
    pub fn store(&self) -> &PostgresStore {
        &self.store
    }

    /// Keeps this cache right until the returned future is dropped.
    pub async fn follow_changes(self, db: Database) {
        listen::follow(self.cache, db).await
    }

    /// Sessions held in memory now.
    pub fn cached(&self) -> usize {
        self.cache.len()
    }
}

/// The cache key, and the notification's payload, for a session id.
fn digest(id: &Id) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(id.to_string().as_bytes()))
}

fn is_live(record: &Record) -> bool {
    record.expiry_date > OffsetDateTime::now_utc()
}

#[async_trait::async_trait]
impl SessionStore for CachedSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let ticket = self.cache.ticket();
        // The store may change the id (on a collision), so the key is taken after.
        self.store.create(record).await?;
        self.cache.put(&digest(&record.id), ticket, record.clone());
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let key = digest(&record.id);
        let ticket = self.cache.ticket();
        if let Err(error) = self.store.save(record).await {
            // Whether it was written is unknown: read it again next time.
            self.cache.invalidate(&key);
            return Err(error);
        }
        self.cache.put(&key, ticket, record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let key = digest(id);
        if let Some(record) = self.cache.get(&key).filter(|record| is_live(record)) {
            return Ok(Some((*record).clone()));
        }
        // Not here, or expired here: the store decides (another process
        // may have kept the session alive since).
        let ticket = self.cache.ticket();
        let record = self.store.load(id).await?;
        if let Some(record) = &record {
            self.cache.put(&key, ticket, record.clone());
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let key = digest(id);
        // Dropped before and after: no request of this process may use
        // the session once its deletion has begun.
        self.cache.invalidate(&key);
        let deleted = self.store.delete(id).await;
        self.cache.invalidate(&key);
        deleted
    }
}
