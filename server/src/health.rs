//! Probes for process managers and load balancers. They answer on any host.
//!
//! `/readyz` is ready once the database answers, the platform schema is
//! current and the startup migration run has finished. Firms whose own
//! migration failed do not make the whole platform unready (that would take
//! every firm down for one); they are counted in the body and each of them
//! answers with a maintenance page until its migration succeeds.

use crate::startup::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use std::sync::atomic::Ordering;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    let status = pespro::migrate::status(&state.db).await;
    let migrations_done = state.migrations_done.load(Ordering::Acquire);
    match status {
        Ok(status) => {
            let ready = migrations_done && status.platform_current;
            let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
            let body = json!({
                "ready": ready,
                "database": "ok",
                "platform_schema_current": status.platform_current,
                "startup_migrations_done": migrations_done,
                "tenants_behind": status.tenants_behind,
            });
            (code, Json(body))
        }
        Err(error) => {
            tracing::warn!(%error, "readiness check could not reach the database");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "ready": false, "database": "unreachable" })))
        }
    }
}
