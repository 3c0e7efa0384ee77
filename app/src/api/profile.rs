//! What a person sets about themselves on their account page: the name the
//! firm shows for them and how notifications reach them by email. Their
//! own, never support's acting as them.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::notice::EmailChoice;

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
