//! `GET /trail`: the platform's audit trail, filtered and paged
//! (`pespro::staff::trail`).

use super::{html, verified};
use crate::startup::AppState;
use app::console::{TrailPage, trail_html};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::staff::trail::{TypedTrailFilter, parse_filter, read_trail};
use tower_sessions::Session;

pub async fn trail(State(state): State<AppState>, session: Session, Query(typed): Query<TypedTrailFilter>) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let filter = match parse_filter(&typed) {
        Ok(filter) => filter,
        Err(error) => {
            let page = TrailPage { typed, error: Some(error), entries: Vec::new(), older: None };
            return html::respond(StatusCode::UNPROCESSABLE_ENTITY, trail_html(&staff, page));
        }
    };
    match read_trail(&state.db, &filter).await {
        Ok((entries, next)) => {
            let older = next.map(|before| typed.older(before));
            let page = TrailPage { typed, error: None, entries, older };
            html::respond(StatusCode::OK, trail_html(&staff, page))
        }
        Err(error) => {
            tracing::error!(%error, "could not read the platform's audit trail");
            let text = "The trail could not be read; try again in a moment.";
            html::message(StatusCode::SERVICE_UNAVAILABLE, "Platform audit trail", Some(&staff), Some(text))
        }
    }
}
