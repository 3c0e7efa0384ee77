//! The site's own files — the WebAssembly, its JavaScript, the stylesheet,
//! the platform's icons — and how long a browser may keep them.
//!
//! `make site` builds the bundle with content-hashed names
//! (`pespro.<hash>.wasm`, cargo-leptos' `hash-files`), so a changed file is
//! a new address and an old address never changes: those are kept for a
//! year without asking again. Anything else (icons, a bundle built without
//! hashing) is revalidated on each use, which costs a `304` and no body.
//! `make site` also writes brotli and gzip copies beside each file; the
//! file server sends the one the browser accepts and `Vary` says so, or a
//! shared cache on the way could hand brotli to a browser that asked for
//! gzip.
//!
//! Leptos' own fallback serves files too, but passes the file server only
//! the path and `Accept-Encoding`: no `If-Modified-Since` (so never a
//! `304`) and every `HEAD` turned into a `GET`. So site files are served
//! here, with the whole request, before that fallback is reached.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// A year: the longest lifetime browsers honour.
const HASHED: &str = "public, max-age=31536000, immutable";
/// Kept, but checked with the server before each use.
const REVALIDATE: &str = "no-cache";

/// Files under the site root carry no personal data and need no session.
pub fn is_site_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/brand/") || path == "/favicon.svg"
}

/// The site root's file server and whether the bundle's names are hashed.
#[derive(Clone)]
pub struct SiteFiles {
    files: ServeDir,
    hashed: bool,
}

impl SiteFiles {
    pub fn new(site_root: &str, hashed: bool) -> Self {
        Self { files: ServeDir::new(site_root).precompressed_br().precompressed_gzip(), hashed }
    }
}

/// Answers a request for a site file that exists; anything else (a missing
/// file included) goes on to the router, whose fallback renders the page
/// or the "not found" page.
pub async fn serve(State(site): State<SiteFiles>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !matches!(*request.method(), Method::GET | Method::HEAD) || !is_site_file(path) {
        return next.run(request).await;
    }
    let lifetime = if site.hashed && path.starts_with("/pkg/") { HASHED } else { REVALIDATE };
    let (parts, _no_body) = request.into_parts();
    let ask = Request::from_parts(parts.clone(), Body::empty());
    let Ok(answer) = site.files.oneshot(ask).await;
    if !(answer.status().is_success() || answer.status() == StatusCode::NOT_MODIFIED) {
        return next.run(Request::from_parts(parts, Body::empty())).await;
    }
    let mut answer = answer.into_response();
    let headers = answer.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    answer
}
