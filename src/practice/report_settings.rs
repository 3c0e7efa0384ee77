//! What a firm's reports count, stored in `firm_settings` (keys
//! `weekly_capacity_minutes` and `utilization_basis`; none means 40 hours
//! and billable time) and `users.weekly_capacity_minutes` (none means the
//! firm's). Read on each report rather than cached: reports are opened a
//! few times a day, not on every request.

use crate::db::TenantTx;
use crate::money::Minutes;
use crate::reports::definitions::ReportDefinitions;
use crate::reports::utilization::UtilizationBasis;

/// A week of 40 hours: the capacity of anyone the firm set none for.
pub const DEFAULT_WEEKLY_CAPACITY: Minutes = Minutes(40 * 60);

/// The firm's report definitions: its default weekly capacity and what
/// utilization counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSettings {
    pub weekly_capacity: Minutes,
    pub basis: UtilizationBasis,
}

pub async fn report_settings(tx: &mut TenantTx) -> Result<ReportSettings, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "select setting_key, value #>> '{}' from firm_settings
         where setting_key in ('weekly_capacity_minutes', 'utilization_basis')",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut settings = ReportSettings { weekly_capacity: DEFAULT_WEEKLY_CAPACITY, basis: UtilizationBasis::default() };
    for (key, value) in rows {
        let value = value.unwrap_or_default();
        match key.as_str() {
            "weekly_capacity_minutes" => {
                settings.weekly_capacity = value.parse().map(Minutes).unwrap_or(DEFAULT_WEEKLY_CAPACITY);
            }
            _ => settings.basis = UtilizationBasis::parse(&value).unwrap_or_default(),
        }
    }
    Ok(settings)
}

/// Stores the firm's report definitions.
pub async fn set_report_settings(tx: &mut TenantTx, settings: ReportSettings) -> Result<(), sqlx::Error> {
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value)
         values ('weekly_capacity_minutes', to_jsonb($1::int)), ('utilization_basis', to_jsonb($2::text))
         on conflict (setting_key) do update set value = excluded.value, updated_at = now()",
    )
    .bind(i32::try_from(settings.weekly_capacity.0).unwrap_or(i32::MAX))
    .bind(settings.basis.key())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The settings page: the firm's definitions and its active people's own
/// capacities.
pub async fn report_definitions(tx: &mut TenantTx) -> Result<ReportDefinitions, sqlx::Error> {
    let settings = report_settings(tx).await?;
    let people: Vec<(i64, String, Option<i32>)> = sqlx::query_as(
        "select user_id, display_name, weekly_capacity_minutes from users where active order by lower(display_name)",
    )
    .fetch_all(tx.conn())
    .await?;
    let people = people
        .into_iter()
        .map(|(id, name, own)| (id, name, own.and_then(|m| u32::try_from(m).ok()).map(Minutes)))
        .collect();
    Ok(ReportDefinitions { weekly_capacity: settings.weekly_capacity, basis: settings.basis, people })
}

/// Sets (or with none clears) an active person's own capacity; their email
/// for the audit trail, none if there is no such active person.
pub async fn set_capacity(
    tx: &mut TenantTx,
    user_id: i64,
    own: Option<Minutes>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("update users set weekly_capacity_minutes = $2 where user_id = $1 and active returning email")
        .bind(user_id)
        .bind(own.map(|m| i32::try_from(m.0).unwrap_or(i32::MAX)))
        .fetch_optional(tx.conn())
        .await
}
