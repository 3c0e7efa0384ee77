//! Expenses through the approval engine: submitting one's own expense,
//! correcting it (which resets its approvals), the expenses waiting in an
//! approver's inbox, and deciding on one. The same
//! engine and decision table as timesheets (`document_kind = 'expense'`);
//! an expense's measure is its amount, so "approve automatically below an
//! amount" applies to it.

use super::TimesheetError as ApprovalError;
use super::approval_views::step_sentence;
use super::inbox_batch::{Policies, current_decisions, round_decisions};
use super::policies::{current_policy, hierarchy, policy_version};
use crate::access::Role;
use crate::db::TenantTx;
use crate::money::Minutes;
use crate::teams::Hierarchy;
use crate::timesheet::ExpenseWaiting;
use crate::workflow::{
    Decision, Document, DocumentKind, Policy, State, WorkflowError, decide, edit, pending_for, progress, submit,
};
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct ExpenseDoc {
    expense_id: i64,
    user_id: i64,
    engagement_id: i64,
    client_id: i64,
    amount_minor: i64,
    spent_on: Date,
    status: String,
    policy_version: Option<i32>,
    round: i32,
    currency: String,
    /// The engagement's owner, for the owner's step.
    owner_id: Option<i64>,
}

const DOC_SELECT: &str =
    "select x.expense_id, x.user_id, x.engagement_id, e.client_id, x.amount_minor, x.spent_on, x.status,
        x.policy_version, x.round, x.currency::text as currency, e.owner_id
     from expenses x join engagements e using (engagement_id)";

fn document(x: &ExpenseDoc, hierarchy: &Hierarchy) -> Document {
    Document {
        kind: DocumentKind::Expense,
        submitter: x.user_id,
        manager_chain: hierarchy.manager_chain(x.user_id),
        minutes: Minutes::ZERO,
        amount_minor: x.amount_minor,
        // Stored as checked on the way in; an unreadable one is in no
        // currency, so a threshold for a named currency does not apply.
        currency: crate::money::Currency::parse(&x.currency).ok(),
        client_ids: vec![x.client_id],
        engagement_ids: vec![x.engagement_id],
        engagement_owners: x.owner_id.into_iter().collect(),
        policy_version: x.policy_version.and_then(|v| u32::try_from(v).ok()),
    }
}

/// What the expense's notices say, its amount and date written the
/// firm's way (the sentence is stored as written).
async fn moved<'a>(
    tx: &mut TenantTx,
    x: &ExpenseDoc,
    doc: &'a Document,
    policy: &'a Policy,
) -> Result<super::notices::Moved<'a>, sqlx::Error> {
    let formats = super::formats::firm_formats(tx).await?;
    Ok(super::notices::Moved::expense(x.amount_minor, &x.currency, x.spent_on, doc, policy, formats))
}

async fn policy_of(tx: &mut TenantTx, x: &ExpenseDoc) -> Result<Policy, ApprovalError> {
    let version = x.policy_version.and_then(|v| u32::try_from(v).ok()).ok_or(WorkflowError::NotSubmitted)?;
    Ok(policy_version(tx, DocumentKind::Expense, version).await?.ok_or(WorkflowError::NotSubmitted)?)
}

/// `user_id`'s own expense, locked until the transaction ends; someone
/// else's (or another firm's id) is not found.
async fn own_expense_for_update(tx: &mut TenantTx, user_id: i64, expense_id: i64) -> Result<ExpenseDoc, ApprovalError> {
    let x = sqlx::query_as(&format!("{DOC_SELECT} where x.expense_id = $1 and x.user_id = $2 for update of x"))
        .bind(expense_id)
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?;
    x.ok_or(ApprovalError::NotFound)
}

/// Submits `user_id`'s own expense under the firm's current expense policy.
pub async fn submit_expense(tx: &mut TenantTx, user_id: i64, expense_id: i64) -> Result<State, ApprovalError> {
    let x = own_expense_for_update(tx, user_id, expense_id).await?;
    let policy = current_policy(tx, DocumentKind::Expense).await?;
    let doc = document(&x, &hierarchy(tx).await?);
    let outcome = submit(State::parse(&x.status), &doc, &policy)?;
    sqlx::query(
        "update expenses set status = $2, policy_version = $3, round = round + 1, submitted_at = now()
         where expense_id = $1",
    )
    .bind(expense_id)
    .bind(outcome.state.as_str())
    .bind(i32::try_from(outcome.policy_version).unwrap_or(i32::MAX))
    .execute(tx.conn())
    .await?;
    let moved = moved(tx, &x, &doc, &policy).await?;
    super::notices::submitted(tx, &moved, outcome.state).await?;
    Ok(outcome.state)
}

