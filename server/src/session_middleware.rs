//! Who is signed in, and that writes come from the firm's own pages.
//!
//! The session cookie is host-only, so a browser never sends one firm's
//! cookie to another firm's host. A session replayed on another host anyway
//! (by hand, by an attacker) names another firm, and is treated as signed out
//! and logged as a security event. The person behind a session must still be
//! active in the firm on every request, so deactivating someone ends their
//! sessions at once. That check reads the firm's people from memory
//! (`pespro::firm_data`, dropped by a notification whenever `users`
//! changes), so a signed-in request costs the database nothing before its
//! page.
//!
//! A session carrying a platform staff sign-in (the console's key) is never
//! a firm's sign-in: it is ended and logged. A session in which a staff
//! member acts as a firm's person ends by itself when its time is up, and
//! the end is audited in both trails.

use crate::plain_pages;
use crate::startup::AppState;
use app::api::context::{ClientAddress, CurrentTenant, FirmFeatures, SIGNED_IN, SignedIn, SignedInUser};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use pespro::firm_data::SignedInPerson;
use tower_sessions::Session;

pub async fn load_user(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let tenant = request.extensions().get::<CurrentTenant>().cloned();
    let (Some(session), Some(tenant)) = (session, tenant) else {
        return next.run(request).await;
    };
    if crate::static_files::is_site_file(request.uri().path()) {
        return next.run(request).await;
    }
    match session.get::<serde_json::Value>(crate::console::STAFF).await {
        Ok(None) => {}
        Ok(Some(_)) => {
            tracing::warn!(
                security_event = "staff_session_on_firm_host",
                "a platform staff session was presented on a firm's host; ending it"
            );
            let _ = session.flush().await;
            return next.run(request).await;
        }
        Err(error) => {
            tracing::error!(%error, "could not read the session");
            return plain_pages::unavailable();
        }
    }
    let signed_in = match session.get::<SignedIn>(SIGNED_IN).await {
        Ok(signed_in) => signed_in,
        Err(error) => {
            tracing::error!(%error, "could not read the session");
            return plain_pages::unavailable();
        }
    };
    match signed_in {
        None => {}
        Some(signed_in) if signed_in.tenant_id != tenant.0.id.0 => {
            tracing::warn!(
                security_event = "cross_tenant_session",
                session.tenant_id = signed_in.tenant_id,
                "a session issued for another firm was presented; treating the request as signed out"
            );
        }
        Some(signed_in) if impersonation_over(&signed_in) => {
            let address = request.extensions().get::<ClientAddress>().and_then(|a| a.0);
            if let Err(error) = crate::impersonation::record_end(&state, &tenant, &signed_in, address, true).await {
                tracing::error!(%error, "could not record the end of an impersonation");
                return plain_pages::unavailable();
            }
            tracing::info!(user.id = signed_in.user_id, "impersonation ended: its time ran out");
            let _ = session.flush().await;
        }
        Some(signed_in) => match state
            .firm_data
            .signed_in(&state.db, tenant.0.handle(), signed_in.user_id, signed_in.session_epoch)
            .await
        {
            Ok(Some(SignedInPerson { found, unread, regional, flag_settings }))
                if found.session_epoch == signed_in.session_epoch =>
            {
                let flags = tenant.0.flags(&flag_settings);
                let mut user = found.user;
                user.unread_notices = unread;
                user.formats = regional.formats;
                if user.time_zone.is_empty() {
                    user.time_zone.clone_from(&regional.zone);
                }
                user.impersonated_by = signed_in.impersonation.as_ref().and_then(crate::impersonation::still_running);
                if user.impersonated_by.is_some() {
                    request.extensions_mut().insert(crate::impersonation::Acting(signed_in.clone()));
                }
                user.features = flags.enabled();
                request.extensions_mut().insert(SignedInUser(user));
                request.extensions_mut().insert(FirmFeatures(std::sync::Arc::new(flags)));
            }
            Ok(found) => {
                let why = if found.is_some() { "credentials changed since" } else { "the person is no longer active" };
                tracing::info!(user.id = signed_in.user_id, "session ended: {why}");
                let _ = session.flush().await;
            }
            Err(error) => {
                tracing::error!(%error, "could not load the signed-in person");
                return plain_pages::unavailable();
            }
        },
    }
    next.run(request).await
}

/// An impersonating session whose time has run out.
fn impersonation_over(signed_in: &SignedIn) -> bool {
    signed_in.impersonation.as_ref().is_some_and(|i| crate::impersonation::still_running(i).is_none())
}

/// Refuses state-changing requests that did not come from a page of this
/// same host (cross-site request forgery). Browsers send `Origin` with every
/// POST, JavaScript or not; `Referer` is the fallback.
pub async fn same_origin_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let host = crate::host_middleware::request_host(&request, state.trust_proxy);
    let scheme = if state.https { "https" } else { "http" };
    let source = origin(&request, header::ORIGIN).or_else(|| origin(&request, header::REFERER));
    match (source, host) {
        (Some((their_scheme, source)), Some(host)) if their_scheme == scheme && source.eq_ignore_ascii_case(&host) => {
            next.run(request).await
        }
        (source, _) => {
            tracing::warn!(security_event = "cross_site_write", origin = ?source, "refused a write from another site");
            plain_pages::cross_site()
        }
    }
}

/// The scheme and `host[:port]` of an `Origin` or `Referer` header. The
/// scheme counts: a page served over plain HTTP (which anyone on the path
/// could have written) is not the HTTPS site's own.
fn origin(request: &Request, name: header::HeaderName) -> Option<(String, String)> {
    let value = request.headers().get(name)?.to_str().ok()?;
    let (scheme, rest) = value.split_once("://")?;
    Some((scheme.to_ascii_lowercase(), rest.split('/').next().unwrap_or_default().to_owned()))
}
