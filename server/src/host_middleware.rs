//! Every request is for one firm, decided by its host, before anything else
//! runs. Unknown hosts get a 404 that names nobody; suspended firms a notice;
//! firms whose schema is behind (a failed migration) a maintenance page. The
//! firm found is put in the request for the app, and into the request's span
//! so every log line of the request carries `tenant.id`.

use crate::plain_pages;
use crate::startup::AppState;
use app::api::context::{ClientAddress, CurrentTenant, RequestHost};
use axum::extract::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::http::header::HOST;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use pespro::host::HostTarget;
use pespro::migrate::MigrationSet;
use pespro::tenancy::Tenant;
use pespro::tenant::TenantStatus;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;
use tracing::{Instrument, Span, field};

/// The outermost layer: one span per request, with the tenant filled in once
/// known, and one log line when the response is ready.
pub async fn trace_request(request: Request, next: Next) -> Response {
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        tenant.id = field::Empty,
        tenant.slug = field::Empty,
    );
    let started = Instant::now();
    async move {
        let response = next.run(request).await;
        tracing::info!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "served"
        );
        response
    }
    .instrument(span)
    .await
}

pub async fn resolve_tenant(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let host = request_host(&request, state.trust_proxy);
    let target = host.as_deref().and_then(|h| state.hosts.classify(h));
    let tenant = match &target {
        None => return plain_pages::unknown_host(),
        // The console answers the admin host before this layer runs
        // (`console::on_admin_host`); here it is simply no firm.
        Some(HostTarget::Admin) => return plain_pages::unknown_host(),
        Some(target) => match state.registry.resolve(target) {
            Some(tenant) => tenant,
            None => return plain_pages::unknown_host(),
        },
    };
    let span = Span::current();
    span.record("tenant.id", tenant.id.0);
    span.record("tenant.slug", tenant.slug.as_str());
    if tenant.status == TenantStatus::Suspended {
        return plain_pages::suspended(&tenant.theme.display_name);
    }
    if tenant.schema_version < MigrationSet::tenant().latest() {
        return plain_pages::updating(&tenant.theme.display_name);
    }
    if let Some(elsewhere) = target.as_ref().and_then(|t| to_primary(&state, &tenant, t, &request)) {
        return elsewhere;
    }
    if let Some(HostTarget::Custom(host)) = &target
        && tenant.awaiting_certificate.contains(host)
        && forwarded_over_https(&request, state.trust_proxy)
    {
        note_certificate(&state, &tenant, host);
    }
    let address = client_address(&request, state.trust_proxy);
    request.extensions_mut().insert(ClientAddress(address));
    request.extensions_mut().insert(RequestHost(host.unwrap_or_default()));
    request.extensions_mut().insert(CurrentTenant(tenant));
    next.run(request).await
}

/// The host the client asked for. Behind a trusted proxy, the last
/// `X-Forwarded-Host` value (the one our proxy added, not one a client sent).
pub fn request_host(request: &Request, trust_proxy: bool) -> Option<String> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    if trust_proxy {
        if let Some(forwarded) = header("x-forwarded-host").and_then(|v| v.rsplit(',').next()) {
            return Some(forwarded.trim().to_owned());
        }
    }
    request.uri().authority().map(|a| a.as_str().to_owned()).or_else(|| header(HOST.as_str()).map(str::to_owned))
}

/// A firm with a primary domain is served there: a page asked for on any
/// of its other hosts is sent there, path and query kept. Temporary (307):
/// the firm may choose another primary, and browsers keep permanent
/// redirects. Only page loads: never a form post or server function (its
/// caller waits for the answer itself), nor the SSO callback, whose
/// pending state lives in the session of the host that started it.
fn to_primary(state: &AppState, tenant: &Tenant, target: &HostTarget, request: &Request) -> Option<Response> {
    let primary = tenant.primary_host.as_deref()?;
    if matches!(target, HostTarget::Custom(host) if host == primary)
        || !matches!(*request.method(), Method::GET | Method::HEAD)
    {
        return None;
    }
    let path = request.uri().path();
    if path == "/sso/callback" || path.starts_with("/api/") || path.starts_with("/.well-known/") {
        return None;
    }
    let scheme = if state.https { "https" } else { "http" };
    let port = match state.public_port {
        None | Some(80 | 443) => String::new(),
        Some(port) => format!(":{port}"),
    };
    let rest = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    Some(Redirect::temporary(&format!("{scheme}://{primary}{port}{rest}")).into_response())
}

/// Whether our proxy received this request over HTTPS (its own
/// `X-Forwarded-Proto`, the last value, as for the host).
fn forwarded_over_https(request: &Request, trust_proxy: bool) -> bool {
    let proto = request.headers().get("x-forwarded-proto").and_then(|v| v.to_str().ok());
    trust_proxy && proto.and_then(|v| v.rsplit(',').next()).is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

/// A verified domain reached over HTTPS through the edge has its
/// certificate: recorded as active, off the request's path. Until every
/// process has reloaded, a few more requests may record it again (a no-op).
fn note_certificate(state: &AppState, tenant: &Tenant, host: &str) {
    let (db, firm, host) = (state.db.clone(), tenant.id, host.to_owned());
    tokio::spawn(async move {
        if let Err(error) = pespro::domains::check::certificate_seen(&db, firm, &host).await {
            tracing::warn!(%error, tenant.id = firm.0, domain = %host, "could not record a domain's certificate");
        }
    });
}

/// The client's address: the TCP peer, or behind a trusted proxy the last
/// `X-Forwarded-For` entry (the one our proxy appended).
pub fn client_address(request: &Request, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(ip) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|v| v.trim().parse().ok()) {
            return Some(ip);
        }
    }
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip())
}
