//! `GET /search?q=…`: a firm by name, short name or hostname, or a person
//! by email in every firm (`pespro::staff::search`).

use super::{html, verified};
use crate::startup::AppState;
use app::console::{SearchResults, search_html};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::staff::search::{firm_matches, needle, people_by_email};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: Option<String>,
}

pub async fn search(State(state): State<AppState>, session: Session, Query(search): Query<Search>) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Some(typed) = search.q.filter(|q| !q.trim().is_empty()) else {
        return html::respond(StatusCode::OK, search_html(&staff, None));
    };
    let needle = needle(&typed);
    let all = state.registry.all();
    let firms = all
        .iter()
        .filter(|firm| firm_matches(&needle, firm.theme.display_name.as_str(), firm.slug.as_str(), &firm.hostnames))
        .cloned()
        .collect();
    match people_by_email(&state.db, &all, &needle).await {
        Ok((people, more_people)) => {
            let results = SearchResults { typed, firms, people, more_people };
            html::respond(StatusCode::OK, search_html(&staff, Some(results)))
        }
        Err(error) => {
            tracing::error!(%error, "could not search the firms' people");
            let text = "The search could not be finished; try again in a moment.";
            html::message(StatusCode::SERVICE_UNAVAILABLE, "Search", Some(&staff), Some(text))
        }
    }
}
