//! Adding a rate rule: first a preview of what it would re-price, then the
//! rule saved and exactly those open entries re-stamped, in one transaction.
//! Approved entries are only counted, never changed.

use super::rates::{EntryRow, candidate_rules, entry_select, kind_str, price_entries, scope_columns};
use crate::db::TenantTx;
use crate::money::Money;
use crate::rates::{EntryContext, PricedEntry, RateKind, RateRule, RateScope, RepricePreview, reprice_preview};
use time::Date;

/// A rule about to be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRate {
    pub kind: RateKind,
    pub scope: RateScope,
    pub hourly: Money,
    pub effective_from: Date,
}

#[derive(Debug, thiserror::Error)]
pub enum RateError {
    /// The scope names a person, client or engagement this firm doesn't have.
    #[error("that person, client or engagement was not found")]
    UnknownScope,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The preview's id for the rule not yet saved: above every real id, as the
/// saved rule's will be, so the tie rule decides the same way before and after.
const UNSAVED_RATE_ID: i64 = i64::MAX;

async fn check_scope(tx: &mut TenantTx, scope: RateScope) -> Result<(), RateError> {
    let (_, _, user, client, engagement) = scope_columns(scope);
    let found: bool = sqlx::query_scalar(
        "select ($1::bigint is null or exists (select from users where user_id = $1))
            and ($2::bigint is null or exists (select from clients where client_id = $2))
            and ($3::bigint is null or exists (select from engagements where engagement_id = $3))",
    )
    .bind(user)
    .bind(client)
    .bind(engagement)
    .fetch_one(tx.conn())
    .await?;
    if found { Ok(()) } else { Err(RateError::UnknownScope) }
}

/// What adding `rate` would re-price: only entries the new rule could
/// match are read (its currency, from its date, within its scope); approved
/// ones among them are counted as left alone.
pub async fn preview_rate(tx: &mut TenantTx, rate: &NewRate) -> Result<RepricePreview, RateError> {
    check_scope(tx, rate.scope).await?;
    // The scope's own ids filter the entries; a firm default matches all.
    let (_, role, user, client, engagement) = scope_columns(rate.scope);
    let rows: Vec<EntryRow> = sqlx::query_as(&entry_select(
        "coalesce(e.currency, c.currency) = $1 and t.work_date >= $2
         and ($3::text is null or u.role = $3) and ($4::bigint is null or t.user_id = $4)
         and ($5::bigint is null or e.client_id = $5) and ($6::bigint is null or t.engagement_id = $6)",
    ))
    .bind(rate.hourly.currency.to_string())
    .bind(rate.effective_from)
    .bind(role)
    .bind(user)
    .bind(client)
    .bind(engagement)
    .fetch_all(tx.conn())
    .await?;
    let entries: Vec<PricedEntry> = rows.iter().filter_map(|row| row.priced(rate.kind)).collect();
    let contexts: Vec<EntryContext> = entries.iter().map(|entry| entry.ctx.clone()).collect();
    let mut rules = candidate_rules(tx, &contexts).await?;
    rules.push(RateRule {
        rate_id: UNSAVED_RATE_ID,
        kind: rate.kind,
        scope: rate.scope,
        hourly: rate.hourly,
        effective_from: rate.effective_from,
    });
    Ok(reprice_preview(&entries, &rules, rate.kind))
}

/// Saves `rate` and re-stamps exactly the entries its preview lists, in the
/// caller's transaction. Returns the new rule's id and how many entries
/// were re-priced.
pub async fn add_rate(tx: &mut TenantTx, rate: &NewRate, created_by: i64) -> Result<(i64, usize), RateError> {
    let preview = preview_rate(tx, rate).await?;
    let (scope, role, user, client, engagement) = scope_columns(rate.scope);
    let rate_id: i64 = sqlx::query_scalar(
        "insert into rates (kind, scope, role, user_id, client_id, engagement_id, hourly_minor, currency,
                            effective_from, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning rate_id",
    )
    .bind(kind_str(rate.kind))
    .bind(scope)
    .bind(role)
    .bind(user)
    .bind(client)
    .bind(engagement)
    .bind(rate.hourly.minor)
    .bind(rate.hourly.currency.to_string())
    .bind(rate.effective_from)
    .bind(created_by)
    .fetch_one(tx.conn())
    .await?;
    let changed: Vec<i64> = preview.changes.iter().map(|change| change.entry_id).collect();
    let repriced = price_entries(tx, &changed).await?;
    Ok((rate_id, repriced))
}
