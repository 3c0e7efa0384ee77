//! Accounting hand-off: the mapping (`/settings/accounting`, administrators)
//! and exports (`/accounting`, managers and administrators). Batch files
//! and ready month-end packs are plain routes (server/src/accounting_files.rs).

use crate::error::AppError;
use leptos::prelude::*;
use pespro::accounting::form::MappingForm;
use pespro::accounting::views::{BatchView, PackView, PreviewView};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountingSettingsData {
    pub form: MappingForm,
    /// (code, name) of each client, beside `form.customers`.
    pub clients: Vec<(String, String)>,
    /// Whether the firm ever saved a mapping.
    pub saved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportsData {
    pub preview: PreviewView,
    pub batches: Vec<BatchView>,
    pub packs: Vec<PackView>,
    pub from: String,
    pub to: String,
}

#[cfg(feature = "ssr")]
const FORM: &str = "accounting_settings";

#[server(endpoint = "accounting_settings")]
pub async fn load_accounting_settings() -> Result<AccountingSettingsData, AppError> {
    use pespro::practice::accounting::{accounting_mapping, clients, tax_keys};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let mut tx = ctx.tenant_tx().await?;
    let mapping = accounting_mapping(&mut tx).await?;
    let keys = tax_keys(&mut tx).await?;
    let clients = clients(&mut tx).await?;
    tx.commit().await?;
    let codes: Vec<String> = clients.iter().map(|(code, _)| code.clone()).collect();
    let saved = mapping.is_some();
    let form = match super::refused_form::take(&ctx, FORM).await {
        Some(form) => form,
        None => MappingForm::from_mapping(&mapping.unwrap_or_default(), &keys, &codes),
    };
    Ok(AccountingSettingsData { form, clients, saved })
}

#[server(endpoint = "save_accounting_settings")]
pub async fn save_accounting_settings(mapping: MappingForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let checked = match mapping.check() {
        Ok(checked) => checked,
        Err(problems) => {
            super::refused_form::keep(&ctx, FORM, &mapping).await;
            let (field, message) = problems.into_iter().next().unwrap_or(("", String::new()));
            return Err(AppError::validation(field, super::workflows::capitalised(&message)));
        }
    };
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::accounting::save_accounting_mapping(&mut tx, &checked).await?;
    let detail = format!("exports for {}", checked.target.label());
    ctx.audit(&mut tx, pespro::audit::AuditAction::AccountingChanged, "accounting hand-off", &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// "2026-11-01" → a date; empty → none.
#[cfg(feature = "ssr")]
fn period(from: &str, to: &str) -> Result<Option<(time::Date, time::Date)>, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = |field: &str, raw: &str| {
        time::Date::parse(raw.trim(), &format).map_err(|_| AppError::validation(field, "Give a date as 2026-11-30."))
    };
    match (from.trim().is_empty(), to.trim().is_empty()) {
        (true, true) => Ok(None),
        (false, false) => {
            let (from, to) = (date("from", from)?, date("to", to)?);
            if to < from {
                return Err(AppError::validation("to", "The period ends before it starts."));
            }
            Ok(Some((from, to)))
        }
        (true, false) => Err(AppError::validation("from", "Give the period's first day too, or neither.")),
        (false, true) => Err(AppError::validation("to", "Give the period's last day too, or neither.")),
    }
}

#[server(endpoint = "accounting_exports")]
pub async fn load_exports(from: String, to: String) -> Result<ExportsData, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let asked = period(&from, &to)?;
    let mut tx = ctx.tenant_tx().await?;
    let preview = pespro::practice::accounting::preview(&mut tx, asked).await?;
    let reader = pespro::practice::time_zones::Reader::of(user);
    let batches = pespro::practice::accounting::batches(&mut tx, reader).await?;
    let packs = pespro::practice::accounting::packs(&mut tx).await?;
    tx.commit().await?;
    Ok(ExportsData { preview, batches, packs, from, to })
}

#[server(endpoint = "export_to_accounting")]
pub async fn export_batch(from: String, to: String) -> Result<String, AppError> {
    use pespro::practice::accounting::{Actor, ExportOutcome, export};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let asked = period(&from, &to)?;
    let label = user.audit_label();
    let actor = Actor { user_id: user.user_id, label: &label, address: ctx.client_address };
    let mut tx = ctx.tenant_tx().await?;
    let outcome = export(&mut tx, &actor, asked, time::OffsetDateTime::now_utc()).await.map_err(export_error)?;
    tx.commit().await?;
    Ok(match outcome {
        ExportOutcome::Nothing => "Nothing new to export: every document and payment has gone out already.".into(),
        ExportOutcome::Written { batch_id, documents, payments } => {
            format!(
                "Batch {batch_id} written: {documents} documents and {payments} payments. Download its files below."
            )
        }
    })
}

#[server(endpoint = "reexport_to_accounting")]
pub async fn reexport_batch(numbers: String, reason: String) -> Result<String, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let label = user.audit_label();
    let actor =
        pespro::practice::accounting::Actor { user_id: user.user_id, label: &label, address: ctx.client_address };
    let wanted: Vec<String> =
        numbers.split([',', '\n', ' ']).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect();
    if wanted.is_empty() {
        return Err(AppError::validation("numbers", "Name the invoices or credit notes to export again."));
    }
    let mut tx = ctx.tenant_tx().await?;
    let ids = pespro::practice::accounting::ids_of(&mut tx, &wanted).await?;
    if ids.len() != wanted.len() {
        return Err(AppError::validation("numbers", "Some of these numbers are not documents of this firm."));
    }
    let batch = pespro::practice::accounting::reexport(&mut tx, &actor, &ids, &reason, time::OffsetDateTime::now_utc())
        .await
        .map_err(export_error)?;
    tx.commit().await?;
    Ok(format!("Batch {batch} written with {} again; the reason is in the audit log.", wanted.join(", ")))
}

