//! Signing in and out with email and password.

use crate::error::AppError;
use leptos::prelude::*;

/// Checks the credentials against this host's firm, starts a fresh session
/// (new id, so a session fixed before sign-in is worthless) and goes home.
///
/// The attempt is counted before anything else (`pespro::throttle`); the
/// firm's transaction only reads the person and ends before the password
/// is checked, so a burst of guesses never holds pooled connections while
/// Argon2 runs. Every attempt, held back or checked, is in the audit trail.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use super::context::{RequestContext, SIGNED_IN, SignedIn};
    use pespro::audit::AuditAction;
    use pespro::auth::{AttemptKeys, SignInError, admit_attempt, attempt_succeeded};

    let ctx = RequestContext::current()?;
    let keys = AttemptKeys::new(ctx.tenant.id, &email, ctx.client_address);
    if let Some(wait) = admit_attempt(&ctx.db, &keys).await? {
        audit_attempt(&ctx, AuditAction::SignInThrottled, None, &email).await?;
        return Err(AppError::Throttled(pespro::throttle::retry_message(wait)));
    }
    let mut tx = ctx.tenant_tx().await?;
    if let Some(provider) = pespro::sso::password_sign_in_refused(&mut tx, &email).await? {
        let message = format!("This firm signs in with {provider}. Use the “Sign in with {provider}” button.");
        return Err(AppError::validation("password", message));
    }
    let candidate = pespro::auth::find_sign_in(&mut tx, &email).await?;
    tx.commit().await?;
    let signed_in = match candidate.check(&password).await {
        Ok(found) => found,
        Err(SignInError::NoMatch) => {
            audit_attempt(&ctx, AuditAction::SignInFailed, None, &email).await?;
            tracing::info!(security_event = "sign_in_failed", "sign-in refused");
            return Err(AppError::validation("password", "That email and password don't match an account here."));
        }
        Err(SignInError::Busy(_)) => return Err(AppError::Unavailable),
        Err(SignInError::Db(db)) => return Err(db.into()),
    };
    let user_id = signed_in.user.user_id;
    audit_attempt(&ctx, AuditAction::SignInSucceeded, Some(user_id), &signed_in.user.email).await?;
    attempt_succeeded(&ctx.db, &keys).await?;
    let session = ctx.session()?;
    session.cycle_id().await.map_err(AppError::internal)?;
    let record =
        SignedIn { tenant_id: ctx.tenant.id.0, user_id, session_epoch: signed_in.session_epoch, impersonation: None };
    session.insert(SIGNED_IN, record).await.map_err(AppError::internal)?;
    tracing::info!(user.id = user_id, "signed in");
    leptos_axum::redirect("/");
    Ok(())
}

/// One sign-in attempt in the firm's trail, in a transaction of its own.
/// Someone not signed in is never shown as a person: what they typed is
/// recorded as typed text.
#[cfg(feature = "ssr")]
async fn audit_attempt(
    ctx: &super::context::RequestContext,
    action: pespro::audit::AuditAction,
    user_id: Option<i64>,
    email: &str,
) -> Result<(), AppError> {
    use pespro::audit::{AuditEntry, NOT_SIGNED_IN, record, typed_email};

    let typed = typed_email(email);
    let (actor_label, detail) = match user_id {
        Some(_) => (email, ""),
        None => (NOT_SIGNED_IN, typed.as_str()),
    };
    let entry = AuditEntry {
        actor_user_id: user_id,
        actor_label,
        action,
        subject: "",
        detail,
        client_address: ctx.client_address,
    };
    let mut tx = ctx.tenant_tx().await?;
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};

    let ctx = super::context::RequestContext::current()?;
    if let Some(user) = &ctx.user {
        let mut tx = ctx.tenant_tx().await?;
        let entry = AuditEntry {
            actor_user_id: Some(user.user_id),
            actor_label: &user.audit_label(),
            action: AuditAction::SignedOut,
            subject: "",
            detail: "",
            client_address: ctx.client_address,
        };
        record(&mut tx, &entry).await?;
        tx.commit().await?;
    }
    ctx.session()?.flush().await.map_err(AppError::internal)?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Changes the signed-in person's own password. Every other session of
