//! Credit notes: the correction of an invoice the client already has. A
//! sent invoice never changes; a credit note — its own document, with its
//! own number series — takes money off it. It starts as a draft copying
//! the invoice's lines with their amounts negated (remove or lower lines
//! for a partial credit), goes through the same approval, and once numbered
//! is applied to what the invoice still owed, as a payment of kind
//! `credit_note`. A credit beyond what was owed (the invoice was paid) is a
//! refund the firm owes: the credit note says so; receivables do not net it.

use super::{Header, InvoiceError, lock, refresh_totals};
use crate::db::TenantTx;
use crate::invoice::InvoiceStatus;
use time::Date;

/// A draft credit note for all of invoice `invoice_id`, by `by`.
pub async fn create_credit_note(tx: &mut TenantTx, by: i64, invoice_id: i64) -> Result<i64, InvoiceError> {
    let original = lock(tx, invoice_id).await?;
    if original.kind != "invoice" {
        return Err(InvoiceError::Conflict(
            "a credit note is issued against an invoice, not another credit note".into(),
        ));
    }
    original.status().check_creditable()?;
    let credited: i64 = sqlx::query_scalar(
        "select coalesce(-sum(total_minor), 0)::bigint from invoices
         where credits_invoice_id = $1 and kind = 'credit_note' and status <> 'void'",
    )
    .bind(invoice_id)
    .fetch_one(tx.conn())
    .await?;
    if credited >= original.total_minor {
        return Err(InvoiceError::Conflict(
            "this invoice is already fully credited (or a credit note for all of it is being drafted)".into(),
        ));
    }
    let credit_id: i64 = sqlx::query_scalar(
        "insert into invoices (kind, credits_invoice_id, client_id, currency, period_from, period_to, terms, design,
                               show_hours, show_rates, notes, footer, payment_details, taxes, created_by)
         select 'credit_note', invoice_id, client_id, currency, period_from, period_to, terms, design, show_hours,
                show_rates, 'Credit for invoice ' || number, footer, payment_details, taxes, $2
         from invoices where invoice_id = $1
         returning invoice_id",
    )
    .bind(invoice_id)
    .bind(by)
    .fetch_one(tx.conn())
    .await?;
    // Copies bill no work: the work stays on the invoice it was billed by.
    sqlx::query(
        "insert into invoice_lines (invoice_id, position, kind, engagement_id, description, detail, quantity_minutes,
                                    quantity_hundredths, rate_minor, amount_minor, worked_minor, taxable)
         select $2, position, kind, engagement_id, description, detail, quantity_minutes, quantity_hundredths,
                -rate_minor, -amount_minor, -amount_minor, taxable
         from invoice_lines where invoice_id = $1",
    )
    .bind(invoice_id)
    .bind(credit_id)
    .execute(tx.conn())
    .await?;
    refresh_totals(tx, credit_id).await?;
    Ok(credit_id)
}

/// Applies a credit note just numbered `number` to its invoice, in the
/// finalizing transaction: as much of it as the invoice still owed.
pub(super) async fn apply_credit(
    tx: &mut TenantTx,
    credit: &Header,
    number: &str,
    today: Date,
) -> Result<(), InvoiceError> {
    let original_id: Option<i64> = sqlx::query_scalar("select credits_invoice_id from invoices where invoice_id = $1")
        .bind(credit.invoice_id)
        .fetch_one(tx.conn())
        .await?;
    let Some(original_id) = original_id else { return Ok(()) };
    let original = lock(tx, original_id).await?;
    if !original.status().is_open() {
        return Ok(());
    }
    let applied = (-credit.total_minor).min(original.total_minor - original.paid_minor);
    if applied <= 0 {
        return Ok(());
    }
    let status = if original.paid_minor + applied >= original.total_minor {
        InvoiceStatus::Paid
    } else {
        InvoiceStatus::PartiallyPaid
    };
    sqlx::query(
        "insert into invoice_payments (invoice_id, paid_on, amount_minor, method, reference, recorded_by)
         values ($1, $2, $3, 'credit_note', $4, $5)",
    )
    .bind(original_id)
    .bind(today)
    .bind(applied)
    .bind(number)
    .bind(credit.submitted_by.unwrap_or(credit.created_by))
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update invoices set paid_minor = paid_minor + $2, status = $3, updated_at = now() where invoice_id = $1",
    )
    .bind(original_id)
    .bind(applied)
    .bind(status.as_str())
    .execute(tx.conn())
    .await?;
    Ok(())
}
