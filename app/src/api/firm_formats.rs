//! The firm's date and number formats (`/settings/regional`), for its
//! administrators: how every page, email and export writes dates and
//! amounts.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets the firm's formats (keys of `DateStyle` and `NumberStyle`),
/// audited with the ones they replace. Every page carries the formats
/// from the server, so the answer sends the browser to the page afresh.
#[server(endpoint = "set_firm_formats")]
pub async fn set_firm_formats(date_format: String, number_format: String) -> Result<(), AppError> {
    use pespro::formats::{DateStyle, Formats, NumberStyle};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let date = DateStyle::parse(&date_format)
        .ok_or_else(|| AppError::validation("date_format", "Choose one of the listed date formats."))?;
    let number = NumberStyle::parse(&number_format)
        .ok_or_else(|| AppError::validation("number_format", "Choose one of the listed number formats."))?;
    let chosen = Formats { date, number, ..Formats::default() };
    let mut tx = ctx.tenant_tx().await?;
    let before = pespro::practice::formats::set_firm_formats(&mut tx, chosen).await?;
    let (now, was) = (chosen.example(), before.example());
    ctx.audit(&mut tx, pespro::audit::AuditAction::FormatsChanged, &now, &format!("was {was}")).await?;
    tx.commit().await?;
    leptos_axum::redirect("/settings/regional?formats=saved");
    Ok(())
}
