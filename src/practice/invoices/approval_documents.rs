//! An invoice as the approval engine reads it: its total, the minutes its
//! time lines bill, the engagements they come from and those engagements'
//! owners. One invoice for a submission or a decision; every waiting
//! invoice at once for the inbox, in one statement.

use super::Header;
use crate::db::TenantTx;
use crate::money::Minutes;
use crate::teams::Hierarchy;
use crate::workflow::{Document, DocumentKind};
use std::collections::HashMap;

/// What an invoice's lines tell the engine.
#[derive(sqlx::FromRow, Default)]
pub(super) struct LineFacts {
    invoice_id: i64,
    minutes: i64,
    engagements: Vec<i64>,
    /// Ordered, so the owner the step names stays the same on every replay.
    owners: Vec<i64>,
}

/// The line facts of `invoice_ids`, by invoice id; an invoice without
/// lines has none.
pub(super) async fn line_facts(tx: &mut TenantTx, invoice_ids: &[i64]) -> Result<HashMap<i64, LineFacts>, sqlx::Error> {
    let rows: Vec<LineFacts> = sqlx::query_as(
        "select l.invoice_id,
                coalesce(sum(l.quantity_minutes) filter (where l.kind = 'time'), 0)::int8 as minutes,
                coalesce(array_agg(distinct l.engagement_id) filter (where l.engagement_id is not null), '{}')
                    as engagements,
                coalesce(array_agg(distinct e.owner_id) filter (where e.owner_id is not null), '{}') as owners
         from invoice_lines l left join engagements e on e.engagement_id = l.engagement_id
         where l.invoice_id = any($1)
         group by l.invoice_id",
    )
    .bind(invoice_ids)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(|facts| (facts.invoice_id, facts)).collect())
}

pub(super) fn document_of(header: &Header, submitter: i64, hierarchy: &Hierarchy, facts: LineFacts) -> Document {
    let mut owners = facts.owners;
    owners.sort_unstable();
    Document {
        kind: DocumentKind::Invoice,
        submitter,
        manager_chain: hierarchy.manager_chain(submitter),
        minutes: Minutes(u32::try_from(facts.minutes).unwrap_or(u32::MAX)),
        // A credit note's size is what it takes off.
        amount_minor: header.total_minor.abs(),
        currency: Some(header.currency()),
        client_ids: vec![header.client_id],
        engagement_ids: facts.engagements,
        engagement_owners: owners,
        policy_version: header.policy_version.and_then(|v| u32::try_from(v).ok()),
    }
}

/// One invoice's document.
pub(super) async fn document(
    tx: &mut TenantTx,
    header: &Header,
    submitter: i64,
    hierarchy: &Hierarchy,
) -> Result<Document, sqlx::Error> {
    let facts = line_facts(tx, &[header.invoice_id]).await?.remove(&header.invoice_id).unwrap_or_default();
    Ok(document_of(header, submitter, hierarchy, facts))
}
