//! What server functions answer, put right on the way out.
//!
//! - **Status codes.** Leptos answers every server-function error with 500.
//!   Here the error (`AppError`, JSON) is read back and the status that fits
//!   is set (`AppError::status_code`): 422 for a mistyped field, 409 for a
//!   conflict, 429 when throttled, 503 when the database is away, 500 only
//!   for the unexpected. The browser decodes any 4xx/5xx the same way.
//! - **Errors in the address.** Without JavaScript, a refused form post is
//!   redirected back with the error in the URL (`?__path=…&__err=<base64
//!   JSON>`), and the page shows it. Anyone could craft such a link and put
//!   their own words under a firm's sign-in form. So the `__err` a redirect
//!   carries is remembered in the session, and a page request carrying one
//!   that this session was not just given is sent to the same address
//!   without it: only messages the server produced for this browser show.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The session key holding the last `__err` handed out.
const ISSUED_ERROR: &str = "issued_action_error";
/// server_fn's marker header on an error answer.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An `AppError` is a few hundred bytes; anything bigger is not one.
const LARGEST_ERROR: usize = 64 * 1024;

pub async fn answer(request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    if request.method() == Method::GET {
        if let Some(shown) = query_value(request.uri().query(), "__err").map(str::to_owned) {
            let issued = match &session {
                Some(session) => session.remove::<String>(ISSUED_ERROR).await.ok().flatten(),
                None => None,
            };
            if issued.as_deref() != Some(shown.as_str()) {
                tracing::warn!(
                    security_event = "forged_action_error",
                    "an error message not issued here was in the URL"
                );
                return Redirect::to(&without_action_error(request.uri())).into_response();
            }
        }
    }
    let response = next.run(request).await;
    if let (Some(session), Some(issued)) = (&session, issued_error(&response)) {
        if let Err(error) = session.insert(ISSUED_ERROR, issued).await {
            tracing::error!(%error, "could not remember an issued form error");
        }
    }
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR && response.headers().contains_key(SERVER_FN_ERROR) {
        return with_fitting_status(response).await;
    }
    response
}

/// The `__err` of a redirect's `Location`, as sent.
fn issued_error(response: &Response) -> Option<String> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let query = location.split_once('?')?.1;
    query_value(Some(query), "__err").map(str::to_owned)
}

/// A query parameter's raw (still encoded) value.
fn query_value<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// The same address, less the action-error parameters.
fn without_action_error(uri: &axum::http::Uri) -> String {
    let kept: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("__err=") && !pair.starts_with("__path="))
        .collect();
    match kept.is_empty() {
        true => uri.path().to_owned(),
        false => format!("{}?{}", uri.path(), kept.join("&")),
    }
}

async fn with_fitting_status(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST_ERROR).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if matches!(error, AppError::Unavailable | AppError::Throttled(_)) {
            parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_action_error_parameters_are_dropped_and_the_rest_kept() {
        let uri: axum::http::Uri = "/time?week=2026-W49&__path=%2Fapi%2Fx&__err=eyJ9".parse().unwrap();
        assert_eq!(without_action_error(&uri), "/time?week=2026-W49");
        let bare: axum::http::Uri = "/sign-in?__path=%2Fapi%2Fsign_in&__err=eyJ9".parse().unwrap();
        assert_eq!(without_action_error(&bare), "/sign-in");
    }

    #[test]
    fn a_query_value_is_found_by_its_exact_name() {
        assert_eq!(query_value(Some("a__err=1&__err=2"), "__err"), Some("2"));
        assert_eq!(query_value(Some("x=1"), "__err"), None);
        assert_eq!(query_value(None, "__err"), None);
    }
}
