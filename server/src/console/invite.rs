//! Inviting an administrator into a firm from the console: its first one
//! when staff open the firm, or a new one for a firm whose own have left.
//! The person is added without a password and emailed a link to choose
//! one, in the firm's own transaction, within its plan's seats; the firm's
//! trail and the platform's record the staff member and the reason. As on
//! a firm's own people page, the mail leaves before the commit, so a mail
//! that cannot leave adds nobody.

use super::firms::firm_page;
use super::html;
use crate::impersonation::staff_label;
use crate::startup::AppState;
use app::api::context::ClientAddress;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::access::Role;
use pespro::audit::{AuditAction, AuditEntry, record};
use pespro::auth::{CreateUserError, NewUser, create_user, issue_invitation};
use pespro::email::EmailAddress;
use pespro::person::PersonName;
use pespro::staff::{PlatformEntry, StaffAction, StaffMember, TypedAdmin, parse_admin, record_platform};
use pespro::tenancy::Tenant;
use std::net::IpAddr;
use tower_sessions::Session;

/// How an invitation went, when nothing failed on our side.
pub(crate) enum Invitation {
    /// `delivered` is false when no mail server is set up and the message
    /// went to the server's outbox folder instead.
    Sent { delivered: bool },
    /// Why the firm would not take them, as a sentence.
    Refused(String),
}

/// Whom to invite, checked, and why.
pub(crate) struct NewAdmin {
    pub email: EmailAddress,
    pub name: PersonName,
    pub reason: String,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

pub async fn invite(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(typed): Form<TypedAdmin>,
) -> Response {
    let (staff, firm) = match super::flags::staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let checked = parse_admin(&typed).and_then(|admin| Ok((admin, super::flags::reason(&typed.reason)?)));
    let admin = match checked {
        Ok(((email, name), reason)) => NewAdmin { email, name, reason },
        Err(message) => {
            return firm_page(&state, &staff, &firm, StatusCode::UNPROCESSABLE_ENTITY, &message, None, typed).await;
        }
    };
    match invite_admin(&state, &staff, &firm, &admin, address).await {
        Ok(Invitation::Sent { delivered }) => {
            let notice = if delivered { "invited" } else { "invited-outbox" };
            html::see_other(&format!("/firms/{}?{notice}", firm.slug.as_str()))
        }
        Ok(Invitation::Refused(message)) => {
            firm_page(&state, &staff, &firm, StatusCode::UNPROCESSABLE_ENTITY, &message, None, typed).await
        }
        Err(error) => {
            tracing::error!(%error, tenant.id = firm.id.0, "could not invite an administrator from the console");
            crate::plain_pages::unavailable()
        }
    }
}

/// Adds `email` to `firm` as an administrator and emails the invitation.
pub(crate) async fn invite_admin(
    state: &AppState,
    staff: &StaffMember,
    firm: &Tenant,
    admin: &NewAdmin,
    address: Option<IpAddr>,
) -> Result<Invitation, Failure> {
    let (email, reason) = (&admin.email, admin.reason.as_str());
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let seat_limit = pespro::flags::firm_flags(&mut tx, firm).await?.max_active_users();
    let new = NewUser {
        email: email.clone(),
        display_name: admin.name.clone(),
        role: Role::Admin,
        password: None,
        seat_limit,
    };
    let user_id = match create_user(&mut tx, &new).await {
        Ok(user_id) => user_id,
        Err(CreateUserError::EmailTaken(_)) => {
            return Ok(Invitation::Refused("That address is already one of the firm's people.".to_owned()));
        }
        Err(refused @ CreateUserError::SeatLimit(_)) => return Ok(Invitation::Refused(refused.to_string())),
        Err(CreateUserError::Db(error)) => return Err(error.into()),
    };
    let token = issue_invitation(&mut tx, user_id).await?;
    let detail = format!("{} (reason: {reason})", Role::Admin.label());
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: &staff_label(&staff.display_name),
        action: AuditAction::UserInvited,
        subject: email.as_str(),
        detail: &detail,
        client_address: address,
    };
    record(&mut tx, &entry).await?;
    let delivered = mail(state, firm, email, &token).await?;
    tx.commit().await?;
    let platform = PlatformEntry {
        staff_id: Some(staff.staff_id),
        actor_label: &staff.email,
        tenant_id: Some(firm.id),
        user_id: Some(user_id),
        reason,
        detail: email.as_str(),
        client_address: address,
    };
    record_platform(&state.db, StaffAction::AdministratorInvited, &platform).await?;
    Ok(Invitation::Sent { delivered })
}

async fn mail(state: &AppState, firm: &Tenant, to: &EmailAddress, token: &str) -> Result<bool, Failure> {
    let base = state.hosts.firm_base(&firm.slug, firm.primary_host.as_deref(), state.https, state.public_port);
    let name = firm.theme.display_name.as_str();
    let body = format!(
        "You are invited to run {name} on PesPro, as its administrator.\n\n\
         To choose your password and sign in, open this link within {days} days:\n\n\
         {base}/reset-password?token={token}\n",
        days = pespro::auth::INVITATION_DAYS,
    );
    let subject = format!("You're invited to {name} on PesPro");
    state.mailer.send(pespro::mail::Outgoing { to: to.as_str(), subject: &subject, body }).await?;
    Ok(state.mailer.delivers())
}
