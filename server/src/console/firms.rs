//! The firms on the platform and, for one firm, its plan and features (see
//! `flags`) and its people — read through
//! that firm's own tenant transaction, as any of its pages would be — each
//! with a form to act as them for support.

use super::{html, verified};
use crate::startup::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::access::PersonSummary;
use pespro::staff::{MAX_REASON_CHARS, StaffMember};
use pespro::tenancy::Tenant;
use std::sync::Arc;
use tower_sessions::Session;

pub async fn list(State(state): State<AppState>, session: Session) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let rows: String = state
        .registry
        .all()
        .iter()
        .map(|firm| {
            format!(
                "<tr><td><a href=\"/firms/{slug}\">{name}</a></td><td>{slug}</td><td>{status}</td><td>{plan}</td></tr>",
                slug = html::escape(firm.slug.as_str()),
                name = html::escape(firm.theme.display_name.as_str()),
                status = firm.status.as_str(),
                plan = firm.plan.label(),
            )
        })
        .collect();
    let body = format!(
        "<table><thead><tr><th>Firm</th><th>Short name</th><th>Status</th><th>Plan</th></tr></thead><tbody>{rows}</tbody></table>"
    );
    html::page(StatusCode::OK, "Firms", Some(&staff.display_name), &body)
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
        return html::page(StatusCode::NOT_FOUND, "No such firm", Some(&staff.display_name), "");
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
    let features = match super::flags::section(state, firm).await {
        Ok(features) => features,
        Err(error) => {
            tracing::error!(%error, tenant.id = firm.id.0, "could not read a firm's flags for the console");
            return crate::plain_pages::unavailable();
        }
    };
    let slug = html::escape(firm.slug.as_str());
    let rows: String = people.iter().map(|person| row(&slug, person)).collect();
    let body = format!(
        "{notice}{error}{features}<p>Acting as someone lets you see what they see, for {minutes} minutes at most. \
         The firm's audit log records who you are, when, and the reason you give.</p>\
         <table><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Act as them</th></tr></thead>\
         <tbody>{rows}</tbody></table>",
        error = if error.is_empty() { String::new() } else { html::error(error) },
        notice = notice.map(html::notice).unwrap_or_default(),
        minutes = state.impersonation_duration.as_secs().div_ceil(60),
    );
    html::page(status, firm.theme.display_name.as_str(), Some(&staff.display_name), &body)
}

fn row(slug: &str, person: &PersonSummary) -> String {
    let action = if person.active {
        format!(
            "<form method=\"post\" action=\"/firms/{slug}/impersonate\">\
             <input type=\"hidden\" name=\"user_id\" value=\"{id}\">\
             <label for=\"reason-{id}\">Reason for acting as {name}</label>\
             <textarea id=\"reason-{id}\" name=\"reason\" required maxlength=\"{MAX_REASON_CHARS}\" rows=\"2\"></textarea>\
             <p><label><input type=\"checkbox\" name=\"money_rules\" value=\"on\"> \
             Also allow changing workflows, rates, imports and reopened weeks (recorded with the reason)</label></p>\
             <p><button type=\"submit\">Impersonate {name}</button></p></form>",
            id = person.user_id,
            name = html::escape(&person.display_name),
        )
    } else {
        "Deactivated".to_owned()
    };
    format!(
        "<tr><td>{name}</td><td>{email}</td><td>{role}</td><td>{action}</td></tr>",
        name = html::escape(&person.display_name),
        email = html::escape(&person.email),
        role = person.role.label(),
    )
}

async fn read_people(state: &AppState, firm: &Tenant) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    tx.commit().await?;
    Ok(people)
}