#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    #[error(transparent)]
    Problem(#[from] crate::expenses::ExpenseProblem),
    #[error(transparent)]
    Approval(#[from] ApprovalError),
}

impl From<sqlx::Error> for CorrectionError {
    fn from(e: sqlx::Error) -> Self {
        Self::Approval(e.into())
    }
}

/// Corrects the amount and notes of `user_id`'s own expense. Whatever its
/// state, it is a draft afterwards: approvals given to what it said before
/// no longer count (the next submission starts a new round, and the policy
/// is applied afresh to the new amount). An approved expense is final.
/// Returns how many approvals were voided.
pub async fn correct_expense(
    tx: &mut TenantTx,
    user_id: i64,
    expense_id: i64,
    amount: &str,
    notes: &str,
) -> Result<usize, CorrectionError> {
    let x = own_expense_for_update(tx, user_id, expense_id).await?;
    let currency =
        crate::money::Currency::parse(&x.currency).map_err(|_| crate::expenses::ExpenseProblem::BadCurrency)?;
    let (amount_minor, notes) = crate::expenses::check_correction(amount, notes, currency)?;
    let so_far = round_decisions(tx, DocumentKind::Expense, expense_id, x.round).await?;
    let change = edit(State::parse(&x.status), &so_far).map_err(ApprovalError::from)?;
    sqlx::query("update expenses set amount_minor = $2, notes = $3, status = $4 where expense_id = $1")
        .bind(expense_id)
        .bind(amount_minor)
        .bind(notes)
        .bind(change.state.as_str())
        .execute(tx.conn())
        .await?;
    Ok(change.approvals_voided)
}

/// Records `approver`'s decision on a submitted expense.
pub async fn decide_expense(
    tx: &mut TenantTx,
    approver: (i64, Role),
    expense_id: i64,
    approve: bool,
    comment: &str,
) -> Result<State, ApprovalError> {
    let x: ExpenseDoc = sqlx::query_as(&format!("{DOC_SELECT} where x.expense_id = $1 for update of x"))
        .bind(expense_id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or(ApprovalError::NotFound)?;
    let policy = policy_of(tx, &x).await?;
    let doc = document(&x, &hierarchy(tx).await?);
    let so_far = round_decisions(tx, DocumentKind::Expense, expense_id, x.round).await?;
    let decision = Decision {
        by: approver.0,
        role: approver.1,
        approve,
        comment: comment.to_owned(),
        at: OffsetDateTime::now_utc(),
    };
    let (next, _) = decide(State::parse(&x.status), &doc, &policy, &so_far, &decision)?;
    sqlx::query(
        "insert into approval_decisions (document_kind, document_id, round, decided_by, role, approve, comment)
         values ('expense', $1, $2, $3, $4, $5, $6)",
    )
    .bind(expense_id)
    .bind(x.round)
    .bind(approver.0)
    .bind(approver.1.as_str())
    .bind(approve)
    .bind(comment)
    .execute(tx.conn())
    .await?;
    sqlx::query("update expenses set status = $2 where expense_id = $1")
        .bind(expense_id)
        .bind(next.as_str())
        .execute(tx.conn())
        .await?;
    let moved = moved(tx, &x, &doc, &policy).await?;
    super::notices::decided(tx, &moved, &so_far, &decision, next).await?;
    Ok(next)
}

/// A submitted expense as the inbox shows it.
#[derive(sqlx::FromRow)]
struct WaitingRow {
    #[sqlx(flatten)]
    doc: ExpenseDoc,
    category: String,
    client_name: String,
    engagement_code: String,
    engagement_name: String,
    has_receipt: bool,
}

/// Submitted expenses waiting for `user_id` (holding `role`) to decide.
/// Every submitted expense with what its line says in one statement and
/// their decisions in another (see `inbox_batch`).
pub async fn expense_inbox(tx: &mut TenantTx, user_id: i64, role: Role) -> Result<Vec<ExpenseWaiting>, ApprovalError> {
    let waiting: Vec<WaitingRow> = sqlx::query_as(
        "select x.expense_id, x.user_id, x.engagement_id, e.client_id, x.amount_minor, x.spent_on, x.status,
                x.policy_version, x.round, x.currency::text as currency, e.owner_id,
                x.category, c.name as client_name, e.code as engagement_code, e.name as engagement_name,
                exists (select from expense_receipts r where r.expense_id = x.expense_id) as has_receipt
         from expenses x join engagements e using (engagement_id) join clients c on c.client_id = e.client_id
         where x.status = 'submitted' and x.user_id <> $1 order by x.expense_id",
    )
    .bind(user_id)
    .fetch_all(tx.conn())
    .await?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let hierarchy = hierarchy(tx).await?;
    let names = super::people_names(tx).await?;
    let rounds: Vec<(i64, i32)> = waiting.iter().map(|w| (w.doc.expense_id, w.doc.round)).collect();
    let mut decisions = current_decisions(tx, DocumentKind::Expense, &rounds).await?;
    let mut policies = Policies::of(DocumentKind::Expense);
    let mut items = Vec::new();
    for w in waiting {
        let x = &w.doc;
        let (policy, scopes) = policies.version(tx, x.policy_version).await?.ok_or(WorkflowError::NotSubmitted)?;
        let doc = document(x, &hierarchy);
        let so_far = decisions.remove(&x.expense_id).unwrap_or_default();
        if pending_for(user_id, role, State::Submitted, &doc, policy, &so_far) {
            let amount = format!("{}.{:02}", x.amount_minor / 100, x.amount_minor % 100);
            let (spent_on, currency) = (x.spent_on, &x.currency);
            let (category, client, code, engagement) =
                (&w.category, &w.client_name, &w.engagement_code, &w.engagement_name);
            items.push(ExpenseWaiting {
                expense_id: x.expense_id,
                person: names.get(&x.user_id).cloned().unwrap_or_default(),
                summary: format!("{spent_on} · {category} · {amount} {currency} · {client} — {code} {engagement}"),
                step: step_sentence(DocumentKind::Expense, policy, scopes, &progress(&doc, policy, &so_far), &names),
                has_receipt: w.has_receipt,
            });
        }
    }
    Ok(items)
}
