//! What people read of approvals: a week's state for its owner, the
//! approver's inbox and the administrator's list of locked weeks. The
//! writes are in `timesheets`; these share its loading helpers and replay
//! progress from the stored decisions the same way.

use super::TimesheetError;
use super::inbox_batch::Policies;
use super::policies::hierarchy;
use super::time_zones::Reader;
use super::timesheet_documents::{document, documents};
use super::timesheets::{SHEET_COLUMNS, SheetRow, decisions, policy_of, this_round, to_decision, to_views};
use crate::access::Role;
use crate::db::TenantTx;
use crate::timesheet::{ApprovalWeek, InboxItem, LockedWeek, WeekApproval};
use crate::week::Week;
use crate::workflow::{
    Approver, Decision, DocumentKind, Policy, Progress, ScopeNames, State, WorkflowError, describe, pending_for,
    progress,
};
use time::Date;

/// The week's approval as its owner sees it.
pub async fn week_approval(
    tx: &mut TenantTx,
    user_id: i64,
    week: Week,
    reader: Reader<'_>,
) -> Result<WeekApproval, TimesheetError> {
    let sheet: Option<SheetRow> =
        sqlx::query_as(&format!("select {SHEET_COLUMNS} from timesheets where user_id = $1 and week_start = $2"))
            .bind(user_id)
            .bind(week.start())
            .fetch_optional(tx.conn())
            .await?;
    let Some(sheet) = sheet else { return Ok(WeekApproval::draft()) };
    let rows = decisions(tx, &[sheet.timesheet_id]).await?;
    let current = State::parse(&sheet.status);
    let waiting_for = if current == State::Submitted {
        let policy = policy_of(tx, &sheet).await?;
        let hierarchy = hierarchy(tx).await?;
        let doc = document(tx, &sheet, &hierarchy).await?;
        let so_far: Vec<Decision> = this_round(&rows, &sheet).map(to_decision).collect();
        let names = super::people_names(tx).await?;
        let scopes = super::scope_names(tx, &policy.rules).await?;
        Some(step_sentence(DocumentKind::Timesheet, &policy, &scopes, &progress(&doc, &policy, &so_far), &names))
    } else {
        None
    };
    Ok(WeekApproval {
        timesheet_id: Some(sheet.timesheet_id),
        state: current,
        waiting_for,
        decisions: to_views(tx, &rows, reader).await?,
    })
}

/// Timesheets waiting for `user_id` (holding `role`) to decide.
pub async fn inbox(
    tx: &mut TenantTx,
    user_id: i64,
    role: Role,
    reader: Reader<'_>,
) -> Result<Vec<InboxItem>, TimesheetError> {
    let sheets: Vec<SheetRow> = sqlx::query_as(&format!(
        "select {SHEET_COLUMNS} from timesheets where status = 'submitted' and user_id <> $1 order by week_start, timesheet_id"
    )).bind(user_id).fetch_all(tx.conn()).await?;
    if sheets.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = sheets.iter().map(|s| s.timesheet_id).collect();
    let rows = decisions(tx, &ids).await?;
    let views = to_views(tx, &rows, reader).await?;
    let hierarchy = hierarchy(tx).await?;
    let names = super::people_names(tx).await?;
    let docs = documents(tx, &sheets, &hierarchy).await?;
    let mut policies = Policies::of(DocumentKind::Timesheet);
    let mut items = Vec::new();
    let mut weeks = Vec::new();
    for (sheet, doc) in sheets.iter().zip(&docs) {
        let (policy, scopes) = policies.version(tx, sheet.policy_version).await?.ok_or(WorkflowError::NotSubmitted)?;
        let so_far: Vec<Decision> = this_round(&rows, sheet).map(to_decision).collect();
        if pending_for(user_id, role, State::Submitted, doc, policy, &so_far) {
            weeks.push((sheet.user_id, Week::starting(sheet.week_start)));
            items.push(InboxItem {
                timesheet_id: sheet.timesheet_id,
                person: names.get(&sheet.user_id).cloned().unwrap_or_default(),
                week: Week::starting(sheet.week_start),
                minutes: doc.minutes,
                step: step_sentence(DocumentKind::Timesheet, policy, scopes, &progress(doc, policy, &so_far), &names),
                decisions: rows
                    .iter()
                    .zip(&views)
                    .filter(|(row, _)| row.document_id == sheet.timesheet_id && row.round == sheet.round)
                    .map(|(_, view)| view.clone())
                    .collect(),
                entries: Vec::new(),
                budgets: Vec::new(),
            });
        }
    }
    for (item, card) in items.iter_mut().zip(super::approval_cards::cards(tx, &weeks).await?) {
        item.entries = card.entries;
        item.budgets = card.budgets;
    }
    Ok(items)
}

