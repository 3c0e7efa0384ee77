//! Impersonation on a firm's host: redeeming the console's single-use grant
//! into a session of the firm's person that carries an impersonation record,
//! and ending it — by the banner's button or when its time runs out. Start
//! and end are written to the firm's audit trail *and* the platform's, so
//! the firm sees who acted as its people and why.

use crate::console::{scheme_and_port, unix_now};
use crate::plain_pages;
use crate::startup::AppState;
use app::api::context::{ClientAddress, CurrentTenant, Impersonation, RequestHost, SIGNED_IN, SignedIn, SignedInUser};
use axum::extract::{Extension, Query, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::Impersonator;
use pespro::audit::{AuditAction, AuditEntry, record};
use pespro::staff::{PlatformEntry, StaffAction, record_platform, redeem_grant};
use serde::Deserialize;
use std::net::IpAddr;
use tower_sessions::Session;

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(Deserialize)]
pub struct Token {
    #[serde(default)]
    token: String,
}

/// `GET /impersonate?token=…`, where the console sends the browser.
pub async fn redeem(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    session: Session,
    Query(query): Query<Token>,
) -> Response {
    start(&state, &tenant, address, &session, &query.token).await.unwrap_or_else(|error| {
        tracing::error!(%error, "could not start an impersonation");
        plain_pages::unavailable()
    })
}

async fn start(
    state: &AppState,
    tenant: &CurrentTenant,
    address: Option<IpAddr>,
    session: &Session,
    token: &str,
) -> Result<Response, Failure> {
    // One impersonation at a time, and never one stacked on another: the
    // first must be ended (and so audited) before the next begins.
    let current = session.get::<SignedIn>(SIGNED_IN).await?;
    if current.is_some_and(|s| s.impersonation.is_some()) {
        return Ok(plain_pages::refused(
            StatusCode::CONFLICT,
            "Already acting as someone",
            "This browser is already acting as someone at this firm. End that impersonation first \
             (the button in the banner), then start again from the console.",
        ));
    }
    let Some(grant) = redeem_grant(&state.db, token, tenant.0.id).await? else {
        tracing::warn!(security_event = "impersonation_grant_refused", "an unusable impersonation link was presented");
        return Ok(invalid_link());
    };
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    let Some(person) = pespro::auth::find_active_user(&mut tx, grant.user_id).await? else {
        return Ok(invalid_link());
    };
    if pespro::staff::is_staff_email(&state.db, &person.user.email).await? {
        return Ok(invalid_link());
    }
    let actor = staff_label(&grant.staff_name);
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: &actor,
        action: AuditAction::ImpersonationStarted,
        subject: &person.user.email,
        detail: &grant.reason,
        client_address: address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    let platform = PlatformEntry {
        staff_id: Some(grant.staff_id),
        actor_label: &grant.staff_email,
        tenant_id: Some(tenant.0.id),
        user_id: Some(grant.user_id),
        reason: &grant.reason,
        detail: "",
        client_address: address,
    };
    record_platform(&state.db, StaffAction::ImpersonationStarted, &platform).await?;
    let expires_at = unix_now().saturating_add(state.impersonation_duration.as_secs());
    let signed_in = SignedIn {
        tenant_id: tenant.0.id.0,
        user_id: person.user.user_id,
        session_epoch: person.session_epoch,
        impersonation: Some(Impersonation {
            staff_id: grant.staff_id,
            staff_name: grant.staff_name.clone(),
            reason: grant.reason.clone(),
            expires_at: i64::try_from(expires_at).unwrap_or(i64::MAX),
            may_change_money_rules: grant.scope.may_change_money_rules,
        }),
    };
    session.cycle_id().await?;
    session.remove_value(crate::console::STAFF).await?;
    session.insert(SIGNED_IN, signed_in).await?;
    tracing::info!(staff.id = grant.staff_id, user.id = grant.user_id, "impersonation started");
    Ok(Redirect::to("/").into_response())
}

fn invalid_link() -> Response {
    plain_pages::refused(
        StatusCode::FORBIDDEN,
        "This link can't be used",
        "This support link is unknown, was already used, has expired, or belongs to another firm. \
         Start again from the platform console.",
    )
}

/// How a staff member appears in a firm's audit trail.
pub fn staff_label(staff_name: &str) -> String {
    format!("Staff: {staff_name}")
}

/// `POST /impersonate/end`, the banner's button: audited in both trails,
/// the session ends, and the staff member goes back to the console.
pub async fn end(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Extension(RequestHost(host)): Extension<RequestHost>,
    session: Session,
) -> Response {
    let signed_in = match session.get::<SignedIn>(SIGNED_IN).await {
        Ok(Some(signed_in)) if signed_in.impersonation.is_some() && signed_in.tenant_id == tenant.0.id.0 => signed_in,
        Ok(_) => return Redirect::to("/").into_response(),
        Err(error) => {
            tracing::error!(%error, "could not read the session");
            return plain_pages::unavailable();
        }
    };
    if let Err(error) = record_end(&state, &tenant, &signed_in, address, false).await {
        tracing::error!(%error, "could not record the end of an impersonation");
        return plain_pages::unavailable();
    }
    let _ = session.flush().await;
    let (scheme, port) = scheme_and_port(state.https, &host);
    let console = format!("{scheme}://{}{port}/firms/{}?ended", state.hosts.admin_host(), tenant.0.slug.as_str());
    Redirect::to(&console).into_response()
}

