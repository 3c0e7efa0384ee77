//! The firms on the platform and, for one firm, its plan and features (see
//! `flags`) and its people — read through
//! that firm's own tenant transaction, as any of its pages would be — each
//! with a form to act as them for support.

use super::{html, verified};
use crate::startup::AppState;
use app::console::FirmPage;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::access::PersonSummary;
use pespro::staff::StaffMember;
use pespro::tenancy::Tenant;
use std::sync::Arc;
use tower_sessions::Session;

pub async fn list(State(state): State<AppState>, session: Session) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    html::respond(StatusCode::OK, app::console::firms_html(&staff.display_name, &state.registry.all()))
}

/// Said on the firm's page when the staff member comes back from ending an
/// impersonation (`?ended`, set by the firm host's end handler).
const ENDED: &str = "Impersonation ended: you are signed out of the firm, and both audit trails record it.";

pub async fn people(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Some(firm) = state.registry.by_slug(&slug) else {
        return html::message(StatusCode::NOT_FOUND, "No such firm", Some(&staff.display_name), None);
    };
    let ended = query.is_some_and(|q| q.split('&').any(|pair| pair == "ended"));
    people_page(&state, &staff, &firm, StatusCode::OK, "", ended.then_some(ENDED)).await
}

/// The firm's people, with `error` (already a message) or a `notice` above
/// them.
pub(crate) async fn people_page(
    state: &AppState,
    staff: &StaffMember,
    firm: &Arc<Tenant>,
    status: StatusCode,
    error: &str,
    notice: Option<&'static str>,
) -> Response {
    let people = match read_people(state, firm).await {
        Ok(people) => people,
        Err(error) => {
            tracing::error!(%error, tenant.id = firm.id.0, "could not list a firm's people for the console");
            return crate::plain_pages::unavailable();
        }
    };
    let flags = match super::flags::section(state, firm).await {
        Ok(flags) => flags,
        Err(error) => {
            tracing::error!(%error, tenant.id = firm.id.0, "could not read a firm's flags for the console");
            return crate::plain_pages::unavailable();
        }
    };
    let page = FirmPage {
        name: firm.theme.display_name.as_str().to_owned(),
        slug: firm.slug.as_str().to_owned(),
        flags,
        people,
        impersonation_minutes: state.impersonation_duration.as_secs().div_ceil(60),
        error: (!error.is_empty()).then(|| error.to_owned()),
        notice: notice.map(str::to_owned),
    };
    html::respond(status, app::console::firm_html(&staff.display_name, page))
}

async fn read_people(state: &AppState, firm: &Tenant) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    tx.commit().await?;
    Ok(people)
}
