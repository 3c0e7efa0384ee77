//! Pages served before any firm is known, so they are plain, self-contained
//! HTML: no app, no assets, nothing that could reveal which firms exist.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use pespro::brand::DisplayName;

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;\
         padding:0 1rem;color:#1e293b;line-height:1.5}}h1{{font-size:1.5rem}}</style></head>\
         <body><h1>{title}</h1>{body}</body></html>"
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn unknown_host() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Nothing here",
        "<p>This address is not connected to any workspace. Check the link you followed, \
         or ask your firm for the right address.</p>",
    )
}

pub fn suspended(firm: &DisplayName) -> Response {
    page(
        StatusCode::FORBIDDEN,
        "This workspace is suspended",
        &format!(
            "<p>{}'s workspace is suspended. Its data is kept safe, but it can't be used right now. \
             Please contact your firm's administrator.</p>",
            escape(firm.as_str())
        ),
    )
}

pub fn updating(firm: &DisplayName) -> Response {
    let mut response = page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Down for maintenance",
        &format!(
            "<p>{}'s workspace is being updated and will be back shortly. Please try again in a few minutes.</p>",
            escape(firm.as_str())
        ),
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("120"));
    response
}

/// A write that did not come from this site's own pages.
pub fn cross_site() -> Response {
    page(
        StatusCode::FORBIDDEN,
        "Request refused",
        "<p>This request did not come from this site's own pages, so it was refused. \
         Go back to the page, reload it, and try again.</p>",
    )
}

/// The database did not answer while checking who is signed in.
pub fn unavailable() -> Response {
    let mut response = page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Temporarily unavailable",
        "<p>We couldn't check your sign-in just now. Please try again in a moment.</p>",
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
    response
}

/// A request refused for a reason the person should read (`title` and
/// `message` are plain text).
pub fn refused(status: StatusCode, title: &str, message: &str) -> Response {
    page(status, &escape(title), &format!("<p>{}</p>", escape(message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firm_names_are_escaped_in_plain_pages() {
        assert_eq!(escape("<b>A & B</b>"), "&lt;b&gt;A &amp; B&lt;/b&gt;");
    }
}
