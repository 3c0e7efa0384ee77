//! Invoices through the approval engine (`document_kind = 'invoice'`): the
//! same policies, inbox and decisions table as timesheets and expenses. An
//! invoice's measure is its total, so "send directly below an amount"
//! approves it on submission. When the last approval is given the invoice
//! is finalized in the same transaction: numbered, dated, due.

use super::super::approval_views::step_sentence;
use super::super::inbox_batch::round_decisions;
use super::super::policies::{current_policy, hierarchy, policy_version};
use super::approval_documents::document;
use super::numbers::next_number;
use super::settings::invoice_settings;
use super::{Header, InvoiceError, decode, lock};
use crate::access::Role;
use crate::db::TenantTx;
use crate::invoice::InvoiceStatus;
use crate::invoice::terms::PaymentTerms;
use crate::workflow::{Decision, DocumentKind, Policy, State, WorkflowError, decide, pending_for, progress, submit};
use time::{Date, OffsetDateTime};

async fn policy_of(tx: &mut TenantTx, header: &Header) -> Result<Policy, InvoiceError> {
    let version = header.policy_version.and_then(|v| u32::try_from(v).ok()).ok_or(WorkflowError::NotSubmitted)?;
    Ok(policy_version(tx, DocumentKind::Invoice, version).await?.ok_or(WorkflowError::NotSubmitted)?)
}

/// Submits a draft under the firm's current invoice policy. Returns the
/// new status: `Approved` (and numbered) when the policy approves it at once.
pub async fn submit_invoice(
    tx: &mut TenantTx,
    by: i64,
    invoice_id: i64,
    today: Date,
) -> Result<InvoiceStatus, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    let lines: i64 = sqlx::query_scalar("select count(*) from invoice_lines where invoice_id = $1")
        .bind(invoice_id)
        .fetch_one(tx.conn())
        .await?;
    header.status().check_submittable(
        usize::try_from(lines).unwrap_or(0),
        header.total_minor,
        header.kind == "credit_note",
    )?;
    let policy = current_policy(tx, DocumentKind::Invoice).await?;
    let chain = hierarchy(tx).await?;
    let doc = document(tx, &header, by, &chain).await?;
    let outcome = submit(State::Draft, &doc, &policy)?;
    let round: i32 = sqlx::query_scalar(
        "update invoices set status = 'awaiting_approval', policy_version = $2, round = round + 1,
                submitted_at = now(), submitted_by = $3
         where invoice_id = $1 returning round",
    )
    .bind(invoice_id)
    .bind(i32::try_from(outcome.policy_version).unwrap_or(i32::MAX))
    .bind(by)
    .fetch_one(tx.conn())
    .await?;
    if outcome.state == State::Approved {
        let header = Header { round, ..header };
        finalize(tx, &header, today).await?;
        return Ok(InvoiceStatus::Approved);
    }
    Ok(InvoiceStatus::AwaitingApproval)
}

/// Records `approver`'s decision. The last approval finalizes the invoice;
/// a rejection sends it back to draft, to be changed and submitted again.
pub async fn decide_invoice(
    tx: &mut TenantTx,
    approver: (i64, Role),
    invoice_id: i64,
    approve: bool,
    comment: &str,
    today: Date,
) -> Result<InvoiceStatus, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    if header.status() != InvoiceStatus::AwaitingApproval {
        return Err(InvoiceError::Conflict(format!(
            "this invoice is no longer waiting for approval (it is {})",
            header.status().label()
        )));
    }
    if approver.0 == header.created_by {
        return Err(InvoiceError::Conflict("you drafted this invoice; someone else must approve it".into()));
    }
    let policy = policy_of(tx, &header).await?;
    let submitter = header.submitted_by.unwrap_or(header.created_by);
    let chain = hierarchy(tx).await?;
    let doc = document(tx, &header, submitter, &chain).await?;
    let so_far = round_decisions(tx, DocumentKind::Invoice, invoice_id, header.round).await?;
    let decision = Decision {
        by: approver.0,
        role: approver.1,
        approve,
        comment: comment.to_owned(),
        at: OffsetDateTime::now_utc(),
    };
    let (next, _) = decide(State::Submitted, &doc, &policy, &so_far, &decision)?;
    sqlx::query(
        "insert into approval_decisions (document_kind, document_id, round, decided_by, role, approve, comment)
         values ('invoice', $1, $2, $3, $4, $5, $6)",
    )
    .bind(invoice_id)
    .bind(header.round)
    .bind(approver.0)
    .bind(approver.1.as_str())
    .bind(approve)
    .bind(comment)
    .execute(tx.conn())
    .await?;
    match next {
        State::Approved => {
            finalize(tx, &header, today).await?;
            Ok(InvoiceStatus::Approved)
        }
        State::Rejected | State::Draft => {
            sqlx::query("update invoices set status = 'draft' where invoice_id = $1")
                .bind(invoice_id)
                .execute(tx.conn())
                .await?;
            Ok(InvoiceStatus::Draft)
        }
        State::Submitted => Ok(InvoiceStatus::AwaitingApproval),
    }
}

