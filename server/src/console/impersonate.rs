//! Starting an impersonation from the console: checks the reason and the
//! person, records and issues a single-use grant valid for a minute, and sends the
//! browser to the firm's own host to redeem it (`crate::impersonation`).
//! The console's session never becomes a firm's session: the firm's host
//! starts its own, under its own cookie.

use super::firms::firm_page;
use super::{html, scheme_and_port, verified};
use crate::startup::AppState;
use app::api::context::{ClientAddress, RequestHost};
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::staff::{
    GrantScope, PlatformEntry, StaffAction, StaffMember, TypedAdmin, check_reason, issue_grant, record_platform,
};
use pespro::tenancy::Tenant;
use pespro::tenant::TenantStatus;
use serde::Deserialize;
use std::sync::Arc;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Start {
    user_id: i64,
    #[serde(default)]
    reason: String,
    /// The checkbox: money and approval rules may be changed too.
    #[serde(default)]
    money_rules: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(RequestHost(host)): Extension<RequestHost>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<Start>,
) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Some(firm) = state.registry.by_slug(&slug) else {
        return html::message(StatusCode::NOT_FOUND, "No such firm", Some(&staff), None);
    };
    let outcome = match check_reason(&form.reason) {
        Err(error) => Err((StatusCode::UNPROCESSABLE_ENTITY, capitalise(&error.to_string()))),
        Ok(_) if firm.status != TenantStatus::Active => {
            Err((StatusCode::CONFLICT, "This firm is suspended; nobody can use it now.".to_owned()))
        }
        Ok(reason) => {
            match grant(&state, &staff, &firm, (form.user_id, &reason, form.money_rules.is_some()), address).await {
                Ok(Ok(token)) => Ok(token),
                Ok(Err(refusal)) => Err((StatusCode::FORBIDDEN, refusal.to_owned())),
                Err(error) => {
                    tracing::error!(%error, "could not start an impersonation");
                    return crate::plain_pages::unavailable();
                }
            }
        }
    };
    match outcome {
        Ok(token) => {
            let (scheme, port) = scheme_and_port(state.https, &host);
            let firm_host = state.hosts.firm_host(&firm.slug);
            html::see_other(&format!("{scheme}://{firm_host}{port}/impersonate?token={token}"))
        }
        Err((status, message)) => firm_page(&state, &staff, &firm, status, &message, None, TypedAdmin::default()).await,
    }
}

/// The grant's token, or why this person may not be impersonated.
async fn grant(
    state: &AppState,
    staff: &StaffMember,
    firm: &Arc<Tenant>,
    (user_id, reason, money_rules): (i64, &str, bool),
    address: Option<std::net::IpAddr>,
) -> Result<Result<String, &'static str>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let person = pespro::auth::find_active_user(&mut tx, user_id).await?;
    tx.commit().await?;
    let Some(person) = person else { return Ok(Err("That person isn't active in this firm.")) };
    // Staff are not a firm's people: even if a firm lists a staff member's
    // address, acting as them would let one staff member borrow another's
    // identity.
    if pespro::staff::is_staff_email(&state.db, &person.user.email).await? {
        return Ok(Err("That address belongs to a staff account; staff are never impersonated."));
    }
    // Recorded before it exists: a link that is never used still shows who
    // asked for it, for whom and why.
    let entry = PlatformEntry {
        staff_id: Some(staff.staff_id),
        actor_label: &staff.email,
        tenant_id: Some(firm.id),
        user_id: Some(user_id),
        reason,
        detail: if money_rules { "may change money and approval rules" } else { "" },
        client_address: address,
    };
    record_platform(&state.db, StaffAction::ImpersonationGranted, &entry).await?;
    tracing::info!(staff.id = staff.staff_id, tenant.id = firm.id.0, user.id = user_id, "impersonation granted");
    let scope = GrantScope { may_change_money_rules: money_rules };
    issue_grant(&state.db, staff.staff_id, firm.id, (user_id, reason), scope).await.map(Ok)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default()
}
