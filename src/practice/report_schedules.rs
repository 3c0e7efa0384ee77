//! Saved reports e-mailed on a schedule: listing, saving and removing them
//! in the request's tenant transaction. Recipients are checked against the
//! firm's people here (active managers and administrators), so a forged
//! form cannot send the firm's numbers to anyone else.

use crate::db::TenantTx;
use crate::first_day::FirstDay;
use crate::reports::query::ReportQuery;
use crate::reports::schedule::{Cadence, NewSchedule, ScheduleView, SchedulesPage};
use time::{Date, OffsetDateTime};

/// Active people who may read every report: those a schedule may go to.
pub async fn report_readers(tx: &mut TenantTx) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select user_id, display_name from users
         where active and role in ('manager', 'admin')
         order by lower(display_name), user_id",
    )
    .fetch_all(tx.conn())
    .await
}

/// The schedule's stored parts read back as the query they were saved from.
pub(crate) fn stored_query(report: &str, period: &str, by: Option<&str>, then: Option<&str>) -> ReportQuery {
    ReportQuery::parse(Some(report), Some(period), by, then)
}

pub async fn schedules_page(tx: &mut TenantTx) -> Result<SchedulesPage, sqlx::Error> {
    type Row = (i64, String, String, String, Option<String>, Option<String>, String, Date, Option<OffsetDateTime>);
    let rows: Vec<Row> = sqlx::query_as(
        "select report_schedule_id, name, report, period, group_by, then_by, cadence, next_send_on, last_sent_at
         from report_schedules order by lower(name), report_schedule_id",
    )
    .fetch_all(tx.conn())
    .await?;
    let recipients: Vec<(i64, String)> = sqlx::query_as(
        "select r.report_schedule_id, u.display_name
         from report_schedule_recipients r join users u using (user_id)
         order by lower(u.display_name)",
    )
    .fetch_all(tx.conn())
    .await?;
    let schedules = rows
        .into_iter()
        .map(|(id, name, report, period, by, then, cadence, next_send_on, last_sent_at)| ScheduleView {
            schedule_id: id,
            name,
            query: stored_query(&report, &period, by.as_deref(), then.as_deref()),
            cadence: Cadence::parse(&cadence).unwrap_or(Cadence::Monthly),
            next_send_on,
            last_sent_on: last_sent_at.map(OffsetDateTime::date),
            recipients: recipients.iter().filter(|(of, _)| *of == id).map(|(_, who)| who.clone()).collect(),
        })
        .collect();
    Ok(SchedulesPage { schedules, readers: report_readers(tx).await? })
}

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("choose people from the list")]
    NotAReader,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Saves `schedule` of `query` by `by`, first due on the cadence's next
/// sending day after `today`. Returns its id.
pub async fn save_schedule(
    tx: &mut TenantTx,
    by: i64,
    query: ReportQuery,
    schedule: &NewSchedule,
    today: Date,
    first: FirstDay,
) -> Result<i64, ScheduleError> {
    let readers: Vec<i64> = report_readers(tx).await?.into_iter().map(|(id, _)| id).collect();
    if schedule.recipients.iter().any(|id| !readers.contains(id)) {
        return Err(ScheduleError::NotAReader);
    }
    let hours = query.kind == crate::reports::ReportKind::Hours;
    let id: i64 = sqlx::query_scalar(
        "insert into report_schedules (name, report, period, group_by, then_by, cadence, next_send_on, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning report_schedule_id",
    )
    .bind(&schedule.name)
    .bind(query.kind.key())
    .bind(query.period.key())
    .bind(hours.then(|| query.by.key()))
    .bind(query.then.filter(|_| hours).map(|then| then.key()))
    .bind(schedule.cadence.key())
    .bind(schedule.cadence.next_after(today, first))
    .bind(by)
    .fetch_one(tx.conn())
    .await?;
    sqlx::query("insert into report_schedule_recipients (report_schedule_id, user_id) select $1, unnest($2::int8[])")
        .bind(id)
        .bind(&schedule.recipients)
        .execute(tx.conn())
        .await?;
    Ok(id)
}

/// Removes a schedule; its name, for the audit trail, or none if there
/// was no such schedule.
pub async fn remove_schedule(tx: &mut TenantTx, schedule_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("delete from report_schedules where report_schedule_id = $1 returning name")
        .bind(schedule_id)
        .fetch_optional(tx.conn())
        .await
}
