//! Writing and reading a firm's `audit_events`, inside its tenant transaction.

use super::{AuditAction, AuditEvent, AuditPage};
use crate::db::TenantTx;
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
    actor_label: String,
    action: String,
    subject: String,
    detail: String,
    client_address: Option<String>,
}

/// Events older than `older_than` (the newest when `None`), newest first.
pub async fn page(tx: &mut TenantTx, older_than: Option<i64>) -> Result<AuditPage, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "select audit_event_id, occurred_at, actor_label, action, subject, detail, host(client_address) as client_address
         from audit_events
         where $1::bigint is null or audit_event_id < $1
         order by audit_event_id desc
         limit $2",
    )
    .bind(older_than)
    .bind(PAGE_SIZE + 1)
    .fetch_all(tx.conn())
    .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    let events: Vec<AuditEvent> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .filter_map(|row| {
            Some(AuditEvent {
                audit_event_id: row.audit_event_id,
                occurred_at: row.occurred_at.format(&Rfc3339).ok()?,
                actor: row.actor_label,
                action: AuditAction::parse(&row.action)?,
                subject: row.subject,
                detail: row.detail,
                client_address: row.client_address,
            })
        })
        .collect();
    let older_than = if more { events.last().map(|e| e.audit_event_id) } else { None };
    Ok(AuditPage { events, older_than })
}
