//! The firm's people, for its administrators: roles and deactivation.
//! Every change is written to the audit trail in the same transaction.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::access::PersonSummary;

#[server(endpoint = "people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let mut tx = ctx.tenant_tx().await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    tx.commit().await?;
    Ok(people)
}

#[server(endpoint = "change_role")]
pub async fn change_role(user_id: i64, role: String) -> Result<PersonSummary, AppError> {
    use pespro::access::{Permission, Role, check_change_of};
    use pespro::audit::{AuditAction, AuditEntry, record};

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(Permission::ManageUsers)?;
    check_change_of(actor, user_id).map_err(|e| AppError::validation("role", e))?;
    let role = Role::parse(&role).ok_or_else(|| AppError::validation("role", "choose one of the listed roles"))?;
    let mut tx = ctx.tenant_tx().await?;
    let (person, old) = pespro::auth::set_role(&mut tx, user_id, role).await?.ok_or(AppError::NotFound)?;
    let detail = format!("{} → {}", old.label(), role.label());
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::RoleChanged,
        subject: &person.email,
        detail: &detail,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(person)
}

#[server(endpoint = "deactivate_person")]
pub async fn deactivate_person(user_id: i64) -> Result<PersonSummary, AppError> {
    use pespro::access::{Permission, check_change_of};
    use pespro::audit::{AuditAction, AuditEntry, record};

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(Permission::ManageUsers)?;
    check_change_of(actor, user_id).map_err(|e| AppError::validation("user_id", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let person = pespro::auth::deactivate_user(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::UserDeactivated,
        subject: &person.email,
        detail: "",
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(person)
}

/// Adds someone to the firm without a password and emails them a link to
/// choose one. Returns them as listed.
#[server(endpoint = "invite_person")]
pub async fn invite_person(email: String, display_name: String, role: String) -> Result<PersonSummary, AppError> {
    use pespro::access::{Permission, Role};
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::auth::{CreateUserError, INVITATION_DAYS, NewUser, create_user, issue_invitation};
    use pespro::email::EmailAddress;
    use pespro::mail::Outgoing;
    use pespro::person::PersonName;

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(Permission::ManageUsers)?;
    let email = EmailAddress::parse(&email).map_err(|e| AppError::validation("email", e))?;
    let display_name = PersonName::parse(&display_name).map_err(|e| AppError::validation("display_name", e))?;
    let role = Role::parse(&role).ok_or_else(|| AppError::validation("role", "choose one of the listed roles"))?;
    let mut tx = ctx.tenant_tx().await?;
    let seat_limit = ctx.flags()?.max_active_users();
    let new = NewUser { email: email.clone(), display_name: display_name.clone(), role, password: None, seat_limit };
    let user_id = create_user(&mut tx, &new).await.map_err(|e| match e {
        CreateUserError::EmailTaken(_) => AppError::validation("email", e),
        CreateUserError::SeatLimit(_) => AppError::PlanLimit(e.to_string()),
        CreateUserError::Db(db) => db.into(),
    })?;
    let token = issue_invitation(&mut tx, user_id).await?;
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::UserInvited,
        subject: email.as_str(),
        detail: role.label(),
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    let link = ctx.email_link(&format!("/reset-password?token={token}"))?;
    let firm = &ctx.tenant.theme.display_name;
    let body = format!(
        "{inviter} invited you to {firm} on PesPro.\n\n\
         To choose your password and sign in, open this link within {INVITATION_DAYS} days:\n\n{link}\n",
        inviter = actor.display_name
    );
    // Sent before commit: if the mail cannot go out, nobody is added.
    let outgoing = Outgoing { to: email.as_str(), subject: &format!("You're invited to {firm} on PesPro"), body };
    ctx.outbound()?.mailer.send(outgoing).await.map_err(AppError::internal)?;
    tx.commit().await?;
    Ok(PersonSummary { user_id, email: email.to_string(), display_name: display_name.to_string(), role, active: true })
}
