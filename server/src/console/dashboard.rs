//! `GET /`: the platform at a glance (`app::console::dashboard_html`), and
//! `POST /firms/{slug}/migrate`: run a firm's pending migrations again
//! after a failure, from its line on the dashboard.

use super::{Gate, gate, html};
use crate::request_metrics::this_minute;
use crate::startup::AppState;
use app::api::context::ClientAddress;
use app::console::{Dashboard, DashboardFirm, dashboard_html};
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::migrate::{MigrationSet, migrate_firm};
use pespro::staff::health::{SchemaState, activity, daily_totals, schema_states};
use pespro::staff::{PlatformEntry, StaffAction, StaffMember, record_platform};
use tower_sessions::Session;

pub async fn home(State(state): State<AppState>, session: Session, RawQuery(query): RawQuery) -> Response {
    match gate(&state, &session).await {
        Ok(Gate::Verified(staff)) => page(&state, &staff, query.as_deref().unwrap_or("")).await,
        Ok(Gate::NeedsCode(_)) => html::see_other("/totp"),
        Ok(Gate::SignedOut) => html::see_other("/sign-in"),
        Err(response) => response,
    }
}

async fn page(state: &AppState, staff: &StaffMember, query: &str) -> Response {
    let firms = state.registry.all();
    let today = time::OffsetDateTime::now_utc().date();
    let (mut activities, schemas) =
        futures::future::join(activity(&state.db, &firms, today), schema_states(&state.db, &firms)).await;
    let mut schemas = match schemas {
        Ok(schemas) => schemas,
        Err(error) => {
            tracing::error!(%error, "could not read the platform's health");
            let text = "The dashboard could not be read; try again in a moment.";
            return html::message(StatusCode::SERVICE_UNAVAILABLE, "Platform", Some(staff), Some(text));
        }
    };
    let days = daily_totals(today, activities.values());
    let lines = firms
        .iter()
        .map(|firm| DashboardFirm {
            firm: firm.clone(),
            schema: schemas.remove(&firm.id).unwrap_or(SchemaState::Current),
            activity: activities.remove(&firm.id),
        })
        .collect();
    let (notice, error) = match query {
        "retried" => (Some("The firm's migrations ran: its schema is current."), None),
        "retry-failed" => (None, Some("The migration failed again; its error is on the firm's line.")),
        _ => (None, None),
    };
    let dashboard = Dashboard {
        firms: lines,
        latest_schema: MigrationSet::tenant().latest(),
        days,
        last_hour: state.request_metrics.last_hour(this_minute()).iter().map(|m| (m.requests, m.errors)).collect(),
        error: error.map(str::to_owned),
        notice: notice.map(str::to_owned),
    };
    html::respond(StatusCode::OK, dashboard_html(staff, dashboard))
}

pub async fn retry_migration(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
) -> Response {
    let (staff, firm) = match super::flags::staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let outcome = migrate_firm(&state.db, MigrationSet::tenant(), firm.handle()).await;
    let detail = match &outcome {
        Ok(()) => format!("now at {}", MigrationSet::tenant().latest()),
        Err((version, error)) => format!("migration {version} failed again: {error}"),
    };
    let entry = PlatformEntry {
        staff_id: Some(staff.staff_id),
        actor_label: &staff.email,
        tenant_id: Some(firm.id),
        detail: &detail,
        client_address: address,
        ..PlatformEntry::default()
    };
    let recorded = async {
        record_platform(&state.db, StaffAction::MigrationRetried, &entry).await?;
        state.registry.reload(&state.db).await
    };
    if let Err(error) = recorded.await {
        tracing::error!(%error, tenant.id = firm.id.0, "could not record a migration retry");
        return crate::plain_pages::unavailable();
    }
    tracing::info!(staff.id = staff.staff_id, tenant.id = firm.id.0, %detail, "migration retried from the console");
    html::see_other(if outcome.is_ok() { "/?retried" } else { "/?retry-failed" })
}
