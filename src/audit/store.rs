//! Writing and reading a firm's `audit_events`, inside its tenant transaction.

use super::{AuditAction, AuditEvent, AuditFilter, AuditPage};
use crate::db::TenantTx;
use crate::practice::time_zones::Reader;
use std::net::IpAddr;
use time::format_description::well_known::Rfc3339;

/// Newest first, this many to a page.
pub const PAGE_SIZE: i64 = 50;

pub struct AuditEntry<'a> {
    pub actor_user_id: Option<i64>,
    /// Who, as shown: an email, typed or known.
    pub actor_label: &'a str,
    pub action: AuditAction,
    pub subject: &'a str,
    pub detail: &'a str,
    pub client_address: Option<IpAddr>,
}

pub async fn record(tx: &mut TenantTx, entry: &AuditEntry<'_>) -> Result<(), sqlx::Error> {
    let label: String = entry.actor_label.chars().take(254).collect();
    sqlx::query(
        "insert into audit_events (actor_user_id, actor_label, action, subject, detail, client_address)
         values ($1, $2, $3, $4, $5, $6::inet)",
    )
    .bind(entry.actor_user_id)
    .bind(label)
    .bind(entry.action.as_str())
    .bind(entry.subject)
    .bind(entry.detail)
    .bind(entry.client_address.map(|ip| ip.to_string()))
    .execute(tx.conn())
    .await
    .map(drop)
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    audit_event_id: i64,
    occurred_at: time::OffsetDateTime,
    /// The same moment on the reader's clock (`at time zone`).
    local_at: time::PrimitiveDateTime,
    actor_label: String,
    action: String,
    subject: String,
    detail: String,
    client_address: Option<String>,
}

/// At most this many events go into one CSV export (newest first).
pub const EXPORT_LIMIT: i64 = 100_000;

/// Up to `limit` events matching `filter`, older than `older_than` (the
/// newest when `None`), newest first. Times, and the filter's days, are
/// read on `reader`'s clock and written in the firm's formats.
pub async fn matching(
    tx: &mut TenantTx,
    filter: &AuditFilter,
    older_than: Option<i64>,
    limit: i64,
    reader: Reader<'_>,
) -> Result<Vec<AuditEvent>, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "select audit_event_id, occurred_at, occurred_at at time zone $7 as local_at, actor_label, action, subject,
                detail, host(client_address) as client_address
         from audit_events
         where ($1::bigint is null or audit_event_id < $1)
           and ($3::text is null or actor_label ilike $3 or subject ilike $3)
           and ($4::text is null or action = $4)
           and ($5::date is null or occurred_at >= $5::date::timestamp at time zone $7)
           and ($6::date is null or occurred_at < ($6::date + 1)::timestamp at time zone $7)
         order by audit_event_id desc
         limit $2",
    )
    .bind(older_than)
    .bind(limit)
    .bind(filter.who_pattern())
    .bind(filter.action.map(AuditAction::as_str))
    .bind(filter.from)
    .bind(filter.to)
    .bind(reader.zone)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(AuditEvent {
                audit_event_id: row.audit_event_id,
                occurred_at: row.occurred_at.format(&Rfc3339).ok()?,
                when: reader.formats.when(row.local_at),
                actor: row.actor_label,
                action: AuditAction::parse(&row.action)?,
                subject: row.subject,
                detail: row.detail,
                client_address: row.client_address,
            })
        })
        .collect())
}

/// A page of the events matching `filter`, older than `older_than`, as
/// `reader` reads them.
pub async fn page(
    tx: &mut TenantTx,
    filter: &AuditFilter,
    older_than: Option<i64>,
    reader: Reader<'_>,
) -> Result<AuditPage, sqlx::Error> {
    let mut events = matching(tx, filter, older_than, PAGE_SIZE + 1, reader).await?;
    let more = events.len() as i64 > PAGE_SIZE;
    events.truncate(PAGE_SIZE as usize);
    let older_than = if more { events.last().map(|e| e.audit_event_id) } else { None };
    Ok(AuditPage { events, older_than, filter: filter.clone(), time_zone: reader.zone.to_owned() })
}