/// Writes the end of an impersonation to the firm's trail and the
/// platform's: ended by the staff member, or `expired`.
pub async fn record_end(
    state: &AppState,
    tenant: &CurrentTenant,
    signed_in: &SignedIn,
    address: Option<IpAddr>,
    expired: bool,
) -> Result<(), Failure> {
    let Some(impersonation) = &signed_in.impersonation else { return Ok(()) };
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    let email: Option<String> =
        pespro::auth::find_active_user(&mut tx, signed_in.user_id).await?.map(|found| found.user.email);
    let email = email.unwrap_or_else(|| format!("person #{}", signed_in.user_id));
    let actor = staff_label(&impersonation.staff_name);
    let detail = if expired { "the time ran out" } else { "ended by the staff member" };
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: &actor,
        action: AuditAction::ImpersonationEnded,
        subject: &email,
        detail,
        client_address: address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    let staff = pespro::staff::find_staff(&state.db, impersonation.staff_id).await?;
    let platform = PlatformEntry {
        staff_id: Some(impersonation.staff_id),
        actor_label: staff.as_ref().map_or(impersonation.staff_name.as_str(), |s| s.email.as_str()),
        tenant_id: Some(tenant.0.id),
        user_id: Some(signed_in.user_id),
        reason: &impersonation.reason,
        detail,
        client_address: address,
    };
    let action = if expired { StaffAction::ImpersonationExpired } else { StaffAction::ImpersonationEnded };
    record_platform(&state.db, action, &platform).await?;
    Ok(())
}

/// The impersonation running behind this request, put there by
/// `session_middleware::load_user` for [`attribute_writes`].
#[derive(Clone)]
pub struct Acting(pub SignedIn);

/// Every request but a page load or download (`GET`) made while a staff
/// member acts as someone is written to the firm's trail *before* it runs —
/// "Staff <name> as <email>", what was called, and the grant's reason — so
/// nothing done for support goes unattributed, including actions the trail
/// does not otherwise record (logging time, a new client). Leptos calls
/// server functions with POST, so the data a page loads as it hydrates or
/// navigates is listed too: the firm sees what support looked at. If that
/// record cannot be written, the request is refused. Signing out ends the
/// impersonation in both trails, as the banner's button does.
pub async fn attribute_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let extensions = request.extensions();
    let (Some(Acting(signed_in)), Some(SignedInUser(user)), Some(tenant)) = (
        extensions.get::<Acting>().cloned(),
        extensions.get::<SignedInUser>().cloned(),
        extensions.get::<CurrentTenant>().cloned(),
    ) else {
        return next.run(request).await;
    };
    let address = extensions.get::<ClientAddress>().and_then(|a| a.0);
    let path = request.uri().path().to_owned();
    let recorded = match path.as_str() {
        // The banner's button records its own end.
        app::END_IMPERSONATION_PATH => Ok(()),
        SIGN_OUT_PATH => record_end(&state, &tenant, &signed_in, address, false).await,
        _ => record_action(&state, &tenant, &user, &signed_in, &path, address).await,
    };
    if let Err(error) = recorded {
        tracing::error!(%error, "could not record an action taken for support; refusing it");
        return plain_pages::unavailable();
    }
    next.run(request).await
}

const SIGN_OUT_PATH: &str = "/api/sign_out";

async fn record_action(
    state: &AppState,
    tenant: &CurrentTenant,
    user: &pespro::access::CurrentUser,
    signed_in: &SignedIn,
    path: &str,
    address: Option<IpAddr>,
) -> Result<(), Failure> {
    let reason = signed_in.impersonation.as_ref().map_or("", |i| i.reason.as_str());
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: &user.audit_label(),
        action: AuditAction::ActedForSupport,
        subject: path,
        detail: reason,
        client_address: address,
    };
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// The banner's view of an impersonation still running, or `None` once it
/// has expired (the caller then ends it).
pub fn still_running(impersonation: &Impersonation) -> Option<Impersonator> {
    let now = i64::try_from(unix_now()).unwrap_or(i64::MAX);
    (now < impersonation.expires_at).then(|| Impersonator {
        staff_name: impersonation.staff_name.clone(),
        ends_at: time_left(now, impersonation.expires_at),
        may_change_money_rules: impersonation.may_change_money_rules,
    })
}

/// "in 25 minutes": when an impersonation ends, as the banner shows it.
/// Counted from now rather than a clock time, so the staff member, the
/// firm and the person need not share a time zone to read it right.
fn time_left(now: i64, ends: i64) -> String {
    let minutes = ((ends - now).max(0) + 59) / 60;
    match minutes {
        0 | 1 => "in a minute".to_owned(),
        2..60 => format!("in {minutes} minutes"),
        _ => format!("in {} h {:02} min", minutes / 60, minutes % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_is_counted_in_whole_minutes_from_now() {
        assert_eq!(time_left(1_000, 1_000 + 25 * 60), "in 25 minutes");
        assert_eq!(time_left(1_000, 1_000 + 24 * 60 + 1), "in 25 minutes");
        assert_eq!(time_left(1_000, 1_030), "in a minute");
        assert_eq!(time_left(1_000, 1_000 + 90 * 60), "in 1 h 30 min");
    }

    #[test]
    fn an_impersonation_past_its_end_is_no_longer_running() {
        let record = |expires_at| Impersonation {
            staff_id: 1,
            staff_name: "Sam".into(),
            reason: "r".into(),
            expires_at,
            may_change_money_rules: false,
        };
        assert!(still_running(&record(0)).is_none());
        let running = still_running(&record(i64::MAX / 2)).unwrap();
        assert_eq!(running.staff_name, "Sam");
    }
}
