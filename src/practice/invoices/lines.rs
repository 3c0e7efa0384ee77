//! Changing a draft's lines. Every change recomputes the totals and, on an
//! invoice awaiting approval, withdraws the approvals given so far.

use super::{Header, InvoiceError, lock, refresh_totals, withdraw_approvals};
use crate::db::TenantTx;
use crate::invoice::drafting::{LineKind, Quantity};
use crate::invoice::lines::{LineForm, check_line_of};

/// What a change did: how many approvals it withdrew.
pub type Withdrawn = usize;

async fn lock_editable(tx: &mut TenantTx, invoice_id: i64) -> Result<(Header, Withdrawn), InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    let withdrawn = withdraw_approvals(tx, &header).await?;
    Ok((header, withdrawn))
}

fn quantity_columns(quantity: Quantity) -> (Option<i32>, Option<i64>) {
    match quantity {
        Quantity::Minutes(m) => (Some(i32::try_from(m.0).unwrap_or(i32::MAX)), None),
        Quantity::Units(u) => (None, Some(u)),
    }
}

/// Changes a line. The form is checked before anything is written, so a
/// refused change leaves approvals as they were.
pub async fn edit_line(
    tx: &mut TenantTx,
    invoice_id: i64,
    line_id: i64,
    form: &LineForm,
) -> Result<Withdrawn, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    header.status().check_editable()?;
    let line: Option<(String, i64)> =
        sqlx::query_as("select kind, worked_minor from invoice_lines where invoice_line_id = $1 and invoice_id = $2")
            .bind(line_id)
            .bind(invoice_id)
            .fetch_optional(tx.conn())
            .await?;
    let (kind, worked) = line.ok_or(InvoiceError::NotFound)?;
    let kind = LineKind::parse(&kind).unwrap_or(LineKind::Free);
    let worked = (kind != LineKind::Free).then_some(worked);
    let checked = check_line_of(kind, form, header.currency(), worked, header.kind == "credit_note")?;
    let withdrawn = withdraw_approvals(tx, &header).await?;
    let (minutes, hundredths) = quantity_columns(checked.quantity);
    sqlx::query(
        "update invoice_lines set description = $2, quantity_minutes = $3, quantity_hundredths = $4, rate_minor = $5,
                amount_minor = $6, adjustment_reason = $7
         where invoice_line_id = $1",
    )
    .bind(line_id)
    .bind(&checked.description)
    .bind(minutes)
    .bind(hundredths)
    .bind(checked.rate_minor)
    .bind(checked.amount_minor)
    .bind(&checked.reason)
    .execute(tx.conn())
    .await?;
    refresh_totals(tx, invoice_id).await?;
    Ok(withdrawn)
}

pub async fn add_free_line(tx: &mut TenantTx, invoice_id: i64, form: &LineForm) -> Result<Withdrawn, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    header.status().check_editable()?;
    let checked = check_line_of(LineKind::Free, form, header.currency(), None, header.kind == "credit_note")?;
    let withdrawn = withdraw_approvals(tx, &header).await?;
    let (minutes, hundredths) = quantity_columns(checked.quantity);
    sqlx::query(
        "insert into invoice_lines (invoice_id, position, kind, description, quantity_minutes, quantity_hundredths,
                                    rate_minor, amount_minor, worked_minor, adjustment_reason)
         values ($1, (select coalesce(max(position), -1) + 1 from invoice_lines where invoice_id = $1), 'free',
                 $2, $3, $4, $5, $6, 0, $7)",
    )
    .bind(invoice_id)
    .bind(&checked.description)
    .bind(minutes)
    .bind(hundredths)
    .bind(checked.rate_minor)
    .bind(checked.amount_minor)
    .bind(&checked.reason)
    .execute(tx.conn())
    .await?;
    refresh_totals(tx, invoice_id).await?;
    Ok(withdrawn)
}

/// Removes a line; the work it billed is billable again.
pub async fn remove_line(tx: &mut TenantTx, invoice_id: i64, line_id: i64) -> Result<Withdrawn, InvoiceError> {
    let (_, withdrawn) = lock_editable(tx, invoice_id).await?;
    let removed = sqlx::query("delete from invoice_lines where invoice_line_id = $1 and invoice_id = $2")
        .bind(line_id)
        .bind(invoice_id)
        .execute(tx.conn())
        .await?;
    if removed.rows_affected() == 0 {
        return Err(InvoiceError::NotFound);
    }
    refresh_totals(tx, invoice_id).await?;
    Ok(withdrawn)
}
