//! A person's week as an approval document: submitting it, deciding on it,
//! the approver's inbox, and an administrator's unlock. The rules are the
//! approval engine's (`pespro::workflow`); this module only loads what the
//! engine needs, in the caller's tenant transaction, and stores its answer.
//! Each write locks the timesheet row first, so two approvers deciding at
//! once are applied one after the other, each seeing the other's decision.

use super::policies::{current_policy, hierarchy, policy_version};
use super::time_zones::Reader;
use super::timesheet_documents::document;
use crate::access::Role;
use crate::db::TenantTx;
use crate::timesheet::DecisionView;
use crate::week::Week;
use crate::workflow::{Decision, DocumentKind, Policy, State, WorkflowError, decide, submit};
use time::{Date, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum TimesheetError {
    #[error("there is no time in this week to submit")]
    EmptyWeek,
    /// Unknown here, perhaps another firm's id.
    #[error("no such timesheet")]
    NotFound,
    #[error("only a submitted or approved week can be unlocked")]
    NotLocked,
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
pub(super) struct SheetRow {
    pub(super) timesheet_id: i64,
    pub(super) user_id: i64,
    pub(super) week_start: Date,
    pub(super) status: String,
    pub(super) policy_version: Option<i32>,
    pub(super) round: i32,
    pub(super) minutes: i32,
}

#[derive(sqlx::FromRow)]
pub(super) struct DecisionRow {
    pub(super) document_id: i64,
    pub(super) round: i32,
    pub(super) decided_by: i64,
    pub(super) display_name: String,
    pub(super) role: String,
    pub(super) approve: bool,
    pub(super) comment: String,
    pub(super) decided_at: OffsetDateTime,
}

pub(super) const SHEET_COLUMNS: &str = "timesheet_id, user_id, week_start, status, policy_version, round, minutes";

/// The week's own entries, for queries bound to ($1 user id, $2 Monday).
/// Entries imported approved are left out: past work already accounted for
/// in the other tool, which no decision on the week may change. (Imported
/// drafts, not approved there, are the week's like any other.)
const OWN_ENTRIES: &str = "user_id = $1 and work_date between $2 and $2 + 6 and not approved_at_import";

/// Entries follow their week: submitted or approved weeks lock them.
fn entry_status(state: State) -> &'static str {
    match state {
        State::Submitted => "submitted",
        State::Approved => "approved",
        State::Draft | State::Rejected => "draft",
    }
}

async fn sheet_for_update(tx: &mut TenantTx, timesheet_id: i64) -> Result<SheetRow, TimesheetError> {
    let row: Option<SheetRow> =
        sqlx::query_as(&format!("select {SHEET_COLUMNS} from timesheets where timesheet_id = $1 for update"))
            .bind(timesheet_id)
            .fetch_optional(tx.conn())
            .await?;
    row.ok_or(TimesheetError::NotFound)
}

pub(super) async fn decisions(tx: &mut TenantTx, sheet_ids: &[i64]) -> Result<Vec<DecisionRow>, sqlx::Error> {
    sqlx::query_as(
        "select d.document_id, d.round, d.decided_by, u.display_name, d.role, d.approve, d.comment, d.decided_at
         from approval_decisions d join users u on u.user_id = d.decided_by
         where d.document_kind = 'timesheet' and d.document_id = any($1)
         order by d.approval_decision_id",
    )
    .bind(sheet_ids)
    .fetch_all(tx.conn())
    .await
}

pub(super) fn this_round<'a>(rows: &'a [DecisionRow], sheet: &SheetRow) -> impl Iterator<Item = &'a DecisionRow> {
    let (id, round) = (sheet.timesheet_id, sheet.round);
    rows.iter().filter(move |d| d.document_id == id && d.round == round)
}

pub(super) fn to_decision(row: &DecisionRow) -> Decision {
    Decision {
        by: row.decided_by,
        role: Role::parse(&row.role).unwrap_or(Role::Employee),
        approve: row.approve,
        comment: row.comment.clone(),
        at: row.decided_at,
    }
}

