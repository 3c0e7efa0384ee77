//! Signing in and out with email and password.

use crate::error::AppError;
use leptos::prelude::*;

/// Checks the credentials against this host's firm, starts a fresh session
/// (new id, so a session fixed before sign-in is worthless) and goes home.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use super::context::{RequestContext, SIGNED_IN, SignedIn};
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::auth::{AttemptKeys, SignInError, clear_account, record_failure, wait_before_attempt};

    let ctx = RequestContext::current()?;
    let session = ctx.session()?;
    // Counted per account and per address before the password is even
    // looked at, for unknown emails as for real ones.
    let keys = AttemptKeys::new(ctx.tenant.id, &email, ctx.client_address);
    if let Some(wait) = wait_before_attempt(&ctx.db, &keys).await? {
        return Err(AppError::validation("password", pespro::throttle::retry_message(wait)));
    }
    let mut tx = ctx.tenant_tx().await?;
    if let Some(provider) = pespro::sso::password_sign_in_refused(&mut tx, &email).await? {
        let message = format!("This firm signs in with {provider}. Use the “Sign in with {provider}” button.");
        return Err(AppError::validation("password", message));
    }
    let (user, session_epoch) = match pespro::auth::sign_in(&mut tx, &email, &password).await {
        Ok(found) => (found.user, found.session_epoch),
        Err(SignInError::NoMatch) => {
            record_failure(&ctx.db, &keys).await?;
            let entry = AuditEntry {
                actor_user_id: None,
                actor_label: email.trim(),
                action: AuditAction::SignInFailed,
                subject: "",
                detail: "",
                client_address: ctx.client_address,
            };
            record(&mut tx, &entry).await?;
            tx.commit().await?;
            tracing::info!(security_event = "sign_in_failed", "sign-in refused");
            return Err(AppError::validation("password", "That email and password don't match an account here."));
        }
        Err(SignInError::Db(db)) => return Err(db.into()),
    };
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: email.trim(),
        action: AuditAction::SignInSucceeded,
        subject: "",
        detail: "",
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    clear_account(&ctx.db, &keys).await?;
    session.cycle_id().await.map_err(AppError::internal)?;
    let signed_in = SignedIn { tenant_id: ctx.tenant.id.0, user_id: user.user_id, session_epoch, impersonation: None };
    session.insert(SIGNED_IN, signed_in).await.map_err(AppError::internal)?;
    tracing::info!(user.id = user.user_id, "signed in");
    leptos_axum::redirect("/");
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
            actor_label: &user.email,
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
        actor_label: &user.email,
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
/// active person with this email. The answer is the same either way, so the
/// form cannot be used to find out who has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use pespro::auth::{RESET_LINK_MINUTES, issue_password_reset};
    use pespro::mail::Outgoing;

    let ctx = super::context::RequestContext::current()?;
    let mut tx = ctx.tenant_tx().await?;
    let issued = issue_password_reset(&mut tx, &email).await?;
    tx.commit().await?;
    if let Some((to, token)) = issued {
        let link = ctx.link(&format!("/reset-password?token={token}"))?;
        let body = format!(
            "Someone asked to reset the password of your {firm} account on PesPro.\n\n\
             To choose a new password, open this link within {RESET_LINK_MINUTES} minutes:\n\n{link}\n\n\
             If it wasn't you, ignore this message: your password stays as it is.\n",
            firm = ctx.tenant.theme.display_name
        );
        let outgoing = Outgoing { to: &to, subject: "Reset your PesPro password", body };
        ctx.outbound()?.mailer.send(outgoing).await.map_err(AppError::internal)?;
    }
    leptos_axum::redirect("/forgot-password?sent=1");
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
