//! The firm's branding (`/settings/branding`): its name and two colours,
//! changed by its administrators. The rules (including the contrast
//! refusal) are `pespro::brand::form`'s, run in the browser for the live
//! preview and here before anything is stored.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::brand::form::BrandingForm;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandingData {
    /// What is saved, or the refused form when this load follows a refusal
    /// without JavaScript.
    pub form: BrandingForm,
    /// The saved values, for the preview's "before".
    pub saved: BrandingForm,
    /// The logo's address, when the firm has one.
    pub logo: Option<String>,
    /// The tab icon's address, when the firm uploaded one.
    pub icon: Option<String>,
    /// What the monogram shows without a logo.
    pub initials: String,
}

#[cfg(feature = "ssr")]
const FORM: &str = "branding";

#[server(endpoint = "branding")]
pub async fn load_branding() -> Result<BrandingData, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let theme = pespro::tenancy::stored_theme(&ctx.db, ctx.tenant.handle()).await?.ok_or(AppError::NotFound)?;
    let saved = BrandingForm::from_theme(&theme);
    let form = super::refused_form::take(&ctx, FORM).await.unwrap_or_else(|| saved.clone());
    let logo = theme.logo.map(|url| url.as_str().to_owned());
    let icon = ctx.tenant.icon.as_ref().map(|url| url.as_str().to_owned());
    Ok(BrandingData { form, saved, logo, icon, initials: theme.display_name.initials() })
}

#[server(endpoint = "save_branding")]
pub async fn save_branding(branding: BrandingForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let checked = match branding.check() {
        Ok(checked) => checked,
        Err(problems) => {
            super::refused_form::keep(&ctx, FORM, &branding).await;
            let (field, message) = problems.into_iter().next().unwrap_or(("", String::new()));
            return Err(AppError::validation(field, message));
        }
    };
    let (mut tx, before) =
        pespro::tenancy::save_theme(&ctx.db, ctx.tenant.handle(), &checked).await?.ok_or(AppError::NotFound)?;
    let changes = checked.changes_from(&before);
    if !changes.is_empty() {
        let detail = changes.join("; ");
        ctx.audit(&mut tx, pespro::audit::AuditAction::BrandingChanged, "branding", &detail).await?;
    }
    tx.commit().await?;
    // This process shows the change on the admin's next page; the others
    // reload on the catalog's notification.
    if let Some(registry) = use_context::<pespro::tenancy::TenantRegistry>() {
        registry.reload(&ctx.db).await?;
    }
    Ok(())
}
