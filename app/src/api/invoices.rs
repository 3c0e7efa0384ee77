//! Invoices (`/invoices`): the list, building a draft from unbilled work,
//! one invoice's page and its lines. Managers and administrators.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::invoice::views::{InvoicePage, InvoiceRow};
use serde::{Deserialize, Serialize};

/// The list page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicesData {
    pub rows: Vec<InvoiceRow>,
    /// `(client_id, name, currency)` for the new-invoice form.
    pub clients: Vec<(i64, String, String)>,
    /// The firm's default grouping's label.
    pub default_grouping: String,
    /// The new-invoice form's default period: last month.
    pub period: (time::Date, time::Date),
}

#[cfg(feature = "ssr")]
pub(crate) fn invoice_error(error: pespro::practice::invoices::InvoiceError) -> AppError {
    use super::workflows::capitalised;
    use pespro::practice::invoices::InvoiceError as E;
    match error {
        E::NotFound => AppError::NotFound,
        E::Invalid { field, message } => AppError::validation(field, capitalised(&message)),
        E::Line(problem) => AppError::validation(problem.field, capitalised(&problem.message)),
        E::Payment(payment) => AppError::validation("amount", capitalised(&payment.to_string())),
        E::Status(status) => AppError::Conflict(capitalised(&status.to_string())),
        E::Workflow(pespro::workflow::WorkflowError::ReasonRequired) => {
            AppError::validation("comment", capitalised(&pespro::workflow::WorkflowError::ReasonRequired.to_string()))
        }
        E::Workflow(w) => AppError::Conflict(capitalised(&w.to_string())),
        E::Conflict(message) => AppError::Conflict(capitalised(&message)),
        E::Db(db) => db.into(),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

#[server(endpoint = "invoices")]
pub async fn load_invoices(status: String) -> Result<InvoicesData, AppError> {
    use pespro::practice::invoices::{StatusFilter, invoice_list, invoice_settings, unbilled_clients};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let rows = invoice_list(&mut tx, StatusFilter::parse(&status), today()).await?;
    let clients = unbilled_clients(&mut tx).await?;
    let settings = invoice_settings(&mut tx).await?;
    tx.commit().await?;
    let this_month = pespro::invoice::terms::first_of_month(today());
    let last_month = pespro::invoice::terms::first_of_month(this_month.previous_day().unwrap_or(this_month));
    let period = (last_month, this_month.previous_day().unwrap_or(this_month));
    Ok(InvoicesData { rows, clients, default_grouping: settings.grouping.label().to_owned(), period })
}

/// Builds a draft and opens it.
#[server(endpoint = "create_invoice")]
pub async fn create_invoice(form: pespro::invoice::new_form::NewInvoiceForm) -> Result<(), AppError> {
    use pespro::practice::invoices::{DraftAsk, create_draft};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let currency =
        pespro::practice::invoices::client_currency(&mut tx, &form.client_id).await.map_err(invoice_error)?;
    let asked = form
        .check(currency)
        .map_err(|(field, message)| AppError::validation(field, super::workflows::capitalised(&message)))?;
    let ask = DraftAsk {
        client_id: asked.client_id,
        from: asked.from,
        to: asked.to,
        grouping: asked.grouping,
        expense_grouping: asked.expense_grouping,
        instalment: asked.instalment,
    };
    let drafted = create_draft(&mut tx, user.user_id, &ask).await.map_err(invoice_error)?;
    let subject = format!("invoice draft #{}", drafted.invoice_id);
    ctx.audit(
        &mut tx,
        pespro::audit::AuditAction::InvoiceDrafted,
        &subject,
        &format!("{} to {}", asked.from, asked.to),
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/invoices/{}", drafted.invoice_id));
    Ok(())
}

#[server(endpoint = "invoice")]
pub async fn load_invoice(invoice_id: i64) -> Result<InvoicePage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let viewer = (user.user_id, user.role);
    let mut tx = ctx.tenant_tx().await?;
    let mut page =
        pespro::practice::invoices::invoice_page(&mut tx, invoice_id, viewer, today()).await.map_err(invoice_error)?;
    tx.commit().await?;
    // Support acting as someone may look, but approving is the firm's own judgement.
    page.allowed.decide &= user.may(pespro::access::Permission::ApproveWork);
    Ok(page)
}

/// Changes a draft's line; returns how many approvals that withdrew.
#[server(endpoint = "edit_invoice_line")]
pub async fn edit_invoice_line(
    invoice_id: i64,
    line_id: i64,
    line: pespro::invoice::lines::LineForm,
) -> Result<usize, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let withdrawn =
        pespro::practice::invoices::edit_line(&mut tx, invoice_id, line_id, &line).await.map_err(invoice_error)?;
    let detail = if line.reason.trim().is_empty() { String::new() } else { format!("reason: {}", line.reason.trim()) };
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvoiceChanged, &format!("invoice #{invoice_id}"), &detail).await?;
    tx.commit().await?;
    Ok(withdrawn)
}

#[server(endpoint = "add_invoice_line")]
pub async fn add_invoice_line(invoice_id: i64, line: pespro::invoice::lines::LineForm) -> Result<usize, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let withdrawn =
        pespro::practice::invoices::add_free_line(&mut tx, invoice_id, &line).await.map_err(invoice_error)?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvoiceChanged, &format!("invoice #{invoice_id}"), "added a line")
        .await?;
    tx.commit().await?;
    Ok(withdrawn)
}

#[server(endpoint = "remove_invoice_line")]
pub async fn remove_invoice_line(invoice_id: i64, line_id: i64) -> Result<usize, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let withdrawn =
        pespro::practice::invoices::remove_line(&mut tx, invoice_id, line_id).await.map_err(invoice_error)?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvoiceChanged, &format!("invoice #{invoice_id}"), "removed a line")
        .await?;
    tx.commit().await?;
    Ok(withdrawn)
}

/// Open invoices by age, per currency.
#[server(endpoint = "receivables")]
pub async fn load_receivables() -> Result<Vec<pespro::invoice::aging::AgingReport>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let report = pespro::practice::invoices::receivables(&mut tx, today()).await?;
    tx.commit().await?;
    Ok(report)
}

/// The invoice a client's emailed link names, read-only; no sign-in. An
/// unknown, revoked or void link is "not found".
#[server(endpoint = "client_invoice")]
pub async fn client_invoice(token: String) -> Result<InvoicePage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let mut tx = ctx.tenant_tx().await?;
    let page = pespro::practice::invoices::invoice_by_token(&mut tx, &token, today()).await.map_err(invoice_error)?;
    tx.commit().await?;
    Ok(page)
}
