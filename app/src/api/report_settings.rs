//! What the firm's reports count (`/settings/reports`), for its
//! administrators: the default weekly capacity, the utilization formula,
//! and each person's own capacity. Every change is audited with what it
//! replaced.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::reports::definitions::ReportDefinitions;

#[server(endpoint = "load_report_definitions")]
pub async fn load_report_definitions() -> Result<ReportDefinitions, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let definitions = pespro::practice::report_settings::report_definitions(&mut tx).await?;
    tx.commit().await?;
    Ok(definitions)
}

/// `capacity` as typed (hours a week); `basis` a `UtilizationBasis` key.
#[server(endpoint = "save_report_definitions")]
pub async fn save_report_definitions(capacity: String, basis: String) -> Result<(), AppError> {
    use pespro::reports::definitions::{capacity_text, parse_capacity};
    use pespro::reports::utilization::UtilizationBasis;
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let weekly_capacity = parse_capacity(&capacity)
        .map_err(|why| AppError::validation("capacity", why))?
        .ok_or_else(|| AppError::validation("capacity", "Write the hours of the firm's usual week, like 40."))?;
    let basis = UtilizationBasis::parse(&basis)
        .ok_or_else(|| AppError::validation("basis", "Choose one of the listed formulas."))?;
    let mut tx = ctx.tenant_tx().await?;
    let before = pespro::practice::report_settings::report_settings(&mut tx).await?;
    let after = pespro::practice::report_settings::ReportSettings { weekly_capacity, basis };
    pespro::practice::report_settings::set_report_settings(&mut tx, after).await?;
    let said = |s: pespro::practice::report_settings::ReportSettings| {
        format!("{} h a week, {}", capacity_text(s.weekly_capacity), s.basis.key())
    };
    let detail = format!("was {}", said(before));
    ctx.audit(&mut tx, pespro::audit::AuditAction::ReportDefinitionsChanged, &said(after), &detail).await?;
    tx.commit().await?;
    leptos_axum::redirect("/settings/reports?saved=firm");
    Ok(())
}

/// A person's own weekly capacity as typed; empty gives them the firm's.
#[server(endpoint = "save_capacity")]
pub async fn save_capacity(user_id: i64, capacity: String) -> Result<(), AppError> {
    use pespro::reports::definitions::{capacity_text, parse_capacity};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let own = parse_capacity(&capacity).map_err(|why| AppError::validation("capacity", why))?;
    let mut tx = ctx.tenant_tx().await?;
    let email = pespro::practice::report_settings::set_capacity(&mut tx, user_id, own).await?;
    let email = email.ok_or(AppError::NotFound)?;
    let detail = own.map_or_else(|| "the firm's".to_owned(), |m| format!("{} h a week", capacity_text(m)));
    ctx.audit(&mut tx, pespro::audit::AuditAction::CapacityChanged, &email, &detail).await?;
    tx.commit().await?;
    leptos_axum::redirect("/settings/reports?saved=person");
    Ok(())
}
