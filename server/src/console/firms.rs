//! The firms on the platform and, for one firm, its status (see
//! `lifecycle`), plan and features (`flags`) and its people — read through
//! that firm's own tenant transaction, as any of its pages would be — each
//! with a form to act as them for support.

use super::{html, verified};
use crate::startup::AppState;
use app::console::{FirmPage, FirmTyped};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::access::PersonSummary;
use pespro::staff::{StaffMember, TypedAdmin, TypedFirm};
use pespro::tenancy::Tenant;
use std::sync::Arc;
use tower_sessions::Session;

pub async fn list(State(state): State<AppState>, session: Session) -> Response {
    let staff = match verified(&state, &session).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    list_page(&state, &staff, StatusCode::OK, TypedFirm::default(), None)
}

/// The firms, with the new-firm form (as `typed`, after `error` refused it).
pub(crate) fn list_page(
    state: &AppState,
    staff: &StaffMember,
    status: StatusCode,
    typed: TypedFirm,
    error: Option<&str>,
) -> Response {
    html::respond(status, app::console::firms_html(staff, &state.registry.all(), typed, error))
}

/// What the firm's page says after a step that sent the browser back to
/// it: `?ended` (set by the firm host's end-of-impersonation handler) or
/// one of the console's own.
fn notice(query: &str) -> Option<&'static str> {
    query.split('&').find_map(|pair| match pair {
        "ended" => Some("Impersonation ended: you are signed out of the firm, and both audit trails record it."),
        "created" => Some("The firm is open, and its first administrator was emailed an invitation."),
        "created-outbox" => Some(
            "The firm is open. No mail server is set up, so the invitation was written to the server's outbox folder.",
        ),
        "invited" => Some("The administrator was emailed an invitation."),
        "invited-outbox" => {
            Some("No mail server is set up, so the invitation was written to the server's outbox folder.")
        }
        "suspended" => Some("The firm is suspended: its pages say so, and nobody can sign in."),
        "resumed" => Some("The firm is open again."),
        "hostname" => {
            Some("The firm now answers on that hostname too (a certificate is issued at its first HTTPS request).")
        }
        _ => None,
    })
}

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
        return html::message(StatusCode::NOT_FOUND, "No such firm", Some(&staff), None);
    };
    let notice = query.as_deref().and_then(notice);
    firm_page(&state, &staff, &firm, StatusCode::OK, "", notice, TypedAdmin::default()).await
}

/// The firm's page, with `error` (already a message) or a `notice` at the
/// top, and the invite form as `invite` was typed.
pub(crate) async fn firm_page(
    state: &AppState,
    staff: &StaffMember,
    firm: &Arc<Tenant>,
    status: StatusCode,
    error: &str,
    notice: Option<&'static str>,
    typed: impl Into<FirmTyped>,
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
        status: firm.status,
        flags,
        people,
        impersonation_minutes: state.impersonation_duration.as_secs().div_ceil(60),
        error: (!error.is_empty()).then(|| error.to_owned()),
        notice: notice.map(str::to_owned),
        own_host: state.hosts.firm_host(&firm.slug),
        hostnames: firm.hostnames.clone(),
        primary_host: firm.primary_host.clone(),
        typed: typed.into(),
    };
    html::respond(status, app::console::firm_html(staff, page))
}

async fn read_people(state: &AppState, firm: &Tenant) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    tx.commit().await?;
    Ok(people)
}
