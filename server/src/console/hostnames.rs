//! `POST /firms/{slug}/hostnames`: an operator makes a firm answer on a
//! hostname they vouch for (no DNS proof), with a reason — the console's
//! `pespro tenant add-host`. The registry reloads here at once, and on the
//! other servers through the platform tables' notification.

use super::firms::firm_page;
use super::html;
use crate::startup::AppState;
use app::api::context::ClientAddress;
use app::console::FirmTyped;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pespro::host::Hostname;
use pespro::staff::PlatformEntry;
use pespro::tenancy::{AdminError, add_hostname_by};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct HostnameForm {
    #[serde(default)]
    hostname: String,
    #[serde(default)]
    reason: String,
}

pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    Form(form): Form<HostnameForm>,
) -> Response {
    let (staff, firm) = match super::flags::staff_and_firm(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let checked = Hostname::parse(form.hostname.trim())
        .map_err(|e| format!("Hostname: {e}."))
        .and_then(|host| Ok((host, super::flags::reason(&form.reason).map_err(str::to_owned)?)));
    let refusal = match checked {
        Ok((host, reason)) => {
            let by = PlatformEntry {
                staff_id: Some(staff.staff_id),
                actor_label: &staff.email,
                reason: &reason,
                client_address: address,
                ..PlatformEntry::default()
            };
            match add_hostname_by(&state.db, &state.hosts, &firm.slug, &host, by).await {
                Ok(()) => None,
                Err(refused @ (AdminError::HostnameTaken(_) | AdminError::HostnameReserved(..))) => {
                    Some(format!("Hostname: {refused}."))
                }
                Err(error) => {
                    tracing::error!(%error, tenant.id = firm.id.0, "could not add a hostname from the console");
                    return crate::plain_pages::unavailable();
                }
            }
        }
        Err(message) => Some(message),
    };
    if let Some(message) = refusal {
        let typed = FirmTyped { hostname: form.hostname, ..FirmTyped::default() };
        return firm_page(&state, &staff, &firm, StatusCode::UNPROCESSABLE_ENTITY, &message, None, typed).await;
    }
    if let Err(error) = state.registry.reload(&state.db).await {
        tracing::error!(%error, "could not reload the firms after adding a hostname");
    }
    tracing::info!(staff.id = staff.staff_id, tenant.id = firm.id.0, "hostname added from the console");
    html::see_other(&format!("/firms/{}?hostname", firm.slug.as_str()))
}
