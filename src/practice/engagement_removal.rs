//! Deleting an engagement created by mistake. Only one that nothing refers
//! to may go: time, expenses, rates and running timers are records a firm
//! keeps, so an engagement that has them is closed instead (on its page).

use crate::db::TenantTx;

#[derive(Debug, thiserror::Error)]
pub enum RemovalError {
    /// Unknown here, perhaps another firm's id.
    #[error("no such engagement")]
    NotFound,
    /// What refers to it, to begin a sentence ("time is").
    #[error("{0} recorded against this engagement, so it can't be deleted; close it instead")]
    InUse(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What was deleted: where to go next, and what to call it in the audit trail.
#[derive(Debug)]
pub struct Deleted {
    pub client_id: i64,
    /// "ACM-1 Audit".
    pub label: String,
}

/// Deletes `engagement_id` (and who was a member of it).
pub async fn delete_engagement(tx: &mut TenantTx, engagement_id: i64) -> Result<Deleted, RemovalError> {
    tx.wrote("engagements");
    // Locked first: anything about to refer to it (which takes a key-share
    // lock on this row) waits for this transaction, then finds it gone.
    let row: Option<(i64, String)> =
        sqlx::query_as("select client_id, code || ' ' || name from engagements where engagement_id = $1 for update")
            .bind(engagement_id)
            .fetch_optional(tx.conn())
            .await?;
    let (client_id, label) = row.ok_or(RemovalError::NotFound)?;
    let (time, expenses, rates, timers): (bool, bool, bool, bool) = sqlx::query_as(
        "select exists (select from time_entries where engagement_id = $1),
                exists (select from expenses where engagement_id = $1),
                exists (select from rates where engagement_id = $1),
                exists (select from running_timers where engagement_id = $1)",
    )
    .bind(engagement_id)
    .fetch_one(tx.conn())
    .await?;
    let in_use = [(time, "time is"), (expenses, "expenses are"), (rates, "rates are"), (timers, "a running timer is")];
    if let Some((_, what)) = in_use.into_iter().find(|(used, _)| *used) {
        return Err(RemovalError::InUse(what));
    }
    sqlx::query("delete from engagements where engagement_id = $1").bind(engagement_id).execute(tx.conn()).await?;
    Ok(Deleted { client_id, label })
}
