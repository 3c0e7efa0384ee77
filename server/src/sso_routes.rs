//! The two browser stops of single sign-on on a firm's host: `/sso/start`
//! sends the person to the firm's provider, `/sso/callback` receives them
//! back. Both are plain redirects (they work without JavaScript). Every
//! failure ends on the sign-in page with a short code the page turns into a
//! human message; what went wrong in detail goes to the log only.

use crate::startup::AppState;
use app::api::context::{ClientAddress, CurrentTenant, RequestHost, SIGNED_IN, SSO_PENDING, SignedIn};
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::audit::{AuditAction, AuditEntry, record};
use pespro::sso::{Admission, AdmitError, PendingSignIn, ProviderConfig, StoredSso};
use pespro::sso_settings::SsoProblem;
use serde::Deserialize;
use tower_sessions::Session;

/// This firm's callback URL, as its admin registers it at the provider.
pub fn redirect_uri(https: bool, host: &str) -> String {
    format!("{}://{host}/sso/callback", if https { "https" } else { "http" })
}

fn back_to_sign_in(problem: SsoProblem) -> Response {
    Redirect::to(&format!("/sign-in?sso={}", problem.code())).into_response()
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "single sign-on could not use the database or session");
    back_to_sign_in(SsoProblem::ProviderUnavailable)
}

async fn provider_config(
    state: &AppState,
    tenant: &CurrentTenant,
    host: &RequestHost,
) -> Result<Result<(StoredSso, ProviderConfig), SsoProblem>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    let stored = pespro::sso::load(&mut tx).await?;
    tx.commit().await?;
    let Some(stored) = stored else { return Ok(Err(SsoProblem::NotConfigured)) };
    let Ok(client_secret) =
        state.secret_key.open(pespro::secrets::Purpose::SsoClientSecret(tenant.0.id), &stored.client_secret_sealed)
    else {
        tracing::error!(
            "the firm's SSO client secret cannot be opened with this server's key; an admin must re-enter it"
        );
        return Ok(Err(SsoProblem::ProviderUnavailable));
    };
    let config = ProviderConfig {
        issuer_url: stored.settings.issuer_url.clone(),
        client_id: stored.settings.client_id.clone(),
        client_secret,
        redirect_uri: redirect_uri(state.https, &host.0),
    };
    Ok(Ok((stored, config)))
}

pub async fn start(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(host): Extension<RequestHost>,
    session: Session,
) -> Response {
    let config = match provider_config(&state, &tenant, &host).await {
        Ok(Ok((_, config))) => config,
        Ok(Err(problem)) => return back_to_sign_in(problem),
        Err(e) => return unavailable(e),
    };
    match pespro::sso::begin(&state.oidc_http, &config, tenant.0.id.0).await {
        Ok((url, pending)) => match session.insert(SSO_PENDING, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(e) => unavailable(e),
        },
        Err(problem) => back_to_sign_in(problem),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(host): Extension<RequestHost>,
    Extension(address): Extension<ClientAddress>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    // Single use: whatever happens next, this attempt is spent.
    let pending = match session.remove::<PendingSignIn>(SSO_PENDING).await {
        Ok(pending) => pending,
        Err(e) => return unavailable(e),
    };
    let pending = match pending {
        Some(p) if p.tenant_id == tenant.0.id.0 && query.state.as_deref() == Some(p.state.as_str()) => p,
        _ => {
            tracing::warn!(security_event = "sso_state_mismatch", "a callback without a matching attempt");
            return back_to_sign_in(SsoProblem::AttemptExpired);
        }
    };
    if let Some(error) = &query.error {
        tracing::info!(provider_error = %error, "the provider ended the attempt");
        return back_to_sign_in(if error == "access_denied" {
            SsoProblem::Cancelled
        } else {
            SsoProblem::AnswerRejected
        });
    }
    let Some(code) = query.code.as_deref() else { return back_to_sign_in(SsoProblem::AnswerRejected) };
    let (stored, config) = match provider_config(&state, &tenant, &host).await {
        Ok(Ok(found)) => found,
        Ok(Err(problem)) => return back_to_sign_in(problem),
        Err(e) => return unavailable(e),
    };
    let identity = match pespro::sso::finish(&state.oidc_http, &config, &pending, code).await {
        Ok(identity) => identity,
        Err(failure) => {
            if let Some(token) = failure.token
                && let Err(e) = record_token_refusal(&state, &tenant, token, address.0).await
            {
                return unavailable(e);
            }
            return back_to_sign_in(failure.problem);
        }
    };
    match admit_and_record(&state, &tenant, &stored, &identity, address.0).await {
        Ok(Ok(signed_in)) => {
            let user_id = signed_in.user_id;
            if let Err(e) = session.cycle_id().await {
                return unavailable(e);
            }
            if let Err(e) = session.insert(SIGNED_IN, signed_in).await {
                return unavailable(e);
            }
            tracing::info!(user.id = user_id, "signed in through single sign-on");
            Redirect::to("/").into_response()
        }
        Ok(Err(problem)) => back_to_sign_in(problem),
        Err(e) => unavailable(e),
    }
}

/// An ID token that failed a check goes into the firm's trail, naming the
/// check: a forged or replayed token is an attack the firm should see.
async fn record_token_refusal(
    state: &AppState,
    tenant: &CurrentTenant,
    token: pespro::sso::TokenRefusal,
    client_address: Option<std::net::IpAddr>,
) -> Result<(), sqlx::Error> {
    let detail = format!("single sign-on refused: ID token {}", token.as_str());
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: pespro::audit::NOT_SIGNED_IN,
        action: AuditAction::SignInFailed,
        subject: "",
        detail: &detail,
        client_address,
    };
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    record(&mut tx, &entry).await?;
    tx.commit().await
}

/// Lets the person in (or not) and writes the outcome to the firm's audit
/// trail in the same transaction.
async fn admit_and_record(
    state: &AppState,
    tenant: &CurrentTenant,
    stored: &StoredSso,
    identity: &pespro::sso::VerifiedIdentity,
    client_address: Option<std::net::IpAddr>,
) -> Result<Result<SignedIn, SsoProblem>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
    let seats = pespro::flags::firm_flags(&mut tx, &tenant.0).await?.max_active_users();
    let admitted = pespro::sso::admit(&mut tx, identity, &stored.settings, seats).await;
    let (outcome, action, user_id, detail) = match admitted {
        Ok((found, how)) => {
            let detail = match how {
                Admission::Returning => "single sign-on",
                Admission::LinkedExisting => "single sign-on (linked to the existing account)",
                Admission::CreatedJustInTime => "single sign-on (account created)",
            };
            let signed_in = SignedIn {
                tenant_id: tenant.0.id.0,
                user_id: found.user.user_id,
                session_epoch: found.session_epoch,
                impersonation: None,
            };
            (Ok(signed_in), AuditAction::SignInSucceeded, Some(found.user.user_id), detail.to_owned())
        }
        Err(AdmitError::Refused(problem)) => {
            tracing::info!(security_event = "sso_refused", reason = problem.code(), "single sign-on refused");
            (Err(problem), AuditAction::SignInFailed, None, format!("single sign-on refused: {}", problem.code()))
        }
        Err(AdmitError::Db(e)) => return Err(e),
    };
    let entry = AuditEntry {
        actor_user_id: user_id,
        actor_label: &identity.email,
        action,
        subject: "",
        detail: &detail,
        client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(outcome)
}
