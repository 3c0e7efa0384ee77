//! Operator changes to a firm: suspend or resume it, add a custom hostname.
//! Each write fires the change trigger, so running servers follow at once.

use super::provision::is_unique_violation;
use crate::db::Database;
use crate::host::{HostRules, Hostname};
use crate::slug::TenantSlug;
use crate::staff::{PlatformEntry, StaffAction, record_platform};
use crate::tenant::{TenantId, TenantStatus};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no firm has the short name “{0}”")]
    NotFound(TenantSlug),
    #[error("{0} is already used by a firm")]
    HostnameTaken(Hostname),
    #[error("{0} lies under the platform's own domain {1}; firms get <slug>.{1} automatically")]
    HostnameReserved(Hostname, String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

pub async fn set_status(db: &Database, slug: &TenantSlug, status: TenantStatus) -> Result<(), AdminError> {
    // The suspension's start is kept (and kept on a repeated suspension):
    // deleting a firm counts its retention period from it.
    let updated = sqlx::query(
        "update platform.tenants
         set status = $2, updated_at = now(),
             suspended_at = case when $2 = 'suspended' then coalesce(suspended_at, now()) end
         where slug = $1",
    )
    .bind(slug.as_str())
    .bind(status.as_str())
    .execute(db.pool())
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AdminError::NotFound(slug.clone()));
    }
    Ok(())
}

/// Makes the firm answer on `host` on the operator's word (no DNS proof),
/// recorded in the platform's audit trail (from the CLI).
pub async fn add_hostname(
    db: &Database,
    rules: &HostRules,
    slug: &TenantSlug,
    host: &Hostname,
) -> Result<(), AdminError> {
    let by = PlatformEntry { actor_label: "operator (pespro CLI)", ..Default::default() };
    add_hostname_by(db, rules, slug, host, by).await
}

/// As [`add_hostname`], recorded as `by` (a staff member on the console,
/// with their reason); its firm and detail are filled in here.
pub async fn add_hostname_by(
    db: &Database,
    rules: &HostRules,
    slug: &TenantSlug,
    host: &Hostname,
    by: PlatformEntry<'_>,
) -> Result<(), AdminError> {
    if host.is_within(rules.base_domain()) || host.as_str() == rules.admin_host() {
        return Err(AdminError::HostnameReserved(host.clone(), rules.base_domain().to_owned()));
    }
    // The operator vouches for the name: served at once, never looked at by
    // DNS, even if the firm had added it itself and not proven it.
    let inserted: Result<Option<i64>, _> = sqlx::query_scalar(
        "insert into platform.tenant_hostnames (hostname, tenant_id)
         select $2, tenant_id from platform.tenants where slug = $1
         on conflict (hostname, tenant_id) do update
         set status = 'verified', added_by = 'operator', attempts = 0, unproven_since = null,
             next_check_at = null, reason = null
         returning tenant_id",
    )
    .bind(slug.as_str())
    .bind(host.as_str())
    .fetch_optional(db.pool())
    .await;
    match inserted {
        Ok(None) => Err(AdminError::NotFound(slug.clone())),
        Ok(Some(tenant_id)) => {
            let detail = format!("{host}: served on the operator's word, without a DNS proof");
            let entry = PlatformEntry { tenant_id: Some(TenantId(tenant_id)), detail: &detail, ..by };
            record_platform(db, StaffAction::HostAdded, &entry).await?;
            Ok(())
        }
        Err(e) if is_unique_violation(&e) => Err(AdminError::HostnameTaken(host.clone())),
        Err(e) => Err(e.into()),
    }
}
