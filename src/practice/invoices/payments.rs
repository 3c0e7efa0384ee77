//! Payments against a sent invoice, voiding, and marking an invoice sent
//! with a fresh link for the client. Each locks the invoice first, so two
//! people recording the same payment at once are serialised: the second
//! sees the first's payment, and an amount that would now overpay is
//! refused rather than counted twice.

use super::{InvoiceError, lock};
use crate::db::TenantTx;
use crate::invoice::InvoiceStatus;
use crate::invoice::status::after_payment;
use sha2::{Digest, Sha256};
use time::Date;

pub const PAYMENT_METHODS: [(&str, &str); 5] =
    [("bank_transfer", "Bank transfer"), ("card", "Card"), ("cheque", "Cheque"), ("cash", "Cash"), ("other", "Other")];

/// How the payments list names a method, including a credit note applied.
pub fn method_label(method: &str) -> String {
    match method {
        "credit_note" => "Credit note".to_owned(),
        other => PAYMENT_METHODS.iter().find(|(k, _)| *k == other).map_or(other.to_owned(), |(_, l)| (*l).to_owned()),
    }
}

#[derive(Debug, Clone)]
pub struct NewPayment {
    pub paid_on: Date,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

pub async fn record_payment(
    tx: &mut TenantTx,
    by: i64,
    invoice_id: i64,
    payment: &NewPayment,
) -> Result<InvoiceStatus, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    if header.kind == "credit_note" {
        return Err(InvoiceError::Conflict("a credit note is not paid: it is applied to its invoice".into()));
    }
    let currency = header.currency();
    if !PAYMENT_METHODS.iter().any(|(key, _)| *key == payment.method) {
        return Err(InvoiceError::invalid("method", "choose how it was paid"));
    }
    let reference = payment.reference.trim();
    if reference.chars().count() > 100 {
        return Err(InvoiceError::invalid("reference", "a reference is at most 100 characters"));
    }
    let amount = crate::expenses::parse_amount(&payment.amount, currency)
        .map_err(|e| InvoiceError::invalid("amount", e.to_string()))?;
    let formats = crate::practice::formats::firm_formats(tx).await?;
    let next =
        after_payment(header.status(), header.total_minor, header.paid_minor, amount, |m| formats.amount(m, currency))
            .map_err(|e| match e {
                crate::invoice::status::PaymentError::Status(s) => InvoiceError::Status(s),
                other => InvoiceError::invalid("amount", other.to_string()),
            })?;
    sqlx::query(
        "insert into invoice_payments (invoice_id, paid_on, amount_minor, method, reference, recorded_by)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(invoice_id)
    .bind(payment.paid_on)
    .bind(amount)
    .bind(&payment.method)
    .bind(reference)
    .bind(by)
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update invoices set paid_minor = paid_minor + $2, status = $3, updated_at = now() where invoice_id = $1",
    )
    .bind(invoice_id)
    .bind(amount)
    .bind(next.as_str())
    .execute(tx.conn())
    .await?;
    Ok(next)
}

/// Voids a numbered invoice: it keeps its number, shows as void, and the
/// work it billed can be invoiced again.
pub async fn void_invoice(tx: &mut TenantTx, invoice_id: i64, reason: &str) -> Result<(), InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(InvoiceError::invalid("reason", "say why the invoice is void"));
    }
    if reason.chars().count() > 500 {
        return Err(InvoiceError::invalid("reason", "a reason is at most 500 characters"));
    }
    header.status().check_voidable(header.paid_minor)?;
    sqlx::query(
        "update time_entries set invoice_line_id = null
         where invoice_line_id in (select invoice_line_id from invoice_lines where invoice_id = $1)",
    )
    .bind(invoice_id)
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update expenses set invoice_line_id = null
         where invoice_line_id in (select invoice_line_id from invoice_lines where invoice_id = $1)",
    )
    .bind(invoice_id)
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update invoices set status = 'void', voided_at = now(), void_reason = $2, client_token_sha256 = null,
                updated_at = now()
         where invoice_id = $1",
    )
    .bind(invoice_id)
    .bind(reason)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Marks an approved invoice sent (a sent one stays as it is: this is a
/// reminder) and gives it a new client link, revoking any earlier one.
/// Returns the token, which only the email carries.
pub async fn mark_sent(tx: &mut TenantTx, invoice_id: i64) -> Result<String, InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    header.status().check_sendable()?;
    let token = new_token();
    sqlx::query(
        "update invoices set status = case when status = 'approved' then 'sent' else status end,
                sent_at = coalesce(sent_at, now()), client_token_sha256 = $2, updated_at = now()
         where invoice_id = $1",
    )
    .bind(invoice_id)
    .bind(token_digest(&token))
    .execute(tx.conn())
    .await?;
    Ok(token)
}

/// Revokes the client's link; sending again makes a new one.
pub async fn revoke_client_link(tx: &mut TenantTx, invoice_id: i64) -> Result<(), InvoiceError> {
    lock(tx, invoice_id).await?;
    sqlx::query("update invoices set client_token_sha256 = null where invoice_id = $1")
        .bind(invoice_id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// 256 random bits, base64url: unguessable, and safe in a URL.
fn new_token() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

pub(super) fn token_digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}
