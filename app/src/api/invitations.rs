//! Invitations, for the firm's administrators: invite someone (added
//! without a password, emailed a link to choose one), send the invitation
//! again with a fresh link, or revoke it before it is accepted. Each is
//! audited in the transaction that makes it; the mail goes out before the
//! commit, so a mail that cannot leave changes nothing.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::access::PersonSummary;
use serde::{Deserialize, Serialize};

/// The invite form as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedInvite {
    pub email: String,
    pub display_name: String,
    pub role: String,
}

/// Where a refused invitation is kept for the page (`refused_form`).
#[cfg(feature = "ssr")]
pub(super) const INVITE_FORM: &str = "invite";

/// An invitation made or sent again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invited {
    pub email: String,
    /// The person as listed (for a new invitation).
    pub person: Option<PersonSummary>,
    /// `false` when no mail server is set up and the message went to the
    /// server's outbox folder instead: the administrator must be told.
    pub delivered: bool,
}

/// Adds someone to the firm without a password and emails them a link to
/// choose one.
#[server(endpoint = "invite_person")]
pub async fn invite_person(email: String, display_name: String, role: String) -> Result<Invited, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let typed = TypedInvite { email, display_name, role };
    let invited = add_and_invite(&ctx, &typed).await;
    super::refused_form::kept_if_refused(&ctx, INVITE_FORM, &typed, invited).await
}

/// Sends a pending invitation again, with a new link; the old one stops
/// working.
#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(user_id: i64) -> Result<Invited, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let mut tx = ctx.tenant_tx().await?;
    let again = pespro::auth::reissue_invitation(&mut tx, user_id).await?.ok_or_else(not_invited)?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvitationResent, &again.email, "with a new link").await?;
    let delivered = mail_invitation(&ctx, &again.email, &again.token).await?;
    tx.commit().await?;
    Ok(Invited { email: again.email, person: None, delivered })
}

/// Takes back an invitation not accepted yet: the person is removed (or,
/// when the firm's data already names them, deactivated).
#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(user_id: i64) -> Result<String, AppError> {
    use pespro::auth::Revoked;

    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let mut tx = ctx.tenant_tx().await?;
    let revoked = pespro::auth::revoke_invitation(&mut tx, user_id).await?.ok_or_else(not_invited)?;
    let (email, detail) = match revoked {
        Revoked::Removed { email } => (email, "removed from the firm"),
        Revoked::Deactivated { email } => (email, "deactivated: the firm's data names them"),
    };
    ctx.audit(&mut tx, pespro::audit::AuditAction::InvitationRevoked, &email, detail).await?;
    tx.commit().await?;
    Ok(email)
}

#[cfg(feature = "ssr")]
fn not_invited() -> AppError {
    AppError::Conflict("They are no longer invited: they joined, or the invitation was revoked.".into())
}

#[cfg(feature = "ssr")]
async fn add_and_invite(ctx: &super::context::RequestContext, typed: &TypedInvite) -> Result<Invited, AppError> {
    use pespro::access::Role;
    use pespro::auth::{CreateUserError, NewUser, create_user, issue_invitation};
    use pespro::email::EmailAddress;
    use pespro::person::PersonName;

    let email = EmailAddress::parse(&typed.email).map_err(|e| AppError::validation("email", e))?;
    let display_name = PersonName::parse(&typed.display_name).map_err(|e| AppError::validation("display_name", e))?;
    let role =
        Role::parse(&typed.role).ok_or_else(|| AppError::validation("role", "choose one of the listed roles"))?;
    let mut tx = ctx.tenant_tx().await?;
    let seat_limit = ctx.flags()?.max_active_users();
    let new = NewUser { email: email.clone(), display_name: display_name.clone(), role, password: None, seat_limit };
    let user_id = create_user(&mut tx, &new).await.map_err(|e| match e {
        CreateUserError::EmailTaken(_) => AppError::validation("email", e),
        CreateUserError::SeatLimit(_) => AppError::PlanLimit(e.to_string()),
        CreateUserError::Db(db) => db.into(),
    })?;
    let token = issue_invitation(&mut tx, user_id).await?;
    let inviter = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?.user_id;
    pespro::auth::record_inviter(&mut tx, user_id, inviter).await?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::UserInvited, email.as_str(), role.label()).await?;
    let delivered = mail_invitation(ctx, email.as_str(), &token).await?;
    tx.commit().await?;
    let until = time::OffsetDateTime::now_utc() + time::Duration::days(pespro::auth::INVITATION_DAYS);
    let person = PersonSummary {
        user_id,
        email: email.to_string(),
        display_name: display_name.to_string(),
        role,
        active: true,
        invitation: Some(pespro::access::Invitation::Until(until)),
    };
    Ok(Invited { email: email.to_string(), person: Some(person), delivered })
}

/// Emails the invitation link; whether it was delivered rather than left
/// in the outbox.
#[cfg(feature = "ssr")]
async fn mail_invitation(ctx: &super::context::RequestContext, to: &str, token: &str) -> Result<bool, AppError> {
    let inviter = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let link = ctx.email_link(&format!("/reset-password?token={token}"))?;
    let firm = &ctx.tenant.theme.display_name;
    let body = format!(
        "{inviter} invited you to {firm} on PesPro.\n\n\
         To choose your password and sign in, open this link within {days} days:\n\n{link}\n",
        inviter = inviter.display_name,
        days = pespro::auth::INVITATION_DAYS,
    );
    let mailer = &ctx.outbound()?.mailer;
    let outgoing = pespro::mail::Outgoing { to, subject: &format!("You're invited to {firm} on PesPro"), body };
    mailer.send(outgoing).await.map_err(AppError::internal)?;
    Ok(mailer.delivers())
}