/// Numbers, dates and closes the invoice, in the caller's transaction.
async fn finalize(tx: &mut TenantTx, header: &Header, today: Date) -> Result<(), InvoiceError> {
    let settings = invoice_settings(tx).await?;
    let (series, pattern) = if header.kind == "credit_note" {
        ("credit_note", settings.credit_note_pattern())
    } else {
        ("invoice", settings.invoice_pattern())
    };
    let number = next_number(tx, series, &pattern, today, header.client_id).await?;
    let terms: String = sqlx::query_scalar("select terms::text from invoices where invoice_id = $1")
        .bind(header.invoice_id)
        .fetch_one(tx.conn())
        .await?;
    let due_on = decode::<PaymentTerms>(&terms)?.due_on(today);
    sqlx::query(
        "update invoices set status = 'approved', number = $2, issued_on = $3, due_on = $4, approved_at = now(),
                updated_at = now()
         where invoice_id = $1",
    )
    .bind(header.invoice_id)
    .bind(&number)
    .bind(today)
    .bind(due_on)
    .execute(tx.conn())
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("invoices_number_key") => InvoiceError::Conflict(format!(
            "the number {number} is already taken (the number format was changed to one that repeats); change the format and approve again"
        )),
        _ => e.into(),
    })?;
    if header.kind == "credit_note" {
        super::credit::apply_credit(tx, header, &number, today).await?;
    }
    Ok(())
}

/// Where an invoice's approval stands, for its page.
pub(super) async fn approval_sentence(tx: &mut TenantTx, header: &Header) -> Result<Option<String>, InvoiceError> {
    if header.status() != InvoiceStatus::AwaitingApproval {
        return Ok(None);
    }
    let policy = policy_of(tx, header).await?;
    let submitter = header.submitted_by.unwrap_or(header.created_by);
    let chain = hierarchy(tx).await?;
    let doc = document(tx, header, submitter, &chain).await?;
    let so_far = round_decisions(tx, DocumentKind::Invoice, header.invoice_id, header.round).await?;
    let names = super::super::people_names(tx).await?;
    let scopes = super::super::scope_names(tx, &policy.rules).await?;
    Ok(Some(step_sentence(DocumentKind::Invoice, &policy, &scopes, &progress(&doc, &policy, &so_far), &names)))
}

/// May `user` decide on it now?
pub(super) async fn may_decide(
    tx: &mut TenantTx,
    header: &Header,
    user_id: i64,
    role: Role,
) -> Result<bool, InvoiceError> {
    if header.status() != InvoiceStatus::AwaitingApproval || user_id == header.created_by {
        return Ok(false);
    }
    let policy = policy_of(tx, header).await?;
    let submitter = header.submitted_by.unwrap_or(header.created_by);
    let chain = hierarchy(tx).await?;
    let doc = document(tx, header, submitter, &chain).await?;
    let so_far = round_decisions(tx, DocumentKind::Invoice, header.invoice_id, header.round).await?;
    Ok(pending_for(user_id, role, State::Submitted, &doc, &policy, &so_far))
}
