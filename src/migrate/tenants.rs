//! The fan-out: bring every firm's schema up to the tenant migration set,
//! as many firms at once as the pool has connections, each in its own
//! transaction. One firm failing never hides or stops the others.

use super::tenant_schema::{apply_in_tx, record_applied, record_failure};
use super::{MigrateError, MigrationSet};
use crate::db::{Database, TenantHandle};
use crate::tenant::TenantId;
use futures::StreamExt;

/// What the caller hears as the run goes, to draw a progress bar or log.
#[derive(Debug, Clone)]
pub enum ProgressEvent {
    Started { total: usize },
    Finished { slug: String, ok: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantFailure {
    pub tenant_id: TenantId,
    pub slug: String,
    pub version: i32,
    pub error: String,
}

#[derive(Debug, Default)]
pub struct TenantMigrationReport {
    /// Firms that were behind when the run started.
    pub pending: usize,
    pub migrated: Vec<String>,
    pub failed: Vec<TenantFailure>,
}

#[derive(sqlx::FromRow)]
struct CheckRow {
    reason: String,
    tenant_id: i64,
    slug: String,
    schema_name: String,
    role_name: String,
    version: i32,
}

/// Firms behind `set`, plus any whose recorded history contradicts it
/// (an edited migration, or a version this build does not know) — in one query.
const CHECK: &str = "
    select 'behind' as reason, t.tenant_id, t.slug, t.schema_name, t.role_name, t.schema_version as version
    from platform.tenants t
    where t.schema_version < $1
    union all
    select 'unknown', t.tenant_id, t.slug, t.schema_name, t.role_name, t.schema_version
    from platform.tenants t
    where t.schema_version > $1
    union all
    select 'edited', t.tenant_id, t.slug, t.schema_name, t.role_name, m.version
    from platform.tenant_migrations m
    join platform.tenants t using (tenant_id)
    join unnest($2::int[], $3::text[]) as e(version, checksum) using (version)
    where m.finished_at is not null and m.checksum <> e.checksum
    order by 2";

pub async fn migrate_tenants(
    db: &Database,
    set: &MigrationSet,
    progress: &(dyn Fn(ProgressEvent) + Sync),
) -> Result<TenantMigrationReport, MigrateError> {
    let rows: Vec<CheckRow> = sqlx::query_as(CHECK)
        .bind(set.latest())
        .bind(set.iter().map(|m| m.version).collect::<Vec<_>>())
        .bind(set.iter().map(|m| m.checksum.clone()).collect::<Vec<_>>())
        .fetch_all(db.pool())
        .await?;
    if let Some(row) = rows.iter().find(|r| r.reason == "edited") {
        let name = set.get(row.version).map(|m| m.name.clone()).unwrap_or_default();
        return Err(MigrateError::Edited { scope: "tenant", version: row.version, name });
    }
    if let Some(row) = rows.iter().find(|r| r.reason == "unknown") {
        return Err(MigrateError::Unknown { scope: "tenant", version: row.version });
    }
    let mut report = TenantMigrationReport { pending: rows.len(), ..Default::default() };
    if rows.is_empty() {
        return Ok(report);
    }
    progress(ProgressEvent::Started { total: rows.len() });
    let width = db.max_connections().max(1) as usize;
    let mut outcomes = futures::stream::iter(rows)
        .map(|row| async move {
            let handle = TenantHandle::new(TenantId(row.tenant_id), row.schema_name, row.role_name);
            let outcome = migrate_one(db, set, &handle).await;
            (row.slug, handle.tenant_id(), outcome)
        })
        .buffer_unordered(width);
    while let Some((slug, tenant_id, outcome)) = outcomes.next().await {
        progress(ProgressEvent::Finished { slug: slug.clone(), ok: outcome.is_ok() });
        match outcome {
            Ok(()) => report.migrated.push(slug),
            Err((version, error)) => {
                tracing::error!(tenant.id = %tenant_id, tenant.slug = %slug, version, %error, "tenant migration failed");
                report.failed.push(TenantFailure { tenant_id, slug, version, error });
            }
        }
    }
    report.failed.sort_by_key(|f| f.tenant_id);
    Ok(report)
}

/// Brings one firm up to `set` (staff retrying a failed firm from the
/// console): the version it stopped at and why, on failure, also recorded.
pub async fn migrate_firm(db: &Database, set: &MigrationSet, tenant: &TenantHandle) -> Result<(), (i32, String)> {
    migrate_one(db, set, tenant).await
}

/// One firm, one transaction. The firm's row is locked first, so a second
/// process migrating at the same time waits and then finds nothing to do.
async fn migrate_one(db: &Database, set: &MigrationSet, tenant: &TenantHandle) -> Result<(), (i32, String)> {
    let db_error = |e: sqlx::Error| (0, super::db_message(&e));
    let mut tx = db.pool().begin().await.map_err(db_error)?;
    let current: i32 =
        sqlx::query_scalar("select schema_version from platform.tenants where tenant_id = $1 for update")
            .bind(tenant.tenant_id().0)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
    match apply_in_tx(&mut tx, tenant, set.after(current)).await {
        Ok(applied) => {
            record_applied(&mut tx, tenant.tenant_id(), &applied).await.map_err(db_error)?;
            tx.commit().await.map_err(db_error)
        }
        Err(failed) => {
            drop(tx);
            let migration = set.get(failed.version).expect("failed version comes from the set");
            let mut conn = db.pool().acquire().await.map_err(db_error)?;
            if let Err(e) = record_failure(&mut conn, tenant.tenant_id(), migration, &failed).await {
                tracing::error!(tenant.id = %tenant.tenant_id(), error = %e, "could not record a migration failure");
            }
            Err((failed.version, failed.message))
        }
    }
}
