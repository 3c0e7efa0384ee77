//! Headers every answer carries, so a browser limits what a page of ours
//! can be made to do: no framing by other sites (clickjacking), no content
//! sniffing, no full addresses (which may hold a reset token) sent to other
//! sites, HTTPS remembered when it is on, and a Content-Security-Policy.
//!
//! Leptos pages get a policy with the per-response nonce that Leptos puts
//! on its inline hydration scripts ([`page_policy`], set while the page
//! renders); every other answer (the console, plain pages, files, JSON)
//! gets [`STRICT_POLICY`], which allows no script at all.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// For answers that are not hydrated pages: nothing runs.
pub const STRICT_POLICY: &str = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The policy of a hydrated page: scripts only from this host or inline
/// with this response's nonce, and WebAssembly compiled from them. Inline
/// styles stay allowed (the firm's colours are CSS custom properties in the
/// page's head); a style cannot run code.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
}

/// A year, the usual value once HTTPS is known to work.
const HSTS: &str = "max-age=31536000";

pub async fn add(State(https): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_POLICY));
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_policy_allows_only_its_own_nonce_inline() {
        let policy = page_policy("abc123");
        let scripts = policy.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert_eq!(scripts.trim(), "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'");
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn the_strict_policy_runs_no_script() {
        assert!(STRICT_POLICY.contains("script-src 'none'"));
        assert!(STRICT_POLICY.contains("frame-ancestors 'none'"));
    }
}
