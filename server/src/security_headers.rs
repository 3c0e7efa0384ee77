//! Headers every answer carries, so a browser limits what a page of ours
//! can be made to do: no framing by other sites (clickjacking), no content
//! sniffing, no full addresses (which may hold a reset token) sent to other
//! sites, HTTPS remembered when it is on, and a Content-Security-Policy.
//!
//! A Leptos page gets a policy naming the per-response nonce that Leptos
//! puts on its inline scripts ([`page_policy`]). The nonce is read from the
//! page itself — the hydration script's tag, the first thing in its head,
//! which no text a person typed can imitate (`<` is always escaped) — so
//! the header always matches the scripts it allows. (Setting it through
//! Leptos' `ResponseOptions` while rendering was tried first: now and then
//! a page went out without it, and then nothing hydrated.) Every other
//! answer (the console, plain pages, files, JSON) gets [`STRICT_POLICY`],
//! which allows no script at all.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use futures::StreamExt;

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

/// How a Leptos page's hydration script begins.
const HYDRATION_SCRIPT: &[u8] = b"<script type=\"module\" nonce=\"";

pub async fn add(State(https): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        response = with_content_policy(response).await;
    }
    let headers = response.headers_mut();
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

/// Reads the first chunk of an HTML answer for the hydration script's
/// nonce and sets the policy to match; the chunk is sent on unchanged.
async fn with_content_policy(response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let (mut parts, body) = response.into_parts();
    let (policy, body) = if is_html {
        let mut chunks = body.into_data_stream();
        let first = chunks.next().await;
        let nonce = first.as_ref().and_then(|chunk| chunk.as_ref().ok()).and_then(|bytes| page_nonce(bytes));
        let policy = nonce.map(|n| page_policy(&n)).unwrap_or_else(|| STRICT_POLICY.to_owned());
        (policy, Body::from_stream(futures::stream::iter(first).chain(chunks)))
    } else {
        (STRICT_POLICY.to_owned(), body)
    };
    if let Ok(value) = HeaderValue::from_str(&policy) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, body)
}

/// The nonce of the page's hydration script, if the page has one.
fn page_nonce(html: &[u8]) -> Option<String> {
    let start = html.windows(HYDRATION_SCRIPT.len()).position(|w| w == HYDRATION_SCRIPT)? + HYDRATION_SCRIPT.len();
    let length = html[start..].iter().take(64).position(|b| *b == b'"')?;
    let nonce = std::str::from_utf8(&html[start..start + length]).ok()?;
    nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_+/=".contains(&b)).then(|| nonce.to_owned())
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
    fn a_page_nonce_is_read_from_its_hydration_script() {
        let html = br#"<head><title>nonce="fake"</title><script type="module" nonce="AbC-12_x">x</script>"#;
        assert_eq!(page_nonce(html).as_deref(), Some("AbC-12_x"));
    }

    #[test]
    fn a_page_without_a_hydration_script_has_no_nonce() {
        assert_eq!(page_nonce(b"<p>nonce=\"typed\"</p>"), None);
        assert_eq!(page_nonce(br#"<script type="module" nonce="a b">"#), None, "no odd characters");
    }

    #[test]
    fn the_strict_policy_runs_no_script() {
        assert!(STRICT_POLICY.contains("script-src 'none'"));
        assert!(STRICT_POLICY.contains("frame-ancestors 'none'"));
    }
}
