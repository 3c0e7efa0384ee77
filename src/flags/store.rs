//! Where the flags' inputs are kept. The plan and staff overrides are
//! platform data, changed only from the staff console and read by the tenant
//! registry; a firm's own narrowing is a row of its `firm_settings` (key
//! `flag.<key>`), read in the request's tenant transaction.

use super::{FirmFlags, FlagValue, Plan};
use crate::db::{Database, TenantTx};
use crate::tenancy::Tenant;
use crate::tenant::TenantId;
use std::collections::HashMap;

/// The `firm_settings` key of a flag.
fn setting_key(flag_key: &str) -> String {
    format!("flag.{flag_key}")
}

/// The firm's own flag settings, by flag key. A value that does not read
/// is skipped (and logged): the layers above it then decide.
pub async fn firm_settings(tx: &mut TenantTx) -> Result<HashMap<String, FlagValue>, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("select setting_key, value #>> '{}' from firm_settings where setting_key like 'flag.%'")
            .fetch_all(tx.conn())
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, raw)| {
            let flag = key.strip_prefix("flag.")?.to_owned();
            match raw.as_deref().and_then(FlagValue::from_stored) {
                Some(value) => Some((flag, value)),
                None => {
                    tracing::warn!(setting = %key, "unreadable flag setting ignored");
                    None
                }
            }
        })
        .collect())
}

/// Every flag for the firm of `tx`, `tenant` being the registry's entry.
pub async fn firm_flags(tx: &mut TenantTx, tenant: &Tenant) -> Result<FirmFlags, sqlx::Error> {
    let settings = firm_settings(tx).await?;
    Ok(tenant.flags(&settings))
}

/// Sets (or, with `None`, removes) the firm's own setting for `flag_key`.
pub async fn set_firm_setting(tx: &mut TenantTx, flag_key: &str, value: Option<FlagValue>) -> Result<(), sqlx::Error> {
    match value {
        Some(value) => {
            tx.wrote("firm_settings");
            sqlx::query(
                "insert into firm_settings (setting_key, value) values ($1, to_jsonb($2::text))
                 on conflict (setting_key) do update set value = excluded.value, updated_at = now()",
            )
            .bind(setting_key(flag_key))
            .bind(value.stored_form())
            .execute(tx.conn())
            .await?;
        }
        None => {
            tx.wrote("firm_settings");
            sqlx::query("delete from firm_settings where setting_key = $1")
                .bind(setting_key(flag_key))
                .execute(tx.conn())
                .await?;
        }
    }
    Ok(())
}

/// A staff override as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffOverride {
    pub flag_key: String,
    pub value: FlagValue,
    pub reason: String,
    pub set_by: String,
    /// RFC 3339, UTC.
    pub set_at: String,
}

/// The overrides of one firm, by flag key.
pub async fn staff_overrides(db: &Database, tenant_id: TenantId) -> Result<Vec<StaffOverride>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, time::OffsetDateTime)> = sqlx::query_as(
        "select flag_key, value, reason, set_by, set_at from platform.tenant_flag_overrides
         where tenant_id = $1 order by flag_key",
    )
    .bind(tenant_id.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(flag_key, value, reason, set_by, set_at)| {
            let set_at = set_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
            Some(StaffOverride { flag_key, value: FlagValue::from_stored(&value)?, reason, set_by, set_at })
        })
        .collect())
}

/// Who is changing the platform's flag data, for the record.
pub struct StaffActor<'a> {
    /// `None` for changes made by the platform itself (demo data).
    pub staff_id: Option<i64>,
    pub email: &'a str,
}

/// Moves a firm to `plan`. Every server's registry reloads (the tenants
/// trigger notifies).
pub async fn set_plan(db: &Database, tenant_id: TenantId, plan: Plan) -> Result<(), sqlx::Error> {
    sqlx::query("update platform.tenants set plan = $2, updated_at = now() where tenant_id = $1")
        .bind(tenant_id.0)
        .bind(plan.as_str())
        .execute(db.pool())
        .await
        .map(drop)
}

/// Sets (or, with `None`, clears) the staff override of `flag_key` for a
/// firm. `reason` was checked by the caller.
pub async fn set_staff_override(
    db: &Database,
    tenant_id: TenantId,
    flag_key: &str,
    value: Option<FlagValue>,
    reason: &str,
    by: &StaffActor<'_>,
) -> Result<(), sqlx::Error> {
    match value {
        Some(value) => sqlx::query(
            "insert into platform.tenant_flag_overrides (tenant_id, flag_key, value, reason, set_by_staff_id, set_by)
             values ($1, $2, $3, $4, $5, $6)
             on conflict (tenant_id, flag_key) do update set value = excluded.value, reason = excluded.reason,
                 set_by_staff_id = excluded.set_by_staff_id, set_by = excluded.set_by, set_at = now()",
        )
        .bind(tenant_id.0)
        .bind(flag_key)
        .bind(value.stored_form())
        .bind(reason)
        .bind(by.staff_id)
        .bind(by.email)
        .execute(db.pool())
        .await
        .map(drop),
        None => sqlx::query("delete from platform.tenant_flag_overrides where tenant_id = $1 and flag_key = $2")
            .bind(tenant_id.0)
            .bind(flag_key)
            .execute(db.pool())
            .await
            .map(drop),
    }
}
