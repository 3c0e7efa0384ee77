//! The edge's question before it asks a certificate authority for a
//! certificate: "may I have one for this name?" (Caddy's on-demand TLS
//! `ask`: any 2xx is yes). Yes only for names this platform serves — the
//! console's host, a firm's own subdomain, a custom domain a firm proved
//! through DNS (or an operator vouched for) — so nobody can make the edge
//! fetch certificates for names that merely point at it.
//!
//! It answers on any host, before the firm is looked up: Caddy calls it
//! directly (`http://127.0.0.1:3000…`), not through a firm's name.

use crate::startup::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use pespro::host::HostTarget;
use serde::Deserialize;

pub const ASK_PATH: &str = "/.well-known/pespro/tls-ask";

#[derive(Deserialize)]
pub struct Ask {
    domain: Option<String>,
}

pub async fn ask(State(state): State<AppState>, Query(ask): Query<Ask>) -> StatusCode {
    let Some(domain) = ask.domain else { return StatusCode::BAD_REQUEST };
    let served = match state.hosts.classify(&domain) {
        None => false,
        Some(HostTarget::Admin) => true,
        Some(target) => state.registry.resolve(&target).is_some(),
    };
    if served { StatusCode::OK } else { StatusCode::NOT_FOUND }
}