/// The decisions as `reader` reads them (their times on their clock),
/// in the order of `rows`.
pub(super) async fn to_views(
    tx: &mut TenantTx,
    rows: &[DecisionRow],
    reader: Reader<'_>,
) -> Result<Vec<DecisionView>, sqlx::Error> {
    let times: Vec<OffsetDateTime> = rows.iter().map(|r| r.decided_at).collect();
    let when = reader.when(tx, &times).await?;
    Ok(rows
        .iter()
        .zip(when)
        .map(|(row, at)| DecisionView {
            by: row.display_name.clone(),
            approve: row.approve,
            comment: row.comment.clone(),
            at,
        })
        .collect())
}

pub(super) async fn policy_of(tx: &mut TenantTx, sheet: &SheetRow) -> Result<Policy, TimesheetError> {
    let version = sheet.policy_version.and_then(|v| u32::try_from(v).ok()).ok_or(WorkflowError::NotSubmitted)?;
    let policy = policy_version(tx, DocumentKind::Timesheet, version).await?;
    Ok(policy.ok_or(WorkflowError::NotSubmitted)?)
}

async fn set_state(tx: &mut TenantTx, sheet: &SheetRow, next: State) -> Result<(), sqlx::Error> {
    sqlx::query("update timesheets set status = $2, updated_at = now() where timesheet_id = $1")
        .bind(sheet.timesheet_id)
        .bind(next.as_str())
        .execute(tx.conn())
        .await?;
    sqlx::query(&format!("update time_entries set status = $3 where {OWN_ENTRIES}"))
        .bind(sheet.user_id)
        .bind(sheet.week_start)
        .bind(entry_status(next))
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Locks the timesheet of the week holding `date` for `user_id` until the
/// transaction ends, and says whether it is submitted or approved. A new
/// entry takes this lock before it is written, so a submission of the same
/// week either waits for it (and counts it) or has already locked the week
/// (and the entry is refused): never an entry missing from a submitted total.
pub async fn lock_week(tx: &mut TenantTx, user_id: i64, date: Date) -> Result<bool, sqlx::Error> {
    let week = Week::of(date, super::formats::first_day_for_write(tx).await?);
    // `do update` (a no-op write) rather than `do nothing`: it locks and
    // returns an existing row in the same round trip.
    let status: String = sqlx::query_scalar(
        "insert into timesheets (user_id, week_start) values ($1, $2)
         on conflict (user_id, week_start) do update set updated_at = timesheets.updated_at
         returning status",
    )
    .bind(user_id)
    .bind(week.start())
    .fetch_one(tx.conn())
    .await?;
    Ok(matches!(State::parse(&status), State::Submitted | State::Approved))
}

/// Submits `user_id`'s `week` under the firm's current timesheet policy.
/// Returns the new state: `Approved` when the policy lets it straight through.
/// `week` is found again by its name under the firm's first day as this
/// transaction reads it, in case it changed since the page was drawn.
pub async fn submit_week(tx: &mut TenantTx, user_id: i64, week: Week) -> Result<State, TimesheetError> {
    let first_day = super::formats::first_day_for_write(tx).await?;
    let start = Week::named(week.iso(), first_day).start();
    sqlx::query("insert into timesheets (user_id, week_start) values ($1, $2) on conflict do nothing")
        .bind(user_id)
        .bind(start)
        .execute(tx.conn())
        .await?;
    let mut sheet: SheetRow = sqlx::query_as(&format!(
        "select {SHEET_COLUMNS} from timesheets where user_id = $1 and week_start = $2 for update"
    ))
    .bind(user_id)
    .bind(start)
    .fetch_one(tx.conn())
    .await?;
    // Row locks, not just a sum: an edit of one of these entries in flight
    // either commits first (and is counted) or waits and then finds its
    // entry submitted (see `time_entries::own_draft`).
    let entry_minutes: Vec<i32> =
        sqlx::query_scalar(&format!("select minutes from time_entries where {OWN_ENTRIES} for update"))
            .bind(user_id)
            .bind(start)
            .fetch_all(tx.conn())
            .await?;
    let minutes: i64 = entry_minutes.into_iter().map(i64::from).sum();
    if minutes == 0 {
        return Err(TimesheetError::EmptyWeek);
    }
    sheet.minutes = i32::try_from(minutes).unwrap_or(i32::MAX);
    let policy = current_policy(tx, DocumentKind::Timesheet).await?;
    let hierarchy = hierarchy(tx).await?;
    let doc = document(tx, &sheet, &hierarchy).await?;
    let outcome = submit(State::parse(&sheet.status), &doc, &policy)?;
    sqlx::query(
        "update timesheets set policy_version = $2, round = round + 1, minutes = $3, submitted_at = now()
         where timesheet_id = $1",
    )
    .bind(sheet.timesheet_id)
    .bind(i32::try_from(outcome.policy_version).unwrap_or(i32::MAX))
    .bind(sheet.minutes)
    .execute(tx.conn())
    .await?;
    set_state(tx, &sheet, outcome.state).await?;
    let moved = super::notices::Moved::week(sheet.timesheet_id, start, &doc, &policy);
    super::notices::submitted(tx, &moved, outcome.state).await?;
    Ok(outcome.state)
}

/// Records `approver`'s decision on a submitted timesheet and returns its new
/// state. The engine refuses self-approval, a second approval by the same
/// person, and anyone the current step is not waiting for.
pub async fn decide_timesheet(
    tx: &mut TenantTx,
    approver: (i64, Role),
    timesheet_id: i64,
    approve: bool,
    comment: &str,
) -> Result<State, TimesheetError> {
    let sheet = sheet_for_update(tx, timesheet_id).await?;
    let policy = policy_of(tx, &sheet).await?;
    let hierarchy = hierarchy(tx).await?;
    let doc = document(tx, &sheet, &hierarchy).await?;
    let rows = decisions(tx, &[sheet.timesheet_id]).await?;
    let so_far: Vec<Decision> = this_round(&rows, &sheet).map(to_decision).collect();
    let decision = Decision {
        by: approver.0,
        role: approver.1,
        approve,
        comment: comment.to_owned(),
        at: OffsetDateTime::now_utc(),
    };
    let (next, _) = decide(State::parse(&sheet.status), &doc, &policy, &so_far, &decision)?;
    sqlx::query(
        "insert into approval_decisions (document_kind, document_id, round, decided_by, role, approve, comment)
         values ('timesheet', $1, $2, $3, $4, $5, $6)",
    )
    .bind(sheet.timesheet_id)
    .bind(sheet.round)
    .bind(approver.0)
    .bind(approver.1.as_str())
    .bind(approve)
    .bind(&decision.comment)
    .execute(tx.conn())
    .await?;
    set_state(tx, &sheet, next).await?;
    let moved = super::notices::Moved::week(sheet.timesheet_id, sheet.week_start, &doc, &policy);
    super::notices::decided(tx, &moved, &so_far, &decision, next).await?;
    Ok(next)
}

/// Reopens a submitted or approved week so its owner can change it. Returns
/// the owner's user id and the week, for the audit trail.
pub async fn unlock_timesheet(tx: &mut TenantTx, timesheet_id: i64) -> Result<(i64, Week), TimesheetError> {
    let sheet = sheet_for_update(tx, timesheet_id).await?;
    if !matches!(State::parse(&sheet.status), State::Submitted | State::Approved) {
        return Err(TimesheetError::NotLocked);
    }
    set_state(tx, &sheet, State::Draft).await?;
    Ok((sheet.user_id, Week::starting(sheet.week_start)))
}