/// theirs ends; this one continues under a fresh id.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use super::context::{RequestContext, SIGNED_IN, SignedIn};
    use pespro::access::Permission;
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::auth::ChangePasswordError;

    let ctx = RequestContext::current()?;
    let user = ctx.authorize(Permission::ViewPractice)?;
    if user.is_impersonated() {
        // Support never learns or sets a person's password.
        return Err(AppError::Forbidden);
    }
    pespro::person::check_new_password(&new_password).map_err(|e| AppError::validation("new_password", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let session_epoch = pespro::auth::change_password(&mut tx, user.user_id, &current_password, &new_password)
        .await
        .map_err(|e| match e {
            ChangePasswordError::WrongCurrent => AppError::validation("current_password", e),
            ChangePasswordError::Db(db) => db.into(),
        })?;
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::PasswordChanged,
        subject: &user.email,
        detail: "",
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    let session = ctx.session()?;
    session.cycle_id().await.map_err(AppError::internal)?;
    let signed_in = SignedIn { tenant_id: ctx.tenant.id.0, user_id: user.user_id, session_epoch, impersonation: None };
    session.insert(SIGNED_IN, signed_in).await.map_err(AppError::internal)?;
    Ok(())
}

/// Emails a single-use link to set a new password — if the firm has an
/// active person with this email. The answer is the same either way, and
/// so is its timing: the lookup and the mail happen after the answer, in
/// the background, so the form cannot be used to find out who has an
/// account (nor can a slow mail server tell).
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use tracing::Instrument;

    let ctx = super::context::RequestContext::current()?;
    let link_base = ctx.email_link("/reset-password?token=")?;
    let (db, tenant, mailer) = (ctx.db.clone(), ctx.tenant.clone(), ctx.outbound()?.mailer);
    let work = async move {
        if let Err(error) = send_reset_link(&db, &tenant, &mailer, &email, &link_base).await {
            tracing::error!(%error, "could not send a password reset link");
        }
    };
    tokio::spawn(work.instrument(tracing::Span::current()));
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

#[cfg(feature = "ssr")]
async fn send_reset_link(
    db: &pespro::db::Database,
    tenant: &pespro::tenancy::Tenant,
    mailer: &pespro::mail::Mailer,
    email: &str,
    link_base: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use pespro::auth::{RESET_LINK_MINUTES, issue_password_reset};
    use pespro::mail::Outgoing;

    let mut tx = db.tenant_tx(tenant.handle()).await?;
    let issued = issue_password_reset(&mut tx, email).await?;
    tx.commit().await?;
    let Some((to, token)) = issued else { return Ok(()) };
    let body = format!(
        "Someone asked to reset the password of your {firm} account on PesPro.\n\n\
         To choose a new password, open this link within {RESET_LINK_MINUTES} minutes:\n\n{link_base}{token}\n\n\
         If it wasn't you, ignore this message: your password stays as it is.\n",
        firm = tenant.theme.display_name
    );
    mailer.send(Outgoing { to: &to, subject: "Reset your PesPro password", body }).await?;
    Ok(())
}

/// Sets a new password from an emailed link, then sends the person to sign in.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::auth::RedeemError;

    let ctx = super::context::RequestContext::current()?;
    pespro::person::check_new_password(&new_password).map_err(|e| AppError::validation("new_password", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let email = pespro::auth::redeem_password_link(&mut tx, &token, &new_password).await.map_err(|e| match e {
        RedeemError::Invalid => AppError::validation("token", e),
        RedeemError::Db(db) => db.into(),
    })?;
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: &email,
        action: AuditAction::PasswordReset,
        subject: &email,
        detail: "",
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    leptos_axum::redirect("/sign-in?reset=done");
    Ok(())
}
