//! How the audit trail names what an action was about: people, weeks,
//! expenses and engagements by their names, never by ids, so the trail
//! reads on its own (and still reads after the thing is gone).

use crate::db::TenantTx;
use crate::week::Week;
use time::Date;

/// "Emery Employee · 2026-W48".
pub fn week_subject(person: &str, week: Week) -> String {
    format!("{person} · {week}")
}

/// A timesheet named by its owner and week; `None` when there is none.
pub async fn timesheet_subject(tx: &mut TenantTx, timesheet_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Date)> = sqlx::query_as(
        "select u.display_name, t.week_start from timesheets t join users u using (user_id) where t.timesheet_id = $1",
    )
    .bind(timesheet_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|(person, start)| week_subject(&person, Week::starting(start))))
}

/// "Emery Employee · expense of 2026-11-24 on AC-1 Annual audit".
pub async fn expense_subject(tx: &mut TenantTx, expense_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Date, String, String)> = sqlx::query_as(
        "select u.display_name, x.spent_on, e.code, e.name
         from expenses x join users u using (user_id) join engagements e using (engagement_id)
         where x.expense_id = $1",
    )
    .bind(expense_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|(person, spent_on, code, name)| format!("{person} · expense of {spent_on} on {code} {name}")))
}

/// "AC-1 Annual audit (Acme Ltd)".
pub async fn engagement_subject(tx: &mut TenantTx, engagement_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "select e.code, e.name, c.name from engagements e join clients c using (client_id) where e.engagement_id = $1",
    )
    .bind(engagement_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|(code, name, client)| format!("{code} {name} ({client})")))
}

/// A client's name; `None` when there is none.
pub async fn client_subject(tx: &mut TenantTx, client_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select name from clients where client_id = $1").bind(client_id).fetch_optional(tx.conn()).await
}
