//! Platform (control-plane) migrations. Several server processes may start at
//! once, so applying them is serialised with an advisory lock; checking that
//! there is nothing to do takes no lock and one query.

use super::{MigrateError, MigrationSet, db_message};
use crate::db::Database;
use sqlx::{Acquire, PgConnection};
use std::time::Instant;

/// Arbitrary, but fixed: the advisory lock that serialises platform migrations.
const PLATFORM_LOCK: i64 = 0x7065_7370_726f_0001;

const BOOTSTRAP: &str = "
    create schema if not exists platform;
    create table if not exists platform.platform_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now(),
        duration_ms bigint not null
    );";

/// Brings the platform schema up to `set`; returns how many migrations ran.
pub async fn migrate_platform(db: &Database, set: &MigrationSet) -> Result<usize, MigrateError> {
    let mut conn = db.pool().acquire().await?;
    if pending(&mut conn, set).await?.is_empty() {
        return Ok(0);
    }
    sqlx::query("select pg_advisory_lock($1)").bind(PLATFORM_LOCK).execute(&mut *conn).await?;
    let result = apply_pending(&mut conn, set).await;
    sqlx::query("select pg_advisory_unlock($1)").bind(PLATFORM_LOCK).execute(&mut *conn).await?;
    result
}

async fn apply_pending(conn: &mut PgConnection, set: &MigrationSet) -> Result<usize, MigrateError> {
    sqlx::raw_sql(BOOTSTRAP).execute(&mut *conn).await?;
    // Another process may have applied them while we waited for the lock.
    let todo = pending(conn, set).await?;
    for version in &todo {
        let migration = set.get(*version).expect("pending versions come from the set");
        let clock = Instant::now();
        let mut tx = conn.begin().await?;
        sqlx::raw_sql(&migration.sql).execute(&mut *tx).await.map_err(|e| MigrateError::Platform {
            version: migration.version,
            name: migration.name.clone(),
            message: db_message(&e),
        })?;
        sqlx::query(
            "insert into platform.platform_migrations (version, name, checksum, duration_ms) values ($1, $2, $3, $4)",
        )
        .bind(migration.version)
        .bind(&migration.name)
        .bind(&migration.checksum)
        .bind(clock.elapsed().as_millis() as i64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = migration.version, name = %migration.name, "applied platform migration");
    }
    Ok(todo.len())
}

/// Versions still to apply, after checking that what was applied is what this
/// build has. A missing platform schema simply means everything is pending.
async fn pending(conn: &mut PgConnection, set: &MigrationSet) -> Result<Vec<i32>, MigrateError> {
    let applied: Vec<(i32, String)> =
        match sqlx::query_as("select version, checksum from platform.platform_migrations order by version")
            .fetch_all(&mut *conn)
            .await
        {
            Ok(rows) => rows,
            Err(e) if is_missing_relation(&e) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
    for (version, checksum) in &applied {
        let known = set.get(*version).ok_or(MigrateError::Unknown { scope: "platform", version: *version })?;
        if &known.checksum != checksum {
            return Err(MigrateError::Edited { scope: "platform", version: *version, name: known.name.clone() });
        }
    }
    let done = applied.last().map_or(0, |(v, _)| *v);
    Ok(set.after(done).iter().map(|m| m.version).collect())
}

fn is_missing_relation(error: &sqlx::Error) -> bool {
    // 42P01 undefined_table, 3F000 invalid_schema_name
    error.as_database_error().and_then(|e| e.code()).is_some_and(|c| c == "42P01" || c == "3F000")
}
