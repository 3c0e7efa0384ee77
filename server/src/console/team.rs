//! `/staff`, for owners: the staff accounts, and changing one's role,
//! resetting their authenticator or removing them, each with a reason in
//! the platform's trail (`pespro::staff::team` keeps one owner at least).

use super::{html, verified_for};
use crate::startup::AppState;
use app::api::context::ClientAddress;
use app::console::team_html;
use axum::Form;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::staff::{
    PlatformEntry, StaffAction, StaffChangeError, StaffMember, StaffPermission, StaffRole, find_staff, list_staff,
    record_platform, remove_staff, reset_staff_totp, set_staff_role,
};
use serde::Deserialize;
use std::net::IpAddr;
use tower_sessions::Session;

pub async fn list(State(state): State<AppState>, session: Session, RawQuery(query): RawQuery) -> Response {
    let staff = match verified_for(&state, &session, StaffPermission::ManageStaff).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let notice = match query.as_deref() {
        Some("role") => Some("The role is changed; it applies from their next page."),
        Some("totp") => Some("Their authenticator is reset: their next sign-in sets up a new one."),
        Some("removed") => Some("The account is removed; its console session has ended."),
        _ => None,
    };
    page(&state, &staff, StatusCode::OK, None, notice).await
}

async fn page(
    state: &AppState,
    staff: &StaffMember,
    status: StatusCode,
    error: Option<&str>,
    notice: Option<&str>,
) -> Response {
    match list_staff(&state.db).await {
        Ok(team) => html::respond(status, team_html(staff, team, error, notice)),
        Err(error) => {
            tracing::error!(%error, "could not list the staff");
            crate::plain_pages::unavailable()
        }
    }
}

#[derive(Deserialize)]
pub struct Change {
    #[serde(default)]
    role: String,
    #[serde(default)]
    reason: String,
}

pub async fn change(
    State(state): State<AppState>,
    session: Session,
    Path((staff_id, what)): Path<(i64, String)>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<Change>,
) -> Response {
    let owner = match verified_for(&state, &session, StaffPermission::ManageStaff).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let reason = match super::flags::reason(&form.reason) {
        Ok(reason) => reason,
        Err(message) => return refuse(&state, &owner, message).await,
    };
    let target = match find_staff(&state.db, staff_id).await {
        Ok(Some(target)) => target,
        Ok(None) => return refuse(&state, &owner, "There is no such staff account.").await,
        Err(error) => return failed(&error),
    };
    let outcome = match what.as_str() {
        "role" => match StaffRole::parse(&form.role) {
            None => return refuse(&state, &owner, "Choose one of the listed roles.").await,
            Some(role) => set_staff_role(&state.db, staff_id, role).await.map(|old| {
                (StaffAction::StaffRoleChanged, format!("{}: {} → {}", target.email, old.label(), role.label()))
            }),
        },
        "totp-reset" => {
            reset_staff_totp(&state.db, staff_id).await.map(|()| (StaffAction::TotpReset, target.email.clone()))
        }
        "remove" if staff_id == owner.staff_id => {
            return refuse(&state, &owner, "Another owner removes your own account.").await;
        }
        "remove" => remove_staff(&state.db, staff_id).await.map(|gone| (StaffAction::StaffRemoved, gone.email)),
        _ => return html::message(StatusCode::NOT_FOUND, "Nothing here", Some(&owner), None),
    };
    let (action, detail) = match outcome {
        Ok(done) => done,
        Err(StaffChangeError::LastOwner) => {
            return refuse(&state, &owner, "The platform must keep at least one owner.").await;
        }
        Err(StaffChangeError::NotFound) => return refuse(&state, &owner, "There is no such staff account.").await,
        Err(StaffChangeError::Db(error)) => return failed(&error),
    };
    if let Err(error) = record(&state, &owner, action, (&reason, &detail), address).await {
        return failed(&error);
    }
    tracing::info!(
        staff.id = owner.staff_id,
        target.staff_id = staff_id,
        action = action.as_str(),
        "staff account changed"
    );
    let notice = match action {
        StaffAction::StaffRoleChanged => "role",
        StaffAction::TotpReset => "totp",
        _ => "removed",
    };
    html::see_other(&format!("/staff?{notice}"))
}

async fn refuse(state: &AppState, owner: &StaffMember, message: &str) -> Response {
    page(state, owner, StatusCode::UNPROCESSABLE_ENTITY, Some(message), None).await
}

async fn record(
    state: &AppState,
    owner: &StaffMember,
    action: StaffAction,
    (reason, detail): (&str, &str),
    address: Option<IpAddr>,
) -> Result<(), sqlx::Error> {
    let entry = PlatformEntry {
        staff_id: Some(owner.staff_id),
        actor_label: &owner.email,
        reason,
        detail,
        client_address: address,
        ..PlatformEntry::default()
    };
    record_platform(&state.db, action, &entry).await
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "a staff account change failed on our side");
    crate::plain_pages::unavailable()
}
