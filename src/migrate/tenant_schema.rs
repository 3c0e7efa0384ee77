//! Applying tenant migrations to one firm's schema and recording the result.
//! Shared by provisioning (a new firm) and the fan-out over existing firms.

use super::{Migration, db_message};
use crate::db::TenantHandle;
use crate::tenant::TenantId;
// `conn.execute(raw_sql(..))` rather than `raw_sql(..).execute(conn)`: the
// latter's future is not `Send` for every lifetime (sqlx's `Executor`
// bound), and the console provisions firms from a request handler.
use sqlx::{Executor, PgConnection};
use std::time::Instant;
use time::OffsetDateTime;

/// A migration that ran inside the caller's transaction.
pub(crate) struct Applied {
    version: i32,
    name: String,
    checksum: String,
    started_at: OffsetDateTime,
    duration_ms: i64,
}

/// Where a firm's migration stopped, and why.
#[derive(Debug)]
pub(crate) struct Failed {
    pub version: i32,
    pub message: String,
    pub started_at: OffsetDateTime,
    pub duration_ms: i64,
}

/// Runs `migrations` in the firm's schema as the firm's role, so the firm
/// owns what they create. Leaves the transaction back on the platform role.
/// Nothing is committed here: the caller's transaction decides.
pub(crate) async fn apply_in_tx(
    conn: &mut PgConnection,
    tenant: &TenantHandle,
    migrations: &[Migration],
) -> Result<Vec<Applied>, Failed> {
    let Some(first) = migrations.first() else {
        return Ok(Vec::new());
    };
    let fail = |version: i32, started_at: OffsetDateTime, clock: Instant, e: sqlx::Error| Failed {
        version,
        message: db_message(&e),
        started_at,
        duration_ms: clock.elapsed().as_millis() as i64,
    };
    let (now, clock) = (OffsetDateTime::now_utc(), Instant::now());
    tenant.enter(&mut *conn).await.map_err(|e| fail(first.version, now, clock, e))?;
    let mut applied = Vec::with_capacity(migrations.len());
    for migration in migrations {
        let (started_at, clock) = (OffsetDateTime::now_utc(), Instant::now());
        conn.execute(sqlx::raw_sql(&migration.sql)).await.map_err(|e| fail(migration.version, started_at, clock, e))?;
        applied.push(Applied {
            version: migration.version,
            name: migration.name.clone(),
            checksum: migration.checksum.clone(),
            started_at,
            duration_ms: clock.elapsed().as_millis() as i64,
        });
    }
    let (now, clock) = (OffsetDateTime::now_utc(), Instant::now());
    conn.execute(sqlx::raw_sql("set local role none; set local search_path to default"))
        .await
        .map_err(|e| fail(first.version, now, clock, e))?;
    Ok(applied)
}

/// Records applied migrations and moves the firm's schema version forward,
/// in the same transaction that applied them.
pub(crate) async fn record_applied(
    conn: &mut PgConnection,
    tenant_id: TenantId,
    applied: &[Applied],
) -> Result<(), sqlx::Error> {
    let Some(last) = applied.last() else {
        return Ok(());
    };
    sqlx::query(
        "insert into platform.tenant_migrations
             (tenant_id, version, name, checksum, started_at, finished_at, duration_ms, error)
         select $1, m.version, m.name, m.checksum, m.started_at, m.started_at + m.duration_ms * interval '1 ms', m.duration_ms, null
         from unnest($2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[])
              as m(version, name, checksum, started_at, duration_ms)
         on conflict (tenant_id, version) do update
             set name = excluded.name, checksum = excluded.checksum, started_at = excluded.started_at,
                 finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, error = null",
    )
    .bind(tenant_id.0)
    .bind(applied.iter().map(|a| a.version).collect::<Vec<_>>())
    .bind(applied.iter().map(|a| a.name.clone()).collect::<Vec<_>>())
    .bind(applied.iter().map(|a| a.checksum.clone()).collect::<Vec<_>>())
    .bind(applied.iter().map(|a| a.started_at).collect::<Vec<_>>())
    .bind(applied.iter().map(|a| a.duration_ms).collect::<Vec<_>>())
    .execute(&mut *conn)
    .await?;
    sqlx::query("update platform.tenants set schema_version = $2, updated_at = now() where tenant_id = $1")
        .bind(tenant_id.0)
        .bind(last.version)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records a failure outside the rolled-back transaction, so the operator can
/// see it in `platform.tenant_migrations` (finished_at stays null).
pub(crate) async fn record_failure(
    conn: &mut PgConnection,
    tenant_id: TenantId,
    migration: &Migration,
    failed: &Failed,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into platform.tenant_migrations
             (tenant_id, version, name, checksum, started_at, finished_at, duration_ms, error)
         values ($1, $2, $3, $4, $5, null, $6, $7)
         on conflict (tenant_id, version) do update
             set started_at = excluded.started_at, finished_at = null,
                 duration_ms = excluded.duration_ms, error = excluded.error",
    )
    .bind(tenant_id.0)
    .bind(migration.version)
    .bind(&migration.name)
    .bind(&migration.checksum)
    .bind(failed.started_at)
    .bind(failed.duration_ms)
    .bind(&failed.message)
    .execute(conn)
    .await
    .map(drop)
}
