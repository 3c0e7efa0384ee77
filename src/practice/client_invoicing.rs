//! A client's invoicing terms in the firm's schema: `clients.code`,
//! `tax_mode` and `invoice_notes`, and its own tax rates in
//! `client_tax_rates`. Drafting reads the same columns
//! (`invoices::drafts`, `rates_for_client`), so what is saved here is what
//! the next draft uses.

use crate::client_invoicing::{ClientInvoicing, ClientInvoicingForm, ClientInvoicingView, ClientTaxes, tax_rate_key};
use crate::db::TenantTx;

#[derive(Debug, thiserror::Error)]
pub enum ClientInvoicingError {
    #[error("no such client")]
    NotFound,
    #[error("another client already has that code")]
    CodeTaken,
    /// An id that is not one of the firm's current rates: archived, made up,
    /// or another firm's (ids repeat across firms' schemas, rows do not).
    #[error("choose rates from the firm's current tax rates")]
    UnknownTaxRate,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for ClientInvoicingError {
    /// The code's unique index refusing it is the person's mistake, not ours.
    fn from(error: sqlx::Error) -> Self {
        match error.as_database_error() {
            Some(db) if db.code().as_deref() == Some("23505") && db.constraint() == Some("clients_code_key") => {
                Self::CodeTaken
            }
            _ => Self::Db(error),
        }
    }
}

/// The client's stored terms and the firm's current rates; `None` when the
/// firm has no such client.
pub async fn client_invoicing(tx: &mut TenantTx, client_id: i64) -> Result<Option<ClientInvoicingView>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("select code, tax_mode, invoice_notes from clients where client_id = $1")
            .bind(client_id)
            .fetch_optional(tx.conn())
            .await?;
    let Some((code, tax_mode, invoice_notes)) = row else {
        return Ok(None);
    };
    let own: Vec<i64> = sqlx::query_scalar("select tax_rate_id from client_tax_rates where client_id = $1")
        .bind(client_id)
        .fetch_all(tx.conn())
        .await?;
    let tax_rates = own.into_iter().map(|id| (tax_rate_key(id), "on".to_owned())).collect();
    let rates = super::invoices::tax_rates(tx).await?;
    Ok(Some(ClientInvoicingView { form: ClientInvoicingForm { code, tax_mode, tax_rates, invoice_notes }, rates }))
}

/// Saves the terms and replaces the client's own rates. Every id must be
/// one of the firm's current rates, or nothing is linked (the caller's
/// transaction is rolled back with the error).
pub async fn save_client_invoicing(
    tx: &mut TenantTx,
    client_id: i64,
    terms: &ClientInvoicing,
) -> Result<(), ClientInvoicingError> {
    tx.wrote("clients");
    // Takes the client's row lock first, so two saves at once apply in turn.
    let updated = sqlx::query("update clients set code = $2, tax_mode = $3, invoice_notes = $4 where client_id = $1")
        .bind(client_id)
        .bind(terms.code.as_str())
        .bind(terms.taxes.mode().as_str())
        .bind(&terms.invoice_notes)
        .execute(tx.conn())
        .await?;
    if updated.rows_affected() == 0 {
        return Err(ClientInvoicingError::NotFound);
    }
    sqlx::query("delete from client_tax_rates where client_id = $1").bind(client_id).execute(tx.conn()).await?;
    let ClientTaxes::Own(ids) = &terms.taxes else {
        return Ok(());
    };
    let linked = sqlx::query(
        "insert into client_tax_rates (client_id, tax_rate_id)
         select $1, tax_rate_id from tax_rates where tax_rate_id = any($2) and archived_at is null",
    )
    .bind(client_id)
    .bind(ids)
    .execute(tx.conn())
    .await?;
    if linked.rows_affected() != ids.len() as u64 {
        return Err(ClientInvoicingError::UnknownTaxRate);
    }
    Ok(())
}
