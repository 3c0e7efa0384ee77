//! Staff sign-in, step two: the TOTP code. The first time, the account has
//! no key yet: the page shows a new one (base32 and a QR code of its
//! `otpauth://` URI) and enrolment completes when a code from it is typed
//! back. The pending key lives in the session until then, so nothing is
//! stored for a key that was never confirmed. Afterwards the page asks for
//! the code only; the key is never shown again.

use super::{Gate, STAFF, StaffSession, gate, html, unix_now};
use crate::startup::AppState;
use app::api::context::ClientAddress;
use app::console::{TotpStep, totp_html};
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::auth::{AttemptKeys, admit_attempt, attempt_succeeded};
use pespro::staff::totp::TotpSecret;
use pespro::staff::{PlatformEntry, StaffAction, StaffMember, record_platform};
use serde::Deserialize;
use tower_sessions::Session;

/// The session key of a key shown for enrolment but not yet confirmed.
const PENDING: &str = "staff_totp_pending";
const ISSUER: &str = "PesPro staff";

type Failure = Box<dyn std::error::Error + Send + Sync>;

pub async fn form(State(state): State<AppState>, session: Session) -> Response {
    let staff = match gate(&state, &session).await {
        Ok(Gate::NeedsCode(staff)) => staff,
        Ok(Gate::Verified(_)) => return html::see_other("/"),
        Ok(Gate::SignedOut) => return html::see_other("/sign-in"),
        Err(response) => return response,
    };
    render(&session, &staff, StatusCode::OK, "").await.unwrap_or_else(unavailable)
}

async fn render(session: &Session, staff: &StaffMember, status: StatusCode, error: &str) -> Result<Response, Failure> {
    let error = (!error.is_empty()).then_some(error);
    if staff.totp_enrolled {
        return Ok(html::respond(status, totp_html(TotpStep::Code, error)));
    }
    let secret = pending_secret(session).await?;
    let uri = secret.provisioning_uri(ISSUER, &staff.email);
    let qr_svg =
        qrcode::QrCode::new(uri.as_bytes())?.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
    Ok(html::respond(status, totp_html(TotpStep::Enrol { qr_svg, key: secret.to_base32() }, error)))
}

/// The key shown for enrolment: the same on every reload of the page, until
/// it is confirmed or the session ends.
async fn pending_secret(session: &Session) -> Result<TotpSecret, Failure> {
    if let Some(secret) = session.get::<String>(PENDING).await?.as_deref().and_then(TotpSecret::from_base32) {
        return Ok(secret);
    }
    let secret = TotpSecret::generate();
    session.insert(PENDING, secret.to_base32()).await?;
    Ok(secret)
}

#[derive(Deserialize)]
pub struct Code {
    code: String,
}

pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<Code>,
) -> Response {
    let staff = match gate(&state, &session).await {
        Ok(Gate::NeedsCode(staff)) => staff,
        Ok(Gate::Verified(_)) => return html::see_other("/"),
        Ok(Gate::SignedOut) => return html::see_other("/sign-in"),
        Err(response) => return response,
    };
    check(&state, &session, address, &staff, &form.code).await.unwrap_or_else(unavailable)
}

async fn check(
    state: &AppState,
    session: &Session,
    address: Option<std::net::IpAddr>,
    staff: &StaffMember,
    code: &str,
) -> Result<Response, Failure> {
    // Codes are counted against the same counters as passwords, before
    // the code is checked: six digits fall to guessing quickly otherwise.
    let keys = AttemptKeys::staff(&staff.email, address);
    let entry = PlatformEntry {
        staff_id: Some(staff.staff_id),
        actor_label: &staff.email,
        client_address: address,
        ..Default::default()
    };
    if let Some(wait) = admit_attempt(&state.db, &keys).await? {
        record_platform(&state.db, StaffAction::SignInThrottled, &entry).await?;
        return render(session, staff, StatusCode::TOO_MANY_REQUESTS, &pespro::throttle::retry_message(wait)).await;
    }
    let accepted = if staff.totp_enrolled {
        pespro::staff::check_code(&state.db, &state.secret_key, staff.staff_id, code, unix_now()).await?
    } else {
        let secret = pending_secret(session).await?;
        let enrolled =
            pespro::staff::enrol_totp(&state.db, &state.secret_key, staff.staff_id, &secret, code, unix_now()).await?;
        if enrolled {
            record_platform(&state.db, StaffAction::TotpEnrolled, &entry).await?;
        }
        enrolled
    };
    if !accepted {
        record_platform(&state.db, StaffAction::TotpFailed, &entry).await?;
        tracing::info!(security_event = "staff_totp_failed", staff.id = staff.staff_id, "staff code refused");
        let message = "That code isn't right, or was already used. Wait for the next one and try again.";
        return render(session, staff, StatusCode::UNAUTHORIZED, message).await;
    }
    attempt_succeeded(&state.db, &keys).await?;
    record_platform(&state.db, StaffAction::SignInSucceeded, &entry).await?;
    session.remove_value(PENDING).await?;
    session.cycle_id().await?;
    session.insert(STAFF, StaffSession { staff_id: staff.staff_id, totp_verified: true }).await?;
    tracing::info!(staff.id = staff.staff_id, "staff signed in");
    Ok(html::see_other("/"))
}

fn unavailable(error: Failure) -> Response {
    tracing::error!(%error, "staff code check failed on our side");
    crate::plain_pages::unavailable()
}
