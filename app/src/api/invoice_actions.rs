//! Moving an invoice along: submitting it under the firm's policy,
//! approving or rejecting it, sending it to the client (which also happens
//! by itself once the policy has approved it), recording payments, voiding
//! and deleting. Each answers with a sentence saying what happened.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::invoices::{invoice_error, today};
#[cfg(feature = "ssr")]
use pespro::audit::AuditAction;
#[cfg(feature = "ssr")]
use pespro::invoice::InvoiceStatus;

/// What a finished approval leads to: the invoice is sent at once, or
/// waits with a sentence saying why it was not.
#[cfg(feature = "ssr")]
async fn after_approval(
    ctx: &super::context::RequestContext,
    invoice_id: i64,
    status: InvoiceStatus,
) -> Result<String, AppError> {
    match status {
        InvoiceStatus::Approved => match super::invoice_sending::send(ctx, invoice_id).await {
            Ok(sentence) => Ok(format!("Approved and {sentence}")),
            Err(AppError::Validation { message, .. }) => Ok(format!("Approved, not sent yet: {message}")),
            Err(other) => Err(other),
        },
        InvoiceStatus::AwaitingApproval => Ok("Submitted: it is waiting for approval.".to_owned()),
        InvoiceStatus::Draft => Ok("Sent back to draft.".to_owned()),
        other => Ok(format!("It is {}.", other.label())),
    }
}

#[server(endpoint = "submit_invoice")]
pub async fn submit_invoice(invoice_id: i64) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let status = pespro::practice::invoices::submit_invoice(&mut tx, user.user_id, invoice_id, today())
        .await
        .map_err(invoice_error)?;
    ctx.audit(&mut tx, AuditAction::InvoiceSubmitted, &format!("invoice #{invoice_id}"), status.label()).await?;
    tx.commit().await?;
    after_approval(&ctx, invoice_id, status).await
}

/// `decision` is `approve` or `reject`; a rejection needs a comment.
#[server(endpoint = "decide_invoice")]
pub async fn decide_invoice(invoice_id: i64, decision: String, comment: String) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ApproveWork)?;
    let (approve, comment) = super::approvals::read_decision(&decision, &comment)?;
    let mut tx = ctx.tenant_tx().await?;
    let status = pespro::practice::invoices::decide_invoice(
        &mut tx,
        (user.user_id, user.role),
        invoice_id,
        approve,
        &comment,
        today(),
    )
    .await
    .map_err(invoice_error)?;
    ctx.audit(&mut tx, AuditAction::InvoiceDecided, &format!("invoice #{invoice_id}"), &decision).await?;
    tx.commit().await?;
    after_approval(&ctx, invoice_id, status).await
}

/// Sends (or sends again) an approved invoice to the client's billing contacts.
#[server(endpoint = "send_invoice")]
pub async fn send_invoice(invoice_id: i64) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let sentence = super::invoice_sending::send(&ctx, invoice_id).await?;
    Ok(format!("It was {sentence}"))
}

#[server(endpoint = "record_invoice_payment")]
pub async fn record_invoice_payment(
    invoice_id: i64,
    paid_on: String,
    amount: String,
    method: String,
    reference: String,
) -> Result<String, AppError> {
    use pespro::practice::invoices::{NewPayment, record_payment};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let paid_on = pespro::my_week::parse_date(&paid_on)
        .map_err(|_| AppError::validation("paid_on", "Enter the date it was paid."))?;
    let payment = NewPayment { paid_on, amount, method, reference };
    let mut tx = ctx.tenant_tx().await?;
    let status = record_payment(&mut tx, user.user_id, invoice_id, &payment).await.map_err(invoice_error)?;
    ctx.audit(
        &mut tx,
        AuditAction::PaymentRecorded,
        &format!("invoice #{invoice_id}"),
        &format!("{} on {paid_on}", payment.amount),
    )
    .await?;
    tx.commit().await?;
    Ok(format!("Payment recorded: the invoice is {}.", status.label()))
}

#[server(endpoint = "void_invoice")]
pub async fn void_invoice(invoice_id: i64, reason: String) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::void_invoice(&mut tx, invoice_id, &reason).await.map_err(invoice_error)?;
    ctx.audit(&mut tx, AuditAction::InvoiceVoided, &format!("invoice #{invoice_id}"), reason.trim()).await?;
    tx.commit().await?;
    Ok("The invoice is void; its work can be invoiced again.".to_owned())
}

#[server(endpoint = "delete_invoice")]
pub async fn delete_invoice(invoice_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::delete_draft(&mut tx, invoice_id).await.map_err(invoice_error)?;
    ctx.audit(&mut tx, AuditAction::InvoiceDeleted, &format!("invoice draft #{invoice_id}"), "").await?;
    tx.commit().await?;
    leptos_axum::redirect("/invoices?status=drafts");
    Ok(())
}

/// Ends the client's link; sending again makes a new one.
#[server(endpoint = "revoke_invoice_link")]
pub async fn revoke_invoice_link(invoice_id: i64) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::revoke_client_link(&mut tx, invoice_id).await.map_err(invoice_error)?;
    ctx.audit(&mut tx, AuditAction::InvoiceChanged, &format!("invoice #{invoice_id}"), "revoked the client's link")
        .await?;
    tx.commit().await?;
    Ok("The client's link no longer opens the invoice.".to_owned())
}

/// Drafts a credit note for all of a sent invoice and opens it, to be
/// reduced to what is being credited, then submitted like an invoice.
#[server(endpoint = "credit_invoice")]
pub async fn credit_invoice(invoice_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let credit_id = pespro::practice::invoices::create_credit_note(&mut tx, user.user_id, invoice_id)
        .await
        .map_err(invoice_error)?;
    let subject = format!("credit note draft #{credit_id}");
    ctx.audit(&mut tx, AuditAction::InvoiceDrafted, &subject, &format!("credits invoice #{invoice_id}")).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/invoices/{credit_id}"));
    Ok(())
}
