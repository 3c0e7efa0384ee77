//! Demo rate rules, so `make run` shows entries priced by different rules
//! with their explanations: a firm default billable and cost rate, a higher
//! manager rate, and a negotiated rate on the firm's first engagement.
//! Added once (when the firm has no rules yet); then every open entry
//! without a rate is stamped.

use crate::db::TenantTx;

pub(crate) async fn seed_rates(tx: &mut TenantTx) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into rates (kind, scope, role, engagement_id, hourly_minor, currency, effective_from)
         select r.kind, r.scope, r.role, case when r.scope = 'engagement' then e.engagement_id end,
                r.hourly_minor, 'USD', date '2026-01-01'
         from (values ('billable', 'firm', null, 15000), ('cost', 'firm', null, 6000),
                      ('billable', 'role', 'manager', 21000), ('billable', 'engagement', null, 18000))
              r (kind, scope, role, hourly_minor)
         cross join lateral (select engagement_id from engagements order by code limit 1) e
         where not exists (select from rates)",
    )
    .execute(tx.conn())
    .await?;
    let unpriced: Vec<i64> = sqlx::query_scalar("select time_entry_id from time_entries where currency is null")
        .fetch_all(tx.conn())
        .await?;
    crate::practice::price_entries(tx, &unpriced).await?;
    Ok(())
}
