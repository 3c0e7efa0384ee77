//! Sending an approved invoice: marked sent with a fresh client link in one
//! transaction, then emailed — PDF attached — to the client's billing
//! contacts. The invoice is committed as sent before the mail goes, so a
//! mail server that is down never leaves a sent email behind an invoice
//! still shown as unsent; the person is told to send again instead.

use super::context::RequestContext;
use super::invoices::{invoice_error, today};
use crate::error::AppError;
use pespro::audit::AuditAction;
use pespro::mail::{Attachment, Outgoing};
use pespro::practice::invoices::{
    billing_recipients, invoice_page, invoice_pdf, mark_sent, pdf_file_name, read_logo, uploaded_logo,
};

/// Sends invoice `invoice_id`; answers "sent to a@x.example." or why not.
pub(crate) async fn send(ctx: &RequestContext, invoice_id: i64) -> Result<String, AppError> {
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let recipients = billing_recipients(&mut tx, invoice_id).await.map_err(invoice_error)?;
    if recipients.is_empty() {
        return Err(AppError::validation(
            "send",
            "The client has no contact with an email address: add one on the client's page, then send it.",
        ));
    }
    let token = mark_sent(&mut tx, invoice_id).await.map_err(invoice_error)?;
    let page = invoice_page(&mut tx, invoice_id, (user.user_id, user.role), today()).await.map_err(invoice_error)?;
    let receipts = if pespro::practice::invoices::invoice_settings(&mut tx).await?.attach_receipts {
        pespro::practice::invoices::invoice_receipts(&mut tx, invoice_id).await?
    } else {
        Vec::new()
    };
    let to: Vec<&str> = recipients.iter().map(|(_, email)| email.as_str()).collect();
    let uploaded = uploaded_logo(&mut tx, ctx.tenant.theme.logo.as_ref()).await?;
    ctx.audit(
        &mut tx,
        AuditAction::InvoiceSent,
        &format!("invoice {}", page.number.clone().unwrap_or_default()),
        &to.join(", "),
    )
    .await?;
    tx.commit().await?;
    let theme = ctx.tenant.theme.clone();
    let pdf_page = page.clone();
    let site_root = ctx.site_root()?.0;
    // The logo is read with the drawing, off the async workers: file I/O.
    let pdf = tokio::task::spawn_blocking(move || {
        let logo = uploaded.or_else(|| read_logo(&site_root, theme.logo.as_ref()));
        invoice_pdf(&pdf_page, &theme, logo)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)?;
    let link = ctx.email_link(&format!("/i/{token}"))?;
    let firm = ctx.tenant.theme.display_name.to_string();
    let number = page.number.clone().unwrap_or_default();
    let what = if page.credit_note { "credit note" } else { "invoice" };
    let subject = format!("{firm}: {what} {number}");
    let mut attachments =
        vec![Attachment { filename: pdf_file_name(&page), content_type: "application/pdf".into(), bytes: pdf }];
    attachments.extend(receipts.into_iter().map(|(filename, content_type, bytes)| Attachment {
        filename,
        content_type,
        bytes,
    }));
    for (name, email) in &recipients {
        let owed = match page.due_on {
            Some(due) if !page.credit_note => format!(", due on {}", page.formats.date(due)),
            _ => String::new(),
        };
        let body = format!(
            "Dear {name},\n\nPlease find attached {what} {number} from {firm}, for {total}{owed}.\n\n\
             You can also view it, and what is still due, at:\n\n{link}\n\nThank you.\n{firm}\n",
            total = page.total,
        );
        let outgoing = Outgoing { to: email, subject: &subject, body };
        if let Err(error) = ctx.outbound()?.mailer.send_with(outgoing, &attachments).await {
            tracing::warn!(%error, invoice_id, "invoice email not delivered");
            return Err(AppError::Conflict(
                "The invoice is marked sent, but the email could not be delivered. Please try Send again.".into(),
            ));
        }
    }
    Ok(format!("sent to {}.", to.join(", ")))
}