/// Starts preparing the month-end pack for the period; its progress is on
/// the page ([`load_packs`]) and the zip at `/accounting/packs/{id}`.
#[server(endpoint = "prepare_accounting_pack")]
pub async fn prepare_pack(from: String, to: String) -> Result<i64, AppError> {
    use pespro::practice::accounting::{PackJob, build_pack, start_pack};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageInvoices)?.clone();
    let Some((first, last)) = period(&from, &to)? else {
        return Err(AppError::validation("from", "Choose the period the pack covers first."));
    };
    let site_root = ctx.site_root()?.0;
    let mut tx = ctx.tenant_tx().await?;
    let pack_id = start_pack(&mut tx, user.user_id, first, last).await?;
    let logo = pespro::practice::invoices::pdf_logo(&mut tx, &site_root, ctx.tenant.theme.logo.as_ref()).await?;
    let detail = format!("{first} to {last}");
    ctx.audit(
        &mut tx,
        pespro::audit::AuditAction::AccountingPackPrepared,
        &format!("Month-end pack {pack_id}"),
        &detail,
    )
    .await?;
    tx.commit().await?;
    let job = PackJob {
        db: ctx.db.clone(),
        tenant: ctx.tenant.handle().clone(),
        pack_id,
        viewer: (user.user_id, user.role),
        theme: ctx.tenant.theme.clone(),
        logo,
    };
    tokio::spawn(build_pack(job));
    Ok(pack_id)
}

#[server(endpoint = "accounting_packs")]
pub async fn load_packs() -> Result<Vec<PackView>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageInvoices)?;
    let mut tx = ctx.tenant_tx().await?;
    let packs = pespro::practice::accounting::packs(&mut tx).await?;
    tx.commit().await?;
    Ok(packs)
}

#[cfg(feature = "ssr")]
fn export_error(error: pespro::practice::accounting::ExportError) -> AppError {
    use pespro::practice::accounting::ExportError;
    match error {
        ExportError::NotSetUp => {
            AppError::Conflict("Choose your accounting system and its accounts first (Settings ▸ Accounting).".into())
        }
        ExportError::Gaps(gaps) => AppError::Conflict(format!(
            "Nothing was exported: {} mapping{} missing — see the list above, each with a link to fix it.",
            gaps.len(),
            if gaps.len() == 1 { " is" } else { "s are" }
        )),
        ExportError::Conflict(message) => AppError::Conflict(super::workflows::capitalised(&message)),
        ExportError::Invalid(message) => AppError::validation("reason", super::workflows::capitalised(&message)),
        ExportError::Db(error) => error.into(),
    }
}
