//! Single sign-on settings for a firm's admins, and what the sign-in page
//! needs to offer the firm's provider. The flow itself (redirects to and
//! from the provider) is served by the server's `/sso/*` routes.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The settings as the form shows them: never the client secret, only
/// whether one is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoSettingsView {
    pub configured: bool,
    pub provider_name: String,
    pub issuer_url: String,
    pub client_id: String,
    pub secret_stored: bool,
    pub allowed_domains: String,
    pub default_role: String,
    pub require_sso: bool,
    pub break_glass_email: String,
    /// The callback to register at the provider.
    pub redirect_uri: String,
}

/// The provider's name for the sign-in button, if the firm has one.
#[server(endpoint = "sso_provider")]
pub async fn sso_provider() -> Result<Option<String>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let mut tx = ctx.tenant_tx().await?;
    let stored = pespro::sso::load(&mut tx).await?;
    tx.commit().await?;
    Ok(stored.map(|s| s.settings.provider_name))
}

#[server(endpoint = "sso_settings")]
pub async fn load_sso_settings() -> Result<SsoSettingsView, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageSso)?;
    let mut tx = ctx.tenant_tx().await?;
    let stored = pespro::sso::load(&mut tx).await?;
    tx.commit().await?;
    let redirect_uri = ctx.link("/sso/callback")?;
    Ok(match stored {
        Some(stored) => view_of(stored.settings, redirect_uri),
        None => SsoSettingsView {
            configured: false,
            provider_name: String::new(),
            issuer_url: String::new(),
            client_id: String::new(),
            secret_stored: false,
            allowed_domains: String::new(),
            default_role: "employee".into(),
            require_sso: false,
            break_glass_email: String::new(),
            redirect_uri,
        },
    })
}

#[cfg(feature = "ssr")]
fn view_of(s: pespro::sso_settings::SsoSettings, redirect_uri: String) -> SsoSettingsView {
    SsoSettingsView {
        configured: true,
        provider_name: s.provider_name,
        issuer_url: s.issuer_url,
        client_id: s.client_id,
        secret_stored: true,
        allowed_domains: s.allowed_domains.join(", "),
        default_role: s.default_role.as_str().into(),
        require_sso: s.require_sso,
        break_glass_email: s.break_glass_email.map(String::from).unwrap_or_default(),
        redirect_uri,
    }
}

/// Saves the settings after checking every field and that the issuer
/// answers as an OpenID provider (through the guarded client: no internal
/// addresses). A blank client secret keeps the stored one.
#[server(endpoint = "save_sso_settings")]
pub async fn save_sso_settings(form: pespro::sso_settings::SsoSettingsForm) -> Result<SsoSettingsView, AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::sso::SaveError;

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(pespro::access::Permission::ManageSso)?;
    let require_sso = form.require_sso;
    let settings = form.check().map_err(|problems| AppError::validation(problems[0].field, &problems[0].message))?;
    let sso = ctx.sso()?;
    pespro::sso::check_issuer(&sso.http, &settings.issuer_url)
        .await
        .map_err(|m| AppError::validation("issuer_url", m))?;
    let sealed = Some(form.client_secret.trim())
        .filter(|s| !s.is_empty())
        .map(|s| sso.secret_key.seal(pespro::secrets::Purpose::SsoClientSecret(ctx.tenant.id), s));
    let mut tx = ctx.tenant_tx().await?;
    if let Some(email) = &settings.break_glass_email
        && !pespro::sso::is_active_admin(&mut tx, email.as_str()).await?
    {
        return Err(AppError::validation("break_glass_email", "this must be the email of an active admin of the firm"));
    }
    pespro::sso::save(&mut tx, &settings, sealed).await.map_err(|e| match e {
        SaveError::SecretRequired | SaveError::SecretRequiredForNewIssuer => AppError::validation("client_secret", e),
        SaveError::Db(db) => db.into(),
    })?;
    let detail = format!(
        "{} ({}), SSO {}",
        settings.provider_name,
        settings.issuer_url,
        if require_sso { "required" } else { "optional" }
    );
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::SsoConfigured,
        subject: "",
        detail: &detail,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(view_of(settings, ctx.link("/sso/callback")?))
}
