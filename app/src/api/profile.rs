//! What a person sets about themselves on their account page: the name the
//! firm shows for them and how notifications reach them by email. Their
//! own, never support's acting as them.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::notice::EmailChoice;
use serde::{Deserialize, Serialize};

/// The time zone part of the account page: the person's own choice, the
/// firm's (what "none" means), and the names to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZoneChoice {
    pub own: Option<String>,
    pub firm: String,
    pub names: Vec<String>,
}

/// Changes the signed-in person's name, then reloads their account page
/// (the header shows the name, and it comes from the server).
#[server(endpoint = "change_my_name")]
pub async fn change_my_name(display_name: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    if user.is_impersonated() {
        return Err(AppError::Forbidden);
    }
    let name = pespro::person::PersonName::parse(&display_name).map_err(|e| AppError::validation("display_name", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let before = pespro::auth::rename_self(&mut tx, user.user_id, &name).await?.ok_or(AppError::Unauthenticated)?;
    let detail = format!("was {before}");
    ctx.audit(&mut tx, pespro::audit::AuditAction::NameChanged, name.as_str(), &detail).await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?renamed=1");
    Ok(())
}

#[server(endpoint = "load_email_choice")]
pub async fn load_email_choice() -> Result<EmailChoice, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    let choice = pespro::practice::notices::email_choice(&mut tx, user.user_id).await?;
    tx.commit().await?;
    Ok(choice)
}

#[server(endpoint = "set_email_choice")]
pub async fn set_email_choice(choice: String) -> Result<EmailChoice, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    if user.is_impersonated() {
        return Err(AppError::Forbidden);
    }
    let choice =
        EmailChoice::parse(&choice).ok_or_else(|| AppError::validation("choice", "Choose one of the listed ways."))?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::notices::set_email_choice(&mut tx, user.user_id, choice).await?;
    tx.commit().await?;
    Ok(choice)
}

#[server(endpoint = "load_time_zones")]
pub async fn load_time_zones() -> Result<TimeZoneChoice, AppError> {
    use pespro::practice::time_zones::{firm_zone, own_zone, zone_names};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    let choice = TimeZoneChoice {
        own: own_zone(&mut tx, user.user_id).await?,
        firm: firm_zone(&mut tx).await?,
        names: zone_names(&mut tx).await?,
    };
    tx.commit().await?;
    Ok(choice)
}

/// Sets the person's own time zone; empty follows the firm's. Answers the
/// zone they now read times in.
#[server(endpoint = "set_own_time_zone")]
pub async fn set_own_time_zone(zone: String) -> Result<String, AppError> {
    use pespro::practice::time_zones::{is_zone, set_own_zone, zone_of};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    if user.is_impersonated() {
        return Err(AppError::Forbidden);
    }
    let zone = Some(zone.trim()).filter(|z| !z.is_empty());
    let mut tx = ctx.tenant_tx().await?;
    if let Some(zone) = zone
        && !is_zone(&mut tx, zone).await?
    {
        return Err(AppError::validation("zone", "Choose one of the listed time zones."));
    }
    set_own_zone(&mut tx, user.user_id, zone).await?;
    let now_in = zone_of(&mut tx, user.user_id).await?;
    tx.commit().await?;
    Ok(now_in)
}
