//! Time entries: logging one, correcting or removing one's own while its
//! week is open, and reading a person's week. The week read is
//! the page people open most, so it is one indexed query (see migration
//! 0006) with the client and engagement names joined in.

use crate::db::TenantTx;
use crate::money::Minutes;
use crate::my_week::{EngagementChoice, WeekEntry};
use crate::week::Week;
use time::Date;

#[derive(sqlx::FromRow)]
pub(super) struct WeekEntryRow {
    time_entry_id: i64,
    work_date: Date,
    minutes: i32,
    billable: bool,
    notes: String,
    client_name: String,
    engagement_code: String,
    engagement_name: String,
    status: String,
    imported: bool,
}

impl WeekEntryRow {
    pub(super) fn into_entry(self) -> WeekEntry {
        WeekEntry {
            time_entry_id: self.time_entry_id,
            work_date: self.work_date,
            minutes: Minutes(u32::try_from(self.minutes).unwrap_or_default()),
            billable: self.billable,
            notes: self.notes,
            client_name: self.client_name,
            engagement_code: self.engagement_code,
            engagement_name: self.engagement_name,
            locked: self.status != "draft",
            imported: self.imported.then(|| crate::workflow::State::parse(&self.status)),
        }
    }
}

/// `user_id`'s entries dated within `week`, oldest first.
pub async fn week_entries(tx: &mut TenantTx, user_id: i64, week: Week) -> Result<Vec<WeekEntry>, sqlx::Error> {
    let dates = week.dates();
    let rows: Vec<WeekEntryRow> = sqlx::query_as(
        "select t.time_entry_id, t.work_date, t.minutes, t.billable, t.notes,
                c.name as client_name, e.code as engagement_code, e.name as engagement_name, t.status,
                t.import_batch_id is not null as imported
         from time_entries t
         join engagements e using (engagement_id)
         join clients c using (client_id)
         where t.user_id = $1 and t.work_date between $2 and $3
         order by t.work_date, t.time_entry_id",
    )
    .bind(user_id)
    .bind(dates[0])
    .bind(dates[6])
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(WeekEntryRow::into_entry).collect())
}

/// Active engagements of active clients, by client then code.
/// The firm's open engagements, from this process's copy when the
/// transaction belongs to a request (`firm_data`) and has not itself
/// changed engagements or clients; else from the database.
pub async fn open_engagements(tx: &mut TenantTx) -> Result<Vec<EngagementChoice>, sqlx::Error> {
    match tx.cached_unless_written(&["engagements", "clients"]) {
        Some((data, firm)) => Ok(data.open_engagements(tx, &firm).await?.as_ref().clone()),
        None => read_open_engagements(tx).await,
    }
}

pub(crate) async fn read_open_engagements(tx: &mut TenantTx) -> Result<Vec<EngagementChoice>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select e.engagement_id, c.name, e.code, e.name
         from engagements e join clients c using (client_id)
         where e.status = 'active' and c.archived_at is null
         order by lower(c.name), e.code",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(engagement_id, client, code, name)| EngagementChoice {
            engagement_id,
            label: format!("{client} — {code} {name}"),
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct NewTimeEntry {
    pub engagement_id: i64,
    pub work_date: Date,
    /// Already checked with `my_week::check_minutes`.
    pub minutes: Minutes,
    pub billable: bool,
    pub notes: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LogTimeError {
    /// Unknown here (perhaps another firm's id), closed, or its client archived.
    #[error("that engagement is not open for time")]
    EngagementNotOpen,
    #[error("that week has been submitted for approval; time can't be added to it now")]
    WeekLocked,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Records time for `user_id`; the engagement must be open in this firm.
/// A submitted or approved week takes no new time. The entry is stamped
/// with its billable and cost rates before this returns.
pub async fn log_time(tx: &mut TenantTx, user_id: i64, entry: &NewTimeEntry) -> Result<i64, LogTimeError> {
    if super::lock_week(tx, user_id, entry.work_date).await? {
        return Err(LogTimeError::WeekLocked);
    }
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select $1, e.engagement_id, $3, $4, $5, $6
         from engagements e join clients c using (client_id)
         where e.engagement_id = $2 and e.status = 'active' and c.archived_at is null
         returning time_entry_id",
    )
    .bind(user_id)
    .bind(entry.engagement_id)
    .bind(entry.work_date)
    .bind(i32::try_from(entry.minutes.0).unwrap_or(i32::MAX))
    .bind(entry.billable)
    .bind(&entry.notes)
    .fetch_optional(tx.conn())
    .await?;
    let entry_id = inserted.ok_or(LogTimeError::EngagementNotOpen)?;
    // Priced now, in the same transaction: an entry never exists without
    // the rate it got and the reason (see `price_entries`).
    super::price_entries(tx, &[entry_id]).await?;
    Ok(entry_id)
}

/// What its owner may change about an entry while its week is open.
#[derive(Debug, Clone)]
pub struct EntryChange {
    /// Already checked with `my_week::check_minutes`.
    pub minutes: Minutes,
    pub billable: bool,
    pub notes: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EntryChangeError {
    /// Not this person's entry, or not in this firm.
    #[error("that entry doesn't exist, or isn't yours")]
    NotFound,
    #[error("that entry's week has been submitted or approved; ask an administrator to unlock it first")]
    Locked,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Locks `user_id`'s entry and checks it is still a draft. Submitting a
/// week locks its entries in the same way, so an edit racing a submission
/// either lands before it or is refused.
async fn own_draft(tx: &mut TenantTx, user_id: i64, entry_id: i64) -> Result<(), EntryChangeError> {
    let status: Option<String> =
        sqlx::query_scalar("select status from time_entries where time_entry_id = $1 and user_id = $2 for update")
            .bind(entry_id)
            .bind(user_id)
            .fetch_optional(tx.conn())
            .await?;
    match status.as_deref() {
        None => Err(EntryChangeError::NotFound),
        Some("draft") => Ok(()),
        Some(_) => Err(EntryChangeError::Locked),
    }
}

/// Corrects `user_id`'s own draft entry. Its stamped rate stays: the rate
/// depends on who, where and when, none of which an edit changes.
pub async fn edit_time_entry(
    tx: &mut TenantTx,
    user_id: i64,
    entry_id: i64,
    change: &EntryChange,
) -> Result<(), EntryChangeError> {
    own_draft(tx, user_id, entry_id).await?;
    sqlx::query("update time_entries set minutes = $2, billable = $3, notes = $4 where time_entry_id = $1")
        .bind(entry_id)
        .bind(i32::try_from(change.minutes.0).unwrap_or(i32::MAX))
        .bind(change.billable)
        .bind(&change.notes)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Removes `user_id`'s own draft entry.
pub async fn delete_time_entry(tx: &mut TenantTx, user_id: i64, entry_id: i64) -> Result<(), EntryChangeError> {
    own_draft(tx, user_id, entry_id).await?;
    sqlx::query("delete from time_entries where time_entry_id = $1").bind(entry_id).execute(tx.conn()).await?;
    Ok(())
}
