//! Coordinated migrations: the platform schema first, then every firm's
//! schema, each firm in its own transaction.
//!
//! Migration files live in `migrations/platform` and `migrations/tenant` and
//! are compiled into the binary, so what runs is exactly what was reviewed.
//! Each firm's row in `platform.tenants` records the highest tenant migration
//! its schema has, which is what lets a run with nothing to do finish in one
//! query however many firms there are.

mod catalog;
mod platform;
mod tenant_schema;
mod tenants;

pub use catalog::{Migration, MigrationSet};
pub use platform::migrate_platform;
pub(crate) use tenant_schema::{apply_in_tx, record_applied};
pub use tenants::{ProgressEvent, TenantFailure, TenantMigrationReport, migrate_firm, migrate_tenants};

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(
        "{scope} migration {version} ({name}) was edited after it was applied (its checksum differs); \
         restore it and add a new migration instead"
    )]
    Edited { scope: &'static str, version: i32, name: String },
    #[error("the database already has {scope} migration {version}, which this build does not know; run a newer build")]
    Unknown { scope: &'static str, version: i32 },
    #[error("platform migration {version} ({name}) failed: {message}")]
    Platform { version: i32, name: String, message: String },
    #[error("database error during migration: {0}")]
    Db(#[from] sqlx::Error),
}

/// Where the database stands against this build, for readiness probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationStatus {
    pub platform_current: bool,
    pub tenants_behind: i64,
}

/// One query: is the platform schema current, and how many firms are behind?
pub async fn status(db: &crate::db::Database) -> Result<MigrationStatus, sqlx::Error> {
    let (platform_version, tenants_behind): (i32, i64) = sqlx::query_as(
        "select (select coalesce(max(version), 0) from platform.platform_migrations),
                (select count(*) from platform.tenants where schema_version < $1)",
    )
    .bind(MigrationSet::tenant().latest())
    .fetch_one(db.pool())
    .await?;
    Ok(MigrationStatus { platform_current: platform_version == MigrationSet::platform().latest(), tenants_behind })
}

/// The message of a database error without the driver's wrapping.
pub(crate) fn db_message(error: &sqlx::Error) -> String {
    match error.as_database_error() {
        Some(db) => db.message().to_owned(),
        None => error.to_string(),
    }
}
