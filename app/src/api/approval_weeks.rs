//! An approver's wider view of weeks: one week opened in full
//! (`/approvals/weeks/{id}`), and approving several weeks at once from the
//! inbox. The firm's policy decides each week exactly as when approved one
//! by one; these adapters check who may ask and put the answer in words.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::approval_card::BulkAnswer;
use pespro::timesheet::ApprovalWeek;
use serde::{Deserialize, Serialize};

/// What the inbox's "Approve selected" form posts: the ticked weeks
/// (`form[timesheet_ids][N]`, one per card) and an optional comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeveralWeeks {
    #[serde(default)]
    pub timesheet_ids: Vec<i64>,
    #[serde(default)]
    pub comment: String,
}

#[server(endpoint = "load_approval_week")]
pub async fn load_approval_week(timesheet_id: i64) -> Result<ApprovalWeek, AppError> {
    use pespro::access::Permission;
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(Permission::ApproveWork)?;
    let any_week = user.may(Permission::ManageFirmSettings);
    let mut tx = ctx.tenant_tx().await?;
    let week = pespro::practice::approval_week(
        &mut tx,
        (user.user_id, user.role),
        any_week,
        timesheet_id,
        pespro::practice::time_zones::Reader::of(user),
    )
    .await
    .map_err(super::approvals::timesheet_error)?;
    tx.commit().await?;
    Ok(week)
}

/// Approves every ticked week the policy lets this person approve now;
/// the rest are named with the reason.
#[server(endpoint = "approve_weeks")]
pub async fn approve_weeks(form: SeveralWeeks) -> Result<BulkAnswer, AppError> {
    use pespro::practice::bulk_approval::{MOST_AT_ONCE, approve_weeks};
    use pespro::workflow::State;
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ApproveWork)?;
    if form.timesheet_ids.is_empty() {
        return Err(AppError::validation("timesheet_ids", "Tick the weeks to approve first."));
    }
    if form.timesheet_ids.len() > MOST_AT_ONCE {
        return Err(AppError::validation("timesheet_ids", format!("Approve at most {MOST_AT_ONCE} weeks at a time.")));
    }
    let comment =
        pespro::timesheet::check_comment(&form.comment, false).map_err(|e| AppError::validation("comment", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let mut answer = BulkAnswer::default();
    for (id, outcome) in approve_weeks(&mut tx, (user.user_id, user.role), &form.timesheet_ids, &comment).await? {
        let subject = pespro::practice::audit_subjects::timesheet_subject(&mut tx, id).await?;
        match outcome {
            Ok(state) => {
                let subject = subject.unwrap_or_default();
                let detail = super::approvals::decided_detail(state, &comment);
                ctx.audit(&mut tx, pespro::audit::AuditAction::WeekApproved, &subject, &detail).await?;
                if state == State::Approved { answer.approved += 1 } else { answer.next_step += 1 }
            }
            Err(reason) => {
                let subject = subject.unwrap_or_else(|| String::from("A week no longer in your inbox"));
                answer.refused.push(format!("{subject}: {reason}"));
            }
        }
    }
    tx.commit().await?;
    Ok(answer)
}
