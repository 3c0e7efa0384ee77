//! Invoices in the firm's schema: drafts built from unbilled work, their
//! lines, approval through the workflow engine, numbering at finalization,
//! payments and receivables. Every function takes the firm's
//! [`TenantTx`](crate::db::TenantTx) and locks the invoice row it changes
//! (`for update`), so two people acting on one invoice at once are
//! serialised: the second sees what the first did and gets a clear answer.

mod approval;
mod approval_documents;
mod credit;
mod drafts;
mod inbox;
mod lines;
mod logo_file;
mod numbers;
mod outward;
mod payments;
mod reads;
mod settings;
mod sheet;

pub use approval::{decide_invoice, submit_invoice};
pub use credit::create_credit_note;
pub use drafts::{DraftAsk, Drafted, client_currency, create_draft, delete_draft, unbilled_clients};
pub use inbox::{InvoiceWaiting, invoice_inbox};
pub use lines::{add_free_line, edit_line, remove_line};
pub use logo_file::{MAX_LOGO_BYTES, pdf_logo, read_logo, uploaded_logo};
pub use numbers::{next_counter, preview_number};
pub use outward::{billing_recipients, invoice_by_token, invoice_receipts, receivables};
pub use payments::{NewPayment, PAYMENT_METHODS, mark_sent, record_payment, revoke_client_link, void_invoice};
pub use pespro_pdf::Logo;
pub use reads::{StatusFilter, invoice_list, invoice_page, units_text};
pub use settings::{TaxRateView, add_tax_rate, archive_tax_rate, invoice_settings, save_invoice_settings, tax_rates};
pub use sheet::{invoice_pdf, pdf_file_name};

use crate::db::TenantTx;
use crate::invoice::lines::LineProblem;
use crate::invoice::status::{InvoiceStatus, PaymentError, StatusError};
use crate::invoice::tax::{TaxRate, totals};
use crate::workflow::WorkflowError;

#[derive(Debug, thiserror::Error)]
pub enum InvoiceError {
    /// Unknown here: perhaps another firm's id.
    #[error("no such invoice")]
    NotFound,
    #[error(transparent)]
    Status(#[from] StatusError),
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Line(#[from] LineProblem),
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// A form field was refused; the message says why.
    #[error("{message}")]
    Invalid { field: &'static str, message: String },
    /// Someone else changed it first; the message says what happened.
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl InvoiceError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid { field, message: message.into() }
    }
}

/// The invoice header fields most operations need, locked for the rest of
/// the transaction.
#[derive(sqlx::FromRow, Debug)]
pub(super) struct Header {
    pub invoice_id: i64,
    pub kind: String,
    pub client_id: i64,
    pub currency: String,
    pub status: String,
    pub created_by: i64,
    pub submitted_by: Option<i64>,
    pub policy_version: Option<i32>,
    pub round: i32,
    pub total_minor: i64,
    pub paid_minor: i64,
}

impl Header {
    pub fn status(&self) -> InvoiceStatus {
        InvoiceStatus::parse(&self.status).unwrap_or(InvoiceStatus::Void)
    }

    pub fn currency(&self) -> crate::money::Currency {
        crate::money::Currency::parse(&self.currency).unwrap_or(crate::money::Currency::USD)
    }
}

const HEADER: &str = "select invoice_id, kind, client_id, currency::text as currency, status, created_by, submitted_by,
        policy_version, round, total_minor, paid_minor
     from invoices where invoice_id = $1";

/// [`HEADER`] with the row lock.
const HEADER_LOCKED: &str = "select invoice_id, kind, client_id, currency::text as currency, status, created_by,
        submitted_by, policy_version, round, total_minor, paid_minor
     from invoices where invoice_id = $1 for update";

/// The invoice's header, locked until the transaction ends.
pub(super) async fn lock(tx: &mut TenantTx, invoice_id: i64) -> Result<Header, InvoiceError> {
    sqlx::query_as(HEADER_LOCKED).bind(invoice_id).fetch_optional(tx.conn()).await?.ok_or(InvoiceError::NotFound)
}

/// The invoice's header, read without locking (pages and lists).
pub(super) async fn header(tx: &mut TenantTx, invoice_id: i64) -> Result<Header, InvoiceError> {
    sqlx::query_as(HEADER).bind(invoice_id).fetch_optional(tx.conn()).await?.ok_or(InvoiceError::NotFound)
}

/// Recomputes the invoice's totals from its lines and stored tax rates.
pub(super) async fn refresh_totals(tx: &mut TenantTx, invoice_id: i64) -> Result<i64, sqlx::Error> {
    let lines: Vec<(i64, bool)> =
        sqlx::query_as("select amount_minor, taxable from invoice_lines where invoice_id = $1")
            .bind(invoice_id)
            .fetch_all(tx.conn())
            .await?;
    let taxes: String = sqlx::query_scalar("select taxes::text from invoices where invoice_id = $1")
        .bind(invoice_id)
        .fetch_one(tx.conn())
        .await?;
    let t = totals(&lines, &decode::<Vec<TaxRate>>(&taxes)?);
    sqlx::query(
        "update invoices set subtotal_minor = $2, tax_minor = $3, total_minor = $4, updated_at = now()
         where invoice_id = $1",
    )
    .bind(invoice_id)
    .bind(t.subtotal_minor)
    .bind(t.tax_minor)
    .bind(t.total_minor)
    .execute(tx.conn())
    .await?;
    Ok(t.total_minor)
}

/// A change to an invoice awaiting approval withdraws the approvals given
/// so far: they approved other content. Returns how many were withdrawn.
pub(super) async fn withdraw_approvals(tx: &mut TenantTx, header: &Header) -> Result<usize, InvoiceError> {
    header.status().check_editable()?;
    if header.status() != InvoiceStatus::AwaitingApproval {
        return Ok(0);
    }
    let approvals: i64 = sqlx::query_scalar(
        "select count(*) from approval_decisions
         where document_kind = 'invoice' and document_id = $1 and round = $2 and approve",
    )
    .bind(header.invoice_id)
    .bind(header.round)
    .fetch_one(tx.conn())
    .await?;
    sqlx::query("update invoices set status = 'draft' where invoice_id = $1")
        .bind(header.invoice_id)
        .execute(tx.conn())
        .await?;
    Ok(usize::try_from(approvals).unwrap_or(0))
}

/// Reads a JSON column this code wrote; a value it cannot read is a
/// corrupted row, reported as a decoding error.
pub(super) fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub(super) fn encode<T: serde::Serialize>(value: &T) -> String {
    // Plain data types: serialising them to JSON cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}
