//! How the console answers: a page (rendered by `app::console`, which
//! escapes every value) with its status, never cached since pages name firms
//! and people; or a redirect after a form post.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pespro::staff::StaffMember;

/// A whole console document, as `app::console` rendered it.
pub fn respond(status: StatusCode, document: String) -> Response {
    let mut response = (status, Html(document)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A page with only a title (and perhaps a message): "no such firm".
pub fn message(status: StatusCode, title: &str, signed_in: Option<&StaffMember>, text: Option<&str>) -> Response {
    respond(status, app::console::message_html(title, signed_in, text))
}

/// After a form post: the browser loads `to` with a GET.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}
