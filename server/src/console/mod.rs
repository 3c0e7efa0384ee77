//! The platform staff console, served on the admin host only: sign-in with
//! password and TOTP, the list of firms, a firm's people, and starting an
//! impersonation. Axum handlers answering with the pages of `app::console`
//! (Leptos views rendered whole on the server) — staff are few, and forms
//! that work without JavaScript keep it small and auditable.
//!
//! Staff sessions use the same session store and cookie name as firms (the
//! cookie is host-only, so the admin host's is its own) under a separate
//! key, [`STAFF`]. On the admin host only that key counts; a firm's sign-in
//! presented here is nobody. On a firm's host the staff key is never a
//! sign-in (see `session_middleware::load_user`).

mod dashboard;
mod domains;
mod firms;
mod flags;
mod hostnames;
mod html;
mod impersonate;
mod invite;
mod lifecycle;
mod search;
mod sign_in;
mod team;
mod totp;
mod trail;

use crate::host_middleware::{client_address, request_host};
use crate::startup::{AppState, session_layer};
use crate::{plain_pages, session_middleware};
use app::api::context::{ClientAddress, RequestHost};
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use axum::routing::{get, post};
use pespro::host::HostTarget;
use pespro::staff::{StaffMember, StaffPermission};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;
use tower_sessions::Session;

/// The session key of a staff sign-in.
pub const STAFF: &str = "staff";

/// What a staff session remembers: who, and whether the TOTP code was
/// given. Only a verified session reaches the firms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    pub staff_id: i64,
    pub totp_verified: bool,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(dashboard::home))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/totp", get(totp::form).post(totp::submit))
        .route("/firms", get(firms::list).post(lifecycle::create))
        .route("/domains", get(domains::list))
        .route("/search", get(search::search))
        .route("/trail", get(trail::trail))
        .route("/staff", get(team::list))
        .route("/staff/{staff_id}/{change}", post(team::change))
        .route("/firms/{slug}", get(firms::people))
        .route("/firms/{slug}/impersonate", post(impersonate::start))
        .route("/firms/{slug}/plan", post(flags::change_plan))
        .route("/firms/{slug}/flags", post(flags::set_override))
        .route("/firms/{slug}/status", post(lifecycle::set_status))
        .route("/firms/{slug}/migrate", post(dashboard::retry_migration))
        .route("/firms/{slug}/hostnames", post(hostnames::add))
        .route("/firms/{slug}/administrators", post(invite::invite))
        .fallback(|| async { html::message(axum::http::StatusCode::NOT_FOUND, "Nothing here", None, None) })
        .with_state(state.clone())
        // Innermost first: request facts → session → same-origin check.
        .layer(from_fn_with_state(state.clone(), note_request))
        .layer(session_layer(&state))
        .layer(from_fn_with_state(state, session_middleware::same_origin_writes))
}

/// Sends requests for the admin host to the console before any firm is
/// looked up; every other host goes on to the firms' application.
#[derive(Clone)]
pub struct AdminHost {
    pub state: AppState,
    pub console: Router,
}

pub async fn on_admin_host(State(admin): State<AdminHost>, request: Request, next: Next) -> Response {
    let host = request_host(&request, admin.state.trust_proxy);
    match host.as_deref().and_then(|h| admin.state.hosts.classify(h)) {
        Some(HostTarget::Admin) => match admin.console.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        },
        _ => next.run(request).await,
    }
}

/// The client's address and the host asked for, for the audit trail and
/// the links to firms' hosts.
async fn note_request(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let address = client_address(&request, state.trust_proxy);
    let host = request_host(&request, state.trust_proxy).unwrap_or_default();
    request.extensions_mut().insert(ClientAddress(address));
    request.extensions_mut().insert(RequestHost(host));
    next.run(request).await
}

/// Where a request stands: signed out, past the password only, or fully in.
pub(crate) enum Gate {
    SignedOut,
    NeedsCode(StaffMember),
    Verified(StaffMember),
}

pub(crate) async fn gate(state: &AppState, session: &Session) -> Result<Gate, Response> {
    let unavailable = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "could not check the staff session");
        plain_pages::unavailable()
    };
    let Some(signed) = session.get::<StaffSession>(STAFF).await.map_err(|e| unavailable(&e))? else {
        return Ok(Gate::SignedOut);
    };
    match pespro::staff::find_staff(&state.db, signed.staff_id).await.map_err(|e| unavailable(&e))? {
        None => {
            let _ = session.flush().await;
            Ok(Gate::SignedOut)
        }
        Some(staff) if signed.totp_verified => Ok(Gate::Verified(staff)),
        Some(staff) => Ok(Gate::NeedsCode(staff)),
    }
}

/// The signed-in, TOTP-verified staff member, or the page they must see first.
pub(crate) async fn verified(state: &AppState, session: &Session) -> Result<StaffMember, Response> {
    match gate(state, session).await? {
        Gate::Verified(staff) => Ok(staff),
        Gate::NeedsCode(_) => Err(html::see_other("/totp")),
        Gate::SignedOut => Err(html::see_other("/sign-in")),
    }
}

/// As [`verified`], and allowed `permission` by their role; a staff member
/// whose role is not is told so (403), and nothing is done.
pub(crate) async fn verified_for(
    state: &AppState,
    session: &Session,
    permission: StaffPermission,
) -> Result<StaffMember, Response> {
    let staff = verified(state, session).await?;
    if staff.role.may(permission) {
        return Ok(staff);
    }
    tracing::info!(staff.id = staff.staff_id, ?permission, "a staff role was refused a console action");
    let text = format!("Your role ({}) does not allow this; ask an owner.", staff.role.label());
    Err(html::message(axum::http::StatusCode::FORBIDDEN, "Not allowed", Some(&staff), Some(&text)))
}

/// `http` or `https`, and the `:port` of the host asked for (if any): links
/// between the admin host and firms' hosts keep both.
pub(crate) fn scheme_and_port(https: bool, request_host: &str) -> (&'static str, String) {
    let port = match request_host.rsplit_once(':') {
        Some((_, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => format!(":{port}"),
        _ => String::new(),
    };
    (if https { "https" } else { "http" }, port)
}

/// Now, in Unix seconds.
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_scheme_and_the_port_of_the_host_asked_for() {
        assert_eq!(scheme_and_port(false, "admin.localhost:3000"), ("http", ":3000".to_owned()));
        assert_eq!(scheme_and_port(true, "console.pespro.example"), ("https", String::new()));
    }
}
