//! Timesheet approval: submitting one's week, the approver's inbox and
//! decisions, and an administrator's unlock. Who must approve what is the
//! firm's policy, applied by `pespro::workflow`; these adapters only check
//! who may ask at all and map the engine's refusals to messages.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::timesheet::InboxItem;
use serde::{Deserialize, Serialize};

/// The inbox page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub waiting: Vec<InboxItem>,
    /// Administrators also see locked weeks they can reopen.
    pub locked: Vec<pespro::timesheet::LockedWeek>,
    /// Expenses waiting for this person, where the firm has expenses.
    pub expenses: Vec<pespro::timesheet::ExpenseWaiting>,
    /// Invoices waiting for this person's approval (decided on their own page).
    pub invoices: Vec<pespro::invoice::views::InvoiceWaiting>,
}

#[cfg(feature = "ssr")]
pub(crate) fn timesheet_error(error: pespro::practice::TimesheetError) -> AppError {
    use pespro::practice::TimesheetError as E;
    use pespro::workflow::WorkflowError as W;
    match error {
        E::NotFound => AppError::NotFound,
        E::EmptyWeek | E::NotLocked => AppError::Conflict(super::workflows::capitalised(&error.to_string())),
        E::Workflow(W::ReasonRequired) => {
            AppError::validation("comment", super::workflows::capitalised(&W::ReasonRequired.to_string()))
        }
        E::Workflow(w) => AppError::Conflict(super::workflows::capitalised(&w.to_string())),
        E::Db(db) => db.into(),
    }
}

/// The decision buttons' value (`approve` or `reject`) and the comment,
/// which a rejection must carry.
/// The audit detail of a submission: where it stands now.
#[cfg(feature = "ssr")]
pub(crate) fn submitted_detail(state: pespro::workflow::State) -> &'static str {
    match state {
        pespro::workflow::State::Approved => "approved on submission by the firm's policy",
        _ => "waiting for approval",
    }
}

/// The audit detail of a decision: the reason given, and where it stands.
#[cfg(feature = "ssr")]
pub(crate) fn decided_detail(state: pespro::workflow::State, comment: &str) -> String {
    let now = match state {
        pespro::workflow::State::Approved => "approved",
        pespro::workflow::State::Submitted => "waiting for the next approval",
        _ => "back with its owner",
    };
    if comment.is_empty() { now.to_owned() } else { format!("{now}: {comment}") }
}

#[cfg(feature = "ssr")]
pub(crate) fn read_decision(decision: &str, comment: &str) -> Result<(bool, String), AppError> {
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::validation("decision", "Choose approve or reject.")),
    };
    let comment =
        pespro::timesheet::check_comment(comment, !approve).map_err(|e| AppError::validation("comment", e))?;
    Ok((approve, comment))
}

/// Submits the signed-in person's `week` (`2026-W48`) for approval.
#[server(endpoint = "submit_week")]
pub async fn submit_week(week: String) -> Result<pespro::workflow::State, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let week = pespro::week::Week::parse(&week, user.formats.first_day)
        .ok_or_else(|| AppError::validation("week", "Unknown week."))?;
    let mut tx = ctx.tenant_tx().await?;
    let state = pespro::practice::submit_week(&mut tx, user.user_id, week).await.map_err(timesheet_error)?;
    let subject = pespro::practice::audit_subjects::week_subject(&user.display_name, week);
    ctx.audit(&mut tx, pespro::audit::AuditAction::WeekSubmitted, &subject, submitted_detail(state)).await?;
    tx.commit().await?;
    Ok(state)
}

#[server(endpoint = "load_inbox")]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    use pespro::access::Permission;
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(Permission::ApproveWork)?;
    let mut tx = ctx.tenant_tx().await?;
    let waiting =
        pespro::practice::inbox(&mut tx, user.user_id, user.role, pespro::practice::time_zones::Reader::of(user))
            .await
            .map_err(timesheet_error)?;
    let locked = if user.may(Permission::ManageFirmSettings) {
        pespro::practice::locked_weeks(&mut tx).await?
    } else {
        Vec::new()
    };
    let expenses = if user.has(pespro::flags::Feature::Expenses) {
        pespro::practice::expense_inbox(&mut tx, user.user_id, user.role).await.map_err(timesheet_error)?
    } else {
        Vec::new()
    };
    let invoices = pespro::practice::invoices::invoice_inbox(&mut tx, user.user_id, user.role)
        .await
        .map_err(super::invoices::invoice_error)?;
    tx.commit().await?;
    Ok(Inbox { waiting, locked, expenses, invoices })
}

/// `decision` is `approve` or `reject`; a rejection needs a comment.
#[server(endpoint = "decide_timesheet")]
pub async fn decide_timesheet(
    timesheet_id: i64,
    decision: String,
    comment: String,
) -> Result<pespro::workflow::State, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ApproveWork)?;
    let (approve, comment) = read_decision(&decision, &comment)?;
    let mut tx = ctx.tenant_tx().await?;
    let state = pespro::practice::decide_timesheet(&mut tx, (user.user_id, user.role), timesheet_id, approve, &comment)
        .await
        .map_err(timesheet_error)?;
    let subject = pespro::practice::audit_subjects::timesheet_subject(&mut tx, timesheet_id).await?.unwrap_or_default();
    let action =
        if approve { pespro::audit::AuditAction::WeekApproved } else { pespro::audit::AuditAction::WeekSentBack };
    ctx.audit(&mut tx, action, &subject, &decided_detail(state, &comment)).await?;
    tx.commit().await?;
    Ok(state)
}

/// Reopens a submitted or approved week; the reason goes to the audit log.
#[server(endpoint = "unlock_timesheet")]
pub async fn unlock_timesheet(timesheet_id: i64, reason: String) -> Result<(), AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let reason = pespro::timesheet::check_comment(&reason, true).map_err(|e| AppError::validation("reason", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let (owner, week) = pespro::practice::unlock_timesheet(&mut tx, timesheet_id).await.map_err(timesheet_error)?;
    let names = pespro::practice::people_names(&mut tx).await?;
    let subject = format!("{} · {week}", names.get(&owner).map_or("", String::as_str));
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::TimesheetUnlocked,
        subject: &subject,
        detail: &reason,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// `decision` is `approve` or `reject`; a rejection needs a comment.
#[server(endpoint = "decide_expense")]
pub async fn decide_expense(
    expense_id: i64,
    decision: String,
    comment: String,
) -> Result<pespro::workflow::State, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ApproveWork)?;
    ctx.require_feature(pespro::flags::Feature::Expenses)?;
    let (approve, comment) = read_decision(&decision, &comment)?;
    let mut tx = ctx.tenant_tx().await?;
    let state = pespro::practice::decide_expense(&mut tx, (user.user_id, user.role), expense_id, approve, &comment)
        .await
        .map_err(timesheet_error)?;
    let subject = pespro::practice::audit_subjects::expense_subject(&mut tx, expense_id).await?.unwrap_or_default();
    let action =
        if approve { pespro::audit::AuditAction::ExpenseApproved } else { pespro::audit::AuditAction::ExpenseSentBack };
    ctx.audit(&mut tx, action, &subject, &decided_detail(state, &comment)).await?;
    tx.commit().await?;
    Ok(state)
}
