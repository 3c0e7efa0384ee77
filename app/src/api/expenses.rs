//! Expenses (`/expenses`): the signed-in person's expenses and what they can
//! be recorded against. Adding one carries a file, so it is a plain route of
//! the server's (`/expenses/new`), not a server function.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::expenses::ExpenseSummary;
use pespro::my_week::EngagementChoice;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpensesPage {
    pub expenses: Vec<ExpenseSummary>,
    pub engagements: Vec<EngagementChoice>,
    /// The firm's default currency, for the form.
    pub currency: String,
    /// Today, by the server's clock: the form's default date.
    pub today: time::Date,
}

/// Refused with a plan-limit sentence when the firm has expenses off.
#[server(endpoint = "my_expenses")]
pub async fn load_expenses() -> Result<ExpensesPage, AppError> {
    use pespro::flags::Feature;

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(Feature::Expenses)?;
    let mut tx = ctx.tenant_tx().await?;
    let expenses = pespro::practice::my_expenses(&mut tx, user.user_id).await?;
    let engagements = pespro::practice::open_engagements(&mut tx).await?;
    let currency = pespro::practice::default_currency(&mut tx).await?;
    tx.commit().await?;
    Ok(ExpensesPage { expenses, engagements, currency, today: time::OffsetDateTime::now_utc().date() })
}

/// Submits one of the signed-in person's expenses for approval.
#[server(endpoint = "submit_expense")]
pub async fn submit_expense(expense_id: i64) -> Result<pespro::workflow::State, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Expenses)?;
    let mut tx = ctx.tenant_tx().await?;
    let state = pespro::practice::submit_expense(&mut tx, user.user_id, expense_id)
        .await
        .map_err(super::approvals::timesheet_error)?;
    let subject = pespro::practice::audit_subjects::expense_subject(&mut tx, expense_id).await?.unwrap_or_default();
    let detail = super::approvals::submitted_detail(state);
    ctx.audit(&mut tx, pespro::audit::AuditAction::ExpenseSubmitted, &subject, detail).await?;
    tx.commit().await?;
    Ok(state)
}

/// Corrects the amount and notes of one of the signed-in person's
/// expenses. A submitted expense goes back to draft and must be submitted
/// again; returns how many approvals that voided.
#[server(endpoint = "correct_expense")]
pub async fn correct_expense(expense_id: i64, amount: String, notes: String) -> Result<usize, AppError> {
    use pespro::practice::CorrectionError;

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Expenses)?;
    let mut tx = ctx.tenant_tx().await?;
    let voided = pespro::practice::correct_expense(&mut tx, user.user_id, expense_id, &amount, &notes).await.map_err(
        |e| match e {
            CorrectionError::Problem(problem) => AppError::validation(problem.field(), problem),
            CorrectionError::Approval(approval) => super::approvals::timesheet_error(approval),
        },
    )?;
    tx.commit().await?;
    Ok(voided)
}
