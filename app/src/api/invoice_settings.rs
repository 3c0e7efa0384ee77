//! The firm's invoice settings (`/settings/invoicing`): number format,
//! grouping, terms, texts, design, and tax rates. Administrators (and
//! support only with a grant for money rules).

use crate::error::AppError;
use leptos::prelude::*;
use pespro::invoice::settings::SettingsForm;
use pespro::invoice::views::TaxRateView;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSettingsData {
    pub form: SettingsForm,
    pub taxes: Vec<TaxRateView>,
    /// The number the next invoice would get with the saved format.
    pub next_number: String,
    /// The saved format's next counter value, for the live preview.
    pub next_counter: u64,
    pub today: time::Date,
}

/// The settings form's name where a refused one is kept (`refused_form`).
#[cfg(feature = "ssr")]
const FORM: &str = "invoice_settings";

#[server(endpoint = "invoice_settings")]
pub async fn load_invoice_settings() -> Result<InvoiceSettingsData, AppError> {
    use pespro::practice::invoices::{invoice_settings, preview_number, tax_rates};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let today = super::invoices::today();
    let mut tx = ctx.tenant_tx().await?;
    let settings = invoice_settings(&mut tx).await?;
    let taxes = tax_rates(&mut tx).await?;
    let pattern = settings.invoice_pattern();
    let next_number = preview_number(&mut tx, &pattern, today, None).await?;
    let next_counter = pespro::practice::invoices::next_counter(&mut tx, &pattern, today).await?;
    tx.commit().await?;
    let form = super::refused_form::take(&ctx, FORM).await.unwrap_or_else(|| SettingsForm::from_settings(&settings));
    Ok(InvoiceSettingsData { form, taxes, next_number, next_counter, today })
}

#[server(endpoint = "save_invoice_settings")]
pub async fn save_invoice_settings(settings: SettingsForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let checked = match settings.check() {
        Ok(checked) => checked,
        Err(problems) => {
            super::refused_form::keep(&ctx, FORM, &settings).await;
            let (field, message) = problems.into_iter().next().unwrap_or(("", String::new()));
            return Err(AppError::validation(field, super::workflows::capitalised(&message)));
        }
    };
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::save_invoice_settings(&mut tx, &checked).await?;
    let detail = format!(
        "numbers {} ({}), design {}",
        checked.number_pattern,
        checked.restart.as_str(),
        checked.design.as_str()
    );
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvoicingChanged, "invoice settings", &detail).await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "add_tax_rate")]
pub async fn add_tax_rate(name: String, rate: String, is_default: Option<String>) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::add_tax_rate(&mut tx, &name, &rate, is_default.is_some())
        .await
        .map_err(super::invoices::invoice_error)?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvoicingChanged, "tax rates", &format!("added {name} {rate} %"))
        .await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "archive_tax_rate")]
pub async fn archive_tax_rate(tax_rate_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::invoices::archive_tax_rate(&mut tx, tax_rate_id).await.map_err(super::invoices::invoice_error)?;
    ctx.audit(
        &mut tx,
        pespro::audit::AuditAction::InvoicingChanged,
        "tax rates",
        &format!("removed rate #{tax_rate_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
