//! Every firm's custom domains and where each stands, for platform staff
//! answering "why is our domain not working?": status, the last check's
//! reason, when it was checked and looked at next, and who added it.

use super::{html, verified};
use crate::startup::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

pub async fn list(State(state): State<AppState>, session: Session) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    match pespro::tenancy::every_domain(&state.db).await {
        Ok(domains) => html::respond(StatusCode::OK, app::console::domains_html(&staff, domains)),
        Err(error) => {
            tracing::error!(%error, "could not list custom domains");
            let text = "The list could not be read; try again in a moment.";
            html::message(StatusCode::SERVICE_UNAVAILABLE, "Custom domains", Some(&staff), Some(text))
        }
    }
}
