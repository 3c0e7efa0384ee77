//! The answers the server gives before any firm is known, or when the app
//! cannot run for a request: their status, headers and words. The page
//! itself is a Leptos view (`app::plain_page`), self-contained, so it
//! reveals nothing about which firms exist.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use pespro::brand::DisplayName;

/// `title` and `message` are plain text: the view escapes them.
fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let mut response = (status, Html(app::plain_page::plain_page_html(title, message))).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub fn unknown_host() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Nothing here",
        "This address is not connected to any workspace. Check the link you followed, \
         or ask your firm for the right address.",
    )
}

pub fn suspended(firm: &DisplayName) -> Response {
    page(
        StatusCode::FORBIDDEN,
        "This workspace is suspended",
        &format!(
            "{}'s workspace is suspended. Its data is kept safe, but it can't be used right now. \
             Please contact your firm's administrator.",
            firm.as_str()
        ),
    )
}

pub fn updating(firm: &DisplayName) -> Response {
    let mut response = page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Down for maintenance",
        &format!(
            "{}'s workspace is being updated and will be back shortly. Please try again in a few minutes.",
            firm.as_str()
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
        "This request did not come from this site's own pages, so it was refused. \
         Go back to the page, reload it, and try again.",
    )
}

/// The database did not answer while checking who is signed in.
pub fn unavailable() -> Response {
    let mut response = page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Temporarily unavailable",
        "We couldn't check your sign-in just now. Please try again in a moment.",
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
    response
}

/// A request refused for a reason the person should read (`title` and
/// `message` are plain text).
pub fn refused(status: StatusCode, title: &str, message: &str) -> Response {
    page(status, title, message)
}

#[cfg(test)]
mod tests {
    use app::plain_page::plain_page_html;

    #[test]
    fn a_firm_s_name_is_text_on_a_plain_page_never_markup() {
        let html = plain_page_html("<b>A & B</b>", "Acme <script>alert(1)</script>'s workspace");
        assert!(html.contains("<h1>&lt;b&gt;A &amp; B&lt;/b&gt;</h1>"), "{html}");
        assert!(html.contains("Acme &lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
    }

    #[test]
    fn a_plain_page_is_a_whole_document_with_its_style_inline() {
        let html = plain_page_html("Nothing here", "This address is not connected to any workspace.");
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{html}");
        assert!(html.contains("<title>Nothing here</title>") && html.contains("<style>body{"), "{html}");
        assert!(!html.contains("<link") && !html.contains("<script"), "no asset is fetched: {html}");
    }
}
