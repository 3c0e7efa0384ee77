//! The timer: start it on an engagement, stop it to record the elapsed time
//! as an entry dated the day it started. Stopping goes through `log_time`,
//! so a timer obeys every rule typed time does (open engagement, unlocked
//! week, at most a day). It cannot start on a submitted week, and a timer
//! whose week was submitted while it ran is never stuck: its time can go
//! into today's week instead, or be discarded.

use super::time_entries::{LogTimeError, NewTimeEntry, log_time};
use crate::db::TenantTx;
use crate::money::Minutes;
use crate::timer::{RunningTimer, elapsed, running_seconds};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum TimerError {
    #[error("a timer is already running; stop it first")]
    AlreadyRunning,
    #[error("no timer is running")]
    NotRunning,
    #[error(transparent)]
    Log(#[from] LogTimeError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub async fn running_timer(tx: &mut TenantTx, user_id: i64) -> Result<Option<RunningTimer>, sqlx::Error> {
    let row: Option<(String, String, String, OffsetDateTime)> = sqlx::query_as(
        "select c.name, e.code || ' ' || e.name, r.notes, r.started_at
         from running_timers r join engagements e using (engagement_id) join clients c using (client_id)
         where r.user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|(client, engagement, notes, started)| RunningTimer {
        engagement_label: format!("{client} — {engagement}"),
        notes,
        running_seconds: running_seconds(started, OffsetDateTime::now_utc()),
    }))
}

pub async fn start_timer(
    tx: &mut TenantTx,
    user_id: i64,
    engagement_id: i64,
    notes: &str,
    billable: bool,
) -> Result<(), TimerError> {
    let open: bool = sqlx::query_scalar(
        "select exists (select from engagements e join clients c using (client_id)
                        where e.engagement_id = $1 and e.status = 'active' and c.archived_at is null)",
    )
    .bind(engagement_id)
    .fetch_one(tx.conn())
    .await?;
    if !open {
        return Err(LogTimeError::EngagementNotOpen.into());
    }
    // Its time will be dated today: a week already submitted takes none.
    if super::lock_week(tx, user_id, OffsetDateTime::now_utc().date()).await? {
        return Err(LogTimeError::WeekLocked.into());
    }
    let started = sqlx::query(
        "insert into running_timers (user_id, engagement_id, notes, billable) values ($1, $2, $3, $4)
         on conflict (user_id) do nothing",
    )
    .bind(user_id)
    .bind(engagement_id)
    .bind(notes)
    .bind(billable)
    .execute(tx.conn())
    .await?;
    if started.rows_affected() == 0 { Err(TimerError::AlreadyRunning) } else { Ok(()) }
}

/// Which day a stopped timer's time is recorded on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOn {
    /// The day it started (what "Stop" does).
    StartDay,
    /// Today: the way out when the start day's week has been submitted.
    Today,
}

/// Stops the timer and records its time; returns the new entry's minutes.
/// Nothing changes when the entry is refused (the caller rolls back).
pub async fn stop_timer(tx: &mut TenantTx, user_id: i64, on: RecordOn) -> Result<Minutes, TimerError> {
    let row: Option<(i64, String, bool, OffsetDateTime)> = sqlx::query_as(
        "delete from running_timers where user_id = $1 returning engagement_id, notes, billable, started_at",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    let (engagement_id, notes, billable, started_at) = row.ok_or(TimerError::NotRunning)?;
    let now = OffsetDateTime::now_utc();
    let minutes = elapsed(started_at, now);
    let work_date = match on {
        RecordOn::StartDay => started_at.date(),
        RecordOn::Today => now.date(),
    };
    let entry = NewTimeEntry { engagement_id, work_date, minutes, billable, notes };
    log_time(tx, user_id, &entry).await?;
    Ok(minutes)
}

/// Stops the timer without recording anything; returns the minutes let go.
pub async fn discard_timer(tx: &mut TenantTx, user_id: i64) -> Result<Minutes, TimerError> {
    let started: Option<OffsetDateTime> =
        sqlx::query_scalar("delete from running_timers where user_id = $1 returning started_at")
            .bind(user_id)
            .fetch_optional(tx.conn())
            .await?;
    let started = started.ok_or(TimerError::NotRunning)?;
    Ok(elapsed(started, OffsetDateTime::now_utc()))
}