/// One submitted (or decided) week in full, for `/approvals/weeks/{id}`:
/// its owner's entries with rates, the budgets they weigh on, every
/// decision so far and whether the viewer may decide it now. Seen only by
/// someone it waits for, someone who decided it, or an administrator
/// (`any_week`); anyone else is told it does not exist.
pub async fn approval_week(
    tx: &mut TenantTx,
    viewer: (i64, Role),
    any_week: bool,
    timesheet_id: i64,
    reader: Reader<'_>,
) -> Result<ApprovalWeek, TimesheetError> {
    let sheet: SheetRow = sqlx::query_as(&format!("select {SHEET_COLUMNS} from timesheets where timesheet_id = $1"))
        .bind(timesheet_id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or(TimesheetError::NotFound)?;
    let rows = decisions(tx, &[sheet.timesheet_id]).await?;
    let state = State::parse(&sheet.status);
    let policy = policy_of(tx, &sheet).await?;
    let hierarchy = hierarchy(tx).await?;
    let doc = document(tx, &sheet, &hierarchy).await?;
    let so_far: Vec<Decision> = this_round(&rows, &sheet).map(to_decision).collect();
    let yours = sheet.user_id != viewer.0 && pending_for(viewer.0, viewer.1, state, &doc, &policy, &so_far);
    let decided = rows.iter().any(|r| r.decided_by == viewer.0);
    if !(yours || decided || any_week) || state == State::Draft {
        return Err(TimesheetError::NotFound);
    }
    let names = super::people_names(tx).await?;
    let step = if state == State::Submitted {
        let scopes = super::scope_names(tx, &policy.rules).await?;
        step_sentence(DocumentKind::Timesheet, &policy, &scopes, &progress(&doc, &policy, &so_far), &names)
    } else {
        String::from(if state == State::Approved { "Approved" } else { "Sent back to its owner" })
    };
    let week = Week::starting(sheet.week_start);
    let card = super::approval_cards::cards(tx, &[(sheet.user_id, week)]).await?.pop().unwrap_or_default();
    let item = InboxItem {
        timesheet_id: sheet.timesheet_id,
        person: names.get(&sheet.user_id).cloned().unwrap_or_default(),
        week,
        minutes: doc.minutes,
        step,
        decisions: to_views(tx, &rows, reader).await?,
        entries: card.entries,
        budgets: card.budgets,
    };
    Ok(ApprovalWeek { item, state, yours })
}

/// "Approval by the submitter's manager (Morgan Manager) — 0 of 1 given".
/// Said in the firm's words only: the rule's number and the policy's
/// version are the workflow editor's business, not the person waiting's.
pub(super) fn step_sentence(
    kind: DocumentKind,
    policy: &Policy,
    scopes: &ScopeNames,
    progress: &Progress,
    names: &std::collections::HashMap<i64, String>,
) -> String {
    let Some(step) = progress.current_step() else { return String::from("Nothing: every step is complete") };
    let rule = policy.rules.get(step.rule_number - 1).map(|r| describe(r, kind, scopes)).unwrap_or_default();
    let who = match step.approver {
        Approver::Person(id) => format!(" ({})", names.get(&id).map_or("someone who has left", String::as_str)),
        Approver::RoleAtLeast(_) if step.fallback => String::from(" (any administrator, standing in)"),
        Approver::RoleAtLeast(_) => String::new(),
    };
    format!("{rule}{who} — {} of {} given", step.approved_by.len(), step.needed)
}

/// Recently submitted or approved weeks, newest first, for an
/// administrator who may need to reopen one.
pub async fn locked_weeks(tx: &mut TenantTx) -> Result<Vec<LockedWeek>, sqlx::Error> {
    let rows: Vec<(i64, String, Date, String)> = sqlx::query_as(
        "select s.timesheet_id, u.display_name, s.week_start, s.status
         from timesheets s join users u using (user_id)
         where s.status in ('submitted', 'approved')
         order by s.week_start desc, u.display_name limit 50",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(timesheet_id, person, start, status)| LockedWeek {
            timesheet_id,
            person,
            week: Week::starting(start),
            state: State::parse(&status),
        })
        .collect())
}
