//! Every firm's custom domains and where each stands, for platform staff
//! answering "why is our domain not working?": status, the last check's
//! reason, when it was checked and looked at next, and who added it.
//! (Plain HTML like the rest of the console until it moves to Leptos, #17.)

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
    let domains = match pespro::tenancy::every_domain(&state.db).await {
        Ok(domains) => domains,
        Err(error) => {
            tracing::error!(%error, "could not list custom domains");
            return html::page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Custom domains",
                Some(&staff.display_name),
                &html::error("The list could not be read; try again in a moment."),
            );
        }
    };
    if domains.is_empty() {
        return html::page(
            StatusCode::OK,
            "Custom domains",
            Some(&staff.display_name),
            "<p>No firm has a custom domain yet.</p>",
        );
    }
    let rows: String = domains
        .iter()
        .map(|(slug, domain)| {
            format!(
                "<tr><td>{host}{primary}</td><td><a href=\"/firms/{slug}\">{slug}</a></td><td>{status}</td><td>{reason}</td>\
                 <td>{checked}</td><td>{next}</td><td>{by}</td></tr>",
                host = html::escape(&domain.hostname),
                primary = if domain.primary { " (primary)" } else { "" },
                slug = html::escape(slug),
                status = domain.status.label(),
                reason = html::escape(domain.reason.as_deref().unwrap_or("")),
                checked = html::escape(domain.checked_at.as_deref().unwrap_or("never")),
                next = html::escape(domain.next_check_at.as_deref().unwrap_or("only on Check now")),
                by = if domain.by_operator { "operator" } else { "the firm" },
            )
        })
        .collect();
    let body = format!(
        "<table><thead><tr><th>Domain</th><th>Firm</th><th>Status</th><th>Why</th><th>Checked</th>\
         <th>Next check</th><th>Added by</th></tr></thead><tbody>{rows}</tbody></table>"
    );
    html::page(StatusCode::OK, "Custom domains", Some(&staff.display_name), &body)
}
