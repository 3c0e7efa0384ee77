//! What reaches people outside the firm: the client's billing contacts,
//! the client's read-only view through the emailed link, the receipts sent
//! with an invoice, and what clients still owe (receivables).

use super::reads::{currency_of, invoice_page};
use super::{InvoiceError, header};
use crate::access::Role;
use crate::db::TenantTx;
use crate::invoice::aging::{AgingReport, OpenItem, aging};
use crate::invoice::views::{Allowed, InvoicePage};
use time::Date;

/// Open invoices by client and how late they are, per currency.
pub async fn receivables(tx: &mut TenantTx, today: Date) -> Result<Vec<AgingReport>, sqlx::Error> {
    let rows: Vec<(String, String, Date, i64)> = sqlx::query_as(
        "select c.name, i.currency::text, i.due_on, i.total_minor - i.paid_minor
         from invoices i join clients c using (client_id)
         where i.status in ('sent', 'partially_paid') and i.due_on is not null and i.kind = 'invoice'",
    )
    .fetch_all(tx.conn())
    .await?;
    let items: Vec<OpenItem> = rows
        .into_iter()
        .map(|(client, currency, due_on, due_minor)| OpenItem {
            client,
            currency: currency_of(&currency),
            due_on,
            due_minor,
        })
        .collect();
    Ok(aging(&items, today))
}

/// Who receives the client's invoices: its contacts with an email whose
/// role mentions billing or accounts, or, when none does, every contact
/// with an email. `(name, email)`.
pub async fn billing_recipients(tx: &mut TenantTx, invoice_id: i64) -> Result<Vec<(String, String)>, InvoiceError> {
    let head = header(tx, invoice_id).await?;
    let contacts: Vec<(String, String, String)> = sqlx::query_as(
        "select name, email, role from client_contacts where client_id = $1 and email <> '' order by client_contact_id",
    )
    .bind(head.client_id)
    .fetch_all(tx.conn())
    .await?;
    let billing = |role: &str| {
        let role = role.to_lowercase();
        role.contains("billing") || role.contains("accounts") || role.contains("finance")
    };
    let chosen: Vec<_> = contacts.iter().filter(|(_, _, role)| billing(role)).cloned().collect();
    let chosen = if chosen.is_empty() { contacts } else { chosen };
    Ok(chosen.into_iter().map(|(name, email, _)| (name, email)).collect())
}

/// An invoice as its client sees it through the emailed link: found by the
/// token's digest only, and only while the link is live.
pub async fn invoice_by_token(tx: &mut TenantTx, token: &str, today: Date) -> Result<InvoicePage, InvoiceError> {
    let id: Option<(i64, i64)> = sqlx::query_as(
        "select invoice_id, created_by from invoices where client_token_sha256 = $1 and status <> 'void'",
    )
    .bind(super::payments::token_digest(token))
    .fetch_optional(tx.conn())
    .await?;
    let (invoice_id, drafter) = id.ok_or(InvoiceError::NotFound)?;
    // Viewed as its drafter would, then stripped of every action: the
    // client only reads.
    let mut page = invoice_page(tx, invoice_id, (drafter, Role::Employee), today).await?;
    page.allowed = Allowed::default();
    page.approval = None;
    page.left_out = Vec::new();
    page.payments.iter_mut().for_each(|p| p.recorded_by = String::new());
    Ok(page)
}

/// The receipts of the expenses an invoice bills, as `(file name, type,
/// bytes)`, for attaching to the emailed invoice.
pub async fn invoice_receipts(
    tx: &mut TenantTx,
    invoice_id: i64,
) -> Result<Vec<(String, String, Vec<u8>)>, sqlx::Error> {
    let rows: Vec<(i64, String, Vec<u8>)> = sqlx::query_as(
        "select r.expense_id, r.content_type, r.content
         from expense_receipts r join expenses x using (expense_id)
         join invoice_lines l on l.invoice_line_id = x.invoice_line_id
         where l.invoice_id = $1 order by r.expense_id",
    )
    .bind(invoice_id)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(expense_id, content_type, bytes)| {
            let extension = match content_type.as_str() {
                "application/pdf" => "pdf",
                "image/png" => "png",
                "image/jpeg" => "jpg",
                _ => "webp",
            };
            (format!("receipt-{expense_id}.{extension}"), content_type, bytes)
        })
        .collect())
}
