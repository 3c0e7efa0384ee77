//! The firm's people, for its administrators: roles and deactivation
//! (inviting is `invitations`). Every change is written to the audit trail
//! in the same transaction.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::access::PersonSummary;

/// The people page's data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeopleData {
    pub people: Vec<PersonSummary>,
    /// The invitation as typed, when this load follows its refusal without
    /// JavaScript (`refused_form`).
    pub typed_invite: Option<super::invitations::TypedInvite>,
    /// The plan's seats, when it has a limit: (taken, limit). Pending
    /// invitations take one until accepted or revoked.
    pub seats: Option<(usize, u32)>,
}

#[server(endpoint = "people")]
pub async fn list_people() -> Result<PeopleData, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let typed_invite = super::refused_form::take(&ctx, super::invitations::INVITE_FORM).await;
    let limit = match ctx.flags()?.max_active_users() {
        pespro::flags::FlagValue::Limit(max) => Some(max),
        _ => None,
    };
    let mut tx = ctx.tenant_tx().await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    tx.commit().await?;
    let seats = limit.map(|max| (people.iter().filter(|p| p.active).count(), max));
    Ok(PeopleData { people, typed_invite, seats })
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
