//! Rates for administrators: the firm's rules, what adding one would
//! re-price (a preview), adding it, and recent entries with the rate they
//! got and why.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::rates::{RateForm, RateListing, RepricePreview, StampedEntry};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatesPage {
    pub rules: Vec<RateListing>,
    pub recent: Vec<StampedEntry>,
    pub people: Vec<(i64, String)>,
    pub clients: Vec<(i64, String)>,
    pub engagements: Vec<(i64, String)>,
    /// The form's default currency.
    pub currency: String,
}

#[cfg(feature = "ssr")]
fn checked(form: &RateForm) -> Result<pespro::practice::NewRate, AppError> {
    let rate = form.check().map_err(|problem| AppError::validation(problem.field, problem.message))?;
    Ok(pespro::practice::NewRate {
        kind: rate.kind,
        scope: rate.scope,
        hourly: rate.hourly,
        effective_from: rate.effective_from,
    })
}

#[cfg(feature = "ssr")]
fn rate_error(error: pespro::practice::RateError) -> AppError {
    match error {
        pespro::practice::RateError::UnknownScope => AppError::NotFound,
        pespro::practice::RateError::Db(db) => db.into(),
    }
}

#[server(endpoint = "load_rates")]
pub async fn load_rates() -> Result<RatesPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let rules = pespro::practice::list_rates(&mut tx).await?;
    let recent = pespro::practice::recent_stamped(&mut tx, 20).await?;
    let [people, clients, engagements] = pespro::practice::rate_choices(&mut tx).await?;
    let currency = pespro::practice::usual_currency(&mut tx).await?.unwrap_or_else(|| "USD".to_owned());
    tx.commit().await?;
    Ok(RatesPage { rules, recent, people, clients, engagements, currency })
}

/// What adding the rule would re-price; nothing is saved.
#[server(endpoint = "preview_rate")]
pub async fn preview_rate(form: RateForm) -> Result<RepricePreview, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let rate = checked(&form)?;
    let mut tx = ctx.tenant_tx().await?;
    let preview = pespro::practice::preview_rate(&mut tx, &rate).await.map_err(rate_error)?;
    tx.commit().await?;
    Ok(preview)
}

/// Adds the rule and re-prices the open entries its preview listed, in one
/// transaction, audited; then back to the rates page. Returns how many
/// entries were re-priced.
#[server(endpoint = "add_rate")]
pub async fn add_rate(form: RateForm) -> Result<usize, AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let rate = checked(&form)?;
    let mut tx = ctx.tenant_tx().await?;
    let (rate_id, repriced) = pespro::practice::add_rate(&mut tx, &rate, user.user_id).await.map_err(rate_error)?;
    let kind = match rate.kind {
        pespro::rates::RateKind::Billable => "billable",
        pespro::rates::RateKind::Cost => "cost",
    };
    // Named as the rates page names it ("billable rate: Client Acme Ltd"), never by id.
    let listed = pespro::practice::list_rates(&mut tx).await?.into_iter().find(|r| r.rate_id == rate_id);
    let subject = format!("{kind} rate: {}", listed.map(|r| r.scope).unwrap_or_else(|| rate.scope.label()));
    let detail = format!(
        "{kind} rate for the {} at {} from {}; {repriced} open entries re-priced",
        rate.scope.label(),
        pespro::rates::format_hourly(rate.hourly),
        rate.effective_from
    );
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::RateAdded,
        subject: &subject,
        detail: &detail,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/settings/rates?repriced={repriced}"));
    Ok(repriced)
}
