//! A firm's plan and feature flags on the console: every flag with its value
//! and why, and forms to move the firm to another plan or to override one
//! flag for it. Each change needs a reason, is written to the platform's
//! audit trail and the firm's, and reaches every server through the tenant
//! registry's reload (the platform tables notify), so no restart is needed.

use super::firms::firm_page;
use super::{html, verified_for};
use crate::impersonation::staff_label;
use crate::startup::AppState;
use app::api::context::ClientAddress;
use app::console::FlagsSection;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::audit::{AuditAction, AuditEntry, record};
use pespro::flags::{FlagValue, Plan, StaffActor, definition, parse_input};
use pespro::staff::{
    MAX_REASON_CHARS, PlatformEntry, StaffAction, StaffMember, StaffPermission, TypedAdmin, record_platform,
};
use pespro::tenancy::Tenant;
use serde::Deserialize;
use std::net::IpAddr;
use std::sync::Arc;
use tower_sessions::Session;

/// The firm's plan, flags and staff overrides, for the firm's console page.
pub(crate) async fn section(state: &AppState, firm: &Tenant) -> Result<FlagsSection, sqlx::Error> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let flags = pespro::flags::firm_flags(&mut tx, firm).await?;
    tx.commit().await?;
    let overrides = pespro::flags::staff_overrides(&state.db, firm.id).await?;
    Ok(FlagsSection { plan: firm.plan, flags, overrides })
}

#[derive(Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct OverrideForm {
    #[serde(default)]
    flag: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    action: String,
}

/// What a change is, for both trails: the staff action, the firm's action,
/// and the detail line.
struct Change {
    staff_action: StaffAction,
    firm_action: AuditAction,
    detail: String,
}

pub async fn change_plan(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<PlanForm>,
) -> Response {
    let (staff, firm) = match staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let checked = Plan::parse(&form.plan)
        .ok_or("Choose one of the listed plans.")
        .and_then(|plan| if plan == firm.plan { Err("The firm is already on that plan.") } else { Ok(plan) })
        .and_then(|plan| Ok((plan, reason(&form.reason)?)));
    let (plan, reason) = match checked {
        Ok(checked) => checked,
        Err(message) => {
            return firm_page(
                &state,
                &staff,
                &firm,
                StatusCode::UNPROCESSABLE_ENTITY,
                message,
                None,
                TypedAdmin::default(),
            )
            .await;
        }
    };
    let change = Change {
        staff_action: StaffAction::PlanChanged,
        firm_action: AuditAction::PlanChanged,
        detail: format!("{} → {}", firm.plan.label(), plan.label()),
    };
    let write = pespro::flags::set_plan(&state.db, firm.id, plan);
    finish(&state, &staff, &firm, write.await, &change, &reason, address).await
}

pub async fn set_override(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<OverrideForm>,
) -> Response {
    let (staff, firm) = match staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(def) = definition(&form.flag) else {
        return firm_page(
            &state,
            &staff,
            &firm,
            StatusCode::UNPROCESSABLE_ENTITY,
            "There is no such flag.",
            None,
            TypedAdmin::default(),
        )
        .await;
    };
    let value = match form.action.as_str() {
        // Nothing to clear is a mistake worth saying, not an audit entry.
        "clear" if !firm.flag_overrides.contains_key(def.key) => Err(format!("{} has no override to clear.", def.key)),
        "clear" => Ok(None),
        _ => parse_input(def, &form.value).map(Some).map_err(|e| format!("{}: {e}.", def.key)),
    };
    let checked = value.and_then(|value| Ok((value, reason(&form.reason).map_err(str::to_owned)?)));
    let (value, reason) = match checked {
        Ok(checked) => checked,
        Err(message) => {
            return firm_page(
                &state,
                &staff,
                &firm,
                StatusCode::UNPROCESSABLE_ENTITY,
                &message,
                None,
                TypedAdmin::default(),
            )
            .await;
        }
    };
    let (staff_action, detail) = match value {
        Some(value) => (StaffAction::FlagOverrideSet, format!("{}: {}", def.key, FlagValue::to_string(&value))),
        None => (StaffAction::FlagOverrideCleared, format!("{}: override cleared", def.key)),
    };
    let change = Change { staff_action, firm_action: AuditAction::FeatureOverridden, detail };
    let by = StaffActor { staff_id: Some(staff.staff_id), email: &staff.email };
    let write = pespro::flags::set_staff_override(&state.db, firm.id, def.key, value, &reason, &by);
    finish(&state, &staff, &firm, write.await, &change, &reason, address).await
}

/// The staff member, allowed to run firms, and the firm `slug` names: every
/// change to a firm (plan, flags, status, administrators, migrations)
/// starts here.
pub(crate) async fn staff_and_firm(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<(StaffMember, Arc<Tenant>), Response> {
    let staff = verified_for(state, session, StaffPermission::RunFirms).await?;
    match state.registry.by_slug(slug) {
        Some(firm) => Ok((staff, firm)),
        None => Err(html::message(StatusCode::NOT_FOUND, "No such firm", Some(&staff), None)),
    }
}

/// A reason is required (it is the firm's only explanation), trimmed, and
/// at most `MAX_REASON_CHARS` characters.
pub(crate) fn reason(raw: &str) -> Result<String, &'static str> {
    match raw.trim() {
        "" => Err("Say why (the firm reads the reason in its audit log)."),
        long if long.chars().count() > MAX_REASON_CHARS => Err("Keep the reason to 500 characters or fewer."),
        reason => Ok(reason.to_owned()),
    }
}

/// After the platform write: both audit trails, a registry reload here (the
/// other servers reload on the notification), and back to the firm's page.
async fn finish(
    state: &AppState,
    staff: &StaffMember,
    firm: &Arc<Tenant>,
    written: Result<(), sqlx::Error>,
    change: &Change,
    reason: &str,
    address: Option<IpAddr>,
) -> Response {
    let recorded = async {
        written?;
        let platform = PlatformEntry {
            staff_id: Some(staff.staff_id),
            actor_label: &staff.email,
            tenant_id: Some(firm.id),
            reason,
            detail: &change.detail,
            client_address: address,
            ..PlatformEntry::default()
        };
        record_platform(&state.db, change.staff_action, &platform).await?;
        let mut tx = state.db.tenant_tx(firm.handle()).await?;
        let actor = staff_label(&staff.display_name);
        let detail = format!("{} (reason: {reason})", change.detail);
        let entry = AuditEntry {
            actor_user_id: None,
            actor_label: &actor,
            action: change.firm_action,
            subject: "",
            detail: &detail,
            client_address: address,
        };
        record(&mut tx, &entry).await?;
        tx.commit().await?;
        state.registry.reload(&state.db).await
    };
    match recorded.await {
        Ok(_) => {
            tracing::info!(staff.id = staff.staff_id, tenant.id = firm.id.0, change = %change.detail, "firm's features changed");
            html::see_other(&format!("/firms/{}", firm.slug.as_str()))
        }
        Err(error) => {
            tracing::error!(%error, "could not change a firm's plan or flags");
            crate::plain_pages::unavailable()
        }
    }
}
