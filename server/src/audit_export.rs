//! `GET /audit/export.csv`: the firm's audit trail as CSV, narrowed by the
//! same filter as the audit page (`?who=…&action=…&from=…&to=…`), for its
//! administrators. A download, not a page, so a plain route; newest first,
//! at most `EXPORT_LIMIT` events.

use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::Permission;
use pespro::audit::{AuditFilter, EXPORT_LIMIT, matching, to_csv};
use std::collections::HashMap;

pub async fn download(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(Extension(SignedInUser(user))) = user else { return Redirect::to("/sign-in").into_response() };
    if !user.may(Permission::ReadAuditLog) {
        let why = "Only the firm's administrators read its audit log.";
        return crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why);
    }
    let filter = AuditFilter::from_query(|name| query.get(name).cloned());
    let read = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        // The file's times are UTC (RFC 3339); its days, like the page's,
        // are the reader's.
        let reader = pespro::practice::time_zones::Reader::of(&user);
        let events = matching(&mut tx, &filter, None, EXPORT_LIMIT, reader).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(events)
    };
    let events = match read.await {
        Ok(events) => events,
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not read the audit trail for export");
            return crate::plain_pages::unavailable();
        }
    };
    crate::csv_download::csv_download(to_csv(&events), &format!("{}-audit-log.csv", tenant.0.slug.as_str()))
}
