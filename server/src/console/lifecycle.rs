//! Firms' lifecycle from the console: open a firm (its row, role, schema and
//! plan, then its first administrator invited), and suspend or resume one
//! with a reason. Each step is in the platform's audit trail with the staff
//! member, and reaches every server through the registry's reload (the
//! platform tables notify), so a suspended firm's pages close at once.

use super::firms::{firm_page, list_page};
use super::invite::{Invitation, NewAdmin, invite_admin};
use super::{html, verified_for};
use crate::startup::AppState;
use app::api::context::ClientAddress;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::staff::{
    NewFirm, PlatformEntry, StaffAction, StaffMember, StaffPermission, TypedAdmin, TypedFirm, parse_new_firm,
    record_platform,
};
use pespro::tenancy::{AdminError, NewTenant, ProvisionError};
use pespro::tenant::TenantId;
use pespro::tenant::TenantStatus;
use serde::Deserialize;
use std::net::IpAddr;
use tower_sessions::Session;

/// The reason recorded for a firm's first administrator.
const FIRST_ADMIN: &str = "the firm's first administrator";

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(typed): Form<TypedFirm>,
) -> Response {
    let staff = match verified_for(&state, &session, StaffPermission::RunFirms).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let NewFirm { tenant: new, admin_email, admin_name } = match parse_new_firm(&typed) {
        Ok(new) => new,
        Err(message) => return list_page(&state, &staff, StatusCode::UNPROCESSABLE_ENTITY, typed, Some(&message)),
    };
    let id = match pespro::tenancy::create_tenant(&state.db, &new).await {
        Ok(id) => id,
        Err(ProvisionError::SlugTaken(slug)) => {
            let message = format!("Short name: “{slug}” is taken by another firm; choose another.");
            return list_page(&state, &staff, StatusCode::CONFLICT, typed, Some(&message));
        }
        Err(error) => return failed(&error),
    };
    if let Err(error) = record_created(&state, &staff, &new, id, address).await {
        return failed(&error);
    }
    if let Err(error) = state.registry.reload(&state.db).await {
        return failed(&error);
    }
    let Some(firm) = state.registry.by_slug(new.slug.as_str()) else {
        return failed(&"the new firm is not in the registry");
    };
    tracing::info!(staff.id = staff.staff_id, tenant.id = id.0, "firm opened from the console");
    let admin = NewAdmin { email: admin_email, name: admin_name, reason: FIRST_ADMIN.to_owned() };
    match invite_admin(&state, &staff, &firm, &admin, address).await {
        Ok(Invitation::Sent { delivered }) => {
            let notice = if delivered { "created" } else { "created-outbox" };
            html::see_other(&format!("/firms/{}?{notice}", firm.slug.as_str()))
        }
        Ok(Invitation::Refused(refusal)) => {
            let message = format!("The firm was opened, but its administrator could not be invited: {refusal}");
            let typed = TypedAdmin { email: typed.admin_email, name: typed.admin_name, reason: FIRST_ADMIN.to_owned() };
            firm_page(&state, &staff, &firm, StatusCode::UNPROCESSABLE_ENTITY, &message, None, typed).await
        }
        Err(error) => {
            tracing::error!(%error, tenant.id = id.0, "a firm was opened but its administrator's invitation failed");
            let message = "The firm was opened, but the invitation could not be sent; try again below.";
            let typed = TypedAdmin { email: typed.admin_email, name: typed.admin_name, reason: FIRST_ADMIN.to_owned() };
            firm_page(&state, &staff, &firm, StatusCode::SERVICE_UNAVAILABLE, message, None, typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<StatusForm>,
) -> Response {
    let (staff, firm) = match super::flags::staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let checked = TenantStatus::parse(&form.status)
        .ok_or("Choose to suspend or to resume the firm.")
        .and_then(|status| if status == firm.status { Err(already(status)) } else { Ok(status) })
        .and_then(|status| Ok((status, super::flags::reason(&form.reason)?)));
    let (status, reason) = match checked {
        Ok(checked) => checked,
        Err(message) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return firm_page(&state, &staff, &firm, status, message, None, TypedAdmin::default()).await;
        }
    };
    let (action, notice) = match status {
        TenantStatus::Suspended => (StaffAction::FirmSuspended, "suspended"),
        TenantStatus::Active => (StaffAction::FirmResumed, "resumed"),
    };
    let changed = async {
        pespro::tenancy::set_status(&state.db, &firm.slug, status).await?;
        record_platform(&state.db, action, &staff_entry(&staff, firm.id, &reason, address)).await?;
        state.registry.reload(&state.db).await?;
        Ok::<_, AdminError>(())
    };
    match changed.await {
        Ok(()) => {
            tracing::info!(
                staff.id = staff.staff_id,
                tenant.id = firm.id.0,
                status = status.as_str(),
                "firm's status changed"
            );
            html::see_other(&format!("/firms/{}?{notice}", firm.slug.as_str()))
        }
        Err(error) => failed(&error),
    }
}

async fn record_created(
    state: &AppState,
    staff: &StaffMember,
    new: &NewTenant,
    id: TenantId,
    address: Option<IpAddr>,
) -> Result<(), sqlx::Error> {
    let detail = format!("{} on the {} plan", new.slug, new.plan.label());
    let entry = PlatformEntry { detail: &detail, ..staff_entry(staff, id, "", address) };
    record_platform(&state.db, StaffAction::FirmCreated, &entry).await
}

fn already(status: TenantStatus) -> &'static str {
    match status {
        TenantStatus::Suspended => "The firm is already suspended.",
        TenantStatus::Active => "The firm is already open.",
    }
}

fn staff_entry<'a>(
    staff: &'a StaffMember,
    tenant_id: TenantId,
    reason: &'a str,
    address: Option<IpAddr>,
) -> PlatformEntry<'a> {
    PlatformEntry {
        staff_id: Some(staff.staff_id),
        actor_label: &staff.email,
        tenant_id: Some(tenant_id),
        reason,
        client_address: address,
        ..PlatformEntry::default()
    }
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "a firm's lifecycle step failed on our side");
    crate::plain_pages::unavailable()
}
