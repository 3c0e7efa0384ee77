//! The one door to PostgreSQL.
//!
//! [`Database`] wraps the pool but never hands it out: code outside this crate
//! can ping, migrate, provision and open a [`TenantTx`], and that is all. A
//! firm's tables are therefore reachable only inside a transaction that runs
//! as the firm's own PostgreSQL role.

pub mod embedded;
mod follow;
mod ident;
mod tenant_tx;

pub(crate) use ident::quote_ident;
pub use tenant_tx::{TenantHandle, TenantTx};
pub use tower_sessions_sqlx_store::PostgresStore as SessionStore;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Database {
    pool: PgPool,
    max_connections: u32,
    /// For connections outside the pool ([`Database::listener`]).
    options: PgConnectOptions,
}

impl Database {
    /// Connects and checks the server answers, so a wrong address fails at
    /// startup with one clear error instead of on the first request.
    pub async fn connect(options: PgConnectOptions, max_connections: u32) -> Result<Self, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        Ok(Self { pool, max_connections, options })
    }

    /// A LISTEN subscription to `channels` on a connection of its own. A
    /// subscription holds its connection for as long as the process runs,
    /// so it never takes one of the pool's: requests keep them all.
    pub(crate) async fn listener(&self, channels: &[&str]) -> Result<PgListener, sqlx::Error> {
        let own = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_lazy_with(self.options.clone());
        let mut listener = PgListener::connect_with(&own).await?;
        listener.listen_all(channels.iter().copied()).await?;
        Ok(listener)
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// (open, idle) connections right now: what a stuck request was up against.
    pub fn connections(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// How many statements may run at once; migrations fan out this wide.
    pub fn max_connections(&self) -> u32 {
        self.max_connections
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("select 1").execute(&self.pool).await.map(drop)
    }

    /// The role and search path a statement outside any tenant transaction
    /// runs with — i.e. what a pooled connection carries. For diagnostics
    /// and for the tests that prove tenant settings never leak.
    pub async fn session_identity(&self) -> Result<(String, String), sqlx::Error> {
        sqlx::query_as("select current_user::text, current_setting('search_path')").fetch_one(&self.pool).await
    }

    /// Opens a transaction that can see exactly one firm's tables.
    pub async fn tenant_tx(&self, tenant: &TenantHandle) -> Result<TenantTx, sqlx::Error> {
        TenantTx::begin(&self.pool, tenant).await
    }

    /// Where sessions are kept: the `tower_sessions` schema, which no firm's
    /// role can read.
    pub fn session_store(&self) -> SessionStore {
        SessionStore::new(self.pool.clone())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
