//! A person's week as the approval engine reads it: who submitted it, their
//! managers, its minutes and what it touches (clients and engagements for
//! scoped rules, the engagements' owners for the owner's step). One week
//! is loaded for a submission or a decision; every waiting week at once
//! for the inbox, in one statement.

use super::timesheets::SheetRow;
use crate::db::TenantTx;
use crate::money::Minutes;
use crate::teams::Hierarchy;
use crate::workflow::{Document, DocumentKind};
use std::collections::HashMap;
use time::Date;

/// What a person's week touches.
#[derive(Default)]
struct Touched {
    client_ids: Vec<i64>,
    engagement_ids: Vec<i64>,
    owners: Vec<i64>,
}

fn document_of(sheet: &SheetRow, hierarchy: &Hierarchy, touched: Touched) -> Document {
    Document {
        kind: DocumentKind::Timesheet,
        submitter: sheet.user_id,
        manager_chain: hierarchy.manager_chain(sheet.user_id),
        minutes: Minutes(u32::try_from(sheet.minutes).unwrap_or_default()),
        amount_minor: 0,
        currency: None,
        client_ids: touched.client_ids,
        engagement_ids: touched.engagement_ids,
        engagement_owners: touched.owners,
        policy_version: sheet.policy_version.and_then(|v| u32::try_from(v).ok()),
    }
}

pub(super) async fn document(
    tx: &mut TenantTx,
    sheet: &SheetRow,
    hierarchy: &Hierarchy,
) -> Result<Document, sqlx::Error> {
    let touched = touched(tx, std::slice::from_ref(sheet)).await?.remove(&sheet.timesheet_id).unwrap_or_default();
    Ok(document_of(sheet, hierarchy, touched))
}

/// The documents of `sheets`, in the same order.
pub(super) async fn documents(
    tx: &mut TenantTx,
    sheets: &[SheetRow],
    hierarchy: &Hierarchy,
) -> Result<Vec<Document>, sqlx::Error> {
    let mut touched = touched(tx, sheets).await?;
    Ok(sheets
        .iter()
        .map(|sheet| document_of(sheet, hierarchy, touched.remove(&sheet.timesheet_id).unwrap_or_default()))
        .collect())
}

/// What each sheet's week touches, by timesheet id. The week's own
/// entries only: those imported approved are past work no decision on the
/// week may change (see `timesheets::OWN_ENTRIES`).
async fn touched(tx: &mut TenantTx, sheets: &[SheetRow]) -> Result<HashMap<i64, Touched>, sqlx::Error> {
    if sheets.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<i64> = sheets.iter().map(|s| s.timesheet_id).collect();
    let owners: Vec<i64> = sheets.iter().map(|s| s.user_id).collect();
    let starts: Vec<Date> = sheets.iter().map(|s| s.week_start).collect();
    let (first, last) = super::approval_cards::span(&starts);
    // As in `approval_cards`, the last line repeats the join's condition
    // in a form the (user_id, work_date) index can answer.
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "select distinct w.timesheet_id, e.client_id, e.engagement_id, e.owner_id
         from unnest($1::int8[], $2::int8[], $3::date[]) as w(timesheet_id, user_id, week_start)
         join time_entries t on t.user_id = w.user_id and t.work_date between w.week_start and w.week_start + 6
         join engagements e on e.engagement_id = t.engagement_id
         where not t.approved_at_import and t.user_id = any($2) and t.work_date between $4 and $5::date + 6
         order by 1, 2, 3",
    )
    .bind(&ids)
    .bind(&owners)
    .bind(&starts)
    .bind(first)
    .bind(last)
    .fetch_all(tx.conn())
    .await?;
    let mut by_sheet: HashMap<i64, Touched> = HashMap::new();
    for (sheet, client, engagement, owner) in rows {
        let touched = by_sheet.entry(sheet).or_default();
        touched.client_ids.push(client);
        touched.engagement_ids.push(engagement);
        touched.owners.extend(owner);
    }
    for touched in by_sheet.values_mut() {
        // Sorted, so the owner the step names stays the same on every replay.
        touched.owners.sort_unstable();
        touched.owners.dedup();
    }
    Ok(by_sheet)
}
