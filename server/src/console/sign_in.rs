//! Staff sign-in, step one: email and password. Success only opens the
//! TOTP step (`totp.rs`); a password alone never reaches the firms.
//! Attempts are counted before the password is checked, like firms'
//! sign-ins (`pespro::throttle`), and every one is in the platform trail.

use super::{Gate, STAFF, StaffSession, gate, html};
use crate::startup::AppState;
use app::api::context::ClientAddress;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::auth::{AttemptKeys, SignInError, admit_attempt};
use pespro::staff::{PlatformEntry, StaffAction, record_platform};
use serde::Deserialize;
use tower_sessions::Session;

pub async fn form(State(state): State<AppState>, session: Session) -> Response {
    match gate(&state, &session).await {
        Ok(Gate::Verified(_)) => html::see_other("/"),
        Ok(Gate::NeedsCode(_)) => html::see_other("/totp"),
        Ok(Gate::SignedOut) => page(StatusCode::OK, "", ""),
        Err(response) => response,
    }
}

fn page(status: StatusCode, email: &str, error: &str) -> Response {
    html::respond(status, app::console::sign_in_html(email, (!error.is_empty()).then_some(error)))
}

#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<Credentials>,
) -> Response {
    match check(&state, &session, address, &form).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, "staff sign-in failed on our side");
            crate::plain_pages::unavailable()
        }
    }
}

async fn check(
    state: &AppState,
    session: &Session,
    address: Option<std::net::IpAddr>,
    form: &Credentials,
) -> Result<Response, Box<dyn std::error::Error + Send + Sync>> {
    let keys = AttemptKeys::staff(&form.email, address);
    let typed = pespro::audit::typed_email(&form.email);
    let anonymous = PlatformEntry {
        actor_label: pespro::audit::NOT_SIGNED_IN,
        detail: &typed,
        client_address: address,
        ..Default::default()
    };
    if let Some(wait) = admit_attempt(&state.db, &keys).await? {
        record_platform(&state.db, StaffAction::SignInThrottled, &anonymous).await?;
        return Ok(page(StatusCode::TOO_MANY_REQUESTS, &form.email, &pespro::throttle::retry_message(wait)));
    }
    let staff = match pespro::staff::check_password(&state.db, &form.email, &form.password).await {
        Ok(staff) => staff,
        Err(SignInError::NoMatch) => {
            record_platform(&state.db, StaffAction::SignInFailed, &anonymous).await?;
            tracing::info!(security_event = "staff_sign_in_failed", "staff sign-in refused");
            let message = "That email and password don't match a staff account.";
            return Ok(page(StatusCode::UNAUTHORIZED, &form.email, message));
        }
        Err(SignInError::Busy(_)) => {
            let message = "Too many sign-ins are being checked right now. Try again in a moment.";
            return Ok(page(StatusCode::SERVICE_UNAVAILABLE, &form.email, message));
        }
        Err(SignInError::Db(error)) => return Err(error.into()),
    };
    // A fresh id: a session planted before sign-in is worth nothing after.
    session.cycle_id().await?;
    session.insert(STAFF, StaffSession { staff_id: staff.staff_id, totp_verified: false }).await?;
    Ok(html::see_other("/totp"))
}

pub async fn sign_out(session: Session) -> Response {
    let _ = session.flush().await;
    html::see_other("/sign-in")
}
